#include "demo/demo.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo/demo_data.h"
#include "core/guest.h"
#include "core/visit.h"
#include "store/guest_store.h"
#include "store/store_bulk.h"
#include "store/visit_store.h"

/* Same seed, same data on every machine: no libm, and no fused multiply-add (GCC does not fuse
 * in ISO C mode, -std=c11; clang would by default). */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

#define MONTHS 18       /* months of visits; the last one is the current, partial month */
#define WINDOW_FIRST 14 /* the three complete months before the current one: 14, 15, 16 */
#define WINDOW_LAST 16
#define GUEST_BATCH 10000 /* guests per transaction */
#define VISIT_BATCH 50000 /* visits per transaction */

/* Independent random streams per guest: one guest's data never depends on another's. */
enum stream { S_CLASS = 1, S_PROFILE, S_PLAN, S_SCALE, S_PHONE_KEY, S_MONTH = 100 };

/* Latent classes. The first six keep the figures of one tier row of domain.md §4 over the last
 * three complete months (the rows are evaluated top-down, all criteria required). */
enum klass {
	K_AQ, K_AA, K_BQ, K_BA, K_CQ, K_CA, /* tier rows, in order */
	K_OCCASIONAL, /* below C */
	K_LAPSED,     /* was regular, stopped 1-4 months ago: red alerts */
	K_NEW,        /* first visit in the last three months */
	K_DORMANT,    /* a profile without visits (from the old paper sheets) */
	K_COUNT
};
/* shares per 10,000 guests */
static const unsigned class_weights[K_COUNT] = {100, 150, 300, 400, 600, 800, 5500, 800, 800, 550};

/* One tier row and the figures a guest of its class aims at over the window. */
struct tier_target {
	int spend;          /* the row's monthly spend threshold, yuan */
	int t_lo, t_hi;     /* visits over the three window months */
	double pc_lo, pc_hi; /* per-capita aimed at, yuan */
	double pc_min, pc_max; /* per-capita every window month keeps to */
};
static const struct tier_target targets[6] = {
	/* A quality: ≥ 6 visits, ≥ 5000, ≥ 80 */
	{5000, 20, 24, 90, 106, 84, 1e9},
	/* A active: ≥ 6 visits, ≥ 4500, 60..79 */
	{4500, 20, 24, 66, 74, 62, 78},
	/* B quality: 4..5 visits, ≥ 3000, ≥ 60 */
	{3000, 14, 16, 67, 82, 63, 1e9},
	/* B active: 4..5 visits, ≥ 2500, 50..59 */
	{2500, 14, 16, 53, 57, 51, 59},
	/* C quality: 2..3 visits, ≥ 1500, ≥ 50 */
	{1500, 7, 10, 56, 68, 52, 1e9},
	/* C active: 2..3 visits, ≥ 1000, 40..49 */
	{1000, 7, 10, 43, 47, 41, 49},
};

/* A guest's visit plan: visits per month and the money they aim at. */
struct plan {
	uint8_t k[MONTHS]; /* visits per month */
	int8_t letter;     /* targets[] row the amounts follow, or -1: free amounts */
	uint8_t lunch_pct; /* share of lunches */
	uint8_t t;         /* visits over the window (for spreading the monthly spend) */
	bool hard;         /* the window must keep to targets[letter] */
	uint16_t spend;    /* monthly spend aimed at, yuan */
	uint16_t pc10;     /* per-capita aimed at, in 0.1 yuan */
	int32_t start, stop; /* visits only on days in [start, stop) (days since 1970) */
};

struct gen {
	struct store *st;
	const struct demo_opts *o;
	uint64_t seed;
	long month_first[MONTHS]; /* first day of each month */
	int month_days[MONTHS];   /* days of each month */
	long today;
	uint64_t mobile_key, landline_key;
	struct plan *plans;
	int64_t *ids;
	struct demo_stats stats;
	FILE *progress;
};

struct guest_class {
	enum klass k;
	int letter; /* for tiered, lapsed and tier-like newcomers: the targets[] row, else -1 */
};

