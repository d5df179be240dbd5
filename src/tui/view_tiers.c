/* view_tiers.c — the tier rules in force (domain.md §4): where they come from and their
 * version, the thresholds top-down, the privileges of each letter tier side by side (as the
 * handbook's table), the alert and complaint rules. R reads tiers.yaml again: a good file puts
 * its rules in force for every screen; a broken one changes nothing and its errors
 * ("file:line:column: what") are listed here until the next good read.
 *
 * The page is a list of items (a line, a table row, a privilege row wrapped over several lines)
 * scrolled item by item. */
#include <stdlib.h>
#include <string.h>

#include "config/tiers.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "store/tier_store.h"
#include "tui/draw.h"
#include "tui/tui.h"
#include "tui/widgets.h"

/* The words of the rules file the view shows, for the catalogue (tr_data translates them). */
static const char *const rule_words[] __attribute__((unused)) = {
    N_("all"),
    N_("visits"),
    N_("spend"),
    N_("per_capita"),
    N_("birthday"),
    N_("anniversary"),
    N_("other"),
    /* the hosts and WeChat groups of the shipped rules */
    N_("manager"),
    N_("VIP-only group"),
    N_("company group"),
};

struct tiers {
	struct strv errors; /* of the last R that failed (empty: it worked, or no R yet) */
	size_t first;       /* the first item shown */
	struct tier_rules_state stored; /* what the database records of the rules in force */
	bool have_stored;
};

/* The privileges' rows, in the handbook's order. */
enum priv_row {
	PR_GREETER,
	PR_PHONE,
	PR_VISIT,
	PR_GIFT,
	PR_BANQUET,
	PR_CHAT,
	PR_TRIP,
	PR_DISCOUNT,
	PR_EXCLUDED,
	PR_COUNT
};

/* The items of the page, in order: each kind spans a run of indices. */
enum item_kind {
	IT_ERRORS_TITLE,
	IT_ERROR,
	IT_SOURCE,
	IT_VERSION,
	IT_STORED,
	IT_WINDOW,
	IT_GAP1,
	IT_RULES_TITLE,
	IT_RULES_HEAD,
	IT_RULE,
	IT_GAP2,
	IT_PRIVS_HEAD,
	IT_PRIV,
	IT_GAP3,
	IT_ALERTS,
	IT_COMPLAINTS,
	IT_NONE
};

/* How many items of kind k there are. */
static size_t kind_count(const struct tui *t, const struct tiers *d, enum item_kind k)
{
	const struct tier_rules *r = t->rules;
	switch (k) {
	case IT_ERRORS_TITLE:
		return d->errors.n ? 1 : 0;
	case IT_ERROR:
		return d->errors.n;
	case IT_SOURCE:
		return 1;
	case IT_RULE:
		return r ? r->nrules : 0;
	case IT_PRIV:
		return r && r->nprivs ? PR_COUNT : 0;
	case IT_PRIVS_HEAD:
		return r && r->nprivs ? 1 : 0;
	default:
		return r ? 1 : 0;
	}
}

static size_t item_total(const struct tui *t, const struct tiers *d)
{
	size_t n = 0;
	for (int k = 0; k < IT_NONE; k++)
		n += kind_count(t, d, (enum item_kind)k);
	return n;
}

/* The kind of item i, and its index within its kind in *sub. */
static enum item_kind item_kind(const struct tui *t, const struct tiers *d, size_t i, size_t *sub)
{
	for (int k = 0; k < IT_NONE; k++) {
		size_t c = kind_count(t, d, (enum item_kind)k);
		if (i < c) {
			*sub = i;
			return (enum item_kind)k;
		}
		i -= c;
	}
	*sub = 0;
	return IT_NONE;
}

/* ---- the thresholds ---- */

/* Column x of the thresholds table. */
static const int rule_x[] = {1, 5, 10, 24, 32, 42, 53};

