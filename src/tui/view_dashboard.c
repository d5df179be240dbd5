/* view_dashboard.c — the manager's first screen (F4, ":dashboard 2026-06"): a month against
 * the one before — guests per tier as bars, movers, visits, covers and revenue per tier, the
 * share of revenue from the top guests — and today's work: open alerts, overdue complaints,
 * special dates with their gifts, calls and visits due. Every figure is selectable and opens
 * the list behind it. */
#include <stdlib.h>
#include <string.h>

#include "config/settings.h"
#include "core/money.h"
#include "store/alert_store.h"
#include "store/complaint_store.h"
#include "store/privacy_store.h"
#include "store/report_store.h"
#include "store/tier_store.h"
#include "tui/cmdline.h"
#include "tui/draw.h"
#include "tui/list_cursor.h"
#include "tui/tui.h"
#include "tui/widgets.h"

/* What a selectable figure opens. */
enum fig_kind {
	FIG_TIER,     /* guests of a tier */
	FIG_CAME,     /* the tier's visits, covers and revenue: its guests who came */
	FIG_PROMOTED, /* movers */
	FIG_DEMOTED,
	FIG_TOP2,
	FIG_TOP20,
	FIG_RED, /* open alerts by light */
	FIG_YELLOW,
	FIG_OVERDUE,  /* overdue complaints */
	FIG_DATES,    /* special dates: the agenda */
	FIG_CONTACTS, /* calls and visits due: the agenda */
};

struct fig {
	enum fig_kind kind;
	size_t tier; /* FIG_TIER, FIG_CAME: index into the month's tiers */
};

struct dash {
	struct date m; /* the month shown (d = 1) */
	struct report_month rm;
	struct report_today td;
	bool stored; /* tiers are stored for the month (it is not after the latest computed) */
	long red, yellow, overdue;
	bool overdue_known; /* complaint deadlines need the rules */
	int retain_years;   /* privacy.retain_years (0: off, no line) */
	int64_t due;        /* guests due for anonymising */
	struct fig figs[80];
	size_t nfigs;
	struct list_cursor cur; /* over figs (all of them shown) */
	struct error err;
};

static void add_fig(struct dash *d, enum fig_kind kind, size_t tier)
{
	if (d->nfigs < sizeof d->figs / sizeof d->figs[0])
		d->figs[d->nfigs++] = (struct fig){kind, tier};
}

/* The figures in the order they stand on the screen (the selection moves along it). */
static void list_figs(struct dash *d)
{
	d->nfigs = 0;
	for (size_t i = 0; i < d->rm.ntiers; i++) {
		if (d->rm.tiers[i].tier[0] && d->stored)
			add_fig(d, FIG_TIER, i);
		add_fig(d, FIG_CAME, i);
	}
	for (enum fig_kind k = FIG_PROMOTED; k <= FIG_CONTACTS; k++)
		if (d->stored || (k != FIG_PROMOTED && k != FIG_DEMOTED))
			add_fig(d, k, 0);
	list_cursor_first(&d->cur, d->nfigs, (int)d->nfigs);
}

static enum store_status count_overdue(struct tui *t, struct dash *d)
{
	d->overdue = 0;
	d->overdue_known = t->rules != NULL;
	if (!t->rules)
		return ST_OK;
	char now[20];
	struct complaint_filter f = {.overdue = true, .now = date_now_stamp(now),
				     .rules = &t->rules->complaints};
	struct complaint *v = NULL;
	size_t n = 0;
	enum store_status s = complaint_store_list(t->st, &f, &v, &n);
	for (size_t i = 0; i < n; i++)
		complaint_free(&v[i]);
	free(v);
	d->overdue = (long)n;
	return s;
}

