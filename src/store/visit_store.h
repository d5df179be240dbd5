/* visit_store.h — recording, listing and voiding visits. A visit is never deleted. */
#ifndef MAITRE_VISIT_STORE_H
#define MAITRE_VISIT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/visit.h"
#include "store/store.h"

/* Validates and stores v in one transaction with its audit row; sets v->id. ST_INVALID with
 * "field: reason", ST_NOTFOUND when the guest does not exist. */
enum store_status visit_store_add(struct store *st, struct visit *v);

/* Voids visit id with a reason (kept, marked void, excluded from figures). ST_NOTFOUND when
 * there is no such visit, ST_INVALID when it is already void or the reason is empty. */
enum store_status visit_store_void(struct store *st, int64_t id, const char *reason);

struct visit_filter {
	int64_t guest_id;  /* 0: any */
	const char *from;  /* YYYY-MM-DD inclusive, or NULL */
	const char *until; /* YYYY-MM-DD inclusive, or NULL */
	bool with_voided;
	size_t limit; /* 0: no limit */
};

/* Visits matching f, ordered by date, meal, id, into a malloc'ed array *out of *n visits (free
 * each with visit_free, then the array). */
enum store_status visit_store_list(struct store *st, const struct visit_filter *f,
				   struct visit **out, size_t *n);

/* Reads visit id. */
enum store_status visit_store_get(struct store *st, int64_t id, struct visit *out);

#endif
