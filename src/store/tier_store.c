#include "store/tier_store.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>

#include "core/strv.h"
#include "store/guest_store.h"
#include "store/report_store.h"
#include "store/store_int.h"
#include "store/tier_rules_store.h"

#define BATCH 5000

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

enum store_status tier_store_rules_version(struct store *st, const struct tier_rules *r,
					   const char *content, int64_t *id)
{
	static const char *ins = "INSERT OR IGNORE INTO tier_rules_version(hash, label, source, "
				 "content, first_used) VALUES (?1, ?2, ?3, ?4, ?5)";
	static const char *sel = "SELECT id FROM tier_rules_version WHERE hash = ?1";
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, ins);
	if (!s)
		goto io;
	sqlite3_bind_text(s, 1, r->hash, -1, SQLITE_STATIC);
	store_bind_text(s, 2, r->version);
	store_bind_text(s, 3, r->source);
	sqlite3_bind_text(s, 4, content ? content : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, store_now(st), -1, SQLITE_TRANSIENT);
	if ((rs = store_step_done(st, s, "rules version")) != ST_OK)
		goto fail;
	s = store_prep(st, sel);
	if (!s)
		goto io;
	sqlite3_bind_text(s, 1, r->hash, -1, SQLITE_STATIC);
	bool row;
	if ((rs = store_step_maybe(st, s, "rules version", &row)) != ST_OK)
		goto fail;
	if (!row) {
		rs = store_fail(st, ST_IO, "rules version: not stored");
		goto fail;
	}
	*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return store_commit(st);
io:
	rs = ST_IO;
fail:
	store_rollback(st);
	return rs;
}

/* Last month's row from columns tier, grp, source, grace starting at col. */
static void read_prev(sqlite3_stmt *s, int col, struct tier_prev *p)
{
	const unsigned char *src = sqlite3_column_text(s, col + 2);
	p->held = true;
	store_col_copy(s, col, p->tier, sizeof p->tier);
	store_col_copy(s, col + 1, p->grp, sizeof p->grp);
	p->earned = src && strcmp((const char *)src, "override") != 0;
	p->grace = sqlite3_column_int(s, col + 3);
}

/* An override in force from columns tier, grp starting at col. */
static void read_override(sqlite3_stmt *s, int col, struct tier_override_in *o)
{
	o->active = true;
	store_col_copy(s, col, o->tier, sizeof o->tier);
	store_col_copy(s, col + 1, o->grp, sizeof o->grp);
}

