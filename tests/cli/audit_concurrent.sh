#!/bin/sh
# Four processes write at the same moment (guest edits and visits, each audited): the audit
# keeps one chain, and maitre audit verify finds it intact with every row there.
. "$TESTS_SRCDIR/cli/lib.sh"
run init
for g in 1 2 3 4; do "$MAITRE" guest add --name "客人$g" > /dev/null; done
writer() {
	i=0
	while [ $i -lt 30 ]; do
		"$MAITRE" guest edit "$1" --set "position=经理$i" > /dev/null 2>> "$TMP/errors.$1" ||
			echo "exit $?" >> "$TMP/errors.$1"
		"$MAITRE" visit add "$1" --date 2026-06-15 --meal dinner --covers 2 --spend 100 \
			--second-table > /dev/null 2>> "$TMP/errors.$1" || echo "exit $?" >> "$TMP/errors.$1"
		i=$((i + 1))
	done
}
for w in 1 2 3 4; do writer $w & done
wait
cat "$TMP"/errors.* > "$TMP/all-errors" 2>/dev/null || true
check "no writer saw an error" test ! -s "$TMP/all-errors"
n=$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM audit")
note "audit rows: $n"
run audit verify
finish
