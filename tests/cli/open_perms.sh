#!/bin/sh
# Why a database cannot be opened, when SQLite only says "read-only" (issue 13, defect 7):
# another user's 0600 file, another user's file that may be read but not written, a directory
# without write permission, and a hot journal that cannot be rolled back. Each message names
# the cause and what to do. The commands run as "nobody" on files of the tester (root), so
# this needs root: as another user, permission bits hold (root passes them all).
. "$TESTS_SRCDIR/cli/lib.sh"
if [ "$(id -u)" != 0 ] || ! command -v setpriv > /dev/null || ! id nobody > /dev/null 2>&1; then
	echo "open_perms: skipped: needs root and setpriv to run maitre as the user nobody"
	exit 77
fi
chmod 755 "$TMP"
# as RUN, but as the user nobody
as_nobody() {
	printf '$ (as nobody) maitre' >> "$OUT"
	printf ' %s' "$@" | mask >> "$OUT"
	printf '\n' >> "$OUT"
	rc=0
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$MAITRE" "$@" > "$TMP/cmd.out" 2>&1 ||
		rc=$?
	sed 's/\bnobody\b/$OTHER/g' "$TMP/cmd.out" | mask >> "$OUT"
	printf '[exit %d]\n' "$rc" >> "$OUT"
}
# nobody is on the staff as a receptionist: what stops them is the file, not the role
on_staff() {
	sqlite3 "$1" "INSERT INTO staff(login, display_name, role, created_at) VALUES ('nobody', "\
"'nobody', 'receptionist', '2026-01-01 00:00:00')"
}
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name Sun > /dev/null
on_staff "$MAITRE_DB"

note "a file of another user, mode 0600"
cp "$MAITRE_DB" "$TMP/private.db"
chmod 600 "$TMP/private.db"
as_nobody --db "$TMP/private.db" guest find sun

note "a file of another user that others may read (0644), in a directory they may write"
mkdir -m 777 "$TMP/shared"
cp "$MAITRE_DB" "$TMP/shared/m.db"
chmod 644 "$TMP/shared/m.db"
as_nobody --db "$TMP/shared/m.db" guest add --name Li

note "a file of one's own in a directory without write permission"
mkdir -m 755 "$TMP/ro"
cp "$MAITRE_DB" "$TMP/ro/m.db"
chown nobody "$TMP/ro/m.db"
as_nobody --db "$TMP/ro/m.db" guest add --name Li
as_nobody --db "$TMP/ro/m.db" guest find sun

note "a hot journal (a write cut off by kill -9) next to a database others may only read"
MAITRE_JOURNAL_MODE=DELETE "$MAITRE" --db "$TMP/hot.db" init > /dev/null
MAITRE_JOURNAL_MODE=DELETE "$MAITRE" --db "$TMP/hot.db" guest add --name Sun > /dev/null
on_staff "$TMP/hot.db"
mkfifo "$TMP/sql"
sqlite3 "$TMP/hot.db" < "$TMP/sql" &
spid=$!
exec 3> "$TMP/sql"
echo "BEGIN; UPDATE guest SET name = name || 'x';" >&3
n=0
while [ ! -s "$TMP/hot.db-journal" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
kill -9 $spid
wait $spid 2> /dev/null || true
exec 3>&-
check "the journal is left" test -s "$TMP/hot.db-journal"
chmod 644 "$TMP/hot.db"
as_nobody --db "$TMP/hot.db" guest find sun
note "the same, the database and its directory writable but the journal the owner's"
chmod 777 "$TMP"
chown nobody "$TMP/hot.db"
as_nobody --db "$TMP/hot.db" guest find sun
chmod 755 "$TMP"
note "the owner rolls it back; then the other user reads"
run --db "$TMP/hot.db" guest find sun
as_nobody --db "$TMP/hot.db" guest find sun
finish
