#!/bin/sh
# A shared login with nobody signed in: the door never waits. It opens straight in the lookup,
# searches and opens a card, and lists today's visits without a sign-in, and nothing on the way
# writes (the store would refuse it: no error may show). The status line says nobody acts.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/signin_data.sh"
signin_setup
before=$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM audit")
screen <<'KEYS'
snap the lookup at once: the shared login and "—" on the status line
type lm
key Enter
snap the card, read without a sign-in
key PgDn
key Esc
key F3
snap today's visits, without a sign-in
key F2
key Esc
KEYS
check "nothing was written by reading" test "$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM audit")" = "$before"
note "a login not on the staff: the interface does not open"
sqlite3 "$MAITRE_DB" "UPDATE staff SET login = 'someone' WHERE login = '$LOGIN'"
screen <<'KEYS'
snap never shown
KEYS
finish
