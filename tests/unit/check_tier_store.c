/* check_tier_store.c — the monthly tier (window, grace, override, gap) and the store's
 * recompute, show, override, list, movers and the attendance sheet. Rules are built here from
 * domain.md §4, independent of the YAML loader. */
#include <check.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/guest.h"
#include "core/tier.h"
#include "core/tier_calc.h"
#include "core/visit.h"
#include "store/alert_store.h"
#include "store/guest_store.h"
#include "store/report_store.h"
#include "store/sheet_store.h"
#include "store/store.h"
#include "store/tier_store.h"
#include "store/visit_store.h"

#include "testdb.h"

static struct tier_rules rules;

static void make_rules(int window, unsigned requires)
{
	static const struct {
		const char *tier, *grp;
		double v;
		int spend, pc;
	} t[] = {{"A", "quality", 6, 5000, 80}, {"A", "active", 6, 4500, 60},
		 {"B", "quality", 4, 3000, 60}, {"B", "active", 4, 2500, 50},
		 {"C", "quality", 2, 1500, 50}, {"C", "active", 2, 1000, 40}};
	tier_rules_free(&rules);
	tier_rules_init(&rules);
	rules.window_months = window;
	rules.rules = calloc(6, sizeof *rules.rules);
	rules.nrules = 6;
	for (int i = 0; i < 6; i++) {
		snprintf(rules.rules[i].tier, sizeof rules.rules[i].tier, "%s", t[i].tier);
		snprintf(rules.rules[i].group, sizeof rules.rules[i].group, "%s", t[i].grp);
		rules.rules[i].min_visits = t[i].v;
		rules.rules[i].min_spend = t[i].spend * 100LL;
		rules.rules[i].min_per_capita = t[i].pc * 100LL;
		rules.rules[i].requires = requires;
	}
	snprintf(rules.hash, sizeof rules.hash, "%016x", requires + (unsigned)window * 16);
}

static const char *decided(const struct tier_figures *f, const struct tier_prev *prev,
			   const struct tier_override_in *ov)
{
	static char buf[64];
	struct tier_decision d;
	tier_decide(&rules, f, prev, ov, &d);
	snprintf(buf, sizeof buf, "%s %s %s %d", d.tier[0] ? d.tier : "-", d.grp[0] ? d.grp : "-",
		 tier_source_names[d.source], d.grace);
	return buf;
}

/* domain.md §3 worked examples, one month each */
START_TEST(test_worked_examples)
{
	struct tier_figures g1 = {1, 5, 64, 482000}, g2 = {1, 3, 45, 418000}, g3 = {1, 2, 27, 242000},
			    zhang = {1, 3, 24, 132000};
	make_rules(1, CRIT_ALL);
	ck_assert_str_eq(decided(&g1, NULL, NULL), "B quality rules 0");
	ck_assert_str_eq(decided(&g2, NULL, NULL), "C quality rules 0");
	ck_assert_str_eq(decided(&g3, NULL, NULL), "C quality rules 0");
	ck_assert_str_eq(decided(&zhang, NULL, NULL), "C active rules 0");
	ck_assert_int_eq(tier_per_capita(&g1), 7531);
	ck_assert_int_eq(tier_per_capita(&g2), 9289);
	ck_assert_int_eq(tier_per_capita(&g3), 8963);
	ck_assert_int_eq(tier_per_capita(&zhang), 5500);
	/* money only: the handbook's labels A, B, C for the first three */
	make_rules(1, CRIT_SPEND | CRIT_PER_CAPITA);
	ck_assert_str_eq(decided(&g1, NULL, NULL), "A active rules 0");
	ck_assert_str_eq(decided(&g2, NULL, NULL), "B quality rules 0");
	ck_assert_str_eq(decided(&g3, NULL, NULL), "C quality rules 0");
}
END_TEST

/* Each criterion met or not, required or not (what `tier show` marks ok or short), and a rule
 * holds when the ones it requires are met. */
START_TEST(test_criteria_met)
{
	make_rules(1, CRIT_ALL);
	const struct tier_rule *a = &rules.rules[0], *c = &rules.rules[5]; /* A quality, C active */
	struct tier_figures g1 = {1, 5, 64, 482000};
	ck_assert_uint_eq(tier_criteria_met(a, &g1, 1.0, 1.0), 0);
	ck_assert_uint_eq(tier_criteria_met(c, &g1, 1.0, 1.0), CRIT_ALL);
	/* no covers: no figure per head, so its criterion is not met */
	struct tier_figures nobody = {1, 3, 0, 500000};
	ck_assert_uint_eq(tier_criteria_met(c, &nobody, 1.0, 1.0), CRIT_VISITS | CRIT_SPEND);
	/* a threshold reached exactly is met: ¥800 for 10 is ¥80 a head */
	struct tier_figures exact = {1, 6, 10, 80000};
	ck_assert_uint_eq(tier_criteria_met(a, &exact, 1.0, 1.0), CRIT_VISITS | CRIT_PER_CAPITA);
	exact.spend--;
	ck_assert_uint_eq(tier_criteria_met(a, &exact, 1.0, 1.0), CRIT_VISITS);
	/* a month half gone at the yellow factor: totals scaled by both, per head by the factor */
	struct tier_figures half = {1, 3, 10, 225000};
	ck_assert_uint_eq(tier_criteria_met(a, &half, 0.9, 0.5), CRIT_ALL);
	half.covers = 32; /* ¥70.31 a head, under 0.9 × ¥80 */
	ck_assert_uint_eq(tier_criteria_met(a, &half, 0.9, 0.5), CRIT_VISITS | CRIT_SPEND);
	ck_assert(!tier_rule_holds_so_far(a, &half, 0.9, 0.5));
	rules.rules[0].requires = CRIT_VISITS | CRIT_SPEND;
	ck_assert(tier_rule_holds_so_far(a, &half, 0.9, 0.5));
}
END_TEST

START_TEST(test_window_and_gap)
{
	struct date m = {2026, 6, 1}, f1 = {2026, 6, 14}, f2 = {2026, 5, 2}, f3 = {2025, 1, 1};
	ck_assert_int_eq(tier_window_months(3, f1, m), 1);
	ck_assert_int_eq(tier_window_months(3, f2, m), 2);
	ck_assert_int_eq(tier_window_months(3, f3, m), 3);
	struct date w = tier_window_start(3, (struct date){2026, 2, 1});
	ck_assert_int_eq(w.y, 2025);
	ck_assert_int_eq(w.m, 12);
	/* 17 visits, ¥14,820 over 3 months against A quality (18 visits, ¥15,000, ¥80 a head):
	 * needs 1 more visit and ¥180 */
	make_rules(3, CRIT_ALL);
	struct tier_figures f = {3, 17, 150, 1482000};
	struct tier_gap gap;
	tier_gap_to(&rules.rules[0], &f, &gap);
	ck_assert_int_eq(gap.visits, 1);
	ck_assert_int_eq(gap.spend, 18000);
	/* per-capita can need more than the monthly spend: 200 covers × ¥80 = ¥16,000 */
	f.covers = 200;
	tier_gap_to(&rules.rules[0], &f, &gap);
	ck_assert_int_eq(gap.spend, 1600000 - 1482000);
}
END_TEST

START_TEST(test_grace_and_override)
{
	make_rules(1, CRIT_ALL);
	struct tier_figures weak = {1, 2, 20, 110000}; /* C active */
	struct tier_prev a = {true, "A", "quality", true, 0};
	ck_assert_str_eq(decided(&weak, &a, NULL), "A quality grace 1");
	a.grace = 1; /* grace_months = 1 used up */
	ck_assert_str_eq(decided(&weak, &a, NULL), "C active rules 0");
	/* an override is not kept by grace once it is gone */
	struct tier_prev ov_prev = {true, "A", "quality", false, 0};
	ck_assert_str_eq(decided(&weak, &ov_prev, NULL), "C active rules 0");
	/* rising is never held back */
	struct tier_figures strong = {1, 7, 60, 600000};
	struct tier_prev c = {true, "C", "active", true, 0};
	ck_assert_str_eq(decided(&strong, &c, NULL), "A quality rules 0");
	struct tier_override_in ov = {true, "B", "quality"};
	ck_assert_str_eq(decided(&weak, &a, &ov), "B quality override 0");
	struct tier_figures none = {1, 0, 0, 0};
	ck_assert_str_eq(decided(&none, NULL, NULL), "- - none 0");
	rules.grace_months = 0;
	a.grace = 0;
	ck_assert_str_eq(decided(&weak, &a, NULL), "C active rules 0");
}
END_TEST

/* Grace protects the letter (domain.md §4, Decision 4): a fall within a letter takes effect at
 * once; a fall to another letter keeps last month's letter and group for the grace months. */
START_TEST(test_grace_protects_the_letter)
{
	make_rules(1, CRIT_ALL);
	struct tier_figures a_active = {1, 6, 60, 460000}; /* ¥4,600, ¥76.67 a head: A active */
	struct tier_figures b_active = {1, 4, 40, 260000}; /* B active */
	struct tier_prev aq = {true, "A", "quality", true, 0};
	ck_assert_str_eq(decided(&a_active, &aq, NULL), "A active rules 0");
	ck_assert_str_eq(decided(&b_active, &aq, NULL), "A quality grace 1");
	/* kept A quality by grace, then A active by the rules: A active, not grace again */
	struct tier_prev aq_grace = {true, "A", "quality", true, 1};
	rules.grace_months = 2;
	ck_assert_str_eq(decided(&a_active, &aq_grace, NULL), "A active rules 0");
	ck_assert_str_eq(decided(&b_active, &aq_grace, NULL), "A quality grace 2");
	/* the letter alone held last month: the same letter by the rules, no grace */
	struct tier_prev a_only = {true, "A", "", true, 0};
	ck_assert_str_eq(decided(&a_active, &a_only, NULL), "A active rules 0");
}
END_TEST

/* ---- store ---- */

static struct store *st;

static void setup(void)
{
	setenv("MAITRE_TODAY", "2026-06-30", 1); /* overrides date from "now" */
	st = testdb_open();
	make_rules(1, CRIT_ALL);
}

static void teardown(void)
{
	testdb_close(st);
	st = NULL;
}

static int64_t guest(const char *name)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, name);
	ck_assert_int_eq(guest_store_save(st, &g, 0, false, NULL), ST_OK);
	int64_t id = g.id;
	guest_free(&g);
	return id;
}

static int64_t visit(int64_t g, const char *date, int covers, int yuan)
{
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = g;
	snprintf(v.date, sizeof v.date, "%s", date);
	v.meal = MEAL_DINNER;
	v.covers = covers;
	v.spend_fen = yuan * 100LL;
	ck_assert_msg(visit_store_add(st, &v) == ST_OK, "%s", store_errmsg(st));
	return v.id;
}

static void recompute(int y, int m)
{
	int64_t version;
	struct tier_recompute_stats stats;
	ck_assert_int_eq(tier_store_rules_version(st, &rules, "rules text", &version), ST_OK);
	ck_assert_msg(tier_store_recompute(st, &rules, version, (struct date){y, m, 1}, NULL, &stats) == ST_OK,
		      "%s", store_errmsg(st));
}

static char *shown(int64_t id, int y, int m)
{
	static char buf[80];
	struct tier_guest_info g;
	ck_assert_int_eq(tier_store_guest(st, &rules, id, (struct date){y, m, 1}, &g), ST_OK);
	snprintf(buf, sizeof buf, "%s %s %s/%s %s", g.decision.tier[0] ? g.decision.tier : "-",
		 g.decision.grp[0] ? g.decision.grp : "-", g.stored ? g.stored_tier : "?",
		 g.stored ? g.stored_source : "?", tier_source_names[g.decision.source]);
	return buf;
}

