/* check_agenda.c — unit tests of special dates, gifts and the contact cadence: the pure core
 * (core/agenda.c, with tier privileges built here in code) and the store (store/agenda_store.c)
 * on a database file in a fresh temporary directory. Expected values are worked out by hand in
 * the comments. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/agenda.h"
#include "core/date.h"
#include "core/guest.h"
#include "core/strv.h"
#include "core/tier.h"
#include "store/agenda_store.h"
#include "store/report_store.h"
#include "store/guest_store.h"
#include "store/store.h"

#include "testdb.h"

static struct date D(int y, int m, int d) {
	struct date r = {y, m, d};
	return r;
}

#define ck_date(got, y_, m_, d_)                                                                   \
	do {                                                                                       \
		struct date g_ = (got);                                                            \
		ck_assert_msg(g_.y == (y_) && g_.m == (m_) && g_.d == (d_),                        \
		              "got %04d-%02d-%02d, want %04d-%02d-%02d", g_.y, g_.m, g_.d, (y_),   \
		              (m_), (d_));                                                         \
	} while (0)

/* The restaurant's privileges of domain.md §4, built in code: A and B give a gift on every
 * kind of date, C on the birthday only; calls every 3/5/3 days, visits every 10/15/30 days,
 * banquets every 3–6 / 3–6 / 3 months. */
static void
handbook_rules(struct tier_rules *r)
{
	tier_rules_init(r);
	r->privs = calloc(3, sizeof *r->privs);
	ck_assert_ptr_nonnull(r->privs);
	r->nprivs = 3;
	static const struct {
		const char *tier, *host;
		int phone, visit, bmin, bmax;
		int64_t gift, table;
		unsigned occasions;
	} p[] = {
	    {"A", "general manager", 3, 10, 3, 6, 10000, 70000, 7},
	    {"B", "store manager", 5, 15, 3, 6, 8000, 50000, 7},
	    {"C", "manager", 3, 30, 3, 3, 5000, 30000, 1u << DATE_BIRTHDAY},
	};
	for (size_t i = 0; i < 3; i++) {
		struct tier_privilege *v = &r->privs[i];
		snprintf(v->tier, sizeof v->tier, "%s", p[i].tier);
		snprintf(v->banquet_host, sizeof v->banquet_host, "%s", p[i].host);
		v->phone_days = p[i].phone;
		v->visit_days = p[i].visit;
		v->banquet_min_months = p[i].bmin;
		v->banquet_max_months = p[i].bmax;
		v->gift_fen = p[i].gift;
		v->banquet_budget_fen = p[i].table;
		v->gift_occasions = p[i].occasions;
	}
}

/* ---- core: dates ---- */

START_TEST(test_next_across_year_end)
{
	struct date today = D(2026, 12, 28);
	/* 28 Dec → 3 Jan: 3 days left in December (29, 30, 31) + 3 = 6 */
	ck_date(agenda_next(1, 3, today), 2027, 1, 3);
	ck_assert_int_eq(agenda_days_until(1, 3, today), 6);
	ck_assert_int_eq(agenda_days_until(1, 2, today), 5);
	/* today itself is day 0; yesterday is a year away (2027 is common: 365 − 1) */
	ck_date(agenda_next(12, 28, today), 2026, 12, 28);
	ck_assert_int_eq(agenda_days_until(12, 28, today), 0);
	ck_date(agenda_next(12, 27, today), 2027, 12, 27);
	ck_assert_int_eq(agenda_days_until(12, 27, today), 364);
	ck_assert_int_eq(agenda_days_until(12, 31, today), 3);
	ck_assert_int_eq(agenda_days_until(1, 1, today), 4);
}
END_TEST

START_TEST(test_feb29)
{
	/* common year: on 28 February */
	ck_date(agenda_in_year(2, 29, 2027), 2027, 2, 28);
	ck_date(agenda_in_year(2, 29, 2100), 2100, 2, 28); /* 2100 is not a leap year */
	ck_date(agenda_in_year(2, 29, 2000), 2000, 2, 29); /* 2000 is */
	ck_date(agenda_next(2, 29, D(2027, 1, 10)), 2027, 2, 28);
	ck_assert_int_eq(agenda_days_until(2, 29, D(2027, 1, 10)), 21 + 28);
	ck_assert_int_eq(agenda_days_until(2, 29, D(2027, 2, 28)), 0);
	/* the day after 28 Feb 2027 the next one is 29 Feb 2028: 2027-03-01 + 365 (a year with
	 * 29 Feb in it has 366 days to the same day, one less to the 29th) */
	ck_date(agenda_next(2, 29, D(2027, 3, 1)), 2028, 2, 29);
	ck_assert_int_eq(agenda_days_until(2, 29, D(2027, 3, 1)), 365);
	/* leap year: on the 29th, not the 28th */
	ck_assert_int_eq(agenda_days_until(2, 29, D(2028, 1, 1)), 31 + 28);
	ck_assert_int_eq(agenda_days_until(2, 29, D(2028, 2, 28)), 1);
	ck_assert_int_eq(agenda_days_until(2, 29, D(2028, 2, 29)), 0);
	/* after it in a leap year: 28 Feb 2029, 364 days from 1 Mar 2028 */
	ck_date(agenda_next(2, 29, D(2028, 3, 1)), 2029, 2, 28);
	ck_assert_int_eq(agenda_days_until(2, 29, D(2028, 3, 1)), 364);
}
END_TEST

START_TEST(test_years_and_nearest)
{
	/* 孙先生, born 1978-09-14: 48 on his birthday in 2026 */
	ck_assert_int_eq(agenda_years(1978, agenda_next(9, 14, D(2026, 6, 30))), 48);
	ck_assert_int_eq(agenda_years(0, D(2026, 9, 14)), 0);    /* year unknown */
	ck_assert_int_eq(agenda_years(2026, D(2026, 9, 14)), 0); /* the day itself */
	/* married 2001-01-02: the 26th anniversary falls on 2027-01-02, seen from 2026-12-28 */
	ck_assert_int_eq(agenda_years(2001, agenda_next(1, 2, D(2026, 12, 28))), 26);
	/* a gift's year: the occurrence nearest the day it is given */
	ck_date(agenda_nearest(1, 2, D(2026, 12, 28)), 2027, 1, 2); /* 5 days ahead */
	ck_date(agenda_nearest(1, 2, D(2027, 1, 5)), 2027, 1, 2);   /* 3 days late */
	/* 2027-01-05: 2026-07-15 is 174 days back, 2027-07-15 is 191 days ahead */
	ck_date(agenda_nearest(7, 15, D(2027, 1, 5)), 2026, 7, 15);
	/* a tie (183 days either way in leap 2028) goes to the coming one */
	ck_date(agenda_nearest(1, 1, D(2028, 7, 2)), 2029, 1, 1);
	ck_date(agenda_nearest(1, 1, D(2028, 7, 1)), 2028, 1, 1);
}
END_TEST

