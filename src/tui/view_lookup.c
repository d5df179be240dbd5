/* view_lookup.c — the first screen: one query box, results at every keystroke. */
#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/text.h"
#include "store/search_store.h"
#include "tui/cmdline.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/tui.h"
#include "tui/widgets.h"

/* A page is SEARCH_PAGE results, more on a taller terminal: as many as its rows hold. */
#define LOOKUP_PAGE_MAX 80

struct lookup {
	struct edit q;
	bool list_focus;
	struct search_hit hits[LOOKUP_PAGE_MAX + 1];
	struct guest_summary sums[LOOKUP_PAGE_MAX];
	size_t n, page, sel;
	size_t psize; /* results a page, for the height of the terminal */
	bool more;
	int64_t shown[LOOKUP_PAGE_MAX]; /* the ids of the page before this search */
	size_t nshown;
	struct error err;
};

static struct lookup *L(struct view *v)
{
	return v->data;
}

static void clear_results(struct lookup *l)
{
	for (size_t i = 0; i < l->n; i++)
		guest_summary_free(&l->sums[i]);
	l->n = 0;
	l->more = false;
}

/* Results a page: SEARCH_PAGE, or as many as the rows of a taller terminal show (all but the
 * query, the header, the status, two rows of safety data and the frame's). */
static size_t page_size(const struct tui *t)
{
	int rows = t->rows - 10;
	if (rows <= SEARCH_PAGE)
		return SEARCH_PAGE;
	return rows > LOOKUP_PAGE_MAX ? LOOKUP_PAGE_MAX : (size_t)rows;
}

/* Runs the query for the current page. */
static void search(struct tui *t, struct lookup *l)
{
	clear_results(l);
	error_clear(&l->err);
	size_t found = 0, first = l->page * (l->psize ? l->psize : SEARCH_PAGE);
	l->psize = page_size(t);
	l->page = first / l->psize; /* the first result shown stays on the page at a new size */
	enum store_status s = search_store_find(t->st, l->q.buf, l->page * l->psize, l->psize + 1,
						l->hits, &found);
	if (s == ST_OK && found) {
		l->more = found > l->psize;
		size_t n = l->more ? l->psize : found;
		int64_t ids[LOOKUP_PAGE_MAX];
		for (size_t i = 0; i < n; i++)
			ids[i] = l->hits[i].guest_id;
		char month[11];
		date_month_key(date_today(), month);
		s = search_store_summaries(t->st, ids, n, month, l->sums);
		if (s == ST_OK)
			l->n = n;
		for (size_t i = 0; i < l->n; i++) /* a query of digits: the phone it matched */
			search_summary_phone(&l->sums[i], l->q.buf);
	}
	if (s != ST_OK)
		error_set(&l->err, 0, "%s", tui_store_error(t, s));
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
	bool same = l->n == l->nshown;
	for (size_t i = 0; i < l->n && same; i++)
		same = l->sums[i].id == l->shown[i];
	t->page_changed = t->page_changed || !same;
	for (size_t i = 0; i < l->n; i++)
		l->shown[i] = l->sums[i].id;
	l->nshown = l->n;
}

static const char *title(struct tui *t, struct view *v)
{
	return _("guest lookup");
}

