/* privacy_store.h — retention (domain.md §9, PIPL): the guests kept longer than needed. With
 * privacy.retain_years set (settings_retain_years), a guest with no visit, no contact and no
 * creation for that many years is due for anonymising; `maitre privacy sweep` lists them
 * (--dry-run) and erases them through the erase of issue 16 (privacy_store_sweep's callback),
 * the back office shows how many are due.
 *
 * The list and the count are plans of their own (a screen may call them): reads, in one
 * snapshot, results in structs; nothing is printed. */
#ifndef MAITRE_PRIVACY_STORE_H
#define MAITRE_PRIVACY_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "store/store.h"

/* The last day that counts as "years ago" from today: today's day years earlier, 29 February
 * becoming 28 February in a common year. A guest is due when nothing happened after it (a
 * visit on that very day is years old: the guest is due). */
struct date privacy_cutoff(struct date today, int years);

/* A guest due for anonymising. */
struct privacy_due {
	int64_t id;
	char *name;
	char last_visit[11];   /* YYYY-MM-DD of the last live visit, "" for none */
	char last_contact[11]; /* YYYY-MM-DD of the last contact (contact.at), "" for none */
	char created[11];      /* YYYY-MM-DD the guest was entered */
};

/* The guests due when privacy.retain_years is years (≥ 1) on today: not anonymised, entered
 * on or before privacy_cutoff, no live visit (guest_last) and no contact after it, no complaint
 * that is not closed (`guest erase` asks a person about those; the sweep never does). Ordered by
 * id. *due is malloc'ed (NULL when none): free with privacy_due_free. One pass over the guests
 * with a look-up of each one's last visit and contacts by index (some 0.6 s at a million). */
enum store_status privacy_store_due(struct store *st, struct date today, int years,
				    struct privacy_due **due, size_t *n);
/* How many privacy_store_due would list, without reading them (the back office's figure). */
enum store_status privacy_store_due_count(struct store *st, struct date today, int years,
					  int64_t *count);
void privacy_due_free(struct privacy_due *due, size_t n);

/* The erase of one guest for the sweep, with its reason (said in the audit): the erasure of
 * issue 16 (erase_store_guest), called inside the sweep's transaction, whose audit rows are
 * labelled "sweep" (store_audit_op). ctx is the caller's. */
typedef enum store_status (*privacy_erase_fn)(struct store *st, int64_t guest_id,
					      const char *reason, void *ctx);

/* The sweep itself, the seam where the erase is wired in: each guest of due (as
 * privacy_store_due listed them) that is still due on today — a visit or contact entered
 * since the list was read keeps the guest — is erased by erase, the check and the erasure
 * in one transaction a guest, so that no write holds the book long. Stops at the first failure (the guests before it stay
 * erased; store_errmsg says which failed). *done counts the guests erased, *kept those no
 * longer due. */
enum store_status privacy_store_sweep(struct store *st, struct date today, int years,
				      const struct privacy_due *due, size_t n, privacy_erase_fn erase,
				      void *ctx, size_t *done, size_t *kept);

struct strv;
/* The query plans of the list, the count and the sweep's check, for the tests that prove they
 * read each guest's last visit and contacts by index (store_explain's lines). */
enum store_status privacy_store_explain(struct store *st, struct strv *out);

#endif