/* Everything read for one guest before deciding. */
struct cand {
	int64_t id;
	struct tier_figures window, month;
	int first_month; /* month_no of the first visit in the window (-1: unknown) */
	struct tier_prev prev;
	struct tier_override_in ov;
	struct tier_decision d; /* decided once everything is read */
	bool had;        /* the month shows a row of the guest, of generation old_gen */
	int64_t old_gen;
	bool keep;   /* that row is the one this recompute would write: left as it is */
	bool unmark; /* kept, and marked superseded by a recompute that never showed */
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

/* The candidate for guest id, appended when absent. Inputs arrive sorted by id per source,
 * so a lookup from the end or a binary search suffices. */
static struct cand *cand_for(struct cands *c, int64_t id, bool sorted_append)
{
	if (c->n && c->v[c->n - 1].id == id)
		return &c->v[c->n - 1];
	size_t lo = c->n; /* where id goes: appended, or in order */
	if (!sorted_append || (c->n && c->v[c->n - 1].id > id)) {
		size_t hi = c->n;
		lo = 0;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (c->v[mid].id < id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < c->n && c->v[lo].id == id)
			return &c->v[lo];
	}
	vec_reserve((void **)&c->v, c->n + 1, &c->cap, sizeof *c->v);
	memmove(&c->v[lo + 1], &c->v[lo], (c->n - lo) * sizeof *c->v);
	memset(&c->v[lo], 0, sizeof *c->v);
	c->v[lo].id = id;
	c->n++;
	return &c->v[lo];
}

/* Window and month figures of every guest with visits in the window, sorted by guest, with the
 * guest's first visit in the window. Used when guest ids are too sparse for read_window. The
 * sums, here and in every query of this file, are of live visits: the totals visit_per_capita
 * (through tier_per_capita) divides, a void visit counting for nothing. */
static const char agg_sql[] =
	"SELECT guest_id, count(*), sum(covers), sum(spend_fen), sum(date >= ?3), "
	"sum(CASE WHEN date >= ?3 THEN covers ELSE 0 END), "
	"sum(CASE WHEN date >= ?3 THEN spend_fen ELSE 0 END), min(date) "
	"FROM visit WHERE voided_at IS NULL AND date BETWEEN ?1 AND ?2 "
	"GROUP BY guest_id ORDER BY guest_id";
/* The window's visits, through the covering index visit_live. */
static const char window_sql[] = "SELECT guest_id, date, covers, spend_fen FROM visit "
				 "WHERE voided_at IS NULL AND date BETWEEN ?1 AND ?2";
static const char first_sql[] = "SELECT date FROM visit WHERE guest_id = ?1 AND voided_at IS NULL "
				"ORDER BY date LIMIT 1";
/* The same figures from guest_month (each guest's live visits summed per month by the visit
 * triggers): the window's months are those of the visits dated between its first day and the
 * month's last (a stored date is a valid one: visit_date_check), and a row is left only for a
 * month with a live visit, so the sums, counts and first month are those of agg_sql. */
static const char agg_gm_sql[] =
	"SELECT guest_id, sum(visits), sum(covers), sum(spend_fen), "
	"sum(CASE WHEN month = ?3 THEN visits ELSE 0 END), "
	"sum(CASE WHEN month = ?3 THEN covers ELSE 0 END), "
	"sum(CASE WHEN month = ?3 THEN spend_fen ELSE 0 END), min(month) "
	"FROM guest_month WHERE month BETWEEN ?1 AND ?3 GROUP BY guest_id ORDER BY guest_id";
/* The window's months, through guest_month's primary key (about 2/3 of the window's visits in
 * rows: 0.15 s at a million guests against 0.36 s for the visits). */
static const char window_gm_sql[] = "SELECT guest_id, month, visits, covers, spend_fen "
				    "FROM guest_month WHERE month BETWEEN ?1 AND ?2";
/* Whether the guest has a live visit before the window. */
static const char before_sql[] = "SELECT 1 FROM visit WHERE guest_id = ?1 AND date < ?2 "
				 "AND voided_at IS NULL LIMIT 1";
/* The same from guest_month (a row a month with a live visit), the window's first month bound:
 * one seek of the index guest_month_guest, which answers it alone (0.45 s → 0.1 s for 190k
 * guests at a million: the visits' index has the voided visits too, so each probe also read
 * the visit's row). */
static const char before_gm_sql[] = "SELECT 1 FROM guest_month WHERE guest_id = ?1 AND month < ?2 "
				    "LIMIT 1";

/* Guest ids up to this are added up in an array indexed by id by read_window (40 bytes each). */
#define DENSE_MAX_ID (INT64_C(1) << 23)

/* "YYYY-MM…" → y * 12 + m - 1; -1 when it is not a date. */
static int month_no(const unsigned char *d)
{
	if (!d)
		return -1;
	for (int i = 0; i < 7; i++)
		if (i == 4 ? d[i] != '-' : (d[i] < '0' || d[i] > '9'))
			return -1;
	int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	return y * 12 + (d[5] - '0') * 10 + (d[6] - '0') - 1;
}

bool tier_store_window_from_visits;

/* Whether the window is read from guest_month: unless bulk loading, which does not keep it
 * (or the test hook says the visits). */
static bool window_from_months(const struct store *st)
{
	return !tier_store_window_from_visits && !st->bulk_active;
}

/* A guest's figures while read_window adds them up. */
struct acc {
	int visits, covers, m_visits, m_covers;
	int64_t spend, m_spend;
	int first; /* month_no of the first visit in the window */
};

/* The figures of the guests with visits in [w0, m1] (m0: the month's first day) into c, sorted
 * by guest, with x->first_month that of the first visit in the window: one scan of the window's
 * visits, added up in an array indexed by guest id (far cheaper than SQLite's GROUP BY, which
 * sorts the 1.7M visits of a big restaurant's window in a temporary b-tree). */
static enum store_status read_window(struct store *st, int64_t max_id, const char *w0,
				     const char *m0, const char *m1, struct cands *c)
{
	struct acc *acc = xcalloc((size_t)max_id + 1, sizeof *acc);
	enum store_status rs = ST_OK;
	bool gm = window_from_months(st); /* its months: "YYYY-MM" */
	char wk[8], mk[8];
	snprintf(wk, sizeof wk, "%.7s", w0);
	snprintf(mk, sizeof mk, "%.7s", m0);
	sqlite3_stmt *s = store_prep(st, gm ? window_gm_sql : window_sql);
	if (!s) {
		rs = ST_IO;
		goto out;
	}
	sqlite3_bind_text(s, 1, gm ? wk : w0, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, gm ? mk : m1, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const unsigned char *date = sqlite3_column_text(s, 1);
		if (id < 0 || id > max_id || !date) {
			sqlite3_reset(s);
			rs = store_fail(st, ST_CORRUPT, "visit of unknown guest %lld", (long long)id);
			goto out;
		}
		struct acc *x = &acc[id];
		/* a visit, or a month's visits summed */
		int n = gm ? sqlite3_column_int(s, 2) : 1;
		int covers = sqlite3_column_int(s, 2 + gm);
		int64_t spend = sqlite3_column_int64(s, 3 + gm);
		int mn = month_no(date);
		if (!x->visits || mn < x->first)
			x->first = mn;
		x->visits += n;
		x->covers += covers;
		x->spend += spend;
		if (strcmp((const char *)date, gm ? mk : m0) >= 0) {
			x->m_visits += n;
			x->m_covers += covers;
			x->m_spend += spend;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		rs = store_sqlfail(st, rc, "monthly figures");
		goto out;
	}
	for (int64_t id = 0; id <= max_id; id++) {
		const struct acc *a = &acc[id];
		if (!a->visits)
			continue;
		struct cand *x = cand_for(c, id, true);
		x->window.visits = a->visits;
		x->window.covers = a->covers;
		x->window.spend = a->spend;
		x->month.visits = a->m_visits;
		x->month.covers = a->m_covers;
		x->month.spend = a->m_spend;
		x->month.months = 1;
		x->first_month = a->first;
	}
out:
	free(acc);
	return rs;
}

/* The same through SQLite's GROUP BY, for any guest ids. */
static enum store_status read_window_sql(struct store *st, const char *w0, const char *m0,
					 const char *m1, struct cands *c)
{
	bool gm = window_from_months(st);
	sqlite3_stmt *s = store_prep(st, gm ? agg_gm_sql : agg_sql);
	if (!s)
		return ST_IO;
	if (gm) {
		char wk[8], mk[8];
		snprintf(wk, sizeof wk, "%.7s", w0);
		snprintf(mk, sizeof mk, "%.7s", m0);
		sqlite3_bind_text(s, 1, wk, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, mk, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_text(s, 1, w0, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, m1, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, m0, -1, SQLITE_TRANSIENT);
	}
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cand *x = cand_for(c, sqlite3_column_int64(s, 0), true);
		x->window.visits = sqlite3_column_int(s, 1);
		x->window.covers = sqlite3_column_int(s, 2);
		x->window.spend = sqlite3_column_int64(s, 3);
		x->month.visits = sqlite3_column_int(s, 4);
		x->month.covers = sqlite3_column_int(s, 5);
		x->month.spend = sqlite3_column_int64(s, 6);
		x->month.months = 1;
		x->first_month = month_no(sqlite3_column_text(s, 7));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "monthly figures");
	return ST_OK;
}

static const char prev_sql[] = "SELECT guest_id, tier, grp, source, grace FROM tier_month "
			       "WHERE month = ?1 AND tier IS NOT NULL ORDER BY guest_id";
/* The overrides in force in month ?1 (OVERRIDE_IN_FORCE); the newest of a guest's wins. */
static const char ov_sql[] = "SELECT guest_id, tier, grp FROM tier_override WHERE "
			     OVERRIDE_IN_FORCE("", "?1") " ORDER BY guest_id, id";

/* Reads last month's rows (prev_sql) or the overrides in force (ov_sql, ov) bound to key into
 * the candidates, adding the guests not met yet (with the full window). */
static enum store_status read_keyed(struct store *st, const char *sql, const char *key, int window,
				    bool ov, struct cands *c, const char *context)
{
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cand *x = cand_for(c, sqlite3_column_int64(s, 0), false);
		if (!x->window.months)
			x->window.months = window;
		if (ov)
			read_override(s, 1, &x->ov);
		else
			read_prev(s, 1, &x->prev);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, context);
}

static enum store_status read_month(struct store *st, struct date m, int window, struct cands *c)
{
	char w0[11], m0[11], m1[11], mk[8], pk[8];
	date_month_first(tier_window_start(window, m), w0);
	date_month_first(m, m0);
	date_month_last(m, m1);
	date_month_key(m, mk);
	date_month_key(date_prev_month(m), pk);
	int64_t max_id = 0;
	sqlite3_stmt *s = store_prep(st, "SELECT max(id) FROM guest");
	if (!s)
		return ST_IO;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		max_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "guests");
	enum store_status rs = max_id >= 0 && max_id <= DENSE_MAX_ID
				       ? read_window(st, max_id, w0, m0, m1, c)
				       : read_window_sql(st, w0, m0, m1, c);
	if (rs != ST_OK)
		return rs;

	/* the window shrinks for a guest first seen inside it: only a guest whose first visit in
	 * the window is after its first month may have been, if nothing came before the window */
	struct date ws = tier_window_start(window, m);
	int w1 = ws.y * 12 + ws.m - 1;
	bool gm = window_from_months(st);
	char wk[8];
	snprintf(wk, sizeof wk, "%.7s", w0);
	for (size_t i = 0; i < c->n; i++) {
		struct cand *x = &c->v[i];
		x->window.months = window;
		if (window <= 1 || x->first_month <= w1)
			continue;
		s = store_prep(st, gm ? before_gm_sql : before_sql);
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, x->id);
		sqlite3_bind_text(s, 2, gm ? wk : w0, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE) {
			struct date f = {x->first_month / 12, x->first_month % 12 + 1, 1};
			x->window.months = tier_window_months(window, f, m);
		} else if (rc != SQLITE_ROW) {
			return store_sqlfail(st, rc, "first visits");
		}
	}

	if ((rs = read_keyed(st, prev_sql, pk, window, false, c, "last month's tiers")) != ST_OK)
		return rs;
	return read_keyed(st, ov_sql, mk, window, true, c, "overrides");
}

