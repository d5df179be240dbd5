#include "store/report_store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/guest.h"
#include "core/tier_calc.h"
#include "store/store_int.h"

static struct report_tier *find_tier(struct report_tier **v, size_t *n, size_t *cap,
				     const unsigned char *tier, const unsigned char *grp)
{
	const char *t = tier ? (const char *)tier : "", *g = grp ? (const char *)grp : "";
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].tier, t) == 0 && strcmp((*v)[i].grp, g) == 0)
			return &(*v)[i];
	vec_reserve((void **)v, *n + 1, cap, sizeof **v);
	struct report_tier *r = &(*v)[(*n)++];
	memset(r, 0, sizeof *r);
	snprintf(r->tier, sizeof r->tier, "%s", t);
	snprintf(r->grp, sizeof r->grp, "%s", g);
	return r;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median of v[0..n) (sorted in place); -1 when n is 0. */
static double median(double *v, size_t n)
{
	if (!n)
		return -1;
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

enum store_status report_store_complaints(struct store *st, struct date m,
					  struct report_complaints **out, size_t *n)
{
	static const char *sql =
		"SELECT category, status, (julianday(resolved_at) - julianday(at)) * 24 FROM complaint "
		"WHERE at >= ?1 AND at < date(?1, '+1 month') ORDER BY category";
	const struct month_keys k = store_month_keys(m);
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, k.first, -1, SQLITE_STATIC);
	size_t cap = 0, nh = 0, hcap = 0;
	double *hours = NULL;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *cat = (const char *)sqlite3_column_text(s, 0);
		if (!*n || strcmp((*out)[*n - 1].category, cat) != 0) {
			if (*n)
				(*out)[*n - 1].median_hours = median(hours, nh);
			nh = 0;
			vec_reserve((void **)out, *n + 1, &cap, sizeof **out);
			struct report_complaints *r = &(*out)[(*n)++];
			memset(r, 0, sizeof *r);
			snprintf(r->category, sizeof r->category, "%s", cat);
		}
		struct report_complaints *r = &(*out)[*n - 1];
		const char *status = (const char *)sqlite3_column_text(s, 1);
		r->count++;
		if (strcmp(status, "open") == 0 || strcmp(status, "acknowledged") == 0)
			r->open++;
		if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
			r->resolved++;
			vec_reserve((void **)&hours, nh + 1, &hcap, sizeof *hours);
			hours[nh++] = sqlite3_column_double(s, 2);
		}
	}
	sqlite3_reset(s);
	if (*n)
		(*out)[*n - 1].median_hours = median(hours, nh);
	free(hours);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "complaints");
}

static size_t top_count(size_t n, int percent)
{
	return n ? (n * (size_t)percent + 99) / 100 : 0;
}

/* Moves the k largest of v[0..n) to its front (in no order): quickselect with a three-way
 * partition, so that runs of equal spends (many guests at ¥0) cost nothing. */
static void select_top(int64_t *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n;
	while (k > lo && k < hi) {
		int64_t pivot = v[lo + (hi - lo) / 2];
		size_t gt = lo, i = lo, lt = hi; /* [lo,gt) > pivot, [gt,i) == pivot, [lt,hi) < */
		while (i < lt) {
			int64_t x = v[i];
			if (x > pivot) {
				v[i++] = v[gt];
				v[gt++] = x;
			} else if (x < pivot) {
				v[i] = v[--lt];
				v[lt] = x;
			} else {
				i++;
			}
		}
		if (k <= gt)
			hi = gt;
		else if (k >= lt)
			lo = lt;
		else
			return; /* the cut falls among equals */
	}
}

/* The pareto figures of the guests' spends v[0..n) (reordered). */
static void pareto_of(int64_t *v, size_t n, struct report_pareto *p)
{
	p->guests = (long)n;
	for (size_t i = 0; i < n; i++)
		p->revenue += v[i];
	size_t k20 = top_count(n, 20), k2 = top_count(n, 2);
	select_top(v, n, k20);
	select_top(v, k20, k2);
	for (size_t i = 0; i < k20; i++) {
		p->top20_revenue += v[i];
		if (i < k2)
			p->top2_revenue += v[i];
	}
	p->top2_guests = (long)k2;
	p->top20_guests = (long)k20;
}

/* ---- the dashboard's month: one pass over the month's tiers and visits ---- */

/* A guest's month: 16 bytes, so that a million guests take 16 MB, addressed by id (ids are
 * dense: guests are never deleted). tier and prev index the scan's tier names; 0 untiered. */
struct scan_guest {
	int64_t spend;
	uint32_t covers;
	uint16_t visits;
	uint8_t tier, prev;
};

struct month_scan {
	struct scan_guest *g;
	size_t n; /* the largest guest id + 1 */
	struct {
		char tier[8], grp[24];
	} names[256];
	size_t nnames;
	size_t last; /* the name scan_name found last */
};

