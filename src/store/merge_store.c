/* merge_store.c — merging two guests and undoing it (merge_store.h). */
#include "store/merge_store.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/guest_store.h"
#include "store/search_store.h"
#include "store/store_int.h"

const char *const merge_table_names[MT_COUNT] = {
	"visit", "complaint", "alert", "contact", "gift", "banquet", "tier_override",
};

/* The statements over one table of merge_table_names: the rows of OTHER (?2) recorded as moved
 * by merge ?1, and the move itself (?2 OTHER to ?3 KEEP); the rows merge ?1 moved, moved back
 * (to ?2). Table names are from the list above, never typed. */
struct move_sql {
	char count[160], record[240], move[160], back[300];
};

static const struct move_sql *move_sql(enum merge_table t)
{
	static struct move_sql q[MT_COUNT];
	struct move_sql *m = &q[t];
	if (m->move[0])
		return m;
	const char *n = merge_table_names[t];
	snprintf(m->count, sizeof m->count, "SELECT count(*) FROM %s WHERE guest_id = ?1", n);
	snprintf(m->record, sizeof m->record,
		 "INSERT INTO guest_merge_row(merge_id, tbl, row_id, what) SELECT ?1, '%s', id, "
		 "'move' FROM %s WHERE guest_id = ?2",
		 n, n);
	snprintf(m->move, sizeof m->move, "UPDATE %s SET guest_id = ?3 WHERE guest_id = ?2", n);
	snprintf(m->back, sizeof m->back,
		 "UPDATE %s SET guest_id = ?2 WHERE id IN (SELECT row_id FROM guest_merge_row "
		 "WHERE merge_id = ?1 AND what = 'move' AND tbl = '%s')",
		 n, n);
	return m;
}

void merge_result_free(struct merge_result *r)
{
	merge_plan_free(&r->plan);
	guest_free(&r->keep_sheet);
	guest_free(&r->other_sheet);
	strv_free(&r->months);
	memset(r, 0, sizeof *r);
}

void unmerge_result_free(struct unmerge_result *r)
{
	strv_free(&r->months);
	memset(r, 0, sizeof *r);
}

/* Runs sql with ?1..?3 bound to a, b, c (those past its parameters are ignored). */
static enum store_status run3(struct store *st, const char *sql, int64_t a, int64_t b, int64_t c,
			      const char *what)
{
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	int n = sqlite3_bind_parameter_count(s);
	int64_t v[3] = {a, b, c};
	for (int i = 0; i < n && i < 3; i++)
		sqlite3_bind_int64(s, i + 1, v[i]);
	return store_step_done(st, s, what);
}

/* The one integer of sql with ?1 bound to id into *v (0 when no row). */
static enum store_status count1(struct store *st, const char *sql, int64_t id, int64_t *v)
{
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "merge", &row);
	if (rs != ST_OK)
		return rs;
	*v = row ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return ST_OK;
}

/* The computed tier months from the first month of the live visits of guest ?1 (or, at an
 * unmerge, of the rows merge ?2 moved) or of its overrides on: every later month's tiers
 * count them through the window and the month before. */
