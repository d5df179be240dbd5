#!/bin/sh
# maitre staff: the staff, their roles and PINs; who may do what (domain.md §9); a shared
# login that reads alone and writes only through a person signed in with their PIN.
. "$TESTS_SRCDIR/cli/lib.sh"
q() { sqlite3 "$MAITRE_DB" "$1"; }
# as LOGIN PIN ARGS... — runs maitre --as LOGIN ARGS with PIN on the file descriptor
# MAITRE_PIN_FD names (a script's way; a second PIN, for staff pin, on the line after it)
as() {
	who=$1
	printf '%s\n' "$2" > "$TMP/pin"
	shift 2
	MAITRE_PIN_FD=3 run --as "$who" "$@" 3< "$TMP/pin"
}
# pin LOGIN PIN — maitre staff pin LOGIN, the new PIN on MAITRE_PIN_FD
pin() {
	printf '%s\n' "$2" > "$TMP/pin"
	MAITRE_PIN_FD=3 run staff pin "$1" 3< "$TMP/pin"
}

run init
note "the login that made the book is its admin"
run staff list
run staff add wang --name 王芳 --role receptionist
run staff add liu --name 刘洋 --role sales-manager
run staff add chen --name 陈静 --role manager
run staff add zhou --name 周杰 --role admin
run staff add frontdesk --name 前台 --role receptionist --shared
note "refused: an unknown role, a login on the staff already, a bad login, a shared login that"
note "could manage the staff, no role"
run staff add wu --role boss
run staff add wang --role manager
run staff add 'wu li' --role receptionist
run staff add -wu --role receptionist
run staff add desk2 --role admin --shared
run staff add wu
run staff add wu --role receptionist --name ''
check "nothing refused was written" test "$(q 'SELECT count(*) FROM staff')" = 6

note "PINs: one line of MAITRE_PIN_FD (on a terminal: typed twice without echo)"
pin wang 1111
pin liu 2222
pin chen 739164
pin zhou 918273
pin wu 1234
pin wang 12a4
pin wang 123
pin frontdesk 1234
printf '' > "$TMP/empty"
MAITRE_PIN_FD=3 run staff pin wang 3< "$TMP/empty"
MAITRE_PIN_FD=9 run staff pin wang
check "a PIN is kept as an Argon2id string" test "$(q "SELECT count(*) FROM staff WHERE pin_hash LIKE '\$argon2id\$%'")" = 4
check "a PIN is never in the database in clear" sh -c "! cat '$MAITRE_DB'* | grep -a -q -e 918273 -e 739164"
check "the audit says a PIN was set, never what it is" test "$(q "SELECT count(*) FROM audit WHERE action = 'pin-set' AND old IS NULL AND new IS NULL")" = 4

note "the list, in each format; a role that roles.yaml does not have is shown as such"
q "INSERT INTO staff(login, display_name, role, created_at) VALUES ('ma', '马师傅', 'chef', '2026-06-30 10:00:00')"
run staff list
run --format tsv staff list
run --format csv staff list
run --format json staff list
run staff roles
run --format tsv staff roles

note "edit: a name, a role; nothing; no such member; an unknown role"
run staff edit liu --name 刘洋洋
run staff edit ma --role receptionist
run staff edit ma --role receptionist
run staff edit nobody --role receptionist
run staff edit ma --role chef
run staff edit zhou --shared
q "SELECT e.login, a.field, a.old, a.new FROM audit a JOIN staff e ON e.id = a.entity_id WHERE a.entity = 'staff' AND a.action = 'update' ORDER BY a.id" >> "$OUT"

note "--as on a login that is not a shared one"
as zhou 918273 staff list
note "the tester's login becomes the front desk's: shared, a receptionist"
run staff edit "$LOGIN" --shared --role receptionist
run staff list
note "on it, reading needs nobody; a write without --as is refused and writes nothing"
before=$(q 'SELECT (SELECT count(*) FROM audit) || "/" || (SELECT count(*) FROM guest)')
run guest find 张
run guest add --name 张先生 --phone 13800000001
run staff add wu --role receptionist
check "nothing written" test "$(q 'SELECT (SELECT count(*) FROM audit) || "/" || (SELECT count(*) FROM guest)')" = "$before"
as wang 1111 guest add --name 张先生 --phone 13800000001
check "the guest is audited to 王芳, not to the shared login" test "$(q "SELECT s.login FROM audit a JOIN staff s ON s.id = a.staff_id WHERE a.entity = 'guest' AND a.action = 'create'")" = wang

