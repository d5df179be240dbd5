#!/bin/sh
# The lookup screen's safety marks: allergies and taboos on each line (a person's critical
# allergy first), in full for the selected guest, standing out in every theme, without
# colours too.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/lookup_data.sh"
"$MAITRE" init > /dev/null
lookup_guests
screen <<'KEYS'
type 孙
snap one character: all three 孙 guests, the one who came lately first (selected), then by id
key Down
snap the second selected: no allergy or taboo
key Down
snap the third: his son's critical allergy first; too long for the column, the taboo still shows
key Up Up
attr !! ALLERGY
attr ✕ TABOO
attr 孙主任
KEYS
note "no colours (NO_COLOR): allergies and taboos still stand out, each its own way"
( export NO_COLOR=1 MAITRE_THEME=default
screen <<'KEYS'
type 孙
attr !! ALLERGY
attr ✕ TABOO
attr 孙主任
KEYS
)
note "the default theme in colour"
( export MAITRE_THEME=default
screen <<'KEYS'
type 孙
attr !! ALLERGY
attr ✕ TABOO
KEYS
)
finish
