/* bench_lookup — time to the first page of lookup results, per query class, on a demo database.
 *
 * usage: bench_lookup DB [QUERIES_PER_CLASS] [SEED]
 * Queries are drawn reproducibly (from SEED) out of the database's own guests: the first
 * character of a name, the pinyin initials of a name, a 3-letter substring of a Latin name, the
 * last 4 digits of a phone, a whole name. Each query runs search_store_find for the first page
 * (20) and fetches the summaries a result line shows. Prints p50/p95/p99 against the target. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strv.h"
#include "core/text.h"
#include "store/search_store.h"
#include "store/store.h"

#define TARGET_P99_MS 5.0

static uint64_t rng;
static uint64_t next(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
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

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_lookup DB [QUERIES_PER_CLASS] [SEED]\n");
		return 2;
	}
	int nq = argc > 2 ? atoi(argv[2]) : 2000;
	rng = argc > 3 ? strtoull(argv[3], NULL, 10) : 42;
	char err[512];
	struct store *st;
	if (store_open(argv[1], STORE_READONLY, &st, err, sizeof err) != ST_OK) {
		fprintf(stderr, "bench_lookup: %s\n", err);
		return 1;
	}
	sqlite3 *db;
	sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL);
	struct store_counts counts;
	store_counts(st, &counts);
	long max = (long)counts.guests;
	if (max < 1) {
		fprintf(stderr, "bench_lookup: no guests\n");
		return 1;
	}
	static const char *const classes[] = {"1 Chinese character", "pinyin initials",
					      "3-letter Latin substring", "4 phone digits",
					      "full name"};
	printf("lookup: %ld guests, %d queries per class, first page (%d) with summaries\n", max, nq,
	       SEARCH_PAGE);
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
			       TARGET_P99_MS, p99 <= TARGET_P99_MS ? "ok" : "MISSED");
			worst_ok &= p99 <= TARGET_P99_MS;
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
