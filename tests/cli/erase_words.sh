# erase_words.sh — sourced by the erasure tests (tests/cli/erase*.sh) after lib.sh: whether
# the words of WORDS are anywhere in the bytes of the database $DB, its write-ahead log or its
# shared memory.
# found WORD: the word's bytes are in one of the files
found() {
	for f in "$DB" "$DB-wal" "$DB-shm"; do
		[ -f "$f" ] && grep -q -a -F "$1" "$f" && return 0
	done
	return 1
}
# none_found: none of WORDS is in the files (each one left is named)
none_found() {
	rc=0
	for w in $WORDS; do
		if found "$w"; then note "still in the file: $w"; rc=1; fi
	done
	return $rc
}
# all_found: every word of WORDS is (the test's data is where the erasure must reach)
all_found() {
	for w in $WORDS; do found "$w" || { note "not in the file: $w"; return 1; }; done
}