static void draw_rules_head(struct tui *t, int y)
{
	attr_t lab = draw_attr(t, TE_LABEL);
	draw_right(y, rule_x[0], 3, "#", lab);
	draw_text(y, rule_x[1], 4, _("tier"), lab, true);
	draw_text(y, rule_x[2], 13, _("group"), lab, true);
	draw_right(y, rule_x[3], 7, _("visits"), lab);
	draw_right(y, rule_x[4], 9, _("spend ¥"), lab);
	draw_right(y, rule_x[5], 10, _("¥/head"), lab);
	draw_text(y, rule_x[6], t->cols - rule_x[6] - 1, _("must hold"), lab, true);
}

static void draw_rule(struct tui *t, size_t i, int y)
{
	const struct tier_rule *ru = &t->rules->rules[i];
	unsigned req = ru->requires ? ru->requires : CRIT_ALL;
	attr_t a = draw_attr(t, TE_NORMAL);
	char b[64];
	snprintf(b, sizeof b, "%zu", i + 1);
	draw_right(y, rule_x[0], 3, b, a);
	widget_tier_badge(t, y, rule_x[1], ru->tier, "", false);
	draw_text(y, rule_x[2], 13, tr_data(ru->group), a, true);
	snprintf(b, sizeof b, "%g", ru->min_visits);
	draw_right(y, rule_x[3], 7, req & CRIT_VISITS ? b : "-", a);
	draw_right(y, rule_x[4], 9, req & CRIT_SPEND ? money_format_short(ru->min_spend, b) : "-",
	           a);
	draw_right(y, rule_x[5], 10,
	           req & CRIT_PER_CAPITA ? money_format_short(ru->min_per_capita, b) : "-", a);
	draw_text(y, rule_x[6], t->cols - rule_x[6] - 1,
	          tier_requires_text(req, " + ", tr_data, b, sizeof b), a, true);
}

/* ---- the privileges, one column per letter tier ---- */

#define PRIV_LABEL_W 17

static const char *priv_label(enum priv_row p)
{
	static const char *const labels[PR_COUNT] = {
	    N_("greeted by"),  N_("phone call"),   NC_("sales manager's", "visit"),
	    N_("gift"),        N_("banquet"),      N_("group chat"),
	    N_("annual trip"), N_("max discount"), N_("no discount on"),
	};
	return i18n_ctx(labels[p]);
}

/* "every N days", or "none" for 0. */
static char *every_days(int n, char *buf, size_t size)
{
	if (n)
		snprintf(buf, size, _("every %d days"), n);
	else
		snprintf(buf, size, "%s", _("none"));
	return buf;
}

/* The text of privilege row p of pv, into buf. */
static const char *priv_text(enum priv_row p, const struct tier_privilege *pv, char *buf,
                             size_t size)
{
	char m[32], occ[128];
	switch (p) {
	case PR_GREETER:
		snprintf(buf, size, "%s", pv->greeter[0] ? tr_data(pv->greeter) : _("none"));
		break;
	case PR_PHONE:
		return every_days(pv->phone_days, buf, size);
	case PR_VISIT:
		return every_days(pv->visit_days, buf, size);
	case PR_GIFT:
		tier_occasions_text(pv->gift_occasions, tr_data, occ, sizeof occ);
		if (pv->gift_fen && occ[0])
			snprintf(buf, size, _("¥%s: %s"), money_format_short(pv->gift_fen, m), occ);
		else
			snprintf(buf, size, "%s", _("none"));
		break;
	case PR_BANQUET:
		if (!pv->banquet_min_months)
			snprintf(buf, size, "%s", _("none"));
		else if (pv->banquet_min_months == pv->banquet_max_months)
			snprintf(buf, size, _("every %d months, %s, ¥%s a table"),
			         pv->banquet_min_months, tr_data(pv->banquet_host),
			         money_format_short(pv->banquet_budget_fen, m));
		else
			snprintf(buf, size, _("every %d–%d months, %s, ¥%s a table"),
			         pv->banquet_min_months, pv->banquet_max_months,
			         tr_data(pv->banquet_host),
			         money_format_short(pv->banquet_budget_fen, m));
		break;
	case PR_CHAT:
		snprintf(buf, size, "%s", pv->group_chat[0] ? tr_data(pv->group_chat) : _("none"));
		break;
	case PR_TRIP:
		if (pv->trip_fen)
			snprintf(buf, size, _("¥%s a person"), money_format_short(pv->trip_fen, m));
		else
			snprintf(buf, size, "%s", _("none"));
		break;
	case PR_DISCOUNT:
		if (pv->max_discount_pct)
			snprintf(buf, size, _("%d%% off"), pv->max_discount_pct);
		else
			snprintf(buf, size, "%s", _("none"));
		break;
	default: {
		struct sbuf s = {0};
		for (size_t i = 0; i < pv->discount_exclusions.n; i++)
			sbuf_printf(&s, "%s%s", i ? ", " : "",
			            tr_data(pv->discount_exclusions.v[i]));
		snprintf(buf, size, "%s", s.s ? s.s : "-");
		sbuf_free(&s);
		break;
	}
	}
	return buf;
}

