/* tui.c — the frame: the main loop, key dispatch through the action table, the status and
 * hint lines, prompts, resize, suspend and signals, live refresh and drafts. The ':' line is
 * cmdline.c, the screen tests' script driver script.c, the benchmark bench.c. */
#include "tui/tui.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <termios.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/settings.h"
#include "core/choice.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "tui/bench.h"
#include "tui/cmdline.h"
#include "tui/draft.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/script.h"
#include "tui/screen.h"

/* Set by the signal handlers only; the main loop does the work. got_signal: a hangup, a
 * termination or an interrupt sent from outside (the keyboard's ^C is a key in raw mode);
 * got_stop: a stop asked from outside (kill -TSTP); got_cont: we run again after a stop. */
static volatile sig_atomic_t got_signal, got_stop, got_cont;
/* The key codes given to the terminal's paste marks (define_key). */
enum { KEY_PASTE_BEGIN = KEY_MAX + 1, KEY_PASTE_END = KEY_MAX + 2 };
static bool curses_on;
static bool paste_mode; /* bracketed paste asked of the terminal */

static void on_signal(int sig)
{
	got_signal = sig;
}

static void on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
}

static void on_cont(int sig)
{
	(void)sig;
	got_cont = 1;
}

/* Bracketed paste (xterm's mode 2004): the terminal marks pasted text with ESC[200~ and
 * ESC[201~, so that a pasted line break is not an Enter. Asked only of a real terminal. */
static void set_paste_mode(bool on)
{
	if (!paste_mode)
		return;
	/* write(2), not stdio: this also runs in the crash handler, where stdout's lock may be
	 * held; curses has flushed what it drew before any caller gets here */
	ssize_t n = write(STDOUT_FILENO, on ? "\033[?2004h" : "\033[?2004l", 8);
	(void)n;
}

void tui_restore_terminal(void)
{
	if (curses_on && !isendwin()) {
		set_paste_mode(false);
		endwin();
	}
}

void tui_guard_terminal(void)
{
	curses_on = true;
	atexit(tui_restore_terminal);
	xalloc_on_exhaustion(tui_restore_terminal);
}

/* A crash: the terminal is given back before the default action (a core dump) happens. */
static void on_fatal(int sig)
{
	tui_restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

int tui_view_rows(const struct tui *t)
{
	return t->rows - 3;
}

struct view *tui_view_new(const struct view_ops *ops, size_t data_size)
{
	struct view *v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->data = xcalloc(1, data_size);
	return v;
}

void tui_push(struct tui *t, struct view *v)
{
	if (!v)
		return;
	v->below = t->top;
	v->seen_version = t->data_version;
	t->top = v;
}

void tui_draft_done(struct tui *t, struct view *v)
{
	if (v && v == t->draft_view) {
		draft_remove(t->draft_path);
		t->draft_view = NULL;
	}
}

void tui_view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->release)
		v->ops->release(v);
	free(v->data);
	free(v);
}

/* The interface's page cache, KiB (the command line's is STORE_CACHE_KIB, 16000). */
#define TUI_CACHE_KIB 12000

/* Gives the memory freed by a screen back to the system: a back-office screen of a big book
 * frees megabytes that glibc would otherwise keep in the heap for the rest of the session. */
