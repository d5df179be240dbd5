/* import_store.h — the batches of maitre import: every import is one batch in the audit (its
 * file's name and SHA-256, who ran it, when, what it did), with what it created and changed
 * (import_batch and import_change, migrate.c 11 → 12), so that `maitre import undo BATCH` can
 * take it back while nobody has changed those guests since.
 *
 * An import is one write transaction (store_begin … store_commit): import_store_batch_new,
 * then for each guest either guest_store_save (id 0) and import_store_created, or
 * guest_store_get (before), guest_store_save and import_store_updated (before, after); for
 * visits, import_store_visits_defer, then for each visit entered import_store_visit, and
 * import_store_visits_settle; last import_store_batch_end. Each of these joins the
 * caller's transaction (they open their own when there is none); a failure of one rolls the
 * whole import back at the outermost commit. */
#ifndef MAITRE_IMPORT_STORE_H
#define MAITRE_IMPORT_STORE_H

#include <stdint.h>

#include "core/guest.h"
#include "core/strv.h"
#include "store/store.h"

/* A new batch of kind ("guests" or "visits", else ST_INVALID) for file (its name as given)
 * with its SHA-256 in hex (both required), run by this login now: its id in *batch (0 on
 * failure). */
enum store_status import_store_batch_new(struct store *st, const char *kind, const char *file,
					 const char *sha256, int64_t *batch);
/* After guest_store_save created guest_id: records it with the version it was left at (ST_OK,
 * or ST_NOTFOUND for no such guest or batch; ST_INVALID for a batch undone). An undo deletes
 * it with everything attached. */
enum store_status import_store_created(struct store *st, int64_t batch, int64_t guest_id);
/* After guest_store_save changed a guest from before (as read just before the save) to after
 * (as saved: its version, and the ids of its list items): records each scalar field changed
 * (old and new value), each list item of after whose id is not in before (phones,
 * preferences, special dates, people, notes; a tag not in before, by its text), each
 * preference and special date changed in place (a severity raised, a date replaced: old its
 * text before, which an undo gives back), and the versions the import found and left. Recording a guest the save did not change is harmless. */
enum store_status import_store_updated(struct store *st, int64_t batch, const struct guest *before,
				       const struct guest *after);
/* After a visit was entered from the file (visit_store_add / visit_store_enter): recorded
 * with its guest. ST_NOTFOUND for no such visit. */
enum store_status import_store_visit(struct store *st, int64_t batch, int64_t visit_id);
/* The row-by-row upkeep of guest_month and guest_last (the triggers guest_month_insert and
 * guest_last_insert of migrate.c) put aside while an import enters visits: */
struct import_visit_upkeep {
	int64_t after;     /* the batch's visits have ids above it */
	struct strv sql;   /* the triggers dropped, as sqlite_master has them */
	bool month, last;  /* which of the two those are */
};
/* Inside the batch's transaction, before its first visit: drops the two triggers, which
 * cost an import of a million visits half its time (each visit rewrote its guest's
 * guest_last row and the index entries that hold its search probe), and notes where the
 * batch's visits begin. The transaction must end with import_store_visits_settle before its
 * commit, or roll back (which brings the triggers back; import_store_visits_free then).
 * ST_INVALID outside a transaction. */
enum store_status import_store_visits_defer(struct store *st, struct import_visit_upkeep *u);
/* Does once, over the visits entered since import_store_visits_defer, what the triggers would
 * have done one visit at a time (the same rows in guest_month and guest_last), creates them
 * again and frees u. */
enum store_status import_store_visits_settle(struct store *st, struct import_visit_upkeep *u);
/* Frees what u holds (harmless when settled or never used). */
void import_store_visits_free(struct import_visit_upkeep *u);
/* Closes the batch: its summary ("read 120 rows: 100 new, ...") kept with it and written to
 * the audit (one row for the whole import: entity "import", the batch's id, action "import",
 * "FILE (sha256 HEX): SUMMARY"), even on a STORE_BULK connection. */
enum store_status import_store_batch_end(struct store *st, int64_t batch, const char *summary);

/* Takes batch back in one transaction: the visits it entered are deleted (guest_month and
 * guest_last follow by their triggers; the tiers of their months are not recomputed: the
 * months are named in the undo's audit row), the guests it created are deleted with everything
 * attached to them (lists, search keys, tier rows), the fields it changed get their old values
 * and the list items it added are removed, through guest_store_save (audited, the version
 * bumped). The batch is marked undone (undone_at, undone_by) and an audit row (entity
 * "import", action "undo") says what was done.
 * Refused with ST_CONFLICT, nothing written, when anything it touched was changed since: a
 * guest whose version is not the one the import left (edited, or touched by a later import:
 * undo that one first), a guest it created with a visit, complaint, contact, alert, gift,
 * banquet or tier override recorded since, a visit it entered voided (or corrected) or
 * complained about since. Each such thing is one line appended to *blocked (blocked may be
 * NULL), naming the guest: "guest 12 (孙先生): edited since the import (version 3, the
 * import left 2), last by alice at 2026-05-02 12:00:00"; store_errmsg names the first.
 * Undoing a later batch that had found a guest as this one left it gives the guest back to
 * this one, which can then be undone in turn.
 * ST_NOTFOUND for an unknown batch; ST_INVALID for one undone already. */
enum store_status import_store_undo(struct store *st, int64_t batch, struct strv *blocked);

struct import_batch {
	int64_t id;
	char kind[8];
	char *file, *sha256, *login, *at, *summary; /* summary NULL until import_store_batch_end */
	char *undone_at, *undone_by; /* NULL while in force; else when, and by whom (a login) */
};
/* Every batch, the newest first, into *out (n of them); free with import_batches_free. */
enum store_status import_store_batches(struct store *st, struct import_batch **out, size_t *n);
void import_batches_free(struct import_batch *v, size_t n);

#endif
