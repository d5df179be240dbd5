/* import_store.c — the batches of maitre import, and taking one back (import_store.h). What a
 * batch did is kept in import_change (migrate.c, 11 → 12), a row a thing done; an undo reads
 * them, checks that nothing they touched was changed since, and reverses them through the
 * same writes as staff use (guest_store_save), so that audit rows and search keys stay right. */
#include "store/import_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/strv.h"
#include "store/guest_store.h"
#include "store/report_store.h"
#include "store/search_store.h"
#include "store/store_int.h"

/* ---- recording ---- */

/* Batch's state: ST_OK while in force, ST_INVALID once undone (the message says when),
 * ST_NOTFOUND for no such batch. */
static enum store_status batch_state(struct store *st, int64_t batch)
{
	sqlite3_stmt *s;
	enum store_status rs = store_row(st, "SELECT undone_at FROM import_batch WHERE id = ?1",
					 "import batch", batch, &s);
	if (rs != ST_OK)
		return rs;
	char *undone = store_col_text(s, 0);
	sqlite3_reset(s);
	if (undone)
		rs = store_fail(st, ST_INVALID, "import batch %lld was undone already, at %s",
				(long long)batch, undone);
	free(undone);
	return rs;
}

/* One row of import_change; 0 for item_id and the versions is NULL. */
struct change {
	int64_t guest;
	const char *what, *field;
	int64_t item;
	const char *old, *new;
	int64_t before, after;
};

