#!/bin/sh
# Alert guests (domain.md §5): the red and yellow lists with the month's figures, the light
# shown and closed ones, raising the month's alerts, and one alert — the guest's months, the
# sales manager's feedback, numbered action items marked done, closing with an outcome.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
note "an empty database: no alerts"
screen <<'KEYS'
key F6
snap no alerts
KEYS
M="$MAITRE"
"$M" guest add --name 孙先生 --family-name 孙 --phone 13900001111 --employer 亳州市建设银行 \
	--allergy 花生:critical --taboo 猪肉 > /dev/null
"$M" guest add --name 王先生 --family-name 王 --phone 13900002222 --employer 古井贡酒 > /dev/null
"$M" guest add --name 张女士 --family-name 张 > /dev/null
# April and May: each comes twice a week with a table of eight
for d in 02 05 09 12 16 19 23 26; do
	for g in 1 2 3; do
		"$M" visit add $g --date 2026-04-$d --meal dinner --covers 8 --spend 1200 > /dev/null
		"$M" visit add $g --date 2026-05-$d --meal dinner --covers 8 --spend 1200 > /dev/null
	done
done
# June: 孙先生 stays away, 王先生 comes once, 张女士 as before
"$M" visit add 2 --date 2026-06-13 --meal dinner --covers 4 --spend 580 > /dev/null
for d in 02 05 09 12 16 19 23 26; do
	"$M" visit add 3 --date 2026-06-$d --meal dinner --covers 8 --spend 1200 > /dev/null
done
"$M" tier recompute --month 2026-05 > /dev/null
"$M" tier recompute --month 2026-06 > /dev/null
note "a month with no visits: raising its alerts finds nobody who held a tier the month before"
screen <<'KEYS'
type :alerts 2026-02
key Enter
key R
snap asks first
type y
snap no alerts in February
KEYS
"$M" alerts 2> /dev/null > /dev/null
note "June: 孙先生 red (no visit), 王先生 yellow (one visit, short of his tier)"
screen <<'KEYS'
key F6
snap red first, with June's figures
attr ●● RED
attr ● YELLOW
key l
snap red only
key l
snap yellow only
key l
size 80 24
snap at the smallest size
key Enter
snap the red alert
expect 花生
type f
type 上个月服务员态度不好，他不满意
key Enter
expect feedback saved
type a
type 调查上次用餐情况并处理相关员工
key Enter
type 王经理
key Enter
type a
type 寄道歉信
key Enter
key Enter
key Up
type d
snap feedback and two action items, the first done
type C
type 已致歉，孙先生下周来用餐
key Enter
snap asks first
type y
snap closed
type f
expect the alert is closed
key Esc
snap the list: the closed alert is gone
type c
snap closed ones too
KEYS
run alert show 1
finish
