/* widgets.c — shared pieces of the views (see widgets.h). */
#include "tui/widgets.h"

#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "tui/draw.h"

/* The tier groups of the shipped rules and the kinds of staff who greet, as translated for
 * display (the rules file's words are looked up in the catalogue as they are). */
static const char *const rule_words[] __attribute__((unused)) = {
	N_("quality"), N_("active"), N_("general manager"), N_("store manager"),
	N_("floor manager"), N_("drinks"), N_("seafood"), N_("special-price dishes"),
	N_("banquet menus"),
};

enum theme_elem widget_tier_elem(const char *tier)
{
	if (!tier || !tier[0])
		return TE_DIM;
	switch (tier[0]) {
	case 'A':
		return TE_TIER_A;
	case 'B':
		return TE_TIER_B;
	case 'C':
		return TE_TIER_C;
	default:
		return TE_LABEL;
	}
}

int widget_tier_badge(struct tui *t, int y, int x, const char *tier, const char *grp, bool wide)
{
	char buf[64];
	if (!tier || !tier[0])
		return 0;
	if (wide && grp && grp[0])
		snprintf(buf, sizeof buf, "[%s %s]", tier, tr_data(grp));
	else
		snprintf(buf, sizeof buf, "[%s]", tier);
	return draw_text(y, x, draw_width(buf), buf, draw_attr(t, widget_tier_elem(tier)), false);
}

/* Column widths of a result line for a screen w wide. */
struct cols {
	int mark, name, phone, tier, safety, employer, last;
};

static struct cols layout(int w)
{
	struct cols c = {2, 16, 5, 4, 0, 0, 11};
	int rest = w - 2 - c.mark - c.name - c.phone - c.tier - c.last - 4;
	c.safety = rest * 45 / 100;
	c.employer = rest - c.safety;
	return c;
}

void widget_result_header(struct tui *t, int y, int w)
{
	struct cols c = layout(w);
	attr_t a = draw_attr(t, TE_LABEL);
	int x = 1 + c.mark;
	draw_text(y, x, c.name, _("address as"), a, true);
	x += c.name + 1;
	draw_text(y, x, c.phone, _("phone"), a, true);
	x += c.phone + 1;
	draw_text(y, x, c.tier, _("tier"), a, true);
	x += c.tier + 1;
	draw_text(y, x, c.safety, _("allergies · taboos"), a, true);
	x += c.safety + 1;
	draw_text(y, x, c.employer, _("employer"), a, true);
	draw_right(y, w - 1 - c.last, c.last, _("last visit"), a);
}

/* A copy of a store summary ("花生 (critical), 虾 (high)") with the severities translated. */
static char *tr_severities(const char *s)
{
	static const char *const sev[] = {N_("low"), N_("medium"), N_("high"), N_("critical")};
	struct sbuf b = {0};
	sbuf_add(&b, "");
	while (s && *s) {
		bool done = false;
		for (size_t i = 0; i < sizeof sev / sizeof sev[0] && !done; i++) {
			size_t n = strlen(sev[i]);
			if (s[0] == '(' && strncmp(s + 1, sev[i], n) == 0 && s[n + 1] == ')') {
				sbuf_printf(&b, "(%s)", _(sev[i]));
				s += n + 2;
				done = true;
			}
		}
		if (!done)
			sbuf_addc(&b, *s++);
	}
	return sbuf_detach(&b);
}

/* "!!花生 (critical) ✕猪肉": the marks of a result line. */
static char *safety_marks(const char *allergies, const char *taboos)
{
	char *a = allergies ? tr_severities(allergies) : NULL, *t = taboos ? tr_severities(taboos) : NULL;
	char *s = xasprintf("%s%s%s%s%s", a ? "!!" : "", a ? a : "", a && t ? " " : "", t ? "✕" : "",
			    t ? t : "");
	free(a);
	free(t);
	return s;
}

/* s without its " (severity)" parts: "花生, 芒果". Caller frees. */
static char *without_severities(const char *s)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	while (s && *s) {
		if (s[0] == ' ' && s[1] == '(') {
			const char *close = strchr(s, ')');
			if (close) {
				s = close + 1;
				continue;
			}
		}
		sbuf_addc(&b, *s++);
	}
	return sbuf_detach(&b);
}