static void give_back_memory(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

void tui_pop(struct tui *t)
{
	struct view *v = t->top;
	if (!v)
		return;
	t->top = v->below;
	if (v == t->draft_view)
		t->draft_view = NULL;
	tui_view_free(v);
	give_back_memory();
	if (t->top && t->top->seen_version != t->data_version) {
		if (t->top->ops->reload)
			t->top->ops->reload(t, t->top);
		t->top->seen_version = t->data_version;
	}
	if (!t->top)
		t->quit = true;
}

__attribute__((format(printf, 3, 0))) static void vmessage(struct tui *t, bool error,
							     const char *fmt, va_list ap)
{
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	t->msg_error = error;
}

void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(t, false, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(t, true, fmt, ap);
	va_end(ap);
}

const char *tui_store_error(struct tui *t, enum store_status s)
{
	static char buf[700];
	const char *what;
	switch (s) {
	case ST_BUSY:
		what = _("the database is busy: another terminal is writing");
		break;
	case ST_READONLY:
		what = _("the database cannot be written"); /* the store says why */
		break;
	case ST_FULL:
		what = _("the disk is full");
		break;
	case ST_CONFLICT:
		what = _("someone else changed it meanwhile");
		break;
	case ST_NOTFOUND:
		what = _("not found");
		break;
	case ST_IO:
		what = _("the database could not be written");
		break;
	case ST_CORRUPT:
		what = _("the database is damaged: run `maitre doctor`");
		if (store_damage(t->st)) {
			snprintf(buf, sizeof buf, "%s (%s)", what, store_damage(t->st));
			return buf;
		}
		break;
	default:
		return store_errmsg(t->st); /* a field and why */
	}
	snprintf(buf, sizeof buf, "%s (%s)", what, store_errmsg(t->st));
	return buf;
}

void tui_changed(struct tui *t)
{
	t->data_version++;
	if (t->top)
		t->top->seen_version = t->data_version;
}

void tui_reread(struct tui *t)
{
	t->data_version++;
	if (t->top && t->top->ops->reload)
		t->top->ops->reload(t, t->top);
	if (t->top)
		t->top->seen_version = t->data_version;
}

/* ---- who acts ---- */

/* Who acts, for the status line: the login; on a shared one, the person signed in and their
 * role ("王芳 · 前台"), or the shared login's name and "—" when nobody is. */
static void who_acts(const struct tui *t, char *buf, size_t n)
{
	const struct session *s = t->session;
	if (!s || !s->self.id || !s->self.shared) {
		snprintf(buf, n, "%s", store_login(t->st));
	} else if (!s->person.id) {
		snprintf(buf, n, "%s · —", s->self.display_name ? s->self.display_name : s->self.login);
	} else {
		const struct role *r = session_role(s);
		snprintf(buf, n, "%s · %s",
			 s->person.display_name ? s->person.display_name : s->person.login,
			 r ? (r->label ? r->label : r->name) : s->person.role);
	}
}

bool tui_may(struct tui *t, enum perm p)
{
	struct session *s = t->session;
	if (!s)
		return true;
	enum session_answer a = session_may(s, p);
	if (a == SESSION_SIGN_IN) {
		if (!tui_sign_in(t, p)) {
			if (!t->msg[0])
				tui_message(t, "%s", _("not signed in: nothing was done"));
			return false;
		}
		a = session_may(s, p);
	}
	if (a == SESSION_YES)
		return true;
	char *why = session_refusal(s, p);
	tui_error(t, "%s", why);
	free(why);
	return false;
}

time_t tui_time(const struct tui *t)
{
	return time(NULL) + t->clock_skew;
}

/* The name of the person signed in into name (of n bytes), for the status line's "signed out";
 * false when nobody is signed in. */
static bool person_name(const struct tui *t, char *name, size_t n)
{
	const struct session *s = t->session;
	if (!s || !s->person.id)
		return false;
	snprintf(name, n, "%s", s->person.display_name ? s->person.display_name : s->person.login);
	return true;
}

bool tui_idle_check(struct tui *t)
{
	char name[128];
	if (!person_name(t, name, sizeof name) ||
	    !session_idle_out(t->session, tui_time(t), t->idle_minutes))
		return false;
	tui_message(t,
		    ngettext("%s signed out after %d minute idle: a change asks who is there",
			     "%s signed out after %d minutes idle: a change asks who is there",
			     t->idle_minutes),
		    name, t->idle_minutes);
	tui_reread(t); /* a card read while they were signed in may show what they saw */
	return true;
}

/* ^L: the person signed in is signed out at once (they leave the terminal). */
static void lock(struct tui *t)
{
	char name[128];
	if (!person_name(t, name, sizeof name))
		return;
	session_sign_out(t->session);
	tui_message(t, _("locked: %s signed out; a change asks who is there"), name);
	tui_reread(t); /* a card read while they were signed in may show what they saw */
}

/* ---- drawing the frame ---- */

static void draw_status(struct tui *t)
{
	int y = t->rows - 1;
	attr_t st = draw_attr(t, TE_STATUS);
	if (t->cmd_open) {
		char line[300];
		snprintf(line, sizeof line, ":%s", t->cmd);
		draw_fill(y, 0, t->cols, line, draw_attr(t, TE_NORMAL));
		int x = draw_width(line) + 4;
		if (t->msg[0] && x < t->cols) /* the candidates of the last Tab */
			draw_text(y, x, t->cols - x, t->msg, draw_attr(t, TE_DIM), true);
		return;
	}
	char right[400], who[200];
	const char *slash = strrchr(t->db, '/');
	who_acts(t, who, sizeof who);
	snprintf(right, sizeof right, " %s · %s ", who, slash ? slash + 1 : t->db);
	int rw = draw_width(right);
	if (rw > t->cols / 2)
		rw = t->cols / 2;
	/* a damaged database says so whenever nothing else is said: writes are refused */
	if (!t->msg[0] && store_damage(t->st))
		draw_fill(y, 0, t->cols - rw, _("the database is damaged: run `maitre doctor`"),
			  draw_attr(t, TE_ERROR));
	else
		draw_fill(y, 0, t->cols - rw, t->msg, t->msg_error ? draw_attr(t, TE_ERROR) : st);
	draw_right(y, t->cols - rw, rw, right, st);
}

/* The first key of action a that works now: while a field has the focus, typed characters go
 * into it, so only the others count. "" when there is none. */
static const char *hint_key(struct tui *t, enum action a, bool typing, char *buf)
{
	buf[0] = '\0';
	for (size_t i = 0; i < t->keys.n; i++)
		if (t->keys.v[i].action == a && !(typing && key_printable(t->keys.v[i].key)))
			return key_label(t->keys.v[i].key, buf);
	return buf;
}

const char *tui_key_of(struct tui *t, enum action a, char *buf)
{
	return hint_key(t, a, true, buf);
}

/* The hint line: the view's main keys, then help, the command line and back (or quit). An item
 * is shown whole or not at all: when the line is too narrow the view's last ones give way
 * first (the '?' screen lists them all). */
static void draw_hint(struct tui *t)
{
	static const enum action common[] = {ACT_HELP, ACT_COMMAND, ACT_BACK, ACT_QUIT};
	static const enum action none[] = {ACT_NONE};
	struct strv items = {0};
	size_t nown = 0;
	const struct view *v = t->top;
	bool typing = v->ops->typing && v->ops->typing((struct view *)v);
	const enum action *own = v->ops->hints ? v->ops->hints : none;
	char key[16];
	for (int pass = 0; pass < 2; pass++) {
		const enum action *list = pass ? common : own;
		size_t n = pass ? sizeof common / sizeof common[0] : SIZE_MAX;
		for (size_t i = 0; i < n && list[i] != ACT_NONE; i++) {
			enum action a = list[i];
			bool listed = false;
			for (size_t k = 0; pass && own[k] != ACT_NONE; k++)
				listed = listed || own[k] == a;
			/* back where there is somewhere to go back to, quit on the first screen */
			if (listed || (a == ACT_BACK && !v->below) || (a == ACT_QUIT && v->below))
				continue;
			if (!*hint_key(t, a, typing, key))
				continue;
			strv_take(&items, xasprintf("%s %s", key, _(action_table[a].name)));
			nown += !pass;
		}
	}
	int width = 0;
	for (size_t i = 0; i < items.n; i++)
		width += 2 + draw_width(items.v[i]);
	bool *drop = xcalloc(items.n ? items.n : 1, sizeof *drop);
	for (size_t i = nown; width > t->cols && i-- > 0;) {
		drop[i] = true;
		width -= 2 + draw_width(items.v[i]);
	}
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (size_t i = 0; i < items.n; i++)
		if (!drop[i])
			sbuf_printf(&b, "%s%s", b.len ? "  " : " ", items.v[i]);
	draw_fill(t->rows - 2, 0, t->cols, b.s, draw_attr(t, TE_HINT));
	sbuf_free(&b);
	free(drop);
	strv_free(&items);
}

static void draw_title(struct tui *t)
{
	const char *title = t->top->ops->title ? t->top->ops->title(t, t->top) : "";
	char left[300], date[16];
	snprintf(left, sizeof left, " maitre · %s", title);
	date_format(date_today(), date);
	attr_t a = draw_attr(t, TE_TITLE);
	draw_fill(0, 0, t->cols, left, a);
	char right[32];
	snprintf(right, sizeof right, "%s ", date);
	draw_right(0, t->cols - draw_width(right), draw_width(right), right, a);
}

void tui_render(struct tui *t)
{
	erase();
	if (t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS) {
		char a[128], b[128];
		snprintf(a, sizeof a, _("terminal too small: %d×%d"), t->cols, t->rows);
		snprintf(b, sizeof b, _("maitre needs at least %d×%d"), TUI_MIN_COLS, TUI_MIN_ROWS);
		int y = t->rows / 2 - 1;
		if (y < 0)
			y = 0;
		for (int i = 0; i < 2 && y + i < t->rows; i++) {
			const char *s = i ? b : a;
			int w = draw_width(s), x = (t->cols - w) / 2;
			draw_text(y + i, x < 0 ? 0 : x, t->cols, s, draw_attr(t, TE_WARNING), true);
		}
		curs_set(0);
		refresh();
		return;
	}
	draw_title(t);
	t->top->ops->draw(t, t->top);
	draw_hint(t);
	draw_status(t);
	int cy, cx;
	if (t->cmd_open) {
		curs_set(1);
		move(t->rows - 1, 1 + draw_width(t->cmd));
	} else if (t->top->ops->cursor && t->top->ops->cursor(t, t->top, &cy, &cx)) {
		curs_set(1);
		move(cy, cx);
	} else {
		curs_set(0);
	}
	refresh();
}

/* ---- keys ---- */

static int normalise(int r, wint_t ch)
{
	if (r == KEY_CODE_YES) {
		if (ch == KEY_ENTER)
			return '\n';
		return KEYF | (int)ch;
	}
	if (ch == '\r')
		return '\n';
	if (ch == 8 || ch == 127)
		return KEYF | KEY_BACKSPACE;
	return (int)ch;
}

static void suspend(struct tui *t);
static enum handler_result interrupt(struct tui *t);

bool tui_leave_all(struct tui *t)
{
	for (struct view *v = t->top; v; v = v->below)
		if (v->ops->leave && !v->ops->leave(t, v))
			return false;
	return true;
}

/* Runs action a (key: the key that asked for it, for ACT_CHAR) on the top view, then the
 * frame's own actions. */
enum handler_result tui_dispatch(struct tui *t, enum action a, int key)
{
	struct view *v = t->top;
	int perm = action_perm(a);
	if (perm >= 0 && !tui_may(t, (enum perm)perm))
		return HR_REDRAW;
	v = t->top; /* the sign-in may have been cut off; the views are as they were */
	enum handler_result rd = v->ops->act ? v->ops->act(t, v, a, (wint_t)key) : HR_NOT_MINE;
	if (rd != HR_NOT_MINE)
		return rd;
	switch (a) {
	case ACT_QUIT:
		if (!v->below) {
			t->quit = true;
			return HR_HANDLED;
		}
		tui_pop(t);
		return HR_REDRAW;
	case ACT_BACK:
		if (v->below)
			tui_pop(t);
		return HR_REDRAW;
	case ACT_HELP:
		tui_push(t, view_help_new(t, v->ops->scope));
		return HR_REDRAW;
	case ACT_COMMAND:
		cmdline_open_named(t, "command");
		return HR_REDRAW;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return HR_REDRAW;
	case ACT_LOCK: /* ^L, long the key of redraw: it still redraws */
		lock(t);
		clearok(curscr, TRUE);
		return HR_REDRAW;
	case ACT_INTERRUPT: /* from the ':' line, or bound to a character */
		return interrupt(t);
	case ACT_SUSPEND:
		suspend(t);
		return HR_REDRAW;
	default: /* the global actions that open a screen of the same name */
		return action_table[a].scope & SC_GLOBAL &&
		               cmdline_open_named(t, action_table[a].name)
		           ? HR_REDRAW
		           : HR_HANDLED;
	}
}

/* ^Z, or a stop sent from outside: the terminal is given back to the shell, and taken again
 * (raw, redrawn whole) when maitre is continued. */
static void suspend(struct tui *t)
{
	if (t->script)
		return; /* headless: there is no shell to go back to */
	tui_restore_terminal();
	struct sigaction dfl, old;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP); /* stops here until fg (ignored in an orphaned process group) */
	sigaction(SIGTSTP, &old, NULL);
	got_stop = 0;
	got_cont = 1; /* the redraw of a continue, whether or not SIGCONT came */
}

