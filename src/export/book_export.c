/* book_export.c — the guest book and the visits as CSV, TSV, JSON or XLSX, row by row. */
#include "export/book_export.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "config/settings.h"
#include "core/choice.h"
#include "core/complaint.h"
#include "core/date.h"
#include "core/guest.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/visit.h"
#include "core/xalloc.h"
#include "export/table.h"
#include "store/complaint_store.h"
#include "store/export_store.h"
#include "store/guest_store.h"
#include "store/visit_store.h"

int book_format_from_name(const char *s)
{
	static const char *const names[] = {"csv", "tsv", "json", "xlsx"};
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

/* ---- where the rows go: table.c (csv, tsv, json) or a workbook (xlsx) ---- */

/* Excel's most characters in a cell (libxlsxwriter counts bytes): a longer text is cut. */
#define XLSX_CELL_MAX 32767

struct sink {
	enum book_format fmt;
	int ncols;
	unsigned numeric; /* bit c: column c holds whole numbers or amounts (first 32 columns) */
	struct table t;   /* csv, tsv, json: streaming */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *amount;
	lxw_row_t row;
	int col;
	lxw_error err; /* the first failure of the workbook */
};

/* Opens the sink: the header row written (a JSON array begun), or the workbook at path with
 * its one sheet named sheet and its bold header row. */
static enum store_status sink_open(struct sink *k, enum book_format fmt, int ncols,
				   const char *const *headers, unsigned numeric, FILE *out,
				   const char *path, const char *sheet, struct error *e)
{
	memset(k, 0, sizeof *k);
	k->fmt = fmt;
	k->ncols = ncols;
	k->numeric = numeric;
	if (fmt != BOOK_XLSX) {
		static const enum out_format outf[] = {OUT_CSV, OUT_TSV, OUT_JSON};
		table_init(&k->t, ncols, headers, numeric);
		table_stream(&k->t, outf[fmt], out);
		return ST_OK;
	}
	/* constant memory: each row goes to a temporary file as it is written, its strings
	 * inline, so that a book of any size fits */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
	if (!(k->wb = workbook_new_opt(path, &opt))) {
		error_set(e, ST_IO, _("%s: cannot write the workbook"), path);
		return ST_IO;
	}
	k->ws = workbook_add_worksheet(k->wb, sheet);
	k->bold = workbook_add_format(k->wb);
	format_set_bold(k->bold);
	k->amount = workbook_add_format(k->wb);
	format_set_num_format(k->amount, "0.00");
	for (int c = 0; c < ncols; c++) {
		lxw_error r = worksheet_write_string(k->ws, 0, (lxw_col_t)c, headers[c], k->bold);
		if (r && !k->err)
			k->err = r;
	}
	k->row = 1;
	return ST_OK;
}

/* A copy of s fit for a workbook's text cell: what text_cp_unsafe names shown as
 * text_display_lines does (line breaks kept), cut to XLSX_CELL_MAX bytes at a character. */
static char *xlsx_text(const char *s)
{
	char *d = text_display_lines(s);
	size_t n = strlen(d);
	if (n > XLSX_CELL_MAX) {
		n = XLSX_CELL_MAX;
		while (n && ((unsigned char)d[n] & 0xC0) == 0x80)
			n--;
		d[n] = '\0';
	}
	return d;
}

/* Adds the next cell of the current row (NULL: empty). */
static void sink_cell(struct sink *k, const char *s)
{
	if (k->fmt != BOOK_XLSX) {
		table_add(&k->t, s);
		return;
	}
	int c = k->col;
	bool numeric = c < 32 && (k->numeric & (1u << c));
	lxw_error r = LXW_NO_ERROR;
	if (s && *s) {
		if (numeric) {
			/* a number the program wrote ("12", "520.50"): a number cell */
			r = worksheet_write_number(k->ws, k->row, (lxw_col_t)c, strtod(s, NULL),
						   strchr(s, '.') ? k->amount : NULL);
		} else {
			char *d = xlsx_text(s);
			r = worksheet_write_string(k->ws, k->row, (lxw_col_t)c, d, NULL);
			free(d);
		}
	}
	if (r && !k->err)
		k->err = r;
	if (++k->col == k->ncols) {
		k->col = 0;
		k->row++;
	}
}

/* Ends the output (the JSON array closed, the workbook written) and frees the sink. */
static enum store_status sink_close(struct sink *k, const char *path, struct error *e)
{
	if (k->fmt != BOOK_XLSX) {
		table_print(&k->t, OUT_CSV, NULL);
		table_free(&k->t);
		return ST_OK;
	}
	lxw_error r = workbook_close(k->wb);
	if (!r)
		r = k->err;
	if (r) {
		error_set(e, ST_IO, _("%s: cannot write the workbook: %s"), path, lxw_strerror(r));
		return ST_IO;
	}
	return ST_OK;
}

/* A failed export: the workbook, if any, dropped without being written. */
static void sink_abandon(struct sink *k)
{
	if (k->fmt != BOOK_XLSX)
		table_free(&k->t);
	else
		workbook_close(k->wb); /* libxlsxwriter frees only when it writes */
}

/* ---- the columns of the book, in the interface's language ---- */

/* The columns after the fields of the sheet (man/maitre.1, THE BOOK). */
enum book_list_col {
	BC_MOBILE, BC_LANDLINE, BC_OFFICE, BC_OTHER_PHONE, /* choice_phone_kind's order */
	BC_TASTES, BC_DISHES, BC_HABITS, BC_DISLIKES, BC_TABOOS, BC_ALLERGIES, /* pref_kind's */
	BC_BIRTHDAY, BC_ANNIVERSARY, BC_OTHER_DATES, BC_PEOPLE, BC_TAGS, BC_NOTES, BC_COUNT
};
static const char *const book_list_headers[BC_COUNT] = {
	NC_("book column", "mobile"), NC_("book column", "landline"),
	NC_("book column", "office phone"), NC_("book column", "other phone"),
	NC_("book column", "tastes"), NC_("book column", "dishes"), NC_("book column", "habits"),
	NC_("book column", "dislikes"), NC_("book column", "taboos"),
	NC_("book column", "allergies"), NC_("book column", "birthday"),
	NC_("book column", "anniversary"), NC_("book column", "other dates"),
	NC_("book column", "people"), NC_("book column", "tags"), NC_("book column", "notes"),
};
/* The severity after a taboo or an allergy, SEV_COUNT of them ("" for SEV_NONE). */
static const char *const book_severity[SEV_COUNT] = {
	"", NC_("book severity", "low"), NC_("book severity", "medium"),
	NC_("book severity", "high"), NC_("book severity", "critical"),
};

/* The words between the items of a list, around a severity and after a label, in the
 * interface's language ("、", "（", "）", "："). */
struct book_words {
	const char *sep, *open, *close, *colon;
};

static struct book_words book_words(void)
{
	struct book_words w = {P_("book", ", "), P_("book", " ("), P_("book", ")"),
			       P_("book", ": ")};
	return w;
}

const char *book_field_label(const char *field)
{
	/* the keys of the list columns, in book_list_headers' order (import_columns.c) */
	static const char *const list_keys[BC_COUNT] = {
		"mobile",   "landline", "office_phone", "other_phone", "tastes",      "dishes",
		"habits",   "dislikes", "taboos",       "allergies",   "birthday",    "anniversary",
		"other_dates", "people", "tags",        "notes",
	};
	static const char *const visit_keys[][2] = {
		{"id", NC_("book column", "id")},
		{"date", NC_("book column", "date")},
		{"time", NC_("book column", "time")},
		{"meal", NC_("book column", "meal")},
		{"guest_id", NC_("book column", "guest id")},
		{"guest_name", NC_("book column", "guest name")},
		{"phone", NC_("book column", "phone")},
		{"covers", NC_("book column", "covers")},
		{"spend", NC_("book column", "spend")},
		{"table", NC_("book column", "table")},
		{"void", NC_("book column", "void reason")},
		{"full_name", NC_("book column", "full name")},
	};
	const struct guest_field *f = guest_field_find(field);
	if (f)
		return _(f->form_label);
	for (int c = 0; c < BC_COUNT; c++)
		if (strcmp(field, list_keys[c]) == 0)
			return i18n_ctx(book_list_headers[c]);
	for (size_t i = 0; i < sizeof visit_keys / sizeof visit_keys[0]; i++)
		if (strcmp(field, visit_keys[i][0]) == 0)
			return i18n_ctx(visit_keys[i][1]);
	return field;
}

/* Whether guest field i is written: a sensitive one (settings_sensitive_fields) only when
 * asked for. */
static bool field_shown(int i, bool sensitive)
{
	return sensitive || !(settings_sensitive_fields() & GUEST_FIELD_BIT(i));
}

/* The book's columns of guests (their headers into h, GF_COUNT + BC_COUNT + 1 at most): the
 * count, and the numeric ones in *numeric. */
static int guest_headers(bool sensitive, const char **h, unsigned *numeric)
{
	int n = 0;
	*numeric = 1u;
	h[n++] = P_("book column", "id");
	for (int i = 0; i < GF_COUNT; i++) {
		if (!field_shown(i, sensitive))
			continue;
		if (guest_fields[i].type == FT_INT && n < 32)
			*numeric |= 1u << n;
		h[n++] = _(guest_fields[i].form_label);
	}
	for (int c = 0; c < BC_COUNT; c++)
		h[n++] = i18n_ctx(book_list_headers[c]);
	return n;
}

/* v in decimal into buf (at least 21 bytes), returned for sink_cell. */
static char *cell_int(int64_t v, char *buf)
{
	text_int(v, buf);
	return buf;
}

static void join(struct sbuf *b, const char *sep, const char *item)
{
	if (b->len)
		sbuf_add(b, sep);
	sbuf_add(b, item ? item : "");
}

/* Adds b as the next cell and empties b. */
static void cell_sbuf(struct sink *k, struct sbuf *b)
{
	sink_cell(k, b->len ? b->s : "");
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* The phone kind a stored kind counts as: one of choice_phone_kind's, else "other". */
static size_t phone_kind_index(const char *kind)
{
	for (size_t i = 0; kind && i < choice_phone_kind.n; i++)
		if (strcmp(choice_phone_kind.v[i].code, kind) == 0)
			return i;
	return choice_phone_kind.n - 1;
}

/* The guest's dates of kind into b: "YYYY-MM-DD" or "MM-DD", another date after its label. */
static void dates_cell(struct sbuf *b, const struct guest *g, enum date_kind kind,
		       const struct book_words *w)
{
	for (size_t i = 0; i < g->dates.n; i++) {
		const struct guest_date *d = &g->dates.v[i];
		if (d->person != -1 || d->kind != kind)
			continue;
		char buf[16];
		date_format((struct date){d->year, d->month, d->day}, buf);
		if (b->len)
			sbuf_add(b, w->sep);
		if (kind == DATE_OTHER) {
			sbuf_add(b, d->label ? d->label : "");
			sbuf_add(b, w->colon);
		}
		sbuf_add(b, buf);
	}
}

/* One guest as a row of the book. */
static void guest_row(struct sink *k, const struct guest *g, bool sensitive)
{
	struct book_words w = book_words();
	struct sbuf b = {0};
	char num[24];
	sink_cell(k, cell_int(g->id, num));
	for (int i = 0; i < GF_COUNT; i++) {
		if (!field_shown(i, sensitive))
			continue;
		const struct guest_field *f = &guest_fields[i];
		sink_cell(k, f->type == FT_ENUM && g->f[i] ? choice_label(f->choices, g->f[i])
							    : g->f[i]);
	}
	for (size_t kind = 0; kind < choice_phone_kind.n; kind++) {
		for (size_t i = 0; i < g->phones.n; i++)
			if (phone_kind_index(g->phones.v[i].kind) == kind)
				join(&b, w.sep, g->phones.v[i].number);
		cell_sbuf(k, &b);
	}
	for (int kind = 0; kind < PREF_KIND_COUNT; kind++) {
		for (size_t i = 0; i < g->prefs.n; i++) {
			const struct guest_pref *p = &g->prefs.v[i];
			if (p->person != -1 || (int)p->kind != kind)
				continue;
			join(&b, w.sep, p->text);
			if (pref_kind_is_safety(p->kind) && p->severity > SEV_NONE &&
			    p->severity < SEV_COUNT) {
				sbuf_add(&b, w.open);
				sbuf_add(&b, i18n_ctx(book_severity[p->severity]));
				sbuf_add(&b, w.close);
			}
		}
		cell_sbuf(k, &b);
	}
	for (int kind = 0; kind < DATE_KIND_COUNT; kind++) {
		dates_cell(&b, g, (enum date_kind)kind, &w);
		cell_sbuf(k, &b);
	}
	for (size_t i = 0; i < g->people.n; i++) {
		const struct guest_person *p = &g->people.v[i];
		join(&b, w.sep, choice_label(&choice_relation, p->relation));
		if (p->name && *p->name) {
			sbuf_add(&b, w.colon);
			sbuf_add(&b, p->name);
		}
	}
	cell_sbuf(k, &b);
	for (size_t i = 0; i < g->tags.n; i++)
		join(&b, w.sep, g->tags.v[i]);
	cell_sbuf(k, &b);
	for (size_t i = 0; i < g->notes.n; i++) {
		const struct guest_note *n = &g->notes.v[i];
		/* "[YYYY-MM-DD HH:MM login] text", one a line */
		sbuf_printf(&b, "%s[%.16s %s] %s", i ? "\n" : "", n->at ? n->at : "",
			    n->author ? n->author : "", n->text ? n->text : "");
	}
	cell_sbuf(k, &b);
	sbuf_free(&b);
}

/* ---- JSON, pretty: two spaces a level ---- */

struct json {
	FILE *out;
	int depth;
	bool first; /* nothing written yet in the object or array open */
	int flat;   /* the depth from which members follow on one line; 0: none */
};

static void json_nl(struct json *j)
{
	fprintf(j->out, "\n%*s", 2 * j->depth, "");
}

/* Opens an object or an array ("{" or "["); flat: its members on one line (an item of a
 * list: {"kind": "mobile", "number": "138..."}). */
static void json_open_as(struct json *j, char c, bool flat)
{
	fputc(c, j->out);
	j->depth++;
	j->first = true;
	if (flat && !j->flat)
		j->flat = j->depth;
}

static void json_open(struct json *j, char c)
{
	json_open_as(j, c, false);
}

/* Closes it: on a line of its own unless empty or flat. */
static void json_close(struct json *j, char c)
{
	bool flat = j->flat && j->depth >= j->flat;
	if (j->flat == j->depth)
		j->flat = 0;
	j->depth--;
	if (!j->first && !flat)
		json_nl(j);
	fputc(c, j->out);
	j->first = false;
}

/* Begins the next member of an object ("key": ) or item of an array (key NULL). */
static void json_key(struct json *j, const char *key)
{
	if (!j->first)
		fputs(j->flat && j->depth >= j->flat ? ", " : ",", j->out);
	if (!(j->flat && j->depth >= j->flat))
		json_nl(j);
	j->first = false;
	if (key) {
		json_string(j->out, key);
		fputs(": ", j->out);
	}
}

static void json_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	if (s)
		json_string(j->out, s);
	else
		fputs("null", j->out);
}

static void json_int(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	fprintf(j->out, "%lld", (long long)v);
}

/* A whole number held as text ("175"), null when empty. */
static void json_num_text(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	fputs(s && *s ? s : "null", j->out);
}

static void json_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	fputs(v ? "true" : "false", j->out);
}

