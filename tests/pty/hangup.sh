#!/bin/sh
# The terminal hangs up (the SSH link dropped: SIGHUP) or maitre is told to stop (SIGTERM)
# with a form half typed: what was typed is kept as a draft of this login and database, which
# the next start offers back; saved or declined, the draft is gone.
. "$TESTS_SRCDIR/pty/lib.sh"
run init
drafts() {
	ls "$XDG_STATE_HOME"/maitre/drafts/*.draft 2> /dev/null | wc -l | tr -d ' '
}
wait_draft() {
	n=250
	while [ "$n" -gt 0 ] && [ "$(drafts)" = 0 ]; do sleep 0.02; n=$((n - 1)); done
	[ "$(drafts)" = 1 ]
}

note "a new guest half typed, then the terminal goes away"
start
wait_for "Find:"
keys C-n
wait_for "new guest"
text "吴先生"
keys Tab
text "吴"
keys C-n
wait_for "phones"
keys Enter
text "13912345678"
keys Enter
wait_for "13912345678"
tm kill-server
check "a draft is kept" wait_draft

note "the next start offers it back; yes restores it as typed, ^S saves it"
start
check "the draft is offered" wait_for "Restore the new guest 吴先生, typed when maitre was last cut off? (y/n)"
keys y
check "the form is back" wait_for "new guest"
check "with the name" screen_has "吴先生"
check "and the phone" screen_has "13912345678"
keys C-s
check "saved" wait_for "added"
check "saved: the draft is gone" test "$(drafts)" = 0
run guest show 1

note "SIGTERM on a changed profile: kept too; declined at the next start, it is deleted"
keys e
wait_for "edit guest"
text "x"
wait_for "吴先生x" # typed before the signal, or there is nothing to keep
kill -TERM "$(pane_pid)"
wait_exit
check "SIGTERM: maitre ends, status 0" test "$rc" = 0
check "a draft is kept" wait_draft
start
check "the draft is offered" wait_for "Restore the changes to 吴先生x"
keys n
check "declined: said so" wait_for "the draft was deleted"
check "declined: the draft is gone" test "$(drafts)" = 0
keys C-c
wait_exit
run guest find 吴先生

note "cut off while a phone is typed on the status line: the phone is kept too"
start
wait_for "Find:"
keys C-n
wait_for "new guest"
text "冯女士"
keys C-n
wait_for "phones"
keys Enter
text "137 0000 1111"
wait_for "phones: 137 0000 1111"
tm kill-server
check "a draft is kept" wait_draft
start
check "the draft is offered" wait_for "Restore the new guest 冯女士"
keys y
check "the phone typed is back, in the list" wait_for "mobile 137 0000 1111"
keys C-s
check "saved" wait_for "added"
run guest find 冯女士
finish
