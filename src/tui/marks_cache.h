/* marks_cache.h — the allergy and taboo marks of the guests a list shows, read as they come
 * into view. */
#ifndef MAITRE_MARKS_CACHE_H
#define MAITRE_MARKS_CACHE_H

#include "store/search_store.h"
#include "tui/tui.h"

/* The allergy and taboo summaries of the guests a list shows, read as rows come into view (one
 * query for those not read yet) and kept by guest id until the list is read again. */
struct marks_cache {
	struct marks_entry *v; /* sorted by guest id */
	size_t n, cap;
};
/* Reads the summaries of those of ids[0..n) not read yet, in one query. */
void marks_cache_want(struct tui *t, struct marks_cache *c, const int64_t *ids, size_t n);
/* The summary of guest id; NULL when it was not read or could not be. */
const struct guest_summary *marks_cache_get(const struct marks_cache *c, int64_t id);
/* Forgets every summary (the list is read again: they may have changed). */
void marks_cache_clear(struct marks_cache *c);

/* Reads into c the marks of the guests of the rows first..first+rows of a list of n, whose
 * guest id id_of gives. */
void marks_cache_rows(struct tui *t, struct marks_cache *c, size_t first, int rows, size_t n,
		      int64_t (*id_of)(const void *list, size_t i), const void *list);

#endif