/* An amount in fen as yuan with two decimals, a JSON number (520.50). */
static void json_money(struct json *j, const char *key, int64_t fen)
{
	char buf[32];
	json_key(j, key);
	fputs(money_format(fen, buf), j->out);
}

/* A date of the sheet: "YYYY-MM-DD", or "MM-DD" when the year is not known. */
static void json_date(struct json *j, const char *key, const struct guest_date *d)
{
	char buf[16];
	json_str(j, key, date_format((struct date){d->year, d->month, d->day}, buf));
}

/* The preferences and dates of person (-1: the guest) as the members "prefs" and "dates". */
static void json_prefs_dates(struct json *j, const struct guest *g, int person)
{
	json_key(j, "prefs");
	json_open(j, '[');
	for (size_t i = 0; i < g->prefs.n; i++) {
		const struct guest_pref *p = &g->prefs.v[i];
		if (p->person != person)
			continue;
		json_key(j, NULL);
		json_open_as(j, '{', true);
		json_str(j, "kind", pref_kind_names[p->kind]);
		json_str(j, "severity", p->severity > SEV_NONE && p->severity < SEV_COUNT
						? severity_names[p->severity]
						: NULL);
		json_str(j, "text", p->text);
		if (person < 0)
			json_str(j, "person", NULL);
		else
			json_int(j, "person", person);
		json_close(j, '}');
	}
	json_close(j, ']');
	json_key(j, "dates");
	json_open(j, '[');
	for (size_t i = 0; i < g->dates.n; i++) {
		const struct guest_date *d = &g->dates.v[i];
		if (d->person != person)
			continue;
		json_key(j, NULL);
		json_open_as(j, '{', true);
		json_str(j, "kind", date_kind_names[d->kind]);
		json_str(j, "label", d->kind == DATE_OTHER ? d->label : NULL);
		json_date(j, "date", d);
		json_close(j, '}');
	}
	json_close(j, ']');
}

