#!/bin/sh
# The sales manager's agenda (domain.md §7): calls and visits due or overdue under the tier's
# cadence, the week's birthdays and anniversaries with the gift, banquets due; logging a contact
# and marking a gift given from the list; another sales manager's agenda.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
note "an empty database: nothing due"
screen <<'KEYS'
key F8
snap nothing due
KEYS
M="$MAITRE"
ME=$(id -un)
"$M" guest add --name 孙先生 --family-name 孙 --sales-manager "$ME" --birthday 1978-07-03 \
	--allergy 虾:high > /dev/null
"$M" guest add --name 刘局长 --family-name 刘 --sales-manager "$ME" --anniversary 2001-07-20 \
	> /dev/null
"$M" guest add --name 王女士 --family-name 王 --sales-manager wang --birthday 07-01 > /dev/null
for d in 02 05 09 12 16 19 23 26; do
	for g in 1 2 3; do
		"$M" visit add $g --date 2026-06-$d --meal dinner --covers 8 --spend 1200 > /dev/null
	done
done
"$M" tier recompute --month 2026-06 > /dev/null
# 孙先生 was called on the 20th and visited on the 25th; 刘局长 was called yesterday
"$M" contact log 1 --channel phone --outcome 约了下周 --date 2026-06-20 > /dev/null
"$M" contact log 1 --channel visit --outcome 送了茶叶 --date 2026-06-25 > /dev/null
"$M" contact log 2 --channel phone --outcome 很满意 --date 2026-06-29 > /dev/null
"$M" banquet log 2 --date 2026-03-01 --tables 2 > /dev/null
note "my agenda: 孙先生's call overdue, the visits due, 孙先生's birthday on 3 July with its gift"
screen <<'KEYS'
key F8
snap my agenda
attr 7 days overdue
size 80 24
snap at the smallest size
key Enter
expect 孙先生
key Esc
type c
snap the channel asked, the row's own as default
key Enter
type 打通了，周五来吃饭
key Enter
snap the call logged: it leaves the list
key Down
type m
snap asks first
type y
snap the gift given
type m
snap already given
type s
key ^U
type nobody
key Enter
snap an unknown login is refused
type s
key ^U
type wang
key Enter
snap wang's agenda
KEYS
note "another sales manager's agenda by name; an unknown one"
screen <<'KEYS'
type :agenda wang
key Enter
expect 王女士
type :agenda nobody
key Enter
snap refused
KEYS

finish
