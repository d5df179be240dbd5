#!/bin/sh
# maitre tier recompute | list | movers | show — the tiers of the handbook's June sheet with
# the shipped rules: new guests averaged over their months, a guest falling short over his
# window, a guest never seen, and missing arguments.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/tier_data.sh"
run init
tier_june
note "new guests are averaged over the months since their first visit (June only)"
run tier recompute --month 2026-04
run tier recompute --month 2026-05
run tier recompute --month 2026-06
run tier list --month 2026-06
run --format tsv tier list --month 2026-06 --tier C
run tier movers --month 2026-06
run tier show 1 --month 2026-06
run tier show 4 --month 2026-06
note "孙先生 fell short in June over his 3-month window? 13 visits in 3 months"
run tier show 5 --month 2026-06
note "a guest never seen: no tier and nothing about the next one up"
"$MAITRE" guest add --name 新客 > /dev/null
run tier show 6 --month 2026-06
note "missing arguments are usage errors"
run tier show
run tier override 4 --reason x
run tier recompute --month 2026-13
finish
