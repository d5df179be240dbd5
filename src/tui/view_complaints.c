/* view_complaints.c — the lists of complaints (F7, ":complaints"): open, overdue, mine or all,
 * filtered by category and severity. An overdue complaint shows in the overdue style with "!",
 * the deadline it missed and by how long, so that it stands out without colour too. Enter opens
 * the complaint (view_complaint.c).
 *
 * The argument on the ':' line: an optional list name, then filters, in any order:
 *     [open | overdue | mine | all] [category NAME] [severity NAME]
 * e.g. ":complaints overdue severity critical", ":complaints category waiting_time".
 * Names as the CLI takes them (or as the screen shows them in the language in use). */
#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "store/complaint_store.h"
#include "tui/complaint_ui.h"
#include "tui/draw.h"
#include "tui/list_cursor.h"
#include "tui/marks_cache.h"
#include "tui/tui.h"
#include "tui/widgets.h"

enum which { W_OPEN, W_OVERDUE, W_MINE, W_ALL, W_COUNT };
static const char *const which_names[W_COUNT] = {"open", "overdue", "mine", "all"};
static const char *const which_titles[W_COUNT] = {N_("open complaints"), N_("overdue complaints"),
						  N_("my complaints"), N_("all complaints")};

struct clist {
	enum which which;
	int category; /* -1: any */
	int severity; /* SEV_NONE: any */
	struct complaint *v;
	size_t n;
	size_t late; /* of v, past a deadline at now */
	char now[20];
	struct list_cursor cur;
	struct marks_cache marks; /* the guests' allergy and taboo marks */
	struct error err;
};