/* After a stop (ours or from outside): raw mode and bracketed paste again, the screen whole. */
static void resume(struct tui *t)
{
	got_cont = 0;
	if (t->script)
		return;
	reset_prog_mode();
	set_paste_mode(true);
	t->pasting = false; /* a paste cut by a stop lost its end mark */
	clearok(curscr, TRUE);
	getmaxyx(stdscr, t->rows, t->cols);
}

/* ^C: quit at once, as F10 on the first screen, unless something typed would be lost: then
 * each view holding it asks first, as Esc does, and answering no keeps it. */
static enum handler_result interrupt(struct tui *t)
{
	t->cmd_open = false;
	if (tui_leave_all(t))
		t->quit = true;
	return HR_REDRAW;
}

static enum handler_result handle_key1(struct tui *t, int key);

/* A field that refused a character at its limit says so. */
static void say_full(struct tui *t)
{
	size_t lim = edit_refused();
	if (lim)
		tui_error(t,
			  ngettext("the field is full: it takes at most %zu character",
				   "the field is full: it takes at most %zu characters", lim),
			  lim);
}

static enum handler_result handle_key(struct tui *t, int key)
{
	edit_refused(); /* from before: not this key's */
	/* a key after a long idle (the loop's timeout may not have come: a suspended process)
	 * finds the person signed out already */
	bool out = tui_idle_check(t);
	enum handler_result rd = handle_key1(t, key);
	if (t->session && t->session->person.id)
		session_touch(t->session, tui_time(t));
	if (out)
		rd = HR_REDRAW;
	if (t->top && !t->quit) {
		bool was = t->msg[0];
		say_full(t);
		if (!was && t->msg[0])
			rd = HR_REDRAW;
	}
	return rd;
}

