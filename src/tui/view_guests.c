/* view_guests.c — the guests behind a figure of the dashboard (a tier, those of it who came,
 * the movers, the top spenders), the biggest spenders first, with their allergy and taboo
 * marks; Enter opens the guest's card. Opened from the dashboard only. */
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "store/report_store.h"
#include "store/search_store.h"
#include "tui/draw.h"
#include "tui/list_cursor.h"
#include "tui/tui.h"
#include "tui/widgets.h"

struct guests {
	struct date m;
	enum report_list what;
	char tier[8], grp[24];
	bool any_grp; /* every group of the letter (grp unused) */
	struct report_guest *v;
	size_t n;
	int64_t spend; /* of them all, fen */
	struct list_cursor cur;
	/* names and marks of the lines shown: v[sum_first .. sum_first + sum_n) */
	struct guest_summary *sum;
	size_t sum_first, sum_n;
	struct error err;
};

static void drop_summaries(struct guests *g)
{
	for (size_t i = 0; i < g->sum_n; i++)
		guest_summary_free(&g->sum[i]);
	free(g->sum);
	g->sum = NULL;
	g->sum_n = 0;
}

static void load(struct tui *t, struct guests *g)
{
	drop_summaries(g);
	free(g->v);
	g->v = NULL;
	g->n = 0;
	error_clear(&g->err);
	enum store_status s = report_store_guests(t->st, t->rules, g->m, g->what, g->tier,
						  g->any_grp ? NULL : g->grp, &g->v, &g->n);
	if (s != ST_OK)
		error_set(&g->err, 0, "%s", tui_store_error(t, s));
	g->spend = 0;
	for (size_t i = 0; i < g->n; i++)
		g->spend += g->v[i].spend;
	list_cursor_first(&g->cur, g->n, 1);
}

/* Reads the names and marks of the rows lines from first, unless they are at hand: only what
 * is shown is read, however long the list. */
static void summaries(struct tui *t, struct guests *g, size_t first, size_t rows)
{
	if (first + rows > g->n)
		rows = g->n - first;
	if (g->sum && g->sum_first == first && g->sum_n == rows)
		return;
	drop_summaries(g);
	int64_t *ids = xcalloc(rows ? rows : 1, sizeof *ids);
	g->sum = xcalloc(rows ? rows : 1, sizeof *g->sum);
	for (size_t i = 0; i < rows; i++)
		ids[i] = g->v[first + i].guest_id;
	char mk[8];
	enum store_status s =
		search_store_summaries(t->st, ids, rows, date_month_key(g->m, mk), g->sum);
	if (s == ST_OK) {
		g->sum_first = first;
		g->sum_n = rows;
	} else {
		free(g->sum);
		g->sum = NULL;
		error_set(&g->err, 0, "%s", tui_store_error(t, s));
	}
	free(ids);
}

static const char *title(struct tui *t, struct view *v)
{
	struct guests *g = v->data;
	static char buf[160];
	char mk[8], tier[48] = "";
	date_month_key(g->m, mk);
	if (g->tier[0])
		snprintf(tier, sizeof tier, "%s %s", g->tier, tr_data(g->grp));
	switch (g->what) {
	case RL_TIER:
		if (g->tier[0])
			snprintf(buf, sizeof buf, _("%s: guests of %s"), mk, tier);
		else
			snprintf(buf, sizeof buf, _("%s: untiered guests"), mk);
		break;
	case RL_CAME:
		if (g->tier[0])
			snprintf(buf, sizeof buf, _("%s: guests of %s who came"), mk, tier);
		else
			snprintf(buf, sizeof buf, _("%s: untiered guests who came"), mk);
		break;
	case RL_PROMOTED:
		snprintf(buf, sizeof buf, _("%s: guests promoted"), mk);
		break;
	case RL_DEMOTED:
		snprintf(buf, sizeof buf, _("%s: guests demoted"), mk);
		break;
	case RL_TOP2:
		snprintf(buf, sizeof buf, _("%s: the top 2 %% of guests by spend"), mk);
		break;
	default:
		snprintf(buf, sizeof buf, _("%s: the top 20 %% of guests by spend"), mk);
	}
	return buf;
}

