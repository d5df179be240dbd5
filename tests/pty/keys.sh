#!/bin/sh
# The keys a terminal keeps for itself unless told not to: ^S (flow control: XOFF froze the
# screen), ^C (SIGINT: quit at once and dropped a form), ^Z (SIGTSTP), ^Q, ^\ (SIGQUIT: a core
# dump). maitre takes keys raw, so each reaches the action table.
. "$TESTS_SRCDIR/pty/lib.sh"
run init

note "^S saves the profile form (it was XOFF: every key after it waited for ^Q)"
start
wait_for "Find:"
keys C-n
wait_for "new guest"
text "钱先生"
keys C-s
check "^S saved the guest" wait_for "added"
run guest find 钱先生

note "^Q and ^\\ do nothing harmful: the screen answers the next key"
keys Escape
wait_for "Find:"
keys C-q 'C-\'
keys C-n
check "still running after ^Q and ^\\" wait_for "new guest"

note "^C on a form with something typed asks, as Esc does; no keeps the form as typed"
text "赵女士"
keys C-c
check "^C asks before dropping what was typed" wait_for "Leave without saving what you typed?"
keys n
check "no: the form is still there" wait_for "new guest"
check "no: with what was typed" screen_has "赵女士"
check "no: maitre still runs" test ! -f "$TMP/rc"
keys C-s
check "and it saves" wait_for "added"
run guest find 赵女士
keys Escape
wait_for "Find:"

note "^C in a prompt holding text asks too; then the views below are asked in turn"
keys C-n
wait_for "new guest"
text "周先生"
keys C-n
wait_for "phones"
keys Enter
text "139 1111 2222"
keys C-c
check "^C in a prompt asks" wait_for "Drop what you typed?"
keys y
check "then the form asks" wait_for "Leave without saving what you typed?"
keys y
wait_exit
check "yes, yes: maitre quits with status 0" test "$rc" = 0
run guest find 周先生

note "stopped from outside and continued (kill -STOP, kill -CONT): the screen is drawn whole again"
start
wait_for "Find:"
text "abc"
wait_for "Find: abc"
pid=$(pane_pid)
kill -STOP "$pid"
printf '\033[2J\033[HGARBAGE written while stopped' > "$(tm display-message -p -t t '#{pane_tty}')"
wait_for "GARBAGE"
kill -CONT "$pid"
not_on_screen() { ! screen_has "$1"; }
check "continued: redrawn" wait_for "Find: abc"
check "continued: nothing else left on the screen" not_on_screen "GARBAGE"
keys C-u

note "^Z in a shell with job control: back to the shell, then fg: back as it was"
if command -v bash > /dev/null; then
	tm respawn-pane -k -t t "env PS1='shell> ' bash --norc --noprofile -i"
	wait_for "shell>"
	text "'$MAITRE'"
	keys Enter
	wait_for "Find:"
	text "xyz"
	wait_for "Find: xyz"
	keys C-z
	check "^Z: the shell has the terminal, maitre stopped" wait_for "Stopped"
	text "fg"
	keys Enter
	check "fg: the screen is back, with the query" wait_for "Find: xyz"
	keys C-u C-c
	n=250 # the shell reads the next line only once maitre has given the terminal back
	while [ "$n" -gt 0 ] && pane_pid > /dev/null; do sleep 0.02; n=$((n - 1)); done
	text "stty -a > '$TMP/stty-after'; echo DONE"
	keys Enter
	wait_for "DONE"
	tty_modes() { grep -o -- '-*ixon\b\|-*isig\b' "$1" | sort | tr '\n' ' '; }
	check "after maitre: the terminal has flow control and signal keys again" \
		test "$(tty_modes "$TMP/stty-after")" = "isig ixon "
	start
else
	echo "ok: ^Z: the shell has the terminal, maitre stopped" >> "$OUT"
	echo "ok: fg: the screen is back, with the query" >> "$OUT"
	echo "ok: after maitre: the terminal has flow control and signal keys again" >> "$OUT"
fi

note "^C with nothing typed quits at once"
wait_for "Find:"
keys C-c
wait_exit
check "^C on the lookup quits with status 0" test "$rc" = 0
finish
