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

enum store_status sheet_store_month(struct store *st, struct date m, const char *tier,
				    const char *manager, struct sheet_row **out, size_t *n)
{
	/* the month's visits through the covering index visit_live (no visit row is read) */
	static const char *visits_sql =
		"SELECT guest_id, CAST(substr(date, 9, 2) AS INTEGER), covers, spend_fen FROM visit "
		"WHERE voided_at IS NULL AND date BETWEEN ?1 AND ?2";
	static const char *guest_sql =
		"SELECT g.name, s.login, tm.tier, tm.grp FROM guest g "
		"LEFT JOIN staff s ON s.id = g.sales_manager "
		"LEFT JOIN tier_month tm ON tm.month = ?2 AND tm.guest_id = g.id WHERE g.id = ?1";
	char first[11], last[11], mk[8];
	date_month_first(m, first);
	date_month_last(m, last);
	date_month_key(m, mk);
	*out = NULL;
	*n = 0;
	struct cell *cells = NULL;
	size_t nc = 0, cap = 0;
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
		if (nc == cap) {
			cap = cap ? cap * 2 : 4096;
			struct cell *nv = realloc(cells, cap * sizeof *nv);
			if (!nv) {
				sqlite3_reset(s);
				rs = store_fail(st, ST_IO, "out of memory");
				goto out;
			}
			cells = nv;
		}
		cells[nc].guest = sqlite3_column_int64(s, 0);
		cells[nc].day = sqlite3_column_int(s, 1);
		cells[nc].covers = sqlite3_column_int(s, 2);
		cells[nc].spend = sqlite3_column_int64(s, 3);
		nc++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		rs = store_sqlfail(st, rc, "sheet");
		goto out;
	}
	if (nc)
		qsort(cells, nc, sizeof *cells, cmp_cell);
	size_t rows = 0;
	for (size_t i = 0; i < nc; i++)
		rows += i == 0 || cells[i].guest != cells[i - 1].guest;
	*out = calloc(rows ? rows : 1, sizeof **out);
	if (!*out) {
		rs = store_fail(st, ST_IO, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nc; i++) {
		if (i == 0 || cells[i].guest != cells[i - 1].guest) {
			if (*n) {
				/* filter the row just completed */
				struct sheet_row *p = &(*out)[*n - 1];
				if ((tier && strcmp(p->tier, tier) != 0) ||
				    (manager && strcmp(p->sales_manager, manager) != 0))
					(*n)--;
			}
			struct sheet_row *r = &(*out)[(*n)++];
			memset(r, 0, sizeof *r);
			r->guest_id = cells[i].guest;
			s = store_prep(st, guest_sql);
			if (!s) {
				rs = ST_IO;
				goto out;
			}
			sqlite3_bind_int64(s, 1, r->guest_id);
			sqlite3_bind_text(s, 2, mk, -1, SQLITE_STATIC);
			if (sqlite3_step(s) == SQLITE_ROW) {
				const unsigned char *t;
				snprintf(r->name, sizeof r->name, "%s",
					 (t = sqlite3_column_text(s, 0)) ? (const char *)t : "");
				snprintf(r->sales_manager, sizeof r->sales_manager, "%s",
					 (t = sqlite3_column_text(s, 1)) ? (const char *)t : "");
				snprintf(r->tier, sizeof r->tier, "%s",
					 (t = sqlite3_column_text(s, 2)) ? (const char *)t : "");
				snprintf(r->grp, sizeof r->grp, "%s",
					 (t = sqlite3_column_text(s, 3)) ? (const char *)t : "");
			}
			sqlite3_reset(s);
		}
		struct sheet_row *r = &(*out)[*n - 1];
		int d = cells[i].day;
		if (d >= 1 && d <= 31) {
			r->covers[d - 1] += cells[i].covers;
			r->spend[d - 1] += cells[i].spend;
		}
		r->visits++;
		r->covers_total += cells[i].covers;
		r->spend_total += cells[i].spend;
	}
	if (*n) {
		struct sheet_row *p = &(*out)[*n - 1];
		if ((tier && strcmp(p->tier, tier) != 0) ||
		    (manager && strcmp(p->sales_manager, manager) != 0))
			(*n)--;
	}
out:
	store_exec(st, "RELEASE sheet");
	free(cells);
	return rs;
}
