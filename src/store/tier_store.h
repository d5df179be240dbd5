/* tier_store.h — monthly figures and tiers (domain.md §3–§4): recompute a month for every guest,
 * read a guest's tier with its reasons, overrides, lists and movers. */
#ifndef MAITRE_TIER_STORE_H
#define MAITRE_TIER_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/tier.h"
#include "core/tier_calc.h"
#include "store/store.h"
#include "store/tier_rules_store.h"

/* Registers the rules (by content hash) as a version and returns its id; content is the
 * rules file's text ("" when not at hand). */
enum store_status tier_store_rules_version(struct store *st, const struct tier_rules *r,
					   const char *content, int64_t *id);

struct tier_recompute_stats {
	long guests;        /* the month's rows (those written: the ones that changed) */
	long tiered;        /* guests with a tier in force */
	int batches;        /* write transactions */
	double seconds;     /* the whole recompute */
	double read_seconds;
	double longest_tx_ms; /* the longest write transaction */
	/* the month is shown, but deleting the rows it superseded failed (they, which nobody
	 * reads, go with the next recompute of the month): why, else "" */
	char leftover[200];
};

/* Computes month m (d ignored) for every guest who has visits in the window, held a tier the
 * month before, or has an override, and stores the rows with rules version rules_id, replacing
 * the month's earlier rows: idempotent. The rows of a month not over yet are marked
 * provisional (domain.md §4). canonical (tier_rules_canonical; NULL: none) is
 * recorded as what the month was computed with (tier_rules_store_record) in the write that
 * shows the month, so the month and its record never part. Claims the month's next generation
 * (a write of its own), reads one snapshot, then writes in short transactions (a few thousand
 * guests each) so that other terminals never wait long: the rows that changed (a row the same
 * but for computed_at is kept as it is, unless tier_store_rewrite_all) go into the new
 * generation, which no reader sees until the last write shows it whole, and the rows they
 * replace are deleted after it. Readers (the view tier_month, TIER_ROW_SHOWN) see the old
 * month or the new one, never a mix, and a recompute killed half way leaves the old one (the
 * next one deletes what it wrote). ST_CONFLICT when another recompute of the month began
 * meanwhile (its rows are kept). */
enum store_status tier_store_recompute(struct store *st, const struct tier_rules *r,
				       int64_t rules_id, struct date m, const char *canonical,
				       struct tier_recompute_stats *stats);

/* How a caller reads what rules kept only as a file's text decide (a month computed before
 * maitre kept the canonical text): config's tiers_canonical_text, which the store cannot call.
 * Returns tier_rules_canonical's text (malloc'ed), or NULL when the text cannot be read. */
typedef char *(*tier_canonical_of)(const char *content);

/* What tier_store_recompute_month found and did. */
struct tier_month_recompute {
	bool found;                     /* prev holds the rules the month (or the latest
					 * before) was computed with */
	struct tier_rules_record prev;
	bool differ;                    /* those rules decide otherwise than r */
	char *old, *now;                /* when differ: what each decides (tier_rules_canonical;
					 * old NULL when it cannot be read), for tier_rules_compare */
	bool done;                      /* the month was computed */
	struct tier_recompute_stats stats;
};
void tier_month_recompute_free(struct tier_month_recompute *x);

/* Recomputes month m with the rules r as `maitre tier recompute --month M` does, for the
 * command line and the interface alike (a merge's months, an import's): when the month, or the
 * latest month before it, was computed with rules that decide otherwise (the same text, or
 * other comments and label, do not count), nothing is written unless apply, and out says what
 * differs; else r is registered as a version (tier_store_rules_version) and the month computed
 * (tier_store_recompute). canon_of reads stored rules that have no canonical text (may be
 * NULL: such rules then differ unless their text is the same). out is always initialised:
 * free it with tier_month_recompute_free. */
enum store_status tier_store_recompute_month(struct store *st, const struct tier_rules *r,
					     struct date m, bool apply, tier_canonical_of canon_of,
					     struct tier_month_recompute *out);

/* Test hook (HACKING.md, "Test hooks"): when set, called after each write transaction of a
 * recompute commits, with its number from 1, between two writes as another terminal would
 * read. NULL in the program. */
extern void (*tier_store_after_write)(int n);
/* Test hook: when set, tier_store_recompute adds up the window from the visits themselves, the
 * simple path, instead of from guest_month (the same figures, kept by the visit triggers), so
 * that a test can compare the two. false in the program. */
extern bool tier_store_window_from_visits;
/* Test hook: when set, tier_store_recompute writes every row of the month anew, the simple
 * path, instead of only those that changed (the rows shown the same, computed_at aside), so
 * that a test can compare the two. false in the program. */
extern bool tier_store_rewrite_all;

/* One guest's month, with everything `tier show` explains. */
struct tier_guest_info {
	int64_t guest_id;
	char name[256];
	struct tier_figures window; /* over the guest's window */
	struct tier_figures month;  /* the month alone */
	char first_visit[11];       /* "" when never */
	struct tier_prev prev;
	struct tier_override_in override;
	char override_reason[256], override_by[64], override_until[8], override_at[20];
	struct tier_decision decision; /* as computed now, with the rules given */
	bool stored;                   /* a recompute stored this month */
	char stored_tier[8], stored_grp[24], stored_source[10], stored_version[64];
};

/* Computes guest id's tier for month m with the rules r (live, whether or not the month was
 * recomputed) and reads the stored row when there is one. ST_NOTFOUND for no such guest. */
enum store_status tier_store_guest(struct store *st, const struct tier_rules *r, int64_t id,
				   struct date m, struct tier_guest_info *out);

/* Sets (tier non-NULL) guest id's override, in force from month from (d ignored) to until
 * ("YYYY-MM", or NULL: until cleared), with reason, and sets the guest's stored rows of the
 * months it covers; or clears it (tier NULL): it ends from this month on, and no stored month
 * is rewritten (domain.md §4). Setting one ends the guest's override before it from this month
 * on too. One transaction, audited. */
enum store_status tier_store_override(struct store *st, int64_t id, const char *tier,
				      const char *grp, const char *reason, const char *until,
				      struct date from);

/* A stored month row, for lists. */
struct tier_row {
	int64_t guest_id;
	char name[128];
	char tier[8], grp[24], source[10];
	char computed_tier[8], computed_grp[24];
	char prev_tier[8], prev_grp[24]; /* movers: last month's ("" untiered) */
	struct tier_figures window;
	struct tier_figures month;
};

/* The stored rows of month m, ordered by tier rank (per r) then guest id; only tier (letter)
 * when non-NULL. *out is malloc'ed (caller frees). */
enum store_status tier_store_list(struct store *st, const struct tier_rules *r, struct date m,
				  const char *tier, struct tier_row **out, size_t *n);

/* Guests whose tier in force differs between month m-1 and m: rose first, then fell. */
enum store_status tier_store_movers(struct store *st, const struct tier_rules *r, struct date m,
				   struct tier_row **out, size_t *n);

/* What the database records of a rules version: whether rules of this content hash ever
 * computed a month (their id and when first used), and which version the latest computed
 * month used. */
struct tier_rules_state {
	bool known;
	int64_t id;
	char first_used[32];
	char latest_month[8]; /* "" when no month was computed */
	int64_t latest_id;
	char latest_label[64];
};
enum store_status tier_store_rules_state(struct store *st, const char *hash,
					 struct tier_rules_state *out);

#endif
