#!/bin/sh
# The attendance sheet's months: February's 28 days, a month without visits, [ and ], a bad
# month refused with the reason, and this month's sheet opening on the days that end with today
# (MAITRE_NOW: June 30th), not on the 1st.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/sheet_data.sh"
"$MAITRE" init > /dev/null
sheet_guests
screen <<'KEYS'
key :
type sheet 2026-02
key Enter
key End
key L
key L
key L
key L
key L
snap February 2026: 28 days, the last is the 28th
key [
snap the month before: January, no visits
key ]
key ]
expect attendance sheet 2026-03
key :
type sheet bogus
key Enter
snap a bad argument says why
key :
type sheet 2026-13
key Enter
expect sheet: "2026-13" is not a month (YYYY-MM)
KEYS
# at 80x24: this month's sheet opens on the days that end with today, not on the 1st
sheet_visit 1 2026-06-29 dinner 5 400
screen <<'KEYS'
size 80 24
key F5
expect days 25–30 of 30
snap this month: the days up to today, the 30th
key [
key ]
expect days 25–30 of 30
KEYS
finish
