#include "store/complaint_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/strv.h"
#include "store/store_int.h"

#define COMPLAINT_COLS                                                                          \
	"c.id, c.guest_id, c.visit_id, c.at, c.opened_at, c.channel, c.category, c.severity, "   \
	"c.description, c.staff_involved, o.login, c.status, c.steps, c.acknowledged_at, "       \
	"c.resolved_at, c.resolution, c.compensation_fen, c.followed_up_at, c.verdict, "         \
	"c.followup_note, c.closed_at, cb.login, g.name, c.version "                              \
	"FROM complaint c JOIN guest g ON g.id = c.guest_id "                                    \
	"JOIN staff cb ON cb.id = c.created_by LEFT JOIN staff o ON o.id = c.owner "

/* The conditions of a listing; the list query is built from those a filter asks for. */
#define WHERE_GUEST "c.guest_id = :guest"
#define WHERE_OWNER "c.owner = :owner"
#define WHERE_OPEN "c.status IN ('open', 'acknowledged', 'resolved', 'followed_up')"
#define WHERE_OVERDUE                                                                       \
	"((c.status = 'open' AND c.opened_at < :open) OR "                                  \
	"(c.status = 'acknowledged' AND c.opened_at < :acknowledged) OR "                   \
	"(c.status = 'resolved' AND c.resolved_at < :resolved))"

static const char *const sql_prior =
	"SELECT 1 FROM complaint WHERE guest_id = ?1 AND at >= ?2 LIMIT 1";
static const char *const sql_events =
	"SELECT e.at, s.login, e.action, e.from_status, e.to_status, e.note, e.amount_fen, "
	"e.verdict FROM complaint_event e JOIN staff s ON s.id = e.staff_id "
	"WHERE e.complaint_id = ?1 ORDER BY e.id";
static const char *const sql_get = "SELECT " COMPLAINT_COLS "WHERE c.id = ?1";

static int col_index(sqlite3_stmt *s, int i, int (*from_name)(const char *), int fallback)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	int v = t ? from_name((const char *)t) : -1;
	return v < 0 ? fallback : v;
}

static void read_row(sqlite3_stmt *s, struct complaint *c)
{
	complaint_init(c);
	c->id = sqlite3_column_int64(s, 0);
	c->guest_id = sqlite3_column_int64(s, 1);
	c->visit_id = sqlite3_column_int64(s, 2);
	store_col_copy(s, 3, c->at, sizeof c->at);
	store_col_copy(s, 4, c->opened_at, sizeof c->opened_at);
	c->channel = (enum complaint_channel)col_index(s, 5, complaint_channel_from_name, CH_OTHER);
	c->category =
		(enum complaint_category)col_index(s, 6, complaint_category_from_name, CC_OTHER);
	c->severity = (enum severity)col_index(s, 7, severity_from_name, SEV_NONE);
	c->description = store_col_text(s, 8);
	c->staff_involved = store_col_text(s, 9);
	c->owner = store_col_text(s, 10);
	c->status = (enum complaint_status)col_index(s, 11, complaint_status_from_name, CS_OPEN);
	c->steps = (unsigned)sqlite3_column_int(s, 12) & COMPLAINT_ALL_STEPS;
	store_col_copy(s, 13, c->acknowledged_at, sizeof c->acknowledged_at);
	store_col_copy(s, 14, c->resolved_at, sizeof c->resolved_at);
	c->resolution = store_col_text(s, 15);
	c->has_compensation = sqlite3_column_type(s, 16) != SQLITE_NULL;
	c->compensation_fen = sqlite3_column_int64(s, 16);
	store_col_copy(s, 17, c->followed_up_at, sizeof c->followed_up_at);
	c->verdict = (enum complaint_verdict)col_index(s, 18, complaint_verdict_from_name, CV_NONE);
	c->followup_note = store_col_text(s, 19);
	store_col_copy(s, 20, c->closed_at, sizeof c->closed_at);
	c->created_by = store_col_text(s, 21);
	c->guest_name = store_col_text(s, 22);
	c->version = sqlite3_column_int64(s, 23);
}

