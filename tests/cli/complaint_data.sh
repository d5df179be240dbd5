# complaint_data.sh — the restaurant of the complaint command tests (sourced by
# tests/cli/complaint_*.sh after tests/cli/lib.sh), so that each of them starts where its
# behaviour does. Each step runs quietly at the clock the scripts showed it at, so that the
# deadlines and timelines come out the same whichever script takes the story further.
#
# mask, now: every command here runs at a clock fixed by MAITRE_NOW, so clock times are data
#   to check, not noise: mask only the temporary directory and the login; `now TIME` sets the
#   clock of the commands that follow and notes it.
# complaint_guests: 孙先生 (#1: peanuts critical, pork) and 唐总 (#2); visit 1 is 孙先生's
#   dinner of the 29th, visit 2 唐总's, visit 3 唐总's lunch of the 28th, voided.
# complaint_logged: complaint 1 (孙先生, food, critical, visit 1, lina's; 06-30 12:00) and
#   complaint 2 (唐总, waiting time, medium, by phone, wang's; 12:30), neither acknowledged.
# complaint_recovered: complaint 1 taken through its recovery as complaint_recovery.sh takes
#   it: acknowledged (13:10), steps 1-3 ticked (3 unticked and ticked again at 13:12),
#   resolved with ¥920 and step 4 (13:40), followed up (07-02 10:00), closed (10:05).
# complaint_third: complaint 3 (唐总, service, visit 2, lina's; 07-01 09:00), acknowledged
#   and resolved at 10:00.
# complaint_round2: complaint 1 reopened (07-05 09:00), acknowledged with step 2 (09:20),
#   resolved again with ¥500 more (11:00).
# complaint_unsatisfied: complaint 3 followed up unsatisfied (07-08 11:00), reopened (11:05).
mask() {
	sed -e "s|$TMP|\$TMP|g" -e "s/\\b$LOGIN\\b/\$LOGIN/g"
}

now() {
	MAITRE_NOW=$1
	export MAITRE_NOW
	note "now $1"
}

# complaint_at TIME ARGS... — maitre ARGS at the clock TIME, quietly
complaint_at() {
	when=$1
	shift
	MAITRE_NOW=$when "$MAITRE" "$@" > /dev/null
}

complaint_guests() {
	complaint_at "2026-06-30 11:00:00" guest add --name 孙先生 --family-name 孙 \
		--allergy 花生:critical --taboo 猪肉
	complaint_at "2026-06-30 11:00:00" guest add --name 唐总 --family-name 唐
	complaint_at "2026-06-30 11:00:00" visit add 1 --date 2026-06-29 --meal dinner --covers 6 \
		--spend 920
	complaint_at "2026-06-30 11:00:00" visit add 2 --date 2026-06-29 --meal dinner --covers 2 \
		--spend 300
	complaint_at "2026-06-30 11:00:00" visit add 2 --date 2026-06-28 --meal lunch --covers 2 \
		--spend 100
	complaint_at "2026-06-30 11:00:00" visit void 3 --reason 录错了
}

complaint_logged() {
	complaint_at "2026-06-30 12:00:00" complaint add 1 --category food --severity critical \
		--text 菜里有花生，客人花生过敏 --visit 1 --staff 小王 --owner lina
	complaint_at "2026-06-30 12:30:00" complaint add 2 --category waiting-time \
		--severity medium --text 上菜太慢，等了四十分钟 --channel phone --owner wang
}

complaint_recovered() {
	complaint_at "2026-06-30 13:10:00" complaint ack 1 --note 经理已到桌边向客人致歉
	for step in 1 2 3; do complaint_at "2026-06-30 13:10:00" complaint step 1 $step; done
	complaint_at "2026-06-30 13:10:00" complaint step 1 3 --undo
	complaint_at "2026-06-30 13:12:00" complaint step 1 3
	complaint_at "2026-06-30 13:40:00" complaint resolve 1 \
		--resolution 撤下该菜，全单免费，陪客人去医院检查 --compensation 920
	complaint_at "2026-06-30 13:40:00" complaint step 1 4
	complaint_at "2026-07-02 10:00:00" complaint followup 1 --verdict satisfied \
		--note 客人已无大碍，感谢处理及时
	complaint_at "2026-07-02 10:05:00" complaint close 1
}

complaint_third() {
	complaint_at "2026-07-01 09:00:00" complaint add 2 --category service --severity high \
		--text 服务员态度冷淡 --staff 小李 --channel online_review --owner lina --visit 2
	complaint_at "2026-07-01 10:00:00" complaint ack 3
	complaint_at "2026-07-01 10:00:00" complaint resolve 3 --resolution 店长致电道歉，赠送下次菜品
}

complaint_round2() {
	complaint_at "2026-07-05 09:00:00" complaint reopen 1 \
		--reason 客人来电：同桌孩子也过敏，要求书面道歉
	complaint_at "2026-07-05 09:20:00" complaint ack 1
	complaint_at "2026-07-05 09:20:00" complaint step 1 2
	complaint_at "2026-07-05 11:00:00" complaint resolve 1 \
		--resolution 寄出书面道歉信，赠送生日宴一桌 --compensation 500
}

complaint_unsatisfied() {
	complaint_at "2026-07-08 11:00:00" complaint followup 3 --verdict unsatisfied \
		--note 客人认为道歉不够诚恳
	complaint_at "2026-07-08 11:05:00" complaint reopen 3 --reason 回访不满意，由经理重新处理
}
