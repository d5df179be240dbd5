/* cli_tier.c — maitre tier recompute | show | override | list | movers */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/tier.h"
#include "core/tier_calc.h"
#include "config/tiers.h"
#include "store/tier_rules_store.h"
#include "store/tier_store.h"

enum { T_MONTH = 1, T_TIER, T_REASON, T_UNTIL, T_CLEAR, T_NEW_RULES };

const struct opt cli_tier_recompute_opts[] = {
	{"month", "YYYY-MM", T_MONTH, "the month to compute (default this month)"},
	{"new-rules", NULL, T_NEW_RULES,
	 "apply rules that differ from those the month (or the one before) was computed with"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_tier_show_opts[] = {
	{"month", "YYYY-MM", T_MONTH, "the month (default this month)"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_tier_override_opts[] = {
	{"reason", "TEXT", T_REASON, "why (required to set)"},
	{"until", "YYYY-MM", T_UNTIL, "the last month the override holds (default: until cleared)"},
	{"month", "YYYY-MM", T_MONTH,
	 "the first month it holds (default this month; an earlier month is computed again)"},
	{"clear", NULL, T_CLEAR,
	 "end the override from this month on: the rules decide again (stored months keep it)"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_tier_list_opts[] = {
	{"month", "YYYY-MM", T_MONTH, "the month (default this month)"},
	{"tier", "TIER", T_TIER, "only this letter tier (A, B, C)"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_tier_movers_opts[] = {
	{"month", "YYYY-MM", T_MONTH, "the month, against the one before (default this month)"},
	{NULL, NULL, 0, NULL},
};

struct tier_ctx {
	struct date month;
	struct strv args;
	const char *tier, *reason, *until;
	bool clear, new_rules, month_given;
};

static int on_tier(struct cli *c, void *vctx, int id, const char *val)
{
	struct tier_ctx *t = vctx;
	struct date d;
	switch (id) {
	case OPT_POSITIONAL:
		strv_push(&t->args, val);
		return 0;
	case T_MONTH:
		t->month_given = true;
		return cli_parse_month(c, "month", val, &t->month);
	case T_TIER:
		t->tier = val;
		return 0;
	case T_REASON:
		t->reason = val;
		return 0;
	case T_UNTIL:
		t->until = val;
		return cli_parse_month(c, "until", val, &d);
	case T_CLEAR:
		t->clear = true;
		return 0;
	case T_NEW_RULES:
		t->new_rules = true;
		return 0;
	}
	return 0;
}

/* Parses options and the positional words; with nargs other than (size_t)-1, exactly nargs of
 * them, what names each (cli_want_args). */
static int parse(struct cli *c, int argc, char **argv, const struct opt *opts, struct tier_ctx *t,
		 size_t nargs, const char *const *what)
{
	struct date today = date_today();
	memset(t, 0, sizeof *t);
	t->month = date_month_start(today);
	int rc = cli_parse(c, argc, argv, opts, on_tier, t);
	if (rc == 0 && nargs != (size_t)-1)
		rc = cli_want_args(c, &t->args, nargs, what);
	return rc;
}

static const char *const tier_args[] = {"the guest id", "the tier"};

/* "¥5346.67", "¥5000": an amount for the eye. */
static char *yuan(int64_t fen, char *buf)
{
	char tmp[32];
	snprintf(buf, 40, "¥%s", money_format_short(fen, tmp));
	return buf;
}

static void describe_rule(const struct tier_rule *rule, char *buf, size_t len)
{
	char a[40], b[40];
	unsigned req = rule->requires ? rule->requires : CRIT_ALL;
	snprintf(buf, len, "%s %s: %s%g visits, %s%s a month, %s%s per head", rule->tier, rule->group,
		 req & CRIT_VISITS ? "" : "(", rule->min_visits, yuan(rule->min_spend, a),
		 req & CRIT_VISITS ? "" : ")", yuan(rule->min_per_capita, b),
		 req == CRIT_ALL ? "" : " (only the criteria required)");
}

/* One line per criterion of rule against f: value, threshold, met or not. The figures are
 * those compared: spend over a window of several months as its total against the threshold
 * times the months (an average rounded to the fen could reach a threshold the total misses),
 * and per head, when rounding would reach a threshold it misses, cut to the fen. */
static void print_criteria(const struct tier_rule *rule, const struct tier_figures *f)
{
	unsigned req = rule->requires ? rule->requires : CRIT_ALL;
	unsigned met = tier_criteria_met(rule, f, 1.0, 1.0);
	int months = f->months > 1 ? f->months : 1;
	char a[40], b[40];
	printf("  %-14s %.2f a month (needs %g)%s%s\n", "visits", tier_avg_visits(f),
	       rule->min_visits, met & CRIT_VISITS ? "  ok" : "  short",
	       req & CRIT_VISITS ? "" : "  (not required)");
	if (months > 1)
		printf("  %-14s %s in %d months (needs %s)%s%s\n", "spend", yuan(f->spend, a), months,
		       yuan(rule->min_spend * months, b), met & CRIT_SPEND ? "  ok" : "  short",
		       req & CRIT_SPEND ? "" : "  (not required)");
	else
		printf("  %-14s %s a month (needs %s)%s%s\n", "spend", yuan(f->spend, a),
		       yuan(rule->min_spend, b), met & CRIT_SPEND ? "  ok" : "  short",
		       req & CRIT_SPEND ? "" : "  (not required)");
	int64_t head = tier_per_capita(f);
	if (!(met & CRIT_PER_CAPITA) && f->covers > 0 && head >= rule->min_per_capita)
		head = f->spend / f->covers;
	printf("  %-14s %s (needs %s)%s%s\n", "per head", f->covers ? yuan(head, a) : "—",
	       yuan(rule->min_per_capita, b), met & CRIT_PER_CAPITA ? "  ok" : "  short",
	       req & CRIT_PER_CAPITA ? "" : "  (not required)");
}

/* The rules in force, which must have tiers (NULL after the error is reported: EXIT_DATA). */
static const struct tier_rules *rules_or_fail(struct cli *c)
{
	const struct tier_rules *r = cli_rules(c);
	if (r && r->nrules == 0) {
		cli_error(c, EXIT_DATA, _("the tier rules in force have no tiers"));
		return NULL;
	}
	return r;
}

/* rules_or_fail, then the database (cli_open with flags): 0, or the exit status. */
static int begin(struct cli *c, int flags, const struct tier_rules **r)
{
	if (!(*r = rules_or_fail(c)))
		return EXIT_DATA;
	return cli_open(c, flags);
}

int cli_check_tier_letter(struct cli *c, const struct tier_rules *r, const char *tier)
{
	if (tier_rank(r, tier, NULL) < (int)r->nrules)
		return 0;
	return cli_error(c, EXIT_USER,
	                 _("tier: no tier \"%s\" in the rules (see maitre check-config)"), tier);
}

/* "version #3 (handbook 2026)": the rules of a record, as said to the user, into buf. */
static char *version_text(const struct tier_rules_record *prev, char *buf, size_t size)
{
	if (prev->label[0])
		snprintf(buf, size, _("version #%lld, %s"), (long long)prev->version, prev->label);
	else
		snprintf(buf, size, _("version #%lld"), (long long)prev->version);
	return buf;
}

/* Prints the items that differ between old and now to f, two lines an item. */
static void print_changes(FILE *f, const char *old, const char *now)
{
	struct tier_rules_diff d;
	tier_rules_compare(old, now, &d);
	for (size_t i = 0; i < d.n; i++) {
		fprintf(f, "  %s\n", d.v[i].what);
		fprintf(f, _("    was: %s\n"), d.v[i].was ? d.v[i].was : _("(not there)"));
		fprintf(f, _("    now: %s\n"), d.v[i].now ? d.v[i].now : _("(not there)"));
	}
	tier_rules_diff_free(&d);
}

/* The month's rules differ from r (x, tier_store_recompute_month): says what changed (to
 * stderr when refusing, else to stdout) and returns EXIT_USER unless apply (--new-rules). */
static int rules_differ(struct cli *c, const struct tier_month_recompute *x, struct date m,
			bool apply)
{
	const struct tier_rules_record *prev = &x->prev;
	char ver[120], mk[8];
	date_month_key(m, mk);
	version_text(prev, ver, sizeof ver);
	FILE *f = apply ? stdout : stderr;
	int rc = 0;
	if (apply)
		printf(_("the rules differ from those %s was computed with (%s); applying them "
		         "(--new-rules):\n"),
		       prev->month, ver);
	else
		rc = cli_error(c, EXIT_USER,
		               _("the rules in force differ from those %s was computed with (%s):"),
		               prev->month, ver);
	if (x->old)
		print_changes(f, x->old, x->now);
	else
		fprintf(f, _("  (those rules cannot be read again: what changed cannot be shown)\n"));
	if (!apply)
		fprintf(stderr,
		        _("To compute %s with the rules in force, run again with --new-rules.\n"), mk);
	return rc;
}

/* Computes month m with the rules r on the open database, as `tier recompute` does (rules
 * other than the month's are applied only with apply), and says what it did. */
static int recompute(struct cli *c, const struct tier_rules *r, struct date m, bool apply)
{
	struct tier_month_recompute x;
	enum store_status s =
	    tier_store_recompute_month(c->st, r, m, apply, tiers_canonical_text, &x);
	int rc = 0;
	if (x.differ)
		rc = rules_differ(c, &x, m, apply);
	struct tier_recompute_stats stats = x.stats;
	tier_month_recompute_free(&x);
	if (s != ST_OK)
		return cli_store_error(c, s);
	if (rc)
		return rc;
	if (stats.leftover[0])
		fprintf(stderr, _("maitre: note: the tiers before these stay on the disk until the "
				  "next recompute (%s)\n"),
			stats.leftover);
	struct date held = tier_held_month(date_today());
	bool running = m.y * 12 + m.m > held.y * 12 + held.m;
	printf("%04d-%02d%s: %ld guests, %ld with a tier (rules %s%s%s); in %.1f s, %d writes, the "
	       "longest %.0f ms\n",
	       m.y, m.m, running ? " (provisional: the month is not over)" : "", stats.guests,
	       stats.tiered, r->version[0] ? r->version : "", r->version[0] ? ", " : "", r->hash,
	       stats.seconds, stats.batches, stats.longest_tx_ms);
	return 0;
}

int cli_tier_recompute(struct cli *c, int argc, char **argv)
{
	struct tier_ctx t;
	int rc = parse(c, argc, argv, cli_tier_recompute_opts, &t, 0, NULL);
	strv_free(&t.args);
	if (rc)
		return rc;
	const struct tier_rules *r;
	if ((rc = begin(c, 0, &r)) != 0)
		return rc;
	return recompute(c, r, t.month, t.new_rules);
}

int cli_tier_show(struct cli *c, int argc, char **argv)
{
	struct tier_ctx t;
	int64_t id;
	int rc = parse(c, argc, argv, cli_tier_show_opts, &t, 1, tier_args);
	if (rc) {
		strv_free(&t.args);
		return rc;
	}
	bool ok = cli_parse_guest(c, "guest id", t.args.v[0], &id);
	strv_free(&t.args);
	if (!ok)
		return EXIT_USER;
	const struct tier_rules *r;
	if ((rc = begin(c, STORE_READONLY, &r)) != 0)
		return rc;
	struct tier_guest_info g;
	enum store_status s = tier_store_guest(c->st, r, id, t.month, &g);
	if (s != ST_OK)
		return cli_store_error(c, s);
	char l1[TIER_LABEL_SIZE], l2[TIER_LABEL_SIZE], desc[200], a[40];
	char *name = text_display(g.name);
	printf("guest %lld  %s  %04d-%02d\n", (long long)id, name, t.month.y, t.month.m);
	free(name);
	const struct tier_decision *d = &g.decision;
	const struct tier_rule *rule = d->rule >= 0 ? &r->rules[d->rule] : NULL;
	const char *computed = cli_shown(
		c, tier_label(rule ? rule->tier : NULL, rule ? rule->group : NULL, l2, sizeof l2));
	printf("  %-14s %s", "tier", cli_shown(c, tier_label(d->tier, d->grp, l1, sizeof l1)));
	if (d->source == TS_OVERRIDE) {
		printf("  (override by %s on %.10s: %s%s%s)\n", cli_shown(c, g.override_by),
		       g.override_at, cli_shown(c, g.override_reason),
		       g.override_until[0] ? "; until " : "", cli_shown(c, g.override_until));
		printf("  %-14s %s\n", "by the rules", computed);
	} else if (d->source == TS_GRACE) {
		printf("  (kept by grace, month %d of %d)\n", d->grace, r->grace_months);
		printf("  %-14s %s\n", "by the rules", computed);
	} else {
		printf("%s\n", d->source == TS_RULES ? "  (by the rules)" : "");
	}
	if (rule) {
		describe_rule(rule, desc, sizeof desc);
		printf("  %-14s %s\n", "rule", cli_shown(c, desc));
	}
	char since[40] = "";
	if (g.window.months < r->window_months)
		snprintf(since, sizeof since, " (first visit %s)", g.first_visit);
	printf("  %-14s %d month%s%s: %d visit%s, %s, %d covers\n", "window", g.window.months,
	       g.window.months == 1 ? "" : "s", since, g.window.visits,
	       g.window.visits == 1 ? "" : "s", yuan(g.window.spend, a), g.window.covers);
	printf("  %-14s %d visit%s, %s, %d covers\n", "this month", g.month.visits,
	       g.month.visits == 1 ? "" : "s", yuan(g.month.spend, a), g.month.covers);
	if (rule)
		print_criteria(rule, &g.window);
	/* what the next tier needs is said to a guest who has come, not to one never seen */
	const struct tier_rule *up = g.first_visit[0] ? tier_next_up(r, d->rule) : NULL;
	if (up) {
		struct tier_gap gap;
		tier_gap_to(up, &g.window, &gap);
		printf("  %-14s %s %s: needs", "next up", cli_shown(c, up->tier), cli_shown(c, up->group));
		if (gap.visits)
			printf(" %d more visit%s", gap.visits, gap.visits == 1 ? "" : "s");
		if (gap.visits && gap.spend)
			printf(" and");
		if (gap.spend)
			printf(" %s more spend", yuan(gap.spend, a));
		if (!gap.visits && !gap.spend)
			printf(" nothing more");
		printf(" this month\n");
		if (!rule)
			print_criteria(up, &g.window);
	}
	const struct tier_privilege *p = tier_privilege_for(r, d->tier);
	if (p) {
		printf("  %-14s %s\n", "greeted by", cli_shown(c, p->greeter));
		printf("  %-14s up to %d%% off, never on ", "discount", p->max_discount_pct);
		for (size_t i = 0; i < p->discount_exclusions.n; i++)
			printf("%s%s", i ? ", " : "", cli_shown(c, p->discount_exclusions.v[i]));
		printf("\n");
	}
	if (g.stored)
		printf("  %-14s %s (%s; rules %s)\n", "recomputed",
		       cli_shown(c, tier_label(g.stored_tier, g.stored_grp, l1, sizeof l1)),
		       cli_shown(c, g.stored_source), cli_shown(c, g.stored_version));
	else
		printf("  %-14s not yet for this month (maitre tier recompute)\n", "recomputed");
	return 0;
}

/* "A", "A quality", "A-quality", "A/quality" → tier and group, checked against the rules. */
static int parse_tier(struct cli *c, const struct tier_rules *r, const char *s, char *tier,
		      char *grp)
{
	size_t n = strcspn(s, " -/");
	snprintf(tier, 8, "%.*s", (int)(n < 7 ? n : 7), s);
	snprintf(grp, 24, "%s", s[n] ? s + n + 1 : "");
	if (tier_rank(r, tier, grp) == (int)r->nrules) {
		struct sbuf b = {0};
		for (size_t i = 0; i < r->nrules; i++)
			sbuf_printf(&b, "%s%s %s", i ? ", " : "", r->rules[i].tier, r->rules[i].group);
		char *list = sbuf_detach(&b);
		int rc = cli_error(c, EXIT_USER,
		                   _("tier: must be one of %s (or the letter alone), got \"%s\""),
		                   list, s);
		free(list);
		return rc;
	}
	return 0;
}

int cli_tier_override(struct cli *c, int argc, char **argv)
{
	struct tier_ctx t;
	int64_t id;
	int rc = parse(c, argc, argv, cli_tier_override_opts, &t, (size_t)-1, NULL);
	if (rc == 0)
		rc = cli_want_args(c, &t.args, t.clear ? 1 : 2, tier_args);
	if (rc == 0 && !t.clear && (!t.reason || !*t.reason))
		rc = cli_error(c, EXIT_USER, _("reason: an override needs a reason (--reason)"));
	if (rc == 0 && t.clear && (t.reason || t.until || t.month_given))
		rc = cli_error(c, EXIT_USAGE, _("--clear takes no --reason, --until or --month"));
	/* from the month it is given for, this one or a complete one before, to until */
	struct date cur = date_month_start(date_today());
	char mk[8], uk[8];
	date_month_key(t.month, mk);
	if (rc == 0 && t.month.y * 12 + t.month.m > cur.y * 12 + cur.m)
		rc = cli_error(c, EXIT_USER, _("month: %s has not begun: an override is given for "
		                               "this month or one before"),
		               mk);
	if (rc == 0 && t.until && strcmp(t.until, date_month_key(t.month, uk)) < 0)
		rc = cli_error(c, EXIT_USER, _("until: %s is before the override's first month %s"),
		               t.until, mk);
	if (rc == 0 && !cli_parse_guest(c, "guest id", t.args.v[0], &id))
		rc = EXIT_USER;
	struct error why;
	if (rc == 0 && t.reason && text_field_check(t.reason, 500, false, &why) < 0)
		rc = cli_error(c, EXIT_USER, _("reason: %s"), why.msg);
	const struct tier_rules *r = rc ? NULL : rules_or_fail(c);
	if (rc == 0 && !r)
		rc = EXIT_DATA;
	char tier[8], grp[24];
	if (rc == 0 && !t.clear)
		rc = parse_tier(c, r, t.args.v[1], tier, grp);
	if (rc == 0)
		rc = cli_open(c, 0);
	if (rc == 0) {
		enum store_status s = tier_store_override(c->st, id, t.clear ? NULL : tier, grp,
							  t.reason, t.until, t.month);
		if (s != ST_OK)
			rc = cli_store_error(c, s);
	}
	/* a complete month given: computed again, so that it holds the override whole */
	bool earlier = t.month.y * 12 + t.month.m < cur.y * 12 + cur.m;
	if (rc == 0 && !t.clear && earlier)
		rc = recompute(c, r, t.month, false);
	strv_free(&t.args);
	return rc;
}

static int print_rows(struct cli *c, const struct tier_rules *r, struct tier_row *v, size_t n,
		      bool movers)
{
	static const char *const list_headers[] = {"id", "guest", "tier", "source", "by_rules",
						   "visits_per_month", "spend_per_month", "per_capita",
						   "month_visits", "month_spend"};
	static const char *const mover_headers[] = {"id", "guest", "was", "now", "move",
						    "visits_per_month", "spend_per_month", "per_capita"};
	struct table t;
	table_init(&t, movers ? 8 : 10, movers ? mover_headers : list_headers,
		   movers ? (1u | 1u << 5 | 1u << 6 | 1u << 7)
			  : (1u | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8 | 1u << 9));
	for (size_t i = 0; i < n; i++) {
		char l1[TIER_LABEL_SIZE], l2[TIER_LABEL_SIZE], m1[32];
		table_addf(&t, "%lld", (long long)v[i].guest_id);
		table_add(&t, v[i].name);
		if (movers) {
			table_add(&t, tier_label(v[i].prev_tier, v[i].prev_grp, l1, sizeof l1));
			table_add(&t, tier_label(v[i].tier, v[i].grp, l2, sizeof l2));
			table_add(&t, tier_rank(r, v[i].tier, v[i].grp) < tier_rank(r, v[i].prev_tier, v[i].prev_grp)
					      ? "up"
					      : "down");
		} else {
			table_add(&t, tier_label(v[i].tier, v[i].grp, l1, sizeof l1));
			table_add(&t, v[i].source);
			table_add(&t, tier_label(v[i].computed_tier, v[i].computed_grp, l2, sizeof l2));
		}
		table_addf(&t, "%.2f", tier_avg_visits(&v[i].window));
		table_add(&t, money_format(tier_avg_spend(&v[i].window), m1));
		/* no covers, no figure per head (not 0.00) */
		table_add(&t, v[i].window.covers ? money_format(tier_per_capita(&v[i].window), m1)
						 : "—");
		if (!movers) {
			table_addf(&t, "%d", v[i].month.visits);
			table_add(&t, money_format(v[i].month.spend, m1));
		}
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	return 0;
}

int cli_tier_list(struct cli *c, int argc, char **argv)
{
	struct tier_ctx t;
	int rc = parse(c, argc, argv, cli_tier_list_opts, &t, 0, NULL);
	strv_free(&t.args);
	if (rc)
		return rc;
	const struct tier_rules *r = rules_or_fail(c);
	if (!r)
		return EXIT_DATA;
	if (t.tier && (rc = cli_check_tier_letter(c, r, t.tier)) != 0)
		return rc;
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	struct tier_row *v = NULL;
	size_t n = 0;
	enum store_status s = tier_store_list(c->st, r, t.month, t.tier, &v, &n);
	if (s == ST_OK)
		print_rows(c, r, v, n, false);
	else
		rc = cli_store_error(c, s);
	free(v);
	return rc;
}

int cli_tier_movers(struct cli *c, int argc, char **argv)
{
	struct tier_ctx t;
	int rc = parse(c, argc, argv, cli_tier_movers_opts, &t, 0, NULL);
	strv_free(&t.args);
	if (rc)
		return rc;
	const struct tier_rules *r;
	if ((rc = begin(c, STORE_READONLY, &r)) != 0)
		return rc;
	struct tier_row *v = NULL;
	size_t n = 0;
	enum store_status s = tier_store_movers(c->st, r, t.month, &v, &n);
	if (s == ST_OK)
		print_rows(c, r, v, n, true);
	else
		rc = cli_store_error(c, s);
	free(v);
	return rc;
}
