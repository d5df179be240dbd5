#!/bin/sh
# Another day's visits by name on the ':' line; a day that is not one is refused; F3 goes back
# to today's.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
visit_today june
note "another day's visits by name on the ':' line; a day that is not one is refused"
screen <<'KEYS'
key :
type today 2026-06-12
key Enter
snap the visits of 12 June
key :
type today 6月
key Enter
snap refused, still on 12 June
key F3
snap F3: today's visits again
KEYS
finish
