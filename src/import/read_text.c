/* read_text.c — CSV and TSV, in UTF-8, GB18030, UTF-16 or an encoding the caller names.
 *
 * The file is read in blocks and cut into lines in its own encoding (a line feed is the byte
 * 0x0A, or the UTF-16 unit 0x000A: no character of GB18030 or UTF-8 contains that byte), each
 * line converted to UTF-8 on its own and given to libcsv with a line feed. A row is done when
 * libcsv ends it at that line feed; when it does not, the line feed was inside quotes and the
 * next line continues the row (the row's line is the line it started on). Memory is one row:
 * a row past ROW_MAX bytes is refused (a quote never closed would otherwise take the file).
 *
 * Bytes the encoding refuses become one 0xFF byte in the converted line (a byte that no
 * UTF-8 text holds); a cell holding one is given as "" with bad_col and why, and the file goes
 * on. A NUL is refused the same way. A CR before a line feed belongs to the line break, also
 * inside quotes (a cell's line breaks are given as "\n"); a lone CR is text.
 *
 * The encoding, unless named: a byte order mark (UTF-8, UTF-16LE, UTF-16BE), else UTF-8 when
 * the bytes past ASCII, in the first 16 MB, are UTF-8 sequences at least 8 times as often as
 * they are not (a UTF-8 file with a damaged row stays UTF-8), else GB18030.
 *
 * The delimiter, unless the format is forced: the first line that is not blank, outside
 * quotes, holding more tabs than commas makes the file TSV; as many (none of either: one
 * column) makes a UTF-16 file TSV (Excel's "Unicode text") and any other CSV. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "import/reader_int.h"

#define BLOCK (64 * 1024)
#define ROW_MAX (8 * 1024 * 1024)
#define SCAN_MAX (16 * 1024 * 1024)
#define BAD 0xFF /* in converted text: bytes the encoding refused */

struct text_reader {
	char *name;
	int fd; /* -1: mem */
	bool own_buf;
	unsigned char *buf; /* the block(s) read from fd, or the caller's bytes */
	size_t cap, start, end; /* buf[start..end): not yet cut into lines */
	bool eof;
	long long base, total; /* file offset of buf[0]; the file's size */

	char enc[32];
	int unit;  /* 1, or 2 for UTF-16 */
	bool be;   /* UTF-16BE */
	bool utf8; /* checked here, not converted */
	bool bom;
	char delim;
	iconv_t to_utf8, from_utf8;

