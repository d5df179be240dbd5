#!/bin/sh
# Four processes add 250 visits each at the same moment: exactly 1000 visits, no error.
. "$TESTS_SRCDIR/cli/lib.sh"
run init
"$MAITRE" guest add --name 孙先生 --phone 13912345678 > /dev/null
writer() {
	i=0
	while [ $i -lt 250 ]; do
		"$MAITRE" visit add 1 --date 2026-06-15 --meal dinner --covers 2 --spend 100 --second-table > /dev/null \
			2>> "$TMP/errors.$1" || echo "exit $?" >> "$TMP/errors.$1"
		i=$((i + 1))
	done
}
for w in 1 2 3 4; do writer $w & done
wait
cat "$TMP"/errors.* > "$TMP/all-errors" 2>/dev/null || true
check "no writer saw an error" test ! -s "$TMP/all-errors"
n=$("$MAITRE" --format tsv visit list --guest 1 | tail -n +2 | wc -l)
note "visits stored: $n"
ids=$("$MAITRE" --format tsv visit list --guest 1 | tail -n +2 | cut -f1 | sort -n | uniq | wc -l)
note "distinct ids: $ids"
finish
