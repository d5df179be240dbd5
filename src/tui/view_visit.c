/* view_visit.c — entering a visit: date (today), meal (lunch before 15:00, else dinner),
 * covers, spend, table, note; the spend per head shows as it is typed; Enter saves and goes
 * back. A save that fails keeps the form as typed, says why, and Enter tries again. */
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/strv.h"
#include "core/visit.h"
#include "store/search_store.h"
#include "store/visit_store.h"
#include "tui/draft.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/tui.h"
#include "tui/widgets.h"

enum { VF_DATE, VF_MEAL, VF_COVERS, VF_SPEND, VF_TABLE, VF_NOTE, VF_COUNT };

static const char *const labels[VF_COUNT] = {N_("date"), N_("meal"), N_("covers"),
					     N_("spend ¥"), N_("table"), N_("note")};

struct visit_form {
	int64_t guest_id, replaces;
	struct guest_summary sum;
	bool have_sum;
	struct edit f[VF_COUNT];
	enum meal meal;
	struct error why[VF_COUNT]; /* the reason a field is wrong, "" when fine */
	int focus;
	char failed[400]; /* the last save's failure */
	bool touched;     /* something was typed */
	struct date opening; /* the restaurant's opening date: no visit before it */
};

/* Checks field i; sets its reason. True when fine. */
static bool check(struct visit_form *vf, int i)
{
	const char *s = vf->f[i].buf;
	error_clear(&vf->why[i]);
	switch (i) {
	case VF_DATE: {
		struct date d;
		visit_date_check(s, date_today(), vf->opening, false, &d, &vf->why[i]);
		break;
	}
	case VF_COVERS: {
		int n;
		visit_parse_covers(s, &n, &vf->why[i]);
		break;
	}
	case VF_SPEND: {
		int64_t fen;
		if (!money_parse(s, &fen))
			error_set(&vf->why[i], 0, "%s", _("an amount in yuan (520, 520.5, 1,280)"));
		break;
	}
	default:
		break;
	}
	return !error_is_set(&vf->why[i]);
}

static const char *title(struct tui *t, struct view *v)
{
	struct visit_form *vf = v->data;
	return vf->replaces ? _("correct a visit") : _("new visit");
}

static int field_x(void)
{
	return 14;
}

static void draw(struct tui *t, struct view *v)
{
	struct visit_form *vf = v->data;
	int w = t->cols, y = 1;
	if (vf->have_sum) {
		int x = 1 + draw_text(y, 1, w / 2, vf->sum.name, draw_attr(t, TE_TITLE) | A_BOLD, true);
		widget_tier_badge(t, y, x + 2, vf->sum.tier, vf->sum.grp, true);
	}
	y++;
	y += widget_guest_safety(t, y, 1, w - 2, vf->have_sum ? &vf->sum : NULL);
	if (vf->replaces) {
		char line[120];
		snprintf(line, sizeof line, _("saving voids visit %lld and enters this one instead"),
			 (long long)vf->replaces);
		draw_fill(y++, 1, w - 2, line, draw_attr(t, TE_WARNING));
	}
	y++;
	for (int i = 0; i < VF_COUNT; i++, y++) {
		draw_text(y, 2, field_x() - 3, _(labels[i]), draw_attr(t, TE_LABEL), true);
		attr_t a = i == vf->focus ? draw_attr(t, TE_FIELD) : draw_attr(t, TE_NORMAL);
		int fw = i == VF_NOTE ? w - field_x() - 2 : 24;
		if (i == VF_MEAL) {
			char m[64];
			snprintf(m, sizeof m, "%s  (%s)", meal_label(vf->meal),
			         _("Space switches"));
			draw_fill(y, field_x(), fw, m, a);
		} else {
			edit_draw(&vf->f[i], y, field_x(), fw, a);
		}
		if (error_is_set(&vf->why[i]) && i != VF_NOTE)
			draw_text(y, field_x() + fw + 2, w - field_x() - fw - 3, vf->why[i].msg,
				  draw_attr(t, TE_FIELD_ERROR), true);
	}
	/* spend per head, as typed */
	int64_t fen;
	int covers;
	char line[200] = "";
	if (money_parse(vf->f[VF_SPEND].buf, &fen) &&
	    visit_parse_covers(vf->f[VF_COVERS].buf, &covers, NULL) == 0) {
		char pc[32]; /* a detail view: two decimals (domain.md §3) */
		snprintf(line, sizeof line, _("per head ¥%s"),
			 money_format(visit_per_capita(fen, covers), pc));
	}
	draw_fill(++y, field_x(), w - field_x() - 2, line, draw_attr(t, TE_LABEL));
	y += 2;
	if (vf->failed[0])
		draw_wrap(y, 2, w - 4, 3, vf->failed, draw_attr(t, TE_ERROR));
	else
		draw_fill(y, 2, w - 4, _("Enter saves · Tab next field · Esc cancels"), draw_attr(t, TE_DIM));
}

