#!/bin/sh
# maitre restore: the backup checked (integrity, schema), what it holds compared with the
# database now, confirmed, the database now kept in the backup folder, and the backup's pages
# copied into the live database (its WAL kept); refused while another process uses it.
. "$TESTS_SRCDIR/cli/lib.sh"
export MAITRE_NOW="2026-06-30 12:00:00"
B="$TMP/backups/maitre-2026-06-30-120000.db"
tables="guest phone visit guest_month guest_last search_key staff"
# the rows of the tables of a guest book, as sqlite3 dumps them
rows() {
	for t in $tables; do sqlite3 "$1" ".mode quote" "SELECT * FROM $t ORDER BY 1"; done
}

run init
"$MAITRE" guest add --name 孙先生 --phone 13912345678 > /dev/null
mkdir "$TMP/backups"
run backup "$B"
rows "$B" > "$TMP/backup.rows"

note "changed since: a guest, a visit"
export MAITRE_NOW="2026-06-30 13:00:00"
"$MAITRE" guest add --name 李女士 --phone 13800001111 > /dev/null
"$MAITRE" visit add 1 --date 2026-06-15 --meal dinner --covers 2 --spend 100 > /dev/null
rows "$MAITRE_DB" > "$TMP/changed.rows"

note "without a terminal and without --yes: refused"
run restore "$B" < /dev/null
check "nothing was changed" cmp -s "$TMP/changed.rows" "$(rows "$MAITRE_DB" > "$TMP/now.rows"; echo "$TMP/now.rows")"
check "nothing was kept" sh -c "! ls '$TMP'/backups/*-pre-restore.db 2> /dev/null"

export MAITRE_NOW="2026-06-30 14:00:00"
run restore "$B" --yes
rows "$MAITRE_DB" > "$TMP/restored.rows"
check "the database holds the backup's rows" cmp -s "$TMP/backup.rows" "$TMP/restored.rows"
check "the database is whole" test "$(sqlite3 "$MAITRE_DB" 'PRAGMA integrity_check')" = ok
check "and still in WAL mode" test "$(sqlite3 "$MAITRE_DB" 'PRAGMA journal_mode')" = wal
kept="$TMP/backups/maitre-2026-06-30-140000-pre-restore.db"
check "the database before is kept in the backup folder" test -f "$kept"
check "the kept file holds the rows before" cmp -s "$TMP/changed.rows" "$(rows "$kept" > "$TMP/kept.rows"; echo "$TMP/kept.rows")"
check "the restore is audited on the restored file" test \
	"$(sqlite3 "$MAITRE_DB" "SELECT at, action, op, new LIKE 'restored from $B; the file it replaced kept as $kept' FROM audit ORDER BY id DESC LIMIT 1")" = \
	"2026-06-30 14:00:00|restore|restore|1"
run audit verify
run guest find 李
note "maitre backup --list: kind, guests, visits"
"$MAITRE" backup --list --format tsv | cut -f 2,4,5 >> "$OUT"

note "the restore back to the kept file: the guest and the visit again"
run restore "$kept" --yes
check "the rows after the change are back" cmp -s "$TMP/changed.rows" "$(rows "$MAITRE_DB" > "$TMP/back.rows"; echo "$TMP/back.rows")"

note "refused: a missing file, not a database, another program's, a newer schema, a damaged one"
run restore "$TMP/none.db" --yes
echo "guests,phones" > "$TMP/book.csv"
run restore "$TMP/book.csv" --yes
sqlite3 "$TMP/other.db" "CREATE TABLE t(x)"
run restore "$TMP/other.db" --yes
cp "$B" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "PRAGMA user_version = 99"
run restore "$TMP/newer.db" --yes
cp "$B" "$TMP/damaged.db"
page=$(sqlite3 "$B" "SELECT rootpage FROM sqlite_master WHERE name = 'guest'")
# the second half of the guest table's page, its rows there, overwritten
python3 -c "import sys; f = open(sys.argv[1], 'r+b'); f.seek(($page - 1) * 4096 + 2048); f.write(b'\xa5' * 2048)" "$TMP/damaged.db"
run restore "$TMP/damaged.db" --yes
run restore "$MAITRE_DB" --yes
check "nothing was changed" cmp -s "$TMP/changed.rows" "$(rows "$MAITRE_DB" > "$TMP/now.rows"; echo "$TMP/now.rows")"

