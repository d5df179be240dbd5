#include "store/guest_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/strv.h"
#include "core/text.h"
#include "store/search_store.h"
#include "store/store_int.h"

#define MAXCOLS 6

/* One list of the sheet, stored in its own table. Column values travel as text (or NULL). */
struct list_desc {
	const char *entity; /* for audit rows: "phone", "preference", ... */
	const char *select; /* ?1 guest: id, cols... ordered by id */
	const char *insert; /* ?1 guest, ?2.. cols, then ?(n+2) staff id, ?(n+3) now */
	const char *update; /* ?1 id, ?2 guest, ?3.. cols */
	const char *delete; /* ?1 id, ?2 guest */
	int ncols;
	size_t (*count)(const struct guest *g);
	int64_t *(*idp)(struct guest *g, size_t i);
	void (*values)(const struct guest *g, size_t i, char v[MAXCOLS][256]);
};

static size_t phones_n(const struct guest *g) { return g->phones.n; }
static size_t prefs_n(const struct guest *g) { return g->prefs.n; }
static size_t dates_n(const struct guest *g) { return g->dates.n; }
static size_t people_n(const struct guest *g) { return g->people.n; }
static size_t notes_n(const struct guest *g) { return g->notes.n; }
static int64_t *phones_id(struct guest *g, size_t i) { return &g->phones.v[i].id; }
static int64_t *prefs_id(struct guest *g, size_t i) { return &g->prefs.v[i].id; }
static int64_t *dates_id(struct guest *g, size_t i) { return &g->dates.v[i].id; }
static int64_t *people_id(struct guest *g, size_t i) { return &g->people.v[i].id; }
static int64_t *notes_id(struct guest *g, size_t i) { return &g->notes.v[i].id; }

static void put(char *dst, const char *s)
{
	snprintf(dst, 256, "%s", s ? s : "");
}

static void put_int(char *dst, long long v, bool zero_is_null)
{
	if (zero_is_null && v == 0)
		dst[0] = '\0';
	else
		snprintf(dst, 256, "%lld", v);
}

static void person_ref(const struct guest *g, int person, char *dst)
{
	put_int(dst, person >= 0 && (size_t)person < g->people.n ? g->people.v[person].id : 0, true);
}

static void phones_vals(const struct guest *g, size_t i, char v[MAXCOLS][256])
{
	const struct guest_phone *p = &g->phones.v[i];
	char *d = guest_phone_digits(p->number);
	size_t n = strlen(d);
	put(v[0], p->kind);
	put(v[1], p->number);
	put(v[2], d);
	for (size_t k = 0; k < n; k++)
		v[3][k] = d[n - 1 - k];
	v[3][n] = '\0';
	free(d);
}

static void prefs_vals(const struct guest *g, size_t i, char v[MAXCOLS][256])
{
	const struct guest_pref *p = &g->prefs.v[i];
	person_ref(g, p->person, v[0]);
	put(v[1], pref_kind_names[p->kind]);
	put(v[2], p->text);
	put(v[3], severity_names[p->severity]);
}

static void dates_vals(const struct guest *g, size_t i, char v[MAXCOLS][256])
{
	const struct guest_date *d = &g->dates.v[i];
	person_ref(g, d->person, v[0]);
	put(v[1], date_kind_names[d->kind]);
	put(v[2], d->label);
	put_int(v[3], d->month, false);
	put_int(v[4], d->day, false);
	put_int(v[5], d->year, true);
}

static void people_vals(const struct guest *g, size_t i, char v[MAXCOLS][256])
{
	const struct guest_person *p = &g->people.v[i];
	put(v[0], p->relation);
	put(v[1], p->name);
	put(v[2], p->notes);
}

static void notes_vals(const struct guest *g, size_t i, char v[MAXCOLS][256])
{
	put(v[0], g->notes.v[i].text);
}

