/* view_import.c — :import FILE (:import visits FILE): maitre import's dry run on the open
 * database, shown before anything is written — the file, its format, the counts, which column
 * is which field, the first rows as they would be imported (their allergies and taboos marked
 * as the lookup marks them), every message — and then the question: y imports (the good rows
 * only, --skip-bad, when some were refused), n or Esc leaves with nothing written. Both runs
 * are import_run's own transactions: none is open while the question waits for a key. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/strv.h"
#include "export/book_export.h"
#include "import/import.h"
#include "tui/draw.h"
#include "tui/tui.h"
#include "tui/widgets.h"

/* The guest rows shown as the file maps them. */
#define PREVIEW_ROWS 8

/* A guest row as mapped, as the preview shows it. */
struct preview_row {
	size_t line;
	char *name, *phone, *employer, *allergies, *taboos; /* NULL: none */
};

enum step {
	STEP_ASK,     /* the dry run is shown: import? */
	STEP_NOTHING, /* the dry run found no row to import */
	STEP_FAILED,  /* the file (or the database) failed: import_run's reason in error */
	STEP_DONE,    /* imported */
};

struct imp {
	enum import_kind kind;
	char *path;           /* as given, ~/ expanded */
	char *format;         /* "CSV, GB18030", or NULL before the file was opened */
	struct strv headers;  /* the header row's columns (blank ones left out) */
	struct strv fields;   /* the field each names ("" for none) */
	struct preview_row rows[PREVIEW_ROWS];
	size_t nrows;
	struct import_counts n; /* the last run's */
	struct strv msgs;     /* the last run's report, a message a line */
	char *error;          /* the last run's failure, or NULL */
	char *result;         /* what the real run did, or NULL */
	enum step step;
	size_t top;           /* the first item shown */
};

/* ---- what import_run tells ---- */

static void on_file(void *ctx, enum reader_format f, const char *encoding)
{
	struct imp *m = ctx;
	const char *name = f == RF_XLSX  ? _("Excel workbook (.xlsx)")
			   : f == RF_XLS ? _("Excel 97-2003 workbook (.xls)")
			   : f == RF_TSV ? _("tab-separated text")
					 : "CSV";
	free(m->format);
	m->format = f == RF_XLSX || f == RF_XLS ? xstrdup(name)
						: xasprintf("%s, %s", name, encoding ? encoding : "?");
}

static void on_header(void *ctx, size_t n, char *const *header, const char *const *field)
{
	struct imp *m = ctx;
	strv_free(&m->headers);
	strv_free(&m->fields);
	for (size_t i = 0; i < n; i++) {
		if (!header[i][0])
			continue;
		strv_push(&m->headers, header[i]);
		strv_push(&m->fields, field[i] ? field[i] : "");
	}
}

static void on_row(void *ctx, size_t line, const struct guest *g)
{
	struct imp *m = ctx;
	if (m->nrows == PREVIEW_ROWS)
		return;
	struct preview_row *r = &m->rows[m->nrows++];
	r->line = line;
	r->name = g->f[GF_NAME] ? xstrdup(g->f[GF_NAME]) : NULL;
	r->employer = g->f[GF_EMPLOYER] ? xstrdup(g->f[GF_EMPLOYER]) : NULL;
	if (g->phones.n) {
		/* the number as it will be stored (+86 and spaces gone) */
		char *norm = NULL;
		struct error e;
		if (guest_phone_check(g->phones.v[0].number, &norm, &e) < 0)
			norm = xstrdup(g->phones.v[0].number);
		r->phone = g->phones.n == 1 ? xstrdup(norm)
					    : xasprintf("%s+%zu", norm, g->phones.n - 1);
		free(norm);
	}
	/* "花生 (critical), 虾 (high)": the form widget_safety_marks shows */
	r->allergies = guest_prefs_text(g, -1, PREF_ALLERGY, severity_names);
	r->taboos = guest_prefs_text(g, -1, PREF_TABOO, severity_names);
}

static void rows_free(struct imp *m)
{
	for (size_t i = 0; i < m->nrows; i++) {
		struct preview_row *r = &m->rows[i];
		free(r->name);
		free(r->phone);
		free(r->employer);
		free(r->allergies);
		free(r->taboos);
	}
	m->nrows = 0;
}

