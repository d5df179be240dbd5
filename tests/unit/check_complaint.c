/* check_complaint.c — unit tests of complaints: the status machine, the recovery checklist, the
 * deadlines at their exact boundaries (core), and the store (timeline, audit, refused moves,
 * filters, the prior-complaint window) on a database file in a fresh temporary directory. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/complaint.h"
#include "core/date.h"
#include "core/guest.h"
#include "core/strv.h"
#include "core/tier.h"
#include "core/visit.h"
#include "store/complaint_store.h"
#include "store/guest_store.h"
#include "store/store.h"
#include "store/visit_store.h"

#include "testdb.h"

static struct complaint_rules rules(void)
{
	struct tier_rules r;
	tier_rules_init(&r);
	return r.complaints;
}

/* A complaint in status s, opened at opened (and logged then). */
static struct complaint at_status(enum complaint_status s, const char *opened)
{
	struct complaint c;
	complaint_init(&c);
	c.id = 7;
	c.status = s;
	snprintf(c.at, sizeof c.at, "%s", opened);
	snprintf(c.opened_at, sizeof c.opened_at, "%s", opened);
	return c;
}

/* ---- names ---- */

START_TEST(test_names)
{
	char buf[200];
	ck_assert_int_eq(complaint_category_from_name("waiting_time"), CC_WAITING_TIME);
	ck_assert_int_eq(complaint_category_from_name("waiting-time"), CC_WAITING_TIME);
	ck_assert_int_eq(complaint_category_from_name("Food"), -1);
	ck_assert_int_eq(complaint_category_from_name(""), -1);
	ck_assert_int_eq(complaint_channel_from_name("online-review"), CH_ONLINE_REVIEW);
	ck_assert_int_eq(complaint_channel_from_name("email"), -1);
	ck_assert_int_eq(complaint_status_from_name("followed_up"), CS_FOLLOWED_UP);
	ck_assert_int_eq(complaint_verdict_from_name("unsatisfied"), CV_UNSATISFIED);
	ck_assert_int_eq(complaint_verdict_from_name(""), -1);
	for (int i = 0; i < CC_COUNT; i++)
		ck_assert_int_eq(complaint_category_from_name(complaint_category_names[i]), i);
	for (int i = 0; i < CH_COUNT; i++)
		ck_assert_int_eq(complaint_channel_from_name(complaint_channel_names[i]), i);
	ck_assert_str_eq(complaint_choices(severity_names, SEV_COUNT, buf, sizeof buf),
			 "low, medium, high or critical");
	ck_assert_str_eq(complaint_choices(complaint_category_names, CC_COUNT, buf, sizeof buf),
			 "food, service, waiting_time, hygiene, environment, price or other");
	ck_assert_str_eq(complaint_choices(complaint_verdict_names, CV_COUNT, buf, sizeof buf),
			 "satisfied or unsatisfied");
}
END_TEST

/* ---- the status machine ---- */

START_TEST(test_transition_table)
{
	/* every allowed move, and only those: expected[from][action] is the status it leads to,
	 * or -1 when refused */
	static const int expected[CS_COUNT][CA_COUNT] = {
		/* actions in order: ack, resolve, followup, close, reopen */
		[CS_OPEN] = {CS_ACKNOWLEDGED, -1, -1, -1, -1},
		[CS_ACKNOWLEDGED] = {-1, CS_RESOLVED, -1, -1, -1},
		[CS_RESOLVED] = {-1, -1, CS_FOLLOWED_UP, -1, CS_OPEN},
		[CS_FOLLOWED_UP] = {-1, -1, -1, CS_CLOSED, CS_OPEN},
		[CS_CLOSED] = {-1, -1, -1, -1, CS_OPEN},
	};
	int allowed = 0;
	for (int from = 0; from < CS_COUNT; from++) {
		for (int a = 0; a < CA_COUNT; a++) {
			enum complaint_status to = CS_COUNT;
			bool ok = complaint_move((enum complaint_status)from,
						 (enum complaint_action)a, &to);
			ck_assert_msg(ok == (expected[from][a] >= 0), "%s %s",
				      complaint_status_names[from], complaint_action_names[a]);
			if (ok) {
				ck_assert_int_eq(to, expected[from][a]);
				allowed++;
			}
		}
	}
	ck_assert_int_eq(allowed, 7);
	ck_assert_uint_eq(complaint_ntransitions, 7);
	ck_assert(complaint_move(CS_OPEN, CA_ACK, NULL));
}
END_TEST

START_TEST(test_refusal_names_the_status)
{
	char buf[200];
	ck_assert_str_eq(complaint_refusal(3, CS_ACKNOWLEDGED, CA_CLOSE, buf, sizeof buf),
			 "complaint 3 is acknowledged: it cannot be closed (next: resolve)");
	ck_assert_str_eq(complaint_refusal(3, CS_OPEN, CA_RESOLVE, buf, sizeof buf),
			 "complaint 3 is open: it cannot be resolved (next: ack)");
	ck_assert_str_eq(complaint_refusal(3, CS_RESOLVED, CA_CLOSE, buf, sizeof buf),
			 "complaint 3 is resolved: it cannot be closed (next: followup or reopen)");
	ck_assert_str_eq(complaint_refusal(3, CS_CLOSED, CA_CLOSE, buf, sizeof buf),
			 "complaint 3 is already closed (next: reopen)");
	ck_assert_str_eq(complaint_refusal(3, CS_OPEN, CA_REOPEN, buf, sizeof buf),
			 "complaint 3 is already open (next: ack)");
	ck_assert_str_eq(complaint_refusal(3, CS_FOLLOWED_UP, CA_FOLLOWUP, buf, sizeof buf),
			 "complaint 3 is already followed_up (next: close or reopen)");
}
END_TEST

