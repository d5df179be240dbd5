/* view_duplicates.c — ':duplicates': the guests who may be one person (dup_store_find, as
 * maitre guest duplicates lists them), the highest score first, two rows a pair: the score and
 * both guests with their allergy and taboo marks, then the reasons and both employers. Enter
 * shows the pair side by side to merge (view_merge.c, the older guest kept); x says they are two
 * people (dup_store_dismiss), and the pair is never offered again. Groups too large to list as
 * pairs (a switchboard's number) are counted at the end, for the command line. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/dup.h"
#include "core/strv.h"
#include "store/dup_store.h"
#include "store/search_store.h"
#include "tui/draw.h"
#include "tui/list_cursor.h"
#include "tui/tui.h"
#include "tui/widgets.h"

struct dups {
	bool loaded;
	struct error err;
	struct dup_result r;
	struct guest_summary *sum; /* 2 a pair: sum[2i] is pair i's a, sum[2i + 1] its b */
	struct list_cursor cur;
};

static struct dups *D(struct view *v)
{
	return v->data;
}

static void clear_dups(struct dups *d)
{
	if (!d->loaded)
		return;
	for (size_t i = 0; i < 2 * d->r.npairs; i++)
		guest_summary_free(&d->sum[i]);
	free(d->sum);
	d->sum = NULL;
	dup_result_free(&d->r);
	d->loaded = false;
}

static void load(struct tui *t, struct dups *d)
{
	clear_dups(d);
	error_clear(&d->err);
	struct dup_opts o = {0};
	enum store_status s = dup_store_find(t->st, &o, &d->r);
	if (s != ST_OK) {
		dup_result_free(&d->r);
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
		return;
	}
	size_t n = 2 * d->r.npairs;
	int64_t *ids = xcalloc(n + 1, sizeof *ids);
	for (size_t i = 0; i < d->r.npairs; i++) {
		ids[2 * i] = d->r.pairs[i].a;
		ids[2 * i + 1] = d->r.pairs[i].b;
	}
	d->sum = xcalloc(n + 1, sizeof *d->sum);
	char month[11];
	date_month_key(date_prev_month(date_month_start(date_today())), month);
	s = n ? search_store_summaries(t->st, ids, n, month, d->sum) : ST_OK;
	free(ids);
	if (s != ST_OK) {
		free(d->sum);
		d->sum = NULL;
		dup_result_free(&d->r);
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
		return;
	}
	d->loaded = true;
}

static const char *title(struct tui *t, struct view *v)
{
	return _("possible duplicates");
}

/* The pairs shown at once: two rows each, below the line that counts them. */
static int page(const struct tui *t)
{
	int p = (tui_view_rows(t) - 2) / 2;
	return p < 1 ? 1 : p;
}

/* "#12 孙总 (孙立国)" and the marks, in w columns at (y, x); compared: the name the pair
 * was compared by. */
static void guest_cell(struct tui *t, int y, int x, int w, int64_t id,
		       const struct guest_summary *s, const char *compared, attr_t a)
{
	char num[24];
	snprintf(num, sizeof num, "#%" PRId64 " ", id);
	int nw = draw_text(y, x, w, num, a, false);
	char *name = dup_name_shown(s->name ? s->name : "", compared);
	widget_name_marks(t, y, x + nw, w - nw, name, s, a);
	free(name);
}

