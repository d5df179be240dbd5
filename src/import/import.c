/* import.c — `maitre import guests` and `maitre import visits` (import.h). */
#include "import/import.h"

#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/date.h"
#include "core/guest.h"
#include "core/i18n.h"
#include "core/import_value.h"
#include "core/money.h"
#include "core/text.h"
#include "core/visit.h"
#include "store/guest_store.h"
#include "store/import_store.h"
#include "store/match_store.h"
#include "store/store_bulk.h"
#include "store/visit_store.h"

/* One import as it runs. */
struct run {
	struct store *st;
	enum import_kind kind;
	const struct import_options *o;
	struct import_counts *n;
	struct reader *r;
	struct import_columns cols;
	const char *name;        /* the file as messages call it */
	const char **field;      /* the field of each column (NULL: unknown), ncols of them */
	char **header;           /* each column's header as the file writes it */
	size_t ncols;
	char *header_raw;        /* the header row's bytes, for the errors file */
	size_t header_raw_len;
	FILE *errors;            /* the refused rows, or NULL */
	struct date today;
	int64_t first_created;   /* the first guest this import created (0: none yet): every
	                          * later id is one of its own, for it holds the write lock */
	struct date opening;     /* the restaurant's opening date: no visit before it */
	struct strv msgs;        /* the messages of the row being read */
	size_t refusals;         /* the messages so far that refuse their row (say, not info) */
	struct sbuf why;         /* the refusals of the row being read, for the errors file */
	struct strv unknown_staff; /* the sales managers nobody is, said once each */
	struct strv staff_found;   /* a sales manager as written, then their login, pairs: a
	                            * book names the same few on every row */
	size_t previewed;        /* rows given to o->preview->on_row */
	double started, last_progress;
	int progress_cols;       /* the progress line on the terminal now (0: none) */
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A message about the row being read, "FILE:ROW:COLUMN: what" (col 0: the row as a whole);
 * a refusal counts in R->refusals and its words go to the errors file's reason column. */
static void vsay(struct run *R, bool refusal, size_t line, size_t col, const char *fmt,
		 va_list ap) __attribute__((format(printf, 5, 0)));
static void vsay(struct run *R, bool refusal, size_t line, size_t col, const char *fmt,
		 va_list ap)
{
	char what[600];
	vsnprintf(what, sizeof what, fmt, ap);
	char *m = col ? xasprintf("%s:%zu:%zu: %s", R->name, line, col, what)
		      : xasprintf("%s:%zu: %s", R->name, line, what);
	strv_take(&R->msgs, m);
	if (refusal) {
		R->refusals++;
		sbuf_printf(&R->why, "%s%s", R->why.len ? "; " : "", what);
	}
}

/* Why the row is refused. */
static void say(struct run *R, size_t line, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void say(struct run *R, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(R, true, line, col, fmt, ap);
	va_end(ap);
}

/* What the user should know that refuses nothing: a column left out, a possible match, a
 * sales manager nobody is. */
static void info(struct run *R, size_t line, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void info(struct run *R, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(R, false, line, col, fmt, ap);
	va_end(ap);
}

/* The row's messages to the report, made harmless for a terminal. */
static void progress_clear(struct run *R);

static void flush_msgs(struct run *R)
{
	if (R->msgs.n)
		progress_clear(R);
	for (size_t i = 0; i < R->msgs.n && R->o->report; i++) {
		char *shown = text_display(R->msgs.v[i]);
		fprintf(R->o->report, "%s\n", shown);
		free(shown);
	}
	strv_free(&R->msgs);
	sbuf_free(&R->why);
}

static char *stored_summary(const struct import_counts *n);

/* A failure of the database at row: the import stops, nothing is written. Returns -1. */
static int store_failed(struct run *R, const struct reader_row *row, struct error *e)
{
	R->n->store_failed = true;
	return error_set(e, 0, "%s:%zu: %s", R->name, row->line, store_errmsg(R->st));
}

/* ------------------------------------------------------------------------------------------ */
/* the file's SHA-256, kept with the batch */

static int file_sha256(const char *path, char hex[2 * crypto_hash_sha256_BYTES + 1],
		       struct error *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error_set(e, 0, _("%s: %s"), path, strerror(errno));
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	unsigned char buf[65536], out[crypto_hash_sha256_BYTES];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		crypto_hash_sha256_update(&h, buf, got);
	bool bad = ferror(f);
	fclose(f);
	if (bad)
		return error_set(e, 0, _("%s: cannot read"), path);
	crypto_hash_sha256_final(&h, out);
	sodium_bin2hex(hex, 2 * crypto_hash_sha256_BYTES + 1, out, sizeof out);
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* the refused rows, written back as they were with a reason column */

/* reason as a cell of the file's delimiter: quoted for CSV, without tabs and line breaks for
 * TSV. Caller frees. */
static char *reason_cell(char delim, const char *reason)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	if (delim == ',')
		sbuf_addc(&b, '"');
	for (const char *p = reason; *p; p++) {
		if (delim == ',' && *p == '"')
			sbuf_addc(&b, '"');
		sbuf_addc(&b, delim != ',' && (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
	}
	if (delim == ',')
		sbuf_addc(&b, '"');
	return sbuf_detach(&b);
}

/* A workbook's row as CSV (UTF-8): each cell quoted when it must be. */
static void cells_csv(struct sbuf *b, const struct reader_row *row)
{
	for (size_t i = 0; i < row->n; i++) {
		const char *c = row->cell[i];
		bool q = strpbrk(c, ",\"\r\n") != NULL;
		if (i)
			sbuf_addc(b, ',');
		if (q)
			sbuf_addc(b, '"');
		/* a cell a spreadsheet would run as a formula gets the apostrophe maitre export
		 * gives it (and import takes away: cell_value) */
		if (*c && strchr("=+-@\t\r", *c))
			sbuf_addc(b, '\'');
		for (; *c; c++) {
			if (*c == '"')
				sbuf_addc(b, '"');
			sbuf_addc(b, *c);
		}
		if (q)
			sbuf_addc(b, '"');
	}
}

/* Appends a line to the errors file: the row's own bytes (raw, already in the file's
 * encoding) or its cells, then the reason in the file's encoding, in the column after the
 * header's last: a row shorter than the header gets empty cells before it. */
static void errors_line(struct run *R, const struct reader_row *row, const char *reason)
{
	if (!R->errors)
		return;
	char delim = reader_delimiter(R->r);
	if (row->raw) {
		fwrite(row->raw, 1, row->raw_len, R->errors);
	} else {
		struct sbuf b = {0};
		sbuf_add(&b, "");
		cells_csv(&b, row);
		fwrite(b.s, 1, b.len, R->errors);
		sbuf_free(&b);
	}
	char *cell = reason_cell(delim, reason);
	struct sbuf tail = {0};
	sbuf_add(&tail, "");
	for (size_t i = row->n ? row->n : 1; i < R->ncols; i++)
		sbuf_addc(&tail, delim);
	sbuf_printf(&tail, "%c%s\r\n", delim, cell);
	char *enc;
	size_t len;
	reader_encode(R->r, tail.s, &enc, &len);
	fwrite(enc, 1, len, R->errors);
	free(enc);
	sbuf_free(&tail);
	free(cell);
}

static int errors_open(struct run *R, const struct reader_row *header, struct error *e)
{
	if (!R->o->errors_path)
		return 0;
	/* opened for writing, the file being imported would be emptied: the user's own book */
	struct stat in, out;
	if (stat(R->o->path, &in) == 0 && stat(R->o->errors_path, &out) == 0 &&
	    in.st_dev == out.st_dev && in.st_ino == out.st_ino)
		return error_set(e, 0, _("--errors %s: that is the file being imported; name another"),
				 R->o->errors_path);
	R->errors = fopen(R->o->errors_path, "wb");
	if (!R->errors)
		return error_set(e, 0, _("%s: %s"), R->o->errors_path, strerror(errno));
	/* a text file's byte order mark again, so that Excel reads it as the original */
	if (reader_bom(R->r)) {
		char *bom;
		size_t len;
		reader_encode(R->r, "\xef\xbb\xbf", &bom, &len);
		fwrite(bom, 1, len, R->errors);
		free(bom);
	} else if (!header->raw) {
		fputs("\xef\xbb\xbf", R->errors); /* a workbook's rows: UTF-8 that Excel opens */
	}
	errors_line(R, header, _("reason"));
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* the header row */

static bool blank_row(const struct reader_row *row)
{
	for (size_t i = 0; i < row->n; i++) {
		char *t = iv_trim(row->cell[i]);
		bool empty = !*t;
		free(t);
		if (!empty)
			return false;
	}
	return row->bad_col == 0;
}

static bool has_field(const struct run *R, const char *field)
{
	for (size_t i = 0; i < R->ncols; i++)
		if (R->field[i] && strcmp(R->field[i], field) == 0)
			return true;
	return false;
}

/* Maps each column of the header row to a field; reports unknown columns and columns named
 * twice; refuses a file whose rows cannot be told apart (no name column for guests; no date,
 * or no guest, for visits) with the headers found and how to map them. */
static int read_header(struct run *R, const struct reader_row *row, struct error *e)
{
	R->ncols = row->n;
	R->field = xcalloc(row->n ? row->n : 1, sizeof *R->field);
	R->header = xcalloc(row->n ? row->n : 1, sizeof *R->header);
	for (size_t i = 0; i < row->n; i++) {
		R->header[i] = iv_trim(row->cell[i]);
		if (!*R->header[i])
			continue;
		const char *f = import_columns_field(&R->cols, R->header[i]);
		bool again = false;
		for (size_t j = 0; f && j < i; j++)
			if (R->field[j] == f) {
				info(R, row->line, i + 1,
				     _("column \"%s\" names %s again (column %zu does): ignored"),
				    R->header[i], f, j + 1);
				f = NULL;
				again = true;
			}
		R->field[i] = f;
		if (!f && !again)
			info(R, row->line, i + 1, R->o->keep_unknown
				    ? _("column \"%s\" is not a field of the sheet: kept as notes")
				    : _("column \"%s\" is not a field of the sheet: ignored "
					"(--keep-unknown keeps it as notes; --map names it)"),
			    R->header[i]);
	}
	if (row->raw) {
		R->header_raw = xmalloc(row->raw_len ? row->raw_len : 1);
		memcpy(R->header_raw, row->raw, row->raw_len);
		R->header_raw_len = row->raw_len;
	}
	flush_msgs(R);
	const struct import_preview *p = R->o->preview;
	if (p && p->on_header)
		p->on_header(p->ctx, R->ncols, R->header, R->field);
	const char *need = NULL;
	if (R->kind == IK_GUESTS && !has_field(R, "name") && !has_field(R, "full_name"))
		need = "full_name";
	else if (R->kind == IK_VISITS && !has_field(R, "date"))
		need = "date";
	else if (R->kind == IK_VISITS && !has_field(R, "guest_id") && !has_field(R, "phone"))
		need = "phone";
	if (!need)
		return 0;
	struct sbuf found = {0};
	sbuf_add(&found, "");
	for (size_t i = 0; i < row->n; i++)
		if (R->header[i][0])
			sbuf_printf(&found, "%s%s", found.len ? ", " : "", R->header[i]);
	char *names = import_columns_names_of(R->kind, need);
	error_set(e, 0,
		  _("%s:%zu: no column names the %s (headers found: %s); a header of it is one of "
		    "%s, or name yours with --map FILE (a file like import-columns.yaml: %s: "
		    "[YOUR HEADER])"),
		  R->name, row->line,
		  strcmp(need, "full_name") == 0 ? _("guest's name")
		  : strcmp(need, "date") == 0   ? _("visit's date")
						: _("guest (a phone or a guest number)"),
		  found.len ? found.s : _("none"), names, need);
	free(names);
	sbuf_free(&found);
	return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* a guest row */

/* Compound surnames: the rest are one character. */
static const char *const compound_surnames[] = {
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
	"宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "闻人",
	"澹台", "申屠", "太史", "钟离", "万俟", "濮阳", "公羊", "赫连", "单于", "宗政", "仲孙",
	"司空", "左丘", "东郭", "拓跋",
};

/* A Chinese full name (孙伟, 欧阳明) split into family and given name; nothing for a name that
 * is not two to five Han characters. */
static void split_full_name(struct guest *g, const char *full)
{
	size_t n = text_cp_count(full), len = strlen(full);
	if (n < 2 || n > 5 || len != n * 3)
		return;
	uint32_t cp;
	for (const char *p = full; *p;) {
		size_t k = text_decode(p, strlen(p), &cp);
		if (!k || !text_is_han(cp))
			return;
		p += k;
	}
	size_t fam = 3;
	for (size_t i = 0; i < sizeof compound_surnames / sizeof compound_surnames[0]; i++)
		if (n > 2 && strncmp(full, compound_surnames[i], 6) == 0)
			fam = 6;
	char *f = xasprintf("%.*s", (int)fam, full);
	if (!g->f[GF_FAMILY_NAME])
		guest_set(g, GF_FAMILY_NAME, f);
	if (!g->f[GF_GIVEN_NAME])
		guest_set(g, GF_GIVEN_NAME, full + fam);
	free(f);
}

static const struct {
	const char *field;
	enum pref_kind kind;
} pref_columns[] = {
	{"tastes", PREF_TASTE},     {"dishes", PREF_DISH},  {"habits", PREF_HABIT},
	{"dislikes", PREF_DISLIKE}, {"taboos", PREF_TABOO}, {"allergies", PREF_ALLERGY},
};

static const struct {
	const char *field, *kind;
} phone_columns[] = {
	{"mobile", "mobile"},
	{"landline", "landline"},
	{"office_phone", "office"},
	{"other_phone", "other"},
};

/* "label: value" (a full-width colon too) into label and value; false without one. */
static bool split_label(const char *item, char **label, char **value)
{
	const char *c = strstr(item, "："), *a = strchr(item, ':');
	size_t skip = 3;
	if (!c || (a && a < c))
		c = a, skip = 1;
	if (!c)
		return false;
	char *l = xasprintf("%.*s", (int)(c - item), item);
	*label = iv_trim(l);
	*value = iv_trim(c + skip);
	free(l);
	return **label && **value;
}

/* A cell's value: trimmed, and without the apostrophe that a CSV written by maitre export (or
 * any careful tool) puts before = + - @ so that a spreadsheet never runs it as a formula — in a
 * spreadsheet that apostrophe is no part of the value. Caller frees. */
static char *cell_value(const char *cell)
{
	char *v = iv_trim(cell);
	if (v[0] == '\'' && v[1] && strchr("=+-@\t\r", v[1]))
		memmove(v, v + 1, strlen(v));
	return v;
}

/* The text of an exported note ("[YYYY-MM-DD HH:MM login] text"), its time and author into
 * at (YYYY-MM-DD HH:MM:00) and author when they are given; s itself otherwise. */
static const char *note_text(const char *s, char at[48], char author[64])
{
	if (at)
		at[0] = '\0';
	if (author)
		author[0] = '\0';
	if (s[0] != '[' || strlen(s) < 18)
		return s;
	struct date d;
	char day[11];
	memcpy(day, s + 1, 10);
	day[10] = '\0';
	const char *close = strchr(s, ']');
	int hh, mm, used = 0;
	if (!date_parse(day, &d) || s[11] != ' ' || !close ||
	    sscanf(s + 12, "%2d:%2d %n", &hh, &mm, &used) != 2 || !used || hh > 23 || mm > 59)
		return s;
	const char *who = s + 12 + used;
	if (at)
		snprintf(at, 48, "%s %02d:%02d:00", day, hh, mm);
	if (author && close > who && (size_t)(close - who) < 64)
		snprintf(author, 64, "%.*s", (int)(close - who), who);
	s = close + 1;
	while (*s == ' ')
		s++;
	return s;
}

/* Adds a note to g, with the time and author it had in an exported book (the note's at and
 * author, which guest_store_save stores with it). */
static void add_note(struct guest *g, const char *text, const char *at, const char *author)
{
	int i = guest_add_note(g, text);
	if (at && *at) {
		g->notes.v[i].at = xstrdup(at);
		g->notes.v[i].author = xstrdup(author ? author : "");
	}
}

/* The value v of column col (field f) into g; a refusal is said about the row. */
static void guest_value(struct run *R, size_t line, size_t col, const char *f, const char *v,
			struct guest *g, int64_t *id)
{
	struct error e;
	error_clear(&e);
	/* messages name the column as the file does */
	const char *label = col && col <= R->ncols && R->header[col - 1][0] ? R->header[col - 1] : f;
	const struct guest_field *gf = guest_field_find(f);
	if (gf && strcmp(f, "full_name") != 0) {
		enum guest_field_id i = (enum guest_field_id)(gf - guest_fields);
		char *norm = NULL;
		if (gf->type == FT_ENUM) {
			const char *code = iv_choice(gf->choices, v);
			if (!code) {
				char list[300];
				say(R, line, col, _("%s: must be one of %s, got \"%s\""), label,
				    choice_list(gf->choices, list, sizeof list), v);
				return;
			}
			guest_set(g, i, code);
			return;
		}
		if (gf->type == FT_STAFF) {
			for (size_t k = 0; k + 1 < R->staff_found.n; k += 2)
				if (strcmp(R->staff_found.v[k], v) == 0) {
					guest_set(g, i, R->staff_found.v[k + 1]);
					return;
				}
			char *login = NULL;
			enum store_status rs = match_store_staff(R->st, v, &login);
			if (rs == ST_OK) {
				guest_set(g, i, login);
				strv_push(&R->staff_found, v);
				strv_push(&R->staff_found, login);
			} else if (rs == ST_NOTFOUND || rs == ST_INVALID) {
				/* reported once a name, left empty: the row is not refused for it */
				if (!strv_contains(&R->unknown_staff, v)) {
					strv_push(&R->unknown_staff, v);
					if (rs == ST_NOTFOUND)
						info(R, line, col,
						    _("warning: %s: no staff member is \"%s\"; left empty "
						      "(and in every later row)"),
						    label, v);
					else /* a display name several staff have */
						info(R, line, col,
						    _("warning: %s: %s; left empty (and in every later "
						      "row)"),
						    label, store_errmsg(R->st));
				}
			} else {
				say(R, line, col, _("%s: %s"), label, store_errmsg(R->st));
			}
			free(login);
			return;
		}
		if (gf->type == FT_DATE) { /* a day as a sheet holds it (1978/9/14, a date cell) */
			struct date d;
			char buf[11];
			if (iv_date(v, R->today, &d, &e) < 0 ||
			    (!d.y && error_set(&e, 0, _("\"%s\" needs its year"), v) < 0)) {
				say(R, line, col, _("%s: %s"), label, e.msg);
				return;
			}
			guest_set(g, i, date_format(d, buf));
			return;
		}
		if (guest_field_check(gf, v, &norm, &e) < 0) {
			say(R, line, col, _("%s: %s"), label, e.msg);
			return;
		}
		guest_set(g, i, norm);
		free(norm);
		return;
	}
	if (strcmp(f, "full_name") == 0) {
		if (!g->f[GF_NAME])
			guest_set(g, GF_NAME, v);
		split_full_name(g, v);
		return;
	}
	if (strcmp(f, "id") == 0) {
		int64_t x;
		if (!text_parse_int(v, 1, INT64_MAX, &x))
			say(R, line, col, _("%s: must be a guest number, got \"%s\""), label, v);
		else
			*id = x;
		return;
	}
	for (size_t k = 0; k < sizeof phone_columns / sizeof phone_columns[0]; k++) {
		if (strcmp(f, phone_columns[k].field) != 0)
			continue;
		struct strv nums = {0};
		if (iv_phones(v, &nums, &e) < 0)
			say(R, line, col, _("%s: %s"), label, e.msg);
		for (size_t j = 0; j < nums.n; j++)
			guest_add_phone(g, phone_columns[k].kind, nums.v[j]);
		strv_free(&nums);
		return;
	}
	for (size_t k = 0; k < sizeof pref_columns / sizeof pref_columns[0]; k++) {
		if (strcmp(f, pref_columns[k].field) != 0)
			continue;
		struct strv items = {0};
		iv_list(v, &items);
		for (size_t j = 0; j < items.n; j++) {
			char *text = NULL;
			enum severity sev = SEV_NONE;
			if (!pref_kind_is_safety(pref_columns[k].kind)) {
				/* a severity is an allergy's or a taboo's: a habit's brackets are its
				 * words (月底统一结账（挂账）) */
				guest_add_pref(g, -1, pref_columns[k].kind, SEV_NONE, items.v[j]);
				continue;
			}
			if (iv_pref(items.v[j], &text, &sev, &e) < 0) {
				say(R, line, col, _("%s: %s"), label, e.msg);
				error_clear(&e);
				continue;
			}
			guest_add_pref(g, -1, pref_columns[k].kind, sev, text);
			free(text);
		}
		strv_free(&items);
		return;
	}
	if (strcmp(f, "birthday") == 0 || strcmp(f, "anniversary") == 0) {
		struct date d;
		if (iv_date(v, R->today, &d, &e) < 0) {
			say(R, line, col, _("%s: %s"), label, e.msg);
			return;
		}
		guest_add_date(g, -1, f[0] == 'b' ? DATE_BIRTHDAY : DATE_ANNIVERSARY, NULL, d.y, d.m,
			       d.d);
		return;
	}
	if (strcmp(f, "other_dates") == 0 || strcmp(f, "people") == 0 || strcmp(f, "tags") == 0) {
		struct strv items = {0};
		iv_list(v, &items);
		for (size_t j = 0; j < items.n; j++) {
			char *part = NULL, *value = NULL;
			if (f[0] == 't') {
				guest_add_tag(g, items.v[j]);
				continue;
			}
			const char *alone = f[0] == 'p' ? iv_choice(&choice_relation, items.v[j]) : NULL;
			if (alone) { /* a relation without a name: 秘书 */
				guest_add_person(g, alone, NULL, NULL);
			} else if (!split_label(items.v[j], &part, &value)) {
				say(R, line, col,
				    f[0] == 'o' ? _("%s: \"%s\" is not \"label: date\"")
						: _("%s: \"%s\" is not \"relation: name\""), label, items.v[j]);
			} else if (f[0] == 'p') {
				const char *rel = iv_choice(&choice_relation, part);
				guest_add_person(g, rel ? rel : part, value, NULL);
			} else {
				struct date d;
				if (iv_date(value, R->today, &d, &e) < 0) {
					say(R, line, col, _("%s: %s"), label, e.msg);
					error_clear(&e);
				} else {
					guest_add_date(g, -1, DATE_OTHER, part, d.y, d.m, d.d);
				}
			}
			free(part);
			free(value);
		}
		strv_free(&items);
		return;
	}
	if (strcmp(f, "notes") == 0) {
		/* an exported book: each note starts a line "[YYYY-MM-DD HH:MM login] " */
		struct sbuf cur = {0};
		char at[48] = "", author[64] = "", nat[48], nauthor[64];
		for (const char *p = v; *p;) {
			const char *eol = strchr(p, '\n');
			size_t len = eol ? (size_t)(eol - p) : strlen(p);
			char *one = xasprintf("%.*s", (int)len, p);
			const char *text = note_text(one, nat, nauthor);
			if (text != one && cur.len) {
				char *t = iv_trim(cur.s);
				if (*t)
					add_note(g, t, at, author);
				free(t);
				cur.len = 0;
				cur.s[0] = '\0';
			}
			if (text != one) {
				memcpy(at, nat, sizeof at);
				memcpy(author, nauthor, sizeof author);
			}
			sbuf_printf(&cur, "%s%s", cur.len ? "\n" : "", text);
			free(one);
			p += len + (eol != NULL);
		}
		char *t = iv_trim(cur.s ? cur.s : "");
		if (*t)
			add_note(g, t, at, author);
		free(t);
		sbuf_free(&cur);
	}
}

/* The cells of a row longer than the header: a value in one (or bytes not valid in the
 * encoding) is said about the row, which is refused, rather than lost unsaid. */
static void beyond_header(struct run *R, const struct reader_row *row)
{
	if (row->bad_col > R->ncols) {
		say(R, row->line, row->bad_col, "%s", row->why);
		return;
	}
	for (size_t i = R->ncols; i < row->n; i++) {
		char *v = iv_trim(row->cell[i]);
		bool value = *v;
		if (value)
			say(R, row->line, i + 1,
			    _("\"%s\" is in no column: the header has %zu (name it, or move it)"), v,
			    R->ncols);
		free(v);
		if (value)
			return;
	}
}

/* The row as a guest into g (and the guest number it names into *id). False when it was
 * refused: its reasons are in R->msgs. */
static bool row_guest(struct run *R, const struct reader_row *row, struct guest *g, int64_t *id)
{
	size_t before = R->refusals;
	*id = 0;
	struct sbuf unknown = {0};
	for (size_t i = 0; i < row->n && i < R->ncols; i++) {
		if (row->bad_col == i + 1) {
			say(R, row->line, i + 1, "%s", row->why);
			continue;
		}
		char *v = cell_value(row->cell[i]);
		if (*v && R->field[i]) {
			guest_value(R, row->line, i + 1, R->field[i], v, g, id);
		} else if (*v && R->o->keep_unknown && R->header[i][0]) {
			sbuf_printf(&unknown, "%s%s: %s", unknown.len ? "\n" : "", R->header[i], v);
		}
		free(v);
	}
	beyond_header(R, row);
	if (unknown.len)
		guest_add_note(g, unknown.s);
	sbuf_free(&unknown);
	if (!g->f[GF_NAME])
		say(R, row->line, 0, _("no name: a guest needs at least how to address them"));
	struct error e;
	error_clear(&e);
	if (R->refusals == before && guest_validate(g, NULL, &e) < 0)
		say(R, row->line, 0, "%s", e.msg);
	return R->refusals == before;
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* What the file's row in adds to guest x (the book's, or a guest an earlier row made): its
 * fields (empty ones only, unless update), its list items that x lacks; an allergy or taboo
 * x has with a lower severity is raised (never lowered). Returns whether x changed. */
static bool merge_guest(struct guest *x, const struct guest *in, bool update)
{
	bool changed = false;
	for (int i = 0; i < GF_COUNT; i++) {
		if (!in->f[i] || same_text(x->f[i], in->f[i]) || (x->f[i] && !update))
			continue;
		guest_set(x, (enum guest_field_id)i, in->f[i]);
		changed = true;
	}
	for (size_t i = 0; i < in->phones.n; i++) {
		char *d = guest_phone_digits(in->phones.v[i].number);
		bool have = false;
		for (size_t j = 0; j < x->phones.n && !have; j++) {
			char *dx = guest_phone_digits(x->phones.v[j].number);
			have = strcmp(d, dx) == 0;
			free(dx);
		}
		free(d);
		if (!have) {
			guest_add_phone(x, in->phones.v[i].kind, in->phones.v[i].number);
			changed = true;
		}
	}
	for (size_t i = 0; i < in->prefs.n; i++) {
		const struct guest_pref *p = &in->prefs.v[i];
		bool have = false;
		for (size_t j = 0; j < x->prefs.n && !have; j++) {
			struct guest_pref *q = &x->prefs.v[j];
			if (q->person != -1 || q->kind != p->kind || strcmp(q->text, p->text) != 0)
				continue;
			have = true;
			if (p->severity > q->severity) {
				q->severity = p->severity;
				changed = true;
			}
		}
		if (!have) {
			guest_add_pref(x, -1, p->kind, p->severity, p->text);
			changed = true;
		}
	}
	for (size_t i = 0; i < in->dates.n; i++) {
		const struct guest_date *d = &in->dates.v[i];
		struct guest_date *same_kind = NULL;
		bool have = false;
		for (size_t j = 0; j < x->dates.n && !have; j++) {
			struct guest_date *q = &x->dates.v[j];
			if (q->person != -1 || q->kind != d->kind)
				continue;
			if (d->kind != DATE_OTHER && !same_kind)
				same_kind = q;
			have = q->month == d->month && q->day == d->day &&
			       (q->year == d->year || !d->year) &&
			       (d->kind != DATE_OTHER || same_text(q->label, d->label));
		}
		if (have)
			continue;
		if (same_kind && !update)
			continue; /* a birthday is one: the book's stays */
		if (same_kind) {
			same_kind->year = d->year;
			same_kind->month = d->month;
			same_kind->day = d->day;
		} else {
			guest_add_date(x, -1, d->kind, d->label, d->year, d->month, d->day);
		}
		changed = true;
	}
	for (size_t i = 0; i < in->people.n; i++) {
		const struct guest_person *p = &in->people.v[i];
		bool have = false;
		for (size_t j = 0; j < x->people.n && !have; j++)
			have = same_text(x->people.v[j].relation, p->relation) &&
			       same_text(x->people.v[j].name, p->name);
		if (!have) {
			guest_add_person(x, p->relation, p->name, p->notes);
			changed = true;
		}
	}
	for (size_t i = 0; i < in->tags.n; i++) {
		bool have = false;
		for (size_t j = 0; j < x->tags.n && !have; j++)
			have = strcmp(x->tags.v[j], in->tags.v[i]) == 0;
		if (!have) {
			guest_add_tag(x, in->tags.v[i]);
			changed = true;
		}
	}
	for (size_t i = 0; i < in->notes.n; i++) {
		bool have = false;
		for (size_t j = 0; j < x->notes.n && !have; j++)
			have = strcmp(x->notes.v[j].text, in->notes.v[i].text) == 0;
		if (!have) {
			add_note(x, in->notes.v[i].text, in->notes.v[i].at, in->notes.v[i].author);
			changed = true;
		}
	}
	return changed;
}

static bool created_here(const struct run *R, int64_t id)
{
	return R->first_created && id >= R->first_created;
}

/* Who in the book the row g is: the guest number it names, else the owner of its phones, else
 * (possible) the guest with its exact name and employer. 0 for nobody. A row whose phones
 * belong to different guests is refused (said about the row; *id -1). */
static enum store_status match_guest(struct run *R, const struct reader_row *row,
				     const struct guest *g, int64_t given, int64_t *id,
				     bool *possible)
{
	*id = 0;
	*possible = false;
	enum store_status rs;
	if (given) {
		rs = match_store_guest_id(R->st, given);
		if (rs == ST_OK)
			*id = given;
		else if (rs != ST_NOTFOUND)
			return rs;
	}
	for (size_t i = 0; i < g->phones.n; i++) {
		int64_t owner;
		rs = guest_store_phone_owner(R->st, g->phones.v[i].number, 0, &owner);
		if (rs == ST_NOTFOUND)
			continue;
		if (rs != ST_OK)
			return rs;
		if (*id && owner != *id) {
			char *name = NULL;
			guest_store_name(R->st, owner, &name);
			say(R, row->line, 0, _("phone %s already belongs to guest %" PRId64 " (%s), "
					       "not to guest %" PRId64 " whom this row is"),
			    g->phones.v[i].number, owner, name ? name : "?", *id);
			free(name);
			*id = -1;
			return ST_OK;
		}
		*id = owner;
	}
	/* a row without a phone: the guest of the same name and employer, said as possible (a
	 * row whose phones nobody has is someone new, even when a guest has its name and
	 * employer: two 王总 of one bank) */
	if (!*id && !g->phones.n) {
		rs = match_store_guest(R->st, g->f[GF_NAME], g->f[GF_EMPLOYER], id);
		if (rs == ST_OK)
			*possible = true;
		else if (rs != ST_NOTFOUND)
			return rs;
	}
	return ST_OK;
}

/* Writes the row's guest: new, merged into the book's, or skipped; counts it. A refusal of the
 * store is fatal (the transaction is spoilt): -1 with e. */
static int put_guest(struct run *R, const struct reader_row *row, struct guest *g, int64_t given,
		     struct error *e)
{
	int64_t id;
	bool possible;
	enum store_status rs = match_guest(R, row, g, given, &id, &possible);
	if (rs != ST_OK)
		return store_failed(R, row, e);
	if (id < 0) {
		R->n->rejected++;
		return 1;
	}
	bool again = id && created_here(R, id);
	if (possible) {
		R->n->possible++;
		info(R, row->line, 0,
		    _("possible match: guest %" PRId64 " has the same name and employer (the row "
		      "has no phone): taken as them"),
		    id);
	} else if (again) {
		info(R, row->line, 0, _("the same guest as an earlier row (guest %" PRId64 "): merged"),
		    id);
	}
	if (!id) {
		rs = guest_store_save(R->st, g, 0, false, NULL);
		if (rs == ST_OK)
			rs = import_store_created(R->st, R->n->batch, g->id);
		if (rs != ST_OK)
			return store_failed(R, row, e);
		if (!R->first_created)
			R->first_created = g->id;
		R->n->added++;
		return 0;
	}
	if (R->o->on_match == IM_SKIP && !again) {
		R->n->skipped++;
		return 0;
	}
	struct guest before, x;
	guest_init(&before);
	rs = guest_store_get(R->st, id, &before);
	if (rs != ST_OK) {
		guest_free(&before);
		return store_failed(R, row, e);
	}
	guest_copy(&x, &before);
	struct error why;
	error_clear(&why);
	if (!merge_guest(&x, g, R->o->on_match == IM_UPDATE && !again)) {
		R->n->unchanged++;
	} else if (guest_validate(&x, &before, &why) < 0) {
		/* judged before the save: a refusal inside it would spoil the whole transaction */
		say(R, row->line, 0, _("guest %" PRId64 " with this row: %s"), id, why.msg);
		R->n->rejected++;
		guest_free(&before);
		guest_free(&x);
		return 1;
	} else {
		rs = guest_store_save(R->st, &x, before.version, false, NULL);
		/* a guest an earlier row made, too: the version this row leaves is the one an
		 * undo must find */
		if (rs == ST_OK)
			rs = import_store_updated(R->st, R->n->batch, &before, &x);
		if (rs != ST_OK) {
			guest_free(&before);
			guest_free(&x);
			return store_failed(R, row, e);
		}
		R->n->updated++; /* a guest an earlier row made, too: this row changed them */
	}
	guest_free(&before);
	guest_free(&x);
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* a visit row */

static int put_visit(struct run *R, const struct reader_row *row, struct error *e)
{
	struct visit v = {0};
	const char *date = NULL, *time_s = NULL, *meal = NULL, *phone = NULL, *gname = NULL;
	const char *covers = NULL, *spend = NULL, *table = NULL, *gid = NULL, *voided = NULL;
	char *vals[16] = {0};
	size_t nv = 0, before = R->refusals;
	int ret = 0;
	for (size_t i = 0; i < row->n && i < R->ncols; i++) {
		if (row->bad_col == i + 1) {
			say(R, row->line, i + 1, "%s", row->why);
			continue;
		}
		const char *f = R->field[i];
		if (!f || nv == sizeof vals / sizeof vals[0])
			continue;
		char *t = cell_value(row->cell[i]);
		if (!*t) {
			free(t);
			continue;
		}
		vals[nv++] = t;
		if (strcmp(f, "date") == 0)
			date = t;
		else if (strcmp(f, "time") == 0)
			time_s = t;
		else if (strcmp(f, "meal") == 0)
			meal = t;
		else if (strcmp(f, "phone") == 0)
			phone = t;
		else if (strcmp(f, "guest_name") == 0)
			gname = t;
		else if (strcmp(f, "covers") == 0)
			covers = t;
		else if (strcmp(f, "spend") == 0)
			spend = t;
		else if (strcmp(f, "table") == 0)
			table = t;
		else if (strcmp(f, "guest_id") == 0)
			gid = t;
		else if (strcmp(f, "void") == 0)
			voided = t;
	}
	beyond_header(R, row);
	if (voided && R->refusals == before) { /* a visit the source voided is no visit: skipped */
		R->n->skipped++;
		goto out;
	}
	struct error why;
	error_clear(&why);
	struct date d;
	char iso[11];
	if (!date)
		say(R, row->line, 0, _("no date"));
	else if (iv_date(date, R->today, &d, &why) < 0 || !d.y)
		say(R, row->line, 0, _("date: %s"), why.msg[0] ? why.msg : _("needs a year"));
	else if (visit_date_check(date_format(d, iso), R->today, R->opening, R->o->allow_old, &d,
				  &why) !=
		 VISIT_DATE_OK)
		say(R, row->line, 0, _("date: %s"), why.msg);
	else
		date_format(d, v.date);
	int m = meal ? meal_from_name(meal) : -1;
	if (meal && m < 0) {
		const char *code = choice_code(&choice_meal, meal);
		m = code ? meal_from_name(code) : -1;
	}
	if (meal && m < 0)
		say(R, row->line, 0, _("meal: must be lunch or dinner, got \"%s\""), meal);
	int hh, mm, used = 0;
	bool clock = time_s && sscanf(time_s, "%2d:%2d%n", &hh, &mm, &used) == 2 &&
		     (time_s[used] == '\0' || time_s[used] == ':') && hh >= 0 && hh < 24 &&
		     mm >= 0 && mm < 60;
	if (time_s && !clock)
		say(R, row->line, 0, _("time: must be HH:MM, got \"%s\""), time_s);
	else if (m < 0 && clock)
		m = (int)meal_for_hour(hh);
	else if (m < 0 && !meal)
		say(R, row->line, 0, _("no meal: a meal or a time column tells lunch from dinner"));
	v.meal = m < 0 ? MEAL_LUNCH : (enum meal)m;
	error_clear(&why);
	if (!covers || visit_parse_covers(covers, &v.covers, &why) < 0)
		say(R, row->line, 0, _("covers: %s"), covers ? why.msg : _("missing"));
	if (!spend || !money_parse(spend, &v.spend_fen))
		say(R, row->line, 0, _("spend: must be an amount in yuan, got \"%s\""),
		    spend ? spend : "");
	int64_t guest = 0;
	if (gid && !text_parse_int(gid, 1, INT64_MAX, &guest))
		say(R, row->line, 0, _("guest: must be a guest number, got \"%s\""), gid);
	struct strv nums = {0};
	if (!guest && phone && iv_phones(phone, &nums, &why) < 0)
		say(R, row->line, 0, _("phone: %s"), why.msg);
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < nums.n && !guest && rs == ST_OK; i++) {
		rs = guest_store_phone_owner(R->st, nums.v[i], 0, &guest);
		if (rs == ST_NOTFOUND)
			rs = ST_OK, guest = 0;
	}
	if (rs != ST_OK) {
		ret = store_failed(R, row, e);
		goto out;
	}
	if (R->refusals > before) {
		R->n->rejected++;
		ret = 1;
		goto out;
	}
	if (!guest && R->o->create_guests && nums.n) {
		struct guest g;
		guest_init(&g);
		guest_set(&g, GF_NAME, gname ? gname : nums.v[0]);
		guest_add_phone(&g, "mobile", nums.v[0]);
		/* judged before the save: a refusal inside it would spoil the whole transaction */
		if (guest_validate(&g, NULL, &why) < 0) {
			say(R, row->line, 0, _("the guest to create: %s"), why.msg);
			guest_free(&g);
			R->n->rejected++;
			ret = 1;
			goto out;
		}
		rs = guest_store_save(R->st, &g, 0, false, NULL);
		if (rs == ST_OK)
			rs = import_store_created(R->st, R->n->batch, g.id);
		guest = g.id;
		guest_free(&g);
		if (rs != ST_OK) {
			ret = store_failed(R, row, e);
			goto out;
		}
	}
	if (!guest) {
		say(R, row->line, 0, _("no guest in the book has the phone %s%s%s (--create-guests adds them)"),
		    phone ? phone : "", gname ? ", " : "", gname ? gname : "");
		R->n->rejected++;
		ret = 1;
		goto out;
	}
	v.guest_id = guest;
	v.table_no = table ? xstrdup(table) : NULL;
	if (visit_validate(&v, &why) < 0) { /* before the store: its refusal spoils the batch */
		say(R, row->line, 0, "%s", why.msg);
		R->n->rejected++;
		ret = 1;
		goto out;
	}
	/* the same visit again (the file imported twice): unchanged */
	rs = match_store_visit(R->st, guest, v.date, meal_names[v.meal], v.covers, v.spend_fen);
	if (rs == ST_OK) {
		R->n->unchanged++;
		goto out;
	}
	/* the date was judged above (opening date, --allow-old), and a second visit of the day
	 * and meal is a second table: stored as it is */
	if (rs == ST_NOTFOUND)
		rs = visit_store_add(R->st, &v);
	if (rs == ST_OK)
		rs = import_store_visit(R->st, R->n->batch, v.id);
	if (rs != ST_OK) {
		ret = store_failed(R, row, e);
		goto out;
	}
	R->n->added++;
	char month[8];
	snprintf(month, sizeof month, "%.7s", v.date);
	strv_push_unique(&R->n->months, month);
out:
	strv_free(&nums);
	visit_free(&v);
	for (size_t i = 0; i < nv; i++)
		free(vals[i]);
	return ret;
}

/* ------------------------------------------------------------------------------------------ */

static void progress(struct run *R, bool last)
{
	if (!R->o->progress)
		return;
	double t = now_s();
	if (!last && t - R->last_progress < 0.5)
		return;
	R->last_progress = t;
	long long done, total;
	reader_progress(R->r, &done, &total);
	double el = t - R->started, rate = el > 0 ? (double)R->n->rows / el : 0;
	double left = done > 0 && total > done ? el * (double)(total - done) / (double)done : 0;
	/* the carriage return outside the message: gettext's tools refuse one inside */
	fputc('\r', R->o->progress);
	char *line = xasprintf(_("%zu rows  %.0f rows/s  about %.0f s left"), R->n->rows, rate, left);
	int cols = text_width(line);
	fprintf(R->o->progress, "%s%*s", line, R->progress_cols > cols ? R->progress_cols - cols : 0,
		"");
	free(line);
	R->progress_cols = cols;
	if (last) {
		fputc('\n', R->o->progress);
		R->progress_cols = 0;
	}
	fflush(R->o->progress);
}

/* Takes the progress line off the terminal, so that a message starts a line of its own (the
 * next progress line comes back below it). */
static void progress_clear(struct run *R)
{
	if (!R->o->progress || !R->progress_cols)
		return;
	fprintf(R->o->progress, "\r%*s\r", R->progress_cols, "");
	R->progress_cols = 0;
}

int import_run(struct store *st, enum import_kind kind, const struct import_options *o,
	       struct import_counts *n, struct error *e)
{
	*n = (struct import_counts){0};
	struct run R = {.st = st, .kind = kind, .o = o, .n = n, .today = date_today()};
	const char *slash = strrchr(o->path, '/');
	R.name = slash ? slash + 1 : o->path;
	R.started = R.last_progress = now_s(); /* the first line after half a second */
	char sha[2 * crypto_hash_sha256_BYTES + 1];
	struct strv errs = {0};
	struct import_visit_upkeep upkeep = {0};
	int ret = -1;
	bool begun = false, row_audit = store_set_row_audit(st, true);
	if (sodium_init() < 0) {
		error_set(e, 0, "libsodium cannot start");
		return -1;
	}
	if (file_sha256(o->path, sha, e) < 0)
		return -1;
	if (import_columns_load(&R.cols, kind, o->map, &errs) < 0) {
		struct sbuf b = {0};
		for (size_t i = 0; i < errs.n; i++)
			sbuf_printf(&b, "%s%s", i ? "\n" : "", errs.v[i]);
		error_set(e, 0, "%s", b.s ? b.s : "import-columns.yaml");
		sbuf_free(&b);
		strv_free(&errs);
		return -1;
	}
	if (kind == IK_VISITS && visit_store_opening(st, &R.opening, NULL) != ST_OK) {
		error_set(e, 0, "%s", store_errmsg(st));
		n->store_failed = true;
		goto done;
	}
	R.r = reader_open(o->path, &o->read, e);
	if (!R.r)
		goto done;
	if (o->preview && o->preview->on_file)
		o->preview->on_file(o->preview->ctx, reader_format(R.r), reader_encoding(R.r));
	struct reader_row row;
	int got;
	while ((got = reader_next(R.r, &row, e)) == 1 && blank_row(&row))
		;
	if (got < 0)
		goto done;
	if (got == 0) {
		error_set(e, 0, _("%s: no rows (not even a header)"), R.name);
		goto done;
	}
	if (read_header(&R, &row, e) < 0 || errors_open(&R, &row, e) < 0)
		goto done;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK) {
		error_set(e, 0, "%s", store_errmsg(st));
		n->store_failed = true;
		goto done;
	}
	begun = true;
	/* the batch is the record of what each row did (import_change): no audit row per field */
	row_audit = store_set_row_audit(st, false);
	/* a visit lands all over visit_guest_date (and guest_month, before its upkeep was put
	 * aside): with a 16 MB cache a million of them spent a third of their time reading pages
	 * again (bench/import: 60 s, 45 s with 64 MB) */
	if (kind == IK_VISITS && (rs = store_set_cache(st, 65536)) != ST_OK) {
		error_set(e, 0, "%s", store_errmsg(st));
		n->store_failed = true;
		goto done;
	}
	/* a new guest's search keys written in key order, a few hundred thousand at a time; the
	 * visits' monthly sums and last dates once at the end */
	if ((kind == IK_GUESTS ? store_keys_defer(st) : import_store_visits_defer(st, &upkeep)) !=
	    ST_OK) {
		error_set(e, 0, "%s", store_errmsg(st));
		n->store_failed = true;
		goto done;
	}
	if ((rs = import_store_batch_new(st, kind == IK_GUESTS ? "guests" : "visits", o->path, sha,
					 &n->batch)) != ST_OK) {
		error_set(e, 0, "%s", store_errmsg(st));
		n->store_failed = true;
		goto done;
	}
	while ((got = reader_next(R.r, &row, e)) == 1) {
		if (blank_row(&row)) {
			n->blank++;
			continue;
		}
		n->rows++;
		int put;
		if (kind == IK_GUESTS) {
			struct guest g;
			guest_init(&g);
			int64_t given;
			if (!row_guest(&R, &row, &g, &given)) {
				n->rejected++;
				put = 1;
			} else {
				put = put_guest(&R, &row, &g, given, e);
			}
			const struct import_preview *p = o->preview;
			if (put == 0 && p && p->on_row && R.previewed < p->rows) {
				R.previewed++;
				p->on_row(p->ctx, row.line, &g);
			}
			guest_free(&g);
		} else {
			put = put_visit(&R, &row, e);
		}
		if (put < 0)
			goto done;
		if (put > 0)
			errors_line(&R, &row, R.why.s ? R.why.s : "");
		flush_msgs(&R);
		progress(&R, false);
	}
	if (got < 0)
		goto done;
	progress(&R, true);
	if (o->dry_run || (n->rejected && !o->skip_bad)) {
		store_rollback(st);
		begun = false;
		n->batch = 0;
		ret = n->rejected && !o->skip_bad ? 1 : 0;
		goto done;
	}
	/* the refused rows kept before the good ones are: a full disk must not leave an import
	 * written that is said to have failed */
	if (R.errors && (fflush(R.errors) != 0 || ferror(R.errors))) {
		error_set(e, 0, _("%s: %s"), o->errors_path, strerror(errno ? errno : EIO));
		goto done;
	}
	char *summary = stored_summary(n);
	rs = kind == IK_GUESTS ? store_keys_defer_end(st, true)
			       : import_store_visits_settle(st, &upkeep);
	if (rs == ST_OK)
		rs = import_store_batch_end(st, n->batch, summary);
	free(summary);
	if (rs == ST_OK)
		rs = store_commit(st);
	else
		store_rollback(st);
	begun = false;
	if (rs != ST_OK) {
		error_set(e, 0, "%s", store_errmsg(st));
		n->store_failed = true;
		n->batch = 0;
		goto done;
	}
	n->written = true;
	ret = 0;
done:
	store_keys_defer_end(st, false); /* what is left was rolled back, or is to be */
	import_store_visits_free(&upkeep);
	if (kind == IK_VISITS)
		store_set_cache(st, 0);
	store_set_row_audit(st, row_audit);
	if (begun) {
		store_rollback(st);
		n->batch = 0;
	}
	flush_msgs(&R);
	if (R.errors && fclose(R.errors) != 0 && ret >= 0) {
		error_set(e, 0, _("%s: %s"), o->errors_path, strerror(errno));
		ret = -1;
	}
	if (R.r)
		reader_close(R.r);
	import_columns_free(&R.cols);
	for (size_t i = 0; i < R.ncols; i++)
		free(R.header[i]);
	free(R.header);
	free(R.field);
	free(R.header_raw);
	strv_free(&R.unknown_staff);
	strv_free(&R.staff_found);
	strv_free(&errs);
	return ret;
}

void import_counts_free(struct import_counts *n)
{
	strv_free(&n->months);
}

/* The summary's words, as the batch keeps them (English: every reader translates them). */
static const char summary_fmt[] = N_("read %zu rows: %zu new, %zu updated, %zu unchanged, "
				     "%zu skipped, %zu rejected");

char *import_summary(const struct import_counts *n)
{
	return xasprintf(_(summary_fmt), n->rows, n->added, n->updated, n->unchanged, n->skipped,
			 n->rejected);
}

/* The summary as the batch keeps it: in English, whoever imported. */
static char *stored_summary(const struct import_counts *n)
{
	return xasprintf(summary_fmt, n->rows, n->added, n->updated, n->unchanged, n->skipped,
			 n->rejected);
}

char *import_summary_shown(const char *stored)
{
	struct import_counts n = {0};
	if (!stored || sscanf(stored, summary_fmt, &n.rows, &n.added, &n.updated, &n.unchanged,
			      &n.skipped, &n.rejected) != 6)
		return xstrdup(stored ? stored : "");
	return import_summary(&n);
}