START_TEST(test_add_months)
{
	ck_date(agenda_add_months(D(2026, 8, 31), 3), 2026, 11, 30);
	ck_date(agenda_add_months(D(2026, 11, 30), 3), 2027, 2, 28);
	ck_date(agenda_add_months(D(2027, 11, 30), 3), 2028, 2, 29);
	ck_date(agenda_add_months(D(2026, 10, 31), 4), 2027, 2, 28);
	ck_date(agenda_add_months(D(2026, 1, 15), 12), 2027, 1, 15);
	ck_date(agenda_add_months(D(2026, 12, 15), 0), 2026, 12, 15);
	ck_date(agenda_add_months(D(2026, 12, 15), 1), 2027, 1, 15);
}
END_TEST

/* ---- core: cadence ---- */

START_TEST(test_cadence_boundaries)
{
	/* a call every 3 days, the last one on 27 June: due on 30 June, overdue from 1 July */
	struct date last = D(2026, 6, 27);
	struct agenda_due d = agenda_cadence(3, &last, D(2026, 6, 29));
	ck_assert_int_eq(d.state, AGENDA_NOT_DUE);
	ck_assert_int_eq(d.until, 1);
	ck_date(d.from, 2026, 6, 30);
	d = agenda_cadence(3, &last, D(2026, 6, 30));
	ck_assert_int_eq(d.state, AGENDA_DUE);
	ck_assert_int_eq(d.left, 0);
	ck_assert(!d.never);
	d = agenda_cadence(3, &last, D(2026, 7, 1));
	ck_assert_int_eq(d.state, AGENDA_OVERDUE);
	ck_assert_int_eq(d.left, -1);
	/* a visit every 10 days, last 15 June: due 25 June, 5 days overdue on 30 June */
	last = D(2026, 6, 15);
	d = agenda_cadence(10, &last, D(2026, 6, 30));
	ck_assert_int_eq(d.state, AGENDA_OVERDUE);
	ck_assert_int_eq(d.left, -5);
	ck_date(d.by, 2026, 6, 25);
	/* across the year end: every 5 days from 29 Dec is 3 Jan */
	last = D(2026, 12, 29);
	d = agenda_cadence(5, &last, D(2027, 1, 2));
	ck_assert_int_eq(d.state, AGENDA_NOT_DUE);
	ck_date(d.from, 2027, 1, 3);
	/* never contacted: due today */
	d = agenda_cadence(30, NULL, D(2026, 6, 30));
	ck_assert_int_eq(d.state, AGENDA_DUE);
	ck_assert(d.never);
	ck_assert_int_eq(d.left, 0);
	/* no cadence */
	ck_assert_int_eq(agenda_cadence(0, NULL, D(2026, 6, 30)).state, AGENDA_NONE);
	ck_assert_int_eq(agenda_cadence(0, &last, D(2026, 6, 30)).state, AGENDA_NONE);
}
END_TEST

START_TEST(test_banquet_due)
{
	/* every 3 to 6 months, the last on 31 January: due from 30 April (no 31 April), overdue
	 * after 31 July */
	struct date last = D(2026, 1, 31);
	struct agenda_due d = agenda_banquet(3, 6, &last, D(2026, 4, 29));
	ck_assert_int_eq(d.state, AGENDA_NOT_DUE);
	ck_assert_int_eq(d.until, 1);
	d = agenda_banquet(3, 6, &last, D(2026, 4, 30));
	ck_assert_int_eq(d.state, AGENDA_DUE);
	ck_date(d.from, 2026, 4, 30);
	ck_date(d.by, 2026, 7, 31);
	ck_assert_int_eq(d.left, 31 + 30 + 31); /* 30 Apr → 31 May → 30 Jun → 31 Jul */
	d = agenda_banquet(3, 6, &last, D(2026, 7, 31));
	ck_assert_int_eq(d.state, AGENDA_DUE);
	ck_assert_int_eq(d.left, 0);
	d = agenda_banquet(3, 6, &last, D(2026, 8, 1));
	ck_assert_int_eq(d.state, AGENDA_OVERDUE);
	ck_assert_int_eq(d.left, -1);
	/* every 3 months (tier C): due on the day, overdue the next */
	last = D(2026, 3, 31);
	d = agenda_banquet(3, 3, &last, D(2026, 6, 30));
	ck_assert_int_eq(d.state, AGENDA_DUE);
	ck_date(d.from, 2026, 6, 30);
	ck_assert_int_eq(agenda_banquet(3, 3, &last, D(2026, 7, 1)).state, AGENDA_OVERDUE);
	ck_assert_int_eq(agenda_banquet(3, 0, &last, D(2026, 7, 1)).state, AGENDA_OVERDUE);
	/* never held: due today; no banquet privilege: none */
	d = agenda_banquet(3, 6, NULL, D(2026, 6, 30));
	ck_assert_int_eq(d.state, AGENDA_DUE);
	ck_assert(d.never);
	ck_assert_int_eq(agenda_banquet(0, 6, &last, D(2026, 6, 30)).state, AGENDA_NONE);
}
END_TEST

START_TEST(test_gift_by_occasion)
{
	struct tier_rules r;
	handbook_rules(&r);
	const struct tier_privilege *a = tier_privilege_for(&r, "A"),
	                            *c = tier_privilege_for(&r, "C");
	int64_t fen = -1;
	ck_assert(agenda_gift(a, DATE_BIRTHDAY, false, &fen));
	ck_assert_int_eq(fen, 10000);
	ck_assert(agenda_gift(a, DATE_ANNIVERSARY, false, &fen));
	ck_assert(agenda_gift(a, DATE_OTHER, false, &fen));
	ck_assert(agenda_gift(tier_privilege_for(&r, "B"), DATE_ANNIVERSARY, false, &fen));
	ck_assert_int_eq(fen, 8000);
	/* C: the birthday only */
	ck_assert(agenda_gift(c, DATE_BIRTHDAY, false, &fen));
	ck_assert_int_eq(fen, 5000);
	fen = -1;
	ck_assert(!agenda_gift(c, DATE_ANNIVERSARY, false, &fen));
	ck_assert(!agenda_gift(c, DATE_OTHER, false, &fen));
	ck_assert_int_eq(fen, -1);
	/* the people around the guest: their dates count as other special dates */
	ck_assert(agenda_gift(a, DATE_BIRTHDAY, true, &fen));
	ck_assert(!agenda_gift(c, DATE_BIRTHDAY, true, &fen));
	/* untiered, or a tier without privileges */
	ck_assert(!agenda_gift(NULL, DATE_BIRTHDAY, false, &fen));
	ck_assert_ptr_null(tier_privilege_for(&r, "D"));
	tier_rules_free(&r);
}
END_TEST