static void bind_id(sqlite3_stmt *s, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static enum store_status record(struct store *st, int64_t batch, const struct change *c)
{
	static const char *sql =
		"INSERT INTO import_change(batch_id, guest_id, what, field, item_id, old, new, "
		"version_before, version_after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, batch);
	sqlite3_bind_int64(s, 2, c->guest);
	sqlite3_bind_text(s, 3, c->what, -1, SQLITE_STATIC);
	store_bind_text(s, 4, c->field);
	bind_id(s, 5, c->item);
	store_bind_text(s, 6, c->old);
	store_bind_text(s, 7, c->new);
	bind_id(s, 8, c->before);
	bind_id(s, 9, c->after);
	return store_step_done(st, s, "import change");
}

enum store_status import_store_batch_new(struct store *st, const char *kind, const char *file,
					 const char *sha256, int64_t *batch)
{
	static const char *sql = "INSERT INTO import_batch(kind, file, sha256, staff_id, at) "
				 "VALUES (?1, ?2, ?3, ?4, ?5)";
	*batch = 0;
	if (!kind || (strcmp(kind, "guests") != 0 && strcmp(kind, "visits") != 0))
		return store_fail(st, ST_INVALID, "kind: must be guests or visits");
	if (!file || !*file || !sha256 || !*sha256)
		return store_fail(st, ST_INVALID, "import batch: the file's name and checksum are needed");
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	int64_t me;
	if ((rs = store_staff_self(st, &me)) == ST_OK) {
		sqlite3_stmt *s = store_prep(st, sql);
		if (!s) {
			rs = ST_IO;
		} else {
			sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, file, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 3, sha256, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(s, 4, me);
			sqlite3_bind_text(s, 5, store_now(st), -1, SQLITE_TRANSIENT);
			if ((rs = store_step_done(st, s, "import batch")) == ST_OK)
				*batch = sqlite3_last_insert_rowid(st->db);
		}
	}
	/* what the import's transaction audits belongs to the batch */
	if (rs == ST_OK)
		store_audit_op(st, "import", *batch);
	return store_end_new(st, rs, batch);
}

/* Records what (a guest created, a visit entered) of the row id of entity, which sql (?1 id)
 * reads as its guest and that guest's version (or NULL). */
static enum store_status record_row(struct store *st, int64_t batch, const char *what,
				    const char *sql, const char *entity, int64_t id)
{
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s;
	if ((rs = batch_state(st, batch)) != ST_OK || (rs = store_row(st, sql, entity, id, &s)) != ST_OK)
		return store_end(st, rs);
	struct change c = {.guest = sqlite3_column_int64(s, 0), .what = what,
			   .after = sqlite3_column_int64(s, 1)};
	sqlite3_reset(s);
	if (strcmp(what, "visit") == 0)
		c.item = id;
	return store_end(st, record(st, batch, &c));
}

enum store_status import_store_created(struct store *st, int64_t batch, int64_t guest_id)
{
	return record_row(st, batch, "create", "SELECT id, version FROM guest WHERE id = ?1", "guest",
			  guest_id);
}

/* ---- the lists of a sheet, as the import adds to them and an undo takes back ---- */

/* A list of struct guest whose items have row ids (tags have none: by their text). */
struct item_list {
	const char *table; /* as guest_store.c stores it */
	size_t (*count)(const struct guest *g);
	int64_t (*id)(const struct guest *g, size_t i);
	char *(*text)(const struct guest *g, size_t i); /* how the item reads in import_change */
	void (*remove)(struct guest *g, size_t i);
	/* gives item i back what its text old (text's) says, for an item an import changes in
	 * place (merge_guest: a severity raised, a date replaced); NULL: never changed so */
	bool (*restore)(struct guest *g, size_t i, const char *old);
};

static size_t phones_n(const struct guest *g) { return g->phones.n; }
static size_t prefs_n(const struct guest *g) { return g->prefs.n; }
static size_t dates_n(const struct guest *g) { return g->dates.n; }
static size_t people_n(const struct guest *g) { return g->people.n; }
static size_t notes_n(const struct guest *g) { return g->notes.n; }
static int64_t phone_id(const struct guest *g, size_t i) { return g->phones.v[i].id; }
static int64_t pref_id(const struct guest *g, size_t i) { return g->prefs.v[i].id; }
static int64_t date_id(const struct guest *g, size_t i) { return g->dates.v[i].id; }
static int64_t person_id(const struct guest *g, size_t i) { return g->people.v[i].id; }
static int64_t note_id(const struct guest *g, size_t i) { return g->notes.v[i].id; }

static char *phone_text(const struct guest *g, size_t i)
{
	return xasprintf("%s %s", g->phones.v[i].kind ? g->phones.v[i].kind : "",
			 g->phones.v[i].number);
}

static char *pref_text(const struct guest *g, size_t i)
{
	const struct guest_pref *p = &g->prefs.v[i];
	if (p->severity == SEV_NONE)
		return xasprintf("%s %s", pref_kind_names[p->kind], p->text);
	return xasprintf("%s %s (%s)", pref_kind_names[p->kind], p->text,
			 severity_names[p->severity]);
}

static char *date_text(const struct guest *g, size_t i)
{
	const struct guest_date *d = &g->dates.v[i];
	const char *label = d->label ? d->label : "";
	if (d->year)
		return xasprintf("%s%s%s %04d-%02d-%02d", date_kind_names[d->kind], *label ? " " : "",
				 label, d->year, d->month, d->day);
	return xasprintf("%s%s%s %02d-%02d", date_kind_names[d->kind], *label ? " " : "", label,
			 d->month, d->day);
}

static char *person_text(const struct guest *g, size_t i)
{
	const struct guest_person *p = &g->people.v[i];
	return xasprintf("%s%s%s", p->relation, p->name ? " " : "", p->name ? p->name : "");
}

static char *note_text(const struct guest *g, size_t i)
{
	return xstrdup(g->notes.v[i].text);
}

/* The severity whose text is old (the kind and text of a preference do not change). */
static bool pref_restore(struct guest *g, size_t i, const char *old)
{
	struct guest_pref *p = &g->prefs.v[i];
	enum severity now = p->severity;
	for (int sev = 0; sev < SEV_COUNT; sev++) {
		p->severity = (enum severity)sev;
		char *t = pref_text(g, i);
		bool same = strcmp(t, old) == 0;
		free(t);
		if (same)
			return true;
	}
	p->severity = now;
	return false;
}

/* The date at the end of old, "YYYY-MM-DD" or "MM-DD" (the kind and label do not change). */
static bool date_restore(struct guest *g, size_t i, const char *old)
{
	struct guest_date *d = &g->dates.v[i];
	const char *at = strrchr(old, ' ');
	int y = 0, m, day, end = 0;
	at = at ? at + 1 : old;
	if (!(sscanf(at, "%d-%d-%d%n", &y, &m, &day, &end) == 3 && !at[end]) &&
	    !(y = 0, sscanf(at, "%d-%d%n", &m, &day, &end) == 2 && !at[end]))
		return false;
	d->year = y;
	d->month = m;
	d->day = day;
	return true;
}

/* core/guest.h has no remover for notes: staff never remove one from the sheet; an import's
 * note goes with the import. */
static void note_remove(struct guest *g, size_t i)
{
	free(g->notes.v[i].author);
	free(g->notes.v[i].at);
	free(g->notes.v[i].text);
	memmove(&g->notes.v[i], &g->notes.v[i + 1], (g->notes.n - i - 1) * sizeof *g->notes.v);
	g->notes.n--;
}

static const struct item_list item_lists[] = {
	{"phone", phones_n, phone_id, phone_text, guest_remove_phone, NULL},
	{"preference", prefs_n, pref_id, pref_text, guest_remove_pref, pref_restore},
	{"special_date", dates_n, date_id, date_text, guest_remove_date, date_restore},
	{"person", people_n, person_id, person_text, guest_remove_person, NULL},
	{"note", notes_n, note_id, note_text, note_remove, NULL},
};
#define NLISTS (sizeof item_lists / sizeof item_lists[0])

/* The index of the item of g with id, or -1. */
static long index_of(const struct item_list *l, const struct guest *g, int64_t id)
{
	for (size_t i = 0; i < l->count(g); i++)
		if (l->id(g, i) == id)
			return (long)i;
	return -1;
}

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

enum store_status import_store_updated(struct store *st, int64_t batch, const struct guest *before,
				       const struct guest *after)
{
	if (!after->id || before->id != after->id)
		return store_fail(st, ST_INVALID, "import batch: an update of guest %lld read as %lld",
				  (long long)after->id, (long long)before->id);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = batch_state(st, batch)) != ST_OK)
		return store_end(st, rs);
	struct change c = {.guest = after->id, .before = before->version, .after = after->version};
	c.what = "field";
	for (int i = 0; i < GF_COUNT && rs == ST_OK; i++) {
		if (same(before->f[i], after->f[i]))
			continue;
		c.field = guest_fields[i].key;
		c.old = before->f[i];
		c.new = after->f[i];
		rs = record(st, batch, &c);
	}
	c.what = "item";
	c.old = NULL;
	for (size_t l = 0; l < NLISTS && rs == ST_OK; l++) {
		const struct item_list *d = &item_lists[l];
		for (size_t i = 0; i < d->count(after) && rs == ST_OK; i++) {
			long was = index_of(d, before, d->id(after, i));
			char *text = d->text(after, i), *old = NULL;
			if (was >= 0)
				old = d->text(before, (size_t)was);
			/* an item added (old NULL), or one changed in place (old its text before) */
			if (was < 0 || (d->restore && strcmp(old, text) != 0)) {
				c.field = d->table;
				c.item = d->id(after, i);
				c.old = old;
				c.new = text;
				rs = record(st, batch, &c);
			}
			free(old);
			free(text);
		}
	}
	c.item = 0;
	c.old = NULL;
	c.field = "tag";
	for (size_t i = 0; i < after->tags.n && rs == ST_OK; i++) {
		bool had = false;
		for (size_t k = 0; k < before->tags.n && !had; k++)
			had = strcmp(before->tags.v[k], after->tags.v[i]) == 0;
		if (had)
			continue;
		c.new = after->tags.v[i];
		rs = record(st, batch, &c);
	}
	return store_end(st, rs);
}

