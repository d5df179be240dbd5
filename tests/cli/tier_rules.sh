#!/bin/sh
# maitre tier recompute with rules other than those the month (or the month before) was
# computed with: it says what changed, tier by tier, and refuses without --new-rules; with
# it, it applies and records them. The same rules, or only new comments, run as before.
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/tier_data.sh"
run init
tier_june
cp "$TESTS_SRCDIR/../data/tiers.yaml" "$TMP/tiers.yaml"
rules() { sqlite3 "$MAITRE_DB" "SELECT month || ' ' || rules_version || ' ' ||
	(canonical IS NOT NULL) FROM tier_month_rules ORDER BY month"; }
note "the first month: nothing to compare with"
run --tiers "$TMP/tiers.yaml" tier recompute --month 2026-05
note "the same rules, the next month and the same month again: they run"
run --tiers "$TMP/tiers.yaml" tier recompute --month 2026-06
run --tiers "$TMP/tiers.yaml" tier recompute --month 2026-06
note "a new comment and label: the same rules, a new version, no question"
sed -i -e '1i # edited in June' -e 's/^version: .*/version: "handbook 2026b"/' "$TMP/tiers.yaml"
run --tiers "$TMP/tiers.yaml" tier recompute --month 2026-06
rules | sed "s/^/recorded: /" >> "$OUT"
note "B active's spend, C's gift, the order of the A rules: what changed, and no recompute"
sed -i -e 's/^    spend: 2500$/    spend: 2000/' -e 's/^      value: 50$/      value: 60/' \
	-e '0,/^    group: quality$/s//    group: first/' "$TMP/tiers.yaml"
sed -i -e '0,/^    group: active$/s//    group: quality/' -e 's/^    group: first$/    group: active/' \
	"$TMP/tiers.yaml"
before=$(sqlite3 "$MAITRE_DB" "SELECT group_concat(computed_at) FROM tier_month WHERE month = '2026-06'")
run --tiers "$TMP/tiers.yaml" tier recompute --month 2026-06
after=$(sqlite3 "$MAITRE_DB" "SELECT group_concat(computed_at) FROM tier_month WHERE month = '2026-06'")
check "June's tiers are untouched" test "$before" = "$after"
note "a new month is compared with the month before"
run --tiers "$TMP/tiers.yaml" tier recompute --month 2026-07
note "--new-rules applies them and records them: the month after then runs"
run --tiers "$TMP/tiers.yaml" tier recompute --month 2026-06 --new-rules
run --tiers "$TMP/tiers.yaml" tier recompute --month 2026-07
rules | sed "s/^/recorded: /" >> "$OUT"
note "a month computed before maitre recorded the rules (schema 10): its rows' version is read again"
sqlite3 "$MAITRE_DB" "UPDATE tier_month_rules SET canonical = NULL"
run tier recompute --month 2026-07
finish