static struct guest_class class_of(uint64_t seed, long i)
{
	struct demo_rng r;
	struct guest_class c;
	demo_rng_stream(&r, seed, (uint64_t)i, S_CLASS);
	c.k = (enum klass)demo_rng_weighted(&r, class_weights, K_COUNT);
	c.letter = -1;
	if (c.k <= K_CA)
		c.letter = (int)c.k;
	else if (c.k == K_LAPSED)
		c.letter = (int)demo_rng_weighted(&r, class_weights, 6);
	else if (c.k == K_NEW && demo_rng_chance(&r, 0.45)) {
		static const unsigned w[6] = {4, 4, 6, 6, 12, 13};
		c.letter = (int)demo_rng_weighted(&r, w, 6);
	}
	return c;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- profiles ------------------------------------------------------------------------------ */

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

/* A birthday for person, the year (known with probability p_year) between ylo and yhi but not
 * after ymax. */
static void add_birthday(struct guest *g, struct demo_rng *r, int person, int ylo, int yhi,
			 int ymax, double p_year)
{
	int m, d;
	random_md(r, &m, &d);
	if (yhi > ymax)
		yhi = ymax;
	if (ylo > yhi)
		ylo = yhi;
	int y = demo_rng_chance(r, p_year) ? past_year(birth_year(r, ylo, yhi, m, d), ymax, m, d) : 0;
	guest_add_date(g, person, DATE_BIRTHDAY, NULL, y, m, d);
}

static void add_anniversary(struct guest *g, struct demo_rng *r, int ylo, int yhi, int ymax)
{
	int m, d;
	random_md(r, &m, &d);
	if (yhi > ymax)
		yhi = ymax;
	if (ylo > yhi)
		ylo = yhi;
	int y = demo_rng_chance(r, 0.5) ? past_year(birth_year(r, ylo, yhi, m, d), ymax, m, d) : 0;
	guest_add_date(g, -1, DATE_ANNIVERSARY, NULL, y, m, d);
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

/* The people around the guest (driver, secretary, office director, spouse, child), each with
 * their own preferences and dates; *people counts them. */
static void add_people(struct guest *g, struct demo_rng *r, const char *surname, bool female,
		       const char *title, bool gov, int guest_birth_year, int this_year, bool latin,
		       long *people)
{
	int by = guest_birth_year, ty = this_year;
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
		if (p >= 0 && demo_rng_chance(r, 0.3))
			guest_add_pref(g, p, PREF_HABIT, SEV_NONE,
				       demo_rng_chance(r, 0.5) ? "不喝酒，上一壶茶" : "工作餐要面食");
		(*people)++;
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
		if (p >= 0 && demo_rng_chance(r, 0.3))
			add_birthday(g, r, p, by + 10, by + 25, ty - 22, 0.3);
		(*people)++;
	}
	if (gov && demo_rng_chance(r, 0.15)) {
		const char *s = pick_surname(r);
		snprintf(name, sizeof name, "%s主任", s);
		int p = guest_add_person(g, "办公室主任", name,
					 demo_rng_chance(r, 0.5) ? "公务接待由他安排，提前确认菜单" : NULL);
		if (p >= 0 && demo_rng_chance(r, 0.4)) {
			struct taste_state ts = {0};
			add_food(g, r, p, PREF_TASTE, demo_tastes, demo_tastes_n, &ts, SEV_NONE);
		}
		(*people)++;
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
		if (p >= 0) {
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
		}
		(*people)++;
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
		if (p >= 0) {
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
		}
		(*people)++;
	}
}

static const char *spending_for(struct demo_rng *r, struct guest_class c)
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

/* Fills g (initialised, empty) with guest i. */
static void make_guest(struct gen *gn, long i, struct guest *g)
{
	struct demo_rng rr, *r = &rr;
	struct guest_class c = class_of(gn->seed, i);
	demo_rng_stream(r, gn->seed, (uint64_t)i, S_PROFILE);
	bool latin = demo_rng_chance(r, 0.05);
	bool female = demo_rng_chance(r, 0.22);
	bool hui = false, gov = false;
	char buf[512], given[32];
	const char *surname, *title;
	struct demo_job job;
	int ty = gn->o->today.y;
	int by = ty - (int)demo_rng_range(r, 26, 72);

	if (latin) {
		surname = DEMO_PICK(r, demo_latin_family);
		snprintf(given, sizeof given, "%s",
			 female ? DEMO_PICK(r, demo_latin_female) : DEMO_PICK(r, demo_latin_male));
		demo_job_foreign(r, &job);
		title = demo_rng_chance(r, 0.08) ? "Dr" : female ? "Ms" : "Mr";
		snprintf(buf, sizeof buf, "%s %s", title, surname);
		guest_set(g, GF_NAME, buf);
		guest_set(g, GF_NATIVE_PLACE, DEMO_PICK(r, demo_latin_countries));
	} else {
		surname = pick_surname(r);
		demo_given_name(r, female, given, sizeof given);
		demo_job(r, female, &job);
		title = job.title ? job.title : female ? "女士" : "先生";
		gov = strstr(job.employer, "局") || strstr(job.employer, "委员会") ||
		      strstr(job.employer, "中共") || strstr(job.employer, "政府") ||
		      strstr(job.employer, "办事处");
		snprintf(buf, sizeof buf, "%s%s", surname, title);
		guest_set(g, GF_NAME, buf);
		hui = demo_rng_chance(r, 0.05);
		if (hui)
			guest_set(g, GF_ETHNICITY, "回族");
		else if (demo_rng_chance(r, 0.55))
			guest_set(g, GF_ETHNICITY, DEMO_PICK_W(r, demo_ethnicities));
		if (demo_rng_chance(r, 0.7))
			guest_set(g, GF_NATIVE_PLACE, DEMO_PICK_W(r, demo_native_places));
	}
	guest_set(g, GF_FAMILY_NAME, surname);
	guest_set(g, GF_GIVEN_NAME, given);
	if (demo_rng_chance(r, 0.97))
		guest_set(g, GF_GENDER, female ? "female" : "male");
	if (job.employer[0])
		guest_set(g, GF_EMPLOYER, job.employer);
	if (job.position)
		guest_set(g, GF_POSITION, job.position);
	guest_set(g, GF_SALES_MANAGER, DEMO_PICK_W(r, demo_sales_managers));
	guest_set(g, GF_SPENDING_POWER, spending_for(r, c));
	if (demo_rng_chance(r, 0.45)) {
		join_looks(r, female, buf, sizeof buf);
		guest_set(g, GF_LOOKS, buf);
	}
	if (demo_rng_chance(r, 0.3)) {
		long h = female ? demo_rng_range(r, 152, 172) : demo_rng_range(r, 163, 188);
		/* a body-mass index of 19..29 */
		long w = h * h * demo_rng_range(r, 19, 29) / 10000;
		snprintf(buf, sizeof buf, "%ld", h);
		guest_set(g, GF_HEIGHT_CM, buf);
		if (demo_rng_chance(r, 0.8)) {
			snprintf(buf, sizeof buf, "%ld", w);
			guest_set(g, GF_WEIGHT_KG, buf);
		}
	}
	if (demo_rng_chance(r, 0.35))
		guest_set(g, GF_CHARACTER, DEMO_PICK(r, demo_characters));

	/* phones: mobiles in slots 3i and 3i+1, an office landline for index i */
	long nmob = demo_rng_chance(r, 0.03) ? 0 : demo_rng_chance(r, 0.12) && !latin ? 2 : 1;
	bool landline = (uint64_t)i < DEMO_LANDLINE_SLOTS && job.employer[0] &&
			(nmob == 0 || demo_rng_chance(r, 0.22));
	for (long k = 0; k < nmob; k++) {
		demo_mobile(r, gn->mobile_key, (uint64_t)i * 3 + (uint64_t)k, buf);
		guest_add_phone(g, "mobile", buf);
	}
	if (landline) {
		demo_landline(r, gn->landline_key, (uint64_t)i, buf);
		guest_add_phone(g, "office", buf);
	}
	if (g->phones.n == 0) { /* no employer and no mobile drawn: everyone has a number */
		demo_mobile(r, gn->mobile_key, (uint64_t)i * 3, buf);
		guest_add_phone(g, "mobile", buf);
	}
	gn->stats.phones += (long)g->phones.n;

	/* safety data first, then preferences that fit with it */
	struct taste_state ts = {0};
	if (hui) {
		const struct demo_food_item *pork = taboo_of(DEMO_PORK), *drink = taboo_of(DEMO_ALCOHOL);
		guest_add_pref(g, -1, PREF_TABOO, SEV_HIGH, pork->text);
		ts.avoid |= pork->excl;
		take(&ts, pork->text);
		if (demo_rng_chance(r, 0.4)) {
			guest_add_pref(g, -1, PREF_TABOO, SEV_MEDIUM, drink->text);
			ts.avoid |= drink->excl;
			take(&ts, drink->text);
		}
		if (demo_rng_chance(r, 0.4))
			guest_set(g, GF_RELIGION, "伊斯兰教");
	}
	if (demo_rng_chance(r, 0.12))
		add_food(g, r, -1, PREF_TABOO, demo_taboos, demo_taboos_n, &ts, SEV_COUNT);
	if (demo_rng_chance(r, 0.10)) {
		add_food(g, r, -1, PREF_ALLERGY, demo_allergies, demo_allergies_n, &ts, SEV_NONE);
		if (demo_rng_chance(r, 0.15))
			add_food(g, r, -1, PREF_ALLERGY, demo_allergies, demo_allergies_n, &ts,
				 SEV_NONE);
	}
	if (demo_rng_chance(r, 0.03)) {
		const struct demo_food_item *h = &demo_health[demo_rng_range(r, 0, (long)demo_health_n - 1)];
		guest_set(g, GF_HEALTH, h->text);
		ts.avoid |= h->excl;
	}
	if (demo_rng_chance(r, 0.75)) {
		add_food(g, r, -1, PREF_TASTE, demo_tastes, demo_tastes_n, &ts, SEV_NONE);
		if (demo_rng_chance(r, 0.25))
			add_food(g, r, -1, PREF_TASTE, demo_tastes, demo_tastes_n, &ts, SEV_NONE);
	}
	if (demo_rng_chance(r, 0.8))
		add_dishes(g, r, -1, &ts, (int)demo_rng_range(r, 1, 4));
	if (demo_rng_chance(r, 0.5)) {
		add_food(g, r, -1, PREF_HABIT, demo_habits, demo_habits_n, &ts, SEV_NONE);
		if (demo_rng_chance(r, 0.3))
			add_food(g, r, -1, PREF_HABIT, demo_habits, demo_habits_n, &ts, SEV_NONE);
	}
	if (demo_rng_chance(r, 0.2)) {
		const char *d = DEMO_PICK(r, demo_dislikes);
		bool dup = false;
		for (size_t k = 0; k < ts.ntaken; k++)
			dup = dup || strcmp(ts.taken[k], d) == 0;
		if (!dup)
			guest_add_pref(g, -1, PREF_DISLIKE, SEV_NONE, d);
	}

	/* dates */
	if (demo_rng_chance(r, 0.7))
		add_birthday(g, r, -1, by, by, ty, 0.6);
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

	/* sensitive: only what was learned naturally, so rarely */
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
		snprintf(buf, sizeof buf, "亳州市谯城区%s%ld号%s%ld栋", DEMO_PICK(r, demo_streets),
			 demo_rng_range(r, 1, 999), DEMO_PICK(r, demo_estates), demo_rng_range(r, 1, 30));
		guest_set(g, GF_HOME_ADDRESS, buf);
	}
	if (!hui && demo_rng_chance(r, 0.01))
		guest_set(g, GF_RELIGION, "佛教");
	if (demo_rng_chance(r, 0.01)) {
		static const char *const hist[] = {"曾在部队服役", "早年在上海做药材生意",
						   "从县里调到市里工作", "在国外读过书"};
		guest_set(g, GF_PERSONAL_HISTORY, hist[demo_rng_range(r, 0, (long)LEN(hist) - 1)]);
	}

