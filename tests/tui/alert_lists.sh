#!/bin/sh
# Alert guests (domain.md §5): June's list — red first with the month's figures, the light
# shown in bold, l going round red only, yellow only and all, and the list at the smallest size.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/alert_data.sh"
"$MAITRE" init > /dev/null
alert_guests
alert_june
note "June: 孙先生 red (no visit), 王先生 yellow (one visit, short of his tier)"
screen <<'KEYS'
key F6
key [
snap red first, with June's figures
attr ●● RED
attr ● YELLOW
key l
snap red only
key l
snap yellow only
key l
size 80 24
snap at the smallest size
KEYS
finish