/* The members of guest g (the object open): the sheet with the stored codes, then its lists.
 * The people's own preferences and dates are theirs ("person": their index in "people"). The
 * fields of hidden hold what guest_mask put there: text, a number's too. */
static void json_guest_members(struct json *j, const struct guest *g, bool sensitive,
			       guest_field_set hidden)
{
	json_int(j, "id", g->id);
	for (int i = 0; i < GF_COUNT; i++) {
		if (!field_shown(i, sensitive))
			continue;
		if (guest_fields[i].type == FT_INT && !(hidden & GUEST_FIELD_BIT(i)))
			json_num_text(j, guest_fields[i].key, g->f[i]);
		else
			json_str(j, guest_fields[i].key, g->f[i]);
	}
	json_bool(j, "anonymised", g->anonymised);
	json_str(j, "created_at", g->created_at);
	json_str(j, "updated_at", g->updated_at);
	json_key(j, "phones");
	json_open(j, '[');
	for (size_t i = 0; i < g->phones.n; i++) {
		json_key(j, NULL);
		json_open_as(j, '{', true);
		json_str(j, "kind", g->phones.v[i].kind);
		json_str(j, "number", g->phones.v[i].number);
		json_close(j, '}');
	}
	json_close(j, ']');
	json_prefs_dates(j, g, -1);
	json_key(j, "people");
	json_open(j, '[');
	for (size_t i = 0; i < g->people.n; i++) {
		const struct guest_person *p = &g->people.v[i];
		json_key(j, NULL);
		json_open(j, '{');
		json_str(j, "relation", p->relation);
		json_str(j, "name", p->name);
		json_str(j, "notes", p->notes);
		json_prefs_dates(j, g, (int)i);
		json_close(j, '}');
	}
	json_close(j, ']');
	json_key(j, "tags");
	json_open(j, '[');
	for (size_t i = 0; i < g->tags.n; i++)
		json_str(j, NULL, g->tags.v[i]);
	json_close(j, ']');
	json_key(j, "notes");
	json_open(j, '[');
	for (size_t i = 0; i < g->notes.n; i++) {
		json_key(j, NULL);
		json_open(j, '{');
		json_str(j, "author", g->notes.v[i].author);
		json_str(j, "at", g->notes.v[i].at);
		json_str(j, "text", g->notes.v[i].text);
		json_close(j, '}');
	}
	json_close(j, ']');
}

