#include "export/table.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

int out_format_from_name(const char *s)
{
	static const char *const names[] = {"text", "tsv", "csv", "json"};
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

void table_init(struct table *t, int ncols, const char *const *headers, unsigned numeric)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->headers = headers;
	t->numeric = numeric;
}

static void stream_cell(struct table *t, const char *s);

void table_add(struct table *t, const char *cell)
{
	if (t->out)
		stream_cell(t, cell ? cell : "");
	else
		strv_push(&t->cells, cell ? cell : "");
}

void table_addf(struct table *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (t->out) {
		char buf[256];
		int n = vsnprintf(buf, sizeof buf, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < sizeof buf) {
			stream_cell(t, buf);
			return;
		}
		va_start(ap, fmt);
	}
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	if (t->out) {
		stream_cell(t, s);
		free(s);
		return;
	}
	strv_take(&t->cells, s);
}

size_t table_rows(const struct table *t)
{
	return t->out ? t->rows : t->cells.n / (size_t)t->ncols;
}

/* The one rule of every format (core/text.h, text_cp_unsafe): no control character and no
 * bidirectional control is written as it is, and an invalid byte becomes U+FFFD. JSON and TSV
 * escape them (\u001b, \u202e; TSV's \xHH for C0 and DEL, \uHHHH beyond), text and CSV show
 * them as text_display does (^[, <U+202E>). */

static const char REPLACEMENT[] = "\xef\xbf\xbd"; /* U+FFFD */

/* Length of the run at the start of s (n bytes) that a format writes as it is: printable ASCII
 * but the bytes in special, and valid UTF-8 that text_cp_unsafe lets through. */
static size_t plain_run(const char *s, size_t n, const char *special)
{
	/* the special bytes (one to three, all ASCII) by value: strchr per byte was a tenth of
	 * a month's sheet as CSV */
	unsigned char sp[3] = {0, 0, 0};
	for (int k = 0; k < 3 && special[k]; k++)
		sp[k] = (unsigned char)special[k];
	if (!sp[1])
		sp[1] = sp[0];
	if (!sp[2])
		sp[2] = sp[0];
	size_t i = 0;
	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			if (b < 0x20 || b == 0x7F || b == sp[0] || b == sp[1] || b == sp[2])
				break;
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);
		if (text_cp_unsafe(cp) || (cp == 0xFFFD && k == 1))
			break;
		i += k;
	}
	return i;
}

static void tsv_field(FILE *out, const char *s)
{
	size_t n = strlen(s);
	while (n) {
		size_t run = plain_run(s, n, "\\");
		fwrite(s, 1, run, out);
		s += run, n -= run;
		if (!n)
			break;
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		if (cp == '\t')
			fputs("\\t", out);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp == '\r')
			fputs("\\r", out);
		else if (cp == '\\')
			fputs("\\\\", out);
		else if (text_cp_unsafe(cp))
			fprintf(out, cp < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)cp);
		else
			fputs(REPLACEMENT, out); /* an invalid byte */
		s += k, n -= k;
	}
}

/* Whether a CSV cell would start a formula in a spreadsheet (OWASP "CSV injection"). */
static bool csv_formula(const char *s)
{
	switch (*s) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
		return true;
	default:
		return false;
	}
}

/* A decimal number as the program writes one (below). */
static bool is_number(const char *s);

/* One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break; a text cell
 * that would start a formula gets a leading apostrophe (a number of a numeric column stays a
 * number); unsafe characters but the line break shown as text_display_lines does. */
static void csv_field(FILE *out, const char *s, bool numeric)
{
	const char *orig = s;
	bool quote = false, safe = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ',' || *p == '"' || *p == '\n')
			quote = true;
		else if (*p < 0x20 || *p >= 0x7F)
			safe = false; /* look closer */
	}
	char *shown = NULL;
	if (!safe) {
		shown = text_display_lines(s);
		s = shown;
		quote = quote || strpbrk(s, ",\"\n");
	}
	bool formula = (csv_formula(orig) || csv_formula(s)) && !(numeric && is_number(s));
	const char *tick = formula ? "'" : "";
	if (!quote) {
		fputs(tick, out);
		fputs(s, out);
	} else {
		fputc('"', out);
		fputs(tick, out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	}
	free(shown);
}