/* The width of each tier's column. */
static int priv_col_w(const struct tui *t)
{
	size_t n = t->rules->nprivs;
	int w = (t->cols - 2 - PRIV_LABEL_W) / (int)(n ? n : 1);
	return w > 4 ? w : 4;
}

static void draw_privs_head(struct tui *t, int y)
{
	int w = priv_col_w(t);
	draw_text(y, 1, PRIV_LABEL_W, _("privileges"), draw_attr(t, TE_TITLE), true);
	for (size_t i = 0; i < t->rules->nprivs; i++)
		widget_tier_badge(t, y, 1 + PRIV_LABEL_W + (int)i * w, t->rules->privs[i].tier, "",
		                  false);
}

/* Privilege row p, each tier's text wrapped in its column: the rows it takes (at most
 * maxrows; drawn when draw is set). */
static int draw_priv(struct tui *t, enum priv_row p, int y, int maxrows, bool draw)
{
	int w = priv_col_w(t), rows = 1;
	char buf[512];
	for (size_t i = 0; i < t->rules->nprivs; i++) {
		priv_text(p, &t->rules->privs[i], buf, sizeof buf);
		int need = draw_wrap(y, 0, w - 1, 0, buf, 0);
		if (need > rows)
			rows = need;
		if (draw)
			draw_wrap(y, 1 + PRIV_LABEL_W + (int)i * w, w - 1, maxrows, buf,
			          draw_attr(t, TE_NORMAL));
	}
	if (draw)
		draw_text(y, 1, PRIV_LABEL_W - 1, priv_label(p), draw_attr(t, TE_LABEL), true);
	return rows < maxrows ? rows : maxrows;
}

/* ---- the page ---- */

/* Whether the rules in force computed any month yet, and which rules the latest month used
 * (caller frees). */
static char *stored_text(struct tui *t, struct tiers *d)
{
	const struct tier_rules_state *s = &d->stored;
	if (!d->have_stored)
		return xstrdup("?");
	char *now =
	    s->known ? xasprintf(_("version #%lld, first used %s"), (long long)s->id, s->first_used)
	             : xstrdup(_("no month computed with these rules yet"));
	if (!s->latest_month[0] || (s->known && s->latest_id == s->id))
		return now;
	char *v = xasprintf(_("%s; %s was computed with version #%lld %s (maitre tier recompute "
	                      "says what changed; with --new-rules it applies these)"),
	                    now, s->latest_month, (long long)s->latest_id, s->latest_label);
	free(now);
	return v;
}

/* Reads what the database records of the rules in force. */
static void read_stored(struct tui *t, struct tiers *d)
{
	d->have_stored =
	    t->rules && tier_store_rules_state(t->st, t->rules->hash, &d->stored) == ST_OK;
}

/* The label and value (caller frees) of the items that are a label and a value; NULL for
 * the others. */
