#!/bin/sh
# maitre guest find | show — at the door: the tier and a prior complaint where the guest is
# looked up.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/tier_data.sh"
"$MAITRE" init > /dev/null
tier_june
tier_recomputed
tier_complained
note "at the door: the tier and a prior complaint show in the lookup and on the sheet"
run guest find 张先生
run guest show 4
finish