/* Inserts one timeline row. from/to: enum complaint_status or -1; amount −1: none. */
static enum store_status add_event(struct store *st, int64_t id, const char *now, int64_t me,
				   const char *action, int from, int to, const char *note,
				   int64_t amount, enum complaint_verdict verdict)
{
	static const char *sql =
		"INSERT INTO complaint_event(complaint_id, at, staff_id, action, from_status, "
		"to_status, note, amount_fen, verdict) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, me);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_STATIC);
	store_bind_text(s, 5, from >= 0 ? complaint_status_names[from] : NULL);
	store_bind_text(s, 6, to >= 0 ? complaint_status_names[to] : NULL);
	store_bind_text(s, 7, note);
	if (amount >= 0)
		sqlite3_bind_int64(s, 8, amount);
	store_bind_text(s, 9, verdict != CV_NONE ? complaint_verdict_names[verdict] : NULL);
	return store_step_done(st, s, "complaint event");
}

/* The visit's guest and whether it is void; ST_NOTFOUND when there is no such visit. */
static enum store_status check_visit(struct store *st, int64_t visit_id, int64_t guest_id)
{
	sqlite3_stmt *s = store_prep(st, "SELECT guest_id, voided_at IS NOT NULL FROM visit "
					 "WHERE id = ?1");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, visit_id);
	enum store_status rs = store_step_ref(st, s, "visit", visit_id);
	if (rs != ST_OK)
		return rs;
	int64_t owner = sqlite3_column_int64(s, 0);
	bool voided = sqlite3_column_int(s, 1) != 0;
	sqlite3_reset(s);
	if (owner != guest_id)
		return store_fail(st, ST_INVALID,
				  "visit: visit %lld is guest %lld's, not guest %lld's",
				  (long long)visit_id, (long long)owner, (long long)guest_id);
	if (voided)
		return store_fail(st, ST_INVALID, "visit: visit %lld is void", (long long)visit_id);
	return ST_OK;
}

enum store_status complaint_store_add(struct store *st, struct complaint *c)
{
	static const char *sql =
		"INSERT INTO complaint(guest_id, visit_id, at, opened_at, channel, category, "
		"severity, description, staff_involved, owner, status, created_by) "
		"VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'open', ?10)";
	char now[20];
	struct error why;
	int64_t me, owner;
	if (complaint_validate(c, &why) < 0)
		return store_fail(st, ST_INVALID, "%s", why.msg);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = store_staff_self(st, &me)) != ST_OK ||
	    (rs = store_guest_check(st, c->guest_id)) != ST_OK)
		goto fail;
	if (c->visit_id && (rs = check_visit(st, c->visit_id, c->guest_id)) != ST_OK)
		goto fail;
	owner = me;
	if (c->owner && (rs = store_staff_id(st, c->owner, true, &owner)) != ST_OK)
		goto fail;
	snprintf(now, sizeof now, "%s", store_now(st)); /* for c->at after the commit */
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s) {
		rs = ST_IO;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, c->guest_id);
	if (c->visit_id)
		sqlite3_bind_int64(s, 2, c->visit_id);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, complaint_channel_names[c->channel], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, complaint_category_names[c->category], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, severity_names[c->severity], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, c->description, -1, SQLITE_TRANSIENT);
	store_bind_text(s, 8, c->staff_involved);
	sqlite3_bind_int64(s, 9, owner);
	sqlite3_bind_int64(s, 10, me);
	if ((rs = store_step_done(st, s, "complaint")) != ST_OK)
		goto fail;
	c->id = sqlite3_last_insert_rowid(st->db);
	if ((rs = add_event(st, c->id, now, me, "create", -1, CS_OPEN, NULL, -1, CV_NONE)) != ST_OK)
		goto fail;
	char *desc = xasprintf("guest %lld visit %lld %s %s %s owner %s staff %s: %s",
			       (long long)c->guest_id, (long long)c->visit_id,
			       complaint_category_names[c->category], severity_names[c->severity],
			       complaint_channel_names[c->channel], c->owner ? c->owner : st->login,
			       c->staff_involved ? c->staff_involved : "-", c->description);
	rs = store_audit(st, "complaint", c->id, "create", NULL, NULL, desc);
	free(desc);
	if (rs != ST_OK)
		goto fail;
	if ((rs = store_commit(st)) != ST_OK) {
		c->id = 0;
		return rs;
	}
	snprintf(c->at, sizeof c->at, "%s", now);
	snprintf(c->opened_at, sizeof c->opened_at, "%s", now);
	c->status = CS_OPEN;
	return ST_OK;
