#!/bin/sh
# The guest card: how to address and who greets, taboos and allergies on top in the warning
# style (they never scroll away), the rest scrolling below; the next of each special date, months
# away too.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 刘局长 --family-name 刘 --given-name 德明 --phone 13800001111 \
	--taboo 猪肉:high --allergy 花生:critical --taste 偏辣 --dish 涡阳干扣面 --dish 牛肉馍 \
	--employer 亳州市财政局 --position 局长 --birthday 07-05 --anniversary 10-18 \
	--note '喜欢靠窗的包间' > /dev/null
for d in 01 03 05 08 10 12 15 17 19 22 24 26; do
	for m in 04 05 06; do
		"$MAITRE" visit add 1 --date 2026-$m-$d --meal dinner --covers 6 --spend 1500 > /dev/null
	done
done
"$MAITRE" tier recompute --month 2026-06 > /dev/null
"$MAITRE" complaint add 1 --category food --severity medium --text '菜凉了' > /dev/null
screen <<'KEYS'
type ljz
key Enter
snap the card
size 80 24
expect ─         ↓ 1-
snap at the smallest size: where the page is, on the rule (it hid the page's last line)
key PgDn
snap scrolled: the safety block stays
key End
expect notes
key Home
key e
snap the profile form
KEYS
finish
