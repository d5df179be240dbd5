#!/bin/sh
# The dashboard and a list behind one of its figures in the Chinese interface.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/dashboard_data.sh"
"$MAITRE" init > /dev/null
dashboard_guests
dashboard_late_lunch

note "the Chinese interface"
( export LANGUAGE=zh_CN
screen <<'KEYS'
key F4
snap the dashboard in Chinese
key Enter
snap a list in Chinese
KEYS
)
finish
