/* view_sheet.c — the monthly attendance sheet (客户考勤表, domain.md §3) as a grid: the guest
 * column frozen at the left, one column per day of the month scrolling sideways, two rows per
 * guest (covers, spend), the month's figures and the tier frozen at the right.
 *
 * Opened as ":sheet [YYYY-MM] [tier LETTER] [manager LOGIN]" (the words in any order; "A" alone
 * is "tier A"; the month defaults to this one, shown on the days up to today); f asks for the
 * filter in the same words, c clears it, x exports the sheet as `maitre --format csv sheet`
 * writes it.
 *
 * A big month has hundreds of thousands of guests: the view holds a window of the sheet's rows
 * (sheet_store_window, keyset by guest id) and reads more as the cursor moves past either end
 * of it, so the first screen never waits for the whole month. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/sheet_export.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/visit.h"
#include "store/sheet_store.h"
#include "store/agenda_store.h"
#include "tui/draw.h"
#include "tui/marks_cache.h"
#include "tui/row_window.h"
#include "tui/tui.h"
#include "tui/widgets.h"

struct filter {
	char tier[8];     /* "" : every tier */
	char manager[64]; /* "" : every sales manager */
};

struct sheet {
	struct date month;
	struct filter f;
	struct row_window w; /* of sheet_row, in guest order */
	int day0; /* the first day column shown, 0-based */
	struct marks_cache marks; /* the guests' allergy and taboo marks, by guest id */
	struct error err;
};

/* ---- the argument and the filter: words ---- */

/* Whether letter is a tier of the rules in force (any letter when no rules are loaded). */
static bool known_tier(const struct tier_rules *r, const char *letter)
{
	if (!r || tier_privilege_for(r, letter))
		return true;
	for (size_t k = 0; k < r->nrules; k++)
		if (strcmp(r->rules[k].tier, letter) == 0)
			return true;
	return false;
}

/* Whether word alone names a tier of the rules in force ("A", or "a" for it; any single letter
 * when no rules are loaded): its letter, as the rules spell it, into letter. */
static bool bare_tier(const struct tier_rules *r, const char *word, char letter[8])
{
	size_t n = strlen(word);
	if (n == 0 || n >= 8 || (!r && n != 1))
		return false;
	for (size_t i = 0; i <= n; i++)
		letter[i] = (char)toupper((unsigned char)word[i]);
	if (!(letter[0] >= 'A' && letter[0] <= 'Z'))
		return false;
	if (!r)
		return true;
	if (tier_privilege_for(r, letter))
		return true;
	for (size_t k = 0; k < r->nrules; k++)
		if (strcmp(r->rules[k].tier, letter) == 0)
			return true;
	return false;
}

/* Reads one setting ("tier X" or "X" alone, "manager LOGIN", or when month is not NULL
 * "YYYY-MM") from the words at *p into f and *month, moving *p past it; false with the reason
 * in why. */
static bool parse_word(struct tui *t, const char **p, struct filter *f, struct date *month,
                       struct error *why)
{
	char word[64], val[64];
	int used = 0;
	if (sscanf(*p, "%63s%n", word, &used) != 1) { /* only spaces left */
		*p += strlen(*p);
		return true;
	}
	*p += used;
	struct date m;
	if (month && date_parse_month(word, &m)) {
		*month = m;
		return true;
	}
	bool tier = strcmp(word, "tier") == 0, manager = strcmp(word, "manager") == 0;
	int y, mo;
	char rest;
	char letter[8];
	if (!tier && !manager && bare_tier(t->rules, word, letter)) { /* "A" is "tier A" */
		snprintf(f->tier, sizeof f->tier, "%s", letter);
		return true;
	}
	if (month && sscanf(word, "%d-%d%c", &y, &mo, &rest) == 2) { /* 2026-13 */
		error_set(why, 0, _("\"%s\" is not a month (YYYY-MM)"), word);
		return false;
	}
	if ((!tier && !manager) || sscanf(*p, "%63s%n", val, &used) != 1) {
		if (month)
			error_set(why, 0, _("\"%s\": expected YYYY-MM, tier LETTER or manager LOGIN"),
			          word);
		else /* the filter: its month is the sheet's, changed with [ and ] */
			error_set(why, 0, _("\"%s\": expected tier LETTER or manager LOGIN ([ ] change "
			                      "the month)"),
			          word);
		return false;
	}
	*p += used;
	if (tier && !known_tier(t->rules, val)) {
		error_set(why, 0, _("no tier \"%s\" in the rules in force"), val);
		return false;
	}
	bool manages = false;
	if (manager && (agenda_store_is_manager(t->st, val, &manages) != ST_OK || !manages)) {
		error_set(why, 0, _("no guest has the sales manager \"%s\""), val);
		return false;
	}
	if (tier)
		snprintf(f->tier, sizeof f->tier, "%.7s", val);
	else
		snprintf(f->manager, sizeof f->manager, "%s", val);
	return true;
}

