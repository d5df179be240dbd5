/* cli_complaint.c — maitre complaint add | list | show | ack | step | resolve | followup | close |
 * reopen: complaints and their recovery (domain.md §6). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/date.h"
#include "core/guest.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/tier.h"
#include "store/complaint_store.h"
#include "store/guest_store.h"

enum {
	C_CATEGORY = 1, C_SEVERITY, C_TEXT, C_VISIT, C_STAFF, C_CHANNEL, C_OWNER,
	C_OPEN, C_OVERDUE, C_GUEST,
	C_NOTE, C_UNDO, C_RESOLUTION, C_COMPENSATION, C_VERDICT, C_REASON,
};

const struct opt cli_complaint_add_opts[] = {
	{"category", "C", C_CATEGORY,
	 "food, service, waiting_time, hygiene, environment, price or other (required)"},
	{"severity", "S", C_SEVERITY,
	 "low, medium, high or critical; an allergen incident is critical (required)"},
	{"text", "TEXT", C_TEXT, "what the guest complained about (required)"},
	{"visit", "ID", C_VISIT, "the guest's visit it is about"},
	{"staff", "NAME", C_STAFF, "the staff involved"},
	{"channel", "CH", C_CHANNEL, "in_person (default), phone, online_review, wechat or other"},
	{"owner", "LOGIN", C_OWNER, "who handles it (default: you)"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_complaint_list_opts[] = {
	{"open", NULL, C_OPEN, "only complaints not closed"},
	{"overdue", NULL, C_OVERDUE, "only complaints past a deadline"},
	{"owner", "LOGIN", C_OWNER, "only this owner's complaints"},
	{"guest", "ID", C_GUEST, "only this guest's complaints"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_complaint_show_opts[] = {{NULL, NULL, 0, NULL}};

const struct opt cli_complaint_ack_opts[] = {
	{"note", "TEXT", C_NOTE, "a note (what was said to the guest)"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_complaint_step_opts[] = {
	{"undo", NULL, C_UNDO, "untick the step instead"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_complaint_resolve_opts[] = {
	{"resolution", "TEXT", C_RESOLUTION, "what was done for the guest (required)"},
	{"compensation", "AMOUNT", C_COMPENSATION, "compensation given, in yuan (88, 88.50)"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_complaint_followup_opts[] = {
	{"verdict", "satisfied|unsatisfied", C_VERDICT,
	 "the guest's verdict on the outcome (required)"},
	{"note", "TEXT", C_NOTE, "what the guest said on the follow-up call (required)"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_complaint_close_opts[] = {{NULL, NULL, 0, NULL}};

const struct opt cli_complaint_reopen_opts[] = {
	{"reason", "TEXT", C_REASON, "why the complaint is open again (required)"},
	{NULL, NULL, 0, NULL},
};

struct complaint_ctx {
	const char *pos[2]; /* positional words: ID [N] */
	int npos, maxpos;
	struct complaint c; /* add */
	bool have_category, have_severity, have_text;
	struct complaint_filter f; /* list */
	const char *note, *resolution, *reason;
	int64_t compensation; /* −1: none */
	enum complaint_verdict verdict;
	bool undo;
};

static int bad_choice(struct cli *c, const char *what, const char *const *names, size_t n,
		      const char *val)
{
	char choices[200];
	return cli_error(c, EXIT_USER, _("%s: must be %s, got \"%s\""), what,
	                 complaint_choices(names, n, choices, sizeof choices), val);
}

