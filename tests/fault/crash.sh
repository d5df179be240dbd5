#!/bin/sh
# kill -9 at random moments (seeded: the seed is printed, MAITRE_CRASH_SEED=S repeats the
# moments) of visit writers, tier recompute, backup and demo. After each kill: integrity_check
# is ok, every visit whose id a writer printed is there, a month's tier rows are all there or
# none, and nothing is left behind. `make check` runs a few rounds of each, `make check-long`
# (MAITRE_LONG=1) a hundred.
set -u
: "${MAITRE:?}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/maitre-crash.XXXXXX")
trap 'for p in $(cat "$TMP"/*.pid 2> /dev/null); do kill -9 "-$p"; done 2> /dev/null; rm -rf "$TMP"' EXIT
export MAITRE_TODAY="${MAITRE_TODAY:-2026-06-30}"
export XDG_CONFIG_HOME="$TMP/config"
unset XDG_DATA_HOME MAITRE_DB
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" # a killed process leaks all
export ASAN_OPTIONS

# The sub-checks that today's code fails (issue 13), each reported as KNOWN until its fix
# lands; set to 1 to make it count:
#   defect 9: a killed demo leaves DB.demo-PID behind, and the next start does not remove it
STRICT_LEFTOVERS=1
#   defect 3: a killed recompute leaves a part of a month's tier rows (shows on months larger
#   than one batch; the check runs on every kill)
STRICT_HALF_MONTH=1

# (the long loop's March has more guests than one batch of a recompute writes: 5,000)
if [ "${MAITRE_LONG:-}" = 1 ]; then
	ROUNDS=100 GUESTS=10000 DEMO=1500
else
	ROUNDS=3 GUESTS=300 DEMO=300
