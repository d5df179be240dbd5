#!/bin/sh
# maitre backup: a consistent copy beside the database, or where asked; never overwrites.
. "$TESTS_SRCDIR/cli/lib.sh"
run init
"$MAITRE" guest add --name 孙先生 --phone 13912345678 > /dev/null
run backup "$TMP/copy.db"
run --db "$TMP/copy.db" guest find sun
run backup "$TMP/copy.db"
run backup
check "a dated copy lies beside the database" sh -c "ls '$TMP'/maitre-*.db > /dev/null"
check "the copy is mode 600" sh -c "test \$(stat -c %a '$TMP/copy.db') = 600"
run backup "$TMP/no/such/dir/copy.db"
finish
