#include "store/visit_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/guest.h"
#include "core/money.h"
#include "core/strv.h"
#include "store/store_int.h"

#define VISIT_COLS                                                                              \
	"v.id, v.guest_id, v.date, v.meal, v.covers, v.spend_fen, v.table_no, v.notes, g.name, " \
	"s.login, v.created_at, v.voided_at, vs.login, v.void_reason, v.void_code "               \
	"FROM visit v JOIN guest g ON g.id = v.guest_id JOIN staff s ON s.id = v.entered_by "    \
	"LEFT JOIN staff vs ON vs.id = v.voided_by "

static void read_row(sqlite3_stmt *s, struct visit *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(s, 0);
	v->guest_id = sqlite3_column_int64(s, 1);
	snprintf(v->date, sizeof v->date, "%s", (const char *)sqlite3_column_text(s, 2));
	v->meal = strcmp((const char *)sqlite3_column_text(s, 3), "lunch") == 0 ? MEAL_LUNCH
										: MEAL_DINNER;
	v->covers = sqlite3_column_int(s, 4);
	v->spend_fen = sqlite3_column_int64(s, 5);
	v->table_no = store_col_text(s, 6);
	v->notes = store_col_text(s, 7);
	v->guest_name = store_col_text(s, 8);
	v->entered_by = store_col_text(s, 9);
	v->created_at = store_col_text(s, 10);
	v->voided_at = store_col_text(s, 11);
	v->voided_by = store_col_text(s, 12);
	v->void_reason = store_col_text(s, 13);
	v->void_code = store_col_text(s, 14);
}

sqlite3_stmt *store_visit_insert(struct store *st, const struct visit *v, int64_t me)
{
	static const char *sql =
		"INSERT INTO visit(guest_id, date, meal, covers, spend_fen, table_no, notes, entered_by, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, v->guest_id);
	sqlite3_bind_text(s, 2, v->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, meal_names[v->meal], -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, v->covers);
	sqlite3_bind_int64(s, 5, v->spend_fen);
	store_bind_text(s, 6, v->table_no);
	store_bind_text(s, 7, v->notes);
	sqlite3_bind_int64(s, 8, me);
	sqlite3_bind_text(s, 9, store_now(st), -1, SQLITE_TRANSIENT);
	return s;
}

enum store_status visit_store_add(struct store *st, struct visit *v)
{
	struct error why;
	if (visit_validate(v, &why) < 0)
		return store_fail(st, ST_INVALID, "%s", why.msg);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	int64_t me;
	char money[32];
	if ((rs = store_staff_self(st, &me)) != ST_OK ||
	    (rs = store_guest_check(st, v->guest_id)) != ST_OK)
		goto out;
	sqlite3_stmt *s = store_visit_insert(st, v, me);
	if (!s) {
		rs = ST_IO;
		goto out;
	}
	char *desc = xasprintf("guest %lld %s %s covers %d spend %s", (long long)v->guest_id,
			       v->date, meal_names[v->meal], v->covers,
			       money_format(v->spend_fen, money));
	rs = store_insert_audited(st, s, "visit", desc, &v->id);
	free(desc);
out:
	return store_end_new(st, rs, &v->id);
}

enum store_status visit_store_get(struct store *st, int64_t id, struct visit *out)
{
	static const char *sql = "SELECT " VISIT_COLS "WHERE v.id = ?1";
	sqlite3_stmt *s;
	enum store_status rs = store_row(st, sql, "visit", id, &s);
	if (rs != ST_OK)
		return rs;
	read_row(s, out);
	sqlite3_reset(s);
	return ST_OK;
}

enum store_status visit_store_void(struct store *st, int64_t id, enum void_code code,
				   const char *text)
{
	static const char *sql = "UPDATE visit SET voided_at = ?2, voided_by = ?3, void_reason = ?4, "
				 "void_code = ?5 WHERE id = ?1 AND voided_at IS NULL";
	struct error why;
	if (!text)
		text = "";
	if (void_reason_check(code, text, &why) < 0)
		return store_fail(st, ST_INVALID, "%s", why.msg);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	int64_t me;
	struct visit v;
	memset(&v, 0, sizeof v);
	if ((rs = store_staff_self(st, &me)) != ST_OK || (rs = visit_store_get(st, id, &v)) != ST_OK)
		goto fail;
	if (v.voided_at) {
		char *shown = void_reason_text(v.void_code, v.void_reason);
		rs = store_fail(st, ST_INVALID, "visit %lld is already void (%s)", (long long)id,
				shown ? shown : "");
		free(shown);
		goto fail;
	}
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s) {
		rs = ST_IO;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, store_now(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, me);
	sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, void_code_names[code], -1, SQLITE_STATIC);
	if ((rs = store_step_done(st, s, "visit")) != ST_OK)
		goto fail;
	/* the audit keeps the code, not a label: any reader names it in their language */
	char *desc = *text ? xasprintf("%s: %s", void_code_names[code], text)
			   : xstrdup(void_code_names[code]);
	rs = store_audit(st, "visit", id, "void", "void_reason", NULL, desc);
	free(desc);
	if (rs != ST_OK)
		goto fail;
	visit_free(&v);
	return store_commit(st);
fail:
	visit_free(&v);
	store_rollback(st);
	return rs;
}

