/* view_complaint_form.c — logging a complaint from the guest card (C): category and severity
 * (choices: Space or Right for the next, Left for the one before, or the first letter), what
 * the guest complained about, the visit it concerns (the guest's last visit unless changed;
 * may be empty) and the owner (the login in use unless changed). The focus starts on the
 * description, so that C, the text and Enter log one. Each field is checked as it is left;
 * a save that fails keeps everything typed and says why; Esc asks before dropping it. */
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/visit.h"
#include "store/complaint_store.h"
#include "store/search_store.h"
#include "store/visit_store.h"
#include "tui/complaint_ui.h"
#include "tui/draft.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/tui.h"
#include "tui/widgets.h"

enum { CF_CATEGORY, CF_SEVERITY, CF_TEXT, CF_VISIT, CF_OWNER, CF_COUNT };

static const char *const labels[CF_COUNT] = {N_("category"), N_("severity"), N_("complaint"),
					     N_("visit no."), N_("owner")};

struct cform {
	int64_t guest_id;
	struct guest_summary sum;
	bool have_sum;
	struct visit *visits; /* the guest's, not voided, oldest first */
	size_t nvisits;
	struct edit f[CF_COUNT]; /* the text fields */
	int category, severity;
	struct error why[CF_COUNT]; /* the reason a field is wrong, "" when fine */
	int focus;
	char failed[600]; /* the last save's failure */
	bool touched;
};

static bool is_choice(int i)
{
	return i == CF_CATEGORY || i == CF_SEVERITY;
}

/* The guest's visit numbered s, or NULL. */
static const struct visit *find_visit(const struct cform *cf, const char *s)
{
	int64_t id;
	if (!text_parse_int(s, 1, INT64_MAX, &id))
		return NULL;
	for (size_t i = 0; i < cf->nvisits; i++)
		if (cf->visits[i].id == id)
			return &cf->visits[i];
	return NULL;
}

/* Checks field i; sets its reason. True when fine. */
static bool check(struct cform *cf, int i)
{
	const char *s = cf->f[i].buf;
	struct error *why = &cf->why[i];
	error_clear(why);
	switch (i) {
	case CF_TEXT:
		if (!*s)
			error_set(why, 0, "%s", _("required: what the guest complained about"));
		else
			complaint_text_check(_("complaint"), s, true, 2000, why);
		break;
	case CF_VISIT:
		if (*s && !find_visit(cf, s))
			error_set(why, 0, "%s", _("the number of one of this guest's visits, or empty"));
		break;
	case CF_OWNER:
		if (!*s)
			error_set(why, 0, "%s", _("required: who handles it (a login)"));
		else
			complaint_login_check(_("owner"), s, why);
		break;
	default:
		break;
	}
	return !error_is_set(why);
}

static const char *title(struct tui *t, struct view *v)
{
	return _("log a complaint");
}

enum { FIELD_X = 14, CHOICE_W = 24 };

static int field_w(struct tui *t, int i)
{
	return i == CF_TEXT ? t->cols - FIELD_X - 2 : CHOICE_W;
}

/* The first row of the fields, below the guest and the safety block. */
static int fields_row(struct tui *t, struct cform *cf)
{
	return 3 + widget_guest_safety_rows(t, cf->have_sum ? &cf->sum : NULL, t->cols - 2);
}

/* What shows beside field i: its reason when wrong, else the visit it names. */
static void field_note(struct tui *t, struct cform *cf, int i, int y)
{
	int x = FIELD_X + CHOICE_W + 2, w = t->cols - x - 1;
	if (i == CF_TEXT)
		return;
	if (error_is_set(&cf->why[i])) {
		draw_text(y, x, w, cf->why[i].msg, draw_attr(t, TE_FIELD_ERROR), true);
	} else if (i == CF_VISIT) {
		const struct visit *x2 = find_visit(cf, cf->f[i].buf);
		char line[120] = "";
		if (x2)
			snprintf(line, sizeof line, _("%s %s, %d covers"), x2->date,
			         meal_label(x2->meal), x2->covers);
		else if (!cf->f[i].len)
			snprintf(line, sizeof line, "%s", _("none"));
		draw_text(y, x, w, line, draw_attr(t, TE_DIM), true);
	}
}

