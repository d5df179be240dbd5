#!/bin/sh
# The agenda: another sales manager's agenda, asked for from mine (s) or by name (:agenda), and
# an unknown login refused both ways.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/agenda_data.sh"
"$MAITRE" init > /dev/null
agenda_guests
screen <<'KEYS'
size 80 24
key F8
type s
key ^U
type nobody
key Enter
snap an unknown login is refused
type s
key ^U
type wang
key Enter
snap wang's agenda
KEYS
note "another sales manager's agenda by name; an unknown one"
screen <<'KEYS'
type :agenda wang
key Enter
expect 王女士
type :agenda nobody
key Enter
snap refused
KEYS
finish
