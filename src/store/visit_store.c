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
	"s.login, v.created_at, v.voided_at, vs.login, v.void_reason "                           \
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
}

static bool guest_exists(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_prep(st, "SELECT 1 FROM guest WHERE id = ?1");
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, id);
	bool found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

enum store_status visit_store_add(struct store *st, struct visit *v)
{
	static const char *sql =
		"INSERT INTO visit(guest_id, date, meal, covers, spend_fen, table_no, notes, entered_by, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	char why[300];
	if (visit_validate(v, why, sizeof why) < 0)
		return store_fail(st, ST_INVALID, "%s", why);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	int64_t me;
	char money[32];
	if ((rs = store_staff_self(st, &me)) != ST_OK)
		goto fail;
	if (!guest_exists(st, v->guest_id)) {
		rs = store_fail(st, ST_NOTFOUND, "guest: no guest with id %lld", (long long)v->guest_id);
		goto fail;
	}
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s) {
		rs = ST_IO;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, v->guest_id);
	sqlite3_bind_text(s, 2, v->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, meal_names[v->meal], -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, v->covers);
	sqlite3_bind_int64(s, 5, v->spend_fen);
	store_bind_text(s, 6, v->table_no);
	store_bind_text(s, 7, v->notes);
	sqlite3_bind_int64(s, 8, me);
	sqlite3_bind_text(s, 9, store_now(st), -1, SQLITE_TRANSIENT);
	if ((rs = store_step_done(st, s, "visit")) != ST_OK)
		goto fail;
	v->id = sqlite3_last_insert_rowid(st->db);
	char *desc = xasprintf("guest %lld %s %s covers %d spend %s", (long long)v->guest_id,
			       v->date, meal_names[v->meal], v->covers,
			       money_format(v->spend_fen, money));
	rs = store_audit(st, "visit", v->id, "create", NULL, NULL, desc);
	free(desc);
	if (rs != ST_OK)
		goto fail;
	if ((rs = store_commit(st)) != ST_OK)
		v->id = 0;
	return rs;
fail:
	store_rollback(st);
	v->id = 0;
	return rs;
}

enum store_status visit_store_get(struct store *st, int64_t id, struct visit *out)
{
	static const char *sql = "SELECT " VISIT_COLS "WHERE v.id = ?1";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	enum store_status rs = ST_OK;
	if (rc == SQLITE_ROW)
		read_row(s, out);
	else if (rc == SQLITE_DONE)
		rs = store_fail(st, ST_NOTFOUND, "no visit with id %lld", (long long)id);
	else
		rs = store_sqlfail(st, rc, "visit");
	sqlite3_reset(s);
	return rs;
}

enum store_status visit_store_void(struct store *st, int64_t id, const char *reason)
{
	static const char *sql = "UPDATE visit SET voided_at = ?2, voided_by = ?3, void_reason = ?4 "
				 "WHERE id = ?1 AND voided_at IS NULL";
	char why[200];
	if (!reason || !*reason)
		return store_fail(st, ST_INVALID, "reason: must not be empty");
	if (text_field_check(reason, 500, false, why, sizeof why) < 0)
		return store_fail(st, ST_INVALID, "reason: %s", why);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	int64_t me;
	struct visit v;
	memset(&v, 0, sizeof v);
	if ((rs = store_staff_self(st, &me)) != ST_OK || (rs = visit_store_get(st, id, &v)) != ST_OK)
		goto fail;
	if (v.voided_at) {
		rs = store_fail(st, ST_INVALID, "visit %lld is already void (%s)", (long long)id,
				v.void_reason ? v.void_reason : "");
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
	sqlite3_bind_text(s, 4, reason, -1, SQLITE_STATIC);
	if ((rs = store_step_done(st, s, "visit")) != ST_OK)
		goto fail;
	if ((rs = store_audit(st, "visit", id, "void", "void_reason", NULL, reason)) != ST_OK)
		goto fail;
	visit_free(&v);
	return store_commit(st);
fail:
	visit_free(&v);
	store_rollback(st);
	return rs;
}

enum store_status visit_store_list(struct store *st, const struct visit_filter *f,
				   struct visit **out, size_t *n)
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
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, f->guest_id ? by_guest : by_date);
	if (!s)
		return ST_IO;
	if (f->guest_id)
		sqlite3_bind_int64(s, 1, f->guest_id);
	sqlite3_bind_text(s, 2, f->from ? f->from : "0000-00-00", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, f->until ? f->until : "9999-99-99", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, f->with_voided);
	sqlite3_bind_int64(s, 5, f->limit ? (int64_t)f->limit : -1);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!vec_reserve((void **)out, *n + 1, &cap, sizeof **out)) {
			sqlite3_reset(s);
			return store_fail(st, ST_IO, "out of memory");
		}
		read_row(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "visits");
	return ST_OK;
}