enum store_status import_store_visit(struct store *st, int64_t batch, int64_t visit_id)
{
	return record_row(st, batch, "visit", "SELECT guest_id, NULL FROM visit WHERE id = ?1",
			  "visit", visit_id);
}

enum store_status import_store_batch_end(struct store *st, int64_t batch, const char *summary)
{
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s;
	if ((rs = batch_state(st, batch)) != ST_OK ||
	    (rs = store_row(st, "SELECT kind, file, sha256 FROM import_batch WHERE id = ?1",
			    "import batch", batch, &s)) != ST_OK)
		return store_end(st, rs);
	char *kind = store_col_text(s, 0), *file = store_col_text(s, 1), *sum = store_col_text(s, 2);
	sqlite3_reset(s);
	char *text = xasprintf("%s (sha256 %s): %s", file, sum, summary ? summary : "");
	if ((s = store_prep(st, "UPDATE import_batch SET summary = ?2 WHERE id = ?1"))) {
		sqlite3_bind_int64(s, 1, batch);
		store_bind_text(s, 2, summary);
		rs = store_step_done(st, s, "import batch");
	} else {
		rs = ST_IO;
	}
	/* the import's one row, even on a bulk connection (store_log does the same) */
	bool bulk = st->bulk;
	st->bulk = false;
	store_audit_op(st, "import", batch);
	if (rs == ST_OK)
		rs = store_audit(st, "import", batch, "import", kind, NULL, text);
	st->bulk = bulk;
	free(kind);
	free(file);
	free(sum);
	free(text);
	return store_end(st, rs);
}

/* ---- visits in bulk ---- */

/* The visit triggers an import puts aside, each with what reads the batch's visits with ids in
 * (?1, ?2] summed as the trigger would have added them up, and the trigger's own statement
 * (migrate.c) for one such sum: guest_month_insert adds a live visit to its month's row,
 * guest_last_insert makes a guest's row with the probe search_probe holds, else raises its
 * date (never lowers it). Sums and maxima add up: the visits are settled a slice of ids at a
 * time (a small sort each), one row at a time — a statement that wrote many rows under a
 * foreign key would keep a copy of every page it changed until its end. Kept in step with
 * migrate.c: a change to either trigger changes its settle here. */
static const struct {
	const char *name, *read, *write;
	int ncols;
} upkeep[] = {
	{"guest_month_insert",
	 "SELECT substr(date, 1, 7), guest_id, count(*), sum(covers), sum(spend_fen) FROM visit "
	 "NOT INDEXED WHERE id > ?1 AND id <= ?2 AND voided_at IS NULL GROUP BY 1, 2",
	 GUEST_MONTH_ADD,
	 5},
	{"guest_last_insert",
	 "SELECT guest_id, max(date) FROM visit NOT INDEXED WHERE id > ?1 AND id <= ?2 AND "
	 "voided_at IS NULL GROUP BY guest_id",
	 GUEST_LAST_ADD,
	 2},
};
#define SETTLE_SLICE 262144
/* More visits imported than this: the stored months of the dashboard are forgotten rather than
 * kept a guest-month at a time (import_store_visits_settle). */