START_TEST(test_recompute_month_and_grace)
{
	int64_t one = guest("1号"), zhang = guest("张先生");
	const char *d1[] = {"2026-06-02", "2026-06-05", "2026-06-11", "2026-06-19", "2026-06-27"};
	int c1[] = {7, 16, 12, 15, 14}, s1[] = {520, 1450, 870, 960, 1020};
	for (int i = 0; i < 5; i++)
		visit(one, d1[i], c1[i], s1[i]);
	visit(zhang, "2026-06-03", 8, 460);
	visit(zhang, "2026-06-11", 10, 520);
	visit(zhang, "2026-06-24", 6, 340);
	recompute(2026, 6);
	ck_assert_str_eq(shown(one, 2026, 6), "B quality B/rules rules");
	ck_assert_str_eq(shown(zhang, 2026, 6), "C active C/rules rules");
	/* idempotent: the same rows again, not twice */
	recompute(2026, 6);
	struct tier_row *rows;
	size_t n;
	ck_assert_int_eq(tier_store_list(st, &rules, (struct date){2026, 6, 1}, NULL, &rows, &n), ST_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(rows[0].guest_id, one); /* B before C */
	ck_assert_int_eq(rows[0].window.spend, 482000);
	ck_assert_int_eq(rows[0].window.covers, 64);
	free(rows);
	/* July: 1号 comes once, weakly: kept B by grace; August: nothing, grace used: untiered */
	visit(one, "2026-07-08", 2, 100);
	recompute(2026, 7);
	ck_assert_str_eq(shown(one, 2026, 7), "B quality B/grace grace");
	recompute(2026, 8);
	ck_assert_str_eq(shown(one, 2026, 8), "- - /none none");
	ck_assert_int_eq(tier_store_movers(st, &rules, (struct date){2026, 8, 1}, &rows, &n), ST_OK);
	/* both fell: 1号 from B and 张先生 from C, each kept one month by grace in July */
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(rows[0].guest_id, one);
	ck_assert_str_eq(rows[0].prev_tier, "B");
	ck_assert_str_eq(rows[0].tier, "");
	ck_assert_int_eq(rows[1].guest_id, zhang);
	ck_assert_str_eq(rows[1].prev_tier, "C");
	free(rows);
	ck_assert_str_eq(shown(zhang, 2026, 7), "C active C/grace grace");
	/* new rules (B quality needs 99 visits) computed for a later month leave June as it was
	 * stored, with the version it was computed with; only a live look uses the new rules */
	rules.rules[2].min_visits = 99;
	snprintf(rules.hash, sizeof rules.hash, "00000000000000b9");
	recompute(2026, 9);
	struct tier_guest_info g;
	ck_assert_int_eq(tier_store_guest(st, &rules, one, (struct date){2026, 6, 1}, &g), ST_OK);
	ck_assert_str_eq(g.stored_tier, "B");
	ck_assert_str_eq(g.stored_grp, "quality");
	ck_assert_str_ne(g.stored_version, rules.hash);
	/* the new rules, live: B quality is out of reach, B active is what they give now */
	ck_assert_str_eq(g.decision.tier, "B");
	ck_assert_str_eq(g.decision.grp, "active");
	ck_assert_int_eq(tier_store_list(st, &rules, (struct date){2026, 6, 1}, "B", &rows, &n), ST_OK);
	ck_assert_uint_eq(n, 1);
	free(rows);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM tier_rules_version"), 2);
}
END_TEST

START_TEST(test_override)
{
	int64_t zhang = guest("张先生");
	visit(zhang, "2026-06-03", 8, 460);
	visit(zhang, "2026-06-11", 10, 520);
	visit(zhang, "2026-06-24", 6, 340);
	recompute(2026, 6);
	ck_assert_int_eq(tier_store_override(st, zhang, "B", "quality", "handbook label", "2026-07",
					     (struct date){2026, 6, 1}),
			 ST_OK);
	ck_assert_str_eq(shown(zhang, 2026, 6), "B quality B/override override");
	struct tier_guest_info g;
	ck_assert_int_eq(tier_store_guest(st, &rules, zhang, (struct date){2026, 6, 1}, &g), ST_OK);
	ck_assert_str_eq(g.override_reason, "handbook label");
	ck_assert_int_eq(g.decision.rule, 5); /* the computed tier stays visible: C active */
	/* until 2026-07: gone in August */
	recompute(2026, 7);
	ck_assert_str_eq(shown(zhang, 2026, 7), "B quality B/override override");
	recompute(2026, 8);
	ck_assert_str_eq(shown(zhang, 2026, 8), "- - /none none");
	ck_assert_int_eq(tier_store_override(st, zhang, NULL, NULL, NULL, NULL, (struct date){2026, 8, 1}),
			 ST_OK);
	ck_assert_int_eq(tier_store_override(st, zhang, NULL, NULL, NULL, NULL, (struct date){2026, 8, 1}),
			 ST_NOTFOUND);
	ck_assert_int_eq(tier_store_override(st, 999, "A", NULL, "x", NULL, (struct date){2026, 8, 1}),
			 ST_NOTFOUND);
}
END_TEST

START_TEST(test_window_of_three_months)
{
	make_rules(3, CRIT_ALL);
	int64_t g = guest("孙先生");
	/* 6 visits a month in April..June, ¥5100 a month, 60 covers a month: A quality */
	const char *months[] = {"2026-04", "2026-05", "2026-06"};
	for (int m = 0; m < 3; m++)
		for (int i = 0; i < 6; i++) {
			char d[16];
			snprintf(d, sizeof d, "%s-%02d", months[m], i + 3);
			visit(g, d, 10, 850);
		}
	recompute(2026, 6);
	ck_assert_str_eq(shown(g, 2026, 6), "A quality A/rules rules");
	/* a newcomer seen only in June is averaged over one month */
	int64_t n = guest("唐总");
	for (int i = 0; i < 6; i++) {
		char d[16];
		snprintf(d, sizeof d, "2026-06-%02d", i + 10);
		visit(n, d, 10, 850);
	}
	recompute(2026, 6);
	ck_assert_str_eq(shown(n, 2026, 6), "A quality A/rules rules");
}
END_TEST

/* The months and the visits of guest's stored row for month mk; -1, -1 when it has no row. */
static void stored_months(int64_t guest, const char *mk, int *months, int *visits)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open(testdb_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT months, visits FROM tier_month "
						"WHERE month = ?1 AND guest_id = ?2",
					    -1, &s, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(s, 1, mk, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, guest);
	*months = *visits = -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*months = sqlite3_column_int(s, 0);
		*visits = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
}

START_TEST(test_recompute_first_visits_and_rewrite)
{
	make_rules(3, CRIT_ALL);
	/* window April..June: first seen in May (2 months); in April (3); in February (3); in
	 * May with a voided visit in January (2, the voided one does not count) */
	int64_t may = guest("五月"), april = guest("四月"), feb = guest("二月"), voided = guest("作废");
	visit(may, "2026-05-20", 2, 100);
	visit(may, "2026-06-02", 2, 100);
	visit(april, "2026-04-30", 2, 100);
	visit(april, "2026-06-02", 2, 100);
	visit(feb, "2026-02-01", 2, 100);
	visit(feb, "2026-06-01", 2, 100);
	visit(voided, "2026-05-01", 2, 100);
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = voided;
	snprintf(v.date, sizeof v.date, "2026-01-15");
	v.meal = MEAL_LUNCH;
	v.covers = 2;
	v.spend_fen = 10000;
	ck_assert_int_eq(visit_store_add(st, &v), ST_OK);
	ck_assert_int_eq(visit_store_void(st, v.id, VOID_OTHER, "wrong guest"), ST_OK);
	recompute(2026, 6);
	int months, visits;
	stored_months(may, "2026-06", &months, &visits);
	ck_assert_int_eq(months, 2);
	ck_assert_int_eq(visits, 2);
	stored_months(april, "2026-06", &months, &visits);
	ck_assert_int_eq(months, 3);
	stored_months(feb, "2026-06", &months, &visits);
	ck_assert_int_eq(months, 3);
	ck_assert_int_eq(visits, 1);
	stored_months(voided, "2026-06", &months, &visits);
	ck_assert_int_eq(months, 2);
	struct tier_guest_info g;
	ck_assert_int_eq(tier_store_guest(st, &rules, voided, (struct date){2026, 6, 1}, &g), ST_OK);
	ck_assert_int_eq(g.window.months, 2);
	/* again after a change: rows updated in place, the row of a guest no longer concerned
	 * removed, a new guest's row added */
	visit(may, "2026-06-03", 4, 200);
	ck_assert_int_eq(visit_store_void(st, v.id - 1, VOID_OTHER, "wrong guest"), ST_OK); /* voided's May */
	int64_t late = guest("新客");
	visit(late, "2026-06-30", 2, 100);
	recompute(2026, 6);
	stored_months(may, "2026-06", &months, &visits);
	ck_assert_int_eq(visits, 3);
	stored_months(voided, "2026-06", &months, &visits);
	ck_assert_int_eq(months, -1);
	stored_months(late, "2026-06", &months, &visits);
	ck_assert_int_eq(months, 1);
	ck_assert_int_eq(visits, 1);
	stored_months(feb, "2026-06", &months, &visits);
	ck_assert_int_eq(visits, 1);
	/* foreign keys are checked again after a recompute */
	memset(&v, 0, sizeof v);
	v.guest_id = 9999;
	snprintf(v.date, sizeof v.date, "2026-06-01");
	v.meal = MEAL_LUNCH;
	v.covers = 1;
	ck_assert_int_ne(visit_store_add(st, &v), ST_OK);
}
END_TEST

START_TEST(test_sheet)
{
	int64_t z = guest("张先生"), other = guest("孙先生");
	visit(z, "2026-06-03", 8, 460);
	visit(z, "2026-06-11", 10, 520);
	visit(z, "2026-06-24", 6, 340);
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = z;
	snprintf(v.date, sizeof v.date, "2026-06-24");
	v.meal = MEAL_LUNCH;
	v.covers = 2;
	v.spend_fen = 10050;
	ck_assert_int_eq(visit_store_add(st, &v), ST_OK);
	ck_assert_int_eq(visit_store_void(st, v.id, VOID_OTHER, "entered on the wrong guest"), ST_OK);
	visit(other, "2026-07-01", 2, 100);
	struct sheet_row *rows;
	size_t n;
	ck_assert_int_eq(sheet_store_month(st, (struct date){2026, 6, 1}, NULL, NULL, &rows, &n), ST_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(rows[0].visits, 3);
	ck_assert_int_eq(rows[0].covers_total, 24);
	ck_assert_int_eq(rows[0].spend_total, 132000);
	ck_assert_int_eq(rows[0].covers[2], 8);
	ck_assert_int_eq(rows[0].spend[23], 34000);
	free(rows);
	ck_assert_int_eq(sheet_store_month(st, (struct date){2026, 6, 1}, "A", NULL, &rows, &n), ST_OK);
	ck_assert_uint_eq(n, 0);
	free(rows);
}
END_TEST

/* The sums the queries make (the sheet's, the tier's) are the totals visit_per_capita divides:
 * live visits only, total spend over total covers, as the visits read one by one give them. */
START_TEST(test_per_capita_sums_agree)
{
	int64_t z = guest("张先生");
	visit(z, "2026-06-03", 8, 460);
	visit(z, "2026-06-11", 10, 520);
	visit(z, "2026-06-24", 6, 341);
	visit(z, "2026-05-30", 3, 999); /* the month before: in neither month's figure */
	int64_t wrong = visit(z, "2026-06-24", 2, 100);
	ck_assert_int_eq(visit_store_void(st, wrong, VOID_OTHER, "entered on the wrong guest"), ST_OK);
	/* the visits one by one, the void one among them */
	struct visit_filter f = {.guest_id = z, .from = "2026-06-01", .until = "2026-06-30",
				 .with_voided = true};
	struct visit *vs;
	size_t nv;
	ck_assert_int_eq(visit_store_list(st, &f, &vs, &nv), ST_OK);
	ck_assert_uint_eq(nv, 4);
	long covers = 0;
	int64_t spend = 0;
	for (size_t i = 0; i < nv; i++) {
		if (!vs[i].voided_at) {
			covers += vs[i].covers;
			spend += vs[i].spend_fen;
		}
		visit_free(&vs[i]);
	}
	free(vs);
	int64_t pc = visit_per_capita(spend, covers);
	ck_assert_int_eq(pc, 5504); /* ¥1321 for 24: 55.0417 */
	/* the sheet's row */
	struct sheet_row *rows;
	size_t n;
	ck_assert_int_eq(sheet_store_month(st, (struct date){2026, 6, 1}, NULL, NULL, &rows, &n), ST_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(visit_per_capita(rows[0].spend_total, rows[0].covers_total), pc);
	ck_assert_int_eq(visit_per_capita_yuan(rows[0].spend_total, rows[0].covers_total), 55);
	free(rows);
	/* the tier's month and window (window_months 1: the same month) */
	struct tier_guest_info info;
	ck_assert_int_eq(tier_store_guest(st, &rules, z, (struct date){2026, 6, 1}, &info), ST_OK);
	ck_assert_int_eq(tier_per_capita(&info.month), pc);
	ck_assert_int_eq(tier_per_capita(&info.window), pc);
}
END_TEST

static void same_row(const struct sheet_row *a, const struct sheet_row *b)
{
	ck_assert_int_eq(a->guest_id, b->guest_id);
	ck_assert_str_eq(a->name, b->name);
	ck_assert_str_eq(a->sales_manager, b->sales_manager);
	ck_assert_str_eq(a->tier, b->tier);
	ck_assert_str_eq(a->grp, b->grp);
	ck_assert_int_eq(a->visits, b->visits);
	ck_assert_int_eq(a->covers_total, b->covers_total);
	ck_assert_int_eq(a->spend_total, b->spend_total);
	ck_assert(memcmp(a->covers, b->covers, sizeof a->covers) == 0);
	ck_assert(memcmp(a->spend, b->spend, sizeof a->spend) == 0);
}

/* Every window size, forward from the start and backward from the end, gives the n rows of
 * sheet_store_month all. */
static void check_windows_of(struct date m, const char *tier, const char *manager,
			     const struct sheet_row *all, size_t n)
{
	struct sheet_row *w;
	size_t k;
	for (size_t limit = 1; limit <= n + 1; limit++) {
		size_t got = 0;
		int64_t from = 0;
		do { /* forward */
			ck_assert_int_eq(sheet_store_window(st, m, tier, manager, from, false, limit,
							    &w, &k),
					 ST_OK);
			ck_assert_uint_le(got + k, n);
			for (size_t i = 0; i < k; i++)
				same_row(&w[i], &all[got + i]);
			got += k;
			if (k)
				from = w[k - 1].guest_id;
			free(w);
		} while (k == limit);
		ck_assert_uint_eq(got, n);
		from = INT64_MAX;
		size_t left = n;
		do { /* backward */
			ck_assert_int_eq(sheet_store_window(st, m, tier, manager, from, true, limit,
							    &w, &k),
					 ST_OK);
			ck_assert_uint_le(k, left);
			for (size_t i = 0; i < k; i++)
				same_row(&w[i], &all[left - k + i]);
			left -= k;
			if (k)
				from = w[0].guest_id;
			free(w);
		} while (k == limit);
		ck_assert_uint_eq(left, 0);
	}
}

/* The windows of month m, filtered, against the whole month. */
static void check_windows(struct date m, const char *tier, const char *manager)
{
	struct sheet_row *all;
	size_t n;
	ck_assert_int_eq(sheet_store_month(st, m, tier, manager, &all, &n), ST_OK);
	check_windows_of(m, tier, manager, all, n);
	free(all);
}

START_TEST(test_sheet_window)
{
	int64_t g[7];
	static const char *names[] = {"1号", "张先生", "孙先生", "李女士", "王总", "赵先生", "钱女士"};
	for (int i = 0; i < 7; i++)
		g[i] = guest(names[i]);
	/* guests 0, 2, 3, 5 and 6 come in June, with several visits a day and across the month */
	visit(g[0], "2026-06-01", 7, 520);
	visit(g[0], "2026-06-01", 16, 1450);
	visit(g[0], "2026-06-30", 12, 870);
	visit(g[2], "2026-06-15", 19, 1680);
	visit(g[3], "2026-05-31", 4, 400); /* May only: not in June's sheet */
	visit(g[3], "2026-06-02", 8, 740);
	visit(g[5], "2026-06-10", 8, 460);
	visit(g[5], "2026-06-11", 10, 5520);
	visit(g[6], "2026-06-20", 2, 100);
	visit(g[1], "2026-07-01", 2, 100);
	visit(g[4], "2026-05-01", 2, 100);
	recompute(2026, 6);
	testdb_exec("INSERT INTO staff(id, login, created_at) VALUES (50, 'wang', '2026-01-01'), "
		    "(51, 'li', '2026-01-01')");
	char sql[200];
	snprintf(sql, sizeof sql,
		 "UPDATE guest SET sales_manager = 50 WHERE id IN (%lld, %lld, %lld)",
		 (long long)g[0], (long long)g[3], (long long)g[6]);
	testdb_exec(sql);
	snprintf(sql, sizeof sql, "UPDATE guest SET sales_manager = 51 WHERE id = %lld",
		 (long long)g[5]);
	testdb_exec(sql);
	struct date june = {2026, 6, 1};
	struct sheet_row *all;
	size_t n;
	ck_assert_int_eq(sheet_store_month(st, june, NULL, NULL, &all, &n), ST_OK);
	ck_assert_uint_eq(n, 5);
	free(all);
	check_windows(june, NULL, NULL);
	check_windows(june, "C", NULL);
	check_windows(june, "A", NULL);
	check_windows(june, "", NULL);
	check_windows(june, NULL, "wang");
	check_windows(june, NULL, "li");
	check_windows(june, NULL, "nobody");
	check_windows(june, NULL, "");
	check_windows(june, "C", "wang");
	check_windows((struct date){2026, 2, 1}, NULL, NULL); /* a month with no visits */
	/* a window that starts inside the sheet */
	struct sheet_row *w;
	ck_assert_int_eq(sheet_store_window(st, june, NULL, NULL, g[2], false, 10, &w, &n), ST_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(w[0].guest_id, g[3]);
	ck_assert_int_eq(w[0].visits, 1);
	free(w);
}
END_TEST

/* xorshift64, seeded by the test: from 0 to n - 1. */
static uint64_t sheet_rnd;
static unsigned sheet_rand(unsigned n)
{
	sheet_rnd ^= sheet_rnd << 13;
	sheet_rnd ^= sheet_rnd >> 7;
	sheet_rnd ^= sheet_rnd << 17;
	return (unsigned)(sheet_rnd % n);
}

/* The month's sheet as sheet_store_month makes it (the visits of the month sorted by guest,
 * merged with the month's tiered rows and its guests' names) against sheet_store_window's
 * rows (each guest's visits, tier and name sought one by one), on a generated month: 600
 * guests, most with visits in June (several a day, some voided, some in May or July only),
 * tiers with and without a group, rows without a tier, sales managers; every filter. Then a
 * guest missing from guest_month is still named by the month's sheet. */
START_TEST(test_sheet_fast_is_simple)
{
	sheet_rnd = 0x2545F4914F6CDD1DULL;
	struct sbuf b = {0};
	sbuf_add(&b, "INSERT INTO staff(id, login, created_at) VALUES (50, 'wang', '2026-01-01'), "
		     "(51, 'li', '2026-01-01');"
		     "INSERT OR IGNORE INTO tier_rules_version(id, hash, content, first_used) "
		     "VALUES (1, 'test', '', '2026-01-01');"
		     "INSERT INTO tier_month_gen VALUES ('2026-06', 1, 0, 1);");
	static const char *const tiers[] = {"'A'", "'B'", "'C'", "NULL"};
	for (int i = 1; i <= 600; i++) {
		sbuf_printf(&b,
			    "INSERT INTO guest(id, name, sales_manager, created_at, updated_at) VALUES "
			    "(%d, '客人%d', %s, '2026-01-01', '2026-01-01');",
			    i, i, sheet_rand(3) == 0 ? "NULL" : sheet_rand(2) ? "50" : "51");
		for (int k = sheet_rand(6); k > 0; k--) {
			int month = sheet_rand(8) == 0 ? 5 + 2 * (int)sheet_rand(2) : 6; /* May or July now and then */
			int day = 1 + (int)sheet_rand(month == 6 ? 30 : 31);
			bool voided = sheet_rand(10) == 0, lunch = sheet_rand(2);
			unsigned covers = 1 + sheet_rand(20), spend = sheet_rand(300000);
			sbuf_printf(&b,
				    "INSERT INTO visit(guest_id, date, meal, covers, spend_fen, "
				    "entered_by, created_at, voided_at, void_reason) VALUES (%d, "
				    "'2026-%02d-%02d', '%s', %u, %u, 50, '2026-01-01', %s, %s);",
				    i, month, day, lunch ? "lunch" : "dinner", covers, spend,
				    voided ? "'2026-07-01'" : "NULL", voided ? "'twice'" : "NULL");
		}
		if (sheet_rand(4)) {
			const char *t = tiers[sheet_rand(4)];
			bool grp = sheet_rand(2);
			sbuf_printf(&b,
				    "INSERT INTO tier_month_row(month, guest_id, gen, tier, grp, source, "
				    "months, visits, covers, spend_fen, m_visits, m_covers, m_spend_fen, "
				    "rules_version, computed_at) VALUES ('2026-06', %d, 1, %s, %s, "
				    "'rules', 1, 0, 0, 0, 0, 0, 0, 1, '2026-07-01 00:00:00');",
				    i, t, t[0] == 'N' || grp ? "NULL" : "'1'");
		}
	}
	testdb_exec(b.s);
	sbuf_free(&b);
	struct date june = {2026, 6, 1};
	static const char *const tier_f[] = {NULL, "A", "B", "", NULL, "C"};
	static const char *const manager_f[] = {NULL, NULL, "wang", NULL, "li", "li"};
	size_t rows = 0;
	for (size_t f = 0; f < sizeof tier_f / sizeof tier_f[0]; f++) {
		struct sheet_row *all, *w;
		size_t n, k;
		ck_assert_int_eq(sheet_store_month(st, june, tier_f[f], manager_f[f], &all, &n), ST_OK);
		ck_assert_int_eq(sheet_store_window(st, june, tier_f[f], manager_f[f], 0, false, n + 1,
						    &w, &k),
				 ST_OK);
		ck_assert_uint_eq(k, n);
		for (size_t i = 0; i < n; i++)
			same_row(&w[i], &all[i]);
		rows += n;
		free(all);
		free(w);
	}
	ck_assert_uint_gt(rows, 600); /* the month made a sheet worth comparing */
	/* a guest the month's guest_month does not list: sought alone */
	struct sheet_row *before, *after;
	size_t n1, n2;
	ck_assert_int_eq(sheet_store_month(st, june, NULL, NULL, &before, &n1), ST_OK);
	ck_assert_uint_gt(n1, 10);
	char sql[120];
	snprintf(sql, sizeof sql, "DELETE FROM guest_month WHERE month = '2026-06' AND guest_id = %lld",
		 (long long)before[n1 / 2].guest_id);
	testdb_exec(sql);
	ck_assert_int_eq(sheet_store_month(st, june, NULL, NULL, &after, &n2), ST_OK);
	ck_assert_uint_eq(n1, n2);
	for (size_t i = 0; i < n1; i++)
		same_row(&after[i], &before[i]);
	free(before);
	free(after);
}
END_TEST

/* The first column of sql's first row in the database at path, through a connection of its
 * own (malloc'd; "" for NULL). */
static char *text_at(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(s, 0);
	char *out = strdup(t ? (const char *)t : "");
	sqlite3_finalize(s);
	sqlite3_close(db);
	return out;
}

/* The same in the test's database. */
static char *sql_text(const char *sql)
{
	return text_at(testdb_path, sql);
}

/* Every stored row of June, all it decided and every figure, one line a guest. */
static char *june_rows(void)
{
	return sql_text("SELECT count(*) || char(10) || ifnull(group_concat(l, char(10)), '') FROM "
			"(SELECT printf('%d %s %s %s %s %s %s %d %d %d %d %d %d %d %d', guest_id, "
			"quote(tier), quote(grp), quote(computed_tier), quote(computed_grp), "
			"quote(rule_no), source, months, visits, covers, spend_fen, m_visits, "
			"m_covers, m_spend_fen, grace) AS l FROM tier_month WHERE month = '2026-06' "
			"ORDER BY guest_id)");
}

/* Recomputes May and June both ways and compares June's rows; the window's figures are also
 * checked against a GROUP BY over the visits (the rows of w months up to June). */
static void recompute_both_ways(int w)
{
	make_rules(w, CRIT_ALL);
	tier_store_window_from_visits = true;
	recompute(2026, 5);
	recompute(2026, 6);
	char *simple = june_rows();
	tier_store_window_from_visits = false;
	recompute(2026, 5);
	recompute(2026, 6);
	char *fast = june_rows();
	if (strcmp(fast, simple)) { /* the first line that differs (the whole would be too long) */
		size_t i = 0, l = 0;
		while (fast[i] == simple[i])
			if (fast[i++] == '\n')
				l = i;
		ck_abort_msg("window %d: %.100s against %.100s", w, fast + l, simple + l);
	}
	ck_assert_int_gt(atoi(fast), 100);
	free(simple);
	free(fast);
	char sql[1200];
	snprintf(sql, sizeof sql,
		 "WITH v AS (SELECT guest_id, count(*) n, sum(covers) c, sum(spend_fen) s, "
		 "sum(date >= '2026-06-01') mn, sum(CASE WHEN date >= '2026-06-01' THEN covers "
		 "ELSE 0 END) mc, sum(CASE WHEN date >= '2026-06-01' THEN spend_fen ELSE 0 END) ms "
		 "FROM visit WHERE voided_at IS NULL AND date BETWEEN '%s' AND '2026-06-30' "
		 "GROUP BY guest_id) "
		 "SELECT (SELECT count(*) FROM tier_month t LEFT JOIN v USING (guest_id) "
		 "WHERE t.month = '2026-06' AND (ifnull(v.n, 0) <> t.visits OR ifnull(v.c, 0) <> "
		 "t.covers OR ifnull(v.s, 0) <> t.spend_fen OR ifnull(v.mn, 0) <> t.m_visits OR "
		 "ifnull(v.mc, 0) <> t.m_covers OR ifnull(v.ms, 0) <> t.m_spend_fen)) || ' ' || "
		 "(SELECT count(*) FROM v WHERE NOT EXISTS (SELECT 1 FROM tier_month t WHERE "
		 "t.month = '2026-06' AND t.guest_id = v.guest_id))",
		 w == 1 ? "2026-06-01" : w == 2 ? "2026-05-01" : "2026-04-01");
	char *bad = sql_text(sql);
	ck_assert_str_eq(bad, "0 0");
	free(bad);
}

/* The window read from guest_month (what the visit triggers keep) against the visits read one
 * by one, on a generated book: 400 guests with visits from March to July, many on the first or
 * last day of a month, then visits voided, restored, moved to another date or guest,
 * corrected and deleted (the triggers' every path); windows of 1, 2 and 3 months, through the
 * array indexed by guest id and then through the GROUP BY (a guest id past the array's bound). */
START_TEST(test_recompute_window_from_guest_month)
{
	sheet_rnd = 0x9E3779B97F4A7C15ULL;
	struct sbuf b = {0};
	sbuf_add(&b, "INSERT INTO staff(id, login, created_at) VALUES (50, 'wang', '2026-01-01');");
	static const int days[] = {31, 30, 31, 30, 31}; /* March..July */
	for (int i = 1; i <= 400; i++) {
		sbuf_printf(&b,
			    "INSERT INTO guest(id, name, created_at, updated_at) VALUES "
			    "(%d, '客人%d', '2026-01-01', '2026-01-01');",
			    i, i);
		for (int k = sheet_rand(30); k > 0; k--) {
			int m = (int)sheet_rand(5), day;
			unsigned edge = sheet_rand(4);
			day = edge == 0 ? 1 : edge == 1 ? days[m] : 1 + (int)sheet_rand(days[m]);
			bool voided = sheet_rand(8) == 0;
			sbuf_printf(&b,
				    "INSERT INTO visit(guest_id, date, meal, covers, spend_fen, "
				    "entered_by, created_at, voided_at, void_reason) VALUES (%d, "
				    "'2026-%02d-%02d', 'dinner', %u, %u, 50, '2026-01-01', %s, %s);",
				    i, m + 3, day, 1 + sheet_rand(12), sheet_rand(300000),
				    voided ? "'2026-07-01'" : "NULL", voided ? "'twice'" : "NULL");
		}
	}
	testdb_exec(b.s);
	b.len = 0;
	b.s[0] = '\0';
	char *max = sql_text("SELECT max(id) FROM visit");
	long long nv = atoll(max);
	free(max);
	ck_assert_int_gt(nv, 2000);
	for (long long id = 1; id <= nv; id++) {
		int m = 3 + (int)sheet_rand(5), day = sheet_rand(2) ? 1 : (m == 4 || m == 6) ? 30 : 31;
		switch (sheet_rand(12)) {
		case 0: /* to a month's edge */
			sbuf_printf(&b, "UPDATE visit SET date = '2026-%02d-%02d' WHERE id = %lld;", m,
				    day, id);
			break;
		case 1: /* to another guest */
			sbuf_printf(&b, "UPDATE visit SET guest_id = %u WHERE id = %lld;",
				    1 + sheet_rand(400), id);
			break;
		case 2:
			sbuf_printf(&b,
				    "UPDATE visit SET voided_at = '2026-07-02', void_reason = 'x' "
				    "WHERE id = %lld;",
				    id);
			break;
		case 3: /* restored, if it was voided */
			sbuf_printf(&b,
				    "UPDATE visit SET voided_at = NULL, void_reason = NULL WHERE id = %lld;",
				    id);
			break;
		case 4:
			sbuf_printf(&b, "UPDATE visit SET covers = %u, spend_fen = %u WHERE id = %lld;",
				    1 + sheet_rand(12), sheet_rand(300000), id);
			break;
		case 5:
			sbuf_printf(&b, "DELETE FROM visit WHERE id = %lld;", id);
			break;
		default:
			break;
		}
	}
	testdb_exec(b.s);
	sbuf_free(&b);
	for (int w = 1; w <= 3; w++)
		recompute_both_ways(w);
	/* a guest id past read_window's array: the GROUP BY over guest_month */
	testdb_exec("INSERT INTO guest(id, name, created_at, updated_at) VALUES "
		    "(9000000, '远客', '2026-01-01', '2026-01-01');"
		    "INSERT INTO visit(guest_id, date, meal, covers, spend_fen, entered_by, "
		    "created_at) VALUES (9000000, '2026-06-30', 'lunch', 2, 50000, 50, '2026-01-01'), "
		    "(9000000, '2026-05-01', 'lunch', 3, 70000, 50, '2026-01-01');");
	for (int w = 1; w <= 3; w++)
		recompute_both_ways(w);
}
END_TEST

START_TEST(test_rules_state)
{
	struct tier_rules_state rs;
	ck_assert_int_eq(tier_store_rules_state(st, rules.hash, &rs), ST_OK);
	ck_assert(!rs.known);
	ck_assert_str_eq(rs.latest_month, "");
	int64_t g = guest("张先生");
	visit(g, "2026-05-03", 8, 460);
	snprintf(rules.version, sizeof rules.version, "spring");
	recompute(2026, 5);
	ck_assert_int_eq(tier_store_rules_state(st, rules.hash, &rs), ST_OK);
	ck_assert(rs.known);
	ck_assert_int_gt(rs.id, 0);
	ck_assert_str_eq(rs.latest_month, "2026-05");
	ck_assert_int_eq(rs.latest_id, rs.id);
	ck_assert_str_eq(rs.latest_label, "spring");
	ck_assert_uint_eq(strlen(rs.first_used), 19);
	/* other rules: not recorded yet; the latest month still names the ones it used */
	make_rules(3, CRIT_ALL);
	int64_t spring = rs.id;
	ck_assert_int_eq(tier_store_rules_state(st, rules.hash, &rs), ST_OK);
	ck_assert(!rs.known);
	ck_assert_int_eq(rs.latest_id, spring);
}
END_TEST

/* tier_store_recompute_month, the one check of the command line and the interface (a merge's
 * months): the same rules compute the month again; rules that decide otherwise write nothing
 * unless applied, and say what each decides. */
START_TEST(test_recompute_month_checks_rules)
{
	int64_t g = guest("张先生");
	visit(g, "2026-05-03", 8, 460);
	const struct date may = {2026, 5, 1};
	const char *used = "SELECT rules_version FROM tier_month_rules WHERE month = '2026-05'";
	struct tier_month_recompute x;
	ck_assert_int_eq(tier_store_recompute_month(st, &rules, may, false, NULL, &x), ST_OK);
	ck_assert(x.done && !x.differ && !x.found);
	tier_month_recompute_free(&x);
	ck_assert_int_eq(tier_store_recompute_month(st, &rules, may, false, NULL, &x), ST_OK);
	ck_assert(x.done && !x.differ && x.found);
	tier_month_recompute_free(&x);
	long long before = testdb_int(used);
	make_rules(3, CRIT_VISITS); /* they decide otherwise */
	ck_assert_int_eq(tier_store_recompute_month(st, &rules, may, false, NULL, &x), ST_OK);
	ck_assert(x.differ && !x.done && x.found);
	ck_assert_ptr_nonnull(x.old);
	ck_assert_ptr_nonnull(x.now);
	ck_assert_str_ne(x.old, x.now);
	tier_month_recompute_free(&x);
	ck_assert_int_eq(testdb_int(used), before); /* nothing written */
	ck_assert_int_eq(tier_store_recompute_month(st, &rules, may, true, NULL, &x), ST_OK);
	ck_assert(x.differ && x.done);
	tier_month_recompute_free(&x);
	ck_assert_int_ne(testdb_int(used), before);
}
END_TEST

/* ---- a recompute seen from another terminal, killed half way, outrun ---- */

/* Nine guests with 1 to 5 June visits of 4 covers and ¥600: the rules of every criterion
 * (CRIT_ALL) and those of visits alone (CRIT_VISITS) give five of them other tiers. The
 * recompute writes two rows a write: five writes of rows, the fifth showing the month, then
 * five that delete the rows shown before. */
#define JUNE_GUESTS 9
#define JUNE_SHOWN_AT 5
#define JUNE_WRITES 10

static void june_guests(void)
{
	ck_assert_int_eq(setenv("MAITRE_TEST_TIER_BATCH", "2", 1), 0);
	char name[16], date[11];
	for (int i = 0; i < JUNE_GUESTS; i++) {
		snprintf(name, sizeof name, "客%d", i);
		int64_t g = guest(name);
		for (int k = 0; k <= i % 5; k++) {
			snprintf(date, sizeof date, "2026-06-%02d", 2 + 3 * k);
			visit(g, date, 4, 600);
		}
	}
}

/* June's tiers as a reader on connection rd sees them: the tiered guests of tier_store_list
 * and the tiers of the monthly report (malloc'ed). */
static char *june_seen(struct store *rd)
{
	char buf[2048];
	size_t k = 0, n;
	struct tier_row *v;
	ck_assert_int_eq(tier_store_list(rd, &rules, (struct date){2026, 6, 1}, NULL, &v, &n), ST_OK);
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%lld:%s/%s ",
				      (long long)v[i].guest_id, v[i].tier, v[i].grp);
	free(v);
	struct report_tier *t;
	ck_assert_int_eq(report_store_tiers(rd, (struct date){2026, 6, 1}, &t, &n), ST_OK);
	k += (size_t)snprintf(buf + k, sizeof buf - k, "| report");
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k, " %s/%s=%ld", t[i].tier, t[i].grp,
				      t[i].guests);
	free(t);
	ck_assert_uint_lt(k, sizeof buf);
	return strdup(buf);
}

/* The database is whole and June is one generation: its rows all of one rules version, as
 * many as its generation says, and nothing damaged. */
static void june_whole(void)
{
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM pragma_integrity_check "
				    "WHERE integrity_check <> 'ok'"),
			 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM pragma_foreign_key_check"), 0);
	ck_assert_int_le(testdb_int("SELECT count(DISTINCT rules_version) FROM tier_month "
				    "WHERE month = '2026-06'"),
			 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM tier_month WHERE month = '2026-06'"),
			 testdb_int("SELECT ifnull(max(CASE WHEN gen IS NOT NULL THEN row_count END), 0) "
				    "FROM tier_month_gen WHERE month = '2026-06'"));
}

/* June's rows of every generation, shown or not. */
static long long june_stored(void)
{
	return testdb_int("SELECT count(*) FROM tier_month_row WHERE month = '2026-06'");
}

/* Recomputes June with the rules in force in a child process, as another terminal would,
 * killed (SIGKILL) right after its k-th write; true when it was killed, false when it ended
 * first. st is closed meanwhile: no connection crosses the fork. */
static bool recompute_killed(int k)
{
	store_close(st);
	st = NULL;
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char n[16];
		snprintf(n, sizeof n, "%d", k);
		struct store *c;
		struct error e;
		int64_t version;
		struct tier_recompute_stats stats;
		if (setenv("MAITRE_TEST_TIER_KILL", n, 1) != 0 ||
		    store_open(testdb_path, 0, &c, &e) != ST_OK ||
		    tier_store_rules_version(c, &rules, "rules text", &version) != ST_OK)
			_exit(2);
		_exit(tier_store_recompute(c, &rules, version, (struct date){2026, 6, 1}, NULL, &stats) ==
			      ST_OK
			  ? 0
			  : 3);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	struct error e;
	ck_assert_msg(store_open(testdb_path, 0, &st, &e) == ST_OK, "%s", e.msg);
	if (WIFSIGNALED(status)) {
		ck_assert_int_eq(WTERMSIG(status), SIGKILL);
		return true;
	}
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
	return false;
}

/* issue 13, defect 3: a recompute killed after any of its writes leaves June as it was shown
 * before (or none at all), whole, in the lists and the report; from the write that shows the
 * new month on, the new one, whole. The next recompute deletes what the killed one left. */
START_TEST(test_recompute_killed_shows_old_or_none)
{
	june_guests();
	char *none = june_seen(st);
	make_rules(1, CRIT_ALL);
	ck_assert(recompute_killed(1));
	char *seen = june_seen(st);
	ck_assert_str_eq(seen, none);
	free(seen);
	june_whole();
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM tier_month_gen WHERE month = '2026-06' "
				    "AND gen IS NULL"),
			 1);
	ck_assert_int_eq(june_stored(), 2); /* the killed one's first write, nobody's */
	/* the month by each set of rules, whole */
	make_rules(1, CRIT_VISITS);
	recompute(2026, 6);
	char *fresh = june_seen(st);
	make_rules(1, CRIT_ALL);
	recompute(2026, 6);
	char *old = june_seen(st);
	ck_assert_str_ne(old, fresh);
	ck_assert_str_ne(old, none);
	for (int k = 1; k <= JUNE_WRITES + 1; k++) {
		/* June as the rules of every criterion give it, shown alone */
		make_rules(1, CRIT_ALL);
		recompute(2026, 6);
		june_whole();
		ck_assert_int_eq(june_stored(), JUNE_GUESTS);
		make_rules(1, CRIT_VISITS);
		ck_assert_int_eq(recompute_killed(k), k <= JUNE_WRITES);
		seen = june_seen(st);
		ck_assert_msg(strcmp(seen, k < JUNE_SHOWN_AT ? old : fresh) == 0,
			      "killed after write %d: %s", k, seen);
		free(seen);
		june_whole();
	}
	free(none);
	free(fresh);
	free(old);
}
END_TEST

