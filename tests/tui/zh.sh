#!/bin/sh
# The Chinese interface, as a receptionist who types Chinese uses it: the locale chosen as login
# scripts leave it, closed choices typed and shown in Chinese, the ':' names in Chinese.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13800001111 > /dev/null
note "LANGUAGE set but empty counts as unset: LANG=zh_CN.UTF-8 speaks Chinese"
( unset LC_ALL LC_MESSAGES; export LANG=zh_CN.UTF-8 LANGUAGE=
screen <<'KEYS'
type sun
expect 孙先生
snap
KEYS
)
note "a rules file averaging over one month: the card says 'window of 1 month'"
cd "$TMP" # a relative path: the transcript stays the same wherever $TMP is
sed 's/^window_months: .*/window_months: 1/' "$TESTS_SRCDIR/../data/tiers.yaml" > one.yaml
screen --tiers one.yaml <<'KEYS'
type sun
key Enter
expect (window of 1 month)
KEYS
M="$MAITRE"
ME=$(id -un)
"$M" guest edit 1 --sales-manager "$ME" --add-person driver:王师傅 > /dev/null
for d in 02 05 09 12 16 19 23 26; do
	"$M" visit add 1 --date 2026-06-$d --meal dinner --covers 8 --spend 1200 > /dev/null
done
"$M" tier recompute --month 2026-06 > /dev/null
"$M" complaint add 1 --category other --severity low --text 停车不方便 > /dev/null
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
note "F9 in Chinese: the built-in file, and the hosts and WeChat groups the rules name"
( export LANGUAGE=zh_CN
screen <<'KEYS'
key F9
snap the rules: built-in, hosts and groups in Chinese
KEYS
)
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
