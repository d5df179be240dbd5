#!/bin/sh
# The tier and alert rules decided in domain.md §4 and §5 where the handbook was silent (issue
# 19): complaints judged as at the end of the alert month; overrides from the month they are
# given for, ended (never rewritten) by clearing, a letter alone judged against the letter's
# active thresholds; a running month provisional; the words of reasons and figures.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/tier_data.sh"
"$MAITRE" init > /dev/null
tier_june
tier_recomputed
# reason GUEST MONTH: the light and reason of the guest's alert of the month, "none" without
reason() {
	r=$(sqlite3 "$MAITRE_DB" "SELECT light || ': ' || reason FROM alert WHERE guest_id = $1 AND month = '$2'")
	echo "${r:-none}"
}

note "complaints are judged as at the end of the alert month (domain.md §5)"
export MAITRE_TODAY=2026-07-31
# 2号 (C quality in June) keeps C quality in July, 3号 (C quality) too
tier_visit 2 07-03 10 800; tier_visit 2 07-10 10 800
tier_visit 3 07-04 10 800; tier_visit 3 07-12 10 800
# 2号 complains on 20 July and nobody answers before August: overdue at the end of July
MAITRE_NOW="2026-07-20 10:00:00" "$MAITRE" complaint add 2 --category food --severity medium --text "菜凉了" > /dev/null
# 3号's high complaint of 1 August is after July: not July's
MAITRE_NOW="2026-08-01 09:00:00" "$MAITRE" complaint add 3 --category service --severity high --text "服务差" > /dev/null
export MAITRE_NOW="2026-08-02 10:00:00"
"$MAITRE" complaint ack 1 > /dev/null
"$MAITRE" complaint resolve 1 --resolution "换了一道菜" > /dev/null
"$MAITRE" tier recompute --month 2026-07 > /dev/null
export MAITRE_TODAY=2026-08-03
unset MAITRE_NOW
run --format tsv alerts --month 2026-07
check "2号's complaint, overdue at the end of July, is red though resolved since" test "$(reason 2 2026-07)" = "red: complaint 1 is past its deadline"
check "3号's complaint of August is not July's" test "$(reason 3 2026-07)" = "none"
finish