/* What the other terminal of test_recompute_read_between_writes saw after each write. */
static struct store *rd_long, *rd_fresh;
static char *seen_long[JUNE_WRITES + 2], *seen_fresh[JUNE_WRITES + 2];
static int seen_n;

static void read_between(int n)
{
	ck_assert_int_le(n, JUNE_WRITES);
	seen_long[n] = june_seen(rd_long);
	seen_fresh[n] = june_seen(rd_fresh);
	june_whole();
	seen_n = n;
}

/* Two other connections read June between every two writes of a recompute: one that began
 * its read before the recompute sees the old month throughout, one that reads afresh sees the
 * old month until the write that shows the new one, then the new one; never a mix. */
START_TEST(test_recompute_read_between_writes)
{
	june_guests();
	make_rules(1, CRIT_VISITS);
	recompute(2026, 6);
	char *fresh = june_seen(st);
	make_rules(1, CRIT_ALL);
	recompute(2026, 6);
	char *old = june_seen(st);
	ck_assert_str_ne(old, fresh);
	struct error e;
	ck_assert_int_eq(store_open(testdb_path, 0, &rd_long, &e), ST_OK);
	ck_assert_int_eq(store_open(testdb_path, 0, &rd_fresh, &e), ST_OK);
	ck_assert_int_eq(store_snapshot_begin(rd_long), ST_OK);
	char *before = june_seen(rd_long);
	ck_assert_str_eq(before, old);
	make_rules(1, CRIT_VISITS);
	tier_store_after_write = read_between;
	recompute(2026, 6);
	tier_store_after_write = NULL;
	ck_assert_int_eq(seen_n, JUNE_WRITES);
	for (int n = 1; n <= JUNE_WRITES; n++) {
		ck_assert_msg(strcmp(seen_long[n], old) == 0, "write %d: %s", n, seen_long[n]);
		ck_assert_msg(strcmp(seen_fresh[n], n < JUNE_SHOWN_AT ? old : fresh) == 0,
			      "write %d: %s", n, seen_fresh[n]);
		free(seen_long[n]);
		free(seen_fresh[n]);
	}
	store_snapshot_end(rd_long);
	char *after = june_seen(rd_long);
	ck_assert_str_eq(after, fresh);
	ck_assert_int_eq(june_stored(), JUNE_GUESTS);
	store_close(rd_long);
	store_close(rd_fresh);
	free(before);
	free(after);
	free(old);
	free(fresh);
}
END_TEST

