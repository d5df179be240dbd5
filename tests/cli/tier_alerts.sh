#!/bin/sh
# maitre alerts | alert — who slips away: red for no visit, yellow for falling short; nothing
# raised while the month runs, raised once when it is over, the feedback and actions of an
# alert, and what later months find on an open alert, in the viewer's language too.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/tier_data.sh"
"$MAITRE" init > /dev/null
tier_june
tier_recomputed
note "July: who slips away — red for no visit, yellow for falling short"
export MAITRE_TODAY=2026-07-20
tier_visit 1 07-02 2 180
note "July is not over: who is at risk so far, nothing raised"
sum0=$(sqlite3 "$MAITRE_DB" .dump | cksum)
run --format tsv alerts --month 2026-07
run --format tsv alerts
check "neither the running month nor a listing wrote anything" test "$(sqlite3 "$MAITRE_DB" .dump | cksum)" = "$sum0"
export MAITRE_TODAY=2026-08-03
note "August 3rd: July is complete and raised when asked"
run --format tsv alerts --month 2026-07
run alert feedback 1 --text "菜品没有新意"
run alert action 1 --text "请厨房推出新菜，邀请品尝" --owner chef
run alert action 1 --text "销售经理回访"
run alert action 1 --text "x" --owner "$(printf 'bad\033[2Jowner')"
run alert done 1 1
run alert show 1 --month 2026-07
run alert close 1 --outcome "他回来了"
run alert action 1 --text x
run alert done 1 9
run alert feedback 1
run alert show 42
run alert show
run alert done 1
run --format tsv alerts --month 2026-07 --all
note "raising July again adds nothing; a listing writes nothing"
sum0=$(sqlite3 "$MAITRE_DB" .dump | cksum)
run --format tsv alerts --month 2026-07
run alerts
check "raising a month again and listing wrote nothing" test "$(sqlite3 "$MAITRE_DB" .dump | cksum)" = "$sum0"
note "August is running: the open July alerts keep their month, light and reason"
"$MAITRE" tier recompute --month 2026-07 > /dev/null
run --format tsv alerts --month 2026-08
check "July's reasons as raised" test "$(sqlite3 "$MAITRE_DB" "SELECT group_concat(month || ' ' || light || ' ' || reason, '; ') FROM alert WHERE guest_id IN (2, 3)")" = "2026-07 red no visit in 2026-07; 2026-07 red no visit in 2026-07"
note "September: August raised; what it finds on an open July alert is an event of its history"
export MAITRE_TODAY=2026-09-02
tier_visit 2 08-05 1 50
run --format tsv alerts --month 2026-08
run alert show 3
run alert show 2
check "the July alerts still say July" test "$(sqlite3 "$MAITRE_DB" "SELECT group_concat(month || ' ' || light || ' ' || reason, '; ') FROM alert WHERE guest_id IN (2, 3)")" = "2026-07 red no visit in 2026-07; 2026-07 red no visit in 2026-07"
note "the reasons in the viewer's language"
( export LANGUAGE=zh_CN; run --format tsv alerts --all; run alert show 2 )
finish