static void draw(struct tui *t, struct view *v)
{
	struct dups *d = D(v);
	int w = t->cols;
	if (!d->loaded) {
		draw_fill(2, 1, w - 2, d->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	char head[200];
	if (!d->r.npairs)
		snprintf(head, sizeof head, _("no duplicates found among %" PRId64 " guests"),
			 d->r.guests);
	else
		snprintf(head, sizeof head,
			 ngettext("%zu pair among %" PRId64 " guests, the likeliest first",
				  "%zu pairs among %" PRId64 " guests, the likeliest first",
				  d->r.npairs),
			 d->r.npairs, d->r.guests);
	draw_fill(1, 1, w - 2, head, draw_attr(t, TE_LABEL));
	int rows = page(t), y = 2, cw = (w - 8) / 2;
	size_t first = list_cursor_first(&d->cur, d->r.npairs, rows);
	for (size_t i = first; i < d->r.npairs && i < first + (size_t)rows; i++, y += 2) {
		const struct dup_pair *p = &d->r.pairs[i];
		const struct guest_summary *a = &d->sum[2 * i], *b = &d->sum[2 * i + 1];
		bool sel = i == d->cur.sel;
		attr_t at = draw_attr(t, TE_NORMAL) | (sel ? A_REVERSE : 0);
		char score[8];
		snprintf(score, sizeof score, "%3d", p->score);
		draw_text(y, 0, 1, sel ? "▸" : " ", draw_attr(t, TE_NORMAL), false);
		draw_text(y, 1, 4, score, at, false);
		guest_cell(t, y, 6, cw, p->a, a, p->name_a, sel ? at : draw_attr(t, TE_NORMAL));
		guest_cell(t, y, 7 + cw, cw, p->b, b, p->name_b, sel ? at : draw_attr(t, TE_NORMAL));
		char *why = dup_reasons_text(p->reasons);
		char *line = xasprintf("%s · %s / %s", why, a->employer ? a->employer : "-",
				       b->employer ? b->employer : "-");
		draw_text(y + 1, 6, w - 7, line, draw_attr(t, TE_DIM), true);
		free(line);
		free(why);
	}
	if (d->r.ngroups && y <= t->rows - 3) {
		char more[200];
		snprintf(more, sizeof more,
			 ngettext("%zu group too large to list as pairs: maitre guest duplicates",
				  "%zu groups too large to list as pairs: maitre guest duplicates",
				  d->r.ngroups),
			 d->r.ngroups);
		draw_fill(y, 1, w - 2, more, draw_attr(t, TE_DIM));
	}
}

/* x: the selected pair are two people, after a question. */
static enum handler_result not_same(struct tui *t, struct dups *d)
{
	const struct dup_pair *p = &d->r.pairs[d->cur.sel];
	int64_t a = p->a, b = p->b;
	char *q = xasprintf(_("Guests %" PRId64 " and %" PRId64 " are two people: never offer "
			      "them again?"),
			    a, b);
	bool yes = tui_confirm(t, q);
	free(q);
	if (!yes)
		return HR_REDRAW;
	enum store_status s = dup_store_dismiss(t->st, a, b);
	if (s != ST_OK) {
		tui_error(t, "%s", tui_store_error(t, s));
		return HR_REDRAW;
	}
	tui_changed(t);
	tui_message(t, _("guests %" PRId64 " and %" PRId64 ": not the same, not offered again"),
		    a, b);
	load(t, d);
	return HR_REDRAW;
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct dups *d = D(v);
	size_t n = d->loaded ? d->r.npairs : 0;
	if (list_cursor_act(&d->cur, a, n, page(t)) != HR_NOT_MINE)
		return HR_REDRAW;
	switch (a) {
	case ACT_OPEN:
		if (n)
			tui_push(t, view_merge_new(t, d->r.pairs[d->cur.sel].a,
						   d->r.pairs[d->cur.sel].b));
		return HR_REDRAW;
	case ACT_NOT_SAME:
		return n ? not_same(t, d) : HR_HANDLED;
	case ACT_DUPLICATES:
		load(t, d);
		return HR_REDRAW;
	default:
		return HR_NOT_MINE;
	}
}

static void reload(struct tui *t, struct view *v)
{
	load(t, D(v));
}

static void release(struct view *v)
{
	clear_dups(D(v));
}

static const enum action hints[] = {ACT_OPEN, ACT_NOT_SAME, ACT_DUPLICATES, ACT_NONE};

static const struct view_ops ops = {
	.name = "duplicates",
	.scope = SC_DUPLICATES | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = release,
	.hints = hints,
};

/* ':duplicates' (arg unused). */
struct view *view_duplicates_new(struct tui *t, const char *arg)
{
	(void)arg;
	struct view *v = tui_view_new(&ops, sizeof(struct dups));
	load(t, D(v));
	return v;
}