/* ---- maitre export guests ---- */

enum store_status book_export_guests(struct store *st, const struct book_options *o, FILE *out,
				     const char *path, struct error *e)
{
	const char *headers[1 + GF_COUNT + BC_COUNT];
	unsigned numeric;
	int ncols = guest_headers(o->sensitive, headers, &numeric);
	struct sink k;
	struct json j = {out, 0, true, 0};
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	if (o->format == BOOK_JSON)
		json_open(&j, '[');
	else if ((rs = sink_open(&k, o->format, ncols, headers, numeric, out, path,
				 P_("book", "guests"), e)) != ST_OK)
		goto out;
	/* one guest at a time, in id order: memory does not grow with the book */
	int64_t id = 0;
	while ((rs = export_store_next_guest(st, id, &id)) == ST_OK) {
		struct guest g;
		if ((rs = guest_store_get(st, id, &g)) != ST_OK)
			break;
		if (o->format == BOOK_JSON) {
			json_key(&j, NULL);
			json_open(&j, '{');
			json_guest_members(&j, &g, o->sensitive, 0);
			json_close(&j, '}');
		} else {
			guest_row(&k, &g, o->sensitive);
		}
		guest_free(&g);
	}
	if (rs == ST_NOTFOUND)
		rs = ST_OK;
	if (o->format == BOOK_JSON) {
		json_close(&j, ']');
		fputc('\n', out);
	} else if (rs == ST_OK) {
		rs = sink_close(&k, path, e);
	} else {
		sink_abandon(&k);
	}
out:
	store_snapshot_end(st);
	return rs;
}

