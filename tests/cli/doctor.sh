#!/bin/sh
# maitre doctor: SQLite's checks, the schema version and every derived table against its
# sources; exit 0 when whole, 3 when not; --repair rebuilds what is derived and checks again.
. "$TESTS_SRCDIR/cli/lib.sh"

run init
"$MAITRE" guest add --name 孙先生 --phone 13912345678 --tag 常客 > /dev/null
"$MAITRE" guest add --name 李女士 --phone 13800001111 --employer 中信银行 > /dev/null
"$MAITRE" guest add --name 王经理 --phone 13700002222 > /dev/null
"$MAITRE" visit add 1 --covers 4 --spend 880 --date 2026-05-12 --meal dinner > /dev/null
"$MAITRE" visit add 1 --covers 2 --spend 460 --date 2026-06-12 --meal dinner > /dev/null
"$MAITRE" visit add 2 --covers 2 --spend 300 --date 2026-06-20 --meal dinner > /dev/null
"$MAITRE" visit add 3 --covers 6 --spend 1200 --date 2026-06-21 --meal dinner > /dev/null
"$MAITRE" tier recompute --month 2026-06 > /dev/null
cp "$MAITRE_DB" "$TMP/whole.db"
note "a whole database"
run doctor
note "derived tables damaged: a guest's month of visits gone, search keys gone and a probe"
note "changed, a month's tier rows cut short"
sqlite3 "$MAITRE_DB" "DELETE FROM guest_month WHERE guest_id = 1;
	DELETE FROM search_key WHERE guest_id = 2; UPDATE search_probe SET probe = 'x' WHERE guest_id = 3;
	DELETE FROM tier_month_row WHERE month = '2026-06' AND guest_id > 1"
run doctor
check "a lookup by the lost keys finds nobody" sh -c '! "$MAITRE" guest find lns | grep -q 李女士'
run doctor --repair
run doctor
check "the lookup finds her again" sh -c '"$MAITRE" guest find lns | grep -q 李女士'
note "the tier month is the rules' to rebuild"
run tier recompute --month 2026-06
run doctor
note "damage SQLite finds: a b-tree page of the guest table overwritten"
cp "$TMP/whole.db" "$TMP/flipped.db"
ps=$(sqlite3 "$TMP/flipped.db" 'PRAGMA page_size')
root=$(sqlite3 "$TMP/flipped.db" "SELECT rootpage FROM sqlite_master WHERE name = 'guest'")
printf '\377' | dd of="$TMP/flipped.db" bs=1 seek=$(( (root - 1) * ps )) conv=notrunc 2> /dev/null
run --db "$TMP/flipped.db" doctor
run --db "$TMP/flipped.db" doctor --repair
note "a schema newer than this maitre knows is reported, not refused"
cp "$TMP/whole.db" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" 'PRAGMA user_version = 99'
run --db "$TMP/newer.db" doctor
run --db "$TMP/newer.db" doctor --repair
run doctor extra
finish
