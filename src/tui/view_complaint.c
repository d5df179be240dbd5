/* view_complaint.c — one complaint and its recovery (domain.md §6). A fixed head: the guest
 * (name, phones, the safety block), the status and any deadline missed; then a page of the
 * details, the five recovery steps as a checklist (1..5 tick and untick), the deadlines, the
 * resolution and compensation, the follow-up call and the timeline of every change with who
 * and when. The keys of the status machine ask on the status line what each move needs and
 * refuse bad input with the reason; the hint line shows only the moves the status allows. */
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/strv.h"
#include "store/complaint_store.h"
#include "store/search_store.h"
#include "tui/complaint_ui.h"
#include "tui/draw.h"
#include "tui/tui.h"
#include "tui/widgets.h"

struct cline {
	const char *label; /* translated, static; NULL: continues the one above */
	char *text;
	enum theme_elem elem;
};

struct cview {
	int64_t id;
	bool loaded;
	struct error err;
	struct complaint k;
	struct complaint_event *ev;
	size_t nev;
	struct guest_summary sum;
	bool have_sum;
	char now[20];
	enum complaint_deadline late;
	struct cline *lines;
	size_t n, cap;
	size_t top; /* first body line shown */
};

static void line(struct cview *c, const char *label, enum theme_elem e, char *text)
{
	vec_reserve((void **)&c->lines, c->n + 1, &c->cap, sizeof *c->lines);
	c->lines[c->n++] = (struct cline){label, text, e};
}

static void cview_clear(struct cview *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->lines[i].text);
	c->n = 0;
	for (size_t i = 0; i < c->nev; i++)
		complaint_event_free(&c->ev[i]);
	free(c->ev);
	c->ev = NULL;
	c->nev = 0;
	if (c->loaded)
		complaint_free(&c->k);
	if (c->have_sum)
		guest_summary_free(&c->sum);
	c->loaded = c->have_sum = false;
}

/* One deadline: when it falls, and whether it was met, in time or late, or is overdue. */
static void deadline_line(struct cview *c, const struct complaint_rules *r,
			  enum complaint_deadline d, bool first)
{
	char due[20], span[64];
	const char *met = complaint_met(&c->k, d), *what = complaint_ui_deadline(d);
	const char *label = first ? _("deadlines") : NULL;
	/* an open complaint past both deadlines reports the resolve one; the ack is missed too */
	bool missed = c->late == d || (c->late == CD_RESOLVE && d == CD_ACK);
	if (!complaint_due(&c->k, r, d, due))
		line(c, label, TE_DIM,
		     xasprintf(_("%s: within %d days of the resolution"), what, r->followup_days));
	else if (met[0])
		line(c, label, TE_NORMAL,
		     xasprintf(strcmp(met, due) > 0 ? _("%s: by %.16s, done %.16s (late)")
						    : _("%s: by %.16s, done %.16s"),
			       what, due, met));
	else if (missed)
		line(c, label, TE_OVERDUE,
		     xasprintf(_("! %s: by %.16s, OVERDUE by %s"), what, due,
			       complaint_ui_span(due, c->now, span, sizeof span)));
	else
		line(c, label, TE_NORMAL, xasprintf(_("%s: by %.16s"), what, due));
}

/* One timeline row: "06-30 19:05  lina  open → acknowledged: note". */
static char *event_text(const struct complaint_event *e)
{
	struct sbuf b = {0};
	char money[32];
	sbuf_printf(&b, "%.16s  %s  ", e->at, e->staff ? e->staff : "?");
	bool step = strcmp(e->action, "step") == 0, unstep = strcmp(e->action, "unstep") == 0;
	if (step || unstep) {
		int n = e->note ? atoi(e->note) : 0;
		sbuf_printf(&b, step ? _("ticked step %d: %s") : _("unticked step %d: %s"), n,
			    complaint_ui_step(n));
		return sbuf_detach(&b);
	}
	if (e->from < 0)
		sbuf_printf(&b, _("logged, %s"), e->to >= 0 ? complaint_ui_status(e->to) : "?");
	else
		sbuf_printf(&b, "%s → %s", complaint_ui_status(e->from),
			    e->to >= 0 ? complaint_ui_status(e->to) : "?");
	if (e->verdict != CV_NONE)
		sbuf_printf(&b, ": %s", complaint_ui_verdict(e->verdict));
	if (e->note && *e->note)
		sbuf_printf(&b, "%s %s", e->verdict != CV_NONE ? "," : ":", e->note);
	if (e->amount_fen >= 0)
		sbuf_printf(&b, _(" (compensation ¥%s)"), money_format_short(e->amount_fen, money));
	return sbuf_detach(&b);
}

