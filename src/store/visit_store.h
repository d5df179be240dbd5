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

/* Flags of visit_store_enter. */
enum {
	VISIT_ALLOW_OLD = 1u,    /* a date before the opening date is the manager's word (audited) */
	VISIT_SECOND_TABLE = 2u, /* a second visit of the guest on the date and meal: two tables */
};

/* Stores v as staff enter it (the visit form, `maitre visit add`): its date checked against
 * today and the opening date (visit_date_check: never in the future; before the opening date
 * only with VISIT_ALLOW_OLD, and an audit row says the flag was used), and refused with
 * ST_DUPLICATE when the guest has a live visit on that date and meal already, unless
 * VISIT_SECOND_TABLE. Otherwise as visit_store_add, in one transaction. */
enum store_status visit_store_enter(struct store *st, struct visit *v, unsigned flags);

/* Corrects visit `replaces` as the visit form does: voids it (VOID_CORRECTED), then stores v in
 * its place as visit_store_enter does with flags (the void visit no longer counts as the
 * guest's visit on that date and meal), both in one transaction: when either fails, neither
 * is kept (v->id is then 0). ST_NOTFOUND when there is no visit `replaces`, ST_INVALID when it
 * is void already; otherwise the status of visit_store_enter. */
enum store_status visit_store_correct(struct store *st, int64_t replaces, struct visit *v,
				      unsigned flags);

/* The restaurant's opening date: the one set (*set true), else visit_opening_default of
 * today (*set false; set may be NULL). */
enum store_status visit_store_opening(struct store *st, struct date *out, bool *set);
/* Sets the opening date for every terminal (audited). ST_INVALID for a day after today. */
enum store_status visit_store_set_opening(struct store *st, struct date d);

/* Voids visit id (kept, marked void, excluded from figures) with a reason code and the free
 * text typed (may be empty but for VOID_OTHER: void_reason_check). ST_NOTFOUND when there is
 * no such visit, ST_INVALID when it is already void or the reason is refused. */
enum store_status visit_store_void(struct store *st, int64_t id, enum void_code code,
				   const char *text);

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

/* Visits matching f, in the order of visit_store_list, one at a time: each read into a visit
 * handed to fn, freed after fn returns (fn may take its strings, setting them to NULL). fn
 * returns 0 to go on, else the read stops there (ST_OK). Nothing is kept between two rows: a
 * reader of every visit (maitre export visits) holds one at a time. */
enum store_status visit_store_each(struct store *st, const struct visit_filter *f,
				   int (*fn)(struct visit *v, void *ctx), void *ctx);

/* Reads visit id. */
enum store_status visit_store_get(struct store *st, int64_t id, struct visit *out);

#endif