/* The first item of a ", "-separated list and "+N" for the others: "花生+2". Caller frees. */
static char *first_and_count(const char *s)
{
	if (!s)
		return NULL;
	char *items = without_severities(s);
	int n = 1;
	for (const char *p = items; (p = strstr(p, ", ")) != NULL; p += 2)
		n++;
	items[strcspn(items, ",")] = '\0';
	char *r = n > 1 ? xasprintf("%s+%d", items, n - 1) : xstrdup(items);
	free(items);
	return r;
}

/* The safety marks of a result line in w columns: in full when they fit, else without the
 * severities (the most severe come first), else the first of each kind and how many more —
 * so that taboos never disappear behind a long list of allergies. Caller frees. */
static char *fitted_marks(const char *allergies, const char *taboos, int w)
{
	char *full = safety_marks(allergies, taboos);
	if (draw_width(full) <= w)
		return full;
	free(full);
	char *a = allergies ? without_severities(allergies) : NULL;
	char *tb = taboos ? without_severities(taboos) : NULL;
	char *compact = safety_marks(a, tb);
	free(a);
	free(tb);
	if (draw_width(compact) <= w)
		return compact;
	free(compact);
	a = first_and_count(allergies);
	tb = first_and_count(taboos);
	char *shortest = safety_marks(a, tb);
	free(a);
	free(tb);
	return shortest;
}

void widget_safety_marks(struct tui *t, int y, int x, int w, const char *allergies,
			 const char *taboos)
{
	if (!allergies && !taboos)
		return;
	char *m = fitted_marks(allergies, taboos, w);
	draw_text(y, x, w, m ? m : "!!", draw_attr(t, allergies ? TE_ALLERGY : TE_TABOO), true);
	free(m);
}

void widget_result_line(struct tui *t, int y, int w, const struct guest_summary *s, bool selected)
{
	struct cols c = layout(w);
	attr_t base = selected ? draw_attr(t, TE_SELECTION) : draw_attr(t, TE_NORMAL);
	draw_fill(y, 0, w, selected ? ">" : "", base);
	int x = 1;
	if (s->last_complaint[0])
		draw_text(y, x, c.mark, "!", draw_attr(t, TE_COMPLAINT), false);
	x += c.mark;
	draw_text(y, x, c.name, s->name ? s->name : "", base, true);
	x += c.name + 1;
	/* the phone's last four digits tell six 孙先生 apart */
	draw_text(y, x, c.phone, s->phone4, base, false);
	x += c.phone + 1;
	widget_tier_badge(t, y, x, s->tier, s->grp, false);
	x += c.tier + 1;
	widget_safety_marks(t, y, x, c.safety, s->allergies, s->taboos);
	x += c.safety + 1;
	draw_text(y, x, c.employer, s->employer ? s->employer : "", base, true);
	draw_right(y, w - 1 - c.last, c.last, s->last_visit, base);
}

static char *line_of(const char *marker, const char *label, const char *text)
{
	char *tr = tr_severities(text);
	char *s = xasprintf("%s %s  %s", marker, label, tr);
	free(tr);
	return s;
}

int widget_safety_rows(struct tui *t, const char *allergies, const char *taboos, int w)
{
	int rows = 0;
	if (allergies) {
		char *s = line_of("!!", _("ALLERGY"), allergies);
		rows += draw_wrap(0, 0, w, 0, s, 0);
		free(s);
	}
	if (taboos) {
		char *s = line_of("✕", _("TABOO"), taboos);
		rows += draw_wrap(0, 0, w, 0, s, 0);
		free(s);
	}
	return rows ? rows : 1;
}

int widget_safety(struct tui *t, int y, int x, int w, const char *allergies, const char *taboos)
{
	int rows = 0;
	if (allergies) {
		char *s = line_of("!!", _("ALLERGY"), allergies);
		rows += draw_wrap(y + rows, x, w, 100, s, draw_attr(t, TE_ALLERGY));
		free(s);
	}
	if (taboos) {
		char *s = line_of("✕", _("TABOO"), taboos);
		rows += draw_wrap(y + rows, x, w, 100, s, draw_attr(t, TE_TABOO));
		free(s);
	}
	if (!rows) {
		draw_fill(y, x, w, _("no allergies or taboos recorded"), draw_attr(t, TE_DIM));
		rows = 1;
	}
	return rows;
}

