#!/bin/sh
# The lookup screen's queries, results at every keystroke: by initials, the pinyin of a
# polyphonic surname, phone digits and a Latin name; nothing found said.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/lookup_data.sh"
"$MAITRE" init > /dev/null
lookup_guests
screen <<'KEYS'
type sxs
snap initials
key ^U
type zengzong
snap pinyin of a polyphonic surname
key ^U
type 5678
snap the last four digits of a phone
key ^U
type obrien
snap a Latin name without the apostrophe
key ^U
type xyz
snap nothing found
KEYS
finish
