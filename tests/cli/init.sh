#!/bin/sh
# maitre init, --version, help, global options and usage errors.
. "$TESTS_SRCDIR/cli/lib.sh"

run --version
note "the licence --version names is the one COPYING holds and the README names"
ROOT="$TESTS_SRCDIR/.."
check "--version names GPL-3.0-or-later" sh -c '"$MAITRE" --version | grep -q "GPL-3.0-or-later"'
check "COPYING is the GNU GPL version 3" sh -c 'head -2 "$1" | tr -s " " | grep -q "^ Version 3, 29 June 2007"' - "$ROOT/COPYING"
check "the README names the licence" grep -q 'GPL-3.0-or-later' "$ROOT/README.md"
run guest show 1
note "init creates the database, mode 0600"
run init
check "database file is mode 600" test "$(stat -c %a "$MAITRE_DB")" = 600
run init
note "a directory shared with a group gets a group-writable database"
mkdir -m 2770 "$TMP/shared"
run --db "$TMP/shared/team.db" init
check "shared database is mode 660" test "$(stat -c %a "$TMP/shared/team.db")" = 660
note "XDG_DATA_HOME decides the default place"
MAITRE_DB= XDG_DATA_HOME="$TMP/xdg" "$MAITRE" init > /dev/null
check "database created under XDG_DATA_HOME" test -f "$TMP/xdg/maitre/maitre.db"
note "not a maitre database"
echo "hello" > "$TMP/notes.txt"
run --db "$TMP/notes.txt" guest find sun
run help
run help visit add
run help guest
run guest
run frobnicate
run --format xml guest find sun
run guest find --bogus sun
run visit list --month 2026-13
finish
