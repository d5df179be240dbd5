#include "config.h"

#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_audit.h"
#include "cli/cli_import.h"
#include "cli/cli_privacy.h"
#include "config/paths.h"
#include "core/date.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "store/guest_store.h"

enum { G_DB = 1000, G_FORMAT, G_HELP, G_TIERS, G_AS };

const struct opt cli_global_opts[] = {
	{"db", "PATH", G_DB, "the database (default $MAITRE_DB, else $XDG_DATA_HOME/maitre/maitre.db)"},
	{"format", "FORMAT", G_FORMAT, "listings as text, tsv, csv or json (default text)"},
	{"tiers", "FILE", G_TIERS, "the tier rules (default $XDG_CONFIG_HOME/maitre/tiers.yaml)"},
	{"as", "LOGIN", G_AS, "on a shared login: act as this member of the staff, who types "
	 "their PIN (on the terminal, or from the file descriptor $MAITRE_PIN_FD)"},
	{"help", NULL, G_HELP, "show help for the command"},
	{NULL, NULL, 0, NULL},
};

static const struct opt no_opts[] = {{NULL, NULL, 0, NULL}};

static int cli_help(struct cli *c, int argc, char **argv);
int cli_begin(struct cli *c, int flags, const struct tier_rules **r)
{
	if (!(*r = cli_rules(c)))
		return EXIT_DATA;
	return cli_open(c, flags);
}

static int cli_version(struct cli *c, int argc, char **argv);

