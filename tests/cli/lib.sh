# lib.sh — helpers for the CLI golden tests (sourced by tests/cli/*.sh).
#
# Each test runs maitre commands through `run`, which appends to a transcript the command, its
# output (stdout and stderr, in order) and its exit status. At the end `finish` compares the
# transcript with tests/cli/expected/NAME.out. Volatile parts are masked: the temporary
# directory (as $TMP), the login (as $LOGIN) and clock times (as HH:MM:SS).
# MAITRE_UPDATE_GOLDEN=1 rewrites the expected file instead (review the diff before committing).
set -u
: "${MAITRE:?MAITRE must point at the maitre binary}"
: "${TESTS_SRCDIR:?}"
NAME=$(basename "$0" .sh)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/maitre-cli-$NAME.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export MAITRE_DB="$TMP/maitre.db"
export MAITRE_TODAY="${MAITRE_TODAY:-2026-06-30}"
unset XDG_DATA_HOME
export XDG_CONFIG_HOME="$TMP/config" # never the tester's own tiers.yaml
LOGIN=$(id -un)
OUT="$TMP/transcript"
: > "$OUT"

mask() {
	sed -e "s|$TMP|\$TMP|g" \
	    -e "s/\\b$LOGIN\\b/\$LOGIN/g" \
	    -e 's/[0-9][0-9]:[0-9][0-9]:[0-9][0-9]/HH:MM:SS/g' \
	    -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]-[0-9]\{6\}/YYYY-MM-DD-HHMMSS/g' \
	    -e 's/ in [0-9]*\.[0-9] s/ in N.N s/g' \
	    -e 's/([0-9]*\.[0-9] MB)/(N.N MB)/g' \
	    -e 's/the longest [0-9]* ms/the longest N ms/g' \
	    -e 's/\b[0-9a-f]\{16\}\b/HASH/g'
}

# shows control characters of a command line visibly (ESC as ^[)
visible() {
	sed -e 's/\x1b/^[/g' -e 's/\x01/^A/g' -e 's/\x07/^G/g'
}

# run ARGS... — runs maitre ARGS and records it
run() {
	printf '$ maitre' >> "$OUT"
	for a in "$@"; do
		case "$a" in
		*[[:space:]\'\"]*|'') printf " '%s'" "$a" ;;
		*) printf ' %s' "$a" ;;
		esac
	done | mask | visible >> "$OUT"
	printf '\n' >> "$OUT"
	set +e
	"$MAITRE" "$@" > "$TMP/cmd.out" 2>&1
	rc=$?
	set -e
	mask < "$TMP/cmd.out" >> "$OUT"
	printf '[exit %d]\n' "$rc" >> "$OUT"
	return 0
}

# note TEXT — a comment line in the transcript
note() {
	printf '# %s\n' "$*" >> "$OUT"
}

# check WHAT COND — records whether a shell condition held
check() {
	what=$1
	shift
	if "$@"; then printf 'ok: %s\n' "$what" >> "$OUT"; else printf 'FAILED: %s\n' "$what" >> "$OUT"; fi
}

finish() {
	expected="$TESTS_SRCDIR/$(basename "$(dirname "$0")")/expected/$NAME.out"
	# a check that failed fails the test, and is never written into a golden file
	if grep '^FAILED: ' "$OUT"; then
		echo "$NAME: a check failed (nothing updated)"
		exit 1
	fi
	if [ "${MAITRE_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$OUT" "$expected"
		echo "updated $expected"
		exit 0
	fi
	if diff -u "$expected" "$OUT"; then
		exit 0
	fi
	echo "$NAME: output differs from $expected (see the diff above)"
	exit 1
}
set -e
