#!/bin/sh
# Editing a guest: nothing typed is thrown away unasked — F2 and Esc after a list edit ask
# first; n keeps the form, y leaves it and saves nothing.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest driver
note "nothing typed is thrown away unasked: F2, :lookup, Esc after a list edit"
screen <<'KEYS'
type sxs
key Enter e
key Down Down Down Down ^U
type 新单位
key F2
expect Leave without saving what you typed?
type n
snap F2 asked, n kept the form
key ^N ^N Down Down Enter ^U
type driver 王师傅 · allergy: 花生 low
key Enter
key Esc
expect Leave without saving what you typed?
type y
snap left, knowingly
KEYS
run guest show 1
finish
