#!/bin/sh
# maitre export guests | visits and maitre guest export (issue 14): the book in every format,
# its bytes, its encodings and what it leaves out; the visits of a range; one guest whole.
. "$TESTS_SRCDIR/cli/lib.sh"
export MAITRE_NOW="2026-06-30 09:15:00"
run init
run guest add --name 孙先生 --family-name 孙 --gender male --employer 中信 \
	--phone 13800001111 --phone office:010-65551234 --phone 13900003333 \
	--allergy 花生:critical --allergy 虾 --taboo 猪肉:low --taste 清淡 --taste '甜, 酸' \
	--birthday 1978-09-14 --anniversary 05-20 --date '入职=2019-03-01' \
	--person driver:老王 --person-pref driver:taboo:辣 --person-birthday driver:08-08 \
	--person secretary --tag VIP --tag 常客 --note 喜欢靠窗 \
	--set marital_status=已婚 --set height_cm=175 --sales-manager lina
run guest add --name '=HYPERLINK("x")' --phone 13900002222 --note "$(printf 'two lines,\n"quoted"')"
run visit add 1 --covers 4 --spend 1280.5 --date 2026-06-01 --table 8号
run visit add 2 --covers 2 --spend 300 --date 2026-06-02 --meal dinner
run visit void 2 --code twice
run visit add 1 --covers 3 --spend 99 --date 2026-06-20 --meal dinner
run complaint add 1 --category food --severity high --text 汤凉了 --visit 1

note "CSV, English: RFC 4180 (CRLF, quotes doubled, a line break kept inside quotes), a formula neutralised"
"$MAITRE" export guests > "$TMP/en.csv"
{
	printf 'id,address as,family name,given name,gender,employer,position,looks,height cm,weight kg,photo file,ethnicity,native place,spending power,character,sales manager,consent date,consent channel,mobile,landline,office phone,other phone,tastes,dishes,habits,dislikes,taboos,allergies,birthday,anniversary,other dates,people,tags,notes\r\n'
	printf '1,孙先生,孙,,male,中信,,,175,,,,,,,lina,,,"13800001111, 13900003333",,010-65551234,,"清淡, 甜, 酸",,,,猪肉 (low),"花生 (critical), 虾 (high)",1978-09-14,05-20,入职: 2019-03-01,"driver: 老王, secretary","VIP, 常客",[2026-06-30 09:15 %s] 喜欢靠窗\r\n' "$LOGIN"
	printf '2,"'"'"'=HYPERLINK(""x"")",,,,,,,,,,,,,,,,,13900002222,,,,,,,,,,,,,,,"[2026-06-30 09:15 %s] two lines,\n""quoted"""\r\n' "$LOGIN"
} > "$TMP/en.expected"
check "the English CSV, byte for byte" cmp "$TMP/en.csv" "$TMP/en.expected"
check "no sensitive field without --sensitive" sh -c "! grep -q -e 'marital status' -e 已婚 '$TMP/en.csv'"
"$MAITRE" export guests --sensitive > "$TMP/sensitive.csv"
check "--sensitive: the sensitive fields too" sh -c "head -1 '$TMP/sensitive.csv' | grep -q ',sales manager,marital status,income,home address,religion,health,personal history,consent date,consent channel,mobile,' && grep -q ',lina,已婚,,,,,,,,\"13800001111, ' '$TMP/sensitive.csv'"

note "CSV, Chinese: the headers and the closed choices translated, lists joined with 、, severities in Chinese"
LANGUAGE=zh_CN "$MAITRE" export guests --output "$TMP/zh.csv"
{
	printf '编号,称呼,姓,名,性别,单位,职务,外貌,身高 cm,体重 kg,照片文件,民族,籍贯,消费能力,性格,销售经理,同意日期,同意方式,手机,座机,办公电话,其他电话,口味,喜好菜品,习惯,不喜欢,忌口,过敏,生日,纪念日,其他日期,相关人员,标签,备注\r\n'
	printf '1,孙先生,孙,,男,中信,,,175,,,,,,,lina,,,13800001111、13900003333,,010-65551234,,"清淡、甜, 酸",,,,猪肉（轻微）,花生（危重）、虾（严重）,1978-09-14,05-20,入职：2019-03-01,司机：老王、秘书,VIP、常客,[2026-06-30 09:15 %s] 喜欢靠窗\r\n' "$LOGIN"
	printf '2,"'"'"'=HYPERLINK(""x"")",,,,,,,,,,,,,,,,,13900002222,,,,,,,,,,,,,,,"[2026-06-30 09:15 %s] two lines,\n""quoted"""\r\n' "$LOGIN"
} > "$TMP/zh.expected"
check "the Chinese CSV, byte for byte" cmp "$TMP/zh.csv" "$TMP/zh.expected"

note "GB18030: the same text in Excel's encoding on a Chinese Windows"
LANGUAGE=zh_CN "$MAITRE" export guests --encoding gb18030 --output "$TMP/gb.csv"
check "GB18030 converts back to the UTF-8 book" sh -c "iconv -f GB18030 -t UTF-8 '$TMP/gb.csv' | cmp - '$TMP/zh.csv'"
check "GB18030 is not UTF-8 (孙 is CB EF)" sh -c "! cmp -s '$TMP/gb.csv' '$TMP/zh.csv' && grep -q \"\$(printf '\\313\\357')\" '$TMP/gb.csv'"
note "--bom: the UTF-8 byte order mark, then the same book"
"$MAITRE" export guests --bom > "$TMP/bom.csv"
check "--bom writes EF BB BF first" test "$(head -c 3 "$TMP/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "--bom: the rest is the book" sh -c "tail -c +4 '$TMP/bom.csv' | cmp - '$TMP/en.csv'"
run export guests --bom --encoding gb18030
run export guests --format json --encoding gb18030
run export guests --encoding latin1