/* Runs the import (dry or real) into m: its counts, report and failure. Returns import_run's
 * answer. */
static int run(struct tui *t, struct imp *m, bool dry_run, bool skip_bad)
{
	struct import_preview p = {.ctx = m, .on_file = on_file, .on_header = on_header};
	if (dry_run) {
		rows_free(m);
		p.on_row = on_row;
		p.rows = PREVIEW_ROWS;
	}
	struct import_options o = {.path = m->path, .on_match = IM_FILL, .dry_run = dry_run,
				   .skip_bad = skip_bad, .preview = &p};
	char *report = NULL;
	size_t len = 0;
	o.report = open_memstream(&report, &len);
	import_counts_free(&m->n);
	strv_free(&m->msgs);
	free(m->error);
	m->error = NULL;
	struct error e;
	error_clear(&e);
	int r = import_run(t->st, m->kind, &o, &m->n, &e);
	if (o.report)
		fclose(o.report);
	for (char *s = report, *nl; s && *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s) - 1;
		else
			*nl = '\0';
		strv_push(&m->msgs, s);
	}
	free(report);
	if (r < 0)
		m->error = xstrdup(e.msg);
	return r;
}

/* ---- drawing: the page as items, scrolled an item at a time ---- */

enum item_kind {
	IT_FIELD,   /* a label and its value: text is the label */
	IT_TEXT,    /* text wrapped, in elem */
	IT_RULE,
	IT_MAP,     /* a line of the column grid: from column i on */
	IT_ROWHEAD, /* the titles of the preview's columns */
	IT_ROW,     /* preview row i */
};

struct item {
	enum item_kind kind;
	const char *text, *value;
	enum theme_elem elem;
	size_t i;
};

struct items {
	struct item *v;
	size_t n, cap;
	struct strv own; /* texts made for the items */
};

static void add(struct items *l, enum item_kind k, const char *text, const char *value,
		enum theme_elem e, size_t i)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 32;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = (struct item){k, text, value, e, i};
}

/* text made for the page: kept until the items are freed */
static const char *own(struct items *l, char *s)
{
	strv_take(&l->own, s);
	return s;
}

/* "姓名 → full_name" or "客户来源 → ?" */
static char *map_entry(const struct imp *m, size_t i)
{
	const char *f = m->fields.v[i];
	return xasprintf("%s → %s", m->headers.v[i], f[0] ? book_field_label(f) : "?");
}

/* The grid of columns: cell width and cells a line in w columns. */
static void map_grid(const struct imp *m, int w, int *cellw, size_t *per)
{
	int widest = 1;
	for (size_t i = 0; i < m->headers.n; i++) {
		char *s = map_entry(m, i);
		int cw = draw_width(s);
		free(s);
		widest = cw > widest ? cw : widest;
	}
	*cellw = widest + 3 < w ? widest + 3 : w;
	*per = (size_t)(w / *cellw);
	if (!*per)
		*per = 1;
}

