#!/bin/sh
# A second visit of the same guest, date and meal asks first: n keeps the form, y saves it
# as a second table.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
visit_today june
note "a second visit of the same guest, date and meal asks first: n keeps the form, y saves it"
screen <<'KEYS'
type wz
key ^V
type 5
key Tab
type 600
key Enter
expect Enter a second table?
snap asked: the same dinner on the same day
type n
snap not saved, the form kept
key Enter
expect Enter a second table?
type y
snap saved as a second table
KEYS
run visit list --date 2026-06-30
finish