static enum handler_result handle_key1(struct tui *t, int key)
{
	if (key == (KEYF | KEY_RESIZE))
		return HR_REDRAW;
	if (!key_printable(key)) { /* before anything else, a field or the command line included */
		unsigned g = SC_GLOBAL;
		enum action a = keymap_lookup(&t->keys, key, &g, 1);
		if (a == ACT_INTERRUPT)
			return interrupt(t);
		if (a == ACT_SUSPEND) {
			suspend(t);
			return HR_REDRAW;
		}
	}
	bool field = t->cmd_open || (t->top->ops->typing && t->top->ops->typing(t->top));
	if (t->key_pasted && !field) {
		/* pasted text where no field takes it would press the screen's keys */
		tui_error(t, "%s", _("pasted text ignored: no field has the focus"));
		return HR_REDRAW;
	}
	if (t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS) {
		/* nothing acts unseen: only redraw and quit work on the "too small" screen */
		unsigned g = SC_GLOBAL;
		enum action a = keymap_lookup(&t->keys, key, &g, 1);
		if (a == ACT_LOCK)
			lock(t);
		if (a == ACT_REDRAW || a == ACT_LOCK)
			clearok(curscr, TRUE);
		if (a == ACT_QUIT && tui_leave_all(t))
			t->quit = true;
		return HR_REDRAW;
	}
	if (t->cmd_open)
		return cmdline_key(t, key);
	struct view *v = t->top;
	bool typing = v->ops->typing && v->ops->typing(v);
	if (typing && key_printable(key)) {
		t->msg[0] = '\0';
		return tui_dispatch(t, ACT_CHAR, key);
	}
	unsigned scopes[3];
	size_t n = 0;
	if (typing)
		scopes[n++] = SC_EDIT;
	scopes[n++] = v->ops->scope;
	scopes[n++] = SC_GLOBAL;
	enum action a = keymap_lookup(&t->keys, key, scopes, n);
	if (a == ACT_NONE && !key_printable(key))
		return HR_HANDLED;
	/* a message answers the key before; the next key that does something retires it */
	t->msg[0] = '\0';
	t->msg_error = false;
	/* a view may take letters outside a field */
	return tui_dispatch(t, a == ACT_NONE ? ACT_CHAR : a, key);
}

/* ---- live refresh ---- */

/* Another process committed since we last looked: the top view reads again (the others when
 * they are shown). True when that happened. */
