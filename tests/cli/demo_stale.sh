#!/bin/sh
# A killed demo's file, DB.demo-PID, is removed at the next demo, init or start on that
# database; the file of a demo still running is not (issue 13, defect 9).
. "$TESTS_SRCDIR/cli/lib.sh"

killed_demo() {
	"$MAITRE" demo --guests 5000 --quiet > /dev/null 2>&1 &
	dpid=$!
	n=0
	while [ ! -s "$MAITRE_DB.demo-$dpid" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
	kill -9 $dpid 2> /dev/null || true
	wait $dpid 2> /dev/null || true
	echo "$MAITRE_DB.demo-$dpid"
}

note "a demo killed with kill -9 while it loads"
left=$(killed_demo)
check "its file is left beside the database" test -s "$left"
check "the database itself was not made" test ! -e "$MAITRE_DB"
sleep 1000 &
spid=$!
live="$MAITRE_DB.demo-$spid"
: > "$live"
run demo --guests 20 --visits-per-guest 0 --quiet
check "the next demo removed the killed one's file" test ! -e "$left"
check "a running demo's file is not touched" test -e "$live"

note "killed again, then maitre init on that database"
rm "$MAITRE_DB"
left=$(killed_demo)
check "its file is left" test -s "$left"
run init
check "init removed it" test ! -e "$left"
check "a running demo's file is still not touched" test -e "$live"
kill $spid 2> /dev/null || true
check "nothing else named demo is left" test "$(ls "$TMP" | grep -c 'demo-')" = 1
finish
