#!/bin/sh
# Several terminals on one database: a screen shows what another process changed within its
# idle second (PRAGMA data_version), keeping the selection and what is being typed.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13912345678 > /dev/null
"$MAITRE" guest add --name 孙主任 --family-name 孙 --phone 13800005678 > /dev/null
screen <<'KEYS'
type 孙
snap two guests, 孙先生 selected (neither came: by id)
run "$MAITRE" guest edit 1 --add-allergy 芒果:high > /dev/null
tick
snap the new allergy shows; the selection stays
key Enter
run "$MAITRE" visit add 1 --date 2026-06-30 --meal dinner --covers 3 --spend 600 > /dev/null
tick
snap the card shows the visit entered elsewhere
key v
type 5
run "$MAITRE" guest edit 1 --set position=主任 > /dev/null
tick
snap a form being typed is left alone
KEYS
finish
