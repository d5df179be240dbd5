#!/bin/sh
# maitre check-config and --tiers: the rules file (data/tiers.yaml), its errors with their
# file:line:column, unknown keys as warnings, and which file is in force.
. "$TESTS_SRCDIR/cli/lib.sh"
export XDG_CONFIG_HOME="$TMP/config"
cp "$TESTS_SRCDIR/../data/tiers.yaml" "$TMP/tiers.yaml"

# rest FILE — appends to FILE each section it leaves out, with the handbook's values (privileges:
# none), and the end marker: a test's few lines about one thing become a whole file
rest() {
	grep -q '^window_months:' "$1" || echo 'window_months: 3' >> "$1"
	grep -q '^grace_months:' "$1" || echo 'grace_months: 1' >> "$1"
	grep -q '^privileges:' "$1" || echo 'privileges: {}' >> "$1"
	grep -q '^alerts:' "$1" || cat >> "$1" <<'YAML'
alerts:
  yellow_factor: 1.0
  red: {no_visit: true, overdue_complaint: true, severe_complaint: high, severe_within_days: 30}
YAML
	grep -q '^complaints:' "$1" || cat >> "$1" <<'YAML'
complaints: {acknowledge_hours: 2, resolve_hours: 48, followup_days: 7, prior_complaint_days: 180}
YAML
	echo '...' >> "$1"
}

# bad NAME — writes the YAML of stdin to $TMP/NAME.yaml, made whole (rest)
bad() {
	cat > "$TMP/$1.yaml"
	rest "$TMP/$1.yaml"
}

# NONE — the privileges of a tier that is given nothing
NONE='{greeter: "", phone_every_days: 0, visit_every_days: 0, gift: none, banquet: none,
      group_chat: "", annual_trip_per_person: 0, discount: none}'

note "the shipped rules (domain.md §4-§6)"
run check-config "$TMP/tiers.yaml"

note "without a user file: the installed rules, else the copy built into maitre"
"$MAITRE" check-config > "$TMP/default.out" 2>&1
first=$(head -n 1 "$TMP/default.out")
case "$first" in
"rules file: (built-in)" | "rules file: "*/share/maitre/tiers.yaml) where=ok ;;
*) where=$first ;;
esac
check "the installed or built-in rules are in force" test "$where" = ok
"$MAITRE" check-config "$TMP/tiers.yaml" > "$TMP/shipped.out" 2>&1
check "they are the shipped rules" \
	test "$(tail -n +2 "$TMP/default.out")" = "$(tail -n +2 "$TMP/shipped.out")"

note "the user's file, else --tiers"
mkdir -p "$TMP/config/maitre"
cat > "$TMP/config/maitre/tiers.yaml" <<'YAML'
version: money only
window_months: 1
grace_months: 0
rules:
  - {tier: A, spend: 4500, per_capita: 60, requires: [spend, per_capita]}
  - {tier: B, spend: 2500.50, per_capita: 50, requires: [spend, per_capita]}
  - {tier: C, visits: 1.5, requires: visits}
privileges:
  A:
    greeter: 总经理
    phone_every_days: 0
    visit_every_days: 0
    gift: {value: 100, occasions: birthday}
    banquet: none
    group_chat: ""
    annual_trip_per_person: 0
    discount: none
  B: {greeter: "", phone_every_days: 0, visit_every_days: 0, gift: none, banquet: none,
      group_chat: "", annual_trip_per_person: 0, discount: none}
  C: {greeter: "", phone_every_days: 0, visit_every_days: 0, gift: none, banquet: none,
      group_chat: "", annual_trip_per_person: 0, discount: none}
alerts:
  yellow_factor: 0.5
  red: {no_visit: false, overdue_complaint: true, severe_complaint: critical,
        severe_within_days: 60}
complaints: {acknowledge_hours: 2, resolve_hours: 48, followup_days: 7, prior_complaint_days: 180}
...
YAML
run check-config
cat > "$TMP/small.yaml" <<YAML
version: small
rules:
  - {tier: A, visits: 8, spend: 6000, per_capita: 100}
privileges:
  A: $NONE
