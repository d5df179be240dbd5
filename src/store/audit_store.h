/* audit_store.h — the audit trail read back: who changed what and when (maitre audit, the
 * card's history), and the check of its hash chain (maitre audit verify).
 *
 * Every audit row carries a hash (BLAKE2b-256, hex) over an unambiguous encoding of its columns
 * but the id (each one NULL or length-prefixed; old and new as their digests under the row's own
 * random salt) and the previous row's hash; audit_head holds the last row's id and hash. An
 * erasure (audit_chain_erase, the one writer that changes rows) replaces a guest's values by
 * "[erased]", drops the salts and keeps the digests: the chain stays whole, and the rows marked
 * must be the ones the erasure's own row lists. Rows are appended by audit_chain_append alone (store_int.h), which every
 * store_audit goes through; writers are serialised by BEGIN IMMEDIATE, so concurrent writers
 * keep one chain. An edit with sqlite3 is then caught: a row changed, a row removed (in the
 * middle or at the end) or a row inserted out of line. Whoever can rewrite the whole chain
 * from the altered row onward is not caught: the chain has no secret key. */
#ifndef MAITRE_AUDIT_STORE_H
#define MAITRE_AUDIT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/guest.h"
#include "store/store.h"

/* What an erased value reads (an erasure, issue 16: audit_chain_erase, store_int.h). */
#define AUDIT_ERASED "[erased]"

/* One audit row as shown. Strings are owned by the row (NULL when the column is NULL). */
struct audit_row {
	int64_t id;
	char *at;       /* "YYYY-MM-DD HH:MM:SS" */
	char *login;    /* who: the staff member's login */
	char *name;     /* and display name */
	char *entity;   /* "guest", "visit", "complaint", "import", ... */
	int64_t entity_id;
	char *action;   /* "create", "update", "void", ... */
	char *field;    /* the field changed, or NULL */
	char *old, *new; /* the values; NULL when hidden (and hidden is true) */
	char *op;       /* the operation the row belonged to ("import", "undo", ...), or NULL */
	int64_t op_id;  /* its id (the import batch), 0 when none */
	int64_t guest_id;  /* the guest the row is about (a visit's, a complaint's ...), or 0 */
	bool sensitive; /* the field is one of the don't-ask topics (field_meta.sensitive) */
	bool hidden;    /* sensitive, and the reader may not see it: old and new withheld */
};

/* Whether the reader may see the sensitive values of guest guest_id (0: a row of no guest). */
typedef bool (*audit_reveal_fn)(void *ctx, int64_t guest_id);

struct audit_filter {
	int64_t guest_id;   /* only the rows about this guest (its sheet, visits, complaints,
	                     * alerts, contacts, gifts, banquets); 0: every row */
	const char *staff;  /* only the rows of this login; NULL: anyone's */
	const char *since;  /* only the rows at or after this day or time ("YYYY-MM-DD"); NULL */
	const char *action; /* only this action ("update", "void"); NULL: any */
	bool oldest_first;  /* ascending ids; default the newest first */
	size_t limit;       /* at most this many rows; 0: all */
	guest_field_set sensitive; /* the sheet's fields held sensitive besides field_meta's (the
	                            * ones config.yaml's sensitive_fields adds) */
};

/* The rows of f, the newest first (unless f->oldest_first), into *out (n of them; free with
 * audit_rows_free). A sensitive row whose guest reveal refuses (reveal NULL: every one is
 * refused) comes back hidden, its old and new values never copied out of the store. */
enum store_status audit_store_list(struct store *st, const struct audit_filter *f,
				   audit_reveal_fn reveal, void *ctx, struct audit_row **out,
				   size_t *n);
void audit_rows_free(struct audit_row *v, size_t n);

/* What audit_store_verify found wrong first. */
enum audit_break {
	AUDIT_INTACT = 0,
	AUDIT_CHANGED,  /* row: changed since it was written */
	AUDIT_REMOVED,  /* rows before row (after the one before it) were removed */
	AUDIT_INSERTED, /* row: inserted out of line (not by maitre, or not in its place) */
	AUDIT_TRUNCATED /* rows after row (the last one left) were removed; row 0: every row */
};

struct audit_verdict {
	enum audit_break what;
	int64_t rows; /* rows checked (all of them when intact) */
	int64_t id;   /* the row the break is told by */
	char at[20], login[64];
	int64_t head_id; /* AUDIT_TRUNCATED: the last row the chain had */
};

/* Walks the chain in id order: ST_OK with *v telling intact (v->rows rows) or the first
 * break. A read failure is returned as such, never taken for a break. */
enum store_status audit_store_verify(struct store *st, struct audit_verdict *v);

#endif