static void build(struct tui *t, const struct imp *m, struct items *l)
{
	int w = t->cols - 2;
	if (m->path[0])
		add(l, IT_FIELD, _("file"), m->path, TE_NORMAL, 0);
	if (m->format)
		add(l, IT_FIELD, _("format"), m->format, TE_NORMAL, 0);
	if (m->error)
		add(l, IT_TEXT, m->error, NULL, TE_ERROR, 0);
	if (m->step != STEP_FAILED || m->n.rows) {
		add(l, IT_TEXT, own(l, import_summary(&m->n)), NULL, TE_TITLE, 0);
		if (m->n.blank)
			add(l, IT_TEXT, own(l, xasprintf(_("blank rows ignored: %zu"), m->n.blank)),
			    NULL, TE_NORMAL, 0);
		if (m->n.possible)
			add(l, IT_TEXT,
			    own(l, xasprintf(_("rows taken as a guest by name and employer only: %zu "
					       "(see the messages)"),
					     m->n.possible)),
			    NULL, TE_WARNING, 0);
	}
	if (m->step == STEP_DONE && m->n.months.n) {
		/* visits: the tiers of these months are as they were until recomputed */
		struct sbuf b = {0};
		for (size_t i = 0; i < m->n.months.n; i++)
			sbuf_printf(&b, "%s%s", i ? " " : "", m->n.months.v[i]);
		add(l, IT_TEXT,
		    own(l, xasprintf(_("months touched: %s (their tiers: maitre tier recompute "
				       "--month M)"),
				     b.s)),
		    NULL, TE_WARNING, 0);
		sbuf_free(&b);
	}
	if (m->headers.n) {
		add(l, IT_RULE, NULL, NULL, TE_BORDER, 0);
		add(l, IT_TEXT, _("columns → fields"), NULL, TE_LABEL, 0);
		int cellw;
		size_t per;
		map_grid(m, w, &cellw, &per);
		bool unknown = false;
		for (size_t i = 0; i < m->headers.n; i += per)
			add(l, IT_MAP, NULL, NULL, TE_NORMAL, i);
		for (size_t i = 0; i < m->fields.n; i++)
			unknown = unknown || !m->fields.v[i][0];
		if (unknown)
			add(l, IT_TEXT, _("?: no field of the sheet: the column is left out"), NULL,
			    TE_WARNING, 0);
	}
	if (m->nrows) {
		add(l, IT_RULE, NULL, NULL, TE_BORDER, 0);
		add(l, IT_TEXT,
		    m->step == STEP_DONE ? _("the first rows imported")
					 : _("the first rows as they would be imported"),
		    NULL, TE_LABEL, 0);
		add(l, IT_ROWHEAD, NULL, NULL, TE_LABEL, 0);
		for (size_t i = 0; i < m->nrows; i++)
			add(l, IT_ROW, NULL, NULL, TE_NORMAL, i);
	}
	if (m->msgs.n) {
		add(l, IT_RULE, NULL, NULL, TE_BORDER, 0);
		add(l, IT_TEXT, own(l, xasprintf(_("messages: %zu"), m->msgs.n)), NULL, TE_LABEL, 0);
		for (size_t i = 0; i < m->msgs.n; i++)
			add(l, IT_TEXT, m->msgs.v[i], NULL, TE_NORMAL, 0);
	}
}

static void items_free(struct items *l)
{
	free(l->v);
	strv_free(&l->own);
}

/* Columns of a preview row in w columns. */
struct cols {
	int line, name, phone, employer, safety;
};

static struct cols row_cols(int w)
{
	struct cols c = {5, 14, 14, 0, 0};
	int rest = w - c.line - c.name - c.phone - 4;
	c.safety = rest * 60 / 100; /* allergies and taboos come before the employer */
	c.employer = rest - c.safety;
	return c;
}

/* Draws item it at row y (measure: only counts): the rows it takes. */
static int draw_item(struct tui *t, const struct imp *m, const struct item *it, int y, int maxrows,
		     bool measure)
{
	int x = 1, w = t->cols - 2;
	switch (it->kind) {
	case IT_FIELD:
		if (!measure) {
			draw_text(y, x, 10, it->text, draw_attr(t, TE_LABEL), true);
			draw_text(y, x + 10, w - 10, it->value, draw_attr(t, TE_NORMAL), true);
		}
		return 1;
	case IT_TEXT:
		return draw_wrap(y, x, w, measure ? 0 : maxrows, it->text, draw_attr(t, it->elem));
	case IT_RULE:
		if (!measure)
			widget_rule(t, y, 0, t->cols);
		return 1;
	case IT_MAP: {
		int cellw;
		size_t per;
		map_grid(m, w, &cellw, &per);
		for (size_t i = it->i; !measure && i < it->i + per && i < m->headers.n; i++) {
			char *s = map_entry(m, i);
			enum theme_elem e = m->fields.v[i][0] ? TE_NORMAL : TE_WARNING;
			draw_text(y, x + (int)(i - it->i) * cellw, cellw - 1, s, draw_attr(t, e), true);
			free(s);
		}
		return 1;
	}
	case IT_ROWHEAD:
	case IT_ROW: {
		if (measure)
			return 1;
		struct cols c = row_cols(w);
		const struct preview_row *r = it->kind == IT_ROW ? &m->rows[it->i] : NULL;
		attr_t a = draw_attr(t, r ? TE_NORMAL : TE_LABEL);
		char line[24];
		snprintf(line, sizeof line, "%zu", r ? r->line : 0);
		draw_right(y, x, c.line, r ? line : _("row"), a);
		x += c.line + 1;
		draw_text(y, x, c.name, r ? (r->name ? r->name : "") : _("address as"), a, true);
		x += c.name + 1;
		draw_text(y, x, c.phone, r ? (r->phone ? r->phone : "") : _("phone"), a, true);
		x += c.phone + 1;
		if (r)
			widget_safety_marks(t, y, x, c.safety, r->allergies, r->taboos);
		else
			draw_text(y, x, c.safety, _("allergies · taboos"), a, true);
		x += c.safety + 1;
		draw_text(y, x, c.employer, r ? (r->employer ? r->employer : "") : _("employer"), a,
			  true);
		return 1;
	}
	}
	return 1;
}