/* Binds the row of candidate x for write_batch's insert (?1 month, ?2 guest, ?3…?18 the
 * columns). */
static void bind_row(sqlite3_stmt *s, const struct tier_rules *r, int64_t rules_id,
		     const char *mk, const char *now, const struct cand *x)
{
	const struct tier_decision d = x->d;
	sqlite3_bind_text(s, 1, mk, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, x->id);
	store_bind_text(s, 3, d.tier);
	store_bind_text(s, 4, d.grp);
	if (d.rule >= 0) {
		sqlite3_bind_text(s, 5, r->rules[d.rule].tier, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, r->rules[d.rule].group, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 7, d.rule);
	} else {
		sqlite3_bind_null(s, 5);
		sqlite3_bind_null(s, 6);
		sqlite3_bind_null(s, 7);
	}
	sqlite3_bind_text(s, 8, tier_source_names[d.source], -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 9, x->window.months);
	sqlite3_bind_int(s, 10, x->window.visits);
	sqlite3_bind_int(s, 11, x->window.covers);
	sqlite3_bind_int64(s, 12, x->window.spend);
	sqlite3_bind_int(s, 13, x->month.visits);
	sqlite3_bind_int(s, 14, x->month.covers);
	sqlite3_bind_int64(s, 15, x->month.spend);
	sqlite3_bind_int(s, 16, d.grace);
	sqlite3_bind_int64(s, 17, rules_id);
	sqlite3_bind_text(s, 18, now, -1, SQLITE_STATIC);
}

/* A row of the month: its guest and the generation that wrote it (the primary key). */
struct rowref {
	int64_t guest, gen;
};

struct rowrefs {
	struct rowref *v;
	size_t n, cap, at; /* at: the next one a write takes */
};

static void rowref_add(struct rowrefs *r, int64_t guest, int64_t gen)
{
	vec_reserve((void **)&r->v, r->n + 1, &r->cap, sizeof *r->v);
	r->v[r->n++] = (struct rowref){guest, gen};
}

/* A recompute's writes: the month, the generation it writes, rows a write, and the figures. */
struct gen_run {
	struct store *st;
	char mk[8];
	int64_t gen;
	int64_t shown; /* the generation the month shows (0: none) */
	char at[24];   /* when the month is computed: when its generation was claimed */
	long batch;
	long kill_after; /* test hook: MAITRE_TEST_TIER_KILL (0: none) */
	bool provisional; /* the month is still running (or to come): its rows say so */
	struct date month;
	const char *canonical; /* recorded with the switch (NULL: not) */
	struct rowrefs gone;   /* rows shown of guests with no row now: superseded */
	struct rowrefs junk;   /* rows nobody reads: another recompute's, never shown, or left */
	struct rowrefs old;    /* the rows this one superseded, deleted once it shows */
	int64_t lo;            /* the first guest of the next write */
	struct tier_recompute_stats *stats;
};

/* A positive number from the environment variable name, or dflt. */
static long env_count(const char *name, long dflt)
{
	const char *v = getenv(name);
	char *end;
	if (!v || !*v)
		return dflt;
	long n = strtol(v, &end, 10);
	return *end || n <= 0 ? dflt : n;
}

void (*tier_store_after_write)(int n);
bool tier_store_rewrite_all;

/* Counts and times a write of the recompute that committed (b0: when it began). Test hooks:
 * tier_store_after_write, and MAITRE_TEST_TIER_KILL, which kills the process right after its
 * kill_after-th write, as kill -9 would. */
static void wrote(struct gen_run *g, double b0)
{
	double ms = now_ms() - b0;
	if (ms > g->stats->longest_tx_ms)
		g->stats->longest_tx_ms = ms;
	g->stats->batches++;
	if (tier_store_after_write)
		tier_store_after_write(g->stats->batches);
	if (g->stats->batches == g->kill_after)
		raise(SIGKILL);
}

/* Claims the month's next generation (claimed + 1) for g, in a write of its own that tests do
 * not count: from then on no other recompute writes to the month or shows it (each write of
 * one checks the claim), so what this one reads next is the month as it will find it. */
static enum store_status claim(struct gen_run *g)
{
	static const char *up = "INSERT INTO tier_month_gen(month, gen, row_count, claimed) "
				"VALUES (?1, NULL, 0, 1) ON CONFLICT (month) DO UPDATE SET "
				"claimed = claimed + 1";
	static const char *sel = "SELECT claimed FROM tier_month_gen WHERE month = ?1";
	struct store *st = g->st;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, up);
	if (!s)
		goto io;
	sqlite3_bind_text(s, 1, g->mk, -1, SQLITE_STATIC);
	if ((rs = store_step_done(st, s, "tier generation")) != ST_OK)
		goto fail;
	if (!(s = store_prep(st, sel)))
		goto io;
	sqlite3_bind_text(s, 1, g->mk, -1, SQLITE_STATIC);
	bool row;
	if ((rs = store_step_maybe(st, s, "tier generation", &row)) != ST_OK)
		goto fail;
	g->gen = row ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (!row) {
		rs = store_fail(st, ST_IO, "tier generation: not stored");
		goto fail;
	}
	snprintf(g->at, sizeof g->at, "%s", store_now(st));
	return store_commit(st);
io:
	rs = ST_IO;
fail:
	store_rollback(st);
	return rs;
}

/* Every row of the month, in guest order, with the columns bind_row writes from 1 on
 * (computed_at aside: the month's, tier_month_at), then the generations that wrote and
 * superseded it. */
static const char stored_sql[] =
	"SELECT guest_id, tier, grp, computed_tier, computed_grp, rule_no, source, months, visits, "
	"covers, spend_fen, m_visits, m_covers, m_spend_fen, grace, rules_version, provisional, "
	"gen, superseded FROM tier_month_row WHERE month = ?1 ORDER BY guest_id, gen";

/* Whether column col holds v as store_bind_text binds it ("" and NULL: SQL NULL). */
static bool col_is(sqlite3_stmt *s, int col, const char *v)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	if (!v || !*v)
		return !t;
	return t && strcmp((const char *)t, v) == 0;
}

/* Whether column col holds the text v as sqlite3_bind_text binds it ("" stays ""). */
static bool col_text_is(sqlite3_stmt *s, int col, const char *v)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	return t && strcmp((const char *)t, v) == 0;
}

