#!/bin/sh
# A visit being typed is not dropped by Esc unasked: n keeps the form, y leaves it.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
visit_today voided
note "a visit being typed is not dropped by Esc unasked"
screen <<'KEYS'
type wz
key ^V
type 6
key Esc
expect Leave without saving this visit?
type n
snap kept
key Esc
type y
snap left
KEYS
finish
