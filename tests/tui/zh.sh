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
finish
