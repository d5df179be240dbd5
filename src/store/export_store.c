/* export_store.c — see export_store.h. */
#include "store/export_store.h"

#include <stdlib.h>

#include "store/store_int.h"

const char *const export_records_names[EXPORT_RECORDS_COUNT] = {
	"contacts", "gifts", "banquets", "alerts", "tier_overrides",
};

enum store_status export_store_next_guest(struct store *st, int64_t after, int64_t *id)
{
	/* the book's guests: not one merged into another (the one it became is exported, its id
	 * answering for both), nor one erased (nobody: its visits are in the visits' export) */
	sqlite3_stmt *s = store_prep(st, "SELECT id FROM guest WHERE id > ?1 AND merged_into IS "
					 "NULL AND anonymised = 0 ORDER BY id LIMIT 1");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, after);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "guests", &row);
	if (rs != ST_OK)
		return rs;
	if (row)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return row ? ST_OK : ST_NOTFOUND;
}

enum store_status export_store_first_phone(struct store *st, int64_t guest_id, char **number)
{
	sqlite3_stmt *s = store_prep(st, "SELECT number FROM phone WHERE guest_id = ?1 "
					 "ORDER BY id LIMIT 1");
	*number = NULL;
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, guest_id);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "phones", &row);
	if (rs != ST_OK)
		return rs;
	if (row)
		*number = store_col_text(s, 0);
	sqlite3_reset(s);
	return ST_OK;
}

/* Each kind's query (?1 the guest id): its columns named as the JSON keys, staff as logins,
 * oldest first. */
static const char *const records_sql[EXPORT_RECORDS_COUNT] = {
	"SELECT c.id, c.at, s.login AS staff, c.channel, c.outcome, c.feedback FROM contact c "
	"JOIN staff s ON s.id = c.staff_id WHERE c.guest_id = ?1 ORDER BY c.at, c.id",
	"SELECT g.id, g.occasion, g.person, g.year, g.value_fen, g.note, g.given_at, "
	"s.login AS staff FROM gift g JOIN staff s ON s.id = g.staff_id WHERE g.guest_id = ?1 "
	"ORDER BY g.given_at, g.id",
	"SELECT b.id, b.date, b.host, b.tables, b.budget_fen, b.actual_fen, b.note, "
	"s.login AS staff, b.created_at FROM banquet b JOIN staff s ON s.id = b.staff_id "
	"WHERE b.guest_id = ?1 ORDER BY b.date, b.id",
	"SELECT a.id, a.month, a.light, a.reason, a.tier, a.feedback, a.feedback_at, "
	"a.created_at, a.closed_at, a.outcome FROM alert a WHERE a.guest_id = ?1 ORDER BY a.id",
	"SELECT o.id, o.tier, o.grp, o.reason, o.until_month, s.login AS created_by, o.created_at, "
	"o.cleared_at FROM tier_override o JOIN staff s ON s.id = o.created_by "
	"WHERE o.guest_id = ?1 ORDER BY o.id",
};

enum store_status export_store_records(struct store *st, int64_t guest_id, enum export_records r,
				       void (*fn)(const struct export_value *v, int n, void *ctx),
				       void *ctx)
{
	sqlite3_stmt *s = store_prep(st, records_sql[r]);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, guest_id);
	int n = sqlite3_column_count(s), rc;
	struct export_value v[16];
	if (n > 16)
		n = 16;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			v[i].key = sqlite3_column_name(s, i);
			v[i].value = (const char *)sqlite3_column_text(s, i);
			v[i].number = sqlite3_column_type(s, i) == SQLITE_INTEGER;
		}
		fn(v, n, ctx);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, export_records_names[r]);
}