/* The index of tier/grp among the scan's names (added when new); 0 when there is no room. The
 * rows come in runs of a few tiers: the name found last is tried first. */
static uint8_t scan_name(struct month_scan *sc, const char *tier, const char *grp)
{
	const size_t last = sc->last;
	if (last && strcmp(sc->names[last].tier, tier) == 0 && strcmp(sc->names[last].grp, grp) == 0)
		return (uint8_t)last;
	for (size_t i = 1; i < sc->nnames; i++)
		if (strcmp(sc->names[i].tier, tier) == 0 && strcmp(sc->names[i].grp, grp) == 0)
			return (uint8_t)(sc->last = i);
	if (sc->nnames == 256)
		return 0;
	snprintf(sc->names[sc->nnames].tier, sizeof sc->names[0].tier, "%s", tier);
	snprintf(sc->names[sc->nnames].grp, sizeof sc->names[0].grp, "%s", grp);
	sc->last = sc->nnames;
	return (uint8_t)sc->nnames++;
}

/* The scan a step function of the statements below was handed (as a pointer argument), and
 * the guest id of its row, or NULL when the id is outside the scan. */
static struct scan_guest *scan_row(sqlite3_value **argv, struct month_scan **sc)
{
	*sc = sqlite3_value_pointer(argv[0], "maitre_month_scan");
	int64_t id = sqlite3_value_int64(argv[1]);
	return *sc && id > 0 && (size_t)id < (*sc)->n ? &(*sc)->g[id] : NULL;
}

/* Adds one tier row (guest_id, of the month itself?, tier, grp) to the scan: an aggregate
 * called inside the statement costs less per row than returning each row to C. */
static void tiers_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)ctx;
	(void)argc;
	struct month_scan *sc;
	struct scan_guest *g = scan_row(argv, &sc);
	const unsigned char *tier = sqlite3_value_text(argv[3]), *grp = sqlite3_value_text(argv[4]);
	if (!g || !tier || !grp)
		return;
	uint8_t k = scan_name(sc, (const char *)tier, (const char *)grp);
	if (sqlite3_value_int(argv[2]))
		g->tier = k;
	else
		g->prev = k;
}

/* Adds one guest's month (guest_id, visits, covers, spend_fen) to the scan. */
static void visits_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)ctx;
	(void)argc;
	struct month_scan *sc;
	struct scan_guest *g = scan_row(argv, &sc);
	if (!g)
		return;
	int64_t visits = g->visits + sqlite3_value_int64(argv[2]);
	g->visits = visits < UINT16_MAX ? (uint16_t)visits : UINT16_MAX;
	g->covers += (uint32_t)sqlite3_value_int64(argv[3]);
	g->spend += sqlite3_value_int64(argv[4]);
}

static void scan_final(sqlite3_context *ctx)
{
	sqlite3_result_null(ctx);
}

int report_store_functions(sqlite3 *db)
{
	static const struct store_function fns[] = {
		{"maitre_month_tiers", 5, NULL, tiers_step, scan_final},
		{"maitre_month_visits", 5, NULL, visits_step, scan_final},
	};
	return store_create_functions(db, fns, sizeof fns / sizeof fns[0]);
}

/* Runs one scanning statement: ?1 and ?2 the month keys, ?3 the scan handed to its aggregate
 * (maitre_month_tiers or maitre_month_visits). */
static enum store_status scan_run(struct store *st, struct month_scan *sc, const char *sql,
				  const struct month_keys *k)
{
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	int rc;
	sqlite3_bind_text(s, 1, k->key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, k->prev, -1, SQLITE_TRANSIENT);
	sqlite3_bind_pointer(s, 3, sc, "maitre_month_scan", NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	sqlite3_bind_null(s, 3); /* the scan is freed after this */
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "month scan");
}

/* Every guest of month m, in one read snapshot. */
static enum store_status scan_month(struct store *st, struct date m, struct month_scan *sc)
{
	const struct month_keys k = store_month_keys(m);
	memset(sc, 0, sizeof *sc);
	sc->nnames = 1; /* 0: untiered */
	enum store_status rs = store_exec(st, "SAVEPOINT month");
	if (rs != ST_OK)
		return rs;
	if ((rs = store_guest_bound(st, "month guests", &sc->n)) == ST_OK)
		sc->g = xcalloc(sc->n, sizeof *sc->g);
	/* the tiered rows of the month and the month before (tier_month_tiered covers it), then
	 * the month's figures per guest who came (guest_month, kept by the visit writes): both
	 * in guest order, so the scan is written front to back */
	if (rs == ST_OK)
		rs = scan_run(st, sc,
			      "SELECT maitre_month_tiers(?3, guest_id, month = ?1, tier, "
			      "ifnull(grp, '')) FROM tier_month WHERE month IN (?1, ?2) "
			      "AND tier IS NOT NULL",
			      &k);
	if (rs == ST_OK)
		rs = scan_run(st, sc,
			      "SELECT maitre_month_visits(?3, guest_id, visits, covers, spend_fen) "
			      "FROM guest_month WHERE month = ?1",
			      &k);
	store_release(st, "month");
	return rs;
}

