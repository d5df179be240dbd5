/* cli_agenda.c — maitre dates | gift given | agenda | contact log | banquet log */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/choice.h"
#include "core/date.h"
#include "core/money.h"
#include "core/tier.h"
#include "store/agenda_store.h"

enum {
	A_UPCOMING = 1,
	A_OCCASION,
	A_PERSON,
	A_VALUE,
	A_YEAR,
	A_NOTE,
	A_STAFF,
	A_ALL,
	A_DAYS,
	A_CHANNEL,
	A_OUTCOME,
	A_FEEDBACK,
	A_DATE,
	A_TABLES,
	A_BUDGET,
	A_ACTUAL
};

const struct opt cli_dates_opts[] = {
    {"upcoming", "N", A_UPCOMING, "the dates of the N days starting today (1 to 366; default 7)"},
    {NULL, NULL, 0, NULL},
};

const struct opt cli_gift_given_opts[] = {
    {"occasion", "birthday|anniversary|LABEL", A_OCCASION, "the special date (required)"},
    {"person", "WHO", A_PERSON, "an associated person's date (relation or name)"},
    {"value", "AMOUNT", A_VALUE, "the gift's value in yuan (default what the tier grants)"},
    {"year", "YYYY", A_YEAR, "the occasion's year (default the occurrence nearest today)"},
    {"note", "TEXT", A_NOTE, "what was given"},
    {NULL, NULL, 0, NULL},
};

const struct opt cli_agenda_opts[] = {
    {"staff", "LOGIN", A_STAFF, "this sales manager's guests (default you, if you have guests)"},
    {"all", NULL, A_ALL, "every sales manager's guests"},
    {"days", "N", A_DAYS, "special dates of the N days starting today (1 to 366; default 7)"},
    {NULL, NULL, 0, NULL},
};

const struct opt cli_contact_log_opts[] = {
    {"channel", "phone|visit|wechat", A_CHANNEL, "how the guest was contacted (required)"},
    {"outcome", "TEXT", A_OUTCOME, "what came of it (required)"},
    {"feedback", "TEXT", A_FEEDBACK, "the guest's feedback"},
    {"date", "YYYY-MM-DD", A_DATE, "the day of the contact (default today)"},
    {NULL, NULL, 0, NULL},
};

const struct opt cli_banquet_log_opts[] = {
    {"date", "YYYY-MM-DD", A_DATE, "the day the banquet was held (required)"},
    {"tables", "N", A_TABLES, "number of tables (1 to 999)"},
    {"budget", "AMOUNT", A_BUDGET, "budget in yuan (default tables × the tier's budget a table)"},
    {"actual", "AMOUNT", A_ACTUAL, "what it actually cost, in yuan"},
    {"note", "TEXT", A_NOTE, "a note"},
    {NULL, NULL, 0, NULL},
};

struct agenda_ctx {
	const char *arg; /* the positional argument (guest id) */
	int days;        /* --upcoming, --days */
	const char *staff;
	bool all;
	struct agenda_gift gift;
	struct agenda_contact contact;
	struct agenda_banquet banquet;
	bool have_date;
};

static int on_agenda(struct cli *c, void *vctx, int id, const char *val)
{
	struct agenda_ctx *x = vctx;
	struct date d;
	switch (id) {
	case OPT_POSITIONAL:
		if (x->arg) {
			return cli_usage_error(c, _("unexpected argument \"%s\""), val);
		}
		x->arg = val;
		return 0;
	case A_UPCOMING:
		return cli_parse_int(c, "upcoming", val, 1, 366, &x->days);
	case A_DAYS:
		return cli_parse_int(c, "days", val, 1, 366, &x->days);
	case A_OCCASION:
		x->gift.occasion = val;
		return 0;
	case A_PERSON:
		x->gift.person = val;
		return 0;
	case A_VALUE:
		x->gift.has_value = true;
		return cli_parse_money(c, "value", val, &x->gift.value_fen);
	case A_YEAR:
		return cli_parse_int(c, "year", val, 1900, 9999, &x->gift.year);
	case A_NOTE:
		x->gift.note = val;
		x->banquet.note = val;
		return 0;
	case A_STAFF:
		if (!*val)
			return cli_error(c, EXIT_USER, _("staff: needs a login"));
		x->staff = val;
		return 0;
	case A_ALL:
		x->all = true;
		return 0;
	case A_CHANNEL:
		/* the code, or its word in either language (微信) */
		if (!(x->contact.channel = choice_code(&choice_channel, val)))
			return cli_error(c, EXIT_USER,
			                 _("channel: must be phone, visit or wechat, got \"%s\""),
			                 val);
		return 0;
	case A_OUTCOME:
		x->contact.outcome = val;
		return 0;
	case A_FEEDBACK:
		x->contact.feedback = val;
		return 0;
	case A_DATE:
		if (cli_parse_date(c, "date", val, &d))
			return EXIT_USER;
		x->contact.on = d;
		x->banquet.on = d;
		x->have_date = true;
		return 0;
	case A_TABLES:
		return cli_parse_int(c, "tables", val, 1, 999, &x->banquet.tables);
	case A_BUDGET:
		x->banquet.has_budget = true;
		return cli_parse_money(c, "budget", val, &x->banquet.budget_fen);
	case A_ACTUAL:
		x->banquet.has_actual = true;
		return cli_parse_money(c, "actual", val, &x->banquet.actual_fen);
	}
	return 0;
}

