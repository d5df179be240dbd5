#!/bin/sh
# Output safety (issue 13, defect 1): text written into the file by another tool with every C0
# and C1 control, DEL, terminal escape sequences (ESC ] 0 ; title BEL, ESC [ 8 m, CSI U+009B)
# and the bidirectional controls (U+202E …) in every text field of guests, their lists and
# people, visits, complaints, alerts, contacts, gifts and banquets: no command writes one of
# them raw in any format. JSON escapes them (\u001b), TSV too (\x1b, \u202e), text and CSV show
# them (^[, <U+202E>). And a CSV cell that would start a formula in a spreadsheet gets an
# apostrophe, a negative number of a numeric column does not.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/tier_data.sh"
"$MAITRE" init > /dev/null
tier_june
tier_recomputed
M="$MAITRE"
$M guest edit 5 --employer Acme --position boss --add-phone 13912345678 --add-taboo 猪肉:high \
	--add-allergy 花生 --add-taste 清淡 --add-dish 老鹅 --add-habit 快 --add-dislike 辣 \
	--add-date 周年=08-18 --birthday 1978-08-06 --add-person 司机:小王 \
	--person-pref 司机:taboo:辣 --person-birthday 司机:08-07 --add-tag VIP --add-note 安静 \
	--set looks=glasses --set character=quiet --set health=ok > /dev/null
$M visit add 5 --date 2026-06-20 --meal lunch --covers 2 --spend 100 --table 8号 --note 好 > /dev/null
$M visit add 5 --date 2026-06-21 --meal lunch --covers 2 --spend 100 > /dev/null
$M visit void 24 --reason twice > /dev/null
$M complaint add 5 --category food --severity high --text 太咸 --staff 小李 > /dev/null
$M complaint ack 1 > /dev/null
$M complaint resolve 1 --resolution 道歉 --compensation 88 > /dev/null
$M complaint followup 1 --verdict satisfied --note 满意 > /dev/null
$M contact log 5 --channel phone --outcome 约了 --feedback 好 --date 2026-06-29 > /dev/null
$M tier override 4 A --reason 老朋友 > /dev/null
export MAITRE_TODAY=2026-08-03
$M alerts --month 2026-07 > /dev/null 2>&1
$M alert feedback 1 --text 忙 > /dev/null
$M alert action 1 --text 回访 --owner chef > /dev/null
$M banquet log 5 --date 2026-08-01 --tables 3 --note 寿宴 > /dev/null
$M gift given 5 --occasion 周年 --value 50 --note 寿桃 > /dev/null

note "another tool writes every control and bidi control into every text field"
# X ESC]0;pwned BEL ESC[8m, C0 1..31, DEL, C1 U+0080..U+009F, the bidi controls, Y
bad="'X' || char(27) || ']0;pwned' || char(7) || char(27) || '[8m' || char(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,127) || char(128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143,144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159) || char(1564,8206,8207,8234,8235,8236,8237,8238,8294,8295,8296,8297) || 'Y'"
poison() { # TABLE COLUMN...
	t=$1
	shift
	for c in "$@"; do
		sqlite3 "$MAITRE_DB" "UPDATE $t SET $c = coalesce($c, '') || $bad" ||
			echo "cannot poison $t.$c" >> "$OUT"
	done
}
poison guest name family_name given_name employer position looks photo ethnicity native_place \
	character marital_status income home_address religion health personal_history
poison phone number
poison person relation name notes
poison preference text
poison special_date label
poison tag tag
poison note text
poison staff display_name
poison visit table_no notes
sqlite3 "$MAITRE_DB" "UPDATE visit SET void_reason = void_reason || $bad WHERE void_reason IS NOT NULL"
poison complaint description staff_involved resolution followup_note
poison complaint_event note
poison alert feedback outcome
poison alert_action text owner
poison contact outcome feedback
poison gift person occasion note
poison banquet note
poison tier_override reason
check "the poison is in the file" test "$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM guest WHERE instr(name, char(8238))")" = 5

# unsafe FORMAT FILE: the lines of FILE that carry a byte the format must never write raw: any
# C0 control but the line break (TSV: and its tab separators; CSV: and the CR of its line ends),
# DEL, a C1 control in UTF-8, a bidirectional control in UTF-8
unsafe() {
	case $1 in
	tsv) allowed='\n\t' ;;
	*) allowed='\n' ;;
	esac
	{ if [ "$1" = csv ]; then sed 's/\r$//' "$2"; else cat "$2"; fi; } |
		LC_ALL=C tr -d "$allowed" | LC_ALL=C od -An -v -tx1 | tr -s ' \n' '\n\n' |
		awk '
		function bad(why) { print why; found = 1 }
		/^$/ { next }
		{ b = $0
		  if (b ~ /^(0[0-9a-f]|1[0-9a-f]|7f)$/) bad("C0 or DEL byte " b)
		  if (p1 == "c2" && b ~ /^(8|9)[0-9a-f]$/) bad("C1 control c2 " b)
		  if (p1 == "d8" && b == "9c") bad("U+061C")
		  if (p2 == "e2" && p1 == "80" && b ~ /^(8e|8f|aa|ab|ac|ad|ae)$/) bad("bidi e2 80 " b)
		  if (p2 == "e2" && p1 == "81" && b ~ /^(a6|a7|a8|a9)$/) bad("bidi e2 81 " b)
		  p2 = p1; p1 = b }
		'
}

