#!/bin/sh
# Editing a guest: associated people with their own allergies and dates, kept theirs when the
# person is edited; a preference naming a relation two people share is refused until the name
# says which.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest merged
note "associated people with their own allergies and dates"
screen <<'KEYS'
type sxs
key Enter e
key ^N ^N ^N ^N ^N ^N ^N ^N a
type driver 王师傅; waits in the car
key Enter
key ^P ^P ^P ^P ^P ^P a
type driver · allergy: 花生 critical
key Enter
key ^N ^N ^N ^N ^N a
type 王师傅 · birthday 1980-07-02
key Enter
snap the driver, his allergy and his birthday in the lists
key Down Down Down Enter ^U
type driver 王师傅; waits by the door
key Enter
snap the driver edited: his allergy and birthday are still his
key ^S
snap the card: the driver's allergy in the safety block, his birthday coming up
KEYS
note "two sons: a preference names which one"
"$MAITRE" guest edit 1 --add-person son:小明 --add-person son:小强 > /dev/null
screen <<'KEYS'
type sxs
key Enter e
key ^N ^N a
type son · allergy: 虾 high
key Enter
snap ambiguous: said, nothing added
key a
type son 小强 · allergy: 虾 high
key Enter
key ^S
snap saved: the card names 小强 with the allergy
KEYS
finish
