#!/bin/sh
# The tier rules screen: the rules in force (thresholds top-down, each letter's privileges side
# by side, the version), then R after an edit of tiers.yaml (the new thresholds for every
# screen) and after a broken edit (each error with file:line:column, the old rules kept).
. "$TESTS_SRCDIR/tui/lib.sh"
export TMP
"$MAITRE" init > /dev/null
screen <<'KEYS'
key F9
snap the built-in rules
size 80 24
snap at the smallest screen
key End
snap the end of the page
KEYS
# a rules file of our own (relative: the transcript stays the same wherever $TMP is); a guest
# who came 6 times in April and in May, A under the shipped rules (6 visits a month)
cd "$TMP"
cp "$TESTS_SRCDIR/../data/tiers.yaml" tiers.yaml
"$MAITRE" guest add --name 张先生 > /dev/null
for m in 04 05; do
	for d in 03 06 09 12 15 18; do
		"$MAITRE" visit add 1 --date 2026-$m-$d --meal dinner --covers 10 --spend 1000 \
			> /dev/null
	done
done
"$MAITRE" --tiers tiers.yaml tier recompute --month 2026-05 > /dev/null
screen --tiers tiers.yaml <<'KEYS'
type zxs
key Enter
snap the card under the shipped rules
key F9
snap the rules in force computed May
run sed -i -e 's/^version: .*/version: "2026 autumn"/' -e 's/^    visits: 6$/    visits: 7/' tiers.yaml
key R
snap R after an edit: A needs 7 visits, the new version
expect 2026 autumn
key Esc
snap the card under the new rules: A now 9 visits away, not 6
key F9
run sed -i -e '0,/^    visits: 7$/s//    visits: lots/' -e '0,/^    spend: 5000$/s//    spend: -5/' -e '0,/^    per_capita: 80$/{//d}' tiers.yaml
key R
snap R on a broken file: its errors, and the rules still in force (A needs 7)
key Esc
snap the card still under the edited rules (9 visits)
KEYS
finish
