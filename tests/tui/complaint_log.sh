#!/bin/sh
# Complaints: logging one from the guest card in two keys (a refused field, a locked database),
# and Esc asking before what was typed is dropped.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests

note "logging a complaint from the card: C, the text, Enter"
screen <<'KEYS'
type sxs
key Enter
expect 花生
key C
snap the form: other, medium, the last visit, the owner; the safety block on top
key Enter
snap nothing typed: not logged, the field says why
type 汤里有头发
key Tab ^U
type 99
key Tab
snap visit 99 is not one of his: refused as it is left
key BTab ^U
type 1
key BTab BTab BTab Space Space
snap category: Space changes it
key Tab h
key Tab
busy 200
lock
key Enter
snap the database is locked: everything typed is kept
unlock
key Enter
snap logged: the card shows it among the open complaints
KEYS
run complaint list --format tsv

note "Esc asks before dropping what was typed"
screen <<'KEYS'
type wz
key Enter C
type 服务员态度差
key Esc
expect Leave without logging this complaint?
type n
expect 服务员态度差
key Esc
type y
snap back on the card, nothing logged
KEYS
finish
