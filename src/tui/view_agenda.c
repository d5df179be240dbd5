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

enum section { SEC_CONTACT, SEC_DATE, SEC_BANQUET, SEC_COUNT };

static const char *const section_titles[SEC_COUNT] = {
	N_("Calls and visits due"),
	N_("Birthdays and anniversaries, the next 7 days"),
	N_("Banquets due"),
};

/* A line of the screen: a section's heading or one agenda row. */
struct line {
	int row; /* index into rows, or -1 - section for a heading */
};

struct agenda {
	char staff[64]; /* the sales manager shown; "" for every guest */
	struct agenda_row *rows;
	size_t n;
	/* the safety marks of the guests, read when first shown (an agenda of every guest may
	 * hold hundreds of thousands of rows) */
	struct marks_cache marks;
	struct line *lines;
	size_t nlines;
	size_t *pick; /* the lines that are rows, in screen order (what the cursor moves over) */
	size_t npick;
	struct list_cursor cur; /* over pick */
	size_t top;             /* the first line shown */
	int rows_shown;
	int overdue, due, dates; /* rows of each kind, for the summary line */
	struct error err;
};

static enum section section_of(const struct agenda_row *r)
{
	return r->what == AGENDA_DATE ? SEC_DATE : r->what == AGENDA_BANQUET ? SEC_BANQUET
									     : SEC_CONTACT;
}

static void agenda_clear(struct agenda *d)
{
	marks_cache_clear(&d->marks);
	agenda_rows_free(d->rows, d->n);
	free(d->lines);
	free(d->pick);
	d->rows = NULL;
	d->lines = NULL;
	d->pick = NULL;
	d->n = d->nlines = d->npick = 0;
}

/* The lines: each non-empty section's heading and its rows, in the store's order. */
static void make_lines(struct agenda *d)
{
	d->lines = xcalloc(d->n + SEC_COUNT, sizeof *d->lines);
	d->pick = xcalloc(d->n + 1, sizeof *d->pick);
	for (int s = 0; s < SEC_COUNT; s++) {
		bool head = false;
		for (size_t i = 0; i < d->n; i++) {
			if (section_of(&d->rows[i]) != (enum section)s)
				continue;
			if (!head)
				d->lines[d->nlines++].row = -1 - s;
			head = true;
			d->pick[d->npick++] = d->nlines;
			d->lines[d->nlines++].row = (int)i;
		}
	}
}

/* Reads the agenda of staff ("" every guest's): ST_NOTFOUND for an unknown login. */
static enum store_status load(struct tui *t, struct agenda *d, const char *staff)
{
	struct agenda_row *rows = NULL;
	size_t n = 0;
	enum store_status s = agenda_store_agenda(t->st, t->rules, date_today(), AGENDA_DAYS,
						  staff[0] ? staff : NULL, &rows, &n);
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
	d->rows = rows;
	d->n = n;
	make_lines(d);
	d->overdue = d->due = d->dates = 0;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].what == AGENDA_DATE)
			d->dates++;
		else if (rows[i].due.state == AGENDA_OVERDUE)
			d->overdue++;
		else
			d->due++;
	}
	list_cursor_first(&d->cur, d->npick, 1);
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
	size_t n = 0;
	for (size_t k = d->top; k < d->nlines && (int)(k - d->top) < rows && n < 256; k++)
		if (d->lines[k].row >= 0)
			ids[n++] = d->rows[d->lines[k].row].guest_id;
	marks_cache_want(t, &d->marks, ids, n);
}

static void draw_row(struct tui *t, struct agenda *d, size_t i, bool sel, int y, int w)
{
	const struct agenda_row *r = &d->rows[i];
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
	if (!d->npick) {
		d->top = 0;
		return;
	}
	size_t line = d->pick[d->cur.sel];
	size_t want = line > 0 && d->lines[line - 1].row < 0 ? line - 1 : line;
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
	if (!d->n) {
		draw_text(3, 2, w - 4, _("Nothing due: no calls, visits, banquets or dates this week."),
			  draw_attr(t, TE_DIM), true);
		return;
	}
	d->rows_shown = bottom - 2;
	list_cursor_first(&d->cur, d->npick, d->rows_shown);
	keep_in_view(d, d->rows_shown);
	read_shown(t, d, d->rows_shown);
	for (size_t k = d->top; k < d->nlines && (int)(k - d->top) < d->rows_shown; k++) {
		int y = 3 + (int)(k - d->top);
		int row = d->lines[k].row;
		if (row < 0)
			draw_fill(y, 1, w - 2, _(section_titles[-1 - row]), draw_attr(t, TE_TITLE));
		else
			draw_row(t, d, (size_t)row, d->pick[d->cur.sel] == k, y, w);
	}
}

/* Reads the agenda again after our own change, keeping the selection's place. */
static void changed(struct tui *t, struct agenda *d)
{
	tui_changed(t);
	load(t, d, d->staff);
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
	if (load(t, d, login) == ST_NOTFOUND)
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
	const struct agenda_row *r =
		d->npick ? &d->rows[d->lines[d->pick[d->cur.sel]].row] : NULL;
	if (list_cursor_act(&d->cur, a, d->npick, d->rows_shown > 0 ? d->rows_shown : 1) !=
	    HR_NOT_MINE)
		return HR_REDRAW;
	switch (a) {
	case ACT_OPEN:
		if (r)
			tui_push(t, view_guest_new(t, r->guest_id));
		return HR_REDRAW;
	case ACT_AGENDA_STAFF:
		return choose_staff(t, d);
	case ACT_AGENDA_CONTACT:
		return r ? log_contact(t, d, r) : HR_REDRAW;
	case ACT_AGENDA_GIFT:
		return r ? mark_gift(t, d, r) : HR_REDRAW;
	default:
		return HR_NOT_MINE;
	}
}

static void reload(struct tui *t, struct view *v)
{
	struct agenda *d = v->data;
	load(t, d, d->staff);
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
	if (load(t, v->data, staff ? staff : "") == ST_NOTFOUND) {
		tui_error(t, _("agenda: no staff member with login \"%s\""), staff);
		tui_view_free(v);
		return NULL;
	}
	return v;
}
