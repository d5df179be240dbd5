/* reader.c — opening a guest book: the format by its first bytes (a zip is .xlsx, an OLE2
 * compound file is .xls, anything else text), then every call handed to the format's reader;
 * and the pieces they share (rows, numbers, Excel dates). */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "import/reader_int.h"

struct reader {
	enum reader_format format;
	struct text_reader *text;
	struct xlsx_reader *xlsx;
	struct xls_reader *xls;
};

void rowbuf_reset(struct rowbuf *b)
{
	b->text.len = 0;
	b->n = 0;
}

void rowbuf_add(struct rowbuf *b, const char *s, size_t len)
{
	vec_reserve((void **)&b->off, b->n + 1, &b->cap, sizeof *b->off);
	b->off[b->n++] = b->text.len;
	sbuf_addn(&b->text, s ? s : "", len);
	sbuf_addc(&b->text, '\0');
}

void rowbuf_trim(struct rowbuf *b)
{
	while (b->n && b->text.s[b->off[b->n - 1]] == '\0') {
		b->text.len = b->off[b->n - 1];
		b->n--;
	}
}

void rowbuf_finish(struct rowbuf *b, struct reader_row *row)
{
	vec_reserve((void **)&b->cell, b->n + 1, &b->cell_cap, sizeof *b->cell);
	for (size_t i = 0; i < b->n; i++)
		b->cell[i] = b->text.s + b->off[i];
	row->n = b->n;
	row->cell = b->cell;
}

void rowbuf_free(struct rowbuf *b)
{
	sbuf_free(&b->text);
	free(b->off);
	free(b->cell);
	memset(b, 0, sizeof *b);
}

/* The "C" locale, for numbers written and read the same under any LC_NUMERIC. */
static locale_t c_locale(void)
{
	static locale_t c;
	if (!c)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c;
}

void reader_number(double v, char *buf)
{
	locale_t old = uselocale(c_locale());
	double a = v < 0 ? -v : v;
	buf[0] = '\0';
	if (a == 0 || (a >= 1e-6 && a < 1e17)) {
		/* plain digits, as Excel shows a phone number or an amount: 13800138000, 0.1 */
		for (int dec = 0; dec <= 17 && !buf[0]; dec++) {
			snprintf(buf, 32, "%.*f", dec, v);
			if (strtod(buf, NULL) != v)
				buf[0] = '\0';
		}
	}
	for (int prec = 1; prec <= 17 && !buf[0]; prec++) {
		snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) != v && prec < 17)
			buf[0] = '\0';
	}
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
	uselocale(old);
}

bool reader_strtod(const char *v, double *out)
{
	if (!*v)
		return false;
	locale_t old = uselocale(c_locale());
	char *end;
	errno = 0;
	*out = strtod(v, &end);
	bool ok = *end == '\0' && errno == 0 && end != v;
	uselocale(old);
	return ok;
}

bool reader_serial_date(double serial, bool date1904, char *buf)
{
	/* days from 1970-01-01 of Excel's day 0: 1899-12-30 for the serials after its
	 * 1900-02-29 (serial 60, a day that never was, kept for Lotus 1-2-3), 1899-12-31
	 * before it; 1904-01-01 in the 1904 system */
	if (!(serial >= 1 && serial < 2958466)) /* 2958466: 10000-01-01 */
		return false;
	long day = (long)serial;
	long base;
	if (date1904)
		base = -24107;
	else if (day == 60)
		return false;
	else
		base = day < 60 ? -25568 : -25569;
	date_format(date_from_days(base + day), buf);
	return true;
}

int reader_no_sheet(struct error *e, const char *name, const char *sheet,
		    const struct strv *sheets)
{
	struct sbuf list = {0};
	for (size_t i = 0; i < sheets->n; i++) {
		if (i)
			sbuf_add(&list, ", ");
		sbuf_add(&list, sheets->v[i]);
	}
	error_set(e, 0, _("%s: no sheet named \"%s\" (sheets: %s)"), name, sheet,
		  list.s ? list.s : "");
	sbuf_free(&list);
	return -1;
}