	struct csv_parser csv;
	bool csv_ok;
	size_t line; /* lines cut so far */
	struct sbuf raw, conv;
	unsigned char term[4]; /* the last line's line break */
	size_t term_len;
	struct rowbuf row;
	bool row_ended, done;
	size_t bad_col;
	char why[160], row_why[160];
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static int is_lf(unsigned char c)
{
	return c == '\n';
}

/* The UTF-16 unit (or byte) at p. */
static unsigned unit_at(const struct text_reader *t, const unsigned char *p)
{
	if (t->unit == 1)
		return p[0];
	return t->be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/* Reads more of the file into buf, keeping buf[start..end) (moved to the front). */
static int fill(struct text_reader *t, struct error *e)
{
	if (t->start > 0) {
		memmove(t->buf, t->buf + t->start, t->end - t->start);
		t->base += (long long)t->start;
		t->end -= t->start;
		t->start = 0;
	}
	if (t->end == t->cap) {
		t->cap *= 2;
		t->buf = xreallocarray(t->buf, t->cap, 1);
	}
	ssize_t got;
	do
		got = read(t->fd, t->buf + t->end, t->cap - t->end);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return error_set(e, 0, _("%s: %s"), t->name, strerror(errno));
	if (got == 0)
		t->eof = true;
	t->end += (size_t)got;
	return 0;
}

/* The next line in *line, *len bytes without its line break (kept in t->term). 1; 0 at the
 * end; -1 on a read error or a line past ROW_MAX. */
static int next_line(struct text_reader *t, const unsigned char **line, size_t *len,
		     struct error *e)
{
	size_t from = t->start;
	for (;;) {
		size_t lf = SIZE_MAX;
		if (t->unit == 1) {
			const unsigned char *p = memchr(t->buf + from, '\n', t->end - from);
			if (p)
				lf = (size_t)(p - t->buf);
		} else {
			for (size_t i = from; i + 2 <= t->end; i += 2)
				if (unit_at(t, t->buf + i) == '\n') {
					lf = i;
					break;
				}
		}
		if (lf != SIZE_MAX) {
			size_t l = lf - t->start, u = (size_t)t->unit;
			bool cr = l >= u && unit_at(t, t->buf + lf - u) == '\r';
			*line = t->buf + t->start;
			*len = cr ? l - u : l;
			t->term_len = cr ? 2 * u : u;
			memcpy(t->term, t->buf + lf - (cr ? u : 0), t->term_len);
			t->start = lf + u;
			return 1;
		}
		if (t->eof || t->fd < 0) {
			if (t->start == t->end)
				return 0;
			*line = t->buf + t->start;
			*len = t->end - t->start;
			t->term_len = 0;
			t->start = t->end;
			return 1;
		}
		if (t->end - t->start > ROW_MAX)
			return error_set(e, 0, _("%s:%zu: a line longer than %d MB"), t->name,
					 t->line + 1, ROW_MAX >> 20);
		size_t seen = t->start + (t->end - t->start) / (size_t)t->unit * (size_t)t->unit;
		size_t before = t->start;
		if (fill(t, e) < 0)
			return -1;
		from = seen - before;
	}
}

/* Sets row_why, once a row, to the bytes at p that the encoding refused. */
static void note_bad(struct text_reader *t, const unsigned char *p, size_t left)
{
	if (t->row_why[0])
		return;
	size_t n;
	if (!strcmp(t->enc, "GB18030"))
		n = p[0] < 0x81 || p[0] == 0xFF ? 1 : left >= 2 && p[1] >= 0x30 && p[1] <= 0x39 ? 4 : 2;
	else if (t->utf8)
		n = p[0] >= 0xF5 ? 1 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 1;
	else
		n = 2;
	if (n > left)
		n = left;
	char hex[40] = "";
	for (size_t i = 0; i < n; i++)
		snprintf(hex + strlen(hex), sizeof hex - strlen(hex), "%s0x%02X", i ? " " : "",
			 p[i]);
	snprintf(t->row_why, sizeof t->row_why,
		 n > 1 ? _("bytes %s are not valid %s") : _("byte %s is not valid %s"), hex, t->enc);
}

static void note_nul(struct text_reader *t)
{
	if (!t->row_why[0])
		snprintf(t->row_why, sizeof t->row_why, "%s", _("a NUL byte is not text"));
}

/* The len bytes at p, without a NUL, as UTF-8 into t->conv through iconv. */
static void convert_iconv(struct text_reader *t, const unsigned char *p, size_t len)
{
	char *in = (char *)p;
	size_t left = len;
	iconv(t->to_utf8, NULL, NULL, NULL, NULL);
	while (left) {
		sbuf_reserve(&t->conv, left * 2 + 16);
		char *out = t->conv.s + t->conv.len;
		size_t room = t->conv.cap - t->conv.len - 1;
		size_t r = iconv(t->to_utf8, &in, &left, &out, &room);
		t->conv.len = (size_t)(out - t->conv.s);
		t->conv.s[t->conv.len] = '\0';
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL: a character cut by the line's end */
		note_bad(t, (const unsigned char *)in, left);
		sbuf_addc(&t->conv, (char)BAD);
		size_t skip = left < (size_t)t->unit ? left : (size_t)t->unit;
		in += skip, left -= skip;
		iconv(t->to_utf8, NULL, NULL, NULL, NULL);
	}
}

/* The len bytes at line as UTF-8 into t->conv, refused bytes and NULs as BAD, in their order
 * (the first one the row's why). */
static void convert(struct text_reader *t, const unsigned char *line, size_t len)
{
	size_t from = t->conv.len;
	if (t->utf8) {
		sbuf_reserve(&t->conv, len);
		unsigned char *out = (unsigned char *)t->conv.s + t->conv.len;
		size_t i = 0;
		while (i < len) {
			if (line[i] < 0x80 && line[i]) {
				*out++ = line[i++];
				continue;
			}
			uint32_t cp;
			size_t k = text_decode((const char *)line + i, len - i, &cp);
			if (!line[i] || (cp == 0xFFFD && k == 1)) {
				if (line[i])
					note_bad(t, line + i, len - i);
				else
					note_nul(t);
				*out++ = BAD;
			} else {
				memcpy(out, line + i, k);
				out += k;
			}
			i += k;
		}
		t->conv.len = (size_t)((char *)out - t->conv.s);
		t->conv.s[t->conv.len] = '\0';
	} else {
		size_t u = (size_t)t->unit;
		while (len) {
			size_t k = 0;
			if (u == 1) {
				const unsigned char *z = memchr(line, '\0', len);
				k = z ? (size_t)(z - line) : len;
			} else {
				while (k + u <= len && unit_at(t, line + k) != 0)
					k += u;
				if (k + u > len)
					k = len;
			}
			convert_iconv(t, line, k);
			if (k == len)
				break;
			note_nul(t);
			sbuf_addc(&t->conv, (char)BAD);
			line += k + u, len -= k + u;
		}
	}
	char *nul; /* what a stateful encoding could still make of its bytes */
	while ((nul = memchr(t->conv.s + from, '\0', t->conv.len - from))) {
		note_nul(t);
		*nul = (char)BAD;
	}
}

static void on_field(void *s, size_t len, void *data)
{
	struct text_reader *t = data;
	if (s && memchr(s, BAD, len)) {
		if (!t->bad_col) {
			t->bad_col = t->row.n + 1;
			memcpy(t->why, t->row_why, sizeof t->why);
		}
		len = 0;
	}
	rowbuf_add(&t->row, s, len);
}

static void on_row(int c, void *data)
{
	(void)c;
	((struct text_reader *)data)->row_ended = true;
}

int txt_next(struct text_reader *t, struct reader_row *row, struct error *e)
{
	if (t->done)
		return 0;
	rowbuf_reset(&t->row);
	t->raw.len = 0;
	t->bad_col = 0;
	t->why[0] = '\0';
	t->row_why[0] = '\0';
	t->row_ended = false;
	size_t first = 0;
	unsigned char term[4]; /* the line break that joins the row's last line to the next */
	size_t term_len = 0;
	for (;;) {
		const unsigned char *line = NULL;
		size_t len = 0;
		int got = next_line(t, &line, &len, e);
		if (got <= 0) {
			t->done = true;
			if (got < 0)
				return -1;
			if (!first)
				return 0;
			return error_set(e, 0, _("%s:%zu: a quote opened in this row is never closed"),
					 t->name, first);
		}
		t->line++;
		if (!first) {
			first = t->line;
			if (len == 0) { /* a blank line */
				row->line = first;
				row->raw = "";
				return 1;
			}
		} else {
			sbuf_addn(&t->raw, (const char *)term, term_len);
		}
		term_len = t->term_len;
		memcpy(term, t->term, term_len);
		sbuf_addn(&t->raw, (const char *)line, len);
		if (t->raw.len > ROW_MAX) {
			t->done = true;
			return error_set(e, 0,
					 _("%s:%zu: a row longer than %d MB: a quote that is never closed?"),
					 t->name, first, ROW_MAX >> 20);
		}
		t->conv.len = 0;
		convert(t, line, len);
		sbuf_addc(&t->conv, '\n');
		if (csv_parse(&t->csv, t->conv.s, t->conv.len, on_field, on_row, t) != t->conv.len) {
			t->done = true;
			return error_set(e, 0, "%s:%zu: %s", t->name, first,
					 csv_strerror(csv_error(&t->csv)));
		}
		if (t->row_ended)
			break;
	}
	rowbuf_finish(&t->row, row);
	row->line = first;
	row->bad_col = t->bad_col;
	memcpy(row->why, t->why, sizeof row->why);
	row->raw = t->raw.s ? t->raw.s : "";
	row->raw_len = t->raw.len;
	return 1;
}

/* Counts, in p[0..n), the UTF-8 sequences past ASCII and the bytes that start none. When more
 * follows, a sequence cut by the end is left: returns the bytes looked at. */
static size_t utf8_evidence(const unsigned char *p, size_t n, bool more, size_t *valid,
			    size_t *invalid)
{
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (more && n - i < 4)
			break;
		uint32_t cp;
		size_t k = text_decode((const char *)p + i, n - i, &cp);
		if (cp == 0xFFFD && k == 1)
			++*invalid;
		else
			++*valid;
		i += k;
	}
	return i;
}

static bool looks_utf8(struct text_reader *t, const unsigned char *mem, size_t n)
{
	size_t valid = 0, invalid = 0;
	if (t->fd < 0) {
		utf8_evidence(mem, n < SCAN_MAX ? n : SCAN_MAX, false, &valid, &invalid);
	} else {
		unsigned char *blk = xmalloc(BLOCK + 4);
		size_t keep = 0;
		long long off = 0;
		while (off < SCAN_MAX && valid + invalid < 4096) {
			ssize_t got = pread(t->fd, blk + keep, BLOCK, off);
			if (got <= 0)
				break;
			off += got;
			size_t have = keep + (size_t)got;
			size_t used = utf8_evidence(blk, have, true, &valid, &invalid);
			keep = have - used;
			memmove(blk, blk + used, keep);
		}
		utf8_evidence(blk, keep, false, &valid, &invalid);
		free(blk);
	}
	return invalid == 0 || valid >= 8 * invalid;
}

static bool name_is(const char *s, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(s, *names))
			return true;
	return false;
}