static enum store_status months_from(struct store *st, const char *first_sql, int64_t id,
				     struct strv *out)
{
	static const char *sql =
		"SELECT month FROM tier_month_gen WHERE gen IS NOT NULL AND month >= ?1 ORDER BY month";
	sqlite3_stmt *s = store_prep(st, first_sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "tier months", &row);
	if (rs != ST_OK)
		return rs;
	char *first = row ? store_col_text(s, 0) : NULL;
	sqlite3_reset(s);
	if (!first)
		return ST_OK;
	if (!(s = store_prep(st, sql))) {
		free(first);
		return ST_IO;
	}
	sqlite3_bind_text(s, 1, first, -1, SQLITE_TRANSIENT);
	free(first);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		strv_push(out, (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "tier months");
}

static const char *other_months =
	"SELECT min(m) FROM (SELECT min(substr(date, 1, 7)) AS m FROM visit WHERE guest_id = ?1 "
	"AND voided_at IS NULL UNION ALL SELECT min(from_month) FROM tier_override "
	"WHERE guest_id = ?1)";

/* Reads both sheets and plans the merge of r->other into r->keep, the ids resolved first. */
static enum store_status plan(struct store *st, int64_t keep, int64_t other,
			      const struct merge_prefer *prefer, struct merge_result *r)
{
	enum store_status rs;
	if ((rs = guest_store_resolve(st, keep, &r->keep)) != ST_OK ||
	    (rs = guest_store_resolve(st, other, &r->other)) != ST_OK)
		return rs;
	if (r->keep == r->other)
		return store_fail(st, ST_INVALID, "guest %lld and guest %lld are one guest already",
				  (long long)keep, (long long)other);
	if ((rs = guest_store_get(st, r->keep, &r->keep_sheet)) != ST_OK ||
	    (rs = guest_store_get(st, r->other, &r->other_sheet)) != ST_OK)
		return rs;
	if (r->keep_sheet.anonymised || r->other_sheet.anonymised)
		return store_fail(st, ST_INVALID, "guest %lld is anonymised: nothing to merge",
				  (long long)(r->keep_sheet.anonymised ? r->keep : r->other));
	guest_merge(&r->keep_sheet, &r->other_sheet, prefer, &r->plan);
	for (int t = 0; t < MT_COUNT; t++)
		if ((rs = count1(st, move_sql(t)->count, r->other, &r->moved[t])) != ST_OK)
			return rs;
	return months_from(st, other_months, r->other, &r->months);
}

enum store_status merge_store_plan(struct store *st, int64_t keep, int64_t other,
				   const struct merge_prefer *prefer, struct merge_result *r)
{
	memset(r, 0, sizeof *r);
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	rs = plan(st, keep, other, prefer, r);
	store_snapshot_end(st);
	return rs;
}

static enum store_status record(struct store *st, int64_t merge_id, const char *tbl, int64_t row,
				const char *what, const char *field, const char *old)
{
	sqlite3_stmt *s = store_prep(st, "INSERT INTO guest_merge_row(merge_id, tbl, row_id, what, "
					 "field, old) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, merge_id);
	sqlite3_bind_text(s, 2, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, row);
	sqlite3_bind_text(s, 4, what, -1, SQLITE_STATIC);
	store_bind_text(s, 5, field);
	if (old)
		sqlite3_bind_text(s, 6, old, -1, SQLITE_TRANSIENT);
	return store_step_done(st, s, "merge");
}

/* Whether id is the id of one of the n items of v, each of size bytes with its id first (the
 * lists of struct guest). */
static bool had(const void *v, size_t n, size_t size, int64_t id)
{
	for (size_t i = 0; i < n; i++) {
		int64_t x;
		memcpy(&x, (const char *)v + i * size, sizeof x);
		if (x == id)
			return true;
	}
	return false;
}
_Static_assert(offsetof(struct guest_phone, id) == 0 && offsetof(struct guest_pref, id) == 0 &&
		       offsetof(struct guest_date, id) == 0 && offsetof(struct guest_person, id) == 0 &&
		       offsetof(struct guest_note, id) == 0,
	       "every list item's id comes first");
#define HAD(list, want) had((list).v, (list).n, sizeof *(list).v, (want))

/* What the save of the merged sheet m added to KEEP (was: before), recorded. */
static enum store_status record_added(struct store *st, int64_t id, const struct guest *was,
				      const struct guest *m)
{
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < m->people.n && rs == ST_OK; i++)
		if (!HAD(was->people, m->people.v[i].id))
			rs = record(st, id, "person", m->people.v[i].id, "add", NULL, NULL);
	for (size_t i = 0; i < m->phones.n && rs == ST_OK; i++)
		if (!HAD(was->phones, m->phones.v[i].id))
			rs = record(st, id, "phone", m->phones.v[i].id, "add", NULL, NULL);
	for (size_t i = 0; i < m->prefs.n && rs == ST_OK; i++)
		if (!HAD(was->prefs, m->prefs.v[i].id))
			rs = record(st, id, "preference", m->prefs.v[i].id, "add", NULL, NULL);
	for (size_t i = 0; i < m->dates.n && rs == ST_OK; i++)
		if (!HAD(was->dates, m->dates.v[i].id))
			rs = record(st, id, "special_date", m->dates.v[i].id, "add", NULL, NULL);
	for (size_t i = 0; i < m->notes.n && rs == ST_OK; i++)
		if (!HAD(was->notes, m->notes.v[i].id))
			rs = record(st, id, "note", m->notes.v[i].id, "add", NULL, NULL);
	for (size_t i = 0; i < m->tags.n && rs == ST_OK; i++) {
		bool had = false;
		for (size_t k = 0; k < was->tags.n && !had; k++)
			had = strcmp(was->tags.v[k], m->tags.v[i]) == 0;
		if (!had)
			rs = record(st, id, "tag", 0, "add", NULL, m->tags.v[i]);
	}
	return rs;
}

/* What the merged sheet m changes of KEEP's (was) in place, recorded before it is written:
 * the fields and the items OTHER raised. */
static enum store_status record_changed(struct store *st, int64_t id, const struct guest *was,
					const struct merge_plan *p)
{
	enum store_status rs = ST_OK;
	const struct guest *m = &p->sheet;
	for (size_t i = 0; i < p->ndiffs && rs == ST_OK; i++)
		if (p->diffs[i].take_other)
			rs = record(st, id, "guest", was->id, "field",
				    guest_fields[p->diffs[i].field].key, p->diffs[i].keep);
	/* KEEP's items come first in m, in KEEP's order */
	for (size_t i = 0; i < was->prefs.n && rs == ST_OK; i++)
		if (m->prefs.v[i].severity != was->prefs.v[i].severity)
			rs = record(st, id, "preference", was->prefs.v[i].id, "change", "severity",
				    severity_names[was->prefs.v[i].severity]);
	for (size_t i = 0; i < was->dates.n && rs == ST_OK; i++)
		if (m->dates.v[i].year != was->dates.v[i].year) {
			char y[16];
			snprintf(y, sizeof y, "%d", was->dates.v[i].year);
			rs = record(st, id, "special_date", was->dates.v[i].id, "change", "year", y);
		}
	return rs;
}

static enum store_status last_audit(struct store *st, int64_t *id)
{
	return store_count(st, "SELECT ifnull(max(id), 0) FROM audit", "audit", id);
}

/* The gifts moved from OTHER given to one of its people now point at that person on KEEP's
 * sheet (saved: its ids are set), each recorded with the person it had: the agenda and gift
 * given find them there, so a gift is not given twice for one occasion. */
static enum store_status gifts_follow(struct store *st, int64_t id, const struct merge_result *r)
{
	static const char *rec =
		"INSERT INTO guest_merge_row(merge_id, tbl, row_id, what, field, old) SELECT ?1, "
		"'gift', id, 'change', 'person_id', person_id FROM gift WHERE person_id = ?2 AND "
		"guest_id = ?3";
	const struct guest *o = &r->other_sheet, *m = &r->plan.sheet;
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < o->people.n && rs == ST_OK; i++) {
		int64_t from = o->people.v[i].id, to = m->people.v[r->plan.people[i]].id;
		if (from != to && (rs = run3(st, rec, id, from, r->keep, "merge")) == ST_OK)
			rs = run3(st, "UPDATE gift SET person_id = ?2 WHERE person_id = ?1 AND "
				      "guest_id = ?3",
				  from, to, r->keep, "gift");
	}
	return rs;
}

