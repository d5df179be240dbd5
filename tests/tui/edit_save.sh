#!/bin/sh
# Editing a guest: a wrong field says which and why and keeps the form; a save the database
# refuses (locked) keeps everything typed and succeeds when tried again.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest new
screen <<'KEYS'
type sxs
key Enter e
key ^N ^N ^N Down
type 20
key Down
snap height 20: refused as it is left, the reason beside it
key ^S
expect Not saved: height cm
key ^U
type 175
key Down
busy 200
lock
key ^S
snap the database is locked: nothing lost
unlock
key ^S
snap saved: the card again
KEYS
run guest show 1
finish
