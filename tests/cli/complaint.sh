#!/bin/sh
# maitre complaint add | list | show | ack | step | resolve | followup | close | reopen —
# complaints, the five steps of recovery and the deadlines (domain.md §6).
. "$TESTS_SRCDIR/cli/lib.sh"

# Every command here runs at a clock fixed by MAITRE_NOW, so clock times are data to check,
# not noise: mask only the temporary directory and the login.
mask() {
	sed -e "s|$TMP|\$TMP|g" -e "s/\\b$LOGIN\\b/\$LOGIN/g"
}

# now "YYYY-MM-DD HH:MM:SS" — the clock of the commands that follow
now() {
	MAITRE_NOW=$1
	export MAITRE_NOW
	note "now $1"
}

now "2026-06-30 11:00:00"
run init
"$MAITRE" guest add --name 孙先生 --family-name 孙 --allergy 花生:critical --taboo 猪肉 > /dev/null
"$MAITRE" guest add --name 唐总 --family-name 唐 > /dev/null
"$MAITRE" visit add 1 --date 2026-06-29 --meal dinner --covers 6 --spend 920 > /dev/null
"$MAITRE" visit add 2 --date 2026-06-29 --meal dinner --covers 2 --spend 300 > /dev/null
"$MAITRE" visit add 2 --date 2026-06-28 --meal lunch --covers 2 --spend 100 > /dev/null
"$MAITRE" visit void 3 --reason 录错了 > /dev/null

note "a complaint is logged; the guest's allergy is the kind of incident that is critical"
now "2026-06-30 12:00:00"
run complaint add 1 --category food --severity critical --text 菜里有花生，客人花生过敏 \
	--visit 1 --staff 小王 --owner lina
now "2026-06-30 12:30:00"
run complaint add 2 --category waiting-time --severity medium --text 上菜太慢，等了四十分钟 \
	--channel phone --owner wang
run complaint list

note "bad input: the message names the field and the value; nothing is written"
run complaint add
run complaint add 1 --severity high --text x
run complaint add 1 --category food --text x
run complaint add 1 --category food --severity high
run complaint add x --category food --severity high --text x
run complaint add 99 --category food --severity high --text x
run complaint add 1 --category drinks --severity high --text x
run complaint add 1 --category food --severity x --text x
run complaint add 1 --category food --severity '' --text x
run complaint add 1 --category food --severity high --text x --channel email
run complaint add 1 --category food --severity high --text ''
run complaint add 1 --category food --severity high --text x --visit abc
run complaint add 1 --category food --severity high --text x --visit 2
run complaint add 1 --category food --severity high --text x --visit 42
run complaint add 2 --category food --severity high --text x --visit 3
run complaint add 1 --category food --severity high --text x --owner 'li na'
run complaint add 1 --category food --severity high --text x --staff "$(printf '小王\033[31m')"
run complaint add 1 --category food --severity high --text x --bogus
run complaint add 1 2 --category food --severity high --text x
run complaint list --guest x
run complaint list --owner nobody
run complaint list 1
run complaint show
run complaint show abc
run complaint show 99
run complaint ack 99
run complaint ack x
run complaint step 1
run complaint step 1 6
run complaint step 1 x
run complaint resolve 1
run complaint resolve 1 --resolution ''
run complaint resolve 1 --resolution x --compensation -5
run complaint resolve 1 --resolution x --compensation abc
run complaint followup 1 --verdict maybe --note x
run complaint followup 1 --note x
run complaint followup 1 --verdict satisfied
run complaint followup 1 --verdict satisfied --note ''
run complaint reopen 1
run complaint reopen 1 --reason ''
run complaint list

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

note "complaint 3's follow-up call is due 7 days after its resolution, to the second"
now "2026-07-08 10:00:00"
run complaint list --overdue
now "2026-07-08 10:00:01"
run complaint list --overdue
run complaint list --open
run complaint list --owner lina
run complaint list --guest 2 --open
run complaint list --overdue --owner lina --format tsv
run complaint list --format csv
run complaint list --guest 1 --format json

note "the guest is not satisfied: reopened from followed_up"
now "2026-07-08 11:00:00"
run complaint followup 3 --verdict unsatisfied --note 客人认为道歉不够诚恳
now "2026-07-08 11:05:00"
run complaint reopen 3 --reason 回访不满意，由经理重新处理
run complaint show 3

note "complaint 2 is acknowledged at last: late, and its resolution is still overdue"
now "2026-07-08 12:00:00"
run complaint ack 2 --note 已致电道歉
run complaint show 2

note "without --owner, whoever logs the complaint owns it"
now "2026-07-08 12:30:00"
run complaint add 1 --category price --severity low --text 酒水价格比菜单贵
run complaint list --owner "$LOGIN" --format tsv

run help complaint
finish
