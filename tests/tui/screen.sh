#!/bin/sh
# The frame: resize at any moment, a clear screen below 80×24, the help generated from the
# action table, the ':' line with completion, guest data with escape sequences shown
# harmlessly, and the Chinese interface.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 'Evil Guy' --phone 13912345678 --employer 'Acme' > /dev/null
"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13800001111 --taboo 猪肉:high > /dev/null
# written by some other tool straight into the file: escape sequences in the name and employer
sqlite3 "$MAITRE_DB" "UPDATE guest SET name = 'Evil' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || ' Guy', employer = 'Ac' || char(27) || '[31mme' WHERE id = 1"
screen <<'KEYS'
type evil
snap escape sequences shown in caret notation, never sent
key Enter
snap the card too
key Esc
size 60 20
snap too small
size 120 40
snap big again: the lookup as it was
key F1
snap help from the action table
key q ^U
type ?
snap on an empty query ? is help too
key q
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
note "combining marks stay with their letter (a name stored decomposed)"
"$MAITRE" guest add --name "$(printf 'Thi\314\201 Phu\314\233\314\200')" > /dev/null
screen <<'KEYS'
type thi phu
snap
KEYS
note "the Chinese interface"
( export LANGUAGE=zh_CN
screen <<'KEYS'
type sun
snap lookup in Chinese
key Enter
snap the card in Chinese
key ?
snap help in Chinese
KEYS
)
note "no terminal: a clear refusal"
run
finish
