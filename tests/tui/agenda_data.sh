# agenda_data.sh — the guests of the agenda screen tests (sourced by tests/tui/agenda_*.sh after
# tests/tui/lib.sh), so that each of them starts where its behaviour does.
#
# agenda_guests: 孙先生 (#1, the tester's; birthday 07-03, shrimp allergy) and 刘局长 (#2, the
#   tester's; anniversary 07-20), both A on May's eight dinners (the agenda's tiers are the last
#   complete month's, domain.md §4), and 王女士 (#3, wang's; birthday 07-01). 孙先生 was
#   called on the 20th and visited on the 25th, never had a banquet; 刘局长 was called yesterday and had his banquet on 1 March.
agenda_guests() {
	ME=$(id -un)
	"$MAITRE" guest add --name 孙先生 --family-name 孙 --sales-manager "$ME" \
		--birthday 1978-07-03 --allergy 虾:high > /dev/null
	"$MAITRE" guest add --name 刘局长 --family-name 刘 --sales-manager "$ME" \
		--anniversary 2001-07-20 > /dev/null
	"$MAITRE" guest add --name 王女士 --family-name 王 --sales-manager wang --birthday 07-01 \
		> /dev/null
	for d in 02 05 09 12 16 19 23 26; do
		for g in 1 2 3; do
			"$MAITRE" visit add $g --date 2026-05-$d --meal dinner --covers 8 --spend 1200 \
				> /dev/null
		done
	done
	"$MAITRE" tier recompute --month 2026-05 > /dev/null
	"$MAITRE" contact log 1 --channel phone --outcome 约了下周 --date 2026-06-20 > /dev/null
	"$MAITRE" contact log 1 --channel visit --outcome 送了茶叶 --date 2026-06-25 > /dev/null
	"$MAITRE" contact log 2 --channel phone --outcome 很满意 --date 2026-06-29 > /dev/null
	"$MAITRE" banquet log 2 --date 2026-03-01 --tables 2 > /dev/null
}