/* ---- the recovery checklist ---- */

START_TEST(test_checklist)
{
	char buf[32];
	struct complaint c = at_status(CS_OPEN, "2026-06-30 12:00:00");
	ck_assert_str_eq(complaint_step_names[0],
			 "understand and acknowledge the guest's feelings");
	ck_assert_str_eq(complaint_step_names[1], "apologise");
	ck_assert_str_eq(complaint_step_names[2], "show urgency");
	ck_assert_ptr_nonnull(strstr(complaint_step_names[3], "resolve it in one step"));
	ck_assert_str_eq(complaint_step_names[4], "follow up and investigate");
	ck_assert_int_eq(complaint_steps_count(c.steps), 0);
	ck_assert_str_eq(complaint_steps_text(c.steps, buf, sizeof buf), "none");
	c.steps = 1u | 4u | 16u;
	for (int n = 0; n <= COMPLAINT_STEPS + 1; n++)
		ck_assert_int_eq(complaint_step_done(&c, n), n == 1 || n == 3 || n == 5);
	ck_assert_int_eq(complaint_steps_count(c.steps), 3);
	ck_assert_str_eq(complaint_steps_text(c.steps, buf, sizeof buf), "1 3 5");
	ck_assert_int_eq(complaint_steps_count(COMPLAINT_ALL_STEPS), 5);
}
END_TEST

/* ---- deadlines ---- */

START_TEST(test_stamps)
{
	long long t;
	char buf[20];
	ck_assert(date_stamp_parse("2026-06-30 12:00:00", &t));
	ck_assert_str_eq(date_stamp_format(t + 2 * 3600, buf), "2026-06-30 14:00:00");
	ck_assert_str_eq(date_stamp_format(t + 12 * 3600, buf), "2026-07-01 00:00:00");
	ck_assert(date_stamp_parse("1969-12-31 23:59:59", &t));
	ck_assert_int_eq(t, -1);
	ck_assert_str_eq(date_stamp_format(t, buf), "1969-12-31 23:59:59");
	ck_assert(!date_stamp_parse("2026-02-29 10:00:00", &t));
	ck_assert(!date_stamp_parse("2026-06-30 24:00:00", &t));
	ck_assert(!date_stamp_parse("2026-06-30 23:60:00", &t));
	ck_assert(!date_stamp_parse("2026-06-30T12:00:00", &t));
	ck_assert(!date_stamp_parse("2026-06-30 12:00", &t));
	ck_assert(!date_stamp_parse("2026-06-30 12:00:00 ", &t));

	/* MAITRE_NOW fixes the clock; it wins over MAITRE_TODAY; a bad one is ignored */
	setenv("MAITRE_TODAY", "2026-06-30", 1);
	setenv("MAITRE_NOW", "2026-07-02 09:08:07", 1);
	ck_assert_str_eq(date_now_stamp(buf), "2026-07-02 09:08:07");
	ck_assert_int_eq(date_now_hour(), 9);
	struct date d = date_today();
	ck_assert_int_eq(d.m * 100 + d.d, 702);
	setenv("MAITRE_NOW", "2026-07-02 25:00:00", 1);
	ck_assert_int_eq(strncmp(date_now_stamp(buf), "2026-06-30 ", 11), 0);
	d = date_today();
	ck_assert_int_eq(d.m * 100 + d.d, 630);
	unsetenv("MAITRE_NOW");
}
END_TEST

START_TEST(test_deadlines_at_their_boundaries)
{
	struct complaint_rules r = rules();
	char due[20];
	struct complaint c = at_status(CS_OPEN, "2026-06-30 12:00:00");
	ck_assert(complaint_due(&c, &r, CD_ACK, due));
	ck_assert_str_eq(due, "2026-06-30 14:00:00");
	ck_assert(complaint_due(&c, &r, CD_RESOLVE, due));
	ck_assert_str_eq(due, "2026-07-02 12:00:00");
	ck_assert(!complaint_due(&c, &r, CD_FOLLOWUP, due)); /* no resolution yet */
	ck_assert_str_eq(due, "");
	ck_assert_int_eq(complaint_pending(&c), CD_ACK);

	/* open: in time up to 2h00m00s, overdue from 2h00m01s; past 48h, the resolve deadline */
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-06-30 12:00:00"), CD_NONE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-06-30 14:00:00"), CD_NONE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-06-30 14:00:01"), CD_ACK);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-07-02 12:00:00"), CD_ACK);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-07-02 12:00:01"), CD_RESOLVE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "not a time"), CD_NONE);

	/* acknowledged at 2h00m00s: in time; the resolve deadline still runs from opening */
	c.status = CS_ACKNOWLEDGED;
	snprintf(c.acknowledged_at, sizeof c.acknowledged_at, "2026-06-30 14:00:00");
	ck_assert_int_eq(complaint_pending(&c), CD_RESOLVE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-06-30 14:00:01"), CD_NONE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-07-02 12:00:00"), CD_NONE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-07-02 12:00:01"), CD_RESOLVE);
	ck_assert_str_eq(complaint_met(&c, CD_ACK), "2026-06-30 14:00:00");
	ck_assert_str_eq(complaint_met(&c, CD_RESOLVE), "");

	/* resolved: follow up within 7 days of the resolution, to the second */
	c.status = CS_RESOLVED;
	snprintf(c.resolved_at, sizeof c.resolved_at, "2026-07-03 10:00:00"); /* resolved late */
	ck_assert(complaint_due(&c, &r, CD_FOLLOWUP, due));
	ck_assert_str_eq(due, "2026-07-10 10:00:00");
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-07-10 10:00:00"), CD_NONE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-07-10 10:00:01"), CD_FOLLOWUP);

	/* followed up or closed: nothing is due any more */
	c.status = CS_FOLLOWED_UP;
	ck_assert_int_eq(complaint_pending(&c), CD_NONE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2030-01-01 00:00:00"), CD_NONE);
	c.status = CS_CLOSED;
	ck_assert_int_eq(complaint_overdue(&c, &r, "2030-01-01 00:00:00"), CD_NONE);

	/* across a year end and a leap day */
	c = at_status(CS_OPEN, "2026-12-31 23:00:00");
	ck_assert(complaint_due(&c, &r, CD_ACK, due));
	ck_assert_str_eq(due, "2027-01-01 01:00:00");
	c.status = CS_RESOLVED;
	snprintf(c.resolved_at, sizeof c.resolved_at, "2028-02-25 08:00:00");
	ck_assert(complaint_due(&c, &r, CD_FOLLOWUP, due));
	ck_assert_str_eq(due, "2028-03-03 08:00:00");

	/* the restaurant's own deadlines */
	r.ack_hours = 1;
	r.resolve_hours = 24;
	r.followup_days = 3;
	c = at_status(CS_OPEN, "2026-06-30 12:00:00");
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-06-30 13:00:00"), CD_NONE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-06-30 13:00:01"), CD_ACK);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-07-01 12:00:01"), CD_RESOLVE);
}
END_TEST