/* ---- store ---- */

static struct store *st;
static struct tier_rules rules;

static void setup(void)
{
	st = testdb_open();
	handbook_rules(&rules);
}

static void teardown(void)
{
	tier_rules_free(&rules);
	testdb_close(st);
	st = NULL;
}



/* Stores guest g (with its sales manager), returns the id. */
static int64_t save(struct guest *g)
{
	ck_assert_msg(guest_store_save(st, g, 0, false, NULL) == ST_OK, "%s", store_errmsg(st));
	int64_t id = g->id;
	guest_free(g);
	return id;
}

static void new_guest(struct guest *g, const char *name, const char *manager)
{
	guest_init(g);
	guest_set(g, GF_NAME, name);
	guest_set(g, GF_SALES_MANAGER, manager);
}

/* The guest's tier for a month, as the monthly recompute would store it. */
static void set_tier(int64_t guest, const char *month, const char *tier)
{
	char sql[800];
	snprintf(
	    sql, sizeof sql,
	    "INSERT OR IGNORE INTO tier_rules_version(id, hash, content, first_used) "
	    "VALUES (1, 'test', '', '2026-01-01');"
	    "INSERT INTO tier_month_row(month, guest_id, gen, tier, grp, source, months, visits, "
	    "covers, spend_fen, m_visits, m_covers, m_spend_fen, rules_version, computed_at) VALUES "
	    "('%s', %lld, 1, %s%s%s, NULL, '%s', 1, 0, 0, 0, 0, 0, 0, 1, '2026-01-01 00:00:00');"
	    "INSERT INTO tier_month_gen VALUES ('%s', 1, 1, 1) ON CONFLICT (month) DO UPDATE "
	    "SET row_count = row_count + 1",
	    month, (long long)guest, tier ? "'" : "", tier ? tier : "NULL", tier ? "'" : "",
	    tier ? "rules" : "none", month);
	testdb_exec(sql);
}

/* The rows as "days:guest:person:occasion:years:tier:gift:given" joined by " | ". */
static char *describe(const struct agenda_row *r, size_t n)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++) {
		if (r[i].what == AGENDA_DATE)
			sbuf_printf(&b, "%s%d:%s:%s:%s:%d:%s:%lld:%s", i ? " | " : "", r[i].days,
			            r[i].guest, r[i].person ? r[i].person : "-",
			            agenda_row_occasion(&r[i]), r[i].years,
			            r[i].tier[0] ? r[i].tier : "-",
			            r[i].has_gift ? (long long)r[i].gift_fen : -1LL,
			            r[i].given ? "given" : "no");
		else
			sbuf_printf(&b, "%s%d:%s:%s:%s%s", i ? " | " : "", r[i].due.left,
			            r[i].guest, agenda_what_names[r[i].what], r[i].tier,
			            r[i].due.never ? ":never" : "");
	}
	return sbuf_detach(&b);
}

/* The upcoming dates (agenda, when agenda is true) as described by describe(); the status
 * of the call in *rs ("" unless ST_OK). */
static char *list(bool agenda, const struct tier_rules *r, struct date today, int days,
                  const char *staff, enum store_status *rs)
{
	struct agenda_row *rows = NULL;
	size_t n = 0;
	*rs = agenda ? agenda_store_agenda(st, r, today, days, staff, &rows, &n)
	             : agenda_store_upcoming(st, r, today, days, staff, &rows, &n);
	char *d = *rs == ST_OK ? describe(rows, n) : strdup("");
	agenda_rows_free(rows, n);
	return d;
}

#define ck_list(agenda, today, days, staff, want)                                                  \
	do {                                                                                       \
		enum store_status rs_;                                                             \
		char *got_ = list(agenda, &rules, today, days, staff, &rs_);                       \
		ck_assert_msg(rs_ == ST_OK, "%s", store_errmsg(st));                               \
		ck_assert_msg(strcmp(got_, want) == 0, "\n got: %s\nwant: %s", got_, want);        \
		free(got_);                                                                        \
	} while (0)
#define ck_upcoming(today, days, staff, want) ck_list(false, today, days, staff, want)
#define ck_agenda(today, days, staff, want)   ck_list(true, today, days, staff, want)

/* The status of a listing. */
static enum store_status list_status(bool agenda, struct date today, int days, const char *staff)
{
	enum store_status rs;
	free(list(agenda, &rules, today, days, staff, &rs));
	return rs;
}

static enum store_status gift(int64_t guest, const char *occasion, const char *person, int year,
                              int64_t value, struct date today, int64_t *value_out)
{
	struct agenda_gift g = {.guest_id = guest,
	                        .occasion = occasion,
	                        .person = person,
	                        .year = year,
	                        .has_value = value >= 0,
	                        .value_fen = value};
	enum store_status s = agenda_store_gift(st, &rules, today, &g);
	if (value_out)
		*value_out = g.value_fen;
	return s;
}

/* Three guests around the year end, seen from 2026-12-28. */
static void year_end_guests(int64_t *g1, int64_t *g2, int64_t *g3)
{
	struct guest g;
	new_guest(&g, "孙先生", "wang");
	int spouse = guest_add_person(&g, "妻子", "李女士", NULL);
	guest_add_person(&g, "司机", NULL, NULL);
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 1970, 1, 2);    /* 5 days, turns 57 */
	guest_add_date(&g, spouse, DATE_BIRTHDAY, NULL, 0, 12, 30); /* 2 days */
	*g1 = save(&g);
	new_guest(&g, "刘局长", "wang");
	guest_add_date(&g, -1, DATE_ANNIVERSARY, NULL, 2001, 1, 3); /* 6 days: the last day */
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 0, 1, 4);       /* 7 days: outside */
	*g2 = save(&g);
	new_guest(&g, "唐总", "li");
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 0, 12, 27);       /* yesterday: a year away */
	guest_add_date(&g, -1, DATE_OTHER, "公司周年", 2010, 12, 28); /* today, the 16th */
	*g3 = save(&g);
}

