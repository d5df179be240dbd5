/* view_guest.c — the guest card: everything a receptionist needs at the door. How to address
 * the guest and who greets them, then the safety block (fixed: it never scrolls away), then a
 * scrolling page of tastes, dishes, habits, recognition notes, upcoming dates, people, visits,
 * open complaints, the tier with its reason and distance, and the discount allowed. */
#include <stdlib.h>
#include <string.h>

#include "core/choice.h"
#include "core/complaint.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/tier_calc.h"
#include "core/visit.h"
#include "store/backup_store.h"
#include "store/complaint_store.h"
#include "store/erase_store.h"
#include "store/guest_store.h"
#include "store/search_store.h"
#include "store/tier_store.h"
#include "store/visit_store.h"
#include "tui/complaint_ui.h"
#include "tui/draw.h"
#include "tui/tui.h"
#include "tui/widgets.h"

struct card_line {
	char *label; /* NULL: continues the section above */
	char *text;
	enum theme_elem elem;
};

struct card {
	int64_t id;
	bool loaded;
	struct error err;
	struct guest g;
	struct guest_summary sum;
	char greeter[64];
	struct card_line *lines;
	size_t n, cap;
	size_t top; /* first body line shown */
};

static struct card *C(struct view *v)
{
	return v->data;
}

static void add(struct card *c, const char *label, enum theme_elem e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(struct card *c, const char *label, enum theme_elem e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	vec_reserve((void **)&c->lines, c->n + 1, &c->cap, sizeof *c->lines);
	c->lines[c->n++] = (struct card_line){label ? xstrdup(label) : NULL, text, e};
}

static void card_clear(struct card *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->lines[i].label);
		free(c->lines[i].text);
	}
	c->n = 0;
	if (c->loaded) {
		guest_free(&c->g);
		guest_summary_free(&c->sum);
	}
	c->loaded = false;
	c->greeter[0] = '\0';
}

/* The items of one kind of person (-1: the guest), "a, b (high)", or NULL. */
static char *prefs(const struct guest *g, int person, enum pref_kind kind)
{
	static const char *const sev[SEV_COUNT] = {"", N_("low"), N_("medium"), N_("high"),
						   N_("critical")};
	const char *tr[SEV_COUNT];
	for (int i = 0; i < SEV_COUNT; i++)
		tr[i] = tr_data(sev[i]);
	return guest_prefs_text(g, person, kind, tr);
}

static const char *date_kind_label(const struct guest_date *d)
{
	static const char *const names[] = {N_("birthday"), N_("wedding anniversary"), N_("date")};
	if (d->kind == DATE_OTHER && d->label)
		return d->label;
	return d->kind < 3 ? _(names[d->kind]) : "";
}

/* The next of each special date, the guest's and their people's, nearest first (a date
 * months away is still worth knowing at the door). */
static void upcoming(struct card *c)
{
	struct date today = date_today();
	long t0 = date_to_days(today);
	struct {
		long in;
		size_t i;
	} near[64];
	size_t n = 0;
	for (size_t i = 0; i < c->g.dates.n && n < 64; i++) {
		const struct guest_date *d = &c->g.dates.v[i];
		long best = -1;
		for (int y = today.y; y <= today.y + 1; y++) {
			struct date dd = {y, d->month, d->day};
			if (d->month == 2 && d->day == 29 && !date_is_leap(y))
				dd.d = 28;
			if (!date_valid(dd))
				continue;
			long in = date_to_days(dd) - t0;
			if (in >= 0 && (best < 0 || in < best))
				best = in;
		}
		if (best >= 0) {
			size_t k = n++;
			while (k > 0 && near[k - 1].in > best) {
				near[k] = near[k - 1];
				k--;
			}
			near[k].in = best;
			near[k].i = i;
		}
	}
	for (size_t k = 0; k < n; k++) {
		const struct guest_date *d = &c->g.dates.v[near[k].i];
		char who[200] = "";
		if (d->person >= 0 && (size_t)d->person < c->g.people.n)
			snprintf(who, sizeof who, "%s%s%s: ",
			         choice_label(&choice_relation, c->g.people.v[d->person].relation),
			         c->g.people.v[d->person].name ? " " : "",
			         c->g.people.v[d->person].name ? c->g.people.v[d->person].name
			                                       : "");
		char when[64];
		if (near[k].in == 0)
			snprintf(when, sizeof when, "%s", _("today"));
		else
			snprintf(when, sizeof when, _("in %ld days"), near[k].in);
		add(c, k ? NULL : _("coming up"), near[k].in <= 7 ? TE_WARNING : TE_NORMAL,
		    "%s%s %02d-%02d (%s)", who, date_kind_label(d), d->month, d->day, when);
	}
}