fi
ROUNDS=${MAITRE_CRASH_ROUNDS:-$ROUNDS}
SEED=${MAITRE_CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "crash loop: $ROUNDS rounds of each, seed $SEED (MAITRE_CRASH_SEED=$SEED repeats it)"
state=$SEED
# rand N — a number from 0 to N-1 into $r (a 64-bit LCG in the shell's arithmetic)
rand() {
	state=$(((state * 6364136223846793005 + 1442695040888963407) & 0x7fffffffffffffff))
	r=$(((state >> 16) % $1))
}

fails=0
known=0
bad() {
	echo "FAIL: round $round ($1): $2"
	fails=$((fails + 1))
}
# check_known STRICT WHAT DETAIL — a failure, or a known one when STRICT is 0
bad_known() {
	if [ "$1" = 1 ]; then bad "$2" "$3"; else echo "KNOWN: round $round ($2): $3"; known=$((known + 1)); fi
}

# waiting up to 5 s for a lock: a killed group's last processes may not have exited yet
sql() { sqlite3 -batch -noheader -cmd ".timeout 5000" "$@"; }
integrity() { # integrity DB WHAT
	i=$(sql "$1" 'PRAGMA integrity_check' 2>&1)
	[ "$i" = ok ] || bad "$2" "integrity_check: $i"
}

# start NAME COMMAND... — runs it in a process group of its own; kill_after MS NAME kills it
start() {
	name=$1
	shift
	setsid "$@" > /dev/null 2>&1 &
	echo $! > "$TMP/$name.pid"
}
kill_after() {
	sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
	pid=$(cat "$TMP/$2.pid")
	kill -9 "-$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
	status=$? # 137 when the kill stopped it, its own exit status when it had finished
	rm -f "$TMP/$2.pid"
}

# the restaurant: a small demo (its April to June tiers computed)
"$MAITRE" --db "$TMP/base.db" demo --guests $GUESTS --quiet > /dev/null || { echo "demo failed"; exit 1; }
W="$TMP/w"
mkdir "$W"
fresh() { rm -f "$W"/*; cp "$TMP/base.db" "$W/db"; }
# how many tier rows March has when computed whole, and how long that and a backup take here:
# the kills fall within 1.2 times that
fresh
t0=$(date +%s%N)
"$MAITRE" --db "$W/db" tier recompute --month 2026-03 > /dev/null || exit 1
RECOMPUTE_MS=$((($(date +%s%N) - t0) / 833333))
MARCH=$(sql "$W/db" "SELECT count(*) FROM tier_month WHERE month = '2026-03'")
t0=$(date +%s%N)
"$MAITRE" --db "$W/db" backup "$W/copy.db" > /dev/null || exit 1
BACKUP_MS=$((($(date +%s%N) - t0) / 833333))
echo "a whole recompute of March: $MARCH rows in $((RECOMPUTE_MS * 5 / 6)) ms"

round=0
while [ $round -lt $ROUNDS ]; do
	round=$((round + 1))

	# two writers (visit add in a loop, each id printed appended to acked.N), killed together
	fresh
	for n in 1 2; do
		start "w$n" sh -c 'while :; do "$0" --db "$1" visit add "$2" --covers 2 --spend 100 --second-table >> "$3" 2> /dev/null; done' \
			"$MAITRE" "$W/db" $((n + 1)) "$W/acked.$n"
	done
	rand 2500
	sleep "$(printf '%d.%03d' $(((r + 300) / 1000)) $(((r + 300) % 1000)))"
	kill_after 0 w1
	kill_after 0 w2
	integrity "$W/db" writers
	ids=$(cat "$W"/acked.* 2> /dev/null | tr -s '\n ' ',,' | sed 's/^,//; s/,$//')
	if [ -n "$ids" ]; then
		want=$(printf '%s' "$ids" | tr ',' '\n' | sort -u | wc -l)
		got=$(sql "$W/db" "SELECT count(*) FROM visit WHERE id IN ($ids) AND voided_at IS NULL")
		[ "$got" = "$want" ] || bad writers "$want visits acknowledged, $got there"
	fi

	# tier recompute of a month not computed yet
	fresh
	start rc "$MAITRE" --db "$W/db" tier recompute --month 2026-03
	rand $RECOMPUTE_MS
	kill_after "$r" rc
	integrity "$W/db" recompute
	n=$(sql "$W/db" "SELECT count(*) FROM tier_month WHERE month = '2026-03'")
	[ "$n" = 0 ] || [ "$n" = "$MARCH" ] ||
		bad_known $STRICT_HALF_MONTH recompute "$n of March's $MARCH tier rows"

	# backup
	fresh
	start bk "$MAITRE" --db "$W/db" backup "$W/copy.db"
	rand $BACKUP_MS
	kill_after "$r" bk
	integrity "$W/db" backup
	if [ "$status" = 0 ]; then
		integrity "$W/copy.db" "backup, finished before the kill"
	elif [ -e "$W/copy.db" ]; then
		# killed after it named its copy (the name goes only to a copy checked and synced;
		# what is left is removing the temporary name): it must be whole
		integrity "$W/copy.db" "backup, killed after naming its copy"
	fi
	rm -f "$W/copy.db" "$W/copy.db-journal"
	"$MAITRE" --db "$W/db" backup "$W/copy2.db" > /dev/null 2>&1 || bad backup "the next backup failed"
	left=$(cd "$W" && ls | grep -v -x -e db -e db-wal -e db-shm -e copy2.db | tr '\n' ' ')
	[ -z "$left" ] || bad_known $STRICT_LEFTOVERS backup "left behind: $left"

	# demo into a new database
	rm -f "$W"/*
	start dm "$MAITRE" --db "$W/demo.db" demo --guests $DEMO --quiet
	rand 4000
	kill_after "$r" dm
	[ ! -e "$W/demo.db" ] || integrity "$W/demo.db" demo
	# the next start on that database (init, demo or the interface) removes what it left
	"$MAITRE" --db "$W/demo.db" init > /dev/null 2>&1 || bad demo "init after it failed"
	left=$(cd "$W" && ls | grep -v -x -e 'demo.db' -e 'demo.db-wal' -e 'demo.db-shm' | tr '\n' ' ')
	[ -z "$left" ] || bad_known $STRICT_LEFTOVERS demo "left behind: $left"
done

echo "crash loop: $round rounds, $fails failed, $known known (not counted)"
[ "$fails" = 0 ]
