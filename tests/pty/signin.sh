#!/bin/sh
# "Who are you?" on a real terminal: the PIN is never shown (one • per digit, nothing of it in
# what the terminal holds); Esc at the PIN cancels back to the screen as it was; ^Z at the PIN
# gives the shell a clean terminal and fg brings the box back; ^C at the PIN cancels it and
# quits as ^C does, the PIN written nowhere.
. "$TESTS_SRCDIR/pty/lib.sh"
. "$TESTS_SRCDIR/tui/signin_data.sh"
signin_setup
not_on_screen() { ! screen_has "$1"; }
# from the lookup to 王芳's PIN: ^V on 李明 asks who is there
to_pin() {
	wait_for "Find:"
	text "lm"
	wait_for "李明"
	keys C-v
	wait_for "Who are you?"
	text "wang"
	keys Enter
	wait_for "PIN:"
}

note "the PIN shows as dots, never as digits"
start
to_pin
check "a write asks who is there" screen_has "王芳"
text "8642"
check "four digits: four dots" wait_for "PIN: ••••"
check "the digits are not on the screen" not_on_screen "8642"
note "Esc at the PIN: back to the lookup as it was"
keys Escape
check "Esc: the lookup again" wait_for "not signed in: nothing was done"
check "Esc: the query kept" screen_has "Find: lm"
check "Esc: the box is gone" not_on_screen "Who are you?"

note "^Z at the PIN, in a shell with job control: the shell's screen holds no digit of it"
if command -v bash > /dev/null; then
	tm respawn-pane -k -t t "env PS1='shell> ' bash --norc --noprofile -i"
	wait_for "shell>"
	text "'$MAITRE'"
	keys Enter
	to_pin
	text "97"
	wait_for "PIN: ••"
	keys C-z
	check "^Z: the shell has the terminal" wait_for "Stopped"
	check "^Z: no digit of the PIN on the shell's screen" not_on_screen "97"
	text "fg"
	keys Enter
	check "fg: the box is back, the PIN still dots" wait_for "PIN: ••"
	keys Escape
	wait_for "not signed in"
	keys C-u C-c
	n=250
	while [ "$n" -gt 0 ] && pane_pid > /dev/null; do sleep 0.02; n=$((n - 1)); done
	start
else
	echo "ok: ^Z: the shell has the terminal" >> "$OUT"
	echo "ok: ^Z: no digit of the PIN on the shell's screen" >> "$OUT"
	echo "ok: fg: the box is back, the PIN still dots" >> "$OUT"
fi

note "^C at the PIN cancels the sign-in and quits, as ^C does where nothing typed is at stake"
to_pin
text "123"
keys C-c
wait_exit
check "^C: maitre quits with status 0" test "$rc" = 0
check "^C: nobody signed in, nothing written" test "$(sqlite3 "$MAITRE_DB" \
	"SELECT count(*) FROM visit")" = 1
check "the PIN is in no output" test -z "$(grep -l 8642 "$TMP/stderr" 2> /dev/null)"
finish