static bool cursor(struct tui *t, struct view *v, int *y, int *x)
{
	struct visit_form *vf = v->data;
	if (vf->focus == VF_MEAL)
		return false;
	int row = 3 + widget_guest_safety_rows(t, vf->have_sum ? &vf->sum : NULL, t->cols - 2);
	if (vf->replaces)
		row++;
	*y = row + vf->focus;
	int fw = vf->focus == VF_NOTE ? t->cols - field_x() - 2 : 24;
	*x = edit_draw(&vf->f[vf->focus], *y, field_x(), fw, draw_attr(t, TE_FIELD));
	return true;
}

static void save(struct tui *t, struct view *v)
{
	struct visit_form *vf = v->data;
	int bad = -1;
	for (int i = 0; i < VF_COUNT; i++)
		if (!check(vf, i) && bad < 0)
			bad = i;
	if (bad >= 0) {
		struct date d;
		vf->focus = bad;
		snprintf(vf->failed, sizeof vf->failed, _("Not saved: %s: %s"), _(labels[bad]),
			 vf->why[bad].msg);
		/* an old bill entered late is the manager's word, on the command line (audited) */
		if (bad == VF_DATE && visit_date_check(vf->f[VF_DATE].buf, date_today(), vf->opening,
						       false, &d, NULL) == VISIT_DATE_OLD)
			snprintf(vf->failed + strlen(vf->failed), sizeof vf->failed - strlen(vf->failed),
				 "%s", _(". A manager enters an older visit with maitre visit add --allow-old."));
		return;
	}
	struct visit x;
	struct error why;
	memset(&x, 0, sizeof x);
	x.guest_id = vf->guest_id;
	struct date d;
	date_parse(vf->f[VF_DATE].buf, &d);
	date_format(d, x.date);
	x.meal = vf->meal;
	visit_parse_covers(vf->f[VF_COVERS].buf, &x.covers, NULL);
	money_parse(vf->f[VF_SPEND].buf, &x.spend_fen);
	x.table_no = vf->f[VF_TABLE].len ? vf->f[VF_TABLE].buf : NULL;
	x.notes = vf->f[VF_NOTE].len ? vf->f[VF_NOTE].buf : NULL;
	if (visit_validate(&x, &why) < 0) {
		snprintf(vf->failed, sizeof vf->failed, _("Not saved: %s"), why.msg);
		return;
	}
	/* asked again here: the person may have been signed out while typing */
	if (!tui_may(t, vf->replaces ? PERM_VISIT_CORRECT : PERM_VISIT_ENTER))
		return;
	unsigned flags = 0;
	enum store_status s;
	for (;;) {
		s = vf->replaces ? visit_store_correct(t->st, vf->replaces, &x, flags)
				 : visit_store_enter(t->st, &x, flags);
		if (s != ST_DUPLICATE || flags & VISIT_SECOND_TABLE)
			break;
		/* the same guest, date and meal once more: two tables, or entered twice? */
		char q[300];
		snprintf(q, sizeof q,
			 x.meal == MEAL_LUNCH
				 ? _("%s has a lunch on %s already. Enter a second table?")
				 : _("%s has a dinner on %s already. Enter a second table?"),
			 vf->have_sum ? vf->sum.name : _("The guest"), x.date);
		if (!tui_confirm(t, q)) {
			snprintf(vf->failed, sizeof vf->failed, "%s",
				 _("Not saved: the guest has that visit already. Esc leaves; Enter asks "
				   "again."));
			return;
		}
		flags |= VISIT_SECOND_TABLE;
	}
	if (s != ST_OK) {
		snprintf(vf->failed, sizeof vf->failed,
			 _("Not saved: %s. Everything typed is kept; Enter tries again."),
			 tui_store_error(t, s));
		return;
	}
	char money[32];
	tui_message(t, _("visit %lld saved: %s, %d covers, ¥%s"), (long long)x.id, x.date, x.covers,
		    money_format_short(x.spend_fen, money));
	tui_changed(t);
	tui_draft_done(t, v);
	tui_pop(t);
}

static bool visit_leave(struct tui *t, struct view *v)
{
	struct visit_form *vf = v->data;
	bool leave = !vf->touched || tui_confirm(t, _("Leave without saving this visit?"));
	if (leave)
		tui_draft_done(t, v);
	return leave;
}

/* The field keys of a draft, in the order of the fields. */
static const char *const draft_keys[VF_COUNT] = {"date", "meal", "covers", "spend", "table",
						 "note"};

