#!/bin/sh
# maitre backup: a consistent copy in the backup folder beside the database, or where asked;
# never overwrites.
. "$TESTS_SRCDIR/cli/lib.sh"
run init
"$MAITRE" guest add --name 孙先生 --phone 13912345678 > /dev/null
run backup "$TMP/copy.db"
run --db "$TMP/copy.db" guest find sun
run backup "$TMP/copy.db"
run backup
check "a dated copy lies in the backup folder" sh -c "ls '$TMP'/backups/maitre-*.db > /dev/null"
check "the folder is mode 700" test "$(stat -c %a "$TMP/backups")" = 700
check "nothing dated beside the database" sh -c "! ls '$TMP'/maitre-*.db 2> /dev/null"
check "the copy is mode 600" sh -c "test \$(stat -c %a '$TMP/copy.db') = 600"
run backup "$TMP/no/such/dir/copy.db"
note "a book of an older schema (before an upgrade) is backed up as it is, not migrated"
# the last migration's step undone (tests/unit/schema_undo.h's UNDO_22)
sqlite3 "$MAITRE_DB" "DROP TRIGGER report_cell_insert; DROP TRIGGER report_cell_update;
	DROP TRIGGER report_cell_delete; DROP INDEX guest_month_spend; PRAGMA user_version = 21"
run backup "$TMP/old.db"
check "the book is still at schema 21" test "$(sqlite3 "$MAITRE_DB" 'PRAGMA user_version')" = 21
check "the copy is at schema 21" test "$(sqlite3 "$TMP/old.db" 'PRAGMA user_version')" = 21
finish
