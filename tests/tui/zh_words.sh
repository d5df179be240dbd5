#!/bin/sh
# Words with two senses translated by their context in Chinese: a complaint's category other
# (其他), the sales manager's visit (拜访), the dashboard's guests who came (来客).
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/zh_data.sh"
"$MAITRE" init > /dev/null
zh_sun month
# the agenda uses the last complete month's tiers (June's are provisional): May's, by hand
"$MAITRE" tier override 1 A --month 2026-05 --reason 老客户 > /dev/null
note "words with two senses: a complaint of category other is 其他 (not 其他纪念日, the date);"
note "the sales manager's visit is 拜访 (not 记到店, entering a visit); the dashboard's guests"
note "who came (来客) and their visits (来店) are two columns"
( export LANGUAGE=zh_CN
screen <<'KEYS'
key F7
snap the complaint of category other
key F8
snap the agenda: 电话 and 拜访
key F4
expect 来客
KEYS
)
finish