bool tui_check_changes(struct tui *t)
{
	int64_t v = store_data_version(t->st);
	if (v == t->store_version)
		return false;
	t->store_version = v;
	tui_reread(t);
	return true;
}

/* ---- prompts ---- */

/* One key for a prompt: from the script in script mode. */
static int next_key(struct tui *t, int timeout_ms);

/* A prompt ends without an answer; cut off by a signal (a hangup, SIGTERM), what it held is
 * kept in t->prompt_cut for the view's draft. NULL. */
static char *prompt_cut(struct tui *t, const struct edit *e)
{
	if (got_signal && e->len && !t->prompt_cut)
		t->prompt_cut = xstrdup(e->buf);
	return NULL;
}

char *tui_prompt(struct tui *t, const char *prompt, const char *initial)
{
	struct edit e;
	memset(&e, 0, sizeof e);
	edit_set(&e, initial);
	size_t full = 0; /* the line refused a character at its limit */
	for (;;) {
		int pw = draw_width(prompt), nw = 0;
		draw_fill(t->rows - 1, 0, t->cols, prompt, draw_attr(t, TE_MESSAGE));
		if (full) {
			char note[160];
			snprintf(note, sizeof note,
				 ngettext(" full: at most %zu character", " full: at most %zu characters",
					  full),
				 full);
			nw = draw_width(note);
			draw_right(t->rows - 1, t->cols - nw, nw, note, draw_attr(t, TE_ERROR));
		}
		int cx = edit_draw(&e, t->rows - 1, pw + 1, t->cols - pw - 1 - nw,
				   draw_attr(t, TE_FIELD));
		curs_set(1);
		move(t->rows - 1, cx);
		refresh();
		int key = next_key(t, -1);
		/* the keys already waiting (a paste) go in before the line is drawn again */
		for (; key >= 0; key = t->script ? -2 : next_key(t, 0)) {
			if (key == 27 || t->quit)
				return prompt_cut(t, &e);
			if (key == (KEYF | KEY_RESIZE)) {
				tui_render(t);
				break;
			}
			unsigned g = SC_GLOBAL;
			if (keymap_lookup(&t->keys, key, &g, 1) == ACT_INTERRUPT) {
				/* ^C: what was typed is dropped only when the user says so; then the
				 * interrupt goes on to the views below */
				if (e.len && !tui_confirm(t, _("Drop what you typed?")))
					break;
				t->interrupt = true;
				return NULL;
			}
			if (key == '\n')
				return xstrdup(e.buf);
			bool changed;
			unsigned scope = SC_EDIT;
			enum action a =
			    key_printable(key) ? ACT_CHAR : keymap_lookup(&t->keys, key, &scope, 1);
			if (a != ACT_NONE)
				edit_act(&e, a, (wint_t)key, &changed);
			full = edit_refused();
		}
		if (key == -1 && (t->quit || t->script))
			return prompt_cut(t, &e);
	}
}

const char *tui_choose(struct tui *t, const char *prompt, const struct choice_set *s,
                       const char *initial)
{
	const char *code = initial ? initial : choice_next(s, NULL, 1, false);
	struct edit e; /* what is typed, when something is: it replaces the choice shown */
	edit_set(&e, NULL);
	char bad[200] = "";
	for (;;) {
		char line[600], list[300];
		int pw;
		if (bad[0])
			snprintf(line, sizeof line, _("%s \"%s\" is not one of %s:"), prompt, bad,
			         choice_list(s, list, sizeof list));
		else
			snprintf(line, sizeof line, "%s", prompt);
		pw = draw_width(line);
		draw_fill(t->rows - 1, 0, t->cols, line,
		          draw_attr(t, bad[0] ? TE_ERROR : TE_MESSAGE));
		int cx;
		if (e.len) {
			cx = edit_draw(&e, t->rows - 1, pw + 1, t->cols - pw - 1,
			               draw_attr(t, TE_FIELD));
		} else {
			char shown[200];
			snprintf(shown, sizeof shown, "%s  %s", choice_label(s, code),
			         _("(Space changes, Enter takes it)"));
			draw_text(t->rows - 1, pw + 1, t->cols - pw - 1, shown,
			          draw_attr(t, TE_FIELD), true);
			cx = pw + 1;
		}
		curs_set(1);
		move(t->rows - 1, cx);
		refresh();
		int key = next_key(t, -1);
		if (key < 0 || key == 27 || t->quit)
			return NULL;
		if (key == (KEYF | KEY_RESIZE)) {
			tui_render(t);
			continue;
		}
		unsigned g = SC_GLOBAL;
		if (keymap_lookup(&t->keys, key, &g, 1) == ACT_INTERRUPT) {
			t->interrupt = true; /* nothing typed here is worth asking about */
			return NULL;
		}
		if (key == '\n') {
			if (!e.len)
				return code;
			const char *typed = choice_code(s, e.buf);
			if (typed)
				return typed;
			snprintf(bad, sizeof bad, "%.*s", (int)sizeof bad - 1, e.buf);
			edit_set(&e, NULL);
			continue;
		}
		bool changed;
		unsigned scope = SC_EDIT;
		enum action a =
		    key_printable(key) ? ACT_CHAR : keymap_lookup(&t->keys, key, &scope, 1);
		if (!e.len && (key == ' ' || a == ACT_RIGHT || a == ACT_LEFT)) {
			code = choice_next(s, code, a == ACT_LEFT ? -1 : 1, false);
			continue;
		}
		if (a != ACT_NONE)
			edit_act(&e, a, (wint_t)key, &changed);
	}
}

