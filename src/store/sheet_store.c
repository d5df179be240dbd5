#include "store/sheet_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

struct cell {
	int64_t guest;
	int day;
	int covers;
	int64_t spend;
};

static int cmp_cell(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	if (x->guest != y->guest)
		return x->guest < y->guest ? -1 : 1;
	return x->day - y->day;
}

struct staff_name {
	int64_t id;
	char login[64];
};

/* Every staff login by id (a handful of rows), sorted by id. */
static enum store_status read_staff(struct store *st, struct staff_name **out, size_t *n)
{
	static const char *sql = "SELECT id, login FROM staff ORDER BY id";
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)out, *n + 1, &cap, sizeof **out);
		struct staff_name *x = &(*out)[(*n)++];
		x->id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, x->login, sizeof x->login);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "staff");
}

static const char *staff_login(const struct staff_name *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].id == id ? v[lo].login : "";
}

/* The month's tiers and the guests' names merged into rows in guest order: one scan of the
 * month's tier_month rows, and one of the month's guests (guest_month) in the id range when
 * the rows are dense in it (a month of a big restaurant) or else a lookup per row; the logins
 * from the staff table read once. No random lookup per row, and nothing kept but the current
 * rows of the scans. */
struct merge {
	sqlite3_stmt *ts, *gs, *seek;
	bool scan;
	bool tdone, gdone;
	int64_t tat, gat; /* the guest each scan is on */
	struct staff_name *staff;
	size_t nstaff;
};

static enum store_status merge_open(struct store *st, const char *mk, int64_t lo, int64_t hi,
				    size_t rows, struct merge *mg)
{
	/* the rows with a tier only (tier_month_tiered: a fifth of the month's rows): a row
	 * without one fills nothing */
	static const char *tier_sql = "SELECT guest_id, tier, grp FROM tier_month WHERE month = ?1 "
				      "AND tier IS NOT NULL AND guest_id BETWEEN ?2 AND ?3 "
				      "ORDER BY guest_id";
	static const char *guest_sql = "SELECT id, name, sales_manager FROM guest WHERE id = ?1";
	/* the guests who came that month (guest_month, kept by the visit writes), rather than
	 * every guest in the range: a big month's guests are dense in it, yet a fraction of the
	 * book (400k of 1M), and stepping out each row costs more than its seek; one missing
	 * there is sought (merge_fill) */
	static const char *range_sql = "SELECT g.id, g.name, g.sales_manager FROM guest_month m "
				       "JOIN guest g ON g.id = m.guest_id WHERE m.month = ?3 "
				       "AND m.guest_id BETWEEN ?1 AND ?2 ORDER BY m.guest_id";
	memset(mg, 0, sizeof *mg);
	mg->tat = mg->gat = INT64_MIN;
	enum store_status rs = read_staff(st, &mg->staff, &mg->nstaff);
	if (rs != ST_OK)
		return rs;
	if (!(mg->ts = store_prep(st, tier_sql)))
		return ST_IO;
	sqlite3_bind_text(mg->ts, 1, mk, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(mg->ts, 2, lo);
	sqlite3_bind_int64(mg->ts, 3, hi);
	uint64_t span = (uint64_t)(hi - lo) + 1;
	mg->scan = span / 4 <= rows;
	if (!(mg->seek = store_prep(st, guest_sql)))
		return ST_IO;
	if (mg->scan) {
		if (!(mg->gs = store_prep(st, range_sql)))
			return ST_IO;
		sqlite3_bind_int64(mg->gs, 1, lo);
		sqlite3_bind_int64(mg->gs, 2, hi);
		sqlite3_bind_text(mg->gs, 3, mk, -1, SQLITE_TRANSIENT);
	}
	return ST_OK;
}

static void merge_close(struct merge *mg)
{
	if (mg->ts)
		sqlite3_reset(mg->ts);
	if (mg->gs)
		sqlite3_reset(mg->gs);
	if (mg->seek)
		sqlite3_reset(mg->seek);
	free(mg->staff);
	memset(mg, 0, sizeof *mg);
}

/* Steps scan s until it reaches guest id (its guest in *at); false when it failed (*rc). */
static bool advance(sqlite3_stmt *s, bool *done, int64_t *at, int64_t id, int *rc)
{
	while (!*done && *at < id) {
		*rc = sqlite3_step(s);
		if (*rc == SQLITE_ROW)
			*at = sqlite3_column_int64(s, 0);
		else if (*rc == SQLITE_DONE)
			*done = true;
		else
			return false;
	}
	return true;
}

/* Fills r's tier (when with_names is false) or its name and sales manager (when true); rows
 * come in guest order, and each call with_names=false before the one with true. */
static enum store_status merge_fill(struct store *st, struct merge *mg, struct sheet_row *r,
				    bool with_names)
{
	int rc = SQLITE_OK;
	if (!with_names) {
		if (!advance(mg->ts, &mg->tdone, &mg->tat, r->guest_id, &rc))
			return store_sqlfail(st, rc, "sheet");
		if (!mg->tdone && mg->tat == r->guest_id) {
			store_col_copy(mg->ts, 1, r->tier, sizeof r->tier);
			store_col_copy(mg->ts, 2, r->grp, sizeof r->grp);
		}
		return ST_OK;
	}
	bool found = false;
	sqlite3_stmt *s = mg->gs;
	if (mg->scan) {
		if (!advance(mg->gs, &mg->gdone, &mg->gat, r->guest_id, &rc))
			return store_sqlfail(st, rc, "sheet");
		found = !mg->gdone && mg->gat == r->guest_id;
	}
	if (!found) {
		s = mg->seek;
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, r->guest_id);
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_sqlfail(st, rc, "sheet");
		found = rc == SQLITE_ROW;
	}
	if (found) {
		store_col_copy(s, 1, r->name, sizeof r->name);
		if (sqlite3_column_type(s, 2) != SQLITE_NULL)
			store_text_copy(
			    r->sales_manager, sizeof r->sales_manager,
			    staff_login(mg->staff, mg->nstaff, sqlite3_column_int64(s, 2)));
	}
	return ST_OK;
}