START_TEST(test_upcoming_across_year_end)
{
	int64_t g1, g2, g3;
	year_end_guests(&g1, &g2, &g3);
	set_tier(g1, "2026-10", "C"); /* an older month's row is in force while none is newer */
	set_tier(g3, "2026-11", "A"); /* the last complete month's */
	set_tier(g3, "2026-12", "B"); /* the running month's, provisional, does not count yet */
	struct date today = D(2026, 12, 28);
	ck_upcoming(today, 7, NULL,
	            "0:唐总:-:公司周年:16:A:10000:no | "
	            "2:孙先生:妻子 李女士:birthday:0:C:-1:no | "
	            "5:孙先生:-:birthday:57:C:5000:no | "
	            "6:刘局长:-:anniversary:26:-:-1:no");
	/* one day: today only; 366: every date once, at its next occurrence */
	ck_upcoming(today, 1, NULL, "0:唐总:-:公司周年:16:A:10000:no");
	{
		struct agenda_row *rows_ = NULL;
		size_t n_ = 0;
		ck_assert_int_eq(agenda_store_upcoming(st, &rules, today, 366, NULL, &rows_, &n_),
		                 ST_OK);
		ck_assert_uint_eq(n_, 6);
		ck_assert_int_eq(rows_[5].days, 364); /* 唐总's birthday, 27 Dec 2027 */
		ck_date(rows_[5].on, 2027, 12, 27);
		agenda_rows_free(rows_, n_);
	}
	/* one sales manager's guests */
	ck_upcoming(today, 7, "li", "0:唐总:-:公司周年:16:A:10000:no");
	ck_upcoming(today, 7, "wang",
	            "2:孙先生:妻子 李女士:birthday:0:C:-1:no | "
	            "5:孙先生:-:birthday:57:C:5000:no | "
	            "6:刘局长:-:anniversary:26:-:-1:no");
	ck_assert_int_eq(list_status(false, today, 7, "nobody"), ST_NOTFOUND);
	ck_assert_int_eq(list_status(false, today, 0, NULL), ST_INVALID);
	ck_assert_int_eq(list_status(false, today, 367, NULL), ST_INVALID);
	/* from the first of the year the January dates are in this year's piece */
	ck_upcoming(D(2027, 1, 1), 3, NULL,
	            "1:孙先生:-:birthday:57:C:5000:no | "
	            "2:刘局长:-:anniversary:26:-:-1:no");
}
END_TEST

START_TEST(test_upcoming_feb29)
{
	struct guest g;
	new_guest(&g, "闰年先生", NULL);
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 1992, 2, 29);
	save(&g);
	/* common year: on 28 February, the last day of a window ending there */
	ck_upcoming(D(2027, 2, 27), 2, NULL, "1:闰年先生:-:birthday:35:-:-1:no");
	ck_upcoming(D(2027, 2, 28), 1, NULL, "0:闰年先生:-:birthday:35:-:-1:no");
	ck_upcoming(D(2027, 3, 1), 7, NULL, "");
	ck_upcoming(D(2027, 2, 20), 30, NULL, "8:闰年先生:-:birthday:35:-:-1:no");
	/* leap year: on the 29th */
	ck_upcoming(D(2028, 2, 27), 2, NULL, "");
	ck_upcoming(D(2028, 2, 27), 3, NULL, "2:闰年先生:-:birthday:36:-:-1:no");
	/* across the year end into a common February */
	ck_upcoming(D(2026, 12, 31), 60, NULL, "59:闰年先生:-:birthday:35:-:-1:no");
}
END_TEST

START_TEST(test_gift_given)
{
	int64_t g1, g2, g3, fen = 0;
	year_end_guests(&g1, &g2, &g3);
	set_tier(g1, "2026-11", "C"); /* the last complete month's tiers */
	set_tier(g3, "2026-11", "A");
	struct date today = D(2026, 12, 28);
	/* the default value is the tier's: C, birthday, ¥50; the year is the coming 2027 */
	ck_assert_int_eq(gift(g1, "birthday", NULL, 0, -1, today, &fen), ST_OK);
	ck_assert_int_eq(fen, 5000);
	ck_assert_int_eq(testdb_int("SELECT year FROM gift"), 2027);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'gift'"), 1);
	/* twice for one occasion and year: refused, nothing written */
	ck_assert_int_eq(gift(g1, "birthday", NULL, 0, 5000, today, NULL), ST_DUPLICATE);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "already recorded"));
	/* C grants nothing for the spouse's birthday: the value must be given */
	ck_assert_int_eq(gift(g1, "birthday", "妻子", 0, -1, today, NULL), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "value:"));
	ck_assert_int_eq(gift(g1, "birthday", "李女士", 0, 3000, today, NULL), ST_OK);
	/* untiered 刘局长: no default either */
	ck_assert_int_eq(gift(g2, "anniversary", NULL, 0, -1, today, NULL), ST_INVALID);
	/* A: ¥100 for another special date */
	ck_assert_int_eq(gift(g3, "公司周年", NULL, 0, -1, today, &fen), ST_OK);
	ck_assert_int_eq(fen, 10000);
	/* dates, people and guests that do not exist */
	ck_assert_int_eq(gift(g2, "生日宴", NULL, 0, 100, today, NULL), ST_NOTFOUND);
	ck_assert_int_eq(gift(g1, "anniversary", NULL, 0, 100, today, NULL), ST_NOTFOUND);
	ck_assert_int_eq(gift(g1, "birthday", "秘书", 0, 100, today, NULL), ST_NOTFOUND);
	ck_assert_int_eq(gift(g1, "birthday", "司机", 0, 100, today, NULL), ST_NOTFOUND);
	ck_assert_int_eq(gift(9999, "birthday", NULL, 0, 100, today, NULL), ST_NOTFOUND);
	ck_assert_int_eq(gift(g1, "", NULL, 0, 100, today, NULL), ST_INVALID);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM gift"), 3);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'gift'"), 3);
	ck_upcoming(today, 7, NULL,
	            "0:唐总:-:公司周年:16:A:10000:given | "
	            "2:孙先生:妻子 李女士:birthday:0:C:-1:given | "
	            "5:孙先生:-:birthday:57:C:5000:given | "
	            "6:刘局长:-:anniversary:26:-:-1:no");
	/* a gift for last year's occasion does not mark this one */
	ck_assert_int_eq(gift(g2, "anniversary", NULL, 2026, 0, today, NULL), ST_OK);
	ck_upcoming(today, 7, "wang",
	            "2:孙先生:妻子 李女士:birthday:0:C:-1:given | "
	            "5:孙先生:-:birthday:57:C:5000:given | "
	            "6:刘局长:-:anniversary:26:-:-1:no");
}
END_TEST

