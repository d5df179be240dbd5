#!/bin/sh
# A damaged database is never used as if whole (issue 13, defect 5): whatever SQLite finds
# damaged (SQLITE_CORRUPT, SQLITE_NOTADB) in any command is exit 3 and "the database is
# damaged: run `maitre doctor`"; a backup checks its copy and keeps none of a damaged one.
. "$TESTS_SRCDIR/cli/lib.sh"

run init
"$MAITRE" guest add --name 孙先生 --phone 13912345678 --tag 常客 > /dev/null
"$MAITRE" guest add --name 李女士 --phone 13800001111 --tag 常客 > /dev/null
"$MAITRE" visit add 1 --covers 4 --spend 880 --date 2026-06-12 --meal dinner > /dev/null
"$MAITRE" visit add 2 --covers 2 --spend 300 --date 2026-06-20 --meal lunch > /dev/null
"$MAITRE" visit add 2 --covers 3 --spend 420 --date 2026-06-20 --meal dinner > /dev/null
"$MAITRE" tier recompute --month 2026-06 > /dev/null
sqlite3 "$MAITRE_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null

# damage PAGE: writes a page type no b-tree page has over the first byte of page PAGE of COPY
damage() {
	ps=$(sqlite3 "$1" 'PRAGMA page_size')
	printf '\377' | dd of="$1" bs=1 seek=$(( ($2 - 1) * ps )) conv=notrunc 2> /dev/null
}
cp "$MAITRE_DB" "$TMP/whole.db"
root=$(sqlite3 "$MAITRE_DB" "SELECT rootpage FROM sqlite_master WHERE name = 'guest'")
note "the guest table's page damaged, as a flipped byte leaves it"
damage "$MAITRE_DB" "$root"
check "integrity_check finds it" sh -c '! sqlite3 "$1" "PRAGMA integrity_check" 2>&1 | grep -qx ok' - "$MAITRE_DB"
run guest find 孙
run guest show 1
run guest edit 1 --employer 中信银行
run visit add 1 --covers 2 --spend 300
run tier recompute --month 2026-06
run summary
check "no visit was added" test "$(sqlite3 "$MAITRE_DB" 'SELECT count(*) FROM visit')" = 3
note "a backup checks its copy: a damaged one is not kept"
run backup "$TMP/copy.db"
check "no copy under the name" test ! -e "$TMP/copy.db"
note "a database whose header is damaged (SQLITE_NOTADB)"
cp "$TMP/whole.db" "$TMP/header.db"
printf 'XXXX' | dd of="$TMP/header.db" bs=1 seek=0 conv=notrunc 2> /dev/null
run --db "$TMP/header.db" guest find 孙
note "a constraint that fails because an index is inconsistent with its table is damage too:"
note "visit_guest_date made UNIQUE behind SQLite's back, with two visits of guest 2 on one day"
cp "$TMP/whole.db" "$TMP/index.db"
sqlite3 "$TMP/index.db" "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = 'CREATE UNIQUE INDEX visit_guest_date ON visit(guest_id, date)' WHERE name = 'visit_guest_date'"
run --db "$TMP/index.db" visit add 2 --covers 2 --spend 300 --date 2026-06-20 --meal lunch --second-table
note "the whole copy works"
run --db "$TMP/whole.db" guest find 孙
finish