void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	size_t n = strlen(s);
	while (n) {
		size_t run = plain_run(s, n, "\"\\");
		fwrite(s, 1, run, out);
		s += run, n -= run;
		if (!n)
			break;
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		switch (cp) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (text_cp_unsafe(cp))
				fprintf(out, "\\u%04x", (unsigned)cp);
			else
				fputs(REPLACEMENT, out); /* an invalid byte */
		}
		s += k, n -= k;
	}
	fputc('"', out);
}

/* Whether column c is numeric (only the first 32 columns can be). */
static bool numeric_col(unsigned mask, int c)
{
	return c < 32 && (mask & (1u << c));
}

/* A decimal number as the program writes one ("12", "-3", "520.50"): no space, no "+", no
 * leading zero, no exponent, "inf" or "nan" (strtod would take them all). */
static bool is_number(const char *s)
{
	const char *p = s + (s[0] == '-');
	if (!(*p >= '0' && *p <= '9') || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* One cell of a JSON row: the key, then the value (numbers of numeric columns bare). */
static void json_cell(FILE *out, const char *key, const char *s, bool numeric)
{
	json_string(out, key);
	fputs(": ", out);
	if (numeric && is_number(s))
		fputs(s, out);
	else if (numeric && !*s)
		fputs("null", out);
	else
		json_string(out, s);
}

bool table_stream(struct table *t, enum out_format f, FILE *out)
{
	if (f != OUT_TSV && f != OUT_CSV && f != OUT_JSON)
		return false;
	t->out = out;
	t->fmt = f;
	t->col = 0;
	t->rows = 0;
	if (f == OUT_JSON) {
		fputc('[', out);
		return true;
	}
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			fputc(f == OUT_TSV ? '\t' : ',', out);
		if (f == OUT_TSV)
			tsv_field(out, t->headers[c]);
		else
			csv_field(out, t->headers[c], false);
	}
	fputs(f == OUT_CSV ? "\r\n" : "\n", out);
	return true;
}

/* Length of s when it is written as it is in format f (no quoting, escape, replacement or
 * apostrophe needed), else -1. */
static ptrdiff_t plain_len(enum out_format f, const char *s)
{
	if (f == OUT_CSV && csv_formula(s))
		return -1;
	size_t n = strlen(s);
	return plain_run(s, n, f == OUT_CSV ? ",\"" : "\\") == n ? (ptrdiff_t)n : -1;
}

static void flush_line(struct table *t)
{
	if (t->line.len)
		fwrite(t->line.s, 1, t->line.len, t->out);
	t->line.len = 0;
}

/* Adds cell s (n bytes, written as it is in csv and tsv) to the current csv or tsv row in
 * t->line, which is written out at the row's end. */
static void line_cell(struct table *t, const char *s, size_t n)
{
	struct sbuf *b = &t->line;
	int c = t->col;
	if (c == 0)
		t->rows++;
	sbuf_reserve(b, n + 3);
	if (c)
		b->s[b->len++] = t->fmt == OUT_TSV ? '\t' : ',';
	memcpy(b->s + b->len, s, n);
	b->len += n;
	if (c == t->ncols - 1) {
		if (t->fmt == OUT_CSV)
			b->s[b->len++] = '\r';
		b->s[b->len++] = '\n';
		flush_line(t);
	}
	t->col = c + 1 == t->ncols ? 0 : c + 1;
}

/* Prints cell s of a streaming table, as table_print would have. */
static void stream_cell(struct table *t, const char *s)
{
	FILE *out = t->out;
	int c = t->col;
	if (t->fmt != OUT_JSON) {
		/* csv and tsv: the row is gathered in t->line, written at its end; a cell that needs
		 * quoting or escapes is written directly */
		ptrdiff_t n = plain_len(t->fmt, s);
		if (n >= 0) {
			line_cell(t, s, (size_t)n);
			return;
		}
		if (c == 0)
			t->rows++;
		flush_line(t);
		if (c)
			fputc(t->fmt == OUT_TSV ? '\t' : ',', out);
		if (t->fmt == OUT_TSV)
			tsv_field(out, s);
		else
			csv_field(out, s, numeric_col(t->numeric, c));
		if (c == t->ncols - 1)
			fputs(t->fmt == OUT_CSV ? "\r\n" : "\n", out);
	} else {
		if (c == 0) {
			t->rows++;
			fputs(t->rows > 1 ? ",\n {" : "\n {", out);
		} else {
			fputs(", ", out);
		}
		json_cell(out, t->headers[c], s, numeric_col(t->numeric, c));
		if (c == t->ncols - 1)
			fputc('}', out);
	}
	t->col = c + 1 == t->ncols ? 0 : c + 1;
}

void table_add_number(struct table *t, const char *num)
{
	/* digits and a point need no quoting, escape or apostrophe; a minus would (a formula) */
	if (t->out && t->fmt != OUT_JSON && num[0] != '-')
		line_cell(t, num, strlen(num));
	else
		table_add(t, num);
}

void table_add_empty(struct table *t, int n)
{
	/* csv and tsv rows in the line: only the separators (the row's end through stream_cell) */
	if (t->out && t->fmt != OUT_JSON && n > 1 && t->col + n < t->ncols) {
		sbuf_reserve(&t->line, (size_t)n + 3);
		int k = t->col ? n : n - 1;
		if (!t->col)
			t->rows++;
		memset(t->line.s + t->line.len, t->fmt == OUT_TSV ? '\t' : ',', (size_t)k);
		t->line.len += (size_t)k;
		t->col += n;
		return;
	}
	for (int i = 0; i < n; i++)
		table_add(t, "");
}

void table_print(const struct table *t, enum out_format f, FILE *out)
{
	if (t->out) {
		/* streamed: only the end of the output is left */
		if (t->fmt == OUT_JSON)
			fputs(t->rows ? "\n]\n" : "]\n", t->out);
		return;
	}
	size_t rows = table_rows(t);
	int nc = t->ncols;
	unsigned mask = t->numeric;
	if (f == OUT_TSV || f == OUT_CSV) {
		for (size_t r = 0; r <= rows; r++) {
			for (int c = 0; c < nc; c++) {
				const char *s = r == 0 ? t->headers[c] : t->cells.v[(r - 1) * (size_t)nc + (size_t)c];
				if (c)
					fputc(f == OUT_TSV ? '\t' : ',', out);
				if (f == OUT_TSV)
					tsv_field(out, s);
				else
					csv_field(out, s, r > 0 && numeric_col(mask, c));
			}
			fputs(f == OUT_CSV ? "\r\n" : "\n", out);
		}
		return;
	}
	if (f == OUT_JSON) {
		fputs("[", out);
		for (size_t r = 0; r < rows; r++) {
			fputs(r ? ",\n {" : "\n {", out);
			for (int c = 0; c < nc; c++) {
				const char *s = t->cells.v[r * (size_t)nc + (size_t)c];
				if (c)
					fputs(", ", out);
				json_cell(out, t->headers[c], s, numeric_col(mask, c));
			}
			fputs("}", out);
		}
		fputs(rows ? "\n]\n" : "]\n", out);
		return;
	}
	/* text: columns aligned by display width; the last column is not padded */
	int *w = xcalloc((size_t)nc, sizeof *w);
	char **disp = xcalloc((rows + 1) * (size_t)nc, sizeof *disp);
	for (size_t r = 0; r <= rows; r++)
		for (int c = 0; c < nc; c++) {
			const char *s = r == 0 ? t->headers[c] : t->cells.v[(r - 1) * (size_t)nc + (size_t)c];
			char *d = text_display(s);
			disp[r * (size_t)nc + (size_t)c] = d;
			int dw = text_width(d);
			if (dw > w[c])
				w[c] = dw;
		}
	for (size_t r = 0; r <= rows; r++) {
		struct sbuf line = {0};
		for (int c = 0; c < nc; c++) {
			const char *d = disp[r * (size_t)nc + (size_t)c];
			int pad = w[c] - text_width(d);
			bool right = numeric_col(mask, c) && r > 0;
			if (right)
				sbuf_printf(&line, "%*s", pad, "");
			sbuf_add(&line, d);
			if (c < nc - 1)
				sbuf_printf(&line, "%*s", right ? 2 : pad + 2, "");
		}
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		fprintf(out, "%s\n", line.s ? line.s : "");
		sbuf_free(&line);
	}
	for (size_t i = 0; i < (rows + 1) * (size_t)nc; i++)
		free(disp[i]);
	free(disp);
	free(w);
}

void table_free(struct table *t)
{
	strv_free(&t->cells);
	sbuf_free(&t->line);
}
