#!/bin/sh
# The lookup screen before anything is typed: the tips on what can be typed, wrapped at 80x24,
# not cut.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/lookup_data.sh"
"$MAITRE" init > /dev/null
lookup_guests
screen <<'KEYS'
snap the first screen
KEYS
note "at 80x24 the tips are wrapped, not cut"
screen <<'KEYS'
size 80 24
expect initials (sxs), the last digits of a phone number (5678), or three
expect F4 the dashboard.
snap the first screen at the smallest size
KEYS
finish