static void draw(struct tui *t, struct view *v)
{
	struct lookup *l = L(v);
	int w = t->cols, bottom = t->rows - 3; /* last row of the view */
	const char *label = _("Find: ");
	int lw = draw_width(label);
	draw_text(1, 1, lw, label, draw_attr(t, TE_LABEL), false);
	edit_draw(&l->q, 1, 1 + lw, w - lw - 2,
		  l->list_focus ? draw_attr(t, TE_NORMAL) : draw_attr(t, TE_FIELD));
	if (!l->q.len) {
		char k[4][16];
		/* the keys as bound now (config.yaml may rebind them) */
		char *keys = xasprintf(_("%s opens the guest card; %s adds a new guest; %s shows "
					 "today's visits; %s the dashboard."),
				       tui_key_of(t, ACT_OPEN, k[0]), tui_key_of(t, ACT_NEW_GUEST, k[1]),
				       tui_key_of(t, ACT_TODAY, k[2]), tui_key_of(t, ACT_DASHBOARD, k[3]));
		const char *tips[] = {
			_("Type a few letters of a name (孙, 孙先生), its pinyin (sunxiansheng) or "
			  "initials (sxs),"),
			_("the last digits of a phone number (5678), or three characters of an employer."),
			keys,
		};
		/* each on its line when it fits; else wrapped whole, the first two as one sentence */
		int y = 3, tw = w - 4;
		char *joined = NULL;
		if (draw_width(tips[0]) > tw || draw_width(tips[1]) > tw) {
			size_t n = strlen(tips[0]);
			bool ascii_end = n && (unsigned char)tips[0][n - 1] < 0x80; /* not "，" */
			joined = xasprintf("%s%s%s", tips[0], ascii_end ? " " : "", tips[1]);
		}
		if (joined)
			y += draw_wrap(y, 2, tw, 4, joined, draw_attr(t, TE_DIM));
		for (int i = joined ? 2 : 0; i < 3; i++)
			y += draw_wrap(y, 2, tw, 3, tips[i], draw_attr(t, TE_DIM));
		free(joined);
		free(keys);
		return;
	}
	if (error_is_set(&l->err)) {
		draw_fill(3, 1, w - 2, l->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	if (!l->n) {
		char line[400];
		snprintf(line, sizeof line, _("No guest matches \"%s\". ^N adds a new guest."), l->q.buf);
		draw_text(3, 2, w - 4, line, draw_attr(t, TE_DIM), true);
		return;
	}
	/* the selected guest's safety data in full at the bottom, never truncated */
	const struct guest_summary *sel = &l->sums[l->sel];
	int prev_rows = widget_safety_rows(t, sel->allergies, sel->taboos, w - 2);
	int list_end = bottom - prev_rows - 1; /* last row of the list */
	widget_result_header(t, 2, w);
	int rows = list_end - 2;
	size_t first = l->sel >= (size_t)rows ? l->sel - (size_t)rows + 1 : 0;
	for (size_t i = first; i < l->n && (int)(i - first) < rows; i++)
		widget_result_line(t, 3 + (int)(i - first), w, &l->sums[i],
				   i == l->sel && (l->list_focus || l->q.len));
	char status[160];
	snprintf(status, sizeof status, _("page %zu%s · ↑↓ select · Enter open"), l->page + 1,
		 l->more ? _(", more: PgDn") : "");
	draw_fill(list_end + 1, 1, w - 2, status, draw_attr(t, TE_DIM));
	widget_safety(t, bottom - prev_rows + 1, 1, w - 2, sel->allergies, sel->taboos);
}

static void move_sel(struct tui *t, struct lookup *l, long delta)
{
	long s = (long)l->sel + delta;
	if (s >= (long)l->n && l->more) {
		l->page++;
		search(t, l);
		l->sel = 0;
		return;
	}
	if (s < 0 && l->page > 0) {
		l->page--;
		search(t, l);
		l->sel = l->n ? l->n - 1 : 0;
		return;
	}
	if (s < 0)
		s = 0;
	if (s >= (long)l->n)
		s = l->n ? (long)l->n - 1 : 0;
	l->sel = (size_t)s;
}

/* A new guest, with the query as the name or (digits) the phone. */
static void new_guest(struct tui *t, struct lookup *l)
{
	const char *q = l->q.buf;
	bool digits = q[0] && strspn(q, "0123456789 -+") == strlen(q);
	tui_push(t, view_form_new(t, 0, digits ? NULL : q, digits ? q : NULL));
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct lookup *l = L(v);
	bool changed = false;
	/* on an empty query, '?' and ':' are the keys they are everywhere else */
	if (a == ACT_CHAR && !l->q.len && (ch == '?' || ch == ':')) {
		cmdline_open_named(t, ch == '?' ? "help" : "command");
		return HR_REDRAW;
	}
	if (!l->list_focus && edit_act(&l->q, a, ch, &changed)) {
		if (changed) {
			l->page = 0;
			l->sel = 0;
			search(t, l);
		}
		return HR_REDRAW;
	}
	switch (a) {
	case ACT_CHAR: /* a letter typed in the list: back to the query */
		l->list_focus = false;
		edit_act(&l->q, a, ch, &changed);
		l->page = l->sel = 0;
		search(t, l);
		return HR_REDRAW;
	case ACT_SEARCH:
		l->list_focus = !l->list_focus && l->n > 0;
		return HR_REDRAW;
	case ACT_BACK:
		if (l->list_focus) {
			l->list_focus = false;
			return HR_REDRAW;
		}
		if (l->q.len) {
			edit_set(&l->q, "");
			clear_results(l);
			l->nshown = 0;
			l->page = l->sel = 0;
			return HR_REDRAW;
		}
		return HR_HANDLED;
	case ACT_QUIT:
		return HR_NOT_MINE; /* the frame quits from the first screen */
	case ACT_UP:
		move_sel(t, l, -1);
		return HR_REDRAW;
	case ACT_DOWN:
		move_sel(t, l, 1);
		return HR_REDRAW;
	case ACT_PAGE_DOWN:
		if (l->more) {
			l->page++;
			l->sel = 0;
			search(t, l);
		}
		return HR_REDRAW;
	case ACT_PAGE_UP:
		if (l->page) {
			l->page--;
			l->sel = 0;
			search(t, l);
		}
		return HR_REDRAW;
	case ACT_TOP:
		l->sel = 0;
		return HR_REDRAW;
	case ACT_BOTTOM:
		l->sel = l->n ? l->n - 1 : 0;
		return HR_REDRAW;
	case ACT_OPEN:
		if (l->n)
			tui_push(t, view_guest_new(t, l->sums[l->sel].id));
		return HR_REDRAW;
	case ACT_NEW_GUEST:
		new_guest(t, l);
		return HR_REDRAW;
	case ACT_VISIT:
		if (l->n)
			tui_push(t, view_visit_new(t, l->sums[l->sel].id, 0));
		else
			tui_message(t, "%s", _("Select a guest first."));
		return HR_REDRAW;
	default:
		return HR_NOT_MINE;
	}
}

static void reload(struct tui *t, struct view *v)
{
	struct lookup *l = L(v);
	if (l->q.len) {
		size_t sel = l->sel;
		search(t, l);
		l->sel = sel < l->n ? sel : (l->n ? l->n - 1 : 0);
	}
}

static bool typing(struct view *v)
{
	return !L(v)->list_focus;
}

static bool cursor(struct tui *t, struct view *v, int *y, int *x)
{
	struct lookup *l = L(v);
	if (l->list_focus)
		return false;
	int lw = draw_width(_("Find: "));
	*y = 1;
	*x = edit_draw(&l->q, 1, 1 + lw, t->cols - lw - 2, draw_attr(t, TE_FIELD));
	return true;
}

static void lookup_release(struct view *v)
{
	clear_results(L(v));
}

static const enum action hints[] = {ACT_OPEN, ACT_NEW_GUEST, ACT_VISIT, ACT_TODAY, ACT_NONE};

static const struct view_ops ops = {
	.name = "lookup",
	.scope = SC_LOOKUP | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = lookup_release,
	.typing = typing,
	.cursor = cursor,
	.hints = hints,
};

struct view *view_lookup_new(struct tui *t, const char *arg)
{
	(void)arg; /* the first screen: brought back as it was */
	return tui_view_new(&ops, sizeof(struct lookup));
}
