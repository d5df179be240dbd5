/* cli_sheet.c — maitre sheet: the monthly attendance sheet (客户考勤表). */
#include "cli/cli_sheet.h"

#include "cli/cli.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/tier.h"
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

/* Decimal digits of v into buf (at least 21 bytes), as printf's %lld writes them; returns buf. */
static char *cell_int(int64_t v, char *buf)
{
	char tmp[24];
	size_t n = 0;
	uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + a % 10);
		a /= 10;
	} while (a);
	char *p = buf;
	if (v < 0)
		*p++ = '-';
	while (n)
		*p++ = tmp[--n];
	*p = '\0';
	return buf;
}

/* The sheet's table as sheet_store_each fills it, row by row. */
struct emit {
	struct table t;
	int days;
	enum out_format format;
	FILE *out;
	bool started;
};

int64_t sheet_per_capita_yuan(const struct sheet_row *r)
{
	/* money_format_yuan of the mean */
	return money_div_round(money_div_round(r->spend_total, r->covers_total), 100);
}

/* Adds the two lines (covers, spend) of guest row r to the table. */
static int emit_row(const struct sheet_row *r, void *ctx)
{
	struct emit *e = ctx;
	struct table *t = &e->t;
	if (!e->started) {
		/* csv, tsv and json rows go out as they come: only text needs the whole table */
		table_stream(t, e->format, e->out);
		e->started = true;
	}
	char buf[32], label[TIER_LABEL_SIZE];
	for (int pass = 0; pass < 2; pass++) {
		table_add(t, cell_int(r->guest_id, buf));
		table_add(t, r->name);
		table_add(t, pass == 0 ? "covers" : "spend");
		for (int d = 0; d < e->days; d++) {
			if (!r->covers[d] && !r->spend[d]) {
				int n = 1;
				while (d + n < e->days && !r->covers[d + n] && !r->spend[d + n])
					n++;
				table_add_empty(t, n);
				d += n - 1;
			} else if (pass == 0) {
				table_add(t, cell_int(r->covers[d], buf));
			} else {
				money_format_short(r->spend[d], buf);
				table_add(t, buf);
			}
		}
		if (pass == 0) {
			table_add(t, cell_int(r->visits, buf));
			money_format_short(r->spend_total, buf);
			table_add(t, buf);
			table_add(t, cell_int(r->covers_total, buf));
			table_add(t, cell_int(sheet_per_capita_yuan(r), buf));
			table_add(t, r->tier[0] ? tier_label(r->tier, r->grp, label, sizeof label) : "");
		} else {
			table_add_empty(t, 4);
			table_add(t, "");
		}
	}
	return 0;
}

enum store_status sheet_write(struct store *st, struct date month, const char *tier,
			      const char *manager, enum out_format format, FILE *out)
{
	static const char *const head[] = {"id", "guest", "row"};
	static const char *const tail[] = {"visits", "total", "covers", "per_capita", "tier"};
	int days = date_month_days(month.y, month.m);
	int ncols = 3 + days + 5;
	char day_names[31][3];
	const char *names[3 + 31 + 5];
	for (int i = 0; i < 3; i++)
		names[i] = head[i];
	for (int d = 1; d <= days; d++) {
		snprintf(day_names[d - 1], sizeof day_names[d - 1], "%d", d);
		names[2 + d] = day_names[d - 1];
	}
	for (int i = 0; i < 5; i++)
		names[3 + days + i] = tail[i];
	struct emit e = {.days = days, .format = format, .out = out};
	table_init(&e.t, ncols, names, 1u); /* the id column is numeric */
	/* rows are printed as the sheet makes them (text keeps them for the widths); nothing is
	 * printed when the sheet fails before its first row */
	enum store_status s = sheet_store_each(st, month, tier, manager, emit_row, &e);
	if (s == ST_OK) {
		if (!e.started)
			table_stream(&e.t, format, out);
		table_print(&e.t, format, out);
	}
	table_free(&e.t);
	return s;
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
	enum store_status s = sheet_write(c->st, x.month, x.tier, x.manager, c->format, stdout);
	return s == ST_OK ? 0 : cli_store_error(c, s);
}
