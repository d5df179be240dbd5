#!/bin/sh
# Alert guests: who is at risk in a month still running — its figures against the thresholds
# pro-rated, in English and in Chinese; nothing is raised.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/alert_data.sh"
"$MAITRE" init > /dev/null
alert_guests
alert_june
export MAITRE_NOW="2026-08-01 10:00:00"
"$MAITRE" alerts --month 2026-07 2> /dev/null > /dev/null
note "20 August: who is at risk so far, August's figures pro-rated; nothing is raised"
"$MAITRE" tier recompute --month 2026-07 > /dev/null
sum0=$(sqlite3 "$MAITRE_DB" .dump | cksum)
export MAITRE_NOW="2026-08-20 10:00:00"
screen <<'KEYS'
size 80 24
type :alerts risk
key Enter
snap at risk so far
key Enter
expect guest card
KEYS
check "the guests at risk raised nothing" test "$(sqlite3 "$MAITRE_DB" .dump | cksum)" = "$sum0"
( export LANGUAGE=zh_CN
screen <<'KEYS'
size 80 24
type :alerts risk
key Enter
snap at risk in Chinese
KEYS
)
finish