static int on_complaint(struct cli *c, void *vctx, int id, const char *val)
{
	struct complaint_ctx *x = vctx;
	struct error why;
	int v;
	switch (id) {
	case OPT_POSITIONAL:
		if (x->npos >= x->maxpos) {
			return cli_usage_error(c, _("unexpected argument \"%s\""), val);
		}
		x->pos[x->npos++] = val;
		return 0;
	case C_CATEGORY:
		if ((v = complaint_category_from_name(val)) < 0)
			return bad_choice(c, "category", complaint_category_names, CC_COUNT, val);
		x->c.category = (enum complaint_category)v;
		x->have_category = true;
		return 0;
	case C_SEVERITY:
		if ((v = severity_from_name(val)) <= SEV_NONE)
			return bad_choice(c, "severity", severity_names, SEV_COUNT, val);
		x->c.severity = (enum severity)v;
		x->have_severity = true;
		return 0;
	case C_CHANNEL:
		if ((v = complaint_channel_from_name(val)) < 0)
			return bad_choice(c, "channel", complaint_channel_names, CH_COUNT, val);
		x->c.channel = (enum complaint_channel)v;
		return 0;
	case C_TEXT:
		free(x->c.description);
		x->c.description = xstrdup(val);
		x->have_text = true;
		return 0;
	case C_VISIT:
		return cli_parse_id(c, "visit", val, &x->c.visit_id) ? 0 : EXIT_USER;
	case C_STAFF:
		free(x->c.staff_involved);
		x->c.staff_involved = *val ? xstrdup(val) : NULL;
		return 0;
	case C_OWNER:
		if (complaint_login_check("owner", val, &why) < 0)
			return cli_error(c, EXIT_USER, "%s", why.msg);
		free(x->c.owner);
		x->c.owner = xstrdup(val);
		x->f.owner = x->c.owner;
		return 0;
	case C_OPEN:
		x->f.open = true;
		return 0;
	case C_OVERDUE:
		x->f.overdue = true;
		return 0;
	case C_GUEST:
		return cli_parse_guest(c, "guest", val, &x->f.guest_id) ? 0 : EXIT_USER;
	case C_NOTE:
		x->note = val;
		return 0;
	case C_UNDO:
		x->undo = true;
		return 0;
	case C_RESOLUTION:
		x->resolution = val;
		return 0;
	case C_COMPENSATION:
		if (!money_parse(val, &x->compensation))
			return cli_error(c, EXIT_USER,
			                 _("compensation: must be an amount in yuan "
			                   "such as 88 or 88.50, got \"%s\""),
			                 val);
		return 0;
	case C_VERDICT:
		if ((v = complaint_verdict_from_name(val)) < 0)
			return bad_choice(c, "verdict", complaint_verdict_names, CV_COUNT, val);
		x->verdict = (enum complaint_verdict)v;
		return 0;
	case C_REASON:
		x->reason = val;
		return 0;
	}
	return 0;
}

/* Parses argv for the running command into x, expecting at most maxpos positional words.
 * Returns 0, or the exit status (−1 after --help). */
static int parse(struct cli *c, int argc, char **argv, const struct opt *opts,
		 struct complaint_ctx *x, int maxpos)
{
	memset(x, 0, sizeof *x);
	complaint_init(&x->c);
	x->c.channel = CH_IN_PERSON;
	x->compensation = -1;
	x->maxpos = maxpos;
	return cli_parse(c, argc, argv, opts, on_complaint, x);
}

static void ctx_free(struct complaint_ctx *x)
{
	complaint_free(&x->c);
}

/* The complaint id of the first positional word. */
static int complaint_id(struct cli *c, const struct complaint_ctx *x, int64_t *id)
{
	if (x->npos < 1)
		return cli_usage_error(c, "%s", _("needs the complaint id"));
	return cli_parse_id(c, "complaint id", x->pos[0], id) ? 0 : EXIT_USER;
}

int cli_complaint_add(struct cli *c, int argc, char **argv)
{
	struct complaint_ctx x;
	int rc = parse(c, argc, argv, cli_complaint_add_opts, &x, 1);
	if (rc)
		goto out;
	if (x.npos < 1) {
		rc = cli_usage_error(c, "%s", _("needs the guest id"));
		goto out;
	}
	if (!x.have_category || !x.have_severity || !x.have_text) {
		rc = cli_usage_error(c, "%s",
		                     !x.have_category   ? _("--category is required")
		                     : !x.have_severity ? _("--severity is required")
		                                        : _("--text is required"));
		goto out;
	}
	if (!cli_parse_guest(c, "guest", x.pos[0], &x.c.guest_id)) {
		rc = EXIT_USER;
		goto out;
	}
	if ((rc = cli_open(c, 0)) != 0)
		goto out;
	enum store_status s = complaint_store_add(c->st, &x.c);
	if (s != ST_OK) {
		rc = cli_store_error(c, s);
		goto out;
	}
	printf("%lld\n", (long long)x.c.id);
out:
	ctx_free(&x);
	return rc;
}

/* The complaint rules in force, or NULL (the loader has reported why). */
static const struct complaint_rules *rules_of(struct cli *c)
{
	const struct tier_rules *r = cli_rules(c);
	return r ? &r->complaints : NULL;
}

