/* demo_guest.c — one guest of the demo restaurant (see demo_guest.h). */
#include "demo/demo_guest.h"

#include <stdio.h>
#include <string.h>

#include "demo/demo_class.h"
#include "demo/demo_data.h"

/* Same seed, same data on every machine: no libm, and no fused multiply-add (GCC does not fuse
 * in ISO C mode, -std=c11; clang would by default). */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

void demo_guest_ctx_init(struct demo_guest_ctx *cx, uint64_t seed, struct date today)
{
	struct demo_rng kr;
	cx->seed = seed;
	cx->this_year = today.y;
	demo_rng_stream(&kr, seed, 0, S_PHONE_KEY);
	cx->mobile_key = demo_rng_next(&kr);
	cx->landline_key = demo_rng_next(&kr);
}

/* A birthday: day of a leap year, so 29 February occurs; the year kept only when it exists. */
static void random_md(struct demo_rng *r, int *month, int *day)
{
	long doy = demo_rng_range(r, 0, 365);
	int m = 1;
	while (doy >= date_month_days(2000, m)) {
		doy -= date_month_days(2000, m);
		m++;
	}
	*month = m;
	*day = (int)doy + 1;
}

static int birth_year(struct demo_rng *r, int lo, int hi, int month, int day)
{
	int y = (int)demo_rng_range(r, lo, hi);
	if (month == 2 && day == 29)
		while (!date_is_leap(y))
			y--;
	return y;
}

/* y, or the year before ymax when y is ymax or later: a special date with a year has happened
 * already (guest_date_check), and a day of this year may still be to come. */
static int past_year(int y, int ymax, int m, int d)
{
	if (y < ymax)
		return y;
	y = ymax - 1;
	if (m == 2 && d == 29)
		while (!date_is_leap(y))
			y--;
	return y;
}

/* A date of kind for person (-1: the guest), the year (known with probability p_year) between
 * ylo and yhi but not after ymax. */
static void add_dated(struct guest *g, struct demo_rng *r, int person, enum date_kind kind,
		      int ylo, int yhi, int ymax, double p_year)
{
	int m, d;
	random_md(r, &m, &d);
	if (yhi > ymax)
		yhi = ymax;
	if (ylo > yhi)
		ylo = yhi;
	int y = demo_rng_chance(r, p_year) ? past_year(birth_year(r, ylo, yhi, m, d), ymax, m, d) : 0;
	guest_add_date(g, person, kind, NULL, y, m, d);
}

static void add_birthday(struct guest *g, struct demo_rng *r, int person, int ylo, int yhi,
			 int ymax, double p_year)
{
	add_dated(g, r, person, DATE_BIRTHDAY, ylo, yhi, ymax, p_year);
}

/* The guest's wedding anniversary, the year known half the time. */
static void add_anniversary(struct guest *g, struct demo_rng *r, int ylo, int yhi, int ymax)
{
	add_dated(g, r, -1, DATE_ANNIVERSARY, ylo, yhi, ymax, 0.5);
}

/* Allergy severity: mostly the usual one for the allergen, sometimes milder or worse. */
static enum severity allergy_severity(struct demo_rng *r, enum severity usual)
{
	long x = demo_rng_range(r, 0, 99);
	if (usual == SEV_CRITICAL)
		return x < 80 ? SEV_CRITICAL : SEV_HIGH;
	if (x < 20 && usual < SEV_CRITICAL)
		return (enum severity)(usual + 1);
	if (x < 40 && usual > SEV_LOW)
		return (enum severity)(usual - 1);
	return usual;
}

/* The preferences of one person (-1: the guest): safety first, then what fits with it. */
struct taste_state {
	unsigned avoid;
	const char *taken[16];
	size_t ntaken;
};

/* The taboo that forbids exactly food (猪肉 for DEMO_PORK). */
static const struct demo_food_item *taboo_of(unsigned food)
{
	for (size_t i = 0; i < demo_taboos_n; i++)
		if (demo_taboos[i].excl == food)
			return &demo_taboos[i];
	return &demo_taboos[0];
}

