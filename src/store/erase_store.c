/* erase_store.c — a guest's erasure on request and the deletion of a guest entered by mistake
 * (erase_store.h). */
#include "store/erase_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/strv.h"
#include "core/xalloc.h"
#include "store/audit_store.h"
#include "store/guest_store.h"
#include "store/search_store.h"
#include "store/store_int.h"

/* What a guest has: the sheet's name and state, then the counts in erase_plan's order. */
static const char plan_sql[] =
	"SELECT g.name, g.anonymised, "
	"(SELECT count(*) FROM visit WHERE guest_id = ?1), "
	"(SELECT count(*) FROM complaint WHERE guest_id = ?1), "
	"(SELECT count(*) FROM contact WHERE guest_id = ?1), "
	"(SELECT count(*) FROM alert WHERE guest_id = ?1), "
	"(SELECT count(*) FROM gift WHERE guest_id = ?1), "
	"(SELECT count(*) FROM banquet WHERE guest_id = ?1), "
	"(SELECT count(*) FROM tier_month_row WHERE guest_id = ?1), "
	"(SELECT count(*) FROM tier_override WHERE guest_id = ?1), "
	"(SELECT count(DISTINCT c.batch_id) FROM import_change c JOIN import_batch b ON "
	" b.id = c.batch_id WHERE c.guest_id = ?1 AND b.undone_at IS NULL), "
	"(SELECT count(*) FROM phone WHERE guest_id = ?1), "
	"(SELECT count(*) FROM preference WHERE guest_id = ?1), "
	"(SELECT count(*) FROM special_date WHERE guest_id = ?1), "
	"(SELECT count(*) FROM person WHERE guest_id = ?1), "
	"(SELECT count(*) FROM tag WHERE guest_id = ?1), "
	"(SELECT count(*) FROM note WHERE guest_id = ?1), "
	"(SELECT count(*) FROM guest_merge WHERE keep_id = ?1 OR other_id = ?1) "
	"FROM guest g WHERE g.id = ?1";
/* The erasure recorded (audit_chain_erase's 'reason' row): when, who, why. */
static const char erasure_sql[] =
	"SELECT a.at, s.login, a.new FROM audit a LEFT JOIN staff s ON s.id = a.staff_id "
	"WHERE a.entity = 'guest' AND a.entity_id = ?1 AND a.action = 'erase' AND "
	"a.field = 'reason' ORDER BY a.id DESC LIMIT 1";
static const char open_sql[] = "SELECT id, status FROM complaint WHERE guest_id = ?1 AND "
			       "status <> 'closed' ORDER BY id";

static enum store_status read_erasure(struct store *st, struct erase_plan *p)
{
	sqlite3_stmt *s = store_prep(st, erasure_sql);
	bool row = false;
	enum store_status rs;
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, p->guest_id);
	if ((rs = store_step_maybe(st, s, "erasure", &row)) != ST_OK || !row)
		return rs;
	store_col_copy(s, 0, p->erased_at, sizeof p->erased_at);
	store_col_copy(s, 1, p->erased_by, sizeof p->erased_by);
	p->reason = store_col_text(s, 2);
	sqlite3_reset(s);
	return ST_OK;
}

static enum store_status read_open(struct store *st, struct erase_plan *p)
{
	sqlite3_stmt *s = store_prep(st, open_sql);
	size_t cap = 0;
	int rc;
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, p->guest_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&p->open, p->n_open + 1, &cap, sizeof *p->open);
		struct erase_open_complaint *c = &p->open[p->n_open++];
		c->id = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, c->status, sizeof c->status);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "complaint");
}

enum store_status erase_store_plan(struct store *st, int64_t id, struct erase_plan *p)
{
	memset(p, 0, sizeof *p);
	p->guest_id = id;
	sqlite3_stmt *s;
	enum store_status rs = store_row(st, plan_sql, "guest", id, &s);
	if (rs != ST_OK)
		return rs;
	p->name = store_col_text(s, 0);
	p->erased = sqlite3_column_int(s, 1) != 0;
	int64_t *counts[] = {&p->visits, &p->complaints, &p->contacts, &p->alerts,
			     &p->gifts,  &p->banquets,   &p->tier_rows, &p->overrides,
			     &p->imports, &p->phones,    &p->prefs,     &p->dates,
			     &p->people, &p->tags,       &p->notes,  &p->merges};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
		*counts[i] = sqlite3_column_int64(s, 2 + (int)i);
	sqlite3_reset(s);
	if ((p->erased && (rs = read_erasure(st, p)) != ST_OK) || (rs = read_open(st, p)) != ST_OK)
		erase_plan_free(p);
	return rs;
}

