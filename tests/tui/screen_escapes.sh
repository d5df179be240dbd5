#!/bin/sh
# The frame: guest data shown harmlessly — escape sequences written into the file by another
# tool appear in caret notation on the lookup and the card, never sent to the terminal, and a
# name stored decomposed keeps its combining marks with their letters.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/screen_data.sh"
screen_guests
screen <<'KEYS'
type evil
snap escape sequences shown in caret notation, never sent
key Enter
snap the card too
KEYS
note "combining marks stay with their letter (a name stored decomposed)"
"$MAITRE" guest add --name "$(printf 'Thi\314\201 Phu\314\233\314\200')" > /dev/null
screen <<'KEYS'
type thi phu
snap
KEYS
finish
