# sheet_data.sh — the restaurant of the attendance sheet screen tests (sourced by
# tests/tui/sheet_*.sh after tests/tui/lib.sh), so that each of them starts where its behaviour
# does.
#
# sheet_guests: the handbook's worked examples (domain.md §3), put in May (31 days) and spread
#   to its last day: 1号 and 3号 (wang's), 2号 and 张先生 (li's; peanuts, pork) and
#   欧阳明月大酒店董事长, with May's tiers computed; in February 2026 (28 days) a visit on the
#   1st and one on the last day.
# sheet_visit GUEST DATE MEAL COVERS SPEND: one more visit.
sheet_visit() {
	"$MAITRE" visit add "$1" --date "$2" --meal "$3" --covers "$4" --spend "$5" > /dev/null
}

sheet_guests() {
	"$MAITRE" guest add --name 1号 --sales-manager wang > /dev/null
	"$MAITRE" guest add --name 2号 --sales-manager li > /dev/null
	"$MAITRE" guest add --name 3号 --sales-manager wang > /dev/null
	"$MAITRE" guest add --name 张先生 --sales-manager li --allergy 花生:critical --taboo 猪肉 \
		> /dev/null
	"$MAITRE" guest add --name 欧阳明月大酒店董事长 > /dev/null
	sheet_visit 1 2026-05-01 lunch 7 520
	sheet_visit 1 2026-05-01 dinner 16 1450
	sheet_visit 1 2026-05-12 dinner 12 870
	sheet_visit 1 2026-05-20 dinner 15 960
	sheet_visit 1 2026-05-31 dinner 14 1020
	sheet_visit 2 2026-05-03 dinner 12 980
	sheet_visit 2 2026-05-17 dinner 15 1050
	sheet_visit 2 2026-05-30 dinner 18 2150
	sheet_visit 3 2026-05-09 dinner 19 1680
	sheet_visit 3 2026-05-28 dinner 8 740
	sheet_visit 4 2026-05-02 lunch 8 460
	sheet_visit 4 2026-05-16 dinner 10 520
	sheet_visit 4 2026-05-25 dinner 6 340
	sheet_visit 5 2026-05-05 dinner 2 199.50
	sheet_visit 5 2026-05-31 lunch 3 12345
	sheet_visit 4 2026-02-01 dinner 4 300
	sheet_visit 5 2026-02-28 dinner 6 880
	"$MAITRE" tier recompute --month 2026-05 > /dev/null
}
