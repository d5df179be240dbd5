/* view_merge.c — two sheets of one guest side by side, made one (issue 16). Opened from a card
 * (':merge ID' or the merge-with key: the card's guest is KEEP) or from the duplicates.
 *
 * The head: KEEP's and OTHER's numbers and names, when each was last updated (the newer wins a
 * field by default), and the safety block of the merged sheet, in full: an allergy or taboo is
 * never dropped, and the severity kept is shown. Below, scrolling: each field whose values
 * differ, KEEP's and OTHER's side by side with the one kept marked; then the lists united, what
 * comes from OTHER marked "*" (FROM_OTHER); then the rows that move. The choice of a field
 * rebuilds the plan (merge_store_plan with a merge_prefer), so what is shown is always what a
 * merge would write;
 * the merge itself asks first, then recomputes the months the result names
 * (tier_store_recompute_month, as maitre guest merge does) and shows KEEP's card. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "config/tiers.h"
#include "core/choice.h"
#include "core/guest_merge.h"
#include "core/strv.h"
#include "core/text.h"
#include "store/merge_store.h"
#include "store/tier_store.h"
#include "tui/draw.h"
#include "tui/tui.h"
#include "tui/widgets.h"

/* Before an item that comes from OTHER: not "+", which a phone number begins with. */
#define FROM_OTHER "*"

/* A line of the scrolling body: a differing field (diff >= 0, drawn in two columns) or a
 * labelled text, wrapped. */
struct mline {
	int diff;
	char *label; /* NULL: continues the section above */
	char *text;
	enum theme_elem elem;
};

struct merge_view {
	int64_t keep, other;         /* as asked (the plan resolves them) */
	struct merge_prefer prefer;  /* what was chosen per field */
	bool loaded;
	struct error err;
	struct merge_result r;
	guest_field_set hidden;      /* what the person may not see, of either sheet */
	char *allergies, *taboos;    /* the merged sheet's, as the safety block shows them */
	struct mline *lines;
	size_t n, cap;
	size_t cur; /* the differing field with the cursor */
	size_t top; /* the first body line shown */
};

static struct merge_view *M(struct view *v)
{
	return v->data;
}

static void add(struct merge_view *m, int diff, const char *label, enum theme_elem e, char *text)
{
	vec_reserve((void **)&m->lines, m->n + 1, &m->cap, sizeof *m->lines);
	m->lines[m->n++] = (struct mline){diff, label ? xstrdup(label) : NULL, text, e};
}

static void plan_clear(struct merge_view *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->lines[i].label);
		free(m->lines[i].text);
	}
	m->n = 0;
	free(m->allergies);
	free(m->taboos);
	m->allergies = m->taboos = NULL;
	if (m->loaded)
		merge_result_free(&m->r);
	m->loaded = false;
}

/* The severities as the card says them. */
static const char *severity_said(enum severity s)
{
	static const char *const sev[SEV_COUNT] = {"", N_("low"), N_("medium"), N_("high"),
						   N_("critical")};
	return tr_data(sev[s]);
}

/* Whom an item of person p is about: "" for the guest, else "driver 小王: ". */
static void about(const struct guest *g, int p, char *buf, size_t n)
{
	buf[0] = '\0';
	if (p >= 0 && (size_t)p < g->people.n)
		snprintf(buf, n, "%s%s%s: ", choice_label(&choice_relation, g->people.v[p].relation),
			 g->people.v[p].name ? " " : "",
			 g->people.v[p].name ? g->people.v[p].name : "");
}

/* The merged sheet's allergies or taboos (kind), every one with the severity kept: "*" before
 * one that comes from OTHER, "↑" after one whose severity OTHER raised. NULL when none. */
static char *safety_text(const struct merge_result *r, enum pref_kind kind)
{
	const struct guest *g = &r->plan.sheet, *k = &r->keep_sheet;
	struct sbuf b = {0};
	for (size_t i = 0; i < g->prefs.n; i++) {
		const struct guest_pref *p = &g->prefs.v[i];
		if (p->kind != kind)
			continue;
		char who[160];
		about(g, p->person, who, sizeof who);
		bool raised = i < k->prefs.n && p->severity > k->prefs.v[i].severity;
		sbuf_printf(&b, "%s%s%s%s%s%s%s%s", b.len ? ", " : "", p->id ? "" : FROM_OTHER, who, p->text,
			    p->severity ? " (" : "", severity_said(p->severity),
			    p->severity ? ")" : "", raised ? "↑" : "");
	}
	return b.len ? sbuf_detach(&b) : (sbuf_free(&b), NULL);
}

