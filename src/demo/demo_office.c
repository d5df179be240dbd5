/* demo_office.c — the back office's history of the demo restaurant: the sales managers' calls
 * and visits, complaints at every stage of their recovery (some past their deadline), and the
 * alerts of the last complete month with some feedback and action items. Written through the
 * store's own functions, with a simulated clock for the times of the complaints' moves, so the
 * data is what the interface would have written. */
#include "demo/demo_office.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "demo/demo_data.h"
#include "store/agenda_store.h"
#include "store/alert_store.h"
#include "store/complaint_store.h"
#include "store/staff_store.h"
#include "store/visit_store.h"

#define MAX_CONTACTS 3000
#define MAX_COMPLAINTS 400

static const char *const complaint_texts[CC_COUNT][3] = {
	[CC_FOOD] = {"鱼不新鲜，有异味", "菜里吃出头发", "辣度远超点单要求"},
	[CC_SERVICE] = {"服务员态度冷淡，催了三次才上茶", "结账时多收了一道菜", "包间无人照应"},
	[CC_WAITING_TIME] = {"热菜等了四十分钟", "预订的包间迟到半小时才腾出", "上菜顺序混乱，主食先到"},
	[CC_HYGIENE] = {"餐具有污渍", "包间洗手间不干净", "桌布有油渍未换"},
	[CC_ENVIRONMENT] = {"隔壁包间太吵", "空调太冷，调了也没用", "包间有烟味"},
	[CC_PRICE] = {"海鲜按时价结算，比预期贵很多", "酒水开瓶费事先没有说明", "套餐价格与菜单不符"},
	[CC_OTHER] = {"停车位被占，无人协调", "生日蛋糕忘了准备", "发票开错抬头"},
};

/* The clock of date_stamp_parse at hour:minute of day d. */
static long long stamp_at(struct date d, int hour, int minute)
{
	return (long long)date_to_days(d) * 86400 + hour * 3600 + minute * 60;
}

/* A banquet hosted for the guest of agenda row a: most within the tier's cadence, some long
 * ago (overdue now), a few never. */
static enum store_status banquet(struct store *st, const struct tier_rules *r, struct date today,
				 struct demo_rng *rng, const struct agenda_row *a,
				 const struct tier_privilege *p, long *made)
{
	double u = demo_rng_unit(rng);
	if (!p || p->banquet_min_months < 1 || u < 0.2)
		return ST_OK;
	int max = p->banquet_max_months > p->banquet_min_months ? p->banquet_max_months
								: p->banquet_min_months;
	long back = u < 0.8 ? demo_rng_range(rng, 7, p->banquet_min_months * 30 - 1)
			    : max * 31 + demo_rng_range(rng, 1, 40);
	struct agenda_banquet b = {.guest_id = a->guest_id,
				   .on = date_add_days(today, -back),
				   .tables = (int)demo_rng_range(rng, 1, 3),
				   .note = "家宴，客人满意"};
	enum store_status s = agenda_store_banquet(st, r, today, &b);
	if (s == ST_OK)
		++*made;
	return s;
}

/* Calls and visits: most guests due by their tier's cadence were contacted within it, some
 * long ago (overdue now), a few never. */
static enum store_status contacts(struct store *st, const struct tier_rules *r, struct date today,
				  struct demo_rng *rng, long *made)
{
	struct agenda_row *rows = NULL;
	size_t n = 0;
	enum store_status s = agenda_store_agenda(st, r, today, 1, NULL, &rows, &n);
	for (size_t i = 0; s == ST_OK && i < n && *made < MAX_CONTACTS; i++) {
		const struct agenda_row *a = &rows[i];
		const struct tier_privilege *p = tier_privilege_for(r, a->tier);
		if (a->what == AGENDA_BANQUET) {
			s = banquet(st, r, today, rng, a, p, made);
			continue;
		}
		if (a->what != AGENDA_PHONE && a->what != AGENDA_VISIT)
			continue;
		int every = !p ? 0 : a->what == AGENDA_PHONE ? p->phone_days : p->visit_days;
		double u = demo_rng_unit(rng);
		if (every < 2 || u < 0.12)
			continue; /* never contacted: due today */
		/* most within the cadence (not due), the rest some days past it (overdue) */
		long back = u < 0.82 ? demo_rng_range(rng, 1, every - 1)
				     : every + demo_rng_range(rng, 1, 20);
		struct agenda_contact c = {
			.guest_id = a->guest_id,
			/* a WeChat message is not the call the cadence asks for */
			.channel = a->what == AGENDA_PHONE ? "phone" : "visit",
			.on = date_add_days(today, -back),
			.outcome = a->what == AGENDA_PHONE ? "问候近况，约下次来店" : "登门拜访，送上新菜品尝券",
		};
		if ((s = agenda_store_contact(st, today, &c)) == ST_OK)
			++*made;
	}
	agenda_rows_free(rows, n);
	return s;
}