#define SETTLE_FORGET 10000

/* Settles trigger i for the visits with ids in (from, to]. */
static enum store_status settle(struct store *st, size_t i, int64_t from, int64_t to)
{
	sqlite3_stmt *r = store_prep(st, upkeep[i].read);
	if (!r)
		return ST_IO;
	sqlite3_bind_int64(r, 1, from);
	sqlite3_bind_int64(r, 2, to);
	enum store_status rs = ST_OK;
	int rc = SQLITE_DONE;
	while (rs == ST_OK && (rc = sqlite3_step(r)) == SQLITE_ROW) {
		sqlite3_stmt *w = store_prep(st, upkeep[i].write);
		if (!w) {
			rs = ST_IO;
			break;
		}
		for (int c = 0; c < upkeep[i].ncols; c++)
			sqlite3_bind_value(w, c + 1, sqlite3_column_value(r, c));
		rs = store_step_done(st, w, upkeep[i].name);
	}
	if (rs == ST_OK && rc != SQLITE_DONE)
		rs = store_sqlfail(st, rc, upkeep[i].name);
	sqlite3_reset(r);
	return rs;
}

enum store_status import_store_visits_defer(struct store *st, struct import_visit_upkeep *u)
{
	memset(u, 0, sizeof *u);
	if (!st->txdepth)
		return store_fail(st, ST_INVALID, "import visits: the triggers are put aside only "
						  "inside the import's transaction");
	/* ids only grow (AUTOINCREMENT), and nobody else writes until the commit */
	sqlite3_stmt *s = store_prep(st, "SELECT max(id) FROM visit");
	if (!s)
		return ST_IO;
	bool row;
	enum store_status rs = store_step_maybe(st, s, "visit", &row);
	if (rs != ST_OK)
		return rs;
	u->after = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	for (size_t i = 0; i < sizeof upkeep / sizeof upkeep[0] && rs == ST_OK; i++) {
		if (!(s = store_prep(st, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
					 "name = ?1 AND tbl_name = 'visit'")))
			return ST_IO;
		sqlite3_bind_text(s, 1, upkeep[i].name, -1, SQLITE_STATIC);
		char *sql = NULL;
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			sql = store_col_text(s, 0);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_sqlfail(st, rc, "import visits");
		if (!sql) /* not in this schema: nothing to put aside */
			continue;
		char *drop = xasprintf("DROP TRIGGER %s", upkeep[i].name);
		rs = store_exec(st, drop);
		free(drop);
		strv_take(&u->sql, sql);
		if (i == 0)
			u->month = rs == ST_OK;
		else
			u->last = rs == ST_OK;
	}
	return rs;
}

enum store_status import_store_visits_settle(struct store *st, struct import_visit_upkeep *u)
{
	sqlite3_stmt *s = store_prep(st, "SELECT max(id) FROM visit");
	bool row;
	enum store_status rs = s ? store_step_maybe(st, s, "visit", &row) : ST_IO;
	int64_t last = rs == ST_OK ? sqlite3_column_int64(s, 0) : 0;
	if (rs == ST_OK)
		sqlite3_reset(s);
	bool put[2] = {u->month, u->last};
	/* the dashboard's stored months would take each guest-month summed here in turn (the
	 * triggers on guest_month): for a big import one scan at the next open is cheaper */
	if (rs == ST_OK && u->month && last - u->after > SETTLE_FORGET)
		rs = store_exec(st, REPORT_CACHE_FORGET);
	for (int64_t from = u->after; from < last && rs == ST_OK; from += SETTLE_SLICE)
		for (size_t i = 0; i < 2 && rs == ST_OK; i++)
			if (put[i])
				rs = settle(st, i, from, from + SETTLE_SLICE);
	for (size_t i = 0; i < u->sql.n && rs == ST_OK; i++)
		rs = store_exec(st, u->sql.v[i]);
	import_store_visits_free(u);
	return rs;
}

void import_store_visits_free(struct import_visit_upkeep *u)
{
	strv_free(&u->sql);
	u->month = u->last = false;
}

/* ---- undo ---- */

/* A row of import_change other than a visit, read whole before anything is written. */
struct done {
	int64_t guest;
	char what; /* 'c'reate, 'f'ield, 'i'tem */
	char *field, *old, *new;
	int64_t item, before, after;
};

struct undo {
	struct store *st;
	int64_t batch;
	struct done *v;
	size_t n, cap;
	struct strv *blocked; /* may be NULL */
	size_t nblocked;
	char *first;          /* the first blocker */
	int64_t removed, restored, visits;
};

