/* report_store.h — the month's figures managers want (domain.md §8): tier distribution,
 * revenue and covers by tier, complaints by category, and the revenue share of top guests. */
#ifndef MAITRE_REPORT_STORE_H
#define MAITRE_REPORT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "store/store.h"

/* One tier (tier "" = untiered) of a month: guests in force this month and last month,
 * risers and fallers into/out of it, and the month's visits, covers and spend of its guests. */
struct report_tier {
	char tier[8], grp[24];
	long guests, guests_before;
	long came;        /* guests of this tier who came in the month */
	long visits, covers;
	int64_t spend;
};

/* The tiers of month m from the stored tier_month rows, and the month's visits by the tier in
 * force (guests with no stored row count as untiered). *out malloc'ed (caller frees). */
enum store_status report_store_tiers(struct store *st, struct date m, struct report_tier **out,
				     size_t *n);

struct report_complaints {
	char category[32];
	long count, open, resolved;
	double median_hours; /* from logged to resolved, over those resolved; -1 when none */
};

/* Complaints logged in month m by category. *out malloc'ed (caller frees). */
enum store_status report_store_complaints(struct store *st, struct date m,
					  struct report_complaints **out, size_t *n);

struct report_pareto {
	long guests;      /* guests with a visit in the month */
	int64_t revenue;  /* the month's spend */
	long top2_guests, top20_guests;
	int64_t top2_revenue, top20_revenue;
};

/* The share of month m's revenue from its top 2 % and 20 % of guests (by spend, at least one
 * guest each when there is any). */
enum store_status report_store_pareto(struct store *st, struct date m, struct report_pareto *out);

#endif
