#!/bin/sh
# The sales manager's agenda (domain.md §7): nothing due on an empty database; then calls and
# visits due or overdue under the tier's cadence, the week's birthdays and anniversaries with
# the gift, banquets due, at the usual and the smallest size; Enter opens the row's guest.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/agenda_data.sh"
"$MAITRE" init > /dev/null
note "an empty database: nothing due"
screen <<'KEYS'
key F8
snap nothing due
KEYS
agenda_guests
note "my agenda: 孙先生's call overdue, the visits due, 孙先生's birthday on 3 July with its gift"
screen <<'KEYS'
key F8
snap my agenda
attr 7 days overdue
size 80 24
snap at the smallest size
key Enter
expect 孙先生
key Esc
KEYS
finish