static void block(struct undo *u, char *line)
{
	if (!u->first)
		u->first = xstrdup(line);
	u->nblocked++;
	if (u->blocked)
		strv_take(u->blocked, line);
	else
		free(line);
}

static enum store_status read_done(struct undo *u)
{
	static const char *sql = "SELECT guest_id, what, field, item_id, old, new, version_before, "
				 "version_after FROM import_change WHERE batch_id = ?1 AND "
				 "what <> 'visit' ORDER BY guest_id, id";
	sqlite3_stmt *s = store_prep(u->st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, u->batch);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&u->v, u->n + 1, &u->cap, sizeof *u->v);
		struct done *d = &u->v[u->n++];
		d->guest = sqlite3_column_int64(s, 0);
		d->what = (char)sqlite3_column_text(s, 1)[0];
		d->field = store_col_text(s, 2);
		d->item = sqlite3_column_int64(s, 3);
		d->old = store_col_text(s, 4);
		d->new = store_col_text(s, 5);
		d->before = sqlite3_column_int64(s, 6);
		d->after = sqlite3_column_int64(s, 7);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(u->st, rc, "import changes");
}

/* What the batch did to one guest: u->v[from, to). */
struct touched {
	int64_t guest, left, found; /* the version the import left, and found (0: created) */
	bool created;
	char *name;                 /* as stored now; NULL when the guest is gone */
	int64_t version;
};

static size_t group(const struct undo *u, size_t from, struct touched *t)
{
	size_t to = from;
	memset(t, 0, sizeof *t);
	t->guest = u->v[from].guest;
	for (; to < u->n && u->v[to].guest == t->guest; to++) {
		const struct done *d = &u->v[to];
		if (d->what == 'c')
			t->created = true;
		if (d->after > t->left)
			t->left = d->after;
		if (d->before && (!t->found || d->before < t->found))
			t->found = d->before;
	}
	return to;
}

/* The login and time of the latest audit row of guest: " (last by LOGIN at AT)", or "". */
static char *last_change(struct store *st, int64_t guest)
{
	static const char *sql = "SELECT s.login, a.at FROM audit a JOIN staff s ON s.id = a.staff_id "
				 "WHERE a.entity = 'guest' AND a.entity_id = ?1 ORDER BY a.id DESC "
				 "LIMIT 1";
	sqlite3_stmt *s = store_prep(st, sql);
	char *r = NULL;
	if (s) {
		sqlite3_bind_int64(s, 1, guest);
		if (sqlite3_step(s) == SQLITE_ROW)
			r = xasprintf(", last by %s at %s", sqlite3_column_text(s, 0),
				      sqlite3_column_text(s, 1));
		sqlite3_reset(s);
	}
	return r ? r : xstrdup("");
}

/* What was recorded for a guest the batch created since the import: each a blocker. */
static enum store_status check_created(struct undo *u, const struct touched *t)
{
	static const char *counts =
		"SELECT (SELECT count(*) FROM visit v WHERE v.guest_id = ?1 AND NOT EXISTS (SELECT 1 "
		"FROM import_change c WHERE c.batch_id = ?2 AND c.what = 'visit' AND "
		"c.item_id = v.id)), "
		"(SELECT count(*) FROM complaint WHERE guest_id = ?1), "
		"(SELECT count(*) FROM contact WHERE guest_id = ?1), "
		"(SELECT count(*) FROM alert WHERE guest_id = ?1), "
		"(SELECT count(*) FROM gift WHERE guest_id = ?1), "
		"(SELECT count(*) FROM banquet WHERE guest_id = ?1), "
		"(SELECT count(*) FROM tier_override WHERE guest_id = ?1)";
	static const char *first_visit =
		"SELECT v.date, v.meal, s.login, v.created_at FROM visit v JOIN staff s ON "
		"s.id = v.entered_by WHERE v.guest_id = ?1 AND NOT EXISTS (SELECT 1 FROM "
		"import_change c WHERE c.batch_id = ?2 AND c.what = 'visit' AND c.item_id = v.id) "
		"ORDER BY v.id LIMIT 1";
	static const char *const things[][2] = {
		{"visit", "visits"},   {"complaint", "complaints"}, {"contact", "contacts"},
		{"alert", "alerts"},   {"gift", "gifts"},           {"banquet", "banquets"},
		{"tier override", "tier overrides"},
	};
	sqlite3_stmt *s = store_prep(u->st, counts);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, t->guest);
	sqlite3_bind_int64(s, 2, u->batch);
	bool row;
	enum store_status rs = store_step_maybe(u->st, s, "import undo", &row);
	if (rs != ST_OK)
		return rs;
	int64_t n[7] = {0};
	for (int i = 0; row && i < 7; i++)
		n[i] = sqlite3_column_int64(s, i);
	sqlite3_reset(s);
	for (int i = 0; i < 7; i++) {
		if (!n[i])
			continue;
		char *detail = xstrdup("");
		if (i == 0 && (s = store_prep(u->st, first_visit))) {
			sqlite3_bind_int64(s, 1, t->guest);
			sqlite3_bind_int64(s, 2, u->batch);
			if (sqlite3_step(s) == SQLITE_ROW) {
				free(detail);
				detail = xasprintf(" (%s %s, by %s at %s)", sqlite3_column_text(s, 0),
						   sqlite3_column_text(s, 1),
						   sqlite3_column_text(s, 2),
						   sqlite3_column_text(s, 3));
			}
			sqlite3_reset(s);
		}
		block(u, xasprintf("guest %lld (%s): %lld %s recorded since the import%s",
				   (long long)t->guest, t->name, (long long)n[i],
				   things[i][n[i] != 1], detail));
		free(detail);
	}
	return ST_OK;
}

