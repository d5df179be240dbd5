/* export_store.h — the reads of maitre export that no other store file gives: the guests one at
 * a time, a guest's first phone, and the records of one guest (contacts, gifts, banquets,
 * alerts, tier overrides) for `maitre guest export`. The book itself is written by
 * src/export/book_export.c. */
#ifndef MAITRE_EXPORT_STORE_H
#define MAITRE_EXPORT_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* The id of the first guest after `after` (0: the first of all) into *id, leaving out the
 * guests merged into another and the erased ones: ST_OK, ST_NOTFOUND
 * when no guest is left, or the failure. One indexed query a call, nothing held between two:
 * a reader of every guest walks them in id order and reads each with guest_store_get. */
enum store_status export_store_next_guest(struct store *st, int64_t after, int64_t *id);

/* The guest's first phone (the one stored first) into a malloc'ed *number; NULL when the
 * guest has none. */
enum store_status export_store_first_phone(struct store *st, int64_t guest_id, char **number);

/* The records of a guest kept beside the sheet, visits and complaints. */
enum export_records {
	EXPORT_CONTACTS,  /* the sales managers' contacts */
	EXPORT_GIFTS,     /* gifts given for special dates */
	EXPORT_BANQUETS,  /* banquets hosted for them */
	EXPORT_ALERTS,    /* red and yellow alerts raised on them, with their outcome */
	EXPORT_OVERRIDES, /* tiers set by hand, with the reason */
	EXPORT_RECORDS_COUNT
};
/* "contacts", "gifts", "banquets", "alerts", "tier_overrides": their keys in the JSON. */
extern const char *const export_records_names[EXPORT_RECORDS_COUNT];

/* One column of such a record: its key (an English snake_case name), its value (NULL: none)
 * and whether the value is a whole number. Amounts are whole fen (keys ending in _fen). */
struct export_value {
	const char *key;
	const char *value;
	bool number;
};
/* Calls fn with every record of kind r of guest_id, oldest first: its n columns. */
enum store_status export_store_records(struct store *st, int64_t guest_id, enum export_records r,
				       void (*fn)(const struct export_value *v, int n, void *ctx),
				       void *ctx);

#endif