static const struct list_desc list_people = {
	"person",
	"SELECT id, relation, name, notes FROM person WHERE guest_id = ?1 ORDER BY id",
	"INSERT INTO person(guest_id, relation, name, notes) VALUES (?1, ?2, ?3, ?4)",
	"UPDATE person SET relation = ?3, name = ?4, notes = ?5 WHERE id = ?1 AND guest_id = ?2",
	"DELETE FROM person WHERE id = ?1 AND guest_id = ?2",
	3, people_n, people_id, people_vals,
};
static const struct list_desc list_phones = {
	"phone",
	"SELECT id, kind, number, digits, digits_rev FROM phone WHERE guest_id = ?1 ORDER BY id",
	"INSERT INTO phone(guest_id, kind, number, digits, digits_rev) VALUES (?1, ?2, ?3, ?4, ?5)",
	"UPDATE phone SET kind = ?3, number = ?4, digits = ?5, digits_rev = ?6 "
	"WHERE id = ?1 AND guest_id = ?2",
	"DELETE FROM phone WHERE id = ?1 AND guest_id = ?2",
	4, phones_n, phones_id, phones_vals,
};
static const struct list_desc list_prefs = {
	"preference",
	"SELECT id, person_id, kind, text, severity FROM preference WHERE guest_id = ?1 ORDER BY id",
	"INSERT INTO preference(guest_id, person_id, kind, text, severity) VALUES (?1, ?2, ?3, ?4, ?5)",
	"UPDATE preference SET person_id = ?3, kind = ?4, text = ?5, severity = ?6 "
	"WHERE id = ?1 AND guest_id = ?2",
	"DELETE FROM preference WHERE id = ?1 AND guest_id = ?2",
	4, prefs_n, prefs_id, prefs_vals,
};
static const struct list_desc list_dates = {
	"special_date",
	"SELECT id, person_id, kind, label, month, day, year FROM special_date WHERE guest_id = ?1 "
	"ORDER BY id",
	"INSERT INTO special_date(guest_id, person_id, kind, label, month, day, year) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"UPDATE special_date SET person_id = ?3, kind = ?4, label = ?5, month = ?6, day = ?7, "
	"year = ?8 WHERE id = ?1 AND guest_id = ?2",
	"DELETE FROM special_date WHERE id = ?1 AND guest_id = ?2",
	6, dates_n, dates_id, dates_vals,
};
static const struct list_desc list_notes = {
	"note",
	"SELECT id, text FROM note WHERE guest_id = ?1 ORDER BY id",
	/* a new note's own author (a login) and time when it has them (an exported book's, as
	 * the import reads it), the saver and now otherwise: written with the row, for an UPDATE
	 * of author (a foreign key) inside a transaction that wrote search_text opens a statement
	 * savepoint, which makes FTS5 flush its pending terms — a segment per note imported */
	"INSERT INTO note(guest_id, text, author, at) VALUES (?1, ?2, "
	"coalesce((SELECT id FROM staff WHERE login = ?5), ?3), coalesce(?6, ?4))",
	"UPDATE note SET text = ?3 WHERE id = ?1 AND guest_id = ?2",
	"DELETE FROM note WHERE id = ?1 AND guest_id = ?2",
	1, notes_n, notes_id, notes_vals,
};

/* "kind number" — how an item reads in the audit trail */
static char *summary(char v[MAXCOLS][256], int n)
{
	struct sbuf b = {0};
	for (int i = 0; i < n; i++) {
		if (!v[i][0])
			continue;
		if (b.len)
			sbuf_addc(&b, ' ');
		sbuf_add(&b, v[i]);
	}
	return sbuf_detach(&b);
}

static enum store_status bind_vals(struct store *st, sqlite3_stmt *s, int first,
				   char v[MAXCOLS][256], int n)
{
	for (int i = 0; i < n; i++)
		if (store_bind_text(s, first + i, v[i]) != SQLITE_OK)
			return store_sqlfail(st, sqlite3_errcode(st->db), "bind");
	return ST_OK;
}

