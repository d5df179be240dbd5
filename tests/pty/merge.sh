#!/bin/sh
# The merge view in a real terminal at 80x24, with Chinese names and long values: the two
# columns still readable (values cut with "…"), the allergies and taboos whole; resized while
# open (to 120x40 and back), the choices stay; then merged, KEEP's card shown.
. "$TESTS_SRCDIR/pty/lib.sh"
export MAITRE_NOW="2026-06-30 19:05:00"
run init
"$MAITRE" guest add --name 欧阳先生 --employer 安徽省亳州市人民政府办公室综合科 \
	--phone 13912345678 --allergy 花生:medium --allergy 芒果:low > /dev/null
export MAITRE_NOW="2026-06-30 19:10:00"
"$MAITRE" guest add --name 欧阳总 --employer 亳州市政府办公室综合科第二小组 \
	--phone 13800001111 --allergy 花生:critical --allergy 海鲜贝类甲壳类:high \
	--taboo 猪肉:high --taboo 动物内脏:medium > /dev/null
start
wait_for "Find:"
text "欧阳先生"
keys Enter
wait_for "#1"
text ":merge 2"
keys Enter
wait_for "keep #1"
tm resize-window -t t -x 80 -y 24
check "at 80x24 the two columns are there" wait_for "other #2 欧阳总"
check "a long employer is cut, not wrapped" screen_has "安徽省亳州市人民政府办公室 …"
for s in "花生 (critical)↑" "芒果 (low)" "*海鲜贝类甲壳类 (high)" "*猪肉 (high)" "*动物内脏 (medium)"; do
	check "the safety block whole at 80x24: $s" screen_has "$s"
done
keys Down Left
check "KEEP's employer chosen" wait_for "● 安徽省亳州市"
tm resize-window -t t -x 120 -y 40
check "at 120x40 the choice stays, the employer whole" wait_for "● 安徽省亳州市人民政府办公室综合科"
tm resize-window -t t -x 80 -y 24
check "back at 80x24: cut again" wait_for "● 安徽省亳州市人民政府办公室 …"
keys Enter
check "asks first" wait_for "Merge guest 2 into 1? (y/n)"
text y
check "merged, the months none" wait_for "merged: guest 2 into 1"
check "KEEP's card" wait_for "guest card"
check "with KEEP's employer" screen_has "安徽省亳州市人民政府办公室综合科"
keys F10
wait_exit
run guest show 1
finish
