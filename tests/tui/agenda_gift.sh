#!/bin/sh
# The agenda: marking a birthday's gift given from the list (m) — asked first, then given, and
# refused once given.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/agenda_data.sh"
"$MAITRE" init > /dev/null
agenda_guests
# 孙先生's overdue call made today, as agenda_contact.sh logs it: the birthday is the second row
"$MAITRE" contact log 1 --channel phone --outcome 打通了，周五来吃饭 > /dev/null
screen <<'KEYS'
size 80 24
key F8
key Down
type m
snap asks first
type y
snap the gift given
type m
snap already given
KEYS
finish
