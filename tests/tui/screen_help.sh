#!/bin/sh
# The frame: the help screen generated from the action table (F1, and ? on an empty query).
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/screen_data.sh"
screen_guests
screen <<'KEYS'
size 120 40
type evil
key F1
snap help from the action table
key q ^U
type ?
snap on an empty query ? is help too
key q
KEYS
finish
