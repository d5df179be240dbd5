/* guest_store.h — storing and reading the guest sheet. */
#ifndef MAITRE_GUEST_STORE_H
#define MAITRE_GUEST_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/guest.h"
#include "store/store.h"

/* Stores g in one transaction, with an audit row for every change and fresh search keys.
 * g->id == 0: creates the guest; g->id and g->version are set, and the ids of every list item.
 * g->id != 0: updates the guest, provided its stored version is still expected_version
 * (ST_CONFLICT otherwise, nothing written): scalar fields and list items are compared with
 * what is stored, and only differences are written. Items with id 0 are added, stored items
 * missing from g are removed. A note added is by the staff member saving, now, unless it
 * carries its own at ("YYYY-MM-DD HH:MM:SS") and author (a login; the saver when nobody has
 * it), as an import of an exported book gives it.
 * A phone number whose digits already belong to another guest is refused with ST_DUPLICATE
 * (the owner's id in *dup_owner when not NULL) unless force_phone is true.
 * Bad input: ST_INVALID, with "field: reason" in store_errmsg(). A guest merged into another is
 * not saved: ST_CONFLICT, "guest 12 was merged into 7". */
enum store_status guest_store_save(struct store *st, struct guest *g, int64_t expected_version,
				   bool force_phone, int64_t *dup_owner);

/* guest_store_save for someone who may not see (nor change) the parts keep of the sheet
 * (guest_field_set: the sensitive ones, for their role): inside the same transaction, each
 * field of keep is written as it is stored, whatever g holds, and with GUEST_BIRTH_YEAR each
 * birthday keeps its stored year (a birthday typed again for the same person keeps the year
 * of the one it replaces; a new one has none). So such a save never clears what it could not
 * see, nor undoes a change a manager saved meanwhile. g is left as stored. */
enum store_status guest_store_save_keeping(struct store *st, struct guest *g,
					   int64_t expected_version, bool force_phone,
					   int64_t *dup_owner, guest_field_set keep);

/* Reads guest id into out (initialised by this call; free with guest_free). ST_NOTFOUND when
 * there is no such guest. */
enum store_status guest_store_get(struct store *st, int64_t id, struct guest *out);

/* The guest (other than exclude_id, and not merged into another) holding a phone with the same digits as number: ST_OK and
 * *owner, or ST_NOTFOUND. */
enum store_status guest_store_phone_owner(struct store *st, const char *number, int64_t exclude_id,
					  int64_t *owner);

/* The guest id answers as now (issue 16): id itself, or for a guest merged into another (merged
 * chains followed to their end: A into B, then B into C, is C) the guest it became, into *to.
 * ST_NOTFOUND ("guest: no guest with id ID") when there is no such guest. Where a person reads
 * the answer, say so when *to differs: "guest 12 was merged into 7". */
enum store_status guest_store_resolve(struct store *st, int64_t id, int64_t *to);

/* The guests merged into id, those merged into them and so on (their rows keep their own
 * sheets), in id order, into a malloc'ed *ids (n of them; NULL and 0 when none). */
enum store_status guest_store_merged(struct store *st, int64_t id, int64_t **ids, size_t *n);

/* The stored display name of guest id into a malloc'ed *name (caller frees). */
enum store_status guest_store_name(struct store *st, int64_t id, char **name);
/* The staff id of guest id's sales manager into *staff_id (0: none); ST_NOTFOUND for no such
 * guest. Who may see a guest's sensitive fields depends on it (session_sees_guest). */
enum store_status guest_store_sales_manager(struct store *st, int64_t id, int64_t *staff_id);

/* Writes every stored phone again in the one rule's normal form (guest_phone_check) with its
 * digits as matched (guest_phone_digits), inside the caller's write transaction: for the
 * migration that introduced them. A number the rule refuses keeps its text. */
enum store_status guest_store_normalise_phones(struct store *st);

#endif