static void outcome_lines(struct cview *c)
{
	const struct complaint *k = &c->k;
	char money[32];
	if (k->resolved_at[0])
		line(c, _("resolution"), TE_NORMAL,
		     xasprintf("%.16s · %s", k->resolved_at, k->resolution ? k->resolution : ""));
	if (k->has_compensation)
		line(c, _("compensation"), TE_NORMAL,
		     xasprintf("¥%s", money_format(k->compensation_fen, money)));
	if (k->followed_up_at[0])
		line(c, _("follow-up"), k->verdict == CV_UNSATISFIED ? TE_WARNING : TE_NORMAL,
		     xasprintf("%.16s · %s · %s", k->followed_up_at,
			       complaint_ui_verdict(k->verdict),
			       k->followup_note ? k->followup_note : ""));
	if (k->closed_at[0])
		line(c, _("closed"), TE_NORMAL, xasprintf("%.16s", k->closed_at));
}

static void body(struct tui *t, struct cview *c)
{
	const struct complaint *k = &c->k;
	line(c, _("category"), TE_NORMAL,
	     xasprintf(_("%s · severity %s · %s"), complaint_ui_category(k->category),
		       complaint_ui_severity(k->severity), complaint_ui_channel(k->channel)));
	if (k->visit_id)
		line(c, _("logged"), TE_NORMAL,
		     xasprintf(_("%.16s by %s, about visit %lld"), k->at,
			       k->created_by ? k->created_by : "?", (long long)k->visit_id));
	else
		line(c, _("logged"), TE_NORMAL,
		     xasprintf(_("%.16s by %s"), k->at, k->created_by ? k->created_by : "?"));
	if (strcmp(k->opened_at, k->at) != 0)
		line(c, _("reopened"), TE_NORMAL, xasprintf("%.16s", k->opened_at));
	line(c, _("owner"), TE_NORMAL, xstrdup(k->owner ? k->owner : _("nobody")));
	if (k->staff_involved)
		line(c, _("staff involved"), TE_NORMAL, xstrdup(k->staff_involved));
	line(c, _("complaint"), TE_NORMAL, xstrdup(k->description ? k->description : ""));
	for (int i = 1; i <= COMPLAINT_STEPS; i++)
		line(c, i == 1 ? _("recovery") : NULL,
		     complaint_step_done(k, i) ? TE_NORMAL : TE_DIM,
		     xasprintf("[%s] %d %s", complaint_step_done(k, i) ? "x" : " ", i,
			       complaint_ui_step(i)));
	const struct complaint_rules *r = complaint_ui_rules(t);
	for (int d = CD_ACK; d <= CD_FOLLOWUP; d++)
		deadline_line(c, r, (enum complaint_deadline)d, d == CD_ACK);
	outcome_lines(c);
	for (size_t i = 0; i < c->nev; i++)
		line(c, i ? NULL : _("timeline"), TE_NORMAL, event_text(&c->ev[i]));
}

static void load(struct tui *t, struct cview *c)
{
	cview_clear(c);
	error_clear(&c->err);
	complaint_init(&c->k);
	enum store_status s = complaint_store_get(t->st, c->id, &c->k, &c->ev, &c->nev);
	if (s != ST_OK) {
		error_set(&c->err, 0, "%s", tui_store_error(t, s));
		complaint_free(&c->k);
		return;
	}
	c->loaded = true;
	char month[8];
	date_month_key(date_today(), month);
	c->have_sum = search_store_summaries(t->st, &c->k.guest_id, 1, month, &c->sum) == ST_OK;
	date_now_stamp(c->now);
	c->late = complaint_overdue(&c->k, complaint_ui_rules(t), c->now);
	body(t, c);
}

static const char *title(struct tui *t, struct view *v)
{
	struct cview *c = v->data;
	static char buf[64];
	snprintf(buf, sizeof buf, _("complaint %lld"), (long long)c->id);
	return buf;
}

