#!/bin/sh
# The frame: the ':' command line — Tab completing a name (two candidates, then one), a screen
# opened by name, an unknown name refused, and :quit.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/screen_data.sh"
screen_guests
screen <<'KEYS'
size 120 40
key :
type to
key Tab
snap two candidates
type d
key Tab
snap completed
key Enter
snap the today screen opened by name
key :
type nosuch
key Enter
snap an unknown name
key : 
type quit
key Enter
KEYS
finish