/* Rows for the page: between the title and the question line. */
static int page_rows(const struct tui *t)
{
	int n = tui_view_rows(t) - 1;
	return n > 1 ? n : 1;
}

/* The first item from which the rest of the page fits. */
static size_t last_top(struct tui *t, const struct imp *m, const struct items *l)
{
	int left = page_rows(t);
	size_t i = l->n;
	while (i > 0) {
		int h = draw_item(t, m, &l->v[i - 1], 0, 0, true);
		if (h > left)
			break;
		left -= h;
		i--;
	}
	return i < l->n ? i : (l->n ? l->n - 1 : 0);
}

/* The question, or what came of it, on the line above the hints. */
static void draw_bottom(struct tui *t, const struct imp *m)
{
	int y = t->rows - 3;
	char q[400], line[420];
	size_t good = m->n.rows - m->n.rejected;
	enum theme_elem e = TE_MESSAGE;
	switch (m->step) {
	case STEP_ASK:
		if (m->n.rejected)
			snprintf(q, sizeof q, _("rows refused: %zu. Import the other %zu?"),
				 m->n.rejected, good);
		else
			snprintf(q, sizeof q, ngettext("import %zu row?", "import %zu rows?", good),
				 good);
		snprintf(q + strlen(q), sizeof q - strlen(q), " %s", _("(y/n)"));
		e = TE_WARNING;
		break;
	case STEP_NOTHING:
		snprintf(q, sizeof q, "%s", _("no row to import: nothing written"));
		e = TE_WARNING;
		break;
	case STEP_FAILED:
		snprintf(q, sizeof q, "%s", m->result ? m->result : _("not imported: nothing written"));
		e = TE_ERROR;
		break;
	case STEP_DONE:
		snprintf(q, sizeof q, "%s", m->result);
		e = TE_MESSAGE;
		break;
	}
	snprintf(line, sizeof line, " %s", q);
	draw_fill(y, 0, t->cols, line, draw_attr(t, e));
}

static void draw(struct tui *t, struct view *v)
{
	struct imp *m = v->data;
	struct items l = {0};
	build(t, m, &l);
	size_t last = last_top(t, m, &l);
	if (m->top > last)
		m->top = last;
	int y = 1, bottom = page_rows(t);
	for (size_t i = m->top; i < l.n && y <= bottom; i++)
		y += draw_item(t, m, &l.v[i], y, bottom - y + 1, false);
	items_free(&l);
	draw_bottom(t, m);
}

static const char *title(struct tui *t, struct view *v)
{
	(void)t;
	struct imp *m = v->data;
	static char buf[300];
	if (!m->path[0])
		return _("import");
	const char *slash = strrchr(m->path, '/');
	snprintf(buf, sizeof buf, m->kind == IK_GUESTS ? _("import guests: %s") : _("import visits: %s"),
		 slash ? slash + 1 : m->path);
	return buf;
}

