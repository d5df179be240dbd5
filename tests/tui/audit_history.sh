#!/bin/sh
# A guest's history from the card (h): who changed what and when, the newest first, old → new,
# the visits among the changes, another guest's changes not among them; the list scrolls; Esc
# goes back to the card.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 刘局长 --family-name 刘 --phone 13800001111 > /dev/null
"$MAITRE" guest edit 1 --set income=年薪百万 --employer 亳州市财政局 > /dev/null
"$MAITRE" guest edit 1 --employer 亳州市税务局 --add-tag 回头客 > /dev/null
for d in 01 03 05 08 10 12 15 17 19 22 24 26; do
	"$MAITRE" visit add 1 --date 2026-06-$d --meal dinner --covers 6 --spend 1500 > /dev/null
done
"$MAITRE" visit void 12 --code twice > /dev/null
"$MAITRE" guest add --name 孙先生 --employer 中信银行 > /dev/null
screen <<'KEYS'
type ljz
key Enter
size 80 24
key h
snap the history: the newest first, the void on top
expect visit 12 void void reason: twice
key PgDn
snap a page on
expect employer: 亳州市财政局 → 亳州市税务局
key End
expect create: 刘局长
key Esc
expect 刘局长
KEYS
note "in Chinese: the actions, fields and entities said in the reader's words"
( export LANGUAGE=zh_CN
screen <<'KEYS'
type ljz
key Enter
size 80 24
key h
snap the history in Chinese
KEYS
)
finish
