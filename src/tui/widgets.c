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
	if (!items)
		return NULL;
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
	if (!full || draw_width(full) <= w)
		return full;
	free(full);
	char *a = allergies ? without_severities(allergies) : NULL;
	char *tb = taboos ? without_severities(taboos) : NULL;
	char *compact = safety_marks(a, tb);
	free(a);
	free(tb);
	if (!compact || draw_width(compact) <= w)
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
	char *s = xasprintf("%s %s  %s", marker, label, tr ? tr : text);
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
	int rows = draw_wrap(y < 0 ? 0 : y, x, w, y < 0 ? 0 : 100, s ? s : "!!",
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

int list_cursor_act(struct list_cursor *c, enum action a, size_t n, int rows)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;
	switch (a) {
	case ACT_UP:
		if (c->sel)
			c->sel--;
		break;
	case ACT_DOWN:
		if (c->sel + 1 < n)
			c->sel++;
		break;
	case ACT_PAGE_UP:
		c->sel = c->sel > page ? c->sel - page : 0;
		c->top = c->top > page ? c->top - page : 0;
		break;
	case ACT_PAGE_DOWN:
		c->sel = c->sel + page < n ? c->sel + page : (n ? n - 1 : 0);
		if (c->top + page < n)
			c->top += page;
		break;
	case ACT_TOP:
		c->sel = 0;
		break;
	case ACT_BOTTOM:
		c->sel = n ? n - 1 : 0;
		break;
	default:
		return -1;
	}
	list_cursor_first(c, n, rows);
	return RD_VIEW;
}

size_t list_cursor_first(struct list_cursor *c, size_t n, int rows)
{
	size_t r = rows > 0 ? (size_t)rows : 1;
	if (c->sel >= n)
		c->sel = n ? n - 1 : 0;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + r)
		c->top = c->sel - r + 1;
	if (c->top + r > n)
		c->top = n > r ? n - r : 0;
	return c->top;
}

/* ---- a window of a long list ---- */

#define ROW_WINDOW_CHUNK 64

size_t row_window_chunk(const struct tui *t)
{
	size_t twice = t->rows > 0 ? (size_t)t->rows * 2 : 0;
	return twice > ROW_WINDOW_CHUNK ? twice : ROW_WINDOW_CHUNK;
}

void row_window_set(struct tui *t, struct row_window *w, void *v, size_t n, bool backward,
		    bool from_edge)
{
	free(w->v);
	w->v = v;
	w->n = n;
	bool short_read = n < row_window_chunk(t);
	w->at_start = backward ? short_read : from_edge;
	w->at_end = backward ? from_edge : short_read;
	w->cur.sel = backward && n ? n - 1 : 0;
	w->cur.top = w->cur.sel;
}

void row_window_free(struct row_window *w)
{
	free(w->v);
	w->v = NULL;
	w->n = 0;
}

/* The most rows kept: ROW_WINDOW_KEEP, or four reads on a screen so tall that a read is more
 * (a read must never push out the selected row or the page it moves by). */
static size_t keep_of(const struct tui *t)
{
	size_t four = 4 * row_window_chunk(t);
	return four > ROW_WINDOW_KEEP ? four : ROW_WINDOW_KEEP;
}

static char *row_at(const struct row_window *w, size_t i)
{
	return (char *)w->v + i * w->elem;
}

/* Reads the rows after the window onto its end; false when there are none (or it failed). */
static bool grow_down(struct tui *t, struct row_window *w, row_window_read read, void *ctx)
{
	if (w->at_end || !w->n)
		return false;
	void *more;
	char *nv;
	size_t k, chunk = row_window_chunk(t);
	if (read(t, ctx, row_at(w, w->n - 1), false, chunk, &more, &k) != ST_OK)
		return false;
	w->at_end = k < chunk;
	if (!k || !(nv = realloc(w->v, (w->n + k) * w->elem))) {
		free(more);
		return false;
	}
	memcpy(nv + w->n * w->elem, more, k * w->elem);
	free(more);
	w->v = nv;
	w->n += k;
	size_t most = keep_of(t);
	if (w->n > most) { /* let the first rows go */
		size_t drop = w->n - most;
		memmove(w->v, row_at(w, drop), most * w->elem);
		w->n = most;
		w->cur.sel -= drop < w->cur.sel ? drop : w->cur.sel;
		w->cur.top -= drop < w->cur.top ? drop : w->cur.top;
		w->at_start = false;
	}
	return true;
}

bool row_window_grow_up(struct tui *t, struct row_window *w, row_window_read read, void *ctx)
{
	if (w->at_start || !w->n)
		return false;
	void *more;
	size_t k, chunk = row_window_chunk(t);
	if (read(t, ctx, w->v, true, chunk, &more, &k) != ST_OK)
		return false;
	w->at_start = k < chunk;
	size_t keep = w->n, most = keep_of(t); /* let the last rows go past most */
	if (w->n + k > most)
		keep = most - k; /* k <= a chunk < most */
	char *nv = k ? malloc((k + keep) * w->elem) : NULL;
	if (!nv) {
		free(more);
		return false;
	}
	memcpy(nv, more, k * w->elem);
	memcpy(nv + k * w->elem, w->v, keep * w->elem);
	free(more);
	free(w->v);
	w->v = nv;
	if (keep < w->n)
		w->at_end = false;
	w->n = k + keep;
	w->cur.sel += k;
	w->cur.top += k;
	return true;
}