static enum store_status do_merge(struct store *st, const struct merge_prefer *prefer,
				  int64_t keep, int64_t other, struct merge_result *r)
{
	enum store_status rs;
	int64_t me;
	const char *now = store_now(st);
	if ((rs = store_staff_self(st, &me)) != ST_OK ||
	    (rs = plan(st, keep, other, prefer, r)) != ST_OK)
		return rs;
	keep = r->keep;
	other = r->other;
	sqlite3_stmt *s = store_prep(st, "INSERT INTO guest_merge(keep_id, other_id, at, staff_id, "
					 "keep_version, audit_id) VALUES (?1, ?2, ?3, ?4, 0, 0)");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, keep);
	sqlite3_bind_int64(s, 2, other);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, me);
	if ((rs = store_step_done(st, s, "merge")) != ST_OK)
		return rs;
	int64_t id = r->merge_id = sqlite3_last_insert_rowid(st->db);
	store_audit_op(st, "merge", id);

	/* OTHER is retired first: its phones are no longer anyone else's on KEEP's sheet */
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)keep);
	if ((rs = run3(st, "UPDATE guest SET merged_into = ?2 WHERE id = ?1",
		       other, keep, 0, "guest")) != ST_OK ||
	    (rs = store_audit(st, "guest", other, "merge", "merged_into", NULL, buf)) != ST_OK)
		return rs;
	char ver[32];
	snprintf(ver, sizeof ver, "%lld", (long long)r->keep_sheet.version);
	if ((rs = record_changed(st, id, &r->keep_sheet, &r->plan)) != ST_OK ||
	    (rs = record(st, id, "guest", keep, "field", "version", ver)) != ST_OK ||
	    (rs = record(st, id, "guest", keep, "field", "updated_at",
			 r->keep_sheet.updated_at)) != ST_OK)
		return rs;
	/* phones forced: each was in the book already, on one of the two */
	if ((rs = guest_store_save(st, &r->plan.sheet, r->keep_sheet.version, true, NULL)) != ST_OK ||
	    (rs = record_added(st, id, &r->keep_sheet, &r->plan.sheet)) != ST_OK)
		return rs;

	/* one open alert a guest (alert_open): of two, OTHER's is closed and moves as history */
	int64_t open = 0;
	if ((rs = count1(st, "SELECT count(*) FROM alert WHERE guest_id = ?1 AND closed_at IS NULL",
			 keep, &open)) != ST_OK)
		return rs;
	if (open) {
		s = store_prep(st, "SELECT id FROM alert WHERE guest_id = ?1 AND closed_at IS NULL");
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, other);
		bool row;
		if ((rs = store_step_maybe(st, s, "alert", &row)) != ST_OK)
			return rs;
		r->alert_closed = row ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
	}
	if (r->alert_closed) {
		char outcome[64];
		snprintf(outcome, sizeof outcome, "merged into guest %lld", (long long)keep);
		s = store_prep(st, "UPDATE alert SET closed_at = ?2, closed_by = ?3, outcome = ?4 "
				   "WHERE id = ?1");
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, r->alert_closed);
		sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 3, me);
		sqlite3_bind_text(s, 4, outcome, -1, SQLITE_TRANSIENT);
		if ((rs = store_step_done(st, s, "alert")) != ST_OK ||
		    (rs = record(st, id, "alert", r->alert_closed, "close", NULL, NULL)) != ST_OK ||
		    (rs = store_audit(st, "alert", r->alert_closed, "close", "outcome", NULL,
				      outcome)) != ST_OK)
			return rs;
	}
	/* the rows of OTHER move to KEEP: the visit triggers keep guest_month, guest_last and the
	 * dashboard's stamps; their audit rows follow them (audit_store_list by guest) */
	for (int t = 0; t < MT_COUNT; t++) {
		if (!r->moved[t])
			continue;
		const struct move_sql *m = move_sql(t);
		char what[64];
		snprintf(what, sizeof what, "%lld from guest %lld", (long long)r->moved[t],
			 (long long)other);
		if ((rs = run3(st, m->record, id, other, keep, "merge")) != ST_OK ||
		    (rs = run3(st, m->move, id, other, keep, merge_table_names[t])) != ST_OK ||
		    (rs = store_audit(st, "guest", keep, "merge", merge_table_names[t], NULL,
				      what)) != ST_OK)
			return rs;
	}
	if ((rs = gifts_follow(st, id, r)) != ST_OK)
		return rs;
	/* OTHER's keys go: the lookup finds KEEP, which holds its phones now */
	if ((rs = search_store_forget(st, &r->other_sheet)) != ST_OK ||
	    (rs = run3(st, "DELETE FROM search_probe WHERE guest_id = ?1", other, 0, 0,
		       "search probe")) != ST_OK ||
	    (rs = store_exec(st, REPORT_CACHE_FORGET)) != ST_OK)
		return rs;
	char *desc = xasprintf("guest %lld (%s)", (long long)other,
			       r->other_sheet.f[GF_NAME] ? r->other_sheet.f[GF_NAME] : "");
	rs = store_audit(st, "guest", keep, "merge", "guest", NULL, desc);
	free(desc);
	int64_t audit_id;
	if (rs != ST_OK || (rs = last_audit(st, &audit_id)) != ST_OK)
		return rs;
	s = store_prep(st, "UPDATE guest_merge SET keep_version = ?2, audit_id = ?3, months = ?4 "
			   "WHERE id = ?1");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, r->plan.sheet.version);
	sqlite3_bind_int64(s, 3, audit_id);
	char *months = r->months.n ? xasprintf("%s %s", r->months.v[0],
					       r->months.v[r->months.n - 1])
				   : NULL;
	store_bind_text(s, 4, months);
	rs = store_step_done(st, s, "merge");
	free(months);
	return rs;
}

