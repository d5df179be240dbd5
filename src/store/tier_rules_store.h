/* tier_rules_store.h — which rules each month's tiers were last computed with (table
 * tier_month_rules): their version and what they decide (tier_rules_canonical), so that a
 * recompute with other rules can say what changed before it applies them. */
#ifndef MAITRE_TIER_RULES_STORE_H
#define MAITRE_TIER_RULES_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "store/store.h"

/* The rules a month was computed with. */
struct tier_rules_record {
	char month[8];     /* "2026-05" */
	int64_t version;   /* tier_rules_version id */
	char hash[17];     /* the version's content hash */
	char label[64];    /* its version label ("" when none) */
	char *canonical;   /* what they decide; NULL for a month computed before maitre kept it */
	char *content;     /* the rules file's text as it was ("" when not at hand) */
};

/* The record of month m, else of the latest month before m that has one: *found says whether
 * there was any. out is filled when found; free it with tier_rules_record_free. */
enum store_status tier_rules_store_last(struct store *st, struct date m,
                                        struct tier_rules_record *out, bool *found);
void tier_rules_record_free(struct tier_rules_record *r);

/* Records that month m was computed with rules version (tier_store_rules_version) deciding
 * canonical, replacing the month's record, in one transaction. */
enum store_status tier_rules_store_record(struct store *st, struct date m, int64_t version,
                                          const char *canonical);

#endif