/* One list of the merged sheet as a labelled line: items from OTHER after "*". */
static void list_line(struct merge_view *m, const char *label, struct sbuf *b)
{
	if (b->len)
		add(m, -1, label, TE_NORMAL, sbuf_detach(b));
	sbuf_free(b);
}

static void lists(struct merge_view *m)
{
	const struct guest *g = &m->r.plan.sheet, *k = &m->r.keep_sheet;
	struct sbuf b = {0};
	for (size_t i = 0; i < g->phones.n; i++)
		sbuf_printf(&b, "%s%s%s", i ? ", " : "", g->phones.v[i].id ? "" : FROM_OTHER,
			    g->phones.v[i].number);
	list_line(m, _("phones"), &b);
	static const char *const kinds[] = {N_("tastes"), N_("usual dishes"), N_("habits"),
					    N_("dislikes")};
	for (int kind = PREF_TASTE; kind <= PREF_DISLIKE; kind++) {
		for (size_t i = 0; i < g->prefs.n; i++) {
			const struct guest_pref *p = &g->prefs.v[i];
			if (p->kind != (enum pref_kind)kind)
				continue;
			char who[160];
			about(g, p->person, who, sizeof who);
			sbuf_printf(&b, "%s%s%s%s", b.len ? ", " : "", p->id ? "" : FROM_OTHER, who, p->text);
		}
		list_line(m, _(kinds[kind]), &b);
	}
	static const char *const dkinds[] = {N_("birthday"), N_("wedding anniversary"),
					     N_("date")};
	for (size_t i = 0; i < g->dates.n; i++) {
		const struct guest_date *d = &g->dates.v[i];
		char who[160];
		about(g, d->person, who, sizeof who);
		bool year = i < k->dates.n && d->year && !k->dates.v[i].year;
		sbuf_printf(&b, "%s%s%s%s ", b.len ? ", " : "", d->id ? "" : FROM_OTHER, who,
			    d->kind == DATE_OTHER && d->label ? d->label : _(dkinds[d->kind]));
		if (d->year && !(m->hidden & GUEST_BIRTH_YEAR))
			sbuf_printf(&b, "%04d-", d->year);
		sbuf_printf(&b, "%02d-%02d%s", d->month, d->day, year ? "↑" : "");
	}
	list_line(m, _("dates"), &b);
	for (size_t i = 0; i < g->people.n; i++) {
		const struct guest_person *p = &g->people.v[i];
		sbuf_printf(&b, "%s%s%s%s%s", i ? ", " : "", p->id ? "" : FROM_OTHER,
			    choice_label(&choice_relation, p->relation), p->name ? " " : "",
			    p->name ? p->name : "");
	}
	list_line(m, _("people"), &b);
	/* tags and notes carry no id: OTHER's come after KEEP's */
	for (size_t i = 0; i < g->tags.n; i++)
		sbuf_printf(&b, "%s%s%s", i ? ", " : "", i < k->tags.n ? "" : FROM_OTHER, g->tags.v[i]);
	list_line(m, _("tags"), &b);
	for (size_t i = 0; i < g->notes.n; i++)
		add(m, -1, i ? NULL : _("notes"), TE_NORMAL,
		    xasprintf("%s%.10s %s: %s", i < k->notes.n ? "" : FROM_OTHER,
			      g->notes.v[i].at ? g->notes.v[i].at : "",
			      g->notes.v[i].author ? g->notes.v[i].author : "", g->notes.v[i].text));
}

/* The rows that move, and the months whose tiers are computed again. */
static void moves(struct merge_view *m)
{
	static const char *const what[MT_COUNT] = {N_("visits"),   N_("complaints"),
						   N_("alerts"),   N_("contacts"),
						   N_("gifts"),    N_("banquets"),
						   N_("tier overrides")};
	struct sbuf b = {0};
	for (int i = 0; i < MT_COUNT; i++)
		if (m->r.moved[i])
			sbuf_printf(&b, "%s%s %" PRId64, b.len ? ", " : "", _(what[i]), m->r.moved[i]);
	if (!b.len)
		sbuf_add(&b, _("nothing"));
	add(m, -1, _("moves to keep"), TE_NORMAL, sbuf_detach(&b));
	if (m->r.months.n) {
		char span[40];
		strv_span(&m->r.months, span, sizeof span);
		add(m, -1, NULL, TE_DIM, xasprintf(_("months %s will be recomputed"), span));
	}
}

