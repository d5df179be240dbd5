/* marks_cache.c — the safety marks of the guests a list shows (see marks_cache.h). */
#include "tui/marks_cache.h"

#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/tier_calc.h"

struct marks_entry {
	int64_t id;
	bool ok; /* read; else it could not be */
	struct guest_summary sum;
};

/* The place of id in c (where it is, or where it would go). */
static size_t marks_find(const struct marks_cache *c, int64_t id)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

enum { MARKS_BATCH = 64 };

/* marks_cache_want for at most MARKS_BATCH ids. */
static void marks_want_batch(struct tui *t, struct marks_cache *c, const int64_t *ids, size_t n)
{
	enum { BATCH = MARKS_BATCH };
	int64_t need[BATCH];
	size_t k = 0;
	for (size_t i = 0; i < n && k < BATCH; i++) {
		size_t at = marks_find(c, ids[i]);
		bool dup = false;
		for (size_t j = 0; j < k && !dup; j++)
			dup = need[j] == ids[i];
		if (!dup && (at == c->n || c->v[at].id != ids[i]))
			need[k++] = ids[i];
	}
	if (!k)
		return;
	vec_reserve((void **)&c->v, c->n + k, &c->cap, sizeof *c->v);
	struct guest_summary got[BATCH];
	memset(got, 0, sizeof got);
	char mk[8];
	/* the tier of the last complete month: a running month's is provisional */
	bool ok = search_store_summaries(t->st, need, k,
					 date_month_key(tier_held_month(date_today()), mk), got) == ST_OK;
	for (size_t i = 0; i < k; i++) {
		size_t at = marks_find(c, need[i]);
		memmove(&c->v[at + 1], &c->v[at], (c->n - at) * sizeof *c->v);
		c->v[at] = (struct marks_entry){.id = need[i], .ok = ok};
		if (ok)
			c->v[at].sum = got[i];
		else
			guest_summary_free(&got[i]);
		c->n++;
	}
}

void marks_cache_want(struct tui *t, struct marks_cache *c, const int64_t *ids, size_t n)
{
	for (size_t off = 0; off < n; off += MARKS_BATCH)
		marks_want_batch(t, c, ids + off, n - off < MARKS_BATCH ? n - off : MARKS_BATCH);
}

const struct guest_summary *marks_cache_get(const struct marks_cache *c, int64_t id)
{
	size_t at = marks_find(c, id);
	return at < c->n && c->v[at].id == id && c->v[at].ok ? &c->v[at].sum : NULL;
}

void marks_cache_clear(struct marks_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].ok)
			guest_summary_free(&c->v[i].sum);
	free(c->v);
	*c = (struct marks_cache){0};
}

void marks_cache_rows(struct tui *t, struct marks_cache *c, size_t first, int rows, size_t n,
		      int64_t (*id_of)(const void *list, size_t i), const void *list)
{
	int64_t ids[MARKS_BATCH];
	size_t k = 0;
	for (size_t i = first; i < n && (int)(i - first) < rows; i++) {
		ids[k++] = id_of(list, i);
		if (k == MARKS_BATCH) {
			marks_cache_want(t, c, ids, k);
			k = 0;
		}
	}
	marks_cache_want(t, c, ids, k);
}