static void scan_free(struct month_scan *sc)
{
	free(sc->g);
	sc->g = NULL;
}

/* Rank of a tier as tier_store_movers compares them; without rules, by letter. */
static int rank_of(const struct tier_rules *r, const char *tier, const char *grp)
{
	if (r)
		return tier_rank(r, tier, grp);
	return *tier ? (unsigned char)*tier : 1000;
}

/* > 0: rose, < 0: fell, 0: stayed. */
static int moved(const struct tier_rules *r, const struct month_scan *sc,
		 const struct scan_guest *g)
{
	if (g->tier == g->prev)
		return 0;
	return rank_of(r, sc->names[g->prev].tier, sc->names[g->prev].grp) -
	       rank_of(r, sc->names[g->tier].tier, sc->names[g->tier].grp);
}

static void month_pareto(const struct month_scan *sc, struct report_pareto *p)
{
	int64_t *v = xmalloc((sc->n ? sc->n : 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < sc->n; i++)
		if (sc->g[i].visits)
			v[n++] = sc->g[i].spend;
	pareto_of(v, n, p);
	free(v);
}

static int cmp_tier_rank(const void *a, const void *b, void *ctx)
{
	const struct report_tier *x = a, *y = b;
	/* untiered last */
	if (!*x->tier || !*y->tier)
		return !*x->tier - !*y->tier;
	int rx = rank_of(ctx, x->tier, x->grp), ry = rank_of(ctx, y->tier, y->grp);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	int c = strcmp(x->tier, y->tier);
	return c ? c : strcmp(x->grp, y->grp);
}

/* ---- a month's cells: the scan summed by the tiers held in the month and the month before ---- */

/* The guests who held names[cur] in the month and names[prev] the month before (0: untiered),
 * and the month's figures of those of them who came. */
struct month_cell {
	uint8_t cur, prev;
	long guests, came, visits, covers;
	int64_t spend;
};

/* Everything report_store_month makes its figures of, whatever the rules: tens of rows,
 * which report_month_cache keeps. */
struct month_sum {
	struct {
		char tier[8], grp[24];
	} names[256];
	size_t nnames;
	struct month_cell *cells;
	size_t ncells, cap;
	struct report_pareto pareto;
};

/* The cell (cur, prev) of sum, added when new. */
static struct month_cell *sum_cell(struct month_sum *sum, uint8_t cur, uint8_t prev)
{
	for (size_t i = 0; i < sum->ncells; i++)
		if (sum->cells[i].cur == cur && sum->cells[i].prev == prev)
			return &sum->cells[i];
	vec_reserve((void **)&sum->cells, sum->ncells + 1, &sum->cap, sizeof *sum->cells);
	struct month_cell *c = &sum->cells[sum->ncells++];
	memset(c, 0, sizeof *c);
	c->cur = cur;
	c->prev = prev;
	return c;
}

/* The index of tier/grp among sum's names, added when new ("" "": 0, untiered); 0 when there
 * is no room. */
static uint8_t sum_name(struct month_sum *sum, const char *tier, const char *grp)
{
	if (!*tier && !*grp)
		return 0;
	for (size_t i = 1; i < sum->nnames; i++)
		if (strcmp(sum->names[i].tier, tier) == 0 && strcmp(sum->names[i].grp, grp) == 0)
			return (uint8_t)i;
	if (sum->nnames == 256)
		return 0;
	snprintf(sum->names[sum->nnames].tier, sizeof sum->names[0].tier, "%s", tier);
	snprintf(sum->names[sum->nnames].grp, sizeof sum->names[0].grp, "%s", grp);
	return (uint8_t)sum->nnames++;
}

/* The cells of a scan: one pass over its guests. */
static void sum_of_scan(const struct month_scan *sc, struct month_sum *sum)
{
	/* a cell's place by (cur, prev), so that a million guests cost no search */
	int *at = xmalloc(256 * 256 * sizeof *at);
	memset(at, 0xff, 256 * 256 * sizeof *at);
	memcpy(sum->names, sc->names, sizeof sum->names);
	sum->nnames = sc->nnames;
	for (size_t i = 1; i < sc->n; i++) {
		const struct scan_guest *g = &sc->g[i];
		int *k = &at[g->tier * 256 + g->prev];
		if (*k < 0) {
			*k = (int)sum->ncells;
			sum_cell(sum, g->tier, g->prev);
		}
		struct month_cell *c = &sum->cells[*k];
		c->guests++;
		if (g->visits) {
			c->came++;
			c->visits += g->visits;
			c->covers += g->covers;
			c->spend += g->spend;
		}
	}
	free(at);
	month_pareto(sc, &sum->pareto);
}

/* The report of sum with the rules r (may be NULL): the figures per tier name first, then one
 * report line per name, the rules' tiers first. */
static void month_tiers(const struct tier_rules *r, const struct month_sum *sum,
			struct report_month *out)
{
	struct report_tier per[256];
	memset(per, 0, sizeof per);
	for (size_t i = 0; i < sum->ncells; i++) {
		const struct month_cell *c = &sum->cells[i];
		struct report_tier *t = &per[c->cur];
		t->guests += c->guests;
		per[c->prev].guests_before += c->guests;
		t->came += c->came;
		t->visits += c->visits;
		t->covers += c->covers;
		t->spend += c->spend;
		if (c->cur == c->prev)
			continue;
		int mv = rank_of(r, sum->names[c->prev].tier, sum->names[c->prev].grp) -
			 rank_of(r, sum->names[c->cur].tier, sum->names[c->cur].grp);
		out->promoted += mv > 0 ? c->guests : 0;
		out->demoted += mv < 0 ? c->guests : 0;
	}
	per[0].guests = per[0].guests_before = 0; /* untiered: as report_store_tiers */
	size_t cap = 0;
	for (size_t i = 0; r && i < r->nrules; i++)
		find_tier(&out->tiers, &out->ntiers, &cap, (const unsigned char *)r->rules[i].tier,
		          (const unsigned char *)r->rules[i].group);
	for (size_t k = 0; k < sum->nnames; k++) {
		if (!k && !per[0].came)
			continue;
		struct report_tier *t = find_tier(&out->tiers, &out->ntiers, &cap,
		                                  (const unsigned char *)sum->names[k].tier,
		                                  (const unsigned char *)sum->names[k].grp);
		t->guests += per[k].guests;
		t->guests_before += per[k].guests_before;
		t->came += per[k].came;
		t->visits += per[k].visits;
		t->covers += per[k].covers;
		t->spend += per[k].spend;
	}
	if (out->ntiers > 1)
		qsort_r(out->tiers, out->ntiers, sizeof *out->tiers, cmp_tier_rank, (void *)r);
	out->pareto = sum->pareto;
}

/* What the month's figures were read at: the generations of the month's tiers and the month
 * before's shown (-1: none), and the count of the month's visit writes. */
struct month_stamp {
	int64_t gen, prev_gen, visits;
};

static enum store_status month_stamp(struct store *st, const struct month_keys *k,
				     struct month_stamp *ms)
{
	static const char *sql =
		"SELECT ifnull((SELECT gen FROM tier_month_gen WHERE month = ?1), -1), "
		"ifnull((SELECT gen FROM tier_month_gen WHERE month = ?2), -1), "
		"ifnull((SELECT n FROM visit_month_stamp WHERE month = ?1), 0)";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, k->key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, k->prev, -1, SQLITE_TRANSIENT);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "month stamp", &row);
	if (rs != ST_OK)
		return rs;
	ms->gen = sqlite3_column_int64(s, 0);
	ms->prev_gen = sqlite3_column_int64(s, 1);
	ms->visits = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	return ST_OK;
}

