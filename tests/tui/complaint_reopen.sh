#!/bin/sh
# Complaints: the guest calling back after the complaint was closed — reopened for a new round,
# the timeline of every change with who and when, the complaint at the smallest size and its
# guest's card.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_sun closed

note "the guest calling back: the closed complaint, from the list of all, reopened"
export MAITRE_NOW="2026-07-04 11:00:00"
screen <<'KEYS'
key F7 a End Enter
expect closed
key R
type 客人又来电话说还是不满意
key Enter
snap reopened: a new round, the compensation kept
key End
snap the timeline: every change with who and when
size 80 24
snap at the smallest size
key o
snap the guest's card from the complaint
KEYS
run complaint show 4
finish