	/* associated people */
	long people = 0;
	add_people(g, r, surname, female, title, gov, by, ty, latin, &people);
	gn->stats.people += people;
	if (people == 0 && demo_rng_chance(r, 0.08))
		add_anniversary(g, r, by + 22, by + 32, ty);

	/* tags and notes */
	if (c.letter >= 0 && c.letter <= 1 && demo_rng_chance(r, 0.8))
		guest_add_tag(g, "VIP");
	else if (c.letter >= 2 && c.letter <= 3 && demo_rng_chance(r, 0.35))
		guest_add_tag(g, "VIP");
	if (gov && demo_rng_chance(r, 0.15))
		guest_add_tag(g, "公务接待");
	else if (job.employer[0] && demo_rng_chance(r, 0.12))
		guest_add_tag(g, "商务宴请");
	if (demo_rng_chance(r, 0.08))
		guest_add_tag(g, "家宴");
	if ((c.k <= K_CA || c.k == K_LAPSED) && demo_rng_chance(r, 0.3))
		guest_add_tag(g, "老客户");
	if (hui && demo_rng_chance(r, 0.7))
		guest_add_tag(g, "清真");
	if (hui && demo_rng_chance(r, 0.3))
		guest_add_note(g, "回族，菜品、锅具和餐具都要清真，不能用猪油");
	if (demo_rng_chance(r, 0.12))
		guest_add_note(g, DEMO_PICK(r, demo_notes));
}

