# edit_data.sh — the guest of the edit screen tests (sourced by tests/tui/edit_*.sh after
# tests/tui/lib.sh), so that each of them starts where its behaviour does.
#
# edit_guest STAGE [FROM]: 孙先生 (#1, phone 13912345678, employer 永盛信息) at STAGE, each
#   stage what a screen of tests/tui/edit_save.sh, _merge.sh, _people.sh or _zh.sh saves;
#   with FROM, a guest already at stage FROM is taken on from there.
#   new       as added
#   measured  height 175 cm
#   merged    employer 永盛信息科技, position 总经理, allergy 虾 critical and the note
#             "shrimp allergy, told by his wife"
#   driver    driver 王师傅 ("waits by the door", typed in the form as the list editor takes
#             it: the command line has no person notes), allergy 花生 critical, born 1980-07-02
#   sons      son 小明 and son 小强, 小强 allergic to 虾 (high)
#   mango     allergy 芒果 critical
edit_guest() {
	setup_stages edit_stage 'new measured merged driver sons mango' "$@"
}

edit_stage_new() {
	"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13912345678 --employer 永盛信息 \
		> /dev/null
}

edit_stage_measured() {
	"$MAITRE" guest edit 1 --set height_cm=175 > /dev/null
}

edit_stage_merged() {
	"$MAITRE" guest edit 1 --employer 永盛信息科技 --position 总经理 --add-allergy 虾:critical \
		--add-note "shrimp allergy, told by his wife" > /dev/null
}

edit_stage_driver() {
	setup_keys <<'KEYS'
type sxs
key Enter e
key ^N ^N ^N ^N ^N ^N ^N ^N a
type driver 王师傅; waits by the door
key Enter ^S
expect guest 1 saved
KEYS
	"$MAITRE" guest edit 1 --person-pref driver:allergy:花生:critical \
		--person-birthday 王师傅:1980-07-02 > /dev/null
}

edit_stage_sons() {
	"$MAITRE" guest edit 1 --add-person son:小明 --add-person son:小强 > /dev/null
	"$MAITRE" guest edit 1 --person-pref 小强:allergy:虾:high > /dev/null
}

edit_stage_mango() {
	"$MAITRE" guest edit 1 --add-allergy 芒果:critical > /dev/null
}
