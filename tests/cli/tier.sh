#!/bin/sh
# maitre tier recompute | show | override | list | movers, sheet and alerts on the handbook's
# June sheet (domain.md §3), with the shipped rules (window 3 months, grace 1 month).
. "$TESTS_SRCDIR/cli/lib.sh"
run init
for n in 1号 2号 3号 张先生 孙先生; do "$MAITRE" guest add --name "$n" > /dev/null; done
add() { "$MAITRE" visit add "$1" --date "2026-$2" --meal dinner --covers "$3" --spend "$4" > /dev/null; }
# the handbook's June: guest #1..#3 and 张先生
add 1 06-02 7 520; add 1 06-05 16 1450; add 1 06-11 12 870; add 1 06-19 15 960; add 1 06-27 14 1020
add 2 06-04 12 980; add 2 06-13 15 1050; add 2 06-23 18 2150
add 3 06-09 19 1680; add 3 06-21 8 740
add 4 06-03 8 460; add 4 06-11 10 520; add 4 06-24 6 340
# 孙先生: an A guest in April and May, once in June
for m in 04 05; do for d in 03 07 11 15 19 23; do add 5 "$m-$d" 10 900; done; done
add 5 06-08 4 300
note "new guests are averaged over the months since their first visit (June only)"
run tier recompute --month 2026-04
run tier recompute --month 2026-05
run tier recompute --month 2026-06
run tier list --month 2026-06
run --format tsv tier list --month 2026-06 --tier C
run tier movers --month 2026-06
run tier show 1 --month 2026-06
run tier show 4 --month 2026-06
note "孙先生 fell short in June over his 3-month window? 13 visits in 3 months"
run tier show 5 --month 2026-06
note "an override by hand: shown as such, the rules' tier beside it"
run tier override 4 B --reason "the handbook labels him B" --until 2026-08
run tier show 4 --month 2026-06
run tier list --month 2026-06 --tier B
run tier override 4 --clear
run tier override 4 --clear
run tier override 4 Z --reason x
run tier override 4 B
run tier override 99 B --reason x
run tier show 99
note "a guest never seen: no tier and nothing about the next one up"
"$MAITRE" guest add --name 新客 > /dev/null
run tier show 6 --month 2026-06
note "missing arguments are usage errors"
run tier show
run tier override 4 --reason x
run tier recompute --month 2026-13
note "the monthly attendance sheet: a row pair per guest, a column per day of the month"
run --format csv sheet --month 2026-06
run --format csv sheet --month 2026-02
run sheet --month 2026-06 --tier A
run sheet --month 2026-06 --tier Q
note "July: who slips away — red for no visit, yellow for falling short"
export MAITRE_TODAY=2026-07-20
add 1 07-02 2 180
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
add 2 08-05 1 50
run --format tsv alerts --month 2026-08
run alert show 3
run alert show 2
check "the July alerts still say July" test "$(sqlite3 "$MAITRE_DB" "SELECT group_concat(month || ' ' || light || ' ' || reason, '; ') FROM alert WHERE guest_id IN (2, 3)")" = "2026-07 red no visit in 2026-07; 2026-07 red no visit in 2026-07"
note "the reasons in the viewer's language"
( export LANGUAGE=zh_CN; run --format tsv alerts --all; run alert show 2 )
export MAITRE_TODAY=2026-06-30
note "at the door: the tier and a prior complaint show in the lookup and on the sheet"
"$MAITRE" complaint add 4 --category service --severity medium --text "上菜太慢" > /dev/null
run guest find 张先生
run guest show 4
note "reports"
run report tiers --month 2026-06
run report revenue --month 2026-06
run --format csv report pareto --month 2026-06
run report complaints --month 2026-06
run report pareto --month 2026-13
finish
