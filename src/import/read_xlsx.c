/* read_xlsx.c — an Office Open XML workbook (.xlsx): libzip opens the archive, expat reads
 * its parts. _rels/.rels names the workbook part; the workbook lists the sheets and its rels
 * say which part each is, and which parts hold the shared strings and the styles.
 *
 * The shared strings are held (a cell gives only their index); the sheet is streamed: its part
 * is inflated CHUNK bytes at a time and expat is suspended at each </row>, so memory holds one
 * row whatever the sheet's size. A cell goes where its reference (r="C12") puts it: the cells
 * before it that the file leaves out are "", and so are the rows (returned with n == 0).
 *
 * Values: a shared or inline string as it is (Excel's _xHHHH_ escapes decoded, the phonetic
 * runs <rPh> left out); a number as its shortest decimal, or as YYYY-MM-DD when its style's
 * number format is a date: built-in formats 14–17 and 22, those of Chinese, Japanese and
 * Korean Excel (27–31, 36, 50–54, 57, 58), and any custom format whose code, outside quoted
 * text and [brackets], has a y or a d, or an m without an h or an s (minutes); a boolean as
 * TRUE or FALSE; an error as Excel shows it (#N/A). */
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "import/reader_int.h"

#define CHUNK (64 * 1024)
#define MAX_COL 16384    /* XFD, Excel's last column */
#define MAX_ROW 1048576  /* Excel's last row */

struct xlsx_reader {
	char *name;
	zip_t *za;
	zip_file_t *zf;
	char *sheet_part;
	XML_Parser xp;
	char *chunk;
	bool suspended, final_fed, finished;
	long long done, total;
	char err[ERROR_MSG_MAX]; /* what a callback found wrong */

	struct sbuf ss; /* the shared strings, each NUL-terminated, at ss_off */
	size_t *ss_off, ss_n, ss_cap;
	bool *xf_date; /* per cellXfs entry: a date format */
	size_t xf_n, xf_cap;
	bool date1904;

	struct rowbuf row;
	size_t row_num, emitted;
	bool row_ready, in_data;
	bool in_cell, in_v, in_is, in_t, in_rph;
	char ctype[12];
	size_t ccol, cstyle;
	struct sbuf val;
};

static const char *local(const char *n)
{
	const char *c = strrchr(n, ':');
	return c ? c + 1 : n;
}

/* The attribute called name (its prefix ignored), or NULL. */
static const char *attr(const char **atts, const char *name)
{
	for (; atts && atts[0]; atts += 2)
		if (strncmp(atts[0], "xmlns", 5) && !strcmp(local(atts[0]), name))
			return atts[1];
	return NULL;
}

/* Excel's _xHHHH_ escapes in b (a character XML cannot hold, or "_x005F_" for "_"). */
static void unescape(struct sbuf *b)
{
	if (!b->s || !strstr(b->s, "_x"))
		return;
	char *r = b->s, *w = b->s;
	while (*r) {
		unsigned cp = 0;
		int i = 0;
		if (r[0] == '_' && r[1] == 'x') {
			for (i = 0; i < 4; i++) {
				char c = r[2 + i];
				int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
					: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
				if (d < 0)
					break;
				cp = cp << 4 | (unsigned)d;
			}
		}
		if (i == 4 && r[6] == '_' && !(cp >= 0xD800 && cp <= 0xDFFF)) {
			if (cp) /* 3 bytes at most for 4 hex digits: fits in the 7 read */
				w += text_encode(cp, w);
			r += 7;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	b->len = (size_t)(w - b->s);
}

/* Streams the part at path through a new parser with the handlers given. 1 when read, 0 when
 * the archive has no such part, -1 on an error. */
static int parse_part(struct xlsx_reader *x, const char *path, XML_StartElementHandler on_start,
		      XML_EndElementHandler on_end, XML_CharacterDataHandler on_text, void *ud,
		      struct error *e)
{
	zip_int64_t idx = zip_name_locate(x->za, path, ZIP_FL_NOCASE);
	if (idx < 0)
		return 0;
	zip_file_t *f = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!f)
		return error_set(e, 0, _("%s: %s: %s"), x->name, path, zip_strerror(x->za));
	XML_Parser p = XML_ParserCreate(NULL);
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, on_start, on_end);
	if (on_text)
		XML_SetCharacterDataHandler(p, on_text);
	int rc = 1;
	for (;;) {
		zip_int64_t got = zip_fread(f, x->chunk, CHUNK);
		if (got < 0) {
			rc = error_set(e, 0, _("%s: %s: %s"), x->name, path, zip_file_strerror(f));
			break;
		}
		if (XML_Parse(p, x->chunk, (int)got, got == 0) == XML_STATUS_ERROR) {
			rc = error_set(e, 0, _("%s: %s, line %lu: %s"), x->name, path,
				       (unsigned long)XML_GetCurrentLineNumber(p),
				       XML_ErrorString(XML_GetErrorCode(p)));
			break;
		}
		if (got == 0)
			break;
	}
	XML_ParserFree(p);
	zip_fclose(f);
	return rc;
}

