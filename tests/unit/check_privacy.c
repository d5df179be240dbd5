/* check_privacy.c — retention (privacy_store.h): the day that is "N years ago", the guests due
 * on a book of known ages (visits and contacts around the boundary, an anonymised guest), the
 * count agreeing with the list, the sweep's seam (its erase callback, a guest who came back
 * meanwhile kept, a failure stopping it) and plans that read by index. And the consent's rules
 * (guest.h): DATE:CHANNEL, none, both or neither. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/strv.h"
#include "core/visit.h"
#include "store/agenda_store.h"
#include "store/guest_store.h"
#include "store/privacy_store.h"
#include "store/visit_store.h"
#include "testdb.h"

static struct store *st;
static const struct date today = {2026, 6, 30};

static void setup(void)
{
	st = testdb_open();
}

static void teardown(void)
{
	testdb_close(st);
	st = NULL;
}

/* A guest entered on 2015-01-05. */
static int64_t guest(const char *name)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, name);
	ck_assert_msg(guest_store_save(st, &g, 0, false, NULL) == ST_OK, "%s", store_errmsg(st));
	int64_t id = g.id;
	guest_free(&g);
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE guest SET created_at = '2015-01-05 12:00:00' WHERE id = %lld",
		 (long long)id);
	testdb_exec(sql);
	return id;
}

static void visit(int64_t id, const char *date)
{
	struct visit v = {.guest_id = id, .meal = MEAL_DINNER, .covers = 2, .spend_fen = 30000};
	snprintf(v.date, sizeof v.date, "%s", date);
	ck_assert_msg(visit_store_add(st, &v) == ST_OK, "%s", store_errmsg(st));
}

static void contact(int64_t id, struct date on)
{
	struct agenda_contact c = {.guest_id = id, .channel = "phone", .on = on, .outcome = "ok"};
	ck_assert_msg(agenda_store_contact(st, today, &c) == ST_OK, "%s", store_errmsg(st));
}

START_TEST(test_cutoff)
{
	char buf[11];
	ck_assert_str_eq(date_format(privacy_cutoff(today, 5), buf), "2021-06-30");
	/* 29 February: the 28th in a common year, itself in a leap year */
	ck_assert_str_eq(date_format(privacy_cutoff((struct date){2028, 2, 29}, 5), buf),
			 "2023-02-28");
	ck_assert_str_eq(date_format(privacy_cutoff((struct date){2028, 2, 29}, 4), buf),
			 "2024-02-29");
}
END_TEST

/* The ids of the guests due, "1 2 5" */
static char *due_ids(struct date on, int years)
{
	struct privacy_due *d;
	size_t n;
	ck_assert_msg(privacy_store_due(st, on, years, &d, &n) == ST_OK, "%s", store_errmsg(st));
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&b, "%s%lld", i ? " " : "", (long long)d[i].id);
	int64_t count;
	ck_assert_int_eq(privacy_store_due_count(st, on, years, &count), ST_OK);
	ck_assert_int_eq(count, (int64_t)n); /* the back office's figure is the list's length */
	privacy_due_free(d, n);
	return sbuf_detach(&b);
}

/* A book of known ages: retain 5 years on 2026-06-30, so nothing after 2021-06-30 makes a
 * guest due. */
static void known_ages(void)
{
	visit(guest("exactly"), "2021-06-30");      /* 1: due */
	visit(guest("a day more"), "2021-06-29");   /* 2: due */
	visit(guest("a day less"), "2021-07-01");   /* 3: kept */
	int64_t g = guest("old visit, new contact"); /* 4: kept */
	visit(g, "2017-03-01");
	contact(g, (struct date){2025, 12, 1});
	contact(guest("contact exactly"), (struct date){2021, 6, 30}); /* 5: due */
	contact(guest("contact a day less"), (struct date){2021, 7, 1}); /* 6: kept */
	guest("never came");                                      /* 7: due */
	visit(guest("anonymised"), "2016-01-01");                 /* 8: left out */
	testdb_exec("UPDATE guest SET anonymised = 1 WHERE id = 8");
	struct guest n;                                            /* 9: entered last year: kept */
	guest_init(&n);
	guest_set(&n, GF_NAME, "new");
	ck_assert_int_eq(guest_store_save(st, &n, 0, false, NULL), ST_OK);
	guest_free(&n);
	testdb_exec("UPDATE guest SET created_at = '2025-01-01 09:00:00' WHERE id = 9");
}