START_TEST(test_gift_kept_when_person_removed)
{
	int64_t g1, g2, g3;
	year_end_guests(&g1, &g2, &g3);
	struct date today = D(2026, 12, 28);
	/* the spouse's birthday gift, then the spouse is removed from the sheet */
	ck_assert_int_eq(gift(g1, "birthday", "妻子", 2027, 2000, today, NULL), ST_OK);
	struct guest g;
	ck_assert_int_eq(guest_store_get(st, g1, &g), ST_OK);
	int64_t version = g.version;
	guest_remove_person(&g, 0);
	ck_assert_msg(guest_store_save(st, &g, version, false, NULL) == ST_OK, "%s",
	              store_errmsg(st));
	guest_free(&g);
	/* the gift is kept with who it was for, and does not count as the guest's own */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM gift WHERE person_id IS NULL AND person = "
	                         "'妻子 李女士'"),
	                 1);
	ck_upcoming(today, 7, "wang",
	            "5:孙先生:-:birthday:57:-:-1:no | "
	            "6:刘局长:-:anniversary:26:-:-1:no");
	ck_assert_int_eq(gift(g1, "birthday", NULL, 2027, 0, today, NULL), ST_OK);
}
END_TEST

static int64_t contact(int64_t guest, const char *channel, struct date on, struct date today)
{
	struct agenda_contact c = {
	    .guest_id = guest, .channel = channel, .on = on, .outcome = "通话顺利"};
	enum store_status s = agenda_store_contact(st, today, &c);
	ck_assert_msg(s == ST_OK, "%s", store_errmsg(st));
	return c.id;
}

START_TEST(test_contact_and_banquet_writes)
{
	struct guest g;
	new_guest(&g, "孙先生", "wang");
	int64_t id = save(&g);
	set_tier(id, "2026-05", "A"); /* the last complete month's tier */
	struct date today = D(2026, 6, 30);
	struct agenda_contact c = {.guest_id = id, .channel = "fax", .outcome = "x"};
	ck_assert_int_eq(agenda_store_contact(st, today, &c), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "channel"));
	c.channel = "phone";
	c.outcome = "";
	ck_assert_int_eq(agenda_store_contact(st, today, &c), ST_INVALID);
	c.outcome = "ok";
	c.on = D(2026, 7, 1);
	ck_assert_int_eq(agenda_store_contact(st, today, &c), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "after today"));
	c.on = D(0, 0, 0);
	c.guest_id = 999;
	ck_assert_int_eq(agenda_store_contact(st, today, &c), ST_NOTFOUND);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM contact"), 0);
	contact(id, "wechat", D(2026, 6, 29), today);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM contact WHERE at LIKE '2026-06-29 %' AND "
	                         "channel = 'wechat' AND staff_id = (SELECT id FROM staff WHERE "
	                         "login <> 'wang')"),
	                 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'contact'"), 1);

	/* a banquet for an A guest: hosted by the general manager, ¥700 a table */
	struct agenda_banquet b = {.guest_id = id, .on = D(2026, 6, 20), .tables = 2};
	ck_assert_msg(agenda_store_banquet(st, &rules, today, &b) == ST_OK, "%s", store_errmsg(st));
	ck_assert_str_eq(b.host, "general manager");
	ck_assert_int_eq(b.budget_fen, 140000);
	ck_assert_int_eq(testdb_int("SELECT budget_fen FROM banquet"), 140000);
	ck_assert_int_eq(testdb_int("SELECT actual_fen IS NULL FROM banquet"), 1);
	struct agenda_banquet b2 = {.guest_id = id, .on = D(2026, 7, 2)};
	ck_assert_int_eq(agenda_store_banquet(st, &rules, today, &b2), ST_INVALID);
	b2.on = D(0, 0, 0);
	ck_assert_int_eq(agenda_store_banquet(st, &rules, today, &b2), ST_INVALID);
	b2 = (struct agenda_banquet){.guest_id = id,
	                             .on = D(2026, 6, 1),
	                             .has_budget = true,
	                             .budget_fen = 100000,
	                             .has_actual = true,
	                             .actual_fen = 123456};
	ck_assert_int_eq(agenda_store_banquet(st, &rules, today, &b2), ST_OK);
	ck_assert_int_eq(testdb_int("SELECT actual_fen FROM banquet WHERE date = '2026-06-01'"),
	                 123456);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'banquet'"), 2);
	char tier[8];
	ck_assert_int_eq(agenda_store_tier(st, id, today, tier), ST_OK);
	ck_assert_str_eq(tier, "A");
	ck_assert_int_eq(agenda_store_tier(st, id, D(2026, 5, 31), tier), ST_OK);
	ck_assert_str_eq(tier, "");
	ck_assert_int_eq(agenda_store_tier(st, 999, today, tier), ST_NOTFOUND);
}
END_TEST

START_TEST(test_agenda_per_sales_manager)
{
	struct guest g;
	struct date today = D(2026, 6, 30);
	new_guest(&g, "孙先生", "wang");
	int64_t a = save(&g);
	new_guest(&g, "张先生", "wang");
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 1980, 7, 3);
	guest_add_date(&g, -1, DATE_ANNIVERSARY, NULL, 2005, 7, 20); /* not this week */
	int64_t c = save(&g);
	new_guest(&g, "王先生", "wang"); /* untiered: not on the agenda, even on his birthday */
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 0, 7, 1);
	int64_t u = save(&g);
	new_guest(&g, "唐总", "li");
	int64_t b = save(&g);
	/* the tiers of May, the last complete month */
	set_tier(a, "2026-05", "A");
	set_tier(c, "2026-04", "C");
	set_tier(u, "2026-04", "B");
	set_tier(u, "2026-05", NULL); /* fell out of the tiers last month */
	set_tier(b, "2026-05", "B");

	/* 孙先生 (A): phoned 3 days ago (due today), visited 15 days ago (due 25 June: 5 days
	 * overdue), banquet on 15 March (due from 15 June until 15 September: 77 days left) */
	contact(a, "phone", D(2026, 6, 27), today);
	contact(a, "phone", D(2026, 6, 20), today); /* an older one logged later */
	contact(a, "visit", D(2026, 6, 15), today);
	struct agenda_banquet bq = {.guest_id = a, .on = D(2026, 3, 15)};
	ck_assert_int_eq(agenda_store_banquet(st, &rules, today, &bq), ST_OK);
	/* 张先生 (C): phoned yesterday (due 2 July), a WeChat message today does not count;
	 * never visited, never a banquet; birthday in 3 days with C's ¥50 */
	contact(c, "phone", D(2026, 6, 29), today);
	contact(c, "wechat", today, today);

	ck_agenda(today, 7, "wang",
	          "-5:孙先生:visit:A | "
	          "0:孙先生:phone:A | "
	          "0:张先生:visit:C:never | "
	          "0:张先生:banquet:C:never | "
	          "3:张先生:-:birthday:46:C:5000:no | "
	          "77:孙先生:banquet:A");
	{
		struct agenda_row *rows_ = NULL;
		size_t n_ = 0;
		ck_assert_int_eq(agenda_store_agenda(st, &rules, today, 7, "wang", &rows_, &n_),
		                 ST_OK);
		ck_date(rows_[0].last, 2026, 6, 15);
		ck_date(rows_[0].due.by, 2026, 6, 25);
		ck_date(rows_[1].last, 2026, 6, 27);
		ck_assert_int_eq(rows_[2].last.y, 0);
		ck_assert_str_eq(rows_[0].manager, "wang");
		agenda_rows_free(rows_, n_);
	}

	/* a call today takes 孙先生 off until 3 July */
	contact(a, "phone", today, today);
	ck_agenda(today, 1, "wang",
	          "-5:孙先生:visit:A | "
	          "0:张先生:visit:C:never | "
	          "0:张先生:banquet:C:never | "
	          "77:孙先生:banquet:A");
	/* everyone: 唐总 (B) too, never contacted */
	ck_agenda(today, 1, NULL,
	          "-5:孙先生:visit:A | "
	          "0:唐总:phone:B:never | "
	          "0:张先生:visit:C:never | "
	          "0:唐总:visit:B:never | "
	          "0:张先生:banquet:C:never | "
	          "0:唐总:banquet:B:never | "
	          "77:孙先生:banquet:A");
	ck_assert_int_eq(list_status(true, today, 7, "nobody"), ST_NOTFOUND);
	/* without privileges (rules not loaded) nothing is due, and no gift is shown */
	{
		struct agenda_row *rows = NULL;
		size_t n = 0;
		ck_assert_int_eq(agenda_store_agenda(st, NULL, today, 7, "wang", &rows, &n), ST_OK);
		ck_assert_uint_eq(n, 1);
		ck_assert(!rows[0].has_gift);
		agenda_rows_free(rows, n);
	}

	bool yes = false;
	ck_assert_int_eq(agenda_store_is_manager(st, "wang", &yes), ST_OK);
	ck_assert(yes);
	ck_assert_int_eq(agenda_store_is_manager(st, "nobody", &yes), ST_OK);
	ck_assert(!yes);
}
END_TEST