/* The safety block of a guest whose allergies and taboos could not be read: y < 0 only
 * measures it. */
static int unread_safety(struct tui *t, int y, int x, int w)
{
	char *s = xasprintf("!! %s", _("allergies and taboos could not be read"));
	int rows = draw_wrap(y < 0 ? 0 : y, x, w, y < 0 ? 0 : 100, s,
			     draw_attr(t, TE_ALLERGY));
	free(s);
	return rows;
}

int widget_guest_safety(struct tui *t, int y, int x, int w, const struct guest_summary *s)
{
	if (s)
		return widget_safety(t, y, x, w, s->allergies, s->taboos);
	return unread_safety(t, y, x, w);
}

int widget_guest_safety_rows(struct tui *t, const struct guest_summary *s, int w)
{
	if (s)
		return widget_safety_rows(t, s->allergies, s->taboos, w);
	return unread_safety(t, -1, 0, w);
}

int widget_safety_flags(struct tui *t, int y, int x, const struct guest_summary *s)
{
	int c = 0;
	if (!s)
		return draw_text(y, x, 1, "?", draw_attr(t, TE_ALLERGY), false);
	if (s->allergies)
		c += draw_text(y, x, 2, "!!", draw_attr(t, TE_ALLERGY), false);
	if (s->taboos)
		c += draw_text(y, x + c, 1, "✕", draw_attr(t, TE_TABOO), false);
	return c;
}

void widget_rule(struct tui *t, int y, int x, int w)
{
	struct sbuf b = {0};
	for (int i = 0; i < w; i++)
		sbuf_add(&b, "─");
	draw_text(y, x, w, b.s ? b.s : "", draw_attr(t, TE_BORDER), false);
	sbuf_free(&b);
}

bool widget_month_act(struct date *m, enum action a)
{
	if (a != ACT_PREV_MONTH && a != ACT_NEXT_MONTH)
		return false;
	*m = a == ACT_PREV_MONTH ? date_prev_month(*m)
				 : date_month_start(date_add_days(date_month_start(*m), 31));
	return true;
}

enum handler_result widget_page_act(size_t *top, enum action a, size_t last, size_t page)
{
	switch (a) {
	case ACT_DOWN:
		*top += *top < last;
		break;
	case ACT_UP:
		*top -= *top > 0;
		break;
	case ACT_PAGE_DOWN:
		*top = *top + page < last ? *top + page : last;
		break;
	case ACT_PAGE_UP:
		*top = *top > page ? *top - page : 0;
		break;
	case ACT_TOP:
		*top = 0;
		break;
	case ACT_BOTTOM:
		*top = last;
		break;
	default:
		return HR_NOT_MINE;
	}
	return HR_REDRAW;
}

enum handler_result widget_form_act(struct tui *t, struct view *v, enum action a, int *focus,
				    int n, void (*check)(struct view *v, int field),
				    void (*save)(struct tui *t, struct view *v))
{
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
		check(v, *focus); /* checked as it is left */
		*focus = (*focus + (a == ACT_NEXT_FIELD ? 1 : n - 1)) % n;
		return HR_REDRAW;
	case ACT_SUBMIT:
	case ACT_SAVE:
		save(t, v);
		return HR_REDRAW;
	case ACT_BACK:
		if (!v->ops->leave || v->ops->leave(t, v))
			tui_pop(t);
		return HR_REDRAW;
	case ACT_QUIT:
		return HR_HANDLED; /* q is typed, never quits a form */
	default:
		return HR_NOT_MINE;
	}
}

void widget_name_marks(struct tui *t, int y, int x, int w, const char *name,
		       const struct guest_summary *s, attr_t attr)
{
	enum { MARKS = 3 };
	bool marks = !s || s->allergies || s->taboos;
	int room = marks && w > MARKS + 1 ? w - MARKS - 1 : w;
	int nw = draw_text(y, x, room, name ? name : "", attr, true);
	if (marks)
		widget_safety_flags(t, y, x + nw + 1, s);
}

