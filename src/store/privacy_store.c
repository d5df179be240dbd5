/* privacy_store.c — see privacy_store.h. */
#include "store/privacy_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/store_int.h"

struct date privacy_cutoff(struct date today, int years)
{
	struct date d = {today.y - years, today.m, today.d};
	if (d.m == 2 && d.d == 29 && !date_is_leap(d.y))
		d.d = 28;
	return d;
}

/* A guest g due with ?1 the day after the cutoff: nothing of theirs on or after it (a guest
 * merged into another is due with that one, which has its visits and contacts), and no
 * complaint still being handled (an erasure asks first then: a person decides, never the
 * sweep; complaint_guest finds them). Stamps
 * (created_at, contact.at) are "YYYY-MM-DD HH:MM:SS" and compare as text with a day. The
 * guest's last visit is one look-up of guest_last; contacts are read by contact_guest. */
#define DUE_WHERE                                                                               \
	"g.anonymised = 0 AND g.merged_into IS NULL AND g.created_at < ?1 AND "                 \
	"NOT EXISTS (SELECT 1 FROM guest_last l WHERE l.guest_id = g.id AND l.date >= ?1) AND " \
	"NOT EXISTS (SELECT 1 FROM contact c WHERE c.guest_id = g.id AND c.at >= ?1) AND "     \
	"NOT EXISTS (SELECT 1 FROM complaint k WHERE k.guest_id = g.id AND "                    \
	"k.status <> 'closed')"

/* Binds the day after privacy_cutoff(today, years) as ?1 of s. */
static void bind_after(sqlite3_stmt *s, struct date today, int years)
{
	char day[11];
	date_format(date_add_days(privacy_cutoff(today, years), 1), day);
	sqlite3_bind_text(s, 1, day, -1, SQLITE_TRANSIENT);
}

static enum store_status bad_years(struct store *st, int years)
{
	return store_fail(st, ST_INVALID, "privacy.retain_years: %d is not a number of years",
			  years);
}

static const char due_list[] =
	"SELECT g.id, g.name, (SELECT l.date FROM guest_last l WHERE l.guest_id = g.id), "
	"(SELECT max(c.at) FROM contact c WHERE c.guest_id = g.id), g.created_at "
	"FROM guest g WHERE " DUE_WHERE " ORDER BY g.id";
static const char due_count[] = "SELECT count(*) FROM guest g WHERE " DUE_WHERE;
static const char due_one[] = "SELECT 1 FROM guest g WHERE g.id = ?2 AND " DUE_WHERE;

static enum store_status read_due(struct store *st, struct date today, int years,
				  struct privacy_due **due, size_t *n)
{
	sqlite3_stmt *s = store_prep(st, due_list);
	if (!s)
		return ST_IO;
	bind_after(s, today, years);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)due, *n + 1, &cap, sizeof **due);
		struct privacy_due *d = &(*due)[(*n)++];
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(s, 0);
		d->name = store_col_text(s, 1);
		store_col_copy(s, 2, d->last_visit, sizeof d->last_visit);
		store_col_copy(s, 3, d->last_contact, sizeof d->last_contact);
		store_col_copy(s, 4, d->created, sizeof d->created);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "privacy sweep");
}

enum store_status privacy_store_due(struct store *st, struct date today, int years,
				    struct privacy_due **due, size_t *n)
{
	*due = NULL;
	*n = 0;
	if (years < 1)
		return bad_years(st, years);
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	rs = read_due(st, today, years, due, n);
	store_snapshot_end(st);
	if (rs != ST_OK) { /* never a partial list taken for the whole */
		privacy_due_free(*due, *n);
		*due = NULL;
		*n = 0;
	}
	return rs;
}

enum store_status privacy_store_due_count(struct store *st, struct date today, int years,
					  int64_t *count)
{
	*count = 0;
	if (years < 1)
		return bad_years(st, years);
	sqlite3_stmt *s = store_prep(st, due_count);
	if (!s)
		return ST_IO;
	bind_after(s, today, years);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "privacy sweep", &row);
	if (rs != ST_OK)
		return rs;
	*count = row ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return ST_OK;
}

void privacy_due_free(struct privacy_due *due, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(due[i].name);
	free(due);
}

/* Whether guest id is still due (read just before its erase). */
static enum store_status still_due(struct store *st, struct date today, int years, int64_t id,
				   bool *due)
{
	sqlite3_stmt *s = store_prep(st, due_one);
	if (!s)
		return ST_IO;
	bind_after(s, today, years);
	sqlite3_bind_int64(s, 2, id);
	enum store_status rs = store_step_maybe(st, s, "privacy sweep", due);
	if (rs == ST_OK)
		sqlite3_reset(s);
	return rs;
}

enum store_status privacy_store_sweep(struct store *st, struct date today, int years,
				      const struct privacy_due *due, size_t n, privacy_erase_fn erase,
				      void *ctx, size_t *done, size_t *kept)
{
	*done = *kept = 0;
	if (years < 1)
		return bad_years(st, years);
	char day[11], *reason;
	date_format(privacy_cutoff(today, years), day);
	reason = xasprintf("retention: no visit or contact after %s (privacy.retain_years %d)", day,
			   years);
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < n && rs == ST_OK; i++) {
		/* the check and the erasure in one transaction: a visit entered meanwhile on
		 * another terminal either comes first and keeps the guest, or waits */
		bool still = false;
		if ((rs = store_begin(st)) != ST_OK)
			break;
		store_audit_op(st, "sweep", 0);
		if ((rs = still_due(st, today, years, due[i].id, &still)) == ST_OK && still)
			rs = erase(st, due[i].id, reason, ctx);
		if ((rs = store_end(st, rs)) == ST_OK)
			*(still ? done : kept) += 1;
	}
	free(reason);
	return rs;
}

enum store_status privacy_store_explain(struct store *st, struct strv *out)
{
	static const char *const names[] = {"due_list", "due_count", "due_one"};
	const char *const all[] = {due_list, due_count, due_one};
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < sizeof all / sizeof all[0] && rs == ST_OK; i++)
		rs = store_explain(st, names[i], all[i], out);
	return rs;
}
