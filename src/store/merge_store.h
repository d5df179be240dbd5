/* merge_store.h — one guest entered twice made one again (issue 16), and taken apart again.
 *
 * A merge keeps KEEP and retires OTHER: KEEP's sheet takes the values chosen per field and
 * OTHER's list items (guest_merge, core/guest_merge.h), written and audited as any save;
 * OTHER's visits, complaints, alerts, contacts, gifts, banquets and tier overrides move to
 * KEEP; OTHER's row stays, its own sheet as it was, with merged_into = KEEP, and its id answers
 * as KEEP's thereafter (guest_store_resolve); its search keys go. The audit rows are never
 * rewritten: KEEP's history (audit_store_list) includes those of the guests merged into it.
 * Everything the merge did is recorded (guest_merge, guest_merge_row), so that
 * merge_store_unmerge can undo it while nothing it wrote has changed since.
 *
 * The tiers of the months the moved visits count in are computed again after the merge (and
 * after an unmerge), outside its transaction, by the caller: the months are in the result.
 * For a screen: merge_store_plan shows what a merge would do without writing. */
#ifndef MAITRE_MERGE_STORE_H
#define MAITRE_MERGE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/guest_merge.h"
#include "core/strv.h"
#include "store/store.h"

/* The tables whose rows move from OTHER to KEEP, in the order they are moved. */
enum merge_table {
	MT_VISIT, MT_COMPLAINT, MT_ALERT, MT_CONTACT, MT_GIFT, MT_BANQUET, MT_TIER_OVERRIDE,
	MT_COUNT
};
extern const char *const merge_table_names[MT_COUNT]; /* "visit", "complaint", ... */

struct merge_result {
	int64_t merge_id;               /* 0 for a plan */
	int64_t keep, other;            /* the guests, as their ids answer (resolved) */
	struct guest keep_sheet, other_sheet; /* as they were before */
	struct merge_plan plan;         /* the merged sheet; its diffs point into the two above */
	int64_t moved[MT_COUNT];        /* rows moved (a plan: rows that would move) */
	int64_t alert_closed;           /* OTHER's open alert closed (KEEP had one open): its id */
	struct strv months;             /* the computed tier months to compute again, oldest first */
};
void merge_result_free(struct merge_result *r);

/* What merging other into keep would do (ids resolved first), read in one snapshot, nothing
 * written. ST_INVALID when both are one guest already or one of them is anonymised. */
enum store_status merge_store_plan(struct store *st, int64_t keep, int64_t other,
				   const struct merge_prefer *prefer, struct merge_result *r);
/* Merges other into keep in one transaction (audited to the person acting, op 'merge' and the
 * merge's id): r as merge_store_plan's, with r->merge_id. Of two open alerts (one a guest),
 * OTHER's is closed ("merged into guest 7") and moves with the rest. */
enum store_status merge_store_merge(struct store *st, int64_t keep, int64_t other,
				    const struct merge_prefer *prefer, struct merge_result *r);

struct unmerge_result {
	int64_t keep, other;
	int64_t moved;        /* rows moved back to OTHER */
	struct strv months;   /* the tier months to compute again */
};
void unmerge_result_free(struct unmerge_result *r);
/* Undoes merge id in one transaction (op 'unmerge'): KEEP's sheet as it was before, the rows
 * moved back, OTHER's alert opened again, OTHER a guest of its own with its search keys. Only
 * while nothing changed since: ST_CONFLICT saying what blocks it ("guest 7 was edited
 * 2026-12-03 10:00:00 by wang", "visit 31 was changed ...", "merge 5 took guest 7 since:
 * unmerge it first"); ST_INVALID when undone already, ST_NOTFOUND for no such merge. */
enum store_status merge_store_unmerge(struct store *st, int64_t id, struct unmerge_result *r);

/* One merge as listed. */
struct merge_info {
	int64_t id, keep, other;
	char at[20], login[64];
	char keep_name[128], other_name[128];
	int64_t rows;         /* rows moved */
	char undone_at[20];   /* "" while in force */
	char undone_by[64];
};
/* Every merge, the newest first (guest > 0: those that kept or took that guest). */
enum store_status merge_store_list(struct store *st, int64_t guest, struct merge_info **v,
				   size_t *n);

#endif
