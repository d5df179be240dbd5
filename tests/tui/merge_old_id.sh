#!/bin/sh
# The old id answers as KEEP's: 孙总's card (guest 2) is open when another terminal merges 2
# into 1; the card, read again, is guest 1's and says so. And ':merge 1 2' names the guests by
# number, the old one too: one guest now, nothing is left to merge.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/merge_data.sh"
merge_guests
screen <<'KEYS'
type 孙
key Enter
expect #2
snap 孙总's card, guest 2
run "$MAITRE" guest merge 1 2 > /dev/null
tick
expect guest 2 was merged into 1
snap read again: guest 1's card, with 孙总's newer name and both phones
type :merge 1 2
key Enter
snap nothing left to merge: one guest already
KEYS
finish
