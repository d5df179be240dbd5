/* view_help.c — '?': the keys of the screen it was opened from, from the action table. */
#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "tui/cmdline.h"
#include "tui/draw.h"
#include "tui/tui.h"

struct help {
	struct strv keys, texts; /* one line each; a "" key starts a section */
	size_t top;
};

static void add_scope(struct tui *t, struct help *h, unsigned scope, const char *section)
{
	strv_push(&h->keys, "");
	strv_push(&h->texts, section);
	for (int a = 1; a < ACT_COUNT; a++) {
		if (!(action_table[a].scope & scope))
			continue;
		char keys[64];
		keymap_keys(&t->keys, (enum action)a, keys, sizeof keys);
		if (!keys[0])
			continue;
		strv_push(&h->keys, keys);
		char *line = xasprintf("%-12s %s", action_table[a].name, _(action_table[a].help));
		strv_take(&h->texts, line);
	}
}

static const char *title(struct tui *t, struct view *v)
{
	return _("keys");
}

static void draw(struct tui *t, struct view *v)
{
	struct help *h = v->data;
	int y = 1, bottom = t->rows - 3;
	for (size_t i = h->top; i < h->keys.n && y <= bottom; i++, y++) {
		if (!h->keys.v[i][0]) {
			draw_fill(y, 1, t->cols - 2, h->texts.v[i], draw_attr(t, TE_TITLE));
			continue;
		}
		draw_text(y, 2, 18, h->keys.v[i], draw_attr(t, TE_LABEL), true);
		draw_text(y, 21, t->cols - 22, h->texts.v[i], draw_attr(t, TE_NORMAL), true);
	}
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct help *h = v->data;
	size_t page = (size_t)(t->rows - 4);
	switch (a) {
	case ACT_DOWN:
		if (h->top + 1 < h->keys.n)
			h->top++;
		return HR_REDRAW;
	case ACT_UP:
		if (h->top)
			h->top--;
		return HR_REDRAW;
	case ACT_PAGE_DOWN:
		h->top = h->top + page < h->keys.n ? h->top + page : h->top;
		return HR_REDRAW;
	case ACT_PAGE_UP:
		h->top = h->top > page ? h->top - page : 0;
		return HR_REDRAW;
	case ACT_TOP:
		h->top = 0;
		return HR_REDRAW;
	case ACT_HELP:
		return HR_HANDLED;
	default:
		return HR_NOT_MINE;
	}
}

static void help_release(struct view *v)
{
	struct help *h = v->data;
	strv_free(&h->keys);
	strv_free(&h->texts);
}

static const enum action hints[] = {ACT_PAGE_DOWN, ACT_NONE};

static const struct view_ops ops = {
	.name = "help",
	.scope = SC_HELP | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.release = help_release,
	.hints = hints,
};

struct view *view_help_new(struct tui *t, unsigned scope)
{
	struct view *v = tui_view_new(&ops, sizeof(struct help));
	struct help *h = v->data;
	unsigned own = scope & ~(unsigned)(SC_LIST | SC_GLOBAL);
	if (own)
		add_scope(t, h, own, _("This screen"));
	if (scope & SC_LIST)
		add_scope(t, h, SC_LIST, _("Moving"));
	if (own & (SC_LOOKUP | SC_FORM))
		add_scope(t, h, SC_EDIT, _("Typing in a field"));
	add_scope(t, h, SC_GLOBAL, _("Everywhere"));
	/* the screens the ':' line opens, by either name */
	strv_push(&h->keys, "");
	strv_push(&h->texts, _("The ':' line opens a screen by its name (Tab completes)"));
	const char *local, *en;
	for (size_t i = 0; (en = cmdline_name(i, &local)) != NULL; i++) {
		enum action a = action_by_name(en);
		strv_take(&h->keys, xasprintf(":%s", en));
		const char *what = a ? _(action_table[a].help) : "";
		strv_take(&h->texts, strcmp(local, en) != 0 ? xasprintf(":%s  %s", local, what)
		                                            : xasprintf("%s", what));
	}
	return v;
}

struct view *view_help_open(struct tui *t, const char *arg)
{
	(void)arg;
	return view_help_new(t, t->top->ops->scope);
}
