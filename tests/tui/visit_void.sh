#!/bin/sh
# Voiding a visit: its reason asked for (a code or words, an empty Enter keeps the prompt
# open, what is typed is the reason and not commands), the code shown in the viewer's language.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
visit_today corrected
screen <<'KEYS'
key F3
key Down Down
key D
type 点错了客人
key Enter
expect Void it?
type y
snap voided with its reason
KEYS
run visit list --date 2026-06-30
visit_today second voided
note "voiding: an empty Enter keeps the prompt open (what is typed next is the reason, not commands); the code is shown in the viewer's language"
screen <<'KEYS'
key F3 End
key D
key Enter
snap an empty reason: the prompt stays, saying why
type q
snap q is typed into the reason, not a quit
key ^U
type 2 坐错桌
key Enter
expect Void it?
type y
snap voided: wrong guest, and the words
KEYS
( export LANGUAGE=zh_CN
screen <<'KEYS'
key F3 End
snap in Chinese: the reason's code in Chinese, the words as typed
KEYS
)
finish
