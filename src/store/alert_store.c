#include "store/alert_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alert.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/tier_calc.h"
#include "store/store_int.h"

struct held {
	int64_t guest;
	char tier[8], grp[24], name[128];
	struct tier_figures f; /* the month's visits */
};

/* The findings of month m (keys k) as at asof ("YYYY-MM-DD HH:MM:SS"): every guest who held a
 * tier the month before and slips by the triggers of r, thresholds of the yellow light scaled
 * by frac too (the share of a running month gone; 1 for a complete month). Reads only; the
 * caller holds the snapshot. *out malloc'ed. */
static enum store_status assess(struct store *st, const struct tier_rules *r,
				const struct month_keys *k, const char *asof, double frac,
				struct alert_finding **out, size_t *nout)
{
	/* who held a tier last month, with their figures of this month (guest_month: one row a
	 * guest who came) */
	static const char *held_sql =
		"SELECT tm.guest_id, tm.tier, tm.grp, ifnull(gm.visits, 0), ifnull(gm.covers, 0), "
		"ifnull(gm.spend_fen, 0), g.name FROM tier_month tm JOIN guest g ON g.id = tm.guest_id "
		"LEFT JOIN guest_month gm ON gm.month = ?2 AND gm.guest_id = tm.guest_id "
		"WHERE tm.month = ?1 AND tm.tier IS NOT NULL ORDER BY tm.guest_id";
	/* unresolved and past its deadline as at ?2 (the end of the month): its status then is
	 * the last move of its timeline by then, its round began with the last move to open by
	 * then (logged or reopened); a complaint without a timeline has only its status now */
	static const char *overdue_sql =
		"SELECT id FROM (SELECT c.id, c.at, coalesce((SELECT e.to_status FROM complaint_event e "
		"WHERE e.complaint_id = c.id AND e.at <= ?2 AND e.to_status IS NOT NULL "
		"ORDER BY e.at DESC, e.id DESC LIMIT 1), c.status) AS status, "
		"coalesce((SELECT max(e.at) FROM complaint_event e WHERE e.complaint_id = c.id "
		"AND e.at <= ?2 AND e.to_status = 'open'), c.opened_at) AS opened "
		"FROM complaint c WHERE c.guest_id = ?1 AND c.at <= ?2) WHERE opened <= ?2 AND "
		"(status = 'open' OR status = 'acknowledged') AND ((status = 'open' AND "
		"datetime(opened, '+' || ?3 || ' hours') < ?2) OR datetime(opened, '+' || ?4 || "
		"' hours') < ?2) ORDER BY at LIMIT 1";
	static const char *severe_sql =
		"SELECT id, severity, substr(at, 1, 10) FROM complaint WHERE guest_id = ?1 AND "
		"at >= datetime(?2, '-' || ?3 || ' days') AND at <= ?2 AND (severity = 'critical' OR "
		"(?4 <= 3 AND severity = 'high') OR (?4 <= 2 AND severity = 'medium') OR ?4 <= 1) "
		"ORDER BY at DESC LIMIT 1";
	struct held *h = NULL;
	size_t nh = 0, cap = 0, fcap = 0;
	enum store_status rs = ST_OK;
	*out = NULL;
	*nout = 0;
	sqlite3_stmt *s = store_prep(st, held_sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, k->prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, k->key, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&h, nh + 1, &cap, sizeof *h);
		h[nh].guest = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, h[nh].tier, sizeof h[nh].tier);
		store_col_copy(s, 2, h[nh].grp, sizeof h[nh].grp);
		h[nh].f = (struct tier_figures){1, sqlite3_column_int(s, 3), sqlite3_column_int(s, 4),
						sqlite3_column_int64(s, 5)};
		store_col_copy(s, 6, h[nh].name, sizeof h[nh].name);
		nh++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) { /* a busy database is not "nobody held a tier" */
		rs = store_sqlfail(st, rc, "alert guests");
		goto out;
	}

	bool row;
	for (size_t i = 0; i < nh && rs == ST_OK; i++) {
		struct alert_finding a;
		memset(&a, 0, sizeof a);
		const struct tier_figures f = h[i].f;
		int rank = tier_alert_rule(r, h[i].tier, h[i].grp);
		/* a complete month: no visit is red, whatever the tier asks (a rule may ask for
		 * money alone); a running month: only once the tier's visits, pro-rated to the
		 * days gone, come to one */
		bool none_due = frac >= 1 - 1e-9 || rank >= (int)r->nrules ||
				r->rules[rank].min_visits * frac >= 1 - 1e-9;
		if (f.visits == 0 && r->alerts.red_no_visit && none_due) {
			snprintf(a.light, sizeof a.light, "red");
			snprintf(a.code, sizeof a.code, ALERT_NO_VISIT);
			snprintf(a.args, sizeof a.args, "%s", k->key);
			snprintf(a.reason, sizeof a.reason, "no visit in %s", k->key);
		}
		if (!a.light[0] && r->alerts.red_overdue_complaint) {
			if (!(s = store_prep(st, overdue_sql))) {
				rs = ST_IO;
				break;
			}
			sqlite3_bind_int64(s, 1, h[i].guest);
			sqlite3_bind_text(s, 2, asof, -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 3, r->complaints.ack_hours);
			sqlite3_bind_int(s, 4, r->complaints.resolve_hours);
			if ((rs = store_step_maybe(st, s, "overdue complaints", &row)) != ST_OK)
				break;
			if (row) {
				long long id = sqlite3_column_int64(s, 0);
				snprintf(a.light, sizeof a.light, "red");
				snprintf(a.code, sizeof a.code, ALERT_OVERDUE);
				snprintf(a.args, sizeof a.args, "%lld", id);
				snprintf(a.reason, sizeof a.reason, "complaint %lld is past its deadline", id);
			}
			sqlite3_reset(s);
		}
		if (!a.light[0] && r->alerts.red_severity_days > 0) {
			if (!(s = store_prep(st, severe_sql))) {
				rs = ST_IO;
				break;
			}
			sqlite3_bind_int64(s, 1, h[i].guest);
			sqlite3_bind_text(s, 2, asof, -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 3, r->alerts.red_severity_days);
			sqlite3_bind_int(s, 4, (int)r->alerts.red_min_severity);
			if ((rs = store_step_maybe(st, s, "severe complaints", &row)) != ST_OK)
				break;
			if (row) {
				const char *sev = (const char *)sqlite3_column_text(s, 1);
				const char *day = (const char *)sqlite3_column_text(s, 2);
				long long id = sqlite3_column_int64(s, 0);
				snprintf(a.light, sizeof a.light, "red");
				snprintf(a.code, sizeof a.code, ALERT_SEVERE);
				snprintf(a.args, sizeof a.args, "%s|%lld|%s", sev ? sev : "", id,
					 day ? day : "");
				snprintf(a.reason, sizeof a.reason, "%s complaint %lld on %s",
					 sev ? sev : "", id, day ? day : "");
			}
			sqlite3_reset(s);
		}
		if (!a.light[0] && f.visits > 0 && rank < (int)r->nrules &&
		    !tier_rule_holds_so_far(&r->rules[rank], &f, r->alerts.yellow_factor, frac)) {
			char m[32], label[TIER_LABEL_SIZE];
			snprintf(a.light, sizeof a.light, "yellow");
			snprintf(a.code, sizeof a.code, ALERT_SHORT);
			snprintf(a.args, sizeof a.args, "%d|%lld|%d|%s|%s|%s", f.visits,
				 (long long)f.spend, f.covers, k->key, h[i].tier, h[i].grp);
			snprintf(a.reason, sizeof a.reason, "%d visit%s, ¥%s, %d cover%s in %s: short of %s",
				 f.visits, f.visits == 1 ? "" : "s", money_format(f.spend, m), f.covers,
				 f.covers == 1 ? "" : "s", k->key,
				 tier_label(h[i].tier, h[i].grp, label, sizeof label));
		}
		if (!a.light[0])
			continue;
		a.guest = h[i].guest;
		a.visits = f.visits;
		a.spend = f.spend;
		snprintf(a.tier, sizeof a.tier, "%s", h[i].tier);
		snprintf(a.grp, sizeof a.grp, "%s", h[i].grp);
		snprintf(a.name, sizeof a.name, "%s", h[i].name);
		vec_reserve((void **)out, *nout + 1, &fcap, sizeof **out);
		(*out)[(*nout)++] = a;
	}
