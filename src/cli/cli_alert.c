/* cli_alert.c — maitre alerts; maitre alert show | feedback | action | done | close */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alert.h"
#include "core/date.h"
#include "core/guest.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/tier.h"
#include "store/alert_store.h"

enum { A_MONTH = 1, A_ALL, A_TEXT, A_OWNER, A_UNDO, A_OUTCOME };

const struct opt cli_alerts_opts[] = {
	{"month", "YYYY-MM", A_MONTH,
	 "raise the alerts of this complete month (a month still running: list who is at risk so "
	 "far, raising nothing); without it, list only, with this month's figures"},
	{"all", NULL, A_ALL, "closed alerts too"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_alert_show_opts[] = {
	{"month", "YYYY-MM", A_MONTH, "whose visits and spend to show (default this month)"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_alert_feedback_opts[] = {
	{"text", "TEXT", A_TEXT, "the sales manager's feedback (required)"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_alert_action_opts[] = {
	{"text", "TEXT", A_TEXT, "what the restaurant will do (required)"},
	{"owner", "WHO", A_OWNER, "who does it (a login, or a team such as 厨房)"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_alert_done_opts[] = {
	{"undo", NULL, A_UNDO, "mark the action not done again"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_alert_close_opts[] = {
	{"outcome", "TEXT", A_OUTCOME, "how it ended (required)"},
	{NULL, NULL, 0, NULL},
};

struct alert_ctx {
	struct date month;
	bool month_given, all, undo;
	const char *text, *owner, *outcome;
	struct strv args;
};

static int on_alert(struct cli *c, void *vctx, int id, const char *val)
{
	struct alert_ctx *a = vctx;
	switch (id) {
	case OPT_POSITIONAL:
		strv_push(&a->args, val);
		return 0;
	case A_MONTH:
		a->month_given = true;
		return cli_parse_month(c, "month", val, &a->month);
	case A_ALL: a->all = true; return 0;
	case A_UNDO: a->undo = true; return 0;
	case A_TEXT: a->text = val; return 0;
	case A_OWNER: a->owner = val; return 0;
	case A_OUTCOME: a->outcome = val; return 0;
	}
	return 0;
}

/* Parses options and nargs positional words; the first must be an alert id (into *id). */
static int parse(struct cli *c, int argc, char **argv, const struct opt *opts,
		 struct alert_ctx *a, size_t nargs, int64_t *id)
{
	struct date today = date_today();
	memset(a, 0, sizeof *a);
	a->month = date_month_start(today);
	static const char *const what[] = {"the alert id", "the action number"};
	int rc = cli_parse(c, argc, argv, opts, on_alert, a);
	if (rc == 0)
		rc = cli_want_args(c, &a->args, nargs, what);
	if (rc == 0 && id && !cli_parse_id(c, "alert id", a->args.v[0], id))
		rc = EXIT_USER;
	return rc;
}

static int check_text(struct cli *c, const char *what, const char *v, bool multiline)
{
	struct error why;
	if (!v || !*v)
		return cli_error(c, EXIT_USER, _("%s: is required (--%s)"), what, what);
	if (text_field_check(v, 2000, multiline, &why) < 0)
		return cli_error(c, EXIT_USER, "%s: %s", what, why.msg);
	return 0;
}

/* The guests at risk in a month still running (or not yet raised), said as such: nothing is
 * raised or written. */
static int at_risk(struct cli *c, const struct tier_rules *r, struct date m)
{
	static const char *const headers[] = {"guest_id", "guest", "tier", "visits", "spend",
					      "at_risk", "reason"};
	char now[20], mk[8];
	struct alert_finding *v = NULL;
	size_t n = 0;
	enum store_status s = alert_store_at_risk(c->st, r, m, date_now_stamp(now), &v, &n);
	if (s != ST_OK)
		return cli_store_error(c, s);
	fprintf(stderr,
		_("maitre: alerts: %s is not over (day %d of %d): guests at risk so far, by the "
		  "month's figures pro-rated; no alert is raised\n"),
		date_month_key(m, mk), atoi(now + 8), date_month_days(m.y, m.m));
	struct table t;
	table_init(&t, 7, headers, 1u | 1u << 3 | 1u << 4);
	for (size_t i = 0; i < n; i++) {
		char money[32], why[400];
		table_addf(&t, "%lld", (long long)v[i].guest);
		table_add(&t, v[i].name);
		table_add(&t, v[i].tier);
		table_addf(&t, "%d", v[i].visits);
		table_add(&t, money_format(v[i].spend, money));
		table_add(&t, v[i].light);
		table_add(&t, alert_reason_text(v[i].code, v[i].args, v[i].reason, why, sizeof why));
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	free(v);
	return 0;
}

int cli_alerts(struct cli *c, int argc, char **argv)
{
	static const char *const headers[] = {"id", "light", "guest_id", "guest", "employer", "phones",
					      "tier", "visits", "spend", "reason", "feedback", "actions"};
	struct alert_ctx a;
	int rc = parse(c, argc, argv, cli_alerts_opts, &a, 0, NULL);
	strv_free(&a.args);
	if (rc)
		return rc;
	bool raise = a.month_given;
	char now[20], last[11];
	date_now_stamp(now);
	date_month_last(a.month, last);
	if (raise && strncmp(now, last, 10) <= 0) { /* a month not over: at risk, not raised */
		const struct tier_rules *r;
		if ((rc = cli_begin(c, STORE_READONLY, &r)) != 0)
			return rc;
		return at_risk(c, r, a.month);
	}
	enum store_status s = ST_OK;
	long created = 0, noted = 0;
	if (raise) { /* a complete month, asked for: raised (again: only what is new) */
		const struct tier_rules *r;
		if ((rc = cli_begin(c, 0, &r)) != 0 || (rc = cli_may(c, PERM_ALERT_MANAGE)) != 0)
			return rc;
		/* raised and listed in one transaction: a list that cannot be read takes back what
		 * was raised, so that exit 3 always means nothing was changed */
		if ((s = store_begin(c->st)) == ST_OK)
			s = alert_store_detect(c->st, r, a.month, now, &created, &noted);
	} else if ((rc = cli_open(c, STORE_READONLY)) != 0) { /* a listing never writes */
		return rc;
	}
	struct alert_row *v = NULL;
	size_t n = 0;
	if (s == ST_OK)
		s = alert_store_list(c->st, a.month, a.all, &v, &n);
	if (raise && s == ST_OK)
		s = store_commit(c->st);
	else if (raise)
		store_rollback(c->st);
	if (s != ST_OK) {
		free(v);
		return cli_store_error(c, s);
	}
	if (created || noted) {
		char mk[8];
		fprintf(stderr, _("maitre: alerts of %s: %ld new, %ld noted in the history of open ones\n"),
			date_month_key(a.month, mk), created, noted);
	}
	struct table t;
	table_init(&t, 12, headers, 1u | 1u << 2 | 1u << 7 | 1u << 8);
	for (size_t i = 0; i < n; i++) {
		char m[32], why[400];
		table_addf(&t, "%lld", (long long)v[i].id);
		table_add(&t, v[i].closed_at[0] ? "closed" : v[i].light);
		table_addf(&t, "%lld", (long long)v[i].guest_id);
		table_add(&t, v[i].name);
		table_add(&t, v[i].employer);
		table_add(&t, v[i].phones);
		table_add(&t, v[i].tier);
		table_addf(&t, "%d", v[i].m_visits);
		table_add(&t, money_format(v[i].m_spend, m));
		table_add(&t, alert_reason_text(v[i].reason_code, v[i].reason_args, v[i].reason, why,
						sizeof why));
		table_add(&t, v[i].feedback);
		table_addf(&t, "%d/%d", v[i].actions_done, v[i].actions);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	free(v);
	return 0;
}

int cli_alert_show(struct cli *c, int argc, char **argv)
{
	struct alert_ctx a;
	int64_t id;
	int rc = parse(c, argc, argv, cli_alert_show_opts, &a, 1, &id);
	strv_free(&a.args);
	if (rc)
		return rc;
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	struct alert_row r;
	struct alert_action *acts = NULL;
	size_t na = 0;
	enum store_status s = alert_store_get(c->st, id, a.month, &r, &acts, &na);
	if (s != ST_OK) {
		free(acts);
		return cli_store_error(c, s);
	}
	char m[32], why[400];
	char *name = text_display(r.name),
	     *reason = text_display(
		     alert_reason_text(r.reason_code, r.reason_args, r.reason, why, sizeof why));
	printf("alert %lld  %s  %s (guest %lld), %s\n", (long long)r.id,
	       r.closed_at[0] ? "closed" : r.light[0] == 'r' ? "RED" : "YELLOW", name,
	       (long long)r.guest_id, cli_shown(c, r.tier));
	printf("  %-12s %s (raised %s for %s)\n", "reason", reason, cli_shown(c, r.created_at),
	       cli_shown(c, r.month));
	free(name);
	free(reason);
	if (r.employer[0])
		printf("  %-12s %s\n", "employer", cli_shown(c, r.employer));
	if (r.phones[0])
		printf("  %-12s %s\n", "phones", cli_shown(c, r.phones));
	printf("  %-12s %d visit%s, ¥%s in %04d-%02d\n", "this month", r.m_visits,
	       r.m_visits == 1 ? "" : "s", money_format(r.m_spend, m), a.month.y, a.month.m);
	if (r.feedback[0]) {
		char *fb = text_display(r.feedback);
		printf("  %-12s %s (%s)\n", "feedback", fb, cli_shown(c, r.feedback_by));
		free(fb);
	}
	for (size_t i = 0; i < na; i++) {
		char *txt = text_display(acts[i].text);
		printf("  %-12s %d. [%s] %s%s%s%s%s\n", i == 0 ? "actions" : "", acts[i].no,
		       acts[i].done_at[0] ? "x" : " ", txt, acts[i].owner[0] ? " — " : "",
		       cli_shown(c, acts[i].owner), acts[i].done_at[0] ? "; done by " : "",
		       cli_shown(c, acts[i].done_by));
		free(txt);
	}
	/* what later detections found: the raised reason above never changes */
	struct alert_event *ev = NULL;
	size_t ne = 0;
	if ((s = alert_store_events(c->st, id, &ev, &ne)) != ST_OK) {
		free(acts);
		return cli_store_error(c, s);
	}
	for (size_t i = 0; i < ne; i++) {
		char *txt = text_display(alert_reason_text(ev[i].reason_code, ev[i].reason_args,
							   ev[i].reason, why, sizeof why));
		printf("  %-12s %s %s: %s (found %s)\n", i == 0 ? "later" : "", ev[i].month,
		       ev[i].light[0] == 'r' ? "RED" : "YELLOW", txt, ev[i].at);
		free(txt);
	}
	free(ev);
	if (r.closed_at[0])
		printf("  %-12s %s: %s\n", "closed", cli_shown(c, r.closed_at), cli_shown(c, r.outcome));
	free(acts);
	return 0;
}

int cli_alert_feedback(struct cli *c, int argc, char **argv)
{
	struct alert_ctx a;
	int64_t id;
	int rc = parse(c, argc, argv, cli_alert_feedback_opts, &a, 1, &id);
	strv_free(&a.args);
	if (rc || (rc = check_text(c, "text", a.text, true)) || (rc = cli_open(c, 0)))
		return rc;
	enum store_status s = alert_store_feedback(c->st, id, a.text);
	return s == ST_OK ? 0 : cli_store_error(c, s);
}

int cli_alert_action(struct cli *c, int argc, char **argv)
{
	struct alert_ctx a;
	int64_t id;
	int no = 0;
	int rc = parse(c, argc, argv, cli_alert_action_opts, &a, 1, &id);
	strv_free(&a.args);
	struct error why;
	if (rc || (rc = check_text(c, "text", a.text, false)))
		return rc;
	if (a.owner && text_field_check(a.owner, 60, false, &why) < 0)
		return cli_error(c, EXIT_USER, _("owner: %s"), why.msg);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	enum store_status s = alert_store_action(c->st, id, a.text, a.owner, &no);
	if (s != ST_OK)
		return cli_store_error(c, s);
	printf("%d\n", no);
	return 0;
}

int cli_alert_done(struct cli *c, int argc, char **argv)
{
	struct alert_ctx a;
	int64_t id, no;
	int rc = parse(c, argc, argv, cli_alert_done_opts, &a, 2, &id);
	if (rc == 0 && !cli_parse_id(c, "action number", a.args.v[1], &no))
		rc = EXIT_USER;
	strv_free(&a.args);
	if (rc || (rc = cli_open(c, 0)))
		return rc;
	enum store_status s = alert_store_done(c->st, id, (int)no, a.undo);
	return s == ST_OK ? 0 : cli_store_error(c, s);
}

int cli_alert_close(struct cli *c, int argc, char **argv)
{
	struct alert_ctx a;
	int64_t id;
	int rc = parse(c, argc, argv, cli_alert_close_opts, &a, 1, &id);
	strv_free(&a.args);
	if (rc || (rc = check_text(c, "outcome", a.outcome, true)) || (rc = cli_open(c, 0)))
		return rc;
	enum store_status s = alert_store_close(c->st, id, a.outcome);
	return s == ST_OK ? 0 : cli_store_error(c, s);
}