/* ---- visit plans --------------------------------------------------------------------------- */

/* Days of month m open for visits of plan p: [*lo, *hi]; false when none. */
static bool month_open(const struct gen *gn, const struct plan *p, int m, long *lo, long *hi)
{
	long a = gn->month_first[m], b = a + gn->month_days[m] - 1;
	if (b > gn->today)
		b = gn->today;
	if (a < p->start)
		a = p->start;
	if (b > (long)p->stop - 1)
		b = (long)p->stop - 1;
	*lo = a;
	*hi = b;
	return a <= b;
}

/* The share of month m open to plan p (0..1). */
static double month_share(const struct gen *gn, const struct plan *p, int m)
{
	long lo, hi;
	if (!month_open(gn, p, m, &lo, &hi))
		return 0;
	return (double)(hi - lo + 1) / gn->month_days[m];
}

static uint8_t cap_k(const struct gen *gn, const struct plan *p, int m, long k)
{
	long lo, hi;
	if (k <= 0 || !month_open(gn, p, m, &lo, &hi))
		return 0;
	long slots = 2 * (hi - lo + 1);
	return (uint8_t)(k < slots ? k : slots);
}

/* Visits over the three window months split as evenly as the target allows, then one visit
 * moved between two months now and then. */
static void split_window(struct demo_rng *r, int t, uint8_t *k)
{
	int base = t / 3, rem = t % 3;
	for (int m = 0; m < 3; m++)
		k[m] = (uint8_t)base;
	while (rem-- > 0)
		k[demo_rng_range(r, 0, 2)]++;
	if (demo_rng_chance(r, 0.7)) {
		long from = demo_rng_range(r, 0, 2), to = demo_rng_range(r, 0, 2);
		if (from != to && k[from] > 1) {
			k[from]--;
			k[to]++;
		}
	}
}