static bool visit_draft(struct tui *t, struct view *v, struct draft *d)
{
	struct visit_form *vf = v->data;
	if (!vf->touched)
		return false;
	char what[300];
	draft_add(d, "form", "visit");
	snprintf(what, sizeof what, _("the visit of %s"), vf->have_sum ? vf->sum.name : "?");
	draft_add(d, "what", what);
	draft_add_int(d, "guest", vf->guest_id);
	draft_add_int(d, "replaces", vf->replaces);
	for (int i = 0; i < VF_COUNT; i++)
		draft_add(d, draft_keys[i],
			  i == VF_MEAL ? (vf->meal == MEAL_LUNCH ? "lunch" : "dinner") : vf->f[i].buf);
	draft_add_int(d, "focus", vf->focus);
	return true;
}

/* Field i is left: checked, its reason shown. */
static void visit_left(struct view *v, int i)
{
	check(v->data, i);
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct visit_form *vf = v->data;
	bool changed;
	if (vf->focus == VF_MEAL && a == ACT_CHAR) {
		vf->touched = true;
		if (ch == ' ' || ch == 'l' || ch == 'd' || ch == 0x5348 /* 午 */ || ch == 0x665a /* 晚 */)
			vf->meal = ch == 'l' || ch == 0x5348 ? MEAL_LUNCH
				   : ch == 'd' || ch == 0x665a ? MEAL_DINNER
							       : (vf->meal == MEAL_LUNCH ? MEAL_DINNER : MEAL_LUNCH);
		return HR_REDRAW;
	}
	if (vf->focus != VF_MEAL && edit_act(&vf->f[vf->focus], a, ch, &changed)) {
		vf->touched = vf->touched || changed;
		if (changed && error_is_set(&vf->why[vf->focus]))
			check(vf, vf->focus);
		return HR_REDRAW;
	}
	return widget_form_act(t, v, a, &vf->focus, VF_COUNT, visit_left, save);
}

static bool typing(struct view *v)
{
	return true;
}

static void form_release(struct view *v)
{
	struct visit_form *vf = v->data;
	if (vf->have_sum)
		guest_summary_free(&vf->sum);
}

static const enum action hints[] = {ACT_SUBMIT, ACT_NEXT_FIELD, ACT_BACK, ACT_NONE};

static const struct view_ops ops = {
	.name = "visit",
	.scope = SC_FORM,
	.title = title,
	.draw = draw,
	.act = act,
	.release = form_release,
	.typing = typing,
	.cursor = cursor,
	.hints = hints,
	.leave = visit_leave,
	.draft = visit_draft,
};

struct view *view_visit_new(struct tui *t, int64_t guest_id, int64_t replaces)
{
	struct view *v = tui_view_new(&ops, sizeof(struct visit_form));
	struct visit_form *vf = v->data;
	vf->guest_id = guest_id;
	vf->replaces = replaces;
	if (visit_store_opening(t->st, &vf->opening, NULL) != ST_OK)
		vf->opening = visit_opening_default(date_today());
	char month[8], day[11];
	date_format(date_today(), day);
	date_month_key(date_today(), month);
	vf->have_sum = search_store_summaries(t->st, &guest_id, 1, month, &vf->sum) == ST_OK;
	/* the limits, in characters, of visit_validate (table, note) and of what fits (the rest) */
	static const size_t limits[VF_COUNT] = {20, 0, 6, 20, 40, 2000};
	for (int i = 0; i < VF_COUNT; i++)
		edit_limit(&vf->f[i], limits[i]);
	edit_set(&vf->f[VF_DATE], day);
	vf->meal = meal_for_hour(date_now_hour());
	vf->focus = VF_COVERS;
	if (replaces) {
		struct visit old;
		if (visit_store_get(t->st, replaces, &old) == ST_OK) {
			char buf[32];
			edit_set(&vf->f[VF_DATE], old.date);
			vf->meal = old.meal;
			snprintf(buf, sizeof buf, "%d", old.covers);
			edit_set(&vf->f[VF_COVERS], buf);
			edit_set(&vf->f[VF_SPEND], money_format_short(old.spend_fen, buf));
			edit_set(&vf->f[VF_TABLE], old.table_no);
			edit_set(&vf->f[VF_NOTE], old.notes);
			visit_free(&old);
		}
	}
	return v;
}

struct view *view_visit_from_draft(struct tui *t, const struct draft *d)
{
	int64_t id = draft_get_int(d, "guest", 0);
	if (id <= 0)
		return NULL;
	struct view *v = view_visit_new(t, id, draft_get_int(d, "replaces", 0));
	if (!v)
		return NULL;
	struct visit_form *vf = v->data;
	for (int i = 0; i < VF_COUNT; i++) {
		const char *s = draft_get(d, draft_keys[i]);
		if (i == VF_MEAL)
			vf->meal = s && strcmp(s, "lunch") == 0 ? MEAL_LUNCH : MEAL_DINNER;
		else
			edit_set(&vf->f[i], s);
	}
	long long f = draft_get_int(d, "focus", VF_COVERS);
	vf->focus = f >= 0 && f < VF_COUNT ? f : VF_COVERS;
	vf->touched = true;
	return v;
}