/* One table drives dispatch, `maitre help` and the COMMANDS section of man/maitre.1. */
static const struct cli_command commands[] = {
	{"init", cli_init, cli_init_opts, "", "create the database", NOPERM},
	{"guest add", cli_guest_add, cli_guest_add_opts, "--name NAME [OPTIONS]",
	 "add a guest; prints the new id", PERM_GUEST_EDIT},
	{"guest show", cli_guest_show, cli_guest_show_opts, "ID", "show a guest's whole sheet", PERM_CARD},
	{"guest edit", cli_guest_edit, cli_guest_edit_opts, "ID [OPTIONS]",
	 "change a guest's sheet", PERM_GUEST_EDIT},
	{"guest find", cli_guest_find, cli_guest_find_opts, "QUERY",
	 "find guests by name, pinyin, initials, phone digits or any 3+ characters", PERM_LOOKUP},
	{"guest export", cli_guest_export, cli_guest_export_opts, "ID",
	 "everything held about a guest, as JSON (what a guest who asks is given)", PERM_EXPORT},
	{"guest duplicates", cli_guest_duplicates, cli_guest_duplicates_opts,
	 "[--min-score N] [--limit N] [--guest ID] | --not-same A B",
	 "guests who may be the same person, with the reasons and a score", PERM_MERGE},
	{"guest merge", cli_guest_merge, cli_guest_merge_opts,
	 "KEEP OTHER [--prefer other:FIELD|keep:FIELD]... [--dry-run]",
	 "merge a guest entered twice: OTHER's visits and all move to KEEP; prints the merge id",
	 PERM_MERGE},
	{"guest unmerge", cli_guest_unmerge, cli_guest_unmerge_opts, "MERGE_ID",
	 "undo a merge while nothing it wrote has changed since", PERM_MERGE},
	{"guest merges", cli_guest_merges, cli_guest_merges_opts, "[--guest ID]",
	 "the merges so far, undone ones marked", PERM_MERGE},
	{"guest erase", cli_guest_erase, cli_guest_erase_opts, "ID --reason TEXT [--yes]",
	 "erase a guest on request: the person goes, the anonymous visits stay", PERM_ERASE},
	{"guest delete", cli_guest_delete, cli_guest_delete_opts, "ID",
	 "delete a guest entered by mistake (nothing attached)", PERM_ERASE},
	{"import guests", cli_import_guests, cli_import_guests_opts, "FILE [OPTIONS]",
	 "bring a guest book in: .xlsx, .xls, CSV or TSV; columns found by their headers", PERM_IMPORT},
	{"import visits", cli_import_visits, cli_import_visits_opts, "FILE [OPTIONS]",
	 "bring visits in from a POS export: date, meal or time, phone or guest, covers, spend", PERM_IMPORT},
	{"import undo", cli_import_undo, cli_import_undo_opts, "BATCH",
	 "take an import back while nobody has changed what it wrote", PERM_IMPORT},
	{"import list", cli_import_list, cli_import_list_opts, "", "the imports so far", PERM_IMPORT},
	{"audit", cli_audit, cli_audit_opts,
	 "[--guest ID] [--staff LOGIN] [--since YYYY-MM-DD] [--action KIND]",
	 "who changed what and when, old and new, the newest first", PERM_CARD},
	{"audit verify", cli_audit_verify, cli_audit_verify_opts, "",
	 "check the audit's hash chain: the first row changed, removed or inserted", PERM_AUDIT},
	{"visit add", cli_visit_add, cli_visit_add_opts, "GUEST_ID --covers N --spend AMOUNT [OPTIONS]",
	 "record a visit (a lunch or a dinner); prints the new id", PERM_VISIT_ENTER},
	{"visit correct", cli_visit_correct, cli_visit_correct_opts, "ID [OPTIONS]",
	 "correct a visit: void it and enter the right one, at once; prints the new id", PERM_VISIT_CORRECT},
	{"visit list", cli_visit_list, cli_visit_list_opts, "[OPTIONS]", "list visits", PERM_VISIT_LIST},
	{"visit void", cli_visit_void, cli_visit_void_opts,
	 "ID [--code twice|wrong-guest|wrong-amount|other] [--reason TEXT]",
	 "void a wrong visit (it is kept, marked void)", PERM_VISIT_VOID},
	{"opening-date", cli_opening_date, cli_opening_date_opts, "[YYYY-MM-DD]",
	 "show or set the restaurant's opening date: no visit is entered before it", PERM_LOOKUP},
	{"tier recompute", cli_tier_recompute, cli_tier_recompute_opts, "[--month YYYY-MM]",
	 "compute and store every guest's tier for a month", PERM_TIER_RECOMPUTE},
	{"tier show", cli_tier_show, cli_tier_show_opts, "GUEST_ID [--month YYYY-MM]",
	 "a guest's tier, why, and what the next tier up needs", PERM_CARD},
	{"tier override", cli_tier_override, cli_tier_override_opts,
	 "GUEST_ID TIER --reason R [--until YYYY-MM] | GUEST_ID --clear",
	 "set a guest's tier by hand, or clear it", PERM_TIER_OVERRIDE},
	{"tier list", cli_tier_list, cli_tier_list_opts, "[--month YYYY-MM] [--tier A]",
	 "guests by tier for a month", PERM_REPORT},
	{"tier movers", cli_tier_movers, cli_tier_movers_opts, "[--month YYYY-MM]",
	 "who rose or fell against the month before", PERM_REPORT},
	{"sheet", cli_sheet, cli_sheet_opts, "[--month YYYY-MM] [--tier A] [--sales-manager LOGIN]",
	 "the monthly attendance sheet: covers and spend per day, the month's figures and tier", PERM_REPORT},
	{"dates", cli_dates, cli_dates_opts, "[--upcoming N]",
	 "special dates of guests and their people coming up, with the gift their tier grants", PERM_CONTACT},
	{"gift given", cli_gift_given, cli_gift_given_opts,
	 "GUEST_ID --occasion birthday|anniversary|LABEL [OPTIONS]",
	 "record a gift given for a special date; prints the new id", PERM_CONTACT},
	{"agenda", cli_agenda, cli_agenda_opts, "[--staff LOGIN | --all] [--days N]",
	 "calls, visits and banquets due by the tier cadence, and the week's dates", PERM_CONTACT},
	{"contact log", cli_contact_log, cli_contact_log_opts,
	 "GUEST_ID --channel phone|visit|wechat --outcome TEXT [OPTIONS]",
	 "record a sales manager's contact with a guest; prints the new id", PERM_CONTACT},
	{"banquet log", cli_banquet_log, cli_banquet_log_opts, "GUEST_ID --date YYYY-MM-DD [OPTIONS]",
	 "record a banquet hosted for a guest; prints the new id", PERM_CONTACT},
	{"complaint add", cli_complaint_add, cli_complaint_add_opts,
	 "GUEST_ID --category C --severity S --text TEXT [OPTIONS]",
	 "log a guest's complaint; prints the new id", PERM_COMPLAINT_LOG},
	{"complaint list", cli_complaint_list, cli_complaint_list_opts,
	 "[--open] [--overdue] [--owner LOGIN] [--guest ID]", "list complaints, overdue ones marked", PERM_COMPLAINT_READ},
	{"complaint show", cli_complaint_show, cli_complaint_show_opts, "ID",
	 "a complaint: recovery steps, deadlines, resolution, follow-up and timeline", PERM_COMPLAINT_READ},
	{"complaint ack", cli_complaint_ack, cli_complaint_ack_opts, "ID [--note TEXT]",
	 "acknowledge a complaint (open → acknowledged)", PERM_COMPLAINT_HANDLE},
	{"complaint step", cli_complaint_step, cli_complaint_step_opts, "ID N [--undo]",
	 "tick recovery step N (1 to 5) of a complaint", PERM_COMPLAINT_HANDLE},
	{"complaint resolve", cli_complaint_resolve, cli_complaint_resolve_opts,
	 "ID --resolution TEXT [--compensation AMOUNT]",
	 "record how a complaint was resolved (acknowledged → resolved)", PERM_COMPLAINT_HANDLE},
	{"complaint followup", cli_complaint_followup, cli_complaint_followup_opts,
	 "ID --verdict satisfied|unsatisfied --note TEXT",
	 "record the follow-up call (resolved → followed_up)", PERM_COMPLAINT_HANDLE},
	{"complaint close", cli_complaint_close, cli_complaint_close_opts, "ID",
	 "close a followed-up complaint", PERM_COMPLAINT_CLOSE},
	{"complaint reopen", cli_complaint_reopen, cli_complaint_reopen_opts, "ID --reason TEXT",
	 "reopen a resolved, followed-up or closed complaint", PERM_COMPLAINT_CLOSE},
	{"alerts", cli_alerts, cli_alerts_opts, "[--month YYYY-MM] [--all]",
	 "list the open alerts; with --month, raise a complete month's alert guests first", PERM_ALERT_READ},
	{"alert show", cli_alert_show, cli_alert_show_opts, "ID", "an alert with its feedback and actions", PERM_ALERT_READ},
	{"alert feedback", cli_alert_feedback, cli_alert_feedback_opts, "ID --text TEXT",
	 "record the sales manager's feedback", PERM_ALERT_FEEDBACK},
	{"alert action", cli_alert_action, cli_alert_action_opts, "ID --text TEXT [--owner WHO]",
	 "add a numbered action item; prints its number", PERM_ALERT_MANAGE},
	{"alert done", cli_alert_done, cli_alert_done_opts, "ID N [--undo]", "mark action N done", PERM_ALERT_MANAGE},
	{"alert close", cli_alert_close, cli_alert_close_opts, "ID --outcome TEXT",
	 "close an alert with its outcome", PERM_ALERT_MANAGE},
	{"report tiers", cli_report_tiers, cli_report_opts, "[--month YYYY-MM]",
	 "guests per tier against the month before", PERM_REPORT},
	{"report revenue", cli_report_revenue, cli_report_opts, "[--month YYYY-MM]",
	 "visits, covers and revenue by tier", PERM_REPORT},
	{"report complaints", cli_report_complaints, cli_report_opts, "[--month YYYY-MM]",
	 "complaints by category, with the median time to resolve", PERM_REPORT},
	{"report pareto", cli_report_pareto, cli_report_opts, "[--month YYYY-MM]",
	 "the share of revenue from the top 2 % and 20 % of guests", PERM_REPORT},
	{"export guests", cli_export_guests, cli_export_guests_opts,
	 "[--format csv|tsv|json|xlsx] [--output FILE] [--encoding utf-8|gb18030] [--bom] [--sensitive]",
	 "every guest with every field and list: the guest book, as maitre import reads it", PERM_EXPORT},
	{"export visits", cli_export_visits, cli_export_visits_opts,
	 "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|tsv|json|xlsx] [--output FILE] [...]",
	 "every visit in the dates, void ones marked", PERM_EXPORT},
	{"staff add", cli_staff_add, cli_staff_add_opts, "LOGIN --role ROLE [--name NAME] [--shared]",
	 "add a member of the staff with their role", PERM_STAFF},
	{"staff list", cli_staff_list, cli_staff_list_opts, "",
	 "the staff: login, name, role, shared, PIN set, disabled", PERM_LOOKUP},
	{"staff edit", cli_staff_edit, cli_staff_edit_opts,
	 "LOGIN [--name NAME] [--role ROLE] [--shared|--not-shared] [--enable]",
	 "change a member's name, role or shared login, or enable them again", PERM_STAFF},
	{"staff disable", cli_staff_disable, cli_staff_disable_opts, "LOGIN",
	 "disable a member who left (never deleted: the audit keeps pointing at them)", PERM_STAFF},
	{"staff pin", cli_staff_pin, cli_staff_pin_opts, "LOGIN [--remove]",
	 "set or reset a member's PIN, typed twice without echo (or one line of $MAITRE_PIN_FD)",
	 PERM_STAFF},
	{"staff roles", cli_staff_roles, cli_staff_roles_opts, "",
	 "each role of the roles in force and what it may do", PERM_LOOKUP},
	{"demo", cli_demo, cli_demo_opts, "[OPTIONS]",
	 "create a demo restaurant with generated guests and visits", PERM_IMPORT},
	{"backup", cli_backup, cli_backup_opts, "[FILE] | --list | --prune --before YYYY-MM-DD [--yes]",
	 "copy the database consistently while others keep writing; list or prune the backups",
	 PERM_BACKUP},
	{"restore", cli_restore, cli_restore_opts, "BACKUP [--yes]",
	 "replace the database by a backup, checked and compared first; the file replaced is kept",
	 PERM_RESTORE},
	{"summary", cli_summary, cli_summary_opts, "", "what the database holds, and a sample lookup", PERM_LOOKUP},
	{"doctor", cli_doctor, cli_doctor_opts, "[--repair]",
	 "check the database is whole: SQLite's checks, the schema, derived tables against their sources", PERM_BACKUP},
	{"check-config", cli_check_config, cli_check_config_opts, "[FILE]",
	 "check a tier rules file (default: the one in force), or a roles.yaml or "
	 "import-columns.yaml, and print what it says", NOPERM},
	{"privacy status", cli_privacy_status, cli_privacy_status_opts, "",
	 "retention: privacy.retain_years and how many guests are due for anonymising", PERM_REPORT},
	{"privacy sweep", cli_privacy_sweep, cli_privacy_sweep_opts, "[--dry-run] [--yes]",
	 "anonymise the guests with no visit or contact for privacy.retain_years",
	 PERM_ERASE},
	{"help", cli_help, no_opts, "[COMMAND]", "show help", NOPERM},
	{"version", cli_version, no_opts, "", "show the version", NOPERM},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* "maitre: CMD: message\n" on stderr; the message shown as text_display_lines does: an argument
 * or a stored text it echoes cannot act on the terminal (ESC as ^[, U+202E as <U+202E>). */
__attribute__((format(printf, 2, 0))) static void verror(struct cli *c, const char *fmt,
							   va_list ap)
{
	char *msg = xvasprintf(fmt, ap), *shown = text_display_lines(msg);
	fprintf(stderr, "maitre: ");
	if (c && c->cmd && strcmp(c->cmd, "maitre") != 0) /* the interface: no command to name */
		fprintf(stderr, "%s: ", c->cmd);
	fputs(shown, stderr);
	fputc('\n', stderr);
	free(shown);
	free(msg);
}

/* As cli_error without a command name and without a status: "maitre: message\n". */
__attribute__((format(printf, 1, 2))) static void bare_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(NULL, fmt, ap);
	va_end(ap);
}

int cli_error(struct cli *c, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(c, fmt, ap);
	va_end(ap);
	return code;
}

int cli_store_error(struct cli *c, enum store_status s)
{
	int code = (s == ST_NOTFOUND || s == ST_INVALID || s == ST_DUPLICATE || s == ST_CONFLICT)
			   ? EXIT_USER
			   : EXIT_DATA;
	if (s == ST_DENIED)
		code = EXIT_DENIED;
	if (s == ST_CORRUPT && c->st && store_damage(c->st))
		return cli_error(c, code, _("the database is damaged: run `maitre doctor` (%s)"),
				 store_damage(c->st));
	return cli_error(c, code, "%s", c->st ? store_errmsg(c->st) : store_status_name(s));
}

bool cli_parse_id(struct cli *c, const char *what, const char *s, int64_t *id)
{
	int64_t v;
	if (!text_parse_int(s, 1, INT64_MAX, &v)) {
		cli_error(c, EXIT_USER, _("%s: must be a positive whole number, got \"%s\""), what,
		          s ? s : "");
		return false;
	}
	*id = v;
	return true;
}

/* *id as it answers now (guest_store_resolve), said when it moved; an id of no guest is left
 * for the command to refuse. 0, or the exit status once the failure is said. */
static int resolve_guest(struct cli *c, int64_t *id)
{
	int64_t to;
	enum store_status s = guest_store_resolve(c->st, *id, &to);
	if (s == ST_NOTFOUND)
		return 0;
	if (s != ST_OK)
		return cli_store_error(c, s);
	if (to != *id)
		fprintf(stderr, _("maitre: note: guest %lld was merged into %lld\n"), (long long)*id,
			(long long)to);
	*id = to;
	return 0;
}

/* Asks "question [y/N] " on the terminal: 0 when answered yes (or yes already given: --yes),
 * else the exit status once what happens instead is said (nothing: undone names it). Without
 * a terminal, refused: a script says --yes. */
int cli_confirm(struct cli *c, bool yes, const char *question, const char *undone)
{
	if (yes)
		return 0;
	if (!isatty(STDIN_FILENO))
		return cli_error(c, EXIT_USER, _("%s: not on a terminal, so nobody can confirm; "
						 "add --yes"), undone);
	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	char line[16] = "";
	if (!fgets(line, sizeof line, stdin) || (strcmp(line, "y\n") != 0 && strcmp(line, "yes\n") != 0))
		return cli_error(c, EXIT_USER, "%s", undone);
	return 0;
}

bool cli_parse_guest(struct cli *c, const char *what, const char *s, int64_t *id)
{
	if (!cli_parse_id(c, what, s, id))
		return false;
	if (c->st)
		return resolve_guest(c, id) == 0;
	if (c->nguest_ids < sizeof c->guest_ids / sizeof c->guest_ids[0])
		c->guest_ids[c->nguest_ids++] = id;
	return true;
}

void cli_show_diags(const struct strv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		char *d = text_display(v->v[i]);
		fprintf(stderr, "%s\n", d);
		free(d);
	}
}