/* Asks question until answered: 1 yes, 0 no, -1 neither (Esc, ^C, the end of the program).
 * A pasted key is no answer. */
static int ask_yes_no(struct tui *t, const char *question)
{
	char q[400];
	snprintf(q, sizeof q, "%s %s", question, _("(y/n)"));
	for (;;) {
		/* a question wider than the screen (an 80-column terminal, Chinese) rises over the
		 * hint bar rather than losing its end, "(y/n)" with it; redrawn after the answer */
		int n = draw_wrap(0, 0, t->cols, 0, q, 0);
		n = n < 1 ? 1 : n > 3 ? 3 : n;
		for (int i = 0; i < n; i++)
			draw_fill(t->rows - n + i, 0, t->cols, "", draw_attr(t, TE_WARNING));
		draw_wrap(t->rows - n, 0, t->cols, n, q, draw_attr(t, TE_WARNING));
		curs_set(0);
		refresh();
		int key = next_key(t, -1);
		if (key < 0 || t->quit)
			return -1;
		if (key == (KEYF | KEY_RESIZE)) {
			tui_render(t);
			continue;
		}
		if (t->key_pasted)
			continue;
		unsigned g = SC_GLOBAL;
		if (keymap_lookup(&t->keys, key, &g, 1) == ACT_INTERRUPT || key == 27)
			return -1;
		/* yes or no in either language */
		if (key == 'y' || key == 'Y' || key == 0x662f /* 是 */)
			return 1;
		if (key == 'n' || key == 'N' || key == 0x5426 /* 否 */)
			return 0;
	}
}

bool tui_confirm(struct tui *t, const char *question)
{
	return ask_yes_no(t, question) == 1;
}

int tui_next_key(struct tui *t, int timeout_ms)
{
	return next_key(t, timeout_ms);
}

void tui_suspend(struct tui *t)
{
	suspend(t);
}

/* The next key: -1 after timeout_ms (-1: wait) or at the end of a script. */
static int next_key(struct tui *t, int timeout_ms)
{
	if (t->script)
		return script_key(t);
	t->key_pasted = false;
	for (;;) {
		if (got_signal) {
			t->quit = true;
			return -1;
		}
		if (got_stop)
			suspend(t);
		if (got_cont) {
			resume(t);
			return KEYF | KEY_RESIZE; /* everything drawn again */
		}
		timeout(timeout_ms);
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR) {
			if (got_signal || got_stop || got_cont)
				continue; /* the read was interrupted by a signal */
			return -1;
		}
		int key = normalise(r, ch);
		if (key == (KEYF | KEY_PASTE_BEGIN) || key == (KEYF | KEY_PASTE_END)) {
			t->pasting = key == (KEYF | KEY_PASTE_BEGIN);
			continue;
		}
		if (t->pasting && (key & KEYF) && key != (KEYF | KEY_RESIZE))
			t->pasting = false; /* a key pressed: the paste's end mark was lost */
		if (t->pasting) {
			/* a pasted line break or tab is a space: it never presses Enter; other
			 * control characters (a pasted ^C or ^Z) are dropped, never run */
			if (key == '\n' || key == '\t' || key == '\r')
				key = ' ';
			else if (key < 0x20 || key == 0x7f)
				continue;
			t->key_pasted = true;
		}
		if (key == (KEYF | KEY_RESIZE))
			getmaxyx(stdscr, t->rows, t->cols);
		return key;
	}
}

/* ---- setup ---- */

static void setup_colours(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");
	bool colour = has_colors() && !(nc && *nc);
	if (colour) {
		start_color();
		use_default_colors();
	}
	short pair = 1;
	for (int e = 0; e < TE_COUNT; e++) {
		const struct theme_style *s = &t->theme.s[e];
		attr_t a = A_NORMAL;
		if (s->attrs & THEME_BOLD)
			a |= A_BOLD;
		if (s->attrs & THEME_REVERSE)
			a |= A_REVERSE;
		if (s->attrs & THEME_UNDERLINE)
			a |= A_UNDERLINE;
		if (s->attrs & THEME_DIM)
			a |= A_DIM;
		if (s->attrs & THEME_STANDOUT)
			a |= A_STANDOUT;
		if (colour && (s->fg >= 0 || s->bg >= 0) && s->fg < COLORS && s->bg < COLORS &&
		    pair < COLOR_PAIRS) {
			init_pair(pair, s->fg, s->bg);
			a |= COLOR_PAIR(pair);
			pair++;
		}
		t->attr[e] = a;
	}
}

double tui_process_t0;

/* At the start: a draft kept when maitre was last cut off (same login, same database) is
 * offered back; declined, it is deleted. */
