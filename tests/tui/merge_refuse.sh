#!/bin/sh
# Merging is the admin's: a receptionist is refused, by the key on the card and by ':merge',
# and told which role may.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/merge_data.sh"
merge_guests
sqlite3 "$MAITRE_DB" "UPDATE staff SET role = 'receptionist' WHERE login = '$LOGIN'"
screen <<'KEYS'
type 孙先生
key Enter
key M
expect needs the role
snap the merge key on the card: refused
type :merge 2
key Enter
expect needs the role
snap ':merge 2': the same refusal, the card stays
KEYS
check "nothing merged" test "$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM guest_merge")" = 0
finish
