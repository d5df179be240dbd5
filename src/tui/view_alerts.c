/* view_alerts.c — alert guests (警报客户, domain.md §5): the red and yellow lists with the
 * month's figures, and one alert with the guest's recent months, the sales manager's feedback,
 * the numbered action items and closing with an outcome.
 *
 * A big restaurant has a hundred thousand open alerts: the list holds a window of them
 * (alert_store_window, keyset by light and id) and reads more as the cursor moves past either
 * end of it, as the attendance sheet does, so the first screen never waits for all of them. */
#include <stdlib.h>
#include <string.h>

#include "core/alert.h"
#include "core/guest.h"
#include "core/money.h"
#include "core/strv.h"
#include "store/alert_store.h"
#include "store/search_store.h"
#include "tui/draw.h"
#include "tui/marks_cache.h"
#include "tui/row_window.h"
#include "tui/tui.h"
#include "tui/widgets.h"

enum light_filter { SHOW_ALL, SHOW_RED, SHOW_YELLOW };

struct alerts {
	struct row_window w;      /* of alert_row, in the list's order */
	struct marks_cache marks; /* the guests' allergy and taboo marks */
	long red, yellow;         /* open alerts, whatever is shown */
	bool any;                 /* the list has a line of some light */
	struct date month;        /* whose figures are shown, and whose alerts R raises */
	bool all;                 /* closed ones too */
	enum light_filter light;
	struct error err;
};

/* The light of an alert as a word with a marker, so that red and yellow differ without colour;
 * its theme element in *e. */
static const char *light_word(const struct alert_row *r, enum theme_elem *e)
{
	if (r->closed_at[0]) {
		*e = TE_DIM;
		return _("✓ closed");
	}
	if (strcmp(r->light, "red") == 0) {
		*e = TE_ERROR;
		return _("●● RED");
	}
	*e = TE_WARNING;
	return _("● YELLOW");
}

/* Days from a "YYYY-MM-DD ..." stamp to today. */
static int age_days(const char *stamp)
{
	char day[11];
	struct date d;
	snprintf(day, sizeof day, "%.10s", stamp);
	if (!date_parse(day, &d))
		return 0;
	long n = date_to_days(date_today()) - date_to_days(d);
	return n > 0 ? (int)n : 0; /* another terminal's clock a little ahead: not "-1d" */
}

/* The reason an alert was raised with, in the interface's language; into buf. */
static const char *reason_text(const struct alert_row *r, char *buf, size_t len)
{
	return alert_reason_text(r->reason_code, r->reason_args, r->reason, buf, len);
}

static void alerts_clear(struct alerts *d)
{
	marks_cache_clear(&d->marks);
	row_window_free(&d->w);
}

/* The light the filter lets through (NULL: both). */
static const char *light_shown(const struct alerts *d)
{
	return d->light == SHOW_RED ? "red" : d->light == SHOW_YELLOW ? "yellow" : NULL;
}

/* Reads up to limit rows after (or, backward, before) place from into a new array; a failure
 * is said on the status line. */
static enum store_status read_window(struct tui *t, struct alerts *d, struct alert_key from,
				     bool backward, size_t limit, struct alert_row **out, size_t *n)
{
	enum store_status s = alert_store_window(t->st, d->month, d->all, light_shown(d), from,
						 backward, limit, out, n);
	if (s != ST_OK)
		tui_error(t, "%s", tui_store_error(t, s));
	return s;
}

/* The window's read (row_window_read): after or before the alert of the row edge. */
static enum store_status read_rows(struct tui *t, void *ctx, const void *edge, bool backward,
				   size_t limit, void **out, size_t *n)
{
	struct alert_row *v;
	enum store_status s = read_window(t, ctx, alert_key_of(edge), backward, limit, &v, n);
	*out = v;
	return s;
}

static struct alert_row *shown(const struct alerts *d)
{
	return d->w.v;
}

/* Replaces the window by the rows after place from (backward: before it). */
static void load_at(struct tui *t, struct alerts *d, struct alert_key from, bool backward)
{
	struct alert_row *v;
	size_t n;
	enum store_status s = read_window(t, d, from, backward, row_window_chunk(t), &v, &n);
	marks_cache_clear(&d->marks); /* read again: they may have changed */
	error_clear(&d->err);
	if (s != ST_OK)
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
	row_window_set(t, &d->w, v, n, backward,
		       backward ? alert_key_cmp(from, ALERT_KEY_END) >= 0
				: alert_key_cmp(from, ALERT_KEY_START) <= 0);
}