/* A recompute that begins while another is writing wins: the first one's last write finds
 * its generation outrun and does not show it (ST_CONFLICT), and neither leaves rows behind. */
static void recompute_meanwhile(int n)
{
	if (n != 2)
		return;
	tier_store_after_write = NULL;
	int64_t version;
	struct tier_recompute_stats stats;
	make_rules(1, CRIT_VISITS);
	ck_assert_int_eq(tier_store_rules_version(rd_fresh, &rules, "rules text", &version), ST_OK);
	ck_assert_int_eq(tier_store_recompute(rd_fresh, &rules, version, (struct date){2026, 6, 1},
					      NULL, &stats),
			 ST_OK);
	make_rules(1, CRIT_ALL);
}

START_TEST(test_recompute_outrun)
{
	june_guests();
	make_rules(1, CRIT_VISITS);
	recompute(2026, 6);
	char *fresh = june_seen(st);
	make_rules(1, CRIT_ALL);
	recompute(2026, 6);
	struct error e;
	ck_assert_int_eq(store_open(testdb_path, 0, &rd_fresh, &e), ST_OK);
	tier_store_after_write = recompute_meanwhile;
	int64_t version;
	struct tier_recompute_stats stats;
	ck_assert_int_eq(tier_store_rules_version(st, &rules, "rules text", &version), ST_OK);
	ck_assert_int_eq(tier_store_recompute(st, &rules, version, (struct date){2026, 6, 1}, NULL, &stats),
			 ST_CONFLICT);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "another tier recompute of 2026-06"));
	char *seen = june_seen(st);
	ck_assert_str_eq(seen, fresh);
	june_whole();
	ck_assert_int_eq(june_stored(), JUNE_GUESTS);
	store_close(rd_fresh);
	free(seen);
	free(fresh);
}
END_TEST

