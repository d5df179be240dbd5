# visit_data.sh — the restaurant of the visit screen tests (sourced by tests/tui/visit_*.sh
# after tests/tui/lib.sh), so that each of them starts where its behaviour does.
#
# visit_guests: 孙先生 (#1, allergic to 花生) and 王总 (#2), no visits yet.
# visit_today STAGE [FROM]: their visits at STAGE, each stage (but june) what a screen of
#   tests/tui/visit_enter.sh, _correct.sh, _void.sh or _second_table.sh enters; with FROM,
#   visits already at stage FROM are taken on from there.
#   entered    1 孙先生's dinner today (4 covers, ¥1280, 牡丹厅), 2 王总's lunch (2, ¥300)
#   corrected  2 corrected to ¥380 (3)
#   voided     1 voided: 点错了客人
#   cents      4 王总's dinner today (3 covers, ¥520.50) corrected to 4 covers (5)
#   june       6 孙先生's lunch of 2026-06-12 (2 covers, ¥388)
#   second     7 王总's dinner again, a second table (5 covers, ¥600)
#   wrong      7 voided: wrong guest, 坐错桌
# A correction is made on the screens (setup_keys): the command line has none.
visit_guests() {
	"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13912345678 \
		--allergy 花生:critical > /dev/null
	"$MAITRE" guest add --name 王总 --family-name 王 --phone 13800001111 > /dev/null
}

visit_today() {
	setup_stages visit_stage 'entered corrected voided cents june second wrong' "$@"
}

visit_stage_entered() {
	"$MAITRE" visit add 1 --meal dinner --covers 4 --spend 1280 --table 牡丹厅 > /dev/null
	"$MAITRE" visit add 2 --meal lunch --covers 2 --spend 300 > /dev/null
}

visit_stage_corrected() {
	setup_keys <<'KEYS'
key F3
expect 300
key e Tab ^U
type 380
key Enter
expect visit 3 saved
KEYS
}

visit_stage_voided() {
	"$MAITRE" visit void 1 --reason 点错了客人 > /dev/null
}

visit_stage_cents() {
	"$MAITRE" visit add 2 --meal dinner --covers 3 --spend 520.5 > /dev/null
	setup_keys <<'KEYS'
key F3 End
expect 520.50
key e ^U
type 4
key Enter
expect visit 5 saved
KEYS
}

visit_stage_june() {
	"$MAITRE" visit add 1 --date 2026-06-12 --meal lunch --covers 2 --spend 388 > /dev/null
}

visit_stage_second() {
	"$MAITRE" visit add 2 --meal dinner --covers 5 --spend 600 --second-table > /dev/null
}

visit_stage_wrong() {
	"$MAITRE" visit void 7 --code wrong-guest --reason 坐错桌 > /dev/null
}
