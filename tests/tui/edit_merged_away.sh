#!/bin/sh
# Editing a guest merged into another meanwhile (issue 16): the save is refused by the store
# (nothing is written to a merged guest), and the form puts what was typed on the sheet of the
# guest it became, said so, for review; the next ^S saves it there — nothing typed is lost.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest new
"$MAITRE" guest add --name 孙立国 --phone 13900009999 > /dev/null
note "another terminal merges guest 1 into guest 2 while guest 1's form is open"
screen <<'KEYS'
type sxs
key Enter e
key Down
type 丙
run "$MAITRE" guest merge 2 1 > /dev/null
key ^S
snap the typed change put on guest 2's sheet, for review
key ^S
snap saved on guest 2: its card, the typed family name there
KEYS
run guest show 2
finish