/* ---- a recompute writes only the rows that changed ---- */

/* Runs sql on the database at path; the test fails when it does. */
static void exec_at(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK, "%s", err);
	sqlite3_close(db);
}

/* May's and June's rows as every reader sees them (tier_month, every column, computed_at
 * included), one line a row, then each month's generation and row count. */
static char *months_at(const char *path)
{
	return text_at(path, "SELECT ifnull(group_concat(l, char(10)), '') FROM (SELECT printf("
			     "'%s %d %s %s %s %s %s %s %d %d %d %d %d %d %d %d %d %s %d', month, "
			     "guest_id, quote(tier), quote(grp), quote(computed_tier), "
			     "quote(computed_grp), quote(rule_no), source, months, visits, covers, "
			     "spend_fen, m_visits, m_covers, m_spend_fen, grace, rules_version, "
			     "computed_at, provisional) AS l FROM tier_month WHERE month IN "
			     "('2026-05', '2026-06') UNION ALL SELECT printf('%s: %d rows', month, "
			     "row_count) FROM tier_month_gen WHERE month IN ('2026-05', '2026-06') "
			     "ORDER BY 1)");
}

/* No row of the months but those shown: none superseded, none of another generation. */
static void months_clean(const char *path)
{
	char *n = text_at(path, "SELECT (SELECT count(*) FROM tier_month_row WHERE month IN "
				"('2026-05', '2026-06')) || ' ' || (SELECT sum(row_count) FROM "
				"tier_month_gen WHERE month IN ('2026-05', '2026-06')) || ' ' || "
				"(SELECT count(*) FROM tier_month_row WHERE superseded IS NOT NULL)");
	int rows, counted, superseded;
	ck_assert_int_eq(sscanf(n, "%d %d %d", &rows, &counted, &superseded), 3);
	ck_assert_msg(rows == counted && superseded == 0, "%s: %s", path, n);
	free(n);
}

/* June's rows written by the recompute that showed it (malloc'ed text of a number). */
static int june_written(const char *path)
{
	char *n = text_at(path, "SELECT count(*) FROM tier_month_row r JOIN tier_month_gen g "
				"ON g.month = r.month AND r.gen = g.gen WHERE r.month = '2026-06'");
	int v = atoi(n);
	free(n);
	return v;
}

/* Random changes to the visits of the first nv (SQL appended to b): moved, to another guest,
 * voided, restored, corrected (covers and spend, or the covers alone), split in two, deleted,
 * a cover or a fen moved from May to June, a guest's March voided or restored, added, and new
 * guests with their visits: each figure of a row changed alone now and then. */
static void visits_changed(struct sbuf *b, long long nv, int *guests)
{
	for (long long id = 1; id <= nv; id++) {
		int m = 3 + (int)sheet_rand(4), day = 1 + (int)sheet_rand(28);
		switch (sheet_rand(150)) {
		case 0:
			sbuf_printf(b, "UPDATE visit SET date = '2026-%02d-%02d' WHERE id = %lld;", m,
				    day, id);
			break;
		case 1:
			sbuf_printf(b, "UPDATE visit SET guest_id = %u WHERE id = %lld;",
				    1 + sheet_rand((unsigned)*guests), id);
			break;
		case 2:
			sbuf_printf(b, "UPDATE visit SET voided_at = '2026-07-02', void_reason = 'x' "
				       "WHERE id = %lld;", id);
			break;
		case 3:
			sbuf_printf(b, "UPDATE visit SET voided_at = NULL, void_reason = NULL "
				       "WHERE id = %lld;", id);
			break;
		case 4:
			sbuf_printf(b, "UPDATE visit SET covers = %u, spend_fen = %u WHERE id = %lld;",
				    1 + sheet_rand(12), sheet_rand(300000), id);
			break;
		case 5:
			sbuf_printf(b, "DELETE FROM visit WHERE id = %lld;", id);
			break;
		case 6: /* the covers corrected, the spend right */
			sbuf_printf(b, "UPDATE visit SET covers = covers %% 12 + 1 WHERE id = %lld;", id);
			break;
		case 7: /* split in two: more visits, the same covers and spend */
			sbuf_printf(b, "INSERT INTO visit(guest_id, date, meal, covers, spend_fen, "
				       "entered_by, created_at) SELECT guest_id, date, meal, 1, "
				       "spend_fen / 2, entered_by, created_at FROM visit WHERE id = %lld "
				       "AND covers > 1 AND voided_at IS NULL;"
				       "UPDATE visit SET covers = covers - 1, spend_fen = spend_fen - "
				       "spend_fen / 2 WHERE id = %lld AND covers > 1 AND voided_at IS NULL;",
				    id, id);
			break;
		default:
			break;
		}
	}
	/* a cover, or a fen, moved from a guest's May visit to a June one: the window's figures
	 * and the month's visits as they were, the month's covers or spend not (each alone, or a
	 * recompute comparing one of them only would still see the other) */
	for (int k = 0; k < 6; k++) {
		unsigned g = 1 + sheet_rand((unsigned)*guests);
		const char *col = k % 2 ? "covers" : "spend_fen";
		char j[200], m[240];
		snprintf(j, sizeof j, "SELECT max(id) FROM visit WHERE guest_id = %u AND "
				      "voided_at IS NULL AND date >= '2026-06-01'", g);
		snprintf(m, sizeof m, "SELECT max(id) FROM visit WHERE guest_id = %u AND "
				      "voided_at IS NULL AND date BETWEEN '2026-05-01' AND "
				      "'2026-05-31' AND %s > %d", g, col, k % 2);
		sbuf_printf(b, "UPDATE visit SET %s = %s + 1 WHERE id = (%s) AND (%s) IS NOT NULL;",
			    col, col, j, m);
		sbuf_printf(b, "UPDATE visit SET %s = %s - 1 WHERE id = (%s) AND (%s) IS NOT NULL;",
			    col, col, m, j);
	}
	/* a guest's March visits voided, or restored: June's window (April to June) as it was,
	 * its months not when the guest came first in May or June */
	for (int k = 0; k < 3; k++)
		sbuf_printf(b, "UPDATE visit SET voided_at = CASE WHEN voided_at IS NULL THEN "
			       "'2026-07-02' END, void_reason = CASE WHEN voided_at IS NULL THEN 'x' "
			       "END WHERE guest_id = %u AND date < '2026-04-01';",
			    1 + sheet_rand((unsigned)*guests));
	for (int k = 0; k < 20; k++) {
		bool fresh = k < 3;
		if (fresh) {
			++*guests;
			sbuf_printf(b, "INSERT INTO guest(id, name, created_at, updated_at) VALUES "
				       "(%d, '客人%d', '2026-01-01', '2026-01-01');", *guests, *guests);
		}
		sbuf_printf(b, "INSERT INTO visit(guest_id, date, meal, covers, spend_fen, entered_by, "
			       "created_at) VALUES (%u, '2026-%02u-%02u', 'dinner', %u, %u, 50, "
			       "'2026-01-01');",
			    fresh ? (unsigned)*guests : 1 + sheet_rand((unsigned)*guests),
			    fresh ? 6 : 4 + sheet_rand(3), 1 + sheet_rand(28), 1 + sheet_rand(12),
			    sheet_rand(300000));
	}
}

/* An override of guest id from month fm to until (NULL: open), or a clear (tier NULL), made
 * on both databases. */
static void override_both(struct store *other, int64_t id, const char *tier, const char *grp,
			  const char *until, int fm)
{
	struct store *a = st;
	for (int i = 0; i < 2; i++, st = other) {
		enum store_status rs =
			tier_store_override(st, id, tier, grp, "random", until, (struct date){2026, fm, 1});
		ck_assert_msg(rs == ST_OK || (!tier && rs == ST_NOTFOUND), "%s", store_errmsg(st));
	}
	st = a;
}

/* issue 17: a recompute writes only the rows that changed. One book grown twice from the same
 * generated start: in one, May and June recomputed the fast way, writing what changed; in the
 * other, the simple way (tier_store_rewrite_all: every row anew). Between the rounds the same
 * changes to both: visits moved, voided, corrected, deleted, added, new guests, overrides given
 * and cleared, other rules, June coming to an end (its rows no longer provisional), three
 * guests in four changed, written 37 rows a write (MAITRE_TEST_TIER_BATCH). After each
 * round the two show the same rows, every column, and leave nothing behind; a round that
 * changed nothing writes no row the fast way, one that changed a few visits a few rows. */
START_TEST(test_recompute_changed_rows_random)
{
	sheet_rnd = 0xD1B54A32D192ED03ULL;
	/* writes of 37 rows: batches where most rows change and batches where few do */
	ck_assert_int_eq(setenv("MAITRE_TEST_TIER_BATCH", "37", 1), 0);
	long long t0;
	ck_assert(date_stamp_parse("2026-06-30 12:00:00", &t0));
	date_clock_set(t0);
	struct sbuf b = {0};
	sbuf_add(&b, "INSERT INTO staff(id, login, created_at) VALUES (50, 'wang', '2026-01-01');");
	int guests = 300;
	for (int i = 1; i <= guests; i++) {
		sbuf_printf(&b, "INSERT INTO guest(id, name, created_at, updated_at) VALUES "
				"(%d, '客人%d', '2026-01-01', '2026-01-01');", i, i);
		for (int k = sheet_rand(16); k > 0; k--)
			sbuf_printf(&b, "INSERT INTO visit(guest_id, date, meal, covers, spend_fen, "
					"entered_by, created_at) VALUES (%d, '2026-%02u-%02u', 'dinner', "
					"%u, %u, 50, '2026-01-01');",
				    i, 3 + sheet_rand(4), 1 + sheet_rand(28), 1 + sheet_rand(12),
				    sheet_rand(300000));
	}
	testdb_exec(b.s);
	char other[320], sql[400];
	snprintf(other, sizeof other, "%s/simple.db", testdb_dir);
	snprintf(sql, sizeof sql, "VACUUM INTO '%s'", other);
	testdb_exec(sql);
	struct store *simple;
	struct error e;
	ck_assert_msg(store_open(other, 0, &simple, &e) == ST_OK, "%s", e.msg);
	static const struct {
		int window;
		unsigned requires;
	} rules_of[] = {{3, CRIT_ALL}, {3, CRIT_ALL}, {3, CRIT_ALL}, {3, CRIT_VISITS}, {2, CRIT_ALL},
			{3, CRIT_ALL}, {3, CRIT_ALL}, {1, CRIT_SPEND}, {3, CRIT_ALL}, {3, CRIT_ALL}};
	for (int round = 0; round < 10; round++) {
		/* June ends before round 6: its rows are no longer provisional */
		date_clock_set(t0 + round * 600 + (round >= 6 ? 15 * 86400 : 0));
		make_rules(rules_of[round].window, rules_of[round].requires);
		if (round >= 2) {
			char *nv = sql_text("SELECT max(id) FROM visit");
			b.len = 0;
			b.s[0] = '\0';
			visits_changed(&b, atoll(nv), &guests);
			free(nv);
			if (round == 9) /* three guests in four: most rows change, not all */
				sbuf_add(&b, "UPDATE visit SET spend_fen = spend_fen + 1 "
					     "WHERE guest_id % 4 <> 0;");
			testdb_exec(b.s);
			exec_at(other, b.s);
			for (int k = 0; k < 3; k++) {
				int64_t id = 1 + sheet_rand((unsigned)guests);
				unsigned what = sheet_rand(4);
				override_both(simple, id, what == 3 ? NULL : what ? "B" : "A",
					      what == 1 ? "quality" : NULL, what == 2 ? "2026-05" : NULL,
					      5 + (int)sheet_rand(2));
			}
		}
		struct store *fast = st;
		recompute(2026, 5);
		recompute(2026, 6);
		st = simple;
		tier_store_rewrite_all = true;
		recompute(2026, 5);
		recompute(2026, 6);
		tier_store_rewrite_all = false;
		st = fast;
		char *f = months_at(testdb_path), *s = months_at(other);
		if (strcmp(f, s)) {
			size_t i = 0, l = 0;
			while (f[i] == s[i])
				if (f[i++] == '\n')
					l = i;
			ck_abort_msg("round %d: %.120s against %.120s", round, f + l, s + l);
		}
		ck_assert_uint_gt(strlen(f), 5000);
		free(f);
		free(s);
		months_clean(testdb_path);
		months_clean(other);
		int fw = june_written(testdb_path), sw = june_written(other);
		ck_assert_int_eq(sw, testdb_int("SELECT row_count FROM tier_month_gen "
						"WHERE month = '2026-06'"));
		if (round == 1) /* nothing changed since round 0 */
			ck_assert_int_eq(fw, 0);
		else if (round == 2) /* a few visits and overrides: a few rows */
			ck_assert_int_lt(fw, sw / 3);
	}
	store_close(simple);
	sbuf_free(&b);
	date_clock_set(0);
}
END_TEST

static const char *light_of(int64_t guest)
{
	static char buf[64];
	struct alert_row *v;
	size_t n;
	ck_assert_int_eq(alert_store_list(st, (struct date){2026, 7, 1}, false, &v, &n), ST_OK);
	snprintf(buf, sizeof buf, "none");
	for (size_t i = 0; i < n; i++)
		if (v[i].guest_id == guest)
			snprintf(buf, sizeof buf, "%s", v[i].light);
	free(v);
	return buf;
}

