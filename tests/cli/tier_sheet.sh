#!/bin/sh
# maitre sheet — the monthly attendance sheet: a row pair per guest, a column per day of the
# month, filtered by tier.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/tier_data.sh"
"$MAITRE" init > /dev/null
tier_june
tier_recomputed
note "the monthly attendance sheet: a row pair per guest, a column per day of the month"
run --format csv sheet --month 2026-06
run --format csv sheet --month 2026-02
run sheet --month 2026-06 --tier A
run sheet --month 2026-06 --tier Q
finish
