#!/bin/sh
# tier_kill.sh — issue 13, defect 3: a `tier recompute` killed at any moment leaves its month as
# it was shown before or as the new one, whole, never part of each. June of a demo of 1,000
# guests (739 rows) is written 50 rows a write (MAITRE_TEST_TIER_BATCH, a test hook): 15 writes
# of a new generation, the 15th showing it, then 15 that delete the rows shown before.
. "$TESTS_SRCDIR/cli/lib.sh"
set -e
DB=$MAITRE_DB
q() { sqlite3 "$DB" "$1"; }
# June as lists and reports show it: its rows, its tiered guests and the spend they add up
june() {
	q "SELECT count(*) || ' rows, ' || ifnull(sum(tier IS NOT NULL), 0) || ' tiered, ' ||
	   ifnull(sum(m_spend_fen), 0) || ' fen' FROM tier_month WHERE month = '2026-06'"
}
# the database is whole and June one generation: as many rows as that generation says, of one
# rules version and one computation
whole() {
	[ "$(q 'PRAGMA integrity_check')" = ok ] && [ -z "$(q 'PRAGMA foreign_key_check')" ] &&
	[ "$(q "SELECT count(*) FROM tier_month WHERE month = '2026-06'")" = \
	  "$(q "SELECT row_count FROM tier_month_gen WHERE month = '2026-06'")" ] &&
	[ "$(q "SELECT count(DISTINCT rules_version) FROM tier_month WHERE month = '2026-06'")" = 1 ]
}
restore() {
	rm -f "$DB" "$DB-wal" "$DB-shm"
	cp "$TMP/saved.db" "$DB"
}

"$MAITRE" --db "$DB" demo --guests 1000 --seed 7 --quiet > /dev/null
old=$(june)
note "June's spend counted three times: the recompute gives other tiers"
q "UPDATE visit SET spend_fen = spend_fen * 3 WHERE date >= '2026-06-01'"
q "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
cp "$DB" "$TMP/saved.db"
"$MAITRE" tier recompute --month 2026-06 > /dev/null
new=$(june)
printf 'before: %s\nafter:  %s\n' "$old" "$new" >> "$OUT"
check "the recompute changes June" test "$old" != "$new"

export MAITRE_TEST_TIER_BATCH=50
note "killed (the hook MAITRE_TEST_TIER_KILL) after its 1st write, the 14th, the 15th (which"
note "shows the new month) and the 20th (deleting the rows shown before)"
for k in 1 14 15 20; do
	restore
	MAITRE_TEST_TIER_KILL=$k run tier recompute --month 2026-06
	if [ "$k" -lt 15 ]; then want=$old; what=before; else want=$new; what=after; fi
	check "killed after write $k: June as $what, whole" eval '[ "$(june)" = "$want" ] && whole'
done

note "kill -9 at random moments of five recomputes"
for i in 1 2 3 4 5; do
	restore
	"$MAITRE" tier recompute --month 2026-06 > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v s="$$$i" 'BEGIN { srand(s); printf "%.3f", rand() * 0.5 }')"
	kill -9 "$pid" 2> /dev/null || true
	wait "$pid" 2> /dev/null || true
	check "kill $i: June as before or after, whole" \
		eval '{ [ "$(june)" = "$old" ] || [ "$(june)" = "$new" ]; } && whole'
done

note "the next recompute shows the new month and deletes every row of another generation"
"$MAITRE" tier recompute --month 2026-06 > /dev/null
check "June as after, whole" eval '[ "$(june)" = "$new" ] && whole'
check "no row of another generation" test "$(q "SELECT count(*) FROM tier_month_row WHERE
	month = '2026-06'")" = "$(q "SELECT row_count FROM tier_month_gen WHERE month = '2026-06'")"
finish
