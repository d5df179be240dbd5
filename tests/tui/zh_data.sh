# zh_data.sh — the guest of the Chinese interface's screen tests (sourced by tests/tui/zh_*.sh
# after tests/tui/lib.sh), so that each of them starts where its behaviour does.
#
# zh_sun STAGE: 孙先生 (mobile 13800001111) taken to STAGE: new (only him); month (the login his
#   sales manager, his driver 王师傅, eight dinners in June, tiered A, a complaint of category
#   other logged today); profiled (then his profile as tests/tui/zh_profile.sh leaves it:
#   male, a landline and a second mobile, an allergy to mango).
zh_sun() {
	"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13800001111 > /dev/null
	[ "$1" = new ] && return 0
	"$MAITRE" guest edit 1 --sales-manager "$(id -un)" --add-person driver:王师傅 > /dev/null
	for d in 02 05 09 12 16 19 23 26; do
		"$MAITRE" visit add 1 --date 2026-06-$d --meal dinner --covers 8 --spend 1200 > /dev/null
	done
	"$MAITRE" tier recompute --month 2026-06 > /dev/null
	"$MAITRE" complaint add 1 --category other --severity low --text 停车不方便 > /dev/null
	[ "$1" = month ] && return 0
	"$MAITRE" guest edit 1 --gender male --add-phone landline:0558-1234567 \
		--add-phone 'mobile:139 0000 1111' --add-allergy 芒果:critical > /dev/null
}