void erase_plan_free(struct erase_plan *p)
{
	free(p->name);
	free(p->reason);
	free(p->open);
	p->name = p->reason = NULL;
	p->open = NULL;
	p->n_open = 0;
}

/* What keeps p's guest from being deleted, "3 visits, 1 complaint", into b (empty: nothing). */
static void holdings(const struct erase_plan *p, struct sbuf *b)
{
	const struct {
		int64_t n;
		const char *one, *many;
	} what[] = {
		{p->visits, "visit", "visits"},
		{p->complaints, "complaint", "complaints"},
		{p->contacts, "contact", "contacts"},
		{p->alerts, "alert", "alerts"},
		{p->gifts, "gift", "gifts"},
		{p->banquets, "banquet", "banquets"},
		{p->tier_rows, "month's tier", "months' tiers"},
		{p->overrides, "tier override", "tier overrides"},
		{p->imports, "import batch in force (undo it instead)",
		 "import batches in force (undo them instead)"},
		{p->merges, "merge", "merges"},
	};
	for (size_t i = 0; i < sizeof what / sizeof what[0]; i++)
		if (what[i].n)
			sbuf_printf(b, "%s%lld %s", b->len ? ", " : "", (long long)what[i].n,
				    what[i].n == 1 ? what[i].one : what[i].many);
}

bool erase_plan_deletable(const struct erase_plan *p)
{
	struct sbuf b = {0};
	holdings(p, &b);
	bool empty = b.len == 0;
	sbuf_free(&b);
	return empty;
}

/* Runs sql with ?1 bound to id; adds the rows it changed to *changed when not NULL. */
static enum store_status run_for(struct store *st, const char *sql, int64_t id, int64_t *changed)
{
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	enum store_status rs = store_step_done(st, s, "erase");
	if (rs == ST_OK && changed)
		*changed += sqlite3_changes(st->db);
	return rs;
}

/* The lists of the sheet, each row deleted (a person's own preferences and dates are the
 * guest's rows too). */
static const char *const item_sqls[] = {
	"DELETE FROM phone WHERE guest_id = ?1",
	"DELETE FROM preference WHERE guest_id = ?1",
	"DELETE FROM special_date WHERE guest_id = ?1",
	"DELETE FROM person WHERE guest_id = ?1",
	"DELETE FROM tag WHERE guest_id = ?1",
	"DELETE FROM note WHERE guest_id = ?1",
};

/* The values an import batch recorded of the guest's sheet (a batch undone since keeps its
 * rows, and they keep no guest's text once the guest is erased or deleted). */
#define IMPORT_CHANGE_FORGET                                                                    \
	"UPDATE import_change SET old = NULL, new = NULL WHERE guest_id = ?1 AND "               \
	"(old IS NOT NULL OR new IS NOT NULL)"

/* The free text about the guest in the rows that stay (their dates, figures, states and who
 * handled them stay: the reports count them). A text that may not be empty reads
 * "[erased]"; a gift's occasion stays when it is a kind (birthday), not a date's own label. */
static const char *const text_sqls[] = {
	"UPDATE visit SET notes = NULL, void_reason = CASE WHEN coalesce(void_reason, '') = '' "
	"THEN void_reason ELSE '" AUDIT_ERASED "' END WHERE guest_id = ?1 AND "
	"(notes IS NOT NULL OR coalesce(void_reason, '') <> '')",
	"UPDATE complaint SET description = '" AUDIT_ERASED "', staff_involved = NULL, "
	"resolution = NULL, followup_note = NULL WHERE guest_id = ?1",
	"UPDATE complaint_event SET note = NULL WHERE note IS NOT NULL AND complaint_id IN "
	"(SELECT id FROM complaint WHERE guest_id = ?1)",
	"UPDATE alert SET feedback = NULL, outcome = NULL WHERE guest_id = ?1 AND "
	"(feedback IS NOT NULL OR outcome IS NOT NULL)",
	"UPDATE alert_action SET text = '" AUDIT_ERASED "' WHERE alert_id IN "
	"(SELECT id FROM alert WHERE guest_id = ?1)",
	"UPDATE contact SET outcome = NULL, feedback = NULL WHERE guest_id = ?1 AND "
	"(outcome IS NOT NULL OR feedback IS NOT NULL)",
	"UPDATE gift SET person = NULL, note = NULL, occasion = CASE WHEN occasion = 'birthday' "
	"OR occasion = 'anniversary' OR occasion = 'other' THEN occasion ELSE '" AUDIT_ERASED
	"' END WHERE guest_id = ?1",
	"UPDATE banquet SET host = NULL, note = NULL WHERE guest_id = ?1 AND "
	"(host IS NOT NULL OR note IS NOT NULL)",
	"UPDATE tier_override SET reason = '" AUDIT_ERASED "' WHERE guest_id = ?1",
	IMPORT_CHANGE_FORGET,
};