fail:
	store_rollback(st);
	c->id = 0;
	return rs;
}

enum store_status complaint_store_get(struct store *st, int64_t id, struct complaint *out,
				      struct complaint_event **ev, size_t *nev)
{
	complaint_init(out);
	if (ev) {
		*ev = NULL;
		*nev = 0;
	}
	sqlite3_stmt *s;
	enum store_status rs = store_row(st, sql_get, "complaint", id, &s);
	if (rs != ST_OK)
		return rs;
	read_row(s, out);
	sqlite3_reset(s);
	if (!ev)
		return ST_OK;

	rs = ST_IO;
	if (!(s = store_prep(st, sql_events)))
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)ev, *nev + 1, &cap, sizeof **ev);
		struct complaint_event *e = &(*ev)[(*nev)++];
		memset(e, 0, sizeof *e);
		store_col_copy(s, 0, e->at, sizeof e->at);
		e->staff = store_col_text(s, 1);
		e->action = store_col_text(s, 2);
		e->from = col_index(s, 3, complaint_status_from_name, -1);
		e->to = col_index(s, 4, complaint_status_from_name, -1);
		e->note = store_col_text(s, 5);
		e->amount_fen =
			sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 6);
		e->verdict = (enum complaint_verdict)col_index(s, 7, complaint_verdict_from_name,
								CV_NONE);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		/* busy or locked stays what it is: the caller says "try again", not "broken" */
		rs = store_sqlfail(st, rc, "complaint events");
		goto fail;
	}
	return ST_OK;
fail:
	for (size_t i = 0; i < *nev; i++)
		complaint_event_free(&(*ev)[i]);
	free(*ev);
	*ev = NULL;
	*nev = 0;
	complaint_free(out);
	return rs;
}

/* The list query for f, malloc'ed. */
static char *list_sql(const struct complaint_filter *f)
{
	struct sbuf b = {0};
	const char *w = "WHERE ";
	sbuf_add(&b, "SELECT " COMPLAINT_COLS);
	if (f->guest_id) {
		sbuf_printf(&b, "%s" WHERE_GUEST " ", w);
		w = "AND ";
	}
	if (f->owner) {
		sbuf_printf(&b, "%s" WHERE_OWNER " ", w);
		w = "AND ";
	}
	if (f->overdue) /* implies not closed */
		sbuf_printf(&b, "%s" WHERE_OVERDUE " ", w);
	else if (f->open)
		sbuf_printf(&b, "%s" WHERE_OPEN " ", w);
	return sbuf_detach(&b);
}

static void bind_named_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);
	if (i > 0)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_named_int(sqlite3_stmt *s, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(s, name);
	if (i > 0)
		sqlite3_bind_int64(s, i, v);
}

