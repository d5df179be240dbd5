/* doctor_store.c — is the database whole? (doctor_store.h) */
#include "config.h"

#include "store/doctor_store.h"

#include <stdio.h>
#include <string.h>

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
