#!/bin/sh
# :import FILE, maitre import's dry run shown before anything is written: the counts, which
# column is which field, the first rows as they would be imported (allergies and taboos marked
# as the lookup marks them), every refused row; n leaves with nothing written, y imports the
# good rows (--skip-bad) as one batch; a file without a name column shows why, and asks nothing.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
note "a guest book: a good row with an allergy and a taboo, a row with an impossible date,"
note "a column that is no field of the sheet"
cat > "$TMP/book.csv" <<'CSV'
姓名,称呼,手机,工作单位,过敏,忌口,生日,客户来源
孙建国,孙先生,139 1234 5678,永盛科技,花生（严重）,猪肉,1978/9/14,朋友介绍
王芳,王女士,13600002222,华夏银行,,,1980-02-30,网络
CSV
screen <<KEYS
key :
type import $TMP/book.csv
key Enter
snap the dry run: counts, columns, the good row as mapped, the refused row, the question
attr !!花生 (high) ✕猪肉
attr 客户来源 → ?
key n
snap n: back, nothing written
KEYS
run guest find 孙先生
run import list
note "again, and y: the good row is imported as a batch, which the screen names"
screen <<KEYS
key :
type import $TMP/book.csv
key Enter
key y
snap imported: the batch and how to take it back
KEYS
run guest show 1
run import list --format tsv
note "a file without a name column: the reason and the headers found, nothing asked"
printf 'Kunde,Telefon\nMüller,13100007777\n' > "$TMP/other.csv"
screen <<KEYS
key :
type import $TMP/other.csv
key Enter
snap no name column
key y
expect not imported: nothing written
KEYS
note "in Chinese, on the smallest screen: the preview scrolls to its last message"
cp "$TMP/book.csv" "$TMP/more.csv"
printf ',,1370000111%d,,,,,\n' 1 2 3 >> "$TMP/more.csv"
( export LANGUAGE=zh_CN
screen <<KEYS
size 80 24
key :
type 导入 $TMP/more.csv
key Enter
snap 导入的预览
key G
snap 最后一条消息
KEYS
)
check "nothing more was written: one batch, one guest" \
	test "$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM import_batch; SELECT count(*) FROM guest" | tr '\n' ' ')" = "1 1 "
finish
