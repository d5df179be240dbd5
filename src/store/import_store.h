/* import_store.h — the batches of maitre import: every import is one batch in the audit (its
 * file's name and SHA-256, who ran it, when, what it did), with what it created and changed,
 * so that `maitre import undo BATCH` can take it back while nobody has changed those guests
 * since. */
#ifndef MAITRE_IMPORT_STORE_H
#define MAITRE_IMPORT_STORE_H

#include <stdint.h>

#include "core/guest.h"
#include "core/strv.h"
#include "store/store.h"

/* A new batch of kind ("guests" or "visits") for file (its name as given) with its SHA-256 in
 * hex, inside the caller's write transaction: *batch. */
enum store_status import_store_batch_new(struct store *st, const char *kind, const char *file,
					 const char *sha256, int64_t *batch);
/* Inside the batch's transaction, after guest_store_save created guest id. */
enum store_status import_store_created(struct store *st, int64_t batch, int64_t guest_id);
/* Inside the batch's transaction, after guest_store_save changed a guest from before (as read
 * just before the save) to after (as saved: its version, and the ids of its list items):
 * records each field changed (old and new value) and each list item added, and the version
 * the import left. */
enum store_status import_store_updated(struct store *st, int64_t batch, const struct guest *before,
				       const struct guest *after);
/* Inside the batch's transaction, after a visit was entered from the file. */
enum store_status import_store_visit(struct store *st, int64_t batch, int64_t visit_id);
/* Closes the batch: its summary ("read 120 rows: 100 new, ...") kept with it and written to
 * the audit (one row for the whole import). */
enum store_status import_store_batch_end(struct store *st, int64_t batch, const char *summary);

/* Takes batch back in one transaction: the guests it created are removed (with everything
 * attached to them), the fields it changed get their old values, the list items it added are
 * removed, the visits it entered are removed. Refused with ST_CONFLICT, nothing written, when
 * anything it touched was changed since (a guest edited, a visit or complaint recorded for a
 * guest it created, a visit corrected): each such thing one line in *blocked ("guest 12
 * (孙先生): edited since the import (version 3, the import left 2)"). ST_NOTFOUND for an
 * unknown batch; ST_INVALID for one already undone. Audited. */
enum store_status import_store_undo(struct store *st, int64_t batch, struct strv *blocked);

struct import_batch {
	int64_t id;
	char kind[8];
	char *file, *sha256, *login, *at, *summary, *undone_at; /* undone_at NULL while in force */
};
/* Every batch, the newest first, into *out (n of them); free with import_batches_free. */
enum store_status import_store_batches(struct store *st, struct import_batch **out, size_t *n);
void import_batches_free(struct import_batch *v, size_t n);

#endif