static int by_id(const void *a, const void *b)
{
	const struct complaint *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

enum store_status complaint_store_list(struct store *st, const struct complaint_filter *f,
				       struct complaint **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	int64_t owner = 0;
	struct complaint_cutoffs cut;
	enum store_status rs;
	if (f->overdue && !f->rules)
		return store_fail(st, ST_INVALID, "internal: overdue needs the complaint rules");
	if (f->overdue && !complaint_cutoffs(f->rules, f->now, &cut))
		return store_fail(st, ST_INVALID, "now: must be YYYY-MM-DD HH:MM:SS, got \"%s\"",
				  f->now ? f->now : "");
	if (f->owner && (rs = store_staff_id(st, f->owner, false, &owner)) != ST_OK) {
		if (rs == ST_NOTFOUND)
			store_fail(st, rs, "owner: no staff member with login \"%s\"", f->owner);
		return rs;
	}
	char *sql = list_sql(f);
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return store_sqlfail(st, rc, "complaints");
	bind_named_int(s, ":guest", f->guest_id);
	bind_named_int(s, ":owner", owner);
	if (f->overdue) {
		bind_named_text(s, ":open", cut.open);
		bind_named_text(s, ":acknowledged", cut.acknowledged);
		bind_named_text(s, ":resolved", cut.resolved);
	}
	size_t cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)out, *n + 1, &cap, sizeof **out);
		read_row(s, &(*out)[(*n)++]);
	}
	rs = rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "complaints");
	sqlite3_finalize(s);
	if (rs != ST_OK) {
		for (size_t i = 0; i < *n; i++)
			complaint_free(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		return rs;
	}
	/* in the order they were logged; sorted here so that the planner is free to reach the
	 * rows through whichever index the conditions call for */
	if (*n > 1)
		qsort(*out, *n, sizeof **out, by_id);
	return ST_OK;
}

/* The current status and steps of complaint id (inside the caller's transaction). */
static enum store_status current(struct store *st, int64_t id, enum complaint_status *status,
				 unsigned *steps)
{
	sqlite3_stmt *s;
	enum store_status rs =
		store_row(st, "SELECT status, steps FROM complaint WHERE id = ?1", "complaint", id, &s);
	if (rs != ST_OK)
		return rs;
	*status = (enum complaint_status)col_index(s, 0, complaint_status_from_name, CS_OPEN);
	*steps = (unsigned)sqlite3_column_int(s, 1) & COMPLAINT_ALL_STEPS;
	sqlite3_reset(s);
	return ST_OK;
}

/* One move: what it writes besides the status. */
struct move {
	enum complaint_action action;
	const char *note;       /* for the timeline: ack note, resolution, follow-up note, reason */
	int64_t amount;         /* compensation in fen, −1: none */
	enum complaint_verdict verdict;
};

static enum store_status audit_steps(struct store *st, int64_t id, const char *action,
				     unsigned old_steps, unsigned new_steps)
{
	char a[32], b[32];
	if (old_steps == new_steps)
		return ST_OK;
	return store_audit(st, "complaint", id, action, "steps",
			   complaint_steps_text(old_steps, a, sizeof a),
			   complaint_steps_text(new_steps, b, sizeof b));
}

