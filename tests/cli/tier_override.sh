#!/bin/sh
# maitre tier override — a tier set by hand: shown as such with the rules' tier beside it,
# listed under it, cleared, and refused without a reason or with an unknown tier or guest.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/tier_data.sh"
"$MAITRE" init > /dev/null
tier_june
tier_recomputed
note "an override by hand: shown as such, the rules' tier beside it"
run tier override 4 B --reason "the handbook labels him B" --until 2026-08
run tier show 4 --month 2026-06
run tier list --month 2026-06 --tier B
run tier override 4 --clear
run tier override 4 --clear
run tier override 4 Z --reason x
run tier override 4 B
run tier override 99 B --reason x
run tier show 99
finish
