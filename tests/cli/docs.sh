#!/bin/sh
# Every command and option that `maitre help` lists is documented in man/maitre.1.
. "$TESTS_SRCDIR/cli/lib.sh"
MAN="$TMP/maitre.1"
sed 's/\\-/-/g' "$TESTS_SRCDIR/../man/maitre.1" > "$MAN" # roff's \- is a plain hyphen here
missing=0
commands=$("$MAITRE" help | sed -n 's/^  \([a-z][a-z -]*[a-z]\)  .*/\1/p' | sed 's/ *$//')
for cmd in $(echo "$commands" | tr ' ' '_'); do
	cmd=$(echo "$cmd" | tr '_' ' ')
	grep -q "^\.SS \"maitre $cmd" "$MAN" || { note "not in the man page: maitre $cmd"; missing=1; }
	# shellcheck disable=SC2086
	for opt in $("$MAITRE" help $cmd | sed -n 's/^  --\([a-z-]*\).*/\1/p'); do
		grep -q -- "--$opt" "$MAN" || { note "not in the man page: maitre $cmd --$opt"; missing=1; }
	done
done
check "every command and option is documented" test $missing = 0
# every key of the interface's action table, with its action, in the KEYS section
missing=0
"$MAITRE" help keys | sed -n 's/^  \(.\{16\}\) \([a-z-]*\) .*/\1|\2/p' > "$TMP/keys"
while IFS='|' read -r keys action; do
	keys=$(echo "$keys" | sed 's/ *$//')
	grep -qF ".BR \"$keys\" \"  ($action)\"" "$MAN" || { note "not in KEYS: $keys ($action)"; missing=1; }
done < "$TMP/keys"
check "every key of the interface is documented" test $missing = 0
check "the keys were read" test "$(wc -l < "$TMP/keys")" -gt 30
# the README and HACKING.md point only inside the repository, at files that are there
ROOT="$TESTS_SRCDIR/.."
missing=0
for doc in README.md HACKING.md; do
	grep -qE '(\]\(|`)\.\./' "$ROOT/$doc" && { note "$doc: a path outside the repository"; missing=1; }
	for f in $(grep -o '](\([^)]*\))' "$ROOT/$doc" | sed 's/^](\(.*\))$/\1/'); do
		test -e "$ROOT/$f" || { note "$doc: links $f, which is not in the repository"; missing=1; }
	done
done
check "the README and HACKING.md link only files of the repository" test $missing = 0
finish