static void clist_clear(struct clist *d)
{
	marks_cache_clear(&d->marks);
	for (size_t i = 0; i < d->n; i++)
		complaint_free(&d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

/* Keeps the complaints that pass the category and severity filters (the store's indexes serve
 * the list; these two narrow a list already read). */
static void narrow(struct clist *d)
{
	size_t k = 0;
	for (size_t i = 0; i < d->n; i++) {
		struct complaint *c = &d->v[i];
		if ((d->category < 0 || (int)c->category == d->category) &&
		    (d->severity == SEV_NONE || (int)c->severity == d->severity))
			d->v[k++] = *c;
		else
			complaint_free(c);
	}
	d->n = k;
}

static void load(struct tui *t, struct clist *d)
{
	clist_clear(d);
	error_clear(&d->err);
	date_now_stamp(d->now);
	struct complaint_filter f = {.now = d->now, .rules = complaint_ui_rules(t)};
	f.open = d->which == W_OPEN || d->which == W_MINE;
	f.overdue = d->which == W_OVERDUE;
	if (d->which == W_MINE)
		f.owner = store_login(t->st);
	enum store_status s = complaint_store_list(t->st, &f, &d->v, &d->n);
	if (s == ST_NOTFOUND && d->which == W_MINE)
		s = ST_OK; /* a login that never owned one: an empty list */
	if (s != ST_OK)
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
	narrow(d);
	const struct complaint_rules *r = complaint_ui_rules(t);
	d->late = 0;
	for (size_t i = 0; i < d->n; i++)
		d->late += complaint_overdue(&d->v[i], r, d->now) != CD_NONE;
	list_cursor_first(&d->cur, d->n, 1);
}

static const char *title(struct tui *t, struct view *v)
{
	struct clist *d = v->data;
	return _(which_titles[d->which]);
}

/* The columns: x and width of each, the guest taking what the others leave. */
enum { K_ID, K_GUEST, K_CAT, K_SEV, K_STATUS, K_OWNER, K_LOGGED, K_DUE, K_COUNT };
struct layout {
	int x[K_COUNT], w[K_COUNT];
};

static void layout(int cols, struct layout *l)
{
	/* below 100 columns the logged column gives way, so that the status ("acknowledged") and
	 * the deadline ("! follow-up 13d 23h late") are whole; the guest keeps 10: "孙先生 !!✕" */
	bool wide = cols >= 100;
	int w[K_COUNT] = {
	    wide ? 5 : 4, 0, wide ? 12 : 7, 8, 12, wide ? 8 : 6, !wide ? 0 : cols >= 110 ? 11 : 6,
	    wide ? 24 : 25};
	int used = 1;
	for (int i = 0; i < K_COUNT; i++)
		used += w[i] + (i > 0 && (w[i] > 0 || i == K_GUEST));
	w[K_GUEST] = cols - used - 1;
	for (int i = 0, x = 1; i < K_COUNT; i++) {
		l->x[i] = x;
		l->w[i] = w[i];
		if (w[i] > 0)
			x += w[i] + 1;
	}
}

/* "open · 3 complaints, 1 overdue · category food · severity any". */
static void draw_summary(struct tui *t, struct clist *d, int w)
{
	char line[400];
	snprintf(line, sizeof line, _("listed %zu, overdue %zu · category: %s · severity: %s"),
		 d->n, d->late, d->category < 0 ? _("any") : complaint_ui_category(d->category),
		 d->severity == SEV_NONE ? _("any") : complaint_ui_severity(d->severity));
	draw_fill(1, 1, w - 2, line, draw_attr(t, TE_LABEL));
}

static void draw_row(struct tui *t, const struct layout *l, int y, const struct complaint *c,
		     const char *now, bool sel, const struct marks_cache *marks)
{
	char due[120], buf[32];
	enum complaint_deadline late =
	    complaint_ui_due(c, complaint_ui_rules(t), now, l->w[K_DUE] < 24, due, sizeof due);
	attr_t a = sel                      ? draw_attr(t, TE_SELECTION)
		   : late != CD_NONE        ? draw_attr(t, TE_OVERDUE)
		   : c->status == CS_CLOSED ? draw_attr(t, TE_DIM)
					    : draw_attr(t, TE_NORMAL);
	draw_fill(y, 0, t->cols, sel ? ">" : "", a);
	snprintf(buf, sizeof buf, "%lld", (long long)c->id);
	draw_right(y, l->x[K_ID], l->w[K_ID], buf, a);
	widget_name_marks(t, y, l->x[K_GUEST], l->w[K_GUEST], c->guest_name,
			  marks_cache_get(marks, c->guest_id), a);
	draw_text(y, l->x[K_CAT], l->w[K_CAT], complaint_ui_category(c->category), a, true);
	draw_text(y, l->x[K_SEV], l->w[K_SEV], complaint_ui_severity(c->severity), a, true);
	draw_text(y, l->x[K_STATUS], l->w[K_STATUS], complaint_ui_status(c->status), a, true);
	draw_text(y, l->x[K_OWNER], l->w[K_OWNER], c->owner ? c->owner : "-", a, true);
	/* logged: "06-30 19:05", or "06-30" when narrow */
	snprintf(buf, sizeof buf, "%.*s", l->w[K_LOGGED] >= 11 ? 11 : 5, c->at + 5);
	draw_text(y, l->x[K_LOGGED], l->w[K_LOGGED], buf, a, true);
	draw_text(y, l->x[K_DUE], l->w[K_DUE], due, a, true);
}

static int64_t guest_of(const void *list, size_t i)
{
	return ((const struct complaint *)list)[i].guest_id;
}

static void draw(struct tui *t, struct view *v)
{
	struct clist *d = v->data;
	int w = t->cols, bottom = t->rows - 3;
	if (error_is_set(&d->err)) {
		draw_wrap(2, 1, w - 2, 3, d->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	draw_summary(t, d, w);
	if (!d->n) {
		const char *none = d->which == W_ALL && d->category < 0 && d->severity == SEV_NONE
				       ? _("No complaints logged. On a guest's card, C logs one.")
				       : _("None in this list. l shows the next list; c and s "
					   "change the filters.");
		draw_text(3, 2, w - 4, none, draw_attr(t, TE_DIM), true);
		return;
	}
	struct layout l;
	layout(w, &l);
	attr_t lab = draw_attr(t, TE_LABEL);
	static const char *const heads[K_COUNT] = {
	    "#",          N_("guest"), N_("category"), N_("severity"),
	    N_("status"), N_("owner"), N_("logged"),   N_("deadline")};
	for (int i = 0; i < K_COUNT; i++) {
		if (i == K_ID)
			draw_right(2, l.x[i], l.w[i], heads[i], lab);
		else
			draw_text(2, l.x[i], l.w[i], _(heads[i]), lab, true);
	}
	int rows = bottom - 2;
	size_t first = list_cursor_first(&d->cur, d->n, rows);
	marks_cache_rows(t, &d->marks, first, rows, d->n, guest_of, d->v);
	for (size_t i = first; i < d->n && (int)(i - first) < rows; i++)
		draw_row(t, &l, 3 + (int)(i - first), &d->v[i], d->now, i == d->cur.sel, &d->marks);
}

/* Asks for a category or a severity; empty means any. A bad one is refused with the choices. */
static bool ask_filter(struct tui *t, struct clist *d, bool category)
{
	char *s = tui_prompt(t,
			     category ? _("Only the category (empty: any):")
				      : _("Only the severity (empty: any):"),
			     NULL);
	if (!s)
		return false;
	struct error why;
	int v = category ? -1 : SEV_NONE;
	bool ok = true;
	if (*s) {
		v = category ? complaint_ui_category_from(s, &why) : complaint_ui_severity_from(s, &why);
		if (v < 0) {
			tui_error(t, "%s", why.msg);
			ok = false;
		}
	}
	free(s);
	if (ok && category)
		d->category = v;
	else if (ok)
		d->severity = v;
	return ok;
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct clist *d = v->data;
	if (list_cursor_act(&d->cur, a, d->n, t->rows - 5) != HR_NOT_MINE)
		return HR_REDRAW;
	enum which w = d->which;
	switch (a) {
	case ACT_OPEN:
		if (d->n)
			tui_push(t, view_complaint_new(t, d->v[d->cur.sel].id));
		return HR_REDRAW;
	case ACT_CP_LIST:
		w = (d->which + 1) % W_COUNT;
		break;
	case ACT_CP_OPEN:
		w = W_OPEN;
		break;
	case ACT_CP_OVERDUE:
		w = W_OVERDUE;
		break;
	case ACT_CP_MINE:
		w = W_MINE;
		break;
	case ACT_CP_ALL:
		w = W_ALL;
		break;
	case ACT_CP_CATEGORY:
	case ACT_CP_SEVERITY:
		if (!ask_filter(t, d, a == ACT_CP_CATEGORY))
			return HR_REDRAW;
		break;
	default:
		return HR_NOT_MINE;
	}
	d->which = w;
	d->cur = (struct list_cursor){0};
	load(t, d);
	return HR_REDRAW;
}

static void reload(struct tui *t, struct view *v)
{
	struct clist *d = v->data;
	load(t, d);
}

static void clist_release(struct view *v)
{
	clist_clear(v->data);
}

static const enum action hints[] = {ACT_OPEN, ACT_CP_LIST, ACT_CP_CATEGORY, ACT_CP_SEVERITY,
				    ACT_NONE};

static const struct view_ops ops = {
    .name = "complaints",
    .scope = SC_COMPLAINTS | SC_LIST,
    .title = title,
    .draw = draw,
    .act = act,
    .reload = reload,
    .release = clist_release,
    .hints = hints,
};

/* Reads the argument (see the head of the file) into d; false with the reason said. */
static bool parse_arg(struct tui *t, struct clist *d, const char *arg)
{
	struct strv words = {0};
	char *copy = xstrdup(arg ? arg : "");
	for (char *w = strtok(copy, " \t"); w; w = strtok(NULL, " \t"))
		strv_push(&words, w);
	bool ok = true;
	struct error why;
	for (size_t i = 0; ok && i < words.n; i++) {
		const char *w = words.v[i];
		int k = 0;
		while (k < W_COUNT && strcmp(w, which_names[k]) != 0)
			k++;
		bool cat = strcmp(w, "category") == 0, sev = strcmp(w, "severity") == 0;
		if (k < W_COUNT) {
			d->which = (enum which)k;
		} else if ((cat || sev) && i + 1 < words.n) {
			const char *val = words.v[++i];
			int x = cat ? complaint_ui_category_from(val, &why)
				    : complaint_ui_severity_from(val, &why);
			if (x < 0) {
				tui_error(t, "complaints: %s", why.msg);
				ok = false;
			} else if (cat) {
				d->category = x;
			} else {
				d->severity = x;
			}
		} else {
			tui_error(
			    t,
			    _("complaints: \"%s\" is not understood; say [open|overdue|mine|all] "
			      "[category NAME] [severity NAME]"),
			    w);
			ok = false;
		}
	}
	free(copy);
	strv_free(&words);
	return ok;
}

struct view *view_complaints_new(struct tui *t, const char *arg)
{
	struct view *v = tui_view_new(&ops, sizeof(struct clist));
	struct clist *d = v->data;
	d->category = -1;
	d->severity = SEV_NONE;
	if (!parse_arg(t, d, arg)) {
		tui_view_free(v);
		return NULL;
	}
	load(t, d);
	return v;
}