static void draw(struct tui *t, struct view *v)
{
	struct cform *cf = v->data;
	int w = t->cols, y = 1;
	if (cf->have_sum) {
		int x =
		    1 + draw_text(y, 1, w / 2, cf->sum.name, draw_attr(t, TE_TITLE) | A_BOLD, true);
		widget_tier_badge(t, y, x + 2, cf->sum.tier, cf->sum.grp, true);
	}
	widget_guest_safety(t, y + 1, 1, w - 2, cf->have_sum ? &cf->sum : NULL);
	y = fields_row(t, cf);
	for (int i = 0; i < CF_COUNT; i++, y++) {
		draw_text(y, 2, FIELD_X - 3, _(labels[i]), draw_attr(t, TE_LABEL), true);
		attr_t a = i == cf->focus ? draw_attr(t, TE_FIELD) : draw_attr(t, TE_NORMAL);
		if (is_choice(i)) {
			char m[128];
			snprintf(m, sizeof m, "‹ %s ›",
				 i == CF_CATEGORY ? complaint_ui_category(cf->category)
						  : complaint_ui_severity(cf->severity));
			draw_fill(y, FIELD_X, CHOICE_W, m, a);
		} else {
			edit_draw(&cf->f[i], y, FIELD_X, field_w(t, i), a);
		}
		field_note(t, cf, i, y);
	}
	/* the description's reason has the row below the fields */
	draw_fill(y, FIELD_X, w - FIELD_X - 2, cf->why[CF_TEXT].msg, draw_attr(t, TE_FIELD_ERROR));
	y += 2;
	if (cf->failed[0])
		draw_wrap(y, 2, w - 4, 3, cf->failed, draw_attr(t, TE_ERROR));
	else
		draw_wrap(
		    y, 2, w - 4, 2,
		    is_choice(cf->focus)
			? _("Space or ←/→ changes the choice · Enter logs it · Tab next field "
			    "· Esc cancels")
			: _("Enter logs the complaint · Tab next field · Esc cancels"),
		    draw_attr(t, TE_DIM));
}

static bool cursor(struct tui *t, struct view *v, int *y, int *x)
{
	struct cform *cf = v->data;
	if (is_choice(cf->focus))
		return false;
	*y = fields_row(t, cf) + cf->focus;
	*x = edit_draw(&cf->f[cf->focus], *y, FIELD_X, field_w(t, cf->focus),
		       draw_attr(t, TE_FIELD));
	return true;
}

static void save(struct tui *t, struct view *v)
{
	struct cform *cf = v->data;
	int bad = -1;
	for (int i = 0; i < CF_COUNT; i++)
		if (!check(cf, i) && bad < 0)
			bad = i;
	if (bad >= 0) {
		cf->focus = bad;
		snprintf(cf->failed, sizeof cf->failed, _("Not logged: %s: %s"), _(labels[bad]),
			 cf->why[bad].msg);
		return;
	}
	if (!tui_may(t, PERM_COMPLAINT_LOG)) /* signed out while typing: asks again */
		return;
	struct complaint c;
	complaint_init(&c);
	c.guest_id = cf->guest_id;
	const struct visit *x = find_visit(cf, cf->f[CF_VISIT].buf);
	c.visit_id = x ? x->id : 0;
	c.channel = CH_IN_PERSON;
	c.category = (enum complaint_category)cf->category;
	c.severity = (enum severity)cf->severity;
	c.description = xstrdup(cf->f[CF_TEXT].buf);
	c.owner = xstrdup(cf->f[CF_OWNER].buf);
	struct error why;
	enum store_status s = ST_OK;
	if (complaint_validate(&c, &why) < 0)
		snprintf(cf->failed, sizeof cf->failed, _("Not logged: %s"), why.msg);
	else if ((s = complaint_store_add(t->st, &c)) != ST_OK)
		snprintf(cf->failed, sizeof cf->failed,
			 _("Not logged: %s. Everything typed is kept; Enter tries again."),
			 tui_store_error(t, s));
	else {
		tui_message(t, _("complaint %lld logged: %s, %s"), (long long)c.id,
			    complaint_ui_category(c.category), complaint_ui_severity(c.severity));
		tui_changed(t);
		tui_draft_done(t, v);
		tui_pop(t);
	}
	complaint_free(&c);
}

static bool cform_leave(struct tui *t, struct view *v)
{
	struct cform *cf = v->data;
	bool leave = !cf->touched || tui_confirm(t, _("Leave without logging this complaint?"));
	if (leave)
		tui_draft_done(t, v);
	return leave;
}

/* The text fields' keys in a draft. */
static const char *const draft_keys[CF_COUNT] = {NULL, NULL, "text", "visit", "owner"};

static bool cform_draft(struct tui *t, struct view *v, struct draft *d)
{
	struct cform *cf = v->data;
	if (!cf->touched)
		return false;
	char what[300];
	draft_add(d, "form", "complaint");
	snprintf(what, sizeof what, _("the complaint of %s"), cf->have_sum ? cf->sum.name : "?");
	draft_add(d, "what", what);
	draft_add_int(d, "guest", cf->guest_id);
	draft_add(d, "category", complaint_category_names[cf->category]);
	draft_add(d, "severity", severity_names[cf->severity]);
	for (int i = 0; i < CF_COUNT; i++)
		if (draft_keys[i])
			draft_add(d, draft_keys[i], cf->f[i].buf);
	draft_add_int(d, "focus", cf->focus);
	return true;
}

