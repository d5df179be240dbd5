#!/bin/sh
# maitre import guests | visits | undo | list: a guest book as restaurants keep it — CSV in
# UTF-8 with a BOM, GB18030, UTF-16 "Unicode text", the mess of a real sheet — dry run, atomic
# refusal, --skip-bad with --errors, matching by phone, by guest number and by name and
# employer, undo, and visits from a POS export imported twice.
. "$TESTS_SRCDIR/cli/lib.sh"
run init
run guest add --name 孙先生 --family-name 孙 --phone 13912345678 --employer 永盛科技 \
	--allergy 花生:low
run guest add --name 唐总 --phone 13500005555 --employer 华夏银行

note "a guest book: UTF-8 with a BOM, Chinese headers, an unknown column, and the mess of a"
note "real sheet — spaces, +86, full-width digits, a blank row, a row without a name, an"
note "impossible date, the same guest twice, phones of two different guests"
printf '\357\273\277' > "$TMP/book.csv"
cat >> "$TMP/book.csv" <<'CSV'
姓名,称呼,性别,手机,办公电话,工作单位,职务,生日,忌口,过敏,喜好菜品,标签,备注,客户来源
孙建国,孙先生,男,139 1234 5678,,永盛科技,副总经理,1978/9/14,猪肉,花生（严重）,东山老鹅，锅烫毛肚,回头客,不喜欢表达意见,朋友介绍
刘伟,刘局长,男,+86 138-0000-1111,0558-5551234,亳州市公安局,局长,1970年3月8日,,虾、蟹（中等）,羊肉糊汤面,,"说话直接,
喜欢安静的包间",网络
,,,,,,,,,,,,,
,,女,13700001111,,,,,,,,,,
王芳,  王女士  ,女,１３６００００２２２２,,华夏银行,行长,1980-02-30,,,,,,
刘伟,刘局长,男,13800001111,,亳州市公安局,,,,,锅烫毛肚,,,
赵四,赵总,男,13912345678;13500005555,,,,,,,,,,
钱五,钱总,男,13300003333,,唐朝集团,,9月14日,,芒果（很多）,,,,
CSV
run import guests "$TMP/book.csv" --dry-run
run guest find 刘局长
note "refused rows: nothing is written, every bad row said, exit 1"
run import guests "$TMP/book.csv"
run guest find 刘局长
note "--skip-bad imports the good rows; --errors keeps the refused ones as they were"
run import guests "$TMP/book.csv" --skip-bad --errors "$TMP/bad.csv" --quiet
note "the refused rows, with a reason column (the original bytes and a BOM)"
cat "$TMP/bad.csv" >> "$OUT"
run guest show 1
run guest show 3
run import list --format tsv

note "GB18030 (Excel on a Chinese Windows), found without being named"
printf '姓名,称呼,手机,单位,过敏\n周杰,周先生,13100001234,中信银行,花生（危重）\n' |
	iconv -f UTF-8 -t GB18030 > "$TMP/gbk.csv"
run import guests "$TMP/gbk.csv"
run guest find 周先生
note "bytes that are not GB18030: the row is refused with its line and column"
{ printf '姓名,手机\n' | iconv -f UTF-8 -t GB18030; printf '\201\060\201,13100009999\n'; } > "$TMP/badbytes.csv"
run import guests "$TMP/badbytes.csv"
note "Excel's Unicode text: UTF-16 with a BOM, tab-separated"
printf '称呼\t手机\t忌口\n吴女士\t13100005678\t香菜\n' | iconv -f UTF-8 -t UTF-16 > "$TMP/unicode.txt"
run import guests "$TMP/unicode.txt"
run guest find 吴女士

note "a file without a name column is refused with what it has and how to map it"
printf 'Kunde,Telefon\nMüller,13100007777\n' > "$TMP/other.csv"
run import guests "$TMP/other.csv"
cat > "$TMP/map.yaml" <<'YAML'
guests:
  name: [Kunde]
  mobile: [Telefon]
YAML
run import guests "$TMP/other.csv" --map "$TMP/map.yaml"
note "a broken map: file:line:column"
printf 'guests:\n  nonsense: [x]\n' > "$TMP/badmap.yaml"
run import guests "$TMP/other.csv" --map "$TMP/badmap.yaml"

note "--on-match: skip leaves a guest alone, update takes the file's values; a row without a"
note "phone is the guest with its exact name and employer, reported as a possible match"
printf '称呼,手机,职务,单位\n孙先生,13912345678,总经理,永盛科技\n唐总,,董事长,华夏银行\n' > "$TMP/promo.csv"
run import guests "$TMP/promo.csv" --on-match skip
run import guests "$TMP/promo.csv"
run import guests "$TMP/promo.csv" --on-match update
run guest show 1
run guest show 2

note "phones nobody has make someone new, even with a guest's name and employer (two 唐总)"
printf '称呼,手机,单位\n唐总,13700009999,华夏银行\n' > "$TMP/tang.csv"
run import guests "$TMP/tang.csv"
note "a sales manager nobody is: said once, left empty; a habit's brackets are its words"
printf '称呼,手机,客户经理,习惯\n甲先生,13100000001,nobody,月底统一结账（挂账）\n乙先生,13100000002,nobody,\n' > "$TMP/staff.csv"
run import guests "$TMP/staff.csv"
run guest show 8

note "undo: taken back while nobody changed it; refused once someone did"
run import list
run import undo 2
run guest find 周先生
run import undo 2
run guest edit 1 --position 老板
run import undo 7
run guest show 1
run import undo 99

note "visits from a POS export, twice: the second time adds nothing"
cat > "$TMP/pos.csv" <<'CSV'
日期,时间,手机,人数,金额,桌号
2026-06-01,12:10,139-1234-5678,4,880.00,牡丹厅
2026/6/1,19:30,13800001111,8,"2,460",3号桌
2026-06-02,18:00,13900000000,2,120,A1
2026-07-01,18:00,13800001111,2,120,A1
CSV
run import visits "$TMP/pos.csv"
run import visits "$TMP/pos.csv" --skip-bad
run import visits "$TMP/pos.csv" --skip-bad
run visit list --month 2026-06
run import visits "$TMP/pos.csv" --skip-bad --create-guests --dry-run
note "history from before the opening date is a manager's word; a voided row is skipped"
cat > "$TMP/old.csv" <<'CSV'
日期,餐次,手机,人数,金额,作废原因
2024-03-01,晚市,13912345678,6,1200,
2024-03-02,晚市,13912345678,6,1200,重复录入
CSV
run import visits "$TMP/old.csv"
run import visits "$TMP/old.csv" --allow-old
run visit list --guest 1 --from 2024-01-01 --all
note "a batch's summary is kept in English and shown in each reader's language"
printf '称呼,手机\n丙先生,13100000003\n' > "$TMP/zh.csv"
(export LANGUAGE=zh_CN; run import guests "$TMP/zh.csv")
"$MAITRE" import list --format tsv | sed -n 2p | cut -f7 >> "$OUT"
LANGUAGE=zh_CN "$MAITRE" import list --format tsv | sed -n 2p | cut -f7 >> "$OUT"
finish
