#!/bin/sh
# The profile form's closed choices in the interface's language: gender, phone kinds,
# relations, preference kinds and severities shown in Chinese or English, typed in either,
# stored as their codes.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/zh_data.sh"
"$MAITRE" init > /dev/null
zh_sun month
note "the profile form in Chinese: gender by Space (男, 女, none) or typed in either language,"
note "phone kinds and relations shown in Chinese and typed in Chinese, stored as their codes"
( export LANGUAGE=zh_CN
screen <<'KEYS'
type sun
key Enter e
key Down Down Down Space
snap gender: Space gives 男, with the hint
key Space
expect 女
key ^U
type 男士
key Down
snap a wrong gender: the choices in both languages
key Up ^U
type 女
key Down Up
expect 女
key ^N
snap the phones: the kind in Chinese
key a
type 座机 0558-1234567
key Enter
key End
snap the people: the relation in Chinese
key ^S
KEYS
)
run guest show 1
note "English: the same choices in English, and the Chinese still typed"
screen <<'KEYS'
type sun
key Enter e
key Down Down Down
expect female
key ^U
type 男
key ^N a
type 手机 139 0000 1111
key Enter
key ^N a
type 过敏：芒果 危急
key Enter
snap Chinese typed on an English screen: shown in English
key ^S
KEYS
run guest show 1
finish