/* The shares of the top guests of the month whose guests and revenue p holds: the sums of the
 * month's biggest spends, read from guest_month_spend (the shares are not sums that a visit
 * write could keep: one guest's spend moves the cut). */
static enum store_status top_sums(struct store *st, const struct month_keys *k,
				  struct report_pareto *p)
{
	static const char *sql =
		"SELECT (SELECT ifnull(sum(spend_fen), 0) FROM (SELECT spend_fen FROM guest_month "
		"INDEXED BY guest_month_spend WHERE month = ?1 ORDER BY spend_fen DESC LIMIT ?2)), "
		"(SELECT ifnull(sum(spend_fen), 0) FROM (SELECT spend_fen FROM guest_month "
		"INDEXED BY guest_month_spend WHERE month = ?1 ORDER BY spend_fen DESC LIMIT ?3))";
	size_t n = p->guests > 0 ? (size_t)p->guests : 0;
	p->top2_guests = (long)top_count(n, 2);
	p->top20_guests = (long)top_count(n, 20);
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, k->key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, p->top2_guests);
	sqlite3_bind_int64(s, 3, p->top20_guests);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "month top guests", &row);
	if (rs != ST_OK)
		return rs;
	p->top2_revenue = sqlite3_column_int64(s, 0);
	p->top20_revenue = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return ST_OK;
}

