#!/bin/sh
# maitre backup --list and --prune: the backups of the database, in its backup folder and
# beside it (where they were made before the folder), known by their names; prune removes
# those made before a day, after a confirmation, and nothing else; it needs the restore
# permission (an admin's).
. "$TESTS_SRCDIR/cli/lib.sh"
export MAITRE_NOW="2026-06-30 12:00:00"
run init
"$MAITRE" guest add --name 孙先生 --phone 13912345678 > /dev/null
run backup
run backup
new="$TMP/backups/maitre-2026-06-30-120000.db"
check "named by the time, in the backup folder" test -f "$new"
check "the second in the same second: -2" test -f "$TMP/backups/maitre-2026-06-30-120000-2.db"
for n in maitre-2025-12-31-235959 maitre-2026-01-01-000000 maitre-2025-06-01-080000-pre-restore; do
	cp "$new" "$TMP/backups/$n.db"
done
cp "$new" "$TMP/maitre-2025-03-01-100000.db"
note "not backups of this database: another's, a file named otherwise, a folder"
cp "$new" "$TMP/backups/other-2025-01-01-000000.db"
cp "$new" "$TMP/backups/maitre-old.db"
: > "$TMP/backups/maitre-2025-01-01-000000.txt"
mkdir "$TMP/backups/maitre-2025-02-01-000000.db"
note "nor names of a time that never was, or with an empty tag"
cp "$new" "$TMP/backups/maitre-2025-02-30-000000.db"
cp "$new" "$TMP/backups/maitre-2025-01-01-256199.db"
cp "$new" "$TMP/backups/maitre-2025-01-01-000000-.db"
list() {
	note "maitre backup --list: made, kind, guests, visits, file"
	"$MAITRE" backup --list --format tsv | cut -f 1,2,4,5,6 | mask >> "$OUT"
}
list
note "maitre backup --list as text (the sizes, which the schema decides, masked)"
"$MAITRE" backup --list | sed 's/ [0-9]\{5,\} / NNNNNN /' | mask >> "$OUT"

note "without a terminal and without --yes: refused"
run backup --prune --before 2026-01-01 < /dev/null
check "nothing was removed" test "$(ls "$TMP/backups" | wc -l)" = 12
run backup --prune --before 2026-01-01 --yes
list
check "another's backup is left" test -f "$TMP/backups/other-2025-01-01-000000.db"
check "a file named otherwise is left" test -f "$TMP/backups/maitre-old.db"
check "and the folder" test -d "$TMP/backups/maitre-2025-02-01-000000.db"
for n in maitre-2025-02-30-000000 maitre-2025-01-01-256199 maitre-2025-01-01-000000-; do
	check "$n.db is left" test -f "$TMP/backups/$n.db"
done
run backup --prune --before 2026-01-01 --yes

note "usage"
run backup --prune
run backup --before 2026-01-01
run backup --list "$TMP/x.db"
run backup --prune --before 2026-02-30 --yes

note "a manager may back up and list, not prune nor restore"
run staff add boss --name 老板 --role admin
run staff edit "$LOGIN" --role manager
list
run backup --prune --before 2027-01-01 --yes
run restore "$new" --yes
check "nothing was removed" test -f "$new"
finish
