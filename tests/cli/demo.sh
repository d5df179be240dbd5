#!/bin/sh
# maitre demo: a realistic restaurant, the same for the same seed.
. "$TESTS_SRCDIR/cli/lib.sh"
run --db "$TMP/a.db" demo --guests 400 --seed 7 --quiet
run --db "$TMP/a.db" demo --guests 10
note "a new database is built apart and appears whole, in WAL mode"
check "no scratch file left beside it" test -z "$(ls "$TMP" | grep -e '-keys$' -e '\.demo-')"
check "WAL mode" test "$(sqlite3 "$TMP/a.db" 'PRAGMA journal_mode')" = wal
check "every row has its parent (loaded without foreign key checks)" test -z "$(sqlite3 "$TMP/a.db" 'PRAGMA foreign_key_check')"
note "the same seed makes the same restaurant"
"$MAITRE" --db "$TMP/b.db" demo --guests 400 --seed 7 --quiet > /dev/null
"$MAITRE" --db "$TMP/c.db" demo --guests 400 --seed 8 --quiet > /dev/null
dump() {
	"$MAITRE" --db "$1" --format tsv visit list --month 2026-05
	for id in 1 2 3 50 399; do "$MAITRE" --db "$1" guest show $id | grep -v '^  notes'; done
}
dump "$TMP/a.db" > "$TMP/a.txt"
dump "$TMP/b.db" > "$TMP/b.txt"
dump "$TMP/c.db" > "$TMP/c.txt"
check "seed 7 twice: identical" cmp -s "$TMP/a.txt" "$TMP/b.txt"
check "seed 8: different" sh -c "! cmp -s '$TMP/a.txt' '$TMP/c.txt'"
note "what a restaurant looks like"
q() { sqlite3 "$TMP/a.db" "$1"; }
check "every guest has a phone" test "$(q 'SELECT count(*) FROM guest WHERE id NOT IN (SELECT guest_id FROM phone)')" = 0
check "every guest has a sales manager" test "$(q 'SELECT count(*) FROM guest WHERE sales_manager IS NULL')" = 0
check "some guests have taboos, some allergies" test "$(q "SELECT count(DISTINCT kind) FROM preference WHERE kind IN ('taboo','allergy')")" = 2
check "every Hui guest has the pork taboo" test "$(q "SELECT count(*) FROM guest g WHERE ethnicity = '回族' AND NOT EXISTS (SELECT 1 FROM preference p WHERE p.guest_id = g.id AND p.kind = 'taboo' AND p.text LIKE '%猪%')")" = 0
check "some Latin names" test "$(q "SELECT count(*) FROM guest WHERE name GLOB '*[a-zA-Z]*'")" -gt 0
check "birthdays and anniversaries" test "$(q "SELECT count(DISTINCT kind) FROM special_date")" -ge 2
check "associated people" test "$(q 'SELECT count(*) FROM person')" -gt 0
check "lunch and dinner" test "$(q 'SELECT count(DISTINCT meal) FROM visit')" = 2
check "opened when its visits begin, so the oldest can be corrected" test "$("$MAITRE" --db "$TMP/a.db" opening-date)" = "$(q 'SELECT substr(min(date), 1, 7) FROM visit')-01"
check "18 months of visits" test "$(q "SELECT min(date) >= '2024-12-01' AND min(date) < '2025-02-01' AND max(date) <= '2026-06-30' FROM visit")" = 1
note "every tier of domain.md §4 is populated: guests meeting each row over the last 3 months"
q "WITH m AS (SELECT guest_id, count(*) / 3.0 AS v, sum(spend_fen) / 300.0 AS s,
        sum(spend_fen) * 1.0 / sum(covers) / 100 AS pc
      FROM visit WHERE date BETWEEN '2026-03-01' AND '2026-05-31' AND voided_at IS NULL GROUP BY guest_id),
  t AS (SELECT CASE
        WHEN v >= 6 AND s >= 5000 AND pc >= 80 THEN 'A quality'
        WHEN v >= 6 AND s >= 4500 AND pc >= 60 THEN 'A active'
        WHEN v >= 4 AND s >= 3000 AND pc >= 60 THEN 'B quality'
        WHEN v >= 4 AND s >= 2500 AND pc >= 50 THEN 'B active'
        WHEN v >= 2 AND s >= 1500 AND pc >= 50 THEN 'C quality'
        WHEN v >= 2 AND s >= 1000 AND pc >= 40 THEN 'C active' END AS tier FROM m)
  SELECT tier FROM t WHERE tier IS NOT NULL GROUP BY tier HAVING count(*) > 0 ORDER BY tier" >> "$OUT"
note "the back office has a history: calls and visits, complaints at every stage, alerts"
check "calls and visits by the sales managers" test "$(q 'SELECT count(DISTINCT channel) FROM contact')" -ge 2
check "banquets hosted" test "$(q 'SELECT count(*) FROM banquet')" -gt 0
check "calls are calls (a WeChat message does not keep the call cadence)" test "$(q "SELECT count(*) FROM contact WHERE channel = 'wechat'")" = 0
check "complaints at several stages of recovery" test "$(q 'SELECT count(DISTINCT status) FROM complaint')" -ge 3
q "SELECT status, count(*) FROM complaint GROUP BY status ORDER BY status" >> "$OUT"
check "every complaint about a live visit of its guest, logged after it" test "$(q "SELECT count(*) FROM complaint c JOIN visit v ON v.id = c.visit_id AND v.guest_id = c.guest_id WHERE v.voided_at IS NULL AND c.at > v.date")" = "$(q 'SELECT count(*) FROM complaint')"
check "each complaint's timeline in order" test "$(q 'SELECT count(*) FROM complaint_event a JOIN complaint_event b ON a.complaint_id = b.complaint_id AND b.id > a.id AND b.at < a.at')" = 0
MAITRE_NOW="2026-06-30 10:00:00" run --db "$TMP/a.db" complaint list --overdue
check "red and yellow alerts of the last complete month" test "$(q "SELECT count(DISTINCT light) FROM alert WHERE month = '2026-05'")" = 2
check "some alerts with feedback and action items" test "$(q 'SELECT count(*) FROM alert_action')" -gt 0
note "a seed makes, row for row, the restaurant it always made: each table's (and view's) rows and a digest of them"
note "(what the generator writes; a change to the generator or the schema changes them: read the diff)"
MAITRE_NOW="2026-06-30 21:00:00" "$MAITRE" --db "$TMP/e.db" demo --guests 200 --seed 7 --quiet > /dev/null
for t in $(sqlite3 "$TMP/e.db" "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_text%' ORDER BY name"); do
	cols=$(sqlite3 "$TMP/e.db" "SELECT group_concat(cid + 1) FROM pragma_table_info('$t')")
	# a PIN's Argon2id string has a random salt: whether there is one is what is made
	sel=$(sqlite3 "$TMP/e.db" "SELECT group_concat(CASE name WHEN 'pin_hash' THEN 'pin_hash IS NOT NULL' ELSE '\"' || name || '\"' END) FROM pragma_table_info('$t')")
	echo "$t $(sqlite3 "$TMP/e.db" "SELECT count(*) FROM \"$t\"") $(sqlite3 -quote "$TMP/e.db" "SELECT $sel FROM \"$t\" ORDER BY $cols" | md5sum | cut -c1-16)"
done >> "$OUT"
run --db "$TMP/a.db" demo --guests 0
run --db "$TMP/a.db" demo --guests many
run --db "$TMP/d.db" demo --visits-per-guest -1
finish