START_TEST(test_cutoffs_agree_with_overdue)
{
	struct complaint_rules r = rules();
	struct complaint_cutoffs cut;
	const char *now = "2026-07-10 12:00:00";
	ck_assert(complaint_cutoffs(&r, now, &cut));
	ck_assert_str_eq(cut.open, "2026-07-10 10:00:00");
	ck_assert_str_eq(cut.acknowledged, "2026-07-08 12:00:00");
	ck_assert_str_eq(cut.resolved, "2026-07-03 12:00:00");
	ck_assert(!complaint_cutoffs(&r, "2026-07-10", &cut));

	/* what the store's query selects is what complaint_overdue says, on either side of each
	 * boundary */
	ck_assert(complaint_cutoffs(&r, now, &cut));
	static const char *const times[] = {"2026-07-10 10:00:01", "2026-07-10 10:00:00",
					    "2026-07-10 09:59:59", "2026-07-08 12:00:01",
					    "2026-07-08 12:00:00", "2026-07-08 11:59:59",
					    "2026-07-03 12:00:01", "2026-07-03 12:00:00",
					    "2026-07-03 11:59:59", "2026-06-01 00:00:00"};
	for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
		struct complaint c = at_status(CS_OPEN, times[i]);
		ck_assert_int_eq(strcmp(c.opened_at, cut.open) < 0,
				 complaint_overdue(&c, &r, now) != CD_NONE);
		c.status = CS_ACKNOWLEDGED;
		ck_assert_int_eq(strcmp(c.opened_at, cut.acknowledged) < 0,
				 complaint_overdue(&c, &r, now) != CD_NONE);
		c.status = CS_RESOLVED;
		snprintf(c.resolved_at, sizeof c.resolved_at, "%s", times[i]);
		ck_assert_int_eq(strcmp(c.resolved_at, cut.resolved) < 0,
				 complaint_overdue(&c, &r, now) != CD_NONE);
	}
}
END_TEST

START_TEST(test_prior_since)
{
	struct complaint_rules r = rules();
	char buf[11];
	ck_assert_int_eq(r.prior_days, 180);
	ck_assert_str_eq(complaint_prior_since((struct date){2026, 6, 30}, &r, buf), "2026-01-01");
	ck_assert_str_eq(complaint_prior_since((struct date){2026, 7, 1}, &r, buf), "2026-01-02");
	ck_assert_str_eq(complaint_prior_since((struct date){2028, 8, 27}, &r, buf), "2028-02-29");
}
END_TEST

START_TEST(test_validate)
{
	struct error why;
	struct complaint c;
	complaint_init(&c);
	c.guest_id = 1;
	c.severity = SEV_CRITICAL;
	c.description = strdup("菜里有花生\n客人花生过敏");
	ck_assert_int_eq(complaint_validate(&c, &why), 0);
	c.severity = SEV_NONE;
	ck_assert_int_eq(complaint_validate(&c, &why), -1);
	ck_assert_str_eq(why.msg, "severity: must be low, medium, high or critical");
	c.severity = SEV_LOW;
	c.owner = strdup("li na");
	ck_assert_int_eq(complaint_validate(&c, &why), -1);
	ck_assert_ptr_nonnull(strstr(why.msg, "owner: must be a login name"));
	free(c.owner);
	c.owner = NULL;
	c.staff_involved = strdup("小王\x1b[31m");
	ck_assert_int_eq(complaint_validate(&c, &why), -1);
	ck_assert_str_eq(why.msg, "staff: must not contain control characters");
	free(c.description);
	c.description = strdup("");
	ck_assert_int_eq(complaint_validate(&c, &why), -1);
	ck_assert_str_eq(why.msg, "text: must not be empty");
	complaint_free(&c);
	ck_assert_int_eq(complaint_text_check("note", NULL, false, 10, &why), 0);
	ck_assert_int_eq(complaint_text_check("reason", "", true, 10, &why), -1);
	ck_assert_str_eq(why.msg, "reason: must not be empty");
	ck_assert_int_eq(complaint_text_check("note", "01234567890", false, 10, &why),
			 -1);
}
END_TEST

