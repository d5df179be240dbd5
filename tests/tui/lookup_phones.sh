#!/bin/sh
# The lookup screen tells namesakes apart by their phones: each line shows the last four digits
# of the phone a query of digits matched, written any way.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/lookup_data.sh"
"$MAITRE" init > /dev/null
lookup_guests
lookup_namesakes
note "each line shows the last four digits of a phone: the one a query of digits matched"
screen <<'KEYS'
type 孙先生
snap four 孙先生 told apart by their phones
key ^U
type 0558-555000
snap the landline matched, not the first phone
key ^U
type +86 136 0000 2222
snap a number written with the country code
KEYS
finish