static void load(struct tui *t, struct dash *d)
{
	report_month_free(&d->rm);
	error_clear(&d->err);
	enum store_status s = report_store_month(t->st, t->rules, d->m, &d->rm);
	/* a month after the latest computed has no tier rows: against the month before, every
	 * tiered guest would read as demoted */
	struct tier_rules_state rs;
	char mk[8];
	d->stored = true;
	if (s == ST_OK && t->rules)
		s = tier_store_rules_state(t->st, t->rules->hash, &rs);
	if (s == ST_OK && t->rules)
		d->stored = rs.latest_month[0] && strcmp(date_month_key(d->m, mk), rs.latest_month) <= 0;
	if (s == ST_OK)
		s = report_store_today(t->st, t->rules, date_today(), &d->td);
	if (s == ST_OK)
		s = alert_store_open_counts(t->st, &d->red, &d->yellow);
	if (s == ST_OK)
		s = count_overdue(t, d);
	/* retention, when it is on: one count (privacy_store.h) */
	d->retain_years = settings_retain_years();
	if (s == ST_OK && d->retain_years)
		s = privacy_store_due_count(t->st, date_today(), d->retain_years, &d->due);
	if (s != ST_OK)
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
	list_figs(d);
}

static const char *title(struct tui *t, struct view *v)
{
	struct dash *d = v->data;
	static char buf[96];
	char mk[8];
	snprintf(buf, sizeof buf, _("dashboard · %s"), date_month_key(d->m, mk));
	/* a running month's figures and tiers are provisional (domain.md §4) */
	struct date held = tier_held_month(date_today());
	if (d->m.y * 12 + d->m.m == held.y * 12 + held.m + 1) {
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, " %s", _("so far"));
	}
	return buf;
}

/* The attribute of figure (kind, tier): the selection's when it is the selected one. */
static attr_t fig_attr(struct tui *t, const struct dash *d, enum fig_kind kind, size_t tier,
		       attr_t normal)
{
	const struct fig *f = d->nfigs ? &d->figs[d->cur.sel] : NULL;
	return f && f->kind == kind && f->tier == tier ? draw_attr(t, TE_SELECTION) : normal;
}

/* A figure drawn at (y, x) as "label value" with the value selectable; returns the columns. */
static int draw_fig(struct tui *t, const struct dash *d, int y, int x, int w, const char *label,
		    const char *value, enum fig_kind kind, attr_t normal)
{
	int used = 0;
	if (label && *label && w > 0) {
		used = draw_text(y, x, w, label, draw_attr(t, TE_LABEL), true);
		used += used < w ? 1 : 0;
	}
	char buf[64];
	snprintf(buf, sizeof buf, " %s ", value);
	if (w > used)
		used +=
		    draw_text(y, x + used, w - used, buf, fig_attr(t, d, kind, 0, normal), true);
	return used;
}

/* The name of a tier row: "A quality", or "untiered". */
static void tier_name(const struct report_tier *r, char *buf, size_t len)
{
	if (!r->tier[0])
		snprintf(buf, len, "%s", _("untiered"));
	else
		snprintf(buf, len, "%s %s", r->tier, tr_data(r->grp));
}

/* Columns of the tier rows for a screen w wide. */
struct tier_cols {
	int name, bar, count, change, came, visits, covers, revenue;
};

static struct tier_cols tier_layout(int w)
{
	struct tier_cols c = {12, 0, 8, 6, 7, 8, 8, 13};
	c.bar = w - 2 - c.name - c.count - c.change - c.came - c.visits - c.covers - c.revenue - 2;
	if (c.bar < 4)
		c.bar = 4;
	return c;
}

static void draw_tier_header(struct tui *t, const struct dash *d, int y, int w,
			     const struct tier_cols *c)
{
	attr_t lab = draw_attr(t, TE_LABEL);
	char buf[160], mk[8];
	snprintf(buf, sizeof buf, _("guests per tier (against %s)"),
		 date_month_key(date_prev_month(d->m), mk));
	int x = 1 + c->name;
	draw_text(y, 1, c->name + c->bar + c->count + c->change, buf, lab, true);
	x += c->bar + c->count + c->change + 1;
	draw_right(y, x, c->came, _("came"), lab);
	x += c->came;
	draw_right(y, x, c->visits, _("visits"), lab);
	x += c->visits;
	draw_right(y, x, c->covers, _("covers"), lab);
	x += c->covers;
	draw_right(y, x, w - x - 1 < c->revenue ? w - x - 1 : c->revenue, _("revenue"), lab);
}

