#!/bin/sh
# Today's visits corrected: the form filled in with the visit's figures, saving voids it and
# enters the corrected one; a spend left untouched keeps its cents.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
visit_today entered
screen <<'KEYS'
key F3
snap today's visits
key e
snap correcting the first visit: its figures are filled in
key Tab ^U
type 380
key Enter
snap corrected: the old one voided, the new one there
KEYS
visit_today voided corrected
note "correcting a visit of ¥520.50 without touching the spend keeps ¥520.50"
"$MAITRE" visit add 2 --date 2026-06-30 --meal dinner --covers 3 --spend 520.5 > /dev/null
screen <<'KEYS'
key F3 End
expect 520.50
key e
expect 520.50
key ^U
type 4
key Enter
snap corrected: 4 covers, still 520.50
KEYS
run visit list --date 2026-06-30
finish
