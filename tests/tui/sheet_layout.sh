#!/bin/sh
# The monthly attendance sheet (domain.md §3): an empty database, then May — the guest column
# frozen at the left (Chinese names, two columns a character, a long one cut whole with …), the
# days under it, two rows a guest (covers, spend), the month's figures and the tier frozen at
# the right. Scrolling the days, the months, the filters and the export are in
# tests/tui/sheet_*.sh.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/sheet_data.sh"
"$MAITRE" init > /dev/null
screen <<'KEYS'
key F5
snap an empty database: this month's sheet
KEYS
sheet_guests
screen <<'KEYS'
key :
type sheet 2026-05
key Enter
snap May: 31 days; the figures and tiers at the right
expect 4820
expect 4180
key Down
key Down
key Down
key Down
snap the cursor on the long Chinese name (cut whole, with …)
KEYS
finish
