#!/bin/sh
# The agenda: logging a contact from the list (c) — the channel asked with the row's own as
# default, the outcome typed, and the call done leaves the list.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/agenda_data.sh"
"$MAITRE" init > /dev/null
agenda_guests
screen <<'KEYS'
size 80 24
key F8
type c
snap the channel asked, the row's own as default
key Enter
type 打通了，周五来吃饭
key Enter
snap the call logged: it leaves the list
KEYS
finish
