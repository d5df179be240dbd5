# lib.sh — helpers for the real-terminal tests (sourced by tests/pty/*.sh), on top of the CLI
# tests' helpers (tests/cli/lib.sh: run, note, check, finish and the transcript).
#
# The screen tests (tests/tui) feed keys to curses without a terminal; these run the real
# binary in a real pseudo-terminal, inside a private tmux server (its own socket under $TMP,
# killed at the end), so that what the terminal itself does is seen: flow control (^S), the
# signal keys (^C, ^Z), pastes, hangups and resizes. They need no standard input and run as
# root, as CI does. Helpers:
#   start ARGS...       maitre ARGS in a 100x30 pane (its exit status goes to $TMP/rc)
#   keys KEY...         tmux send-keys (C-s, Enter, Escape, ...)   text TEXT  typed literally
#   paste FILE          the file pasted as a terminal pastes (bracketed when maitre asks)
#   wait_for TEXT [S]   until the screen shows TEXT (S seconds at most, default 5); 1 if not
#   wait_exit [S]       until maitre has exited; its status in $rc
#   screen_has TEXT     whether the screen shows TEXT now
#   pane_pid            the process id of maitre
. "$TESTS_SRCDIR/cli/lib.sh"
unset NO_COLOR LANGUAGE
command -v tmux > /dev/null || { echo "$NAME: tmux is not installed (scripts/install-deps)"; exit 77; }
SOCK="$TMP/tmux"
tm() {
	tmux -S "$SOCK" -f /dev/null "$@"
}
trap 'tm kill-server 2> /dev/null || true; rm -rf "$TMP"' EXIT
export TERM=xterm-256color
export XDG_STATE_HOME="$TMP/state" # the drafts kept on a hangup

start() {
	rm -f "$TMP/rc"
	{
		printf 'cd %s && exec 2> %s/stderr\n' "'$TMP'" "'$TMP'"
		printf "'%s'" "$MAITRE"
		for a in "$@"; do printf " '%s'" "$a"; done
		printf '\necho $? > %s/rc.tmp && mv %s/rc.tmp %s/rc\nsleep 60\n' "'$TMP'" "'$TMP'" "'$TMP'"
	} > "$TMP/start.sh"
	if tm has-session -t t 2> /dev/null; then
		tm respawn-pane -k -t t "sh '$TMP/start.sh'"
	else
		tm new-session -d -s t -x 100 -y 30 "sh '$TMP/start.sh'"
		tm set-option -g -t t status off > /dev/null
	fi
}

keys() {
	tm send-keys -t t "$@"
}

text() {
	tm send-keys -t t -l "$1"
}

paste() {
	tm load-buffer -b p "$1"
	tm paste-buffer -p -b p -t t
}

screen_has() {
	tm capture-pane -p -t t | grep -qF -- "$1"
}

wait_for() {
	n=$(( ${2:-5} * 50 ))
	while [ "$n" -gt 0 ] && tm has-session -t t 2> /dev/null; do
		screen_has "$1" && return 0
		sleep 0.02
		n=$((n - 1))
	done
	tm capture-pane -p -t t > "$TMP/last-screen"
	echo "$NAME: not on the screen after ${2:-5} s: $1" >&2
	cat "$TMP/last-screen" >&2
	return 1
}

wait_exit() {
	n=$(( ${1:-5} * 50 ))
	while [ "$n" -gt 0 ] && [ ! -f "$TMP/rc" ]; do
		sleep 0.02
		n=$((n - 1))
	done
	rc=$(cat "$TMP/rc" 2> /dev/null || echo none)
}

pane_pid() {
	# the pane runs sh, which runs maitre
	pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" -x maitre
}