/* Reads every setting of s (see parse_word); false with the reason in why. */
static bool parse_words(struct tui *t, const char *s, struct filter *f, struct date *month,
                        struct error *why)
{
	while (*s)
		if (!parse_word(t, &s, f, month, why))
			return false;
	return true;
}

/* ---- the window of rows ---- */

static const char *opt(const char *s)
{
	return *s ? s : NULL;
}

/* Reads up to limit rows after (or, backward, before) guest id from into a new array; a
 * failure is said on the status line. */
static enum store_status read_window(struct tui *t, struct sheet *d, int64_t from, bool backward,
                                     size_t limit, struct sheet_row **out, size_t *n)
{
	enum store_status s = sheet_store_window(t->st, d->month, opt(d->f.tier), opt(d->f.manager),
	                                         from, backward, limit, out, n);
	if (s != ST_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
		tui_error(t, "%s", tui_store_error(t, s));
	}
	return s;
}

/* The window's read (row_window_read): after or before the guest of the row edge. */
static enum store_status read_rows(struct tui *t, void *ctx, const void *edge, bool backward,
                                   size_t limit, void **out, size_t *n)
{
	struct sheet_row *v;
	enum store_status s = read_window(t, ctx, ((const struct sheet_row *)edge)->guest_id,
	                                  backward, limit, &v, n);
	*out = v;
	return s;
}

static struct sheet_row *rows(const struct sheet *d)
{
	return d->w.v;
}

/* Replaces the window by the rows after guest id from (backward: before it). */
static void load_at(struct tui *t, struct sheet *d, int64_t from, bool backward)
{
	struct sheet_row *v;
	size_t n;
	error_clear(&d->err);
	enum store_status s = read_window(t, d, from, backward, row_window_chunk(t), &v, &n);
	if (s != ST_OK)
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
	marks_cache_clear(&d->marks); /* read again: they may have changed */
	row_window_set(t, &d->w, v, n, backward, backward ? from == INT64_MAX : from == 0);
}

/* ---- layout ---- */

struct layout {
	int name_w;  /* the guest column */
	int label_x; /* "covers" / "spend" */
	int days_x;  /* the first day column */
	int ndays;   /* day columns shown */
	int right_x; /* the figures and the tier */
	int guests;  /* guests shown (two rows each) */
};

#define DAY_W   5 /* a day: "1450" and a space */
#define LABEL_W 6 /* "covers" */
#define RIGHT_W 22

static struct layout layout_of(const struct tui *t, const struct sheet *d)
{
	struct layout l;
	int days = date_month_days(d->month.y, d->month.m);
	l.name_w = t->cols >= 120 ? 20 : 14;
	l.label_x = 1 + l.name_w + 1;
	l.days_x = l.label_x + LABEL_W + 1;
	l.right_x = t->cols - RIGHT_W;
	l.ndays = (l.right_x - 1 - l.days_x) / DAY_W;
	if (l.ndays < 1)
		l.ndays = 1;
	if (l.ndays > days)
		l.ndays = days;
	l.guests = (t->rows - 3 - 4 + 1) / 2;
	if (l.guests < 1)
		l.guests = 1;
	return l;
}

/* Keeps the first day shown so that the last day column is filled when it can be. */
static void clamp_days(struct sheet *d, const struct layout *l)
{
	int days = date_month_days(d->month.y, d->month.m);
	if (d->day0 > days - l->ndays)
		d->day0 = days - l->ndays;
	if (d->day0 < 0)
		d->day0 = 0;
}

/* In the current month, the days shown end with today (the days after it have no visits yet);
 * another month keeps the days shown. */
