#!/bin/sh
# maitre dates | gift given | agenda | contact log | banquet log — special dates with the gift
# their tier grants, across the year end, and the sales managers' agenda (domain.md §7).
. "$TESTS_SRCDIR/cli/lib.sh"
T="$TMP/tiers.yaml"
cat > "$T" <<'EOF'
# the handbook's privileges (domain.md §4); the rules only so that the file is complete
version: "agenda test"
rules:
  - {tier: A, group: quality, visits: 6, spend: 5000, per_capita: 80}
  - {tier: B, group: quality, visits: 4, spend: 3000, per_capita: 60}
  - {tier: C, group: quality, visits: 2, spend: 1500, per_capita: 50}
privileges:
  A:
    phone_every_days: 3
    visit_every_days: 10
    gift: {value: 100, occasions: [birthday, anniversary, other]}
    banquet: {host: general manager, every_months: [3, 6], budget_per_table: 700}
    greeter: general manager
    group_chat: VIP-only group
    annual_trip_per_person: 0
    discount: {max_percent_off: 15, excludes: []}
  B:
    phone_every_days: 5
    visit_every_days: 15
    gift: {value: 80, occasions: [birthday, anniversary, other]}
    banquet: {host: store manager, every_months: [3, 6], budget_per_table: 500}
    greeter: store manager
    group_chat: company group
    annual_trip_per_person: 0
    discount: {max_percent_off: 12, excludes: []}
  C:
    phone_every_days: 3
    visit_every_days: 30
    gift: {value: 50, occasions: [birthday]}
    banquet: {host: manager, every_months: 3, budget_per_table: 300}
    greeter: floor manager
    group_chat: company group
    annual_trip_per_person: 500
    discount: {max_percent_off: 10, excludes: []}
window_months: 3
grace_months: 1
alerts:
  yellow_factor: 1.0
  red: {no_visit: true, overdue_complaint: true, severe_complaint: high, severe_within_days: 30}
complaints: {acknowledge_hours: 2, resolve_hours: 48, followup_days: 7, prior_complaint_days: 180}
...
EOF
# tier_month(month, guest, tier): the monthly tier, as `maitre tier recompute` would store it
# (a row of the month's generation 1, which is the one shown)
tier() {
	sqlite3 "$MAITRE_DB" "
	INSERT OR IGNORE INTO tier_rules_version(id, hash, content, first_used)
	VALUES (1, 'test', '', '2026-01-01');
	INSERT INTO tier_month_row(month, guest_id, gen, tier, source, months, visits, covers,
		spend_fen, m_visits, m_covers, m_spend_fen, rules_version, computed_at)
	VALUES ('$1', $2, 1, $3, 'rules', 1, 0, 0, 0, 0, 0, 0, 1, '2026-01-01 00:00:00');
	INSERT INTO tier_month_gen VALUES ('$1', 1, 1, 1)
		ON CONFLICT (month) DO UPDATE SET row_count = row_count + 1"
}
q() { sqlite3 "$MAITRE_DB" "$1"; }
run init
M="$MAITRE"
"$M" guest add --name 孙先生 --family-name 孙 --sales-manager wang --birthday 1978-07-03 \
	--anniversary 2001-07-10 --person 妻子:李女士 --person-birthday 妻子:07-01 \
	--person 司机 > /dev/null
"$M" guest add --name 张先生 --family-name 张 --sales-manager wang --birthday 02-29 \
	--date 公司周年=2010-07-05 > /dev/null
"$M" guest add --name 刘局长 --family-name 刘 --sales-manager li --birthday 1970-01-02 \
	--anniversary 07-06 > /dev/null
"$M" guest add --name 王先生 --family-name 王 --birthday 07-02 > /dev/null
# today is 2026-06-30: the tiers in force are May's, the last complete month (June's would be
# provisional, domain.md §4)
tier 2026-05 1 "'A'"
tier 2026-04 2 "'C'"
tier 2026-05 3 "'B'"
tier 2026-04 4 "'B'"
tier 2026-05 4 NULL
note "today is 2026-06-30: the week's dates; 张先生's C tier of April is still in force;"
note "王先生 fell out of the tiers in May; C gives nothing for another date, A does for a spouse"
run --tiers "$T" dates
run --tiers "$T" dates --upcoming 1
run --tiers "$T" dates --upcoming 12 --format csv
run dates --upcoming 0
run dates --upcoming x
run dates 7
note "across the year end: 28 December, the next 7 days take 刘局长's 2 January"
export MAITRE_TODAY=2026-12-28
run --tiers "$T" dates
note "29 February falls on 28 February in 2027"
export MAITRE_TODAY=2027-02-27
run --tiers "$T" dates --upcoming 2 --format tsv
export MAITRE_TODAY=2026-06-30