enum store_status merge_store_merge(struct store *st, int64_t keep, int64_t other,
				    const struct merge_prefer *prefer, struct merge_result *r)
{
	memset(r, 0, sizeof *r);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	return store_end_new(st, do_merge(st, prefer, keep, other, r), &r->merge_id);
}

/* ---- unmerge ---- */

struct merge_row {
	int64_t keep, other, keep_version, audit_id;
	char *months, *undone_at, *undone_by;
};

/* What stops merge id from being undone, as ST_CONFLICT with the reason; ST_OK when nothing. */
static enum store_status blocked(struct store *st, int64_t id, const struct merge_row *m)
{
	static const char *later =
		"SELECT id FROM guest_merge WHERE id > ?1 AND undone_at IS NULL AND "
		"(keep_id = ?2 OR other_id = ?2 OR keep_id = ?3 OR other_id = ?3) ORDER BY id LIMIT 1";
	static const char *changed =
		"SELECT a.entity, a.entity_id, a.at, s.login, a.action FROM audit a JOIN staff s ON "
		"s.id = a.staff_id WHERE a.id > ?2 AND ((a.entity = 'guest' AND a.entity_id = ?3) OR "
		"EXISTS (SELECT 1 FROM guest_merge_row r WHERE r.merge_id = ?1 AND r.what = 'move' "
		"AND r.tbl = a.entity AND r.row_id = a.entity_id)) AND NOT (a.op IS NOT NULL AND "
		"(a.op = 'merge' OR a.op = 'unmerge') AND a.op_id IN (SELECT id FROM guest_merge "
		"WHERE undone_at IS NOT NULL)) ORDER BY a.id LIMIT 1";
	sqlite3_stmt *s = store_prep(st, later);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, m->keep);
	sqlite3_bind_int64(s, 3, m->other);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "merge", &row);
	if (rs != ST_OK)
		return rs;
	if (row) {
		int64_t l = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return store_fail(st, ST_CONFLICT,
				  "merge %lld involves guest %lld or %lld since: unmerge it first",
				  (long long)l, (long long)m->keep, (long long)m->other);
	}
	if (!(s = store_prep(st, changed)))
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, m->audit_id);
	sqlite3_bind_int64(s, 3, m->keep);
	if ((rs = store_step_maybe(st, s, "audit", &row)) != ST_OK)
		return rs;
	if (row) {
		const char *entity = (const char *)sqlite3_column_text(s, 0);
		bool guest = strcmp(entity, "guest") == 0;
		rs = store_fail(st, ST_CONFLICT, "%s %lld was %s %s by %s (%s) since the merge",
				entity, (long long)sqlite3_column_int64(s, 1),
				guest ? "edited" : "changed", sqlite3_column_text(s, 2),
				sqlite3_column_text(s, 3), sqlite3_column_text(s, 4));
		sqlite3_reset(s);
		return rs;
	}
	return ST_OK;
}

