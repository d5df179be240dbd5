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

static void tsv_field(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			fputs("\\t", out);
		else if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '\r')
			fputs("\\r", out);
		else if (*s == '\\')
			fputs("\\\\", out);
		else if ((unsigned char)*s < 0x20 || *s == 0x7F)
			fprintf(out, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, out);
	}
}

static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* Whether column c is numeric (only the first 32 columns can be). */
static bool numeric_col(unsigned mask, int c)
{
	return c < 32 && (mask & (1u << c));
}

static bool is_number(const char *s)
{
	if (!*s)
		return false;
	char *end;
	strtod(s, &end);
	return *end == '\0' && s[0] != '+' && !(s[0] == '0' && s[1] >= '0' && s[1] <= '9');
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
			csv_field(out, t->headers[c]);
	}
	fputs(f == OUT_CSV ? "\r\n" : "\n", out);
	return true;
}

/* Length of s when it is written as it is in format f (no quoting or escape needed), else -1. */
static ptrdiff_t plain_len(enum out_format f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if (f == OUT_CSV ? (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
				 : (*p < 0x20 || *p == 0x7F || *p == '\\'))
			return -1;
	}
	return (const char *)p - s;
}

static void flush_line(struct table *t)
{
	if (t->line.len)
		fwrite(t->line.s, 1, t->line.len, t->out);
	t->line.len = 0;
}

/* Prints cell s of a streaming table, as table_print would have. */
static void stream_cell(struct table *t, const char *s)
{
	FILE *out = t->out;
	int c = t->col;
	if (c == 0)
		t->rows++;
	if (t->fmt == OUT_JSON) {
		if (c == 0)
			fputs(t->rows > 1 ? ",\n {" : "\n {", out);
		else
			fputs(", ", out);
		json_cell(out, t->headers[c], s, numeric_col(t->numeric, c));
		if (c == t->ncols - 1)
			fputc('}', out);
	} else {
		/* csv and tsv: the row is gathered in t->line, written at its end; a cell that needs
		 * quoting or escapes is written directly */
		bool last = c == t->ncols - 1;
		char sep = t->fmt == OUT_TSV ? '\t' : ',';
		ptrdiff_t n = plain_len(t->fmt, s);
		if (n >= 0) {
			struct sbuf *b = &t->line;
			sbuf_reserve(b, (size_t)n + 3);
			if (c)
				b->s[b->len++] = sep;
			memcpy(b->s + b->len, s, (size_t)n);
			b->len += (size_t)n;
			if (last) {
				if (t->fmt == OUT_CSV)
					b->s[b->len++] = '\r';
				b->s[b->len++] = '\n';
				flush_line(t);
			}
		} else {
			flush_line(t);
			if (c)
				fputc(sep, out);
			if (t->fmt == OUT_TSV)
				tsv_field(out, s);
			else
				csv_field(out, s);
			if (last)
				fputs(t->fmt == OUT_CSV ? "\r\n" : "\n", out);
		}
	}
	t->col = c + 1 == t->ncols ? 0 : c + 1;
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
					csv_field(out, s);
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
