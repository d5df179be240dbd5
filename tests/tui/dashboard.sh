#!/bin/sh
# The dashboard: a month against the one before (bars of guests per tier, visits, covers and
# revenue per tier, movers, the top guests' share), today's work (alerts, overdue complaints,
# special dates, contacts due); every figure opens the list behind it, a guest their card.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
note "an empty database"
screen <<'KEYS'
key F4
snap nothing yet
key Enter
snap the tier's list is empty
KEYS

# 刘局长 comes often and spends much (A); 孙先生 came in April and May only (tiered in May,
# a red alert in June); 王先生 is new in June; 赵女士 came once in June (untiered)
"$MAITRE" guest add --name 刘局长 --allergy 花生:critical --taboo 猪肉:high \
	--birthday 07-02 > /dev/null
"$MAITRE" guest add --name 孙先生 --birthday 1970-06-30 > /dev/null
"$MAITRE" guest add --name 王先生 > /dev/null
"$MAITRE" guest add --name 赵女士 > /dev/null
for m in 04 05 06; do
	for d in 02 05 08 11 14 17 20 23; do
		"$MAITRE" visit add 1 --date 2026-$m-$d --meal dinner --covers 6 --spend 1500 > /dev/null
	done
done
for m in 04 05; do
	for d in 03 13 23; do
		"$MAITRE" visit add 2 --date 2026-$m-$d --meal lunch --covers 4 --spend 900 > /dev/null
	done
done
for d in 04 14 24; do
	"$MAITRE" visit add 3 --date 2026-06-$d --meal dinner --covers 5 --spend 1200 > /dev/null
done
"$MAITRE" visit add 4 --date 2026-06-09 --meal lunch --covers 2 --spend 180 > /dev/null
"$MAITRE" tier recompute --month 2026-05 > /dev/null
"$MAITRE" tier recompute --month 2026-06 > /dev/null
# raised on the first morning of July (June is complete then)
MAITRE_NOW="2026-07-01 09:00:00" "$MAITRE" alerts --month 2026-06 > /dev/null 2>&1
MAITRE_NOW='2026-06-20 12:00:00' "$MAITRE" complaint add 2 --category service --severity medium \
	--text '上菜太慢' > /dev/null

note "June against May: bars, movers, the top guests, alerts, complaints, dates"
screen <<'KEYS'
key F4
snap June
attr █
run "$MAITRE" visit add 4 --date 2026-06-29 --meal lunch --covers 2 --spend 100
tick
expect ¥15880
KEYS

note "a figure opens its guests, a guest their card; back to the same figure"
screen <<'KEYS'
key F4
key Enter
snap A quality's guests
key Enter
expect 花生
snap the card from the list
key Esc
key Esc
key End
key BTab BTab BTab BTab BTab BTab BTab BTab
attr ▲ 1
attr ▼ 0
key Enter
snap the guests promoted in June
key Esc
key BTab
key Enter
expect 2026-06: untiered guests who came
key Esc
key Tab
key Tab Tab Tab
key Enter
snap the top 20 %
key Esc
key Tab
key Enter
snap the red alerts open in their screen
key Esc
key Tab Tab
key Enter
snap the overdue complaints
key Esc
key Tab
key Enter
snap the agenda for the dates and gifts
KEYS

note "the month before, a month with no visits, a month given by name"
screen <<'KEYS'
key F4
key [
snap May
key ] ]
expect No tiers stored for this month
expect movers: promoted  —   demoted  —
key ]
snap August: no visits, no tiers
key :
type dashboard 2026-06
key Enter
expect 2026-06
key Esc
key :
type dashboard June
key Enter
snap a month that is not one
KEYS

note "at the smallest size"
screen <<'KEYS'
size 80 24
key F4
snap 80x24
KEYS

note "the Chinese interface"
( export LANGUAGE=zh_CN
screen <<'KEYS'
key F4
snap the dashboard in Chinese
key Enter
snap a list in Chinese
KEYS
)
finish