/* The counts by light, and whether the list (of every light) has a line at all. */
static void load_counts(struct tui *t, struct alerts *d)
{
	enum store_status s = alert_store_open_counts(t->st, &d->red, &d->yellow);
	if (s != ST_OK) {
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
		return;
	}
	d->any = d->red + d->yellow > 0;
	struct alert_row *v = NULL;
	size_t n = 0;
	if (!d->any && d->all && /* closed ones only */
	    (s = alert_store_window(t->st, d->month, true, NULL, ALERT_KEY_START, false, 1, &v,
				    &n)) != ST_OK)
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
	d->any = d->any || n;
	free(v);
}

/* Reads the list from its start (the filter changed). */
static void load(struct tui *t, struct alerts *d)
{
	load_at(t, d, ALERT_KEY_START, false);
	load_counts(t, d);
}

/* Reads the list again from the first line shown, the cursor staying on the same alert (or,
 * when it left the list, on the one that took its place). */
static void load_again(struct tui *t, struct alerts *d)
{
	int rows = t->rows - 5;
	bool start = d->w.n == 0 || (d->w.at_start && d->w.cur.top == 0);
	struct alert_key top = start ? ALERT_KEY_START : alert_key_of(&shown(d)[d->w.cur.top]);
	struct alert_key sel = d->w.n ? alert_key_of(&shown(d)[d->w.cur.sel]) : ALERT_KEY_START;
	top.id -= !start; /* from the top line itself */
	load_at(t, d, top, false);
	load_counts(t, d);
	d->w.at_start = start;
	if (d->w.at_end && d->w.n < (size_t)(rows > 0 ? rows : 1))
		row_window_grow_up(t, &d->w, read_rows, d); /* near the end: the lines above fill the screen */
	d->w.cur.sel = d->w.n ? d->w.n - 1 : 0;
	for (size_t i = 0; i < d->w.n; i++)
		if (alert_key_cmp(alert_key_of(&shown(d)[i]), sel) >= 0) {
			d->w.cur.sel = i;
			break;
		}
}

static const char *title(struct tui *t, struct view *v)
{
	(void)t;
	struct alerts *d = v->data;
	static char buf[128];
	char mk[8];
	snprintf(buf, sizeof buf, _("alert guests · %s"), date_month_key(d->month, mk));
	return buf;
}

/* Column layout of the list for a screen w wide. */
struct acols {
	int light, name, marks, tier, visits, spend, reason, acts, age;
};

static struct acols columns(int w)
{
	/* below 90 columns the reason takes the age's place ("no visit in 2026-06" whole at 80):
	 * the alert's own screen gives its date */
	struct acols c = {8, 12, 3, 4, 6, 9, 0, 7, w < 90 ? 0 : 4};
	c.reason = w - 2 - c.light - c.name - c.marks - c.tier - c.visits - c.spend - c.acts -
		   c.age - (c.age ? 9 : 8);
	return c;
}

static void draw_summary(struct tui *t, struct alerts *d, int w)
{
	static const char *const shows[] = {N_("all lights"), N_("red only"), N_("yellow only")};
	char *s = xasprintf(_("%d red, %d yellow open · showing %s%s"), (int)d->red, (int)d->yellow,
			    _(shows[d->light]), d->all ? _(", closed ones too") : "");
	draw_fill(1, 1, w - 2, s, draw_attr(t, TE_LABEL));
	free(s);
}

static void draw_header(struct tui *t, int y, const struct acols *c)
{
	attr_t lab = draw_attr(t, TE_LABEL);
	int x = 1;
	draw_text(y, x, c->light, _("light"), lab, true);
	x += c->light + 1;
	draw_text(y, x, c->name + c->marks + 1, _("guest"), lab, true);
	x += c->name + c->marks + 2;
	draw_text(y, x, c->tier, _("tier"), lab, true);
	x += c->tier + 1;
	draw_right(y, x, c->visits, _("visits"), lab);
	x += c->visits + 1;
	draw_right(y, x, c->spend, _("spend"), lab);
	x += c->spend + 2;
	draw_text(y, x, c->reason, _("reason"), lab, true);
	x += c->reason + 1;
	draw_right(y, x, c->acts, _("actions"), lab);
	x += c->acts + 1;
	if (c->age)
		draw_right(y, x, c->age, _("age"), lab);
}

/* The guest of line k of the window (for the marks cache). */
static int64_t guest_of(const void *list, size_t k)
{
	return ((const struct alert_row *)list)[k].guest_id;
}