note "TSV: table.c's escapes (a line break as \\n)"
run export guests --format tsv

note "JSON: the stored codes, the people's own preferences and dates"
"$MAITRE" export guests --format json > "$TMP/guests.json"
if command -v python3 > /dev/null; then
	check "the JSON parses" python3 -m json.tool "$TMP/guests.json" /dev/null
else
	check "the JSON is an array" sh -c "head -c 1 '$TMP/guests.json' | grep -q '\\['"
fi
check "JSON: codes, not labels" grep -q '"gender": "male"' "$TMP/guests.json"
check "JSON: the driver's taboo is theirs" grep -q '{"kind": "taboo", "severity": "medium", "text": "辣", "person": 0}' "$TMP/guests.json"
check "JSON: no sensitive field without --sensitive" sh -c "! grep -q marital_status '$TMP/guests.json'"
"$MAITRE" export guests --format json --sensitive > "$TMP/sensitive.json"
check "JSON --sensitive: the sensitive fields" grep -q '"marital_status": "已婚"' "$TMP/sensitive.json"

note "XLSX: a workbook of one sheet, the header bold, ids and numbers as numbers, the rest text"
run export guests --format xlsx
run export guests --format xlsx --output "$TMP/book.xlsx"
unzip -p "$TMP/book.xlsx" xl/worksheets/sheet1.xml > "$TMP/sheet1.xml"
check "XLSX: one sheet" test "$(unzip -l "$TMP/book.xlsx" | grep -c 'xl/worksheets/sheet[0-9]*\.xml')" = 1
check "XLSX: a bold header" sh -c "grep -q '<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>id</t></is></c>' '$TMP/sheet1.xml' && unzip -p '$TMP/book.xlsx' xl/styles.xml | grep -q '<b/>'"
check "XLSX: the id and the height are numbers" sh -c "grep -q '<c r=\"A2\"><v>1</v></c>' '$TMP/sheet1.xml' && grep -q '<c r=\"I2\"><v>175</v></c>' '$TMP/sheet1.xml'"
check "XLSX: a date is text" grep -q '<is><t>1978-09-14</t></is>' "$TMP/sheet1.xml"
check "XLSX: the formula is text, never a formula" sh -c "grep -q '<t>=HYPERLINK(\"x\")</t>' '$TMP/sheet1.xml' && ! grep -q '<f>' '$TMP/sheet1.xml'"
check "XLSX: no temporary file left" test "$(ls "$TMP" | grep -c tmp-)" = 0

note "visits: every one in the range, the void one marked with its reason"
"$MAITRE" export visits > "$TMP/visits.csv"
{
	printf 'id,date,meal,guest id,guest name,phone,covers,spend,table,void reason,entered by,entered at\r\n'
	printf '1,2026-06-01,lunch,1,孙先生,13800001111,4,1280.50,8号,,%s,2026-06-30 09:15:00\r\n' "$LOGIN"
	printf '2,2026-06-02,dinner,2,"'"'"'=HYPERLINK(""x"")",13900002222,2,300.00,,entered twice,%s,2026-06-30 09:15:00\r\n' "$LOGIN"
	printf '3,2026-06-20,dinner,1,孙先生,13800001111,3,99.00,,,%s,2026-06-30 09:15:00\r\n' "$LOGIN"
} > "$TMP/visits.expected"
check "the visits CSV, byte for byte" cmp "$TMP/visits.csv" "$TMP/visits.expected"
run export visits --from 2026-06-02 --to 2026-06-19 --format tsv
export LANGUAGE=zh_CN
run export visits --from 2026-06-02 --format tsv
unset LANGUAGE
run export visits --from 2026-06-21
run export visits --format json --to 2026-06-01
run export visits --format xlsx --output "$TMP/visits.xlsx"
check "XLSX visits: the spend a number of two decimals" sh -c "unzip -p '$TMP/visits.xlsx' xl/worksheets/sheet1.xml | grep -q '<c r=\"H2\" s=\"2\"><v>1280.5</v></c>'"
run export visits --from 2026-06-20 --to 2026-06-01
run export visits --from 2026-02-30
run export visits stray

note "a failed export leaves nothing behind"
run export guests --output "$TMP/no/such/dir/book.csv"
run export guests --format xlsx --output "$TMP/no/such/dir/book.xlsx"
check "no file left" test ! -e "$TMP/no"

note "one guest, everything held about them (PIPL art. 45): sensitive fields, visits, complaints"
run guest export 1
check "guest export parses" sh -c "'$MAITRE' guest export 1 > '$TMP/one.json' && { ! command -v python3 > /dev/null || python3 -m json.tool '$TMP/one.json' /dev/null; }"
run guest export 2
run guest export 99
run guest export abc
run guest export
note "every export is logged (domain.md §9) before it is written: who, when, what, where to"
sqlite3 "$MAITRE_DB" "SELECT count(*) || ' exports logged' FROM audit WHERE entity = 'export'" >> "$OUT"
run audit --action export --limit 3 --format tsv
finish
