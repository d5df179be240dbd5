#!/bin/sh
# The agenda of every guest keeps a few thousand of its rows around the cursor (issue 17): on
# 1500 tiered guests (4,531 rows), the first row, the last, and rows past the window either way
# are the rows the command line lists there, in the screen's order (calls and visits, the
# dates, the banquets).
. "$TESTS_SRCDIR/tui/lib.sh"
export MAITRE_TODAY=2026-06-30
"$MAITRE" init > /dev/null
"$MAITRE" demo --guests 1500 --visits-per-guest 0 --seed 3 --quiet > /dev/null
# every guest A in May (the last complete month), each name told apart
sqlite3 "$MAITRE_DB" "
	UPDATE guest SET name = '客人' || (100000 + id);
	INSERT OR IGNORE INTO tier_rules_version(id, hash, content, first_used)
		VALUES (1, 'test', '', '2026-01-01');
	INSERT OR REPLACE INTO tier_month_gen VALUES ('2026-05', 1, (SELECT count(*) FROM guest), 1);
	DELETE FROM tier_month_row WHERE month = '2026-05';
	INSERT INTO tier_month_row(month, guest_id, gen, tier, grp, source, months, visits, covers,
		spend_fen, m_visits, m_covers, m_spend_fen, rules_version, computed_at)
		SELECT '2026-05', id, 1, 'A', NULL, 'rules', 1, 0, 0, 0, 0, 0, 0, 1,
		'2026-06-01 00:00:00' FROM guest;"
# the command line's rows in the screen's order: row N (from 1) is the guest named on line N
"$MAITRE" --format tsv agenda --all | awk -F '\t' 'NR > 1 {
	if ($4 == "phone" || $4 == "visit") c[nc++] = $6
	else if ($4 == "date") d[nd++] = $6
	else b[nb++] = $6
} END {
	for (i = 0; i < nc; i++) print c[i]
	for (i = 0; i < nd; i++) print d[i]
	for (i = 0; i < nb; i++) print b[i]
}' > "$TMP/order"
rows=$(wc -l < "$TMP/order")
check "4,531 rows: more than the screen keeps" test "$rows" -eq 4531
# PgDn moves 24 rows at 100x30: the 175th is row 4201, past the first window; Home goes back
name_at() { sed -n "${1}p" "$TMP/order"; }
note "the last row, a row past the first window, and the first again"
screen <<KEYS
size 100 30
key F8
key End
key Enter
expect $(name_at 4531)
key Esc
key Home
$(i=0; while [ $i -lt 175 ]; do echo "key PgDn"; i=$((i + 1)); done)
key Enter
expect $(name_at 4201)
key Esc
key Home
key Enter
expect $(name_at 1)
key Esc
key End
$(i=0; while [ $i -lt 100 ]; do echo "key PgUp"; i=$((i + 1)); done)
key Enter
expect $(name_at 2131)
KEYS
finish