/* KEEP's sheet g brought back to what it was before merge id (the items the merge added
 * removed, the values it changed put back). */
static enum store_status restore_sheet(struct store *st, int64_t id, struct guest *g)
{
	sqlite3_stmt *s = store_prep(st, "SELECT tbl, row_id, what, field, old FROM guest_merge_row "
					 "WHERE merge_id = ?1 AND what <> 'move' AND what <> 'close' "
					 "ORDER BY id DESC");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *tbl = (const char *)sqlite3_column_text(s, 0);
		int64_t row = sqlite3_column_int64(s, 1);
		const char *what = (const char *)sqlite3_column_text(s, 2);
		const char *field = (const char *)sqlite3_column_text(s, 3);
		const char *old = (const char *)sqlite3_column_text(s, 4);
		if (strcmp(what, "field") == 0) {
			const struct guest_field *f = guest_field_find(field ? field : "");
			if (f)
				guest_set(g, (enum guest_field_id)(f - guest_fields), old);
		} else if (strcmp(what, "change") == 0 && strcmp(tbl, "preference") == 0) {
			int sev = severity_from_name(old ? old : "");
			for (size_t i = 0; i < g->prefs.n; i++)
				if (g->prefs.v[i].id == row && sev >= 0)
					g->prefs.v[i].severity = (enum severity)sev;
		} else if (strcmp(what, "change") == 0 && strcmp(tbl, "special_date") == 0) {
			for (size_t i = 0; i < g->dates.n; i++)
				if (g->dates.v[i].id == row)
					g->dates.v[i].year = old ? atoi(old) : 0;
		} else if (strcmp(tbl, "tag") == 0) {
			for (size_t i = 0; i < g->tags.n; i++)
				if (old && strcmp(g->tags.v[i], old) == 0)
					guest_remove_tag(g, i--);
		} else if (strcmp(tbl, "phone") == 0) {
			for (size_t i = 0; i < g->phones.n; i++)
				if (g->phones.v[i].id == row)
					guest_remove_phone(g, i--);
		} else if (strcmp(tbl, "preference") == 0) {
			for (size_t i = 0; i < g->prefs.n; i++)
				if (g->prefs.v[i].id == row)
					guest_remove_pref(g, i--);
		} else if (strcmp(tbl, "special_date") == 0) {
			for (size_t i = 0; i < g->dates.n; i++)
				if (g->dates.v[i].id == row)
					guest_remove_date(g, i--);
		} else if (strcmp(tbl, "note") == 0) {
			for (size_t i = 0; i < g->notes.n; i++)
				if (g->notes.v[i].id == row) {
					/* notes have no remover: a note is a record, but this one
					 * was the merge's copy */
					free(g->notes.v[i].text);
					free(g->notes.v[i].author);
					free(g->notes.v[i].at);
					memmove(&g->notes.v[i], &g->notes.v[i + 1],
						(g->notes.n - i - 1) * sizeof g->notes.v[0]);
					g->notes.n--;
					i--;
				}
		} else if (strcmp(tbl, "person") == 0) {
			for (size_t i = 0; i < g->people.n; i++)
				if (g->people.v[i].id == row)
					guest_remove_person(g, i--);
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "merge");
}