out:
	free(h);
	if (rs != ST_OK) {
		free(*out);
		*out = NULL;
		*nout = 0;
	}
	return rs;
}

/* The last moment of month k: complaints are judged as at then (domain.md §5). */
static void month_end(const struct month_keys *k, char asof[20])
{
	snprintf(asof, 20, "%s 23:59:59", k->last);
}

/* The guest's open alert (*id; 0 when none), or whether a manager closed their alert of month k
 * (*closed): it is not raised again that month. */
static enum store_status open_alert(struct store *st, int64_t guest, const struct month_keys *k,
				    int64_t *id, bool *closed)
{
	/* the open alert, else one of this month already closed */
	sqlite3_stmt *s = store_prep(st, "SELECT id, closed_at FROM alert WHERE guest_id = ?1 AND "
					 "(closed_at IS NULL OR month = ?2) ORDER BY closed_at IS NULL "
					 "DESC LIMIT 1");
	bool row;
	*id = 0;
	*closed = false;
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, guest);
	sqlite3_bind_text(s, 2, k->key, -1, SQLITE_STATIC);
	enum store_status rs = store_step_maybe(st, s, "open alert", &row);
	if (rs == ST_OK && row) {
		*id = sqlite3_column_int64(s, 0);
		*closed = sqlite3_column_type(s, 1) != SQLITE_NULL;
	}
	sqlite3_reset(s);
	return rs;
}