/* Settles enc, unit, be, utf8 and bom from the caller's name or the first bytes p[0..n). */
static int choose_encoding(struct text_reader *t, const char *want, const unsigned char *p,
			   size_t n, struct error *e)
{
	static const char *const utf8[] = {"UTF-8", "UTF8", NULL};
	static const char *const utf16[] = {"UTF-16", "UTF16", "UCS-2", "UCS2", "UNICODE", NULL};
	static const char *const utf16le[] = {"UTF-16LE", "UTF16LE", "UCS-2LE", NULL};
	static const char *const utf16be[] = {"UTF-16BE", "UTF16BE", "UCS-2BE", NULL};
	bool bom8 = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
	bool bomle = n >= 2 && p[0] == 0xFF && p[1] == 0xFE, bombe = n >= 2 && p[0] == 0xFE && p[1] == 0xFF;
	if (want) {
		size_t i = 0;
		for (; want[i] && i < sizeof t->enc - 1; i++)
			t->enc[i] = (char)(want[i] >= 'a' && want[i] <= 'z' ? want[i] - 32 : want[i]);
		t->enc[i] = '\0';
		if (want[i] || !i)
			return error_set(e, 0, _("unknown encoding \"%s\""), want);
		if (name_is(t->enc, utf8))
			strcpy(t->enc, "UTF-8");
		else if (name_is(t->enc, utf16))
			strcpy(t->enc, bombe ? "UTF-16BE" : "UTF-16LE");
		else if (name_is(t->enc, utf16le))
			strcpy(t->enc, "UTF-16LE");
		else if (name_is(t->enc, utf16be))
			strcpy(t->enc, "UTF-16BE");
		else if (!strncmp(t->enc, "UTF-32", 6) || !strncmp(t->enc, "UTF32", 5) ||
			 !strncmp(t->enc, "UCS-4", 5) || !strncmp(t->enc, "UCS4", 4))
			return error_set(e, 0, _("%s: the encoding %s is not supported"), t->name,
					 want);
	} else if (bom8) {
		strcpy(t->enc, "UTF-8");
	} else if (bomle) {
		strcpy(t->enc, "UTF-16LE");
	} else if (bombe) {
		strcpy(t->enc, "UTF-16BE");
	} else {
		strcpy(t->enc, looks_utf8(t, p, n) ? "UTF-8" : "GB18030");
	}
	t->utf8 = !strcmp(t->enc, "UTF-8");
	t->unit = strncmp(t->enc, "UTF-16", 6) ? 1 : 2;
	t->be = !strcmp(t->enc, "UTF-16BE");
	if (t->utf8 ? bom8 : t->unit == 2 && (t->be ? bombe : bomle)) {
		t->bom = true;
		t->start = t->utf8 ? 3 : 2;
	}
	if (!t->utf8) {
		t->to_utf8 = iconv_open("UTF-8", t->enc);
		if (t->to_utf8 == (iconv_t)-1)
			return error_set(e, 0, _("unknown encoding \"%s\""), want ? want : t->enc);
	}
	return 0;
}