/* Remembers a picked text (a table pointer) so that it is not picked again. */
static void take(struct taste_state *ts, const char *s)
{
	if (ts->ntaken < LEN(ts->taken))
		ts->taken[ts->ntaken++] = s;
}

static void add_food(struct guest *g, struct demo_rng *r, int person, enum pref_kind kind,
		     const struct demo_food_item *v, size_t n, struct taste_state *ts,
		     enum severity sev_mode)
{
	const struct demo_food_item *it = demo_pick_food(r, v, n, ts->avoid, ts->taken, ts->ntaken);
	if (!it)
		return;
	enum severity sev = SEV_NONE;
	if (kind == PREF_ALLERGY)
		sev = allergy_severity(r, it->sev);
	else if (kind == PREF_TABOO)
		sev = sev_mode == SEV_COUNT ? it->sev : sev_mode;
	guest_add_pref(g, person, kind, sev, it->text);
	ts->avoid |= it->excl;
	take(ts, it->text);
}

static void add_dishes(struct guest *g, struct demo_rng *r, int person, struct taste_state *ts,
		       int n)
{
	for (int i = 0; i < n; i++)
		add_food(g, r, person, PREF_DISH, demo_dishes, demo_dishes_n, ts, SEV_NONE);
}

static bool is_senior(const char *title)
{
	static const char *const senior[] = {"局长", "总", "董事长", "行长", "院长", "书记",
					     "处长", "部长", "主任", "校长"};
	if (!title)
		return false;
	for (size_t i = 0; i < LEN(senior); i++)
		if (strcmp(title, senior[i]) == 0)
			return true;
	return false;
}

static const char *pick_surname(struct demo_rng *r)
{
	return DEMO_PICK_W(r, demo_surnames);
}

/* Who a guest is, as drawn by the first steps; the later steps keep to it. */
struct who {
	struct demo_class c;
	bool latin, female, hui, gov;
	const char *surname, *title; /* title: 局长, 总 ..., 先生 / 女士, or Mr / Ms / Dr */
	char given[32];
	struct demo_job job;
	int by, ty; /* birth year, this year */
};

/* The people around the guest (driver, secretary, office director, spouse, child), each with
 * their own preferences and dates. Returns how many. */