/* Whether open alert id says finding a of month k already: its latest event, else the alert
 * itself when it has none, with the same month, light and reason. *was_light: the light it
 * says ("" when nothing does), for the audit. */
static enum store_status says_already(struct store *st, int64_t id, const struct month_keys *k,
				      const struct alert_finding *a, char was_light[8], bool *same)
{
	static const char *const said_sql[2] = {
		"SELECT month, light, ifnull(reason_code, ''), ifnull(reason_args, ''), reason FROM "
		"alert_event WHERE alert_id = ?1 ORDER BY id DESC LIMIT 1",
		"SELECT month, light, ifnull(reason_code, ''), ifnull(reason_args, ''), reason FROM "
		"alert WHERE id = ?1",
	};
	enum store_status rs = ST_OK;
	bool row = false;
	*same = false;
	was_light[0] = '\0';
	for (int q = 0; q < 2 && !row; q++) {
		sqlite3_stmt *s = store_prep(st, said_sql[q]);
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, id);
		if ((rs = store_step_maybe(st, s, "alert history", &row)) != ST_OK)
			return rs;
		if (row) {
			const char *mk = (const char *)sqlite3_column_text(s, 0);
			const char *li = (const char *)sqlite3_column_text(s, 1);
			const char *co = (const char *)sqlite3_column_text(s, 2);
			const char *ar = (const char *)sqlite3_column_text(s, 3);
			const char *re = (const char *)sqlite3_column_text(s, 4);
			snprintf(was_light, 8, "%s", li ? li : "");
			*same = mk && li && strcmp(mk, k->key) == 0 && strcmp(li, a->light) == 0 &&
				((co && *co) ? strcmp(co, a->code) == 0 && ar && strcmp(ar, a->args) == 0
					     : re && strcmp(re, a->reason) == 0);
		}
		sqlite3_reset(s);
	}
	return rs;
}

/* Writes finding a of month k as a new alert (open_id 0) or as an event of the history of open
 * alert open_id, with its audit row (was_light: the light it said before, or ""). */
