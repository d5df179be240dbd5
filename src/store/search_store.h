/* search_store.h — finding guests from one query box, through indexes only.
 *
 * Query classes: exact name; name prefix (a single Chinese character included); pinyin in full,
 * by initials or mixed (sun, sunxiansheng, sxs, sunxs → 孙先生); Latin names regardless of case
 * and accents; tags (回头客); substrings of 3+ characters of names and employers, and two
 * characters of an employer (中信); phone digits (exact, ending, or any 3+ digit fragment) in any
 * form (+86 139…, 0086…, full-width). Words starting with # filter by tag (#回头客). Results rank
 * exact, then prefix, then substring, and within each by the last visit, the most recent first.
 * Keys are computed when a guest is written (search_store_index), never on read. */
#ifndef MAITRE_SEARCH_STORE_H
#define MAITRE_SEARCH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/guest.h"
#include "core/strv.h"
#include "store/store.h"

#define SEARCH_PAGE 20

enum search_match { MATCH_EXACT, MATCH_PREFIX, MATCH_SUBSTRING };

struct search_hit {
	int64_t guest_id;
	enum search_match match;
};

/* Finds guests for query; skips the first offset results and writes at most limit hits
 * (limit ≤ 1000) into hits, *n their number. An empty query finds nothing. */
enum store_status search_store_find(struct store *st, const char *query, size_t offset,
				    size_t limit, struct search_hit *hits, size_t *n);

/* One result line: what a receptionist needs to recognise the guest. */
struct guest_summary {
	int64_t id;
	char *name;     /* as addressed */
	char *phones;   /* numbers as typed, ", " between */
	/* "peanut (critical), son 小强: shrimp (low)": the guest's and their companions', the most
	 * severe first; NULL when none */
	char *allergies;
	char *taboos;
	char *employer;
	char last_visit[11]; /* YYYY-MM-DD or "" */
	char tier[8], grp[24];   /* the latest stored tier at or before the month asked ("" none) */
	char last_complaint[20]; /* when the guest last complained, or "" */
	/* the last four digits of the phone that tells guests of one name apart: the first
	 * phone's, or (search_summary_phone) the one a query of digits matched; "" none */
	char phone4[5];
};

/* Fills out[i] for each of the n ids, with the tier in force in month ("YYYY-MM"). Free each
 * with guest_summary_free. */
enum store_status search_store_summaries(struct store *st, const int64_t *ids, size_t n,
					 const char *month, struct guest_summary *out);
void guest_summary_free(struct guest_summary *s);
/* Sets s->phone4 to the last four digits of the phone of s that the digits of query match
 * (as search_store_find matches them: +86 139… is 139…); left as it is when query is not
 * made of digits or matches none. */
void search_summary_phone(struct guest_summary *s, const char *query);

/* The query plans (EXPLAIN QUERY PLAN detail lines, "SQL => plan") of every statement the
 * search runs, appended to out; for tests that prove no search scans a table. */
enum store_status search_store_explain(struct store *st, struct strv *out);

/* Brings the search keys of g up to date inside the caller's write transaction: old is the
 * sheet as stored before (its keys are removed where they differ), or NULL for a new guest. */
enum store_status search_store_index(struct store *st, const struct guest *g,
				     const struct guest *old);

/* Takes the search keys and text of old (the sheet as stored) out inside the caller's write
 * transaction, as indexing an anonymised sheet over it would: its probe is left empty. For a
 * guest erased, merged away or about to be deleted. */
enum store_status search_store_forget(struct store *st, const struct guest *old);

/* Rebuilds the search keys of every guest (search_key and search_text emptied first), inside the
 * caller's write transaction: for a migration that changes how keys are derived. */
enum store_status search_store_rebuild(struct store *st);

/* The search index against the guests (maitre doctor): the keys, trigram texts and probes every
 * guest's sheet gives, compared with those stored. Reads only (temporary tables aside). */
struct search_check {
	int64_t guests;
	int64_t keys_missing, keys_extra; /* search_key rows */
	int64_t texts_wrong;              /* search_text rows missing, extra or different */
	int64_t probes_wrong;             /* search_probe rows missing, extra or different */
};
enum store_status search_store_check(struct store *st, struct search_check *out);

#endif