static const unsigned char zip_magic[] = {'P', 'K', 3, 4}, zip_empty[] = {'P', 'K', 5, 6},
	ole2_magic[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* The format the first bytes say, for RF_AUTO. */
static enum reader_format sniff(const unsigned char *p, size_t n)
{
	if (n >= 4 && (!memcmp(p, zip_magic, 4) || !memcmp(p, zip_empty, 4)))
		return RF_XLSX;
	if (n >= 8 && !memcmp(p, ole2_magic, 8))
		return RF_XLS;
	return RF_AUTO; /* text: CSV or TSV, decided by its reader */
}

static struct reader *opened(enum reader_format format, struct text_reader *t,
			     struct xlsx_reader *x, struct xls_reader *s)
{
	if (!t && !x && !s)
		return NULL;
	struct reader *r = xcalloc(1, sizeof *r);
	r->text = t, r->xlsx = x, r->xls = s;
	r->format = t ? txt_format(t) : format;
	return r;
}

static const struct reader_options no_options = {RF_AUTO, NULL, NULL};

struct reader *reader_open(const char *path, const struct reader_options *o, struct error *e)
{
	if (!o)
		o = &no_options;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		error_set(e, 0, _("%s: %s"), path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		error_set(e, 0, _("%s: %s"), path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
		error_set(e, 0, S_ISDIR(st.st_mode) ? _("%s: is a directory, not a guest book file")
						    : _("%s: is not a regular file"), path);
		close(fd);
		return NULL;
	}
	if (st.st_size == 0) {
		error_set(e, 0, _("%s: the file is empty"), path);
		close(fd);
		return NULL;
	}
	unsigned char head[8];
	ssize_t got = pread(fd, head, sizeof head, 0);
	if (got < 0) {
		error_set(e, 0, _("%s: %s"), path, strerror(errno));
		close(fd);
		return NULL;
	}
	enum reader_format f = o->format == RF_AUTO ? sniff(head, (size_t)got) : o->format;
	if (f == RF_XLSX || f == RF_XLS) {
		close(fd);
		if (f == RF_XLSX)
			return opened(f, NULL, xlsx_open(path, path, NULL, 0, o->sheet, e), NULL);
		return opened(f, NULL, NULL, xls_open(path, path, NULL, 0, o->sheet, e));
	}
	struct reader_options to = *o;
	to.format = f;
	struct text_reader *t = txt_open(path, fd, NULL, 0, &to, e);
	if (!t)
		close(fd);
	return opened(f, t, NULL, NULL);
}

struct reader *reader_open_mem(const char *name, const void *data, size_t n,
			       const struct reader_options *o, struct error *e)
{
	if (!o)
		o = &no_options;
	if (n == 0) {
		error_set(e, 0, _("%s: the file is empty"), name);
		return NULL;
	}
	enum reader_format f = o->format == RF_AUTO ? sniff(data, n) : o->format;
	if (f == RF_XLSX)
		return opened(f, NULL, xlsx_open(name, NULL, data, n, o->sheet, e), NULL);
	if (f == RF_XLS)
		return opened(f, NULL, NULL, xls_open(name, NULL, data, n, o->sheet, e));
	struct reader_options to = *o;
	to.format = f;
	return opened(f, txt_open(name, -1, data, n, &to, e), NULL, NULL);
}

int reader_next(struct reader *r, struct reader_row *row, struct error *e)
{
	memset(row, 0, sizeof *row);
	if (r->text)
		return txt_next(r->text, row, e);
	if (r->xlsx)
		return xlsx_next(r->xlsx, row, e);
	return xls_next(r->xls, row, e);
}

enum reader_format reader_format(const struct reader *r)
{
	return r->format;
}

const char *reader_encoding(const struct reader *r)
{
	return r->text ? txt_encoding(r->text) : "UTF-8";
}

bool reader_bom(const struct reader *r)
{
	return r->text && txt_bom(r->text);
}

char reader_delimiter(const struct reader *r)
{
	return r->text ? txt_delimiter(r->text) : ',';
}

void reader_progress(const struct reader *r, long long *done, long long *total)
{
	if (r->text)
		txt_progress(r->text, done, total);
	else if (r->xlsx)
		xlsx_progress(r->xlsx, done, total);
	else
		xls_progress(r->xls, done, total);
}

void reader_encode(const struct reader *r, const char *utf8, char **out, size_t *len)
{
	if (r->text) {
		txt_encode(r->text, utf8, out, len);
		return;
	}
	*len = strlen(utf8);
	*out = xstrndup(utf8, *len);
}

void reader_close(struct reader *r)
{
	if (!r)
		return;
	if (r->text)
		txt_close(r->text);
	if (r->xlsx)
		xlsx_close(r->xlsx);
	if (r->xls)
		xls_close(r->xls);
	free(r);
}
