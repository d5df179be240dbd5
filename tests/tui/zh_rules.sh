#!/bin/sh
# F9 in Chinese: the rules screen names the built-in file, and the hosts and WeChat groups
# the rules name, in Chinese.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/zh_data.sh"
"$MAITRE" init > /dev/null
zh_sun month
note "F9 in Chinese: the built-in file, and the hosts and WeChat groups the rules name"
( export LANGUAGE=zh_CN
screen <<'KEYS'
key F9
snap the rules: built-in, hosts and groups in Chinese
KEYS
)
finish