/* ---- the store ---- */

static struct store *st;

static void setup(void)
{
	setenv("MAITRE_NOW", "2026-06-30 12:00:00", 1);
	st = testdb_open();
}

static void teardown(void)
{
	unsetenv("MAITRE_NOW");
	testdb_close(st);
	st = NULL;
}


/* Everything written about complaints: rows in complaint, complaint_event and their audit. */
static long long written(void)
{
	return testdb_int("SELECT (SELECT total(version) FROM complaint) * 1000000 + "
		       "(SELECT count(*) FROM complaint_event) * 1000 + "
		       "(SELECT count(*) FROM audit WHERE entity = 'complaint')");
}

static void now_is(const char *stamp)
{
	setenv("MAITRE_NOW", stamp, 1);
}

static int64_t add_guest(const char *name)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, name);
	ck_assert_msg(guest_store_save(st, &g, 0, false, NULL) == ST_OK, "%s", store_errmsg(st));
	int64_t id = g.id;
	guest_free(&g);
	return id;
}

static int64_t add_complaint(int64_t guest, const char *at, const char *owner)
{
	struct complaint c;
	complaint_init(&c);
	c.guest_id = guest;
	c.category = CC_SERVICE;
	c.severity = SEV_MEDIUM;
	c.channel = CH_PHONE;
	c.description = strdup("上菜太慢");
	c.owner = owner ? strdup(owner) : NULL;
	now_is(at);
	ck_assert_msg(complaint_store_add(st, &c) == ST_OK, "%s", store_errmsg(st));
	ck_assert_str_eq(c.at, at);
	int64_t id = c.id;
	complaint_free(&c);
	return id;
}

static enum complaint_status status_of(int64_t id)
{
	struct complaint c;
	ck_assert_int_eq(complaint_store_get(st, id, &c, NULL, NULL), ST_OK);
	enum complaint_status s = c.status;
	complaint_free(&c);
	return s;
}

START_TEST(test_store_add_and_get)
{
	int64_t g = add_guest("孙先生");
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = g;
	snprintf(v.date, sizeof v.date, "2026-06-29");
	v.meal = MEAL_DINNER;
	v.covers = 4;
	v.spend_fen = 80000;
	ck_assert_int_eq(visit_store_add(st, &v), ST_OK);

	struct complaint c;
	complaint_init(&c);
	c.guest_id = g;
	c.visit_id = v.id;
	c.category = CC_FOOD;
	c.severity = SEV_CRITICAL;
	c.channel = CH_IN_PERSON;
	c.description = strdup("菜里有花生，客人花生过敏");
	c.staff_involved = strdup("小王");
	c.owner = strdup("lina");
	now_is("2026-06-30 12:34:56");
	ck_assert_msg(complaint_store_add(st, &c) == ST_OK, "%s", store_errmsg(st));
	ck_assert_int_eq(c.id, 1);
	complaint_free(&c);

	struct complaint_event *ev;
	size_t nev;
	ck_assert_int_eq(complaint_store_get(st, 1, &c, &ev, &nev), ST_OK);
	ck_assert_int_eq(c.guest_id, g);
	ck_assert_int_eq(c.visit_id, v.id);
	ck_assert_str_eq(c.at, "2026-06-30 12:34:56");
	ck_assert_str_eq(c.opened_at, c.at);
	ck_assert_int_eq(c.category, CC_FOOD);
	ck_assert_int_eq(c.severity, SEV_CRITICAL);
	ck_assert_int_eq(c.channel, CH_IN_PERSON);
	ck_assert_int_eq(c.status, CS_OPEN);
	ck_assert_str_eq(c.description, "菜里有花生，客人花生过敏");
	ck_assert_str_eq(c.staff_involved, "小王");
	ck_assert_str_eq(c.owner, "lina");
	ck_assert_str_eq(c.created_by, store_login(st));
	ck_assert_str_eq(c.guest_name, "孙先生");
	ck_assert(!c.has_compensation);
	ck_assert_uint_eq(nev, 1);
	ck_assert_str_eq(ev[0].action, "create");
	ck_assert_int_eq(ev[0].from, -1);
	ck_assert_int_eq(ev[0].to, CS_OPEN);
	ck_assert_str_eq(ev[0].at, "2026-06-30 12:34:56");
	ck_assert_str_eq(ev[0].staff, store_login(st));
	complaint_event_free(&ev[0]);
	free(ev);
	complaint_free(&c);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'complaint' AND "
				 "action = 'create' AND at = '2026-06-30 12:34:56'"), 1);

	/* without --owner, whoever logs it owns it */
	int64_t id = add_complaint(g, "2026-06-30 13:00:00", NULL);
	ck_assert_int_eq(complaint_store_get(st, id, &c, NULL, NULL), ST_OK);
	ck_assert_str_eq(c.owner, store_login(st));
	complaint_free(&c);
	ck_assert_int_eq(complaint_store_get(st, 99, &c, NULL, NULL), ST_NOTFOUND);
}
END_TEST

