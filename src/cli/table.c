#include "cli/table.h"

#include <stdarg.h>
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

void table_add(struct table *t, const char *cell)
{
	strv_push(&t->cells, cell ? cell : "");
}

void table_addf(struct table *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		s = NULL;
	strv_take(&t->cells, s ? s : strdup(""));
}

size_t table_rows(const struct table *t)
{
	return t->cells.n / (size_t)t->ncols;
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

void table_print(const struct table *t, enum out_format f, FILE *out)
{
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
				json_string(out, t->headers[c]);
				fputs(": ", out);
				if (numeric_col(mask, c) && is_number(s))
					fputs(s, out);
				else if (numeric_col(mask, c) && !*s)
					fputs("null", out);
				else
					json_string(out, s);
			}
			fputs("}", out);
		}
		fputs(rows ? "\n]\n" : "]\n", out);
		return;
	}
	/* text: columns aligned by display width; the last column is not padded */
	int *w = calloc((size_t)nc, sizeof *w);
	char **disp = calloc((rows + 1) * (size_t)nc, sizeof *disp);
	if (!w || !disp) {
		free(w);
		free(disp);
		return;
	}
	for (size_t r = 0; r <= rows; r++)
		for (int c = 0; c < nc; c++) {
			const char *s = r == 0 ? t->headers[c] : t->cells.v[(r - 1) * (size_t)nc + (size_t)c];
			char *d = text_display(s);
			disp[r * (size_t)nc + (size_t)c] = d;
			int dw = d ? text_width(d) : 0;
			if (dw > w[c])
				w[c] = dw;
		}
	for (size_t r = 0; r <= rows; r++) {
		struct sbuf line = {0};
		for (int c = 0; c < nc; c++) {
			const char *d = disp[r * (size_t)nc + (size_t)c];
			d = d ? d : "";
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
}
