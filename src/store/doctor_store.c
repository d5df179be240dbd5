/* doctor_store.c — maitre doctor's checks and repair (doctor_store.h). */
#include "config.h"

#include "store/doctor_store.h"

#include <stdio.h>
#include <string.h>

#include "store/search_store.h"
#include "store/store_int.h"

/* Runs a one-column query whose rows are problems, a row of several lines one problem a line:
 * their number (at most max) into *n and the first into first. SQLite's answer ("ok" when
 * ok_row) is not a problem. The query failing is the return value (an SQLite result code), the
 * message in first. */
static int problems(sqlite3 *db, const char *sql, bool ok_row, int64_t max, int64_t *n,
		    char *first, size_t size)
{
	sqlite3_stmt *s;
	*n = 0;
	first[0] = '\0';
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	while (s && *n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		if (ok_row && t && strcmp(t, "ok") == 0)
			continue;
		for (t = store_check_line(t); *t && *n < max; t += *t == '\n') {
			size_t len = strcspn(t, "\n");
			if (!*n)
				snprintf(first, size, "%.*s", (int)len, t);
			++*n;
			t += len;
		}
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	else
		snprintf(first, size, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(s);
	return rc;
}

static const char integrity_sql[] = "PRAGMA integrity_check(100)";
/* "visit 12 → guest": the row and the table its reference should lead to */
static const char foreign_sql[] =
	"SELECT \"table\" || ' ' || ifnull(rowid, '?') || ' → ' || parent FROM pragma_foreign_key_check";

enum store_status store_quick_check_db(struct store *st, sqlite3 *db, const char *what)
{
	char first[256], first_fk[256];
	int64_t n, nfk;
	/* a check that cannot run is one problem: what SQLite said */
	if (problems(db, integrity_sql, true, 100, &n, first, sizeof first) != SQLITE_OK)
		n = 1;
	if (problems(db, foreign_sql, false, 100, &nfk, first_fk, sizeof first_fk) != SQLITE_OK)
		nfk = 1;
	if (!n && !nfk)
		return ST_OK;
	if (!st->damage[0]) {
		if (n)
			snprintf(st->damage, sizeof st->damage,
				 "%.100s: integrity_check: %lld problem%s, the first: %.200s", what,
				 (long long)n, n == 1 ? "" : "s", first);
		else
			snprintf(st->damage, sizeof st->damage,
				 "%.100s: foreign_key_check: %lld row%s leading nowhere, the first: %.200s",
				 what, (long long)nfk, nfk == 1 ? "" : "s", first_fk);
	}
	return store_fail(st, ST_CORRUPT, STORE_DAMAGED " (%s)", st->damage);
}

enum store_status store_doctor_quick(struct store *st, struct error *e)
{
	enum store_status rs = store_quick_check_db(st, st->db, "the database");
	if (rs != ST_OK && e)
		*e = st->err;
	return rs;
}

/* Compares a derived table with what its sources give: expected EXCEPT stored (missing or
 * different) into r->n, stored EXCEPT expected (extra or different) into r->m. */
static enum store_status compare(struct store *st, const char *context, const char *missing,
				 const char *extra, struct doctor_result *r)
{
	enum store_status rs = store_count(st, missing, context, &r->n);
	if (rs == ST_OK)
		rs = store_count(st, extra, context, &r->m);
	return rs;
}

#define GUEST_MONTH_STORED "SELECT month, guest_id, visits, covers, spend_fen FROM guest_month"
#define GUEST_LAST_STORED "SELECT guest_id, date, probe FROM guest_last"

/* A month's tier rows are complete when its visible generation holds as many rows as the
 * recompute that showed it wrote (tier_month_gen.row_count; rows of other generations are a
 * recompute's work in progress or what a killed one left, not a fault), and every guest who
 * had a live visit in the month, entered before the month was computed (by its earliest
 * computed_at; the same second counts), has a row: a recompute writes a row for every guest
 * with visits in the window, the month included. (The rules decide who else gets a row — last
 * month's tier, an override — so this is what must hold whatever the rules.) r->n: the months
 * short of rows, r->m: the rows missing, first: the first such month. The one function that
 * knows how a month's tier rows are stored. */
static enum store_status tier_months_check(struct store *st, struct doctor_result *r)
{
	static const char *sql =
		"WITH m AS (SELECT month, min(computed_at) AS at FROM tier_month GROUP BY month), "
		"short(month, n) AS (SELECT m.month, count(DISTINCT v.guest_id) FROM m JOIN visit v "
		"ON v.date >= m.month || '-01' AND v.date < m.month || '-32' "
		"AND v.voided_at IS NULL AND v.created_at <= m.at "
		"WHERE NOT EXISTS (SELECT 1 FROM tier_month t WHERE t.month = m.month "
		"AND t.guest_id = v.guest_id) GROUP BY m.month "
		"UNION ALL SELECT g.month, abs(g.row_count - (SELECT count(*) FROM tier_month_row t "
		"WHERE t.month = g.month AND " TIER_ROW_SHOWN("t.", "g.gen") ")) FROM tier_month_gen g "
		"WHERE g.gen IS NOT NULL) "
		"SELECT month, max(n) FROM short WHERE n > 0 GROUP BY month ORDER BY month";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!r->n)
			snprintf(r->first, sizeof r->first, "%s", sqlite3_column_text(s, 0));
		r->n++;
		r->m += sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "tier months");
}

/* Not checked, for why: the store's message without "the database is damaged: run `maitre
 * doctor` (...)" around it (the doctor is running). */
