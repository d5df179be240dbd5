#!/bin/sh
# maitre import: the edges of a guest book and of its undo — a guest changed by two rows of
# one file, a guest made and then merged by the same file, severities and dates changed in
# place, refused rows written back with their reason in the reason column, cells beyond the
# header.
. "$TESTS_SRCDIR/cli/lib.sh"
run init
run guest add --name 孙先生 --family-name 孙 --phone 13912345678 --employer 永盛科技 \
	--allergy 花生:low --birthday 1978-09-14

note "two rows of one file update the same guest: the undo gives back what the book had,"
note "not what the first row made of it"
printf '称呼,手机,职务\n孙先生,13912345678,经理\n孙先生,13912345678,总经理\n' > "$TMP/two.csv"
run import guests "$TMP/two.csv" --on-match update
run import undo 1
run guest show 1

note "a guest the file makes and a later row of it merges into: the undo takes them back"
printf '称呼,手机,职务,标签\n新客,13100000001,,VIP\n新客,13100000001,经理,回头客\n' > "$TMP/twice.csv"
run import guests "$TMP/twice.csv"
run import undo 2
run guest find 新客

note "a severity raised and a birthday replaced in place (--on-match update): the undo gives"
note "back the book's"
printf '称呼,手机,过敏,生日\n孙先生,13912345678,花生（严重）,1980-01-01\n' > "$TMP/inplace.csv"
run import guests "$TMP/inplace.csv" --on-match update
run guest show 1
run import undo 3
run guest show 1

note "a refused row shorter than the header: its reason in the reason column all the same, so"
note "that the file fixed in Excel imports again without the reason as a phone or a note"
printf '称呼,性别,手机,备注\nS1,x\nS2,y,13100000021,hello\n' > "$TMP/short.csv"
run import guests "$TMP/short.csv" --skip-bad --errors "$TMP/short.err" --dry-run
cat "$TMP/short.err" >> "$OUT"
sed -e 's/^S1,x/S1,男/' -e 's/^S2,y/S2,女/' "$TMP/short.err" > "$TMP/fixed.csv"
run import guests "$TMP/fixed.csv" --dry-run
note "the same in Excel's Unicode text (UTF-16, tabs)"
printf '称呼\t性别\t手机\n吴女士\tx\n' | iconv -f UTF-8 -t UTF-16 > "$TMP/short16.txt"
run import guests "$TMP/short16.txt" --errors "$TMP/short16.err"
note "(tabs shown as |)"
iconv -f UTF-16 -t UTF-8 "$TMP/short16.err" | tr '\t' '|' | tr -d '\r' >> "$OUT"

note "a row longer than its header: a value in no column is refused, not dropped unsaid;"
note "empty cells past the header (a trailing comma) are nothing"
printf '称呼,手机\nC1,13100000031,忌口：香菜\nC2,13100000032,,\n' > "$TMP/long.csv"
run import guests "$TMP/long.csv"
run import guests "$TMP/long.csv" --skip-bad --errors "$TMP/long.err" --dry-run
cat "$TMP/long.err" >> "$OUT"
printf '日期,餐次,手机,人数,金额\n2026-06-01,午市,13912345678,2,100,桌8\n' > "$TMP/longv.csv"
run import visits "$TMP/longv.csv"

note "a header twice: said once, as a column named again, not also as no field"
printf '称呼,称呼,手机\nA,B,13100000041\n' > "$TMP/dup.csv"
run import guests "$TMP/dup.csv" --dry-run

note "visits --create-guests: a guest name the sheet refuses refuses its row, not the import"
{ printf '日期,餐次,手机,人数,金额,姓名\n'
  printf '2026-06-03,午市,13100000051,2,100,\001bad\n'
  printf '2026-06-03,午市,13100000052,2,100,好名\n'; } > "$TMP/vname.csv"
run import visits "$TMP/vname.csv" --create-guests --skip-bad
run guest find 好名

