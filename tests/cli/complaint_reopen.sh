#!/bin/sh
# maitre complaint reopen — a closed complaint reopened for a new round (fresh deadlines, a
# clear checklist, compensation adding up), and one reopened after an unsatisfied follow-up.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_logged
complaint_recovered
complaint_third

note "complaint 1 is reopened after it was closed: a new round, with fresh deadlines and a"
note "clear checklist; more compensation adds to what was given"
now "2026-07-05 09:00:00"
run complaint reopen 1 --reason 客人来电：同桌孩子也过敏，要求书面道歉
run complaint reopen 1 --reason again
now "2026-07-05 09:20:00"
run complaint ack 1
run complaint step 1 2
now "2026-07-05 11:00:00"
run complaint resolve 1 --resolution 寄出书面道歉信，赠送生日宴一桌 --compensation 500
run complaint show 1

note "the guest is not satisfied: reopened from followed_up"
now "2026-07-08 11:00:00"
run complaint followup 3 --verdict unsatisfied --note 客人认为道歉不够诚恳
now "2026-07-08 11:05:00"
run complaint reopen 3 --reason 回访不满意，由经理重新处理
run complaint show 3
finish
