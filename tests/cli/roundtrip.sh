#!/bin/sh
# The round trip of issue 14: maitre export guests → maitre import guests into an empty
# database → maitre export guests gives the same book, byte for byte: as CSV in English and in
# Chinese, as GB18030 CSV with --sensitive, and as an .xlsx workbook. Every field and list of the
# sheet: phones of each kind, preferences with severities, dates, people (one without a name),
# tags, notes with their author and time, the consent, a line break and quotes inside a note, a name a
# spreadsheet would take for a formula.
. "$TESTS_SRCDIR/cli/lib.sh"
export MAITRE_NOW="2026-06-30 09:15:00"
M="$MAITRE"
$M init > /dev/null
$M guest add --name 孙先生 --family-name 孙 --given-name 建国 --gender male --employer 中信 \
	--position 副总经理 --phone 13800001111 --phone office:010-65551234 --phone 13900003333 \
	--phone landline:0558-5551234 --allergy 花生:critical --allergy 虾:medium --taboo 猪肉:low \
	--taste 清淡 --dish 东山老鹅 --dish 锅烫毛肚 --habit 上菜要快 --dislike 香菜 \
	--birthday 1978-09-14 --anniversary 05-20 --date '入职=2019-03-01' \
	--person driver:老王 --person secretary --tag VIP --tag 常客 --note 喜欢靠窗 \
	--set looks="方框眼镜" --set height_cm=176 --set weight_kg=79 --set ethnicity=回族 \
	--set native_place=安徽亳州 --set spending_power=upper-middle --set character=内敛 \
	--set marital_status=已婚 --set health=高血压 --sales-manager lina \
	--consent 2025-11-02:wechat > /dev/null
$M guest add --name '=HYPERLINK("x")' --gender female --phone 13900002222 \
	--note "$(printf 'two lines,\n"quoted"')" --note 第二条 > /dev/null
$M guest add --name 唐总 --employer 华夏银行 > /dev/null

# into TARGET from the file made by ARGS (after export guests), exported again like it
roundtrip() { # NAME LANG EXPORT-ARGS...
	name=$1 lang=$2
	shift 2
	rm -f "$TMP/$name.db"
	LANG=$lang $M export guests "$@" --output "$TMP/$name.a" > /dev/null 2>&1 ||
		note "$name: the first export failed"
	$M --db "$TMP/$name.db" init > /dev/null
	# the sales manager is a staff login the new database knows
	sqlite3 "$TMP/$name.db" "INSERT INTO staff(login, created_at) VALUES ('lina', '2026-01-01')"
	LANG=$lang $M --db "$TMP/$name.db" import guests --quiet "$TMP/$name.a" > "$TMP/$name.out" 2>&1 ||
		{ note "$name: the import failed"; cat "$TMP/$name.out" >> "$OUT"; }
	LANG=$lang $M --db "$TMP/$name.db" export guests "$@" --output "$TMP/$name.b" > /dev/null 2>&1 ||
		note "$name: the second export failed"
}
same() { # NAME: the two books, compared as CSV
	cmp "$TMP/$1.a" "$TMP/$1.b"
}

roundtrip en C.UTF-8
check "CSV in English: the same book again" same en
roundtrip zh zh_CN.UTF-8
check "CSV in Chinese: the same book again" same zh
roundtrip gb zh_CN.UTF-8 --sensitive --encoding gb18030
check "GB18030 CSV with the sensitive fields: the same book again" same gb
check "the GB18030 book is not UTF-8" sh -c "! iconv -f UTF-8 -t UTF-8 '$TMP/gb.a' > /dev/null 2>&1"
roundtrip xlsx C.UTF-8 --sensitive --format xlsx
$M export guests --sensitive > "$TMP/xlsx.csv"
$M --db "$TMP/xlsx.db" export guests --sensitive > "$TMP/xlsx2.csv"
check "XLSX: the same book again" cmp "$TMP/xlsx.csv" "$TMP/xlsx2.csv"
check "three guests came back" test "$(sqlite3 "$TMP/xlsx.db" 'SELECT count(*) FROM guest')" = 3
check "a note keeps its author and time" test \
	"$(sqlite3 "$TMP/en.db" "SELECT at FROM note WHERE text = '第二条'")" = "2026-06-30 09:15:00"
note "the book as read back (English CSV)"
tr -d '\r' < "$TMP/en.b" | mask >> "$OUT"
finish
