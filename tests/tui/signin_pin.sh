#!/bin/sh
# "Who are you?" on the shared terminal: the picker finds a name by its letters or its pinyin
# initials; Esc leaves everything as it was; the PIN shows one • per digit; a wrong PIN says the
# tries left, the fifth locks the person out (audited) and says for how long; a member without a
# PIN is told who sets one. On the right PIN the action that asked goes on at once (the visit
# form opens: the key need not be pressed again), and the status line shows who acts.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/signin_data.sh"
signin_setup
printf '5678 and a paragraph pasted by mistake\n' > "$TMP/pasted"
screen <<KEYS
type lm
key ^V
type zq
snap the picker, narrowed by pinyin initials
key Esc
snap Esc: the lookup as it was, the query kept, nothing done
key ^V
type lina
key Enter
type 1111
key Enter
snap a member without a PIN
key Backspace
key ^U
type wang
key Enter
type 12a
snap the PIN as dots, never digits; a letter refused
key Backspace Backspace
type 9999
key Enter
snap a wrong PIN: the tries left
type 0000
key Enter
type 0000
key Enter
type 0000
key Enter
expect wrong PIN: 1 more try before a lockout
type 0000
key Enter
snap the fifth: locked out for a minute
type 1234
key Enter
expect 王芳 is locked out after 5 wrong PINs
key Esc
key ^V
type zhao
key Enter
paste $TMP/pasted
expect a PIN is typed, not pasted
type 5678
key Enter
snap the right PIN: the visit form opens at once, the status line says who acts
KEYS
check "the lockout is audited" test "$(sqlite3 "$MAITRE_DB" \
	"SELECT count(*) FROM audit WHERE action = 'pin-locked'")" = 1
check "no PIN is in the database or the audit as typed" test "$(sqlite3 "$MAITRE_DB" \
	"SELECT count(*) FROM audit WHERE old LIKE '%1234%' OR new LIKE '%1234%' OR new LIKE '%5678%'")" = 0
finish
