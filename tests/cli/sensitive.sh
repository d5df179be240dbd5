#!/bin/sh
# The sensitive fields (七不问, domain.md §9) by role: a receptionist reads them "hidden —
# manager" and cannot change them (nor give a birth year), and their saves keep them; a sales
# manager sees and changes those of their own guests only; a manager sees all. export
# --sensitive is refused to a role without sensitive.all, guest export masks as the card does,
# and search never finds a guest by a sensitive value.
#
# The writes are done on the front desk's shared login with --as and the PIN from
# MAITRE_PIN_FD; the reads by the terminal's own login given each role in turn, and at the
# end by a sales manager signed in with --as (a read that counts the PIN in the database).
. "$TESTS_SRCDIR/cli/lib.sh"
"$MAITRE" init > /dev/null
# a role that may export but not see the sensitive fields, to show the export refusing them
mkdir -p "$XDG_CONFIG_HOME/maitre"
sed 's/^  sales-manager:$/  bookkeeper:\n    includes: [receptionist]\n    may: [export]\n&/' \
	"$TESTS_SRCDIR/../data/roles.yaml" > "$XDG_CONFIG_HOME/maitre/roles.yaml"
# the staff, each with the PIN 1234
echo 1234 > "$TMP/pin"
"$MAITRE" staff add wangfang --name 王芳 --role receptionist > /dev/null
"$MAITRE" staff add lina --name 李娜 --role sales-manager > /dev/null
for login in wangfang lina; do
	MAITRE_PIN_FD=3 "$MAITRE" staff pin "$login" 3< "$TMP/pin" > /dev/null
done
# guest 1 is the terminal login's own guest, guest 2 lina's
"$MAITRE" guest add --name 孙先生 --sales-manager "$LOGIN" --set income=月入五万 \
	--set home_address='亳州市谯城区芍花路8号' --set health=糖尿病 --birthday 1978-09-14 \
	--person 'wife:王丽' --person-birthday 'wife:1980-03-02' > /dev/null
"$MAITRE" guest add --name 刘局长 --sales-manager lina --set religion=佛教 > /dev/null
# role ROLE [shared]: the terminal login's role, and whether it is the shared one
role() {
	sqlite3 "$MAITRE_DB" "UPDATE staff SET role = '$1', shared = ${2:-0} WHERE login = '$LOGIN'"
}
echo 1234 > "$TMP/pin"
export MAITRE_PIN_FD=3

note "the front desk's shared login reads the card: every sensitive field hidden, set or not"
role receptionist 1
run guest show 1
note "a receptionist signed in may not change one, nor clear one, nor give a birth year"
run --as wangfang guest edit 1 --set income=月入十万 3< "$TMP/pin"
run --as wangfang guest edit 1 --set health= 3< "$TMP/pin"
run --as wangfang guest edit 1 --birthday 1978-09-15 3< "$TMP/pin"
run --as wangfang guest add --name 钱先生 --set religion=道教 3< "$TMP/pin"
note "nor remove a birthday with its year, nor a person whose birthday has one (the year goes too)"
run --as wangfang guest edit 1 --remove-date birthday 3< "$TMP/pin"
run --as wangfang guest edit 1 --remove-person wife 3< "$TMP/pin"
note "their save of what they may change keeps what they could not see, the birth year too"
run --as wangfang guest edit 1 --employer 永盛科技 --birthday 09-15 3< "$TMP/pin"
note "a sales manager changes their own guest's, not another's"
run --as lina guest edit 2 --set religion=基督教 3< "$TMP/pin"
run --as lina guest edit 1 --set income=月入六万 3< "$TMP/pin"
note "a sales manager sees their own guest's fields, not another's"
role sales-manager
run guest show 1
run guest show 2
note "a manager sees them all: the receptionist's save kept income, address, health, year"
role manager
run guest show 1
run guest show 2
note "search never finds a guest by a sensitive value, whoever asks"
run guest find 芍花路
run guest find 基督教
note "export: --sensitive only for a role that sees every guest's; guest export masked"
role bookkeeper
run export guests --sensitive
run guest export 1
role manager
run export guests --sensitive --format json
note "a read signed in with --as on the shared login: lina sees her own guest's, not another's"
role receptionist 1
run --as lina guest show 2 3< "$TMP/pin"
run --as lina guest show 1 3< "$TMP/pin"
note "a field config.yaml adds to the don't-asks is masked in the audit as they are"
printf 'sensitive_fields: [position]\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
role manager
run guest edit 2 --set position=局长
role receptionist 1
run audit --guest 2 --format tsv
rm "$XDG_CONFIG_HOME/maitre/config.yaml"
note "a NUL inside the PIN's line does not end the PIN early (1234, NUL, 9 is not 1234)"
printf '1234\0009\n' > "$TMP/nul"
run --as wangfang guest show 2 3< "$TMP/nul"
note "a birthday given as an other date would show its year to everyone: refused"
run --as wangfang guest edit 2 --add-date 生日=1966-05-01 3< "$TMP/pin"
finish