/* "status: acknowledged · steps 0 of 5 · ! OVERDUE: resolve by …, 7h 32m late". */
static void status_text(struct tui *t, struct cview *c, char *st, size_t len)
{
	char due[20], span[64];
	int n = snprintf(st, len, _("status: %s · steps %d of %d"), complaint_ui_status(c->k.status),
			 complaint_steps_count(c->k.steps), COMPLAINT_STEPS);
	if (n >= 0 && (size_t)n < len && c->late != CD_NONE &&
	    complaint_due(&c->k, complaint_ui_rules(t), c->late, due))
		snprintf(st + n, len - (size_t)n, _(" · ! OVERDUE: %s by %.16s, %s late"),
			 complaint_ui_deadline(c->late), due,
			 complaint_ui_span(due, c->now, span, sizeof span));
}

/* The fixed head: name and phones, the safety block, the status. Returns the next row. */
static int draw_head(struct tui *t, struct cview *c)
{
	int w = t->cols, y = 1, x = 1;
	x += draw_text(y, x, w / 2, c->k.guest_name ? c->k.guest_name : "",
		       draw_attr(t, TE_TITLE) | A_BOLD, true) +
	     2;
	if (c->have_sum) {
		x += widget_tier_badge(t, y, x, c->sum.tier, c->sum.grp, false) + 2;
		draw_text(y, x, w - x - 1, c->sum.phones ? c->sum.phones : "",
			  draw_attr(t, TE_NORMAL), true);
	}
	y++;
	y += widget_guest_safety(t, y, 1, w - 2, c->have_sum ? &c->sum : NULL);
	char st[300];
	status_text(t, c, st, sizeof st);
	/* wrapped, not cut: at 80 columns the lateness is the end of a long line */
	y += draw_wrap(y, 1, w - 2, 3, st, draw_attr(t, c->late != CD_NONE ? TE_OVERDUE : TE_LABEL));
	widget_rule(t, y++, 1, w - 2);
	return y;
}

enum { LABEL_W = 13 };

static int line_rows(struct tui *t, const struct cline *l)
{
	return draw_wrap(0, 0, t->cols - 3 - LABEL_W, 0, l->text, 0);
}

