#!/bin/sh
# The person signed in stays so until idle for signin.idle_minutes (default 5) or ^L: then the
# next write asks again, and a form typed meanwhile keeps its text through a sign-in cancelled
# with Esc. ^L still redraws; ^R redraws only. A bad idle_minutes is refused at the start.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/signin_data.sh"
signin_setup
screen <<'KEYS'
type lm
key ^V
type wang
key Enter
type 1234
key Enter
expect signed in: 王芳 · 前台
type 3
key Tab
type 600
idle 4
expect 王芳 · 前台 · maitre.db
idle 2
snap six minutes idle: signed out, the form as typed
key Enter
expect Who are you?
key Esc
snap Esc: the form keeps its text; nothing was saved
key Enter
type wang
key Enter
type 1234
key Enter
snap signed in again: the save goes on
key ^L
snap ^L locks: signed out at once
key ^R
expect frontdesk · —
KEYS
check "the visit was saved once, by 王芳" test "$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM visit v \
JOIN staff s ON s.id = v.entered_by WHERE s.login = 'wang' AND v.covers = 3")" = 1
note "signin.idle_minutes: 1 signs out after a minute; 0 never"
mkdir -p "$XDG_CONFIG_HOME/maitre"
# idle_after SETTING MINUTES EXPECTED: 王芳 signs in, MINUTES pass, the screen shows EXPECTED
idle_after() {
	printf 'signin:\n  idle_minutes: %s\n' "$1" > "$XDG_CONFIG_HOME/maitre/config.yaml"
	printf 'key ^V\ntype wang\nkey Enter\ntype 1234\nkey Enter\nkey Esc\nidle %s\nexpect %s\n' \
		"$2" "$3" | screen
}
idle_after 1 2 "王芳 signed out after 1 minute idle"
idle_after 0 600 "王芳 · 前台 · maitre.db"
printf 'signin:\n  idle_minutes: soon\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
KEYS
finish
