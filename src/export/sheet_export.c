/* sheet_export.c — the monthly attendance sheet (客户考勤表) as a table, row by row. */
#include "export/sheet_export.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/date.h"
#include "core/money.h"
#include "core/text.h"
#include "core/tier.h"
#include "core/visit.h"
#include "export/table.h"
#include "store/sheet_store.h"

/* v in decimal into buf (at least 21 bytes): text_int, returning buf for table_add. */
static char *cell_int(int64_t v, char *buf)
{
	text_int(v, buf);
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

/* Adds the two lines (covers, spend) of guest row r to the table. */
static void emit_row(const struct sheet_row *r, void *ctx)
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
		table_add_number(t, cell_int(r->guest_id, buf));
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
				table_add_number(t, cell_int(r->covers[d], buf));
			} else {
				table_add_number(t, money_format_short(r->spend[d], buf));
			}
		}
		if (pass == 0) {
			table_add_number(t, cell_int(r->visits, buf));
			table_add_number(t, money_format_short(r->spend_total, buf));
			table_add_number(t, cell_int(r->covers_total, buf));
			table_add_number(t, cell_int(visit_per_capita_yuan(r->spend_total, r->covers_total),
						     buf));
			table_add(t, r->tier[0] ? tier_label(r->tier, r->grp, label, sizeof label) : "");
		} else {
			table_add_empty(t, 4);
			table_add(t, "");
		}
	}
}

enum store_status sheet_export_write(struct store *st, struct date month, const char *tier,
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
