#!/bin/sh
# maitre guest erase: a guest with a name (and the name before it), phones, an allergy, a
# person, a tag, a sensitive field, notes, a visit note, a complaint, a contact, a banquet and a
# gift is erased; then none of those words is anywhere in the database file, its write-ahead
# log or its shared memory, the search finds nobody, the month's sheet and revenue keep their
# figures, the audit rows read [erased] and the chain is still intact, and maitre doctor finds
# the book whole. An open complaint asks first; erasing twice says so; an erased row's time
# edited is caught. maitre guest delete: refused for a guest with a visit, done for one entered
# by mistake.
. "$TESTS_SRCDIR/cli/lib.sh"
export MAITRE_NOW="2026-06-30 19:05:00"
DB="$MAITRE_DB"
WORDS="欧阳澜玥 欧阳澜玥甲 13912345678 13987654321 Zyxwvut quokkanut qwertyuiop Plumbago velvetcrab richissimo zanzibarique xylophonic Brontes quixotical jabberwock frabjous mimsy"
. "$TESTS_SRCDIR/cli/erase_words.sh"

run init
run guest add --name 欧阳澜玥甲 --phone 13912345678 --employer 'Zyxwvut Holdings' \
	--allergy quokkanut:critical --note 'prefers the qwertyuiop corner' --birthday 1970-03-04 \
	--person 'wife:Plumbago Smith' --tag velvetcrab --set income=richissimo
run guest edit 1 --name 欧阳澜玥 --add-phone 13987654321
run guest add --name 王先生 --phone 13800000001
for i in 1 2 3 4 5 6 7 8; do "$MAITRE" guest add --name "路人$i" --employer "某公司$i" > /dev/null; done
run visit add 1 --date 2026-06-10 --meal dinner --covers 4 --spend 1200 --table A1 --note 'celebrated zanzibarique'
run visit add 2 --date 2026-06-11 --meal lunch --covers 2 --spend 300
run complaint add 1 --category food --severity high --text 'soup too xylophonic' --staff 'waiter Brontes'
run contact log 1 --channel phone --outcome 'booked quixotical' --feedback 'loved the jabberwock'
run banquet log 1 --date 2026-06-20 --tables 2 --budget 5000 --note 'banquet for frabjous'
run gift given 1 --occasion birthday --value 200 --year 2026 --note 'gave mimsy tea'
"$MAITRE" tier recompute --month 2026-06 > /dev/null
check "every word is in the file before" all_found
"$MAITRE" sheet --month 2026-06 --format tsv | cut -f 1,3- > "$TMP/sheet.before"
"$MAITRE" report revenue --month 2026-06 --format tsv > "$TMP/revenue.before"
"$MAITRE" tier list --month 2026-06 --format tsv | cut -f 1,3- > "$TMP/tiers.before"

note "an open complaint: not erased without --yes when nobody is at a terminal to ask"
run guest erase 1 --reason 'asked by phone, 2026-06-30' < /dev/null
run guest erase 1
run guest erase 1 --reason 'asked by phone, 2026-06-30' --yes
run guest erase 1 --reason 'again' --yes
check "no word is left in the database, its log or its shared memory" none_found
check "the log was emptied" test ! -s "$DB-wal"
check "the trigram index forgot the name" test "$(sqlite3 "$DB" "SELECT count(*) FROM search_text WHERE search_text MATCH '\"欧阳澜\"'")" = 0
# in_segments TRIGRAM: the trigram index's own pages hold it (its old segments keep a deleted
# guest's tokens until they are merged)
in_segments() {
	test "$(sqlite3 "$DB" "SELECT count(*) FROM search_text_data WHERE instr(block, CAST('$1' AS BLOB)) > 0")" != 0
}
no_trigram() {
	for t in 欧阳澜 阳澜玥 zyx yxw; do in_segments "$t" && return 1; done
	return 0
}
check "the index's segments hold no trigram of the name or employer" no_trigram
check "no search key is left" test "$(sqlite3 "$DB" "SELECT count(*) FROM search_key WHERE guest_id = 1")" = 0
"$MAITRE" sheet --month 2026-06 --format tsv | cut -f 1,3- > "$TMP/sheet.after"
"$MAITRE" report revenue --month 2026-06 --format tsv > "$TMP/revenue.after"
"$MAITRE" tier list --month 2026-06 --format tsv | cut -f 1,3- > "$TMP/tiers.after"
check "the month's sheet keeps its figures" cmp -s "$TMP/sheet.before" "$TMP/sheet.after"
check "the revenue report is the same" cmp -s "$TMP/revenue.before" "$TMP/revenue.after"
check "the tiers are the same" cmp -s "$TMP/tiers.before" "$TMP/tiers.after"
run guest show 1
run guest find 欧阳
run guest find 3987654321
run guest find Zyxwvut
run guest edit 1 --name 欧阳澜玥
run visit list --guest 1
run complaint show 1
run audit --guest 1 --oldest-first --format tsv
run audit verify
run doctor

note "an erased row's time edited with sqlite3 is caught"
cp "$DB" "$TMP/erased.db"
sqlite3 "$DB" "UPDATE audit SET at = '2026-01-01 00:00:00' WHERE id = (SELECT min(id) FROM audit WHERE erased IS NOT NULL)"
run audit verify
note "[erased] written on a row of a guest not erased is caught"
cp "$TMP/erased.db" "$DB"
sqlite3 "$DB" "UPDATE audit SET new = '[erased]', salt = NULL, erased = (SELECT erased FROM audit WHERE erased IS NOT NULL LIMIT 1) WHERE id = (SELECT min(id) FROM audit WHERE entity = 'guest' AND entity_id = 2)"
run audit verify
cp "$TMP/erased.db" "$DB"

note "guest delete: only a guest entered by mistake"
run guest delete 2
run guest delete 1
run guest delete 3
run guest show 3
check "the deleted guest's name is not in the file (its audit rows read [erased])" sh -c '! grep -q -a -F 路人1 "$1"' - "$DB"
run audit --action delete --format tsv
run audit verify
note "guest delete after an import batch undone: the batch's record keeps none of its values"
id=$("$MAITRE" guest add --name 错录客人 --phone 13977778888)
printf '姓名,手机,备注,职务\n错录客人,13977778888,Gallimaufry,Snickersnee\n' > "$TMP/mistake.csv"
"$MAITRE" import guests "$TMP/mistake.csv" --on-match update > /dev/null
"$MAITRE" import undo "$("$MAITRE" import list --format tsv | tail -n 1 | cut -f 1)" > /dev/null
run guest delete "$id"
check "the undone batch's changes hold no value of the deleted guest" \
	test "$(sqlite3 "$DB" "SELECT count(*) FROM import_change WHERE guest_id = $id AND (old IS NOT NULL OR new IS NOT NULL)")" = 0
finish
