#!/bin/sh
# maitre complaint list --overdue | show — the deadlines: acknowledging due in 2 hours, to the
# second; resolving in time; the follow-up call due 7 days after the resolution; acknowledged
# late, the resolution still overdue.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_logged
complaint_recovered

note "complaint 2 was never acknowledged: in time at 2h00m00s, overdue from 2h00m01s"
now "2026-06-30 14:30:00"
run complaint list --overdue
now "2026-06-30 14:30:01"
run complaint list --overdue
now "2026-07-02 12:30:01"
run complaint list --overdue
run complaint show 2

note "complaint 3: acknowledged and resolved in time (about visit 2 of 唐总)"
now "2026-07-01 09:00:00"
run complaint add 2 --category service --severity high --text 服务员态度冷淡 --staff 小李 \
	--channel online_review --owner lina --visit 2
now "2026-07-01 10:00:00"
run complaint ack 3
run complaint resolve 3 --resolution 店长致电道歉，赠送下次菜品

complaint_round2

note "complaint 3's follow-up call is due 7 days after its resolution, to the second"
now "2026-07-08 10:00:00"
run complaint list --overdue
now "2026-07-08 10:00:01"
run complaint list --overdue

complaint_unsatisfied

note "complaint 2 is acknowledged at last: late, and its resolution is still overdue"
now "2026-07-08 12:00:00"
run complaint ack 2 --note 已致电道歉
run complaint show 2
finish