static enum store_status write_finding(struct store *st, int64_t open_id,
				       const struct month_keys *k, const struct alert_finding *a,
				       const char *was_light, const char *now)
{
	sqlite3_stmt *s = store_prep(
	    st, open_id ? "INSERT INTO alert_event(alert_id, month, light, reason, reason_code, "
			  "reason_args, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
			: "INSERT INTO alert(guest_id, month, light, reason, reason_code, reason_args, "
			  "tier, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, open_id ? open_id : a->guest);
	sqlite3_bind_text(s, 2, k->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->light, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, a->reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, a->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, a->args, -1, SQLITE_STATIC);
	if (open_id) {
		sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_text(s, 7, a->tier, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	}
	enum store_status rs = store_step_done(st, s, "alert");
	if (rs != ST_OK)
		return rs;
	int64_t aid = open_id ? open_id : sqlite3_last_insert_rowid(st->db);
	return store_audit(st, "alert", aid, open_id ? "event" : "create", "light",
			   open_id && was_light[0] ? was_light : NULL, a->light);
}

/* Records finding a of month k: a new alert (*created counts it), a new event of the guest's
 * open alert when the finding differs from what it last said (*noted), or nothing when it
 * says it already or a manager closed this month's alert. */
static enum store_status record_finding(struct store *st, const struct month_keys *k,
					const struct alert_finding *a, const char *now,
					long *created, long *noted)
{
	int64_t open_id;
	bool closed_this_month, same = false;
	char was_light[8] = ""; /* the light the open alert last said, for the audit */
	enum store_status rs = open_alert(st, a->guest, k, &open_id, &closed_this_month);
	if (rs != ST_OK || closed_this_month)
		return rs;
	/* the open alert keeps what it was raised with; a finding that differs from the last it
	 * says is a new event of its history */
	if (open_id && ((rs = says_already(st, open_id, k, a, was_light, &same)) != ST_OK || same))
		return rs;
	if ((rs = write_finding(st, open_id, k, a, was_light, now)) != ST_OK)
		return rs;
	if (open_id)
		(*noted)++;
	else
		(*created)++;
	return ST_OK;
}

enum store_status alert_store_detect(struct store *st, const struct tier_rules *r, struct date m,
				     const char *now, long *created, long *noted)
{
	const struct month_keys k = store_month_keys(m);
	char asof[20];
	*created = *noted = 0;
	if (strncmp(now, k.last, 10) <= 0)
		return store_fail(st, ST_INVALID,
				  "%s is not over yet: alerts are raised for a complete month", k.key);
	month_end(&k, asof);

	/* one transaction: the open alert read and the alert written by the same snapshot (two
	 * terminals detecting at once cannot both create one), one commit for the month */
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	struct alert_finding *v = NULL;
	size_t n = 0;
	rs = assess(st, r, &k, asof, 1.0, &v, &n);
	for (size_t i = 0; i < n && rs == ST_OK; i++)
		rs = record_finding(st, &k, &v[i], now, created, noted);
	free(v);
	if ((rs = store_end(st, rs)) != ST_OK)
		*created = *noted = 0; /* not written: not counted */
	return rs;
}

enum store_status alert_store_at_risk(struct store *st, const struct tier_rules *r, struct date m,
				      const char *now, struct alert_finding **out, size_t *n)
{
	const struct month_keys k = store_month_keys(m);
	char asof[20], today[11];
	double frac = 1.0;
	*out = NULL;
	*n = 0;
	snprintf(today, sizeof today, "%.10s", now);
	if (strcmp(today, k.last) > 0) {
		month_end(&k, asof);
	} else if (strcmp(today, k.first) < 0) {
		return store_fail(st, ST_INVALID, "%s has not begun", k.key);
	} else { /* a running month: its figures against the thresholds pro-rated to the days gone */
		snprintf(asof, sizeof asof, "%s", now);
		frac = (double)atoi(today + 8) / date_month_days(m.y, m.m);
	}
	/* one snapshot for its reads; nothing written */
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	rs = assess(st, r, &k, asof, frac, out, n);
	store_snapshot_end(st);
	return rs;
}

#define ALERT_COLS                                                                               \
	"a.id, a.guest_id, g.name, g.employer, "                                                  \
	"(SELECT group_concat(number, ', ') FROM phone WHERE guest_id = a.guest_id), a.month, "    \
	"a.light, a.reason, a.tier, a.feedback, fs.login, a.created_at, a.closed_at, a.outcome, "  \
	"(SELECT count(*) FROM alert_action WHERE alert_id = a.id), "                              \
	"(SELECT count(*) FROM alert_action WHERE alert_id = a.id AND done_at IS NOT NULL), "      \
	"ifnull(m.visits, 0), ifnull(m.spend_fen, 0), a.reason_code, a.reason_args, "              \
	"(SELECT count(*) FROM alert_event WHERE alert_id = a.id) "                                 \
	"FROM alert a JOIN guest g ON g.id = a.guest_id LEFT JOIN staff fs ON fs.id = a.feedback_by " \
	"LEFT JOIN guest_month m ON m.month = ?1 AND m.guest_id = a.guest_id "

static void read_alert(sqlite3_stmt *s, struct alert_row *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(s, 0);
	a->guest_id = sqlite3_column_int64(s, 1);
	store_col_copy(s, 2, a->name, sizeof a->name);
	store_col_copy(s, 3, a->employer, sizeof a->employer);
	store_col_copy(s, 4, a->phones, sizeof a->phones);
	store_col_copy(s, 5, a->month, sizeof a->month);
	store_col_copy(s, 6, a->light, sizeof a->light);
	store_col_copy(s, 7, a->reason, sizeof a->reason);
	store_col_copy(s, 8, a->tier, sizeof a->tier);
	store_col_copy(s, 9, a->feedback, sizeof a->feedback);
	store_col_copy(s, 10, a->feedback_by, sizeof a->feedback_by);
	store_col_copy(s, 11, a->created_at, sizeof a->created_at);
	store_col_copy(s, 12, a->closed_at, sizeof a->closed_at);
	store_col_copy(s, 13, a->outcome, sizeof a->outcome);
	a->actions = sqlite3_column_int(s, 14);
	a->actions_done = sqlite3_column_int(s, 15);
	a->m_visits = sqlite3_column_int(s, 16);
	a->m_spend = sqlite3_column_int64(s, 17);
	store_col_copy(s, 18, a->reason_code, sizeof a->reason_code);
	store_col_copy(s, 19, a->reason_args, sizeof a->reason_args);
	a->events = sqlite3_column_int(s, 20);
}

struct alert_key alert_key_of(const struct alert_row *r)
{
	return (struct alert_key){(r->closed_at[0] ? 2 : 0) + (strcmp(r->light, "yellow") == 0),
				  r->id};
}

int alert_key_cmp(struct alert_key a, struct alert_key b)
{
	if (a.rank != b.rank)
		return a.rank < b.rank ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id;
}

/* The alerts of one rank (a light, open or closed) after id ?2 (backward: before it, in
 * descending order), at most ?4 (-1: all). They go through the partial indexes alert_light
 * (open) and alert_closed, both (light, id), so a window reads only its rows. The whole list
 * is these four in rank order. */
#define ALERT_RANK(closed, cmp, dir)                                                              \
	"SELECT " ALERT_COLS "WHERE a.light = ?3 AND a.closed_at " closed " AND a.id " cmp " ?2 " \
	"ORDER BY a.id " dir " LIMIT ?4"

/* by [closed][backward] */
static const char *const rank_sql[2][2] = {
	{ALERT_RANK("IS NULL", ">", "ASC"), ALERT_RANK("IS NULL", "<", "DESC")},
	{ALERT_RANK("IS NOT NULL", ">", "ASC"), ALERT_RANK("IS NOT NULL", "<", "DESC")}};

enum store_status alert_store_explain(struct store *st, struct strv *out)
{
	static const char *const names[2][2] = {{"open_after", "open_before"},
						{"closed_after", "closed_before"}};
	enum store_status rs = ST_OK;
	for (int i = 0; i < 4 && rs == ST_OK; i++)
		rs = store_explain(st, names[i / 2][i % 2], rank_sql[i / 2][i % 2], out);
	return rs;
}

/* Appends the rows of rank r after (backward: before, in descending order) id from to *out,
 * at most limit in all (0: no limit). */
static enum store_status read_rank(struct store *st, const char *mk, int r, int64_t from,
				   bool backward, size_t limit, struct alert_row **out, size_t *n,
				   size_t *cap)
{
	sqlite3_stmt *s = store_prep(st, rank_sql[r / 2][backward]);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, mk, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_text(s, 3, r % 2 ? "yellow" : "red", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, limit ? (sqlite3_int64)(limit - *n) : -1);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)out, *n + 1, cap, sizeof **out);
		read_alert(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "alerts");
}