/* A complete month: no visit is red even for a tier whose rule asks fewer than one visit a
 * month (or none, money alone); pro-rating is for a running month only. */
START_TEST(test_alert_no_visit_any_rule)
{
	int64_t a = guest("客甲");
	visit(a, "2026-06-05", 10, 550);
	visit(a, "2026-06-20", 10, 550);
	recompute(2026, 6);
	double was[16];
	for (size_t i = 0; i < rules.nrules && i < 16; i++) {
		was[i] = rules.rules[i].min_visits;
		rules.rules[i].min_visits = 0.5;
	}
	long created, raised;
	enum store_status s = alert_store_detect(st, &rules, (struct date){2026, 7, 1},
						 "2026-08-01 09:00:00", &created, &raised);
	for (size_t i = 0; i < rules.nrules && i < 16; i++)
		rules.rules[i].min_visits = was[i];
	ck_assert_int_eq(s, ST_OK);
	ck_assert_str_eq(light_of(a), "red");
}
END_TEST

START_TEST(test_alert_triggers)
{
	/* five C-active guests in June (2 visits, ¥1100, 20 covers) */
	int64_t g[6];
	for (int i = 1; i <= 5; i++) {
		char name[16];
		snprintf(name, sizeof name, "客%d", i);
		g[i] = guest(name);
		visit(g[i], "2026-06-05", 10, 550);
		visit(g[i], "2026-06-20", 10, 550);
	}
	int64_t never = guest("路人"); /* held no tier: never alerted */
	visit(never, "2026-06-05", 1, 10);
	recompute(2026, 6);
	/* July: 1 stays away; 2 comes and meets C active; 3 comes once, short; 4 meets it but has
	 * an unacknowledged complaint 3 hours old; 5 meets it with a high complaint 10 days ago */
	for (int i = 2; i <= 5; i++)
		visit(g[i], "2026-07-03", 10, 600);
	for (int i = 2; i <= 5; i++)
		if (i != 3)
			visit(g[i], "2026-07-09", 10, 600);
	testdb_exec("INSERT INTO staff(login, created_at) VALUES ('x', '2026-01-01 00:00:00');");
	char q[600];
	snprintf(q, sizeof q,
		 "INSERT INTO complaint(guest_id, at, opened_at, channel, category, severity, description, "
		 "status, created_by) VALUES (%lld, '2026-07-15 09:00:00', '2026-07-15 09:00:00', 'phone', "
		 "'food', 'low', 'cold', 'open', 1), (%lld, '2026-07-05 12:00:00', '2026-07-05 12:00:00', "
		 "'in_person', 'service', 'high', 'rude', 'closed', 1)",
		 (long long)g[4], (long long)g[5]);
	testdb_exec(q);
	long created, raised;
	ck_assert_int_eq(alert_store_detect(st, &rules, (struct date){2026, 7, 1}, "2026-08-01 09:00:00",
					    &created, &raised),
			 ST_OK);
	ck_assert_str_eq(light_of(g[1]), "red");
	ck_assert_str_eq(light_of(g[2]), "none");
	ck_assert_str_eq(light_of(g[3]), "yellow");
	ck_assert_str_eq(light_of(g[4]), "red");
	ck_assert_str_eq(light_of(g[5]), "red");
	ck_assert_str_eq(light_of(never), "none");
	ck_assert_int_eq(created, 4);
	long red, yellow;
	ck_assert_int_eq(alert_store_open_counts(st, &red, &yellow), ST_OK);
	ck_assert_int_eq(red, 3);
	ck_assert_int_eq(yellow, 1);
	/* a month not over is not raised, and nothing is written */
	ck_assert_int_eq(alert_store_detect(st, &rules, (struct date){2026, 7, 1}, "2026-07-31 23:00:00",
					    &created, &raised),
			 ST_INVALID);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM alert"), 4);
	/* again: nothing new; a yellow that turns red keeps what it was raised with and the red
	 * is an event of its history */
	ck_assert_int_eq(alert_store_detect(st, &rules, (struct date){2026, 7, 1}, "2026-08-01 09:00:00",
					    &created, &raised),
			 ST_OK);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(raised, 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM alert_event"), 0);
	snprintf(q, sizeof q,
		 "INSERT INTO complaint(guest_id, at, opened_at, channel, category, severity, description, "
		 "status, created_by) VALUES (%lld, '2026-07-14 09:00:00', '2026-07-14 09:00:00', 'phone', "
		 "'food', 'critical', 'peanut in the sauce', 'resolved', 1)",
		 (long long)g[3]);
	testdb_exec(q);
	ck_assert_int_eq(alert_store_detect(st, &rules, (struct date){2026, 7, 1}, "2026-08-01 09:00:00",
					    &created, &raised),
			 ST_OK);
	ck_assert_int_eq(raised, 1);
	ck_assert_str_eq(light_of(g[3]), "yellow");
	ck_assert_int_eq(alert_store_open_counts(st, &red, &yellow), ST_OK);
	ck_assert_int_eq(red, 3);
	ck_assert_int_eq(yellow, 1);
	{
		struct alert_row *v3;
		size_t n3;
		ck_assert_int_eq(alert_store_list(st, (struct date){2026, 7, 1}, false, &v3, &n3), ST_OK);
		for (size_t i = 0; i < n3; i++) {
			if (v3[i].guest_id != g[3])
				continue;
			ck_assert_str_eq(v3[i].reason_code, "short");
			ck_assert_str_eq(v3[i].reason_args, "1|60000|10|2026-07|C|active");
			ck_assert_int_eq(v3[i].events, 1);
			struct alert_event *ev;
			size_t ne;
			ck_assert_int_eq(alert_store_events(st, v3[i].id, &ev, &ne), ST_OK);
			ck_assert_uint_eq(ne, 1);
			ck_assert_str_eq(ev[0].month, "2026-07");
			ck_assert_str_eq(ev[0].light, "red");
			ck_assert_str_eq(ev[0].reason_code, "severe");
			free(ev);
			/* audited old → new, as every change */
			char aq[200];
			snprintf(aq, sizeof aq,
				 "SELECT count(*) FROM audit WHERE entity = 'alert' AND entity_id = %lld "
				 "AND action = 'event' AND old = 'yellow' AND new = 'red'",
				 (long long)v3[i].id);
			ck_assert_int_eq(testdb_int(aq), 1);
		}
		free(v3);
	}
	/* and again: the event is not repeated */
	ck_assert_int_eq(alert_store_detect(st, &rules, (struct date){2026, 7, 1}, "2026-08-02 09:00:00",
					    &created, &raised),
			 ST_OK);
	ck_assert_int_eq(created + raised, 0);
	/* yellow_factor 0.5 flags only those below half: 3's one visit of ¥600 is above half of
	 * C active (1 visit, ¥500, ¥20 a head) */
	struct alert_row *v;
	size_t n;
	ck_assert_int_eq(alert_store_list(st, (struct date){2026, 7, 1}, false, &v, &n), ST_OK);
	for (size_t i = 0; i < n; i++) {
		/* July's figures beside each: 1 came not at all, 3 once for ¥600, 4 and 5 twice */
		int want = v[i].guest_id == g[1] ? 0 : v[i].guest_id == g[3] ? 1 : 2;
		char name[16];
		for (int k = 1; k <= 5; k++)
			if (v[i].guest_id == g[k])
				snprintf(name, sizeof name, "客%d", k);
		ck_assert_str_eq(v[i].name, name); /* the row read is the guest's */
		ck_assert_str_eq(v[i].tier, "C");
		ck_assert_int_eq(v[i].m_visits, want);
		ck_assert_int_eq(v[i].m_spend, want * 60000);
		ck_assert_int_eq(alert_store_close(st, v[i].id, "handled"), ST_OK);
	}
	free(v);
	ck_assert_int_eq(alert_store_open_counts(st, &red, &yellow), ST_OK);
	ck_assert_int_eq(red + yellow, 0);
	/* closed by a manager this month: not raised again, nor noted in their history, though
	 * the finding changes (5 has a new critical complaint) */
	snprintf(q, sizeof q,
		 "INSERT INTO complaint(guest_id, at, opened_at, channel, category, severity, description, "
		 "status, created_by) VALUES (%lld, '2026-07-20 12:00:00', '2026-07-20 12:00:00', 'phone', "
		 "'food', 'critical', 'peanut in the sauce', 'resolved', 1)",
		 (long long)g[5]);
	testdb_exec(q);
	ck_assert_int_eq(alert_store_detect(st, &rules, (struct date){2026, 7, 1}, "2026-08-03 09:00:00",
					    &created, &raised),
			 ST_OK);
	ck_assert_int_eq(created + raised, 0);
	ck_assert_int_eq(alert_store_open_counts(st, &red, &yellow), ST_OK);
	ck_assert_int_eq(red + yellow, 0);
	testdb_exec("DELETE FROM complaint; DELETE FROM alert_action; DELETE FROM alert;");
	rules.alerts.yellow_factor = 0.5;
	ck_assert_int_eq(alert_store_detect(st, &rules, (struct date){2026, 7, 1}, "2026-08-01 09:00:00",
					    &created, &raised),
			 ST_OK);
	ck_assert_str_eq(light_of(g[3]), "none");
	ck_assert_str_eq(light_of(g[1]), "red");
}
END_TEST

/* The alerts of all (or only open) of light (NULL: both) as alert_store_list orders them. */
static size_t alerts_of(bool all, const char *light, struct alert_row **out)
{
	struct alert_row *v;
	size_t n, k = 0;
	ck_assert_int_eq(alert_store_list(st, (struct date){2026, 7, 1}, all, &v, &n), ST_OK);
	for (size_t i = 0; i < n; i++)
		if (!light || strcmp(v[i].light, light) == 0)
			v[k++] = v[i];
	*out = v;
	return k;
}

static void same_alert(const struct alert_row *a, const struct alert_row *b)
{
	ck_assert_int_eq(a->id, b->id);
	ck_assert_str_eq(a->light, b->light);
	ck_assert_str_eq(a->closed_at, b->closed_at);
	ck_assert_str_eq(a->name, b->name);
	ck_assert_str_eq(a->phones, b->phones);
	ck_assert_int_eq(a->m_visits, b->m_visits);
	ck_assert_int_eq(a->m_spend, b->m_spend);
	ck_assert_int_eq(a->actions, b->actions);
	ck_assert_int_eq(a->actions_done, b->actions_done);
}

/* Every window size, forward from the start and backward from the end, gives the alerts of
 * the whole list, in its order. */
static void check_alert_windows(bool all, const char *light)
{
	struct alert_row *whole, *w;
	size_t n = alerts_of(all, light, &whole), k;
	struct date july = {2026, 7, 1};
	for (size_t limit = 1; limit <= n + 1; limit++) {
		size_t got = 0;
		struct alert_key from = ALERT_KEY_START;
		do { /* forward */
			ck_assert_int_eq(alert_store_window(st, july, all, light, from, false, limit,
							    &w, &k),
					 ST_OK);
			ck_assert_uint_le(got + k, n);
			for (size_t i = 0; i < k; i++)
				same_alert(&w[i], &whole[got + i]);
			got += k;
			if (k)
				from = alert_key_of(&w[k - 1]);
			free(w);
		} while (k == limit);
		ck_assert_uint_eq(got, n);
		size_t left = n;
		from = ALERT_KEY_END;
		do { /* backward */
			ck_assert_int_eq(alert_store_window(st, july, all, light, from, true, limit,
							    &w, &k),
					 ST_OK);
			ck_assert_uint_le(k, left);
			for (size_t i = 0; i < k; i++)
				same_alert(&w[i], &whole[left - k + i]);
			left -= k;
			if (k)
				from = alert_key_of(&w[0]);
			free(w);
		} while (k == limit);
		ck_assert_uint_eq(left, 0);
	}
	free(whole);
}

START_TEST(test_alert_window)
{
	/* lights and closing interleaved by id, so that the list's order is not the ids' */
	static const char *const lights[] = {"yellow", "red", "yellow", "yellow", "red",
					     "red",    "yellow", "red", "yellow"};
	static const bool closed[] = {false, true, false, true, false, false, true, true, false};
	char q[400];
	for (int i = 0; i < 9; i++) {
		char name[16];
		snprintf(name, sizeof name, "客%d", i);
		int64_t g = guest(name);
		if (i % 3 == 0)
			visit(g, "2026-07-03", 10, 600);
		snprintf(q, sizeof q,
			 "INSERT INTO alert(guest_id, month, light, reason, tier, created_at, closed_at, "
			 "outcome) VALUES (%lld, '2026-07', '%s', 'no visit in 2026-07', 'C', "
			 "'2026-07-15 12:00:00', %s, %s)",
			 (long long)g, lights[i], closed[i] ? "'2026-07-16 09:00:00'" : "NULL",
			 closed[i] ? "'handled'" : "NULL");
		testdb_exec(q);
	}
	testdb_exec("INSERT INTO alert_action(alert_id, no, text, done_at) VALUES (1, 1, 'call', "
		    "'2026-07-15 13:00:00'), (1, 2, 'write', NULL), (5, 1, 'visit', NULL)");
	struct alert_row *v;
	ck_assert_uint_eq(alerts_of(false, NULL, &v), 5);
	/* open red 5, 6; open yellow 1, 3, 9 */
	static const int64_t open_order[] = {5, 6, 1, 3, 9};
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(v[i].id, open_order[i]);
	ck_assert_int_eq(v[2].actions, 2);
	ck_assert_int_eq(v[2].actions_done, 1);
	free(v);
	/* closed after the open ones: red 2, 8, then yellow 4, 7 */
	ck_assert_uint_eq(alerts_of(true, NULL, &v), 9);
	ck_assert_int_eq(v[5].id, 2);
	ck_assert_int_eq(v[6].id, 8);
	ck_assert_int_eq(v[7].id, 4);
	ck_assert_int_eq(v[8].id, 7);
	free(v);
	for (int all = 0; all < 2; all++) {
		check_alert_windows(all, NULL);
		check_alert_windows(all, "red");
		check_alert_windows(all, "yellow");
	}
	/* a window from an alert's place: the ones after it, across the lights */
	struct alert_row *w;
	size_t n;
	ck_assert_int_eq(alert_store_window(st, (struct date){2026, 7, 1}, true, NULL,
					    (struct alert_key){0, 6}, false, 3, &w, &n),
			 ST_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(w[0].id, 1);
	ck_assert_int_eq(w[2].id, 9);
	free(w);
	/* none at all: an empty window, from either end */
	testdb_exec("DELETE FROM alert_action; DELETE FROM alert;");
	check_alert_windows(true, NULL);
	check_alert_windows(false, "red");
}
END_TEST

START_TEST(test_alert_window_plans)
{
	struct strv plans = {0};
	ck_assert_int_eq(alert_store_explain(st, &plans), ST_OK);
	ck_assert_uint_eq(plans.n, 4);
	for (size_t i = 0; i < plans.n; i++) {
		const char *p = strstr(plans.v[i], "=>");
		ck_assert_ptr_nonnull(p);
		/* no sort of the whole list, and every join by key */
		ck_assert_msg(!strstr(p, "TEMP B-TREE") && !strstr(p, "SCAN g") &&
				      !strstr(p, "SCAN m") && !strstr(p, "SCAN phone") &&
				      !strstr(p, "SCAN alert_action"),
			      "%s", plans.v[i]);
	}
	/* the open alerts, a window at a time, through the partial index by light and id */
	ck_assert_msg(strstr(plans.v[0], "alert_light (light=? AND rowid>?)"), "%s", plans.v[0]);
	ck_assert_msg(strstr(plans.v[1], "alert_light (light=? AND rowid<?)"), "%s", plans.v[1]);
	/* and the closed ones of the "all" view */
	ck_assert_msg(strstr(plans.v[2], "alert_closed (light=? AND rowid>?)"), "%s", plans.v[2]);
	ck_assert_msg(strstr(plans.v[3], "alert_closed (light=? AND rowid<?)"), "%s", plans.v[3]);
	strv_free(&plans);
}
END_TEST

START_TEST(test_alert_months)
{
	/* a guest's months across the year end: visits, covers and spend per month (voided
	 * visits, other guests and months outside the span left out) with the tier stored */
	int64_t g = guest("孙先生"), other = guest("张先生");
	visit(g, "2025-11-30", 4, 999); /* before the span */
	visit(g, "2025-12-31", 10, 550);
	visit(g, "2026-01-05", 10, 550);
	visit(g, "2026-01-20", 12, 600);
	visit(g, "2026-03-01", 2, 100); /* after it */
	visit(other, "2026-01-06", 3, 300);
	visit(g, "2026-02-14", 2, 50);
	testdb_exec("UPDATE visit SET voided_at = '2026-02-14 21:00:00', void_reason = 'wrong guest' "
		    "WHERE date = '2026-02-14'");
	recompute(2026, 1);
	struct alert_month m[3];
	ck_assert_int_eq(alert_store_months(st, g, (struct date){2026, 2, 1}, 3, m), ST_OK);
	ck_assert_str_eq(m[0].month, "2025-12");
	ck_assert_str_eq(m[1].month, "2026-01");
	ck_assert_str_eq(m[2].month, "2026-02");
	ck_assert_int_eq(m[0].visits, 1);
	ck_assert_int_eq(m[0].spend, 55000);
	ck_assert_str_eq(m[0].tier, "");
	ck_assert_int_eq(m[1].visits, 2);
	ck_assert_int_eq(m[1].covers, 22);
	ck_assert_int_eq(m[1].spend, 115000);
	ck_assert_str_eq(m[1].tier, "C");
	ck_assert_int_eq(m[2].visits, 0);
	ck_assert_int_eq(m[2].spend, 0);
	ck_assert_str_eq(m[2].tier, "");
}
END_TEST

/* The dashboard's one-pass month against the reports and movers it stands beside. */
/* Two reports of a month are the same, figure for figure. */
static void same_month(const struct report_month *a, const struct report_month *b, const char *at)
{
	ck_assert_msg(a->ntiers == b->ntiers, "%s: %zu tiers, %zu fresh", at, a->ntiers, b->ntiers);
	for (size_t i = 0; i < a->ntiers; i++) {
		const struct report_tier *x = &a->tiers[i], *y = &b->tiers[i];
		ck_assert_msg(!strcmp(x->tier, y->tier) && !strcmp(x->grp, y->grp) &&
				      x->guests == y->guests && x->guests_before == y->guests_before &&
				      x->came == y->came && x->visits == y->visits &&
				      x->covers == y->covers && x->spend == y->spend,
			      "%s: tier %s %s differs from the fresh scan", at, y->tier, y->grp);
	}
	ck_assert_msg(a->promoted == b->promoted && a->demoted == b->demoted, "%s: movers", at);
	ck_assert_msg(!memcmp(&a->pareto, &b->pareto, sizeof a->pareto), "%s: pareto", at);
}

/* The dashboard's stored months against the scan they replace, on a generated book: after
 * every random write (a visit entered, voided or moved to another month, a month recomputed,
 * an override given), each month read twice (the second time from report_month_cache, when
 * the first stored it) equals report_store_month_fresh. */
START_TEST(test_dashboard_cache_random)
{
	make_rules(2, CRIT_ALL);
	rules.grace_months = 1;
	unsigned seed = 20260715;
	srand(seed);
	int64_t g[30], v[400];
	size_t nv = 0;
	for (int i = 0; i < 30; i++) {
		char name[16];
		snprintf(name, sizeof name, "客%d", i);
		g[i] = guest(name);
	}
	static const char *const letters[] = {"A", "B", "C"};
	for (int step = 0; step < 120; step++) {
		char at[64], day[16];
		int what = rand() % 10;
		int m = 5 + rand() % 3;
		snprintf(day, sizeof day, "2026-%02d-%02d", m, 1 + rand() % 28);
		if (what < 5 || nv == 0) {
			int64_t id = visit(g[rand() % 30], day, 1 + rand() % 6, 100 + rand() % 3000);
			if (nv < 400)
				v[nv++] = id;
		} else if (what == 5) {
			/* entered twice; one voided before is refused, and nothing changes */
			visit_store_void(st, v[rand() % nv], VOID_TWICE, "");
		} else if (what == 6) {
			char sql[96];
			snprintf(sql, sizeof sql, "UPDATE visit SET date = '%s' WHERE id = %lld", day,
				 (long long)v[rand() % nv]);
			testdb_exec(sql);
		} else if (what < 9) {
			recompute(2026, m);
		} else {
			const char *t = letters[rand() % 3];
			ck_assert_int_eq(tier_store_override(st, g[rand() % 30], t, rand() % 2 ? "active" : NULL,
							     "random", NULL, (struct date){2026, m, 1}),
					 ST_OK);
		}
		for (int k = 5; k <= 8; k++) {
			struct date mk = {2026, k, 1};
			struct report_month a, b, fresh;
			snprintf(at, sizeof at, "seed %u step %d month %d", seed, step, k);
			ck_assert_int_eq(report_store_month(st, &rules, mk, &a), ST_OK);
			ck_assert_int_eq(report_store_month(st, &rules, mk, &b), ST_OK);
			ck_assert_int_eq(report_store_month_fresh(st, &rules, mk, &fresh), ST_OK);
			same_month(&a, &fresh, at);
			same_month(&b, &fresh, at);
			/* without the rules too, as maitre report reads it */
			report_month_free(&a);
			report_month_free(&fresh);
			ck_assert_int_eq(report_store_month(st, NULL, mk, &a), ST_OK);
			ck_assert_int_eq(report_store_month_fresh(st, NULL, mk, &fresh), ST_OK);
			same_month(&a, &fresh, at);
			report_month_free(&a);
			report_month_free(&b);
			report_month_free(&fresh);
		}
	}
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM report_month_cache"), 4);
	/* the stored figures are what is read while nothing changed (altered here behind maitre's
	 * back to see it), and a visit write of the month keeps them: not scanned again */
	struct date jun = {2026, 6, 1};
	struct report_month a, fresh;
	ck_assert_int_eq(report_store_month_fresh(st, &rules, jun, &fresh), ST_OK);
	testdb_exec("UPDATE report_month_cache SET revenue = revenue + 1 WHERE month = '2026-06'");
	ck_assert_int_eq(report_store_month(st, &rules, jun, &a), ST_OK);
	ck_assert_int_eq(a.pareto.revenue, fresh.pareto.revenue + 1);
	report_month_free(&a);
	visit(g[0], "2026-06-15", 2, 500);
	report_month_free(&fresh);
	ck_assert_int_eq(report_store_month_fresh(st, &rules, jun, &fresh), ST_OK);
	ck_assert_int_eq(report_store_month(st, &rules, jun, &a), ST_OK);
	ck_assert_int_eq(a.pareto.revenue, fresh.pareto.revenue + 1);
	a.pareto.revenue--;
	same_month(&a, &fresh, "after a visit");
	report_month_free(&a);
	/* and so does an override of the month or a month before */
	testdb_exec("UPDATE report_month_cache SET revenue = revenue + 1 WHERE month = '2026-06'");
	ck_assert_int_eq(tier_store_override(st, g[1], "A", NULL, "x", NULL, (struct date){2026, 5, 1}),
			 ST_OK);
	report_month_free(&fresh);
	ck_assert_int_eq(report_store_month_fresh(st, &rules, jun, &fresh), ST_OK);
	ck_assert_int_eq(report_store_month(st, &rules, jun, &a), ST_OK);
	same_month(&a, &fresh, "after an override");
	report_month_free(&a);
	report_month_free(&fresh);
}
END_TEST

/* Whether month mk's figures are stored at its visits' stamp (stored by a scan since its last
 * visit write), else kept by the visit writes since; -1 when none are stored. */
static int stored_at_stamp(const char *mk)
{
	char sql[200];
	snprintf(sql, sizeof sql,
		 "SELECT ifnull((SELECT c.stamp = ifnull((SELECT n FROM visit_month_stamp v WHERE "
		 "v.month = c.month), 0) FROM report_month_cache c WHERE c.month = '%s'), -1)",
		 mk);
	return testdb_int(sql);
}

/* The dashboard's stored months kept by the visit writes, against the scan, on a generated
 * book: visits entered (for guests new and old), voided and taken back, corrected, moved to
 * another month and to another guest, deleted, with the months' tiers recomputed and
 * overridden now and then; after every write each month read once (the stored figures, kept
 * by the writes, unless a new generation made them stale) equals report_store_month_fresh. */
START_TEST(test_dashboard_kept_random)
{
	make_rules(2, CRIT_ALL);
	rules.grace_months = 1;
	unsigned seed = 20261208;
	srand(seed);
	int64_t g[40], v[600];
	size_t ng = 0, nv = 0;
	for (; ng < 20; ng++) {
		char name[16];
		snprintf(name, sizeof name, "常%zu", ng);
		g[ng] = guest(name);
	}
	for (int i = 0; i < 60; i++) {
		char day[16];
		snprintf(day, sizeof day, "2026-%02d-%02d", 4 + rand() % 4, 1 + rand() % 28);
		v[nv++] = visit(g[rand() % ng], day, 1 + rand() % 6, 100 + rand() % 3000);
	}
	for (int m = 4; m <= 7; m++)
		recompute(2026, m);
	int kept = 0;
	for (int step = 0; step < 300; step++) {
		char at[64], day[16], sql[160];
		int what = rand() % 16, m = 5 + rand() % 3;
		int64_t id = v[rand() % nv];
		snprintf(day, sizeof day, "2026-%02d-%02d", m, 1 + rand() % 28);
		if (what < 5) {
			if (rand() % 4 == 0 && ng < 40) { /* a guest new since the scan */
				char name[16];
				snprintf(name, sizeof name, "新%zu", ng);
				g[ng++] = guest(name);
			}
			int64_t nid = visit(g[rand() % ng], day, 1 + rand() % 6, 100 + rand() % 3000);
			if (nv < 600)
				v[nv++] = nid;
		} else if (what == 5) {
			visit_store_void(st, id, VOID_WRONG_GUEST, ""); /* refused when void already */
		} else if (what == 6) { /* a void taken back, behind maitre's back */
			snprintf(sql, sizeof sql, "UPDATE visit SET voided_at = NULL, void_reason = NULL "
						  "WHERE id = %lld", (long long)id);
			testdb_exec(sql);
		} else if (what == 7) {
			struct visit c;
			memset(&c, 0, sizeof c);
			c.guest_id = g[rand() % ng];
			snprintf(c.date, sizeof c.date, "%.10s", day);
			c.meal = MEAL_LUNCH;
			c.covers = 1 + rand() % 8;
			c.spend_fen = (50 + rand() % 4000) * 100LL;
			if (visit_store_correct(st, id, &c, VISIT_SECOND_TABLE) == ST_OK && nv < 600)
				v[nv++] = c.id;
		} else if (what == 8) {
			snprintf(sql, sizeof sql, "UPDATE visit SET date = '%s' WHERE id = %lld", day,
				 (long long)id);
			testdb_exec(sql);
		} else if (what == 9) {
			snprintf(sql, sizeof sql, "UPDATE visit SET guest_id = %lld WHERE id = %lld",
				 (long long)g[rand() % ng], (long long)id);
			testdb_exec(sql);
		} else if (what == 10) {
			snprintf(sql, sizeof sql, "UPDATE visit SET covers = covers + 1, spend_fen = "
						  "spend_fen * 2 WHERE id = %lld", (long long)id);
			testdb_exec(sql);
		} else if (what == 11) {
			snprintf(sql, sizeof sql, "DELETE FROM visit WHERE id = %lld AND NOT EXISTS "
						  "(SELECT 1 FROM complaint WHERE visit_id = %lld)",
				 (long long)id, (long long)id);
			testdb_exec(sql);
		} else if (what < 15) {
			recompute(2026, m);
		} else {
			static const char *const letters[] = {"A", "B", "C"};
			ck_assert_int_eq(tier_store_override(st, g[rand() % ng], letters[rand() % 3],
							     NULL, "random", NULL,
							     (struct date){2026, m, 1}),
					 ST_OK);
		}
		for (int k = 5; k <= 8; k++) {
			struct date mk = {2026, k, 1};
			char key[8];
			snprintf(key, sizeof key, "2026-%02d", k);
			struct report_month a, fresh;
			snprintf(at, sizeof at, "seed %u step %d (%d) month %d", seed, step, what, k);
			ck_assert_int_eq(report_store_month(st, &rules, mk, &a), ST_OK);
			kept += stored_at_stamp(key) == 0;
			ck_assert_int_eq(report_store_month_fresh(st, &rules, mk, &fresh), ST_OK);
			same_month(&a, &fresh, at);
			report_month_free(&a);
			report_month_free(&fresh);
		}
	}
	/* most reads were of the figures the writes kept, not of a scan stored again */
	ck_assert_msg(kept > 300, "%d reads of kept figures", kept);
}
END_TEST

START_TEST(test_dashboard_month)
{
	rules.grace_months = 0;
	int64_t a = guest("升"), b = guest("降"), c = guest("新"), d = guest("稳");
	for (int i = 0; i < 2; i++) /* June: C quality; July: A quality */
		visit(a, i ? "2026-06-20" : "2026-06-05", 2, 800);
	for (int i = 0; i < 6; i++) {
		char day[11];
		snprintf(day, sizeof day, "2026-07-%02d", 3 + i);
		visit(a, day, 2, 1000);
		visit(d, day, 1, 100); /* June and July: untiered, spends little */
		snprintf(day, sizeof day, "2026-06-%02d", 3 + i);
		if (i < 4) /* June: B quality; July: nothing */
			visit(b, day, 2, 800);
	}
	visit(c, "2026-07-30", 3, 100); /* July only */
	recompute(2026, 6);
	recompute(2026, 7);
	struct date jul = {2026, 7, 1};
	struct report_month m;
	ck_assert_int_eq(report_store_month(st, &rules, jul, &m), ST_OK);
	/* the six tiers of the rules in their order, then untiered */
	ck_assert_uint_eq(m.ntiers, 7);
	ck_assert_str_eq(m.tiers[0].tier, "A");
	ck_assert_str_eq(m.tiers[0].grp, "quality");
	ck_assert_int_eq(m.tiers[0].guests, 1);
	ck_assert_int_eq(m.tiers[0].guests_before, 0);
	ck_assert_int_eq(m.tiers[0].visits, 6);
	ck_assert_int_eq(m.tiers[0].spend, 600000);
	ck_assert_int_eq(m.tiers[2].guests_before, 1); /* B quality: b in June */
	ck_assert_int_eq(m.tiers[4].guests_before, 1); /* C quality: a in June */
	ck_assert_str_eq(m.tiers[6].tier, "");
	ck_assert_int_eq(m.tiers[6].came, 2);
	ck_assert_int_eq(m.tiers[6].visits, 7);
	ck_assert_int_eq(m.tiers[6].covers, 9);
	ck_assert_int_eq(m.promoted, 1);
	ck_assert_int_eq(m.demoted, 1);
	/* the reports read without the rules: only the tiers met, the same figures */
	struct report_tier *rt;
	size_t nrt;
	ck_assert_int_eq(report_store_tiers(st, jul, &rt, &nrt), ST_OK);
	ck_assert_uint_eq(nrt, 4); /* A quality, B quality and C quality (June), untiered */
	for (size_t i = 0; i < nrt; i++) {
		size_t j = 0;
		while (j < m.ntiers &&
		       (strcmp(rt[i].tier, m.tiers[j].tier) || strcmp(rt[i].grp, m.tiers[j].grp)))
			j++;
		ck_assert_uint_lt(j, m.ntiers);
		ck_assert_int_eq(rt[i].guests, m.tiers[j].guests);
		ck_assert_int_eq(rt[i].guests_before, m.tiers[j].guests_before);
		ck_assert_int_eq(rt[i].came, m.tiers[j].came);
		ck_assert_int_eq(rt[i].visits, m.tiers[j].visits);
		ck_assert_int_eq(rt[i].spend, m.tiers[j].spend);
	}
	free(rt);
	struct report_pareto p;
	ck_assert_int_eq(report_store_pareto(st, jul, &p), ST_OK);
	ck_assert_int_eq(p.guests, 3); /* a, c and d came in July */
	ck_assert_int_eq(p.revenue, 670000);
	ck_assert_int_eq(p.top2_revenue, 600000);
	ck_assert_int_eq(p.top20_revenue, 600000);
	ck_assert_int_eq(m.pareto.top2_revenue, 600000);
	struct tier_row *mv;
	size_t nmv;
	ck_assert_int_eq(tier_store_movers(st, &rules, jul, &mv, &nmv), ST_OK);
	ck_assert_uint_eq(nmv, 2);
	free(mv);
	report_month_free(&m);

	/* the lists behind the figures, biggest spenders first */
	struct report_guest *g;
	size_t n;
	ck_assert_int_eq(report_store_guests(st, &rules, jul, RL_PROMOTED, NULL, NULL, &g, &n), ST_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(g[0].guest_id, a);
	ck_assert_str_eq(g[0].prev_tier, "C");
	free(g);
	ck_assert_int_eq(report_store_guests(st, &rules, jul, RL_DEMOTED, NULL, NULL, &g, &n), ST_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(g[0].guest_id, b);
	ck_assert_int_eq(g[0].visits, 0);
	free(g);
	ck_assert_int_eq(report_store_guests(st, &rules, jul, RL_CAME, "", NULL, &g, &n), ST_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(g[0].guest_id, d); /* ¥600 before ¥100 */
	ck_assert_int_eq(g[1].guest_id, c);
	free(g);
	ck_assert_int_eq(report_store_guests(st, &rules, jul, RL_TIER, "A", "quality", &g, &n), ST_OK);
	ck_assert_uint_eq(n, 1);
	free(g);
	ck_assert_int_eq(report_store_guests(st, &rules, jul, RL_TIER, "A", "active", &g, &n), ST_OK);
	ck_assert_uint_eq(n, 0);
	free(g);
	ck_assert_int_eq(report_store_guests(st, &rules, jul, RL_TOP20, NULL, NULL, &g, &n), ST_OK);
	ck_assert_uint_eq(n, 1); /* 20 % of 3 guests, rounded up */
	ck_assert_int_eq(g[0].guest_id, a);
	free(g);
	/* a letter set by hand without a group is a figure of its own: its list is that guest,
	 * not every guest of the letter (the dashboard's A bar said 1, Enter listed 50) */
	ck_assert_int_eq(tier_store_override(st, d, "A", NULL, "老客户", NULL, jul), ST_OK);
	ck_assert_int_eq(report_store_month(st, &rules, jul, &m), ST_OK);
	long letter = -1;
	for (size_t i = 0; i < m.ntiers; i++)
		if (strcmp(m.tiers[i].tier, "A") == 0 && !m.tiers[i].grp[0])
			letter = m.tiers[i].guests;
	report_month_free(&m);
	ck_assert_int_eq(letter, 1);
	ck_assert_int_eq(report_store_guests(st, &rules, jul, RL_TIER, "A", "", &g, &n), ST_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(g[0].guest_id, d);
	free(g);
	ck_assert_int_eq(report_store_guests(st, &rules, jul, RL_TIER, "A", NULL, &g, &n), ST_OK);
	ck_assert_uint_eq(n, 2); /* no group asked: the whole letter */
	free(g);
	/* a month with nothing */
	ck_assert_int_eq(report_store_month(st, NULL, (struct date){2027, 1, 1}, &m), ST_OK);
	ck_assert_uint_eq(m.ntiers, 0);
	ck_assert_int_eq(m.pareto.guests, 0);
	report_month_free(&m);
}
END_TEST

static int cmp_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x < y) - (x > y);
}

/* Reads the dashboard's month from inside a sheet_store_each callback: a statement is then
 * running on the connection. */
static void month_inside(const struct sheet_row *r, void *ctx)
{
	(void)r;
	struct report_month m;
	enum store_status *rs = ctx;
	*rs = report_store_month(st, NULL, (struct date){2026, 7, 1}, &m);
	report_month_free(&m);
}

/* The dashboard's month read twice on one connection, the second time while another reader is
 * in the middle of its rows, as a view may do: its SQL functions are registered once, not
 * redefined at every read (which SQLite refuses while a statement runs). */
START_TEST(test_dashboard_month_while_reading)
{
	int64_t a = guest("孙先生");
	visit(a, "2026-07-03", 2, 300);
	struct report_month m;
	ck_assert_int_eq(report_store_month(st, NULL, (struct date){2026, 7, 1}, &m), ST_OK);
	ck_assert_int_eq(m.pareto.guests, 1);
	report_month_free(&m);
	enum store_status inner = ST_IO;
	ck_assert_int_eq(sheet_store_each(st, (struct date){2026, 7, 1}, NULL, NULL, month_inside,
					  &inner),
			 ST_OK);
	ck_assert_msg(inner == ST_OK, "%s", store_errmsg(st));
}
END_TEST

/* The pareto figures of month m (one visit per guest in it, spends[0..n) in yuan) against a
 * sort of those spends, for report_store_month and report_store_pareto alike. */
static void check_pareto(struct date m, const int *spends, size_t n)
{
	int64_t v[64], revenue = 0, top2 = 0, top20 = 0;
	ck_assert_uint_le(n, 64);
	for (size_t i = 0; i < n; i++)
		revenue += v[i] = spends[i] * 100LL;
	qsort(v, n, sizeof *v, cmp_desc);
	size_t k2 = (n * 2 + 99) / 100, k20 = (n * 20 + 99) / 100;
	for (size_t i = 0; i < k20; i++) {
		top20 += v[i];
		if (i < k2)
			top2 += v[i];
	}
	struct report_month rm;
	struct report_pareto p;
	ck_assert_int_eq(report_store_month(st, NULL, m, &rm), ST_OK);
	ck_assert_int_eq(report_store_pareto(st, m, &p), ST_OK);
	const struct report_pareto *both[] = {&rm.pareto, &p};
	for (int k = 0; k < 2; k++) {
		ck_assert_int_eq(both[k]->guests, (long)n);
		ck_assert_int_eq(both[k]->revenue, revenue);
		ck_assert_int_eq(both[k]->top2_guests, (long)k2);
		ck_assert_int_eq(both[k]->top20_guests, (long)k20);
		ck_assert_int_eq(both[k]->top2_revenue, top2);
		ck_assert_int_eq(both[k]->top20_revenue, top20);
	}
	report_month_free(&rm);
}

/* The top shares cut among many equal spends, and among distinct ones, against a sort (both
 * figures come from one selection helper: comparing them with each other proves nothing). */
START_TEST(test_dashboard_pareto_ties)
{
	int july[40], august[40];
	for (int i = 0; i < 40; i++) {
		char name[16];
		snprintf(name, sizeof name, "客%d", i);
		int64_t id = guest(name);
		july[i] = i % 3 == 0 ? 500 : i % 3 == 1 ? 500 : 10 + i;
		august[i] = (i * 37) % 41 + 1; /* 40 distinct spends in no order */
		visit(id, "2026-07-02", 1, july[i]);
		visit(id, "2026-08-02", 1, august[i]);
	}
	check_pareto((struct date){2026, 7, 1}, july, 40);
	check_pareto((struct date){2026, 8, 1}, august, 40);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tier");
	TCase *tc = tcase_create("calc");
	tcase_add_test(tc, test_worked_examples);
	tcase_add_test(tc, test_criteria_met);
	tcase_add_test(tc, test_window_and_gap);
	tcase_add_test(tc, test_grace_and_override);
	tcase_add_test(tc, test_grace_protects_the_letter);
	suite_add_tcase(s, tc);
	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_recompute_month_and_grace);
	tcase_add_test(tc, test_override);
	tcase_add_test(tc, test_window_of_three_months);
	tcase_add_test(tc, test_recompute_first_visits_and_rewrite);
	tcase_add_test(tc, test_sheet);
	tcase_add_test(tc, test_per_capita_sums_agree);
	tcase_add_test(tc, test_sheet_window);
	tcase_add_test(tc, test_sheet_fast_is_simple);
	tcase_add_test(tc, test_rules_state);
	tcase_add_test(tc, test_recompute_month_checks_rules);
	tcase_add_test(tc, test_recompute_killed_shows_old_or_none);
	tcase_add_test(tc, test_recompute_read_between_writes);
	tcase_add_test(tc, test_recompute_outrun);
	tcase_add_test(tc, test_recompute_changed_rows_random);
	tcase_add_test(tc, test_recompute_window_from_guest_month);
	tcase_add_test(tc, test_alert_triggers);
	tcase_add_test(tc, test_alert_no_visit_any_rule);
	tcase_add_test(tc, test_alert_window);
	tcase_add_test(tc, test_alert_window_plans);
	tcase_add_test(tc, test_alert_months);
	tcase_add_test(tc, test_dashboard_month);
	tcase_add_test(tc, test_dashboard_cache_random);
	tcase_add_test(tc, test_dashboard_kept_random);
	tcase_add_test(tc, test_dashboard_pareto_ties);
	tcase_add_test(tc, test_dashboard_month_while_reading);
	suite_add_tcase(s, tc);
	int rc = testdb_run(s);
	tier_rules_free(&rules);
	return rc;
}