/* Whether the stored row s (stored_sql) is the one bind_row would write for x. */
static bool row_same(sqlite3_stmt *s, const struct tier_rules *r, int64_t rules_id,
		     bool provisional, const struct cand *x)
{
	const struct tier_decision *d = &x->d;
	if (!col_is(s, 1, d->tier) || !col_is(s, 2, d->grp))
		return false;
	if (d->rule >= 0) {
		if (sqlite3_column_type(s, 5) != SQLITE_INTEGER || sqlite3_column_int64(s, 5) != d->rule ||
		    !col_text_is(s, 3, r->rules[d->rule].tier) ||
		    !col_text_is(s, 4, r->rules[d->rule].group))
			return false;
	} else if (sqlite3_column_type(s, 3) != SQLITE_NULL ||
		   sqlite3_column_type(s, 4) != SQLITE_NULL ||
		   sqlite3_column_type(s, 5) != SQLITE_NULL) {
		return false;
	}
	return col_text_is(s, 6, tier_source_names[d->source]) &&
	       sqlite3_column_int64(s, 7) == x->window.months &&
	       sqlite3_column_int64(s, 8) == x->window.visits &&
	       sqlite3_column_int64(s, 9) == x->window.covers &&
	       sqlite3_column_int64(s, 10) == x->window.spend &&
	       sqlite3_column_int64(s, 11) == x->month.visits &&
	       sqlite3_column_int64(s, 12) == x->month.covers &&
	       sqlite3_column_int64(s, 13) == x->month.spend &&
	       sqlite3_column_int64(s, 14) == d->grace && sqlite3_column_int64(s, 15) == rules_id &&
	       sqlite3_column_int64(s, 16) == provisional;
}

/* Sorts the month's rows out against the candidates (sorted by guest, as the rows are read):
 * a row shown (g->shown) is kept as it is when it is the one this recompute would write
 * (x->keep; x->unmark when a recompute that never showed marked it superseded), else
 * superseded (x->old_gen; g->gone for a guest with no candidate); the rows of a generation
 * never shown, or superseded by the one shown, are nobody's (g->junk). */
static enum store_status compare_stored(struct gen_run *g, const struct tier_rules *r,
					int64_t rules_id, struct cands *c)
{
	struct store *st = g->st;
	sqlite3_stmt *s = store_prep(st, stored_sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, g->mk, -1, SQLITE_STATIC);
	size_t i = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0), gen = sqlite3_column_int64(s, 17);
		bool marked = sqlite3_column_type(s, 18) != SQLITE_NULL;
		int64_t sup = sqlite3_column_int64(s, 18);
		if (gen > g->shown || (marked && sup <= g->shown)) {
			rowref_add(&g->junk, id, gen);
			continue;
		}
		while (i < c->n && c->v[i].id < id)
			i++;
		if (i < c->n && c->v[i].id == id) {
			struct cand *x = &c->v[i];
			x->had = true;
			x->old_gen = gen;
			x->keep = !tier_store_rewrite_all &&
				  row_same(s, r, rules_id, g->provisional, x);
			x->unmark = x->keep && marked;
		} else {
			rowref_add(&g->gone, id, gen);
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "the month's tiers");
}

/* Runs sql, bound ?1 the month, ?2 the generation, ?3 and ?4 a row's guest and generation
 * (or the first and last guest of a range) and ?5 the generation shown. */
static enum store_status run_row(struct gen_run *g, const char *sql, int64_t a, int64_t b,
				 const char *context)
{
	sqlite3_stmt *s = store_prep(g->st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, g->mk, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, g->gen);
	sqlite3_bind_int64(s, 3, a);
	sqlite3_bind_int64(s, 4, b);
	sqlite3_bind_int64(s, 5, g->shown);
	return store_step_done(g->st, s, context);
}

/* Whether the month's last claimed generation is still g->gen (ST_CONFLICT: a recompute that
 * began since claimed another, and deletes what this one wrote). */
static enum store_status still_ours(struct gen_run *g)
{
	static const char *sql = "SELECT claimed FROM tier_month_gen WHERE month = ?1";
	struct store *st = g->st;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, g->mk, -1, SQLITE_STATIC);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "tier generation", &row);
	if (rs != ST_OK)
		return rs;
	int64_t claimed = row ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (claimed == g->gen)
		return ST_OK;
	return store_fail(st, ST_CONFLICT,
			  "another tier recompute of %s began meanwhile: its tiers are kept, not these",
			  g->mk);
}

/* The statements of a write, on one row by its primary key (run_row). */
static const char supersede_sql[] = "UPDATE tier_month_row SET superseded = ?2 "
				    "WHERE month = ?1 AND guest_id = ?3 AND gen = ?4";
static const char unmark_sql[] = "UPDATE tier_month_row SET superseded = NULL "
				 "WHERE month = ?1 AND guest_id = ?3 AND gen = ?4";
static const char drop_sql[] = "DELETE FROM tier_month_row WHERE month = ?1 AND guest_id = ?3 "
			       "AND gen = ?4";
/* The same over the guests ?3 to ?4 ("range"): a batch where most rows change is written
 * faster so, in the primary key's order, than row by row. */
static const char supersede_range_sql[] =
	"UPDATE tier_month_row SET superseded = ?2 WHERE month = ?1 AND guest_id BETWEEN ?3 AND ?4 "
	"AND " TIER_ROW_SHOWN("", "?5");
static const char drop_range_sql[] = "DELETE FROM tier_month_row WHERE month = ?1 AND guest_id "
				     "BETWEEN ?3 AND ?4 AND superseded <= ?2";

/* The index of the first candidate of guest id or after it. */
static size_t cand_at(const struct cands *c, int64_t id)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Runs sql on the rows of r from r->at on, up to guest last (INT64_MAX: all), collecting them
 * into done when not NULL. */
static enum store_status rows_upto(struct gen_run *g, struct rowrefs *r, int64_t last,
				   const char *sql, struct rowrefs *done)
{
	for (; r->at < r->n && r->v[r->at].guest <= last; r->at++) {
		const struct rowref *x = &r->v[r->at];
		enum store_status rs = run_row(g, sql, x->guest, x->gen, "tier_month");
		if (rs != ST_OK)
			return rs;
		if (done)
			rowref_add(done, x->guest, x->gen);
	}
	return ST_OK;
}

/* Writes the rows of candidates [from, to) that changed into generation g->gen, superseding
 * the rows they replace and those of the guests gone up to them, and deletes the rows nobody
 * reads up to them (all that are left, in the last write), in one transaction, if the month
 * is still claimed by g (ST_CONFLICT: a recompute that began since writes it). The last one
 * makes it the month's visible generation, with the log line and the month's time; a month
 * written in one go deletes the rows it superseded in the same write. */