/* Whether rank r is in a list of open alerts (closed ones too with all) of light (NULL: both). */
static bool rank_listed(int r, bool all, const char *light)
{
	if (r >= 2 && !all)
		return false;
	return !light || strcmp(light, r % 2 ? "yellow" : "red") == 0;
}

enum store_status alert_store_window(struct store *st, struct date m, bool all, const char *light,
				     struct alert_key from, bool backward, size_t limit,
				     struct alert_row **out, size_t *n)
{
	const struct month_keys k = store_month_keys(m);
	size_t cap = 0;
	enum store_status rs = ST_OK;
	*out = NULL;
	*n = 0;
	/* one snapshot for the ranks read one after the other */
	if ((rs = store_snapshot_begin(st)) != ST_OK)
		return rs;
	if (!backward) {
		for (int r = from.rank < 0 ? 0 : from.rank; r < 4 && rs == ST_OK; r++)
			if ((!limit || *n < limit) && rank_listed(r, all, light))
				rs = read_rank(st, k.key, r, r == from.rank ? from.id : INT64_MIN,
					       false, limit, out, n, &cap);
	} else {
		for (int r = from.rank > 3 ? 3 : from.rank; r >= 0 && rs == ST_OK; r--)
			if ((!limit || *n < limit) && rank_listed(r, all, light))
				rs = read_rank(st, k.key, r, r == from.rank ? from.id : INT64_MAX,
					       true, limit, out, n, &cap);
		if (rs == ST_OK) /* read in descending order */
			vec_reverse(*out, *n, sizeof **out);
	}
	store_snapshot_end(st);
	if (rs != ST_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rs;
}

enum store_status alert_store_list(struct store *st, struct date m, bool all,
				   struct alert_row **out, size_t *n)
{
	return alert_store_window(st, m, all, NULL, ALERT_KEY_START, false, 0, out, n);
}

enum store_status alert_store_open_counts(struct store *st, long *red, long *yellow)
{
	sqlite3_stmt *s = store_prep(st, "SELECT light, count(*) FROM alert "
					 "WHERE closed_at IS NULL GROUP BY light");
	*red = *yellow = 0;
	if (!s)
		return ST_IO;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *light = (const char *)sqlite3_column_text(s, 0);
		long n = (long)sqlite3_column_int64(s, 1);
		if (strcmp(light, "red") == 0)
			*red = n;
		else if (strcmp(light, "yellow") == 0)
			*yellow = n;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "alerts");
}