static void draw_line(struct tui *t, struct alerts *d, size_t k, int y, int w, const struct acols *c)
{
	const struct alert_row *r = &shown(d)[k];
	bool sel = k == d->w.cur.sel;
	attr_t a = sel ? draw_attr(t, TE_SELECTION) : r->closed_at[0] ? draw_attr(t, TE_DIM)
								 : draw_attr(t, TE_NORMAL);
	draw_fill(y, 0, w, sel ? ">" : "", a);
	enum theme_elem le;
	const char *lw = light_word(r, &le);
	int x = 1;
	draw_text(y, x, c->light, lw, draw_attr(t, le), true);
	x += c->light + 1;
	draw_text(y, x, c->name, r->name, a, true);
	x += c->name + 1;
	widget_safety_flags(t, y, x, marks_cache_get(&d->marks, r->guest_id));
	x += c->marks + 1;
	widget_tier_badge(t, y, x, r->tier, NULL, false);
	x += c->tier + 1;
	char buf[64];
	snprintf(buf, sizeof buf, "%d", r->m_visits);
	draw_right(y, x, c->visits, buf, a);
	x += c->visits + 1;
	char m[32];
	snprintf(buf, sizeof buf, "¥%s", money_format_short(r->m_spend, m));
	draw_right(y, x, c->spend, buf, a);
	x += c->spend + 2;
	char why[400];
	draw_text(y, x, c->reason, r->closed_at[0] ? r->outcome : reason_text(r, why, sizeof why),
		  a, true);
	x += c->reason + 1;
	snprintf(buf, sizeof buf, "%d/%d", r->actions_done, r->actions);
	draw_right(y, x, c->acts, r->actions ? buf : "–", a);
	x += c->acts + 1;
	if (c->age) {
		snprintf(buf, sizeof buf, _("%dd"), age_days(r->created_at));
		draw_right(y, x, c->age, buf, a);
	}
}