enum store_status visit_store_opening(struct store *st, struct date *out, bool *set)
{
	sqlite3_stmt *s = store_prep(st, "SELECT value FROM setting WHERE key = 'opening_date'");
	if (!s)
		return ST_IO;
	int rc = sqlite3_step(s);
	bool found = false;
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		found = t && date_parse(t, out);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "setting");
	if (!found)
		*out = visit_opening_default(date_today());
	if (set)
		*set = found;
	return ST_OK;
}

enum store_status visit_store_set_opening(struct store *st, struct date d)
{
	static const char *sql = "INSERT INTO setting(key, value) VALUES ('opening_date', ?1) "
				 "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	char day[11], was[11] = "";
	struct date old;
	bool set = false;
	date_format(d, day);
	if (!date_valid(d) || date_to_days(d) > date_to_days(date_today()))
		return store_fail(st, ST_INVALID, "opening date: %s is in the future", day);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = visit_store_opening(st, &old, &set)) != ST_OK)
		goto fail;
	if (set)
		date_format(old, was);
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s) {
		rs = ST_IO;
		goto fail;
	}
	sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
	if ((rs = store_step_done(st, s, "setting")) != ST_OK ||
	    (rs = store_audit(st, "setting", 0, "update", "opening_date", set ? was : NULL, day)) !=
		    ST_OK)
		goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return rs;
}

/* Whether the guest has a live visit on date and meal. */
static enum store_status has_visit(struct store *st, const struct visit *v, bool *found)
{
	sqlite3_stmt *s = store_prep(st, "SELECT 1 FROM visit WHERE guest_id = ?1 AND date = ?2 "
					 "AND meal = ?3 AND voided_at IS NULL");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, v->guest_id);
	sqlite3_bind_text(s, 2, v->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, meal_names[v->meal], -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	*found = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "visit");
}

enum store_status visit_store_enter(struct store *st, struct visit *v, unsigned flags)
{
	struct error why;
	char day[11];
	struct date opening, d;
	bool found = false;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = visit_store_opening(st, &opening, NULL)) != ST_OK)
		goto out;
	int dc = visit_date_check(v->date, date_today(), opening, flags & VISIT_ALLOW_OLD, &d, &why);
	if (dc != VISIT_DATE_OK) {
		rs = store_fail(st, ST_INVALID, "date: %s", why.msg);
		goto out;
	}
	if (!(flags & VISIT_SECOND_TABLE)) {
		if ((rs = has_visit(st, v, &found)) != ST_OK)
			goto out;
		if (found) {
			rs = store_fail(st, ST_DUPLICATE, "the guest has a %s visit on %s already",
					meal_names[v->meal], v->date);
			goto out;
		}
	}
	if ((rs = visit_store_add(st, v)) != ST_OK)
		goto out;
	if (date_to_days(d) < date_to_days(opening)) {
		char *desc = xasprintf("dated %s, before the opening date %s (--allow-old)", v->date,
				       date_format(opening, day));
		rs = store_audit(st, "visit", v->id, "allow-old", "date", NULL, desc);
		free(desc);
	}
out:
	return store_end_new(st, rs, &v->id);
}

enum store_status visit_store_correct(struct store *st, int64_t replaces, struct visit *v,
				      unsigned flags)
{
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = visit_store_void(st, replaces, VOID_CORRECTED, "")) == ST_OK)
		rs = visit_store_enter(st, v, flags);
	return store_end_new(st, rs, &v->id);
}

enum store_status visit_store_each(struct store *st, const struct visit_filter *f,
				   int (*fn)(struct visit *v, void *ctx), void *ctx)
{
	/* Two shapes so that each uses its index: by guest (visit_guest_date), by date (visit_date). */
	static const char *by_guest = "SELECT " VISIT_COLS
				      "WHERE v.guest_id = ?1 AND v.date >= ?2 AND v.date <= ?3 "
				      "AND (?4 OR v.voided_at IS NULL) ORDER BY v.date, v.meal DESC, v.id "
				      "LIMIT ?5";
	static const char *by_date = "SELECT " VISIT_COLS
				     "WHERE v.date >= ?2 AND v.date <= ?3 "
				     "AND (?4 OR v.voided_at IS NULL) ORDER BY v.date, v.meal DESC, v.id "
				     "LIMIT ?5";
	sqlite3_stmt *s = store_prep(st, f->guest_id ? by_guest : by_date);
	if (!s)
		return ST_IO;
	if (f->guest_id)
		sqlite3_bind_int64(s, 1, f->guest_id);
	sqlite3_bind_text(s, 2, f->from ? f->from : "0000-00-00", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, f->until ? f->until : "9999-99-99", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, f->with_voided);
	sqlite3_bind_int64(s, 5, f->limit ? (int64_t)f->limit : -1);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct visit v;
		read_row(s, &v);
		int stop = fn(&v, ctx);
		visit_free(&v);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "visits");
	return ST_OK;
}

/* visit_store_list's array, grown by visit_store_each. */
struct visit_vec {
	struct visit *v;
	size_t n, cap;
};

static int take_visit(struct visit *v, void *ctx)
{
	struct visit_vec *a = ctx;
	vec_reserve((void **)&a->v, a->n + 1, &a->cap, sizeof *a->v);
	a->v[a->n++] = *v;
	memset(v, 0, sizeof *v); /* its strings are the array's now */
	return 0;
}

enum store_status visit_store_list(struct store *st, const struct visit_filter *f,
				   struct visit **out, size_t *n)
{
	struct visit_vec a = {0};
	enum store_status rs = visit_store_each(st, f, take_visit, &a);
	*out = a.v;
	*n = a.n;
	return rs;
}
