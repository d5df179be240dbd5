#!/bin/sh
# Two sheets of one guest side by side (':merge 2' on 孙先生's card): the fields that differ,
# the newer value kept by default, the lists united with what comes from the other marked, the
# allergy kept at the higher severity; OTHER's employer chosen instead, then merged: the months
# recomputed, KEEP's card after, holding the employer chosen.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/merge_data.sh"
merge_guests
screen <<'KEYS'
type 孙先生
key Enter
type :merge 2
key Enter
snap both sheets: 孙总 is newer, so its values are kept by default
key Down
key Left
expect ● 中信银行
snap employer: KEEP's value chosen (the plan rebuilt)
key Space
snap Space: OTHER's again
key s
snap swapped: 孙总 is kept, 孙先生 merged into it
key s
key Left
key Enter
expect Merge guest 2 into 1?
key n
expect ● 中信银行
key ^S
type y
expect months 2026-04 recomputed
snap merged: KEEP's card, with 中信银行 and both phones
KEYS
run guest show 1
check "April's tiers recomputed: the visit counts for guest 1 now" \
	test "$(sqlite3 "$MAITRE_DB" "SELECT group_concat(guest_id) FROM tier_month WHERE month = '2026-04'")" = 1
run guest merges
finish