/* Brings the stored list of guest g in line with g: adds, changes and removes items. */
static enum store_status sync_list(struct store *st, struct guest *g, const struct list_desc *d,
				   bool fresh)
{
	enum store_status rs = ST_OK;
	int64_t me;
	const char *now = store_now(st);
	if ((rs = store_staff_self(st, &me)) != ST_OK)
		return rs;

	/* stored items: ids and values */
	size_t nold = 0, cap = 0;
	int64_t *oid = NULL;
	char(*oval)[MAXCOLS][256] = NULL;
	if (!fresh) {
		sqlite3_stmt *s = store_prep(st, d->select);
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, g->id);
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			if (nold == cap) {
				cap = cap ? cap * 2 : 8;
				oid = xreallocarray(oid, cap, sizeof *oid);
				oval = xreallocarray(oval, cap, sizeof *oval);
			}
			oid[nold] = sqlite3_column_int64(s, 0);
			for (int c = 0; c < d->ncols; c++) {
				const unsigned char *t = sqlite3_column_text(s, c + 1);
				put(oval[nold][c], (const char *)t);
			}
			nold++;
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) {
			rs = store_sqlfail(st, rc, d->entity);
			goto out;
		}
	}

	size_t n = d->count(g);
	/* removals: stored ids no longer in g */
	for (size_t k = 0; k < nold; k++) {
		bool kept = false;
		for (size_t i = 0; i < n && !kept; i++)
			kept = *d->idp(g, i) == oid[k];
		if (kept)
			continue;
		sqlite3_stmt *s = store_prep(st, d->delete);
		if (!s) {
			rs = ST_IO;
			goto out;
		}
		sqlite3_bind_int64(s, 1, oid[k]);
		sqlite3_bind_int64(s, 2, g->id);
		if ((rs = store_step_done(st, s, d->entity)) != ST_OK)
			goto out;
		char *old = summary(oval[k], d->ncols);
		rs = store_audit(st, "guest", g->id, "remove", d->entity, old, NULL);
		free(old);
		if (rs != ST_OK)
			goto out;
	}
	/* additions and changes */
	for (size_t i = 0; i < n; i++) {
		char v[MAXCOLS][256];
		memset(v, 0, sizeof v);
		d->values(g, i, v);
		int64_t *id = d->idp(g, i);
		size_t k = 0;
		if (*id) {
			while (k < nold && oid[k] != *id)
				k++;
			if (k == nold) {
				rs = store_fail(st, ST_CONFLICT,
						"%s %lld was removed by someone else meanwhile", d->entity,
						(long long)*id);
				goto out;
			}
			bool changed = false;
			for (int col = 0; col < d->ncols && !changed; col++)
				changed = strcmp(v[col], oval[k][col]) != 0;
			if (!changed)
				continue;
			sqlite3_stmt *s = store_prep(st, d->update);
			if (!s) {
				rs = ST_IO;
				goto out;
			}
			sqlite3_bind_int64(s, 1, *id);
			sqlite3_bind_int64(s, 2, g->id);
			if ((rs = bind_vals(st, s, 3, v, d->ncols)) != ST_OK ||
			    (rs = store_step_done(st, s, d->entity)) != ST_OK)
				goto out;
			char *old = summary(oval[k], d->ncols), *new = summary(v, d->ncols);
			rs = store_audit(st, "guest", g->id, "change", d->entity, old, new);
			free(old);
			free(new);
		} else {
			sqlite3_stmt *s = store_prep(st, d->insert);
			if (!s) {
				rs = ST_IO;
				goto out;
			}
			sqlite3_bind_int64(s, 1, g->id);
			if ((rs = bind_vals(st, s, 2, v, d->ncols)) != ST_OK)
				goto out;
			/* only the note insert takes these; binding past the end is harmless */
			sqlite3_bind_int64(s, d->ncols + 2, me);
			sqlite3_bind_text(s, d->ncols + 3, now, -1, SQLITE_TRANSIENT);
			if (d == &list_notes) {
				store_bind_text(s, 5, g->notes.v[i].author);
				store_bind_text(s, 6, g->notes.v[i].at);
			}
			if ((rs = store_step_done(st, s, d->entity)) != ST_OK)
				goto out;
			*id = sqlite3_last_insert_rowid(st->db);
			char *new = summary(v, d->ncols);
			rs = store_audit(st, "guest", g->id, "add", d->entity, NULL, new);
			free(new);
		}
		if (rs != ST_OK)
			goto out;
	}
out:
	free(oid);
	free(oval);
	return rs;
}

