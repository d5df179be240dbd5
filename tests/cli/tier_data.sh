# tier_data.sh — the handbook's June sheet of the tier tests (sourced by tests/cli/tier_*.sh
# after tests/cli/lib.sh), so that each of them starts where its behaviour does; the shipped
# rules (window 3 months, grace 1 month), domain.md §3.
#
# tier_visit GUEST MM-DD COVERS SPEND: a dinner of 2026 for the guest, quietly.
# tier_june: guests 1号, 2号, 3号 (#1-#3), 张先生 (#4) with the handbook's June, and 孙先生 (#5):
#   an A guest in April and May (6 visits each), once in June.
# tier_recomputed: the tiers of April, May and June computed.
# tier_complained: a complaint of 张先生's logged today (service, medium, not acknowledged).
tier_visit() {
	"$MAITRE" visit add "$1" --date "2026-$2" --meal dinner --covers "$3" --spend "$4" > /dev/null
}

tier_june() {
	for n in 1号 2号 3号 张先生 孙先生; do "$MAITRE" guest add --name "$n" > /dev/null; done
	tier_visit 1 06-02 7 520; tier_visit 1 06-05 16 1450; tier_visit 1 06-11 12 870
	tier_visit 1 06-19 15 960; tier_visit 1 06-27 14 1020
	tier_visit 2 06-04 12 980; tier_visit 2 06-13 15 1050; tier_visit 2 06-23 18 2150
	tier_visit 3 06-09 19 1680; tier_visit 3 06-21 8 740
	tier_visit 4 06-03 8 460; tier_visit 4 06-11 10 520; tier_visit 4 06-24 6 340
	for m in 04 05; do
		for d in 03 07 11 15 19 23; do tier_visit 5 "$m-$d" 10 900; done
	done
	tier_visit 5 06-08 4 300
}

tier_recomputed() {
	for m in 04 05 06; do "$MAITRE" tier recompute --month 2026-$m > /dev/null; done
}

tier_complained() {
	"$MAITRE" complaint add 4 --category service --severity medium --text "上菜太慢" > /dev/null
}