static void plan_make(const struct gen *gn, long i, struct plan *p)
{
	struct demo_rng rr, *r = &rr;
	struct guest_class c = class_of(gn->seed, i);
	demo_rng_stream(r, gn->seed, (uint64_t)i, S_PLAN);
	memset(p, 0, sizeof *p);
	p->letter = (int8_t)c.letter;
	p->lunch_pct = (uint8_t)demo_rng_range(r, 20, 50);
	p->start = (int32_t)gn->month_first[0];
	p->stop = (int32_t)(gn->today + 1);
	if (c.k == K_DORMANT)
		return;

	if (c.letter >= 0) {
		const struct tier_target *tt = &targets[c.letter];
		p->t = (uint8_t)demo_rng_range(r, tt->t_lo, tt->t_hi);
		p->spend = (uint16_t)(tt->spend * demo_rng_uniform(r, 1.12, 1.30));
		p->pc10 = (uint16_t)(10 * demo_rng_uniform(r, tt->pc_lo, tt->pc_hi));
		p->hard = c.k <= K_CA;
		double per_month = p->t / 3.0;
		if (c.k <= K_CA || c.k == K_LAPSED) {
			/* regulars since the start, or since a month well before the window */
			if (demo_rng_chance(r, 0.3))
				p->start = (int32_t)gn->month_first[demo_rng_range(r, 1, 10)];
		}
		if (c.k == K_LAPSED)
			p->stop = (int32_t)(gn->month_first[MONTHS - 1] - demo_rng_range(r, 0, 99));
		if (c.k == K_NEW)
			p->start = (int32_t)(gn->today - demo_rng_range(r, 0, 85));
		for (int m = 0; m < MONTHS; m++) {
			double f = month_share(gn, p, m);
			p->k[m] = cap_k(gn, p, m, demo_rng_round(r, per_month * f *
								     demo_rng_uniform(r, 0.7, 1.3)));
		}
		if (p->hard) {
			split_window(r, p->t, &p->k[WINDOW_FIRST]);
			if (demo_rng_chance(r, 0.15)) { /* slipping: much less this month */
				double f = month_share(gn, p, MONTHS - 1);
				long k = demo_rng_round(r, per_month * f * 0.25);
				p->k[MONTHS - 1] = cap_k(gn, p, MONTHS - 1, k < 1 ? 1 : k);
			}
		}
	} else {
		/* occasional guests and most newcomers: a low rate, free amounts */
		double lambda;
		long x = demo_rng_range(r, 0, 99);
		if (c.k == K_NEW)
			lambda = demo_rng_uniform(r, 0.8, 2.0);
		else if (x < 40)
			lambda = demo_rng_uniform(r, 0.03, 0.25);
		else if (x < 80)
			lambda = demo_rng_uniform(r, 0.25, 0.9);
		else
			lambda = demo_rng_uniform(r, 0.9, 1.6);
		p->pc10 = (uint16_t)(10 * demo_rng_uniform(r, 35, 140));
		if (c.k == K_NEW)
			p->start = (int32_t)(gn->today - demo_rng_range(r, 0, 85));
		else if (demo_rng_chance(r, 0.5))
			p->start = (int32_t)gn->month_first[demo_rng_range(r, 0, MONTHS - 4)];
		for (int m = 0; m < MONTHS; m++)
			p->k[m] = cap_k(gn, p, m, demo_rng_poisson(r, lambda * month_share(gn, p, m)));
		if (c.k == K_OCCASIONAL) {
			/* below C: fewer than 2 visits a month over the window */
			int sum;
			while ((sum = p->k[14] + p->k[15] + p->k[16]) > 5) {
				int big = 14;
				for (int m = 15; m <= 16; m++)
					if (p->k[m] > p->k[big])
						big = m;
				p->k[big]--;
			}
		}
	}
	if (c.k == K_NEW) { /* a newcomer has come at least once */
		int sum = 0, m0 = -1;
		for (int m = 0; m < MONTHS; m++) {
			sum += p->k[m];
			if (m0 < 0 && month_share(gn, p, m) > 0)
				m0 = m;
		}
		if (sum == 0 && m0 >= 0)
			p->k[m0] = cap_k(gn, p, m0, 1);
	}
}

/* ---- visits of one month ------------------------------------------------------------------- */

struct mvisit {
	int32_t day;
	uint8_t meal, covers, room; /* room: 0 none, 1..: demo_rooms[room-1], 100+: hall table */
	uint8_t note;               /* 0 none, else demo_visit_notes[note-1] */
	uint32_t guest;
	int64_t spend;
};

/* Spreads exactly total covers over k visits by weight, each visit 1..20. */
static void spread_covers(int total, int k, const double *w, int *out)
{
	double sw = 0;
	int sum = 0;
	for (int j = 0; j < k; j++)
		sw += w[j];
	for (int j = 0; j < k; j++) {
		int c = (int)(total * w[j] / sw);
		out[j] = c < 1 ? 1 : c > 20 ? 20 : c;
		sum += out[j];
	}
	for (int j = 0; sum < total; j = (j + 1) % k)
		if (out[j] < 20) {
			out[j]++;
			sum++;
		}
	for (int j = 0; sum > total; j = (j + 1) % k)
		if (out[j] > 1) {
			out[j]--;
			sum--;
		}
}

/* Whole yuan mostly, sometimes .50. */
static int64_t bill(struct demo_rng *r, double yuan)
{
	if (yuan < 1)
		yuan = 1;
	int64_t fen = (int64_t)(yuan + 0.5) * 100;
	if (demo_rng_chance(r, 0.1))
		fen += 50;
	return fen;
}

