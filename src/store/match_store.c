/* match_store.c — who a row of a guest book is (match_store.h). */
#include "store/match_store.h"

#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/text.h"
#include "store/store_bulk.h"
#include "store/store_int.h"

enum store_status match_store_staff(struct store *st, const char *text, char **login)
{
	static const char *sql =
		"SELECT login FROM staff WHERE login = ?1 COLLATE NOCASE "
		"UNION ALL SELECT login FROM staff WHERE display_name = ?1 "
		"AND NOT EXISTS (SELECT 1 FROM staff WHERE login = ?1 COLLATE NOCASE)";
	*login = NULL;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	store_bind_text(s, 1, text);
	struct strv found = {0};
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		strv_take(&found, store_col_text(s, 0));
	sqlite3_reset(s);
	enum store_status rs = ST_OK;
	if (rc != SQLITE_DONE) {
		rs = store_sqlfail(st, rc, "staff");
	} else if (found.n == 0) {
		rs = ST_NOTFOUND;
	} else if (found.n > 1) {
		struct sbuf b = {0};
		for (size_t i = 0; i < found.n; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "", found.v[i]);
		rs = store_fail(st, ST_INVALID, "%s is the display name of %zu staff: %s", text,
				found.n, b.s);
		sbuf_free(&b);
	} else {
		*login = xstrdup(found.v[0]);
	}
	strv_free(&found);
	return rs;
}

enum store_status match_store_guest(struct store *st, const char *name, const char *employer,
				    int64_t *id)
{
	/* the folded name is one of the guest's search keys (search_store.c, name_keys) */
	static const char *sql =
		"SELECT g.id FROM search_key k JOIN guest g ON g.id = k.guest_id "
		"WHERE k.key = ?1 AND g.name = ?2 AND g.employer = ?3 ORDER BY g.id LIMIT 1";
	if (!name || !*name || !employer || !*employer)
		return ST_NOTFOUND;
	enum store_status rs = store_keys_flush(st); /* the keys of guests just added */
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	char *key = text_fold(name);
	store_bind_text(s, 1, key);
	store_bind_text(s, 2, name);
	store_bind_text(s, 3, employer);
	free(key);
	bool row = false;
	rs = store_step_maybe(st, s, "guest", &row);
	if (rs == ST_OK && row)
		*id = sqlite3_column_int64(s, 0);
	if (rs == ST_OK)
		sqlite3_reset(s);
	return rs == ST_OK && !row ? ST_NOTFOUND : rs;
}

enum store_status match_store_guest_id(struct store *st, int64_t id)
{
	return store_guest_check(st, id);
}

enum store_status match_store_visit(struct store *st, int64_t guest_id, const char *date,
				    const char *meal, int covers, int64_t spend_fen)
{
	/* the partial index visit_live holds exactly these columns of the live visits */
	static const char *sql =
		"SELECT 1 FROM visit WHERE date = ?1 AND guest_id = ?2 AND meal = ?3 AND covers = ?4 "
		"AND spend_fen = ?5 AND voided_at IS NULL LIMIT 1";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	store_bind_text(s, 1, date);
	sqlite3_bind_int64(s, 2, guest_id);
	store_bind_text(s, 3, meal);
	sqlite3_bind_int(s, 4, covers);
	sqlite3_bind_int64(s, 5, spend_fen);
	bool row = false;
	enum store_status rs = store_step_maybe(st, s, "visit", &row);
	if (rs == ST_OK)
		sqlite3_reset(s);
	return rs == ST_OK && !row ? ST_NOTFOUND : rs;
}
