#!/bin/sh
# Complaints: the follow-up call (a verdict refused, the note required) and closing; a closed
# complaint's steps stay as they are. Reopening is in tests/tui/complaint_reopen.sh.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_sun resolved

note "the follow-up call and closing"
export MAITRE_NOW="2026-07-04 11:00:00"
screen <<'KEYS'
key F7 End Enter
key f
type maybe
key Enter
snap a verdict that is not one
key ^U
type satisfied
key Enter
key Enter
snap the call needs a note
type 客人表示满意
key Enter
snap followed up: step 5 ticked, close now in the hints
key C
expect Close this complaint?
type y
snap closed: only reopen remains
key 4
snap a closed complaint's steps stay as they are
KEYS
finish