static void draft_offer(struct tui *t)
{
	struct draft d = {0};
	int r = t->draft_path ? draft_read(t->draft_path, &d) : 1;
	if (r != 0) {
		if (r < 0)
			tui_error(t, _("a draft could not be read: %s"), t->draft_path);
		draft_free(&d);
		return;
	}
	const char *form = draft_get(&d, "form"), *what = draft_get(&d, "what");
	const char *login = draft_get(&d, "login");
	if (login && strcmp(login, store_login(t->st)) != 0) { /* not this person's */
		draft_free(&d);
		return;
	}
	char q[700];
	snprintf(q, sizeof q, _("Restore %s, typed when maitre was last cut off?"),
		 what ? what : _("a form"));
	tui_render(t);
	int answer = ask_yes_no(t, q);
	if (answer == 1) {
		struct view *v = NULL;
		if (form && strcmp(form, "guest") == 0)
			v = view_form_from_draft(t, &d);
		else if (form && strcmp(form, "visit") == 0)
			v = view_visit_from_draft(t, &d);
		else if (form && strcmp(form, "complaint") == 0)
			v = view_complaint_form_from_draft(t, &d);
		if (v) {
			tui_push(t, v);
			t->draft_view = v;
		} else if (!t->msg[0]) {
			tui_error(t, _("the draft cannot be opened again; it is kept in %s"),
				  t->draft_path);
		}
	} else if (answer == 0) { /* Esc or ^C: kept, offered again next time */
		draft_remove(t->draft_path);
		tui_message(t, "%s", _("the draft was deleted"));
	}
	draft_free(&d);
}

/* Cut off (a hangup, SIGTERM): the typed text of the topmost view holding some is kept as the
 * draft; nothing is drawn (the terminal may be gone). */
static void draft_keep(struct tui *t)
{
	bool kept = false;
	for (struct view *v = t->top; v && !kept && t->draft_path; v = v->below) {
		struct draft d = {0};
		if (v->ops->draft && v->ops->draft(t, v, &d)) {
			draft_add(&d, "login", store_login(t->st));
			draft_add(&d, "db", t->db);
			kept = draft_write(t->draft_path, &d) == 0;
			if (!kept) /* no terminal to say it on: stderr may still be a log */
				tui_say("the draft could not be kept in %s: %s", t->draft_path,
					strerror(errno));
		}
		draft_free(&d);
	}
	if (!kept && t->draft_view) /* restored, and nothing left to keep */
		draft_remove(t->draft_path);
}

void tui_set_rules(struct tui *t, struct tier_rules *r)
{
	struct tier_rules **v = xreallocarray(t->rules_read, t->nrules_read + 1, sizeof *v);
	t->rules_read = v;
	v[t->nrules_read++] = r;
	t->rules = r;
	tui_changed(t);
}

double tui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The key bindings of the config file, and the theme: 0, or an exit status once said. */
void tui_say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap), *shown = text_display_lines(msg);
	va_end(ap);
	fprintf(stderr, "maitre: %s\n", shown);
	free(shown);
	free(msg);
}

static int load_settings(struct tui *t)
{
	struct error err;
	keymap_defaults(&t->keys);
	struct settings cfg;
	if (settings_load(&cfg, &err) < 0) {
		tui_say("%s", err.msg);
		settings_free(&cfg);
		return 1;
	}
	for (size_t i = 0; i < cfg.nbindings; i++) {
		if (keymap_bind(&t->keys, cfg.bindings[i].action, cfg.bindings[i].keys, &err) < 0) {
			tui_say("%s:%d:%d: %s", cfg.path, cfg.bindings[i].line,
				cfg.bindings[i].column, err.msg);
			settings_free(&cfg);
			return 1;
		}
	}
	t->idle_minutes = cfg.idle_minutes;
	settings_free(&cfg);
	const char *theme = getenv("MAITRE_THEME");
	if (!theme || !*theme)
		theme = cfg.theme[0] ? cfg.theme : "default";
	const char *no_colour = getenv("NO_COLOR"); /* no-color.org: set and not empty */
	if (no_colour && *no_colour)
		theme = "monochrome";
	if (theme_load_named(theme, &t->theme, &err) < 0) {
		tui_say("%s", err.msg);
		return 1;
	}
	return 0;
}

/* The terminal: a headless one for a script (MAITRE_TUI_SCRIPT), else the real one. 0, or an
 * exit status once said. */
static int open_terminal(struct tui *t, SCREEN **scr, FILE **in)
{
	const char *script = getenv("MAITRE_TUI_SCRIPT");
	if (script && *script)
		return script_open(t, script, scr, in);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "maitre: the interface needs a terminal (see 'maitre help' for the "
		                "command line)\n");
		return 2;
	}
	return initscr() ? 0 : 3;
}

/* Signals: a hangup, SIGTERM or an interrupt from outside end the loop; on a real terminal, a
 * stop and a continue are followed, and a crash gives the terminal back first. */
static void catch_signals(const struct tui *t)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: a signal ends the wait for a key */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (t->script)
		return;
	sa.sa_handler = on_stop;
	sigaction(SIGTSTP, &sa, NULL);
	sa.sa_handler = on_cont;
	sigaction(SIGCONT, &sa, NULL);
	struct sigaction fatal;
	memset(&fatal, 0, sizeof fatal);
	fatal.sa_handler = on_fatal;
	fatal.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &fatal, NULL);
	sigaction(SIGBUS, &fatal, NULL);
	sigaction(SIGABRT, &fatal, NULL);
	sigaction(SIGFPE, &fatal, NULL);
}

/* Curses as the interface wants it: keys raw, bracketed paste on a real terminal, the
 * theme's colours, the screen's size. */
