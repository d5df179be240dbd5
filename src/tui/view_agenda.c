/* view_agenda.c — a sales manager's agenda (domain.md §7): the calls and in-person visits due
 * or overdue under each guest's tier cadence, the special dates of the next 7 days with the gift
 * the tier grants, and the banquets due. A contact is logged and a gift marked given from the
 * list. */
#include <stdlib.h>
#include <string.h>

#include "core/choice.h"
#include "core/money.h"
#include "core/strv.h"
#include "store/agenda_store.h"
#include "store/search_store.h"
#include "tui/draw.h"
#include "tui/list_cursor.h"
#include "tui/marks_cache.h"
#include "tui/tui.h"
#include "tui/widgets.h"

/* The days of special dates shown, today included. */
#define AGENDA_DAYS 7
/* The items kept around the cursor (16 bytes each). */
#define AGENDA_WINDOW 4096

enum section { SEC_CONTACT, SEC_DATE, SEC_BANQUET, SEC_COUNT };

static const char *const section_titles[SEC_COUNT] = {
	N_("Calls and visits due"),
	N_("Birthdays and anniversaries, the next 7 days"),
	N_("Banquets due"),
};

struct agenda {
	char staff[64]; /* the sales manager shown; "" for every guest */
	/* the agenda, compact, its items regrouped in screen order: the calls and visits, the
	 * dates, the banquets, each in the store's order; a row is made whole (its names read)
	 * when it is shown. An agenda of every guest on a big book holds hundreds of thousands of
	 * rows: only AGENDA_WINDOW of them around the cursor are kept, items [from, from +
	 * list.n) of the screen order, the agenda read again to show others */
	struct agenda_list list;
	size_t total, from;
	size_t nsec[SEC_COUNT]; /* items of each section */
	/* the safety marks of the guests, read when first shown */
	struct marks_cache marks;
	struct list_cursor cur; /* over the items */
	size_t top;             /* the first line shown */
	int rows_shown;
	int overdue, due, dates; /* rows of each kind, for the summary line */
	struct error err;
};

static enum section section_of(enum agenda_what what)
{
	return what == AGENDA_DATE ? SEC_DATE : what == AGENDA_BANQUET ? SEC_BANQUET : SEC_CONTACT;
}

static void agenda_clear(struct agenda *d)
{
	marks_cache_clear(&d->marks);
	agenda_list_free(&d->list);
	memset(d->nsec, 0, sizeof d->nsec);
}

/* Regroups the items by section, keeping the store's order within each. */
static void make_sections(struct agenda *d)
{
	struct agenda_list *l = &d->list;
	size_t at[SEC_COUNT];
	for (size_t i = 0; i < l->n; i++)
		d->nsec[section_of(l->items[i].what)]++;
	at[0] = 0;
	for (int s = 1; s < SEC_COUNT; s++)
		at[s] = at[s - 1] + d->nsec[s - 1];
	if (!l->n)
		return;
	struct agenda_item *v = xmalloc(l->n * sizeof *v);
	for (size_t i = 0; i < l->n; i++)
		v[at[section_of(l->items[i].what)]++] = l->items[i];
	free(l->items);
	l->items = v;
}

/* Line k of the screen: -1 - section for a heading, 0 for item *item, 1 past the end. Each
 * non-empty section is its heading and its items. */
static int line_at(const struct agenda *d, size_t k, size_t *item)
{
	size_t line = 0, first = 0;
	for (int s = 0; s < SEC_COUNT; s++) {
		if (!d->nsec[s])
			continue;
		if (k == line)
			return -1 - s;
		if (k <= line + d->nsec[s]) {
			*item = first + (k - line - 1);
			return 0;
		}
		line += 1 + d->nsec[s];
		first += d->nsec[s];
	}
	return 1;
}

/* The line of item i. */
static size_t line_of(const struct agenda *d, size_t i)
{
	size_t line = 0, first = 0;
	for (int s = 0; s < SEC_COUNT; s++) {
		if (!d->nsec[s])
			continue;
		if (i < first + d->nsec[s])
			return line + 1 + (i - first);
		line += 1 + d->nsec[s];
		first += d->nsec[s];
	}
	return line;
}