static long add_people(struct demo_rng *r, const struct who *w, struct guest *g)
{
	const char *surname = w->surname, *title = w->title;
	bool female = w->female, gov = w->gov, latin = w->latin;
	int by = w->by, ty = w->ty;
	long people = 0;
	char name[64], given[16];
	bool senior = is_senior(title);
	if (senior && demo_rng_chance(r, 0.45)) {
		const char *s = pick_surname(r);
		if (demo_rng_chance(r, 0.5))
			snprintf(name, sizeof name, "%s师傅", s);
		else if (demo_rng_chance(r, 0.5))
			snprintf(name, sizeof name, "小%s", s);
		else
			snprintf(name, sizeof name, "%s%s", s, demo_given_name(r, false, given, sizeof given));
		const char *note = demo_rng_chance(r, 0.6) ? DEMO_PICK(r, demo_driver_notes) : NULL;
		int p = guest_add_person(g, "司机", name, note);
		if (demo_rng_chance(r, 0.3))
			guest_add_pref(g, p, PREF_HABIT, SEV_NONE,
				       demo_rng_chance(r, 0.5) ? "不喝酒，上一壶茶" : "工作餐要面食");
		people++;
	}
	if (senior && demo_rng_chance(r, 0.2)) {
		bool f = demo_rng_chance(r, 0.6);
		const char *s = pick_surname(r);
		if (demo_rng_chance(r, 0.5))
			snprintf(name, sizeof name, "小%s", s);
		else
			snprintf(name, sizeof name, "%s%s", s, demo_given_name(r, f, given, sizeof given));
		const char *note = demo_rng_chance(r, 0.7) ? DEMO_PICK(r, demo_secretary_notes) : NULL;
		if (note && strstr(note, "她") && !f)
			note = "订位一般由他联系";
		else if (note && strstr(note, "他") && f)
			note = "订位一般由她联系";
		int p = guest_add_person(g, "秘书", name, note);
		if (demo_rng_chance(r, 0.3))
			add_birthday(g, r, p, by + 10, by + 25, ty - 22, 0.3);
		people++;
	}
	if (gov && demo_rng_chance(r, 0.15)) {
		const char *s = pick_surname(r);
		snprintf(name, sizeof name, "%s主任", s);
		int p = guest_add_person(g, "办公室主任", name,
					 demo_rng_chance(r, 0.5) ? "公务接待由他安排，提前确认菜单" : NULL);
		if (demo_rng_chance(r, 0.4)) {
			struct taste_state ts = {0};
			add_food(g, r, p, PREF_TASTE, demo_tastes, demo_tastes_n, &ts, SEV_NONE);
		}
		people++;
	}
	if (demo_rng_chance(r, 0.18)) { /* spouse */
		char sname[64];
		const char *rel = female ? "丈夫" : "夫人";
		if (latin) {
			snprintf(sname, sizeof sname, "%s", female ? DEMO_PICK(r, demo_latin_male)
								  : DEMO_PICK(r, demo_latin_female));
		} else {
			const char *s = pick_surname(r);
			snprintf(sname, sizeof sname, "%s%s", s,
				 demo_given_name(r, !female, given, sizeof given));
		}
		int p = guest_add_person(g, rel, sname, NULL);
		struct taste_state ts = {0};
		if (demo_rng_chance(r, 0.08))
			add_food(g, r, p, PREF_ALLERGY, demo_allergies, demo_allergies_n, &ts,
				 SEV_NONE);
		if (demo_rng_chance(r, 0.4))
			add_food(g, r, p, PREF_TASTE, demo_tastes, demo_tastes_n, &ts, SEV_NONE);
		if (demo_rng_chance(r, 0.4))
			add_dishes(g, r, p, &ts, (int)demo_rng_range(r, 1, 2));
		if (demo_rng_chance(r, 0.6)) {
			if (female) /* a husband a little older */
				add_birthday(g, r, p, by - 5, by + 1, ty - 20, 0.4);
			else
				add_birthday(g, r, p, by - 1, by + 6, ty - 20, 0.4);
		}
		if (demo_rng_chance(r, 0.5))
			add_anniversary(g, r, by + 22, by + 32, ty);
		people++;
	}
	if (demo_rng_chance(r, 0.10)) { /* child */
		bool daughter = demo_rng_chance(r, 0.5);
		if (latin)
			snprintf(name, sizeof name, "%s",
				 daughter ? DEMO_PICK(r, demo_latin_female) : DEMO_PICK(r, demo_latin_male));
		else
			snprintf(name, sizeof name, "%s%s", surname,
				 demo_given_name(r, daughter, given, sizeof given));
		int p = guest_add_person(g, daughter ? "女儿" : "儿子", name, NULL);
		struct taste_state ts = {0};
		if (demo_rng_chance(r, 0.12))
			add_food(g, r, p, PREF_ALLERGY, demo_allergies, demo_allergies_n, &ts,
				 SEV_NONE);
		if (demo_rng_chance(r, 0.3)) {
			static const char *const kid[] = {"拔丝山药", "西红柿炒蛋", "糖醋排骨",
							  "杨枝甘露", "符离集烧鸡"};
			const char *d = kid[demo_rng_range(r, 0, (long)LEN(kid) - 1)];
			bool ok = true;
			for (size_t k = 0; k < ts.ntaken; k++)
				ok = ok && !((strcmp(ts.taken[k], "鸡蛋") == 0 &&
					      strcmp(d, "西红柿炒蛋") == 0) ||
					     (strcmp(ts.taken[k], "牛奶") == 0 &&
					      strcmp(d, "杨枝甘露") == 0) ||
					     (strcmp(ts.taken[k], "芒果") == 0 &&
					      strcmp(d, "杨枝甘露") == 0));
			if (ok)
				guest_add_pref(g, p, PREF_DISH, SEV_NONE, d);
		}
		if (demo_rng_chance(r, 0.7))
			add_birthday(g, r, p, by + 22, by + 36, ty - 1, 0.8);
		people++;
	}
	return people;
}

