#!/bin/sh
# A damaged database in the interface (issue 13, defect 5): when a read meets the damage, the
# status line says "the database is damaged: run `maitre doctor`" from then on, and every write
# is refused, also one that would not touch the damaged page; the form keeps what was typed.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
visit_today june
sqlite3 "$MAITRE_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
note "the visit table's page overwritten, as a flipped byte leaves it"
ps=$(sqlite3 "$MAITRE_DB" 'PRAGMA page_size')
root=$(sqlite3 "$MAITRE_DB" "SELECT rootpage FROM sqlite_master WHERE name = 'visit'")
printf '\377' | dd of="$MAITRE_DB" bs=1 seek=$(( (root - 1) * ps )) conv=notrunc 2> /dev/null
screen <<'KEYS'
type wz
snap the lookup reads the last visits: the damage is said
key Esc
key ^N
type 赵先生
key ^S
snap a new guest touches no visit, but is refused and kept
key Esc Esc
expect the database is damaged
KEYS
note "in Chinese, the lookup's own line says it in Chinese too"
( export LANGUAGE=zh_CN
screen <<'KEYS'
type wz
expect 数据库已损坏
snap 数据库已损坏
KEYS
)
check "no English left on the Chinese screen" sh -c "! grep -q 'the database is damaged' '$TMP/screen.out'"
check "no guest was added" test "$(sqlite3 "$MAITRE_DB" 'SELECT count(*) FROM guest')" = 2
finish
