/* report_store.h — the month's figures managers want (domain.md §8): tier distribution,
 * revenue and covers by tier, complaints by category, and the revenue share of top guests. */
#ifndef MAITRE_REPORT_STORE_H
#define MAITRE_REPORT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/tier.h"
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

/* One guest of a month, behind a figure of the dashboard: the tier in force in the month and
 * the month before ("" untiered) and the month's live visits, covers and spend. */
struct report_guest {
	int64_t guest_id;
	char tier[8], grp[24], prev_tier[8], prev_grp[24];
	long visits, covers;
	int64_t spend;
};

/* The dashboard's figures of month m, read in one pass: each tier of the rules r (may be
 * NULL), then the others met, then untiered (as report_store_tiers counts them), the movers
 * (as tier_store_movers finds them) and the pareto shares (as report_store_pareto). */
struct report_month {
	struct report_tier *tiers;
	size_t ntiers;
	long promoted, demoted;
	struct report_pareto pareto;
};

enum store_status report_store_month(struct store *st, const struct tier_rules *r, struct date m,
				     struct report_month *out);
void report_month_free(struct report_month *m);

/* report_store_month reads what an earlier call stored of the month (report_month_cache: tens
 * of rows, kept current by every visit write since: migrate.c's triggers on guest_month; the
 * shares of the top guests read from the month's biggest spends) while the month's and the
 * month before's shown tier generations are those it was stored at, and otherwise scans the
 * month's guests and stores what it found (a write of its own, outside a caller's transaction
 * only). report_store_month_fresh always scans, storing nothing: the simple path that the
 * stored figures must always equal. */
enum store_status report_store_month_fresh(struct store *st, const struct tier_rules *r,
					   struct date m, struct report_month *out);

/* Forgets the stored figures of the months from from ("YYYY-MM"; NULL: all), in the caller's
 * transaction: for writes that change tier rows in place (an override, an import's undo) or
 * refill guest_month outside the visit triggers. */
enum store_status report_store_forget(struct store *st, const char *from);

/* The lists behind the figures of report_store_month. */
enum report_list {
	RL_TIER,     /* guests of tier/grp in force in m */
	RL_CAME,     /* those of them (tier "": untiered guests) who came in m */
	RL_PROMOTED, /* risers into a better tier than the month before's */
	RL_DEMOTED,  /* fallers */
	RL_TOP2,     /* the top 2 % of the month's guests by spend */
	RL_TOP20,    /* the top 20 % */
};

/* The guests behind figure what of month m (tier and grp for RL_TIER and RL_CAME; grp NULL:
 * every group of the letter, "": the letter alone, as a figure of report_store_month counts
 * it), the biggest spenders first, then by id. *out malloc'ed (caller frees). */
enum store_status report_store_guests(struct store *st, const struct tier_rules *r, struct date m,
				      enum report_list what, const char *tier, const char *grp,
				      struct report_guest **out, size_t *n);

/* What the dashboard counts of the agenda of day today (domain.md §7): the guests' special
 * dates today and in the 7 days from today, those whose tier grants a gift not yet given and
 * what those gifts are worth; the calls and in-person visits due or overdue today by the
 * tier cadences. The tier in force is that of the latest month at or before today's that has
 * been computed. Without rules, no gifts or cadences are known (zero). */
struct report_today {
	long dates_today, dates_week;
	long gifts_today, gifts_week;
	int64_t gift_fen_today, gift_fen_week;
	long calls_due, visits_due;
};

enum store_status report_store_today(struct store *st, const struct tier_rules *r,
				     struct date today, struct report_today *out);

#endif