/* The day of "YYYY-MM-DD" (0 when it is not one), as CAST(substr(date, 9, 2) AS INTEGER). */
static int day_of(const unsigned char *d)
{
	if (!d || strlen((const char *)d) < 10)
		return 0;
	int n = 0;
	for (int i = 8; i < 10 && d[i] >= '0' && d[i] <= '9'; i++)
		n = n * 10 + d[i] - '0';
	return n;
}

/* Adds one visit on day d of the month to r's day and totals. */
static void add_visit(struct sheet_row *r, int d, int covers, int64_t spend)
{
	if (d >= 1 && d <= 31) {
		r->covers[d - 1] += covers;
		r->spend[d - 1] += spend;
	}
	r->visits++;
	r->covers_total += covers;
	r->spend_total += spend;
}

/* Groups the cells by guest, in guest order (the order of a guest's cells does not matter: they
 * are added up by day): a counting sort when the guest ids are not too sparse, else qsort. */
static void sort_cells(struct cell **cells, size_t nc)
{
	struct cell *v = *cells;
	int64_t lo = v[0].guest, hi = v[0].guest;
	for (size_t i = 1; i < nc; i++) {
		if (v[i].guest < lo)
			lo = v[i].guest;
		if (v[i].guest > hi)
			hi = v[i].guest;
	}
	uint64_t span = (uint64_t)(hi - lo) + 1;
	if (span > 16 * (uint64_t)nc + 65536 || nc >= UINT32_MAX) {
		qsort(v, nc, sizeof *v, cmp_cell);
		return;
	}
	uint32_t *at = xcalloc((size_t)span + 1, sizeof *at);
	struct cell *out = xmalloc(nc * sizeof *out);
	for (size_t i = 0; i < nc; i++)
		at[v[i].guest - lo + 1]++;
	for (uint64_t k = 1; k <= span; k++)
		at[k] += at[k - 1];
	for (size_t i = 0; i < nc; i++)
		out[at[v[i].guest - lo]++] = v[i];
	free(at);
	free(v);
	*cells = out;
}

enum store_status sheet_store_each(struct store *st, struct date m, const char *tier,
				   const char *manager, sheet_row_fn fn, void *ctx)
{
	/* the month's visits through the covering index visit_live (no visit row is read); live
	 * visits only, the totals visit_per_capita divides (a void visit counts for nothing) */
	static const char *visits_sql =
		"SELECT guest_id, date, covers, spend_fen FROM visit "
		"WHERE voided_at IS NULL AND date BETWEEN ?1 AND ?2";
	char first[11], last[11], mk[8];
	date_month_first(m, first);
	date_month_last(m, last);
	date_month_key(m, mk);
	struct cell *cells = NULL;
	size_t nc = 0, cap = 0;
	struct merge mg = {0};
	enum store_status rs = store_exec(st, "SAVEPOINT sheet");
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, visits_sql);
	if (!s) {
		rs = ST_IO;
		goto out;
	}
	sqlite3_bind_text(s, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, last, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&cells, nc + 1, &cap, sizeof *cells);
		cells[nc].guest = sqlite3_column_int64(s, 0);
		cells[nc].day = day_of(sqlite3_column_text(s, 1));
		cells[nc].covers = sqlite3_column_int(s, 2);
		cells[nc].spend = sqlite3_column_int64(s, 3);
		nc++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		rs = store_sqlfail(st, rc, "sheet");
		goto out;
	}
	if (!nc)
		goto out;
	sort_cells(&cells, nc);
	size_t rows = 0;
	for (size_t i = 0; i < nc; i++)
		rows += i == 0 || cells[i].guest != cells[i - 1].guest;
	if ((rs = merge_open(st, mk, cells[0].guest, cells[nc - 1].guest, rows, &mg)) != ST_OK)
		goto out;
	struct sheet_row r;
	for (size_t i = 0; i < nc;) {
		memset(&r, 0, sizeof r);
		r.guest_id = cells[i].guest;
		for (; i < nc && cells[i].guest == r.guest_id; i++) {
			add_visit(&r, cells[i].day, cells[i].covers, cells[i].spend);
		}
		if ((rs = merge_fill(st, &mg, &r, false)) != ST_OK)
			goto out;
		if (tier && strcmp(r.tier, tier) != 0)
			continue;
		if ((rs = merge_fill(st, &mg, &r, true)) != ST_OK)
			goto out;
		if (manager && strcmp(r.sales_manager, manager) != 0)
			continue;
		fn(&r, ctx);
	}