/* ---- relationships: Id, Type and Target of each */

struct rels {
	struct strv id, type, target;
};

static void rels_start(void *ud, const char *name, const char **atts)
{
	struct rels *r = ud;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
	if (strcmp(local(name), "Relationship") || !id || !type || !target)
		return;
	strv_push(&r->id, id);
	const char *slash = strrchr(type, '/');
	strv_push(&r->type, slash ? slash + 1 : type);
	strv_push(&r->target, target);
}

static void rels_end(void *ud, const char *name)
{
	(void)ud, (void)name;
}

static void rels_free(struct rels *r)
{
	strv_free(&r->id);
	strv_free(&r->type);
	strv_free(&r->target);
}

/* The part a target names, from the folder dir ("xl/"): "/xl/a.xml" and "worksheets/../a.xml"
 * as "xl/a.xml". Caller frees. */
static char *resolve(const char *dir, const char *target)
{
	char *p = target[0] == '/' ? xstrdup(target + 1) : xasprintf("%s%s", dir, target);
	char *up;
	while ((up = strstr(p, "/../"))) {
		char *seg = up;
		while (seg > p && seg[-1] != '/')
			seg--;
		memmove(seg, up + 4, strlen(up + 4) + 1);
	}
	return p;
}

/* ---- the workbook: its sheets in order */

struct workbook {
	struct strv name, rid;
	struct strv hidden; /* "1" for a hidden sheet */
	bool date1904;
};

static void wb_start(void *ud, const char *name, const char **atts)
{
	struct workbook *w = ud;
	const char *n = local(name);
	if (!strcmp(n, "workbookPr")) {
		const char *d = attr(atts, "date1904");
		w->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
	} else if (!strcmp(n, "sheet")) {
		const char *sn = attr(atts, "name"), *id = attr(atts, "id"), *st = attr(atts, "state");
		if (!sn || !id)
			return;
		strv_push(&w->name, sn);
		strv_push(&w->rid, id);
		strv_push(&w->hidden, st && strcmp(st, "visible") ? "1" : "0");
	}
}

/* ---- styles: which cell formats are dates */

struct styles {
	struct xlsx_reader *x;
	int *fmt_id; /* custom formats that are dates */
	size_t fmt_n, fmt_cap;
	bool in_xfs;
};

static bool builtin_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
	       (id >= 50 && id <= 54) || id == 57 || id == 58;
}

static bool format_is_date(const char *code)
{
	bool y = false, d = false, m = false, h = false, s = false;
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			const char *q = strchr(p + 1, '"');
			if (!q)
				break;
			p = q;
		} else if (*p == '[') {
			const char *q = strchr(p + 1, ']');
			if (!q)
				break;
			p = q;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (!p[1])
				break;
			p++;
		} else {
			char c = (char)(*p | 0x20);
			y |= c == 'y', d |= c == 'd', m |= c == 'm', h |= c == 'h', s |= c == 's';
		}
	}
	return y || d || (m && !h && !s);
}

static void st_start(void *ud, const char *name, const char **atts)
{
	struct styles *s = ud;
	const char *n = local(name), *id = attr(atts, "numFmtId");
	long fid = id ? strtol(id, NULL, 10) : 0;
	if (!strcmp(n, "numFmt")) {
		const char *code = attr(atts, "formatCode");
		if (id && code && format_is_date(code)) {
			vec_reserve((void **)&s->fmt_id, s->fmt_n + 1, &s->fmt_cap, sizeof *s->fmt_id);
			s->fmt_id[s->fmt_n++] = (int)fid;
		}
	} else if (!strcmp(n, "cellXfs")) {
		s->in_xfs = true;
	} else if (s->in_xfs && !strcmp(n, "xf")) {
		struct xlsx_reader *x = s->x;
		bool date = builtin_date(fid);
		for (size_t i = 0; i < s->fmt_n && !date; i++)
			date = s->fmt_id[i] == fid;
		vec_reserve((void **)&x->xf_date, x->xf_n + 1, &x->xf_cap, sizeof *x->xf_date);
		x->xf_date[x->xf_n++] = date;
	}
}

