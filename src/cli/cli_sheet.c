/* cli_sheet.c — maitre sheet: the monthly attendance sheet (客户考勤表). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/strv.h"
#include "store/sheet_store.h"

enum { S_MONTH = 1, S_TIER, S_MANAGER };

const struct opt cli_sheet_opts[] = {
	{"month", "YYYY-MM", S_MONTH, "the month (default this month)"},
	{"tier", "TIER", S_TIER, "only guests of this letter tier (A, B, C)"},
	{"sales-manager", "LOGIN", S_MANAGER, "only this sales manager's guests"},
	{NULL, NULL, 0, NULL},
};

struct sheet_ctx {
	struct date month;
	const char *tier, *manager;
};

static int on_sheet(struct cli *c, void *vctx, int id, const char *val)
{
	struct sheet_ctx *x = vctx;
	struct date d;
	switch (id) {
	case OPT_POSITIONAL:
		cli_error(c, EXIT_USAGE, "unexpected argument \"%s\"", val);
		return cli_usage(c);
	case S_MONTH:
		if (!date_parse_month(val, &d))
			return cli_error(c, EXIT_USER, "month: must be YYYY-MM, got \"%s\"", val);
		x->month = d;
		return 0;
	case S_TIER:
		x->tier = val;
		return 0;
	case S_MANAGER:
		x->manager = val;
		return 0;
	}
	return 0;
}

/* Yuan as the sheet shows them: whole yuan plain ("520"), else with the fen ("199.50"). */
static void cell_yuan(int64_t fen, char *buf)
{
	money_format(fen, buf);
	size_t n = strlen(buf);
	if (n > 3 && strcmp(buf + n - 3, ".00") == 0)
		buf[n - 3] = '\0';
}

int cli_sheet(struct cli *c, int argc, char **argv)
{
	struct date today = date_today();
	struct sheet_ctx x = {{today.y, today.m, 1}, NULL, NULL};
	int rc = cli_parse(c, argc, argv, cli_sheet_opts, on_sheet, &x);
	if (rc)
		return rc;
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	struct sheet_row *v = NULL;
	size_t n = 0;
	enum store_status s = sheet_store_month(c->st, x.month, x.tier, x.manager, &v, &n);
	if (s != ST_OK) {
		free(v);
		return cli_store_error(c, s);
	}
	int days = date_month_days(x.month.y, x.month.m);
	int ncols = 3 + days + 5;
	char **headers = calloc((size_t)ncols, sizeof *headers);
	struct strv names = {0};
	strv_push(&names, "id");
	strv_push(&names, "guest");
	strv_push(&names, "row");
	for (int d = 1; d <= days; d++)
		strv_take(&names, xasprintf("%d", d));
	static const char *const tail[] = {"visits", "total", "covers", "per_capita", "tier"};
	for (int i = 0; i < 5; i++)
		strv_push(&names, tail[i]);
	for (int i = 0; i < ncols && i < (int)names.n; i++)
		headers[i] = names.v[i];
	unsigned numeric = 1u;
	struct table t;
	table_init(&t, ncols, (const char *const *)headers, numeric);
	for (size_t i = 0; i < n; i++) {
		const struct sheet_row *r = &v[i];
		char buf[32], grp[48];
		for (int pass = 0; pass < 2; pass++) {
			table_addf(&t, "%lld", (long long)r->guest_id);
			table_add(&t, r->name);
			table_add(&t, pass == 0 ? "covers" : "spend");
			for (int d = 0; d < days; d++) {
				if (!r->covers[d] && !r->spend[d]) {
					table_add(&t, "");
				} else if (pass == 0) {
					table_addf(&t, "%d", r->covers[d]);
				} else {
					cell_yuan(r->spend[d], buf);
					table_add(&t, buf);
				}
			}
			if (pass == 0) {
				table_addf(&t, "%d", r->visits);
				cell_yuan(r->spend_total, buf);
				table_add(&t, buf);
				table_addf(&t, "%d", r->covers_total);
				table_add(&t, money_format_yuan(money_div_round(r->spend_total, r->covers_total), buf));
				snprintf(grp, sizeof grp, "%s%s%s", r->tier, r->grp[0] ? " " : "", r->grp);
				table_add(&t, grp);
			} else {
				for (int k = 0; k < 5; k++)
					table_add(&t, "");
			}
		}
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	strv_free(&names);
	free(headers);
	free(v);
	return 0;
}