static void draw(struct tui *t, struct view *v)
{
	struct alerts *d = v->data;
	int w = t->cols, bottom = t->rows - 3;
	if (error_is_set(&d->err)) {
		draw_fill(2, 1, w - 2, d->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	draw_summary(t, d, w);
	if (!d->w.n) {
		draw_text(3, 2, w - 4,
			  d->any ? _("No alert of that light. l shows the others.")
			       : _("No open alerts. R raises a complete month's by the rules; c shows closed ones."),
			  draw_attr(t, TE_DIM), true);
		return;
	}
	struct acols c = columns(w);
	draw_header(t, 2, &c);
	int rows = bottom - 2;
	size_t first = list_cursor_first(&d->w.cur, d->w.n, rows);
	marks_cache_rows(t, &d->marks, first, rows, d->w.n, guest_of, shown(d));
	for (size_t k = first; k < d->w.n && (int)(k - first) < rows; k++)
		draw_line(t, d, k, 3 + (int)(k - first), w, &c);
}

static enum handler_result raise_alerts(struct tui *t, struct alerts *d)
{
	if (!t->rules) {
		tui_error(t, "%s", _("no tier rules are loaded: alerts cannot be raised"));
		return HR_REDRAW;
	}
	char mk[8], q[200], now[20], last[11];
	struct date m = d->month, cur = date_month_start(date_today());
	/* a month still running is never raised: its figures are not all in (domain.md §5); on
	 * the running month's screen R raises the month just ended */
	bool running = strncmp(date_now_stamp(now), date_month_last(m, last), 10) <= 0;
	if (running && (m.y != cur.y || m.m != cur.m)) {
		tui_error(t, _("%s is not over: alerts are raised for a complete month ([ goes back)"),
			  date_month_key(m, mk));
		return HR_REDRAW;
	}
	if (running)
		m = date_prev_month(cur);
	date_month_key(m, mk);
	if (running)
		snprintf(q, sizeof q, _("Raise the alerts of %s, the month just ended, by the rules?"),
			 mk);
	else
		snprintf(q, sizeof q, _("Raise the alerts of %s by the rules?"), mk);
	if (!tui_confirm(t, q))
		return HR_REDRAW;
	long created = 0, noted = 0;
	enum store_status s =
		alert_store_detect(t->st, t->rules, m, date_now_stamp(now), &created, &noted);
	if (s != ST_OK) {
		tui_error(t, "%s", tui_store_error(t, s));
	} else {
		tui_message(t, _("%ld new alerts, %ld noted in the history of open ones"), created,
			    noted);
		tui_changed(t);
	}
	load_again(t, d);
	return HR_REDRAW;
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct alerts *d = v->data;
	const struct alert_row *r = d->w.n ? &shown(d)[d->w.cur.sel] : NULL;
	int rows = t->rows - 5;
	if (widget_month_act(&d->month, a)) {
		load_again(t, d);
		return HR_REDRAW;
	}
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		return row_window_move(t, &d->w, read_rows, d, a, rows);
	case ACT_TOP:
		if (!d->w.at_start)
			load_at(t, d, ALERT_KEY_START, false);
		return list_cursor_act(&d->w.cur, a, d->w.n, rows);
	case ACT_BOTTOM:
		if (!d->w.at_end)
			load_at(t, d, ALERT_KEY_END, true);
		return list_cursor_act(&d->w.cur, a, d->w.n, rows);
	case ACT_ALERTS_LIGHT:
		d->light = (d->light + 1) % 3;
		d->w.cur = (struct list_cursor){0};
		load(t, d);
		return HR_REDRAW;
	case ACT_ALERTS_CLOSED:
		d->all = !d->all;
		load_again(t, d);
		return HR_REDRAW;
	case ACT_ALERTS_RAISE:
		return raise_alerts(t, d);
	case ACT_OPEN:
		if (r)
			tui_push(t, view_alert_new(t, r->id, d->month));
		return HR_REDRAW;
	case ACT_GUEST_CARD:
		if (r)
			tui_push(t, view_guest_new(t, r->guest_id));
		return HR_REDRAW;
	default:
		return HR_NOT_MINE;
	}
}

/* Another terminal (or the alert opened from here) changed the data. */
static void reload(struct tui *t, struct view *v)
{
	load_again(t, v->data);
}

static void alerts_release(struct view *v)
{
	alerts_clear(v->data);
}

static const enum action hints[] = {ACT_OPEN, ACT_ALERTS_LIGHT, ACT_ALERTS_CLOSED,
				    ACT_ALERTS_RAISE, ACT_PREV_MONTH, ACT_NONE};

static const struct view_ops ops = {
	.name = "alerts",
	.scope = SC_ALERTS | SC_MONTH | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = alerts_release,
	.hints = hints,
};

/* ---- at risk so far: what the triggers find in a month, raising nothing ---- */

struct risk {
	struct date month;
	struct alert_finding *v;
	size_t n;
	struct list_cursor cur;
	bool running; /* the month is not over: thresholds pro-rated to the days gone */
	int day, days;
	struct error err;
};

static void risk_load(struct tui *t, struct risk *d)
{
	free(d->v);
	d->v = NULL;
	d->n = 0;
	error_clear(&d->err);
	if (!t->rules) {
		error_set(&d->err, 0, "%s", _("no tier rules are loaded: alerts cannot be raised"));
		return;
	}
	char now[20], last[11];
	date_now_stamp(now);
	d->running = strncmp(now, date_month_last(d->month, last), 10) <= 0;
	d->day = atoi(now + 8);
	d->days = date_month_days(d->month.y, d->month.m);
	enum store_status s = alert_store_at_risk(t->st, t->rules, d->month, now, &d->v, &d->n);
	if (s != ST_OK)
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
}

static const char *risk_title(struct tui *t, struct view *v)
{
	(void)t;
	struct risk *d = v->data;
	static char buf[80];
	char mk[8];
	snprintf(buf, sizeof buf, _("at risk so far · %s"), date_month_key(d->month, mk));
	return buf;
}

static void risk_draw(struct tui *t, struct view *v)
{
	struct risk *d = v->data;
	int w = t->cols, bottom = t->rows - 3;
	if (error_is_set(&d->err)) {
		draw_fill(2, 1, w - 2, d->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	char *s = d->running ? xasprintf(_("day %d of %d: the month's figures against the "
					   "thresholds pro-rated; not raised"),
					 d->day, d->days)
			     : xasprintf("%s", _("what raising this month would find; not raised"));
	draw_fill(1, 1, w - 2, s, draw_attr(t, TE_WARNING));
	free(s);
	if (!d->n) {
		draw_text(3, 2, w - 4, _("Nobody at risk so far."), draw_attr(t, TE_DIM), true);
		return;
	}
	/* light, guest, tier, visits, spend, reason */
	int cl = 10, cn = 16, ct = 5, cv = 6, cs = 10, cr = w - 2 - cl - cn - ct - cv - cs - 5;
	attr_t lab = draw_attr(t, TE_LABEL);
	int x = 1;
	draw_text(2, x, cl, _("light"), lab, true);
	draw_text(2, x += cl + 1, cn, _("guest"), lab, true);
	draw_text(2, x += cn + 1, ct, _("tier"), lab, true);
	draw_right(2, x += ct + 1, cv, _("visits"), lab);
	draw_right(2, x += cv + 1, cs, _("spend"), lab);
	draw_text(2, x += cs + 1, cr, _("reason"), lab, true);
	int rows = bottom - 2;
	size_t first = list_cursor_first(&d->cur, d->n, rows);
	for (size_t k = first; k < d->n && (int)(k - first) < rows; k++) {
		const struct alert_finding *f = &d->v[k];
		int y = 3 + (int)(k - first);
		bool sel = k == d->cur.sel, red = strcmp(f->light, "red") == 0;
		attr_t a = sel ? draw_attr(t, TE_SELECTION) : draw_attr(t, TE_NORMAL);
		draw_fill(y, 0, w, sel ? ">" : "", a);
		char buf[400], money[32];
		x = 1;
		draw_text(y, x, cl, red ? _("●● red?") : _("● yellow?"),
			  sel ? a : draw_attr(t, red ? TE_ERROR : TE_WARNING), true);
		draw_text(y, x += cl + 1, cn, f->name, a, true);
		draw_text(y, x += cn + 1, ct, f->tier, a, true);
		snprintf(buf, sizeof buf, "%d", f->visits);
		draw_right(y, x += ct + 1, cv, buf, a);
		snprintf(buf, sizeof buf, "¥%s", money_format_short(f->spend, money));
		draw_right(y, x += cv + 1, cs, buf, a);
		draw_text(y, x += cs + 1, cr,
			  alert_reason_text(f->code, f->args, f->reason, buf, sizeof buf), a, true);
	}
}

static enum handler_result risk_act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct risk *d = v->data;
	if (a == ACT_OPEN || a == ACT_GUEST_CARD) {
		if (d->n)
			tui_push(t, view_guest_new(t, d->v[d->cur.sel].guest));
		return HR_REDRAW;
	}
	return list_cursor_act(&d->cur, a, d->n, t->rows - 5);
}

static void risk_reload(struct tui *t, struct view *v)
{
	risk_load(t, v->data);
}

static void risk_release(struct view *v)
{
	struct risk *d = v->data;
	free(d->v);
}

static const enum action risk_hints[] = {ACT_OPEN, ACT_NONE};

static const struct view_ops risk_ops = {
	.name = "alerts",
	.scope = SC_LIST,
	.title = risk_title,
	.draw = risk_draw,
	.act = risk_act,
	.reload = risk_reload,
	.release = risk_release,
	.hints = risk_hints,
};

static struct view *view_risk_new(struct tui *t, struct date month)
{
	struct view *v = tui_view_new(&risk_ops, sizeof(struct risk));
	struct risk *d = v->data;
	d->month = month;
	risk_load(t, d);
	return v;
}

/* arg: words among "red", "yellow", "all" (closed ones too), "risk" (who is at risk so far,
 * raising nothing) and a month YYYY-MM; NULL: the open alerts of every light with this
 * month's figures. */
struct view *view_alerts_new(struct tui *t, const char *arg)
{
	struct date month = date_month_start(date_today());
	enum light_filter light = SHOW_ALL;
	bool all = false, risk = false;
	char *words = xstrdup(arg ? arg : ""), *save = NULL;
	for (char *w = strtok_r(words, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (strcmp(w, "red") == 0) {
			light = SHOW_RED;
		} else if (strcmp(w, "yellow") == 0) {
			light = SHOW_YELLOW;
		} else if (strcmp(w, "all") == 0) {
			all = true;
		} else if (strcmp(w, "risk") == 0) {
			risk = true;
		} else if (!date_parse_month(w, &month)) {
			tui_error(t, _("alerts: \"%s\" is not red, yellow, all, risk or a month (YYYY-MM)"),
				  w);
			free(words);
			return NULL;
		}
	}
	free(words);
	if (risk)
		return view_risk_new(t, month);
	struct view *v = tui_view_new(&ops, sizeof(struct alerts));
	struct alerts *d = v->data;
	d->w.elem = sizeof(struct alert_row);
	d->month = month;
	d->light = light;
	d->all = all;
	load(t, d);
	return v;
}

/* ---- one alert ---- */

#define MONTHS 6
#define LABEL_W 10

struct alert_view {
	int64_t id;
	struct date month; /* the last month shown */
	struct alert_row r;
	struct alert_action *acts;
	size_t nacts;
	struct guest_summary sum;
	bool have_sum;
	struct alert_month months[MONTHS];
	bool have_months;
	struct alert_event *ev; /* what later detections found, oldest first */
	size_t nev;
	struct list_cursor cur; /* over the action items */
	int list_rows;          /* action items shown at the last draw */
	struct error err;
};

static void alert_clear(struct alert_view *d)
{
	free(d->acts);
	d->acts = NULL;
	d->nacts = 0;
	free(d->ev);
	d->ev = NULL;
	d->nev = 0;
	if (d->have_sum)
		guest_summary_free(&d->sum);
	d->have_sum = false;
}

static void alert_load(struct tui *t, struct alert_view *d)
{
	alert_clear(d);
	error_clear(&d->err);
	enum store_status s = alert_store_get(t->st, d->id, d->month, &d->r, &d->acts, &d->nacts);
	if (s != ST_OK) {
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
		return;
	}
	if ((s = alert_store_events(t->st, d->id, &d->ev, &d->nev)) != ST_OK) {
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
		return;
	}
	char mk[8];
	d->have_sum = search_store_summaries(t->st, &d->r.guest_id, 1, date_month_key(d->month, mk),
					     &d->sum) == ST_OK;
	d->have_months =
		alert_store_months(t->st, d->r.guest_id, d->month, MONTHS, d->months) == ST_OK;
	list_cursor_first(&d->cur, d->nacts, 1);
}

static const char *alert_title(struct tui *t, struct view *v)
{
	(void)t;
	struct alert_view *d = v->data;
	static char buf[200];
	snprintf(buf, sizeof buf, _("alert %lld · %s"), (long long)d->id, d->r.name);
	return buf;
}

/* A label in the label column and text after it (wrapped over at most maxrows). Returns rows. */
static int labelled(struct tui *t, int y, int w, const char *label, const char *text,
		    enum theme_elem e, int maxrows)
{
	draw_text(y, 1, LABEL_W, label, draw_attr(t, TE_LABEL), true);
	return draw_wrap(y, LABEL_W + 2, w - LABEL_W - 3, maxrows, text, draw_attr(t, e));
}

/* The recent months as a small table: a column per month. Returns rows. */
static int draw_months(struct tui *t, struct alert_view *d, int y, int w)
{
	static const char *const rows[] = {N_("month"), N_("visits"), N_("covers"), N_("spend"),
					   N_("tier")};
	int cw = (w - LABEL_W - 3) / MONTHS;
	if (cw > 10)
		cw = 10;
	for (int k = 0; k < 5; k++)
		draw_text(y + k, 1, LABEL_W, _(rows[k]), draw_attr(t, TE_LABEL), true);
	for (int i = 0; i < MONTHS; i++) {
		const struct alert_month *m = &d->months[i];
		int x = LABEL_W + 2 + i * cw;
		char buf[48], money[32];
		bool this = i == MONTHS - 1;
		attr_t a = draw_attr(t, this ? TE_TITLE : TE_NORMAL);
		draw_right(y, x, cw - 1, m->month, draw_attr(t, TE_LABEL));
		snprintf(buf, sizeof buf, "%d", m->visits);
		draw_right(y + 1, x, cw - 1, buf, m->visits ? a : draw_attr(t, TE_DIM));
		snprintf(buf, sizeof buf, "%d", m->covers);
		draw_right(y + 2, x, cw - 1, buf, m->covers ? a : draw_attr(t, TE_DIM));
		snprintf(buf, sizeof buf, "¥%s", money_format_short(m->spend, money));
		draw_right(y + 3, x, cw - 1, buf, m->spend ? a : draw_attr(t, TE_DIM));
		if (m->tier[0]) {
			snprintf(buf, sizeof buf, "[%s]", m->tier);
			draw_right(y + 4, x, cw - 1, buf, draw_attr(t, widget_tier_elem(m->tier)));
		} else {
			draw_right(y + 4, x, cw - 1, "–", draw_attr(t, TE_DIM));
		}
	}
	return 5;
}

/* One action item: "1. [x] text — owner (done by …)". */
static void draw_action(struct tui *t, struct alert_view *d, size_t i, int y, int w)
{
	const struct alert_action *x = &d->acts[i];
	bool sel = i == d->cur.sel;
	attr_t a = sel ? draw_attr(t, TE_SELECTION)
		   : x->done_at[0] ? draw_attr(t, TE_DIM)
				   : draw_attr(t, TE_NORMAL);
	draw_fill(y, 0, w, sel ? ">" : "", a);
	char *s;
	if (x->done_at[0])
		s = xasprintf(_("%2d. [x] %s%s%s  (done by %s, %.10s)"), x->no, x->text,
			      x->owner[0] ? " — " : "", x->owner, x->done_by, x->done_at);
	else
		s = xasprintf("%2d. [ ] %s%s%s", x->no, x->text, x->owner[0] ? " — " : "", x->owner);
	draw_text(y, 2, w - 3, s, a, true);
	free(s);
}

static void alert_draw(struct tui *t, struct view *v)
{
	struct alert_view *d = v->data;
	int w = t->cols, bottom = t->rows - 3, y = 1;
	if (error_is_set(&d->err)) {
		draw_fill(2, 1, w - 2, d->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	const struct alert_row *r = &d->r;
	/* the light as a word, so that red and yellow differ without colour */
	enum theme_elem le;
	const char *lw = light_word(r, &le);
	int x = 1 + draw_text(y, 1, 12, lw, draw_attr(t, le), false);
	x += 2 + draw_text(y, x + 2, w / 3, r->name, draw_attr(t, TE_TITLE), true);
	x += 1 + widget_tier_badge(t, y, x + 1, r->tier, NULL, false);
	char *s = xasprintf(_("raised %.10s for %s"), r->created_at, r->month);
	draw_text(y, x + 2, w - x - 3, s, draw_attr(t, TE_DIM), true);
	free(s);
	y++;
	s = xasprintf("%s%s%s", r->phones, r->phones[0] && r->employer[0] ? " · " : "", r->employer);
	draw_text(y++, 1, w - 2, s, draw_attr(t, TE_NORMAL), true);
	free(s);
	y += widget_guest_safety(t, y, 1, w - 2, d->have_sum ? &d->sum : NULL);
	if (d->have_months && y + 5 < bottom)
		y += 1 + draw_months(t, d, y + 1, w);
	y++;
	if (y <= bottom) {
		char why[400];
		y += labelled(t, y, w, _("reason"), reason_text(r, why, sizeof why),
			      TE_NORMAL, 2);
	}
	if (d->nev && y <= bottom) { /* the latest later finding; the reason above stays */
		const struct alert_event *e = &d->ev[d->nev - 1];
		char why[400];
		bool red = strcmp(e->light, "red") == 0;
		s = xasprintf(_("%s %s: %s (found %.10s; %zu in its history)"), e->month,
			      red ? _("●● RED") : _("● YELLOW"),
			      alert_reason_text(e->reason_code, e->reason_args, e->reason, why,
						sizeof why),
			      e->at, d->nev);
		y += labelled(t, y, w, _("later"), s, red ? TE_ERROR : TE_WARNING, 2);
		free(s);
	}
	if (y <= bottom) {
		if (r->feedback[0]) {
			s = xasprintf(_("%s (%s)"), r->feedback, r->feedback_by);
			y += labelled(t, y, w, _("feedback"), s, TE_NORMAL,
				      bottom - y > 6 ? 3 : 1);
			free(s);
		} else {
			y += labelled(t, y, w, _("feedback"), _("none yet: f writes the sales manager's"),
				      TE_DIM, 1);
		}
	}
	if (r->closed_at[0] && y <= bottom) {
		s = xasprintf(_("%s (%.16s)"), r->outcome, r->closed_at);
		y += labelled(t, y, w, _("closed"), s, TE_NORMAL, 2);
		free(s);
	}
	if (y > bottom)
		return;
	s = xasprintf(_("action items: %d of %d done"), r->actions_done, r->actions);
	draw_fill(y++, 1, w - 2, s, draw_attr(t, TE_LABEL));
	free(s);
	d->list_rows = bottom - y + 1;
	if (d->list_rows < 1)
		return;
	if (!d->nacts) {
		draw_text(y, 2, w - 4, r->closed_at[0] ? _("none") : _("none yet: a adds one"),
			  draw_attr(t, TE_DIM), true);
		return;
	}
	size_t first = list_cursor_first(&d->cur, d->nacts, d->list_rows);
	for (size_t i = first; i < d->nacts && (int)(i - first) < d->list_rows; i++)
		draw_action(t, d, i, y + (int)(i - first), w);
}

/* A change refused before asking anything: the alert is closed. */
static bool closed(struct tui *t, struct alert_view *d)
{
	if (!d->r.closed_at[0])
		return false;
	tui_error(t, "%s", _("the alert is closed"));
	return true;
}

/* Text typed for a field: NULL (with the error shown) when cancelled or not acceptable. */
static char *ask(struct tui *t, const char *prompt, const char *initial, const char *field,
		 size_t maxlen, bool required)
{
	char *v = tui_prompt(t, prompt, initial);
	if (!v)
		return NULL;
	struct error why;
	if (required && !v[0]) {
		tui_error(t, _("%s: cannot be empty"), field);
	} else if (v[0] && text_field_check(v, maxlen, false, &why) < 0) {
		tui_error(t, "%s: %s", field, why.msg);
	} else {
		return v;
	}
	free(v);
	return NULL;
}

/* After a write: the message, or the store's error; every view reads again. */
static enum handler_result done(struct tui *t, struct alert_view *d, enum store_status s,
                                const char *msg)
{
	if (s != ST_OK) {
		tui_error(t, "%s", tui_store_error(t, s));
	} else {
		tui_message(t, "%s", msg);
		tui_changed(t);
	}
	alert_load(t, d);
	return HR_REDRAW;
}

static enum handler_result add_action(struct tui *t, struct alert_view *d)
{
	if (closed(t, d))
		return HR_REDRAW;
	char *text = ask(t, _("New action item:"), NULL, _("action"), 2000, true);
	if (!text)
		return HR_REDRAW;
	char *owner = ask(t, _("Owner (a login or a team, may be empty):"), NULL, _("owner"), 60,
			  false);
	int no = 0;
	if (owner) {
		enum store_status s = alert_store_action(t->st, d->id, text, owner, &no);
		char msg[64];
		snprintf(msg, sizeof msg, _("action item %d added"), no);
		done(t, d, s, msg);
		if (s == ST_OK)
			d->cur.sel = d->nacts ? d->nacts - 1 : 0;
	}
	free(text);
	free(owner);
	return HR_REDRAW;
}

static enum handler_result toggle_done(struct tui *t, struct alert_view *d)
{
	if (closed(t, d))
		return HR_REDRAW;
	if (!d->nacts) {
		tui_error(t, "%s", _("no action item to mark done: a adds one"));
		return HR_REDRAW;
	}
	const struct alert_action *x = &d->acts[d->cur.sel];
	bool undo = x->done_at[0] != '\0';
	int no = x->no;
	char msg[64];
	snprintf(msg, sizeof msg, undo ? _("action item %d not done") : _("action item %d done"), no);
	return done(t, d, alert_store_done(t->st, d->id, no, undo), msg);
}

static enum handler_result alert_act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct alert_view *d = v->data;
	if (list_cursor_act(&d->cur, a, d->nacts, d->list_rows > 0 ? d->list_rows : 1) !=
	    HR_NOT_MINE)
		return HR_REDRAW;
	if (error_is_set(&d->err))
		return HR_NOT_MINE;
	switch (a) {
	case ACT_OPEN:
	case ACT_GUEST_CARD:
		tui_push(t, view_guest_new(t, d->r.guest_id));
		return HR_REDRAW;
	case ACT_ALERT_FEEDBACK: {
		if (closed(t, d))
			return HR_REDRAW;
		char *fb = ask(t, _("Sales manager's feedback:"), d->r.feedback, _("feedback"), 2000,
			       true);
		if (fb)
			done(t, d, alert_store_feedback(t->st, d->id, fb), _("feedback saved"));
		free(fb);
		return HR_REDRAW;
	}
	case ACT_ALERT_ADD:
		return add_action(t, d);
	case ACT_ALERT_DONE:
		return toggle_done(t, d);
	case ACT_ALERT_CLOSE: {
		if (closed(t, d))
			return HR_REDRAW;
		char *out = ask(t, _("Close the alert; outcome:"), NULL, _("outcome"), 2000, true);
		if (out && tui_confirm(t, _("Close this alert?")))
			done(t, d, alert_store_close(t->st, d->id, out), _("alert closed"));
		free(out);
		return HR_REDRAW;
	}
	default:
		return HR_NOT_MINE;
	}
}

static void alert_reload(struct tui *t, struct view *v)
{
	alert_load(t, v->data);
}

static void alert_release(struct view *v)
{
	alert_clear(v->data);
}

static const enum action alert_hints[] = {ACT_ALERT_FEEDBACK, ACT_ALERT_ADD, ACT_ALERT_DONE,
				    ACT_ALERT_CLOSE, ACT_GUEST_CARD, ACT_NONE};

static const struct view_ops alert_ops = {
	.name = "alert",
	.scope = SC_ALERT | SC_LIST,
	.title = alert_title,
	.draw = alert_draw,
	.act = alert_act,
	.reload = alert_reload,
	.release = alert_release,
	.hints = alert_hints,
};

/* Alert id, with the guest's figures up to month. */
struct view *view_alert_new(struct tui *t, int64_t id, struct date month)
{
	struct view *v = tui_view_new(&alert_ops, sizeof(struct alert_view));
	struct alert_view *d = v->data;
	d->id = id;
	d->month = date_month_start(month);
	alert_load(t, d);
	return v;
}