/* Writes the columns of move m of complaint id from status from to status to, at now. */
static enum store_status apply(struct store *st, int64_t id, const struct move *m,
			       enum complaint_status from, enum complaint_status to,
			       unsigned steps, const char *now)
{
	/* in enum complaint_action order; each literal is its own cached statement. The follow-up
	 * ticks step 5 (bit 16). */
	static const char *const sqls[CA_COUNT] = {
		"UPDATE complaint SET status = ?2, acknowledged_at = ?3, version = version + 1 "
		"WHERE id = ?1",
		"UPDATE complaint SET status = ?2, resolved_at = ?3, resolution = ?4, "
		"compensation_fen = CASE WHEN ?5 IS NULL THEN compensation_fen "
		"ELSE coalesce(compensation_fen, 0) + ?5 END, version = version + 1 WHERE id = ?1",
		"UPDATE complaint SET status = ?2, followed_up_at = ?3, followup_note = ?4, "
		"verdict = ?5, steps = steps | 16, version = version + 1 WHERE id = ?1",
		"UPDATE complaint SET status = ?2, closed_at = ?3, version = version + 1 "
		"WHERE id = ?1",
		"UPDATE complaint SET status = ?2, opened_at = ?3, acknowledged_at = NULL, "
		"resolved_at = NULL, resolution = NULL, followed_up_at = NULL, verdict = NULL, "
		"followup_note = NULL, closed_at = NULL, steps = 0, version = version + 1 "
		"WHERE id = ?1",
	};
	sqlite3_stmt *s = store_prep(st, sqls[m->action]);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, complaint_status_names[to], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	if (m->action == CA_RESOLVE || m->action == CA_FOLLOWUP)
		store_bind_text(s, 4, m->note);
	if (m->action == CA_RESOLVE && m->amount >= 0)
		sqlite3_bind_int64(s, 5, m->amount);
	if (m->action == CA_FOLLOWUP)
		sqlite3_bind_text(s, 5, complaint_verdict_names[m->verdict], -1, SQLITE_STATIC);
	enum store_status rs = store_step_done(st, s, "complaint");
	if (rs != ST_OK)
		return rs;

	const char *action = complaint_action_names[m->action];
	rs = store_audit(st, "complaint", id, action, "status", complaint_status_names[from],
			 complaint_status_names[to]);
	if (rs != ST_OK)
		return rs;
	switch (m->action) {
	case CA_ACK:
		if (m->note && *m->note)
			rs = store_audit(st, "complaint", id, action, "note", NULL, m->note);
		break;
	case CA_RESOLVE:
		rs = store_audit(st, "complaint", id, action, "resolution", NULL, m->note);
		if (rs == ST_OK && m->amount >= 0) {
			char money[32];
			rs = store_audit(st, "complaint", id, action, "compensation", NULL,
					 money_format(m->amount, money));
		}
		break;
	case CA_FOLLOWUP:
		rs = store_audit(st, "complaint", id, action, "verdict", NULL,
				 complaint_verdict_names[m->verdict]);
		if (rs == ST_OK)
			rs = store_audit(st, "complaint", id, action, "followup_note", NULL,
					 m->note);
		if (rs == ST_OK)
			rs = audit_steps(st, id, action, steps, steps | 16u);
		break;
	case CA_REOPEN:
		rs = store_audit(st, "complaint", id, action, "reason", NULL, m->note);
		if (rs == ST_OK)
			rs = audit_steps(st, id, action, steps, 0);
		break;
	case CA_CLOSE:
	case CA_COUNT:
		break;
	}
	return rs;
}

static enum store_status transition(struct store *st, int64_t id, const struct move *m)
{
	char why[200];
	int64_t me;
	enum complaint_status from, to;
	unsigned steps;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = store_staff_self(st, &me)) != ST_OK ||
	    (rs = current(st, id, &from, &steps)) != ST_OK)
		goto fail;
	if (!complaint_move(from, m->action, &to)) {
		rs = store_fail(st, ST_INVALID, "%s",
				complaint_refusal(id, from, m->action, why, sizeof why));
		goto fail;
	}
	if ((rs = apply(st, id, m, from, to, steps, store_now(st))) != ST_OK ||
	    (rs = add_event(st, id, store_now(st), me, complaint_action_names[m->action],
			    (int)from, (int)to, m->note, m->amount, m->verdict)) != ST_OK)
		goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return rs;
}

enum store_status complaint_store_ack(struct store *st, int64_t id, const char *note)
{
	struct error why;
	if (complaint_text_check("note", note, false, 2000, &why) < 0)
		return store_fail(st, ST_INVALID, "%s", why.msg);
	struct move m = {CA_ACK, note, -1, CV_NONE};
	return transition(st, id, &m);
}

enum store_status complaint_store_resolve(struct store *st, int64_t id, const char *resolution,
					  int64_t compensation_fen)
{
	struct error why;
	if (complaint_text_check("resolution", resolution, true, 2000, &why) < 0)
		return store_fail(st, ST_INVALID, "%s", why.msg);
	if (compensation_fen < -1)
		return store_fail(st, ST_INVALID, "compensation: must not be negative");
	struct move m = {CA_RESOLVE, resolution, compensation_fen, CV_NONE};
	return transition(st, id, &m);
}