enum store_status alert_store_get(struct store *st, int64_t id, struct date m,
				  struct alert_row *out, struct alert_action **acts, size_t *nacts)
{
	static const char *sql = "SELECT " ALERT_COLS "WHERE a.id = ?2";
	static const char *act_sql = "SELECT a.no, a.text, a.owner, a.done_at, s.login FROM alert_action a "
				     "LEFT JOIN staff s ON s.id = a.done_by WHERE a.alert_id = ?1 ORDER BY a.no";
	const struct month_keys k = store_month_keys(m);
	*acts = NULL;
	*nacts = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, k.key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	enum store_status rs = store_step_row(st, s, "alert", id);
	if (rs != ST_OK)
		return rs;
	read_alert(s, out);
	sqlite3_reset(s);
	s = store_prep(st, act_sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)acts, *nacts + 1, &cap, sizeof **acts);
		struct alert_action *a = &(*acts)[(*nacts)++];
		memset(a, 0, sizeof *a);
		a->no = sqlite3_column_int(s, 0);
		store_col_copy(s, 1, a->text, sizeof a->text);
		store_col_copy(s, 2, a->owner, sizeof a->owner);
		store_col_copy(s, 3, a->done_at, sizeof a->done_at);
		store_col_copy(s, 4, a->done_by, sizeof a->done_by);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "alert actions");
}

