/* cli_sheet.c — maitre sheet: the monthly attendance sheet (客户考勤表). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/date.h"
#include "core/tier.h"
#include "export/sheet_export.h"
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
	switch (id) {
	case OPT_POSITIONAL:
		return cli_usage_error(c, _("unexpected argument \"%s\""), val);
	case S_MONTH:
		return cli_parse_month(c, "month", val, &x->month);
	case S_TIER:
		x->tier = val;
		return 0;
	case S_MANAGER:
		x->manager = val;
		return 0;
	}
	return 0;
}

int cli_sheet(struct cli *c, int argc, char **argv)
{
	struct date today = date_today();
	struct sheet_ctx x = {date_month_start(today), NULL, NULL};
	int rc = cli_parse(c, argc, argv, cli_sheet_opts, on_sheet, &x);
	if (rc)
		return rc;
	if (x.tier) {
		const struct tier_rules *r = cli_rules(c);
		if (!r)
			return EXIT_DATA;
		if ((rc = cli_check_tier_letter(c, r, x.tier)) != 0)
			return rc;
	}
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	enum store_status s =
		sheet_export_write(c->st, x.month, x.tier, x.manager, c->format, stdout);
	return s == ST_OK ? 0 : cli_store_error(c, s);
}
