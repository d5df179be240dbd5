#!/bin/sh
# maitre visit add | list | void — the worked example of 张先生 (domain.md §3).
. "$TESTS_SRCDIR/cli/lib.sh"
run init
"$MAITRE" guest add --name 张先生 --family-name 张 --phone 13900001234 > /dev/null
"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13900005678 > /dev/null
run visit add 1 --date 2026-06-03 --meal lunch --covers 8 --spend 460
run visit add 1 --date 2026-06-11 --meal dinner --covers 10 --spend 520 --table 牡丹厅
run visit add 1 --date 2026-06-24 --meal 晚市 --covers 6 --spend ¥340.00 --note 生日宴
run visit add 2 --date 2026-06-24 --meal lunch --covers 2 --spend 199.5
note "today (MAITRE_TODAY) by default"
run visit add 2 --meal dinner --covers 3 --spend 300
run visit list --month 2026-06
run visit list --guest 1 --format tsv
run visit list --date 2026-06-24 --format csv
run visit list --guest 2 --format json
note "bad input"
run visit add 1 --date 2026-06-31 --meal lunch --covers 2 --spend 10
run visit add 1 --meal brunch --covers 2 --spend 10
run visit add 1 --meal lunch --covers abc --spend 10
run visit add 1 --meal lunch --covers 0 --spend 10
run visit add 1 --meal lunch --covers 2 --spend -5
run visit add 1 --meal lunch --covers 2 --spend 10.005
run visit add 1 --meal lunch --covers 2 --spend 1,45
run visit add 1 --date 2026-06-25 --meal lunch --covers 2 --spend "¥ 1,450.50"
run visit add 1 --meal lunch --covers 2
run visit add 99 --meal lunch --covers 2 --spend 10
run visit add x --meal lunch --covers 2 --spend 10
run visit list --date 2026-06-01 --month 2026-06
note "a wrong visit is voided with a reason, never deleted"
run visit void 2
run visit void 2 --reason ''
run visit void 2 --reason 录错了
run visit void 2 --reason again
run visit void 42 --reason x
run visit list --guest 1
run visit list --guest 1 --all
run visit add --covers 2 --spend 100
run visit add 1 --covers 2
note "a day that does not exist is not a date; covers in full-width digits as spend takes them"
run visit add 1 --date 2026-02-30 --meal lunch --covers 2 --spend 10
run visit add 2 --date 2026-06-05 --meal dinner --covers ８ --spend ５２０
run visit add 2 --date 2026-06-06 --meal dinner --covers ８a --spend 10
note "no visit in the future (today is 2026-06-30)"
run visit add 1 --date 2026-07-01 --meal lunch --covers 2 --spend 10
note "nor before the opening date, by default a year back: a manager's --allow-old, audited"
run opening-date
run visit add 1 --date 2025-06-29 --meal lunch --covers 2 --spend 10
run visit add 1 --date 2025-06-30 --meal lunch --covers 2 --spend 10
run visit add 1 --date 2024-03-01 --meal lunch --covers 2 --spend 10 --allow-old
sqlite3 "$MAITRE_DB" "SELECT entity, entity_id, action, field, new FROM audit WHERE action = 'allow-old'" >> "$OUT"
note "the opening date is the restaurant's, in the database: every terminal agrees"
run opening-date 2020-01-15
run opening-date
run visit add 1 --date 2020-01-15 --meal dinner --covers 2 --spend 10
run visit add 1 --date 2020-01-14 --meal dinner --covers 2 --spend 10
run opening-date 2026-07-01
run opening-date 2026-02-30
note "a second visit of the same guest, date and meal: refused unless --second-table"
run visit add 1 --date 2026-06-03 --meal lunch --covers 3 --spend 100
run visit add 1 --date 2026-06-03 --meal dinner --covers 3 --spend 100
run visit add 1 --date 2026-06-03 --meal lunch --covers 3 --spend 100 --second-table
note "a void reason is a code, shown in the reader's language, and the words typed"
run visit void 11 --code wrong-amount --reason "100 not 1000"
run visit void 12 --code twice
run visit void 1 --code lost
run visit void 1 --code other
run visit list --date 2026-06-03 --all
note "the same visits read in Chinese: the codes in the reader's language"
LANGUAGE=zh_CN LANG=C.UTF-8 run visit list --date 2026-06-03 --all
finish
