#!/bin/sh
# The dashboard's figures of today's work open their screens: the red alerts, the overdue
# complaints, the agenda for the special dates and gifts; Esc comes back to the same figure.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/dashboard_data.sh"
"$MAITRE" init > /dev/null
dashboard_guests
dashboard_late_lunch

note "today's figures open their screens; back to the same figure"
screen <<'KEYS'
key F4
key End
key BTab BTab BTab BTab
key Enter
snap the red alerts open in their screen
key Esc
key Tab Tab
key Enter
snap the overdue complaints
key Esc
key Tab
key Enter
snap the agenda for the dates and gifts
KEYS
finish