/* ---- maitre export visits ---- */

enum { VC_COUNT = 12 };

struct visit_rows {
	struct store *st;
	struct sink k;
	bool json;
	enum store_status rs;
};

static int visit_row(struct visit *v, void *ctx)
{
	struct visit_rows *r = ctx;
	struct sink *k = &r->k;
	char num[24], money[32];
	char *phone = NULL;
	if ((r->rs = export_store_first_phone(r->st, v->guest_id, &phone)) != ST_OK)
		return 1;
	sink_cell(k, cell_int(v->id, num));
	sink_cell(k, v->date);
	sink_cell(k, r->json ? meal_names[v->meal] : meal_label(v->meal));
	sink_cell(k, cell_int(v->guest_id, num));
	sink_cell(k, v->guest_name);
	sink_cell(k, phone);
	sink_cell(k, cell_int(v->covers, num));
	sink_cell(k, money_format(v->spend_fen, money));
	sink_cell(k, v->table_no);
	if (r->json) /* the code and the words typed, as stored */
		sink_cell(k, !v->voided_at ? NULL : v->void_code ? v->void_code : "void");
	char *why = v->voided_at ? void_reason_text(v->void_code, v->void_reason) : NULL;
	if (r->json)
		sink_cell(k, v->voided_at ? v->void_reason : NULL);
	else /* a void visit always says so, even one voided without words */
		sink_cell(k, !why ? NULL : *why ? why : P_("book", "void"));
	free(why);
	sink_cell(k, v->entered_by);
	sink_cell(k, v->created_at);
	free(phone);
	return 0;
}

