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
finish
