#include "demo/demo.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/guest.h"
#include "core/visit.h"
#include "core/xalloc.h"
#include "demo/demo_data.h"
#include "demo/demo_guest.h"
#include "demo/demo_plan.h"
#include "store/guest_store.h"
#include "store/store_bulk.h"
#include "store/visit_store.h"

#define GUEST_BATCH 10000 /* guests per transaction */
#define VISIT_BATCH 50000 /* visits per transaction */

struct gen {
	struct store *st;
	const struct demo_opts *o;
	struct demo_calendar cal;
	struct demo_guest_ctx guests;
	struct demo_plan *plans;
	int64_t *ids;
	struct demo_stats stats;
	FILE *progress;
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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
		struct guest *g = &b->g[j - b->from];
		guest_init(g);
		b->gn->stats.people += demo_guest_make(&b->gn->guests, j, g);
		b->gn->stats.phones += (long)g->phones.n;
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
	struct batch bat[2] = {{gn, 0, 0, xcalloc(GUEST_BATCH, sizeof(struct guest))},
			       {gn, 0, 0, xcalloc(GUEST_BATCH, sizeof(struct guest))}};
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
	struct demo_visit *mv = NULL;
	long in_tx = 0;

	for (int m = 0; m < DEMO_MONTHS && rs == ST_OK; m++) {
		size_t n = 0, need = 0;
		for (long i = 0; i < o->guests; i++)
			need += gn->plans[i].k[m];
		if (need > cap) {
			mv = xreallocarray(mv, need, sizeof *mv);
			cap = need;
		}
		for (long i = 0; i < o->guests; i++)
			n += (size_t)demo_plan_month(&gn->cal, i, &gn->plans[i], m, mv + n);
		if (n > 1)
			qsort(mv, n, sizeof *mv, demo_visit_cmp);
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
			rs = store_bulk_visit(gn->st, &v);
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
				date_from_days(gn->cal.month_first[m]).y, date_from_days(gn->cal.month_first[m]).m,
				m + 1, DEMO_MONTHS, gn->stats.visits + in_tx);
	}
	if (rs == ST_OK && in_tx > 0) {
		rs = store_commit(gn->st);
		if (rs == ST_OK)
			gn->stats.visits += in_tx;
	}
	free(mv);
	return rs;
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
	gn.progress = progress;
	demo_calendar_init(&gn.cal, o->seed, o->today);
	demo_guest_ctx_init(&gn.guests, o->seed, o->today);

	bool visits = o->visits_per_guest != 0;
	if (visits) {
		gn.ids = xcalloc((size_t)o->guests, sizeof *gn.ids);
		gn.plans = xcalloc((size_t)o->guests, sizeof *gn.plans);
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
			demo_plan_make(&gn.cal, i, &gn.plans[i]);
		if (o->visits_per_guest > 0)
			demo_plan_scale(&gn.cal, gn.plans, o->guests, o->visits_per_guest);
		rs = insert_visits(&gn);
		gn.stats.visit_seconds = now_seconds() - t1;
	}
	/* not needed any more: their 40 bytes a guest are better left to the index builds */
	free(gn.ids);
	free(gn.plans);
	gn.ids = NULL;
	gn.plans = NULL;
	if (rs == ST_OK) {
		double t2 = now_seconds();
		rs = store_bulk_end(st);
		gn.stats.index_seconds = now_seconds() - t2;
	}
	/* the restaurant opened when its history starts, so that its oldest visits can be corrected
	 * (the default opening date, a year back, would refuse the first six months) */
	if (rs == ST_OK && visits)
		rs = visit_store_set_opening(st, date_from_days(gn.cal.month_first[0]));

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