START_TEST(test_store_add_invalid_writes_nothing)
{
	int64_t g1 = add_guest("孙先生"), g2 = add_guest("唐总");
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = g2;
	snprintf(v.date, sizeof v.date, "2026-06-29");
	v.meal = MEAL_LUNCH;
	v.covers = 2;
	ck_assert_int_eq(visit_store_add(st, &v), ST_OK);
	long long before = written();

	struct complaint c;
	complaint_init(&c);
	c.guest_id = 424242;
	c.category = CC_FOOD;
	c.severity = SEV_HIGH;
	c.description = strdup("太咸");
	ck_assert_int_eq(complaint_store_add(st, &c), ST_NOTFOUND);
	ck_assert_str_eq(store_errmsg(st), "guest: no guest with id 424242");
	c.guest_id = g1;
	c.visit_id = v.id; /* another guest's visit */
	ck_assert_int_eq(complaint_store_add(st, &c), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "visit: visit 1 is guest 2's"));
	c.visit_id = 77;
	ck_assert_int_eq(complaint_store_add(st, &c), ST_NOTFOUND);
	ck_assert_str_eq(store_errmsg(st), "visit: no visit with id 77");
	c.guest_id = g2;
	c.visit_id = v.id;
	ck_assert_int_eq(visit_store_void(st, v.id, VOID_OTHER, "entered twice"), ST_OK);
	before = written();
	ck_assert_int_eq(complaint_store_add(st, &c), ST_INVALID);
	ck_assert_str_eq(store_errmsg(st), "visit: visit 1 is void");
	c.visit_id = 0;
	free(c.description);
	c.description = strdup("");
	ck_assert_int_eq(complaint_store_add(st, &c), ST_INVALID);
	ck_assert_str_eq(store_errmsg(st), "text: must not be empty");
	ck_assert_int_eq(c.id, 0);
	complaint_free(&c);
	ck_assert_int_eq(written(), before);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM complaint"), 0);
}
END_TEST

START_TEST(test_store_lifecycle)
{
	int64_t g = add_guest("孙先生");
	int64_t id = add_complaint(g, "2026-06-30 12:00:00", "lina");
	now_is("2026-06-30 12:30:00");
	ck_assert_int_eq(complaint_store_ack(st, id, "已向客人致歉"), ST_OK);
	ck_assert_int_eq(complaint_store_step(st, id, 1, true), ST_OK);
	ck_assert_int_eq(complaint_store_step(st, id, 2, true), ST_OK);
	ck_assert_int_eq(complaint_store_step(st, id, 3, true), ST_OK);
	ck_assert_int_eq(complaint_store_step(st, id, 3, false), ST_OK);
	now_is("2026-07-01 09:00:00");
	ck_assert_int_eq(complaint_store_resolve(st, id, "经理亲自道歉，赠送果盘", 8800), ST_OK);
	now_is("2026-07-03 15:00:00");
	ck_assert_int_eq(complaint_store_followup(st, id, CV_SATISFIED, "客人表示满意"), ST_OK);
	now_is("2026-07-04 10:00:00");
	ck_assert_int_eq(complaint_store_close(st, id), ST_OK);

	struct complaint c;
	struct complaint_event *ev;
	size_t nev;
	ck_assert_int_eq(complaint_store_get(st, id, &c, &ev, &nev), ST_OK);
	ck_assert_int_eq(c.status, CS_CLOSED);
	ck_assert_str_eq(c.acknowledged_at, "2026-06-30 12:30:00");
	ck_assert_str_eq(c.resolved_at, "2026-07-01 09:00:00");
	ck_assert_str_eq(c.resolution, "经理亲自道歉，赠送果盘");
	ck_assert(c.has_compensation);
	ck_assert_int_eq(c.compensation_fen, 8800);
	ck_assert_str_eq(c.followed_up_at, "2026-07-03 15:00:00");
	ck_assert_int_eq(c.verdict, CV_SATISFIED);
	ck_assert_str_eq(c.followup_note, "客人表示满意");
	ck_assert_str_eq(c.closed_at, "2026-07-04 10:00:00");
	ck_assert_uint_eq(c.steps, 1u | 2u | 16u); /* the follow-up ticks step 5 */
	ck_assert_int_eq(c.version, 9); /* created, then 8 changes */
	/* the timeline: who, when, from → to */
	static const char *const actions[] = {"create", "ack",     "step",     "step",  "step",
					      "unstep", "resolve", "followup", "close"};
	ck_assert_uint_eq(nev, 9);
	for (size_t i = 0; i < nev; i++) {
		ck_assert_str_eq(ev[i].action, actions[i]);
		ck_assert_str_eq(ev[i].staff, store_login(st));
	}
	ck_assert_int_eq(ev[1].from, CS_OPEN);
	ck_assert_int_eq(ev[1].to, CS_ACKNOWLEDGED);
	ck_assert_str_eq(ev[1].note, "已向客人致歉");
	ck_assert_str_eq(ev[5].note, "3");
	ck_assert_int_eq(ev[5].from, -1);
	ck_assert_int_eq(ev[6].from, CS_ACKNOWLEDGED);
	ck_assert_int_eq(ev[6].to, CS_RESOLVED);
	ck_assert_int_eq(ev[6].amount_fen, 8800);
	ck_assert_str_eq(ev[6].at, "2026-07-01 09:00:00");
	ck_assert_int_eq(ev[7].verdict, CV_SATISFIED);
	ck_assert_int_eq(ev[8].from, CS_FOLLOWED_UP);
	ck_assert_int_eq(ev[8].to, CS_CLOSED);
	ck_assert_int_eq(ev[8].amount_fen, -1);
	for (size_t i = 0; i < nev; i++)
		complaint_event_free(&ev[i]);
	free(ev);
	complaint_free(&c);
	/* one audit row for each change; status changes say old → new */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'complaint' AND "
				 "field = 'status'"), 4);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'complaint' AND "
				 "action = 'close' AND old = 'followed_up' AND new = 'closed' AND "
				 "at = '2026-07-04 10:00:00'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'complaint' AND "
				 "field = 'steps' AND old = '1 2' AND new = '1 2 5'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'complaint' AND "
				 "field = 'compensation' AND new = '88.00'"), 1);

	/* reopened: a new round, deadlines from now, a clear checklist; money given is kept */
	now_is("2026-07-05 18:00:00");
	ck_assert_int_eq(complaint_store_reopen(st, id, "客人又来电，仍不满意"), ST_OK);
	ck_assert_int_eq(complaint_store_get(st, id, &c, NULL, NULL), ST_OK);
	ck_assert_int_eq(c.status, CS_OPEN);
	ck_assert_str_eq(c.opened_at, "2026-07-05 18:00:00");
	ck_assert_str_eq(c.at, "2026-06-30 12:00:00");
	ck_assert_str_eq(c.acknowledged_at, "");
	ck_assert_str_eq(c.resolved_at, "");
	ck_assert_ptr_null(c.resolution);
	ck_assert_int_eq(c.verdict, CV_NONE);
	ck_assert_str_eq(c.closed_at, "");
	ck_assert_uint_eq(c.steps, 0);
	ck_assert_int_eq(c.compensation_fen, 8800);
	struct complaint_rules r = rules();
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-07-05 20:00:00"), CD_NONE);
	ck_assert_int_eq(complaint_overdue(&c, &r, "2026-07-05 20:00:01"), CD_ACK);
	complaint_free(&c);
	now_is("2026-07-05 18:10:00");
	ck_assert_int_eq(complaint_store_ack(st, id, NULL), ST_OK);
	ck_assert_int_eq(complaint_store_resolve(st, id, "免单", 20000), ST_OK);
	ck_assert_int_eq(complaint_store_get(st, id, &c, &ev, &nev), ST_OK);
	ck_assert_int_eq(c.compensation_fen, 28800); /* all compensation given */
	ck_assert_uint_eq(nev, 12);
	ck_assert_str_eq(ev[9].action, "reopen");
	ck_assert_int_eq(ev[9].from, CS_CLOSED);
	ck_assert_int_eq(ev[9].to, CS_OPEN);
	ck_assert_str_eq(ev[9].note, "客人又来电，仍不满意");
	ck_assert_ptr_null(ev[10].note);
	for (size_t i = 0; i < nev; i++)
		complaint_event_free(&ev[i]);
	free(ev);
	complaint_free(&c);
	/* reopened from resolved and from followed_up too */
	ck_assert_int_eq(complaint_store_reopen(st, id, "again"), ST_OK);
	ck_assert_int_eq(complaint_store_ack(st, id, NULL), ST_OK);
	ck_assert_int_eq(complaint_store_resolve(st, id, "x", -1), ST_OK);
	ck_assert_int_eq(complaint_store_followup(st, id, CV_UNSATISFIED, "no"), ST_OK);
	ck_assert_int_eq(complaint_store_reopen(st, id, "unsatisfied"), ST_OK);
	ck_assert_int_eq(status_of(id), CS_OPEN);
}
END_TEST