/* One complaint about a visit, taken as far through its recovery as the dice say; the clock
 * follows each move. */
static enum store_status one_complaint(struct store *st, const struct visit *v, struct date today,
				       struct demo_rng *rng)
{
	struct complaint c;
	complaint_init(&c);
	c.guest_id = v->guest_id;
	c.visit_id = v->id;
	c.category = (enum complaint_category)demo_rng_range(rng, 0, CC_COUNT - 1);
	c.channel = (enum complaint_channel)demo_rng_range(rng, 0, CH_COUNT - 1);
	double sv = demo_rng_unit(rng);
	c.severity = sv < 0.35 ? SEV_LOW : sv < 0.8 ? SEV_MEDIUM : sv < 0.97 ? SEV_HIGH : SEV_CRITICAL;
	c.description = (char *)complaint_texts[c.category][demo_rng_range(rng, 0, 2)];
	c.owner = (char *)demo_pick_w(rng, demo_sales_managers, demo_sales_managers_n);
	struct date day;
	date_parse(v->date, &day);
	long long t = stamp_at(day, v->meal == MEAL_LUNCH ? 13 : 20, (int)demo_rng_range(rng, 0, 59));
	long long now = stamp_at(today, 10, 0);
	date_clock_set(t);
	enum store_status s = complaint_store_add(st, &c);
	int64_t id = c.id;
	c.description = c.owner = NULL; /* not ours to free */
	complaint_free(&c);
	/* how far it went: ack, steps, resolve, follow-up, close (older ones further) */
	long age_days = (now - t) / 86400;
	int stage = (int)demo_rng_range(rng, age_days > 10 ? 3 : 0, 4); /* moves made, of 4 */
	/* one draw per statement: an initializer list's order of evaluation is unspecified */
	static const long step_range[][2] = {{600, 3 * 3600}, {3600, 60 * 3600}, {86400, 8 * 86400},
					     {3600, 86400}};
	long long step[4];
	for (int k = 0; k < 4; k++)
		step[k] = demo_rng_range(rng, step_range[k][0], step_range[k][1]);
	for (int k = 0; s == ST_OK && k < stage; k++) {
		if ((t += step[k]) >= now)
			break;
		date_clock_set(t);
		if (k == 0)
			s = complaint_store_ack(st, id, "已致电客人致歉");
		else if (k == 1) {
			for (int n = 1; s == ST_OK && n <= 4; n++)
				s = complaint_store_step(st, id, n, true);
			if (s == ST_OK)
				s = complaint_store_resolve(st, id, "店长当面致歉，下次来店赠送招牌菜",
							    demo_rng_chance(rng, 0.5)
								    ? demo_rng_range(rng, 1, 6) * 5000
								    : -1);
		} else if (k == 2)
			s = complaint_store_followup(st, id,
						     demo_rng_chance(rng, 0.85) ? CV_SATISFIED
									       : CV_UNSATISFIED,
						     "回访：客人表示理解");
		else
			s = complaint_store_close(st, id);
	}
	date_clock_set(0);
	return s;
}

/* Complaints about recent visits of a sample of guests. */
static enum store_status complaints(struct store *st, long guests, struct date today,
				    struct demo_rng *rng, long *made)
{
	char from[11], until[11];
	date_format(date_add_days(today, -60), from);
	date_format(date_add_days(today, -1), until); /* the complaints came the day after, or later */
	long want = guests / 30 < MAX_COMPLAINTS ? guests / 30 : MAX_COMPLAINTS;
	enum store_status s = ST_OK;
	for (long tries = 0; s == ST_OK && *made < want && tries < want * 8; tries++) {
		struct visit_filter f = {.guest_id = demo_rng_range(rng, 1, guests), .from = from,
					 .until = until};
		struct visit *v = NULL;
		size_t n = 0;
		if ((s = visit_store_list(st, &f, &v, &n)) == ST_OK && n) {
			if ((s = one_complaint(st, &v[demo_rng_range(rng, 0, (long)n - 1)], today, rng)) ==
			    ST_OK)
				++*made;
		}
		for (size_t i = 0; i < n; i++)
			visit_free(&v[i]);
		free(v);
	}
	return s;
}

