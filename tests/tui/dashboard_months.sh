#!/bin/sh
# The dashboard's month: [ and ] step through the months (one with no visits and no tiers says
# so), ':dashboard YYYY-MM' opens one by name and refuses what is not a month.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/dashboard_data.sh"
"$MAITRE" init > /dev/null
dashboard_guests
dashboard_late_lunch

note "the month before, a month with no visits, a month given by name"
screen <<'KEYS'
key F4
key [
snap May
key ] ]
expect No tiers stored for this month
expect movers: promoted  —   demoted  —
key ]
snap August: no visits, no tiers
key :
type dashboard 2026-06
key Enter
expect 2026-06
key Esc
key :
type dashboard June
key Enter
snap a month that is not one
KEYS
finish
