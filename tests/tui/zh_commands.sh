#!/bin/sh
# The ':' line in Chinese: the screens opened by their Chinese names, completed with Tab, and
# listed in both languages in the help.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/zh_data.sh"
"$MAITRE" init > /dev/null
zh_sun profiled
note "the ':' line takes the screens' Chinese names, with completion; the help lists them"
( export LANGUAGE=zh_CN
screen <<'KEYS'
type :看板
key Enter
expect 各等级客户数
type :考
key Tab
expect :考勤
key Enter
expect 考勤
type :
key Tab
snap every name, in both languages
key Esc
key ?
key PgDn PgDn
snap the help: the ':' names
KEYS
)
finish