note "--errors naming the file being imported: refused before it is emptied"
printf '称呼,手机,性别\nA1,13100000061,x\nA2,13100000062,男\n' > "$TMP/self.csv"
cp "$TMP/self.csv" "$TMP/self.orig"
run import guests "$TMP/self.csv" --errors "$TMP/self.csv" --dry-run
check "the file imported is as it was" cmp -s "$TMP/self.csv" "$TMP/self.orig"

note "the errors file cannot be written (a full disk: /dev/full): nothing is written, as said"
printf '称呼,手机,性别\nF1,13100000071,x\nF2,13100000072,男\n' > "$TMP/full.csv"
run import guests "$TMP/full.csv" --skip-bad --errors /dev/full
run guest find F2

note "a refused row of a workbook in the errors file: a cell a spreadsheet would run as a"
note "formula gets an apostrophe (which import takes away again)"
$MAITRE --db "$TMP/wb.db" init > /dev/null
$MAITRE --db "$TMP/wb.db" guest add --name '=HYPERLINK("x")' --phone 13100000081 \
	--phone 13100000082 > /dev/null
$MAITRE --db "$TMP/wb.db" export guests --format xlsx --output "$TMP/wb.xlsx"
run guest add --name 甲 --phone 13100000081
run guest add --name 乙 --phone 13100000082
run import guests "$TMP/wb.xlsx" --errors "$TMP/wb-bad.csv"
check "the formula cell starts with an apostrophe" grep -q "^1,\"'=HYPERLINK" "$TMP/wb-bad.csv"

note "a time that is no clock time is said as such; a display name of two staff, said so"
printf '日期,时间,手机,人数,金额\n2026-06-01,12:99,13912345678,2,100\n2026-06-01,25:00,13912345678,2,100\n' > "$TMP/time.csv"
run import visits "$TMP/time.csv"
sqlite3 "$MAITRE_DB" "INSERT INTO staff(login, display_name, created_at) VALUES ('wangf1', '王芳', '2026-01-01'), ('wangf2', '王芳', '2026-01-01')"
printf '称呼,手机,客户经理\n丁先生,13100000091,王芳\n' > "$TMP/twostaff.csv"
run import guests "$TMP/twostaff.csv" --dry-run

note "notes of an exported book keep their time and author (a login nobody has: the importer),"
note "for a new guest and for one merged into; a note without them is the importer's, now"
sqlite3 "$MAITRE_DB" "INSERT INTO staff(login, created_at) VALUES ('lina', '2026-01-01')"
{ printf '称呼,手机,备注\n'
  printf '戊先生,13100000101,"[2025-01-02 08:30 lina] 靠窗\n[2025-02-03 19:05 nobody] 少辣"\n'
  printf '孙先生,13912345678,[2024-12-24 20:00 lina] 圣诞订过包间\n'
  printf '己女士,13100000102,不要香菜\n'; } > "$TMP/origin.csv"
export MAITRE_NOW="2026-06-30 10:00:00"
run import guests "$TMP/origin.csv"
unset MAITRE_NOW
check "each note's time and author as the book had them" test "$(sqlite3 "$MAITRE_DB" \
	"SELECT group_concat(text || '|' || at || '|' || ((SELECT login FROM staff WHERE id = \
	author) = 'lina'), ';') FROM (SELECT * FROM note WHERE text IN ('靠窗', '少辣', \
	'圣诞订过包间', '不要香菜') ORDER BY id)")" = \
	"靠窗|2025-01-02 08:30:00|1;少辣|2025-02-03 19:05:00|0;圣诞订过包间|2024-12-24 20:00:00|1;不要香菜|2026-06-30 10:00:00|0"
check "a login nobody has: the importer's" test "$(sqlite3 "$MAITRE_DB" \
	"SELECT s.login FROM note n JOIN staff s ON s.id = n.author WHERE n.text = '少辣'")" = "$LOGIN"
