#!/bin/sh
# Alert guests (domain.md §5): raising a month's alerts — none without data, R asks first, a
# month not over is refused and on the running month R raises the month just ended — and
# reading the alerts writes nothing. The lists, one alert, a long list and the later months are
# in tests/tui/alert_*.sh.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/alert_data.sh"
"$MAITRE" init > /dev/null
note "an empty database: no alerts"
screen <<'KEYS'
key F6
snap no alerts
KEYS
alert_guests
note "a month with no visits: raising its alerts finds nobody who held a tier the month before"
screen <<'KEYS'
type :alerts 2026-02
key Enter
key R
snap asks first
type y
snap no alerts in February
KEYS
note "July is still running: R raises June, the month just ended; August is not over either"
screen <<'KEYS'
key F6
key ]
key R
snap August is not over
key [
key R
snap asks for June
type y
KEYS
# the data, without the dashboard's stored figures (a cache the dashboard keeps for itself)
dump() { sqlite3 "$MAITRE_DB" .dump | grep -v '^INSERT INTO report_month_c' | cksum; }
sum0=$(dump)
screen <<'KEYS'
key F4
key F6
key Enter
key Esc
key [
key Enter
KEYS
check "opening the dashboard, the alerts and an alert wrote nothing" test "$(dump)" = "$sum0"
finish