/* "C → A" for a mover, else the tier in force. */
static void draw_tier(struct tui *t, const struct guests *g, const struct report_guest *r, int y,
		      int x)
{
	if (g->what == RL_PROMOTED || g->what == RL_DEMOTED) {
		x += r->prev_tier[0] ? widget_tier_badge(t, y, x, r->prev_tier, r->prev_grp, false)
		                     : draw_text(y, x, 3, "—", draw_attr(t, TE_DIM), false);
		x += draw_text(y, x + 1, 2, g->what == RL_PROMOTED ? "▲" : "▼",
		               draw_attr(t, TE_NORMAL), false) +
		     2;
	}
	if (r->tier[0])
		widget_tier_badge(t, y, x, r->tier, r->grp, true);
	else
		draw_text(y, x, 10, _("untiered"), draw_attr(t, TE_DIM), true);
}

static void draw_header(struct tui *t, const struct guests *g, int w)
{
	attr_t lab = draw_attr(t, TE_LABEL);
	char sum[160], money[32];
	snprintf(sum, sizeof sum, _("guests: %zu · spent this month: ¥%s"), g->n,
	         money_format_yuan(g->spend, money));
	draw_fill(1, 1, w - 2, sum, lab);
	draw_text(2, 2, 16, _("address as"), lab, true);
	draw_text(2, 19, 22, _("tier"), lab, true);
	draw_right(2, 42, 6, _("visits"), lab);
	draw_right(2, 49, 10, _("spend"), lab);
	draw_text(2, 61, w - 62, _("allergies · taboos"), lab, true);
}

static void draw(struct tui *t, struct view *v)
{
	struct guests *g = v->data;
	int w = t->cols, bottom = t->rows - 3, rows = bottom - 2;
	if (error_is_set(&g->err)) {
		draw_fill(2, 1, w - 2, g->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	draw_header(t, g, w);
	if (!g->n) {
		draw_text(3, 2, w - 4, _("No guests."), draw_attr(t, TE_DIM), true);
		return;
	}
	size_t first = list_cursor_first(&g->cur, g->n, rows);
	summaries(t, g, first, (size_t)rows);
	for (size_t i = first; i < g->n && (int)(i - first) < rows; i++) {
		const struct report_guest *r = &g->v[i];
		const struct guest_summary *s = g->sum ? &g->sum[i - first] : NULL;
		int y = 3 + (int)(i - first);
		bool sel = i == g->cur.sel;
		attr_t a = sel ? draw_attr(t, TE_SELECTION) : draw_attr(t, TE_NORMAL);
		char buf[32], money[32];
		draw_fill(y, 0, w, sel ? ">" : "", a);
		draw_text(y, 2, 16, s && s->name ? s->name : "", a, true);
		draw_tier(t, g, r, y, 19);
		snprintf(buf, sizeof buf, "%ld", r->visits);
		draw_right(y, 42, 6, buf, a);
		snprintf(buf, sizeof buf, "¥%s", money_format_short(r->spend, money));
		draw_right(y, 49, 10, buf, a);
		if (s)
			widget_safety_marks(t, y, 61, w - 62, s->allergies, s->taboos);
	}
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct guests *g = v->data;
	if (list_cursor_act(&g->cur, a, g->n, t->rows - 5) != HR_NOT_MINE)
		return HR_REDRAW;
	if (a == ACT_OPEN) {
		if (g->n)
			tui_push(t, view_guest_new(t, g->v[g->cur.sel].guest_id));
		return HR_REDRAW;
	}
	return HR_NOT_MINE;
}

static void reload(struct tui *t, struct view *v)
{
	struct guests *g = v->data;
	int64_t at = g->n ? g->v[g->cur.sel].guest_id : 0;
	load(t, g);
	for (size_t i = 0; i < g->n; i++) /* the selected guest stays selected */
		if (g->v[i].guest_id == at)
			g->cur.sel = i;
}

static void guests_release(struct view *v)
{
	struct guests *g = v->data;
	drop_summaries(g);
	free(g->v);
}

static const enum action hints[] = {ACT_OPEN, ACT_NONE};

static const struct view_ops ops = {
	.name = "guests",
	.scope = SC_GUESTS | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = guests_release,
	.hints = hints,
};

struct view *view_guests_new(struct tui *t, struct date m, int what, const char *tier,
			     const char *grp)
{
	struct view *v = tui_view_new(&ops, sizeof(struct guests));
	struct guests *g = v->data;
	g->m = m;
	g->what = (enum report_list)what;
	snprintf(g->tier, sizeof g->tier, "%s", tier ? tier : "");
	snprintf(g->grp, sizeof g->grp, "%s", grp ? grp : "");
	g->any_grp = !grp;
	load(t, g);
	return v;
}