int cli_complaint_list(struct cli *c, int argc, char **argv)
{
	static const char *const headers[] = {"id",       "logged", "guest_id", "guest",
					      "category", "severity", "status", "owner",
					      "due",      "overdue",  "text"};
	struct complaint_ctx x;
	struct complaint *v = NULL;
	size_t n = 0;
	char now[20];
	int rc = parse(c, argc, argv, cli_complaint_list_opts, &x, 0);
	if (rc)
		goto out;
	const struct complaint_rules *r = rules_of(c);
	if (!r) {
		rc = EXIT_DATA;
		goto out;
	}
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		goto out;
	x.f.now = date_now_stamp(now);
	x.f.rules = r;
	enum store_status s = complaint_store_list(c->st, &x.f, &v, &n);
	if (s != ST_OK) {
		rc = cli_store_error(c, s);
		goto out;
	}
	struct table t;
	table_init(&t, 11, headers, (1u << 0) | (1u << 2));
	for (size_t i = 0; i < n; i++) {
		enum complaint_deadline late = complaint_overdue(&v[i], r, now);
		char due[20];
		complaint_due(&v[i], r, late != CD_NONE ? late : complaint_pending(&v[i]), due);
		table_addf(&t, "%lld", (long long)v[i].id);
		table_add(&t, v[i].at);
		table_addf(&t, "%lld", (long long)v[i].guest_id);
		table_add(&t, v[i].guest_name);
		table_add(&t, complaint_category_names[v[i].category]);
		table_add(&t, severity_names[v[i].severity]);
		table_add(&t, complaint_status_names[v[i].status]);
		table_add(&t, v[i].owner);
		table_add(&t, due);
		table_add(&t, complaint_deadline_names[late]);
		table_add(&t, v[i].description);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
out:
	for (size_t i = 0; i < n; i++)
		complaint_free(&v[i]);
	free(v);
	ctx_free(&x);
	return rc;
}


/* The guest's allergies or taboos as "花生 (critical), 贝类 (high)", or NULL. */
static char *safety_text(const struct guest *g, enum pref_kind kind)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < g->prefs.n; i++) {
		const struct guest_pref *p = &g->prefs.v[i];
		if (p->person != -1 || p->kind != kind)
			continue;
		sbuf_printf(&b, "%s%s", b.len ? ", " : "", p->text);
		if (p->severity)
			sbuf_printf(&b, " (%s)", severity_names[p->severity]);
	}
	return b.len ? sbuf_detach(&b) : (sbuf_free(&b), NULL);
}

static const char *const deadline_labels[CD_COUNT] = {"", "acknowledge", "resolve", "follow up"};
static const char *const deadline_missed[CD_COUNT] = {"", "not acknowledged", "not resolved",
						      "not followed up"};

/* One line of the deadlines: when it falls, and whether it was met, in time or late. */
static void show_deadline(const struct complaint *k, const struct complaint_rules *r,
			  enum complaint_deadline d, enum complaint_deadline late)
{
	char due[20], line[200];
	const char *met = complaint_met(k, d);
	if (!complaint_due(k, r, d, due))
		snprintf(line, sizeof line, "within %d days of the resolution", r->followup_days);
	else if (met[0])
		snprintf(line, sizeof line, "by %s, done %s%s", due, met,
			 strcmp(met, due) > 0 ? " (late)" : "");
	else if (late == d || (late == CD_RESOLVE && d == CD_ACK)) /* open, past both */
		snprintf(line, sizeof line, "by %s  OVERDUE", due);
	else
		snprintf(line, sizeof line, "by %s", due);
	char label[32];
	snprintf(label, sizeof label, "  %s", deadline_labels[d]);
	cli_show_line(label, line);
}

/* One timeline row as text: "open → acknowledged: note", "ticked step 2 (apologise)". Caller
 * frees. */
static char *event_text(const struct complaint_event *e)
{
	struct sbuf b = {0};
	char money[32];
	bool step = strcmp(e->action, "step") == 0, unstep = strcmp(e->action, "unstep") == 0;
	if (step || unstep) {
		int n = e->note ? atoi(e->note) : 0;
		sbuf_printf(&b, "%s step %d", step ? "ticked" : "unticked", n);
		if (n >= 1 && n <= COMPLAINT_STEPS)
			sbuf_printf(&b, " (%s)", complaint_step_names[n - 1]);
		return sbuf_detach(&b);
	}
	sbuf_printf(&b, "%s → %s",
		    e->from >= 0 ? complaint_status_names[e->from] : "logged",
		    e->to >= 0 ? complaint_status_names[e->to] : "?");
	if (e->verdict != CV_NONE)
		sbuf_printf(&b, ": %s", complaint_verdict_names[e->verdict]);
	if (e->note && *e->note)
		sbuf_printf(&b, "%s %s", e->verdict != CV_NONE ? "," : ":", e->note);
	if (e->amount_fen >= 0)
		sbuf_printf(&b, " (compensation ¥%s)", money_format(e->amount_fen, money));
	return sbuf_detach(&b);
}