enum store_status alert_store_events(struct store *st, int64_t id, struct alert_event **out,
				     size_t *n)
{
	static const char *sql = "SELECT month, light, reason, ifnull(reason_code, ''), "
				 "ifnull(reason_args, ''), at FROM alert_event WHERE alert_id = ?1 "
				 "ORDER BY id";
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)out, *n + 1, &cap, sizeof **out);
		struct alert_event *e = &(*out)[(*n)++];
		store_col_copy(s, 0, e->month, sizeof e->month);
		store_col_copy(s, 1, e->light, sizeof e->light);
		store_col_copy(s, 2, e->reason, sizeof e->reason);
		store_col_copy(s, 3, e->reason_code, sizeof e->reason_code);
		store_col_copy(s, 4, e->reason_args, sizeof e->reason_args);
		store_col_copy(s, 5, e->at, sizeof e->at);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_sqlfail(st, rc, "alert history");
	}
	return ST_OK;
}

/* Runs one UPDATE/INSERT on an open alert inside a transaction with its audit row. The
 * statement takes ?1 alert id, ?2 text, ?3 staff id, ?4 now, ?5 extra text, ?6 number. */
static enum store_status change(struct store *st, int64_t id, const char *sql, const char *text,
				const char *extra, int no, const char *action, const char *field)
{
	static const char *check = "SELECT closed_at FROM alert WHERE id = ?1";
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	int64_t me;
	if ((rs = store_staff_self(st, &me)) != ST_OK)
		goto fail;
	sqlite3_stmt *s;
	if ((rs = store_row(st, check, "alert", id, &s)) != ST_OK)
		goto fail; /* missing, or not read: neither missing nor open */
	bool closed = sqlite3_column_type(s, 0) != SQLITE_NULL;
	sqlite3_reset(s);
	if (closed) {
		rs = store_fail(st, ST_INVALID, "alert %lld is closed", (long long)id);
		goto fail;
	}
	s = store_prep(st, sql);
	if (!s)
		goto io;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, text);
	sqlite3_bind_int64(s, 3, me);
	sqlite3_bind_text(s, 4, store_now(st), -1, SQLITE_STATIC);
	store_bind_text(s, 5, extra);
	sqlite3_bind_int(s, 6, no);
	if ((rs = store_step_done(st, s, "alert")) != ST_OK)
		goto fail;
	if (sqlite3_changes(st->db) == 0) {
		rs = store_fail(st, ST_NOTFOUND, "alert %lld has no action %d", (long long)id, no);
		goto fail;
	}
	if ((rs = store_audit(st, "alert", id, action, field, NULL, text)) != ST_OK)
		goto fail;
	return store_commit(st);
io:
	rs = ST_IO;
fail:
	store_rollback(st);
	return rs;
}

enum store_status alert_store_feedback(struct store *st, int64_t id, const char *text)
{
	return change(st, id,
		      "UPDATE alert SET feedback = ?2, feedback_by = ?3, feedback_at = ?4 WHERE id = ?1",
		      text, NULL, 0, "feedback", "feedback");
}