enum store_status book_export_visits(struct store *st, const struct book_options *o, FILE *out,
				     const char *path, struct error *e)
{
	static const char *const columns[VC_COUNT] = {
		NC_("book column", "id"),         NC_("book column", "date"),
		NC_("book column", "meal"),       NC_("book column", "guest id"),
		NC_("book column", "guest name"), NC_("book column", "phone"),
		NC_("book column", "covers"),     NC_("book column", "spend"),
		NC_("book column", "table"),      NC_("book column", "void reason"),
		NC_("book column", "entered by"), NC_("book column", "entered at"),
	};
	/* JSON: the keys in English and the stored codes, the void's code beside its words */
	static const char *const keys[VC_COUNT + 1] = {
		"id",    "date",  "meal", "guest_id",    "guest_name", "phone",      "covers",
		"spend", "table", "void", "void_reason", "entered_by", "entered_at",
	};
	const unsigned numeric = 1u << 0 | 1u << 3 | 1u << 6 | 1u << 7;
	const char *headers[VC_COUNT];
	for (int c = 0; c < VC_COUNT; c++)
		headers[c] = i18n_ctx(columns[c]);
	struct visit_rows r = {.st = st, .json = o->format == BOOK_JSON};
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = sink_open(&r.k, o->format, r.json ? VC_COUNT + 1 : VC_COUNT,
			    r.json ? keys : headers, numeric, out, path, P_("book", "visits"), e)) !=
	    ST_OK)
		goto out;
	struct visit_filter f = {.from = o->from, .until = o->until, .with_voided = true};
	rs = visit_store_each(st, &f, visit_row, &r);
	if (rs == ST_OK)
		rs = r.rs;
	if (rs == ST_OK)
		rs = sink_close(&r.k, path, e);
	else
		sink_abandon(&r.k);
out:
	store_snapshot_end(st);
	return rs;
}

/* ---- maitre guest export ID ---- */

static int json_visit(struct visit *v, void *ctx)
{
	struct json *j = ctx;
	json_key(j, NULL);
	json_open(j, '{');
	json_int(j, "id", v->id);
	json_str(j, "date", v->date);
	json_str(j, "meal", meal_names[v->meal]);
	json_int(j, "covers", v->covers);
	json_money(j, "spend", v->spend_fen);
	json_str(j, "table", v->table_no);
	json_str(j, "notes", v->notes);
	json_str(j, "entered_by", v->entered_by);
	json_str(j, "entered_at", v->created_at);
	json_str(j, "voided_at", v->voided_at);
	json_str(j, "voided_by", v->voided_by);
	json_str(j, "void", v->void_code);
	json_str(j, "void_reason", v->voided_at ? v->void_reason : NULL);
	json_close(j, '}');
	return 0;
}