static char *pair_of(struct tui *t, struct tiers *d, enum item_kind k, const char **label)
{
	const struct tier_rules *r = t->rules;
	switch (k) {
	case IT_SOURCE:
		*label = _("rules file:");
		return xstrdup(strcmp(r->source, TIERS_BUILTIN_NAME) == 0 ? _("(built-in)")
		                                                          : r->source);
	case IT_VERSION:
		*label = _("version:");
		return xasprintf(_("%s (fingerprint %s)"),
		                 r->version[0] ? r->version : _("no label"), r->hash);
	case IT_STORED:
		*label = _("in the database:");
		return stored_text(t, d);
	case IT_WINDOW: {
		*label = _("window:");
		char *v = xasprintf(ngettext("averages of the last %d complete month",
		                             "averages of the last %d complete months",
		                             (unsigned long)r->window_months),
		                    r->window_months);
		char *g = xasprintf(ngettext("%s; grace %d month", "%s; grace %d months",
		                             (unsigned long)r->grace_months),
		                    v, r->grace_months);
		free(v);
		return g;
	}
	case IT_ALERTS: {
		*label = _("alerts:");
		struct sbuf red = {0};
		if (r->alerts.red_no_visit)
			sbuf_printf(&red, "%s", _("no visit this month"));
		if (r->alerts.red_overdue_complaint)
			sbuf_printf(&red, "%s%s", red.len ? ", " : "", _("an overdue complaint"));
		if (r->alerts.red_severity_days && r->alerts.red_min_severity != SEV_NONE)
			sbuf_printf(&red, "%s%s", red.len ? ", " : "",
			            _("a serious complaint lately"));
		char *v = xasprintf(_("yellow: below the thresholds × %g; red: %s"),
		                    r->alerts.yellow_factor, red.s ? red.s : _("never"));
		sbuf_free(&red);
		return v;
	}
	case IT_COMPLAINTS: {
		const struct complaint_rules *c = &r->complaints;
		*label = _("complaints:");
		return xasprintf(_("acknowledge within %d h, resolve within %d h, follow up within "
		                   "%d days"),
		                 c->ack_hours, c->resolve_hours, c->followup_days);
	}
	default:
		return NULL;
	}
}

/* A label and its value wrapped after it: the rows it takes (drawn when draw is set). */
static int draw_pair(struct tui *t, struct tiers *d, int y, int maxrows, enum item_kind k,
                     bool draw)
{
	const char *label = "";
	char *value = pair_of(t, d, k, &label);
	if (!value)
		return 1;
	int lw = draw_width(label) + 1;
	if (lw > t->cols / 2)
		lw = t->cols / 2;
	int rows = draw_wrap(y, 1 + lw, t->cols - 2 - lw, draw ? maxrows : 0, value,
	                     draw_attr(t, TE_NORMAL));
	if (draw)
		draw_text(y, 1, lw - 1, label, draw_attr(t, TE_LABEL), true);
	free(value);
	return rows > 0 ? rows : 1;
}

/* The items of a single line. */
static void draw_line(struct tui *t, enum item_kind k, size_t sub, int y)
{
	int w = t->cols - 2;
	switch (k) {
	case IT_ERRORS_TITLE:
		draw_fill(y, 1, w,
		          _("The rules file has errors: nothing was changed, the rules below are "
		            "still in force."),
		          draw_attr(t, TE_WARNING));
		break;
	case IT_SOURCE: /* without rules */
		draw_fill(y, 1, w, _("No tier rules could be loaded: R reads them again."),
		          draw_attr(t, TE_WARNING));
		break;
	case IT_RULES_TITLE:
		draw_fill(
		    y, 1, w,
		    t->rules->nrules
		        ? _("thresholds, top-down: the first rule a guest meets gives the tier")
		        : _("no tier rules: every guest is untiered"),
		    draw_attr(t, TE_TITLE));
		break;
	case IT_RULES_HEAD:
		draw_rules_head(t, y);
		break;
	case IT_RULE:
		draw_rule(t, sub, y);
		break;
	case IT_PRIVS_HEAD:
		draw_privs_head(t, y);
		break;
	default:
		break;
	}
}

