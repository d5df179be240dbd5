# lib.sh — helpers for the screen tests (sourced by tests/tui/*.sh), on top of the CLI tests'
# helpers (tests/cli/lib.sh: run, note, check, finish and the transcript).
#
# `screen [ARGS...] <<'KEYS'` runs the real interface headless: curses draws into its virtual
# screen (the terminal output goes to /dev/null), keys come from the script on standard input,
# and each `snap` writes the screen's text into the transcript. Script commands:
#   size COLS ROWS   resize the terminal      type TEXT   type characters (UTF-8)
#   key NAME...      press keys (Enter, Esc, Tab, BTab, Up, Down, PgDn, F3, ^S, ...)
#   paste FILE       the file's text as a terminal pastes it (line breaks as spaces, all of it
#                    in before the screen is drawn again; refused where no field has the focus)
#   snap [LABEL]     the screen's text         expect TEXT the screen must show TEXT
#   attr TEXT        the attributes (bold, reverse, underline, dim, colour) TEXT is shown in
#   run COMMAND      a shell command (another terminal's change)
#   tick             the interface's idle second: it looks for changes by others
#   idle MINUTES     MINUTES pass without a key: a person signed in on a shared login is
#                    signed out past signin.idle_minutes (the interface's clock is moved on)
#   lock / unlock    another connection takes / releases the database's write lock
#   busy MS          how long a write waits for the lock
# `setup_keys <<'KEYS'` runs a key script the same way outside the transcript: a test's setup
# that only the screens can make (a person's notes, a visit corrected).
# `setup_stages PREFIX 'STAGE...' TO [FROM]` calls PREFIX_STAGE for each stage listed after
# FROM (from the first without it) up to TO: the data a test starts from, built in the order
# the screens build it (tests/tui/edit_data.sh, visit_data.sh).
. "$TESTS_SRCDIR/cli/lib.sh"
export MAITRE_NOW="${MAITRE_NOW:-2026-06-30 19:05:00}"
export MAITRE_THEME=monochrome
unset NO_COLOR LANGUAGE

screen() {
	cat > "$TMP/keys"
	printf '$ maitre' >> "$OUT"
	printf ' %s' "$@" >> "$OUT"
	printf ' <<keys\n' >> "$OUT"
	sed 's/^/| /' "$TMP/keys" | mask >> "$OUT"
	set +e
	MAITRE_TUI_SCRIPT="$TMP/keys" "$MAITRE" "$@" > "$TMP/screen.out" 2>&1
	rc=$?
	set -e
	# the status line right-aligns the login: its length must not matter
	mask < "$TMP/screen.out" | sed -e 's/ *\$LOGIN · / $LOGIN · /' >> "$OUT"
	printf '[exit %d]\n' "$rc" >> "$OUT"
	# a script that went wrong (an expect not met, a key unknown) is never a result to keep
	if grep -q "^$TMP/keys:[0-9]*: " "$TMP/screen.out"; then
		grep "^$TMP/keys:[0-9]*: " "$TMP/screen.out" >&2
		echo "$NAME: the key script failed (see above)" >&2
		exit 1
	fi
	return 0
}

setup_keys() {
	cat > "$TMP/setup-keys"
	set +e
	MAITRE_TUI_SCRIPT="$TMP/setup-keys" "$MAITRE" > "$TMP/setup.out" 2>&1
	set -e
	if grep "^$TMP/setup-keys:[0-9]*: " "$TMP/setup.out" >&2; then
		echo "$NAME: the setup's key script failed (see above)" >&2
		exit 1
	fi
}

setup_stages() {
	if [ -n "${4:-}" ]; then _on=; else _on=1; fi
	for _stage in $2; do
		if [ -n "$_on" ]; then "${1}_$_stage"; fi
		if [ -n "$_on" ] && [ "$_stage" = "$3" ]; then return 0; fi
		if [ "$_stage" = "${4:-}" ]; then _on=1; fi
	done
	echo "$NAME: no stage $3 after ${4:-the start} in: $2" >&2
	exit 1
}