static enum store_status write_batch(struct gen_run *g, const struct tier_rules *r,
				     int64_t rules_id, const struct cands *c, size_t from, size_t to,
				     bool first, bool last, const char *log)
{
	static const char *ins =
		"INSERT INTO tier_month_row(month, guest_id, tier, grp, computed_tier, computed_grp, "
		"rule_no, source, months, visits, covers, spend_fen, m_visits, m_covers, m_spend_fen, "
		"grace, rules_version, computed_at, gen, provisional) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";
	static const char *show = "UPDATE tier_month_gen SET gen = ?2, row_count = ?3 "
				  "WHERE month = ?1 AND claimed = ?2";
	static const char *at = "INSERT INTO tier_month_at(month, gen, computed_at) VALUES "
				"(?1, ?2, ?3) ON CONFLICT (month) DO UPDATE SET gen = excluded.gen, "
				"computed_at = excluded.computed_at";
	struct store *st = g->st;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s;
	if ((rs = still_ours(g)) != ST_OK)
		goto fail;
	int64_t upto = last ? INT64_MAX : c->v[to - 1].id;
	if ((rs = rows_upto(g, &g->junk, upto, drop_sql, NULL)) != ST_OK)
		goto fail;
	/* most rows of the batch change: all the rows shown of its guests superseded at once,
	 * and those kept made the month's again */
	size_t kept = 0;
	for (size_t i = from; i < to; i++)
		kept += c->v[i].keep;
	bool dense = kept * 2 < to - from;
	if (dense) {
		if ((rs = run_row(g, supersede_range_sql, g->lo, upto, "tier_month")) != ST_OK)
			goto fail;
		for (; g->gone.at < g->gone.n && g->gone.v[g->gone.at].guest <= upto; g->gone.at++)
			rowref_add(&g->old, g->gone.v[g->gone.at].guest, g->gone.v[g->gone.at].gen);
	}
	g->lo = upto == INT64_MAX ? upto : upto + 1;
	for (size_t i = from; i < to; i++) {
		const struct cand *x = &c->v[i];
		if (x->keep) {
			if ((x->unmark || dense) && (rs = run_row(g, unmark_sql, x->id, x->old_gen,
								  "tier_month")) != ST_OK)
				goto fail;
			continue;
		}
		if (x->had) {
			if (!dense &&
			    (rs = run_row(g, supersede_sql, x->id, x->old_gen, "tier_month")) != ST_OK)
				goto fail;
			rowref_add(&g->old, x->id, x->old_gen);
		}
		if (!(s = store_prep(st, ins)))
			goto io;
		bind_row(s, r, rules_id, g->mk, g->at, x);
		sqlite3_bind_int64(s, 19, g->gen);
		sqlite3_bind_int(s, 20, g->provisional);
		if ((rs = store_step_done(st, s, "tier_month")) != ST_OK)
			goto fail;
	}
	if ((rs = rows_upto(g, &g->gone, upto, supersede_sql, &g->old)) != ST_OK)
		goto fail;
	if (last) {
		if (!(s = store_prep(st, show)))
			goto io;
		sqlite3_bind_text(s, 1, g->mk, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, g->gen);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)c->n);
		if ((rs = store_step_done(st, s, "tier generation")) != ST_OK)
			goto fail;
		if (!(s = store_prep(st, at)))
			goto io;
		sqlite3_bind_text(s, 1, g->mk, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, g->gen);
		sqlite3_bind_text(s, 3, g->at, -1, SQLITE_STATIC);
		if ((rs = store_step_done(st, s, "tier generation")) != ST_OK)
			goto fail;
		if ((rs = store_log(st, "tier", "recompute", log)) != ST_OK)
			goto fail;
		if (g->canonical &&
		    (rs = tier_rules_store_record(st, g->month, rules_id, g->canonical)) != ST_OK)
			goto fail;
		if (first && (rs = rows_upto(g, &g->old, INT64_MAX, drop_sql, NULL)) != ST_OK)
			goto fail;
	}
	return store_commit(st);
io:
	rs = ST_IO;
fail:
	store_rollback(st);
	return rs;
}

/* Deletes the rows the recompute superseded (sorted by guest) once its generation shows,
 * g->batch rows a write over their guests' range when they are most of its rows, else half
 * as many one by one. */
static enum store_status drop_old(struct gen_run *g, const struct cands *c)
{
	struct store *st = g->st;
	while (g->old.at < g->old.n) {
		double b0 = now_ms();
		enum store_status rs = store_begin(st);
		if (rs != ST_OK)
			return rs;
		size_t end = g->old.n - g->old.at > (size_t)g->batch ? g->old.at + (size_t)g->batch
								       : g->old.n;
		int64_t lo = g->old.v[g->old.at].guest, hi = g->old.v[end - 1].guest;
		if ((end - g->old.at) * 2 > cand_at(c, hi + 1) - cand_at(c, lo)) {
			rs = run_row(g, drop_range_sql, lo, hi, "old tiers");
			g->old.at = end;
		} else {
			/* rows far apart: a page of the table and of each index apiece */
			size_t half = g->batch > 1 ? (size_t)g->batch / 2 : 1;
			end = g->old.n - g->old.at > half ? g->old.at + half : g->old.n;
		}
		for (; rs == ST_OK && g->old.at < end; g->old.at++)
			rs = run_row(g, drop_sql, g->old.v[g->old.at].guest, g->old.v[g->old.at].gen,
				     "old tiers");
		if (rs != ST_OK) {
			store_rollback(st);
			return rs;
		}
		if ((rs = store_commit(st)) != ST_OK)
			return rs;
		wrote(g, b0);
	}
	return ST_OK;
}

static int cmp_rowref(const void *a, const void *b)
{
	const struct rowref *x = a, *y = b;
	return (x->guest > y->guest) - (x->guest < y->guest);
}

/* Whether month m is small: its window's guest-months and the month's and the month before's
 * tier rows, each counted no further than past limit, are at most limit together. */
static enum store_status small_month(struct store *st, const struct tier_rules *r, struct date m,
				     int64_t limit, bool *small)
{
	static const char *sql =
		"SELECT (SELECT count(*) FROM (SELECT 1 FROM guest_month WHERE month BETWEEN ?1 AND "
		"?2 LIMIT ?4)) + (SELECT count(*) FROM (SELECT 1 FROM tier_month_row WHERE month = "
		"?2 LIMIT ?4)) + (SELECT count(*) FROM (SELECT 1 FROM tier_month_row WHERE month = "
		"?3 LIMIT ?4))";
	char wk[8], mk[8], pk[8];
	date_month_key(tier_window_start(r->window_months, m), wk);
	date_month_key(m, mk);
	date_month_key(date_prev_month(m), pk);
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, wk, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, mk, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, pk, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, limit + 1); /* one more: a part over the limit tells */
	bool row;
	enum store_status rs = store_step_maybe(st, s, "tier month", &row);
	*small = rs == ST_OK && row && sqlite3_column_int64(s, 0) <= limit;
	if (rs == ST_OK)
		sqlite3_reset(s);
	return rs;
}

static enum store_status recompute_run(struct store *st, const struct tier_rules *r,
				       int64_t rules_id, struct date m, const char *canonical,
				       struct tier_recompute_stats *stats);

/* A month of a batch or less (a restaurant's first months, the tests) is claimed, read,
 * written, shown and cleaned in one transaction: all of it or nothing, as it always was; a
 * bigger one in the writes of recompute_run, none long. */
enum store_status tier_store_recompute(struct store *st, const struct tier_rules *r,
				       int64_t rules_id, struct date m, const char *canonical,
				       struct tier_recompute_stats *stats)
{
	bool small = false;
	enum store_status rs =
		small_month(st, r, m, env_count("MAITRE_TEST_TIER_BATCH", BATCH), &small);
	if (rs != ST_OK || !small)
		return rs == ST_OK ? recompute_run(st, r, rules_id, m, canonical, stats) : rs;
	if ((rs = store_begin(st)) != ST_OK)
		return rs;
	rs = recompute_run(st, r, rules_id, m, canonical, stats);
	return store_end(st, rs);
}

