/* reader.h — a guest book file read row by row as UTF-8 text, whatever the restaurant kept it
 * in: .xlsx (libzip and expat), .xls (libfreexl), CSV and TSV (libcsv; RFC 4180: quotes,
 * line breaks inside quotes, ""), Excel's "Unicode text" (UTF-16 TSV). The format is found by
 * content (a zip, an OLE2 compound file, else text); a text file's encoding by its BOM (UTF-8,
 * UTF-16LE/BE), else UTF-8 when it is valid UTF-8, else GB18030 (which covers GBK and GB2312:
 * what Excel on a Chinese Windows writes), unless the caller names one; converted with iconv.
 * Rows stream: memory does not grow with the file. */
#ifndef MAITRE_READER_H
#define MAITRE_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

enum reader_format { RF_AUTO, RF_CSV, RF_TSV, RF_XLSX, RF_XLS };

struct reader_options {
	enum reader_format format; /* RF_AUTO: by content (and, for text, the delimiter by the
	                            * first line that is not blank: more tabs than commas outside
	                            * quotes make TSV; neither makes UTF-16 TSV, other text CSV) */
	const char *encoding;      /* a text file's encoding as iconv names it ("GB18030",
	                            * "UTF-8", "UTF-16": little-endian unless a BOM says; UTF-32
	                            * is refused); NULL: detected */
	const char *sheet;         /* a workbook's sheet by name; NULL: the first */
};

struct reader_row {
	size_t line;   /* where the row starts: the 1-based line of a text file, the row number
	                * of a sheet */
	size_t n;      /* its cells (trailing empty cells may be absent) */
	char **cell;   /* n NUL-terminated UTF-8 strings, never NULL ("" for an empty cell); a
	                * workbook's date cell as YYYY-MM-DD, a number as its shortest decimal,
	                * a boolean TRUE or FALSE; a line break inside quotes as "\n" */
	size_t bad_col; /* 0, or the 1-based column of the first cell whose bytes are not valid in
	                 * the encoding: then that cell is "" and why says what was found */
	char why[160];
	const char *raw; /* the row's bytes as they were in a text file (its last line break and
	                  * the file's BOM excluded; "" for a blank line), for writing rejected
	                  * rows back in the file's own encoding; NULL for a workbook */
	size_t raw_len;
};

struct reader;

/* Opens path, or reads the n bytes at data (reader_open_mem, for tests and fuzzing: a copy is
 * not made, data must outlive the reader; name is what messages call it). NULL with the reason
 * in e ("guests.xlsx: no sheet named \"客户\" (sheets: 客户档案, Sheet2)"). */
struct reader *reader_open(const char *path, const struct reader_options *o, struct error *e);
struct reader *reader_open_mem(const char *name, const void *data, size_t n,
			       const struct reader_options *o, struct error *e);
/* The next row into *row (valid until the next call): 1; 0 at the end; -1 when the file cannot
 * be read further, with the reason in e ("guests.csv:120: a quote opened in this row is never
 * closed"). Blank rows are returned too (n == 0 or every cell ""): the caller counts them; the
 * rows a sheet leaves out are blank rows. Lines only grow from one row to the next. */
int reader_next(struct reader *r, struct reader_row *row, struct error *e);
enum reader_format reader_format(const struct reader *r);
/* "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" for a text file; "UTF-8" for a workbook. */
const char *reader_encoding(const struct reader *r);
/* Whether a text file started with a byte order mark. */
bool reader_bom(const struct reader *r);
/* The delimiter of a text file (',' or '\t'); ',' for a workbook. */
char reader_delimiter(const struct reader *r);
/* How far the reading is: bytes consumed of the whole (for a progress line): of the file for
 * text, of the sheet's XML for .xlsx, rows for .xls. */
void reader_progress(const struct reader *r, long long *done, long long *total);
/* utf8 in the file's encoding (for a text file; a copy for a workbook) into a malloc'ed *out
 * of *len bytes; characters the encoding lacks become '?'. */
void reader_encode(const struct reader *r, const char *utf8, char **out, size_t *len);
void reader_close(struct reader *r);

#endif