YAML
rest "$TMP/small.yaml"
run --tiers "$TMP/small.yaml" check-config
note "FILE is checked, whatever --tiers says"
run check-config --tiers "$TMP/config/maitre/tiers.yaml" "$TMP/small.yaml"

note "unknown keys are warnings: the rules load"
bad unknown <<'YAML'
rules:
  - tier: A
    visits: 6
    spend: 5000
    per_capita: 80
    colour: gold
privileges:
  A:
    greeter: general manager
    phone_every_days: 3
    visit_every_days: 10
    gift: {value: 100, occasions: [birthday]}
    banquet: none
    group_chat: ""
    annual_trip_per_person: 0
    discount: {max_percent_off: 15, excludes: []}
    parking: free
YAML
run check-config "$TMP/unknown.yaml"

note "a rules file says what it holds: every section, every tier's privileges, the end marker"
bad silent <<YAML
rules:
  - {tier: A, visits: 6, spend: 5000, per_capita: 80}
  - {tier: B, visits: 4, spend: 3000, per_capita: 60}
privileges:
  A: {greeter: general manager, gift: {value: 100}}
YAML
run check-config "$TMP/silent.yaml"
note "the shipped file cut short (in the last value: 180 days become 18): refused"
at=$(grep -bo 'prior_complaint_days: 180' "$TMP/tiers.yaml" | tail -n 1 | cut -d: -f1)
head -c $((at + 24)) "$TMP/tiers.yaml" > "$TMP/cut.yaml"
check "the cut file ends in 18" test "$(tail -c 3 "$TMP/cut.yaml")" = " 18"
run check-config "$TMP/cut.yaml"

note "broken files: each error at its line and column; exit 1"
bad syntax <<'YAML'
rules:
  - tier: A
   visits: 6
YAML
run check-config "$TMP/syntax.yaml"
printf 'rules:\n\t- tier: A\n...\n' > "$TMP/tab.yaml"
run check-config "$TMP/tab.yaml"
bad type <<'YAML'
rules:
  - tier: A
    visits: lots
    spend: 5000
    per_capita: 80
YAML
run check-config "$TMP/type.yaml"
bad negative <<'YAML'
rules:
  - {tier: A, visits: 6, spend: -5000, per_capita: 80}
YAML
run check-config "$TMP/negative.yaml"
bad tier <<YAML
rules:
  - {tier: A, visits: 6, spend: 5000, per_capita: 80}
privileges:
  A: $NONE
  D: $NONE
YAML
run check-config "$TMP/tier.yaml"
bad duplicate <<'YAML'
rules:
  - tier: A
    visits: 6
    spend: 5000
    spend: 4500
    per_capita: 80
YAML
run check-config "$TMP/duplicate.yaml"
bad criterion <<'YAML'
rules:
  - {tier: A, spend: 5000, requires: [spend, age]}
YAML
run check-config "$TMP/criterion.yaml"
bad unreachable <<YAML
rules:
  - {tier: A, group: quality, visits: 6, spend: 5000, per_capita: 80}
  - {tier: A, group: active, visits: 6, spend: 4500, per_capita: 60}
  - {tier: B, group: quality, visits: 6, spend: 5000, per_capita: 80}
privileges:
  A: $NONE
  B: $NONE
YAML
run check-config "$TMP/unreachable.yaml"
bad missing <<'YAML'
rules:
  - tier: A
    visits: 6
    per_capita: 80
YAML
run check-config "$TMP/missing.yaml"
bad many <<'YAML'
window_months: 0
rules:
  - {tier: A, visits: 6, spend: 5000, per_capita: 80, color: red}
  - {tier: B, visits: 4, spend: 3000, per_capita: 60x}
complaints:
  acknowledge_hours: two
  resolve_hours: 48
  followup_days: 7
  prior_complaint_days: 180
YAML
run check-config "$TMP/many.yaml"

note "a broken file in force is reported, never used"
cp "$TMP/type.yaml" "$TMP/config/maitre/tiers.yaml"
run check-config
run --tiers "$TMP/missing.yaml" check-config

note "a missing file"
run --tiers "$TMP/nope.yaml" check-config
run check-config "$TMP/nope.yaml"
run --tiers '' check-config
run check-config a b
finish
