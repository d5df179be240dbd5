/* table.h — listings as aligned text, TSV, CSV or JSON: the command line's --format and the
 * sheet screen's export write through it (src/export: below both). */
#ifndef MAITRE_TABLE_H
#define MAITRE_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/strv.h"

enum out_format { OUT_TEXT, OUT_TSV, OUT_CSV, OUT_JSON };

/* "text", "tsv", "csv", "json" → format; -1 when unknown. */
int out_format_from_name(const char *s);

struct table {
	int ncols;
	const char *const *headers; /* ncols column names (also the JSON keys) */
	unsigned numeric;           /* bit mask of the first 32 columns: aligned right, JSON numbers */
	struct strv cells;          /* row-major, ncols per row */
	/* streaming (table_stream): cells go straight to out instead of into cells */
	FILE *out;
	enum out_format fmt;
	int col;     /* column of the next cell of the current row */
	size_t rows; /* rows begun so far */
	struct sbuf line; /* the current row's plain cells, written out at its end */
};

void table_init(struct table *t, int ncols, const char *const *headers, unsigned numeric);
/* Adds one cell of the current row (NULL is an empty cell). */
void table_add(struct table *t, const char *cell);
void table_addf(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds a cell that holds a number as the program writes one ("12", "520.50", "-3": text_int,
 * money_format_short): as table_add(t, num), without looking for what to quote or escape
 * when csv or tsv stream it and it is not negative (a sheet's millions of cells). */
void table_add_number(struct table *t, const char *num);
/* Adds n empty cells to the current row (as n table_add(t, "") but cheaper when streaming). */
void table_add_empty(struct table *t, int n);
size_t table_rows(const struct table *t);
/* Makes t print each cell as it is added, in format f (tsv, csv or json; not text, which needs
 * every cell for the widths), so that nothing is kept: the header line is printed now, and
 * table_print(t, f, out) ends the output. Returns whether t now streams (false for text). */
bool table_stream(struct table *t, enum out_format f, FILE *out);
/* Prints the table: text (aligned by display width, with a header line), tsv (header line;
 * tab, newline and backslash escaped as \t \n \\, other C0 controls and DEL as \xHH, C1 and
 * bidirectional controls as \uHHHH), csv (RFC 4180, header line; a text cell starting with =,
 * +, -, @, tab or CR gets a leading apostrophe, a number of a numeric column does not), json (an
 * array of objects; controls as \u001b, \u009b, \u202e). Text and csv show what
 * text_cp_unsafe names as text_display does (^[, <U+202E>; csv keeps line breaks, quoted);
 * invalid UTF-8 becomes U+FFFD in every format. */
void table_print(const struct table *t, enum out_format f, FILE *out);
void table_free(struct table *t);

/* Writes s as a JSON string literal. */
void json_string(FILE *out, const char *s);

#endif