static const char *stamp(const char *s)
{
	return s && *s ? s : NULL;
}

static void json_complaint(struct json *j, const struct complaint *c,
			   const struct complaint_event *ev, size_t nev)
{
	json_key(j, NULL);
	json_open(j, '{');
	json_int(j, "id", c->id);
	if (c->visit_id)
		json_int(j, "visit_id", c->visit_id);
	else
		json_str(j, "visit_id", NULL);
	json_str(j, "at", c->at);
	json_str(j, "channel", complaint_channel_names[c->channel]);
	json_str(j, "category", complaint_category_names[c->category]);
	json_str(j, "severity", severity_names[c->severity]);
	json_str(j, "description", c->description);
	json_str(j, "staff_involved", c->staff_involved);
	json_str(j, "owner", c->owner);
	json_str(j, "status", complaint_status_names[c->status]);
	json_str(j, "resolution", c->resolution);
	if (c->has_compensation)
		json_money(j, "compensation", c->compensation_fen);
	else
		json_str(j, "compensation", NULL);
	json_str(j, "followed_up_at", stamp(c->followed_up_at));
	json_str(j, "verdict", c->verdict != CV_NONE ? complaint_verdict_names[c->verdict] : NULL);
	json_str(j, "followup_note", c->followup_note);
	json_str(j, "closed_at", stamp(c->closed_at));
	json_str(j, "logged_by", c->created_by);
	json_key(j, "timeline");
	json_open(j, '[');
	for (size_t i = 0; i < nev; i++) {
		json_key(j, NULL);
		json_open_as(j, '{', true);
		json_str(j, "at", ev[i].at);
		json_str(j, "staff", ev[i].staff);
		json_str(j, "action", ev[i].action);
		json_str(j, "from", ev[i].from >= 0 ? complaint_status_names[ev[i].from] : NULL);
		json_str(j, "to", ev[i].to >= 0 ? complaint_status_names[ev[i].to] : NULL);
		json_str(j, "note", ev[i].note);
		json_close(j, '}');
	}
	json_close(j, ']');
	json_close(j, '}');
}

static void json_record(const struct export_value *v, int n, void *ctx)
{
	struct json *j = ctx;
	json_key(j, NULL);
	json_open(j, '{');
	for (int i = 0; i < n; i++)
		if (v[i].number)
			json_num_text(j, v[i].key, v[i].value);
		else
			json_str(j, v[i].key, v[i].value);
	json_close(j, '}');
}

/* The guest's complaints as the member "complaints", each with its timeline. */
static enum store_status json_complaints(struct store *st, struct json *j, int64_t id)
{
	struct complaint_filter f = {.guest_id = id};
	struct complaint *cs = NULL;
	size_t n = 0;
	enum store_status rs = complaint_store_list(st, &f, &cs, &n);
	json_key(j, "complaints");
	json_open(j, '[');
	for (size_t i = 0; rs == ST_OK && i < n; i++) {
		struct complaint c;
		struct complaint_event *ev = NULL;
		size_t nev = 0;
		if ((rs = complaint_store_get(st, cs[i].id, &c, &ev, &nev)) != ST_OK)
			break;
		json_complaint(j, &c, ev, nev);
		complaint_free(&c);
		for (size_t k = 0; k < nev; k++)
			complaint_event_free(&ev[k]);
		free(ev);
	}
	json_close(j, ']');
	for (size_t i = 0; i < n; i++)
		complaint_free(&cs[i]);
	free(cs);
	return rs;
}

