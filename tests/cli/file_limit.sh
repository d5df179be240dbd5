#!/bin/sh
# A file-size limit (ulimit -f) reached while writing: reported as a full disk with exit 3,
# not a death by SIGXFSZ (exit 153); nothing half written (issue 13, defect 8).
. "$TESTS_SRCDIR/cli/lib.sh"

run init
size=$(stat -c %s "$MAITRE_DB")
note "a limit a little above the database's size, then guests with long notes until it is reached"
# POSIX sh counts ulimit -f in 512-byte blocks (bash in 1024: a larger limit, still reached)
limit=$((size / 512 + 40))
long=$(printf '%03000d' 0)
sh -c '
	ulimit -f "$1" || exit 9
	i=1
	while [ $i -le 200 ]; do
		"$MAITRE" guest add --name "Guest $i" --note "$2" > /dev/null 2> "$3/err" || {
			echo "exit $? after $((i - 1)) guests" > "$3/stop"; exit 0; }
		i=$((i + 1))
	done
	echo "never reached the limit" > "$3/stop"' - "$limit" "$long" "$TMP"
echo "[sh exit $?]" >> "$OUT"
check "maitre stopped with exit 3, not killed" grep -q '^exit 3 after [1-9][0-9]* guests$' "$TMP/stop"
sed 's/^exit 3 after [0-9]* guests$/exit 3 after N guests/' "$TMP/stop" >> "$OUT"
mask < "$TMP/err" >> "$OUT"
n=$(sed 's/^exit 3 after \([0-9]*\) guests$/\1/' "$TMP/stop")
check "the database is whole" test "$(sqlite3 "$MAITRE_DB" 'PRAGMA integrity_check')" = ok
check "every acknowledged guest is there, the failed one is not" \
	test "$(sqlite3 "$MAITRE_DB" 'SELECT count(*) FROM guest')" = "$n"
note "without the limit, writing goes on"
check "a guest is added" "$MAITRE" guest add --name Sun
finish