static void load(struct tui *t, struct merge_view *m)
{
	plan_clear(m);
	error_clear(&m->err);
	enum store_status s = merge_store_plan(t->st, m->keep, m->other, &m->prefer, &m->r);
	if (s != ST_OK) {
		merge_result_free(&m->r);
		error_set(&m->err, 0, "%s", tui_store_error(t, s));
		return;
	}
	m->loaded = true;
	m->keep = m->r.keep; /* as the ids answer: a guest merged before is the one it became */
	m->other = m->r.other;
	m->hidden = 0;
	if (t->session)
		m->hidden = session_guest_hidden(t->session, &m->r.keep_sheet) |
			    session_guest_hidden(t->session, &m->r.other_sheet);
	m->allergies = safety_text(&m->r, PREF_ALLERGY);
	m->taboos = safety_text(&m->r, PREF_TABOO);
	for (size_t i = 0; i < m->r.plan.ndiffs; i++)
		add(m, (int)i, NULL, TE_NORMAL, NULL);
	if (!m->r.plan.ndiffs)
		add(m, -1, _("fields"), TE_DIM, xstrdup(_("no field differs")));
	lists(m);
	add(m, -1, NULL, TE_DIM,
	    xasprintf(_("* from guest %" PRId64 ", ↑ raised by guest %" PRId64 "; nothing is "
			"dropped"),
		      m->r.other, m->r.other));
	moves(m);
	if (m->cur >= m->r.plan.ndiffs)
		m->cur = m->r.plan.ndiffs ? m->r.plan.ndiffs - 1 : 0;
	if (m->top >= m->n)
		m->top = 0;
}

static const char *title(struct tui *t, struct view *v)
{
	static char buf[128];
	if (!M(v)->loaded)
		return _("merge two guests");
	snprintf(buf, sizeof buf, _("merge guest %" PRId64 " into %" PRId64), M(v)->other,
		 M(v)->keep);
	return buf;
}

#define LABEL_W 14

/* The width of each of the two columns of values. */
static int col_w(const struct tui *t)
{
	return (t->cols - 3 - LABEL_W) / 2;
}

/* Rows of the fixed head: the two guests, when each was updated, the safety block, a rule. */
static int head_rows(struct tui *t, struct merge_view *m)
{
	return 2 + widget_safety_rows(t, m->allergies, m->taboos, t->cols - 2) + 1;
}

/* One value of a differing field at (y, x) in w columns: "● " before the one kept. */
static void cell(struct tui *t, int y, int x, int w, enum guest_field_id id, const char *val,
		 bool kept, bool hidden)
{
	attr_t a = kept ? draw_attr(t, TE_NORMAL) | A_BOLD : draw_attr(t, TE_DIM);
	draw_text(y, x, 2, kept ? "●" : " ", a, false);
	/* a closed choice in the interface's words (中等, not middle), as the card shows it */
	const struct guest_field *f = &guest_fields[id];
	if (val && f->type == FT_ENUM)
		val = choice_label(f->choices, val);
	const char *s = hidden ? session_hidden(t->session) : val ? val : "-";
	draw_text(y, x + 2, w - 3, s, a, true);
}