/* The month's sum from report_month_cache when it was stored at the generations of ms (*hit),
 * else nothing. Its cells, guests and revenue are kept by the visit writes (migrate.c's
 * triggers on guest_month); the shares of its top guests are those stored while no visit of
 * the month was written since (the stamp it was stored at), else read again (top_sums). */
static enum store_status cache_read(struct store *st, const struct month_keys *k,
				    const struct month_stamp *ms, struct month_sum *sum, bool *hit)
{
	static const char *head =
		"SELECT guests, revenue, top2_guests, top20_guests, top2_revenue, top20_revenue, "
		"stamp FROM report_month_cache WHERE month = ?1 AND gen = ?2 AND prev_gen = ?3";
	static const char *cells = "SELECT tier, grp, prev_tier, prev_grp, guests, came, visits, "
				   "covers, spend_fen FROM report_month_cell WHERE month = ?1";
	*hit = false;
	sqlite3_stmt *s = store_prep(st, head);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, k->key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, ms->gen);
	sqlite3_bind_int64(s, 3, ms->prev_gen);
	enum store_status rs = store_step_maybe(st, s, "month cache", hit);
	if (rs != ST_OK || !*hit)
		return rs;
	struct report_pareto *p = &sum->pareto;
	p->guests = sqlite3_column_int(s, 0);
	p->revenue = sqlite3_column_int64(s, 1);
	p->top2_guests = sqlite3_column_int(s, 2);
	p->top20_guests = sqlite3_column_int(s, 3);
	p->top2_revenue = sqlite3_column_int64(s, 4);
	p->top20_revenue = sqlite3_column_int64(s, 5);
	bool written = sqlite3_column_int64(s, 6) != ms->visits;
	sqlite3_reset(s);
	if (written && (rs = top_sums(st, k, p)) != ST_OK)
		return rs;
	if (!(s = store_prep(st, cells)))
		return ST_IO;
	sqlite3_bind_text(s, 1, k->key, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char t[4][24];
		for (int i = 0; i < 4; i++)
			store_col_copy(s, i, t[i], sizeof t[i]);
		uint8_t cur = sum_name(sum, t[0], t[1]);
		struct month_cell *c = sum_cell(sum, cur, sum_name(sum, t[2], t[3]));
		c->guests += sqlite3_column_int(s, 4);
		c->came += sqlite3_column_int(s, 5);
		c->visits += sqlite3_column_int(s, 6);
		c->covers += sqlite3_column_int(s, 7);
		c->spend += sqlite3_column_int64(s, 8);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "month cache");
}

/* Stores sum as the month's, read at stamp ms, in a write of its own: only outside a caller's
 * transaction and on a database open for writing. From then on the visit writes keep it
 * (migrate.c), so it is stored only while the stamp is still ms: a visit of the month written
 * after the scan's snapshot and before this write would be missing from it for good. One that
 * fails is forgotten (the next open scans again). Nor is a scan stored that met more tiers
 * than it names (scan_name's 256): the visit writes would add to the tiers it left out. */