static void show_today(const struct tui *t, struct sheet *d)
{
	struct date today = date_today();
	if (today.y != d->month.y || today.m != d->month.m)
		return;
	struct layout l = layout_of(t, d);
	d->day0 = today.d - l.ndays;
	clamp_days(d, &l);
}

/* ---- drawing ---- */

static const char *title(struct tui *t, struct view *v)
{
	(void)t;
	struct sheet *d = v->data;
	static char buf[96];
	char mk[8];
	snprintf(buf, sizeof buf, _("attendance sheet %s"), date_month_key(d->month, mk));
	return buf;
}

/* "tier A · manager wang · days 1–7 of 30", the state of the view on its first row. */
static void draw_info(struct tui *t, struct sheet *d, const struct layout *l)
{
	struct sbuf b = {0};
	if (d->f.tier[0])
		sbuf_printf(&b, _("tier %s · "), d->f.tier);
	if (d->f.manager[0])
		sbuf_printf(&b, _("manager %s · "), d->f.manager);
	if (!d->f.tier[0] && !d->f.manager[0])
		sbuf_printf(&b, "%s", _("all guests · "));
	int days = date_month_days(d->month.y, d->month.m);
	sbuf_printf(&b, _("days %d–%d of %d"), d->day0 + 1, d->day0 + l->ndays, days);
	if (l->ndays < days)
		sbuf_printf(&b, "%s", _(" (← → scroll the days)"));
	draw_fill(1, 1, t->cols - 2, b.s ? b.s : "", draw_attr(t, TE_LABEL));
	sbuf_free(&b);
}

/* The weekday of day (1-based) of the month, as a short translated word. */
static const char *weekday(struct date m, int day)
{
	static const char *const names[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"),
	                                    N_("Fr"), N_("Sa"), N_("Su")};
	/* 2026-11-23 was a Monday */
	long k =
	    date_to_days((struct date){m.y, m.m, day}) - date_to_days((struct date){2026, 11, 23});
	return _(names[((k % 7) + 7) % 7]);
}

static void draw_header(struct tui *t, struct sheet *d, const struct layout *l)
{
	attr_t lab = draw_attr(t, TE_LABEL);
	draw_text(2, 1, l->name_w, _("guest"), lab, true);
	for (int i = 0; i < l->ndays; i++) {
		int day = d->day0 + i + 1;
		char num[16];
		snprintf(num, sizeof num, "%d", day);
		int x = l->days_x + i * DAY_W;
		draw_right(2, x, DAY_W - 1, num, lab);
		draw_right(3, x, DAY_W - 1, weekday(d->month, day), draw_attr(t, TE_DIM));
	}
	int x = l->right_x;
	draw_right(2, x, 8, _("visits"), lab);
	draw_right(2, x + 9, 7, _("covers"), lab);
	draw_text(2, x + 17, 4, _("tier"), lab, true);
	draw_right(3, x, 8, _("total ¥"), lab);
	draw_right(3, x + 9, 7, _("¥/head"), lab);
}

/* A day's spend in whole yuan, shortened to thousands when it does not fit a day column. */
static void day_spend(int64_t fen, char buf[40])
{
	money_format_yuan(fen, buf);
	if (strlen(buf) > DAY_W - 1) {
		char k[32];
		money_format_yuan(money_div_round(fen, 1000), k);
		snprintf(buf, 40, "%.32sk", k);
	}
}

static int64_t guest_of(const void *list, size_t i)
{
	return ((const struct sheet_row *)list)[i].guest_id;
}

