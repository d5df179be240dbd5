#!/bin/sh
# The dashboard's figures of guests (a tier, the movers, the untiered, the top 20 %) open the
# list behind them, a guest there their card; Esc comes back to the same figure.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/dashboard_data.sh"
"$MAITRE" init > /dev/null
dashboard_guests
dashboard_late_lunch

note "a figure opens its guests, a guest their card; back to the same figure"
screen <<'KEYS'
key F4
key Enter
snap A quality's guests
key Enter
expect 花生
snap the card from the list
key Esc
key Esc
key End
key BTab BTab BTab BTab BTab BTab BTab BTab
attr ▲ 1
attr ▼ 0
key Enter
snap the guests promoted in June
key Esc
key BTab
key Enter
expect 2026-06: untiered guests who came
key Esc
key Tab
key Tab Tab Tab
key Enter
snap the top 20 %
KEYS
finish