static enum store_status recompute_run(struct store *st, const struct tier_rules *r,
				       int64_t rules_id, struct date m, const char *canonical,
				       struct tier_recompute_stats *stats)
{
	struct cands c = {0};
	struct gen_run g = {.st = st,
			    .month = m,
			    .canonical = canonical,
			    .batch = env_count("MAITRE_TEST_TIER_BATCH", BATCH),
			    .kill_after = env_count("MAITRE_TEST_TIER_KILL", 0),
			    .lo = INT64_MIN,
			    .stats = stats};
	date_month_key(m, g.mk);
	g.provisional = strncmp(g.mk, store_now(st), 7) >= 0;
	memset(stats, 0, sizeof *stats);
	double t0 = now_ms();
	enum store_status rs = claim(&g);
	if (rs != ST_OK)
		return rs;
	/* one snapshot for all reads */
	if ((rs = store_exec(st, "SAVEPOINT tier_read")) != ST_OK)
		return rs;
	rs = read_month(st, m, r->window_months, &c);
	for (size_t i = 0; rs == ST_OK && i < c.n; i++) {
		struct cand *x = &c.v[i];
		tier_decide(r, &x->window, &x->prev, &x->ov, &x->d);
		stats->tiered += x->d.tier[0] != 0;
	}
	sqlite3_stmt *s = NULL;
	if (rs == ST_OK && !(s = store_prep(st, "SELECT ifnull(gen, 0) FROM tier_month_gen "
						"WHERE month = ?1")))
		rs = ST_IO;
	if (s) {
		bool row;
		sqlite3_bind_text(s, 1, g.mk, -1, SQLITE_STATIC);
		rs = store_step_maybe(st, s, "tier generation", &row);
		g.shown = rs == ST_OK && row ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
	}
	if (rs == ST_OK)
		rs = compare_stored(&g, r, rules_id, &c);
	store_release(st, "tier_read");
	stats->read_seconds = (now_ms() - t0) / 1e3;
	if (rs != ST_OK)
		goto out;
	/* The rows written refer to guests and to the rules version read from the same database
	 * (visits, last month's rows and overrides all check their guest; guests are never
	 * deleted): checking each row's foreign keys again would cost a third of the writing. The
	 * pragma is a no-op inside a caller's transaction. */
	int fk = 1;
	if (!(s = store_prep(st, "PRAGMA foreign_keys"))) {
		rs = ST_IO;
		goto out;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		fk = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (fk)
		store_exec(st, "PRAGMA foreign_keys=OFF");
	/* the log line goes with the switch */
	char log[160];
	snprintf(log, sizeof log, "tiers of %s: %ld guests, %ld tiered (rules %s)", g.mk, (long)c.n,
		 stats->tiered, r->hash);
	/* the rows that changed, batch by batch of candidates, shown by the last write; a month
	 * without a guest is one write of no row */
	size_t i = 0;
	do {
		size_t to = c.n - i > (size_t)g.batch ? i + (size_t)g.batch : c.n;
		double b0 = now_ms();
		rs = write_batch(&g, r, rules_id, &c, i, to, i == 0, to == c.n, log);
		if (rs != ST_OK)
			break;
		wrote(&g, b0);
		i = to;
	} while (i < c.n);
	/* the rows superseded, nobody's now: the month is shown whole whatever happens here, and
	 * the next recompute deletes what this one could not. (Outrun, what this one wrote is
	 * deleted by the recompute that outran it.) */
	if (rs == ST_OK) {
		if (g.old.at < g.old.n)
			qsort(g.old.v + g.old.at, g.old.n - g.old.at, sizeof *g.old.v, cmp_rowref);
		if (drop_old(&g, &c) != ST_OK)
			snprintf(stats->leftover, sizeof stats->leftover, "%.199s", st->err.msg);
	}
	if (fk)
		store_exec(st, "PRAGMA foreign_keys=ON");
	stats->guests = (long)c.n;
out:
	free(c.v);
	free(g.gone.v);
	free(g.junk.v);
	free(g.old.v);
	stats->seconds = (now_ms() - t0) / 1e3;
	return rs;
}

/* tier_store_guest's read of the guest's row in a month's table: sql with ?1 the month key and
 * ?2 the guest, stepped once into *ps (store_step_maybe: the caller reads and resets it). */
static enum store_status month_row(struct store *st, const char *sql, const char *key, int64_t id,
				   sqlite3_stmt **ps, bool *row)
{
	sqlite3_stmt *s = *ps = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, id);
	return store_step_maybe(st, s, "tier guest", row);
}

void tier_month_recompute_free(struct tier_month_recompute *x)
{
	if (x->found)
		tier_rules_record_free(&x->prev);
	free(x->old);
	free(x->now);
	memset(x, 0, sizeof *x);
}

enum store_status tier_store_recompute_month(struct store *st, const struct tier_rules *r,
					     struct date m, bool apply, tier_canonical_of canon_of,
					     struct tier_month_recompute *out)
{
	memset(out, 0, sizeof *out);
	char *canon = tier_rules_canonical(r);
	enum store_status s = tier_rules_store_last(st, m, &out->prev, &out->found);
	/* the very same text decides the same; other comments or label too */
	if (s == ST_OK && out->found && strcmp(out->prev.hash, r->hash) != 0) {
		char *old = out->prev.canonical ? xstrdup(out->prev.canonical)
			    : canon_of && out->prev.content ? canon_of(out->prev.content)
							    : NULL;
		if (old && strcmp(old, canon) == 0) {
			free(old);
		} else {
			out->differ = true;
			out->old = old;
			out->now = xstrdup(canon);
		}
	}
	int64_t version = 0;
	if (s == ST_OK && (!out->differ || apply) &&
	    (s = tier_store_rules_version(st, r, r->content ? r->content : "", &version)) == ST_OK &&
	    (s = tier_store_recompute(st, r, version, m, canon, &out->stats)) == ST_OK)
		out->done = true;
	free(canon);
	return s;
}