static void draw_guest(struct tui *t, struct sheet *d, const struct layout *l, size_t i, int y)
{
	const struct sheet_row *r = &rows(d)[i];
	bool sel = i == d->w.cur.sel;
	attr_t a = sel ? draw_attr(t, TE_SELECTION) : draw_attr(t, TE_NORMAL);
	attr_t dim = sel ? a : draw_attr(t, TE_DIM);
	char buf[40];
	draw_fill(y, 0, t->cols, sel ? ">" : "", a);
	draw_fill(y + 1, 0, t->cols, "", a);
	widget_name_marks(t, y, 1, l->name_w, r->name, marks_cache_get(&d->marks, r->guest_id), a);
	draw_text(y + 1, 1, l->name_w, r->sales_manager, dim, true);
	draw_text(y, l->label_x, LABEL_W, _("covers"), dim, true);
	draw_text(y + 1, l->label_x, LABEL_W, _("spend"), dim, true);
	for (int k = 0; k < l->ndays; k++) {
		int day = d->day0 + k;
		int x = l->days_x + k * DAY_W;
		if (!r->covers[day] && !r->spend[day])
			continue;
		snprintf(buf, sizeof buf, "%d", r->covers[day]);
		draw_right(y, x, DAY_W - 1, buf, a);
		day_spend(r->spend[day], buf);
		draw_right(y + 1, x, DAY_W - 1, buf, a);
	}
	int x = l->right_x;
	snprintf(buf, sizeof buf, "%d", r->visits);
	draw_right(y, x, 8, buf, a);
	snprintf(buf, sizeof buf, "%d", r->covers_total);
	draw_right(y, x + 9, 7, buf, a);
	if (r->tier[0])
		widget_tier_badge(t, y, x + 17, r->tier, r->grp, false);
	draw_right(y + 1, x, 8, money_format_short(r->spend_total, buf), a);
	snprintf(buf, sizeof buf, "%lld", (long long)visit_per_capita_yuan(r->spend_total, r->covers_total));
	draw_right(y + 1, x + 9, 7, buf, a);
}

static void draw(struct tui *t, struct view *v)
{
	struct sheet *d = v->data;
	struct layout l = layout_of(t, d);
	clamp_days(d, &l);
	if (error_is_set(&d->err)) {
		draw_fill(2, 1, t->cols - 2, d->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	draw_info(t, d, &l);
	draw_header(t, d, &l);
	if (!d->w.n) {
		draw_text(5, 2, t->cols - 4,
		          d->f.tier[0] || d->f.manager[0]
		              ? _("No guest of this filter came this month. c clears the filter.")
		              : _("No visits this month."),
		          draw_attr(t, TE_DIM), true);
		return;
	}
	size_t first = list_cursor_first(&d->w.cur, d->w.n, l.guests);
	marks_cache_rows(t, &d->marks, first, l.guests, d->w.n, guest_of, rows(d));
	for (size_t i = first; i < d->w.n && (int)(i - first) < l.guests; i++)
		draw_guest(t, d, &l, i, 4 + 2 * (int)(i - first));
}

/* ---- keys ---- */

static void filter_changed(struct tui *t, struct sheet *d)
{
	load_at(t, d, 0, false);
}

static void ask_filter(struct tui *t, struct sheet *d)
{
	char now[100] = "";
	if (d->f.tier[0])
		snprintf(now, sizeof now, "tier %s ", d->f.tier);
	if (d->f.manager[0])
		snprintf(now + strlen(now), sizeof now - strlen(now), "manager %s", d->f.manager);
	char *s = tui_prompt(t, _("Filter (tier A, manager LOGIN; empty: all guests):"), now);
	if (!s)
		return;
	struct filter f = {0};
	struct error why;
	if (parse_words(t, s, &f, NULL, &why)) {
		d->f = f;
		filter_changed(t, d);
	} else {
		tui_error(t, "%s", why.msg);
	}
	free(s);
}

/* Writes the sheet, filtered as shown, to path through a temporary file beside it: a failed
 * write leaves what was at path as it was. */
static void export_to(struct tui *t, struct sheet *d, const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f) {
		tui_error(t, _("cannot write %s: %s"), path, strerror(errno));
		free(tmp);
		return;
	}
	enum store_status s =
	    sheet_export_write(t->st, d->month, opt(d->f.tier), opt(d->f.manager), OUT_CSV, f);
	int werr = ferror(f) ? errno : 0;
	if (fclose(f) != 0 && !werr)
		werr = errno ? errno : EIO;
	if (s != ST_OK) {
		tui_error(t, "%s", tui_store_error(t, s));
		remove(tmp);
	} else if (werr) {
		tui_error(t, _("cannot write %s: %s"), path, strerror(werr));
		remove(tmp);
	} else if (rename(tmp, path) != 0) {
		tui_error(t, _("cannot write %s: %s"), path, strerror(errno));
		remove(tmp);
	} else {
		tui_message(t, _("sheet written to %s"), path);
	}
	free(tmp);
}

/* A file already at path (last month's export, someone else's) is replaced only when asked. */
static bool replace_ok(struct tui *t, const char *path)
{
	if (access(path, F_OK) != 0)
		return true;
	char q[300];
	snprintf(q, sizeof q, _("%s is already there. Replace it?"), path);
	return tui_confirm(t, q);
}

static void ask_export(struct tui *t, struct sheet *d)
{
	char mk[8], def[64];
	snprintf(def, sizeof def, "sheet-%s.csv", date_month_key(d->month, mk));
	char *path = tui_prompt(t, _("Export the sheet to (CSV):"), def);
	if (path && path[0] && replace_ok(t, path))
		export_to(t, d, path);
	free(path);
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct sheet *d = v->data;
	struct layout l = layout_of(t, d);
	if (widget_month_act(&d->month, a)) {
		show_today(t, d);
		load_at(t, d, 0, false);
		return HR_REDRAW;
	}
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		return row_window_move(t, &d->w, read_rows, d, a, l.guests);
	case ACT_TOP:
		if (!d->w.at_start)
			load_at(t, d, 0, false);
		return list_cursor_act(&d->w.cur, a, d->w.n, l.guests);
	case ACT_BOTTOM:
		if (!d->w.at_end)
			load_at(t, d, INT64_MAX, true);
		return list_cursor_act(&d->w.cur, a, d->w.n, l.guests);
	case ACT_DAYS_LEFT:
	case ACT_DAYS_RIGHT:
	case ACT_DAYS_PAGE_LEFT:
	case ACT_DAYS_PAGE_RIGHT: {
		int step = a == ACT_DAYS_LEFT || a == ACT_DAYS_RIGHT ? 1 : l.ndays;
		d->day0 += a == ACT_DAYS_LEFT || a == ACT_DAYS_PAGE_LEFT ? -step : step;
		clamp_days(d, &l);
		return HR_REDRAW;
	}
	case ACT_OPEN:
		if (d->w.n)
			tui_push(t, view_guest_new(t, rows(d)[d->w.cur.sel].guest_id));
		return HR_REDRAW;
	case ACT_SHEET_FILTER:
		ask_filter(t, d);
		return HR_REDRAW;
	case ACT_SHEET_UNFILTER:
		if (d->f.tier[0] || d->f.manager[0]) {
			d->f = (struct filter){0};
			filter_changed(t, d);
			tui_message(t, "%s", _("filter cleared: all guests"));
		}
		return HR_REDRAW;
	case ACT_SHEET_EXPORT:
		ask_export(t, d);
		return HR_REDRAW;
	default:
		return HR_NOT_MINE;
	}
}