/* A key on a choice field: Space or Right the next value, Left the one before, a letter the
 * first value whose name starts with it. True when it was one of those. */
static bool choose(struct cform *cf, enum action a, wint_t ch)
{
	bool cat = cf->focus == CF_CATEGORY;
	int *v = cat ? &cf->category : &cf->severity;
	int first = cat ? 0 : SEV_LOW, n = cat ? CC_COUNT : SEV_COUNT;
	const char *const *names = cat ? complaint_category_names : severity_names;
	if (a == ACT_RIGHT || (a == ACT_CHAR && ch == ' '))
		*v = *v + 1 < n ? *v + 1 : first;
	else if (a == ACT_LEFT)
		*v = *v > first ? *v - 1 : n - 1;
	else if (a == ACT_CHAR) {
		int k = first;
		while (k < n && (wint_t)names[k][0] != ch)
			k++;
		if (k == n)
			return true; /* no such choice: ignored */
		*v = k;
	} else
		return false;
	cf->touched = true;
	cf->failed[0] = '\0';
	return true;
}

/* Field i is left: checked, its reason shown. */
static void cform_left(struct view *v, int i)
{
	check(v->data, i);
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct cform *cf = v->data;
	bool changed;
	if (is_choice(cf->focus) && choose(cf, a, ch))
		return HR_REDRAW;
	if (!is_choice(cf->focus) && edit_act(&cf->f[cf->focus], a, ch, &changed)) {
		cf->touched = cf->touched || changed;
		if (changed)
			cf->failed[0] = '\0'; /* the form is being put right */
		if (changed && error_is_set(&cf->why[cf->focus]))
			check(cf, cf->focus);
		return HR_REDRAW;
	}
	return widget_form_act(t, v, a, &cf->focus, CF_COUNT, cform_left, save);
}

static bool typing(struct view *v)
{
	return true;
}

static void cform_release(struct view *v)
{
	struct cform *cf = v->data;
	if (cf->have_sum)
		guest_summary_free(&cf->sum);
	for (size_t i = 0; i < cf->nvisits; i++)
		visit_free(&cf->visits[i]);
	free(cf->visits);
}

static const enum action hints[] = {ACT_SUBMIT, ACT_NEXT_FIELD, ACT_BACK, ACT_NONE};

static const struct view_ops ops = {
    .name = "complaint-form",
    .scope = SC_FORM,
    .title = title,
    .draw = draw,
    .act = act,
    .release = cform_release,
    .typing = typing,
    .cursor = cursor,
    .hints = hints,
    .leave = cform_leave,
    .draft = cform_draft,
};

struct view *view_complaint_form_new(struct tui *t, int64_t guest_id)
{
	struct view *v = tui_view_new(&ops, sizeof(struct cform));
	struct cform *cf = v->data;
	cf->guest_id = guest_id;
	edit_limit(&cf->f[CF_TEXT], 2000); /* in characters, as complaint_validate counts */
	char month[8];
	date_month_key(date_today(), month);
	cf->have_sum = search_store_summaries(t->st, &guest_id, 1, month, &cf->sum) == ST_OK;
	struct visit_filter f = {.guest_id = guest_id};
	if (visit_store_list(t->st, &f, &cf->visits, &cf->nvisits) != ST_OK)
		cf->nvisits = 0;
	if (cf->nvisits) {
		char id[32];
		snprintf(id, sizeof id, "%lld", (long long)cf->visits[cf->nvisits - 1].id);
		edit_set(&cf->f[CF_VISIT], id);
	}
	edit_set(&cf->f[CF_OWNER], store_login(t->st));
	/* unclassified until said otherwise: "other", of medium severity; both show above */
	cf->category = CC_OTHER;
	cf->severity = SEV_MEDIUM;
	cf->focus = CF_TEXT;
	return v;
}

struct view *view_complaint_form_from_draft(struct tui *t, const struct draft *d)
{
	int64_t id = draft_get_int(d, "guest", 0);
	if (id <= 0)
		return NULL;
	struct view *v = view_complaint_form_new(t, id);
	if (!v)
		return NULL;
	struct cform *cf = v->data;
	const char *c = draft_get(d, "category"), *s = draft_get(d, "severity");
	for (int i = 0; c && i < CC_COUNT; i++)
		if (strcmp(c, complaint_category_names[i]) == 0)
			cf->category = i;
	for (int i = SEV_LOW; s && i < SEV_COUNT; i++)
		if (strcmp(s, severity_names[i]) == 0)
			cf->severity = i;
	for (int i = 0; i < CF_COUNT; i++)
		if (draft_keys[i])
			edit_set(&cf->f[i], draft_get(d, draft_keys[i]));
	long long f = draft_get_int(d, "focus", CF_TEXT);
	cf->focus = f >= 0 && f < CF_COUNT ? f : CF_TEXT;
	cf->touched = true;
	return v;
}
