/* bench_lookup — time to the first page of lookup results, per query class, on a demo database.
 *
 * usage: bench_lookup DB [QUERIES_PER_CLASS] [SEED]
 * Queries are drawn reproducibly (from SEED) out of the database's own guests: the first
 * character of a name, the pinyin initials of a name, a 3-letter substring of a Latin name, the
 * last 4 digits of a phone, a whole name. Each query runs search_store_find for the first page
 * (20) and fetches the summaries a result line shows. Prints p50/p95/p99 against the target.
 *
 * usage: bench_lookup --fill-last DB [SEED]
 * Gives half the guests of DB (drawn from SEED) a last visit, a day of the three years before
 * 2026-12-01, by writing guest_last directly as the visit triggers would (with the guest's
 * probe): the demo database of bench/run has no visits, and the ranking by last visit costs
 * only when there are some. Does nothing when guest_last has rows already. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strv.h"
#include "core/text.h"
#include "store/search_store.h"
#include "store/store.h"

#include "bench.h"

#define TARGET_P99_MS 5.0
/* with visits the lookup is held to the key target of the interface (bench/tui) */
#define TARGET_VISITS_P99_MS 10.0

static uint64_t rng;
static uint64_t next(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A random row's text from sql (which takes ?1 = a random id in [1, max]). */
static char *pick(sqlite3 *db, const char *sql, long max)
{
	sqlite3_stmt *s;
	char *r = NULL;
	for (int tries = 0; tries < 50 && !r; tries++) {
		if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
			return NULL;
		sqlite3_bind_int64(s, 1, (sqlite3_int64)(next() % (uint64_t)max) + 1);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
			r = strdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	return r;
}

/* bench_lookup --fill-last DB [SEED] (see the top of this file). */
static int fill_last(const char *path, uint64_t seed)
{
	sqlite3 *db;
	sqlite3_stmt *count = NULL, *ids = NULL, *ins = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM guest_last", -1, &count, NULL);
	if (rc == SQLITE_OK && sqlite3_step(count) == SQLITE_ROW && sqlite3_column_int64(count, 0)) {
		printf("guest_last: %lld guests with a last visit already\n",
		       (long long)sqlite3_column_int64(count, 0));
		sqlite3_finalize(count);
		sqlite3_close(db);
		return 0;
	}
	sqlite3_finalize(count);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT id FROM guest ORDER BY id", -1, &ids, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db,
					"INSERT INTO guest_last(guest_id, date, probe) SELECT ?1, "
					"date('2026-12-01', '-' || ?2 || ' days'), (SELECT probe FROM "
					"search_probe WHERE guest_id = ?1)",
					-1, &ins, NULL);
	rng = seed;
	long n = 0;
	while (rc == SQLITE_OK && sqlite3_step(ids) == SQLITE_ROW) {
		uint64_t r = next();
		if (r & 1)
			continue;
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(ids, 0));
		sqlite3_bind_int64(ins, 2, (sqlite3_int64)((r >> 1) % 1096) + 1);
		rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_reset(ins);
		n++;
	}
	sqlite3_finalize(ids);
	sqlite3_finalize(ins);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "bench_lookup: %s: %s\n", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return 1;
	}
	printf("guest_last: %ld guests given a last visit (seed %llu)\n", n,
	       (unsigned long long)seed);
	sqlite3_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "--fill-last") == 0)
		return fill_last(argv[2], argc > 3 ? strtoull(argv[3], NULL, 10) : 42);
	if (argc < 2) {
		fprintf(stderr, "usage: bench_lookup DB [QUERIES_PER_CLASS] [SEED]\n"
				"       bench_lookup --fill-last DB [SEED]\n");
		return 2;
	}
	int nq = argc > 2 ? atoi(argv[2]) : 2000;
	rng = argc > 3 ? strtoull(argv[3], NULL, 10) : 42;
	struct error err;
	struct store *st;
	if (store_open(argv[1], STORE_READONLY, &st, &err) != ST_OK) {
		fprintf(stderr, "bench_lookup: %s\n", err.msg);
		return 1;
	}
	sqlite3 *db;
	sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL);
	struct store_counts counts;
	store_counts(st, &counts);
	long max = (long)counts.guests;
	double target = TARGET_P99_MS;
	sqlite3_stmt *lc;
	long came = 0;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM guest_last", -1, &lc, NULL) == SQLITE_OK &&
	    sqlite3_step(lc) == SQLITE_ROW)
		came = (long)sqlite3_column_int64(lc, 0);
	sqlite3_finalize(lc);
	if (came)
		target = TARGET_VISITS_P99_MS;
	if (max < 1) {
		fprintf(stderr, "bench_lookup: no guests\n");
		return 1;
	}
	static const char *const classes[] = {"1 Chinese character", "pinyin initials",
					      "3-letter Latin substring", "4 phone digits",
					      "full name"};
	printf("lookup: %ld guests (%ld with a last visit), %d queries per class, first page (%d) "
	       "with summaries\n",
	       max, came, nq, SEARCH_PAGE);
	printf("%-26s %8s %8s %8s %8s %9s  %s\n", "class", "p50 ms", "p95 ms", "p99 ms", "max ms",
	       "results", "target p99");
	int worst_ok = 1;
	for (int c = 0; c < 5; c++) {
		struct strv qs = {0};
		while ((int)qs.n < nq) {
			char *q = NULL;
			if (c == 0 || c == 1 || c == 4) {
				char *name = pick(db, "SELECT name FROM guest WHERE id >= ?1 AND name "
						      "NOT GLOB '*[A-Za-z]*' LIMIT 1", max);
				if (!name)
					break;
				if (c == 0) {
					uint32_t cp;
					size_t k = text_decode(name, strlen(name), &cp);
					q = strndup(name, k);
				} else if (c == 1) {
					struct strv full = {0}, ini = {0};
					text_pinyin_keys(name, 1, &full, &ini);
					q = ini.n ? strdup(ini.v[0]) : NULL;
					strv_free(&full);
					strv_free(&ini);
				} else {
					q = strdup(name);
				}
				free(name);
			} else if (c == 2) {
				char *name = pick(db, "SELECT name FROM guest WHERE id >= ?1 AND name "
						      "GLOB '*[A-Za-z][A-Za-z][A-Za-z]*' LIMIT 1", max);
				if (!name)
					break;
				char *f = text_fold(name);
				size_t n = strlen(f);
				for (int t = 0; t < 20 && !q; t++) {
					size_t off = n > 3 ? next() % (n - 2) : 0;
					if (off + 3 <= n && !memchr(f + off, ' ', 3))
						q = strndup(f + off, 3);
				}
				free(f);
				free(name);
			} else {
				char *d = pick(db, "SELECT digits FROM phone WHERE guest_id >= ?1 LIMIT 1", max);
				if (!d)
					break;
				size_t n = strlen(d);
				q = strdup(d + (n > 4 ? n - 4 : 0));
				free(d);
			}
			if (q)
				strv_take(&qs, q);
		}
		double *ms = calloc(qs.n ? qs.n : 1, sizeof *ms);
		long results = 0;
		for (size_t i = 0; i < qs.n; i++) {
			struct search_hit hits[SEARCH_PAGE];
			struct guest_summary sum[SEARCH_PAGE];
			int64_t ids[SEARCH_PAGE];
			size_t n = 0;
			double t0 = now_ms();
			search_store_find(st, qs.v[i], 0, SEARCH_PAGE, hits, &n);
			for (size_t k = 0; k < n; k++)
				ids[k] = hits[k].guest_id;
			search_store_summaries(st, ids, n, "9999-12", sum);
			ms[i] = now_ms() - t0;
			results += (long)n;
			for (size_t k = 0; k < n; k++)
				guest_summary_free(&sum[k]);
		}
		qsort(ms, qs.n, sizeof *ms, cmp_double);
		size_t n = qs.n;
		if (n) {
			double p99 = ms[(size_t)((double)n * 0.99)];
			printf("%-26s %8.3f %8.3f %8.3f %8.3f %9.1f  %.0f ms %s\n", classes[c], ms[n / 2],
			       ms[(size_t)((double)n * 0.95)], p99, ms[n - 1], (double)results / (double)n,
			       target, p99 <= target ? "ok" : "MISSED");
			worst_ok &= p99 <= target;
		} else {
			printf("%-26s (no queries could be drawn from this database)\n", classes[c]);
		}
		free(ms);
		strv_free(&qs);
	}
	sqlite3_close(db);
	store_close(st);
	return worst_ok ? 0 : 1;
}