note "an older schema: migrated once copied"
cp "$B" "$TMP/old-2026-05-01-090000.db"
latest=$(sqlite3 "$B" 'PRAGMA user_version')
# schema 16: the steps of 24 to 17 undone (as tests/unit/schema_undo.h's UNDO_24 ... UNDO_17)
sqlite3 "$TMP/old-2026-05-01-090000.db" "DROP INDEX guest_month_guest; DROP VIEW tier_month; CREATE VIEW tier_month AS SELECT
	month, guest_id, tier, grp, computed_tier, computed_grp, rule_no, source, months, visits,
	covers, spend_fen, m_visits, m_covers, m_spend_fen, grace, rules_version, computed_at,
	provisional FROM tier_month_row r WHERE gen = (SELECT g.gen FROM tier_month_gen g WHERE
	g.month = r.month); DROP INDEX tier_month_tiered; CREATE INDEX tier_month_tiered ON
	tier_month_row(month, guest_id, tier, grp) WHERE tier IS NOT NULL; ALTER TABLE tier_month_row
	DROP COLUMN superseded; DROP TABLE tier_month_at;
	DROP TRIGGER report_cell_insert;
	DROP TRIGGER report_cell_update; DROP TRIGGER report_cell_delete; DROP INDEX guest_month_spend;
	ALTER TABLE audit DROP COLUMN salt;
	ALTER TABLE audit DROP COLUMN erased; DROP TABLE dup_dismissed; ALTER TABLE guest DROP COLUMN consent_at;
	ALTER TABLE guest DROP COLUMN consent_channel; DROP TABLE guest_merge_row; DROP TABLE guest_merge;
	DROP INDEX guest_merged; ALTER TABLE guest DROP COLUMN merged_into;
	DROP INDEX guest_anonymised; PRAGMA user_version = 16"
run restore "$TMP/old-2026-05-01-090000.db" --yes
check "migrated" test "$(sqlite3 "$MAITRE_DB" 'PRAGMA user_version')" = "$latest"
check "the index the migration makes is there" test \
	"$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM sqlite_master WHERE name = 'guest_anonymised'")" = 1
run audit verify

note "refused while another process writes, or has the database open"
mkfifo "$TMP/fifo"
sqlite3 "$MAITRE_DB" < "$TMP/fifo" > "$TMP/sqlite.out" 2>&1 &
spid=$!
exec 3> "$TMP/fifo"
echo "BEGIN IMMEDIATE; DELETE FROM guest_last; SELECT 'ready';" >&3
n=0
while ! grep -q ready "$TMP/sqlite.out" && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
rows "$MAITRE_DB" > "$TMP/before.rows"
"$MAITRE" restore "$B" --yes > "$TMP/busy.out" 2>&1 && rc=0 || rc=$?
check "refused while writing, exit 3" test $rc = 3
check "the writer is named" grep -q "process $spid is writing to it" "$TMP/busy.out"
echo "ROLLBACK; SELECT 'idle';" >&3
n=0
while ! grep -q idle "$TMP/sqlite.out" && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
"$MAITRE" restore "$B" --yes > "$TMP/open.out" 2>&1 && rc=0 || rc=$?
check "refused while open, exit 3" test $rc = 3
check "the reader is named" grep -q "process $spid has it open" "$TMP/open.out"
exec 3>&-
wait $spid
check "nothing was changed" cmp -s "$TMP/before.rows" "$(rows "$MAITRE_DB" > "$TMP/now.rows"; echo "$TMP/now.rows")"
check "nothing more was kept" test "$(ls "$TMP"/backups/*-pre-restore*.db | wc -l)" = 3
finish
