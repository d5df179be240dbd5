#!/bin/sh
# Retention (domain.md §9): with privacy.retain_years set, the guests with no visit, no contact
# and no creation for that many years are due for anonymising — a visit or contact on the day
# exactly that many years ago is that old (due), the day after is not (kept); a recent contact
# keeps a guest whose visits are old; a voided visit is no visit. Listed by privacy sweep
# --dry-run in every format, counted by privacy status; off by default; a bad value is said
# with its file:line:column. Consent on the sheet: --consent DATE:CHANNEL, none, bad values,
# guest show's line, the import's columns and the export.
. "$TESTS_SRCDIR/cli/lib.sh"
set -e
# the book was entered in 2015; today is 2026-06-30: five years back is 2021-06-30
export MAITRE_NOW='2015-01-05 12:00:00'
"$MAITRE" init > /dev/null
"$MAITRE" opening-date 2015-01-01 > /dev/null
for n in 整五年 多一天 少一天 老客新联系 联系整五年 联系少一天 从未来过 作废新消费; do
	"$MAITRE" guest add --name "$n" > /dev/null
done
export MAITRE_NOW='2025-03-01 12:00:00'
"$MAITRE" guest add --name 新客 > /dev/null
unset MAITRE_NOW
visit() { "$MAITRE" visit add "$1" --date "$2" --meal dinner --covers 2 --spend 300 > /dev/null; }
visit 1 2019-05-01
visit 1 2021-06-30
visit 2 2021-06-29
visit 3 2021-07-01
visit 4 2018-01-01
"$MAITRE" contact log 4 --channel phone --outcome 约了下周 --date 2024-05-01 > /dev/null
"$MAITRE" contact log 5 --channel wechat --outcome 问候 --date 2021-06-30 > /dev/null
"$MAITRE" contact log 6 --channel visit --outcome 拜访 --date 2021-07-01 > /dev/null
visit 8 2019-01-01
"$MAITRE" visit add 8 --date 2025-01-01 --meal lunch --covers 2 --spend 300 > /dev/null
"$MAITRE" visit void "$("$MAITRE" visit list --guest 8 --format tsv | awk -F'\t' '$2 == "2025-01-01" {print $1}')" \
	--code wrong-guest > /dev/null
set +e

note "off by default"
run privacy status
run privacy sweep --dry-run
mkdir -p "$XDG_CONFIG_HOME/maitre"
printf 'privacy:\n  retain_years: five\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
run privacy status
printf 'privacy:\n  retain_years: 101\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
run privacy sweep --dry-run
printf 'privacy:\n  keep_years: 5\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
run privacy status
printf 'privacy:\n  retain_years: 5\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"

note "due: 1 (visit exactly 5 years ago), 2 (a day more), 5 (contact exactly), 7 (never came), 8 (the later visit void)"
note "kept: 3 (a day less), 4 (old visit, recent contact), 6 (contact a day less), 9 (entered last year)"
run privacy status
run privacy sweep --dry-run
run --format tsv privacy sweep --dry-run
run --format csv privacy sweep --dry-run
run --format json privacy sweep --dry-run
note "the day after, the guest of the day less is due too"
MAITRE_TODAY=2026-07-01 run privacy sweep --dry-run --format tsv

note "consent: recorded with its day and channel, cleared with none, bad values refused"
run guest show 1
run guest edit 1 --consent 2024-03-01:微信
run guest show 1
run guest edit 1 --consent 2026-07-01:phone
run guest edit 1 --consent 2024-03-01:fax
run guest edit 1 --consent 2024-03-01
run guest edit 1 --consent 2024-02-30:phone
run guest edit 1 --consent :phone
run guest edit 1 --consent 2024-03-01:
run guest edit 1 --set consent_at=2024-03-02
run guest edit 1 --set consent_channel=written
run guest show 1
run audit --guest 1 --limit 4
run guest edit 1 --consent none
run guest show 1
run guest add --name 同意客 --consent 2026-06-30:in_person
note "the import takes it: 同意日期 / 同意方式 (dates as a sheet has them); bad values said by row"
printf '姓名,手机,同意日期,同意方式\n王伟,13900001111,2025/3/1,微信\n李娜,13900002222,2025-13-01,电话\n赵六,13900003333,2025-03-01,传真\n钱七,13900004444,2025-03-01,\n孙八,13900005555,,\n' > "$TMP/c.csv"
run import guests "$TMP/c.csv"
run import guests "$TMP/c.csv" --skip-bad
run guest find 王伟
run guest show 11
note "exported with the book"
run export guests --format csv

note "the sweep: asked first (nobody at a terminal: refused), then each guest due erased"
mkdir -p "$TMP/backups" && cp "$MAITRE_DB" "$TMP/backups/maitre-2026-06-01-120000.db"
export MAITRE_NOW='2026-06-30 19:05:00' # the erasure's time is shown to the minute
run privacy sweep < /dev/null
check "nothing was anonymised" test "$(sqlite3 "$MAITRE_DB" 'SELECT count(*) FROM guest WHERE anonymised = 1')" = 0
run privacy sweep --yes
check "the guests due, and they alone, are anonymised" \
	test "$(sqlite3 "$MAITRE_DB" 'SELECT group_concat(id) FROM (SELECT id FROM guest WHERE anonymised = 1 ORDER BY id)')" = "1,2,5,7,8"
check "their erasures are the sweep's in the audit" \
	test "$(sqlite3 "$MAITRE_DB" "SELECT count(DISTINCT entity_id) FROM audit WHERE op = 'sweep' AND action = 'erase' AND field = 'reason'")" = 5
check "the names are gone from the file" sh -c '! grep -q -a -F 整五年 "$1"' - "$MAITRE_DB"
run privacy sweep --dry-run
run guest show 2
run audit verify
note "a guest with a complaint not closed is never swept: a person decides (guest erase asks)"
open=$(MAITRE_NOW='2015-02-01 12:00:00' "$MAITRE" guest add --name 投诉未结)
MAITRE_NOW='2015-02-01 12:00:00' "$MAITRE" complaint add "$open" --category food --severity low \
	--text 'cold soup' > /dev/null
run privacy status
run privacy sweep --yes
check "the guest with the open complaint is kept" \
	test "$(sqlite3 "$MAITRE_DB" "SELECT anonymised FROM guest WHERE id = $open")" = 0
finish
