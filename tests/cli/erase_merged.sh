#!/bin/sh
# An erasure and the merges (issue 16): a guest entered twice, merged, is one person — erasing
# the guest kept (by either id: the old one answers as the kept one's) erases the merged one's
# own sheet too, and what the merge recorded of the sheets it changed; nothing of either is
# left in the file. A merged guest is never deleted (its merge names it), nothing new is
# written about an erased guest, and the backups that still hold the guest are counted.
. "$TESTS_SRCDIR/cli/lib.sh"
export MAITRE_NOW="2026-06-30 19:05:00"
DB="$MAITRE_DB"
WORDS="司马砚秋 司马小秋 13911112222 13933334444 Quillwort Ptarmigan Gossamerine Vellichor"
. "$TESTS_SRCDIR/cli/erase_words.sh"

run init
run guest add --name 司马砚秋 --phone 13911112222 --employer 'Quillwort Ltd'
run guest add --name 司马小秋 --phone 13933334444 --note 'likes Ptarmigan soup' \
	--tag Gossamerine --person 'son:Vellichor'
run visit add 2 --date 2026-06-10 --meal dinner --covers 2 --spend 500
run guest merge 1 2 --prefer other:name
check "the merge recorded the name it replaced" \
	test "$(sqlite3 "$DB" "SELECT count(*) FROM guest_merge_row WHERE old = '司马砚秋'")" = 1
run backup
note "the old id answers as the kept one's: guest 1 is erased, and guest 2's own sheet with it"
run guest erase 2 --reason 'asked in person'
check "no word of either sheet is left in the file or its log" none_found
check "the merge's record of the sheets holds no value" \
	test "$(sqlite3 "$DB" "SELECT count(*) FROM guest_merge_row WHERE old IS NOT NULL")" = 0
check "both rows are anonymous" \
	test "$(sqlite3 "$DB" "SELECT group_concat(name, '|') FROM (SELECT name FROM guest ORDER BY id)")" = "erased #1|erased #2"
check "the merged one is still merged" test "$(sqlite3 "$DB" "SELECT merged_into FROM guest WHERE id = 2")" = 1
run guest merges
run guest unmerge 1
run visit add 1 --date 2026-06-20 --meal lunch --covers 1 --spend 100
run visit list --guest 1
run audit verify
note "a merged guest is not deleted: its merge names it"
run guest add --name 张三
run guest add --name 张三丰
run guest merge 3 4
run guest delete 4
run guest delete 3
note "the book's export: neither the erased guests nor the one merged into 3"
run export guests --format tsv
note "merged, unmerged, then erased: the merge's rows on the kept one's sheet forget it"
run guest add --name 慕容雪松 --phone 13955556666 --note 'fond of Thimbleberry'
run guest merge 3 5
run guest unmerge 3
run guest erase 5 --reason 'asked by letter'
WORDS="慕容雪松 13955556666 Thimbleberry"
run guest show 5
check "no word of the erased one is left in the kept one's audit rows" none_found
run audit verify
finish