static void draw(struct tui *t, struct view *v)
{
	struct cview *c = v->data;
	int w = t->cols, bottom = t->rows - 3;
	if (!c->loaded) {
		draw_wrap(2, 1, w - 2, 3, c->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	int y = draw_head(t, c), rule = y - 1;
	size_t i = c->top;
	bool cut = false; /* the last line drawn did not fit whole */
	for (; i < c->n && y <= bottom; i++) {
		const struct cline *l = &c->lines[i];
		if (l->label)
			draw_text(y, 1, LABEL_W, l->label, draw_attr(t, TE_LABEL), true);
		int rows = draw_wrap(y, 2 + LABEL_W, w - 3 - LABEL_W, bottom - y + 1, l->text,
				     draw_attr(t, l->elem));
		cut = rows < line_rows(t, l);
		y += rows;
	}
	if (cut)
		i--;
	if (i < c->n || c->top > 0) {
		char pos[48];
		snprintf(pos, sizeof pos, " %s %zu-%zu/%zu ", i < c->n ? "↓" : "↑", c->top + 1, i,
			 c->n);
		draw_right(rule, w - 20, 19, pos,
			   draw_attr(t, TE_DIM)); /* on the rule: hides no text */
	}
}

/* The first body line from which the rest fits on the page (wrapped lines counted). */
static size_t last_top(struct tui *t, struct cview *c, int page)
{
	size_t last = c->n;
	for (int used = 0; last > 0; last--) {
		used += line_rows(t, &c->lines[last - 1]);
		if (used > page)
			break;
	}
	return last;
}

static enum handler_result scroll_body(struct tui *t, struct cview *c, enum action a)
{
	/* the fixed head: name, safety block, status (wrapped), rule */
	char st[300];
	status_text(t, c, st, sizeof st);
	int head = 2 + draw_wrap(0, 0, t->cols - 2, 0, st, 0) +
		   widget_guest_safety_rows(t, c->have_sum ? &c->sum : NULL, t->cols - 2);
	int page = t->rows - 3 - head > 1 ? t->rows - 3 - head : 1;
	return widget_page_act(&c->top, a, last_top(t, c, page), (size_t)page);
}

/* Asks on the status line until the answer passes check (which writes the reason into why);
 * the reason and the answer are shown again with the question. NULL when cancelled. */
typedef bool (*answer_check)(const char *s, void *arg, struct error *why);

static char *ask(struct tui *t, const char *question, answer_check check, void *arg)
{
	char *s = NULL, *prompt = NULL;
	struct error why;
	for (;;) {
		char *typed = tui_prompt(t, prompt ? prompt : question, s);
		free(s);
		s = typed;
		if (!s || check(s, arg, &why))
			break;
		free(prompt);
		prompt = xasprintf("%s · %s", why.msg, question);
	}
	free(prompt);
	return s;
}

struct text_rule {
	const char *what;
	bool required;
	size_t max;
};

static bool check_text(const char *s, void *arg, struct error *why)
{
	const struct text_rule *r = arg;
	return complaint_text_check(r->what, s, r->required, r->max, why) == 0;
}

static bool check_money(const char *s, void *arg, struct error *why)
{
	if (!*s || money_parse(s, arg))
		return true;
	error_set(why, 0,
		  _("compensation: an amount in yuan such as 120, 120.50 or ¥120; got \"%s\""), s);
	return false;
}

static bool check_verdict(const char *s, void *arg, struct error *why)
{
	int v = complaint_ui_verdict_from(s, why);
	if (v > 0)
		*(int *)arg = v;
	return v > 0;
}

static char *ask_text(struct tui *t, const char *question, const char *what, bool required,
		      size_t max)
{
	struct text_rule r = {what, required, max};
	return ask(t, question, check_text, &r);
}

/* Asks what move a needs and writes it into *st; false when the user cancelled. */
static bool ask_move(struct tui *t, struct cview *c, enum complaint_action a, enum store_status *st)
{
	char *s = NULL, *more = NULL;
	int64_t fen = -1;
	int verdict = 0;
	switch (a) {
	case CA_ACK:
		if ((s = ask_text(t, _("Acknowledge; a note (optional):"), "note", false, 2000)))
			*st = complaint_store_ack(t->st, c->id, *s ? s : NULL);
		break;
	case CA_RESOLVE:
		if ((s = ask_text(t, _("Resolution (what was done for the guest):"), "resolution",
				  true, 2000)) &&
		    (more = ask(t, _("Compensation ¥ (empty: none):"), check_money, &fen)))
			*st = complaint_store_resolve(t->st, c->id, s, *more ? fen : -1);
		break;
	case CA_FOLLOWUP:
		if ((s = ask(t, _("The guest's verdict (satisfied / unsatisfied):"), check_verdict,
			     &verdict)) &&
		    (more = ask_text(t, _("What the guest said on the call:"), "note", true, 2000)))
			*st = complaint_store_followup(t->st, c->id,
						       (enum complaint_verdict)verdict, more);
		break;
	case CA_CLOSE:
		if (tui_confirm(t, _("Close this complaint?")))
			*st = complaint_store_close(t->st, c->id);
		else
			return false;
		return true;
	case CA_REOPEN:
		if ((s = ask_text(t, _("Reopen; the reason:"), "reason", true, 500)))
			*st = complaint_store_reopen(t->st, c->id, s);
		break;
	default:
		break;
	}
	bool asked = s && (more || (a != CA_RESOLVE && a != CA_FOLLOWUP));
	free(s);
	free(more);
	return asked;
}

/* After a change: the message and the complaint read again, or why it failed. */
static void after(struct tui *t, struct cview *c, enum store_status s, const char *done)
{
	if (s == ST_OK) {
		tui_message(t, "%s", done);
		tui_changed(t);
		load(t, c);
	} else {
		tui_error(t, "%s", tui_store_error(t, s));
	}
}

static const struct view_ops *ops_for(enum complaint_status s);
static const enum action move_action[CA_COUNT];

/* Why move a is not possible from the complaint's status, and which moves are. */
static void refuse(struct tui *t, struct cview *c, enum complaint_action a)
{
	struct sbuf next = {0};
	for (int m = 0; m < CA_COUNT; m++)
		if (complaint_move(c->k.status, (enum complaint_action)m, NULL))
			sbuf_printf(&next, "%s%s", next.len ? ", " : "",
				    _(action_table[move_action[m]].name));
	tui_error(t, _("The complaint is %s: %s is not possible now (next: %s)"),
		  complaint_ui_status(c->k.status), _(action_table[move_action[a]].name),
		  next.s ? next.s : "");
	sbuf_free(&next);
}

static enum handler_result act_move(struct tui *t, struct view *v, enum complaint_action a)
{
	struct cview *c = v->data;
	enum complaint_status to;
	if (!c->loaded)
		return HR_REDRAW;
	if (!complaint_move(c->k.status, a, &to)) {
		refuse(t, c, a);
		return HR_REDRAW;
	}
	enum store_status s = ST_OK;
	if (!ask_move(t, c, a, &s))
		return HR_REDRAW;
	char done[200];
	snprintf(done, sizeof done, _("complaint %lld: %s"), (long long)c->id,
		 complaint_ui_status(to));
	after(t, c, s, done);
	if (c->loaded)
		v->ops = ops_for(c->k.status);
	return HR_REDRAW;
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct cview *c = v->data;
	if (scroll_body(t, c, a) != HR_NOT_MINE)
		return HR_REDRAW;
	switch (a) {
	case ACT_CP_ACK:
		return act_move(t, v, CA_ACK);
	case ACT_CP_RESOLVE:
		return act_move(t, v, CA_RESOLVE);
	case ACT_CP_FOLLOWUP:
		return act_move(t, v, CA_FOLLOWUP);
	case ACT_CP_CLOSE:
		return act_move(t, v, CA_CLOSE);
	case ACT_CP_REOPEN:
		return act_move(t, v, CA_REOPEN);
	case ACT_CP_STEP: {
		int n = (int)ch - '0';
		if (!c->loaded || n < 1 || n > COMPLAINT_STEPS)
			return HR_REDRAW;
		bool done = !complaint_step_done(&c->k, n);
		char msg[300];
		snprintf(msg, sizeof msg,
			 done ? _("step %d ticked: %s") : _("step %d unticked: %s"), n,
			 complaint_ui_step(n));
		after(t, c, complaint_store_step(t->st, c->id, n, done), msg);
		return HR_REDRAW;
	}
	case ACT_GUEST_CARD:
		if (c->loaded)
			tui_push(t, view_guest_new(t, c->k.guest_id));
		return HR_REDRAW;
	default:
		return HR_NOT_MINE;
	}
}

static void reload(struct tui *t, struct view *v)
{
	struct cview *c = v->data;
	size_t top = c->top;
	load(t, c);
	c->top = top < c->n ? top : 0;
	if (c->loaded)
		v->ops = ops_for(c->k.status);
}

static void cview_release(struct view *v)
{
	struct cview *c = v->data;
	cview_clear(c);
	free(c->lines);
}

/* One set of operations per status, differing only in the hint line: the moves the status
 * allows (from complaint_transitions), the steps while not closed, and the guest's card. */
static const enum action move_action[CA_COUNT] = {ACT_CP_ACK, ACT_CP_RESOLVE, ACT_CP_FOLLOWUP,
						  ACT_CP_CLOSE, ACT_CP_REOPEN};
static enum action hints[CS_COUNT][CA_COUNT + 3];
static struct view_ops ops[CS_COUNT];

static const struct view_ops *ops_for(enum complaint_status s)
{
	if (!ops[s].name) {
		size_t n = 0;
		for (int a = 0; a < CA_COUNT; a++)
			if (complaint_move(s, (enum complaint_action)a, NULL))
				hints[s][n++] = move_action[a];
		if (s != CS_CLOSED)
			hints[s][n++] = ACT_CP_STEP;
		hints[s][n++] = ACT_GUEST_CARD;
		hints[s][n] = ACT_NONE;
		ops[s] = (struct view_ops){
		    .name = "complaint",
		    .scope = SC_COMPLAINT | SC_LIST,
		    .title = title,
		    .draw = draw,
		    .act = act,
		    .reload = reload,
		    .release = cview_release,
		    .hints = hints[s],
		};
	}
	return &ops[s];
}

struct view *view_complaint_new(struct tui *t, int64_t complaint_id)
{
	struct view *v = tui_view_new(ops_for(CS_OPEN), sizeof(struct cview));
	struct cview *c = v->data;
	c->id = complaint_id;
	load(t, c);
	if (c->loaded)
		v->ops = ops_for(c->k.status);
	return v;
}