void cli_show_line(const char *label, const char *value)
{
	if (!value || !*value)
		return;
	int pad = 18 - text_width(label);
	printf("  %s%*s", label, pad > 1 ? pad : 1, "");
	for (const char *p = value; p;) {
		const char *nl = strchr(p, '\n');
		char *part = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		char *d = text_display(part);
		printf("%s%s\n", p == value ? "" : "                    ", d);
		free(d);
		free(part);
		p = nl ? nl + 1 : NULL;
	}
}

const char *cli_shown(struct cli *c, const char *s)
{
	strv_take(&c->shown, text_display(s ? s : ""));
	return c->shown.v[c->shown.n - 1];
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int cli_parse_month(struct cli *c, const char *what, const char *val, struct date *out)
{
	if (!date_parse_month(val, out))
		return cli_error(c, EXIT_USER, _("%s: must be YYYY-MM, got \"%s\""), what, val);
	return 0;
}

int cli_parse_date(struct cli *c, const char *what, const char *val, struct date *out)
{
	struct error why;
	if (date_parse_why(val, false, out, &why) < 0)
		return cli_error(c, EXIT_USER, "%s: %s", what, why.msg);
	return 0;
}

int cli_parse_int(struct cli *c, const char *what, const char *val, int lo, int hi, int *out)
{
	int64_t n;
	if (!text_parse_int(val, lo, hi, &n))
		return cli_error(c, EXIT_USER,
		                 _("%s: must be a whole number from %d to %d, got \"%s\""), what,
		                 lo, hi, val);
	*out = (int)n;
	return 0;
}

int cli_parse_money(struct cli *c, const char *what, const char *val, int64_t *fen)
{
	/* the value whole: money_parse trims spaces as a form does (text_space_around) */
	if (text_space_around(val) || !money_parse(val, fen))
		return cli_error(
		    c, EXIT_USER,
		    _("%s: must be an amount in yuan such as 520 or 520.50, got \"%s\""), what,
		    val);
	return 0;
}

int cli_one_arg(struct cli *c, void *ctx, int id, const char *val)
{
	const char **arg = ctx;
	if (id == OPT_POSITIONAL) {
		if (!arg || *arg)
			return cli_usage_error(c, _("unexpected argument \"%s\""), val);
		*arg = val;
	}
	return 0;
}

int cli_want_args(struct cli *c, const struct strv *args, size_t n, const char *const *what)
{
	if (args->n < n)
		return cli_usage_error(c, _("needs %s"), what[args->n]);
	if (args->n > n)
		return cli_usage_error(c, _("unexpected argument \"%s\""), args->v[n]);
	return 0;
}

int cli_usage_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(c, fmt, ap);
	va_end(ap);
	return cli_usage(c);
}

