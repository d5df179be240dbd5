#!/bin/sh
# Editing a guest erased meanwhile (issue 16): the save is refused and said as an erasure, the
# form does not offer a merge with "erased #1" that keeps our values and ^S refuses forever,
# and nothing of the typed name reaches the file.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest new
note "another terminal erases the guest while the form is open"
screen <<'KEYS'
type sxs
key Enter e
key Down
type 丙
run "$MAITRE" guest erase 1 --reason 'asked by phone' > /dev/null
key ^S
snap refused: the guest was erased meanwhile, no merge offered
expect was erased meanwhile
key ^S
expect was erased meanwhile
KEYS
run guest show 1
finish