out:
	merge_close(&mg);
	store_release(st, "sheet");
	free(cells);
	return rs;
}

struct collect {
	struct sheet_row *v;
	size_t n, cap;
};

static void collect_row(const struct sheet_row *r, void *ctx)
{
	struct collect *c = ctx;
	vec_reserve((void **)&c->v, c->n + 1, &c->cap, sizeof *c->v);
	c->v[c->n++] = *r;
}

enum store_status sheet_store_month(struct store *st, struct date m, const char *tier,
				    const char *manager, struct sheet_row **out, size_t *n)
{
	struct collect c = {0};
	enum store_status rs = sheet_store_each(st, m, tier, manager, collect_row, &c);
	if (!c.v)
		c.v = xcalloc(1, sizeof *c.v);
	*out = c.v;
	*n = rs == ST_OK ? c.n : 0;
	return rs;
}

/* ---- a window of the sheet ---- */

/* The statements of one window: the driver gives candidate guest ids in order (the month's
 * visits, or the guests of the tier or of the sales manager asked for, whichever is narrower);
 * each candidate's row is then read by its keys. */
struct window {
	sqlite3_stmt *drive, *visits, *tier, *guest;
	struct staff_name *staff;
	size_t nstaff;
	char first[11], last[11], mk[8];
};

static void window_close(struct window *w)
{
	sqlite3_stmt *v[] = {w->drive, w->visits, w->tier, w->guest};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (v[i])
			sqlite3_reset(v[i]);
	free(w->staff);
}

/* The staff id of login, or 0 when no such login (ids start at 1). */
static int64_t staff_id(const struct window *w, const char *login)
{
	for (size_t i = 0; i < w->nstaff; i++)
		if (strcmp(w->staff[i].login, login) == 0)
			return w->staff[i].id;
	return 0;
}

