/* tier_rules_store.c — the rules each month was computed with (tier_rules_store.h). */
#include "store/tier_rules_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

enum store_status tier_rules_store_last(struct store *st, struct date m,
                                        struct tier_rules_record *out, bool *found)
{
	/* the primary key (month) finds it: no scan */
	static const char *sql =
	    "SELECT r.month, r.rules_version, v.hash, v.label, r.canonical, v.content "
	    "FROM tier_month_rules r JOIN tier_rules_version v ON v.id = r.rules_version "
	    "WHERE r.month <= ?1 ORDER BY r.month DESC LIMIT 1";
	char mk[8];
	memset(out, 0, sizeof *out);
	*found = false;
	date_month_key(m, mk);
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, mk, -1, SQLITE_STATIC);
	enum store_status rs = store_step_maybe(st, s, "rules of a month", found);
	if (rs != ST_OK)
		return rs;
	if (*found) {
		store_col_copy(s, 0, out->month, sizeof out->month);
		out->version = sqlite3_column_int64(s, 1);
		store_col_copy(s, 2, out->hash, sizeof out->hash);
		store_col_copy(s, 3, out->label, sizeof out->label);
		out->canonical =
		    sqlite3_column_type(s, 4) == SQLITE_NULL ? NULL : store_col_text(s, 4);
		out->content = store_col_text(s, 5);
	}
	sqlite3_reset(s);
	return ST_OK;
}

void tier_rules_record_free(struct tier_rules_record *r)
{
	free(r->canonical);
	free(r->content);
	memset(r, 0, sizeof *r);
}

enum store_status tier_rules_store_record(struct store *st, struct date m, int64_t version,
                                          const char *canonical)
{
	static const char *sql = "INSERT OR REPLACE INTO tier_month_rules(month, rules_version, "
	                         "canonical, recorded_at) VALUES (?1, ?2, ?3, ?4)";
	char mk[8];
	date_month_key(m, mk);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s) {
		store_rollback(st);
		return ST_IO;
	}
	sqlite3_bind_text(s, 1, mk, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, version);
	sqlite3_bind_text(s, 3, canonical, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, store_now(st), -1, SQLITE_TRANSIENT);
	return store_end(st, store_step_done(st, s, "rules of a month"));
}