static void draw(struct tui *t, struct view *v)
{
	struct merge_view *m = M(v);
	int w = t->cols, bottom = t->rows - 3, cw = col_w(t), x1 = 1 + LABEL_W + 1,
	    x2 = x1 + cw + 1;
	if (!m->loaded) {
		draw_fill(2, 1, w - 2, m->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	char head[300];
	draw_text(1, 1, LABEL_W, _("guest"), draw_attr(t, TE_LABEL), true);
	snprintf(head, sizeof head, _("keep #%" PRId64 " %s"), m->r.keep,
		 m->r.keep_sheet.f[GF_NAME] ? m->r.keep_sheet.f[GF_NAME] : "");
	draw_text(1, x1, cw, head, draw_attr(t, TE_TITLE) | A_BOLD, true);
	snprintf(head, sizeof head, _("other #%" PRId64 " %s"), m->r.other,
		 m->r.other_sheet.f[GF_NAME] ? m->r.other_sheet.f[GF_NAME] : "");
	draw_text(1, x2, cw, head, draw_attr(t, TE_TITLE) | A_BOLD, true);
	draw_text(2, 1, LABEL_W, _("updated"), draw_attr(t, TE_LABEL), true);
	draw_text(2, x1, cw, m->r.keep_sheet.updated_at ? m->r.keep_sheet.updated_at : "",
		  draw_attr(t, TE_DIM), true);
	draw_text(2, x2, cw, m->r.other_sheet.updated_at ? m->r.other_sheet.updated_at : "",
		  draw_attr(t, TE_DIM), true);
	int y = 3;
	y += widget_safety(t, y, 1, w - 2, m->allergies, m->taboos);
	widget_rule(t, y++, 1, w - 2);
	for (size_t i = m->top; i < m->n && y <= bottom; i++) {
		const struct mline *l = &m->lines[i];
		if (l->diff >= 0) {
			const struct merge_diff *d = &m->r.plan.diffs[l->diff];
			bool hid = (m->hidden & GUEST_FIELD_BIT(d->field)) != 0;
			attr_t la = draw_attr(t, TE_LABEL);
			if ((size_t)l->diff == m->cur) { /* a mark that survives monochrome too */
				la |= A_REVERSE;
				draw_text(y, 0, 1, "▸", draw_attr(t, TE_NORMAL), false);
			}
			draw_text(y, 1, LABEL_W, _(guest_fields[d->field].form_label), la, true);
			cell(t, y, x1, cw, d->field, d->keep, !d->take_other, hid);
			cell(t, y, x2, cw, d->field, d->other, d->take_other, hid);
			y++;
			continue;
		}
		if (l->label)
			draw_text(y, 1, LABEL_W, l->label, draw_attr(t, TE_LABEL), true);
		y += draw_wrap(y, x1, w - 2 - x1, bottom - y + 1, l->text, draw_attr(t, l->elem));
	}
}

/* The first line from which the rest fits page rows, wrapped lines counted: where PgDn and
 * End stop, so the last page is full (the visits moved and the months recomputed shown with
 * the fields above them) rather than the last line alone. */
static size_t last_top(struct tui *t, const struct merge_view *m, int page)
{
	int used = 0, x1 = 1 + LABEL_W + 1;
	size_t last = m->n;
	while (last > 0) {
		const struct mline *l = &m->lines[last - 1];
		int r = l->diff >= 0 ? 1 : draw_wrap(0, 0, t->cols - 2 - x1, 0, l->text, 0);
		if (used + r > page)
			break;
		used += r;
		last--;
	}
	return last < m->n ? last : m->n ? m->n - 1 : 0;
}

/* Keeps the cursor's field within the rows shown (the fields come first, a row each). */
static void follow(struct tui *t, struct merge_view *m)
{
	int page = t->rows - 3 - head_rows(t, m);
	if (page < 1)
		page = 1;
	if (m->cur < m->top)
		m->top = m->cur;
	else if (m->cur >= m->top + (size_t)page)
		m->top = m->cur - (size_t)page + 1;
}

/* Takes the value of the cursor's field from OTHER (other) or KEEP, and plans again. */
static void choose(struct tui *t, struct merge_view *m, bool other)
{
	const struct merge_diff *d = &m->r.plan.diffs[m->cur];
	guest_field_set bit = GUEST_FIELD_BIT(d->field);
	bool empty = other ? !d->other : !d->keep;
	if (other) {
		m->prefer.other |= bit;
		m->prefer.keep &= ~bit;
	} else {
		m->prefer.keep |= bit;
		m->prefer.other &= ~bit;
	}
	load(t, m);
	if (empty)
		tui_message(t, "%s", _("an empty value never replaces a filled one"));
}

/* Merges, recomputes the months, and shows KEEP's card. */
static enum handler_result merge(struct tui *t, struct view *v)
{
	struct merge_view *m = M(v);
	char *q = xasprintf(_("Merge guest %" PRId64 " into %" PRId64 "?"), m->other, m->keep);
	bool yes = tui_confirm(t, q);
	free(q);
	if (!yes)
		return HR_REDRAW;
	struct merge_result r;
	enum store_status s = merge_store_merge(t->st, m->keep, m->other, &m->prefer, &r);
	if (s != ST_OK) {
		merge_result_free(&r);
		tui_error(t, "%s", tui_store_error(t, s));
		load(t, m);
		return HR_REDRAW;
	}
	tui_changed(t);
	/* the months the moved visits count in, as maitre guest merge computes them again */
	size_t done = 0;
	for (size_t i = 0; i < r.months.n && t->rules; i++) {
		struct date month;
		struct tier_month_recompute x;
		if (!date_parse_month(r.months.v[i], &month))
			break;
		s = tier_store_recompute_month(t->st, t->rules, month, false, tiers_canonical_text,
					       &x);
		bool ok = s == ST_OK && x.done;
		tier_month_recompute_free(&x);
		if (!ok)
			break;
		done++;
	}
	char span[40];
	strv_span(&r.months, span, sizeof span);
	int64_t keep = r.keep, other = r.other, id = r.merge_id;
	if (!r.months.n)
		tui_message(t, _("merged: guest %" PRId64 " into %" PRId64 " (merge %" PRId64 ")"),
			    other, keep, id);
	else if (done == r.months.n)
		tui_message(t, _("merged: guest %" PRId64 " into %" PRId64 " (merge %" PRId64
				 "); months %s recomputed"),
			    other, keep, id, span);
	else
		tui_error(t, _("merged: guest %" PRId64 " into %" PRId64 " (merge %" PRId64
			       "); the tiers of months %s are to be recomputed (maitre tier "
			       "recompute --month M)"),
			  other, keep, id, span);
	merge_result_free(&r);
	/* KEEP's card: the one below when it is KEEP's or OTHER's (OTHER's id answers as KEEP's) */
	tui_pop(t);
	int64_t below = t->top ? view_guest_card_id(t->top) : 0;
	if (below != keep && below != other)
		tui_push(t, view_guest_new(t, keep));
	return HR_REDRAW;
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct merge_view *m = M(v);
	size_t nd = m->loaded ? m->r.plan.ndiffs : 0;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
		if (!nd)
			break;
		if (a == ACT_UP && m->cur > 0)
			m->cur--;
		else if (a == ACT_DOWN && m->cur + 1 < nd)
			m->cur++;
		follow(t, m);
		return HR_REDRAW;
	case ACT_MERGE_KEEP:
	case ACT_MERGE_OTHER:
	case ACT_MERGE_TOGGLE:
		if (!nd)
			return HR_HANDLED;
		choose(t, m,
		       a == ACT_MERGE_OTHER || (a == ACT_MERGE_TOGGLE && !m->r.plan.diffs[m->cur].take_other));
		return HR_REDRAW;
	case ACT_MERGE_SWAP: {
		int64_t k = m->keep;
		m->keep = m->other;
		m->other = k;
		m->prefer = (struct merge_prefer){.other = m->prefer.keep, .keep = m->prefer.other};
		load(t, m);
		return HR_REDRAW;
	}
	case ACT_MERGE:
		return m->loaded ? merge(t, v) : HR_HANDLED;
	default:
		break;
	}
	int page = t->rows - 3 - (m->loaded ? head_rows(t, m) : 0);
	if (page < 1)
		page = 1;
	return widget_page_act(&m->top, a, last_top(t, m, page), (size_t)page);
}

static void reload(struct tui *t, struct view *v)
{
	load(t, M(v));
}

static void release(struct view *v)
{
	plan_clear(M(v));
	free(M(v)->lines);
}

static const enum action hints[] = {ACT_MERGE_TOGGLE, ACT_MERGE_SWAP, ACT_MERGE, ACT_NONE};

static const struct view_ops ops = {
	.name = "merge",
	.scope = SC_MERGE | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = release,
	.hints = hints,
};

struct view *view_merge_new(struct tui *t, int64_t keep, int64_t other)
{
	struct view *v = tui_view_new(&ops, sizeof(struct merge_view));
	struct merge_view *m = v->data;
	m->keep = keep;
	m->other = other;
	load(t, m);
	return v;
}

/* ':merge ID' on a card (the card's guest is KEEP), or ':merge KEEP OTHER' anywhere. */
struct view *view_merge_open(struct tui *t, const char *arg)
{
	int64_t ids[2] = {0, 0};
	size_t n = 0;
	char buf[64];
	snprintf(buf, sizeof buf, "%s", arg ? arg : "");
	bool ok = true;
	for (char *w = strtok(buf, " "); w && ok; w = strtok(NULL, " "))
		ok = n < 2 && text_parse_int(*w == '#' ? w + 1 : w, 1, INT64_MAX, &ids[n++]);
	int64_t card = t->top ? view_guest_card_id(t->top) : 0;
	if (ok && n == 1 && card)
		return view_merge_new(t, card, ids[0]);
	if (ok && n == 2)
		return view_merge_new(t, ids[0], ids[1]);
	struct view *v = tui_view_new(&ops, sizeof(struct merge_view));
	error_set(&M(v)->err, 0, "%s",
		  _("merge: on a guest's card, :merge ID merges guest ID into it; elsewhere "
		    ":merge KEEP OTHER"));
	return v;
}