/* The lines of the screen: the items and a heading per non-empty section. */
static size_t line_count(const struct agenda *d)
{
	size_t n = d->total;
	for (int s = 0; s < SEC_COUNT; s++)
		n += d->nsec[s] != 0;
	return n;
}

static enum store_status load(struct tui *t, struct agenda *d, const char *staff, size_t around);

/* Item i of the screen order, the agenda read again around it when it is not kept; NULL when
 * there is none (past the end, or the agenda could not be read). */
static const struct agenda_item *item_at(struct tui *t, struct agenda *d, size_t i)
{
	if ((i < d->from || i >= d->from + d->list.n) &&
	    (i >= d->total || load(t, d, d->staff, i) != ST_OK))
		return NULL;
	if (i < d->from || i >= d->from + d->list.n)
		return NULL; /* fewer rows now */
	return &d->list.items[i - d->from];
}

/* Item i made whole into *r, its guest's name read (free with row_free); false when there is
 * no such item. */
static bool row_make(struct tui *t, struct agenda *d, size_t i, struct agenda_row *r)
{
	if (!item_at(t, d, i)) {
		memset(r, 0, sizeof *r);
		return false;
	}
	agenda_list_row(&d->list, t->rules, i - d->from, r);
	agenda_store_names(t->st, r, 1); /* a failure shows the row without its name */
	return true;
}

static void row_free(struct agenda_row *r)
{
	free(r->guest);
	free(r->manager);
	free(r->person);
	free(r->label);
}

/* Reads the agenda of staff ("" every guest's), keeping the items around item `around`:
 * ST_NOTFOUND for an unknown login. */
static enum store_status load(struct tui *t, struct agenda *d, const char *staff, size_t around)
{
	struct agenda_list l;
	enum store_status s = agenda_store_list(t->st, t->rules, date_today(), AGENDA_DAYS,
						staff[0] ? staff : NULL, &l);
	if (s == ST_NOTFOUND)
		return s; /* the agenda shown stays */
	agenda_clear(d);
	error_clear(&d->err);
	if (staff != d->staff)
		snprintf(d->staff, sizeof d->staff, "%s", staff);
	if (s != ST_OK) {
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
		return s;
	}
	d->list = l;
	make_sections(d);
	d->overdue = d->due = d->dates = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct agenda_item *x = &d->list.items[i];
		if (x->what == AGENDA_DATE)
			d->dates++;
		else if (x->day < 0)
			d->overdue++; /* past the last day: AGENDA_OVERDUE */
		else
			d->due++;
	}
	/* the window around `around` */
	d->total = l.n;
	d->from = 0;
	if (l.n > AGENDA_WINDOW) {
		size_t from = around > AGENDA_WINDOW / 2 ? around - AGENDA_WINDOW / 2 : 0;
		if (from > l.n - AGENDA_WINDOW)
			from = l.n - AGENDA_WINDOW;
		struct agenda_item *w = xmalloc(AGENDA_WINDOW * sizeof *w);
		memcpy(w, d->list.items + from, AGENDA_WINDOW * sizeof *w);
		free(d->list.items);
		d->list.items = w;
		d->list.n = AGENDA_WINDOW;
		d->from = from;
	}
	list_cursor_first(&d->cur, d->total, 1);
	return ST_OK;
}

static const char *title(struct tui *t, struct view *v)
{
	(void)t;
	struct agenda *d = v->data;
	static char buf[160];
	if (d->staff[0])
		snprintf(buf, sizeof buf, _("agenda of %s"), d->staff);
	else
		snprintf(buf, sizeof buf, "%s", _("agenda of every guest"));
	return buf;
}

