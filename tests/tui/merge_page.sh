#!/bin/sh
# The merge view longer than an 80x24 screen (孙总 with many fields and lists more): End and
# PgDn stop at the last full page, so the visits moved to KEEP and the months recomputed are
# shown with the lines above them, not the last line alone on an empty screen.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/merge_data.sh"
merge_guests
MAITRE_NOW="2026-06-30 19:10:00" "$MAITRE" guest edit 2 --family-name 孙 --given-name 建国 \
	--gender male --position 行长 --set height_cm=180 --set weight_kg=80 --set ethnicity=汉族 \
	--set native_place=安徽亳州 --add-taste 清淡 --add-dish 毛豆腐 --add-habit 靠窗 \
	--add-dislike 香菜 --add-person driver:王师傅 --add-date 入行=2001-07-01 > /dev/null
screen <<'KEYS'
size 80 24
type 孙先生
key Enter
type :merge 2
key Enter
expect ● 孙总
key End
expect moves to keep
snap End: the last full page, the visits moved and the months recomputed with lines above
key Home
key PgDn
expect moves to keep
KEYS
finish