/* The timeline, who aligned: "    2026-06-30 13:00:00  lina  open → acknowledged: ...". */
static void show_timeline(const struct complaint_event *ev, size_t nev)
{
	int w = 0;
	for (size_t i = 0; i < nev; i++) {
		int k = text_width(ev[i].staff ? ev[i].staff : "?");
		w = k > w ? k : w;
	}
	printf("  timeline\n");
	for (size_t i = 0; i < nev; i++) {
		char *t = event_text(&ev[i]);
		char *who = text_display(ev[i].staff ? ev[i].staff : "?");
		char *what = text_display(t);
		int pad = w - text_width(who);
		printf("    %s  %s%*s  %s\n", ev[i].at, who, pad > 0 ? pad : 0, "", what);
		free(what);
		free(who);
		free(t);
	}
}

int cli_complaint_show(struct cli *c, int argc, char **argv)
{
	struct complaint_ctx x;
	struct complaint k;
	struct complaint_event *ev = NULL;
	size_t nev = 0;
	struct guest g;
	int64_t id;
	char now[20], buf[300], money[32];
	complaint_init(&k);
	guest_init(&g);
	int rc = parse(c, argc, argv, cli_complaint_show_opts, &x, 1);
	if (rc || (rc = complaint_id(c, &x, &id)) != 0)
		goto out;
	const struct complaint_rules *r = rules_of(c);
	if (!r) {
		rc = EXIT_DATA;
		goto out;
	}
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		goto out;
	enum store_status s = complaint_store_get(c->st, id, &k, &ev, &nev);
	if (s == ST_OK)
		s = guest_store_get(c->st, k.guest_id, &g);
	if (s != ST_OK) {
		rc = cli_store_error(c, s);
		goto out;
	}
	date_now_stamp(now);
	enum complaint_deadline late = complaint_overdue(&k, r, now);

	char *name = text_display(k.guest_name ? k.guest_name : "");
	printf("complaint %lld  %s (guest %lld)\n", (long long)k.id, name,
	       (long long)k.guest_id);
	free(name);
	/* safety data first, as on every screen that shows the guest */
	char *al = safety_text(&g, PREF_ALLERGY), *tb = safety_text(&g, PREF_TABOO);
	cli_show_line("!! ALLERGY", al);
	cli_show_line("!! TABOO", tb);
	free(al);
	free(tb);
	if (late != CD_NONE) {
		char due[20];
		complaint_due(&k, r, late, due);
		snprintf(buf, sizeof buf, "%s  OVERDUE: %s by %s", complaint_status_names[k.status],
			 deadline_missed[late], due);
		cli_show_line("status", buf);
	} else {
		cli_show_line("status", complaint_status_names[k.status]);
	}
	snprintf(buf, sizeof buf, "%s by %s, %s", k.at, k.created_by ? k.created_by : "?",
		 complaint_channel_names[k.channel]);
	cli_show_line("logged", buf);
	if (strcmp(k.opened_at, k.at) != 0)
		cli_show_line("reopened", k.opened_at);
	if (k.visit_id) {
		snprintf(buf, sizeof buf, "%lld", (long long)k.visit_id);
		cli_show_line("visit", buf);
	}
	cli_show_line("category", complaint_category_names[k.category]);
	cli_show_line("severity", severity_names[k.severity]);
	cli_show_line("staff involved", k.staff_involved);
	cli_show_line("owner", k.owner ? k.owner : "(nobody)");
	cli_show_line("complaint", k.description);

	snprintf(buf, sizeof buf, "%d of %d done", complaint_steps_count(k.steps), COMPLAINT_STEPS);
	cli_show_line("recovery steps", buf);
	for (int i = 1; i <= COMPLAINT_STEPS; i++)
		printf("    [%c] %d %s\n", complaint_step_done(&k, i) ? 'x' : ' ', i,
		       complaint_step_names[i - 1]);

	printf("  deadlines\n");
	for (int d = CD_ACK; d <= CD_FOLLOWUP; d++)
		show_deadline(&k, r, (enum complaint_deadline)d, late);

	if (k.resolved_at[0]) {
		snprintf(buf, sizeof buf, "%s: ", k.resolved_at);
		char *t = xasprintf("%s%s", buf, k.resolution ? k.resolution : "");
		cli_show_line("resolution", t);
		free(t);
	}
	if (k.has_compensation) {
		snprintf(buf, sizeof buf, "¥%s", money_format(k.compensation_fen, money));
		cli_show_line("compensation", buf);
	}
	if (k.followed_up_at[0]) {
		char *t = xasprintf("%s: %s, %s", k.followed_up_at,
				    complaint_verdict_names[k.verdict],
				    k.followup_note ? k.followup_note : "");
		cli_show_line("follow-up", t);
		free(t);
	}
	if (k.closed_at[0])
		cli_show_line("closed", k.closed_at);

	show_timeline(ev, nev);
out:
	for (size_t i = 0; i < nev; i++)
		complaint_event_free(&ev[i]);
	free(ev);
	guest_free(&g);
	complaint_free(&k);
	ctx_free(&x);
	return rc;
}

