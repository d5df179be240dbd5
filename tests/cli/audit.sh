#!/bin/sh
# maitre audit: who changed what and when, old → new, the newest first or the oldest, filtered
# by guest (its visits and complaints too), login, day and action, in every format; the import
# batch a row belonged to. maitre audit verify: intact, then a row edited, one removed, one
# inserted and the last ones cut off with sqlite3, each caught and named (exit 1).
. "$TESTS_SRCDIR/cli/lib.sh"
export MAITRE_NOW="2026-06-30 19:05:00" # the times verify names, to the minute
run init
run guest add --name 孙先生 --employer 中信银行 --phone 13912345678
run guest edit 1 --employer 中信证券 --set income=年薪百万
run guest add --name 王女士
run visit add 1 --date 2026-06-15 --meal dinner --covers 4 --spend 880
run complaint add 1 --category food --severity low --text '汤凉了'
printf 'name,phone\n赵总,13800001111\n' > "$TMP/book.csv"
"$MAITRE" import guests "$TMP/book.csv" > /dev/null
note "the whole trail, the newest first"
run audit
note "one guest's, the oldest first: the sheet, the visit, the complaint"
run audit --guest 1 --oldest-first
run audit --guest 1 --action update --format tsv
run audit --guest 1 --action update --format json
run audit --staff "$LOGIN" --since 2026-06-30 --limit 2 --format csv
run audit --staff nobody
run audit --since 2026-02-30
run audit --guest x
note "the import's row names its batch"
run audit --action import --format tsv
run audit verify

cp "$MAITRE_DB" "$TMP/intact.db"
note "a value edited with sqlite3"
sqlite3 "$MAITRE_DB" "UPDATE audit SET new = '年薪十万' WHERE field = 'income'"
run audit verify
note "a row removed"
cp "$TMP/intact.db" "$MAITRE_DB"
sqlite3 "$MAITRE_DB" "DELETE FROM audit WHERE id = 3"
run audit verify
note "a row inserted"
cp "$TMP/intact.db" "$MAITRE_DB"
sqlite3 "$MAITRE_DB" "INSERT INTO audit(at, staff_id, entity, entity_id, action, field, new) VALUES ('2026-06-30 20:00:00', 1, 'guest', 2, 'update', 'income', '0')"
run audit verify
note "... and maitre writing after it does not hide it"
run guest edit 2 --employer 中粮
run audit verify
note "the last rows cut off"
cp "$TMP/intact.db" "$MAITRE_DB"
sqlite3 "$MAITRE_DB" "DELETE FROM audit WHERE id > 8"
run audit verify
note "every row removed"
sqlite3 "$MAITRE_DB" "DELETE FROM audit"
run audit verify
note "intact again once the file is"
cp "$TMP/intact.db" "$MAITRE_DB"
run audit verify
finish
