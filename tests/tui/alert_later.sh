#!/bin/sh
# Alert guests: the months after — an open alert keeps the reason it was raised with, and a
# later month's finding is an event of its history, shown in English and in Chinese with the
# reasons of the list.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/alert_data.sh"
"$MAITRE" init > /dev/null
alert_guests
alert_june
alert_crowd
"$MAITRE" alert close 37 --outcome 来过了 > /dev/null
note "August 1st: July raised; 王先生's June alert keeps its reason, July's red is an event of its history"
export MAITRE_NOW="2026-08-01 10:00:00"
"$MAITRE" alerts --month 2026-07 2> /dev/null > /dev/null
screen <<'KEYS'
size 80 24
key F6
type l
type l
key Enter
snap 王先生's June alert with July's finding
KEYS
note "20 August, July's tiers computed: the list and the alert in Chinese"
"$MAITRE" tier recompute --month 2026-07 > /dev/null
export MAITRE_NOW="2026-08-20 10:00:00"
( export LANGUAGE=zh_CN
screen <<'KEYS'
size 80 24
key F6
type l
type l
snap the reasons in Chinese
key Enter
snap the alert in Chinese
KEYS
)
finish