/* The moves: parse, check what is required, open, call the store. */
enum move_kind { M_ACK, M_STEP, M_RESOLVE, M_FOLLOWUP, M_CLOSE, M_REOPEN };

static int move(struct cli *c, int argc, char **argv, const struct opt *opts, enum move_kind kind)
{
	struct complaint_ctx x;
	int64_t id;
	int step = 0;
	int rc = parse(c, argc, argv, opts, &x, kind == M_STEP ? 2 : 1);
	if (rc || (rc = complaint_id(c, &x, &id)) != 0)
		goto out;
	if (kind == M_STEP) {
		int64_t v = 0;
		if (x.npos < 2) {
			rc = cli_usage_error(c, "%s", _("needs the step number (1 to 5)"));
			goto out;
		}
		if (!text_parse_int(x.pos[1], 1, COMPLAINT_STEPS, &v)) {
			rc = cli_error(c, EXIT_USER,
			               _("step: must be a step number from 1 to %d, got \"%s\""),
			               COMPLAINT_STEPS, x.pos[1]);
			goto out;
		}
		step = (int)v;
	}
	if (kind == M_RESOLVE && !x.resolution) {
		rc = cli_usage_error(c, "%s", _("--resolution is required"));
		goto out;
	}
	if (kind == M_FOLLOWUP && (x.verdict == CV_NONE || !x.note)) {
		rc = cli_usage_error(c, "%s",
		                     x.verdict == CV_NONE ? _("--verdict is required")
		                                          : _("--note is required"));
		goto out;
	}
	if (kind == M_REOPEN && !x.reason) {
		rc = cli_usage_error(c, "%s", _("--reason is required"));
		goto out;
	}
	if ((rc = cli_open(c, 0)) != 0)
		goto out;
	enum store_status s = ST_OK;
	switch (kind) {
	case M_ACK:
		s = complaint_store_ack(c->st, id, x.note);
		break;
	case M_STEP:
		s = complaint_store_step(c->st, id, step, !x.undo);
		break;
	case M_RESOLVE:
		s = complaint_store_resolve(c->st, id, x.resolution, x.compensation);
		break;
	case M_FOLLOWUP:
		s = complaint_store_followup(c->st, id, x.verdict, x.note);
		break;
	case M_CLOSE:
		s = complaint_store_close(c->st, id);
		break;
	case M_REOPEN:
		s = complaint_store_reopen(c->st, id, x.reason);
		break;
	}
	if (s != ST_OK)
		rc = cli_store_error(c, s);
out:
	ctx_free(&x);
	return rc;
}

int cli_complaint_ack(struct cli *c, int argc, char **argv)
{
	return move(c, argc, argv, cli_complaint_ack_opts, M_ACK);
}

int cli_complaint_step(struct cli *c, int argc, char **argv)
{
	return move(c, argc, argv, cli_complaint_step_opts, M_STEP);
}

int cli_complaint_resolve(struct cli *c, int argc, char **argv)
{
	return move(c, argc, argv, cli_complaint_resolve_opts, M_RESOLVE);
}

int cli_complaint_followup(struct cli *c, int argc, char **argv)
{
	return move(c, argc, argv, cli_complaint_followup_opts, M_FOLLOWUP);
}

int cli_complaint_close(struct cli *c, int argc, char **argv)
{
	return move(c, argc, argv, cli_complaint_close_opts, M_CLOSE);
}

int cli_complaint_reopen(struct cli *c, int argc, char **argv)
{
	return move(c, argc, argv, cli_complaint_reopen_opts, M_REOPEN);
}
