#!/bin/sh
# Editing a guest: wrong values in the list editors (a phone, dates, a person, a tag) are said
# as they are typed and nothing is added.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest mango
note "wrong values in the list editors: said, nothing added"
screen <<'KEYS'
type sxs
key Enter e ^N a
type 12
key Enter
expect phone: must have 7 to 20 digits
key ^N ^N ^N ^N ^N ^N a
type birthday 13-40
key Enter
expect "13-40" is not a date
key a
type birthday 2026-02-30
key Enter
snap a day that does not exist: it is not a date
key a
type birthday 2030-05-12
key Enter
snap a birthday in the future: refused, as the command line refuses it
key ^N a
type ; notes only
key Enter
snap a person without a relation
key ^N a
type 这位客人每次来都会点同一道菜而且总是坐在靠窗的位子，这位客人每次来都会点同一道菜而且总是坐在靠窗的位子，这位客人每次来都会点同一道菜而且总是坐在靠窗的位子
key Enter
snap a tag over 60 characters: refused as it is typed, as the command line and the save refuse it
KEYS
finish
