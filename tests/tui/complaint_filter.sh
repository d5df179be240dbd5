#!/bin/sh
# Complaints: the lists filtered by category and severity, at the smallest size, opened by name
# (:complaints all category price); and, as the clock moves on, a complaint that becomes overdue.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_sun logged

note "the lists filtered; by name"
screen <<'KEYS'
key F7
key c
type soup
key Enter
snap a category that is not one: refused with the choices
key c
type waiting-time
key Enter
snap only waiting time
key c
key Enter
key s
type high
key Enter
snap only high
key s
key Enter
size 80 24
expect acknowledged lina   ! resolve 7h 5m late
snap at the smallest size: the status and the deadline whole, the logged column gives way
key :
type complaints all category price
key Enter
snap by name: all of category price
key :
type complaints late
key Enter
snap a word the screen does not know
KEYS

note "the clock moves on: 孙先生's complaint is past its acknowledge and resolve deadlines"
export MAITRE_NOW="2026-07-02 22:00:00"
screen <<'KEYS'
key F7
snap the new one overdue: resolve, with how late
key :
type complaints overdue severity high
key Enter
snap overdue and high
KEYS
export MAITRE_NOW="2026-06-30 19:05:00"
finish