static const char *spending_for(struct demo_rng *r, struct demo_class c)
{
	if (!demo_rng_chance(r, 0.75))
		return NULL;
	if (c.letter >= 0 && c.letter <= 1)
		return demo_rng_chance(r, 0.8) ? "high" : "upper-middle";
	if (c.letter >= 2 && c.letter <= 3)
		return demo_rng_chance(r, 0.6) ? "upper-middle" : "high";
	if (c.letter >= 4)
		return demo_rng_chance(r, 0.6) ? "middle" : "upper-middle";
	static const struct demo_wstr w[] = {{"low", 15}, {"middle", 55}, {"upper-middle", 25},
					     {"high", 5}};
	return demo_pick_w(r, w, LEN(w));
}

/* Joins 1..n distinct items of a list with "，" into buf. */
static void join_looks(struct demo_rng *r, bool female, char *buf, size_t len)
{
	const char *got[3];
	int n = (int)demo_rng_range(r, 1, 3), have = 0;
	buf[0] = '\0';
	for (int tries = 0; have < n && tries < 10; tries++) {
		const char *s = demo_rng_chance(r, 0.6)
					? DEMO_PICK(r, demo_looks_any)
					: (female ? DEMO_PICK(r, demo_looks_female) : DEMO_PICK(r, demo_looks_male));
		bool dup = false;
		for (int k = 0; k < have; k++)
			dup = dup || strcmp(got[k], s) == 0;
		/* one pair of glasses is enough */
		for (int k = 0; k < have; k++)
			dup = dup || (strstr(got[k], "眼镜") && strstr(s, "眼镜"));
		if (dup)
			continue;
		got[have++] = s;
		size_t l = strlen(buf);
		snprintf(buf + l, len - l, "%s%s", have > 1 ? "，" : "", s);
	}
}

/* The name, the title staff use, the work unit and where the guest comes from: a foreign guest
 * (one in twenty) or a Chinese one, 回族 sometimes. */
static void draw_name(struct demo_rng *r, struct who *w, struct guest *g)
{
	char buf[512];
	w->latin = demo_rng_chance(r, 0.05);
	w->female = demo_rng_chance(r, 0.22);
	w->hui = w->gov = false;
	w->by = w->ty - (int)demo_rng_range(r, 26, 72);
	if (w->latin) {
		w->surname = DEMO_PICK(r, demo_latin_family);
		snprintf(w->given, sizeof w->given, "%s",
			 w->female ? DEMO_PICK(r, demo_latin_female) : DEMO_PICK(r, demo_latin_male));
		demo_job_foreign(r, &w->job);
		w->title = demo_rng_chance(r, 0.08) ? "Dr" : w->female ? "Ms" : "Mr";
		snprintf(buf, sizeof buf, "%s %s", w->title, w->surname);
		guest_set(g, GF_NAME, buf);
		guest_set(g, GF_NATIVE_PLACE, DEMO_PICK(r, demo_latin_countries));
		return;
	}
	w->surname = pick_surname(r);
	demo_given_name(r, w->female, w->given, sizeof w->given);
	demo_job(r, w->female, &w->job);
	w->title = w->job.title ? w->job.title : w->female ? "女士" : "先生";
	const char *e = w->job.employer;
	w->gov = strstr(e, "局") || strstr(e, "委员会") || strstr(e, "中共") || strstr(e, "政府") ||
		 strstr(e, "办事处");
	snprintf(buf, sizeof buf, "%s%s", w->surname, w->title);
	guest_set(g, GF_NAME, buf);
	w->hui = demo_rng_chance(r, 0.05);
	if (w->hui)
		guest_set(g, GF_ETHNICITY, "回族");
	else if (demo_rng_chance(r, 0.55))
		guest_set(g, GF_ETHNICITY, DEMO_PICK_W(r, demo_ethnicities));
	if (demo_rng_chance(r, 0.7))
		guest_set(g, GF_NATIVE_PLACE, DEMO_PICK_W(r, demo_native_places));
}