/* Whose tier is in force on the agenda: the latest row at or before this month, whether that
 * month is the latest computed or older, a newer row without a tier making the guest
 * untiered, rows of a later month ignored; anonymised guests left out; by sales manager too. */
START_TEST(test_agenda_tier_in_force)
{
	struct guest g;
	struct date today = D(2026, 7, 15); /* July not computed yet */
	new_guest(&g, "甲", "wang");
	int64_t a = save(&g);
	new_guest(&g, "乙", "wang");
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 0, 7, 15); /* today: C's gift */
	int64_t b = save(&g);
	new_guest(&g, "丙", "wang");
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 0, 7, 15); /* untiered: not on the agenda */
	int64_t u = save(&g);
	new_guest(&g, "丁", "li");
	int64_t f = save(&g);
	new_guest(&g, "戊", "li");
	int64_t k = save(&g);
	new_guest(&g, "己", "li");
	int64_t o = save(&g);
	new_guest(&g, "庚", "li");
	int64_t x = save(&g);
	set_tier(a, "2026-05", "C");
	set_tier(a, "2026-06", "A"); /* the latest month: A, not May's C */
	set_tier(b, "2026-05", "C"); /* no row since May: C still */
	set_tier(u, "2026-05", "B");
	set_tier(u, "2026-06", NULL); /* untiered since June */
	set_tier(f, "2026-08", "A");  /* only a later month: untiered now */
	set_tier(k, "2026-05", "B");
	set_tier(k, "2026-08", NULL); /* a later month does not count: B */
	set_tier(o, "2026-06", "C");
	testdb_exec("UPDATE tier_month_row SET source = 'override' WHERE tier = 'C' AND month = "
	            "'2026-06'"); /* an override is a tier like another */
	set_tier(x, "2026-06", "A");
	testdb_exec("UPDATE guest SET anonymised = 1 WHERE name = '庚'");
	(void)o;

	ck_agenda(today, 1, NULL,
	          "0:甲:phone:A:never | 0:乙:phone:C:never | 0:戊:phone:B:never | "
	          "0:己:phone:C:never | "
	          "0:甲:visit:A:never | 0:乙:visit:C:never | 0:戊:visit:B:never | "
	          "0:己:visit:C:never | "
	          "0:甲:banquet:A:never | 0:乙:banquet:C:never | 0:戊:banquet:B:never | "
	          "0:己:banquet:C:never | 0:乙:-:birthday:0:C:5000:no");
	ck_agenda(today, 1, "wang",
	          "0:甲:phone:A:never | 0:乙:phone:C:never | 0:甲:visit:A:never | "
	          "0:乙:visit:C:never | 0:甲:banquet:A:never | 0:乙:banquet:C:never | "
	          "0:乙:-:birthday:0:C:5000:no");
	/* the upcoming dates: 丙's too, without a tier */
	ck_upcoming(today, 1, NULL, "0:乙:-:birthday:0:C:5000:no | 0:丙:-:birthday:0:-:-1:no");
	ck_agenda(today, 1, "li",
	          "0:戊:phone:B:never | 0:己:phone:C:never | 0:戊:visit:B:never | "
	          "0:己:visit:C:never | 0:戊:banquet:B:never | 0:己:banquet:C:never");
	/* in June, May is the last complete month: June's rows are provisional, every May row
	 * is in force: 丙 is B, 甲 C */
	ck_agenda(D(2026, 6, 30), 1, "wang",
	          "0:甲:phone:C:never | 0:乙:phone:C:never | 0:丙:phone:B:never | "
	          "0:甲:visit:C:never | 0:乙:visit:C:never | 0:丙:visit:B:never | "
	          "0:甲:banquet:C:never | 0:乙:banquet:C:never | 0:丙:banquet:B:never");
	/* before any row: nobody */
	ck_agenda(D(2026, 4, 30), 1, NULL, "");
	char tier[8];
	ck_assert_int_eq(agenda_store_tier(st, k, today, tier), ST_OK);
	ck_assert_str_eq(tier, "B");
	ck_assert_int_eq(agenda_store_tier(st, f, today, tier), ST_OK);
	ck_assert_str_eq(tier, "");
}
END_TEST