/* Another terminal changed the data: the same guests read again from the first one shown. */
static void reload(struct tui *t, struct view *v)
{
	struct sheet *d = v->data;
	int64_t top = d->w.n ? rows(d)[d->w.cur.top].guest_id : 0;
	int64_t sel = d->w.n ? rows(d)[d->w.cur.sel].guest_id : 0;
	bool start = d->w.at_start && d->w.cur.top == 0;
	load_at(t, d, start || !top ? 0 : top - 1, false);
	d->w.at_start = start;
	for (size_t i = 0; i < d->w.n; i++)
		if (rows(d)[i].guest_id <= sel)
			d->w.cur.sel = i;
}

static void sheet_release(struct view *v)
{
	struct sheet *d = v->data;
	marks_cache_clear(&d->marks);
	row_window_free(&d->w);
}

static const enum action hints[] = {ACT_OPEN,         ACT_DAYS_RIGHT, ACT_SHEET_FILTER,
                                    ACT_SHEET_EXPORT, ACT_NEXT_MONTH, ACT_NONE};

static const struct view_ops ops = {
	.name = "sheet",
	.scope = SC_SHEET | SC_MONTH | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = sheet_release,
	.hints = hints,
};

/* arg: "[YYYY-MM] [tier LETTER] [manager LOGIN]", or NULL for this month's whole sheet. */
struct view *view_sheet_new(struct tui *t, const char *arg)
{
	struct date month = date_month_start(date_today());
	struct filter f = {0};
	struct error why;
	if (arg && !parse_words(t, arg, &f, &month, &why)) {
		tui_error(t, _("sheet: %s"), why.msg);
		return NULL;
	}
	struct view *v = tui_view_new(&ops, sizeof(struct sheet));
	struct sheet *d = v->data;
	d->month = month;
	d->f = f;
	d->w.elem = sizeof(struct sheet_row);
	show_today(t, d);
	load_at(t, d, 0, false);
	return v;
}
