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
# reason GUEST MONTH: the light and reason found for the guest in the month (an alert raised,
# or an event of the history of an open one), "none" without
reason() {
	r=$(sqlite3 "$MAITRE_DB" "SELECT light || ': ' || reason FROM alert WHERE guest_id = $1 AND month = '$2' UNION ALL SELECT e.light || ': ' || e.reason FROM alert_event e JOIN alert a ON a.id = e.alert_id WHERE a.guest_id = $1 AND e.month = '$2'")
	echo "${r:-none}"
}
# tier_of GUEST MONTH: the guest's stored tier of the month and its source, "none" without a row
tier_of() {
	r=$(sqlite3 "$MAITRE_DB" "SELECT ifnull(tier, '-') || ifnull(' ' || nullif(grp, ''), '') || ' ' || source FROM tier_month WHERE guest_id = $1 AND month = '$2'")
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

note "an override holds from the month it is given for to its last; clearing it ends it from this month on, rewriting no stored month (domain.md §4)"
run tier override 4 B --reason "the handbook labels him B" --month 2026-06
check "June holds the override" test "$(tier_of 4 2026-06)" = "B override"
check "July, stored, holds it too" test "$(tier_of 4 2026-07)" = "B override"
check "April does not" test "$(tier_of 4 2026-04)" = "none"
run tier override 4 B --reason x --month 2026-09
run tier override 4 B --reason x --month 2026-07 --until 2026-06
run tier override 4 --clear --month 2026-07
run tier override 4 --clear
check "clearing rewrote no stored month" test "$(tier_of 4 2026-06) $(tier_of 4 2026-07)" = "B override B override"
"$MAITRE" tier recompute --month 2026-07 > /dev/null
check "July computed again keeps it: it ended in August" test "$(tier_of 4 2026-07)" = "B override"
"$MAITRE" tier recompute --month 2026-08 > /dev/null
check "August: the rules decide, no grace after an override" test "$(tier_of 4 2026-08)" = "- none"

note "a letter alone is judged for alerts against the letter's active thresholds"
run tier override 2 B --reason "a friend of the owner" --month 2026-07 --until 2026-07
check "July holds the letter alone" test "$(tier_of 2 2026-07)" = "B override"
export MAITRE_TODAY=2026-09-02
# August: 4 visits, ¥2800, ¥70 a head: B active, short of B quality's ¥3000
for d in 08-03 08-10 08-17 08-24; do tier_visit 2 "$d" 10 700; done
"$MAITRE" tier recompute --month 2026-08 > /dev/null
"$MAITRE" alerts --month 2026-08 > /dev/null
check "2号 meets B active in August: no alert" test "$(reason 2 2026-08)" = "none"

note "a running month is provisional: its rows say so, and the agenda uses the last complete month (domain.md §4)"
"$MAITRE" guest add --name 王先生 > /dev/null
tier_visit 6 09-01 10 1000; tier_visit 6 09-02 10 1000
run tier recompute --month 2026-09
provisional() {
	sqlite3 "$MAITRE_DB" "SELECT count(*) || ' of ' || (SELECT count(*) FROM tier_month WHERE month = '$1') FROM tier_month WHERE month = '$1' AND provisional = 1"
}
check "September's rows are provisional" test "$(provisional 2026-09)" = "4 of 4"
check "August, computed again once over, is not" test "$(provisional 2026-08)" = "0 of 5"
check "王先生 is C quality so far in September" test "$(tier_of 6 2026-09)" = "C quality rules"
check "the agenda does not call him yet: August is the last complete month" sh -c '! "$MAITRE" agenda --all | grep -q 王先生'

note "the words: one cover, a letter alone, no figure per head without covers, the spend compared"
"$MAITRE" guest add --name 赵先生 > /dev/null
"$MAITRE" tier override 7 C --reason "老朋友" > /dev/null
"$MAITRE" tier recompute --month 2026-09 > /dev/null
run --format tsv tier list --month 2026-09 --tier C
# 钱先生: 18 visits, ¥14,999.99 and 150 covers over June to August: A active, a fen short of A
# quality, whose ¥15,000 over three months is what is compared
"$MAITRE" guest add --name 钱先生 > /dev/null
for m in 06 07 08; do
	for d in 01 05 09 13 17; do tier_visit 8 "$m-$d" 8 833; done
done
tier_visit 8 08-21 8 833; tier_visit 8 08-25 8 833; tier_visit 8 08-29 14 838.99
run tier show 8 --month 2026-08
finish