/* Every refused move: ST_INVALID naming the status, and nothing written. */
static void refuse_all_but(int64_t id, enum complaint_status s)
{
	char want[64];
	snprintf(want, sizeof want, " %s", complaint_status_names[s]);
	for (int a = 0; a < CA_COUNT; a++) {
		if (complaint_move(s, (enum complaint_action)a, NULL))
			continue;
		long long before = written();
		enum store_status rs = ST_OK;
		switch ((enum complaint_action)a) {
		case CA_ACK: rs = complaint_store_ack(st, id, "n"); break;
		case CA_RESOLVE: rs = complaint_store_resolve(st, id, "r", 100); break;
		case CA_FOLLOWUP: rs = complaint_store_followup(st, id, CV_SATISFIED, "n"); break;
		case CA_CLOSE: rs = complaint_store_close(st, id); break;
		case CA_REOPEN: rs = complaint_store_reopen(st, id, "r"); break;
		case CA_COUNT: break;
		}
		ck_assert_msg(rs == ST_INVALID, "%s from %s", complaint_action_names[a],
			      complaint_status_names[s]);
		ck_assert_msg(strstr(store_errmsg(st), want), "%s", store_errmsg(st));
		ck_assert_int_eq(written(), before);
		ck_assert_int_eq(status_of(id), s);
	}
}