note "gifts: the tier's value by default, once per occasion and year"
run --tiers "$T" gift given 1 --occasion birthday
run --tiers "$T" gift given 1 --occasion birthday --note 寿桃
run --tiers "$T" gift given 1 --occasion birthday --person 妻子 --note 鲜花
run --tiers "$T" gift given 2 --occasion 公司周年
run --tiers "$T" gift given 2 --occasion 公司周年 --value 88 --note 茶叶
run --tiers "$T" gift given 4 --occasion birthday
run --tiers "$T" gift given 4 --occasion birthday --value 0 --year 2025
run --tiers "$T" gift given 2 --occasion anniversary --value 10
run --tiers "$T" gift given 1 --occasion birthday --person 司机 --value 10
run --tiers "$T" gift given 1 --occasion birthday --person 秘书 --value 10
run --tiers "$T" gift given 99 --occasion birthday --value 10
run --tiers "$T" gift given 1 --occasion anniversary --value abc
run --tiers "$T" gift given 1 --occasion anniversary --year 26
run --tiers "$T" gift given 1
run --tiers "$T" gift given --occasion birthday
run --tiers "$T" dates --upcoming 12

note "contacts and banquets"
run contact log 1 --channel phone --outcome 约了下周吃饭 --date 2026-06-29
run contact log 1 --channel visit --outcome 送了新菜单 --feedback '想试试新菜' --date 2026-06-15
run contact log 2 --channel wechat --outcome 发了生日祝福
run contact log 2 --channel fax --outcome x
run contact log 2 --channel phone
run contact log 2 --outcome x
run contact log 2 --channel phone --outcome x --date 2026-07-01
run contact log 2 --channel phone --outcome x --date 2026-02-30
run contact log 99 --channel phone --outcome x
run --tiers "$T" banquet log 1 --date 2026-03-15 --tables 2 --actual 1500 --note 答谢宴
run --tiers "$T" banquet log 3 --date 2026-06-01 --budget 2000
run --tiers "$T" banquet log 2
run --tiers "$T" banquet log 2 --date 2026-07-01
run --tiers "$T" banquet log 2 --date 2026-06-01 --tables 0
run --tiers "$T" banquet log 2 --date 2026-06-01 --actual -1
run --tiers "$T" banquet log 99 --date 2026-06-01
check "banquet budget defaults to tables × the tier's ¥700" \
	test "$(q "SELECT host, budget_fen, actual_fen FROM banquet WHERE id = 1")" = \
	"general manager|140000|150000"
check "every write has its audit row" \
	test "$(q "SELECT count(*) FROM audit WHERE entity IN ('gift', 'contact', 'banquet')")" = 9

note "the agenda: 孙先生 (A) phoned yesterday, visited 15 days ago (due 25 June), banquet on"
note "15 March (due from 15 June to 15 September); 张先生 (C): a WeChat message is no call"
run --tiers "$T" agenda --staff wang
run --tiers "$T" agenda --staff li --format tsv
run --tiers "$T" agenda --all --days 1
note "by default, the login's own guests when they have any, else everyone's"
run --tiers "$T" agenda --days 1
"$M" guest add --name 唐总 --family-name 唐 --sales-manager "$LOGIN" --birthday 07-01 > /dev/null
tier 2026-05 5 "'A'"
run --tiers "$T" agenda
run --tiers "$T" agenda --staff nobody
run --tiers "$T" agenda --staff wang --all
run --tiers "$T" agenda --days 400
note "on 3 July 孙先生's call (due 2 July) is a day overdue, his visit 8 days"
export MAITRE_TODAY=2026-07-03
run --tiers "$T" agenda --staff wang --days 1 --format json
export MAITRE_TODAY=2026-06-30
note "without privileges (none for the one tier) nothing is due and no gift is shown"
{
	printf 'rules:\n  - {tier: A, group: quality, visits: 6, spend: 5000, per_capita: 80}\n'
	printf 'privileges:\n  A: {greeter: "", phone_every_days: 0, visit_every_days: 0, '
	printf 'gift: none, banquet: none, group_chat: "", annual_trip_per_person: 0, '
	printf 'discount: none}\n'
	sed -n '/^window_months:/,$p' "$T"
} > "$TMP/bare.yaml"
run --tiers "$TMP/bare.yaml" agenda --staff wang
note "2 July, June's tiers not computed yet: a tier set by hand for June is the guest's tier for the gift"
export MAITRE_TODAY=2026-07-02
"$MAITRE" --tiers "$T" tier override 4 C --reason 老客户 --month 2026-06 > /dev/null
run --tiers "$T" gift given 4 --occasion birthday --year 2026
finish
