/* view_today.c — today's visits (or another day's: ":today 2026-11-20"), for correction or
 * voiding with a reason. */
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/strv.h"
#include "core/visit.h"
#include "store/visit_store.h"
#include "tui/draw.h"
#include "tui/list_cursor.h"
#include "tui/marks_cache.h"
#include "tui/tui.h"
#include "tui/widgets.h"

struct today {
	struct visit *v;
	size_t n;
	struct list_cursor cur;
	struct date day; /* y == 0: today */
	struct marks_cache marks; /* the guests' allergy and taboo marks */
	struct error err;
};

static void today_clear(struct today *d)
{
	marks_cache_clear(&d->marks);
	for (size_t i = 0; i < d->n; i++)
		visit_free(&d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

static void load(struct tui *t, struct today *d)
{
	today_clear(d);
	error_clear(&d->err);
	char day[11];
	date_format(d->day.y ? d->day : date_today(), day);
	struct visit_filter f = {.from = day, .until = day, .with_voided = true};
	enum store_status s = visit_store_list(t->st, &f, &d->v, &d->n);
	if (s != ST_OK)
		error_set(&d->err, 0, "%s", tui_store_error(t, s));
	list_cursor_first(&d->cur, d->n, 1);
}

static const char *title(struct tui *t, struct view *v)
{
	struct today *d = v->data;
	static char buf[96];
	if (!d->day.y)
		return _("today's visits");
	char day[11];
	snprintf(buf, sizeof buf, _("visits of %s"), date_format(d->day, day));
	return buf;
}

static int64_t guest_of(const void *list, size_t i)
{
	return ((const struct visit *)list)[i].guest_id;
}

static void draw(struct tui *t, struct view *v)
{
	struct today *d = v->data;
	int w = t->cols, bottom = t->rows - 3;
	if (error_is_set(&d->err)) {
		draw_fill(2, 1, w - 2, d->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	long covers = 0;
	int64_t spend = 0;
	size_t live = 0;
	for (size_t i = 0; i < d->n; i++)
		if (!d->v[i].voided_at) {
			covers += d->v[i].covers;
			spend += d->v[i].spend_fen;
			live++;
		}
	char sum[200], money[32], nv[64], nc[64];
	snprintf(nv, sizeof nv, ngettext("%zu visit", "%zu visits", live), live);
	snprintf(nc, sizeof nc, ngettext("%ld cover", "%ld covers", (unsigned long)covers), covers);
	/* TRANSLATORS: the day's visits, covers and spend: "3 visits, 20 covers, ¥4,200" */
	snprintf(sum, sizeof sum, _("%s, %s, ¥%s"), nv, nc, money_format_short(spend, money));
	draw_fill(1, 1, w - 2, sum, draw_attr(t, TE_LABEL));
	if (!d->n) {
		draw_text(3, 2, w - 4,
			  d->day.y ? _("No visits on that day.")
				   : _("No visits entered today. From a guest, v enters one."),
			  draw_attr(t, TE_DIM), true);
		return;
	}
	attr_t lab = draw_attr(t, TE_LABEL);
	draw_text(2, 1, 6, "#", lab, false);
	draw_text(2, 8, 16, _("guest"), lab, true);
	draw_text(2, 25, 6, _("meal"), lab, true);
	draw_right(2, 32, 6, _("covers"), lab);
	draw_right(2, 39, 10, _("spend"), lab);
	draw_right(2, 50, 9, _("per head"), lab);
	draw_text(2, 60, 6, _("table"), lab, true);
	draw_text(2, 67, w - 68, _("entered by"), lab, true);
	int rows = bottom - 2;
	size_t first = list_cursor_first(&d->cur, d->n, rows);
	marks_cache_rows(t, &d->marks, first, rows, d->n, guest_of, d->v);
	for (size_t i = first; i < d->n && (int)(i - first) < rows; i++) {
		const struct visit *x = &d->v[i];
		int y = 3 + (int)(i - first);
		attr_t a = i == d->cur.sel ? draw_attr(t, TE_SELECTION)
			   : x->voided_at ? draw_attr(t, TE_DIM)
					  : draw_attr(t, TE_NORMAL);
		char buf[64];
		draw_fill(y, 0, w, i == d->cur.sel ? ">" : "", a);
		snprintf(buf, sizeof buf, "%lld", (long long)x->id);
		draw_text(y, 1, 6, buf, a, true);
		widget_name_marks(t, y, 8, 16, x->guest_name, marks_cache_get(&d->marks, x->guest_id), a);
		draw_text(y, 25, 6, meal_label(x->meal), a, true);
		if (x->voided_at) {
			/* a void visit counts for nothing: the word where its figures would be, so
			 * that it is read as void in monochrome and at any width */
			char *why = void_reason_text(x->void_code, x->void_reason);
			char *line = xasprintf(_("VOID: %s (was %d covers, ¥%s)"), why,
					       x->covers, money_format_short(x->spend_fen, money));
			draw_text(y, 32, w - 33, line, a, true);
			free(line);
			free(why);
			continue;
		}
		snprintf(buf, sizeof buf, "%d", x->covers);
		draw_right(y, 32, 6, buf, a);
		draw_right(y, 39, 10, money_format_short(x->spend_fen, money), a);
		/* a detail view: per head to two decimals (domain.md §3) */
		draw_right(y, 50, 9, money_format(visit_per_capita(x->spend_fen, x->covers), money), a);
		draw_text(y, 60, 6, x->table_no ? x->table_no : "", a, true);
		draw_text(y, 67, w - 68, x->entered_by ? x->entered_by : "", a, true);
	}
}

/* Splits a void reason as typed, "3 520 not 250", into its code (1 to 4, full-width too) and
 * the words after it; words alone are VOID_OTHER. False with why when it cannot be taken. */
static bool void_parse(char *typed, enum void_code *code, const char **text, struct error *why)
{
	static const enum void_code by_number[] = {VOID_TWICE, VOID_WRONG_GUEST, VOID_WRONG_AMOUNT,
						   VOID_OTHER};
	char *s = typed + strspn(typed, " ");
	int n = -1;
	size_t k = 0;
	if (*s >= '1' && *s <= '4')
		n = *s - '1', k = 1;
	else if (!strncmp(s, "\xef\xbc", 2) && (unsigned char)s[2] >= 0x91 &&
		 (unsigned char)s[2] <= 0x94) /* １ to ４ */
		n = (unsigned char)s[2] - 0x91, k = 3;
	if (n >= 0 && (!s[k] || s[k] == ' ')) {
		*code = by_number[n];
		s += k;
		s += strspn(s, " ");
	} else {
		*code = VOID_OTHER;
	}
	*text = s;
	if (!*s && *code == VOID_OTHER) {
		error_set(why, 0, "%s", n < 0 ? _("a reason is needed") : _("other: say why"));
		return false;
	}
	return void_reason_check(*code, s, why) == 0;
}

/* Asks why a visit is void until a reason is given or Esc: an empty Enter does not close the
 * prompt (what is typed next must not run as commands). Returns the typed line (caller frees;
 * *text points into it), or NULL when cancelled. */
static char *void_prompt(struct tui *t, enum void_code *code, const char **text)
{
	/* TRANSLATORS: the numbers are typed, then any words; keep it short (80 columns) */
	const char *ask = _("Void, why? 1 twice · 2 wrong guest · 3 wrong amount · 4 other:");
	char prompt[400];
	struct error why;
	char *typed = NULL;
	snprintf(prompt, sizeof prompt, "%s", ask);
	for (;;) {
		char *line = tui_prompt(t, prompt, typed);
		free(typed);
		if (!line)
			return NULL;
		if (void_parse(line, code, text, &why))
			return line;
		typed = line;
		/* TRANSLATORS: the reason typed was refused: why, then how to answer */
		snprintf(prompt, sizeof prompt, _("Void: %s (1 to 4, or words):"), why.msg);
	}
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct today *d = v->data;
	const struct visit *x = d->n ? &d->v[d->cur.sel] : NULL;
	if (list_cursor_act(&d->cur, a, d->n, t->rows - 5) != HR_NOT_MINE)
		return HR_REDRAW;
	switch (a) {
	case ACT_TODAY: /* from another day's visits: today's */
		if (!d->day.y)
			return HR_NOT_MINE;
		d->day.y = 0;
		d->cur = (struct list_cursor){0};
		load(t, d);
		return HR_REDRAW;
	case ACT_OPEN:
		if (x)
			tui_push(t, view_guest_new(t, x->guest_id));
		return HR_REDRAW;
	case ACT_CORRECT:
		if (x && !x->voided_at)
			tui_push(t, view_visit_new(t, x->guest_id, x->id));
		return HR_REDRAW;
	case ACT_VOID: {
		if (!x || x->voided_at)
			return HR_REDRAW;
		int64_t id = x->id; /* the list may be read again while the prompt is open */
		x = NULL;
		enum void_code code;
		const char *text;
		char *why = void_prompt(t, &code, &text);
		if (!why)
			return HR_REDRAW;
		if (tui_confirm(t, _("Void it?"))) {
			enum store_status s = visit_store_void(t->st, id, code, text);
			if (s == ST_OK) {
				tui_message(t, _("visit %lld voided"), (long long)id);
				tui_changed(t);
				load(t, d);
			} else {
				tui_error(t, "%s", tui_store_error(t, s));
			}
		}
		free(why);
		return HR_REDRAW;
	}
	default:
		return HR_NOT_MINE;
	}
}

static void reload(struct tui *t, struct view *v)
{
	load(t, v->data);
}

static void today_release(struct view *v)
{
	today_clear(v->data);
}

static const enum action hints[] = {ACT_OPEN, ACT_CORRECT, ACT_VOID, ACT_NONE};

static const struct view_ops ops = {
	.name = "today",
	.scope = SC_TODAY | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = today_release,
	.hints = hints,
};

/* arg: a day (YYYY-MM-DD), or NULL for today. */
struct view *view_today_new(struct tui *t, const char *arg)
{
	struct date day = {0};
	if (arg && !date_parse(arg, &day)) {
		tui_error(t, _("today: \"%s\" is not a day (YYYY-MM-DD)"), arg);
		return NULL;
	}
	struct view *v = tui_view_new(&ops, sizeof(struct today));
	struct today *d = v->data;
	d->day = day;
	load(t, d);
	return v;
}
