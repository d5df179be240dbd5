/* cli_visit.c — maitre visit add | correct | list | void, opening-date */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/visit.h"
#include "store/visit_store.h"

enum { V_DATE = 1, V_MEAL, V_COVERS, V_SPEND, V_TABLE, V_NOTE, V_GUEST, V_MONTH, V_FROM, V_UNTIL,
       V_ALL, V_REASON, V_CODE, V_ALLOW_OLD, V_SECOND };

const struct opt cli_visit_add_opts[] = {
	{"date", "YYYY-MM-DD", V_DATE, "the day of the visit (default today)"},
	{"meal", "lunch|dinner", V_MEAL, "the meal (default lunch before 15:00, else dinner)"},
	{"covers", "N", V_COVERS, "headcount (a whole number ≥ 1)"},
	{"spend", "AMOUNT", V_SPEND, "bill total in yuan (520, 520.5)"},
	{"table", "TABLE", V_TABLE, "table or room"},
	{"note", "TEXT", V_NOTE, "a note on the visit"},
	{"allow-old", NULL, V_ALLOW_OLD,
	 "a manager's word: enter a visit dated before the opening date (audited)"},
	{"second-table", NULL, V_SECOND,
	 "yes, two tables: the guest has a visit on that date and meal already"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_visit_correct_opts[] = {
	{"date", "YYYY-MM-DD", V_DATE, "the right day (default: as it was)"},
	{"meal", "lunch|dinner", V_MEAL, "the right meal (default: as it was)"},
	{"covers", "N", V_COVERS, "the right headcount"},
	{"spend", "AMOUNT", V_SPEND, "the right bill total in yuan"},
	{"table", "TABLE", V_TABLE, "the right table or room (\"\" for none)"},
	{"note", "TEXT", V_NOTE, "the right note (\"\" for none)"},
	{"allow-old", NULL, V_ALLOW_OLD,
	 "a manager's word: the right date is before the opening date (audited)"},
	{"second-table", NULL, V_SECOND,
	 "yes, two tables: the guest has another visit on that date and meal"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_visit_list_opts[] = {
	{"guest", "ID", V_GUEST, "only this guest's visits"},
	{"date", "YYYY-MM-DD", V_DATE, "only this day"},
	{"month", "YYYY-MM", V_MONTH, "only this month"},
	{"from", "YYYY-MM-DD", V_FROM, "from this day on"},
	{"until", "YYYY-MM-DD", V_UNTIL, "up to this day"},
	{"all", NULL, V_ALL, "include void visits"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_visit_void_opts[] = {
	{"code", "twice|wrong-guest|wrong-amount|other", V_CODE,
	 "why the visit is void (default other)"},
	{"reason", "TEXT", V_REASON, "why, in words (required with other)"},
	{NULL, NULL, 0, NULL},
};

struct visit_ctx {
	struct visit v;
	const char *guest, *reason, *date;
	bool have_covers, have_spend, have_meal, have_date, have_table, have_note, adding,
		allow_old, second;
	int code;
	char from[11], until[11];
	int64_t guest_id;
	bool all;
	int nfilters;
};

static int on_visit(struct cli *c, void *vctx, int id, const char *val)
{
	struct visit_ctx *x = vctx;
	struct date d;
	switch (id) {
	case OPT_POSITIONAL:
		if (x->guest) {
			return cli_usage_error(c, _("unexpected argument \"%s\""), val);
		}
		x->guest = val;
		return 0;
	case V_DATE:
		x->date = val;
		if (x->adding) { /* checked with today and the opening date once the base is open */
			x->have_date = true;
			return 0;
		}
		if (cli_parse_date(c, "date", val, &d))
			return EXIT_USER;
		snprintf(x->v.date, sizeof x->v.date, "%s", val);
		snprintf(x->from, sizeof x->from, "%s", val);
		snprintf(x->until, sizeof x->until, "%s", val);
		x->have_date = true;
		x->nfilters++;
		return 0;
	case V_MEAL: {
		int m = meal_from_name(val);
		if (m < 0)
			return cli_error(c, EXIT_USER,
			                 _("meal: must be lunch or dinner, got \"%s\""), val);
		x->v.meal = (enum meal)m;
		x->have_meal = true;
		return 0;
	}
	case V_COVERS: {
		struct error why;
		x->have_covers = true;
		/* the value whole: visit_parse_covers trims spaces as the form does */
		if (text_space_around(val)) {
			error_set(&why, 0, _("must be a whole number from 1 to 999, got \"%s\""), val);
			return cli_error(c, EXIT_USER, "covers: %s", why.msg);
		}
		if (visit_parse_covers(val, &x->v.covers, &why) < 0)
			return cli_error(c, EXIT_USER, "covers: %s", why.msg);
		return 0;
	}
	case V_SPEND:
		x->have_spend = true;
		return cli_parse_money(c, "spend", val, &x->v.spend_fen);
	case V_TABLE: /* "" is none */
		free(x->v.table_no);
		x->v.table_no = *val ? xstrdup(val) : NULL;
		x->have_table = true;
		return 0;
	case V_NOTE:
		free(x->v.notes);
		x->v.notes = *val ? xstrdup(val) : NULL;
		x->have_note = true;
		return 0;
	case V_GUEST:
		return cli_parse_guest(c, "guest", val, &x->guest_id) ? 0 : EXIT_USER;
	case V_MONTH:
		if (cli_parse_month(c, "month", val, &d))
			return EXIT_USER;
		date_month_first(d, x->from);
		date_month_last(d, x->until);
		x->nfilters++;
		return 0;
	case V_FROM:
	case V_UNTIL:
		if (cli_parse_date(c, id == V_FROM ? "from" : "until", val, &d))
			return EXIT_USER;
		snprintf(id == V_FROM ? x->from : x->until, 11, "%s", val);
		return 0;
	case V_ALL:
		x->all = true;
		return 0;
	case V_REASON:
		x->reason = val;
		return 0;
	case V_CODE:
		if ((x->code = void_code_from_name(val)) < 0 || x->code == VOID_CORRECTED)
			return cli_error(c, EXIT_USER,
					 _("code: must be twice, wrong-guest, wrong-amount or other, "
					   "got \"%s\""),
					 val);
		return 0;
	case V_ALLOW_OLD:
		x->allow_old = true;
		return 0;
	case V_SECOND:
		x->second = true;
		return 0;
	}
	return 0;
}

/* What visit add and visit correct share once the database is open: the typed date checked
 * against today and the opening date, then x->v entered (or put in the place of visit
 * `replaces`, in one transaction) and its id printed. */
static int enter_visit(struct cli *c, struct visit_ctx *x, int64_t replaces)
{
	struct date opening, d;
	struct error why;
	enum store_status s = visit_store_opening(c->st, &opening, NULL);
	if (s != ST_OK)
		return cli_store_error(c, s);
	if (x->have_date) {
		int dc = visit_date_check(x->date, date_today(), opening, x->allow_old, &d, &why);
		if (dc != VISIT_DATE_OK)
			return cli_error(c, EXIT_USER, "date: %s%s", why.msg,
					 dc == VISIT_DATE_OLD
						 ? _(" (a manager enters an older visit with --allow-old)")
						 : "");
		date_format(d, x->v.date);
	}
	unsigned flags = (x->allow_old ? VISIT_ALLOW_OLD : 0) | (x->second ? VISIT_SECOND_TABLE : 0);
	s = replaces ? visit_store_correct(c->st, replaces, &x->v, flags)
		     : visit_store_enter(c->st, &x->v, flags);
	if (s == ST_DUPLICATE)
		return cli_error(c, EXIT_USER,
				 _("guest %lld has a %s visit on %s already; --second-table enters "
				   "another (two tables)"),
				 (long long)x->v.guest_id, meal_names[x->v.meal], x->v.date);
	if (s != ST_OK)
		return cli_store_error(c, s);
	printf("%lld\n", (long long)x->v.id);
	return 0;
}

int cli_visit_add(struct cli *c, int argc, char **argv)
{
	struct visit_ctx x;
	memset(&x, 0, sizeof x);
	x.adding = true;
	int rc = cli_parse(c, argc, argv, cli_visit_add_opts, on_visit, &x);
	if (rc)
		goto out;
	if (!x.guest || !x.have_covers || !x.have_spend) {
		if (!x.guest)
			rc = cli_usage_error(c, _("needs the guest id"));
		else
			rc = cli_usage_error(c, _("--%s is required"),
			                     !x.have_covers ? "covers" : "spend");
		goto out;
	}
	if (!cli_parse_guest(c, "guest", x.guest, &x.v.guest_id)) {
		rc = EXIT_USER;
		goto out;
	}
	if (!x.have_meal)
		x.v.meal = meal_for_hour(date_now_hour());
	date_format(date_today(), x.v.date);
	if ((rc = cli_open(c, 0)) == 0)
		rc = enter_visit(c, &x, 0);
out:
	visit_free(&x.v);
	return rc;
}

/* maitre visit correct ID: the visit as it was, with the fields given changed, put in its place
 * as the visit form's correction does (the old one void, "corrected", in one transaction). */
int cli_visit_correct(struct cli *c, int argc, char **argv)
{
	struct visit_ctx x;
	struct visit was;
	memset(&x, 0, sizeof x);
	memset(&was, 0, sizeof was);
	x.adding = true;
	int64_t id;
	int rc = cli_parse(c, argc, argv, cli_visit_correct_opts, on_visit, &x);
	if (rc)
		goto out;
	if (!x.guest) {
		rc = cli_usage_error(c, "%s", _("needs the visit id"));
		goto out;
	}
	if (!x.have_date && !x.have_meal && !x.have_covers && !x.have_spend && !x.have_table &&
	    !x.have_note) {
		rc = cli_usage_error(c, "%s", _("nothing to correct: give the fields that change"));
		goto out;
	}
	if (!cli_parse_id(c, "visit id", x.guest, &id)) {
		rc = EXIT_USER;
		goto out;
	}
	if ((rc = cli_open(c, 0)) != 0)
		goto out;
	enum store_status s = visit_store_get(c->st, id, &was);
	if (s != ST_OK) {
		rc = cli_store_error(c, s);
		goto out;
	}
	/* what was not given stays as it was */
	x.v.guest_id = was.guest_id;
	memcpy(x.v.date, was.date, sizeof x.v.date);
	if (!x.have_meal)
		x.v.meal = was.meal;
	if (!x.have_covers)
		x.v.covers = was.covers;
	if (!x.have_spend)
		x.v.spend_fen = was.spend_fen;
	if (!x.have_table && was.table_no)
		x.v.table_no = xstrdup(was.table_no);
	if (!x.have_note && was.notes)
		x.v.notes = xstrdup(was.notes);
	rc = enter_visit(c, &x, id);
out:
	visit_free(&x.v);
	visit_free(&was);
	return rc;
}

int cli_visit_list(struct cli *c, int argc, char **argv)
{
	static const char *const headers[] = {"id",     "date",  "meal",       "guest_id",
					      "guest",  "covers", "spend",     "per_capita",
					      "table",  "entered_by", "void"};
	struct visit_ctx x;
	memset(&x, 0, sizeof x);
	int rc = cli_parse(c, argc, argv, cli_visit_list_opts, on_visit, &x);
	if (rc)
		goto out;
	if (x.guest) {
		rc = cli_usage_error(c, _("unexpected argument \"%s\" (use --guest ID)"), x.guest);
		goto out;
	}
	if (x.nfilters > 1) {
		rc = cli_error(c, EXIT_USAGE, _("--date and --month exclude each other"));
		goto out;
	}
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		goto out;
	struct visit_filter f = {x.guest_id, x.from[0] ? x.from : NULL, x.until[0] ? x.until : NULL,
				 x.all, 0};
	struct visit *v = NULL;
	size_t n = 0;
	enum store_status s = visit_store_list(c->st, &f, &v, &n);
	if (s != ST_OK) {
		rc = cli_store_error(c, s);
	} else {
		struct table t;
		table_init(&t, 11, headers, (1u << 0) | (1u << 3) | (1u << 5) | (1u << 6) | (1u << 7));
		for (size_t i = 0; i < n; i++) {
			char m1[32], m2[32];
			table_addf(&t, "%lld", (long long)v[i].id);
			table_add(&t, v[i].date);
			table_add(&t, meal_names[v[i].meal]);
			table_addf(&t, "%lld", (long long)v[i].guest_id);
			table_add(&t, v[i].guest_name);
			table_addf(&t, "%d", v[i].covers);
			table_add(&t, money_format(v[i].spend_fen, m1));
			table_add(&t, money_format(visit_per_capita(v[i].spend_fen, v[i].covers), m2));
			table_add(&t, v[i].table_no);
			table_add(&t, v[i].entered_by);
			char *why = v[i].voided_at ? void_reason_text(v[i].void_code, v[i].void_reason)
						   : NULL;
			table_add(&t, why);
			free(why);
		}
		table_print(&t, c->format, stdout);
		table_free(&t);
	}
	for (size_t i = 0; i < n; i++)
		visit_free(&v[i]);
	free(v);
out:
	visit_free(&x.v);
	return rc;
}

int cli_visit_void(struct cli *c, int argc, char **argv)
{
	struct visit_ctx x;
	memset(&x, 0, sizeof x);
	x.code = -1;
	int64_t id;
	int rc = cli_parse(c, argc, argv, cli_visit_void_opts, on_visit, &x);
	if (rc)
		goto out;
	if (!x.guest || (!x.reason && x.code < 0)) {
		rc = cli_usage_error(c, "%s",
				     !x.guest ? _("needs the visit id") : _("--code or --reason is required"));
		goto out;
	}
	if (x.code < 0)
		x.code = VOID_OTHER;
	if (!cli_parse_id(c, "visit id", x.guest, &id)) {
		rc = EXIT_USER;
		goto out;
	}
	if ((rc = cli_open(c, 0)) != 0)
		goto out;
	enum store_status s = visit_store_void(c->st, id, (enum void_code)x.code, x.reason);
	if (s != ST_OK)
		rc = cli_store_error(c, s);
out:
	visit_free(&x.v);
	return rc;
}

const struct opt cli_opening_date_opts[] = {{NULL, NULL, 0, NULL}};

int cli_opening_date(struct cli *c, int argc, char **argv)
{
	const char *arg = NULL;
	struct date d;
	bool set;
	char day[11];
	int rc = cli_parse(c, argc, argv, cli_opening_date_opts, cli_one_arg, &arg);
	if (rc)
		return rc;
	if (arg && cli_parse_date(c, "date", arg, &d))
		return EXIT_USER;
	if ((rc = cli_open(c, arg ? 0 : STORE_READONLY)) != 0 ||
	    (arg && (rc = cli_may(c, PERM_RULES)) != 0))
		return rc;
	/* the date set is the one shown: reading it back could fail after the write was made */
	enum store_status s = arg ? visit_store_set_opening(c->st, d) : visit_store_opening(c->st, &d, &set);
	if (s != ST_OK)
		return cli_store_error(c, s);
	printf(arg || set ? "%s\n" : "%s (not set: one year before today)\n", date_format(d, day));
	return 0;
}