int row_window_move(struct tui *t, struct row_window *w, row_window_read read, void *ctx,
		    enum action a, int rows)
{
	long page = rows > 1 ? rows - 1 : 1, delta;
	switch (a) {
	case ACT_UP:
		delta = -1;
		break;
	case ACT_DOWN:
		delta = 1;
		break;
	case ACT_PAGE_UP:
		delta = -page;
		break;
	case ACT_PAGE_DOWN:
		delta = page;
		break;
	default:
		return -1;
	}
	while (delta > 0 && w->cur.sel + (size_t)delta >= w->n && grow_down(t, w, read, ctx))
		;
	while (delta < 0 && (size_t)-delta > w->cur.sel && row_window_grow_up(t, w, read, ctx))
		;
	return list_cursor_act(&w->cur, a, w->n, rows);
}

int widget_page_act(size_t *top, enum action a, size_t last, size_t page)
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
		return -1;
	}
	return RD_VIEW;
}

int widget_form_act(struct tui *t, struct view *v, enum action a, int *focus, int n,
		    void (*check)(struct view *v, int field),
		    void (*save)(struct tui *t, struct view *v))
{
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
		check(v, *focus); /* checked as it is left */
		*focus = (*focus + (a == ACT_NEXT_FIELD ? 1 : n - 1)) % n;
		return RD_VIEW;
	case ACT_SUBMIT:
	case ACT_SAVE:
		save(t, v);
		return RD_VIEW;
	case ACT_BACK:
		if (!v->ops->leave || v->ops->leave(t, v))
			tui_pop(t);
		return RD_VIEW;
	case ACT_QUIT:
		return RD_NONE; /* q is typed, never quits a form */
	default:
		return -1;
	}
}

struct marks_entry {
	int64_t id;
	bool ok; /* read; else it could not be */
	struct guest_summary sum;
};

/* The place of id in c (where it is, or where it would go). */
static size_t marks_find(const struct marks_cache *c, int64_t id)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

enum { MARKS_BATCH = 64 };

/* marks_cache_want for at most MARKS_BATCH ids. */
static void marks_want_batch(struct tui *t, struct marks_cache *c, const int64_t *ids, size_t n)
{
	enum { BATCH = MARKS_BATCH };
	int64_t need[BATCH];
	size_t k = 0;
	for (size_t i = 0; i < n && k < BATCH; i++) {
		size_t at = marks_find(c, ids[i]);
		bool dup = false;
		for (size_t j = 0; j < k && !dup; j++)
			dup = need[j] == ids[i];
		if (!dup && (at == c->n || c->v[at].id != ids[i]))
			need[k++] = ids[i];
	}
	if (!k || !vec_reserve((void **)&c->v, c->n + k, &c->cap, sizeof *c->v))
		return;
	struct guest_summary got[BATCH];
	memset(got, 0, sizeof got);
	char mk[8];
	bool ok = search_store_summaries(t->st, need, k, date_month_key(date_today(), mk), got) ==
		  ST_OK;
	for (size_t i = 0; i < k; i++) {
		size_t at = marks_find(c, need[i]);
		memmove(&c->v[at + 1], &c->v[at], (c->n - at) * sizeof *c->v);
		c->v[at] = (struct marks_entry){.id = need[i], .ok = ok};
		if (ok)
			c->v[at].sum = got[i];
		else
			guest_summary_free(&got[i]);
		c->n++;
	}
}

void marks_cache_want(struct tui *t, struct marks_cache *c, const int64_t *ids, size_t n)
{
	for (size_t off = 0; off < n; off += MARKS_BATCH)
		marks_want_batch(t, c, ids + off, n - off < MARKS_BATCH ? n - off : MARKS_BATCH);
}

const struct guest_summary *marks_cache_get(const struct marks_cache *c, int64_t id)
{
	size_t at = marks_find(c, id);
	return at < c->n && c->v[at].id == id && c->v[at].ok ? &c->v[at].sum : NULL;
}

void marks_cache_clear(struct marks_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].ok)
			guest_summary_free(&c->v[i].sum);
	free(c->v);
	*c = (struct marks_cache){0};
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

void marks_cache_rows(struct tui *t, struct marks_cache *c, size_t first, int rows, size_t n,
		      int64_t (*id_of)(const void *list, size_t i), const void *list)
{
	int64_t ids[MARKS_BATCH];
	size_t k = 0;
	for (size_t i = first; i < n && (int)(i - first) < rows; i++) {
		ids[k++] = id_of(list, i);
		if (k == MARKS_BATCH) {
			marks_cache_want(t, c, ids, k);
			k = 0;
		}
	}
	marks_cache_want(t, c, ids, k);
}