enum store_status alert_store_action(struct store *st, int64_t id, const char *text,
				     const char *owner, int *no)
{
	/* the number is read in the transaction that wrote it: after the commit another
	 * terminal's action could be the last */
	*no = 0;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	rs = change(st, id,
		    "INSERT INTO alert_action(alert_id, no, text, owner) VALUES (?1, "
		    "(SELECT coalesce(max(no), 0) + 1 FROM alert_action WHERE alert_id = ?1), ?2, ?5)",
		    text, owner, 0, "action", "action");
	sqlite3_stmt *s = NULL;
	if (rs == ST_OK &&
	    !(s = store_prep(st, "SELECT max(no) FROM alert_action WHERE alert_id = ?1")))
		rs = ST_IO;
	if (rs == ST_OK) {
		sqlite3_bind_int64(s, 1, id);
		bool row;
		if ((rs = store_step_maybe(st, s, "alert action", &row)) == ST_OK && row)
			*no = sqlite3_column_int(s, 0);
		sqlite3_reset(s);
	}
	if ((rs = store_end(st, rs)) != ST_OK)
		*no = 0;
	return rs;
}

enum store_status alert_store_done(struct store *st, int64_t id, int no, bool undo)
{
	char text[32];
	snprintf(text, sizeof text, "%d", no);
	return change(st, id,
		      undo ? "UPDATE alert_action SET done_at = NULL, done_by = NULL WHERE alert_id = ?1 "
			     "AND no = ?6 AND ?2 IS NOT NULL AND ?3 AND ?4 IS NOT NULL"
			   : "UPDATE alert_action SET done_at = ?4, done_by = ?3 WHERE alert_id = ?1 "
			     "AND no = ?6 AND ?2 IS NOT NULL",
		      text, NULL, no, undo ? "undo" : "done", "action");
}

enum store_status alert_store_close(struct store *st, int64_t id, const char *outcome)
{
	return change(st, id,
		      "UPDATE alert SET closed_at = ?4, closed_by = ?3, outcome = ?2 WHERE id = ?1",
		      outcome, NULL, 0, "close", "outcome");
}

enum store_status alert_store_months(struct store *st, int64_t guest_id, struct date m, int n,
				     struct alert_month *out)
{
	/* one pass of the guest's visits (visit_guest_date) and of their stored months
	 * (tier_month_guest) over the whole span */
	static const char *vis_sql =
		"SELECT substr(date, 1, 7), count(*), sum(covers), sum(spend_fen) FROM visit "
		"WHERE guest_id = ?1 AND date BETWEEN ?2 AND ?3 AND voided_at IS NULL "
		"GROUP BY substr(date, 1, 7)";
	static const char *tier_sql = "SELECT month, tier, grp FROM tier_month WHERE guest_id = ?1 "
				      "AND month BETWEEN ?2 AND ?3";
	if (n <= 0)
		return ST_OK;
	char first[11], last[11];
	struct date k = date_month_start(m);
	for (int i = n - 1; i >= 0; i--) {
		memset(&out[i], 0, sizeof out[i]);
		date_month_key(k, out[i].month);
		if (i == 0)
			date_month_first(k, first);
		else
			k = date_prev_month(k);
	}
	date_month_last(m, last);
	for (int q = 0; q < 2; q++) {
		sqlite3_stmt *s = store_prep(st, q ? tier_sql : vis_sql);
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, guest_id);
		sqlite3_bind_text(s, 2, q ? out[0].month : first, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, q ? out[n - 1].month : last, -1, SQLITE_STATIC);
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *mk = (const char *)sqlite3_column_text(s, 0);
			for (int i = 0; mk && i < n; i++) {
				if (strcmp(out[i].month, mk) != 0)
					continue;
				if (q) {
					store_col_copy(s, 1, out[i].tier, sizeof out[i].tier);
					store_col_copy(s, 2, out[i].grp, sizeof out[i].grp);
				} else {
					out[i].visits = sqlite3_column_int(s, 1);
					out[i].covers = sqlite3_column_int(s, 2);
					out[i].spend = sqlite3_column_int64(s, 3);
				}
			}
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_sqlfail(st, rc, "a guest's months");
	}
	return ST_OK;
}
