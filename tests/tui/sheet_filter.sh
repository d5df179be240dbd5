#!/bin/sh
# The attendance sheet's filters: by sales manager and by tier, together, cleared; a tier the
# rules do not have and a sales manager of no guest refused, the sheet as it was; a tier letter
# alone as the filter by that tier, on the ':' line too.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/sheet_data.sh"
"$MAITRE" init > /dev/null
sheet_guests
screen <<'KEYS'
key :
type sheet 2026-05 manager wang
key Enter
snap wang's guests only
key f
key ^U
type tier C
key Enter
snap filter: tier C
key f
key ^U
type tier Z
key Enter
snap a tier the rules do not have
key f
key ^U
type 2026-04
key Enter
expect "2026-04": expected tier LETTER or manager LOGIN ([ ] change the month)
key c
snap the filter cleared
key f
key ^U
type manager nobody
key Enter
snap a sales manager of no guest: refused, the sheet unfiltered as it was
key f
key ^U
type tier B manager li
key Enter
expect No guest of this filter came this month
snap li has no guest of tier B this month
KEYS
# at 80x24: a tier letter alone is the filter by that tier, on the ':' line too
screen <<'KEYS'
size 80 24
key :
type sheet 2026-05
key Enter
key f
key ^U
type C
key Enter
expect tier C · days 1–6 of 31
snap C alone: the sheet of tier C
key :
type sheet c 2026-05
key Enter
expect tier C · days 1–6 of 31
KEYS
finish
