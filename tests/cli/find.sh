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
note "ranking: by how well a guest matches, then by the last visit (not by id)"
"$MAITRE" guest add --name 张先生 --family-name 张 --phone 13811110001 > /dev/null
"$MAITRE" guest add --name 周先生 --family-name 周 --phone 13811110002 > /dev/null
"$MAITRE" guest add --name 曾先生 --family-name 曾 --phone 13811110003 --tag 回头客 > /dev/null
"$MAITRE" guest add --name 赵先生 --family-name 赵 --phone 13811110004 --tag 回头客 --tag VIP > /dev/null
"$MAITRE" visit add 11 --date 2026-06-20 --meal lunch --covers 2 --spend 300 > /dev/null
"$MAITRE" visit add 12 --date 2026-05-02 --meal lunch --covers 2 --spend 300 > /dev/null
"$MAITRE" visit add 9 --date 2026-06-01 --meal lunch --covers 2 --spend 300 > /dev/null
note "zxs: all four are exact (initials): 曾先生 came last, then 张先生, 赵先生; 周先生 never came"
run guest find zxs
note "a later visit moves a guest up; a voided one does not count"
"$MAITRE" visit add 10 --date 2026-06-25 --meal dinner --covers 2 --spend 300 > /dev/null
run guest find zxs
"$MAITRE" visit void 4 --reason "entered twice" > /dev/null
run guest find zxs
note "zeng: a prefix of both: 曾先生, who came, before 曾总"
run guest find zeng
note "exact before prefix whatever the visits: the guest named 孙, who never came, first"
run guest find 孙
note "full pinyin and initials mixed"
run guest find sunxs
run guest find zengxs
run guest find sunjg
note "tags are searchable, and #tag filters"
run guest find 回头客
run guest find "#回头客"
run guest find "#回头客 zxs"
run guest find "#vip"
run guest find "#回头 zhao"
run guest find "#nosuchtag"
note "two characters of an employer, Chinese short company names"
"$MAITRE" guest add --name 钱总 --family-name 钱 --phone 13811110005 --employer 中信银行亳州分行 > /dev/null
"$MAITRE" guest add --name 华先生 --phone 13811110006 --employer 华夏银行 > /dev/null
run guest find 中信
run guest find 华夏
run guest find 财政
note "phones: +86, 0086, 86 and full-width digits are the same number"
"$MAITRE" guest add --name 冯先生 --phone "+86 139 5555 6666" > /dev/null
"$MAITRE" guest add --name 陈先生 --phone "１３９７７７７８８８８" > /dev/null
run guest show 15
run guest show 16
run guest find 13955556666
run guest find "+86 139 5555 6666"
run guest find 008613955556666
run guest find 8613955556666
run guest find "１３９５５５５６６６６"
run guest find "+8613977778888"
note "the same number in another form is the same phone: refused as another guest's"
run guest add --name 冯太太 --phone "0086 139-5555-6666"
note "one rule for a phone's length: 7 to 20 digits"
run guest add --name 短号 --phone 555123
run guest add --name 座机 --phone 5551234
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