/* The name's parts, gender, work, sales manager and spending power. */
static void set_identity(struct demo_rng *r, const struct who *w, struct guest *g)
{
	guest_set(g, GF_FAMILY_NAME, w->surname);
	guest_set(g, GF_GIVEN_NAME, w->given);
	if (demo_rng_chance(r, 0.97))
		guest_set(g, GF_GENDER, w->female ? "female" : "male");
	if (w->job.employer[0])
		guest_set(g, GF_EMPLOYER, w->job.employer);
	if (w->job.position)
		guest_set(g, GF_POSITION, w->job.position);
	guest_set(g, GF_SALES_MANAGER, DEMO_PICK_W(r, demo_sales_managers));
	guest_set(g, GF_SPENDING_POWER, spending_for(r, w->c));
}

/* How staff recognise the guest: looks, height and weight, character. */
static void add_looks(struct demo_rng *r, const struct who *w, struct guest *g)
{
	char buf[512];
	if (demo_rng_chance(r, 0.45)) {
		join_looks(r, w->female, buf, sizeof buf);
		guest_set(g, GF_LOOKS, buf);
	}
	if (demo_rng_chance(r, 0.3)) {
		long h = w->female ? demo_rng_range(r, 152, 172) : demo_rng_range(r, 163, 188);
		/* a body-mass index of 19..29 */
		long kg = h * h * demo_rng_range(r, 19, 29) / 10000;
		snprintf(buf, sizeof buf, "%ld", h);
		guest_set(g, GF_HEIGHT_CM, buf);
		if (demo_rng_chance(r, 0.8)) {
			snprintf(buf, sizeof buf, "%ld", kg);
			guest_set(g, GF_WEIGHT_KG, buf);
		}
	}
	if (demo_rng_chance(r, 0.35))
		guest_set(g, GF_CHARACTER, DEMO_PICK(r, demo_characters));
}

/* Phones: mobiles in slots 3i and 3i+1, an office landline for index i; everyone has one. */
static void add_phones(struct demo_rng *r, const struct demo_guest_ctx *cx, long i,
		       const struct who *w, struct guest *g)
{
	char buf[64];
	long nmob = demo_rng_chance(r, 0.03) ? 0 : demo_rng_chance(r, 0.12) && !w->latin ? 2 : 1;
	bool landline = (uint64_t)i < DEMO_LANDLINE_SLOTS && w->job.employer[0] &&
			(nmob == 0 || demo_rng_chance(r, 0.22));
	for (long k = 0; k < nmob; k++) {
		demo_mobile(r, cx->mobile_key, (uint64_t)i * 3 + (uint64_t)k, buf);
		guest_add_phone(g, "mobile", buf);
	}
	if (landline) {
		demo_landline(r, cx->landline_key, (uint64_t)i, buf);
		guest_add_phone(g, "office", buf);
	}
	if (g->phones.n == 0) { /* no employer and no mobile drawn: everyone has a number */
		demo_mobile(r, cx->mobile_key, (uint64_t)i * 3, buf);
		guest_add_phone(g, "mobile", buf);
	}
}

/* Safety data (taboos, allergies, health), which rules food out of ts for what follows: pork
 * (and often alcohol) for every 回族 guest. */
