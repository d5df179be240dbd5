#!/bin/sh
# The lookup screen's page follows the terminal's height: a taller one holds more than 20
# results, PgDn shows the rest.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/lookup_data.sh"
"$MAITRE" init > /dev/null
lookup_guests
lookup_namesakes
lookup_li
note "a taller terminal holds more than 20 results a page"
screen <<'KEYS'
size 160 48
type 李
snap 38 results on the page of a 160x48 terminal
key PgDn
snap the last two on the next page
KEYS
finish
