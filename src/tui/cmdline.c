/* cmdline.c — the ':' command line (cmdline.h). */
#include "tui/cmdline.h"

#include <stdio.h>
#include <string.h>

#include "core/strv.h"
#include "tui/edit.h"
#include "tui/screen.h"

/* The ':' line's names besides the screens' (screen.h): the frame's own. */
static const char *const frame_names[] = {NC_(":command", "quit")};

const char *cmdline_name(size_t i, const char **local)
{
	for (size_t k = 0; k < SCREEN_COUNT; k++) {
		const struct screen_info *s = &screen_table[k];
		if (s->name && i-- == 0) {
			*local = screen_local_name(s);
			return s->name;
		}
	}
	if (i >= sizeof frame_names / sizeof frame_names[0])
		return NULL;
	*local = i18n_ctx(frame_names[i]);
	return strchr(frame_names[i], '\004') + 1;
}

static void cmdline_complete(struct tui *t)
{
	struct strv cand = {0};
	t->msg[0] = '\0';
	const char *local, *en;
	for (size_t i = 0; (en = cmdline_name(i, &local)) != NULL; i++)
		if (strcmp(local, en) != 0 && strncmp(local, t->cmd, t->cmd_len) == 0)
			strv_push_unique(&cand, local);
	for (size_t i = 0; (en = cmdline_name(i, &local)) != NULL; i++)
		if (strncmp(en, t->cmd, t->cmd_len) == 0)
			strv_push_unique(&cand, en);
	for (int i = 1; i < ACT_COUNT; i++)
		if (strncmp(action_table[i].name, t->cmd, t->cmd_len) == 0)
			strv_push_unique(&cand, action_table[i].name);
	if (cand.n) {
		size_t common = strlen(cand.v[0]);
		for (size_t i = 1; i < cand.n; i++) {
			size_t k = 0;
			while (k < common && cand.v[i][k] == cand.v[0][k])
				k++;
			common = k;
		}
		while (common && (cand.v[0][common] & 0xc0) == 0x80)
			common--; /* never half a character */
		if (common < sizeof t->cmd) {
			memcpy(t->cmd, cand.v[0], common);
			t->cmd[common] = '\0';
			t->cmd_len = common;
		}
	}
	if (cand.n > 1) {
		struct sbuf b = {0};
		for (size_t i = 0; i < cand.n; i++)
			sbuf_printf(&b, "%s%s", i ? " " : "", cand.v[i]);
		tui_message(t, "%s", b.s ? b.s : "");
		sbuf_free(&b);
	}
	strv_free(&cand);
}

bool cmdline_open_named(struct tui *t, const char *what)
{
	char name[64];
	size_t nl = strcspn(what, " ");
	snprintf(name, sizeof name, "%.*s", (int)(nl < sizeof name ? nl : sizeof name - 1), what);
	const char *arg = what + nl + strspn(what + nl, " ");
	if (!*arg)
		arg = NULL;
	const struct screen_info *s = screen_by_name(name); /* 看板: dashboard */
	if (s && s->open) {
		int perm = screen_perm(s);
		if (perm >= 0 && !tui_may(t, (enum perm)perm))
			return true; /* refused, said on the status line */
		/* a screen of a function key already open below is brought back rather than opened
		 * twice; with an argument, the screen as asked, on top (the first screen, at the
		 * bottom, takes none) */
		struct view *open = NULL;
		for (struct view *v = t->top; s->key && v && !open; v = v->below)
			if (strcmp(v->ops->name, s->name) == 0)
				open = v;
		if (!open || (arg && open->below)) {
			tui_push(t, s->open(t, arg));
			return true;
		}
		for (struct view *v = t->top; v != open; v = v->below)
			if (v->ops->leave && !v->ops->leave(t, v))
				return true; /* something typed stays */
		while (t->top != open)
			tui_pop(t);
		return true;
	}
	if (strcmp(name, "quit") == 0) {
		if (tui_leave_all(t))
			t->quit = true;
		return true;
	}
	if (strcmp(name, "command") == 0) {
		t->cmd_open = true;
		t->cmd[0] = '\0';
		t->cmd_len = 0;
		t->msg[0] = '\0';
		return true;
	}
	return false;
}

static void cmdline_run(struct tui *t)
{
	char name[256];
	snprintf(name, sizeof name, "%s", t->cmd);
	t->cmd_open = false;
	t->msg[0] = '\0';
	char *p = name + strspn(name, " ");
	if (!*p)
		return;
	if (cmdline_open_named(t, p))
		return;
	p[strcspn(p, " ")] = '\0';
	enum action a = action_by_name(p);
	if (a == ACT_NONE) {
		tui_error(t, _("no screen or action \"%s\" (Tab completes)"), p);
		return;
	}
	tui_dispatch(t, a, 0);
}

enum handler_result cmdline_key(struct tui *t, int key)
{
	struct edit e = {.max = 0};
	edit_set(&e, t->cmd);
	if (key == 27) {
		t->cmd_open = false;
		return HR_REDRAW;
	}
	if (key == '\n') {
		cmdline_run(t);
		return HR_REDRAW;
	}
	if (key == '\t') {
		cmdline_complete(t);
		return HR_REDRAW;
	}
	bool changed;
	unsigned scope = SC_EDIT;
	enum action a = key_printable(key) ? ACT_CHAR : keymap_lookup(&t->keys, key, &scope, 1);
	if (a == ACT_BACKSPACE && e.len == 0) {
		t->cmd_open = false;
		return HR_REDRAW;
	}
	if (a != ACT_NONE && edit_act(&e, a, (wint_t)key, &changed) && e.len < sizeof t->cmd) {
		memcpy(t->cmd, e.buf, e.len + 1);
		t->cmd_len = e.len;
	}
	return HR_REDRAW;
}
