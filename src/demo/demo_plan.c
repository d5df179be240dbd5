/* demo_plan.c — the visits of the demo's guests (see demo_plan.h). */
#include "demo/demo_plan.h"

#include <string.h>

#include "core/visit.h"
#include "demo/demo_class.h"
#include "demo/demo_data.h"

/* Same seed, same data on every machine: no libm, and no fused multiply-add (GCC does not fuse
 * in ISO C mode, -std=c11; clang would by default). */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define WINDOW_FIRST 14 /* the three complete months before the current one: 14, 15, 16 */
#define WINDOW_LAST 16

/* One tier row and the figures a guest of its class aims at over the window. */
struct tier_target {
	int spend;          /* the row's monthly spend threshold, yuan */
	int t_lo, t_hi;     /* visits over the three window months */
	double pc_lo, pc_hi; /* per-capita aimed at, yuan */
	double pc_min, pc_max; /* per-capita every window month keeps to */
};
static const struct tier_target tier_targets[6] = {
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

void demo_calendar_init(struct demo_calendar *cal, uint64_t seed, struct date today)
{
	cal->seed = seed;
	cal->today = date_to_days(today);
	for (int m = 0; m < DEMO_MONTHS; m++) {
		int back = DEMO_MONTHS - 1 - m;
		int y = today.y, mon = today.m - back;
		while (mon < 1) {
			mon += 12;
			y--;
		}
		struct date d = {y, mon, 1};
		cal->month_first[m] = date_to_days(d);
		cal->month_days[m] = date_month_days(y, mon);
	}
}

/* Days of month m open for visits of plan p: [*lo, *hi]; false when none. */
static bool month_open(const struct demo_calendar *cal, const struct demo_plan *p, int m, long *lo,
		       long *hi)
{
	long a = cal->month_first[m], b = a + cal->month_days[m] - 1;
	if (b > cal->today)
		b = cal->today;
	if (a < p->start)
		a = p->start;
	if (b > (long)p->stop - 1)
		b = (long)p->stop - 1;
	*lo = a;
	*hi = b;
	return a <= b;
}

/* The share of month m open to plan p (0..1). */
static double month_share(const struct demo_calendar *cal, const struct demo_plan *p, int m)
{
	long lo, hi;
	if (!month_open(cal, p, m, &lo, &hi))
		return 0;
	return (double)(hi - lo + 1) / cal->month_days[m];
}

static uint8_t cap_k(const struct demo_calendar *cal, const struct demo_plan *p, int m, long k)
{
	long lo, hi;
	if (k <= 0 || !month_open(cal, p, m, &lo, &hi))
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

void demo_plan_make(const struct demo_calendar *cal, long i, struct demo_plan *p)
{
	struct demo_rng rr, *r = &rr;
	struct demo_class c = demo_class_of(cal->seed, i);
	demo_rng_stream(r, cal->seed, (uint64_t)i, S_PLAN);
	memset(p, 0, sizeof *p);
	p->letter = (int8_t)c.letter;
	p->lunch_pct = (uint8_t)demo_rng_range(r, 20, 50);
	p->start = (int32_t)cal->month_first[0];
	p->stop = (int32_t)(cal->today + 1);
	if (c.k == K_DORMANT)
		return;

	if (c.letter >= 0) {
		const struct tier_target *tt = &tier_targets[c.letter];
		p->t = (uint8_t)demo_rng_range(r, tt->t_lo, tt->t_hi);
		p->spend = (uint16_t)(tt->spend * demo_rng_uniform(r, 1.12, 1.30));
		p->pc10 = (uint16_t)(10 * demo_rng_uniform(r, tt->pc_lo, tt->pc_hi));
		p->hard = c.k <= K_CA;
		double per_month = p->t / 3.0;
		if (c.k <= K_CA || c.k == K_LAPSED) {
			/* regulars since the start, or since a month well before the window */
			if (demo_rng_chance(r, 0.3))
				p->start = (int32_t)cal->month_first[demo_rng_range(r, 1, 10)];
		}
		if (c.k == K_LAPSED)
			p->stop = (int32_t)(cal->month_first[DEMO_MONTHS - 1] - demo_rng_range(r, 0, 99));
		if (c.k == K_NEW)
			p->start = (int32_t)(cal->today - demo_rng_range(r, 0, 85));
		for (int m = 0; m < DEMO_MONTHS; m++) {
			double f = month_share(cal, p, m);
			p->k[m] = cap_k(cal, p, m, demo_rng_round(r, per_month * f *
								     demo_rng_uniform(r, 0.7, 1.3)));
		}
		if (p->hard) {
			split_window(r, p->t, &p->k[WINDOW_FIRST]);
			if (demo_rng_chance(r, 0.15)) { /* slipping: much less this month */
				double f = month_share(cal, p, DEMO_MONTHS - 1);
				long k = demo_rng_round(r, per_month * f * 0.25);
				p->k[DEMO_MONTHS - 1] = cap_k(cal, p, DEMO_MONTHS - 1, k < 1 ? 1 : k);
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
			p->start = (int32_t)(cal->today - demo_rng_range(r, 0, 85));
		else if (demo_rng_chance(r, 0.5))
			p->start = (int32_t)cal->month_first[demo_rng_range(r, 0, DEMO_MONTHS - 4)];
		for (int m = 0; m < DEMO_MONTHS; m++)
			p->k[m] = cap_k(cal, p, m, demo_rng_poisson(r, lambda * month_share(cal, p, m)));
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
		for (int m = 0; m < DEMO_MONTHS; m++) {
			sum += p->k[m];
			if (m0 < 0 && month_share(cal, p, m) > 0)
				m0 = m;
		}
		if (sum == 0 && m0 >= 0)
			p->k[m0] = cap_k(cal, p, m0, 1);
	}
}

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
int demo_plan_month(const struct demo_calendar *cal, long i, const struct demo_plan *p, int m,
		    struct demo_visit *v)
{
	int k = p->k[m];
	long lo, hi;
	if (k == 0 || !month_open(cal, p, m, &lo, &hi))
		return 0;
	struct demo_rng rr, *r = &rr;
	demo_rng_stream(r, cal->seed, (uint64_t)i, S_MONTH + (uint64_t)m);

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
		const struct tier_target *tt = &tier_targets[p->letter];
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

int demo_visit_cmp(const void *a, const void *b)
{
	const struct demo_visit *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->meal != y->meal)
		return x->meal < y->meal ? -1 : 1;
	if (x->guest != y->guest)
		return x->guest < y->guest ? -1 : 1;
	return 0;
}

/* Scales the plans so that the mean number of visits per guest is about target. */
void demo_plan_scale(const struct demo_calendar *cal, struct demo_plan *plans, long guests,
		     double target)
{
	double total = 0;
	for (long i = 0; i < guests; i++)
		for (int m = 0; m < DEMO_MONTHS; m++)
			total += plans[i].k[m];
	if (total <= 0)
		return;
	double s = target * (double)guests / total;
	for (long i = 0; i < guests; i++) {
		struct demo_rng r;
		struct demo_plan *p = &plans[i];
		demo_rng_stream(&r, cal->seed, (uint64_t)i, S_SCALE);
		for (int m = 0; m < DEMO_MONTHS; m++)
			p->k[m] = cap_k(cal, p, m, demo_rng_round(&r, p->k[m] * s));
		p->hard = false; /* the tier figures no longer hold */
	}
}