static void tier_lines(struct tui *t, struct card *c)
{
	if (!t->rules)
		return;
	/* the tier and its window over the last complete month (domain.md §4), as F9 says; what
	 * the next tier up needs is this month's, provisional, and only for a guest who came */
	struct tier_guest_info info, now;
	struct date cur = date_month_start(date_today());
	if (tier_store_guest(t->st, t->rules, c->id, date_prev_month(cur), &info) != ST_OK ||
	    tier_store_guest(t->st, t->rules, c->id, cur, &now) != ST_OK)
		return;
	/* a month stored is as it was computed then (with the rules of then, domain.md §4) */
	struct tier_decision held = info.decision;
	if (info.stored) {
		snprintf(held.tier, sizeof held.tier, "%s", info.stored_tier);
		snprintf(held.grp, sizeof held.grp, "%s", info.stored_grp);
		for (int k = 0; k < 4; k++)
			if (strcmp(info.stored_source, tier_source_names[k]) == 0)
				held.source = (enum tier_source)k;
	}
	const struct tier_decision *d = &held;
	const struct tier_rules *r = t->rules;
	/* the badge at the top says the same as the tier line */
	snprintf(c->sum.tier, sizeof c->sum.tier, "%.7s", d->tier);
	snprintf(c->sum.grp, sizeof c->sum.grp, "%.23s", d->grp);
	char yuan[32];
	if (d->tier[0]) {
		const char *why = d->source == TS_OVERRIDE ? _("set by hand")
				  : d->source == TS_GRACE  ? _("kept by grace")
							   : _("by the rules");
		add(c, _("tier"), widget_tier_elem(d->tier), "%s %s (%s)", d->tier, tr_data(d->grp), why);
		if (d->source == TS_OVERRIDE)
			add(c, NULL, TE_DIM, "%s: %s", info.override_by, info.override_reason);
	} else {
		add(c, _("tier"), TE_DIM, "%s", _("none yet"));
	}
	add(c, NULL, TE_DIM,
	    ngettext("visits %d · spend ¥%s · covers %d (window of %d month)",
	             "visits %d · spend ¥%s · covers %d (window of %d months)", info.window.months),
	    info.window.visits, money_format_short(info.window.spend, yuan), info.window.covers,
	    info.window.months);
	/* this month so far, provisional: its tier when it differs, and the next one up from it */
	const struct tier_decision *dn = &now.decision;
	if (now.first_visit[0] && (strcmp(dn->tier, d->tier) != 0 || strcmp(dn->grp, d->grp) != 0))
		add(c, NULL, dn->tier[0] ? widget_tier_elem(dn->tier) : TE_DIM,
		    _("this month so far: %s%s%s (provisional)"), dn->tier[0] ? dn->tier : _("none"),
		    dn->grp[0] ? " " : "", tr_data(dn->grp));
	const struct tier_rule *up = now.first_visit[0] ? tier_next_up(r, dn->rule) : NULL;
	if (up) {
		struct tier_gap gap;
		tier_gap_to(up, &now.window, &gap);
		char need[200] = "";
		if (gap.visits && gap.spend)
			snprintf(need, sizeof need, _("visits +%d, spend +¥%s"), gap.visits,
				 money_format_yuan(gap.spend, yuan));
		else if (gap.visits)
			snprintf(need, sizeof need, _("visits +%d"), gap.visits);
		else if (gap.spend)
			snprintf(need, sizeof need, _("spend +¥%s"), money_format_yuan(gap.spend, yuan));
		else
			snprintf(need, sizeof need, "%s", _("nothing more"));
		if (strcmp(up->tier, dn->tier) == 0 && strcmp(up->group, dn->grp) == 0)
			/* kept by grace or by hand: what holding it by the rules takes */
			add(c, NULL, TE_NORMAL, _("to hold %s %s by the rules, this month %s"), up->tier,
			    tr_data(up->group), need);
		else
			add(c, NULL, TE_NORMAL, _("next up: %s %s, this month %s"), up->tier,
			    tr_data(up->group), need);
	}
	const struct tier_privilege *p = tier_privilege_for(r, d->tier);
	if (p) {
		snprintf(c->greeter, sizeof c->greeter, "%s", p->greeter);
		struct sbuf ex = {0};
		for (size_t i = 0; i < p->discount_exclusions.n; i++)
			sbuf_printf(&ex, "%s%s", i ? ", " : "", tr_data(p->discount_exclusions.v[i]));
		add(c, _("discount"), TE_NORMAL, _("up to %d%% off, never on %s"), p->max_discount_pct,
		    ex.s ? ex.s : "-");
		sbuf_free(&ex);
	}
}

