#!/bin/sh
# The terminal window resized while a form is being typed: to 80x24, to too small (the form is
# hidden, nothing is typed unseen) and back, and while a list item is being typed on the status
# line: everything typed stays, and saves.
. "$TESTS_SRCDIR/pty/lib.sh"
run init
start
wait_for "Find:"
keys C-n
wait_for "new guest"
text "郑先生"
keys Tab
text "郑"
tm resize-window -t t -x 80 -y 24
check "at 80x24 the form shows what was typed" wait_for "郑先生"
tm resize-window -t t -x 60 -y 20
check "too small: said so" wait_for "terminal too small: 60×20"
text "zzz"
tm resize-window -t t -x 120 -y 40
check "back at 120x40: the name is there" wait_for "郑先生"
not_on_screen() { ! screen_has "$1"; }
check "no key was typed unseen" not_on_screen "zzz"
keys C-n
wait_for "phones"
keys Enter
text "139 8765 4321"
tm resize-window -t t -x 90 -y 26
check "a resize while a phone is typed on the status line keeps it" wait_for "phones: 139 8765 4321"
keys Enter
check "the phone went in" wait_for "mobile 139 8765 4321"
keys C-s
check "saved" wait_for "added"
run guest show 1
finish
