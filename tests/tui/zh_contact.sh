#!/bin/sh
# The agenda's contact channel in Chinese: a closed choice (the row's own first, Space
# changes it), typed in either language, a wrong one said; the command line takes it too.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/zh_data.sh"
"$MAITRE" init > /dev/null
zh_sun profiled
# the agenda uses the last complete month's tiers (June's are provisional): May's, by hand
"$MAITRE" tier override 1 A --month 2026-05 --reason 老客户 > /dev/null
note "the agenda's contact channel is a choice in Chinese, not text pre-filled with phone"
note "(typing gave 'phonephone')"
( export LANGUAGE=zh_CN
screen <<'KEYS'
key F8 c
snap the channel: the row's own, in Chinese, Space changes
key Space
expect 拜访
type 微信
key Enter
type 加了微信
key Enter
KEYS
)
check "the contact stored as wechat" test "$(sqlite3 "$MAITRE_DB" "SELECT channel FROM contact ORDER BY id DESC LIMIT 1")" = wechat
( export LANGUAGE=zh_CN
screen <<'KEYS'
key F8 c
type phone
key Enter
snap an English channel typed on the Chinese screen: taken
key Esc
key c
type 飞鸽
key Enter
snap a channel that is none: said, asked again
KEYS
)
note "the command line takes the channel in Chinese too"
run contact log 1 --channel 微信 --outcome 发了菜单
check "微信 stored as wechat" test "$(sqlite3 "$MAITRE_DB" "SELECT channel FROM contact ORDER BY id DESC LIMIT 1")" = wechat
finish