# every command that shows stored text, in every format
n=0
fails=0
while read -r cmd; do
	for f in text tsv csv json; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		"$MAITRE" --format "$f" $cmd > "$TMP/o" 2>&1
		rc=$?
		if [ "$rc" -ne 0 ]; then
			printf 'exit %d: --format %s %s\n' "$rc" "$f" "$cmd" >> "$OUT"
			head -3 "$TMP/o" >> "$OUT"
		fi
		if ! grep -q X "$TMP/o"; then
			printf 'no poisoned text shown: --format %s %s\n' "$f" "$cmd" >> "$OUT"
		fi
		uf=$f
		case "$cmd:$f" in export*:text) uf=csv ;; esac # a book is CSV without --format
		unsafe "$uf" "$TMP/o" > "$TMP/why"
		if [ -s "$TMP/why" ]; then
			fails=$((fails + 1))
			printf 'RAW CONTROL: --format %s %s: %s\n' "$f" "$cmd" "$(sed 1q "$TMP/why")" >> "$OUT"
		fi
	done
done <<'CMDS'
guest show 5
guest find 孙先生
guest find 139
visit list
visit list --guest 5 --from 2026-01-01 --all
sheet --month 2026-06
tier list --month 2026-06
tier show 5
tier show 4
tier movers --month 2026-06
dates
agenda
complaint list
complaint show 1
alerts
alert show 1
summary
export guests --sensitive
export visits
guest export 5
guest duplicates
CMDS
check "$n outputs checked, none with a raw control" test "$fails" = 0

note "privacy sweep --dry-run lists names too: every guest is due in 2040"
mkdir -p "$XDG_CONFIG_HOME/maitre"
printf 'privacy:\n  retain_years: 5\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
fails=0
for f in text tsv csv json; do
	MAITRE_TODAY=2040-01-01 "$MAITRE" --format "$f" privacy sweep --dry-run > "$TMP/o" 2>&1
	grep -q X "$TMP/o" || printf 'no poisoned text shown: --format %s privacy sweep\n' "$f" >> "$OUT"
	unsafe "$f" "$TMP/o" > "$TMP/why"
	if [ -s "$TMP/why" ]; then
		fails=$((fails + 1))
		printf 'RAW CONTROL: --format %s privacy sweep: %s\n' "$f" "$(sed 1q "$TMP/why")" >> "$OUT"
	fi
done
rm "$XDG_CONFIG_HOME/maitre/config.yaml"
check "privacy sweep: the names shown, never raw" test "$fails" = 0

note "tier names (A, B, C) from the rules file holding U+202E, in the commands that print the rules"
sed 's/\b\([ABC]\)\b/\1\xe2\x80\xae/g' "$TESTS_SRCDIR/../data/tiers.yaml" > "$TMP/tiers.yaml"
cp "$MAITRE_DB" "$TMP/tiers.db"
$M --db "$TMP/tiers.db" --tiers "$TMP/tiers.yaml" tier recompute --month 2026-07 --new-rules > /dev/null 2>&1
fails=0
for cmd in "check-config $TMP/tiers.yaml" "tier show 5 --month 2026-07" \
	"tier list --month 2026-07" "agenda"; do
	for f in text tsv csv json; do
		# shellcheck disable=SC2086
		"$MAITRE" --db "$TMP/tiers.db" --tiers "$TMP/tiers.yaml" --format "$f" $cmd > "$TMP/o" 2>&1
		uf=$f
		case "$cmd:$f" in export*:text) uf=csv ;; esac # a book is CSV without --format
		unsafe "$uf" "$TMP/o" > "$TMP/why"
		if [ -s "$TMP/why" ]; then
			fails=$((fails + 1))
			printf 'RAW CONTROL: --format %s %s: %s\n' "$f" "$cmd" "$(sed 1q "$TMP/why")" |
				mask >> "$OUT"
		fi
	done
done
check "the tier name shown, never raw" test "$fails" = 0

note "how each format shows them (a shorter poison: OSC title, ESC [8m, CSI U+009B, U+202E)"
short="char(27) || ']0;t' || char(7) || char(27) || '[8m' || char(155) || '2J' || char(8238) || 'x'"
sqlite3 "$MAITRE_DB" "UPDATE guest SET name = 'g' || id || $short, employer = NULL;
	UPDATE phone SET number = '13912345678';
	UPDATE visit SET table_no = '8' || $short, notes = NULL;
	UPDATE staff SET display_name = NULL;
	UPDATE preference SET text = '花生' || $short; UPDATE person SET relation = '司机', name = NULL;
	UPDATE complaint SET description = '太咸' || $short;
	UPDATE tier_override SET reason = '老朋友' || $short"
run visit list --guest 5 --from 2026-06-20 --all
run --format json visit list --guest 5 --from 2026-06-20 --all
run --format tsv visit list --guest 5 --from 2026-06-20 --all
run tier show 4
run --format csv complaint list

note "CSV for spreadsheets: a text cell that would start a formula gets an apostrophe"
sqlite3 "$MAITRE_DB" "UPDATE guest SET name = '=HYPERLINK(\"http://x\",\"y\")' WHERE id = 1;
	UPDATE guest SET name = '+1', employer = '-2' WHERE id = 2; UPDATE guest SET name = '@SUM(A1)' WHERE id = 3"
run --format csv tier list --month 2026-06
run --format csv guest find 13912345678
finish