static void cache_write(struct store *st, const struct month_keys *k, const struct month_stamp *ms,
			const struct month_sum *sum)
{
	static const char *del_cells = "DELETE FROM report_month_cell WHERE month = ?1";
	static const char *del = "DELETE FROM report_month_cache WHERE month = ?1";
	static const char *head =
		"INSERT INTO report_month_cache(month, gen, prev_gen, stamp, guests, revenue, "
		"top2_guests, top20_guests, top2_revenue, top20_revenue) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	static const char *cell = "INSERT INTO report_month_cell(month, tier, grp, prev_tier, "
				  "prev_grp, guests, came, visits, covers, spend_fen) "
				  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	if (st->readonly || st->txdepth || !sqlite3_get_autocommit(st->db) ||
	    sum->nnames >= sizeof sum->names / sizeof sum->names[0])
		return;
	struct error saved = st->err;
	/* a cache is never worth a wait: another terminal's write holding the lock skips it */
	sqlite3_busy_timeout(st->db, 0);
	enum store_status began = store_begin(st);
	sqlite3_busy_timeout(st->db, st->busy_ms);
	if (began != ST_OK)
		goto out;
	struct month_stamp now;
	if (month_stamp(st, k, &now) != ST_OK || now.gen != ms->gen ||
	    now.prev_gen != ms->prev_gen || now.visits != ms->visits)
		goto fail;
	const char *sqls[2] = {del_cells, del};
	sqlite3_stmt *s;
	for (int i = 0; i < 2; i++) {
		if (!(s = store_prep(st, sqls[i])))
			goto fail;
		sqlite3_bind_text(s, 1, k->key, -1, SQLITE_TRANSIENT);
		if (store_step_done(st, s, "month cache") != ST_OK)
			goto fail;
	}
	if (!(s = store_prep(st, head)))
		goto fail;
	const struct report_pareto *p = &sum->pareto;
	sqlite3_bind_text(s, 1, k->key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, ms->gen);
	sqlite3_bind_int64(s, 3, ms->prev_gen);
	sqlite3_bind_int64(s, 4, ms->visits);
	sqlite3_bind_int64(s, 5, p->guests);
	sqlite3_bind_int64(s, 6, p->revenue);
	sqlite3_bind_int64(s, 7, p->top2_guests);
	sqlite3_bind_int64(s, 8, p->top20_guests);
	sqlite3_bind_int64(s, 9, p->top2_revenue);
	sqlite3_bind_int64(s, 10, p->top20_revenue);
	if (store_step_done(st, s, "month cache") != ST_OK)
		goto fail;
	for (size_t i = 0; i < sum->ncells; i++) {
		const struct month_cell *c = &sum->cells[i];
		if (!(s = store_prep(st, cell)))
			goto fail;
		sqlite3_bind_text(s, 1, k->key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, sum->names[c->cur].tier, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, sum->names[c->cur].grp, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, sum->names[c->prev].tier, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, sum->names[c->prev].grp, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 6, c->guests);
		sqlite3_bind_int64(s, 7, c->came);
		sqlite3_bind_int64(s, 8, c->visits);
		sqlite3_bind_int64(s, 9, c->covers);
		sqlite3_bind_int64(s, 10, c->spend);
		if (store_step_done(st, s, "month cache") != ST_OK)
			goto fail;
	}
	store_commit(st); /* one that fails has rolled back */
	goto out;
fail:
	store_rollback(st);
out:
	st->err = saved;
}

enum store_status report_store_forget(struct store *st, const char *from)
{
	static const char *sqls[2] = {
		"DELETE FROM report_month_cell WHERE ?1 IS NULL OR month >= ?1",
		"DELETE FROM report_month_cache WHERE ?1 IS NULL OR month >= ?1"};
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *s = store_prep(st, sqls[i]);
		if (!s)
			return ST_IO;
		store_bind_text(s, 1, from);
		enum store_status rs = store_step_done(st, s, "month cache");
		if (rs != ST_OK)
			return rs;
	}
	return ST_OK;
}

/* The month's sum from the scan (the simple path, which the cache must always agree with). */
static enum store_status sum_fresh(struct store *st, struct date m, struct month_sum *sum)
{
	struct month_scan sc;
	enum store_status rs = scan_month(st, m, &sc);
	if (rs == ST_OK)
		sum_of_scan(&sc, sum);
	scan_free(&sc);
	return rs;
}

static void sum_init(struct month_sum *sum)
{
	memset(sum, 0, sizeof *sum);
	sum->nnames = 1; /* 0: untiered */
}

enum store_status report_store_month_fresh(struct store *st, const struct tier_rules *r,
					   struct date m, struct report_month *out)
{
	memset(out, 0, sizeof *out);
	struct month_sum sum;
	sum_init(&sum);
	enum store_status rs = sum_fresh(st, m, &sum);
	if (rs == ST_OK)
		month_tiers(r, &sum, out);
	free(sum.cells);
	return rs;
}

enum store_status report_store_month(struct store *st, const struct tier_rules *r, struct date m,
				     struct report_month *out)
{
	const struct month_keys k = store_month_keys(m);
	memset(out, 0, sizeof *out);
	struct month_sum sum;
	sum_init(&sum);
	struct month_stamp ms;
	bool hit = false;
	/* the stamp, and the cache or the scan, in one read snapshot */
	enum store_status rs = store_exec(st, "SAVEPOINT month_sum");
	if (rs != ST_OK)
		return rs;
	if ((rs = month_stamp(st, &k, &ms)) == ST_OK)
		rs = cache_read(st, &k, &ms, &sum, &hit);
	if (rs == ST_OK && !hit) {
		free(sum.cells);
		sum_init(&sum);
		rs = sum_fresh(st, m, &sum);
	}
	store_release(st, "month_sum");
	if (rs == ST_OK && !hit)
		cache_write(st, &k, &ms, &sum);
	if (rs == ST_OK)
		month_tiers(r, &sum, out);
	free(sum.cells);
	return rs;
}

void report_month_free(struct report_month *m)
{
	free(m->tiers);
	m->tiers = NULL;
	m->ntiers = 0;
}

enum store_status report_store_tiers(struct store *st, struct date m, struct report_tier **out,
				     size_t *n)
{
	/* the month's tiers without the rules: those met this month or the month before, and
	 * untiered when untiered guests came */
	struct report_month rm;
	enum store_status rs = report_store_month(st, NULL, m, &rm);
	*out = rm.tiers;
	*n = rm.ntiers;
	return rs;
}