/* The delimiter of the first line that is not blank (the top comment says how). */
static char find_delimiter(const struct text_reader *t)
{
	size_t tabs = 0, commas = 0, u = (size_t)t->unit;
	bool quoted = false, seen = false;
	for (size_t i = t->start; i + u <= t->end; i += u) {
		unsigned c = unit_at(t, t->buf + i);
		if (c == '"')
			quoted = !quoted;
		else if (c == '\n' && !quoted && seen)
			break;
		else if (!quoted && c == '\t')
			tabs++;
		else if (!quoted && c == ',')
			commas++;
		if (c != '\n' && c != '\r')
			seen = true;
	}
	if (tabs != commas)
		return tabs > commas ? '\t' : ',';
	return t->unit == 2 ? '\t' : ',';
}

struct text_reader *txt_open(const char *name, int fd, const unsigned char *mem, size_t n,
			      const struct reader_options *o, struct error *e)
{
	struct text_reader *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->fd = fd;
	t->to_utf8 = t->from_utf8 = (iconv_t)-1;
	if (fd >= 0) {
		t->cap = BLOCK;
		t->buf = xmalloc(t->cap);
		t->own_buf = true;
		off_t size = lseek(fd, 0, SEEK_END);
		t->total = size < 0 ? 0 : (long long)size;
		if (lseek(fd, 0, SEEK_SET) < 0 || fill(t, e) < 0)
			goto fail;
	} else {
		t->buf = (unsigned char *)mem; /* not written: the reader only reads buf */
		t->end = t->cap = n;
		t->eof = true;
		t->total = (long long)n;
	}
	if (choose_encoding(t, o->encoding, t->buf, t->end, e) < 0)
		goto fail;
	t->delim = o->format == RF_CSV ? ',' : o->format == RF_TSV ? '\t' : find_delimiter(t);
	if (csv_init(&t->csv, 0) != 0) {
		error_set(e, 0, _("%s: %s"), name, strerror(ENOMEM));
		goto fail;
	}
	t->csv_ok = true;
	csv_set_delim(&t->csv, (unsigned char)t->delim);
	/* a field's buffer grows by 64 KB, not libcsv's 128 bytes: a 5 MB cell (a pasted
	 * document) took 40,000 reallocations, 80 s under AddressSanitizer */
	csv_set_blk_size(&t->csv, 65536);
	csv_set_space_func(&t->csv, no_space);
	csv_set_term_func(&t->csv, is_lf);
	return t;
fail:
	t->fd = -1; /* the caller closes it */
	txt_close(t);
	return NULL;
}