/* Item i at row y within maxrows: the rows it takes (drawn when draw is set). */
static int draw_item(struct tui *t, struct tiers *d, size_t i, int y, int maxrows, bool draw)
{
	size_t sub;
	enum item_kind k = item_kind(t, d, i, &sub);
	if (k == IT_ERROR)
		return draw_wrap(y, 3, t->cols - 4, draw ? maxrows : 0, d->errors.v[sub],
		                 draw_attr(t, TE_ERROR));
	if (k == IT_PRIV)
		return draw_priv(t, (enum priv_row)sub, y, maxrows, draw);
	if (t->rules && (k == IT_SOURCE || k == IT_VERSION || k == IT_STORED || k == IT_WINDOW ||
	                 k == IT_ALERTS || k == IT_COMPLAINTS))
		return draw_pair(t, d, y, maxrows, k, draw);
	if (draw)
		draw_line(t, k, sub, y);
	return 1;
}

static const char *title(struct tui *t, struct view *v)
{
	(void)t, (void)v;
	return _("tier rules");
}

static void draw(struct tui *t, struct view *v)
{
	struct tiers *d = v->data;
	size_t n = item_total(t, d);
	if (d->first >= n)
		d->first = n ? n - 1 : 0;
	int y = 1, bottom = t->rows - 3;
	for (size_t i = d->first; i < n && y <= bottom; i++)
		y += draw_item(t, d, i, y, bottom - y + 1, true);
}

/* The first item that shows the last item at the bottom of the view. */
static size_t last_page(struct tui *t, struct tiers *d)
{
	size_t n = item_total(t, d);
	int rows = tui_view_rows(t);
	size_t first = n;
	while (first > 0) {
		int h = draw_item(t, d, first - 1, 0, rows, false);
		if (h > rows)
			break;
		rows -= h;
		first--;
	}
	return first < n ? first : (n ? n - 1 : 0);
}

/* R: tiers.yaml read again; the rules in force change only when it is good. */
static void reload_rules(struct tui *t, struct tiers *d)
{
	struct tier_rules *r = xmalloc(sizeof *r);
	struct strv errors = {0};
	tier_rules_init(r);
	int rc = tiers_load_in_force(t->tiers_path, r, &errors, NULL); /* warnings: check-config */
	strv_free(&d->errors);
	d->first = 0;
	if (rc != 0) {
		tier_rules_free(r);
		free(r);
		d->errors = errors;
		tui_error(t, _("%zu errors in the rules file: the rules in force are unchanged"),
		          errors.n);
		return;
	}
	strv_free(&errors);
	tui_set_rules(t, r);
	read_stored(t, d);
	tui_message(t, _("rules read again from %s: version %s"), r->source,
	            r->version[0] ? r->version : r->hash);
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct tiers *d = v->data;
	size_t page = (size_t)(tui_view_rows(t) > 2 ? tui_view_rows(t) - 2 : 1);
	if (widget_page_act(&d->first, a, last_page(t, d), page) != HR_NOT_MINE)
		return HR_REDRAW;
	switch (a) {
	case ACT_RELOAD_RULES:
		reload_rules(t, d);
		return HR_REDRAW;
	default:
		return HR_NOT_MINE;
	}
}

static void reload(struct tui *t, struct view *v)
{
	read_stored(t, v->data);
}

static void tiers_release(struct view *v)
{
	struct tiers *d = v->data;
	strv_free(&d->errors);
}

static const enum action hints[] = {ACT_RELOAD_RULES, ACT_PAGE_DOWN, ACT_NONE};

static const struct view_ops ops = {
	.name = "tiers",
	.scope = SC_TIERS | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = tiers_release,
	.hints = hints,
};

/* arg: none. */
struct view *view_tiers_new(struct tui *t, const char *arg)
{
	if (arg) {
		tui_error(t, _("tiers: \"%s\": this screen takes no argument"), arg);
		return NULL;
	}
	struct view *v = tui_view_new(&ops, sizeof(struct tiers));
	read_stored(t, v->data);
	return v;
}
