#include "store/report_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* The month's key, the month before's, and the month's first and last days. */
static void bounds(struct date m, char mk[8], char pk[8], char first[11], char last[11])
{
	date_month_key(m, mk);
	date_month_key(date_prev_month(m), pk);
	date_month_first(m, first);
	date_month_last(m, last);
}

static struct report_tier *find_tier(struct report_tier **v, size_t *n, size_t *cap,
				     const unsigned char *tier, const unsigned char *grp)
{
	const char *t = tier ? (const char *)tier : "", *g = grp ? (const char *)grp : "";
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].tier, t) == 0 && strcmp((*v)[i].grp, g) == 0)
			return &(*v)[i];
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		struct report_tier *nv = realloc(*v, *cap * sizeof *nv);
		if (!nv)
			return NULL;
		*v = nv;
	}
	struct report_tier *r = &(*v)[(*n)++];
	memset(r, 0, sizeof *r);
	snprintf(r->tier, sizeof r->tier, "%s", t);
	snprintf(r->grp, sizeof r->grp, "%s", g);
	return r;
}

enum store_status report_store_tiers(struct store *st, struct date m, struct report_tier **out,
				     size_t *n)
{
	static const char *counts = "SELECT tier, grp, count(*) FROM tier_month WHERE month = ?1 "
				    "AND tier IS NOT NULL GROUP BY tier, grp";
	/* the month's visits per guest, joined to the tier in force (untiered when no row) */
	static const char *money =
		"SELECT tm.tier, tm.grp, sum(v.n), sum(v.c), sum(v.s), count(*) FROM "
		"(SELECT guest_id, count(*) AS n, sum(covers) AS c, sum(spend_fen) AS s FROM visit "
		" WHERE voided_at IS NULL AND date BETWEEN ?2 AND ?3 GROUP BY guest_id) v "
		"LEFT JOIN tier_month tm ON tm.month = ?1 AND tm.guest_id = v.guest_id "
		"GROUP BY tm.tier, tm.grp";
	char mk[8], pk[8], first[11], last[11];
	bounds(m, mk, pk, first, last);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	enum store_status rs = store_exec(st, "SAVEPOINT report");
	if (rs != ST_OK)
		return rs;
	for (int pass = 0; pass < 3 && rs == ST_OK; pass++) {
		sqlite3_stmt *s = store_prep(st, pass == 2 ? money : counts);
		if (!s) {
			rs = ST_IO;
			break;
		}
		sqlite3_bind_text(s, 1, pass == 1 ? pk : mk, -1, SQLITE_STATIC);
		if (pass == 2) {
			sqlite3_bind_text(s, 2, first, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 3, last, -1, SQLITE_STATIC);
		}
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct report_tier *r = find_tier(out, n, &cap, sqlite3_column_text(s, 0),
							  sqlite3_column_text(s, 1));
			if (!r) {
				rs = store_fail(st, ST_IO, "out of memory");
				break;
			}
			if (pass == 0) {
				r->guests = sqlite3_column_int64(s, 2);
			} else if (pass == 1) {
				r->guests_before = sqlite3_column_int64(s, 2);
			} else {
				r->visits += sqlite3_column_int64(s, 2);
				r->covers += sqlite3_column_int64(s, 3);
				r->spend += sqlite3_column_int64(s, 4);
				r->came += sqlite3_column_int64(s, 5);
			}
		}
		sqlite3_reset(s);
		if (rs == ST_OK && rc != SQLITE_DONE)
			rs = store_sqlfail(st, rc, "report");
	}
	store_exec(st, "RELEASE report");
	return rs;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

enum store_status report_store_complaints(struct store *st, struct date m,
					  struct report_complaints **out, size_t *n)
{
	static const char *sql =
		"SELECT category, status, (julianday(resolved_at) - julianday(at)) * 24 FROM complaint "
		"WHERE at >= ?1 AND at < date(?1, '+1 month') ORDER BY category";
	char mk[8], pk[8], first[11], last[11];
	bounds(m, mk, pk, first, last);
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, first, -1, SQLITE_STATIC);
	size_t cap = 0, nh = 0, hcap = 0;
	double *hours = NULL;
	enum store_status rs = ST_OK;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *cat = (const char *)sqlite3_column_text(s, 0);
		if (!*n || strcmp((*out)[*n - 1].category, cat) != 0) {
			if (*n) {
				struct report_complaints *p = &(*out)[*n - 1];
				if (nh)
					qsort(hours, nh, sizeof *hours, cmp_double);
				p->median_hours = nh ? (nh % 2 ? hours[nh / 2] : (hours[nh / 2 - 1] + hours[nh / 2]) / 2) : -1;
			}
			nh = 0;
			if (!vec_reserve((void **)out, *n + 1, &cap, sizeof **out)) {
				rs = store_fail(st, ST_IO, "out of memory");
				break;
			}
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
			if (!vec_reserve((void **)&hours, nh + 1, &hcap, sizeof *hours)) {
				rs = store_fail(st, ST_IO, "out of memory");
				break;
			}
			hours[nh++] = sqlite3_column_double(s, 2);
		}
	}
	sqlite3_reset(s);
	if (rs == ST_OK && *n) {
		struct report_complaints *p = &(*out)[*n - 1];
		if (nh)
			qsort(hours, nh, sizeof *hours, cmp_double);
		p->median_hours = nh ? (nh % 2 ? hours[nh / 2] : (hours[nh / 2 - 1] + hours[nh / 2]) / 2) : -1;
	}
	free(hours);
	if (rs == ST_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		rs = store_sqlfail(st, rc, "complaints");
	return rs;
}

static int cmp_spend_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x < y) - (x > y);
}

enum store_status report_store_pareto(struct store *st, struct date m, struct report_pareto *out)
{
	static const char *sql = "SELECT sum(spend_fen) FROM visit WHERE voided_at IS NULL AND "
				 "date BETWEEN ?1 AND ?2 GROUP BY guest_id";
	char mk[8], pk[8], first[11], last[11];
	bounds(m, mk, pk, first, last);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, last, -1, SQLITE_STATIC);
	int64_t *v = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!vec_reserve((void **)&v, n + 1, &cap, sizeof *v)) {
			sqlite3_reset(s);
			free(v);
			return store_fail(st, ST_IO, "out of memory");
		}
		v[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_sqlfail(st, rc, "pareto");
	}
	if (n)
		qsort(v, n, sizeof *v, cmp_spend_desc);
	out->guests = (long)n;
	size_t k2 = n ? (n * 2 + 99) / 100 : 0, k20 = n ? (n * 20 + 99) / 100 : 0;
	for (size_t i = 0; i < n; i++) {
		out->revenue += v[i];
		if (i < k2)
			out->top2_revenue += v[i];
		if (i < k20)
			out->top20_revenue += v[i];
	}
	out->top2_guests = (long)k2;
	out->top20_guests = (long)k20;
	free(v);
	return ST_OK;
}