/* Appends the visits of guest i in month m to v (room for 62). Returns how many. */
static int month_visits(const struct gen *gn, long i, const struct plan *p, int m, struct mvisit *v)
{
	int k = p->k[m];
	long lo, hi;
	if (k == 0 || !month_open(gn, p, m, &lo, &hi))
		return 0;
	struct demo_rng rr, *r = &rr;
	demo_rng_stream(r, gn->seed, (uint64_t)i, S_MONTH + (uint64_t)m);

	/* dates and meals: k distinct (day, meal) slots */
	uint64_t used = 0;
	int ndays = (int)(hi - lo + 1);
	for (int j = 0; j < k; j++) {
		int slot = -1;
		for (int tries = 0; tries < 40 && slot < 0; tries++) {
			int d = (int)demo_rng_range(r, 0, ndays - 1);
			int meal = demo_rng_range(r, 0, 99) < p->lunch_pct ? MEAL_LUNCH : MEAL_DINNER;
			int s = 2 * d + meal;
			if (!(used >> s & 1))
				slot = s;
			else if (!(used >> (s ^ 1) & 1))
				slot = s ^ 1;
		}
		for (int s = 0; slot < 0 && s < 2 * ndays; s++)
			if (!(used >> s & 1))
				slot = s;
		used |= 1ULL << slot;
		v[j].day = (int32_t)(lo + slot / 2);
		v[j].meal = (uint8_t)(slot % 2);
		v[j].guest = (uint32_t)i;
		v[j].room = 0;
		v[j].note = 0;
	}

	/* covers and spend */
	int covers[64];
	double w[64];
	if (p->letter >= 0) {
		const struct tier_target *tt = &targets[p->letter];
		bool window = p->hard && m >= WINDOW_FIRST && m <= WINDOW_LAST;
		double spend = p->spend * k * 3.0 / p->t;
		double pc = p->pc10 / 10.0;
		if (!window) {
			spend *= demo_rng_uniform(r, 0.85, 1.15);
			pc *= demo_rng_uniform(r, 0.9, 1.1);
		} else {
			pc *= demo_rng_uniform(r, 0.97, 1.03);
		}
		int total = (int)(spend / pc + 0.999);
		if (total < k)
			total = k;
		if (total > 20 * k)
			total = 20 * k;
		bool ok = false;
		for (int attempt = 0; attempt < 30 && !ok; attempt++) {
			for (int j = 0; j < k; j++)
				w[j] = (v[j].meal == MEAL_DINNER ? 1.4 : 0.8) *
				       demo_rng_uniform(r, 0.6, 1.4);
			spread_covers(total, k, w, covers);
			int64_t sum = 0;
			for (int j = 0; j < k; j++) {
				v[j].covers = (uint8_t)covers[j];
				v[j].spend = bill(r, covers[j] * pc * demo_rng_uniform(r, 0.85, 1.15));
				sum += v[j].spend;
			}
			double got_pc = sum / 100.0 / total;
			ok = !window || (sum / 100.0 >= 0.97 * spend && got_pc >= tt->pc_min &&
					 got_pc <= tt->pc_max);
		}
		if (!ok) /* exactly the aimed per-capita */
			for (int j = 0; j < k; j++)
				v[j].spend = (int64_t)(covers[j] * pc + 0.5) * 100;
	} else {
		double pc = p->pc10 / 10.0;
		for (int j = 0; j < k; j++) {
			int c;
			if (v[j].meal == MEAL_LUNCH)
				c = (int)demo_rng_range(r, 1, demo_rng_chance(r, 0.8) ? 5 : 10);
			else if (demo_rng_chance(r, 0.05))
				c = (int)demo_rng_range(r, 12, 20); /* a family banquet */
			else
				c = (int)demo_rng_range(r, 2, 10);
			v[j].covers = (uint8_t)c;
			v[j].spend = bill(r, c * pc * demo_rng_uniform(r, 0.8, 1.25));
		}
	}

	/* rooms, tables and notes */
	for (int j = 0; j < k; j++) {
		long x = demo_rng_range(r, 0, 99);
		if (x < 12)
			v[j].room = 0;
		else if (v[j].covers >= 7 || (v[j].meal == MEAL_DINNER && x < 50))
			v[j].room = (uint8_t)(1 + demo_rng_range(r, 0, (long)demo_rooms_n - 1));
		else
			v[j].room = (uint8_t)(100 + demo_rng_range(r, 0, 49));
		if (demo_rng_chance(r, 0.05))
			v[j].note = (uint8_t)(1 + demo_rng_range(r, 0, (long)demo_visit_notes_n - 1));
	}
	return k;
}

static int mvisit_cmp(const void *a, const void *b)
{
	const struct mvisit *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->meal != y->meal)
		return x->meal < y->meal ? -1 : 1;
	if (x->guest != y->guest)
		return x->guest < y->guest ? -1 : 1;
	return 0;
}

/* ---- the whole thing ----------------------------------------------------------------------- */

const char *demo_check(struct store *st, const struct demo_opts *o)
{
	if (o->guests < 1 || o->guests > DEMO_MAX_GUESTS)
		return "--guests must be a whole number from 1 to 10000000";
	if (o->visits_per_guest > DEMO_MAX_VISITS_PER_GUEST)
		return "--visits-per-guest must be at most 500";
	if (!date_valid(o->today))
		return "today is not a valid date";
	struct store_counts c;
	if (st && store_counts(st, &c) == ST_OK && (c.guests > 0 || c.visits > 0))
		return "the database already has guests: demo needs an empty database";
	return NULL;
}