static void st_end(void *ud, const char *name)
{
	if (!strcmp(local(name), "cellXfs"))
		((struct styles *)ud)->in_xfs = false;
}

/* ---- shared strings */

static void ss_start(void *ud, const char *name, const char **atts)
{
	struct xlsx_reader *x = ud;
	const char *n = local(name);
	(void)atts;
	if (!strcmp(n, "si"))
		x->val.len = 0, x->in_cell = true;
	else if (!strcmp(n, "t"))
		x->in_t = true;
	else if (!strcmp(n, "rPh"))
		x->in_rph = true;
}

static void ss_end(void *ud, const char *name)
{
	struct xlsx_reader *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "si")) {
		sbuf_addn(&x->val, "", 0);
		unescape(&x->val);
		vec_reserve((void **)&x->ss_off, x->ss_n + 1, &x->ss_cap, sizeof *x->ss_off);
		x->ss_off[x->ss_n++] = x->ss.len;
		sbuf_addn(&x->ss, x->val.s, x->val.len);
		sbuf_addc(&x->ss, '\0');
		x->in_cell = false;
	} else if (!strcmp(n, "t")) {
		x->in_t = false;
	} else if (!strcmp(n, "rPh")) {
		x->in_rph = false;
	}
}

static void on_text(void *ud, const char *s, int len)
{
	struct xlsx_reader *x = ud;
	if (x->in_cell && (x->in_v || (x->in_t && !x->in_rph)))
		sbuf_addn(&x->val, s, (size_t)len);
}

/* ---- the sheet */

/* The column of a reference ("C12": 3), 0 when there is none. */
static size_t ref_col(const char *r)
{
	size_t col = 0;
	for (; *r >= 'A' && *r <= 'Z'; r++) {
		col = col * 26 + (size_t)(*r - 'A' + 1);
		if (col > MAX_COL)
			return MAX_COL + 1;
	}
	return col;
}

static void sh_start(void *ud, const char *name, const char **atts)
{
	struct xlsx_reader *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "sheetData")) {
		x->in_data = true;
	} else if (!x->in_data) {
		return;
	} else if (!strcmp(n, "row")) {
		const char *r = attr(atts, "r");
		size_t num = r ? strtoul(r, NULL, 10) : 0;
		if (num <= x->emitted || num > MAX_ROW)
			num = x->emitted + 1; /* none, out of order or out of range: the next */
		x->row_num = num;
		rowbuf_reset(&x->row);
	} else if (!strcmp(n, "c")) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		x->in_cell = true;
		x->val.len = 0;
		snprintf(x->ctype, sizeof x->ctype, "%s", t ? t : "n");
		x->ccol = r ? ref_col(r) : 0;
		if (!x->ccol)
			x->ccol = x->row.n + 1;
		x->cstyle = s ? strtoul(s, NULL, 10) : 0;
	} else if (!strcmp(n, "v")) {
		x->in_v = true;
	} else if (!strcmp(n, "is")) {
		x->in_is = true;
	} else if (!strcmp(n, "t")) {
		x->in_t = x->in_is;
	} else if (!strcmp(n, "rPh")) {
		x->in_rph = true;
	}
}

/* The value of the cell just read, as the top comment says. */
static const char *cell_value(struct xlsx_reader *x, char *buf)
{
	sbuf_addn(&x->val, "", 0);
	const char *v = x->val.s ? x->val.s : "", *t = x->ctype;
	if (!strcmp(t, "s")) {
		uint64_t i;
		return text_parse_uint(v, &i) && i < x->ss_n ? x->ss.s + x->ss_off[i] : "";
	}
	if (!strcmp(t, "inlineStr") || !strcmp(t, "str")) {
		unescape(&x->val);
		return x->val.s;
	}
	if (!strcmp(t, "b"))
		return !strcmp(v, "1") || !strcmp(v, "true") ? "TRUE" : "FALSE";
	if (!strcmp(t, "d")) { /* an ISO 8601 date, "2024-03-01T00:00:00" */
		if (strlen(v) >= 10)
			x->val.s[10] = '\0';
		return x->val.s;
	}
	double d;
	if (!strcmp(t, "n") && reader_strtod(v, &d)) {
		if (x->cstyle < x->xf_n && x->xf_date[x->cstyle] &&
		    reader_serial_date(d, x->date1904, buf))
			return buf;
		reader_number(d, buf);
		return buf;
	}
	return v; /* "e" (#N/A), or what is not a number */
}