/* The sensitive fields: each one the role may not see reads "hidden — manager", dim, set or
 * not (never as if empty); the seven don't-asks that it may see, when set. */
static void sensitive_lines(struct tui *t, struct card *c, guest_field_set hidden)
{
	for (int i = 0; i < GF_COUNT; i++) {
		if (hidden & GUEST_FIELD_BIT(i))
			add(c, _(guest_fields[i].form_label), TE_DIM, "%s",
			    session_hidden(t->session));
		else if (guest_fields[i].sensitive && c->g.f[i])
			add(c, _(guest_fields[i].form_label), TE_NORMAL, "%s", c->g.f[i]);
	}
}

static void read_card(struct tui *t, struct card *c)
{
	card_clear(c);
	error_clear(&c->err);
	/* a guest merged into another (a number on a printed list, a screen read before the
	 * merge) is shown as the guest they became */
	int64_t to;
	enum store_status s = guest_store_resolve(t->st, c->id, &to);
	if (s == ST_OK && to != c->id) {
		tui_message(t, _("guest %lld was merged into %lld"), (long long)c->id,
			    (long long)to);
		c->id = to;
	}
	s = guest_store_get(t->st, c->id, &c->g);
	if (s == ST_NOTFOUND) {
		/* said in the screen's language: the store's reason is English, for the log */
		error_set(&c->err, 0, _("no guest has the number %lld"), (long long)c->id);
		return;
	}
	if (s != ST_OK) {
		error_set(&c->err, 0, "%s", tui_store_error(t, s));
		return;
	}
	/* the tier in force is the last complete month's (domain.md §4), as tier_lines says */
	char month[11];
	date_month_key(date_prev_month(date_month_start(date_today())), month);
	if ((s = search_store_summaries(t->st, &c->id, 1, month, &c->sum)) != ST_OK) {
		guest_free(&c->g);
		error_set(&c->err, 0, "%s", tui_store_error(t, s));
		return;
	}
	c->loaded = true;
	struct guest *g = &c->g;
	/* what the role may not see is gone from the card before anything is drawn */
	guest_field_set hidden = t->session ? session_guest_hidden(t->session, g) : 0;
	guest_mask(g, hidden, NULL);

	tier_lines(t, c);
	if (g->f[GF_FAMILY_NAME] || g->f[GF_GIVEN_NAME])
		add(c, _("full name"), TE_NORMAL, "%s%s", g->f[GF_FAMILY_NAME] ? g->f[GF_FAMILY_NAME] : "",
		    g->f[GF_GIVEN_NAME] ? g->f[GF_GIVEN_NAME] : "");
	if (g->f[GF_EMPLOYER] || g->f[GF_POSITION])
		add(c, _("employer"), TE_NORMAL, "%s%s%s", g->f[GF_EMPLOYER] ? g->f[GF_EMPLOYER] : "",
		    g->f[GF_EMPLOYER] && g->f[GF_POSITION] ? " · " : "",
		    g->f[GF_POSITION] ? g->f[GF_POSITION] : "");
	struct sbuf b = {0};
	for (size_t i = 0; i < g->phones.n; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", g->phones.v[i].number);
	if (b.len)
		add(c, _("phones"), TE_NORMAL, "%s", b.s);
	sbuf_free(&b);
	static const char *const kinds[] = {N_("tastes"), N_("usual dishes"), N_("habits"),
					    N_("dislikes")};
	for (int k = PREF_TASTE; k <= PREF_DISLIKE; k++) {
		char *p = prefs(g, -1, (enum pref_kind)k);
		if (p)
			add(c, _(kinds[k]), TE_NORMAL, "%s", p);
		free(p);
	}
	b = (struct sbuf){0};
	static const int recog[] = {GF_LOOKS, GF_HEIGHT_CM, GF_WEIGHT_KG};
	for (size_t i = 0; i < 3; i++)
		if (g->f[recog[i]])
			sbuf_printf(&b, "%s%s%s", b.len ? " · " : "", g->f[recog[i]],
				    recog[i] == GF_HEIGHT_CM ? " cm" : recog[i] == GF_WEIGHT_KG ? " kg" : "");
	if (b.len)
		add(c, _("recognise by"), TE_NORMAL, "%s", b.s);
	sbuf_free(&b);
	upcoming(c);
	sensitive_lines(t, c, hidden);
	for (size_t i = 0; i < g->people.n; i++) {
		const struct guest_person *p = &g->people.v[i];
		char *likes = prefs(g, (int)i, PREF_TASTE);
		add(c, i ? NULL : _("people"), TE_NORMAL, "%s%s%s%s%s%s%s",
		    choice_label(&choice_relation, p->relation), p->name ? " " : "",
		    p->name ? p->name : "", likes ? " · " : "", likes ? likes : "",
		    p->notes ? " · " : "", p->notes ? p->notes : "");
		free(likes);
	}
	/* the last visits */
	struct visit_filter f = {.guest_id = c->id};
	struct visit *v = NULL;
	size_t nv = 0;
	if (visit_store_list(t->st, &f, &v, &nv) == ST_OK) {
		size_t from = nv > 5 ? nv - 5 : 0;
		for (size_t i = nv; i-- > from;) {
			char spend[32];
			add(c, i == nv - 1 ? _("last visits") : NULL, TE_NORMAL,
			    _("%s %s, %d covers, ¥%s%s%s"), v[i].date, meal_label(v[i].meal),
			    v[i].covers, money_format_short(v[i].spend_fen, spend),
			    v[i].table_no ? _(", table ") : "", v[i].table_no ? v[i].table_no : "");
		}
		if (nv > 5)
			add(c, NULL, TE_DIM, _("%zu visits in all"), nv);
	}
	for (size_t i = 0; i < nv; i++)
		visit_free(&v[i]);
	free(v);
	/* open complaints */
	struct complaint_filter cf = {.open = true, .guest_id = c->id};
	struct complaint *cv = NULL;
	size_t nc = 0;
	if (complaint_store_list(t->st, &cf, &cv, &nc) == ST_OK)
		for (size_t i = 0; i < nc; i++)
			add(c, i ? NULL : _("open complaints"), TE_COMPLAINT, "#%lld %.10s %s",
			    (long long)cv[i].id, cv[i].at, cv[i].description ? cv[i].description : "");
	for (size_t i = 0; i < nc; i++)
		complaint_free(&cv[i]);
	free(cv);
	b = (struct sbuf){0};
	for (size_t i = 0; i < g->tags.n; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", g->tags.v[i]);
	if (b.len)
		add(c, _("tags"), TE_NORMAL, "%s", b.s);
	sbuf_free(&b);
	for (size_t i = g->notes.n, k = 0; i-- > 0 && k < 3; k++)
		add(c, k ? NULL : _("notes"), TE_NORMAL, "%.10s %s: %s", g->notes.v[i].at ? g->notes.v[i].at : "",
		    g->notes.v[i].author ? g->notes.v[i].author : "", g->notes.v[i].text);
	/* the consent to be kept (domain.md §9), said when missing too: last, plain, never in
	 * the way of the safety block; a role that may not see it has its "hidden" line above */
	if (!(hidden & (GUEST_FIELD_BIT(GF_CONSENT_AT) | GUEST_FIELD_BIT(GF_CONSENT_CHANNEL)))) {
		char *consent = guest_consent_text(g);
		add(c, _("consent"), TE_NORMAL, "%s", consent ? consent : _("not recorded"));
		free(consent);
	}
}

/* The card in one snapshot: the guest, its marks, tier, visits and complaints as at one
 * moment, whatever another terminal saves between two of the reads. */
static void load(struct tui *t, struct card *c)
{
	bool snap = store_snapshot_begin(t->st) == ST_OK;
	read_card(t, c);
	if (snap)
		store_snapshot_end(t->st);
}

static const char *title(struct tui *t, struct view *v)
{
	return _("guest card");
}

/* Rows of the fixed head: name line, safety block, complaint line, rule. */
static int head_rows(struct tui *t, struct card *c)
{
	return 1 + widget_safety_rows(t, c->sum.allergies, c->sum.taboos, t->cols - 2) +
	       (c->sum.last_complaint[0] ? 1 : 0) + 1;
}

static void draw(struct tui *t, struct view *v)
{
	struct card *c = C(v);
	int w = t->cols, bottom = t->rows - 3;
	if (!c->loaded) {
		draw_fill(2, 1, w - 2, c->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	int y = 1, x = 1;
	x += draw_text(y, x, w / 2, c->g.f[GF_NAME], draw_attr(t, TE_TITLE) | A_BOLD, true) + 2;
	x += widget_tier_badge(t, y, x, c->sum.tier, c->sum.grp, true) + 2;
	if (c->greeter[0]) {
		char g[200];
		snprintf(g, sizeof g, _("greeted by %s"), tr_data(c->greeter));
		draw_text(y, x, w - x - 10, g, draw_attr(t, TE_LABEL), true);
	}
	char id[32];
	snprintf(id, sizeof id, "#%lld", (long long)c->id);
	draw_right(y, w - 10, 9, id, draw_attr(t, TE_DIM));
	y++;
	y += widget_safety(t, y, 1, w - 2, c->sum.allergies, c->sum.taboos);
	if (c->sum.last_complaint[0]) {
		char line[200];
		snprintf(line, sizeof line, _("! complained on %.10s: handle with care"), c->sum.last_complaint);
		draw_fill(y++, 1, w - 2, line, draw_attr(t, TE_COMPLAINT));
	}
	int rule = y;
	widget_rule(t, y++, 1, w - 2);
	/* the scrolling body */
	int lw = 16; /* as in act */
	size_t i = c->top;
	bool cut = false; /* the last line drawn did not fit whole */
	for (; i < c->n && y <= bottom; i++) {
		const struct card_line *l = &c->lines[i];
		if (l->label)
			draw_text(y, 1, lw, l->label, draw_attr(t, TE_LABEL), true);
		int rows =
		    draw_wrap(y, 2 + lw, w - 3 - lw, bottom - y + 1, l->text, draw_attr(t, l->elem));
		cut = rows < draw_wrap(0, 0, w - 3 - lw, 0, l->text, 0);
		y += rows;
	}
	if (cut && i > c->top + 1) /* a line taller than the page still counts as shown */
		i--;
	if (i < c->n || c->top > 0) { /* more than one screen: where we are, on the rule */
		char pos[48];
		snprintf(pos, sizeof pos, " %s %zu-%zu/%zu ", i < c->n ? "↓" : "↑", c->top + 1, i, c->n);
		draw_right(rule, w - 20, 19, pos, draw_attr(t, TE_DIM));
	}
}

/* Asks for the guest to merge into this one, then shows the two side by side. */
/* A guest's number asked with prompt ("12" or "#12"): false when cancelled or not a number
 * (said on the status line). */
static bool ask_number(struct tui *t, const char *prompt, int64_t *id)
{
	char *s = tui_prompt(t, prompt, NULL);
	if (!s)
		return false;
	bool ok = text_parse_int(*s == '#' ? s + 1 : s, 1, INT64_MAX, id);
	free(s);
	if (!ok)
		tui_error(t, "%s", _("a guest's number, as #12 on the card"));
	return ok;
}

static enum handler_result merge_with(struct tui *t, struct card *c)
{
	int64_t other;
	if (ask_number(t, _("Merge which guest into this one? Number: "), &other))
		tui_push(t, view_merge_new(t, c->id, other));
	return HR_REDRAW;
}

/* The complaints of p not closed, "#4 (open), #6 (acknowledged)"; caller frees. */
static char *open_complaints(const struct erase_plan *p)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < p->n_open; i++) {
		int st = complaint_status_from_name(p->open[i].status);
		sbuf_printf(&b, "%s#%lld (%s)", i ? ", " : "", (long long)p->open[i].id,
			    st >= 0 ? complaint_ui_status((enum complaint_status)st)
				    : p->open[i].status);
	}
	return sbuf_detach(&b);
}

/* ':erase' (or its key) on the card: the guest forgotten on request (PIPL art. 47). Asks the
 * reason (Esc: nothing erased), then asks again, naming the complaints not closed; erases
 * (erase_store_guest), leaves nothing readable in the file (erase_store_scrub) and shows the
 * card of what is left, the anonymous "erased #ID" with its visits. */
static enum handler_result erase_guest(struct tui *t, struct card *c)
{
	struct erase_plan p;
	enum store_status s = erase_store_plan(t->st, c->id, &p);
	if (s != ST_OK) {
		tui_error(t, "%s", tui_store_error(t, s));
		return HR_REDRAW;
	}
	if (p.erased) {
		tui_error(t, _("guest %lld was erased already (on %.10s by %s)"), (long long)c->id,
			  p.erased_at[0] ? p.erased_at : "?", p.erased_by[0] ? p.erased_by : "?");
		erase_plan_free(&p);
		return HR_REDRAW;
	}
	char *reason = tui_prompt(t, _("Erase this guest on their request. The reason: "), NULL);
	char *q = NULL;
	if (reason && reason[strspn(reason, " ")] == '\0') {
		tui_error(t, "%s", _("a reason is required: nothing erased"));
	} else if (reason) {
		char *open = p.n_open ? open_complaints(&p) : NULL;
		q = open ? xasprintf(_("Guest %lld has complaints not closed: %s. Erase anyway?"),
				     (long long)c->id, open)
			 : xasprintf(_("Erase guest %lld (%s)? Everything about them goes; the visits "
				       "stay, as erased #%lld."),
				     (long long)c->id, p.name ? p.name : "", (long long)c->id);
		free(open);
	}
	erase_plan_free(&p);
	if (!q) {
		if (!reason)
			tui_message(t, "%s", _("nothing erased"));
		free(reason);
		return HR_REDRAW;
	}
	bool yes = tui_confirm(t, q);
	free(q);
	struct erase_result r;
	bool emptied = false;
	s = ST_OK;
	if (yes && (s = erase_store_guest(t->st, c->id, reason, &r)) == ST_OK)
		s = erase_store_scrub(t->st, &emptied);
	free(reason);
	if (!yes) {
		tui_message(t, "%s", _("nothing erased"));
		return HR_REDRAW;
	}
	if (s != ST_OK) {
		tui_error(t, "%s", tui_store_error(t, s));
		return HR_REDRAW;
	}
	tui_changed(t);
	load(t, c);
	c->top = 0;
	/* the backups made before still hold the guest: how many, and the command that goes */
	long nb = t->db ? backup_count(t->db) : 0;
	if (nb > 0)
		tui_message(t, ngettext("guest %lld erased; %ld backup still holds them: maitre "
					"backup --prune --before DAY",
					"guest %lld erased; %ld backups still hold them: maitre "
					"backup --prune --before DAY",
					(unsigned long)nb),
			    (long long)c->id, nb);
	else
		tui_message(t, _("guest %lld erased: %lld items, the text of %lld rows and %lld "
				 "audit rows gone"),
			    (long long)c->id, (long long)r.items, (long long)r.texts,
			    (long long)r.audit_rows);
	return HR_REDRAW;
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct card *c = C(v);
	int page = t->rows - 3 - head_rows(t, c);
	if (page < 1)
		page = 1;
	/* the last full page: the first line from which the rest fits, wrapped lines counted */
	size_t last = c->n;
	int used = 0, lw = 16;
	while (last > 0) {
		int r = draw_wrap(0, 0, t->cols - 3 - lw, 0, c->lines[last - 1].text, 0);
		if (used + r > page)
			break;
		used += r;
		last--;
	}
	if (widget_page_act(&c->top, a, last, (size_t)page) != HR_NOT_MINE)
		return HR_REDRAW;
	switch (a) {
	case ACT_VISIT:
		tui_push(t, view_visit_new(t, c->id, 0));
		return HR_REDRAW;
	case ACT_EDIT:
		tui_push(t, view_form_new(t, c->id, NULL, NULL));
		return HR_REDRAW;
	case ACT_LOG_COMPLAINT:
		tui_push(t, view_complaint_form_new(t, c->id));
		return HR_REDRAW;
	case ACT_HISTORY:
		tui_push(t, view_audit_new(t, c->id, c->g.f[GF_NAME]));
		return HR_REDRAW;
	case ACT_GUEST: {
		int64_t id;
		if (ask_number(t, _("Which guest? Number: "), &id))
			tui_push(t, view_guest_new(t, id));
		return HR_REDRAW;
	}
	case ACT_MERGE_WITH:
		return merge_with(t, c);
	case ACT_ERASE:
		return erase_guest(t, c);
	default:
		return HR_NOT_MINE;
	}
}

static void reload(struct tui *t, struct view *v)
{
	struct card *c = C(v);
	size_t top = c->top;
	load(t, c);
	c->top = top < c->n ? top : 0;
}

static void card_release(struct view *v)
{
	struct card *c = C(v);
	card_clear(c);
	free(c->lines);
}

static const enum action hints[] = {ACT_VISIT, ACT_EDIT, ACT_LOG_COMPLAINT, ACT_PAGE_DOWN,
				    ACT_NONE};

static const struct view_ops ops = {
	.name = "guest",
	.scope = SC_CARD | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = card_release,
	.hints = hints,
};

int64_t view_guest_card_id(const struct view *v)
{
	return v->ops == &ops ? ((const struct card *)v->data)->id : 0;
}

struct view *view_guest_new(struct tui *t, int64_t guest_id)
{
	struct view *v = tui_view_new(&ops, sizeof(struct card));
	struct card *c = v->data;
	c->id = guest_id;
	load(t, c);
	return v;
}

/* ':guest 12' (or '#12'): the card of the guest of a number, as a printed list or an old
 * sheet gives it; a number merged into another guest opens that one's card. */
struct view *view_guest_open(struct tui *t, const char *arg)
{
	int64_t id;
	if (arg && text_parse_int(*arg == '#' ? arg + 1 : arg, 1, INT64_MAX, &id))
		return view_guest_new(t, id);
	struct view *v = tui_view_new(&ops, sizeof(struct card));
	error_set(&C(v)->err, 0, "%s",
		  _("guest: :guest NUMBER opens the card of the guest of that number"));
	return v;
}
