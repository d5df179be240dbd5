#!/bin/sh
# maitre guest duplicates: candidate pairs with their reasons and score in every format, the
# options, a switchboard listed as one group, and --not-same (recorded, audited, never again).
. "$TESTS_SRCDIR/cli/lib.sh"
run init
"$MAITRE" guest add --name 孙先生 --family-name 孙 --given-name 立国 --phone 13900001111 > /dev/null
"$MAITRE" guest add --name "Mr Sun" --phone "+86 139 0000 1111" --force > /dev/null
"$MAITRE" guest add --name 周局长 --family-name 周 --given-name 海涛 --birthday 1970-03-14 > /dev/null
"$MAITRE" guest add --name 周先生 --family-name 周 --given-name 海涛 --birthday 03-14 > /dev/null
"$MAITRE" guest add --name 吴国栋 --employer "Huaxia Bank" > /dev/null
"$MAITRE" guest add --name 吴国栋 --employer "ＨＵＡＸＩＡ  bank" > /dev/null
"$MAITRE" guest add --name 冯小刚 --employer 谯城区税务局 > /dev/null
"$MAITRE" guest add --name 冯大刚 --employer 谯城区税务局 > /dev/null
"$MAITRE" guest add --name 赵磊 --employer 亳州一中 > /dev/null
"$MAITRE" guest add --name 赵磊 --employer 亳州二中 > /dev/null
for i in 1 2 3 4 5 6 7; do
	"$MAITRE" guest add --name "前台$i" --phone 0558-5550000 --force > /dev/null
done
note "the strongest first; the same name at two employers is no pair; the switchboard one group"
run guest duplicates
run guest duplicates --format tsv
run guest duplicates --format json --min-score 80
run guest duplicates --limit 2
run guest duplicates --guest 8
run guest duplicates --guest 12
run guest duplicates --min-score 95
note "staff say 5 and 6 are two people: recorded once, audited on both, never listed again"
run guest duplicates --not-same 6 5
run guest duplicates --not-same 5 6
run guest duplicates --format csv
run audit --action not-same --format tsv
note "refused"
run guest duplicates --not-same 5 5
run guest duplicates --not-same 5 99
run guest duplicates --not-same 5
run guest duplicates 5
run guest duplicates --min-score 101
run guest duplicates --guest 99
finish