/* The guest's columns an erasure keeps: the row's identity and bookkeeping, and (a merge's
 * column) where a merged guest went. Every other column that may be NULL becomes NULL, the
 * ones added later included. */
static bool kept_column(const char *col)
{
	static const char *const kept[] = {"id", "name", "anonymised", "version", "created_at",
					   "updated_at", "created_by", "merged_into"};
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
		if (strcmp(col, kept[i]) == 0)
			return true;
	return false;
}

/* The sheet's row anonymised: the name "erased #ID", every other field NULL, the version up
 * (an import's undo or an edit begun before then finds the guest changed). */
static enum store_status anonymise_row(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_prep(st, "SELECT name, \"notnull\" FROM pragma_table_info('guest')");
	struct sbuf b = {0};
	int rc;
	if (!s)
		return ST_IO;
	sbuf_add(&b, "UPDATE guest SET name = ?2, anonymised = 1, version = version + 1, "
		     "updated_at = ?3");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(s, 0);
		if (col && !sqlite3_column_int(s, 1) && !kept_column(col))
			sbuf_printf(&b, ", \"%s\" = NULL", col);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		sbuf_free(&b);
		return store_sqlfail(st, rc, "guest");
	}
	sbuf_add(&b, " WHERE id = ?1");
	char name[48];
	snprintf(name, sizeof name, ERASED_NAME_FMT, (long long)id);
	sqlite3_stmt *u = NULL;
	/* not through store_prep: the text depends on the schema, it is run once an erasure */
	rc = sqlite3_prepare_v2(st->db, b.s, -1, &u, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(u, 1, id);
		sqlite3_bind_text(u, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(u, 3, store_now(st), -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(u);
	}
	sqlite3_finalize(u);
	sbuf_free(&b);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? ST_OK : store_sqlfail(st, rc, "guest");
}

/* What a merge of id recorded of the sheets it changed: a field's value before, an item's
 * text (guest_merge_row.old); the ids and what moved stay. */
static const char merge_rows_sql[] =
	"UPDATE guest_merge_row SET old = NULL WHERE old IS NOT NULL AND merge_id IN "
	"(SELECT id FROM guest_merge WHERE keep_id = ?1 OR other_id = ?1)";

/* The lists, the free text and the row of guest id, anonymised. */
static enum store_status erase_person(struct store *st, int64_t id, struct erase_result *r)
{
	enum store_status rs = ST_OK;
	for (size_t i = 0; rs == ST_OK && i < sizeof item_sqls / sizeof item_sqls[0]; i++)
		rs = run_for(st, item_sqls[i], id, &r->items);
	for (size_t i = 0; rs == ST_OK && i < sizeof text_sqls / sizeof text_sqls[0]; i++)
		rs = run_for(st, text_sqls[i], id, &r->texts);
	if (rs == ST_OK)
		rs = run_for(st, merge_rows_sql, id, &r->texts);
	if (rs == ST_OK)
		rs = anonymise_row(st, id);
	return rs;
}

static enum store_status erase_in(struct store *st, int64_t id, const char *reason,
				  struct erase_result *r)
{
	struct guest g;
	enum store_status rs = guest_store_get(st, id, &g);
	if (rs != ST_OK)
		return rs;
	if (g.anonymised) {
		guest_free(&g);
		return store_fail(st, ST_CONFLICT, "guest %lld is erased already", (long long)id);
	}
	int64_t to;
	if ((rs = guest_store_resolve(st, id, &to)) == ST_OK && to != id)
		rs = store_fail(st, ST_CONFLICT, "guest %lld was merged into %lld: erase %lld",
				(long long)id, (long long)to, (long long)to);
	if (rs != ST_OK) {
		guest_free(&g);
		return rs;
	}
	if (!st->op[0])
		store_audit_op(st, "erase", id);
	/* the guests merged into this one first (the same person; their rows keep their own
	 * sheets, their audit rows are this one's history already: AUDIT_OF_GUEST) */
	int64_t *merged = NULL;
	size_t nmerged = 0;
	rs = guest_store_merged(st, id, &merged, &nmerged);
	for (size_t i = 0; rs == ST_OK && i < nmerged; i++)
		rs = erase_person(st, merged[i], r);
	free(merged);
	if (rs == ST_OK)
		rs = erase_person(st, id, r);
	if (rs == ST_OK)
		rs = search_store_forget(st, &g);
	if (rs == ST_OK)
		rs = audit_chain_erase(st, id, reason, &r->audit_rows);
	guest_free(&g);
	return rs;
}

enum store_status erase_store_guest(struct store *st, int64_t id, const char *reason,
				    struct erase_result *r)
{
	memset(r, 0, sizeof *r);
	if (!reason || !reason[0])
		return store_fail(st, ST_INVALID, "reason: required (why the guest is erased)");
	/* what is deleted or overwritten from now on is zeroed in the file (and its log) */
	enum store_status rs = store_exec(st, "PRAGMA secure_delete = ON");
	if (rs != ST_OK || (rs = store_begin(st)) != ST_OK)
		return rs;
	rs = erase_in(st, id, reason, r);
	return store_end(st, rs);
}

enum store_status erase_store_scrub(struct store *st, bool *checkpointed)
{
	*checkpointed = false;
	if (st->txdepth > 0)
		return store_fail(st, ST_IO, "internal: scrub inside a transaction");
	enum store_status rs = store_exec(st, "PRAGMA secure_delete = ON");
	if (rs != ST_OK || (rs = store_begin(st)) != ST_OK)
		return rs;
	rs = store_exec(st, "INSERT INTO search_text(search_text) VALUES ('optimize')");
	if ((rs = store_end(st, rs)) != ST_OK)
		return rs;
	/* busy (the first column) when a reader kept the log; -1 frames when not in WAL mode */
	sqlite3_stmt *s = store_prep(st, "PRAGMA wal_checkpoint(TRUNCATE)");
	bool row = false;
	if (!s)
		return ST_IO;
	if ((rs = store_step_maybe(st, s, "checkpoint", &row)) != ST_OK)
		return rs;
	*checkpointed = row && sqlite3_column_int(s, 0) == 0;
	sqlite3_reset(s);
	return ST_OK;
}

enum store_status erase_store_delete(struct store *st, int64_t id)
{
	/* what is deleted is overwritten in the file, as an erasure's is */
	enum store_status rs = store_exec(st, "PRAGMA secure_delete = ON");
	if (rs == ST_OK)
		rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	struct erase_plan p;
	struct guest g;
	if ((rs = erase_store_plan(st, id, &p)) != ST_OK)
		return store_end(st, rs);
	struct sbuf b = {0};
	holdings(&p, &b);
	if (b.len) {
		rs = store_fail(st, ST_CONFLICT, "guest %lld has %s: only a guest entered by "
				"mistake, with none of these, is deleted; `maitre guest erase %lld "
				"--reason ...` keeps the totals and takes the rest",
				(long long)id, b.s, (long long)id);
	} else if ((rs = guest_store_get(st, id, &g)) == ST_OK) {
		store_audit_op(st, "delete", id);
		if ((rs = search_store_forget(st, &g)) == ST_OK &&
		    (rs = run_for(st, "DELETE FROM search_probe WHERE guest_id = ?1", id, NULL)) ==
			    ST_OK &&
		    (rs = run_for(st, "DELETE FROM guest_last WHERE guest_id = ?1", id, NULL)) ==
			    ST_OK &&
		    (rs = run_for(st, IMPORT_CHANGE_FORGET, id, NULL)) == ST_OK &&
		    (rs = run_for(st, "DELETE FROM guest WHERE id = ?1", id, NULL)) == ST_OK) {
			/* the person entered by mistake is not kept in the audit either: its
			 * rows read [erased], the deletion says who and when, not the name */
			int64_t n;
			if ((rs = audit_chain_erase(st, id, "deleted: entered by mistake", &n)) ==
			    ST_OK)
				rs = store_audit(st, "guest", id, "delete", NULL, NULL, NULL);
		}
		guest_free(&g);
	}
	sbuf_free(&b);
	erase_plan_free(&p);
	return store_end(st, rs);
}