/* The right-hand columns of a tier row: guests who came (in came_attr), visits, covers and
 * revenue. */
static void draw_came(int y, const struct tier_cols *c, const struct report_tier *r,
		      attr_t came_attr, attr_t attr)
{
	char buf[48], money[32];
	int x = 1 + c->name + c->bar + c->count + c->change + 1;
	snprintf(buf, sizeof buf, "%ld", r->came);
	draw_right(y, x, c->came, buf, came_attr);
	x += c->came;
	snprintf(buf, sizeof buf, "%ld", r->visits);
	draw_right(y, x, c->visits, buf, attr);
	x += c->visits;
	snprintf(buf, sizeof buf, "%ld", r->covers);
	draw_right(y, x, c->covers, buf, attr);
	x += c->covers;
	snprintf(buf, sizeof buf, "¥%s", money_format_yuan(r->spend, money));
	draw_right(y, x, c->revenue, buf, attr);
}

/* A bar of n blocks: it shows in monochrome too. */
static void draw_bar(struct tui *t, int y, int x, int n, const char *tier)
{
	char bar[3 * 200 + 1];
	int k = 0;
	for (int i = 0; i < n && i < 200; i++) {
		memcpy(bar + k, "█", 3);
		k += 3;
	}
	bar[k] = '\0';
	enum theme_elem e = tier[0] ? widget_tier_elem(tier) : TE_DIM;
	draw_text(y, x, n, bar, draw_attr(t, e), false);
}

static void draw_tier_row(struct tui *t, const struct dash *d, size_t i, long widest, int y,
			  const struct tier_cols *c)
{
	const struct report_tier *r = &d->rm.tiers[i];
	attr_t norm = draw_attr(t, TE_NORMAL);
	char buf[64];
	tier_name(r, buf, sizeof buf);
	draw_text(y, 1, c->name - 1, buf,
	          r->tier[0] ? draw_attr(t, widget_tier_elem(r->tier)) : draw_attr(t, TE_DIM),
	          true);
	int x = 1 + c->name;
	if (r->tier[0] && d->stored) {
		int n = widest ? (int)((r->guests * c->bar + widest - 1) / widest) : 0;
		draw_bar(t, y, x, n, r->tier);
		snprintf(buf, sizeof buf, "%ld", r->guests);
		draw_right(y, x + c->bar, c->count, buf, fig_attr(t, d, FIG_TIER, i, norm));
		long ch = r->guests - r->guests_before;
		snprintf(buf, sizeof buf, ch > 0 ? "+%ld" : ch < 0 ? "%ld" : "±0", ch);
		draw_right(y, x + c->bar + c->count, c->change, buf, draw_attr(t, TE_DIM));
	}
	draw_came(y, c, r, fig_attr(t, d, FIG_CAME, i, norm), norm);
}

/* The month's guests who came, visits, covers and revenue, all tiers together. */
static void draw_total(struct tui *t, const struct dash *d, int y, const struct tier_cols *c)
{
	struct report_tier all = {.came = d->rm.pareto.guests};
	for (size_t i = 0; i < d->rm.ntiers; i++) {
		all.visits += d->rm.tiers[i].visits;
		all.covers += d->rm.tiers[i].covers;
		all.spend += d->rm.tiers[i].spend;
	}
	attr_t lab = draw_attr(t, TE_LABEL);
	draw_text(y, 1, c->name - 1, _("all"), lab, true);
	draw_came(y, c, &all, lab, lab);
}