static void merge_row_free(struct merge_row *m)
{
	free(m->months);
	free(m->undone_at);
	free(m->undone_by);
}

static enum store_status do_unmerge(struct store *st, int64_t id, struct unmerge_result *r)
{
	static const char *sql =
		"SELECT m.keep_id, m.other_id, m.keep_version, m.audit_id, m.months, m.undone_at, "
		"s.login FROM guest_merge m LEFT JOIN staff s ON s.id = m.undone_by WHERE m.id = ?1";
	int64_t me;
	enum store_status rs = store_staff_self(st, &me);
	sqlite3_stmt *s;
	if (rs != ST_OK || (rs = store_row(st, sql, "merge", id, &s)) != ST_OK)
		return rs;
	struct merge_row m = {
		.keep = sqlite3_column_int64(s, 0),
		.other = sqlite3_column_int64(s, 1),
		.keep_version = sqlite3_column_int64(s, 2),
		.audit_id = sqlite3_column_int64(s, 3),
		.months = store_col_text(s, 4),
		.undone_at = store_col_text(s, 5),
		.undone_by = store_col_text(s, 6),
	};
	sqlite3_reset(s);
	r->keep = m.keep;
	r->other = m.other;
	struct guest g, o;
	guest_init(&g);
	guest_init(&o);
	if (m.undone_at) {
		rs = store_fail(st, ST_INVALID, "merge %lld was undone already, %s by %s",
				(long long)id, m.undone_at, m.undone_by ? m.undone_by : "?");
		goto out;
	}
	if ((rs = blocked(st, id, &m)) != ST_OK)
		goto out;
	store_audit_op(st, "unmerge", id);
	/* OTHER a guest again, with its keys, before its visits come back (guest_last copies
	 * its probe) */
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)m.keep);
	if ((rs = guest_store_get(st, m.other, &o)) != ST_OK ||
	    (rs = run3(st, "UPDATE guest SET merged_into = NULL WHERE id = ?1",
		       m.other, 0, 0, "guest")) != ST_OK ||
	    (rs = store_audit(st, "guest", m.other, "unmerge", "merged_into", buf, NULL)) != ST_OK ||
	    (rs = search_store_index(st, &o, NULL)) != ST_OK)
		goto out;
	/* KEEP's history says the merge it shows was undone, as it says the merge */
	char *desc = xasprintf("guest %lld (%s)", (long long)m.other, o.f[GF_NAME] ? o.f[GF_NAME] : "");
	rs = store_audit(st, "guest", m.keep, "unmerge", "guest", desc, NULL);
	free(desc);
	if (rs != ST_OK)
		goto out;
	for (int t = 0; t < MT_COUNT; t++) {
		if ((rs = run3(st, move_sql(t)->back, id, m.other, 0, merge_table_names[t])) != ST_OK)
			goto out;
		r->moved += sqlite3_changes(st->db);
	}
	if ((rs = run3(st, "UPDATE alert SET closed_at = NULL, closed_by = NULL, outcome = NULL "
			   "WHERE id IN (SELECT row_id FROM guest_merge_row WHERE merge_id = ?1 "
			   "AND what = 'close' AND tbl = 'alert')",
		       id, 0, 0, "alert")) != ST_OK ||
	    (rs = run3(st, "UPDATE gift SET person_id = (SELECT CAST(r.old AS INTEGER) FROM "
			   "guest_merge_row r WHERE r.merge_id = ?1 AND r.tbl = 'gift' AND r.what = "
			   "'change' AND r.row_id = gift.id) WHERE id IN (SELECT row_id FROM "
			   "guest_merge_row WHERE merge_id = ?1 AND tbl = 'gift' AND what = 'change')",
		       id, 0, 0, "gift")) != ST_OK)
		goto out;
	if ((rs = guest_store_get(st, m.keep, &g)) != ST_OK)
		goto out;
	if (g.version != m.keep_version) {
		rs = store_fail(st, ST_CONFLICT, "guest %lld was changed since the merge (version "
						 "%lld, now %lld)",
				(long long)m.keep, (long long)m.keep_version, (long long)g.version);
		goto out;
	}
	/* KEEP's version and time as before the merge: a form read before it holds the very
	 * sheet restored, one read since is refused (ST_CONFLICT), and an import's undo finds
	 * the version its batch left */
	if ((rs = restore_sheet(st, id, &g)) != ST_OK ||
	    (rs = guest_store_save(st, &g, m.keep_version, true, NULL)) != ST_OK ||
	    (rs = run3(st, "UPDATE guest SET version = (SELECT CAST(old AS INTEGER) FROM "
			   "guest_merge_row WHERE merge_id = ?1 AND what = 'field' AND field = "
			   "'version'), updated_at = (SELECT old FROM guest_merge_row WHERE "
			   "merge_id = ?1 AND what = 'field' AND field = 'updated_at') WHERE id = ?2",
		       id, m.keep, 0, "guest")) != ST_OK)
		goto out;
	if ((rs = months_from(st, other_months, m.other, &r->months)) != ST_OK ||
	    (rs = store_exec(st, REPORT_CACHE_FORGET)) != ST_OK)
		goto out;
	s = store_prep(st, "UPDATE guest_merge SET undone_at = ?2, undone_by = ?3 WHERE id = ?1");
	if (!s) {
		rs = ST_IO;
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, store_now(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, me);
	rs = store_step_done(st, s, "merge");
out:
	guest_free(&g);
	guest_free(&o);
	merge_row_free(&m);
	return rs;
}

