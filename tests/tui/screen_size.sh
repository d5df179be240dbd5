#!/bin/sh
# The frame and the terminal: below 80×24 a clear screen saying so, resized back the screen as
# it was, and without a terminal at all a clear refusal.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/screen_data.sh"
screen_guests
screen <<'KEYS'
type evil
size 60 20
snap too small
size 120 40
snap big again: the lookup as it was
KEYS
note "no terminal: a clear refusal"
run
finish