int cli_usage(struct cli *c)
{
	const struct cli_command *cmd = find_command(c->cmd ? c->cmd : "");
	if (cmd)
		fprintf(stderr, _("usage: maitre %s %s\n(see 'maitre help %s')\n"), cmd->name,
		        cmd->args, cmd->name);
	return EXIT_USAGE;
}

int cli_global(struct cli *c, int id, const char *val)
{
	switch (id) {
	case G_DB:
		if (!*val)
			return cli_error(c, EXIT_USAGE, _("--db: needs a path"));
		free(c->db);
		c->db = xstrdup(val);
		return 0;
	case G_FORMAT: {
		int f = out_format_from_name(val);
		if (f < 0)
			return cli_error(c, EXIT_USAGE,
			                 _("--format: must be text, tsv, csv or json, got \"%s\""),
			                 val);
		c->format = (enum out_format)f;
		return 0;
	}
	case G_TIERS:
		if (!*val)
			return cli_error(c, EXIT_USAGE, _("--tiers: needs a file"));
		free(c->tiers);
		c->tiers = xstrdup(val);
		return 0;
	case G_AS:
		if (!*val)
			return cli_error(c, EXIT_USAGE, _("--as: needs a login"));
		free(c->as);
		c->as = xstrdup(val);
		return 0;
	}
	return 0;
}

