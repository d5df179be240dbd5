#!/bin/sh
# maitre guest merge KEEP OTHER: what differs and what is kept, the rows moved, the months
# recomputed; the old id answering as KEEP's in every command; guest merges; guest unmerge,
# refused after an edit and saying why.
. "$TESTS_SRCDIR/cli/lib.sh"
export MAITRE_NOW="2026-06-30 19:05:00"
run init
run guest add --name 孙先生 --employer 中信银行 --phone 13912345678
export MAITRE_NOW="2026-06-30 19:10:00"
run guest add --name 孙总 --employer 中信 --phone 13800001111 --set looks=高个
"$MAITRE" visit add 2 --date 2026-04-15 --meal dinner --covers 2 --spend 500 > /dev/null
"$MAITRE" complaint add 2 --category food --severity low --text '汤凉了' > /dev/null
"$MAITRE" tier recompute --month 2026-04 > /dev/null
note "a dry run writes nothing"
run guest merge 1 2 --dry-run --prefer keep:name
run guest merge 1 2 --prefer other:employer
run guest merge 1 1
run guest merge 1 2 --prefer other:shoe-size
note "the old id answers as KEEP's"
run guest show 2
run visit add 2 --date 2026-06-01 --meal lunch --covers 2 --spend 100
run guest find 13800001111
run guest merges
run guest duplicates --guest 2
note "what is held about the guest (PIPL art. 45) includes the merged one's own sheet"
check "guest export 1 has guest 2's sheet under merged" sh -c '"$1" guest export 1 | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if [m[\"id\"] for m in d[\"merged\"]] == [2] else 1)"' - "$MAITRE"
note "an edit since blocks the unmerge"
export MAITRE_NOW="2026-07-01 09:30:00"
run guest edit 1 --position 行长
run guest unmerge 1
run guest unmerge x
note "undone while nothing changed: 4 is a guest of its own again"
"$MAITRE" guest add --name 王女士 > /dev/null
"$MAITRE" guest add --name 王总 --phone 13700002222 > /dev/null
"$MAITRE" visit add 4 --date 2026-05-02 --meal dinner --covers 3 --spend 300 > /dev/null
run guest merge 3 4
run guest unmerge 2
run guest show 4
run guest merges --guest 4 --format tsv
check "visit 3 is guest 4's again" test "$(sqlite3 "$MAITRE_DB" 'SELECT guest_id FROM visit WHERE id = 3')" = 4
check "guest 2's visit stays on guest 1" test "$(sqlite3 "$MAITRE_DB" 'SELECT guest_id FROM visit WHERE id = 1')" = 1
finish
