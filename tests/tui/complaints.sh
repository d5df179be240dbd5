#!/bin/sh
# Complaints (domain.md §6): the lists — open, overdue, mine and all — with an overdue complaint
# in the overdue style, "!" and how late. Filters, logging, a complaint's recovery and the
# Chinese screens are in tests/tui/complaint_*.sh.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/complaint_data.sh"
"$MAITRE" init > /dev/null
note "an empty database"
screen <<'KEYS'
key F7
snap no open complaints
key a
snap none at all: where to log one
KEYS
complaint_guests
complaint_sun logged

note "the lists: open (overdue ones marked), overdue, mine, all"
screen <<'KEYS'
key F7
snap open: two overdue, marked with !
key End
attr ! ack 7h 5m late
attr ! resolve 7h 5m late
key d
snap overdue only
key m
snap mine: the ones I own that are not closed
key a
snap all, the closed one too
key l
snap l goes round to open again
KEYS
finish