static enum store_status sync_tags(struct store *st, struct guest *g, bool fresh)
{
	enum store_status rs = ST_OK;
	struct strv old = {0};
	if (!fresh) {
		sqlite3_stmt *s = store_prep(st, "SELECT tag FROM tag WHERE guest_id = ?1");
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, g->id);
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			strv_push(&old, (const char *)sqlite3_column_text(s, 0));
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) { /* tags not read are not tags to keep */
			strv_free(&old);
			return store_sqlfail(st, rc, "tags");
		}
	}
	for (size_t k = 0; k < old.n && rs == ST_OK; k++) {
		bool kept = false;
		for (size_t i = 0; i < g->tags.n && !kept; i++)
			kept = strcmp(g->tags.v[i], old.v[k]) == 0;
		if (kept)
			continue;
		sqlite3_stmt *s = store_prep(st, "DELETE FROM tag WHERE guest_id = ?1 AND tag = ?2");
		if (!s) {
			rs = ST_IO;
			break;
		}
		sqlite3_bind_int64(s, 1, g->id);
		sqlite3_bind_text(s, 2, old.v[k], -1, SQLITE_STATIC);
		if ((rs = store_step_done(st, s, "tag")) == ST_OK)
			rs = store_audit(st, "guest", g->id, "remove", "tag", old.v[k], NULL);
	}
	for (size_t i = 0; i < g->tags.n && rs == ST_OK; i++) {
		if (strv_contains(&old, g->tags.v[i]))
			continue;
		sqlite3_stmt *s =
			store_prep(st, "INSERT OR IGNORE INTO tag(guest_id, tag) VALUES (?1, ?2)");
		if (!s) {
			rs = ST_IO;
			break;
		}
		sqlite3_bind_int64(s, 1, g->id);
		sqlite3_bind_text(s, 2, g->tags.v[i], -1, SQLITE_STATIC);
		if ((rs = store_step_done(st, s, "tag")) == ST_OK)
			rs = store_audit(st, "guest", g->id, "add", "tag", NULL, g->tags.v[i]);
	}
	strv_free(&old);
	return rs;
}

enum store_status guest_store_phone_owner(struct store *st, const char *number, int64_t exclude_id,
					  int64_t *owner)
{
	static const char *sql =
		"SELECT p.guest_id FROM phone p JOIN guest g ON g.id = p.guest_id WHERE p.digits = ?1 "
		"AND p.guest_id != ?2 AND g.merged_into IS NULL ORDER BY p.guest_id LIMIT 1";
	char *d = guest_phone_digits(number);
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s) {
		free(d);
		return ST_IO;
	}
	sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, exclude_id);
	free(d);
	int rc = sqlite3_step(s);
	enum store_status rs = ST_NOTFOUND;
	if (rc == SQLITE_ROW) {
		*owner = sqlite3_column_int64(s, 0);
		rs = ST_OK;
	} else if (rc != SQLITE_DONE) {
		rs = store_sqlfail(st, rc, "phone");
	}
	sqlite3_reset(s);
	return rs;
}

