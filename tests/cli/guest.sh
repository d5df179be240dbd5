#!/bin/sh
# maitre guest add | show | edit, with good and bad input.
. "$TESTS_SRCDIR/cli/lib.sh"
run init

note "the whole sheet of domain.md §2"
run guest add --name 孙先生 --family-name 孙 --given-name 建国 --gender male \
	--employer 亳州市永盛信息科技有限公司 --position 副总经理 \
	--phone 13912345678 --phone landline:0558-5551234 \
	--taboo 猪肉:high --allergy 花生:critical --allergy 贝类 \
	--taste 清淡 --taste 喜甜 --dish 东山老鹅 --dish 锅烫毛肚 --dish 羊肉糊汤面 \
	--habit 上菜要快 --birthday 1978-09-14 --anniversary 05-20 --date 公司周年=03-18 \
	--set looks="方框眼镜, 右眼下有痣" --set height_cm=176 --set weight_kg=79 \
	--set ethnicity=回族 --set native_place=安徽亳州 --set spending_power=upper-middle \
	--set character=内敛 --sales-manager lina \
	--person 司机:小王 --person-pref 司机:taboo:辣 --person-birthday 司机:02-29 \
	--tag VIP --note 不喜欢表达意见 --set health=高血压
run guest show 1
run guest add --name 刘局长 --family-name 刘 --phone 13800001111
note "a phone that belongs to someone else is refused, unless --force"
run guest add --name 王女士 --phone 139-1234-5678
run guest add --name 王女士 --phone 139-1234-5678 --force
note "bad input: a clear message naming the field, exit 1, nothing written"
run guest add --phone 13000000000
run guest add --name ''
run guest add --name 赵先生 --set height_cm=abc
run guest add --name 赵先生 --set height_cm=400
run guest add --name 赵先生 --gender x
run guest add --name 赵先生 --set favourite_colour=red
run guest add --name 赵先生 --set nonsense
run guest add --name 赵先生 --birthday 1980-02-30
run guest add --name 赵先生 --birthday 13-01
run guest add --name 赵先生 --phone 12
run guest add --name 赵先生 --sales-manager 'li na'
run guest add --name "$(printf 'bad\001name')"
run guest add --name "$(printf 'two\nlines')"
run guest add --name 赵先生 --person-pref 秘书:taboo:酒
run guest add --name 赵先生 stray
run guest show 4
run guest show abc
note "editing: fields, lists, and what was removed"
run guest edit 2 --set position=局长 --add-taboo 海鲜 --add-phone office:0558-5550000 --sales-manager zhangwei
run guest edit 2 --remove-phone 0558-5550000 --remove-pref 海鲜 --set position=
run guest edit 2 --remove-pref 不存在
run guest edit 2 --set gender=unknown
run guest edit 99 --set position=x
run guest edit
run guest show 2
note "control characters are refused at entry; a note may have several lines"
run guest add --name "$(printf 'Evil\033[31mRed')"
run guest add --name 钱女士 --note "$(printf 'line one\nline two')"
run guest show 4
note "a name with escape sequences that came in another way is shown harmlessly"
sqlite3 "$MAITRE_DB" "UPDATE guest SET name = 'Evil' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || 'Red' WHERE id = 4"
run guest show 4
check "guest show writes no escape character" sh -c "! '$MAITRE' guest show 4 | grep -q \"\$(printf '\\033')\""
check "guest find writes no escape character" sh -c "! '$MAITRE' guest find qian | grep -q \"\$(printf '\\033')\""
run --format tsv guest find qian
finish
