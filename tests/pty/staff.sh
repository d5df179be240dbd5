#!/bin/sh
# --as on a real terminal: the PIN is typed without echo (the pane never shows its digits), a
# new PIN is typed twice, and ^C at the prompt gives the terminal back with its echo.
. "$TESTS_SRCDIR/pty/lib.sh"
pinfd() {
	printf '%s\n' "$@" > "$TMP/pin"
}
# shown DIGITS... — whether the pane shows any of them
shown() {
	pat=$(printf ' -e %s' "$@")
	tm capture-pane -p -t t | grep -q $pat
}
# start_int ARGS... — as start, but the shell around maitre survives ^C (a trap of its own,
# which maitre does not inherit), so that the terminal left behind can be looked at
start_int() {
	rm -f "$TMP/rc"
	{
		printf 'trap : INT\ncd %s && exec 2> %s/stderr\n' "'$TMP'" "'$TMP'"
		printf "'%s'" "$MAITRE"
		for a in "$@"; do printf " '%s'" "$a"; done
		printf '\necho $? > %s/rc.tmp && mv %s/rc.tmp %s/rc\nsleep 60\n' "'$TMP'" "'$TMP'" "'$TMP'"
	} > "$TMP/start-int.sh"
	tm respawn-pane -k -t t "sh '$TMP/start-int.sh'"
}
run init
run staff add wang --name 王芳 --role receptionist
run staff add zhou --name 周杰 --role admin
pinfd 7391
MAITRE_PIN_FD=3 run staff pin wang 3< "$TMP/pin"
pinfd 5826
MAITRE_PIN_FD=3 run staff pin zhou 3< "$TMP/pin"
run staff edit "$LOGIN" --shared --role receptionist

note "the PIN typed at the prompt is not echoed; the sign-in lets 王芳 add a guest"
start --as wang guest add --name 吴先生
check "asks for the PIN" wait_for "PIN for wang:"
text "7391"
sleep 0.3
check "the digits typed are not on the screen" eval '! shown 7391'
keys Enter
wait_exit
check "signed in and written (exit 0)" test "$rc" = 0
check "the guest is audited to wang" test "$(sqlite3 "$MAITRE_DB" "SELECT s.login FROM audit a JOIN staff s ON s.id = a.staff_id WHERE a.entity = 'guest'")" = wang

note "a new PIN on the terminal: typed twice, neither echoed; two that differ change nothing"
start --as zhou staff pin wang
check "zhou's PIN first" wait_for "PIN for zhou:"
text "5826"
keys Enter
check "then the new one" wait_for "New PIN for wang:"
text "4417"
keys Enter
check "and again" wait_for "The same PIN again:"
text "4418"
keys Enter
wait_exit
check "two PINs that differ: refused (exit 1)" test "$rc" = 1
check "said so" grep -q "the two PINs differ" "$TMP/stderr"
check "no PIN on the screen" eval '! shown 5826 4417 4418'
start --as zhou staff pin wang
wait_for "PIN for zhou:"
text "5826"
keys Enter
wait_for "New PIN for wang:"
text "4417"
keys Enter
wait_for "The same PIN again:"
text "4417"
keys Enter
wait_exit
check "the same twice: set (exit 0)" test "$rc" = 0
pinfd 4417
MAITRE_PIN_FD=3 run --as wang guest find 吴 3< "$TMP/pin"

note "^C at the prompt ends maitre and gives the terminal back with its echo"
start_int --as wang guest add --name 郑先生
wait_for "PIN for wang:"
text "44"
keys C-c
wait_exit
check "interrupted (exit 130)" test "$rc" = 130
check "nothing written" test "$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM guest")" = 1
text "echo-is-back"
check "what is typed next is echoed again" wait_for "echo-is-back"
finish