enum store_status guest_store_normalise_phones(struct store *st)
{
	sqlite3_stmt *s = store_prep(st, "SELECT id, number FROM phone ORDER BY id");
	if (!s)
		return ST_IO;
	enum store_status rs = ST_OK;
	int rc;
	while (rs == ST_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *number = (const char *)sqlite3_column_text(s, 1);
		char *norm = NULL;
		if (guest_phone_check(number ? number : "", &norm, NULL) < 0)
			norm = xstrdup(number ? number : "");
		char *d = guest_phone_digits(norm);
		size_t n = strlen(d);
		char *rev = xstrdup(d);
		for (size_t k = 0; k < n; k++)
			rev[k] = d[n - 1 - k];
		sqlite3_stmt *u = store_prep(
			st, "UPDATE phone SET number = ?2, digits = ?3, digits_rev = ?4 WHERE id = ?1");
		if (!u) {
			rs = ST_IO;
		} else {
			sqlite3_bind_int64(u, 1, sqlite3_column_int64(s, 0));
			sqlite3_bind_text(u, 2, norm, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(u, 3, d, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(u, 4, rev, -1, SQLITE_TRANSIENT);
			rs = store_step_done(st, u, "phone");
		}
		free(norm);
		free(d);
		free(rev);
	}
	if (rs == ST_OK && rc != SQLITE_DONE)
		rs = store_sqlfail(st, rc, "phone");
	sqlite3_reset(s);
	return rs;
}

enum store_status guest_store_resolve(struct store *st, int64_t id, int64_t *to)
{
	/* each step through the primary key; a chain is a merge or two long */
	static const char *sql =
		"WITH RECURSIVE m(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT g.merged_into, "
		"m.depth + 1 FROM guest g JOIN m ON g.id = m.id WHERE g.merged_into IS NOT NULL "
		"AND m.depth < 1000) SELECT m.id FROM m JOIN guest g ON g.id = m.id "
		"ORDER BY m.depth DESC LIMIT 1";
	sqlite3_stmt *s;
	*to = id;
	enum store_status rs = store_row(st, sql, "guest", id, &s);
	if (rs != ST_OK)
		return rs;
	*to = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return ST_OK;
}

enum store_status guest_store_merged(struct store *st, int64_t id, int64_t **ids, size_t *n)
{
	static const char *sql =
		"WITH RECURSIVE m(id) AS (SELECT ?1 UNION SELECT g.id FROM guest g JOIN m ON "
		"g.merged_into = m.id) SELECT id FROM m WHERE id <> ?1 ORDER BY id";
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)ids, *n + 1, &cap, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return ST_OK;
	free(*ids);
	*ids = NULL;
	*n = 0;
	return store_sqlfail(st, rc, "guest");
}

enum store_status guest_store_name(struct store *st, int64_t id, char **name)
{
	sqlite3_stmt *s;
	enum store_status rs = store_row(st, "SELECT name FROM guest WHERE id = ?1", "guest", id, &s);
	if (rs != ST_OK)
		return rs;
	*name = store_col_text(s, 0);
	sqlite3_reset(s);
	return ST_OK;
}

enum store_status guest_store_sales_manager(struct store *st, int64_t id, int64_t *staff_id)
{
	sqlite3_stmt *s;
	*staff_id = 0;
	enum store_status rs = store_row(st, "SELECT sales_manager FROM guest WHERE id = ?1",
					 "guest", id, &s);
	if (rs != ST_OK)
		return rs;
	*staff_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return ST_OK;
}

/* The statements over the scalar fields, built once from the field table and kept for the life
 * of the process (store_prep caches a statement by the address of its SQL). */
enum { SQL_MAX = 2048 };
struct field_sql {
	char insert[SQL_MAX], update[SQL_MAX], select[SQL_MAX];
};

/* Moves what b built into sql; b is empty again. */
static void keep_sql(char sql[SQL_MAX], struct sbuf *b)
{
	char *s = sbuf_detach(b);
	snprintf(sql, SQL_MAX, "%s", s);
	free(s);
}

static const struct field_sql *field_sql(void)
{
	static struct field_sql q;
	if (q.insert[0])
		return &q;
	struct sbuf b = {0};
	sbuf_add(&b, "INSERT INTO guest(");
	for (int i = 0; i < GF_COUNT; i++)
		sbuf_printf(&b, "%s, ", guest_fields[i].key);
	sbuf_add(&b, "created_at, updated_at, created_by) VALUES (");
	for (int i = 0; i < GF_COUNT + 3; i++)
		sbuf_printf(&b, "%s?%d", i ? ", " : "", i + 1);
	sbuf_add(&b, ")");
	keep_sql(q.insert, &b);

	sbuf_add(&b, "UPDATE guest SET ");
	for (int i = 0; i < GF_COUNT; i++)
		sbuf_printf(&b, "%s = ?%d, ", guest_fields[i].key, i + 1);
	sbuf_printf(&b, "updated_at = ?%d, version = version + 1 WHERE id = ?%d AND version = ?%d",
		    GF_COUNT + 1, GF_COUNT + 2, GF_COUNT + 3);
	keep_sql(q.update, &b);

	sbuf_add(&b, "SELECT ");
	for (int i = 0; i < GF_COUNT; i++) {
		if (guest_fields[i].type == FT_STAFF)
			sbuf_printf(&b, "(SELECT login FROM staff WHERE staff.id = guest.%s), ",
				    guest_fields[i].key);
		else
			sbuf_printf(&b, "%s, ", guest_fields[i].key);
	}
	sbuf_add(&b, "version, anonymised, created_at, updated_at FROM guest WHERE id = ?1");
	keep_sql(q.select, &b);
	return &q;
}

/* Binds the scalar fields as ?1..?GF_COUNT; staff logins become staff ids. */
static enum store_status bind_fields(struct store *st, sqlite3_stmt *s, const struct guest *g)
{
	for (int i = 0; i < GF_COUNT; i++) {
		const char *v = g->f[i];
		if (guest_fields[i].type == FT_STAFF && v && *v) {
			int64_t sid;
			enum store_status rs = store_staff_id(st, v, true, &sid);
			if (rs != ST_OK)
				return rs;
			sqlite3_bind_int64(s, i + 1, sid);
		} else if (guest_fields[i].type == FT_INT && v && *v) {
			sqlite3_bind_int64(s, i + 1, strtoll(v, NULL, 10));
		} else {
			store_bind_text(s, i + 1, v);
		}
	}
	return ST_OK;
}

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static enum store_status check_phones(struct store *st, const struct guest *g, bool force,
				      int64_t *dup_owner)
{
	for (size_t i = 0; i < g->phones.n && !force; i++) {
		if (g->phones.v[i].id)
			continue; /* already stored: not new */
		int64_t owner;
		enum store_status rs =
			guest_store_phone_owner(st, g->phones.v[i].number, g->id, &owner);
		if (rs == ST_NOTFOUND)
			continue;
		if (rs != ST_OK)
			return rs;
		char *name = NULL;
		guest_store_name(st, owner, &name);
		if (dup_owner)
			*dup_owner = owner;
		rs = store_fail(st, ST_DUPLICATE,
				"phone: %s already belongs to guest %lld (%s); use --force to add it anyway",
				g->phones.v[i].number, (long long)owner, name ? name : "?");
		free(name);
		return rs;
	}
	return ST_OK;
}

/* The person a date of g is about, as the id of their row (0: one not stored yet), or -1 for
 * the guest. */
static int64_t date_person_id(const struct guest *g, const struct guest_date *d)
{
	return d->person >= 0 && (size_t)d->person < g->people.n ? g->people.v[d->person].id : -1;
}

/* The year of old's birthday whose id is id, or for a new one (id 0) of the birthday of the
 * same person that g no longer holds (the one it replaces); 0 when there is none. */
static int kept_birth_year(const struct guest *old, const struct guest *g,
			   const struct guest_date *d)
{
	int64_t who = date_person_id(g, d);
	for (size_t k = 0; k < old->dates.n; k++) {
		const struct guest_date *o = &old->dates.v[k];
		if (o->kind != DATE_BIRTHDAY)
			continue;
		if (d->id) {
			if (o->id == d->id)
				return o->year;
			continue;
		}
		bool still = false;
		for (size_t i = 0; i < g->dates.n && !still; i++)
			still = g->dates.v[i].id == o->id;
		if (!still && who != 0 && date_person_id(old, o) == who)
			return o->year;
	}
	return 0;
}

/* What keep says is not the saver's to change, put back into g as old holds it. */
static void keep_stored(struct guest *g, const struct guest *old, guest_field_set keep)
{
	for (int i = 0; i < GF_COUNT; i++)
		if (keep & GUEST_FIELD_BIT(i))
			guest_set(g, (enum guest_field_id)i, old->f[i]);
	for (size_t i = 0; (keep & GUEST_BIRTH_YEAR) && i < g->dates.n; i++)
		if (g->dates.v[i].kind == DATE_BIRTHDAY)
			g->dates.v[i].year = kept_birth_year(old, g, &g->dates.v[i]);
}

enum store_status guest_store_save(struct store *st, struct guest *g, int64_t expected_version,
				   bool force_phone, int64_t *dup_owner)
{
	return guest_store_save_keeping(st, g, expected_version, force_phone, dup_owner, 0);
}

enum store_status guest_store_save_keeping(struct store *st, struct guest *g,
					   int64_t expected_version, bool force_phone,
					   int64_t *dup_owner, guest_field_set keep)
{
	struct error why;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	int64_t me;
	const char *now = store_now(st);
	bool fresh = g->id == 0;
	struct guest old;
	guest_init(&old);
	if ((rs = store_staff_self(st, &me)) != ST_OK)
		goto fail;
	/* the guest as stored first: what it holds already is not judged again by a rule made
	 * stricter since (guest_validate) */
	if (!fresh) {
		if ((rs = guest_store_get(st, g->id, &old)) != ST_OK)
			goto fail;
		int64_t now_id;
		if ((rs = guest_store_resolve(st, g->id, &now_id)) != ST_OK)
			goto fail;
		if (now_id != g->id) {
			rs = store_fail(st, ST_CONFLICT, "guest %lld was merged into %lld",
					(long long)g->id, (long long)now_id);
			goto fail;
		}
		if (old.anonymised) { /* erased: nothing of theirs comes back */
			rs = store_fail(st, ST_CONFLICT, "guest %lld is erased: the sheet cannot be "
					"edited", (long long)g->id);
			goto fail;
		}
		if (old.version != expected_version) {
			rs = store_fail(st, ST_CONFLICT,
					"guest %lld was changed by someone else since it was read "
					"(version %lld, now %lld)",
					(long long)g->id, (long long)expected_version,
					(long long)old.version);
			goto fail;
		}
	}
	/* read in this transaction: a manager's save meanwhile is kept too */
	if (keep)
		keep_stored(g, &old, keep);
	if (guest_validate(g, fresh ? NULL : &old, &why) < 0) {
		rs = store_fail(st, ST_INVALID, "%s", why.msg);
		goto fail;
	}
	/* phones as stored: the one rule's normal form (+86 139… is 139…); one kept from before
	 * the rule stays as it was */
	for (size_t i = 0; i < g->phones.n; i++) {
		char *norm = NULL;
		if (guest_phone_check(g->phones.v[i].number, &norm, NULL) < 0)
			continue; /* guest_validate let it through: the guest had it already */
		free(g->phones.v[i].number);
		g->phones.v[i].number = norm;
	}
	if ((rs = check_phones(st, g, force_phone, dup_owner)) != ST_OK)
		goto fail;

	/* the fields ?1..?GF_COUNT and the time; then a new guest's time and author, or a known
	 * guest's id and the version read */
	sqlite3_stmt *s = store_prep(st, fresh ? field_sql()->insert : field_sql()->update);
	if (!s) {
		rs = ST_IO;
		goto fail;
	}
	if ((rs = bind_fields(st, s, g)) != ST_OK)
		goto fail;
	sqlite3_bind_text(s, GF_COUNT + 1, now, -1, SQLITE_TRANSIENT);
	if (fresh) {
		sqlite3_bind_text(s, GF_COUNT + 2, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, GF_COUNT + 3, me);
	} else {
		sqlite3_bind_int64(s, GF_COUNT + 2, g->id);
		sqlite3_bind_int64(s, GF_COUNT + 3, expected_version);
	}
	if ((rs = store_step_done(st, s, "guest")) != ST_OK)
		goto fail;
	if (fresh) {
		g->id = sqlite3_last_insert_rowid(st->db);
		g->version = 1;
		if ((rs = store_audit(st, "guest", g->id, "create", NULL, NULL, g->f[GF_NAME])) != ST_OK)
			goto fail;
	}
	/* each field set: an edit's row, a new guest's from the empty guest (the name is in its
	 * create row) */
	for (int i = 0; i < GF_COUNT; i++) {
		if (same(old.f[i], g->f[i]) || (fresh && i == GF_NAME))
			continue;
		if ((rs = store_audit(st, "guest", g->id, "update", guest_fields[i].key, old.f[i],
				      g->f[i])) != ST_OK)
			goto fail;
	}
	if (!fresh)
		g->version = expected_version + 1;
	if ((rs = sync_list(st, g, &list_people, fresh)) != ST_OK ||
	    (rs = sync_list(st, g, &list_phones, fresh)) != ST_OK ||
	    (rs = sync_list(st, g, &list_prefs, fresh)) != ST_OK ||
	    (rs = sync_list(st, g, &list_dates, fresh)) != ST_OK ||
	    (rs = sync_list(st, g, &list_notes, fresh)) != ST_OK ||
	    (rs = sync_tags(st, g, fresh)) != ST_OK)
		goto fail;
	if ((rs = search_store_index(st, g, fresh ? NULL : &old)) != ST_OK)
		goto fail;
	guest_free(&old);
	if ((rs = store_commit(st)) != ST_OK) {
		if (fresh)
			g->id = 0;
		return rs;
	}
	return ST_OK;
fail:
	guest_free(&old);
	store_rollback(st);
	if (fresh) {
		g->id = 0;
		g->version = 0;
	}
	return rs;
}

/* The index in g->people of the person whose row id is pid; -1 (the guest) for 0 or an id not
 * read. */
static int person_index(const struct guest *g, int64_t pid)
{
	for (size_t k = 0; pid && k < g->people.n; k++)
		if (g->people.v[k].id == pid)
			return (int)k;
	return -1;
}

/* Reads the rows of sql (?1 the guest id) into g, each by add. SQLITE_DONE is the end, anything
 * else an error that fails the whole read (a card without the rows it could not read would
 * delete them when saved). */
static enum store_status read_rows(struct store *st, const char *sql, int64_t id, struct guest *g,
				   void (*add)(struct guest *g, sqlite3_stmt *s), const char *what)
{
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		add(g, s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, what);
}

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* The readers of read_rows: one row of each list's select (the row's id first). */
static void add_person(struct guest *g, sqlite3_stmt *s)
{
	int i = guest_add_person(g, col(s, 1), col(s, 2), col(s, 3));
	g->people.v[i].id = sqlite3_column_int64(s, 0);
}