static void print_command_help(const struct cli_command *cmd, FILE *f)
{
	fprintf(f, "usage: maitre %s %s\n\n%s\n", cmd->name, cmd->args, cmd->summary);
	if (cmd->opts && cmd->opts->name) {
		fprintf(f, "\noptions:\n");
		opt_print_help(f, cmd->opts);
	}
	fprintf(f, "\nglobal options:\n");
	opt_print_help(f, cli_global_opts);
}

int cli_parse(struct cli *c, int argc, char **argv, const struct opt *table,
	      int (*on_opt)(struct cli *c, void *ctx, int id, const char *val), void *ctx)
{
	struct opt_state s;
	const char *val;
	int id, rc;
	opt_init(&s, argc, argv, c->cmd);
	while ((id = opt_next(&s, table, cli_global_opts, &val)) != OPT_END) {
		if (id == OPT_ERROR) {
			bare_error("%s", s.err.msg);
			return cli_usage(c);
		}
		if (id == G_HELP) {
			const struct cli_command *cmd = find_command(c->cmd);
			if (cmd)
				print_command_help(cmd, stdout);
			return -1; /* stop, successfully */
		}
		if (id >= G_DB) {
			if ((rc = cli_global(c, id, val)) != 0)
				return rc;
			continue;
		}
		if ((rc = on_opt(c, ctx, id, val)) != 0)
			return rc;
	}
	return 0;
}

