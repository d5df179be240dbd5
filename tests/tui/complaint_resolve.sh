#!/bin/sh
# Complaints: resolving one two days later, past its resolve deadline — the overdue head, the
# resolution required, a compensation refused and given.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_sun acked

note "resolved two days later, past the resolve deadline"
export MAITRE_NOW="2026-07-02 21:00:00"
screen <<'KEYS'
key F7 End Enter
snap overdue: the head says which deadline and how late
attr ! OVERDUE
size 80 24
expect 1h 55m late
snap at 80x24 the status is wrapped: how late is not cut
size 100 30
key r
key Enter
snap a resolution is required
type 重做一碗汤，经理致歉
key Enter
type abc
key Enter
snap compensation abc: refused with the reason, asked again
key ^U
type ¥120
key Enter
snap resolved with ¥120 compensation, late
KEYS
finish