enum store_status report_store_pareto(struct store *st, struct date m, struct report_pareto *out)
{
	struct report_month rm;
	enum store_status rs = report_store_month(st, NULL, m, &rm);
	*out = rm.pareto;
	report_month_free(&rm);
	return rs;
}

/* Whether name k is tier want of group wgrp: wgrp NULL for any group of the letter, "" for
 * the letter alone (set by hand without a group: a figure of its own on the dashboard). */
static bool same_tier(const struct month_scan *sc, uint8_t k, const char *want, const char *wgrp)
{
	return strcmp(sc->names[k].tier, want ? want : "") == 0 &&
	       (!wgrp || strcmp(sc->names[k].grp, wgrp) == 0);
}

static bool listed(const struct tier_rules *r, const struct month_scan *sc,
		   const struct scan_guest *g, enum report_list what, const char *tier,
		   const char *grp)
{
	switch (what) {
	case RL_TIER:
		return same_tier(sc, g->tier, tier, grp) && (g->tier || g->visits);
	case RL_CAME:
		return g->visits && same_tier(sc, g->tier, tier, grp);
	case RL_PROMOTED:
		return moved(r, sc, g) > 0;
	case RL_DEMOTED:
		return moved(r, sc, g) < 0;
	default: /* the top guests: those who came, cut after sorting */
		return g->visits > 0;
	}
}

static int cmp_spend_id(const void *a, const void *b)
{
	const struct report_guest *x = a, *y = b;
	if (x->spend != y->spend)
		return x->spend > y->spend ? -1 : 1;
	return (x->guest_id > y->guest_id) - (x->guest_id < y->guest_id);
}

enum store_status report_store_guests(struct store *st, const struct tier_rules *r, struct date m,
				      enum report_list what, const char *tier, const char *grp,
				      struct report_guest **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct month_scan sc;
	enum store_status rs = scan_month(st, m, &sc);
	size_t cap = 0;
	for (size_t i = 1; rs == ST_OK && i < sc.n; i++) {
		const struct scan_guest *g = &sc.g[i];
		if (!listed(r, &sc, g, what, tier, grp))
			continue;
		vec_reserve((void **)out, *n + 1, &cap, sizeof **out);
		struct report_guest *x = &(*out)[(*n)++];
		memset(x, 0, sizeof *x);
		x->guest_id = (int64_t)i;
		memcpy(x->tier, sc.names[g->tier].tier, sizeof x->tier);
		memcpy(x->grp, sc.names[g->tier].grp, sizeof x->grp);
		memcpy(x->prev_tier, sc.names[g->prev].tier, sizeof x->prev_tier);
		memcpy(x->prev_grp, sc.names[g->prev].grp, sizeof x->prev_grp);
		x->visits = g->visits;
		x->covers = g->covers;
		x->spend = g->spend;
	}
	scan_free(&sc);
	if (rs != ST_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
		return rs;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, cmp_spend_id);
	if (what == RL_TOP2 || what == RL_TOP20)
		*n = top_count(*n, what == RL_TOP2 ? 2 : 20);
	return ST_OK;
}

/* ---- the dashboard's day: special dates and contacts due ---- */

/* The letter tier in force of each guest (index + 1 into r->privs; 0: none), by id. */
struct day_tiers {
	uint8_t *priv;
	size_t n;
};

static enum store_status day_tiers(struct store *st, const struct tier_rules *r,
				   struct date today, struct day_tiers *dt)
{
	static const char *sql =
		"SELECT r.guest_id, r.tier FROM tier_month_gen g JOIN tier_month_row r "
		"INDEXED BY tier_month_tiered ON r.month = g.month AND " TIER_ROW_SHOWN("r.", "g.gen") " "
		"WHERE g.month = (SELECT max(month) FROM tier_month WHERE month <= ?1) "
		"AND r.tier IS NOT NULL";
	memset(dt, 0, sizeof *dt);
	enum store_status rs = store_guest_bound(st, "day guests", &dt->n);
	if (rs != ST_OK)
		return rs;
	dt->priv = xcalloc(dt->n, 1);
	sqlite3_stmt *s;
	if (!r || !(s = store_prep(st, sql)))
		return r ? ST_IO : ST_OK;
	char mk[8];
	/* the privileges of the last complete month: a running month's tiers are provisional */
	sqlite3_bind_text(s, 1, date_month_key(tier_held_month(today), mk), -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *tier = (const char *)sqlite3_column_text(s, 1);
		for (size_t i = 0; id > 0 && (size_t)id < dt->n && i < r->nprivs && i < 255; i++)
			if (strcmp(r->privs[i].tier, tier) == 0) {
				dt->priv[id] = (uint8_t)(i + 1);
				break;
			}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "day tiers");
}

