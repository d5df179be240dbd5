#!/bin/sh
# Every write path under failing writes, syncs, locks and truncates (tests/fault/maitre_fault.c):
# for each N the database passes integrity_check, the operation is wholly there or wholly
# absent, and the command says so with exit 3. `make check` runs a sample of N (the seed is
# printed; MAITRE_FAULT_SEED=S repeats it), `make check-long` (MAITRE_LONG=1) every N.
set -u
: "${MAITRE:?}" "${MAITRE_FAULT_PROG:?}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/maitre-fault.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export MAITRE_TODAY="${MAITRE_TODAY:-2026-06-30}"
export MAITRE_NOW="2026-06-30 12:00:00" # the same audit times in every run: a digest compares
export XDG_CONFIG_HOME="$TMP/config"
unset XDG_DATA_HOME MAITRE_FAULT
DB="$TMP/template.db"
export MAITRE_DB="$DB"
# the children's leak checks on every failure path cost more than they find here; the unit
# and CLI tests check leaks on the paths they take
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

m() { "$MAITRE" "$@" > /dev/null || { echo "setup failed: maitre $*" >&2; exit 1; }; }

# the restaurant every operation starts from: two guests with lists, visits over two months,
# a tier computed, complaints at each step of their life
m init
m guest add --name 孙先生 --family-name 孙 --phone 13800138000 --allergy 花生:critical \
	--taboo 猪肉 --dish 清蒸鱼 --person driver:老李 --tag 老客 --birthday 1970-07-02
m guest add --name 唐总 --family-name 唐 --employer 中信 --phone 13900139000
for d in 2026-05-03 2026-05-17 2026-06-02 2026-06-09 2026-06-20; do
	m visit add 1 --date $d --meal dinner --covers 6 --spend 1800
	m visit add 2 --date $d --meal lunch --covers 2 --spend 300
done
m tier recompute --month 2026-05
for c in 1 2 3 4; do
	m complaint add 1 --category food --severity high --text "菜凉了 $c" --visit 1
done
m complaint ack 2
m complaint ack 3
m complaint resolve 3 --resolution 赠送甜品 --compensation 88
m complaint ack 4
m complaint resolve 4 --resolution 赠送甜品
m complaint followup 4 --verdict satisfied --note 满意

# a second restaurant, for the alerts: the tier tests' June (tests/cli/tier_data.sh), its tiers
# computed; in August, July's alerts raised (ADB) and one with an action (ADB2)
ADB="$TMP/alerts.db"
ADB2="$TMP/alerts2.db"
MAITRE_DB="$ADB"
. "$TESTS_SRCDIR/cli/tier_data.sh"
m init
tier_june
tier_recomputed
cp "$ADB" "$TMP/alerts0.db"
export MAITRE_TODAY=2026-08-03 MAITRE_NOW="2026-08-03 12:00:00"
m alerts --month 2026-07
cp "$ADB" "$ADB2"
MAITRE_DB="$ADB2"
m alert action 1 --text 回访 --owner chef
MAITRE_DB="$DB"
MAITRE_TODAY=2026-06-30 MAITRE_NOW="2026-06-30 12:00:00"

if [ "${MAITRE_LONG:-}" = 1 ]; then
	HOW=""
else
	HOW="--quick --sample 1"
	: "${MAITRE_FAULT_SEED:=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
	export MAITRE_FAULT_SEED
	echo "sampled N: seed $MAITRE_FAULT_SEED (MAITRE_FAULT_SEED=$MAITRE_FAULT_SEED repeats it)"
fi

fails=0
# loop LABEL [LOOP OPTIONS] -- MAITRE ARGS...
loop() {
	label=$1
	shift
	# shellcheck disable=SC2086
	"$MAITRE_FAULT_PROG" --fault-loop --label "$label" $HOW "$@" || fails=$((fails + 1))
}
loop_db() {
	label=$1
	shift
	loop "$label" "$DB" "$TMP/work.db" -- "$@"
}

