#!/bin/sh
# The dashboard of an empty database: every figure zero, the tiers' absence said, and a
# figure's list empty.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
note "an empty database"
screen <<'KEYS'
key F4
snap nothing yet
key Enter
snap the tier's list is empty
KEYS
finish
