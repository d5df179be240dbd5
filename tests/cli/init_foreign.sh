#!/bin/sh
# maitre init on a SQLite file that is not maitre's: refused, the file left as it was
# (issue 13, defect 6); an empty file and maitre's own database are taken as before.
. "$TESTS_SRCDIR/cli/lib.sh"

note "another program's database (a table, user_version 0) is refused and not changed"
sqlite3 "$TMP/other.db" "CREATE TABLE recipe(name TEXT); INSERT INTO recipe VALUES ('dumplings');"
before=$(cksum < "$TMP/other.db")
run --db "$TMP/other.db" init
check "the file is byte for byte as it was" test "$(cksum < "$TMP/other.db")" = "$before"
check "no maitre table added" test "$(sqlite3 "$TMP/other.db" 'SELECT group_concat(name) FROM sqlite_master')" = recipe
check "its journal mode is unchanged" test "$(sqlite3 "$TMP/other.db" 'PRAGMA journal_mode')" = delete
run --db "$TMP/other.db" guest find dumplings
note "another program's application id alone is enough to refuse"
sqlite3 "$TMP/app.db" "PRAGMA application_id=1234"
before=$(cksum < "$TMP/app.db")
run --db "$TMP/app.db" init
check "the file is byte for byte as it was" test "$(cksum < "$TMP/app.db")" = "$before"
note "an empty file becomes a maitre database"
: > "$TMP/empty.db"
run --db "$TMP/empty.db" init
run --db "$TMP/empty.db" guest add --name Sun
note "maitre's own database: init again is harmless"
run --db "$TMP/empty.db" init
run --db "$TMP/empty.db" guest show 1
finish