enum store_status tier_store_guest(struct store *st, const struct tier_rules *r, int64_t id,
				   struct date m, struct tier_guest_info *out)
{
	static const char *one_sql =
		"SELECT count(*), coalesce(sum(covers), 0), coalesce(sum(spend_fen), 0), "
		"coalesce(sum(date >= ?3), 0), coalesce(sum(CASE WHEN date >= ?3 THEN covers END), 0), "
		"coalesce(sum(CASE WHEN date >= ?3 THEN spend_fen END), 0) "
		"FROM visit WHERE guest_id = ?4 AND voided_at IS NULL AND date BETWEEN ?1 AND ?2";
	static const char *prev_one = "SELECT tier, grp, source, grace FROM tier_month "
				      "WHERE month = ?1 AND guest_id = ?2";
	static const char *stored_one = "SELECT tm.tier, tm.grp, tm.source, "
					"coalesce(v.label, v.hash) FROM tier_month tm "
					"JOIN tier_rules_version v ON v.id = tm.rules_version "
					"WHERE tm.month = ?1 AND tm.guest_id = ?2";
	static const char *ov_one =
		"SELECT o.tier, o.grp, o.reason, s.login, o.until_month, o.created_at FROM tier_override o "
		"JOIN staff s ON s.id = o.created_by WHERE o.guest_id = ?2 AND "
		OVERRIDE_IN_FORCE("o.", "?1") " ORDER BY o.id DESC LIMIT 1";
	char w0[11], m0[11], m1[11], mk[8], pk[8];
	memset(out, 0, sizeof *out);
	out->guest_id = id;
	date_month_first(tier_window_start(r->window_months, m), w0);
	date_month_first(m, m0);
	date_month_last(m, m1);
	date_month_key(m, mk);
	date_month_key(date_prev_month(m), pk);
	enum store_status rs = store_exec(st, "SAVEPOINT tier_guest");
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, "SELECT name FROM guest WHERE id = ?1");
	if (!s)
		goto io;
	sqlite3_bind_int64(s, 1, id);
	bool row;
	if ((rs = store_step_maybe(st, s, "tier guest", &row)) != ST_OK)
		goto out;
	if (!row) {
		sqlite3_reset(s);
		rs = store_fail(st, ST_NOTFOUND, "no guest with id %lld", (long long)id);
		goto out;
	}
	store_col_copy(s, 0, out->name, sizeof out->name);
	sqlite3_reset(s);

	s = store_prep(st, one_sql);
	if (!s)
		goto io;
	sqlite3_bind_text(s, 1, w0, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, m1, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, m0, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, id);
	if ((rs = store_step_maybe(st, s, "tier guest", &row)) != ST_OK)
		goto out;
	if (row) {
		out->window.visits = sqlite3_column_int(s, 0);
		out->window.covers = sqlite3_column_int(s, 1);
		out->window.spend = sqlite3_column_int64(s, 2);
		out->month.visits = sqlite3_column_int(s, 3);
		out->month.covers = sqlite3_column_int(s, 4);
		out->month.spend = sqlite3_column_int64(s, 5);
	}
	sqlite3_reset(s);
	out->month.months = 1;
	out->window.months = r->window_months;
	s = store_prep(st, first_sql);
	if (!s)
		goto io;
	sqlite3_bind_int64(s, 1, id);
	if ((rs = store_step_maybe(st, s, "tier guest", &row)) != ST_OK)
		goto out;
	if (row) {
		store_col_copy(s, 0, out->first_visit, sizeof out->first_visit);
		struct date f;
		if (date_parse(out->first_visit, &f))
			out->window.months = tier_window_months(r->window_months, f, m);
	}
	sqlite3_reset(s);

	if ((rs = month_row(st, prev_one, pk, id, &s, &row)) != ST_OK)
		goto out;
	if (row && sqlite3_column_text(s, 0)) {
		read_prev(s, 0, &out->prev);
	}
	sqlite3_reset(s);

	if ((rs = month_row(st, ov_one, mk, id, &s, &row)) != ST_OK)
		goto out;
	if (row) {
		read_override(s, 0, &out->override);
		store_col_copy(s, 2, out->override_reason, sizeof out->override_reason);
		store_col_copy(s, 3, out->override_by, sizeof out->override_by);
		store_col_copy(s, 4, out->override_until, sizeof out->override_until);
		store_col_copy(s, 5, out->override_at, sizeof out->override_at);
	}
	sqlite3_reset(s);

	if ((rs = month_row(st, stored_one, mk, id, &s, &row)) != ST_OK)
		goto out;
	if (row) {
		out->stored = true;
		store_col_copy(s, 0, out->stored_tier, sizeof out->stored_tier);
		store_col_copy(s, 1, out->stored_grp, sizeof out->stored_grp);
		store_col_copy(s, 2, out->stored_source, sizeof out->stored_source);
		store_col_copy(s, 3, out->stored_version, sizeof out->stored_version);
	}
	sqlite3_reset(s);
	tier_decide(r, &out->window, &out->prev, &out->override, &out->decision);
	goto out;
io:
	rs = ST_IO;
out:
	store_release(st, "tier_guest");
	return rs;
}

enum store_status tier_store_override(struct store *st, int64_t id, const char *tier,
				      const char *grp, const char *reason, const char *until,
				      struct date from)
{
	/* clearing ends the override from this month on (the month of cleared_at): the months
	 * before keep it, and no stored month is rewritten */
	static const char *clear = "UPDATE tier_override SET cleared_at = ?2, cleared_by = ?3 "
				   "WHERE guest_id = ?1 AND cleared_at IS NULL";
	static const char *ins = "INSERT INTO tier_override(guest_id, tier, grp, reason, until_month, "
				 "created_by, created_at, from_month) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	/* the rows of the months it covers, of every generation: the one shown and one a
	 * recompute is writing */
	static const char *rows = "UPDATE tier_month_row SET tier = ?3, grp = ?4, source = 'override' "
				  "WHERE guest_id = ?2 AND month >= ?1 AND (?5 IS NULL OR month <= ?5)";
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	int64_t me;
	char fk[8], *name = NULL;
	date_month_key(from, fk);
	if ((rs = store_staff_self(st, &me)) != ST_OK || (rs = guest_store_name(st, id, &name)) != ST_OK)
		goto fail;
	free(name);
	name = NULL;
	sqlite3_stmt *s = store_prep(st, clear);
	if (!s)
		goto io;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, store_now(st), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, me);
	if ((rs = store_step_done(st, s, "tier override")) != ST_OK)
		goto fail;
	if (!tier && !sqlite3_changes(st->db)) {
		rs = store_fail(st, ST_NOTFOUND, "guest %lld has no tier override", (long long)id);
		goto fail;
	}
	if (tier) {
		s = store_prep(st, ins);
		if (!s)
			goto io;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, tier, -1, SQLITE_STATIC);
		store_bind_text(s, 3, grp);
		sqlite3_bind_text(s, 4, reason, -1, SQLITE_STATIC);
		store_bind_text(s, 5, until);
		sqlite3_bind_int64(s, 6, me);
		sqlite3_bind_text(s, 7, store_now(st), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, fk, -1, SQLITE_STATIC);
		if ((rs = store_step_done(st, s, "tier override")) != ST_OK)
			goto fail;
		if (!(s = store_prep(st, rows)))
			goto io;
		sqlite3_bind_text(s, 1, fk, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, id);
		sqlite3_bind_text(s, 3, tier, -1, SQLITE_STATIC);
		store_bind_text(s, 4, grp);
		store_bind_text(s, 5, until);
		if ((rs = store_step_done(st, s, "tier override")) != ST_OK)
			goto fail;
		/* the dashboard's figures of these months and of the month after each */
		if ((rs = report_store_forget(st, fk)) != ST_OK)
			goto fail;
	}
	name = tier ? xasprintf("%s%s%s from %s%s%s: %s", tier, grp && *grp ? " " : "",
				grp ? grp : "", fk, until ? " until " : "", until ? until : "", reason)
		    : NULL;
	rs = store_audit(st, "guest", id, tier ? "override" : "clear override", "tier", NULL, name);
	free(name);
	if (rs != ST_OK)
		goto fail;
	return store_commit(st);