START_TEST(test_plans_use_indexes)
{
	struct strv plans = {0};
	ck_assert_int_eq(agenda_store_explain(st, &plans), ST_OK);
	ck_assert_uint_eq(plans.n, 9);
	for (size_t i = 0; i < plans.n; i++) {
		const char *p = strstr(plans.v[i], "=>");
		ck_assert_ptr_nonnull(p);
		/* everyone's agenda passes over the tiered rows of tier_month, not over the guests:
		 * the anonymised ones come from their own small index */
		if (strncmp(plans.v[i], "contacts_all:", 13) == 0)
			ck_assert_msg(!strstr(p, "SCAN guest") && !strstr(p, "SEARCH guest"), "%s",
			              plans.v[i]);
		if (strncmp(plans.v[i], "anonymised_ids:", 15) == 0)
			ck_assert_msg(strstr(p, "INDEX guest_anonymised"), "%s", plans.v[i]);
		else
			ck_assert_msg(!strstr(p, "SCAN g") && !strstr(p, "SCAN guest"), "%s",
			              plans.v[i]);
		ck_assert_msg(!strstr(p, "SCAN sd") && !strstr(p, "SCAN special_date") &&
		                  !strstr(p, "SCAN c ") && !strstr(p, "SCAN contact") &&
		                  !strstr(p, "SCAN b ") && !strstr(p, "SCAN banquet") &&
		                  !strstr(p, "SCAN t ") && !strstr(p, "SCAN tier_month") &&
		                  !strstr(p, "SCAN gf") && !strstr(p, "TEMP B-TREE"),
		              "%s", plans.v[i]);
	}
	/* a sales manager's dates and contacts start from guest_sales_manager or the dates;
	 * everyone's agenda reads its dates from special_date_day, which holds the guest the
	 * pass sorts them by, and no guest row */
	ck_assert_ptr_nonnull(strstr(plans.v[2], "guest_sales_manager"));
	ck_assert_ptr_nonnull(strstr(plans.v[0], "special_date_md"));
	ck_assert_ptr_nonnull(strstr(plans.v[8], "special_date_day"));
	ck_assert_msg(!strstr(plans.v[8], "SEARCH g USING INTEGER") &&
	                  !strstr(plans.v[8], "guest USING"),
	              "%s", plans.v[8]);
	strv_free(&plans);
}
END_TEST

/* The dashboard's counts of the day agree with the agenda's and the upcoming dates' rows. */
START_TEST(test_dashboard_counts)
{
	struct guest g;
	struct date today = D(2026, 6, 30);
	new_guest(&g, "孙先生", "wang");
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 1970, 6, 30); /* today: A grants ¥100 */
	int spouse = guest_add_person(&g, "妻子", "李女士", NULL);
	guest_add_date(&g, spouse, DATE_BIRTHDAY, NULL, 0, 7, 2); /* A: another special date */
	int64_t a = save(&g);
	new_guest(&g, "张先生", "li");
	guest_add_date(&g, -1, DATE_ANNIVERSARY, NULL, 2005, 7, 6); /* C: birthday only */
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 0, 7, 7);       /* the 8th day: outside */
	int64_t c = save(&g);
	new_guest(&g, "王先生", NULL); /* untiered: dates count, no gift */
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 0, 7, 1);
	save(&g);
	set_tier(a, "2026-05", "A"); /* the last complete month's tiers */
	set_tier(c, "2026-05", "C");
	contact(a, "phone", D(2026, 6, 29), today); /* A calls every 3 days: not due */
	contact(c, "visit", D(2026, 5, 20), today); /* C visits every 30 days: due 19 June */
	int64_t fen;
	ck_assert_int_eq(gift(a, "birthday", "妻子", 0, -1, today, &fen), ST_OK); /* given */

	struct report_today t;
	ck_assert_int_eq(report_store_today(st, &rules, today, &t), ST_OK);
	ck_assert_int_eq(t.dates_today, 1);
	ck_assert_int_eq(t.gifts_today, 1);
	ck_assert_int_eq(t.gift_fen_today, 10000);
	ck_assert_int_eq(t.dates_week, 4);
	ck_assert_int_eq(t.gifts_week, 1); /* the spouse's is given, C's anniversary grants none */
	ck_assert_int_eq(t.gift_fen_week, 10000);
	/* the same as the agenda's rows of today */
	struct agenda_row *rows = NULL;
	size_t n = 0;
	ck_assert_int_eq(agenda_store_agenda(st, &rules, today, 1, NULL, &rows, &n), ST_OK);
	long calls = 0, visits = 0;
	for (size_t i = 0; i < n; i++) {
		calls += rows[i].what == AGENDA_PHONE && rows[i].due.state != AGENDA_NOT_DUE;
		visits += rows[i].what == AGENDA_VISIT && rows[i].due.state != AGENDA_NOT_DUE;
	}
	agenda_rows_free(rows, n);
	ck_assert_int_eq(t.calls_due, calls);
	ck_assert_int_eq(t.visits_due, visits);
	ck_assert_int_eq(t.calls_due, 1);  /* 张先生 never called */
	ck_assert_int_eq(t.visits_due, 2); /* 孙先生 never visited, 张先生 overdue */
	/* without rules: the dates, no gifts, no cadences */
	ck_assert_int_eq(report_store_today(st, NULL, today, &t), ST_OK);
	ck_assert_int_eq(t.dates_week, 4);
	ck_assert_int_eq(t.gifts_week, 0);
	ck_assert_int_eq(t.calls_due + t.visits_due, 0);
}
END_TEST

/* A generator of test data: xorshift64*, seeded. */
static uint64_t rnd_state;
static unsigned rnd(unsigned n)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (unsigned)((rnd_state * 2685821657736338717ULL) >> 33) % n;
}

/* A random day from 2025-01-01 on, within span days, as "YYYY-MM-DD" into buf. */
static const char *rnd_day(char buf[11], int span)
{
	return date_format(date_add_days(D(2025, 1, 1), rnd((unsigned)span)), buf);
}

/* Everyone's agenda read by its pass over tier_month (agenda_store_agenda) against the same
 * read the simple way (agenda_store_agenda_simple: each guest's tier and last contacts sought
 * one by one, qsort), on a generated book: 400 guests, tier rows over four months with gaps
 * and rows without a tier, calls, visits, WeChat messages, banquets, the dates of guests and
 * of their people, gifts given, a few anonymised guests; on several days, a year end and a
 * 29 February among them. */