static void add_phone(struct guest *g, sqlite3_stmt *s)
{
	int i = guest_add_phone(g, col(s, 1), col(s, 2));
	g->phones.v[i].id = sqlite3_column_int64(s, 0);
}

static void add_pref(struct guest *g, sqlite3_stmt *s)
{
	int person = person_index(g, sqlite3_column_int64(s, 1));
	const char *sev = col(s, 4);
	const char *text = col(s, 3);
	int sv = severity_from_name(sev ? sev : "");
	int kind = pref_kind_from_name(col(s, 2));
	int i = guest_add_pref(g, person, kind < 0 ? PREF_HABIT : (enum pref_kind)kind,
			       sv < 0 ? SEV_NONE : (enum severity)sv, text ? text : "");
	g->prefs.v[i].id = sqlite3_column_int64(s, 0);
}

static void add_date(struct guest *g, sqlite3_stmt *s)
{
	int person = person_index(g, sqlite3_column_int64(s, 1));
	int kind = date_kind_from_name(col(s, 2));
	int i = guest_add_date(g, person, kind < 0 ? DATE_OTHER : (enum date_kind)kind, col(s, 3),
			       sqlite3_column_int(s, 6), sqlite3_column_int(s, 4),
			       sqlite3_column_int(s, 5));
	g->dates.v[i].id = sqlite3_column_int64(s, 0);
}

