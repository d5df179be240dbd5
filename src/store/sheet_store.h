/* sheet_store.h — the monthly attendance sheet (客户考勤表, domain.md §3). */
#ifndef MAITRE_SHEET_STORE_H
#define MAITRE_SHEET_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "store/store.h"

struct sheet_row {
	int64_t guest_id;
	char name[128];
	char sales_manager[64];
	char tier[8], grp[24]; /* the month's stored tier in force ("" when none) */
	int covers[31];        /* per day of the month (lunch and dinner added) */
	int64_t spend[31];     /* fen per day */
	int visits;            /* lunch and dinner each count */
	int covers_total;
	int64_t spend_total;
};

/* The sheet of month m: one row per guest with a visit that month, ordered by guest id; only
 * guests of letter tier `tier` and of sales manager `manager` when those are non-NULL.
 * *out is malloc'ed (caller frees). */
enum store_status sheet_store_month(struct store *st, struct date m, const char *tier,
				    const char *manager, struct sheet_row **out, size_t *n);

/* Called with each row of a sheet. */
typedef void (*sheet_row_fn)(const struct sheet_row *r, void *ctx);

/* The rows of sheet_store_month, passed one by one to fn as they are made (nothing is kept). */
enum store_status sheet_store_each(struct store *st, struct date m, const char *tier,
				   const char *manager, sheet_row_fn fn, void *ctx);

/* A window of the sheet for a screen that shows a few rows at a time: up to limit rows of
 * sheet_store_month (same rows, same filters, guest order) after guest id `from` (ids > from),
 * or, when backward is set, the last limit rows before it (ids < from, still returned in guest
 * order: INT64_MAX reads the end of the sheet). Reads only as far as it needs (keyset by guest
 * id), so the first screen of a big month does not wait for the whole month. *out is
 * malloc'ed (caller frees); *n < limit only at the end (or start) of the sheet. */
enum store_status sheet_store_window(struct store *st, struct date m, const char *tier,
				     const char *manager, int64_t from, bool backward, size_t limit,
				     struct sheet_row **out, size_t *n);

#endif