/* "3 days overdue", "due today", "due, 2 days left", "never contacted", "in 3 days". */
static void status_text(const struct agenda_row *r, char *buf, size_t len)
{
	if (r->what == AGENDA_DATE) {
		if (r->days == 0)
			snprintf(buf, len, "%s", _("today"));
		else if (r->days == 1)
			snprintf(buf, len, "%s", _("tomorrow"));
		else
			snprintf(buf, len, _("in %d days"), r->days);
	} else if (r->due.never) {
		snprintf(buf, len, "%s",
			 r->what == AGENDA_BANQUET ? _("never held") : _("never contacted"));
	} else if (r->due.state == AGENDA_OVERDUE) {
		if (r->due.left == -1)
			snprintf(buf, len, "%s", _("1 day overdue"));
		else
			snprintf(buf, len, _("%d days overdue"), -r->due.left);
	} else if (r->due.left == 0) {
		snprintf(buf, len, "%s", _("due today"));
	} else {
		snprintf(buf, len, _("due, %d days left"), r->due.left);
	}
}

/* What the row asks: "call", "visit", "banquet", or the occasion ("birthday", "妻子 李女士 birthday"). */
static char *what_text(const struct agenda_row *r)
{
	/* a visit the sales manager pays (拜访), not a visit entered (到店) */
	static const char *const what[] = {N_("call"), NC_("sales manager's", "visit"),
	                                   N_("banquet"), N_("date")};
	if (r->what != AGENDA_DATE)
		return xstrdup(i18n_ctx(what[r->what]));
	const char *occ = r->kind == DATE_OTHER ? agenda_row_occasion(r) : _(agenda_row_occasion(r));
	return r->person ? xasprintf("%s %s", r->person, occ) : xstrdup(occ);
}

/* The occasions agenda_row_occasion names, for the catalogue. */
static const char *const occasions[] __attribute__((unused)) = {N_("birthday"),
								N_("anniversary")};

/* Columns: what, guest, marks, tier, status, and the rest. */
enum { C_WHAT = 12, C_NAME = 12, C_MARKS = 3, C_TIER = 3, C_STATUS = 17 };

/* Reads the safety marks of the rows on lines top.. (rows lines) not read yet, in one query. */
static void read_shown(struct tui *t, struct agenda *d, int rows)
{
	int64_t ids[256];
	size_t n = 0, item;
	for (size_t k = d->top; (int)(k - d->top) < rows && n < 256; k++) {
		int at = line_at(d, k, &item);
		if (at > 0)
			break;
		const struct agenda_item *x = at == 0 ? item_at(t, d, item) : NULL;
		if (x)
			ids[n++] = agenda_item_guest(x);
	}
	marks_cache_want(t, &d->marks, ids, n);
}

static void draw_row(struct tui *t, struct agenda *d, const struct agenda_row *r, bool sel, int y,
		     int w)
{
	attr_t a = sel ? draw_attr(t, TE_SELECTION) : draw_attr(t, TE_NORMAL);
	draw_fill(y, 0, w, sel ? ">" : "", a);
	int x = 2;
	char *what = what_text(r);
	draw_text(y, x, C_WHAT, what, a, true);
	free(what);
	x += C_WHAT + 1;
	draw_text(y, x, C_NAME, r->guest ? r->guest : "", a, true);
	x += C_NAME + 1;
	widget_safety_flags(t, y, x, marks_cache_get(&d->marks, r->guest_id));
	x += C_MARKS + 1;
	widget_tier_badge(t, y, x, r->tier, NULL, false);
	x += C_TIER + 1;
	char st[64], buf[160], day[11], m[32];
	status_text(r, st, sizeof st);
	bool overdue = r->what != AGENDA_DATE && r->due.state == AGENDA_OVERDUE;
	draw_text(y, x, C_STATUS, st, overdue ? draw_attr(t, TE_OVERDUE) : a, true);
	x += C_STATUS + 1;
	if (r->what == AGENDA_DATE) {
		char gift[64];
		if (r->has_gift)
			snprintf(gift, sizeof gift, _("¥%s gift %s"), money_format_short(r->gift_fen, m),
				 r->given ? _("given") : _("not given"));
		else
			snprintf(gift, sizeof gift, "%s", _("no gift for this tier"));
		snprintf(buf, sizeof buf, "%02d-%02d %s", r->on.m, r->on.d, gift);
	} else if (r->last.y) {
		snprintf(buf, sizeof buf, _("last %s"), date_format(r->last, day));
	} else {
		buf[0] = '\0';
	}
	if (!d->staff[0] && r->manager) {
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "  · %s", r->manager);
	}
	draw_text(y, x, w - x - 1, buf, r->what == AGENDA_DATE && r->given ? draw_attr(t, TE_DIM) : a,
		  true);
}