START_TEST(test_store_refused_moves_write_nothing)
{
	int64_t g = add_guest("孙先生");
	int64_t id = add_complaint(g, "2026-06-30 12:00:00", NULL);
	refuse_all_but(id, CS_OPEN);
	ck_assert_int_eq(complaint_store_ack(st, id, NULL), ST_OK);
	refuse_all_but(id, CS_ACKNOWLEDGED);
	ck_assert_int_eq(complaint_store_resolve(st, id, "ok", -1), ST_OK);
	refuse_all_but(id, CS_RESOLVED);
	ck_assert_int_eq(complaint_store_followup(st, id, CV_SATISFIED, "ok"), ST_OK);
	refuse_all_but(id, CS_FOLLOWED_UP);
	ck_assert_int_eq(complaint_store_close(st, id), ST_OK);
	refuse_all_but(id, CS_CLOSED);
	ck_assert_int_eq(complaint_store_followup(st, id, CV_SATISFIED, "n"), ST_INVALID);
	ck_assert_str_eq(store_errmsg(st), "complaint 1 is closed: it cannot be followed up "
					   "(next: reopen)");

	/* the checklist of a closed complaint does not change; a step is ticked once */
	long long before = written();
	ck_assert_int_eq(complaint_store_step(st, id, 1, true), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "is closed"));
	ck_assert_int_eq(complaint_store_reopen(st, id, "再次投诉"), ST_OK);
	ck_assert_int_eq(complaint_store_step(st, id, 2, true), ST_OK);
	before = written();
	ck_assert_int_eq(complaint_store_step(st, id, 2, true), ST_INVALID);
	ck_assert_str_eq(store_errmsg(st), "step 2 (apologise) of complaint 1 is already ticked");
	ck_assert_int_eq(complaint_store_step(st, id, 4, false), ST_INVALID);
	ck_assert_int_eq(complaint_store_step(st, id, 0, true), ST_INVALID);
	ck_assert_int_eq(complaint_store_step(st, id, 6, true), ST_INVALID);
	/* bad input and missing complaints */
	ck_assert_int_eq(complaint_store_reopen(st, id, ""), ST_INVALID);
	ck_assert_int_eq(complaint_store_ack(st, id, "bad\x07note"), ST_INVALID);
	ck_assert_int_eq(complaint_store_followup(st, id, CV_NONE, "n"), ST_INVALID);
	ck_assert_int_eq(complaint_store_ack(st, 99, NULL), ST_NOTFOUND);
	ck_assert_str_eq(store_errmsg(st), "no complaint with id 99");
	ck_assert_int_eq(complaint_store_step(st, 99, 1, true), ST_NOTFOUND);
	ck_assert_int_eq(written(), before);
}
END_TEST

/* The ids in a listing, as "1 3 4". */
static char *ids(const struct complaint_filter *f)
{
	struct complaint *v;
	size_t n;
	ck_assert_msg(complaint_store_list(st, f, &v, &n) == ST_OK, "%s", store_errmsg(st));
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++) {
		sbuf_printf(&b, "%s%lld", i ? " " : "", (long long)v[i].id);
		complaint_free(&v[i]);
	}
	free(v);
	return sbuf_detach(&b);
}

#define ck_ids(f, expect)                                                                   \
	do {                                                                                \
		char *got_ = ids(f);                                                        \
		ck_assert_msg(strcmp(got_, expect) == 0, "got \"%s\", want \"%s\"", got_, expect); \
		free(got_);                                                                 \
	} while (0)

START_TEST(test_store_filters_and_overdue)
{
	struct complaint_rules r = rules();
	int64_t g1 = add_guest("孙先生"), g2 = add_guest("唐总");
	const char *now = "2026-07-10 12:00:00";
	/* 1: open, logged 2h00m01s before now: overdue (acknowledge) */
	add_complaint(g1, "2026-07-10 09:59:59", "lina");
	/* 2: open, logged exactly 2h before: in time */
	add_complaint(g2, "2026-07-10 10:00:00", "wang");
	/* 3: acknowledged in time, but 48h00m01s since logged: overdue (resolve) */
	add_complaint(g1, "2026-07-08 11:59:59", "wang");
	now_is("2026-07-08 12:30:00");
	ck_assert_int_eq(complaint_store_ack(st, 3, NULL), ST_OK);
	/* 4: resolved 7 days and 1 second before now: overdue (follow-up) */
	add_complaint(g2, "2026-07-02 12:00:00", "lina");
	now_is("2026-07-02 12:10:00");
	ck_assert_int_eq(complaint_store_ack(st, 4, NULL), ST_OK);
	now_is("2026-07-03 11:59:59");
	ck_assert_int_eq(complaint_store_resolve(st, 4, "道歉", -1), ST_OK);
	/* 5: resolved exactly 7 days before: in time */
	add_complaint(g1, "2026-07-02 12:00:00", "lina");
	now_is("2026-07-02 12:10:00");
	ck_assert_int_eq(complaint_store_ack(st, 5, NULL), ST_OK);
	now_is("2026-07-03 12:00:00");
	ck_assert_int_eq(complaint_store_resolve(st, 5, "道歉", -1), ST_OK);
	/* 6: followed up long ago, 7: closed long ago: nothing due */
	add_complaint(g1, "2026-05-01 12:00:00", "lina");
	add_complaint(g2, "2026-05-01 12:00:00", "lina");
	for (int64_t id = 6; id <= 7; id++) {
		ck_assert_int_eq(complaint_store_ack(st, id, NULL), ST_OK);
		ck_assert_int_eq(complaint_store_resolve(st, id, "r", -1), ST_OK);
		ck_assert_int_eq(complaint_store_followup(st, id, CV_SATISFIED, "n"), ST_OK);
	}
	ck_assert_int_eq(complaint_store_close(st, 7), ST_OK);

	struct complaint_filter f = {0};
	ck_ids(&f, "1 2 3 4 5 6 7");
	f.open = true;
	ck_ids(&f, "1 2 3 4 5 6");
	f = (struct complaint_filter){.overdue = true, .now = now, .rules = &r};
	ck_ids(&f, "1 3 4");
	f.owner = "lina";
	ck_ids(&f, "1 4");
	f.owner = "wang";
	ck_ids(&f, "3");
	f.owner = NULL;
	f.guest_id = g2;
	ck_ids(&f, "4");
	f = (struct complaint_filter){.owner = "lina"};
	ck_ids(&f, "1 4 5 6 7");
	f = (struct complaint_filter){.guest_id = g1, .open = true};
	ck_ids(&f, "1 3 5 6");
	f = (struct complaint_filter){.owner = "nobody"};
	struct complaint *v;
	size_t n;
	ck_assert_int_eq(complaint_store_list(st, &f, &v, &n), ST_NOTFOUND);
	ck_assert_str_eq(store_errmsg(st), "owner: no staff member with login \"nobody\"");
	f = (struct complaint_filter){.overdue = true, .now = "soon", .rules = &r};
	ck_assert_int_eq(complaint_store_list(st, &f, &v, &n), ST_INVALID);

	/* the store's query and complaint_overdue agree on every complaint, one second either
	 * side of now */
	static const char *const nows[] = {"2026-07-10 11:59:59", "2026-07-10 12:00:00",
					   "2026-07-10 12:00:01"};
	for (size_t k = 0; k < 3; k++) {
		struct complaint *all;
		size_t nall;
		struct complaint_filter everything = {0};
		f = (struct complaint_filter){.overdue = true, .now = nows[k], .rules = &r};
		char *got = ids(&f);
		ck_assert_int_eq(complaint_store_list(st, &everything, &all, &nall), ST_OK);
		struct sbuf b = {0};
		sbuf_add(&b, "");
		for (size_t i = 0; i < nall; i++) {
			if (complaint_overdue(&all[i], &r, nows[k]) != CD_NONE)
				sbuf_printf(&b, "%s%lld", b.len ? " " : "", (long long)all[i].id);
			complaint_free(&all[i]);
		}
		free(all);
		char *want = sbuf_detach(&b);
		ck_assert_msg(strcmp(got, want) == 0, "at %s: store %s, core %s", nows[k], got,
			      want);
		free(got);
		free(want);
	}
}
END_TEST