/* Every guest the batch touched as the import left it: its version, and for one it created,
 * nothing recorded since. */
static enum store_status check_guests(struct undo *u)
{
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < u->n && rs == ST_OK;) {
		struct touched t;
		i = group(u, i, &t);
		sqlite3_stmt *s = store_prep(u->st, "SELECT version, name FROM guest WHERE id = ?1");
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, t.guest);
		bool row;
		if ((rs = store_step_maybe(u->st, s, "import undo", &row)) != ST_OK)
			return rs;
		if (row) {
			t.version = sqlite3_column_int64(s, 0);
			t.name = store_col_text(s, 1);
		}
		sqlite3_reset(s);
		if (!row) {
			block(u, xasprintf("guest %lld: removed since the import", (long long)t.guest));
			continue;
		}
		if (t.version != t.left) {
			char *last = last_change(u->st, t.guest);
			block(u, xasprintf("guest %lld (%s): edited since the import (version %lld, "
					   "the import left %lld)%s",
					   (long long)t.guest, t.name, (long long)t.version,
					   (long long)t.left, last));
			free(last);
		}
		if (t.created)
			rs = check_created(u, &t);
		free(t.name);
	}
	return rs;
}

/* The visits the batch entered as it entered them: neither voided (nor so corrected) nor
 * complained about since. */
static enum store_status check_visits(struct undo *u)
{
	static const char *voided =
		"SELECT v.id, v.guest_id, g.name, v.date, v.meal, s.login, v.voided_at "
		"FROM import_change c JOIN visit v ON v.id = c.item_id "
		"JOIN guest g ON g.id = v.guest_id LEFT JOIN staff s ON s.id = v.voided_by "
		"WHERE c.batch_id = ?1 AND c.what = 'visit' AND v.voided_at IS NOT NULL "
		"ORDER BY v.id";
	/* complaints are few, a batch's visits many: each complaint looked up in the batch */
	static const char *complained =
		"SELECT v.id, v.guest_id, g.name, v.date, v.meal, k.id "
		"FROM complaint k CROSS JOIN import_change c ON c.batch_id = ?1 AND "
		"c.what = 'visit' AND c.item_id = k.visit_id "
		"JOIN visit v ON v.id = k.visit_id JOIN guest g ON g.id = v.guest_id "
		"WHERE k.visit_id IS NOT NULL ORDER BY k.id";
	const char *sql[2] = {voided, complained};
	for (int q = 0; q < 2; q++) {
		sqlite3_stmt *s = store_prep(u->st, sql[q]);
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, u->batch);
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			char *what = q == 0 ? xasprintf("voided since the import (by %s at %s)",
							sqlite3_column_text(s, 5),
							sqlite3_column_text(s, 6))
					    : xasprintf("complaint %lld recorded about it since the import",
							sqlite3_column_int64(s, 5));
			block(u, xasprintf("guest %lld (%s): visit %lld of %s %s: %s",
					   sqlite3_column_int64(s, 1), sqlite3_column_text(s, 2),
					   sqlite3_column_int64(s, 0), sqlite3_column_text(s, 3),
					   sqlite3_column_text(s, 4), what));
			free(what);
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_sqlfail(u->st, rc, "import undo");
	}
	return ST_OK;
}

/* Runs sql with ?1 bound to id (and ?2 to id2). */
static enum store_status run_id(struct store *st, const char *sql, int64_t id, int64_t id2,
				const char *what)
{
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, id2);
	return store_step_done(st, s, what);
}

/* Removes the visits the batch entered, each audited. guest_month and guest_last follow by
 * their triggers (migrate.c); the tiers of the months they were in are not recomputed here:
 * the months are named in the undo's audit row (months), for `maitre tier compute`. */