enum store_status complaint_store_followup(struct store *st, int64_t id,
					   enum complaint_verdict verdict, const char *note)
{
	struct error why;
	char r[64];
	if (verdict != CV_SATISFIED && verdict != CV_UNSATISFIED)
		return store_fail(
			st, ST_INVALID, "verdict: must be %s",
			complaint_choices(complaint_verdict_names, CV_COUNT, r, sizeof r));
	if (complaint_text_check("note", note, true, 2000, &why) < 0)
		return store_fail(st, ST_INVALID, "%s", why.msg);
	struct move m = {CA_FOLLOWUP, note, -1, verdict};
	return transition(st, id, &m);
}

enum store_status complaint_store_close(struct store *st, int64_t id)
{
	struct move m = {CA_CLOSE, NULL, -1, CV_NONE};
	return transition(st, id, &m);
}

enum store_status complaint_store_reopen(struct store *st, int64_t id, const char *reason)
{
	struct error why;
	if (complaint_text_check("reason", reason, true, 500, &why) < 0)
		return store_fail(st, ST_INVALID, "%s", why.msg);
	struct move m = {CA_REOPEN, reason, -1, CV_NONE};
	return transition(st, id, &m);
}

enum store_status complaint_store_step(struct store *st, int64_t id, int n, bool done)
{
	static const char *sql =
		"UPDATE complaint SET steps = ?2, version = version + 1 WHERE id = ?1";
	char note[8];
	int64_t me;
	enum complaint_status status;
	unsigned steps;
	if (n < 1 || n > COMPLAINT_STEPS)
		return store_fail(st, ST_INVALID,
				  "step: must be a step number from 1 to %d, got %d",
				  COMPLAINT_STEPS, n);
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = store_staff_self(st, &me)) != ST_OK ||
	    (rs = current(st, id, &status, &steps)) != ST_OK)
		goto fail;
	unsigned bit = 1u << (n - 1), want = done ? steps | bit : steps & ~bit;
	if (status == CS_CLOSED) {
		rs = store_fail(st, ST_INVALID,
				"complaint %lld is closed: its checklist cannot change "
				"(next: reopen)", (long long)id);
		goto fail;
	}
	if (want == steps) {
		rs = store_fail(st, ST_INVALID, "step %d (%s) of complaint %lld is %s", n,
				complaint_step_names[n - 1], (long long)id,
				done ? "already ticked" : "not ticked");
		goto fail;
	}
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s) {
		rs = ST_IO;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, (int)want);
	if ((rs = store_step_done(st, s, "complaint")) != ST_OK)
		goto fail;
	snprintf(note, sizeof note, "%d", n);
	if ((rs = add_event(st, id, store_now(st), me, done ? "step" : "unstep", -1, -1, note, -1,
			    CV_NONE)) != ST_OK ||
	    (rs = audit_steps(st, id, done ? "step" : "unstep", steps, want)) != ST_OK)
		goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return rs;
}

enum store_status complaint_store_prior(struct store *st, int64_t guest_id,
					const char *since_date, bool *has)
{
	*has = false;
	sqlite3_stmt *s = store_prep(st, sql_prior);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, guest_id);
	sqlite3_bind_text(s, 2, since_date, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		*has = true;
	else if (rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "complaint");
	return ST_OK;
}

enum store_status complaint_store_explain(struct store *st, struct strv *out)
{
	static const struct complaint_filter filters[] = {
		{.guest_id = 1},
		{.owner = "x"},
		{.open = true},
		{.overdue = true},
		{.overdue = true, .owner = "x"},
		{.open = true, .guest_id = 1},
	};
	size_t nf = sizeof filters / sizeof filters[0];
	for (size_t i = 0; i < nf + 3; i++) {
		const char *fixed = i == nf ? sql_prior : i == nf + 1 ? sql_events : sql_get;
		char *sql = i < nf ? list_sql(&filters[i]) : xstrdup(fixed);
		enum store_status rs = store_explain(st, NULL, sql, out);
		free(sql);
		if (rs != ST_OK)
			return rs;
	}
	return ST_OK;
}
