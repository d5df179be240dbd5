/* store_bulk.h — loading a new database in bulk (maitre demo). */
#ifndef MAITRE_STORE_BULK_H
#define MAITRE_STORE_BULK_H

#include "store/store.h"

/* Bulk loading into a new database (STORE_BULK only): store_bulk_begin drops the secondary
 * indexes and the triggers (keeping their definitions) so that rows go in without index upkeep,
 * and store_bulk_end builds them again, each in one sorted pass, and fills the table of monthly
 * figures the triggers keep (guest_month) from the visits: it is not kept in between. New
 * guests' search keys are kept in memory meanwhile; store_bulk_end sorts and writes them on a
 * second thread into a scratch file beside the database (DB-keys) while it builds the indexes,
 * then copies them in. Between the two, lookups that would use those indexes scan instead: the
 * loader must not depend on them (a phone check with force). A process that dies in between
 * leaves a database without those indexes: bulk loading is for new databases only. From
 * store_bulk_begin on, the connection's page cache is 64 MB (the memory of a load is bounded
 * by it and the staged keys, not by the size of the book). The counts of visit writes by month
 * (visit_month_stamp, kept by triggers too) are not kept for the load's visits: store_bulk_end
 * forgets every month the dashboard stored (report_month_cache, whose only check they are), and
 * a month stored afterwards is stamped with counts that the restored triggers raise at each
 * later visit write, which is all its check needs. */
enum store_status store_bulk_begin(struct store *st);
enum store_status store_bulk_end(struct store *st);

/* Defers, inside a write transaction, the search keys of the guests that search_store_index
 * adds (new guests: an import of a book), staged as bulk loading stages them, and writes them in
 * key order whenever a few hundred thousand (key, guest) pairs are staged: one by one they land at random places of search_key, and each insert pays for a
 * walk down it (100,000 guests, 2 million keys: 4.6 s, 1.5 s sorted). Whatever reads
 * search_key meanwhile calls store_keys_flush first (match_store_guest; search_store_index
 * for a guest already stored). ST_INVALID while bulk loading or deferring already. */
enum store_status store_keys_defer(struct store *st);
/* Writes the keys deferred so far (nothing when none are). */
enum store_status store_keys_flush(struct store *st);
/* Ends the deferral: writes what is still deferred (write, before the commit) or drops it (the
 * transaction rolled back). */
enum store_status store_keys_defer_end(struct store *st, bool write);

/* Adds the visit v (visit_validate'd here; its guest must exist, which is not checked) between
 * store_bulk_begin and store_bulk_end as visit_store_add would write it (no audit row, as no
 * bulk write has one) and sets v->id, without a transaction of its own: the caller's. The
 * figures the visit triggers would keep (guest_month, guest_last) are summed in memory instead
 * and written a month at a time as the visits move on (written in month order, each month's
 * figures are written once) and at store_bulk_end, which refills them from the visit table
 * instead when some visit of it did not come through here. Visits written here must not be
 * changed or voided before store_bulk_end; visit_month_stamp does not count them (see
 * store_bulk_begin). ST_INVALID for a visit that fails visit_validate or
 * outside bulk loading. */
struct visit;
enum store_status store_bulk_visit(struct store *st, struct visit *v);

#endif
