/* signin.c — "who are you?": on a shared login, the person about to act picks their name and
 * types their PIN (tui_sign_in, asked by tui_may). A small box over the screen, with its own
 * keys: the view below is not touched, so that Esc leaves everything as it was, a typed form
 * included. The PIN shows as one • per digit, never the digits. */
#include "tui/tui.h"

#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/xalloc.h"
#include "tui/draw.h"
#include "tui/edit.h"

#define PICK_MAX 6 /* the names shown at once: a few letters more narrow them */
#define BOX_ROWS (PICK_MAX + 9)

struct signin {
	enum perm perm;
	struct edit name; /* the letters typed to find one's name */
	struct staff *hits;
	size_t n, sel;
	bool pin_stage; /* a name was chosen: hits[sel] types their PIN */
	char pin[STAFF_PIN_MAX + 1];
	size_t npin;
	char note[300]; /* what the last try said */
	bool note_error;
};

/* The members whose name matches what is typed. */
static void find(struct tui *t, struct signin *s)
{
	staff_free_all(s->hits, s->n);
	s->hits = NULL;
	s->n = s->sel = 0;
	enum store_status rs = staff_store_find(t->st, s->name.buf, PICK_MAX, &s->hits, &s->n);
	if (rs != ST_OK) {
		snprintf(s->note, sizeof s->note, "%s", tui_store_error(t, rs));
		s->note_error = true;
	} else {
		s->note[0] = '\0';
	}
}

/* "王芳 · 前台": a member and their role as people know it. */
static void who_label(const struct session *ss, const struct staff *m, char *buf, size_t n)
{
	const struct role *r = roles_find(&ss->roles, m->role);
	snprintf(buf, n, "%s · %s", m->display_name ? m->display_name : m->login,
		 r ? (r->label ? r->label : r->name) : m->role);
}

static void draw_box(struct tui *t, struct signin *s)
{
	int w = t->cols - 8 < 66 ? t->cols - 8 : 66, x = (t->cols - w) / 2, y = 2;
	attr_t normal = draw_attr(t, TE_NORMAL), border = draw_attr(t, TE_BORDER);
	struct sbuf line = {0};
	for (int i = 0; i < w - 2; i++)
		sbuf_add(&line, "─");
	for (int r = 0; r < BOX_ROWS; r++) {
		draw_fill(y + r, x, w, "", normal);
		bool edge = r == 0 || r == BOX_ROWS - 1;
		draw_text(y + r, x, 1, edge ? (r ? "└" : "┌") : "│", border, false);
		if (edge)
			draw_text(y + r, x + 1, w - 2, line.s, border, false);
		draw_text(y + r, x + w - 1, 1, edge ? (r ? "┘" : "┐") : "│", border, false);
	}
	sbuf_free(&line);
	int ix = x + 2, iw = w - 4;
	char title[64];
	snprintf(title, sizeof title, " %s ", _("Who are you?"));
	draw_text(y, x + 2, iw, title, draw_attr(t, TE_TITLE), true);
	char why[300];
	snprintf(why, sizeof why, _("Sign in to go on (%s): %s is a shared login."),
		 _(perm_help(s->perm)),
		 t->session->self.display_name ? t->session->self.display_name : store_login(t->st));
	draw_wrap(y + 1, ix, iw, 2, why, draw_attr(t, TE_DIM));
	int cy = y + 4, cx = ix;
	if (!s->pin_stage) {
		const char *label = _("Name:");
		int lw = draw_width(label);
		draw_text(cy, ix, iw, label, draw_attr(t, TE_LABEL), false);
		cx = edit_draw(&s->name, cy, ix + lw + 1, iw - lw - 1, draw_attr(t, TE_FIELD));
		for (size_t i = 0; i < s->n; i++) {
			char who[200], row[300];
			who_label(t->session, &s->hits[i], who, sizeof who);
			snprintf(row, sizeof row, "%s %s  (%s)", i == s->sel ? "›" : " ", who,
				 s->hits[i].login);
			draw_fill(cy + 1 + (int)i, ix, iw, row,
				  draw_attr(t, i == s->sel ? TE_SELECTION : TE_NORMAL));
		}
		if (!s->n && !s->note[0])
			draw_text(cy + 1, ix, iw, _("nobody on the staff has that name"),
				  draw_attr(t, TE_DIM), true);
	} else {
		char who[200];
		who_label(t->session, &s->hits[s->sel], who, sizeof who);
		draw_text(cy, ix, iw, who, draw_attr(t, TE_LABEL), true);
		const char *label = _("PIN:");
		int lw = draw_width(label);
		draw_text(cy + 2, ix, iw, label, draw_attr(t, TE_LABEL), false);
		struct sbuf dots = {0};
		sbuf_add(&dots, "");
		for (size_t i = 0; i < s->npin; i++)
			sbuf_add(&dots, "•");
		draw_fill(cy + 2, ix + lw + 1, STAFF_PIN_MAX + 1, dots.s, draw_attr(t, TE_FIELD));
		cx = ix + lw + 1 + (int)s->npin;
		sbuf_free(&dots);
		cy += 2;
	}
	if (s->note[0])
		draw_wrap(y + BOX_ROWS - 4, ix, iw, 2, s->note,
			  draw_attr(t, s->note_error ? TE_ERROR : TE_MESSAGE));
	draw_text(y + BOX_ROWS - 2, ix, iw,
		  s->pin_stage ? _("digits, then Enter · Backspace: another name · Esc cancels")
			       : _("letters of your name or its pinyin · ↑↓ · Enter · Esc cancels"),
		  draw_attr(t, TE_DIM), true);
	curs_set(1);
	move(cy, cx);
	refresh();
}

