#!/bin/sh
# maitre complaint — refused input: each wrong argument of add, list, show, ack, step, resolve,
# followup and reopen is named with its value, and nothing is written.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_logged

note "bad input: the message names the field and the value; nothing is written"
now "2026-06-30 12:30:00"
run complaint add
run complaint add 1 --severity high --text x
run complaint add 1 --category food --text x
run complaint add 1 --category food --severity high
run complaint add x --category food --severity high --text x
run complaint add 99 --category food --severity high --text x
run complaint add 1 --category drinks --severity high --text x
run complaint add 1 --category food --severity x --text x
run complaint add 1 --category food --severity '' --text x
run complaint add 1 --category food --severity high --text x --channel email
run complaint add 1 --category food --severity high --text ''
run complaint add 1 --category food --severity high --text x --visit abc
run complaint add 1 --category food --severity high --text x --visit 2
run complaint add 1 --category food --severity high --text x --visit 42
run complaint add 2 --category food --severity high --text x --visit 3
run complaint add 1 --category food --severity high --text x --owner 'li na'
run complaint add 1 --category food --severity high --text x --staff "$(printf '小王\033[31m')"
run complaint add 1 --category food --severity high --text x --bogus
run complaint add 1 2 --category food --severity high --text x
run complaint list --guest x
run complaint list --owner nobody
run complaint list 1
run complaint show
run complaint show abc
run complaint show 99
run complaint ack 99
run complaint ack x
run complaint step 1
run complaint step 1 6
run complaint step 1 x
run complaint resolve 1
run complaint resolve 1 --resolution ''
run complaint resolve 1 --resolution x --compensation -5
run complaint resolve 1 --resolution x --compensation abc
run complaint followup 1 --verdict maybe --note x
run complaint followup 1 --note x
run complaint followup 1 --verdict satisfied
run complaint followup 1 --verdict satisfied --note ''
run complaint reopen 1
run complaint reopen 1 --reason ''
run complaint list
finish