note "a file's guests are found by the rows after them while their search keys wait to be"
note "written in key order: by name and employer (a row without a phone); an employer a later"
note "row fills in finds them too"
{ printf '称呼,手机,单位,职务\n'
  printf '庚总,13100000111,华夏银行,\n'
  printf '庚总,,华夏银行,行长\n'
  printf '辛先生,13100000112,,\n'
  printf '辛先生,13100000112,长虹电器,\n'; } > "$TMP/later.csv"
run import guests "$TMP/later.csv"
run guest find 庚总
run guest find 长虹
note "visits: the monthly figures and last visits are settled once at the end as the triggers"
note "keep them a visit at a time: added to a month's row, a last visit never lowered, a first"
note "one made with the guest's probe; the triggers are back after a dry run, a refused import"
note "and one written"
triggers() { test "$(sqlite3 "$MAITRE_DB" "SELECT group_concat(name, ' ') FROM (SELECT name FROM \
	sqlite_master WHERE type = 'trigger' AND tbl_name = 'visit' ORDER BY name)")" = \
	"guest_last_delete guest_last_insert guest_last_update guest_month_delete guest_month_insert guest_month_update visit_stamp_delete visit_stamp_insert visit_stamp_update"; }
derived() { test "$(sqlite3 "$MAITRE_DB" "SELECT (SELECT count(*) FROM (SELECT * FROM guest_month \
	EXCEPT SELECT substr(date, 1, 7), guest_id, count(*), sum(covers), sum(spend_fen) FROM visit \
	WHERE voided_at IS NULL GROUP BY 1, 2)) + (SELECT count(*) FROM (SELECT substr(date, 1, 7), \
	guest_id, count(*), sum(covers), sum(spend_fen) FROM visit WHERE voided_at IS NULL GROUP BY \
	1, 2 EXCEPT SELECT * FROM guest_month)) + (SELECT count(*) FROM (SELECT * FROM guest_last \
	EXCEPT SELECT v.guest_id, max(v.date), p.probe FROM visit v LEFT JOIN search_probe p ON \
	p.guest_id = v.guest_id WHERE v.voided_at IS NULL GROUP BY v.guest_id)) + (SELECT count(*) \
	FROM (SELECT v.guest_id, max(v.date), p.probe FROM visit v LEFT JOIN search_probe p ON \
	p.guest_id = v.guest_id WHERE v.voided_at IS NULL GROUP BY v.guest_id EXCEPT SELECT * FROM \
	guest_last))")" = 0; }
run visit add 1 --date 2026-06-05 --meal dinner --covers 2 --spend 300
{ printf '日期,餐次,手机,人数,金额\n'
  printf '2026-06-05,午市,13912345678,3,200\n'
  printf '2026-05-20,晚市,13912345678,4,400\n'
  printf '2026-06-10,晚市,13100000111,2,100\n'
  printf '2026-06-12,晚市,13100000111,5,500\n'
  printf '2026-05-12,晚市,13100000111,1,50\n'; } > "$TMP/settle.csv"
run import visits "$TMP/settle.csv" --dry-run
check "the triggers, after a dry run" triggers
printf '日期,餐次,手机,人数,金额\n2026-06-06,午市,13912345678,0,200\n' > "$TMP/refused.csv"
run import visits "$TMP/refused.csv"
check "the triggers, after a refused import" triggers
run import visits "$TMP/settle.csv"
check "the triggers, after an import" triggers
check "guest_month and guest_last as the visits make them" derived
sqlite3 "$MAITRE_DB" "SELECT month, guest_id, visits, covers, spend_fen FROM guest_month WHERE \
	guest_id IN (1, 8) ORDER BY 2, 1; SELECT guest_id, date FROM guest_last WHERE guest_id IN \
	(1, 8) ORDER BY 1" >> "$OUT"
run visit add 8 --date 2026-06-20 --meal dinner --covers 2 --spend 80
check "a visit added after the import is kept by the triggers" derived
sqlite3 "$MAITRE_DB" "SELECT date FROM guest_last WHERE guest_id = 8" >> "$OUT"
run import undo 7
check "and after the undo of the import" derived
finish