void cli_remove_stale_demos(const char *db)
{
	char *stem = xasprintf("%s.demo-", db);
	store_remove_stale(stem);
	free(stem);
}

int cli_open(struct cli *c, int flags)
{
	struct error err;
	if (!c->db)
		c->db = paths_default_db();
	if ((flags & STORE_CREATE) && paths_make_parent(c->db) < 0)
		return cli_error(c, EXIT_DATA, _("%s: cannot create its directory"), c->db);
	/* init, the interface's start and a demo in place: a killed demo's file goes */
	if ((flags & STORE_CREATE) && !(flags & STORE_PRIVATE))
		cli_remove_stale_demos(c->db);
	/* signing in with --as counts a wrong PIN in the database, even for a command that reads */
	if (c->as)
		flags &= ~STORE_READONLY;
	enum store_status s = store_open(c->db, flags, &c->st, &err);
	if (s != ST_OK)
		return cli_error(c, s == ST_NOTFOUND ? EXIT_USER : EXIT_DATA, "%s", err.msg);
	int rc = cli_sign_in(c);
	for (size_t i = 0; i < c->nguest_ids && rc == 0; i++)
		rc = resolve_guest(c, c->guest_ids[i]);
	c->nguest_ids = 0;
	return rc;
}

static int cli_version(struct cli *c, int argc, char **argv)
{
	printf("maitre %s\n", PACKAGE_VERSION);
	/* the licence is COPYING's, at the root of the source tree */
	fputs(_("License GPL-3.0-or-later: GNU GPL version 3 or later "
		"<https://gnu.org/licenses/gpl.html>.\n"
		"This is free software: you are free to change and redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n"),
	      stdout);
	return 0;
}

