# complaint_data.sh — the restaurant of the complaint screen tests (sourced by
# tests/tui/complaint*.sh after tests/tui/lib.sh), so that each of them starts where its
# behaviour does.
#
# complaint_guests: 孙先生 (peanuts, pork; two visits), 王总 and Mr. Whitfield, with 王总's
#   complaint of today (nobody acknowledged it, due 12:00), Mr. Whitfield's (lina's,
#   acknowledged on the 28th, not resolved by the 30th 12:00) and an old one of 王总's, closed.
# complaint_sun STAGE: complaint 4, 孙先生's soup, taken to STAGE as the screens take it in
#   tests/tui/complaint_log.sh, _ack.sh, _resolve.sh, _followup.sh and _reopen.sh:
#   logged (2026-06-30 19:05), acked (19:20: acknowledged, steps 1 and 3 ticked, 2 ticked and
#   unticked), resolved (07-02 21:00, ¥120), closed (07-04 11:00: followed up, closed) or
#   reopened (then reopened).
complaint_guests() {
	"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13912345678 --allergy 花生:critical \
		--taboo 猪肉:high > /dev/null
	"$MAITRE" guest add --name 王总 --family-name 王 --phone 13800001111 > /dev/null
	"$MAITRE" guest add --name 'Mr. Whitfield' --phone 13700002222 > /dev/null
	"$MAITRE" visit add 1 --date 2026-06-12 --meal dinner --covers 4 --spend 880 > /dev/null
	"$MAITRE" visit add 1 --date 2026-06-28 --meal lunch --covers 2 --spend 360 > /dev/null
	MAITRE_NOW="2026-06-30 10:00:00" "$MAITRE" complaint add 2 --category waiting_time \
		--severity medium --text '等了四十分钟才上菜' > /dev/null
	MAITRE_NOW="2026-06-28 12:00:00" "$MAITRE" complaint add 3 --category food --severity high \
		--text 'cold soup, twice' --owner lina > /dev/null
	MAITRE_NOW="2026-06-28 12:30:00" "$MAITRE" complaint ack 2 > /dev/null
	MAITRE_NOW="2026-06-01 20:00:00" "$MAITRE" complaint add 2 --category price --severity low \
		--text '酒水价格不清楚' > /dev/null
	MAITRE_NOW="2026-06-01 20:30:00" "$MAITRE" complaint ack 3 > /dev/null
	MAITRE_NOW="2026-06-01 21:00:00" "$MAITRE" complaint resolve 3 --resolution '送果盘' > /dev/null
	MAITRE_NOW="2026-06-03 10:00:00" "$MAITRE" complaint followup 3 --verdict satisfied \
		--note '说下次还来' > /dev/null
	MAITRE_NOW="2026-06-03 10:05:00" "$MAITRE" complaint close 3 > /dev/null
}

complaint_sun() {
	MAITRE_NOW="2026-06-30 19:05:00" "$MAITRE" complaint add 1 --visit 1 --category service \
		--severity high --text 汤里有头发 > /dev/null
	[ "$1" = logged ] && return 0
	export MAITRE_NOW="2026-06-30 19:20:00"
	"$MAITRE" complaint ack 4 --note 已向客人道歉，马上处理 > /dev/null
	for step in 1 2 3; do "$MAITRE" complaint step 4 $step > /dev/null; done
	"$MAITRE" complaint step 4 2 --undo > /dev/null
	export MAITRE_NOW="2026-06-30 19:05:00"
	[ "$1" = acked ] && return 0
	MAITRE_NOW="2026-07-02 21:00:00" "$MAITRE" complaint resolve 4 \
		--resolution 重做一碗汤，经理致歉 --compensation 120 > /dev/null
	[ "$1" = resolved ] && return 0
	export MAITRE_NOW="2026-07-04 11:00:00"
	"$MAITRE" complaint followup 4 --verdict satisfied --note 客人表示满意 > /dev/null
	"$MAITRE" complaint close 4 > /dev/null
	if [ "$1" = closed ]; then
		export MAITRE_NOW="2026-06-30 19:05:00"
		return 0
	fi
	"$MAITRE" complaint reopen 4 --reason 客人又来电话说还是不满意 > /dev/null
	export MAITRE_NOW="2026-06-30 19:05:00"
}