/* The PIN typed for hits[sel]: true when they are signed in; otherwise what happened is in
 * s->note and the PIN is cleared for another try. */
static bool try_pin(struct tui *t, struct signin *s)
{
	const struct staff *m = &s->hits[s->sel];
	const char *name = m->display_name ? m->display_name : m->login;
	enum pin_result res;
	int left;
	enum store_status rs = session_sign_in(t->session, m->login, s->pin, &res, &left);
	explicit_bzero(s->pin, sizeof s->pin);
	s->npin = 0;
	s->note_error = true;
	if (rs != ST_OK) {
		snprintf(s->note, sizeof s->note, "%s", tui_store_error(t, rs));
		return false;
	}
	switch (res) {
	case PIN_OK:
		tui_reread(t); /* what they may see, the card below shows */
		return true;
	case PIN_WRONG:
		snprintf(s->note, sizeof s->note,
			 ngettext("wrong PIN: %d more try before a lockout",
				  "wrong PIN: %d more tries before a lockout", left),
			 left);
		break;
	case PIN_LOCKED:
		snprintf(s->note, sizeof s->note,
			 _("%s is locked out after %d wrong PINs: try again in %d s"), name,
			 STAFF_PIN_TRIES, left);
		break;
	case PIN_NONE:
		snprintf(s->note, sizeof s->note,
			 _("%s has no PIN yet: an admin sets one with `maitre staff pin %s`"), name,
			 m->login);
		break;
	case PIN_UNUSABLE:
		snprintf(s->note, sizeof s->note, _("%s cannot sign in (disabled, or a shared login)"),
			 name);
		break;
	}
	return false;
}

/* One key of the name's stage. */
static void name_key(struct tui *t, struct signin *s, int key)
{
	if (key == (KEYF | KEY_UP)) {
		if (s->sel > 0)
			s->sel--;
		return;
	}
	if (key == (KEYF | KEY_DOWN)) {
		if (s->sel + 1 < s->n)
			s->sel++;
		return;
	}
	if (key == '\n') {
		if (s->n) {
			s->pin_stage = true;
			s->note[0] = '\0';
		}
		return;
	}
	bool changed = false;
	unsigned scope = SC_EDIT;
	enum action a = key_printable(key) ? ACT_CHAR : keymap_lookup(&t->keys, key, &scope, 1);
	if (a != ACT_NONE)
		edit_act(&s->name, a, (wint_t)key, &changed);
	if (changed)
		find(t, s);
}

/* One key of the PIN's stage: true when the person is signed in. */
static bool pin_key(struct tui *t, struct signin *s, int key)
{
	unsigned scope = SC_EDIT;
	enum action a = key_printable(key) ? ACT_CHAR : keymap_lookup(&t->keys, key, &scope, 1);
	/* a PIN is typed by the person it is: a paste (a paragraph, a copied number) is none */
	if (t->key_pasted) {
		snprintf(s->note, sizeof s->note, "%s", _("a PIN is typed, not pasted"));
		s->note_error = true;
		return false;
	}
	if (key == '\n')
		return s->npin ? try_pin(t, s) : false;
	if (key >= '0' && key <= '9') {
		if (s->npin < STAFF_PIN_MAX)
			s->pin[s->npin++] = (char)key;
		s->note[0] = '\0';
	} else if (a == ACT_BACKSPACE) {
		if (s->npin)
			s->pin[--s->npin] = '\0';
		else
			s->pin_stage = false; /* another name */
	} else if (a == ACT_KILL) {
		explicit_bzero(s->pin, sizeof s->pin);
		s->npin = 0;
	} else if (a == ACT_CHAR) {
		snprintf(s->note, sizeof s->note, "%s", _("a PIN is digits only"));
		s->note_error = true;
	}
	return false;
}

bool tui_sign_in(struct tui *t, enum perm p)
{
	struct signin s;
	memset(&s, 0, sizeof s);
	s.perm = p;
	edit_set(&s.name, NULL);
	edit_limit(&s.name, 40);
	find(t, &s);
	tui_render(t);
	bool in = false;
	for (;;) {
		draw_box(t, &s);
		int key = tui_next_key(t, -1);
		if (key < 0 || t->quit || key == 27)
			break;
		if (key == (KEYF | KEY_RESIZE)) {
			tui_render(t);
			continue;
		}
		unsigned g = SC_GLOBAL;
		enum action a = key_printable(key) ? ACT_NONE : keymap_lookup(&t->keys, key, &g, 1);
		if (a == ACT_INTERRUPT) {
			t->interrupt = true; /* the interrupt goes on to the views, as from a prompt */
			break;
		}
		if (a == ACT_SUSPEND) {
			tui_suspend(t);
			continue;
		}
		if (s.pin_stage ? pin_key(t, &s, key) : (name_key(t, &s, key), false)) {
			in = true;
			break;
		}
	}
	explicit_bzero(s.pin, sizeof s.pin);
	if (in) {
		char who[200];
		who_label(t->session, &s.hits[s.sel], who, sizeof who);
		session_touch(t->session, tui_time(t));
		tui_message(t, _("signed in: %s"), who);
	}
	staff_free_all(s.hits, s.n);
	return in;
}