/* Whether the command name belongs to group ("guest add" to "guest"). */
static bool in_group(const char *name, const char *group)
{
	size_t n = strlen(group);
	return strncmp(name, group, n) == 0 && name[n] == ' ';
}

/* The column width for the command names of group (NULL: all): the longest name plus one, at
 * least 12, so that every name stands two spaces from its summary (tests/cli/docs.sh reads
 * them so). */
static int name_width(const char *group)
{
	size_t w = 12;
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!group || in_group(commands[i].name, group))
			w = strlen(commands[i].name) + 1 > w ? strlen(commands[i].name) + 1 : w;
	return (int)w;
}

/* Lists the commands of group on f, "  maitre NAME  SUMMARY"; returns whether there were any. */
static bool list_group(FILE *f, const char *group)
{
	bool any = false;
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (in_group(commands[i].name, group)) {
			fprintf(f, "  maitre %-*s %s\n", name_width(group), commands[i].name,
				commands[i].summary);
			any = true;
		}
	}
	return any;
}

static void print_general_help(FILE *f)
{
	fprintf(f, "usage: maitre [--db PATH] [--format FORMAT] COMMAND [ARGS]\n\n"
		   "maitre remembers every regular guest of a restaurant.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-*s %s\n", name_width(NULL), commands[i].name, commands[i].summary);
	fprintf(f, "\nglobal options:\n");
	opt_print_help(f, cli_global_opts);
	fprintf(f, "\n'maitre help COMMAND' tells more; see also maitre(1).\n");
}

