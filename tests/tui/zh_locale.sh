#!/bin/sh
# The interface's language as gettext gives it: the locale chosen as login scripts leave it
# (LANGUAGE set but empty), and a plural said through ngettext ('window of 1 month').
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/zh_data.sh"
"$MAITRE" init > /dev/null
zh_sun new
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
