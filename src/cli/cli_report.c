/* cli_report.c — maitre report tiers | revenue | complaints | pareto */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/tier.h"
#include "core/tier_calc.h"
#include "core/visit.h"
#include "store/report_store.h"

enum { R_MONTH = 1 };

const struct opt cli_report_opts[] = {
	{"month", "YYYY-MM", R_MONTH, "the month (default this month)"},
	{NULL, NULL, 0, NULL},
};

static int on_report(struct cli *c, void *ctx, int id, const char *val)
{
	struct date *m = ctx;
	if (id == OPT_POSITIONAL)
		return cli_usage_error(c, _("unexpected argument \"%s\""), val);
	if (id == R_MONTH)
		return cli_parse_month(c, "month", val, m);
	return 0;
}

static int begin(struct cli *c, int argc, char **argv, struct date *m)
{
	struct date today = date_today();
	*m = date_month_start(today);
	int rc = cli_parse(c, argc, argv, cli_report_opts, on_report, m);
	return rc ? rc : cli_open(c, STORE_READONLY);
}

static const struct tier_rules *cmp_rules; /* for qsort: rank tiers as the rules do */
static int cmp_tiers(const void *a, const void *b)
{
	const struct report_tier *x = a, *y = b;
	return tier_rank(cmp_rules, x->tier, x->grp) - tier_rank(cmp_rules, y->tier, y->grp);
}

/* tiers (by_money false) or revenue (true) */
static int tiers_report(struct cli *c, int argc, char **argv, bool by_money)
{
	static const char *const th[] = {"tier", "guests", "last_month", "change"};
	static const char *const rh[] = {"tier", "guests_who_came", "visits", "covers", "revenue",
					 "share", "per_capita"};
	struct date m;
	int rc = begin(c, argc, argv, &m);
	if (rc)
		return rc;
	const struct tier_rules *r = cli_rules(c);
	if (!r)
		return EXIT_DATA;
	struct report_tier *v = NULL;
	size_t n = 0;
	enum store_status s = report_store_tiers(c->st, m, &v, &n);
	if (s != ST_OK) {
		free(v);
		return cli_store_error(c, s);
	}
	cmp_rules = r;
	if (n)
		qsort(v, n, sizeof *v, cmp_tiers);
	int64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += v[i].spend;
	struct table t;
	if (by_money)
		table_init(&t, 7, rh, 0x7eu);
	else
		table_init(&t, 4, th, 0xeu);
	for (size_t i = 0; i < n; i++) {
		char label[TIER_LABEL_SIZE], a[32];
		tier_label(v[i].tier, v[i].grp, label, sizeof label);
		if (!by_money) {
			if (!v[i].tier[0])
				continue; /* untiered guests are not counted in tier_month */
			table_add(&t, label);
			table_addf(&t, "%ld", v[i].guests);
			table_addf(&t, "%ld", v[i].guests_before);
			table_addf(&t, "%+ld", v[i].guests - v[i].guests_before);
			continue;
		}
		if (!v[i].visits)
			continue;
		table_add(&t, label);
		table_addf(&t, "%ld", v[i].came);
		table_addf(&t, "%ld", v[i].visits);
		table_addf(&t, "%ld", v[i].covers);
		table_add(&t, money_format(v[i].spend, a));
		table_addf(&t, "%.1f%%", total ? 100.0 * (double)v[i].spend / (double)total : 0.0);
		table_add(&t, money_format(visit_per_capita(v[i].spend, v[i].covers), a));
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	free(v);
	return 0;
}

int cli_report_tiers(struct cli *c, int argc, char **argv)
{
	return tiers_report(c, argc, argv, false);
}

int cli_report_revenue(struct cli *c, int argc, char **argv)
{
	return tiers_report(c, argc, argv, true);
}

int cli_report_complaints(struct cli *c, int argc, char **argv)
{
	static const char *const h[] = {"category", "complaints", "open", "resolved",
					"median_hours_to_resolve"};
	struct date m;
	int rc = begin(c, argc, argv, &m);
	if (rc)
		return rc;
	struct report_complaints *v = NULL;
	size_t n = 0;
	enum store_status s = report_store_complaints(c->st, m, &v, &n);
	if (s != ST_OK) {
		free(v);
		return cli_store_error(c, s);
	}
	struct table t;
	table_init(&t, 5, h, 0x1eu);
	for (size_t i = 0; i < n; i++) {
		table_add(&t, v[i].category);
		table_addf(&t, "%ld", v[i].count);
		table_addf(&t, "%ld", v[i].open);
		table_addf(&t, "%ld", v[i].resolved);
		if (v[i].median_hours < 0)
			table_add(&t, "");
		else
			table_addf(&t, "%.1f", v[i].median_hours);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	free(v);
	return 0;
}

int cli_report_pareto(struct cli *c, int argc, char **argv)
{
	static const char *const h[] = {"top", "guests", "revenue", "share"};
	struct date m;
	int rc = begin(c, argc, argv, &m);
	if (rc)
		return rc;
	struct report_pareto p;
	enum store_status s = report_store_pareto(c->st, m, &p);
	if (s != ST_OK)
		return cli_store_error(c, s);
	struct table t;
	char a[32];
	table_init(&t, 4, h, 0xeu);
	const struct {
		const char *label;
		long guests;
		int64_t revenue;
	} rows[] = {{"2%", p.top2_guests, p.top2_revenue},
		    {"20%", p.top20_guests, p.top20_revenue},
		    {"all", p.guests, p.revenue}};
	for (int i = 0; i < 3; i++) {
		table_add(&t, rows[i].label);
		table_addf(&t, "%ld", rows[i].guests);
		table_add(&t, money_format(rows[i].revenue, a));
		table_addf(&t, "%.1f%%", p.revenue ? 100.0 * (double)rows[i].revenue / (double)p.revenue : 0.0);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	return 0;
}