io:
	rs = ST_IO;
fail:
	store_rollback(st);
	return rs;
}

static int cmp_rows(const void *a, const void *b, void *ctx)
{
	const struct tier_rules *r = ctx;
	const struct tier_row *x = a, *y = b;
	int rx = tier_rank(r, x->tier, x->grp), ry = tier_rank(r, y->tier, y->grp);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return x->guest_id < y->guest_id ? -1 : x->guest_id > y->guest_id;
}

static void read_row(sqlite3_stmt *s, struct tier_row *t)
{
	memset(t, 0, sizeof *t);
	t->guest_id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, t->name, sizeof t->name);
	store_col_copy(s, 2, t->tier, sizeof t->tier);
	store_col_copy(s, 3, t->grp, sizeof t->grp);
	store_col_copy(s, 4, t->source, sizeof t->source);
	store_col_copy(s, 5, t->computed_tier, sizeof t->computed_tier);
	store_col_copy(s, 6, t->computed_grp, sizeof t->computed_grp);
	t->window.months = sqlite3_column_int(s, 7);
	t->window.visits = sqlite3_column_int(s, 8);
	t->window.covers = sqlite3_column_int(s, 9);
	t->window.spend = sqlite3_column_int64(s, 10);
	t->month.months = 1;
	t->month.visits = sqlite3_column_int(s, 11);
	t->month.covers = sqlite3_column_int(s, 12);
	t->month.spend = sqlite3_column_int64(s, 13);
	store_col_copy(s, 14, t->prev_tier, sizeof t->prev_tier);
	store_col_copy(s, 15, t->prev_grp, sizeof t->prev_grp);
}

/* Sort key of a mover: risers (most ranks gained first), then fallers (most ranks lost first). */
static int move_key(const struct tier_rules *r, const struct tier_row *t)
{
	int delta = tier_rank(r, t->tier, t->grp) - tier_rank(r, t->prev_tier, t->prev_grp);
	return delta < 0 ? delta : 1000 - delta;
}

/* A row's move and its place in the query's order (guest order): the sort is stable. */
struct move_order {
	int key;
	size_t at;
};

static int cmp_moves(const void *a, const void *b)
{
	const struct move_order *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

/* Rose first, then fell; the biggest moves first in each, in guest order among equals. */
static void sort_moves(const struct tier_rules *r, struct tier_row *v, size_t n)
{
	struct move_order *o = xcalloc(n, sizeof *o);
	struct tier_row *copy = xcalloc(n, sizeof *copy);
	for (size_t i = 0; i < n; i++)
		o[i] = (struct move_order){move_key(r, &v[i]), i};
	qsort(o, n, sizeof *o, cmp_moves);
	memcpy(copy, v, n * sizeof *copy);
	for (size_t i = 0; i < n; i++)
		v[i] = copy[o[i].at];
	free(o);
	free(copy);
}

#define ROW_COLS                                                                                 \
	"tm.guest_id, g.name, tm.tier, tm.grp, tm.source, tm.computed_tier, tm.computed_grp, "    \
	"tm.months, tm.visits, tm.covers, tm.spend_fen, tm.m_visits, tm.m_covers, tm.m_spend_fen, " \
	"p.tier, p.grp "

static enum store_status rows(struct store *st, const struct tier_rules *r, const char *sql,
			      struct date m, const char *tier, bool movers, struct tier_row **out,
			      size_t *n)
{
	char mk[8], pk[8];
	date_month_key(m, mk);
	date_month_key(date_prev_month(m), pk);
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, mk, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, pk, -1, SQLITE_TRANSIENT);
	store_bind_text(s, 3, tier);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)out, *n + 1, &cap, sizeof **out);
		read_row(s, &(*out)[*n]);
		struct tier_row *t = &(*out)[*n];
		if (movers && tier_rank(r, t->tier, t->grp) == tier_rank(r, t->prev_tier, t->prev_grp))
			continue;
		(*n)++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "tiers");
	if (*n > 1 && !movers)
		qsort_r(*out, *n, sizeof **out, cmp_rows, (void *)r);
	else if (*n > 1)
		sort_moves(r, *out, *n);
	return ST_OK;
}

enum store_status tier_store_list(struct store *st, const struct tier_rules *r, struct date m,
				  const char *tier, struct tier_row **out, size_t *n)
{
	static const char *sql = "SELECT " ROW_COLS
				 "FROM tier_month tm JOIN guest g ON g.id = tm.guest_id "
				 "LEFT JOIN tier_month p ON p.month = ?2 AND p.guest_id = tm.guest_id "
				 "WHERE tm.month = ?1 AND (?3 IS NULL OR tm.tier = ?3) "
				 "AND (?3 IS NOT NULL OR tm.tier IS NOT NULL)";
	return rows(st, r, sql, m, tier, false, out, n);
}

enum store_status tier_store_movers(struct store *st, const struct tier_rules *r, struct date m,
				   struct tier_row **out, size_t *n)
{
	/* this month's rows against last month's, and last month's tiered guests with no row now */
	static const char *sql =
		"SELECT " ROW_COLS "FROM tier_month tm JOIN guest g ON g.id = tm.guest_id "
		"LEFT JOIN tier_month p ON p.month = ?2 AND p.guest_id = tm.guest_id "
		"WHERE tm.month = ?1 AND ?3 IS NULL "
		"UNION ALL "
		"SELECT p.guest_id, g.name, NULL, NULL, 'none', NULL, NULL, 0, 0, 0, 0, 0, 0, 0, p.tier, p.grp "
		"FROM tier_month p JOIN guest g ON g.id = p.guest_id "
		"WHERE p.month = ?2 AND p.tier IS NOT NULL AND NOT EXISTS "
		"(SELECT 1 FROM tier_month x WHERE x.month = ?1 AND x.guest_id = p.guest_id)";
	return rows(st, r, sql, m, NULL, true, out, n);
}

enum store_status tier_store_rules_state(struct store *st, const char *hash,
					 struct tier_rules_state *out)
{
	static const char *by_hash = "SELECT id, first_used FROM tier_rules_version WHERE hash = ?1";
	/* the latest month through the primary key (month, guest_id): no scan */
	static const char *latest =
		"SELECT tm.month, v.id, v.label FROM tier_month tm "
		"JOIN tier_rules_version v ON v.id = tm.rules_version "
		"WHERE tm.month = (SELECT max(month) FROM tier_month) LIMIT 1";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_prep(st, by_hash);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
	enum store_status rs = store_step_maybe(st, s, "rules version", &out->known);
	if (rs != ST_OK)
		return rs;
	if (out->known) {
		out->id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, out->first_used, sizeof out->first_used);
	}
	sqlite3_reset(s);
	if (!(s = store_prep(st, latest)))
		return ST_IO;
	bool row;
	if ((rs = store_step_maybe(st, s, "rules version", &row)) != ST_OK)
		return rs;
	if (row) {
		store_col_copy(s, 0, out->latest_month, sizeof out->latest_month);
		out->latest_id = sqlite3_column_int64(s, 1);
		store_col_copy(s, 2, out->latest_label, sizeof out->latest_label);
	}
	sqlite3_reset(s);
	return ST_OK;
}
