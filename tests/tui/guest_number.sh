#!/bin/sh
# A guest by number (issue 16: "a guest number on a printed list still finds the guest"):
# ':guest 2' and ':guest #2' open guest 2's card, and so does '#' on a card, asking the
# number; once guest 2 is merged into guest 1, the number opens guest 1's card and says so; a
# number nobody has, or no number, is said — in Chinese too, with no English reason after it.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/merge_data.sh"
merge_guests
screen <<'KEYS'
type :guest 2
key Enter
expect #2
snap guest 2's card by its number
key Esc
type :guest #2
key Enter
expect #2
key #
type 1
key Enter
expect #1
snap '#' on guest 2's card asked a number: guest 1's card on top
key Esc
key Esc
run "$MAITRE" guest merge 1 2 > /dev/null
type :guest 2
key Enter
expect guest 2 was merged into 1
snap the old number opens guest 1's card
key Esc
type :guest 999
key Enter
snap no such guest
key Esc
type :guest
key Enter
snap no number given
KEYS
( export LANGUAGE=zh_CN
screen <<'KEYS'
type :客人 999
key Enter
expect 没有编号为 999 的客人
KEYS
)
finish
