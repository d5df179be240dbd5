#!/bin/sh
# :doctor, maitre doctor's check at the back office's request: the same report as the command,
# read-only; R checks again (another terminal repaired meanwhile).
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
visit_today june
note "a guest's monthly figures lost"
sqlite3 "$MAITRE_DB" "DELETE FROM guest_month WHERE guest_id = 1"
screen <<'KEYS'
key :
type doctor
key Enter
snap the report names what is wrong and what rebuilds it
run "$MAITRE" doctor --repair > /dev/null
key R
snap checked again: whole
KEYS
note "in Chinese: every check named in Chinese"
( export LANGUAGE=zh_CN
screen <<'KEYS'
key :
type 体检
key Enter
snap 数据库是否完好
KEYS
)
check "the screen wrote nothing: the repair did" test "$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM audit WHERE action = 'repair'")" = 1
finish