static void unchecked(struct doctor_result *r, const char *why)
{
	static const char damaged[] = STORE_DAMAGED " (";
	size_t n = strlen(why);
	r->state = DOC_UNCHECKED;
	if (strncmp(why, damaged, sizeof damaged - 1) == 0 && n > sizeof damaged)
		snprintf(r->first, sizeof r->first, "%.*s", (int)(n - sizeof damaged), why + sizeof damaged - 1);
	else
		snprintf(r->first, sizeof r->first, "%s", why);
}

/* The derived tables against their sources, on the current snapshot. */
static void check_derived(struct store *st, struct doctor_report *out)
{
	struct doctor_result *r;
	enum store_status rs;

	r = &out->r[DOC_GUEST_MONTH];
	rs = compare(st, "guest_month",
		     "SELECT count(*) FROM (" GUEST_MONTH_SELECT " EXCEPT " GUEST_MONTH_STORED ")",
		     "SELECT count(*) FROM (" GUEST_MONTH_STORED " EXCEPT " GUEST_MONTH_SELECT ")", r);
	if (rs != ST_OK)
		unchecked(r, store_errmsg(st));
	else if (r->n || r->m)
		r->state = DOC_WRONG;

	r = &out->r[DOC_SEARCH];
	struct search_check sc;
	rs = search_store_check(st, &sc);
	if (rs != ST_OK) {
		unchecked(r, store_errmsg(st));
	} else {
		r->n = sc.keys_missing;
		r->m = sc.keys_extra;
		r->k = sc.texts_wrong + sc.probes_wrong;
		out->checked += sc.guests;
		if (r->n || r->m || r->k)
			r->state = DOC_WRONG;
	}

	r = &out->r[DOC_GUEST_LAST];
	rs = compare(st, "guest_last",
		     "SELECT count(*) FROM (" GUEST_LAST_SELECT " EXCEPT " GUEST_LAST_STORED ")",
		     "SELECT count(*) FROM (" GUEST_LAST_STORED " EXCEPT " GUEST_LAST_SELECT ")", r);
	if (rs != ST_OK)
		unchecked(r, store_errmsg(st));
	else if (r->n || r->m)
		r->state = DOC_WRONG;

	r = &out->r[DOC_TIER_MONTHS];
	if ((rs = tier_months_check(st, r)) != ST_OK)
		unchecked(r, store_errmsg(st));
	else if (r->n)
		r->state = DOC_WRONG;
}

enum store_status store_doctor(struct store *st, struct doctor_report *out)
{
	memset(out, 0, sizeof *out);
	out->schema = store_schema_version(st);
	out->latest = store_schema_latest();
	out->r[DOC_SCHEMA].n = out->schema;
	for (int i = DOC_GUEST_MONTH; i < DOC_COUNT; i++)
		out->r[i].derived = i != DOC_TIER_MONTHS;

	static const char *const sql[2] = {integrity_sql, foreign_sql};
	for (int i = 0; i < 2; i++) {
		struct doctor_result *r = &out->r[DOC_INTEGRITY + i];
		int rc = problems(st->db, sql[i], i == 0, 100, &r->n, r->first, sizeof r->first);
		/* a check that SQLite cannot run for the damage it meets has found it */
		if ((rc & 0xFF) == SQLITE_CORRUPT || (rc & 0xFF) == SQLITE_NOTADB)
			r->n = r->unreadable = 1;
		else if (rc != SQLITE_OK)
			r->state = DOC_UNCHECKED;
		if (rc == SQLITE_OK || r->n)
			r->state = r->n ? DOC_WRONG : DOC_OK;
	}

	if (out->schema != out->latest) {
		const char *why = out->schema > out->latest
					  ? "the schema is newer than this maitre knows"
					  : "the schema is older: maitre upgrades it when it next writes";
		if (out->schema > out->latest)
			out->r[DOC_SCHEMA].state = DOC_WRONG;
		for (int i = DOC_GUEST_MONTH; i < DOC_COUNT; i++)
			unchecked(&out->r[i], why);
		return ST_OK;
	}
	/* the derived tables and their sources as of one moment, while others write */
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK) {
		for (int i = DOC_GUEST_MONTH; i < DOC_COUNT; i++)
			unchecked(&out->r[i], store_errmsg(st));
		return ST_OK;
	}
	check_derived(st, out);
	store_snapshot_end(st);
	return ST_OK;
}

bool doctor_whole(const struct doctor_report *r)
{
	for (int i = 0; i < DOC_COUNT; i++) {
		if (r->r[i].state == DOC_WRONG)
			return false;
		/* an older schema's derived tables are checked once it is upgraded */
		if (r->r[i].state == DOC_UNCHECKED && r->schema == r->latest)
			return false;
	}
	return true;
}

enum store_status store_doctor_repair(struct store *st)
{
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	/* the search index first: guest_last copies each guest's probe; the dashboard's stored
	 * months before guest_month, so that its triggers keep none of them row by row */
	if ((rs = search_store_rebuild(st)) == ST_OK)
		rs = store_exec(st, REPORT_CACHE_FORGET "DELETE FROM guest_month;" GUEST_MONTH_FILL
				    "DELETE FROM guest_last;" GUEST_LAST_FILL "REINDEX;");
	if (rs == ST_OK)
		rs = store_audit(st, "database", 0, "repair", NULL, NULL,
				 "rebuilt guest_month, guest_last, the search index and every index");
	return store_end(st, rs);
}
