# signin_data.sh — the front desk's shared terminal (sourced by tests/tui/signin_*.sh and
# tests/pty/signin.sh): the tester's login is a shared one with the receptionist's role, and
# the staff who sign in on it: 王芳 (wang, receptionist, PIN 1234), 赵强 (zhao, manager, PIN
# 5678) and 李娜 (lina, sales manager, no PIN yet). A guest, 李明, with a visit.
# The PINs are set before the login becomes shared (setting one needs the staff permission).
signin_setup() {
	"$MAITRE" init > /dev/null
	"$MAITRE" guest add --name 李明 --family-name 李 --phone 13800138000 --taboo 猪肉 > /dev/null
	"$MAITRE" visit add 1 --date 2026-06-30 --meal lunch --covers 4 --spend 800 > /dev/null
	sqlite3 "$MAITRE_DB" "INSERT INTO staff(login, display_name, role, created_at) VALUES
		('wang', '王芳', 'receptionist', '2026-01-01 00:00:00'),
		('zhao', '赵强', 'manager', '2026-01-01 00:00:00'),
		('lina', '李娜', 'sales-manager', '2026-01-01 00:00:00')"
	echo 1234 > "$TMP/pin-wang"
	echo 5678 > "$TMP/pin-zhao"
	MAITRE_PIN_FD=3 "$MAITRE" staff pin wang 3< "$TMP/pin-wang"
	MAITRE_PIN_FD=3 "$MAITRE" staff pin zhao 3< "$TMP/pin-zhao"
	sqlite3 "$MAITRE_DB" "UPDATE staff SET shared = 1, role = 'receptionist', \
display_name = 'frontdesk' WHERE login = '$LOGIN'"
}