static enum store_status remove_visits(struct undo *u, struct strv *months)
{
	static const char *month_sql =
		"SELECT DISTINCT substr(v.date, 1, 7) FROM import_change c JOIN visit v ON "
		"v.id = c.item_id WHERE c.batch_id = ?1 AND c.what = 'visit' ORDER BY 1";
	static const char *ids_sql =
		"SELECT c.item_id FROM import_change c JOIN visit v ON v.id = c.item_id "
		"WHERE c.batch_id = ?1 AND c.what = 'visit' ORDER BY c.item_id";
	struct store *st = u->st;
	sqlite3_stmt *s = store_prep(st, month_sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, u->batch);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		strv_push(months, (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "import undo");
	/* read first: the rows are deleted from under no open statement */
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	if (!(s = store_prep(st, ids_sql)))
		return ST_IO;
	sqlite3_bind_int64(s, 1, u->batch);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&ids, n + 1, &cap, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	enum store_status rs = rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "import undo");
	char *why = xasprintf("undo of import batch %lld", (long long)u->batch);
	for (size_t i = 0; i < n && rs == ST_OK; i++) {
		if ((rs = run_id(st, "DELETE FROM visit WHERE id = ?1", ids[i], 0, "visit")) ==
		    ST_OK)
			rs = store_audit(st, "visit", ids[i], "delete", NULL, NULL, why);
	}
	u->visits = (int64_t)n;
	free(why);
	free(ids);
	return rs;
}

/* Deletes guest t, which the batch created, with everything attached to it: its lists (ON
 * DELETE CASCADE), its search keys, text and probe, its tier rows (derived from visits that
 * are gone; the visible generation's row count follows, as maitre doctor checks it; the
 * dashboard's stored months are forgotten once by undo_apply). Its visits were the batch's
 * (check_created), removed already. */
static enum store_status delete_guest(struct undo *u, const struct touched *t)
{
	static const char *gen_count =
		"UPDATE tier_month_gen SET row_count = row_count - 1 WHERE EXISTS (SELECT 1 FROM "
		"tier_month_row r WHERE r.month = tier_month_gen.month AND "
		TIER_ROW_SHOWN("r.", "tier_month_gen.gen") " "
		"AND r.guest_id = ?1)";
	struct store *st = u->st;
	struct guest g;
	enum store_status rs = guest_store_get(st, t->guest, &g);
	if (rs != ST_OK)
		return rs;
	if ((rs = run_id(st, gen_count, t->guest, 0, "tier month")) == ST_OK &&
	    (rs = run_id(st, "DELETE FROM tier_month_row WHERE guest_id = ?1", t->guest, 0,
			 "tier month")) == ST_OK &&
	    (rs = search_store_forget(st, &g)) == ST_OK &&
	    (rs = run_id(st, "DELETE FROM search_probe WHERE guest_id = ?1", t->guest, 0,
			 "search probe")) == ST_OK &&
	    (rs = run_id(st, "DELETE FROM guest WHERE id = ?1", t->guest, 0, "guest")) == ST_OK)
		rs = store_audit(st, "guest", t->guest, "delete", NULL, g.f[GF_NAME], NULL);
	guest_free(&g);
	u->removed++;
	return rs;
}

/* Gives guest t the fields it had before the batch and takes away the items the batch added,
 * through guest_store_save (audit rows, search keys, the version bumped). A batch in force
 * that had left the guest as this one found it gets it back at the new version, so that it
 * can be undone in turn. */
static enum store_status restore_guest(struct undo *u, const struct touched *t, size_t from,
				       size_t to)
{
	static const char *hand_back =
		"UPDATE import_change SET version_after = ?3 WHERE guest_id = ?1 AND "
		"version_after = ?2 AND batch_id <> ?4 AND batch_id IN (SELECT id FROM import_batch "
		"WHERE undone_at IS NULL)";
	struct store *st = u->st;
	struct guest g;
	enum store_status rs = guest_store_get(st, t->guest, &g);
	if (rs != ST_OK)
		return rs;
	/* latest first: when rows of the batch changed a field twice, the first change's old
	 * value, what the book had, is the one left */
	for (size_t k = to; k-- > from;) {
		const struct done *d = &u->v[k];
		if (d->what == 'f') {
			const struct guest_field *f = d->field ? guest_field_find(d->field) : NULL;
			if (f)
				guest_set(&g, (enum guest_field_id)(f - guest_fields), d->old);
			continue;
		}
		if (d->what != 'i' || !d->field)
			continue;
		if (strcmp(d->field, "tag") == 0) { /* a tag is its text */
			for (size_t i = 0; d->new && i < g.tags.n; i++)
				if (strcmp(g.tags.v[i], d->new) == 0) {
					guest_remove_tag(&g, i);
					break;
				}
			continue;
		}
		for (size_t l = 0; l < NLISTS; l++) {
			const struct item_list *il = &item_lists[l];
			if (strcmp(il->table, d->field) != 0)
				continue;
			long i = index_of(il, &g, d->item);
			if (i >= 0 && d->old && il->restore)
				il->restore(&g, (size_t)i, d->old);
			else if (i >= 0)
				il->remove(&g, (size_t)i);
		}
	}
	if ((rs = guest_store_save(st, &g, g.version, true, NULL)) == ST_OK && t->found) {
		sqlite3_stmt *s = store_prep(st, hand_back);
		if (!s) {
			rs = ST_IO;
		} else {
			sqlite3_bind_int64(s, 1, t->guest);
			sqlite3_bind_int64(s, 2, t->found);
			sqlite3_bind_int64(s, 3, g.version);
			sqlite3_bind_int64(s, 4, u->batch);
			rs = store_step_done(st, s, "import change");
		}
	}
	guest_free(&g);
	u->restored++;
	return rs;
}