static void add_tag(struct guest *g, sqlite3_stmt *s)
{
	guest_add_tag(g, col(s, 0));
}

static void add_note(struct guest *g, sqlite3_stmt *s)
{
	int i = guest_add_note(g, col(s, 1));
	g->notes.v[i].id = sqlite3_column_int64(s, 0);
	g->notes.v[i].author = store_col_text(s, 2);
	g->notes.v[i].at = store_col_text(s, 3);
}

/* guest_store_get's reads, in the caller's snapshot. */
static enum store_status get_rows(struct store *st, int64_t id, struct guest *g)
{
	sqlite3_stmt *s;
	enum store_status rs = store_row(st, field_sql()->select, "guest", id, &s);
	if (rs != ST_OK)
		return rs;
	g->id = id;
	for (int i = 0; i < GF_COUNT; i++)
		g->f[i] = store_col_text(s, i);
	g->version = sqlite3_column_int64(s, GF_COUNT);
	g->anonymised = sqlite3_column_int(s, GF_COUNT + 1);
	g->created_at = store_col_text(s, GF_COUNT + 2);
	g->updated_at = store_col_text(s, GF_COUNT + 3);
	sqlite3_reset(s);

	/* people first: preferences and dates refer to them by index */
	if ((rs = read_rows(st, list_people.select, id, g, add_person, "people")) != ST_OK ||
	    (rs = read_rows(st, list_phones.select, id, g, add_phone, "phones")) != ST_OK ||
	    (rs = read_rows(st, list_prefs.select, id, g, add_pref, "preferences")) != ST_OK ||
	    (rs = read_rows(st, list_dates.select, id, g, add_date, "special dates")) != ST_OK ||
	    (rs = read_rows(st, "SELECT tag FROM tag WHERE guest_id = ?1 ORDER BY tag", id, g,
			    add_tag, "tags")) != ST_OK)
		return rs;
	return read_rows(st,
			 "SELECT note.id, note.text, staff.login, note.at FROM note "
			 "JOIN staff ON staff.id = note.author WHERE guest_id = ?1 ORDER BY note.id",
			 id, g, add_note, "notes");
}

enum store_status guest_store_get(struct store *st, int64_t id, struct guest *g)
{
	guest_init(g);
	/* one snapshot for the guest and its lists: another terminal's save between two of the
	 * reads cannot give a card half old, half new */
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	rs = get_rows(st, id, g);
	store_snapshot_end(st);
	if (rs != ST_OK)
		guest_free(g); /* all or nothing: never a card missing what it could not read */
	return rs;
}
