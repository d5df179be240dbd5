#!/bin/sh
# The attendance sheet: the days scrolling sideways under the frozen columns — a page of days
# on, the last days of a 31-day month, a day back — Enter opening the guest's card, and the
# sheet at the smallest screen.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/sheet_data.sh"
"$MAITRE" init > /dev/null
sheet_guests
screen <<'KEYS'
key :
type sheet 2026-05
key Enter
key Down
key Down
key Down
key Down
key L
snap a page of days on: the names stay, the figures stay
key L
key L
key L
snap the last days of May, up to the 31st
key Right
expect 31
key h
snap a day back
key Enter
expect 欧阳明月大酒店董事长
snap Enter: the guest's card
key Esc
size 80 24
snap at the smallest screen
KEYS
finish