/* Keeps the selected row's line in view (with its heading when it is the first of a section). */
static void keep_in_view(struct agenda *d, int rows)
{
	if (!d->total) {
		d->top = 0;
		return;
	}
	size_t line = line_of(d, d->cur.sel), item;
	size_t want = line > 0 && line_at(d, line - 1, &item) < 0 ? line - 1 : line;
	if (want < d->top)
		d->top = want;
	if (line >= d->top + (size_t)rows)
		d->top = line - (size_t)rows + 1;
}

static void draw(struct tui *t, struct view *v)
{
	struct agenda *d = v->data;
	int w = t->cols, bottom = t->rows - 3;
	if (error_is_set(&d->err)) {
		draw_fill(2, 1, w - 2, d->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	char day[11];
	char *s = xasprintf(_("%s · %d overdue, %d due, %d special dates"),
			    date_format(date_today(), day), d->overdue, d->due, d->dates);
	draw_fill(1, 1, w - 2, s, draw_attr(t, TE_LABEL));
	free(s);
	if (!d->total) {
		draw_text(3, 2, w - 4, _("Nothing due: no calls, visits, banquets or dates this week."),
			  draw_attr(t, TE_DIM), true);
		return;
	}
	d->rows_shown = bottom - 2;
	list_cursor_first(&d->cur, d->total, d->rows_shown);
	keep_in_view(d, d->rows_shown);
	/* the rows shown are within rows_shown of the cursor: keep them all in the window */
	size_t sel = d->cur.sel, margin = (size_t)d->rows_shown + 1;
	if ((d->from && sel < d->from + margin) ||
	    (d->from + d->list.n < d->total && sel + margin >= d->from + d->list.n)) {
		load(t, d, d->staff, sel);
		list_cursor_first(&d->cur, d->total, d->rows_shown);
		keep_in_view(d, d->rows_shown);
	}
	read_shown(t, d, d->rows_shown);
	size_t nlines = line_count(d), item;
	for (size_t k = d->top; k < nlines && (int)(k - d->top) < d->rows_shown; k++) {
		int y = 3 + (int)(k - d->top);
		int at = line_at(d, k, &item);
		if (at < 0) {
			draw_fill(y, 1, w - 2, _(section_titles[-1 - at]), draw_attr(t, TE_TITLE));
		} else if (at == 0) {
			struct agenda_row r;
			if (row_make(t, d, item, &r))
				draw_row(t, d, &r, item == d->cur.sel, y, w);
			row_free(&r);
		}
	}
}

/* Reads the agenda again after our own change, keeping the selection's place. */
static void changed(struct tui *t, struct agenda *d)
{
	tui_changed(t);
	load(t, d, d->staff, d->cur.sel);
}

static enum handler_result log_contact(struct tui *t, struct agenda *d, const struct agenda_row *r)
{
	int64_t guest = r->guest_id; /* the list may be read again while a prompt is open */
	const char *ch = tui_choose(t, _("Contact by:"), &choice_channel,
	                            r->what == AGENDA_VISIT ? "visit" : "phone");
	if (!ch)
		return HR_REDRAW;
	char *outcome = tui_prompt(t, _("Outcome of the contact:"), NULL);
	if (outcome && !outcome[0]) {
		tui_error(t, "%s", _("outcome: cannot be empty"));
	} else if (outcome) {
		struct agenda_contact c = {.guest_id = guest, .channel = ch, .outcome = outcome};
		enum store_status s = agenda_store_contact(t->st, date_today(), &c);
		if (s == ST_OK) {
			tui_message(t, "%s", _("contact logged"));
			changed(t, d);
		} else {
			tui_error(t, "%s", tui_store_error(t, s));
		}
	}
	free(outcome);
	return HR_REDRAW;
}

static enum handler_result mark_gift(struct tui *t, struct agenda *d, const struct agenda_row *r)
{
	if (r->what != AGENDA_DATE) {
		tui_error(t, "%s", _("a gift is marked on a special date's line"));
		return HR_REDRAW;
	}
	if (!r->has_gift) {
		tui_error(t, "%s", _("the guest's tier grants no gift for this date"));
		return HR_REDRAW;
	}
	if (r->given) {
		tui_error(t, "%s", _("this gift is already given"));
		return HR_REDRAW;
	}
	/* the person's relation ("妻子" of "妻子 李女士"): the store finds the person by it */
	char person[128] = "";
	if (r->person)
		snprintf(person, sizeof person, "%.*s", (int)strcspn(r->person, " "), r->person);
	char occasion[128], m[32];
	snprintf(occasion, sizeof occasion, "%s", agenda_row_occasion(r));
	struct agenda_gift g = {.guest_id = r->guest_id,
				.occasion = occasion,
				.person = person[0] ? person : NULL,
				.year = r->on.y};
	char *q = xasprintf(_("Mark the gift of ¥%s for %s given?"),
			    money_format_short(r->gift_fen, m), r->guest ? r->guest : "");
	bool yes = tui_confirm(t, q);
	free(q);
	if (!yes)
		return HR_REDRAW;
	enum store_status s = agenda_store_gift(t->st, t->rules, date_today(), &g);
	if (s == ST_OK) {
		tui_message(t, _("gift of ¥%s recorded as given"), money_format_short(g.value_fen, m));
		changed(t, d);
	} else {
		tui_error(t, "%s", tui_store_error(t, s));
	}
	return HR_REDRAW;
}

static enum handler_result choose_staff(struct tui *t, struct agenda *d)
{
	char *login = tui_prompt(t, _("Sales manager's login (empty: every guest):"), d->staff);
	if (!login)
		return HR_REDRAW;
	if (load(t, d, login, 0) == ST_NOTFOUND)
		tui_error(t, _("no staff member with login \"%s\""), login);
	else
		d->cur = (struct list_cursor){0}, d->top = 0;
	free(login);
	return HR_REDRAW;
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct agenda *d = v->data;
	if (list_cursor_act(&d->cur, a, d->total, d->rows_shown > 0 ? d->rows_shown : 1) !=
	    HR_NOT_MINE)
		return HR_REDRAW;
	if (a == ACT_AGENDA_STAFF)
		return choose_staff(t, d);
	if (a != ACT_OPEN && a != ACT_AGENDA_CONTACT && a != ACT_AGENDA_GIFT)
		return HR_NOT_MINE;
	/* the selected row, whole: the list may be read again while a prompt is open */
	struct agenda_row r;
	if (!row_make(t, d, d->cur.sel, &r))
		return HR_REDRAW;
	enum handler_result hr = HR_REDRAW;
	if (a == ACT_OPEN)
		tui_push(t, view_guest_new(t, r.guest_id));
	else if (a == ACT_AGENDA_CONTACT)
		hr = log_contact(t, d, &r);
	else
		hr = mark_gift(t, d, &r);
	row_free(&r);
	return hr;
}

static void reload(struct tui *t, struct view *v)
{
	struct agenda *d = v->data;
	load(t, d, d->staff, d->cur.sel);
}

static void agenda_release(struct view *v)
{
	agenda_clear(v->data);
}

static const enum action hints[] = {ACT_OPEN, ACT_AGENDA_CONTACT, ACT_AGENDA_GIFT,
				    ACT_AGENDA_STAFF, ACT_NONE};

static const struct view_ops ops = {
	.name = "agenda",
	.scope = SC_AGENDA | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = agenda_release,
	.hints = hints,
};

/* arg: a sales manager's login; NULL: the logged-in user's guests when they are someone's
 * sales manager, else every guest's. */
struct view *view_agenda_new(struct tui *t, const char *arg)
{
	const char *staff = arg;
	if (!staff) {
		bool mine = false;
		if (agenda_store_is_manager(t->st, store_login(t->st), &mine) == ST_OK && mine)
			staff = store_login(t->st);
	}
	struct view *v = tui_view_new(&ops, sizeof(struct agenda));
	if (load(t, v->data, staff ? staff : "", 0) == ST_NOTFOUND) {
		tui_error(t, _("agenda: no staff member with login \"%s\""), staff);
		tui_view_free(v);
		return NULL;
	}
	return v;
}
