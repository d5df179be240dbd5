#!/bin/sh
# maitre complaint ack | step | resolve | followup | close — the whole recovery of a complaint,
# its five steps ticked and unticked, and each move its status does not allow refused.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_logged

note "the whole recovery of complaint 1: acknowledge, the five steps, resolve, follow up, close"
now "2026-06-30 13:10:00"
run complaint ack 1 --note 经理已到桌边向客人致歉
run complaint ack 1
run complaint step 1 1
run complaint step 1 2
run complaint step 1 3
run complaint step 1 3
run complaint step 1 4 --undo
run complaint step 1 3 --undo
now "2026-06-30 13:12:00"
run complaint step 1 3
run complaint close 1
now "2026-06-30 13:40:00"
run complaint resolve 1 --resolution 撤下该菜，全单免费，陪客人去医院检查 --compensation 920
run complaint step 1 4
run complaint resolve 1 --resolution again
run complaint close 1
now "2026-06-30 14:00:00"
run complaint show 1
now "2026-07-02 10:00:00"
run complaint followup 1 --verdict satisfied --note 客人已无大碍，感谢处理及时
now "2026-07-02 10:05:00"
run complaint close 1
run complaint close 1
run complaint step 1 5 --undo
run complaint show 1
finish
