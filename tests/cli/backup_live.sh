#!/bin/sh
# maitre backup while others write, and killed half way (issue 13, defect 2): the copy is the
# snapshot of one read transaction, finished in bounded time whatever the writes, checked, and
# named only when complete; a killed backup leaves nothing under the final name, and its
# temporary file is removed by the next backup.
# MAITRE_TEST_BACKUP_PAUSE_MS (a test-only hook) pauses after each 1 MB step of the copy, so
# that writes land between the steps and a kill lands half way, on a small database.
. "$TESTS_SRCDIR/cli/lib.sh"

"$MAITRE" demo --guests 1000 --quiet > /dev/null
pages=$(sqlite3 "$MAITRE_DB" 'PRAGMA page_count')
check "the database takes several steps of the copy" test "$pages" -gt 768
visits() {
	sqlite3 -cmd '.timeout 10000' "$1" 'SELECT count(*) FROM visit'
}

note "a writer adds visits without a pause while the backup runs"
writer() {
	while [ ! -e "$TMP/stop" ]; do
		"$MAITRE" visit add 1 --date 2026-06-15 --meal dinner --covers 2 --spend 100 \
			--second-table > /dev/null 2>> "$TMP/writer.err" || echo "exit $?" >> "$TMP/writer.err"
	done
}
writer &
wpid=$!
trap 'touch "$TMP/stop"; wait; rm -rf "$TMP"' EXIT
# the writer has committed: the backup starts under steady writes
before=$(visits "$MAITRE_DB")
while [ "$(visits "$MAITRE_DB")" = "$before" ]; do sleep 0.1; done
start=$(date +%s)
rc=0
MAITRE_TEST_BACKUP_PAUSE_MS=300 timeout 300 "$MAITRE" backup "$TMP/copy.db" > "$TMP/backup.out" 2>&1 ||
	rc=$?
echo "backup: exit $rc" >> "$OUT"
took=$(($(date +%s) - start))
during=$(visits "$MAITRE_DB")
touch "$TMP/stop"
wait $wpid
check "the backup was done within 120 s" test "$took" -le 120
check "the writer saw no error" test ! -s "$TMP/writer.err"
mask < "$TMP/backup.out" >> "$OUT"
check "the copy passes integrity_check" test "$(sqlite3 "$TMP/copy.db" 'PRAGMA integrity_check')" = ok
check "the copy's foreign keys hold" test -z "$(sqlite3 "$TMP/copy.db" 'PRAGMA foreign_key_check')"
check "the writer committed while the backup ran" test "$during" -gt "$before"
copied=$(visits "$TMP/copy.db")
check "the copy is one moment: the visits of its start, not those written meanwhile" \
	test "$copied" -gt "$before" -a "$copied" -lt "$during"
check "the copy is a plain file, in no journal mode of its own" \
	test "$(sqlite3 "$TMP/copy.db" 'PRAGMA journal_mode')" = delete
check "no temporary file is left" test -z "$(ls -A "$TMP" | grep '\.tmp-')"

note "a backup killed half way"
MAITRE_TEST_BACKUP_PAUSE_MS=1000 "$MAITRE" backup "$TMP/killed.db" > /dev/null 2>&1 &
bpid=$!
tmpf="$TMP/.killed.db.tmp-$bpid"
n=0
while [ ! -s "$tmpf" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
check "the copy was under way in its temporary file" test -s "$tmpf"
kill -9 $bpid 2> /dev/null || true
wait $bpid 2> /dev/null || true
check "nothing is under the final name" test ! -e "$TMP/killed.db"
check "the killed backup's temporary file is there" test -e "$tmpf"
run backup "$TMP/killed.db"
check "the next backup removed it" test ! -e "$tmpf"
check "and made a whole copy" test "$(sqlite3 "$TMP/killed.db" 'PRAGMA integrity_check')" = ok
note "a live backup's temporary file is not touched"
sleep 1000 &
spid=$!
live="$TMP/.other.db.tmp-$spid"
: > "$live"
run backup "$TMP/other.db"
check "the live process's file is still there" test -e "$live"
kill $spid 2> /dev/null || true

note "a backup that fails (the file size limit) leaves nothing"
rc=0
sh -c 'ulimit -f 64 && exec "$1" backup "$2"' - "$MAITRE" "$TMP/limited.db" > "$TMP/limited.out" 2>&1 ||
	rc=$?
echo "backup: exit $rc" >> "$OUT"
mask < "$TMP/limited.out" >> "$OUT"
check "nothing is under the final name" test ! -e "$TMP/limited.db"
check "no temporary file is left" test -z "$(ls -A "$TMP" | grep '\.limited\.db\.tmp-')"
finish
