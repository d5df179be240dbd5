#!/bin/sh
# The dashboard at the smallest size (80x24): every figure still there, the bars shorter.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/dashboard_data.sh"
"$MAITRE" init > /dev/null
dashboard_guests
dashboard_late_lunch

note "at the smallest size"
screen <<'KEYS'
size 80 24
key F4
snap 80x24
KEYS
finish