START_TEST(test_agenda_fast_is_simple)
{
	rnd_state = 0x9E3779B97F4A7C15ULL;
	static const char *const tiers[] = {"A", "B", "C", NULL};
	static const char *const months[] = {"2026-03", "2026-04", "2026-05", "2026-06"};
	struct sbuf b = {0};
	sbuf_add(&b, "INSERT OR IGNORE INTO staff(login, created_at) VALUES ('wang', '2026-01-01'), "
	             "('li', '2026-01-01');"
	             "INSERT OR IGNORE INTO tier_rules_version(id, hash, content, first_used) "
	             "VALUES (1, 'test', '', '2026-01-01');");
	for (int i = 1; i <= 400; i++) {
		sbuf_printf(&b,
		            "INSERT INTO guest(id, name, sales_manager, anonymised, created_at, "
		            "updated_at) VALUES (%d, '客人%d', %s, %d, '2026-01-01', '2026-01-01');",
		            i, i,
		            rnd(3) == 0   ? "NULL"
		            : rnd(2) == 0 ? "(SELECT id FROM staff WHERE login = 'wang')"
		                          : "(SELECT id FROM staff WHERE login = 'li')",
		            rnd(40) == 0);
		for (int m = 0; m < 4; m++) {
			if (rnd(3) == 0)
				continue; /* no row that month */
			const char *t = tiers[rnd(4)];
			sbuf_printf(&b,
			            "INSERT INTO tier_month_row(month, guest_id, gen, tier, grp, source, "
			            "months, visits, covers, spend_fen, m_visits, m_covers, m_spend_fen, "
			            "rules_version, computed_at) VALUES ('%s', %d, 1, %s%s%s, NULL, "
			            "'rules', 1, 0, 0, 0, 0, 0, 0, 1, '2026-01-01 00:00:00');",
			            months[m], i, t ? "'" : "", t ? t : "NULL", t ? "'" : "");
		}
		char d1[11];
		for (int k = rnd(4); k > 0; k--) {
			static const char *const ch[] = {"phone", "visit", "wechat"};
			sbuf_printf(&b,
			            "INSERT INTO contact(guest_id, staff_id, at, channel, outcome) "
			            "VALUES (%d, 1, '%s 10:00:00', '%s', 'ok');",
			            i, rnd_day(d1, 560), ch[rnd(3)]);
		}
		if (rnd(3) == 0)
			sbuf_printf(&b,
			            "INSERT INTO banquet(guest_id, date, staff_id, created_at) "
			            "VALUES (%d, '%s', 1, '2026-01-01');",
			            i, rnd_day(d1, 560));
		if (rnd(2) == 0)
			sbuf_printf(&b,
			            "INSERT INTO person(id, guest_id, relation, name) VALUES (%d, %d, "
			            "'妻子', '李女士');",
			            i, i);
		for (int k = rnd(3); k > 0; k--) {
			static const char *const kind[] = {"birthday", "anniversary", "other"};
			int md = rnd(366);
			struct date on = date_add_days(D(2024, 1, 1), md); /* a leap year: 02-29 too */
			int kd = (int)rnd(3);
			/* a person's date (when the guest has one: person i) or the guest's own */
			char who[64] = "NULL";
			if (rnd(3) == 0)
				snprintf(who, sizeof who, "(SELECT id FROM person WHERE id = %d)", i);
			sbuf_printf(&b,
			            "INSERT INTO special_date(guest_id, person_id, kind, label, month, day, "
			            "year) VALUES (%d, %s, '%s', %s, %d, %d, %s);",
			            i, who, kind[kd], kd == 2 ? "'公司周年'" : "NULL", on.m, on.d,
			            rnd(2) ? "1970" : "NULL");
		}
		if (rnd(4) == 0)
			sbuf_printf(&b,
			            "INSERT INTO gift(guest_id, occasion, year, given_at, staff_id) "
			            "VALUES (%d, 'birthday', %d, '2026-01-01', 1);",
			            i, 2026 + (int)rnd(2));
	}
	for (int m = 0; m < 4; m++)
		sbuf_printf(&b, "INSERT INTO tier_month_gen VALUES ('%s', 1, 0, 1);", months[m]);
	testdb_exec(b.s);
	sbuf_free(&b);

	const struct date days[] = {D(2026, 4, 10), D(2026, 5, 31), D(2026, 6, 15),
	                                   D(2026, 7, 15), D(2026, 12, 28), D(2028, 2, 26)};
	size_t compared = 0;
	for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
		for (int window = 1; window <= 30; window += 29) {
			struct agenda_row *fast = NULL, *simple = NULL;
			size_t nf = 0, ns = 0;
			ck_assert_int_eq(agenda_store_agenda(st, &rules, days[k], window, NULL, &fast, &nf),
			                 ST_OK);
			ck_assert_int_eq(agenda_store_agenda_simple(st, &rules, days[k], window, NULL,
			                                            &simple, &ns),
			                 ST_OK);
			for (size_t i = 0; i < nf && i < ns; i++) {
				/* the first row that differs, described */
				char *df = describe(&fast[i], 1), *ds = describe(&simple[i], 1);
				bool same = strcmp(df, ds) == 0;
				if (!same)
					fprintf(stderr, "day %zu, %d days, row %zu:\n  fast:   %s\n  simple: %s\n",
					        k, window, i, df, ds);
				free(df);
				free(ds);
				ck_assert_msg(same, "day %zu, %d days: row %zu differs", k, window, i);
			}
			ck_assert_uint_eq(nf, ns);
			for (size_t i = 0; i < nf; i++) {
				ck_assert_int_eq(fast[i].guest_id, simple[i].guest_id);
				ck_assert_int_eq(date_to_days(fast[i].due.by), date_to_days(simple[i].due.by));
				ck_assert_int_eq(date_to_days(fast[i].last), date_to_days(simple[i].last));
				ck_assert_str_eq(fast[i].manager ? fast[i].manager : "-",
				                 simple[i].manager ? simple[i].manager : "-");
				ck_assert_int_eq(fast[i].date_id, simple[i].date_id);
				ck_assert_int_eq(fast[i].given, simple[i].given);
			}
			compared += nf;
			agenda_rows_free(fast, nf);
			agenda_rows_free(simple, ns);
		}
	}
	ck_assert_uint_gt(compared, 1000); /* the data made an agenda worth comparing */
}
END_TEST

static Suite *agenda_suite(void)
{
	Suite *s = suite_create("agenda");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_next_across_year_end);
	tcase_add_test(tc, test_feb29);
	tcase_add_test(tc, test_years_and_nearest);
	tcase_add_test(tc, test_add_months);
	tcase_add_test(tc, test_cadence_boundaries);
	tcase_add_test(tc, test_banquet_due);
	tcase_add_test(tc, test_gift_by_occasion);
	suite_add_tcase(s, tc);
	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_upcoming_across_year_end);
	tcase_add_test(tc, test_upcoming_feb29);
	tcase_add_test(tc, test_gift_given);
	tcase_add_test(tc, test_gift_kept_when_person_removed);
	tcase_add_test(tc, test_contact_and_banquet_writes);
	tcase_add_test(tc, test_agenda_per_sales_manager);
	tcase_add_test(tc, test_agenda_tier_in_force);
	tcase_add_test(tc, test_plans_use_indexes);
	tcase_add_test(tc, test_dashboard_counts);
	tcase_add_test(tc, test_agenda_fast_is_simple);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	int rc = testdb_run(agenda_suite());
	return rc;
}