/* The tier rows from y; returns the next free row. */
static int draw_tiers(struct tui *t, const struct dash *d, int y, int w, int bottom)
{
	struct tier_cols c = tier_layout(w);
	draw_tier_header(t, d, y++, w, &c);
	long widest = 0;
	for (size_t i = 0; i < d->rm.ntiers; i++)
		if (d->rm.tiers[i].guests > widest)
			widest = d->rm.tiers[i].guests;
	if ((!d->rm.ntiers || !d->stored) && y <= bottom)
		draw_text(y++, 2, w - 4,
		          _("No tiers stored for this month (maitre tier recompute)."),
		          draw_attr(t, TE_DIM), true);
	for (size_t i = 0; i < d->rm.ntiers && y <= bottom; i++)
		draw_tier_row(t, d, i, widest, y++, &c);
	if (d->rm.ntiers && y <= bottom)
		draw_total(t, d, y++, &c);
	return y;
}

static void percent(char *buf, size_t len, int64_t part, int64_t whole)
{
	if (whole > 0)
		snprintf(buf, len, "%.1f %%", (double)part * 100.0 / (double)whole);
	else
		snprintf(buf, len, "—");
}

static int draw_movers_pareto(struct tui *t, const struct dash *d, int y, int w)
{
	attr_t norm = draw_attr(t, TE_NORMAL);
	char v[64], lab[96];
	int x = 1;
	if (d->stored)
		snprintf(v, sizeof v, "▲ %ld", d->rm.promoted);
	else
		snprintf(v, sizeof v, "—");
	x += draw_fig(t, d, y, x, w - x, _("movers: promoted"), v, FIG_PROMOTED, norm) + 2;
	if (d->stored)
		snprintf(v, sizeof v, "▼ %ld", d->rm.demoted);
	draw_fig(t, d, y, x, w - x, _("demoted"), v, FIG_DEMOTED, norm);
	y++;
	const struct report_pareto *p = &d->rm.pareto;
	x = 1;
	snprintf(lab, sizeof lab, _("share of revenue: top 2 %% (%ld)"), p->top2_guests);
	percent(v, sizeof v, p->top2_revenue, p->revenue);
	x += draw_fig(t, d, y, x, w - x, lab, v, FIG_TOP2, norm) + 2;
	snprintf(lab, sizeof lab, _("top 20 %% (%ld)"), p->top20_guests);
	percent(v, sizeof v, p->top20_revenue, p->revenue);
	draw_fig(t, d, y, x, w - x, lab, v, FIG_TOP20, norm);
	return y + 1;
}

static int draw_today(struct tui *t, const struct dash *d, int y, int w, int bottom)
{
	attr_t norm = draw_attr(t, TE_NORMAL);
	char v[96], money[32], money2[32];
	int x = 1;
	snprintf(v, sizeof v, "%ld", d->red);
	x += draw_fig(t, d, y, x, w - x, _("open alerts: red"), v, FIG_RED,
		      d->red ? draw_attr(t, TE_ERROR) : norm) + 1;
	snprintf(v, sizeof v, "%ld", d->yellow);
	x += draw_fig(t, d, y, x, w - x, _("yellow"), v, FIG_YELLOW,
		      d->yellow ? draw_attr(t, TE_WARNING) : norm) + 2;
	if (d->overdue_known)
		snprintf(v, sizeof v, "%ld", d->overdue);
	else
		snprintf(v, sizeof v, "?");
	draw_fig(t, d, y, x, w - x, _("overdue complaints"), v, FIG_OVERDUE,
		 d->overdue ? draw_attr(t, TE_OVERDUE) : norm);
	if (++y > bottom)
		return y;
	const struct report_today *td = &d->td;
	snprintf(v, sizeof v, _("%ld / %ld, gifts due ¥%s / ¥%s"), td->dates_today, td->dates_week,
	         money_format_yuan(td->gift_fen_today, money),
	         money_format_yuan(td->gift_fen_week, money2));
	draw_fig(t, d, y, 1, w - 2, _("special dates: today / this week"), v, FIG_DATES,
		 td->gifts_today ? draw_attr(t, TE_WARNING) : norm);
	if (++y > bottom)
		return y;
	snprintf(v, sizeof v, _("%ld calls, %ld visits"), td->calls_due, td->visits_due);
	draw_fig(t, d, y, 1, w - 2, _("contacts due today"), v, FIG_CONTACTS, norm);
	if (!d->retain_years || ++y > bottom)
		return y + 1;
	/* not a figure: maitre privacy sweep lists them */
	snprintf(v, sizeof v,
		 ngettext("due for anonymising: %lld guest (privacy.retain_years %d)",
			  "due for anonymising: %lld guests (privacy.retain_years %d)",
			  (unsigned long)d->due),
		 (long long)d->due, d->retain_years);
	draw_text(y, 1, w - 2, v, norm, true);
	return y + 1;
}