START_TEST(test_due_known_ages)
{
	known_ages();
	char *ids = due_ids(today, 5);
	ck_assert_str_eq(ids, "1 2 5 7");
	free(ids);
	ids = due_ids((struct date){2026, 7, 1}, 5); /* a day later: the day-less ones too */
	ck_assert_str_eq(ids, "1 2 3 5 6 7");
	free(ids);
	/* ten years: nothing after 2016-06-30; the anonymised guest's 2016 visit would be */
	ids = due_ids(today, 10);
	ck_assert_str_eq(ids, "7");
	free(ids);
	/* what the list says of each */
	struct privacy_due *d;
	size_t n;
	ck_assert_int_eq(privacy_store_due(st, today, 5, &d, &n), ST_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(d[0].name, "exactly");
	ck_assert_str_eq(d[0].last_visit, "2021-06-30");
	ck_assert_str_eq(d[0].last_contact, "");
	ck_assert_str_eq(d[0].created, "2015-01-05");
	ck_assert_str_eq(d[2].last_contact, "2021-06-30");
	ck_assert_str_eq(d[2].last_visit, "");
	privacy_due_free(d, n);
	/* a void visit is no visit: the guest of a day less whose visit was void is due */
	testdb_exec("UPDATE visit SET voided_at = '2026-06-01 10:00:00', void_reason = 'wrong guest', void_code = 'wrong-guest' WHERE guest_id = 3");
	ids = due_ids(today, 5);
	ck_assert_str_eq(ids, "1 2 3 5 7");
	free(ids);
	/* a guest merged into another is due with that one, never alone */
	testdb_exec("UPDATE guest SET merged_into = 4 WHERE id = 2");
	ids = due_ids(today, 5);
	ck_assert_str_eq(ids, "1 3 5 7");
	free(ids);
	ck_assert_int_eq(privacy_store_due(st, today, 0, &d, &n), ST_INVALID);
}
END_TEST

struct erased {
	int64_t ids[16];
	size_t n;
	int64_t fail_on;
	char reason[160];
};

static enum store_status fake_erase(struct store *s, int64_t id, const char *reason, void *ctx)
{
	(void)s;
	struct erased *e = ctx;
	if (id == e->fail_on)
		return ST_CONFLICT;
	e->ids[e->n++] = id;
	snprintf(e->reason, sizeof e->reason, "%s", reason);
	return ST_OK;
}

START_TEST(test_sweep_seam)
{
	known_ages();
	struct privacy_due *d;
	size_t n, done, kept;
	ck_assert_int_eq(privacy_store_due(st, today, 5, &d, &n), ST_OK);
	ck_assert_uint_eq(n, 4);
	/* guest 2 comes back between the list and the sweep: kept */
	visit(2, "2026-06-29");
	struct erased e = {.fail_on = -1};
	ck_assert_int_eq(privacy_store_sweep(st, today, 5, d, n, fake_erase, &e, &done, &kept),
			 ST_OK);
	ck_assert_uint_eq(done, 3);
	ck_assert_uint_eq(kept, 1);
	ck_assert_uint_eq(e.n, 3);
	ck_assert_int_eq(e.ids[0], 1);
	ck_assert_int_eq(e.ids[1], 5);
	ck_assert_int_eq(e.ids[2], 7);
	ck_assert_str_eq(e.reason,
			 "retention: no visit or contact after 2021-06-30 (privacy.retain_years 5)");
	/* a failure stops the sweep there */
	e = (struct erased){.fail_on = 5};
	ck_assert_int_eq(privacy_store_sweep(st, today, 5, d, n, fake_erase, &e, &done, &kept),
			 ST_CONFLICT);
	ck_assert_uint_eq(done, 1);
	ck_assert_uint_eq(e.n, 1);
	privacy_due_free(d, n);
}
END_TEST

/* Each guest's last visit and contacts are looked up by index, never a pass over the visits,
 * guest_last or the contacts. */
START_TEST(test_plans_use_indexes)
{
	struct strv plans = {0};
	ck_assert_int_eq(privacy_store_explain(st, &plans), ST_OK);
	ck_assert_uint_eq(plans.n, 3);
	for (size_t i = 0; i < plans.n; i++) {
		ck_assert_msg(!strstr(plans.v[i], "SCAN l") && !strstr(plans.v[i], "SCAN c") &&
				      !strstr(plans.v[i], "visit"),
			      "%s", plans.v[i]);
		ck_assert_msg(strstr(plans.v[i], "contact_guest"), "%s", plans.v[i]);
	}
	ck_assert_msg(strstr(plans.v[2], "INTEGER PRIMARY KEY") && !strstr(plans.v[2], "SCAN g"),
		      "%s", plans.v[2]);
	strv_free(&plans);
}
END_TEST

START_TEST(test_consent_rules)
{
	char *at, *ch;
	struct error e;
	ck_assert_int_eq(guest_consent_parse("2024-03-01:微信", &at, &ch, &e), 0);
	ck_assert_str_eq(at, "2024-03-01");
	ck_assert_str_eq(ch, "wechat");
	free(at);
	free(ch);
	ck_assert_int_eq(guest_consent_parse("none", &at, &ch, &e), 0);
	ck_assert_ptr_null(at);
	ck_assert_ptr_null(ch);
	static const char *const bad[] = {"2024-03-01", "2024-03-01:", ":phone", "2024-02-30:phone",
					  "2999-01-01:phone", "1899-12-31:phone", "2024-03-01:fax",
					  "24-3-1:phone", ""};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(guest_consent_parse(bad[i], &at, &ch, &e) < 0, "%s taken", bad[i]);
		ck_assert_ptr_null(at);
		ck_assert_ptr_null(ch);
	}
	/* both or neither, and the card's words */
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, "孙先生");
	ck_assert_ptr_null(guest_consent_text(&g));
	ck_assert_int_eq(guest_validate(&g, NULL, &e), 0);
	guest_set(&g, GF_CONSENT_AT, "2024-03-01");
	ck_assert_int_eq(guest_validate(&g, NULL, &e), -1);
	ck_assert_str_eq(e.msg, "consent: needs both its date and its channel");
	guest_set(&g, GF_CONSENT_CHANNEL, "written");
	ck_assert_int_eq(guest_validate(&g, NULL, &e), 0);
	char *t = guest_consent_text(&g);
	ck_assert_str_eq(t, "2024-03-01, written");
	free(t);
	guest_set(&g, GF_CONSENT_AT, NULL);
	ck_assert_int_eq(guest_validate(&g, NULL, &e), -1);
	guest_free(&g);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("privacy");
	TCase *tc = tcase_create("retention");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_cutoff);
	tcase_add_test(tc, test_due_known_ages);
	tcase_add_test(tc, test_sweep_seam);
	tcase_add_test(tc, test_plans_use_indexes);
	tcase_add_test(tc, test_consent_rules);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return testdb_run(suite());
}