static void undo_free(struct undo *u)
{
	for (size_t i = 0; i < u->n; i++) {
		free(u->v[i].field);
		free(u->v[i].old);
		free(u->v[i].new);
	}
	free(u->v);
	free(u->first);
}

/* Applies the undo once nothing blocks it: the visits first (a created guest's are the
 * batch's, and a guest with visits cannot be deleted), then each guest. */
static enum store_status undo_apply(struct undo *u)
{
	struct store *st = u->st;
	struct strv months = {0};
	enum store_status rs = remove_visits(u, &months);
	for (size_t i = 0; i < u->n && rs == ST_OK;) {
		struct touched t;
		size_t from = i;
		i = group(u, i, &t);
		rs = t.created ? delete_guest(u, &t) : restore_guest(u, &t, from, i);
	}
	/* the stored months counted the deleted guests' tier rows, whose generations stay */
	if (rs == ST_OK && u->removed)
		rs = report_store_forget(st, NULL);
	int64_t me;
	sqlite3_stmt *s;
	if (rs == ST_OK && (rs = store_staff_self(st, &me)) == ST_OK) {
		s = store_prep(st, "UPDATE import_batch SET undone_at = ?2, undone_by = ?3 "
				   "WHERE id = ?1");
		if (!s)
			rs = ST_IO;
		else {
			sqlite3_bind_int64(s, 1, u->batch);
			sqlite3_bind_text(s, 2, store_now(st), -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(s, 3, me);
			rs = store_step_done(st, s, "import batch");
		}
	}
	if (rs == ST_OK) {
		struct sbuf b = {0};
		sbuf_printf(&b, "%lld guests removed, %lld restored, %lld visits removed",
			    (long long)u->removed, (long long)u->restored, (long long)u->visits);
		for (size_t i = 0; i < months.n; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "; months to recompute: ", months.v[i]);
		char *text = sbuf_detach(&b);
		rs = store_audit(st, "import", u->batch, "undo", NULL, NULL, text);
		free(text);
	}
	strv_free(&months);
	return rs;
}

enum store_status import_store_undo(struct store *st, int64_t batch, struct strv *blocked)
{
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	struct undo u = {.st = st, .batch = batch, .blocked = blocked};
	store_audit_op(st, "undo", batch); /* every row the undo writes is the undo's */
	if ((rs = batch_state(st, batch)) != ST_OK || (rs = read_done(&u)) != ST_OK ||
	    (rs = check_guests(&u)) != ST_OK || (rs = check_visits(&u)) != ST_OK)
		goto out;
	if (u.nblocked) {
		rs = store_fail(st, ST_CONFLICT, "import batch %lld cannot be undone: %s%s",
				(long long)batch, u.first, u.nblocked > 1 ? " (and more)" : "");
		goto out;
	}
	rs = undo_apply(&u);
out:
	undo_free(&u);
	return store_end(st, rs);
}

/* ---- listing ---- */

enum store_status import_store_batches(struct store *st, struct import_batch **out, size_t *n)
{
	static const char *sql =
		"SELECT b.id, b.kind, b.file, b.sha256, s.login, b.at, b.summary, b.undone_at, "
		"u.login FROM import_batch b JOIN staff s ON s.id = b.staff_id "
		"LEFT JOIN staff u ON u.id = b.undone_by ORDER BY b.id DESC";
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	struct import_batch *v = NULL;
	size_t cap = 0, k = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&v, k + 1, &cap, sizeof *v);
		struct import_batch *b = &v[k++];
		memset(b, 0, sizeof *b);
		b->id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, b->kind, sizeof b->kind);
		b->file = store_col_text(s, 2);
		b->sha256 = store_col_text(s, 3);
		b->login = store_col_text(s, 4);
		b->at = store_col_text(s, 5);
		b->summary = store_col_text(s, 6);
		b->undone_at = store_col_text(s, 7);
		b->undone_by = store_col_text(s, 8);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		import_batches_free(v, k);
		return store_sqlfail(st, rc, "import batches");
	}
	*out = v;
	*n = k;
	return ST_OK;
}

void import_batches_free(struct import_batch *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].file);
		free(v[i].sha256);
		free(v[i].login);
		free(v[i].at);
		free(v[i].summary);
		free(v[i].undone_at);
		free(v[i].undone_by);
	}
	free(v);
}