static int cli_help(struct cli *c, int argc, char **argv)
{
	if (argc == 0) {
		print_general_help(stdout);
		return 0;
	}
	if (strcmp(argv[0], "keys") == 0 && argc == 1) {
		c->ui->print_keys(stdout);
		return 0;
	}
	char name[128];
	snprintf(name, sizeof name, "%s%s%s", argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
	const struct cli_command *cmd = find_command(name);
	if (!cmd)
		cmd = find_command(argv[0]);
	if (!cmd) /* a group: list its commands */
		return list_group(stdout, argv[0])
		           ? 0
		           : cli_error(c, EXIT_USAGE, _("no command \"%s\" (see 'maitre help')"),
		                       name);
	print_command_help(cmd, stdout);
	return 0;
}

int cli_main(int argc, char **argv, const struct cli_interface *ui)
{
	struct cli c = {.ui = ui};
	int i = 1, rc;

	/* global options before the command */
	struct opt_state s;
	opt_init(&s, argc - 1, argv + 1, "maitre");
	while (i < argc && strncmp(argv[i], "--", 2) == 0 && argv[i][2]) {
		const char *val;
		s.i = i - 1;
		if (strcmp(argv[i], "--version") == 0) {
			rc = cli_version(&c, 0, NULL);
			goto out;
		}
		int id = opt_next(&s, cli_global_opts, NULL, &val);
		if (id == OPT_ERROR) {
			bare_error("%s", s.err.msg + strlen("maitre: "));
			rc = EXIT_USAGE;
			goto out;
		}
		if (id == G_HELP) {
			print_general_help(stdout);
			rc = 0;
			goto out;
		}
		if ((rc = cli_global(&c, id, val)) != 0)
			goto out;
		i = s.i + 1;
	}
	if (i >= argc) { /* no command: the terminal interface */
		c.cmd = "maitre";
		c.perm = PERM_LOOKUP;
		if ((rc = cli_open(&c, STORE_CREATE)) != 0)
			goto out;
		const struct tier_rules *r = cli_rules(&c); /* broken rules are reported; lookups go on */
		rc = ui->run(c.st, c.session, r, c.db, c.tiers); /* the screen of the rules reads them again */
		goto out;
	}
	const struct cli_command *cmd = NULL;
	int used = 0;
	if (i + 1 < argc) {
		char two[128];
		snprintf(two, sizeof two, "%s %s", argv[i], argv[i + 1]);
		if ((cmd = find_command(two)))
			used = 2;
	}
	if (!cmd && (cmd = find_command(argv[i])))
		used = 1;
	if (!cmd) {
		/* "maitre guest" alone: list the group */
		bool group = false;
		for (size_t k = 0; k < NCOMMANDS && !group; k++)
			group = in_group(commands[k].name, argv[i]);
		if (group) {
			bare_error(_("%s: needs a subcommand:"), argv[i]);
			list_group(stderr, argv[i]);
		} else {
			bare_error(_("no command \"%s\" (see 'maitre help')"), argv[i]);
		}
		rc = EXIT_USAGE;
		goto out;
	}
	c.cmd = cmd->name;
	c.perm = cmd->perm;
	rc = cmd->fn(&c, argc - i - used, argv + i + used);
	if (rc < 0) /* --help was handled */
		rc = 0;
out:
	if (c.session)
		session_close(c.session);
	free(c.session);
	if (c.st)
		store_close(c.st);
	free(c.as);
	strv_free(&c.shown);
	free(c.db);
	free(c.tiers);
	fflush(stdout);
	if (ferror(stdout) && rc == 0) {
		fprintf(stderr, _("maitre: cannot write the output\n"));
		rc = EXIT_DATA;
	}
	return rc;
}