static void take_terminal(struct tui *t)
{
	tui_guard_terminal();
	catch_signals(t);
	/* raw, as full-screen editors take keys: no flow control (^S, ^Q) and no signal keys (^C,
	 * ^Z, ^\ and the rest) in the terminal, so that they reach the action table; given back on every way
	 * out (endwin: at the end, atexit, on a crash, on suspend) */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(150); /* an arrow key split over a slow SSH link is not an Esc */
	if (!t->script) {
		define_key("\033[200~", KEY_PASTE_BEGIN);
		define_key("\033[201~", KEY_PASTE_END);
		paste_mode = true;
		set_paste_mode(true);
	}
	setup_colours(t);
	getmaxyx(stdscr, t->rows, t->cols);
	t->store_version = store_data_version(t->st);
}

/* One key, and those already waiting behind it (a paste, a fast typist over SSH) before the
 * screen is drawn again; a long burst still shows every tenth of a second. False when the
 * interface ends. */
static bool run_key(struct tui *t, int key)
{
	bool redraw = handle_key(t, key) == HR_REDRAW;
	for (double d0 = tui_now_ms(); (!t->script || script_in_paste()) && !t->quit && t->top;) {
		if (t->interrupt) {
			t->interrupt = false;
			redraw = interrupt(t) == HR_REDRAW || redraw;
			continue;
		}
		if (tui_now_ms() - d0 > 100 || (key = next_key(t, 0)) < 0)
			break;
		redraw = handle_key(t, key) == HR_REDRAW || redraw;
		if (key == (KEYF | KEY_RESIZE))
			redraw = true;
	}
	if (t->interrupt) {
		t->interrupt = false;
		redraw = interrupt(t) == HR_REDRAW || redraw;
	}
	if (t->quit || !t->top)
		return false;
	if (redraw || key == (KEYF | KEY_RESIZE))
		tui_render(t);
	return true;
}

/* Keys until the user quits; when idle, what another terminal changed is shown. */
static void run_loop(struct tui *t, struct bench *b)
{
	while (!t->quit && t->top) {
		int key = next_key(t, 500);
		if (t->quit)
			break;
		if (key < 0) { /* idle: redraw only when another terminal changed something, or
				* the person signed in was signed out */
			bool changed = tui_check_changes(t);
			if (tui_idle_check(t) || changed)
				tui_render(t);
			continue;
		}
		bench_key_start(b, t, key);
		if (!run_key(t, key))
			break;
		bench_key_end(b, t, key);
	}
}

/* The end: what was typed is kept as a draft when cut off, the views freed, the terminal
 * given back (unless it is gone). */
static void close_views(struct tui *t)
{
	bool hangup = got_signal == SIGHUP;
	if (got_signal == SIGHUP || got_signal == SIGTERM || got_signal == SIGINT)
		draft_keep(t);
	while (t->top) {
		struct view *v = t->top;
		t->top = v->below;
		tui_view_free(v);
	}
	struct termios tio;
	/* after a hangup the terminal is gone (nothing more is sent to it), unless the signal came
	 * from kill: then it is given back as to any other exit */
	if (!hangup || tcgetattr(STDIN_FILENO, &tio) == 0)
		tui_restore_terminal();
	curses_on = false;
}

static void free_frame(struct tui *t)
{
	keymap_free(&t->keys);
	free(t->draft_path);
	free(t->prompt_cut);
	for (size_t i = 0; i < t->nrules_read; i++) {
		tier_rules_free(t->rules_read[i]);
		free(t->rules_read[i]);
	}
	free(t->rules_read);
}

int tui_run(struct store *st, struct session *session, const struct tier_rules *rules,
	    const char *db, const char *tiers)
{
	double t0 = tui_process_t0 > 0 ? tui_process_t0 : tui_now_ms();
#ifdef __GLIBC__
	/* a screen's big arrays (an agenda's rows, a month's sheet) in their own mappings, given
	 * back when freed: glibc would raise this threshold after the first such free and keep
	 * the next ones in the heap, resident for the rest of the session */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
	struct tui t;
	memset(&t, 0, sizeof t);
	t.st = st;
	/* SQLite's page cache is most of the interface's memory once a back-office screen has
	 * read a big book: three quarters of the command line's (TUI_CACHE_KIB) keeps the
	 * session within its bound (bench/tui-memory) and the lookup as fast (8 MB slowed its
	 * keys by half); the pages it drops stay in the system's cache */
	store_set_cache(st, TUI_CACHE_KIB);
	t.session = session;
	t.rules = rules;
	t.db = db;
	t.tiers_path = tiers;
	t.snap_out = stdout;
	SCREEN *scr = NULL;
	FILE *in = NULL;
	int rc = load_settings(&t);
	if (rc == 0)
		rc = open_terminal(&t, &scr, &in);
	if (rc != 0) {
		keymap_free(&t.keys);
		return rc;
	}
	take_terminal(&t);
	tui_push(&t, view_lookup_new(&t, NULL));
	t.draft_path = draft_path(db, store_login(st));
	draft_offer(&t);
	tui_render(&t);
	struct bench bench = {.first_ms = tui_now_ms() - t0};
	run_loop(&t, &bench);
	close_views(&t);
	bench_end(&bench, &t);
	if (scr)
		delscreen(scr);
	script_close(&t, in);
	free_frame(&t);
	return 0;
}