/* Parses the options of the command; with guest non-NULL, the guest id is required and goes
 * there, else no positional argument is allowed. Returns 0 or the exit status. */
static int parse(struct cli *c, int argc, char **argv, const struct opt *opts, struct agenda_ctx *x,
                 int64_t *guest)
{
	int rc = cli_parse(c, argc, argv, opts, on_agenda, x);
	if (rc)
		return rc;
	if (!guest) {
		if (x->arg) {
			return cli_usage_error(c, _("unexpected argument \"%s\""), x->arg);
		}
		return 0;
	}
	if (!x->arg) {
		return cli_usage_error(c, _("needs the guest id"));
	}
	return cli_parse_guest(c, "guest", x->arg, guest) ? 0 : EXIT_USER;
}

/* "1 day" / "N days" */
static void days_text(char *buf, size_t len, const char *pre, int n)
{
	snprintf(buf, len, "%s%d day%s", pre, n, n == 1 ? "" : "s");
}

static void add_date_cells(struct table *t, const struct agenda_row *r)
{
	table_add(t, r->person);
	table_add(t, agenda_row_occasion(r));
	if (r->years)
		table_addf(t, "%d", r->years);
	else
		table_add(t, NULL);
}

int cli_dates(struct cli *c, int argc, char **argv)
{
	static const char *const headers[] = {"date",     "days",  "guest_id", "guest", "person",
	                                      "occasion", "years", "tier",     "gift",  "given"};
	struct agenda_ctx x = {.days = 7};
	int rc = parse(c, argc, argv, cli_dates_opts, &x, NULL);
	if (rc)
		return rc;
	const struct tier_rules *rules;
	if ((rc = cli_begin(c, STORE_READONLY, &rules)) != 0)
		return rc;
	struct agenda_row *rows = NULL;
	size_t n = 0;
	enum store_status s =
	    agenda_store_upcoming(c->st, rules, date_today(), x.days, NULL, &rows, &n);
	if (s != ST_OK)
		return cli_store_error(c, s);
	struct table t;
	table_init(&t, 10, headers, (1u << 1) | (1u << 2) | (1u << 6) | (1u << 8));
	for (size_t i = 0; i < n; i++) {
		const struct agenda_row *r = &rows[i];
		char d[11], m[32];
		table_add(&t, date_format(r->on, d));
		table_addf(&t, "%d", r->days);
		table_addf(&t, "%lld", (long long)r->guest_id);
		table_add(&t, r->guest);
		add_date_cells(&t, r);
		table_add(&t, r->tier);
		table_add(&t, r->has_gift ? money_format(r->gift_fen, m) : NULL);
		table_add(&t, r->given ? "yes" : "no");
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	agenda_rows_free(rows, n);
	return 0;
}

int cli_gift_given(struct cli *c, int argc, char **argv)
{
	struct agenda_ctx x = {0};
	int rc = parse(c, argc, argv, cli_gift_given_opts, &x, &x.gift.guest_id);
	if (rc)
		return rc;
	if (!x.gift.occasion) {
		return cli_usage_error(c, _("--occasion is required"));
	}
	const struct tier_rules *rules;
	if ((rc = cli_begin(c, 0, &rules)) != 0)
		return rc;
	enum store_status s = agenda_store_gift(c->st, rules, date_today(), &x.gift);
	if (s != ST_OK)
		return cli_store_error(c, s);
	printf("%lld\n", (long long)x.gift.id);
	return 0;
}

/* The status of an agenda row: "overdue 3 days", "due today", "in 5 days", ... */
static void status_text(const struct agenda_row *r, char *buf, size_t len)
{
	if (r->what == AGENDA_DATE) {
		if (r->days == 0)
			snprintf(buf, len, "today");
		else
			days_text(buf, len, "in ", r->days);
		return;
	}
	if (r->due.never)
		snprintf(buf, len, "%s",
		         r->what == AGENDA_BANQUET ? "never held" : "never contacted");
	else if (r->due.state == AGENDA_OVERDUE)
		days_text(buf, len, "overdue ", -r->due.left);
	else if (r->due.left == 0)
		snprintf(buf, len, "due today");
	else
		snprintf(buf, len, "due, %d day%s left", r->due.left, r->due.left == 1 ? "" : "s");
}

int cli_agenda(struct cli *c, int argc, char **argv)
{
	static const char *const headers[] = {"due",   "days", "status", "item",         "guest_id",
	                                      "guest", "tier", "last",   "person",       "occasion",
	                                      "years", "gift", "given",  "sales_manager"};
	struct agenda_ctx x = {.days = 7};
	int rc = parse(c, argc, argv, cli_agenda_opts, &x, NULL);
	if (rc)
		return rc;
	if (x.all && x.staff)
		return cli_error(c, EXIT_USAGE, _("--staff and --all exclude each other"));
	const struct tier_rules *rules;
	if ((rc = cli_begin(c, STORE_READONLY, &rules)) != 0)
		return rc;
	enum store_status s;
	const char *staff = x.staff;
	if (!staff && !x.all) {
		/* you, when you are someone's sales manager; else everyone */
		bool mine;
		if ((s = agenda_store_is_manager(c->st, store_login(c->st), &mine)) != ST_OK)
			return cli_store_error(c, s);
		if (mine)
			staff = store_login(c->st);
	}
	struct agenda_row *rows = NULL;
	size_t n = 0;
	if ((s = agenda_store_agenda(c->st, rules, date_today(), x.days, staff, &rows, &n)) !=
	    ST_OK)
		return cli_store_error(c, s);
	struct table t;
	table_init(&t, 14, headers, (1u << 1) | (1u << 4) | (1u << 10) | (1u << 11));
	for (size_t i = 0; i < n; i++) {
		const struct agenda_row *r = &rows[i];
		char d[11], status[48], m[32];
		bool date = r->what == AGENDA_DATE;
		table_add(&t, date_format(date ? r->on : r->due.by, d));
		table_addf(&t, "%d", date ? r->days : r->due.left);
		status_text(r, status, sizeof status);
		table_add(&t, status);
		table_add(&t, agenda_what_names[r->what]);
		table_addf(&t, "%lld", (long long)r->guest_id);
		table_add(&t, r->guest);
		table_add(&t, r->tier);
		table_add(&t, !date && r->last.y ? date_format(r->last, d) : NULL);
		if (date) {
			add_date_cells(&t, r);
			table_add(&t, r->has_gift ? money_format(r->gift_fen, m) : NULL);
			table_add(&t, r->given ? "yes" : "no");
		} else {
			for (int k = 0; k < 5; k++)
				table_add(&t, NULL);
		}
		table_add(&t, r->manager);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	agenda_rows_free(rows, n);
	return 0;
}

int cli_contact_log(struct cli *c, int argc, char **argv)
{
	struct agenda_ctx x = {0};
	int rc = parse(c, argc, argv, cli_contact_log_opts, &x, &x.contact.guest_id);
	if (rc)
		return rc;
	if (!x.contact.channel || !x.contact.outcome) {
		return cli_usage_error(c, _("--%s is required"),
		                       !x.contact.channel ? "channel" : "outcome");
	}
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	enum store_status s = agenda_store_contact(c->st, date_today(), &x.contact);
	if (s != ST_OK)
		return cli_store_error(c, s);
	printf("%lld\n", (long long)x.contact.id);
	return 0;
}

int cli_banquet_log(struct cli *c, int argc, char **argv)
{
	struct agenda_ctx x = {0};
	int rc = parse(c, argc, argv, cli_banquet_log_opts, &x, &x.banquet.guest_id);
	if (rc)
		return rc;
	if (!x.have_date) {
		return cli_usage_error(c, _("--date is required"));
	}
	const struct tier_rules *rules;
	if ((rc = cli_begin(c, 0, &rules)) != 0)
		return rc;
	enum store_status s = agenda_store_banquet(c->st, rules, date_today(), &x.banquet);
	if (s != ST_OK)
		return cli_store_error(c, s);
	printf("%lld\n", (long long)x.banquet.id);
	return 0;
}
