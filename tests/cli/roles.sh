#!/bin/sh
# roles.yaml: check-config reads it with file:line:column errors; a broken roles.yaml of the
# user's is reported by every command and the roles last read from a good file stay in force
# (they are kept in the database), not the shipped ones; mended, the file's roles hold again.
. "$TESTS_SRCDIR/cli/lib.sh"
run init
cp "$TESTS_SRCDIR/../data/roles.yaml" "$TMP/shipped-roles.yaml"
run check-config "$TMP/shipped-roles.yaml"
note "a file named otherwise is known by its roles: line"
printf 'roles:\n  receptionist:\n    may: [lookup, cards]\n  boss:\n    includes: [admin]\n' \
	> "$TMP/who.yaml"
run check-config "$TMP/who.yaml"
printf 'roles:\n  front_desk:\n    may: lookup\n  clerk:\n    label: ""\n' > "$TMP/roles.yaml"
run check-config "$TMP/roles.yaml"
note "a mistyped key would give a role less than meant, unseen: an error"
printf 'roles:\n  admin:\n    mya: [lookup]\n    may: [staff]\n' > "$TMP/roles.yaml"
run check-config "$TMP/roles.yaml"
note "no role may name the staff: nobody could ever name an admin"
printf 'roles:\n  receptionist:\n    may: [lookup]\n' > "$TMP/roles.yaml"
run check-config "$TMP/roles.yaml"
note "the user's roles: an admin who may not report"
mkdir -p "$XDG_CONFIG_HOME/maitre"
sed 's/^    may: \[staff, rules, import, merge, erase, restore\]$/    may: [staff]/;
	s/^    includes: \[manager\]$/    includes: [receptionist]/' \
	"$TESTS_SRCDIR/../data/roles.yaml" > "$XDG_CONFIG_HOME/maitre/roles.yaml"
run sheet --month 2026-06
run guest add --name 孙先生
note "broken: reported, and the last good roles (not the shipped ones) stay in force"
printf 'roles:\n  admin:\n    may: [staff, report\n' > "$XDG_CONFIG_HOME/maitre/roles.yaml"
run sheet --month 2026-06
run check-config
note "mended (removed): the shipped roles again"
rm "$XDG_CONFIG_HOME/maitre/roles.yaml"
run sheet --month 2026-06
note "only an admin's roles.yaml comes into force: a receptionist's own file cannot raise them"
run staff add boss --name 老板 --role admin
run staff edit "$LOGIN" --role receptionist
sed 's/^    may: \[lookup, card, guest.edit,/    may: [report, sensitive.all, lookup, card, guest.edit,/' \
	"$TESTS_SRCDIR/../data/roles.yaml" > "$XDG_CONFIG_HOME/maitre/roles.yaml"
run sheet --month 2026-06
finish
