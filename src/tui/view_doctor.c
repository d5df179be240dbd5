/* view_doctor.c — :doctor, maitre doctor's check at the back office's request: the same report
 * as the command (src/export/doctor_report.c), read-only. The repair is the command's
 * (maitre doctor --repair): it rebuilds tables in one transaction, not a thing to start from a
 * terminal at the reception. */
#include <stdlib.h>

#include "core/strv.h"
#include "export/doctor_report.h"
#include "store/doctor_store.h"
#include "tui/draw.h"
#include "tui/tui.h"
#include "tui/widgets.h"

struct doctor {
	struct strv lines; /* the report */
	size_t first;      /* the first line shown */
};

/* Runs the checks into d's report: false (the reason on the status line) when they could not
 * run. */
static bool check(struct tui *t, struct doctor *d)
{
	struct doctor_report r;
	enum store_status s = store_doctor(t->st, &r);
	if (s != ST_OK) {
		tui_error(t, "%s", tui_store_error(t, s));
		return false;
	}
	strv_free(&d->lines);
	d->first = 0;
	doctor_report_lines(&r, &d->lines);
	return true;
}

static const char *title(struct tui *t, struct view *v)
{
	(void)t, (void)v;
	return _("is the database whole?");
}

static void draw(struct tui *t, struct view *v)
{
	struct doctor *d = v->data;
	int y = 1, bottom = t->rows - 3;
	for (size_t i = d->first; i < d->lines.n && y <= bottom; i++) {
		/* the verdict, the last lines after the checks, stands out */
		attr_t a = draw_attr(t, i + 1 < DOC_COUNT + 1 ? TE_NORMAL : TE_TITLE);
		y += draw_wrap(y, 1, t->cols - 2, bottom - y + 1, d->lines.v[i], a);
	}
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct doctor *d = v->data;
	size_t page = (size_t)(tui_view_rows(t) > 2 ? tui_view_rows(t) - 2 : 1);
	size_t last = d->lines.n ? d->lines.n - 1 : 0;
	if (widget_page_act(&d->first, a, last, page) != HR_NOT_MINE)
		return HR_REDRAW;
	if (a != ACT_DOCTOR)
		return HR_NOT_MINE;
	if (check(t, d))
		tui_message(t, "%s", _("checked again"));
	return HR_REDRAW;
}

static void doctor_release(struct view *v)
{
	struct doctor *d = v->data;
	strv_free(&d->lines);
}

static const enum action hints[] = {ACT_DOCTOR, ACT_PAGE_DOWN, ACT_NONE};

static const struct view_ops ops = {
	.name = "doctor",
	.scope = SC_DOCTOR | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.release = doctor_release,
	.hints = hints,
};

/* arg: none. Runs the checks as the screen opens, and again on R. */
struct view *view_doctor_new(struct tui *t, const char *arg)
{
	if (arg) {
		tui_error(t, _("doctor: \"%s\": this screen takes no argument"), arg);
		return NULL;
	}
	struct view *v = tui_view_new(&ops, sizeof(struct doctor));
	if (!check(t, v->data)) {
		tui_view_free(v);
		return NULL;
	}
	return v;
}
