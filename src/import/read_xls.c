/* read_xls.c — an Excel 97–2003 workbook (.xls, BIFF in an OLE2 compound file) through
 * libfreexl, which reads the chosen sheet's cells whole when it is selected (an .xls has at
 * most 65,536 rows). Cells as read_xlsx.c gives them: text (freexl gives UTF-8), a number as
 * its shortest decimal, a date cell (freexl knows them by their format) as YYYY-MM-DD, a time
 * as HH:MM:SS. libfreexl opens files only: bytes in memory go through a temporary file. */
#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "import/reader_int.h"

struct xls_reader {
	char *name;
	const void *h;
	unsigned rows, next;
	unsigned short cols;
	struct rowbuf row;
};

static const char *freexl_why(int rc)
{
	switch (rc) {
	case FREEXL_INSUFFICIENT_MEMORY:
		return strerror(ENOMEM);
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return _("it holds no workbook");
	default:
		return _("it is damaged or not an Excel file");
	}
}

/* Opens the bytes at mem through a temporary file, deleted at once. */
static int open_mem(const void *mem, size_t n, const void **h, struct error *e, const char *name)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/maitre-xls-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path), rc = -1;
	if (fd < 0) {
		error_set(e, 0, _("%s: %s"), path, strerror(errno));
		free(path);
		return -1;
	}
	const char *p = mem;
	size_t left = n;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			error_set(e, 0, _("%s: %s"), path, strerror(errno));
			break;
		}
		p += w, left -= (size_t)w;
	}
	if (!left) {
		rc = freexl_open(path, h);
		if (rc != FREEXL_OK)
			error_set(e, 0, _("%s: not a readable .xls workbook: %s"), name, freexl_why(rc));
	}
	close(fd);
	unlink(path);
	free(path);
	return rc == FREEXL_OK ? 0 : -1;
}

struct xls_reader *xls_open(const char *name, const char *path, const void *mem, size_t n,
			    const char *sheet, struct error *e)
{
	struct xls_reader *x = xcalloc(1, sizeof *x);
	x->name = xstrdup(name);
	if (path) {
		int rc = freexl_open(path, &x->h);
		if (rc != FREEXL_OK) {
			x->h = NULL;
			error_set(e, 0, _("%s: not a readable .xls workbook: %s"), name, freexl_why(rc));
			goto fail;
		}
	} else if (open_mem(mem, n, &x->h, e, name) < 0) {
		x->h = NULL;
		goto fail;
	}
	unsigned count = 0, pw = 0;
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK &&
	    pw == FREEXL_BIFF_OBFUSCATED) {
		error_set(e, 0, _("%s: the workbook is protected by a password"), name);
		goto fail;
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0) {
		error_set(e, 0, _("%s: the workbook has no sheet"), name);
		goto fail;
	}
	unsigned pick = sheet ? count : 0;
	struct strv names = {0};
	for (unsigned i = 0; i < count && i < 65536; i++) {
		const char *sn = NULL;
		if (freexl_get_worksheet_name(x->h, (unsigned short)i, &sn) != FREEXL_OK || !sn)
			sn = "";
		strv_push(&names, sn);
		if (sheet && pick == count && !strcmp(sn, sheet))
			pick = i;
	}
	if (pick == count) {
		reader_no_sheet(e, name, sheet, &names);
		strv_free(&names);
		goto fail;
	}
	strv_free(&names);
	if (freexl_select_active_worksheet(x->h, (unsigned short)pick) != FREEXL_OK ||
	    freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK) {
		error_set(e, 0, _("%s: not a readable .xls workbook: %s"), name,
			  freexl_why(FREEXL_CRAFTED_FILE));
		goto fail;
	}
	return x;
fail:
	xls_close(x);
	return NULL;
}

int xls_next(struct xls_reader *x, struct reader_row *row, struct error *e)
{
	if (x->next >= x->rows)
		return 0;
	unsigned r = x->next++;
	rowbuf_reset(&x->row);
	for (unsigned short c = 0; c < x->cols; c++) {
		FreeXL_CellValue v;
		char buf[32];
		const char *s = "";
		if (freexl_get_cell_value(x->h, r, c, &v) != FREEXL_OK) {
			x->next = x->rows;
			return error_set(e, 0, _("%s:%u: a cell cannot be read: %s"), x->name, r + 1,
					 freexl_why(FREEXL_CRAFTED_FILE));
		}
		switch (v.type) {
		case FREEXL_CELL_INT:
			snprintf(buf, sizeof buf, "%d", v.value.int_value);
			s = buf;
			break;
		case FREEXL_CELL_DOUBLE:
			reader_number(v.value.double_value, buf);
			s = buf;
			break;
		case FREEXL_CELL_TEXT:
		case FREEXL_CELL_SST_TEXT:
		case FREEXL_CELL_DATE:
		case FREEXL_CELL_TIME:
			s = v.value.text_value ? v.value.text_value : "";
			break;
		case FREEXL_CELL_DATETIME: /* "YYYY-MM-DD HH:MM:SS": the day */
			snprintf(buf, sizeof buf, "%.10s", v.value.text_value ? v.value.text_value : "");
			s = buf;
			break;
		}
		rowbuf_add(&x->row, s, text_valid_utf8(s) ? strlen(s) : 0);
	}
	rowbuf_trim(&x->row);
	rowbuf_finish(&x->row, row);
	row->line = r + 1;
	return 1;
}

void xls_progress(const struct xls_reader *x, long long *done, long long *total)
{
	*done = x->next;
	*total = x->rows;
}

void xls_close(struct xls_reader *x)
{
	if (!x)
		return;
	if (x->h)
		freexl_close(x->h);
	rowbuf_free(&x->row);
	free(x->name);
	free(x);
}