/* One batch of guests made ahead: make_batch runs on a second thread while the previous batch
 * is written (the guests of a seed depend only on their index, so the order of making does not
 * matter). */
struct batch {
	struct gen *gn;
	long from, to;
	struct guest *g; /* to - from guests */
};

static void *make_batch(void *arg)
{
	struct batch *b = arg;
	for (long j = b->from; j < b->to; j++) {
		guest_init(&b->g[j - b->from]);
		make_guest(b->gn, j, &b->g[j - b->from]);
	}
	return NULL;
}

static void free_batch(struct batch *b, long from)
{
	for (long j = from; j < b->to; j++)
		guest_free(&b->g[j - b->from]);
}

static enum store_status insert_guests(struct gen *gn)
{
	const struct demo_opts *o = gn->o;
	enum store_status rs = ST_OK;
	long step = o->guests >= 100000 ? o->guests / 10 : 10000;
	struct batch bat[2] = {{gn, 0, 0, calloc(GUEST_BATCH, sizeof(struct guest))},
			       {gn, 0, 0, calloc(GUEST_BATCH, sizeof(struct guest))}};
	if (!bat[0].g || !bat[1].g) {
		free(bat[0].g);
		free(bat[1].g);
		return ST_IO;
	}
	bat[0].to = o->guests < GUEST_BATCH ? o->guests : GUEST_BATCH;
	make_batch(&bat[0]);
	for (int k = 0; bat[k].from < o->guests; k ^= 1) {
		struct batch *cur = &bat[k], *next = &bat[k ^ 1];
		next->from = cur->to;
		next->to = next->from + GUEST_BATCH < o->guests ? next->from + GUEST_BATCH : o->guests;
		pthread_t maker;
		bool ahead = next->from < o->guests &&
			     pthread_create(&maker, NULL, make_batch, next) == 0;
		long j = cur->from;
		if ((rs = store_begin(gn->st)) == ST_OK) {
			for (; j < cur->to; j++) {
				struct guest *g = &cur->g[j - cur->from];
				/* phones unique by construction */
				if ((rs = guest_store_save(gn->st, g, 0, true, NULL)) != ST_OK)
					break;
				if (gn->ids)
					gn->ids[j] = g->id;
				guest_free(g);
			}
			if (rs != ST_OK)
				store_rollback(gn->st);
			else
				rs = store_commit(gn->st);
		}
		free_batch(cur, j);
		if (ahead)
			pthread_join(maker, NULL);
		else if (next->from < o->guests)
			make_batch(next);
		if (rs != ST_OK) {
			free_batch(next, next->from);
			break;
		}
		gn->stats.guests = cur->to;
		if (gn->progress && (cur->to / step != cur->from / step || cur->to == o->guests))
			fprintf(gn->progress, "demo: %ld/%ld guests\n", cur->to, o->guests);
	}
	free(bat[0].g);
	free(bat[1].g);
	return rs;
}

static enum store_status insert_visits(struct gen *gn)
{
	const struct demo_opts *o = gn->o;
	enum store_status rs = ST_OK;
	size_t cap = 0;
	struct mvisit *mv = NULL;
	long in_tx = 0;

	for (int m = 0; m < MONTHS && rs == ST_OK; m++) {
		size_t n = 0, need = 0;
		for (long i = 0; i < o->guests; i++)
			need += gn->plans[i].k[m];
		if (need > cap) {
			struct mvisit *nv = realloc(mv, need * sizeof *mv);
			if (!nv) {
				rs = ST_IO; /* out of memory */
				break;
			}
			mv = nv;
			cap = need;
		}
		for (long i = 0; i < o->guests; i++)
			n += (size_t)month_visits(gn, i, &gn->plans[i], m, mv + n);
		if (n > 1)
			qsort(mv, n, sizeof *mv, mvisit_cmp);
		for (size_t j = 0; j < n && rs == ST_OK; j++) {
			if (in_tx == 0 && (rs = store_begin(gn->st)) != ST_OK)
				break;
			struct visit v;
			char table[16];
			memset(&v, 0, sizeof v);
			v.guest_id = gn->ids[mv[j].guest];
			date_format(date_from_days(mv[j].day), v.date);
			v.meal = mv[j].meal ? MEAL_DINNER : MEAL_LUNCH;
			v.covers = mv[j].covers;
			v.spend_fen = mv[j].spend;
			if (mv[j].room >= 100) {
				int t = mv[j].room - 100;
				snprintf(table, sizeof table, "%c%02d", t < 30 ? 'A' : 'B', t % 30 + 1);
				v.table_no = table;
			} else if (mv[j].room > 0) {
				snprintf(table, sizeof table, "%s", demo_rooms[mv[j].room - 1]);
				v.table_no = table;
			}
			char note[64];
			if (mv[j].note) {
				snprintf(note, sizeof note, "%s", demo_visit_notes[mv[j].note - 1]);
				v.notes = note;
			}
			rs = visit_store_add(gn->st, &v);
			if (rs != ST_OK) {
				store_rollback(gn->st);
				in_tx = 0;
				break;
			}
			if (++in_tx == VISIT_BATCH) {
				rs = store_commit(gn->st);
				in_tx = 0;
				if (rs == ST_OK)
					gn->stats.visits += VISIT_BATCH;
			}
		}
		if (rs == ST_OK && gn->progress)
			fprintf(gn->progress, "demo: visits %04d-%02d (%d/%d), %ld so far\n",
				date_from_days(gn->month_first[m]).y, date_from_days(gn->month_first[m]).m,
				m + 1, MONTHS, gn->stats.visits + in_tx);
	}
	if (rs == ST_OK && in_tx > 0) {
		rs = store_commit(gn->st);
		if (rs == ST_OK)
			gn->stats.visits += in_tx;
	}
	free(mv);
	return rs;
}