enum store_status merge_store_unmerge(struct store *st, int64_t id, struct unmerge_result *r)
{
	memset(r, 0, sizeof *r);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	rs = do_unmerge(st, id, r);
	return store_end(st, rs);
}

enum store_status merge_store_list(struct store *st, int64_t guest, struct merge_info **out,
				   size_t *n)
{
	static const char *sql =
		"SELECT m.id, m.keep_id, m.other_id, m.at, s.login, k.name, o.name, "
		"(SELECT count(*) FROM guest_merge_row r WHERE r.merge_id = m.id AND r.what = 'move'), "
		"m.undone_at, u.login FROM guest_merge m JOIN staff s ON s.id = m.staff_id "
		"JOIN guest k ON k.id = m.keep_id JOIN guest o ON o.id = m.other_id "
		"LEFT JOIN staff u ON u.id = m.undone_by "
		"WHERE ?1 = 0 OR m.keep_id = ?1 OR m.other_id = ?1 ORDER BY m.id DESC";
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, guest);
	struct merge_info *v = NULL;
	size_t cap = 0, k = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&v, k + 1, &cap, sizeof *v);
		struct merge_info *m = &v[k++];
		memset(m, 0, sizeof *m);
		m->id = sqlite3_column_int64(s, 0);
		m->keep = sqlite3_column_int64(s, 1);
		m->other = sqlite3_column_int64(s, 2);
		store_col_copy(s, 3, m->at, sizeof m->at);
		store_col_copy(s, 4, m->login, sizeof m->login);
		store_col_copy(s, 5, m->keep_name, sizeof m->keep_name);
		store_col_copy(s, 6, m->other_name, sizeof m->other_name);
		m->rows = sqlite3_column_int64(s, 7);
		store_col_copy(s, 8, m->undone_at, sizeof m->undone_at);
		store_col_copy(s, 9, m->undone_by, sizeof m->undone_by);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_sqlfail(st, rc, "merge");
	}
	*out = v;
	*n = k;
	return ST_OK;
}
