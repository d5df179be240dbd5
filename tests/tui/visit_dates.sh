#!/bin/sh
# The visit form refuses a day in the future, before the opening date, or not a day, as the
# date is left and when saving; covers in full-width digits count.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
visit_today june
note "the visit form refuses a day in the future, before the opening date, or not a day; covers in full-width digits"
screen <<'KEYS'
type wz
key ^V
type ８
key Tab
type 1000
key BTab BTab BTab
key ^U
type 2026-07-01
key Tab
snap a visit tomorrow: refused as the date is left
key BTab ^U
type 2025-06-01
key Enter
snap before the opening date (a year back): not saved, the reason said
key ^U
type 2026-02-30
key Tab
expect "2026-02-30" is not a date
KEYS
finish
