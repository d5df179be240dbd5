#!/bin/sh
# Editing a guest in Chinese: a wrong value's reason in Chinese, a preference typed with Chinese
# words and full-width punctuation, an unknown kind refused.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest sons
note "in Chinese: a preference typed with Chinese words and full-width punctuation"
( export LANGUAGE=zh_CN
screen <<'KEYS'
type sxs
key Enter e
key ^N ^N ^N Down ^U
type 20
key Down
snap a wrong value: the reason in Chinese
key Up ^U
type 175
key ^P
snap the preferences list, a section up
key a
type 过敏：芒果 危急
key Enter
snap the new allergy in the list, in the allergy style
attr 过敏: 芒果 危急
key a
type 爱好：书法
key Enter
snap an unknown kind: said, nothing added
key ^S
KEYS
)
run guest show 1
finish