note "the last member who may manage the staff on a login of their own cannot be demoted or disabled"
as zhou 918273 staff edit zhou --role manager
as zhou 918273 staff disable zhou
as zhou 918273 staff edit zhou --shared
check "zhou is still an enabled admin" test "$(q "SELECT role || shared || (disabled_at IS NULL) FROM staff WHERE login = 'zhou'")" = admin01
note "--as with no such member"
as nobody 1111 staff list

note "who may what: a sample of commands of each permission, for a receptionist, a sales"
note "manager and a manager (an allowed one finds no such record: exit 1; refused: exit 4)"
for who in wang:1111 liu:2222 chen:739164; do
	login=${who%%:*}
	p=${who#*:}
	note "--- $login"
	as "$login" "$p" guest find 张
	as "$login" "$p" guest show 99
	as "$login" "$p" guest edit 99 --name 李先生
	as "$login" "$p" visit list --month 2026-06
	as "$login" "$p" visit add 99 --covers 2 --spend 100
	as "$login" "$p" complaint list
	as "$login" "$p" complaint add 99 --category food --severity low --text 咸了
	as "$login" "$p" contact log 99 --channel phone --outcome 好
	as "$login" "$p" complaint ack 99
	as "$login" "$p" alerts
	as "$login" "$p" alert feedback 99 --text 好
	as "$login" "$p" visit void 99 --reason 重复
	as "$login" "$p" visit correct 99 --covers 3
	as "$login" "$p" tier override 99 A --reason 老客
	as "$login" "$p" alert action 99 --text 回访
	as "$login" "$p" complaint close 99
	as "$login" "$p" report tiers --month 2026-06
	as "$login" "$p" guest export 99
	as "$login" "$p" backup "$TMP/copy-$login.db"
	as "$login" "$p" staff add wu --role receptionist
	as "$login" "$p" import undo 99
	as "$login" "$p" opening-date 2025-01-01
done

note "five wrong PINs lock the member out for a minute; the lockout is audited"
for i in 1 2 3 4 5; do as wang 0000 guest find 张; done
check "an audit row says so, with the end of the lockout" test "$(q "SELECT count(*) FROM audit a JOIN staff s ON s.id = a.entity_id WHERE a.entity = 'staff' AND a.action = 'pin-locked' AND s.login = 'wang' AND a.new = s.pin_locked_until")" = 1
check "the lockout ends within the minute, on the real clock (not MAITRE_TODAY's)" test "$(q "SELECT (julianday(pin_locked_until) - julianday('now', 'localtime')) * 86400 BETWEEN 1 AND 61 FROM staff WHERE login = 'wang'")" = 1
note "the sixth, with the right PIN, is refused while it lasts (the seconds left masked)"
printf '1111\n' > "$TMP/pin"
MAITRE_PIN_FD=3 "$MAITRE" --as wang guest find 张 3< "$TMP/pin" 2>&1 | sed 's/in [0-9]* s$/in N s/' >> "$OUT" || true
check "the right PIN was not let in" sh -c "MAITRE_PIN_FD=3 '$MAITRE' --as wang guest find 张 3< '$TMP/pin' > /dev/null 2>&1; test \$? = 4"
note "an admin who sets the PIN again ends the lockout"
printf '918273\n1111\n' > "$TMP/pin"
MAITRE_PIN_FD=3 run --as zhou staff pin wang 3< "$TMP/pin"
as wang 1111 guest find 张

note "a member who left is disabled, never deleted: they cannot sign in; enabled again, they can"
as zhou 918273 staff disable wang
as zhou 918273 staff disable wang
as wang 1111 guest find 张
check "the audit still names them" test "$(q "SELECT count(*) FROM audit a JOIN staff s ON s.id = a.staff_id WHERE s.login = 'wang'")" -gt 0
as zhou 918273 staff edit wang --enable
as wang 1111 guest find 张
as zhou 918273 staff pin wang --remove
as wang 1111 guest find 张
finish