static void sh_end(void *ud, const char *name)
{
	struct xlsx_reader *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "sheetData")) {
		x->in_data = false;
	} else if (!x->in_data) {
		return;
	} else if (!strcmp(n, "c") && x->in_cell) {
		char buf[32];
		const char *v = cell_value(x, buf);
		x->in_cell = x->in_v = x->in_is = x->in_t = x->in_rph = false;
		if (x->ccol > MAX_COL || x->ccol <= x->row.n)
			return; /* past XFD, or a column already given */
		while (x->row.n < x->ccol - 1)
			rowbuf_add(&x->row, "", 0);
		rowbuf_add(&x->row, v, text_valid_utf8(v) ? strlen(v) : 0);
	} else if (!strcmp(n, "v")) {
		x->in_v = false;
	} else if (!strcmp(n, "is")) {
		x->in_is = false;
	} else if (!strcmp(n, "t")) {
		x->in_t = false;
	} else if (!strcmp(n, "rPh")) {
		x->in_rph = false;
	} else if (!strcmp(n, "row")) {
		rowbuf_trim(&x->row);
		x->row_ready = true;
		XML_StopParser(x->xp, XML_TRUE);
	}
}

/* ---- opening */

static int open_archive(struct xlsx_reader *x, const char *path, const void *mem, size_t n,
			struct error *e)
{
	zip_error_t ze;
	zip_error_init(&ze);
	if (path) {
		int code = 0;
		x->za = zip_open(path, ZIP_RDONLY, &code);
		if (!x->za)
			zip_error_init_with_code(&ze, code);
	} else {
		zip_source_t *src = zip_source_buffer_create(mem, n, 0, &ze);
		if (src) {
			x->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
			if (!x->za)
				zip_source_free(src);
		}
	}
	if (!x->za) {
		error_set(e, 0, _("%s: not a readable .xlsx workbook: %s"), x->name,
			  zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	return 0;
}

/* The workbook's part ("xl/workbook.xml"), as _rels/.rels names it. Caller frees. */
static char *workbook_part(struct xlsx_reader *x, struct error *e)
{
	struct rels r = {0};
	char *part = NULL;
	if (parse_part(x, "_rels/.rels", rels_start, rels_end, NULL, &r, e) < 0)
		return NULL;
	for (size_t i = 0; i < r.id.n && !part; i++)
		if (!strcmp(r.type.v[i], "officeDocument"))
			part = resolve("", r.target.v[i]);
	rels_free(&r);
	return part ? part : xstrdup("xl/workbook.xml");
}

static int load_book(struct xlsx_reader *x, const char *want, struct error *e)
{
	char *wbpart = workbook_part(x, e);
	if (!wbpart)
		return -1;
	struct workbook w = {0};
	struct rels r = {0};
	char *slash = strrchr(wbpart, '/');
	char *dir = slash ? xstrndup(wbpart, (size_t)(slash - wbpart) + 1) : xstrdup("");
	char *relpart = xasprintf("%s_rels/%s.rels", dir, slash ? slash + 1 : wbpart);
	int rc = parse_part(x, wbpart, wb_start, rels_end, NULL, &w, e);
	if (rc == 0)
		rc = error_set(e, 0, _("%s: not an .xlsx workbook: it has no %s"), x->name, wbpart);
	if (rc > 0)
		rc = parse_part(x, relpart, rels_start, rels_end, NULL, &r, e);
	if (rc < 0)
		goto out;
	x->date1904 = w.date1904;
	/* the sheet: by name, else the first visible worksheet */
	size_t pick = SIZE_MAX;
	for (size_t i = 0; i < w.name.n && pick == SIZE_MAX; i++) {
		if (want ? strcmp(w.name.v[i], want) != 0 : w.hidden.v[i][0] == '1')
			continue;
		for (size_t j = 0; j < r.id.n; j++)
			if (!strcmp(r.id.v[j], w.rid.v[i]) &&
			    (want || !strcmp(r.type.v[j], "worksheet"))) {
				pick = j;
				break;
			}
	}
	if (pick == SIZE_MAX) {
		rc = want ? reader_no_sheet(e, x->name, want, &w.name)
			  : error_set(e, 0, _("%s: the workbook has no sheet"), x->name);
		goto out;
	}
	if (strcmp(r.type.v[pick], "worksheet")) {
		rc = error_set(e, 0, _("%s: the sheet \"%s\" is a chart, not a table"), x->name, want);
		goto out;
	}
	x->sheet_part = resolve(dir, r.target.v[pick]);
	for (size_t j = 0; j < r.id.n && rc >= 0; j++) {
		char *p = resolve(dir, r.target.v[j]);
		if (!strcmp(r.type.v[j], "sharedStrings")) {
			rc = parse_part(x, p, ss_start, ss_end, on_text, x, e);
			x->in_cell = x->in_t = x->in_rph = false;
		} else if (!strcmp(r.type.v[j], "styles")) {
			struct styles s = {.x = x};
			rc = parse_part(x, p, st_start, st_end, NULL, &s, e);
			free(s.fmt_id);
		}
		free(p);
	}
out:
	strv_free(&w.name);
	strv_free(&w.rid);
	strv_free(&w.hidden);
	rels_free(&r);
	free(dir);
	free(relpart);
	free(wbpart);
	return rc < 0 ? -1 : 0;
}

struct xlsx_reader *xlsx_open(const char *name, const char *path, const void *mem, size_t n,
			      const char *sheet, struct error *e)
{
	struct xlsx_reader *x = xcalloc(1, sizeof *x);
	x->name = xstrdup(name);
	x->chunk = xmalloc(CHUNK);
	if (open_archive(x, path, mem, n, e) < 0 || load_book(x, sheet, e) < 0)
		goto fail;
	zip_stat_t st;
	zip_int64_t idx = zip_name_locate(x->za, x->sheet_part, ZIP_FL_NOCASE);
	if (idx < 0) {
		error_set(e, 0, _("%s: not an .xlsx workbook: it has no %s"), name, x->sheet_part);
		goto fail;
	}
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
		x->total = (long long)st.size;
	x->zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!x->zf) {
		error_set(e, 0, _("%s: %s: %s"), name, x->sheet_part, zip_strerror(x->za));
		goto fail;
	}
	x->xp = XML_ParserCreate(NULL);
	XML_SetUserData(x->xp, x);
	XML_SetElementHandler(x->xp, sh_start, sh_end);
	XML_SetCharacterDataHandler(x->xp, on_text);
	return x;
fail:
	xlsx_close(x);
	return NULL;
}

int xlsx_next(struct xlsx_reader *x, struct reader_row *row, struct error *e)
{
	for (;;) {
		if (x->row_ready) {
			if (x->row_num > x->emitted + 1) { /* a row the file leaves out */
				row->line = ++x->emitted;
				return 1;
			}
			x->emitted = x->row_num;
			x->row_ready = false;
			rowbuf_finish(&x->row, row);
			row->line = x->row_num;
			return 1;
		}
		if (x->finished)
			return 0;
		enum XML_Status st;
		if (x->suspended) {
			st = XML_ResumeParser(x->xp);
		} else {
			zip_int64_t got = zip_fread(x->zf, x->chunk, CHUNK);
			if (got < 0) {
				x->finished = true;
				return error_set(e, 0, _("%s: %s: %s"), x->name, x->sheet_part,
						 zip_file_strerror(x->zf));
			}
			x->done += got;
			x->final_fed = got == 0;
			st = XML_Parse(x->xp, x->chunk, (int)got, got == 0);
		}
		if (st == XML_STATUS_ERROR) {
			x->finished = true;
			return error_set(e, 0, _("%s: %s, line %lu: %s"), x->name, x->sheet_part,
					 (unsigned long)XML_GetCurrentLineNumber(x->xp),
					 XML_ErrorString(XML_GetErrorCode(x->xp)));
		}
		x->suspended = st == XML_STATUS_SUSPENDED;
		if (!x->suspended && x->final_fed)
			x->finished = true;
	}
}

void xlsx_progress(const struct xlsx_reader *x, long long *done, long long *total)
{
	*done = x->done;
	*total = x->total;
}

void xlsx_close(struct xlsx_reader *x)
{
	if (!x)
		return;
	if (x->xp)
		XML_ParserFree(x->xp);
	if (x->zf)
		zip_fclose(x->zf);
	if (x->za)
		zip_discard(x->za);
	sbuf_free(&x->ss);
	sbuf_free(&x->val);
	rowbuf_free(&x->row);
	free(x->ss_off);
	free(x->xf_date);
	free(x->sheet_part);
	free(x->chunk);
	free(x->name);
	free(x);
}
