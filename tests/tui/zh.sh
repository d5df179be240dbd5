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
finish
