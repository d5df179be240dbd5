#!/bin/sh
# ':duplicates': the pairs that may be one guest, the likeliest first, with the reasons and the
# score; x says a pair are two people (asked first; never offered again), Enter shows a pair
# side by side and merges it; back on the list, the pair is gone.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/merge_data.sh"
merge_guests
merge_dups
screen <<'KEYS'
key Esc
type :duplicates
key Enter
snap two pairs: the shared phone first
key Down
key x
expect are two people
key n
key x
type y
expect not offered again
snap the 李明s are two people: one pair left
key Enter
snap 王小明 and 王晓明 side by side
key Enter
type y
expect merged: guest 4 into 3
key Esc
snap back on the list: nothing left
KEYS
run guest duplicates
finish
