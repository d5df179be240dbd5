#!/bin/sh
# A database path that is a symbolic link is refused with that reason, not as "database is
# read-only" (issue 13, defect 7).
. "$TESTS_SRCDIR/cli/lib.sh"
run init
ln -s maitre.db "$TMP/link.db"
run --db "$TMP/link.db" guest find sun
run --db "$TMP/link.db" guest add --name Sun
finish