enum store_status book_export_guest(struct store *st, int64_t id, FILE *out,
				    guest_field_set hidden, const char *hidden_text)
{
	struct json j = {out, 0, true, 0};
	struct guest g;
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = guest_store_get(st, id, &g)) != ST_OK)
		goto out;
	/* written to memory first: a read that fails half way prints nothing */
	char *buf = NULL;
	size_t len = 0;
	j.out = open_memstream(&buf, &len);
	json_open(&j, '{');
	guest_mask(&g, hidden, hidden_text);
	json_guest_members(&j, &g, true, hidden);
	guest_free(&g);
	struct visit_filter f = {.guest_id = id, .with_voided = true};
	json_key(&j, "visits");
	json_open(&j, '[');
	rs = visit_store_each(st, &f, json_visit, &j);
	json_close(&j, ']');
	if (rs == ST_OK)
		rs = json_complaints(st, &j, id);
	for (int r = 0; rs == ST_OK && r < EXPORT_RECORDS_COUNT; r++) {
		json_key(&j, export_records_names[r]);
		json_open(&j, '[');
		rs = export_store_records(st, id, (enum export_records)r, json_record, &j);
		json_close(&j, ']');
	}
	/* the guests merged into this one keep their own sheets as they were: held too */
	int64_t *merged = NULL;
	size_t nmerged = 0;
	if (rs == ST_OK)
		rs = guest_store_merged(st, id, &merged, &nmerged);
	json_key(&j, "merged");
	json_open(&j, '[');
	for (size_t i = 0; rs == ST_OK && i < nmerged; i++) {
		if ((rs = guest_store_get(st, merged[i], &g)) != ST_OK)
			break;
		json_key(&j, NULL);
		json_open(&j, '{');
		guest_mask(&g, hidden, hidden_text);
		json_guest_members(&j, &g, true, hidden);
		guest_free(&g);
		json_close(&j, '}');
	}
	json_close(&j, ']');
	free(merged);
	json_close(&j, '}');
	fputc('\n', j.out);
	fclose(j.out);
	if (rs == ST_OK)
		fwrite(buf, 1, len, out);
	free(buf);
out:
	store_snapshot_end(st);
	return rs;
}

/* ---- GB18030 ---- */

struct gb18030 {
	FILE *out;
	iconv_t cd;
	char pend[4]; /* the start of a character cut by the end of a write */
	size_t npend;
};

/* Converts n bytes of UTF-8 at in to out; a sequence cut at the end is kept in c->pend
 * when keep, else (and an invalid byte anywhere) written as U+FFFD. -1 on a write error. */
static int gb_convert(struct gb18030 *c, const char *in, size_t n, bool keep)
{
	char buf[4096];
	while (n) {
		char *ip = (char *)in, *op = buf;
		size_t il = n, ol = sizeof buf;
		size_t r = iconv(c->cd, &ip, &il, &op, &ol);
		int err = r == (size_t)-1 ? errno : 0;
		if (op > buf && fwrite(buf, 1, (size_t)(op - buf), c->out) != (size_t)(op - buf))
			return -1;
		in = ip;
		n = il;
		if (!err || err == E2BIG)
			continue;
		if (err == EINVAL && keep && n < sizeof c->pend) {
			memcpy(c->pend, in, n);
			c->npend = n;
			return 0;
		}
		/* not UTF-8 (table.c and json_string write none): U+FFFD for the byte */
		static const char fffd[] = "\xef\xbf\xbd";
		char *fp = (char *)fffd, *fo = buf;
		size_t fl = 3, fol = sizeof buf;
		iconv(c->cd, &fp, &fl, &fo, &fol);
		if (fwrite(buf, 1, (size_t)(fo - buf), c->out) != (size_t)(fo - buf))
			return -1;
		in++;
		n--;
	}
	return 0;
}

static ssize_t gb_write(void *cookie, const char *data, size_t n)
{
	struct gb18030 *c = cookie;
	int rc;
	if (c->npend) {
		/* the character cut at the end of the last write, completed */
		size_t len = c->npend + n;
		char *tmp = xmalloc(len);
		memcpy(tmp, c->pend, c->npend);
		memcpy(tmp + c->npend, data, n);
		c->npend = 0;
		rc = gb_convert(c, tmp, len, true);
		free(tmp);
	} else {
		rc = gb_convert(c, data, n, true);
	}
	return rc < 0 ? -1 : (ssize_t)n;
}

static int gb_close(void *cookie)
{
	struct gb18030 *c = cookie;
	int rc = c->npend ? gb_convert(c, c->pend, c->npend, false) : 0;
	iconv_close(c->cd);
	free(c);
	return rc;
}

FILE *book_gb18030_stream(FILE *out)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	if (cd == (iconv_t)-1)
		return NULL;
	struct gb18030 *c = xcalloc(1, sizeof *c);
	c->out = out;
	c->cd = cd;
	cookie_io_functions_t io = {.write = gb_write, .close = gb_close};
	FILE *f = fopencookie(c, "w", io);
	if (!f) {
		iconv_close(cd);
		free(c);
	}
	return f;
}