/* The last complete month's alerts, a third of them with the sales manager's feedback and an
 * action item or two. */
static enum store_status alerts(struct store *st, const struct tier_rules *r, struct date today,
				struct demo_rng *rng, long *made)
{
	struct date m = date_prev_month(date_month_start(today));
	char now[20];
	date_clock_set(stamp_at(date_month_start(today), 9, 30));
	long raised = 0;
	enum store_status s = alert_store_detect(st, r, m, date_now_stamp(now), made, &raised);
	struct alert_row *rows = NULL;
	size_t n = 0;
	if (s == ST_OK)
		s = alert_store_list(st, m, false, &rows, &n);
	for (size_t i = 0; s == ST_OK && i < n; i++) {
		if (!demo_rng_chance(rng, 0.35))
			continue;
		s = alert_store_feedback(st, rows[i].id, strcmp(rows[i].light, "red") == 0
								 ? "电话未接通，已发微信问候"
								 : "客人说最近出差多，月底会来");
		int no;
		if (s == ST_OK)
			s = alert_store_action(st, rows[i].id, "店长亲自致电邀请品鉴新菜",
					       demo_pick_w(rng, demo_sales_managers, demo_sales_managers_n), &no);
		if (s == ST_OK && demo_rng_chance(rng, 0.5))
			s = alert_store_done(st, rows[i].id, no, false);
	}
	free(rows);
	date_clock_set(0);
	return s;
}

enum store_status demo_office(struct store *st, const struct tier_rules *r, long guests,
			      uint64_t seed, struct date today, struct demo_office_stats *out)
{
	struct demo_rng rng;
	demo_rng_stream(&rng, seed, S_OFFICE, 0);
	memset(out, 0, sizeof *out);
	enum store_status s = contacts(st, r, today, &rng, &out->contacts);
	if (s == ST_OK)
		s = complaints(st, guests, today, &rng, &out->complaints);
	if (s == ST_OK)
		s = alerts(st, r, today, &rng, &out->alerts);
	return s;
}

const struct demo_member demo_members[] = {
	{"zhouming", "周明", "manager", NULL, false},
	{"wuxia", "吴霞", "manager", NULL, false},
	{"frontdesk", "前台", "receptionist", NULL, true},
	{"liting", "李婷", "receptionist", "1111", false},
	{"huangli", "黄丽", "receptionist", "2222", false},
	{"xuyan", "徐燕", "receptionist", "3333", false},
};
const size_t demo_members_n = sizeof demo_members / sizeof demo_members[0];

/* login with name and role: the row the guests' sheets made is given them, else one is added. */
static enum store_status member(struct store *st, const struct roles *roles, const char *login,
				const char *name, const char *role, bool shared)
{
	struct staff m;
	enum store_status s = staff_store_get(st, login, &m);
	staff_free(&m);
	if (s == ST_NOTFOUND)
		return staff_store_add(st, roles, login, name, role, shared, NULL);
	struct staff_edit e = {.name = name, .role = role, .shared = shared, .disabled = -1};
	return s == ST_OK ? staff_store_edit(st, roles, login, &e, NULL) : s;
}

enum store_status demo_staff(struct store *st, const struct roles *roles)
{
	enum store_status s = ST_OK;
	for (size_t i = 0; s == ST_OK && i < demo_sales_managers_n; i++)
		s = member(st, roles, demo_sales_managers[i].s, demo_sales_manager_names[i],
			   "sales-manager", false);
	for (size_t i = 0; s == ST_OK && i < demo_members_n; i++) {
		const struct demo_member *m = &demo_members[i];
		s = member(st, roles, m->login, m->name, m->role, m->shared);
		if (s == ST_OK && m->pin)
			s = staff_store_set_pin(st, m->login, m->pin);
	}
	return s;
}