/* y: the real run, the good rows only when the dry run refused some. */
static void import_now(struct tui *t, struct imp *m)
{
	bool skip_bad = m->n.rejected > 0;
	int r = run(t, m, false, skip_bad);
	free(m->result);
	m->result = NULL;
	m->top = 0;
	if (r == 0 && m->n.written) {
		m->step = STEP_DONE;
		m->result = xasprintf(_("written: batch %" PRId64 " (maitre import undo %" PRId64
					" takes it back)"),
				      m->n.batch, m->n.batch);
		tui_changed(t);
		tui_message(t, "%s", m->result);
		return;
	}
	/* the book changed since the dry run (a phone now someone else's), or the file did */
	m->step = STEP_FAILED;
	m->result = r > 0 ? xasprintf(_("nothing written: rows refused: %zu"), m->n.rejected)
			  : xstrdup(_("not imported: nothing written"));
}

/* The same screen once there is nothing to ask: its hints without y and n (made from ops as
 * the first import screen opens). */
static struct view_ops ops_asked;

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct imp *m = v->data;
	struct items l = {0};
	build(t, m, &l);
	size_t last = last_top(t, m, &l);
	items_free(&l);
	if (widget_page_act(&m->top, a, last, (size_t)page_rows(t)) != HR_NOT_MINE)
		return HR_REDRAW;
	switch (a) {
	case ACT_IMPORT:
		if (m->step == STEP_ASK) {
			import_now(t, m);
			v->ops = &ops_asked;
		}
		return HR_REDRAW;
	case ACT_IMPORT_NO:
		if (m->step == STEP_ASK)
			tui_message(t, "%s", _("not imported: nothing written"));
		tui_pop(t);
		return HR_REDRAW;
	case ACT_BACK:
	case ACT_QUIT:
		if (m->step == STEP_ASK)
			tui_message(t, "%s", _("not imported: nothing written"));
		return HR_NOT_MINE;
	default:
		return HR_NOT_MINE;
	}
}

static void import_release(struct view *v)
{
	struct imp *m = v->data;
	free(m->path);
	free(m->format);
	strv_free(&m->headers);
	strv_free(&m->fields);
	rows_free(m);
	import_counts_free(&m->n);
	strv_free(&m->msgs);
	free(m->error);
	free(m->result);
}

static const enum action hints[] = {ACT_IMPORT, ACT_IMPORT_NO, ACT_PAGE_DOWN, ACT_NONE};
static const enum action hints_asked[] = {ACT_PAGE_DOWN, ACT_NONE};

static const struct view_ops ops = {
	.name = "import",
	.scope = SC_IMPORT | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.release = import_release,
	.hints = hints,
};

/* arg: [guests | visits] FILE (guests when not said; ~/ is the home directory). Runs the dry
 * run as the screen opens; a file that cannot be imported opens it too, with the reason, and
 * so does no file at all (what to type). */
struct view *view_import_new(struct tui *t, const char *arg)
{
	enum import_kind kind = IK_GUESTS;
	const char *path = arg;
	if (path && (strncmp(path, "visits ", 7) == 0 || strncmp(path, "guests ", 7) == 0)) {
		kind = path[0] == 'v' ? IK_VISITS : IK_GUESTS;
		path += 7 + strspn(path + 7, " ");
	}
	if (!ops_asked.name) {
		ops_asked = ops;
		ops_asked.hints = hints_asked;
	}
	struct view *v = tui_view_new(&ops, sizeof(struct imp));
	struct imp *m = v->data;
	m->kind = kind;
	const char *home = getenv("HOME");
	if (!path || !*path)
		m->path = xstrdup("");
	else if (path[0] == '~' && path[1] == '/' && home)
		m->path = xasprintf("%s%s", home, path + 1);
	else
		m->path = xstrdup(path);
	int r = -1;
	if (!*m->path)
		m->error = xstrdup(_("import: which file? :import FILE, or :import visits FILE"));
	else
		r = run(t, m, true, false);
	if (r < 0)
		m->step = STEP_FAILED;
	else if (m->n.rows == m->n.rejected)
		m->step = STEP_NOTHING;
	else
		m->step = STEP_ASK;
	if (m->step != STEP_ASK)
		v->ops = &ops_asked;
	return v;
}
