#!/bin/sh
# maitre visit correct: a visit entered wrong is voided and the right one entered in its place,
# in one transaction (visit_store_correct, which the visit form's correction uses too).
. "$TESTS_SRCDIR/cli/lib.sh"
run init
"$MAITRE" guest add --name 张先生 --family-name 张 --phone 13900001234 > /dev/null
"$MAITRE" visit add 1 --date 2026-06-11 --meal dinner --covers 10 --spend 520 --table 牡丹厅 \
	--note 生日宴 > /dev/null
"$MAITRE" visit add 1 --date 2026-06-12 --meal lunch --covers 2 --spend 100 > /dev/null
note "the bill was 5,200, not 520: the rest stays as it was"
run visit correct 1 --spend 5200
run visit list --all --format tsv
note "the table taken away, the meal changed"
run visit correct 3 --table "" --meal lunch
run visit list --all --format tsv
note "refused: nothing given, a void visit, no such visit, a day in the future, bad covers"
run visit correct 4
run visit correct 1 --covers 3
run visit correct 9 --covers 3
run visit correct 4 --date 2027-01-01
run visit correct 4 --covers 0
note "a second visit on the same date and meal is refused and the old one stays live, whole"
run visit correct 2 --date 2026-06-11 --meal lunch
check "visit 2 still live" test "$(sqlite3 "$MAITRE_DB" 'SELECT voided_at IS NULL FROM visit WHERE id = 2')" = 1
check "nothing entered" test "$(sqlite3 "$MAITRE_DB" 'SELECT count(*) FROM visit')" = 4
note "unless it is a second table"
run visit correct 2 --date 2026-06-11 --meal lunch --second-table
run visit list --all --format tsv
note "under zh_CN"
LANGUAGE=zh_CN LANG=C.UTF-8 run visit correct 4
finish