static void add_safety(struct demo_rng *r, const struct who *w, struct guest *g,
		       struct taste_state *ts)
{
	if (w->hui) {
		const struct demo_food_item *pork = taboo_of(DEMO_PORK), *drink = taboo_of(DEMO_ALCOHOL);
		guest_add_pref(g, -1, PREF_TABOO, SEV_HIGH, pork->text);
		ts->avoid |= pork->excl;
		take(ts, pork->text);
		if (demo_rng_chance(r, 0.4)) {
			guest_add_pref(g, -1, PREF_TABOO, SEV_MEDIUM, drink->text);
			ts->avoid |= drink->excl;
			take(ts, drink->text);
		}
		if (demo_rng_chance(r, 0.4))
			guest_set(g, GF_RELIGION, "伊斯兰教");
	}
	if (demo_rng_chance(r, 0.12))
		add_food(g, r, -1, PREF_TABOO, demo_taboos, demo_taboos_n, ts, SEV_COUNT);
	if (demo_rng_chance(r, 0.10)) {
		add_food(g, r, -1, PREF_ALLERGY, demo_allergies, demo_allergies_n, ts, SEV_NONE);
		if (demo_rng_chance(r, 0.15))
			add_food(g, r, -1, PREF_ALLERGY, demo_allergies, demo_allergies_n, ts, SEV_NONE);
	}
	if (demo_rng_chance(r, 0.03)) {
		const struct demo_food_item *h = &demo_health[demo_rng_range(r, 0, (long)demo_health_n - 1)];
		guest_set(g, GF_HEALTH, h->text);
		ts->avoid |= h->excl;
	}
}

/* Tastes, usual dishes, habits and a dislike that fit with the safety data in ts. */
static void add_tastes(struct demo_rng *r, struct guest *g, struct taste_state *ts)
{
	if (demo_rng_chance(r, 0.75)) {
		add_food(g, r, -1, PREF_TASTE, demo_tastes, demo_tastes_n, ts, SEV_NONE);
		if (demo_rng_chance(r, 0.25))
			add_food(g, r, -1, PREF_TASTE, demo_tastes, demo_tastes_n, ts, SEV_NONE);
	}
	if (demo_rng_chance(r, 0.8))
		add_dishes(g, r, -1, ts, (int)demo_rng_range(r, 1, 4));
	if (demo_rng_chance(r, 0.5)) {
		add_food(g, r, -1, PREF_HABIT, demo_habits, demo_habits_n, ts, SEV_NONE);
		if (demo_rng_chance(r, 0.3))
			add_food(g, r, -1, PREF_HABIT, demo_habits, demo_habits_n, ts, SEV_NONE);
	}
	if (demo_rng_chance(r, 0.2)) {
		const char *d = DEMO_PICK(r, demo_dislikes);
		bool dup = false;
		for (size_t k = 0; k < ts->ntaken; k++)
			dup = dup || strcmp(ts->taken[k], d) == 0;
		if (!dup)
			guest_add_pref(g, -1, PREF_DISLIKE, SEV_NONE, d);
	}
}

/* The guest's birthday, and now and then another date of theirs. */
static void add_dates(struct demo_rng *r, const struct who *w, struct guest *g)
{
	if (demo_rng_chance(r, 0.7))
		add_birthday(g, r, -1, w->by, w->by, w->ty, 0.6);
	if (demo_rng_chance(r, 0.05)) {
		static const char *const labels[] = {"父亲生日", "母亲生日", "公司成立纪念日",
						     "入职纪念日", "乔迁纪念日"};
		int m, d;
		random_md(r, &m, &d);
		if (m == 2 && d == 29)
			d = 28; /* these are dates with a year behind them */
		guest_add_date(g, -1, DATE_OTHER, labels[demo_rng_range(r, 0, (long)LEN(labels) - 1)],
			       0, m, d);
	}
}

