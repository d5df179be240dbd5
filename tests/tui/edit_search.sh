#!/bin/sh
# A new guest's form shows who they may already be: the guests whose name or phone match what
# is typed, the phone in any form it is written.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest merged
note "a new guest: search before create"
screen <<'KEYS'
type 139123
key ^N
snap the form opens with the phone; the guest with that phone is shown
key Down
type 孙
snap typing the name shows the match too
key Esc
expect Leave without saving
type y
KEYS
note "the phone typed finds who has it, whatever the name, in any form the number is written"
screen <<'KEYS'
type +86 139 1234 5678
key ^N
type 王女士
snap another name, the same phone: the guest who has the phone is shown
key Esc
expect Leave without saving
type y
KEYS
finish
