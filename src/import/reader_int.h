/* reader_int.h — what the reader's files share (src/import/reader.c, read_text.c,
 * read_xlsx.c, read_xls.c); not for use outside src/import. reader.c opens the file, finds
 * its format and hands it to one of the three; each fills rows through struct rowbuf. */
#ifndef MAITRE_READER_INT_H
#define MAITRE_READER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/strv.h"
#include "import/reader.h"

/* A row being built: its cells' text one after the other, each NUL-terminated, in text;
 * their starts in off. rowbuf_finish points a struct reader_row's cells into it. */
struct rowbuf {
	struct sbuf text;
	size_t *off;
	size_t n, cap;
	char **cell;
	size_t cell_cap;
};

void rowbuf_reset(struct rowbuf *b);
/* Appends a cell of the len bytes at s (not checked: valid UTF-8 is the caller's part). */
void rowbuf_add(struct rowbuf *b, const char *s, size_t len);
/* Drops the empty cells at the end. */
void rowbuf_trim(struct rowbuf *b);
/* Sets row->n and row->cell to b's cells (valid until b changes). */
void rowbuf_finish(struct rowbuf *b, struct reader_row *row);
void rowbuf_free(struct rowbuf *b);

/* A number as its shortest decimal that reads back as the same double, whatever the locale,
 * into buf (≥ 32 bytes): plain digits from 1e-6 to 1e17 ("13800138000", "0.1"), else with an
 * exponent ("1e+20"). */
void reader_number(double v, char *buf);
/* The text v ("1.5", "4.2E-3") read as a number whatever the locale; false when it is not one
 * whole. */
bool reader_strtod(const char *v, double *out);
/* An Excel date serial (days since 1899-12-30, or since 1904-01-01 when date1904; the time of
 * day dropped) as YYYY-MM-DD into buf (≥ 11 bytes); false when it is no date Excel shows
 * (before its day 1, its 1900-02-29, or past 9999). */
bool reader_serial_date(double serial, bool date1904, char *buf);

/* The text reader (read_text.c). fd is read in blocks when ≥ 0; else the n bytes at mem. */
struct text_reader;
struct text_reader *txt_open(const char *name, int fd, const unsigned char *mem, size_t n,
			      const struct reader_options *o, struct error *e);
int txt_next(struct text_reader *t, struct reader_row *row, struct error *e);
const char *txt_encoding(const struct text_reader *t);
bool txt_bom(const struct text_reader *t);
char txt_delimiter(const struct text_reader *t);
enum reader_format txt_format(const struct text_reader *t);
void txt_progress(const struct text_reader *t, long long *done, long long *total);
void txt_encode(const struct text_reader *t, const char *utf8, char **out, size_t *len);
void txt_close(struct text_reader *t);

/* The .xlsx reader (read_xlsx.c): the file at path, or the n bytes at mem when path is NULL. */
struct xlsx_reader;
struct xlsx_reader *xlsx_open(const char *name, const char *path, const void *mem, size_t n,
			      const char *sheet, struct error *e);
int xlsx_next(struct xlsx_reader *x, struct reader_row *row, struct error *e);
void xlsx_progress(const struct xlsx_reader *x, long long *done, long long *total);
void xlsx_close(struct xlsx_reader *x);

/* The .xls reader (read_xls.c): the file at path, or the n bytes at mem when path is NULL
 * (libfreexl reads files only: they are written to a temporary file first). */
struct xls_reader;
struct xls_reader *xls_open(const char *name, const char *path, const void *mem, size_t n,
			    const char *sheet, struct error *e);
int xls_next(struct xls_reader *x, struct reader_row *row, struct error *e);
void xls_progress(const struct xls_reader *x, long long *done, long long *total);
void xls_close(struct xls_reader *x);

/* The message for a sheet that is not there: "no sheet named "X" (sheets: A, B)". */
int reader_no_sheet(struct error *e, const char *name, const char *sheet,
		    const struct strv *sheets);

#endif