START_TEST(test_store_prior_complaint_window)
{
	struct complaint_rules r = rules();
	int64_t g1 = add_guest("孙先生"), g2 = add_guest("唐总"), g3 = add_guest("刘局长");
	add_complaint(g1, "2026-01-01 00:00:00", NULL); /* 180 days before 2026-06-30 */
	add_complaint(g2, "2025-12-31 23:59:59", NULL); /* 181 days before */
	char since[11];
	bool has;
	complaint_prior_since((struct date){2026, 6, 30}, &r, since);
	ck_assert_int_eq(complaint_store_prior(st, g1, since, &has), ST_OK);
	ck_assert(has);
	ck_assert_int_eq(complaint_store_prior(st, g2, since, &has), ST_OK);
	ck_assert(!has);
	ck_assert_int_eq(complaint_store_prior(st, g3, since, &has), ST_OK);
	ck_assert(!has);
	/* a day later the first has left the window too */
	complaint_prior_since((struct date){2026, 7, 1}, &r, since);
	ck_assert_int_eq(complaint_store_prior(st, g1, since, &has), ST_OK);
	ck_assert(!has);
	/* however the complaint ended, it is a prior complaint */
	int64_t id = add_complaint(g3, "2026-06-29 20:00:00", NULL);
	ck_assert_int_eq(complaint_store_ack(st, id, NULL), ST_OK);
	ck_assert_int_eq(complaint_store_resolve(st, id, "r", -1), ST_OK);
	ck_assert_int_eq(complaint_store_followup(st, id, CV_SATISFIED, "n"), ST_OK);
	ck_assert_int_eq(complaint_store_close(st, id), ST_OK);
	ck_assert_int_eq(complaint_store_prior(st, g3, since, &has), ST_OK);
	ck_assert(has);
}
END_TEST

START_TEST(test_store_plans_use_indexes)
{
	struct strv plans = {0};
	ck_assert_int_eq(complaint_store_explain(st, &plans), ST_OK);
	ck_assert_uint_eq(plans.n, 9);
	for (size_t i = 0; i < plans.n; i++) {
		/* every query reaches its complaints through an index: no SCAN of the table */
		const char *p = strstr(plans.v[i], "=>");
		ck_assert_ptr_nonnull(p);
		ck_assert_msg(strstr(p, "SEARCH"), "%s", plans.v[i]);
		ck_assert_msg(!strstr(p, "SCAN c") && !strstr(p, "SCAN complaint") &&
				      !strstr(p, "SCAN e") && !strstr(p, "SCAN g"),
			      "%s", plans.v[i]);
		/* overdue alone: each status's complaints are read from their deadline's cutoff
		 * on, not all of them */
		if (strstr(plans.v[i], ":open") && !strstr(plans.v[i], ":owner")) {
			int ranges = 0;
			for (const char *q = p; (q = strstr(q, "_at<?)")); q++)
				ranges++;
			ck_assert_msg(ranges == 3, "%s", plans.v[i]);
		}
	}
	strv_free(&plans);
}
END_TEST

static Suite *complaint_suite(void)
{
	Suite *s = suite_create("complaint");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_transition_table);
	tcase_add_test(tc, test_refusal_names_the_status);
	tcase_add_test(tc, test_checklist);
	tcase_add_test(tc, test_stamps);
	tcase_add_test(tc, test_deadlines_at_their_boundaries);
	tcase_add_test(tc, test_cutoffs_agree_with_overdue);
	tcase_add_test(tc, test_prior_since);
	tcase_add_test(tc, test_validate);
	suite_add_tcase(s, tc);
	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_store_add_and_get);
	tcase_add_test(tc, test_store_add_invalid_writes_nothing);
	tcase_add_test(tc, test_store_lifecycle);
	tcase_add_test(tc, test_store_refused_moves_write_nothing);
	tcase_add_test(tc, test_store_filters_and_overdue);
	tcase_add_test(tc, test_store_prior_complaint_window);
	tcase_add_test(tc, test_store_plans_use_indexes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	int rc = testdb_run(complaint_suite());
	return rc;
}
