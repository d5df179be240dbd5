#!/bin/sh
# The sensitive fields on the card and in the form, for a receptionist (issue 15): each reads
# "hidden — manager", dim, set or not; the birthday shows its month and day only; the form
# does not let them be typed into, and its save keeps what is stored.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13912345678 --set income=月入五万 \
	--set health=糖尿病 --birthday 1978-07-02 > /dev/null
# the terminal's login is a receptionist
sqlite3 "$MAITRE_DB" "UPDATE staff SET role = 'receptionist' WHERE login = '$LOGIN'"
screen <<'KEYS'
type 孙
key Enter
snap the card: the sensitive fields hidden, the birthday without its year
attr hidden — manager
key e
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
snap the form: the sensitive fields hidden, not empty; the cursor on the income
type x
snap typing into one is refused and says so
key ^S
snap saved
KEYS
note "the save kept what the receptionist could not see"
sqlite3 "$MAITRE_DB" "UPDATE staff SET role = 'manager' WHERE login = '$LOGIN'"
run guest show 1
finish