const char *txt_encoding(const struct text_reader *t)
{
	return t->enc;
}

bool txt_bom(const struct text_reader *t)
{
	return t->bom;
}

char txt_delimiter(const struct text_reader *t)
{
	return t->delim;
}

enum reader_format txt_format(const struct text_reader *t)
{
	return t->delim == '\t' ? RF_TSV : RF_CSV;
}

void txt_progress(const struct text_reader *t, long long *done, long long *total)
{
	*done = t->base + (long long)t->start;
	*total = t->total;
}

void txt_encode(const struct text_reader *t, const char *utf8, char **out, size_t *len)
{
	struct text_reader *w = (struct text_reader *)t; /* the converter is made once, here */
	struct sbuf b = {0};
	size_t left = strlen(utf8);
	const char *q = t->unit == 1 ? "?" : t->be ? "\0?" : "?\0";
	if (!t->utf8 && w->from_utf8 == (iconv_t)-1)
		w->from_utf8 = iconv_open(t->enc, "UTF-8");
	char *in = (char *)utf8;
	while (left) {
		if (t->utf8 || w->from_utf8 == (iconv_t)-1) {
			/* UTF-8 to UTF-8: only what is not UTF-8 becomes '?' */
			uint32_t cp;
			size_t k = text_decode(in, left, &cp);
			if (cp == 0xFFFD && k == 1 && (unsigned char)*in >= 0x80)
				sbuf_addc(&b, '?');
			else
				sbuf_addn(&b, in, k);
			in += k, left -= k;
			continue;
		}
		sbuf_reserve(&b, left * 4 + 16);
		char *o = b.s + b.len;
		size_t room = b.cap - b.len - 1;
		size_t r = iconv(w->from_utf8, &in, &left, &o, &room);
		b.len = (size_t)(o - b.s);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		sbuf_addn(&b, q, (size_t)t->unit);
		uint32_t cp;
		size_t k = text_decode(in, left, &cp);
		in += k, left -= k;
		iconv(w->from_utf8, NULL, NULL, NULL, NULL);
	}
	if (!t->utf8 && w->from_utf8 != (iconv_t)-1) {
		/* a stateful encoding's closing shift */
		sbuf_reserve(&b, 16);
		char *o = b.s + b.len;
		size_t room = b.cap - b.len - 1;
		iconv(w->from_utf8, NULL, NULL, &o, &room);
		b.len = (size_t)(o - b.s);
	}
	*len = b.len;
	sbuf_reserve(&b, 0);
	b.s[b.len] = '\0';
	*out = b.s;
}

void txt_close(struct text_reader *t)
{
	if (!t)
		return;
	if (t->fd >= 0)
		close(t->fd);
	if (t->own_buf)
		free(t->buf);
	if (t->to_utf8 != (iconv_t)-1)
		iconv_close(t->to_utf8);
	if (t->from_utf8 != (iconv_t)-1)
		iconv_close(t->from_utf8);
	if (t->csv_ok)
		csv_free(&t->csv);
	sbuf_free(&t->raw);
	sbuf_free(&t->conv);
	rowbuf_free(&t->row);
	free(t->name);
	free(t);
}