static enum store_status window_open(struct store *st, struct window *w, const char *tier,
				     const char *manager, int64_t from, bool backward)
{
	/* forward and backward forms of each driver: ids after `from` ascending, or before it
	 * descending */
	/* the guests who came that month (guest_month is kept by the visit writes) */
	static const char *by_month[2] = {
		"SELECT guest_id FROM guest_month WHERE month = ?1 AND guest_id > ?3 "
		"ORDER BY guest_id",
		"SELECT guest_id FROM guest_month WHERE month = ?1 AND guest_id < ?3 "
		"ORDER BY guest_id DESC"};
	static const char *by_tier[2] = {
		"SELECT guest_id FROM tier_month WHERE month = ?1 AND tier = ?2 AND guest_id > ?3 "
		"ORDER BY guest_id",
		"SELECT guest_id FROM tier_month WHERE month = ?1 AND tier = ?2 AND guest_id < ?3 "
		"ORDER BY guest_id DESC"};
	static const char *by_manager[2] = {
		"SELECT id FROM guest WHERE sales_manager = ?1 AND id > ?3 AND merged_into IS NULL "
		"ORDER BY id",
		"SELECT id FROM guest WHERE sales_manager = ?1 AND id < ?3 AND merged_into IS NULL "
		"ORDER BY id DESC"};
	enum store_status rs = read_staff(st, &w->staff, &w->nstaff);
	if (rs != ST_OK)
		return rs;
	int b = backward ? 1 : 0;
	/* "" asks for guests without a tier or a sales manager: only the visits find those */
	if (tier && *tier) {
		if (!(w->drive = store_prep(st, by_tier[b])))
			return ST_IO;
		sqlite3_bind_text(w->drive, 1, w->mk, -1, SQLITE_STATIC);
		sqlite3_bind_text(w->drive, 2, tier, -1, SQLITE_TRANSIENT);
	} else if (manager && *manager) {
		if (!(w->drive = store_prep(st, by_manager[b])))
			return ST_IO;
		sqlite3_bind_int64(w->drive, 1, staff_id(w, manager));
	} else {
		if (!(w->drive = store_prep(st, by_month[b])))
			return ST_IO;
		sqlite3_bind_text(w->drive, 1, w->mk, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(w->drive, 3, from);
	w->visits = store_prep(st, "SELECT date, covers, spend_fen FROM visit WHERE guest_id = ?1 "
				   "AND date BETWEEN ?2 AND ?3 AND voided_at IS NULL");
	w->tier = store_prep(st, "SELECT tier, grp FROM tier_month WHERE month = ?1 AND guest_id = ?2");
	w->guest = store_prep(st, "SELECT name, sales_manager FROM guest WHERE id = ?1");
	if (!w->visits || !w->tier || !w->guest)
		return ST_IO;
	sqlite3_bind_text(w->visits, 2, w->first, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->visits, 3, w->last, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->tier, 1, w->mk, -1, SQLITE_STATIC);
	return ST_OK;
}

/* Steps s once bound to id: SQLITE_ROW, SQLITE_DONE or an error. */
static int step_id(sqlite3_stmt *s, int col, int64_t id)
{
	sqlite3_reset(s);
	sqlite3_bind_int64(s, col, id);
	return sqlite3_step(s);
}

/* Reads guest id's row into r; *keep is false when the guest has no visit that month or is
 * not of the tier or sales manager asked for. */
static enum store_status window_row(struct store *st, struct window *w, int64_t id,
				    const char *tier, const char *manager, struct sheet_row *r,
				    bool *keep)
{
	memset(r, 0, sizeof *r);
	r->guest_id = id;
	*keep = false;
	int rc;
	for (rc = step_id(w->visits, 1, id); rc == SQLITE_ROW; rc = sqlite3_step(w->visits)) {
		add_visit(r, day_of(sqlite3_column_text(w->visits, 0)),
			  sqlite3_column_int(w->visits, 1), sqlite3_column_int64(w->visits, 2));
	}
	if (rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "sheet");
	if (!r->visits)
		return ST_OK;
	if ((rc = step_id(w->tier, 2, id)) == SQLITE_ROW) {
		store_col_copy(w->tier, 0, r->tier, sizeof r->tier);
		store_col_copy(w->tier, 1, r->grp, sizeof r->grp);
	} else if (rc != SQLITE_DONE) {
		return store_sqlfail(st, rc, "sheet");
	}
	if (tier && strcmp(r->tier, tier) != 0)
		return ST_OK;
	if ((rc = step_id(w->guest, 1, id)) == SQLITE_ROW) {
		store_col_copy(w->guest, 0, r->name, sizeof r->name);
		if (sqlite3_column_type(w->guest, 1) != SQLITE_NULL)
			store_text_copy(
			    r->sales_manager, sizeof r->sales_manager,
			    staff_login(w->staff, w->nstaff, sqlite3_column_int64(w->guest, 1)));
	} else if (rc != SQLITE_DONE) {
		return store_sqlfail(st, rc, "sheet");
	}
	*keep = !manager || strcmp(r->sales_manager, manager) == 0;
	return ST_OK;
}

enum store_status sheet_store_window(struct store *st, struct date m, const char *tier,
				     const char *manager, int64_t from, bool backward, size_t limit,
				     struct sheet_row **out, size_t *n)
{
	struct window w = {0};
	date_month_first(m, w.first);
	date_month_last(m, w.last);
	date_month_key(m, w.mk);
	*n = 0;
	*out = xcalloc(limit ? limit : 1, sizeof **out);
	enum store_status rs = store_exec(st, "SAVEPOINT sheet_window");
	if (rs != ST_OK)
		return rs;
	if ((rs = window_open(st, &w, tier, manager, from, backward)) != ST_OK)
		goto out;
	/* every driver gives a guest once: guest_month and tier_month are keyed by month and
	 * guest, guest by id */
	int rc = SQLITE_ROW;
	while (*n < limit && (rc = sqlite3_step(w.drive)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(w.drive, 0);
		bool keep;
		if ((rs = window_row(st, &w, id, tier, manager, &(*out)[*n], &keep)) != ST_OK)
			goto out;
		*n += keep;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		rs = store_sqlfail(st, rc, "sheet");
	else if (backward) /* read in descending order */
		vec_reverse(*out, *n, sizeof **out);
out:
	window_close(&w);
	store_release(st, "sheet_window");
	if (rs != ST_OK)
		*n = 0;
	return rs;
}
