#!/bin/sh
# Alert guests (domain.md §5): one alert worked — the guest's months and safety block, the
# sales manager's feedback, numbered action items marked done, closing with an outcome (asked
# first; a closed alert takes no more feedback) — and the list without it, then with closed
# ones too.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/alert_data.sh"
"$MAITRE" init > /dev/null
alert_guests
alert_june
note "孙先生's red alert: feedback, two action items, closed"
screen <<'KEYS'
size 80 24
key F6
key [
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
finish
