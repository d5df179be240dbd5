/* bench_office — the agenda of every guest and the attendance sheet's CSV, each timed against a
 * plain SQL baseline run alternately in the same process (the machine is shared: the ratio is
 * the figure that holds, the times are printed beside it).
 *
 * usage: bench_office DB [MONTH] [RUNS]
 * DB is a copy of bench/run-tiers' database (1M guests, 10M visits; it is migrated when
 * older); MONTH the sheet's month (default: the last complete month of MAITRE_TODAY or today).
 * RUNS rounds (default 3), each: the baseline, then the path measured; medians printed.
 *   agenda   agenda_store_list of every guest (what F8 reads before its first screen), and its
 *            first screen made whole (20 rows with their names); baseline: the month's tiered
 *            guests and their names by a plain join (what any agenda of them reads at least)
 *   sheet    sheet_export_write of MONTH as CSV to /dev/null; baseline: the month's live
 *            visits (guest, date, covers, spend) stepped through by a plain SELECT
 * Targets (issue 17): F8 <= 100 ms, the sheet <= 0.7 s (the whole `maitre sheet` process). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/tiers.h"
#include "core/date.h"
#include "core/strv.h"
#include "core/tier.h"
#include "core/tier_calc.h"
#include "export/sheet_export.h"
#include "store/agenda_store.h"
#include "store/store.h"

#include "bench.h"

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Steps sql (its ?1 and ?2 bound to a and b when not NULL) to its end on db; the rows. */
static long plain(sqlite3 *db, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_office: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(2);
	}
	if (a)
		sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	long n = 0, sum = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		n++;
		sum += sqlite3_column_bytes(s, 1); /* read the columns, as a listing would */
	}
	sqlite3_finalize(s);
	return n + (sum < 0);
}

static void report(const char *what, double *base, double *fast, int runs, const char *target)
{
	double b = median(base, runs), f = median(fast, runs);
	printf("  %-28s %8.1f ms   baseline %8.1f ms   ratio %5.2f   (%s)\n", what, f, b,
	       b > 0 ? f / b : 0, target);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_office DB [MONTH] [RUNS]\n");
		return 2;
	}
	const char *path = argv[1];
	struct date today = date_today(), month;
	if (argc > 2) {
		if (!date_parse_month(argv[2], &month)) {
			fprintf(stderr, "bench_office: %s: not a month (YYYY-MM)\n", argv[2]);
			return 2;
		}
	} else {
		month = date_prev_month(date_month_start(today));
	}
	int runs = argc > 3 ? atoi(argv[3]) : 3;
	if (runs < 1 || runs > 99)
		runs = 3;
	struct store *st;
	struct error e = {0};
	if (store_open(path, 0, &st, &e) != ST_OK) {
		fprintf(stderr, "bench_office: %s\n", e.msg);
		return 2;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_office: %s: %s\n", path, sqlite3_errmsg(db));
		return 2;
	}
	struct tier_rules rules;
	struct strv diags = {0};
	memset(&rules, 0, sizeof rules);
	if (tiers_load_in_force(NULL, &rules, &diags, &diags) < 0) {
		fprintf(stderr, "bench_office: the tier rules: %s\n", diags.n ? diags.v[0] : "");
		return 2;
	}
	char mk[8], held[8], first[11], last[11];
	date_month_key(month, mk);
	date_month_key(tier_held_month(today), held);
	date_month_first(month, first);
	date_month_last(month, last);

	double base[99], fast[99], shown[99];
	size_t items = 0;
	long tiered = 0;
	printf("== the agenda of every guest, today %04d-%02d-%02d (tiers of %s)\n", today.y,
	       today.m, today.d, held);
	for (int r = 0; r < runs; r++) {
		double t0 = now_ms();
		tiered = plain(db,
		               "SELECT t.guest_id, g.name FROM tier_month t JOIN guest g "
		               "ON g.id = t.guest_id WHERE t.month = ?1 AND t.tier IS NOT NULL",
		               held, NULL);
		double t1 = now_ms();
		struct agenda_list l;
		if (agenda_store_list(st, &rules, today, 7, NULL, &l) != ST_OK) {
			fprintf(stderr, "bench_office: agenda: %s\n", store_errmsg(st));
			return 2;
		}
		double t2 = now_ms();
		struct agenda_row rows[20];
		size_t n = l.n < 20 ? l.n : 20;
		for (size_t i = 0; i < n; i++)
			agenda_list_row(&l, &rules, i, &rows[i]);
		agenda_store_names(st, rows, n);
		double t3 = now_ms();
		items = l.n;
		for (size_t i = 0; i < n; i++) {
			free(rows[i].guest), free(rows[i].manager);
			free(rows[i].person), free(rows[i].label);
		}
		agenda_list_free(&l);
		base[r] = t1 - t0;
		fast[r] = t3 - t1;
		shown[r] = t3 - t2;
	}
	printf("  %zu rows on the agenda of %ld tiered guests; the first screen's 20 rows made "
	       "whole in %.2f ms\n",
	       items, tiered, median(shown, runs));
	report("agenda_store_list + screen", base, fast, runs, "F8 target <= 100 ms");

	printf("== the attendance sheet of %s as CSV\n", mk);
	long visits = 0;
	for (int r = 0; r < runs; r++) {
		double t0 = now_ms();
		visits = plain(db,
		               "SELECT guest_id, date, covers, spend_fen FROM visit "
		               "WHERE voided_at IS NULL AND date BETWEEN ?1 AND ?2",
		               first, last);
		double t1 = now_ms();
		FILE *out = fopen("/dev/null", "w");
		if (!out || sheet_export_write(st, month, NULL, NULL, OUT_CSV, out) != ST_OK) {
			fprintf(stderr, "bench_office: sheet: %s\n", store_errmsg(st));
			return 2;
		}
		fclose(out);
		double t2 = now_ms();
		base[r] = t1 - t0;
		fast[r] = t2 - t1;
	}
	printf("  %ld live visits in the month\n", visits);
	report("sheet_export_write (csv)", base, fast, runs, "target <= 700 ms as a process");
	tier_rules_free(&rules);
	strv_free(&diags);
	sqlite3_close(db);
	store_close(st);
	return 0;
}