/* Scales the plans so that the mean number of visits per guest is about target. */
static void scale_plans(struct gen *gn, double target)
{
	const struct demo_opts *o = gn->o;
	double total = 0;
	for (long i = 0; i < o->guests; i++)
		for (int m = 0; m < MONTHS; m++)
			total += gn->plans[i].k[m];
	if (total <= 0)
		return;
	double s = target * (double)o->guests / total;
	for (long i = 0; i < o->guests; i++) {
		struct demo_rng r;
		struct plan *p = &gn->plans[i];
		demo_rng_stream(&r, gn->seed, (uint64_t)i, S_SCALE);
		for (int m = 0; m < MONTHS; m++)
			p->k[m] = cap_k(gn, p, m, demo_rng_round(&r, p->k[m] * s));
		p->hard = false; /* the tier figures no longer hold */
	}
}

enum store_status demo_generate(struct store *st, const struct demo_opts *o, struct demo_stats *out,
				FILE *progress)
{
	struct gen gn;
	enum store_status rs = ST_OK;
	memset(&gn, 0, sizeof gn);
	if (out)
		memset(out, 0, sizeof *out);
	if (demo_check(st, o))
		return ST_INVALID;
	gn.st = st;
	gn.o = o;
	gn.seed = o->seed;
	gn.progress = progress;
	gn.today = date_to_days(o->today);
	for (int m = 0; m < MONTHS; m++) {
		int back = MONTHS - 1 - m;
		int y = o->today.y, mon = o->today.m - back;
		while (mon < 1) {
			mon += 12;
			y--;
		}
		struct date d = {y, mon, 1};
		gn.month_first[m] = date_to_days(d);
		gn.month_days[m] = date_month_days(y, mon);
	}
	struct demo_rng kr;
	demo_rng_stream(&kr, gn.seed, 0, S_PHONE_KEY);
	gn.mobile_key = demo_rng_next(&kr);
	gn.landline_key = demo_rng_next(&kr);

	bool visits = o->visits_per_guest != 0;
	if (visits) {
		gn.ids = calloc((size_t)o->guests, sizeof *gn.ids);
		gn.plans = calloc((size_t)o->guests, sizeof *gn.plans);
		if (!gn.ids || !gn.plans) {
			free(gn.ids);
			free(gn.plans);
			return ST_IO;
		}
	}

	/* a new database: load without index upkeep, then build each index in one sorted pass */
	double t0 = now_seconds();
	rs = store_bulk_begin(st);
	if (rs == ST_OK)
		rs = insert_guests(&gn);
	double t1 = now_seconds();
	gn.stats.profile_seconds = t1 - t0;

	if (rs == ST_OK && visits) {
		for (long i = 0; i < o->guests; i++)
			plan_make(&gn, i, &gn.plans[i]);
		if (o->visits_per_guest > 0)
			scale_plans(&gn, o->visits_per_guest);
		rs = insert_visits(&gn);
		gn.stats.visit_seconds = now_seconds() - t1;
	}
	if (rs == ST_OK) {
		double t2 = now_seconds();
		rs = store_bulk_end(st);
		gn.stats.index_seconds = now_seconds() - t2;
	}
	/* the restaurant opened when its history starts, so that its oldest visits can be corrected
	 * (the default opening date, a year back, would refuse the first six months) */
	if (rs == ST_OK && visits)
		rs = visit_store_set_opening(st, date_from_days(gn.month_first[0]));

	if (rs == ST_OK) {
		char text[200];
		if (o->visits_per_guest < 0)
			snprintf(text, sizeof text, "demo: %ld guests, %ld visits, seed %llu",
				 gn.stats.guests, gn.stats.visits, (unsigned long long)o->seed);
		else
			snprintf(text, sizeof text,
				 "demo: %ld guests, %ld visits (%.1f per guest asked), seed %llu",
				 gn.stats.guests, gn.stats.visits, o->visits_per_guest,
				 (unsigned long long)o->seed);
		rs = store_log(st, "demo", "generate", text);
	}
	free(gn.ids);
	free(gn.plans);
	if (out)
		*out = gn.stats;
	return rs;
}