# every write path, in the journal mode of $MAITRE_JOURNAL_MODE (maitre's default: WAL)
all_paths() {
	loop_db guest-add guest add --name 钱女士 --phone 13700137000 --allergy 虾:high --taboo 牛肉 \
		--dish 烤鸭 --person secretary:小周 --person-pref 小周:taste:清淡 --birthday 05-06 \
		--tag 新客 --note 喜欢靠窗
	loop_db guest-edit guest edit 1 --employer 中石化 --add-allergy 芒果 --add-taboo 羊肉:low \
		--add-person secretary:小周 --add-dish 烤鸭 --remove-pref 清蒸鱼 --remove-tag 老客 \
		--add-phone 13600136000
	loop_db visit-add visit add 1 --date 2026-06-29 --meal dinner --covers 8 --spend 2600
	loop_db visit-correct visit correct 3 --spend 1900 --covers 7
	loop_db visit-void visit void 4 --code twice --reason 重复录入
	# issue 13, defect 3: the recompute writes its rules row, its batches and its log row in
	# transactions of their own, so a failure between them leaves a part of it; drop
	# --known-partial when a month's tiers are written all at once
	loop tier-recompute "$DB" "$TMP/work.db" -- tier recompute --month 2026-06
	loop_db tier-override tier override 2 A --reason 老板的朋友 --until 2026-12
	loop_db complaint-add complaint add 2 --category service --severity medium --text 等太久 \
		--channel phone
	loop_db complaint-ack complaint ack 1 --note 已致歉
	loop_db complaint-step complaint step 2 1
	loop_db complaint-resolve complaint resolve 2 --resolution 打折 --compensation 200
	loop_db complaint-followup complaint followup 3 --verdict unsatisfied --note 还是不满意
	loop_db complaint-close complaint close 4
	loop_db complaint-reopen complaint reopen 3 --reason 客人又来电
	loop_db contact-log contact log 1 --channel phone --outcome 约了下周
	loop_db gift-given gift given 1 --occasion birthday --value 300 --note 寿桃
	loop_db banquet-log banquet log 1 --date 2026-06-18 --tables 2 --budget 6000 --actual 5800
	loop_db opening-date opening-date 2025-01-01
	loop_db guest-edit-remove guest edit 1 --remove-pref 花生 --remove-pref 猪肉 \
		--remove-pref 清蒸鱼 --remove-person 老李 --remove-tag 老客 --remove-date birthday \
		--remove-phone 13800138000
	# the alerts, in August: July's raised, then each step of one
	export MAITRE_TODAY=2026-08-03 MAITRE_NOW="2026-08-03 12:00:00"
	loop alerts-raise "$TMP/alerts0.db" "$TMP/work.db" -- alerts --month 2026-07
	loop alert-feedback "$ADB" "$TMP/work.db" -- alert feedback 1 --text 菜品没有新意
	loop alert-action "$ADB" "$TMP/work.db" -- alert action 1 --text 销售经理回访 --owner chef
	loop alert-done "$ADB2" "$TMP/work.db" -- alert done 1 1
	loop alert-close "$ADB2" "$TMP/work.db" -- alert close 1 --outcome 他回来了
	export MAITRE_TODAY=2026-06-30 MAITRE_NOW="2026-06-30 12:00:00"
	# backup: the copy is the output, whole when the backup succeeds, gone when it fails
	loop backup --output "$TMP/copy.db" "$DB" "$TMP/work.db" -- backup "$TMP/copy.db"
}

all_paths
# a lock refused inside a read in the rollback journal mode (every N of the lock calls, both
# kinds): SQLite ends the read's transaction, and the release of its savepoint used to replace
# the cause with "no such savepoint"; and a read after the write (opening-date's date read back,
# the alerts' list after raising them) used to exit 3 with the change made
lock_delete() { # TEMPLATE ARGS...
	template=$1
	shift
	MAITRE_JOURNAL_MODE=DELETE "$MAITRE_FAULT_PROG" --fault-loop --label "lock, DELETE: $*" \
		--ops lock "$template" "$TMP/work.db" -- "$@" || fails=$((fails + 1))
}
lock_delete "$DB" guest edit 1 --employer 中石化 --add-allergy 芒果 --remove-tag 老客
lock_delete "$DB" tier recompute --month 2026-06
lock_delete "$DB" opening-date 2025-01-01
export MAITRE_TODAY=2026-08-03 MAITRE_NOW="2026-08-03 12:00:00"
lock_delete "$TMP/alerts0.db" alerts --month 2026-07
export MAITRE_TODAY=2026-06-30 MAITRE_NOW="2026-06-30 12:00:00"
# the long loop also in the rollback journal mode, which takes other paths in SQLite (a hot
# journal rolled back, the file truncated)
if [ "${MAITRE_LONG:-}" = 1 ]; then
	export MAITRE_JOURNAL_MODE=DELETE
	echo "journal mode DELETE:"
	all_paths
fi

[ "$fails" = 0 ] || { echo "$fails operations failed under faults (see above)"; exit 1; }
