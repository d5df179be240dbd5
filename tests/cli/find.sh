#!/bin/sh
# maitre guest find: every query class, ranking, pages and formats.
. "$TESTS_SRCDIR/cli/lib.sh"
run init
"$MAITRE" guest add --name 孙先生 --family-name 孙 --given-name 建国 --phone 13912345678 \
	--employer 亳州市永盛信息科技有限公司 --taboo 猪肉 --allergy 花生:critical > /dev/null
"$MAITRE" guest add --name 孙 --phone 13300000001 > /dev/null
"$MAITRE" guest add --name 刘局长 --family-name 刘 --phone 0558-5551234 --employer 亳州市财政局 > /dev/null
"$MAITRE" guest add --name 曾总 --family-name 曾 --phone 13700002222 > /dev/null
"$MAITRE" guest add --name 单先生 --phone 13700003333 > /dev/null
"$MAITRE" guest add --name 解主任 --phone 13700004444 > /dev/null
"$MAITRE" guest add --name "José García" --family-name García --given-name José --phone "+34 600 123 456" > /dev/null
"$MAITRE" guest add --name "Zoë O'Brien-Smith" --phone "+44 20 7946 0958" > /dev/null
"$MAITRE" visit add 1 --date 2026-06-12 --meal dinner --covers 8 --spend 920 > /dev/null
note "name prefix, a single Chinese character: the exact name first"
run guest find 孙
note "pinyin in full and by initials"
run guest find sun
run guest find sunxiansheng
run guest find sxs
run guest find sunjianguo
run guest find liujuzhang
note "polyphonic surnames by their surname reading"
run guest find zeng
run guest find shanxiansheng
run guest find xiezhuren
note "substrings of 3+ characters of names and employers"
run guest find 永盛信息
run guest find 财政局
run guest find arci
note "phone digits: the last four, a fragment, or the whole number as typed"
run guest find 5678
run guest find 0558-555
run guest find "+44 20 7946 0958"
note "Latin names regardless of case and accents"
run guest find jose
run guest find GARCIA
run guest find zoe
run guest find obrien
note "formats"
run --format tsv guest find 孙
run --format csv guest find 孙
run --format json guest find 孙
run guest find 孙 --format tsv
note "nothing found"
run guest find nobody
run guest find
run guest find sun --page 0
finish