static const struct tier_privilege *priv_of(const struct tier_rules *r, const struct day_tiers *dt,
					    int64_t id)
{
	if (!r || id <= 0 || (size_t)id >= dt->n || !dt->priv[id])
		return NULL;
	return &r->privs[dt->priv[id] - 1];
}

/* The dates falling on day d (29 February on 28 February in a common year), with whether
 * their gift of d's year is given (as agenda_store_upcoming decides it). special_date_day
 * covers the query; an anonymised guest has no dates left (domain.md §9), so the guest rows
 * are not read. */
static enum store_status day_dates(struct store *st, const struct tier_rules *r,
				   const struct day_tiers *dt, struct date d, bool today,
				   struct report_today *out)
{
	static const char *sql =
	    "SELECT sd.guest_id, sd.person_id IS NOT NULL, sd.kind, EXISTS (SELECT 1 FROM gift gf "
	    "WHERE gf.guest_id = sd.guest_id AND gf.year = ?4 AND gf.occasion = (CASE sd.kind "
	    "WHEN 'other' THEN coalesce(sd.label, 'other') ELSE sd.kind END) AND (CASE WHEN "
	    "sd.person_id IS NULL THEN gf.person IS NULL ELSE gf.person_id = sd.person_id END)) "
	    "FROM special_date sd WHERE sd.month = ?1 AND sd.day BETWEEN ?2 AND ?3";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int(s, 1, d.m);
	sqlite3_bind_int(s, 2, d.d);
	sqlite3_bind_int(s, 3, d.m == 2 && d.d == 28 && !date_is_leap(d.y) ? 29 : d.d);
	sqlite3_bind_int(s, 4, d.y);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int kind = date_kind_from_name((const char *)sqlite3_column_text(s, 2));
		int64_t fen = 0;
		bool gift = !sqlite3_column_int(s, 3) &&
			    agenda_gift(priv_of(r, dt, sqlite3_column_int64(s, 0)),
					kind < 0 ? DATE_OTHER : (enum date_kind)kind,
					sqlite3_column_int(s, 1), &fen);
		out->dates_week++;
		out->gifts_week += gift;
		out->gift_fen_week += gift ? fen : 0;
		if (today) {
			out->dates_today++;
			out->gifts_today += gift;
			out->gift_fen_today += gift ? fen : 0;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "day dates");
}

/* Calls and visits due today: every tiered guest whose tier has the cadence, less those whose
 * last contact of that channel is recent enough (read from the contacts of the last
 * max-cadence days only). */
static enum store_status day_contacts(struct store *st, const struct tier_rules *r,
				      const struct day_tiers *dt, struct date today,
				      struct report_today *out)
{
	static const char *sql = "SELECT guest_id, channel, max(at) FROM contact "
				 "WHERE channel IN ('phone', 'visit') AND at >= ?1 "
				 "GROUP BY guest_id, channel";
	int longest = 0;
	for (size_t i = 0; r && i < r->nprivs; i++) {
		longest = r->privs[i].phone_days > longest ? r->privs[i].phone_days : longest;
		longest = r->privs[i].visit_days > longest ? r->privs[i].visit_days : longest;
	}
	for (size_t id = 1; id < dt->n; id++) {
		const struct tier_privilege *p = priv_of(r, dt, (int64_t)id);
		out->calls_due += p && p->phone_days > 0;
		out->visits_due += p && p->visit_days > 0;
	}
	if (!longest)
		return ST_OK;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	char since[11];
	sqlite3_bind_text(s, 1, date_format(date_add_days(today, -longest), since), -1,
			  SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const struct tier_privilege *p = priv_of(r, dt, sqlite3_column_int64(s, 0));
		bool phone = strcmp((const char *)sqlite3_column_text(s, 1), "phone") == 0;
		char day[11];
		struct date last;
		store_col_copy(s, 2, day, sizeof day);
		if (!p || !date_parse(day, &last))
			continue;
		struct agenda_due due =
		    agenda_cadence(phone ? p->phone_days : p->visit_days, &last, today);
		if (due.state == AGENDA_NOT_DUE) {
			if (phone)
				out->calls_due--;
			else
				out->visits_due--;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "day contacts");
}

enum store_status report_store_today(struct store *st, const struct tier_rules *r,
				     struct date today, struct report_today *out)
{
	memset(out, 0, sizeof *out);
	struct day_tiers dt;
	enum store_status rs = store_exec(st, "SAVEPOINT today");
	if (rs != ST_OK)
		return rs;
	rs = day_tiers(st, r, today, &dt);
	for (int i = 0; i < 7 && rs == ST_OK; i++)
		rs = day_dates(st, r, &dt, date_add_days(today, i), i == 0, out);
	if (rs == ST_OK)
		rs = day_contacts(st, r, &dt, today, out);
	store_release(st, "today");
	free(dt.priv);
	return rs;
}