/* Sensitive fields: only what was learned naturally, so rarely. */
static void add_sensitive(struct demo_rng *r, const struct who *w, struct guest *g)
{
	char buf[512];
	if (demo_rng_chance(r, 0.12)) {
		static const struct demo_wstr ms[] = {{"已婚", 85}, {"未婚", 8}, {"离异", 5}, {"丧偶", 2}};
		guest_set(g, GF_MARITAL_STATUS, demo_pick_w(r, ms, LEN(ms)));
	}
	if (demo_rng_chance(r, 0.02)) {
		static const char *const inc[] = {"年收入约30万", "年收入约50万", "年收入百万以上",
						  "公务员工资"};
		guest_set(g, GF_INCOME, inc[demo_rng_range(r, 0, (long)LEN(inc) - 1)]);
	}
	if (demo_rng_chance(r, 0.03)) {
		/* one draw per statement: the order a call's arguments are evaluated in is
		 * unspecified (gcc and clang differ), and a seed must make one restaurant */
		const char *street = DEMO_PICK(r, demo_streets);
		long number = demo_rng_range(r, 1, 999);
		const char *estate = DEMO_PICK(r, demo_estates);
		long building = demo_rng_range(r, 1, 30);
		snprintf(buf, sizeof buf, "亳州市谯城区%s%ld号%s%ld栋", street, number, estate,
			 building);
		guest_set(g, GF_HOME_ADDRESS, buf);
	}
	if (!w->hui && demo_rng_chance(r, 0.01))
		guest_set(g, GF_RELIGION, "佛教");
	if (demo_rng_chance(r, 0.01)) {
		static const char *const hist[] = {"曾在部队服役", "早年在上海做药材生意",
						   "从县里调到市里工作", "在国外读过书"};
		guest_set(g, GF_PERSONAL_HISTORY, hist[demo_rng_range(r, 0, (long)LEN(hist) - 1)]);
	}
}

/* Tags (VIP for most of the top tiers, 公务接待, 清真 ...) and notes. */
static void add_tags(struct demo_rng *r, const struct who *w, struct guest *g)
{
	const struct demo_class c = w->c;
	if (c.letter >= 0 && c.letter <= 1 && demo_rng_chance(r, 0.8))
		guest_add_tag(g, "VIP");
	else if (c.letter >= 2 && c.letter <= 3 && demo_rng_chance(r, 0.35))
		guest_add_tag(g, "VIP");
	if (w->gov && demo_rng_chance(r, 0.15))
		guest_add_tag(g, "公务接待");
	else if (w->job.employer[0] && demo_rng_chance(r, 0.12))
		guest_add_tag(g, "商务宴请");
	if (demo_rng_chance(r, 0.08))
		guest_add_tag(g, "家宴");
	if ((c.k <= K_CA || c.k == K_LAPSED) && demo_rng_chance(r, 0.3))
		guest_add_tag(g, "老客户");
	if (w->hui && demo_rng_chance(r, 0.7))
		guest_add_tag(g, "清真");
	if (w->hui && demo_rng_chance(r, 0.3))
		guest_add_note(g, "回族，菜品、锅具和餐具都要清真，不能用猪油");
	if (demo_rng_chance(r, 0.12))
		guest_add_note(g, DEMO_PICK(r, demo_notes));
}

long demo_guest_make(const struct demo_guest_ctx *cx, long i, struct guest *g)
{
	struct demo_rng r;
	struct who w = {.c = demo_class_of(cx->seed, i), .ty = cx->this_year};
	struct taste_state ts = {0};
	demo_rng_stream(&r, cx->seed, (uint64_t)i, S_PROFILE);
	draw_name(&r, &w, g);
	set_identity(&r, &w, g);
	add_looks(&r, &w, g);
	add_phones(&r, cx, i, &w, g);
	add_safety(&r, &w, g, &ts); /* safety data first, then preferences that fit with it */
	add_tastes(&r, g, &ts);
	add_dates(&r, &w, g);
	add_sensitive(&r, &w, g);
	long people = add_people(&r, &w, g);
	if (people == 0 && demo_rng_chance(&r, 0.08))
		add_anniversary(g, &r, w.by + 22, w.by + 32, w.ty);
	add_tags(&r, &w, g);
	return people;
}
