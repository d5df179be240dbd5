#!/bin/sh
# Alert guests (domain.md §5): the red and yellow lists with the month's figures, the light
# shown and closed ones, raising the month's alerts, and one alert — the guest's months, the
# sales manager's feedback, numbered action items marked done, closing with an outcome.
. "$TESTS_SRCDIR/tui/lib.sh"
# the first evening of July: June is complete, July is running
export MAITRE_NOW="2026-07-01 19:05:00"
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
note "July is still running: R raises June, the month just ended; August is not over either"
screen <<'KEYS'
key F6
key ]
key R
snap August is not over
key [
key R
snap asks for June
type y
KEYS
sum0=$(sqlite3 "$MAITRE_DB" .dump | cksum)
screen <<'KEYS'
key F4
key F6
key Enter
key Esc
key [
key Enter
KEYS
check "opening the dashboard, the alerts and an alert wrote nothing" test "$(sqlite3 "$MAITRE_DB" .dump | cksum)" = "$sum0"
note "June: 孙先生 red (no visit), 王先生 yellow (one visit, short of his tier)"
screen <<'KEYS'
key F6
key [
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
type d
expect no action item to mark done: a adds one
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
note "a list longer than the screen, read a window at a time: 150 more guests, every third red"
sqlite3 "$MAITRE_DB" "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 150)
INSERT INTO guest(name, created_at, updated_at)
	SELECT printf('客%03d', n), '2026-06-01 10:00:00', '2026-06-01 10:00:00' FROM k;
INSERT INTO alert(guest_id, month, light, reason, tier, created_at)
	SELECT id, '2026-06', CASE WHEN (id - 3) % 3 = 0 THEN 'red' ELSE 'yellow' END,
	'no visit in 2026-06', 'B', '2026-06-30 10:00:00' FROM guest WHERE id > 3 ORDER BY id;"
screen <<'KEYS'
size 80 24
key F6
snap the first screen: red first
key End
snap the end: the last yellow
key PgUp PgUp PgUp PgUp
snap four pages up, past the start of what End read
key Home
key PgDn PgDn PgDn PgDn
snap four pages down, past the end of what Home read
key Down Down
expect >● YELLOW 客035
key Enter
expect alert 37 · 客035
key Esc
snap back on the same line
run "$MAITRE" alert close 37 --outcome 来过了 > /dev/null
tick
snap another terminal closed it: the cursor on the one that took its place
type l
key End
expect >●● RED   客150
type l
key End
key PgUp PgUp PgUp PgUp
snap yellow only: four pages up from the end
KEYS
note "August 1st: July raised; 王先生's June alert keeps its reason, July's red is an event of its history"
export MAITRE_NOW="2026-08-01 10:00:00"
"$M" alerts --month 2026-07 2> /dev/null > /dev/null
screen <<'KEYS'
size 80 24
key F6
type l
type l
key Enter
snap 王先生's June alert with July's finding
KEYS
note "20 August: who is at risk so far, August's figures pro-rated; nothing is raised"
"$M" tier recompute --month 2026-07 > /dev/null
sum0=$(sqlite3 "$MAITRE_DB" .dump | cksum)
export MAITRE_NOW="2026-08-20 10:00:00"
screen <<'KEYS'
size 80 24
type :alerts risk
key Enter
snap at risk so far
key Enter
expect guest card
KEYS
check "the guests at risk raised nothing" test "$(sqlite3 "$MAITRE_DB" .dump | cksum)" = "$sum0"
( export LANGUAGE=zh_CN
screen <<'KEYS'
size 80 24
type :alerts risk
key Enter
snap at risk in Chinese
key Esc
key F6
type l
type l
snap the reasons in Chinese
key Enter
snap the alert in Chinese
KEYS
)
finish
