#!/bin/sh
# Complaints: one taken through its recovery on the evening it was logged — a move its status
# does not allow, acknowledging, the recovery steps ticked and unticked.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_sun logged

note "acknowledged and steps ticked on the evening it was logged"
export MAITRE_NOW="2026-06-30 19:20:00"
screen <<'KEYS'
key F7 End Enter
snap the complaint: guest, safety block, steps, deadlines, timeline
key f
snap a move the status does not allow: refused with the reason
key a
type 已向客人道歉，马上处理
key Enter
snap acknowledged: resolve now in the hints
key 1 2 3
key 2
snap steps 1 and 3 ticked, 2 ticked and unticked
KEYS
finish