static void draw(struct tui *t, struct view *v)
{
	struct dash *d = v->data;
	int w = t->cols, bottom = t->rows - 3;
	if (error_is_set(&d->err)) {
		draw_fill(2, 1, w - 2, d->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	int y = draw_tiers(t, d, 1, w, bottom - 7 - (d->retain_years ? 1 : 0));
	if (y + 1 <= bottom)
		y = draw_movers_pareto(t, d, y + 1, w);
	if (y + 1 <= bottom)
		widget_rule(t, y, 1, w - 2);
	if (y + 1 <= bottom)
		draw_today(t, d, y + 1, w, bottom);
}

static void open_fig(struct tui *t, struct dash *d)
{
	if (!d->nfigs)
		return;
	const struct fig *f = &d->figs[d->cur.sel];
	const struct report_tier *r = f->tier < d->rm.ntiers ? &d->rm.tiers[f->tier] : NULL;
	static const int lists[] = {
		[FIG_TIER] = RL_TIER,       [FIG_CAME] = RL_CAME,   [FIG_PROMOTED] = RL_PROMOTED,
		[FIG_DEMOTED] = RL_DEMOTED, [FIG_TOP2] = RL_TOP2, [FIG_TOP20] = RL_TOP20,
	};
	switch (f->kind) {
	case FIG_RED:
		cmdline_open_named(t, "alerts red");
		return;
	case FIG_YELLOW:
		cmdline_open_named(t, "alerts yellow");
		return;
	case FIG_OVERDUE:
		cmdline_open_named(t, "complaints overdue");
		return;
	case FIG_DATES:
	case FIG_CONTACTS:
		cmdline_open_named(t, "agenda");
		return;
	default:
		tui_push(t, view_guests_new(t, d->m, lists[f->kind], r ? r->tier : NULL,
					    r ? r->grp : NULL));
	}
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct dash *d = v->data;
	if (widget_month_act(&d->m, a)) {
		load(t, d);
		return HR_REDRAW;
	}
	enum action move = a == ACT_NEXT_FIGURE ? ACT_DOWN : a == ACT_PREV_FIGURE ? ACT_UP : a;
	if (list_cursor_act(&d->cur, move, d->nfigs, (int)d->nfigs) != HR_NOT_MINE)
		return HR_REDRAW;
	switch (a) {
	case ACT_OPEN:
		open_fig(t, d);
		return HR_REDRAW;
	default:
		return HR_NOT_MINE;
	}
}

static void reload(struct tui *t, struct view *v)
{
	load(t, v->data);
}

static void dash_release(struct view *v)
{
	struct dash *d = v->data;
	report_month_free(&d->rm);
}

static const enum action hints[] = {ACT_OPEN, ACT_NEXT_FIGURE, ACT_PREV_MONTH, ACT_NEXT_MONTH,
				    ACT_NONE};

static const struct view_ops ops = {
	.name = "dashboard",
	.scope = SC_DASHBOARD | SC_MONTH | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = dash_release,
	.hints = hints,
};

/* arg: a month (YYYY-MM), or NULL for this month. */
struct view *view_dashboard_new(struct tui *t, const char *arg)
{
	struct date m = date_month_start(date_today());
	if (arg && !date_parse_month(arg, &m)) {
		tui_error(t, _("dashboard: \"%s\" is not a month (YYYY-MM)"), arg);
		return NULL;
	}
	struct view *v = tui_view_new(&ops, sizeof(struct dash));
	struct dash *d = v->data;
	d->m = date_month_start(m);
	load(t, d);
	return v;
}
