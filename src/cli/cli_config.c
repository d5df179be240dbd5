/* cli_config.c — the tier rules in force for the command line, and maitre check-config. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/import_columns.h"
#include "config/paths.h"
#include "config/roles.h"
#include "config/tiers.h"
#include "core/guest.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/tier.h"

const struct opt cli_check_config_opts[] = {{NULL, NULL, 0, NULL}};

/* Loads the rules of file (or, when NULL, those in force) into out, printing the warnings and
 * errors on stderr as they are ("file:line:column: message"), in the order of the text.
 * Returns 0 or -1. */
static int load_and_report(struct cli *c, const char *file, struct tier_rules *out)
{
	struct strv diags = {0};
	int rc = file ? tiers_load_file(file, out, &diags, &diags)
	              : tiers_load_in_force(c->tiers, out, &diags, &diags);
	cli_show_diags(&diags);
	strv_free(&diags);
	return rc;
}

const struct tier_rules *cli_rules(struct cli *c)
{
	static struct tier_rules rules;
	static int state; /* 0: not yet loaded, 1: loaded, -1: broken */
	if (state == 0) {
		tier_rules_init(&rules);
		state = load_and_report(c, NULL, &rules) == 0 ? 1 : -1;
	}
	return state > 0 ? &rules : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* check-config */

/* Prints "  LABEL  VALUE" with the label padded; value made safe for the terminal. */
static void line(const char *label, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void line(const char *label, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char *d = text_display(buf);
	printf("  %-20s  %s\n", label, d);
	free(d);
}

static void print_rules_table(const struct tier_rules *r)
{
	static const char *const headers[] = {"no",    "tier",       "group",    "visits",
	                                      "spend", "per_capita", "requires", "line"};
	struct table t;
	char b[32];
	table_init(&t, 8, headers, 1u << 0 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 7);
	for (size_t i = 0; i < r->nrules; i++) {
		const struct tier_rule *ru = &r->rules[i];
		unsigned req = ru->requires ? ru->requires : CRIT_ALL;
		table_addf(&t, "%zu", i + 1);
		table_add(&t, ru->tier);
		table_add(&t, ru->group);
		if (req & CRIT_VISITS)
			table_addf(&t, "%g", ru->min_visits);
		else
			table_add(&t, "-");
		table_add(&t, req & CRIT_SPEND ? money_format_short(ru->min_spend, b) : "-");
		table_add(&t, req & CRIT_PER_CAPITA ? money_format_short(ru->min_per_capita, b) : "-");
		char names[64];
		table_add(&t, tier_requires_text(req, "+", NULL, names, sizeof names));
		table_addf(&t, "%d", ru->line);
	}
	table_print(&t, OUT_TEXT, stdout);
	table_free(&t);
}

static void print_privilege(const struct tier_privilege *pv)
{
	char b[32], b2[32], occ[128], every[40];
	char *tier = text_display(pv->tier);
	printf("\nprivileges of tier %s:\n", tier);
	free(tier);
	line("greeter", "%s", pv->greeter[0] ? pv->greeter : "none");
	if (pv->phone_days)
		line("phone call", "every %d days", pv->phone_days);
	else
		line("phone call", "none");
	if (pv->visit_days)
		line("in-person visit", "every %d days", pv->visit_days);
	else
		line("in-person visit", "none");
	tier_occasions_text(pv->gift_occasions, NULL, occ, sizeof occ);
	if (pv->gift_fen && occ[0])
		line("gift", "¥%s on %s", money_format_short(pv->gift_fen, b), occ);
	else
		line("gift", "none");
	if (pv->banquet_min_months == pv->banquet_max_months)
		snprintf(every, sizeof every, "%d", pv->banquet_min_months);
	else
		snprintf(every, sizeof every, "%d to %d", pv->banquet_min_months,
		         pv->banquet_max_months);
	if (pv->banquet_min_months)
		line("banquet", "every %s months, hosted by %s, ¥%s per table", every,
		     pv->banquet_host[0] ? pv->banquet_host : "(nobody named)",
		     money_format_short(pv->banquet_budget_fen, b2));
	else
		line("banquet", "none");
	line("group chat", "%s", pv->group_chat[0] ? pv->group_chat : "none");
	if (pv->trip_fen)
		line("annual trip", "¥%s per person", money_format_short(pv->trip_fen, b));
	else
		line("annual trip", "none");
	if (pv->max_discount_pct)
		line("deepest discount", "%d%% off (the guest pays %d%%)", pv->max_discount_pct,
		     100 - pv->max_discount_pct);
	else
		line("deepest discount", "none");
	if (pv->discount_exclusions.n) {
		struct sbuf s = {0};
		for (size_t i = 0; i < pv->discount_exclusions.n; i++)
			sbuf_printf(&s, "%s%s", i ? ", " : "", pv->discount_exclusions.v[i]);
		char *ex = sbuf_detach(&s);
		line("never discounted", "%s", ex);
		free(ex);
	}
}

static void print_rules(const struct tier_rules *r)
{
	printf("rules file: %s\n", r->source);
	line("version", "%s", r->version[0] ? r->version : "(no label)");
	line("hash", "%s", r->hash);
	if (r->window_months == 1)
		line("window", "1 month: each month's figures are judged on their own");
	else
		line("window", "%d months: figures are averaged over the last %d complete months",
		     r->window_months, r->window_months);
	if (r->grace_months == 0)
		line("grace",
		     "none: a guest loses a tier in the first month they fall short of it");
	else
		line("grace",
		     "%d month%s: a guest keeps a tier %d month%s after first falling short",
		     r->grace_months, r->grace_months == 1 ? "" : "s", r->grace_months,
		     r->grace_months == 1 ? "" : "s");

	printf("\ntier rules, top-down: the first rule a guest satisfies gives the tier\n"
	       "(visits and spend: averages per month; spend and per_capita in yuan):\n");
	if (r->nrules)
		print_rules_table(r);
	else
		printf("none: every guest is untiered\n");

	for (size_t i = 0; i < r->nprivs; i++)
		print_privilege(&r->privs[i]);
	if (!r->nprivs)
		printf("\nprivileges: none\n");

	const struct alert_rules *a = &r->alerts;
	bool red = false;
	printf("\nalerts, for guests who held a tier last month:\n");
	line("yellow", "came this month, below the tier's thresholds × %g", a->yellow_factor);
	if (a->red_no_visit)
		line("red", "no visit this month"), red = true;
	if (a->red_overdue_complaint)
		line("red", "an unresolved complaint past its deadline"), red = true;
	if (a->red_min_severity != SEV_NONE && a->red_severity_days > 0) {
		line("red", "a complaint of severity %s%s in the last %d days",
		     severity_names[a->red_min_severity],
		     a->red_min_severity == SEV_CRITICAL ? "" : " or worse", a->red_severity_days);
		red = true;
	}
	if (!red)
		line("red", "never");

	const struct complaint_rules *cr = &r->complaints;
	printf("\ncomplaints:\n");
	line("acknowledge within", "%d hours", cr->ack_hours);
	line("resolve within", "%d hours", cr->resolve_hours);
	line("follow up within", "%d days of the resolution", cr->followup_days);
	line("prior complaint mark", "%d days after a complaint", cr->prior_days);
}

/* Checks a file of guest-book headers (import-columns.yaml), its errors as file:line:column. */
static int check_columns(const char *path)
{
	struct strv diags = {0};
	int rc = import_columns_check(path, &diags);
	cli_show_diags(&diags);
	strv_free(&diags);
	if (rc == 0) {
		char *d = text_display(path);
		printf("%s: the headers of guest-book columns: ok\n", d);
		free(d);
	}
	return rc;
}

/* Checks a roles file (roles.yaml), its errors as file:line:column; prints each role and what
 * it may when it is good. */
static int check_roles(const char *path)
{
	struct strv diags = {0};
	struct roles r;
	int rc = roles_load_file(path, &r, &diags);
	cli_show_diags(&diags);
	strv_free(&diags);
	if (rc != 0)
		return rc;
	char *d = text_display(path);
	printf("%s: the roles: ok\n", d);
	free(d);
	for (size_t i = 0; i < r.n; i++) {
		char title[96];
		struct sbuf b = {0};
		sbuf_add(&b, "");
		for (int p = 0; p < PERM_COUNT; p++)
			if (role_may(&r.v[i], (enum perm)p))
				sbuf_printf(&b, "%s%s", b.len ? ", " : "", perm_name((enum perm)p));
		char *shown = text_display(role_title(&r.v[i], title, sizeof title));
		printf("  %s: %s\n", shown, b.s);
		free(shown);
		sbuf_free(&b);
	}
	roles_free(&r);
	return 0;
}

/* Whether the file at path lists roles (a line "roles:"), whatever its name. */
static bool names_roles(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[256];
	bool yes = false;
	while (f && !yes && fgets(buf, sizeof buf, f))
		yes = strncmp(buf, "roles:", 6) == 0;
	if (f)
		fclose(f);
	return yes;
}

/* Checks the user's own file name (import-columns.yaml, roles.yaml) with check when there is
 * one, after a blank line. Returns 0 or EXIT_USER. */
static int check_user_file(const char *name, int (*check)(const char *path))
{
	char *dir = paths_config_dir(), *path = xasprintf("%s/%s", dir, name);
	int rc = 0;
	if (access(path, F_OK) == 0) {
		printf("\n");
		rc = check(path) == 0 ? 0 : EXIT_USER;
	}
	free(dir);
	free(path);
	return rc;
}

int cli_check_config(struct cli *c, int argc, char **argv)
{
	const char *file = NULL;
	struct tier_rules r;
	int rc = cli_parse(c, argc, argv, cli_check_config_opts, cli_one_arg, &file);
	if (rc)
		return rc;
	const char *base = file ? strrchr(file, '/') : NULL;
	if (file && strstr(base ? base + 1 : file, "import-columns"))
		return check_columns(file) == 0 ? 0 : EXIT_USER;
	if (file && (strstr(base ? base + 1 : file, "roles") || names_roles(file)))
		return check_roles(file) == 0 ? 0 : EXIT_USER;
	tier_rules_init(&r);
	if (load_and_report(c, file, &r) != 0) {
		rc = EXIT_USER;
		goto out;
	}
	print_rules(&r);
	if (!file) { /* the user's own headers and roles too, when there are some */
		if (check_user_file("import-columns.yaml", check_columns) != 0)
			rc = EXIT_USER;
		if (check_user_file("roles.yaml", check_roles) != 0)
			rc = EXIT_USER;
	}
out:
	tier_rules_free(&r);
	return rc;
}
