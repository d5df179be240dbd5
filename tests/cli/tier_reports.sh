#!/bin/sh
# maitre report tiers | revenue | pareto | complaints — the June reports by tier.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/tier_data.sh"
"$MAITRE" init > /dev/null
tier_june
tier_recomputed
tier_complained
note "reports"
run report tiers --month 2026-06
run report revenue --month 2026-06
run --format csv report pareto --month 2026-06
run report complaints --month 2026-06
run report pareto --month 2026-13
finish
