#!/bin/sh
# The dashboard: June against May — bars of guests per tier, visits, covers and revenue per
# tier, movers, the top guests' share, today's work (alerts, overdue complaints, special dates,
# contacts due) — and another terminal's visit counted on the next idle second.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/dashboard_data.sh"
"$MAITRE" init > /dev/null
dashboard_guests

note "June against May: bars, movers, the top guests, alerts, complaints, dates"
screen <<'KEYS'
key F4
snap June
attr █
run "$MAITRE" visit add 4 --date 2026-06-29 --meal lunch --covers 2 --spend 100
tick
expect ¥15880
KEYS
finish
