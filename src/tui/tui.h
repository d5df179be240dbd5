/* tui.h — the terminal interface: the frame shared by every view.
 *
 * The screen: row 0 is the view's title bar, rows 1..rows-3 the view, row rows-2 a one-line
 * hint of the main keys, row rows-1 the status line (messages, the login and the database) or
 * the ':' command line. Views draw into stdscr through draw.h only; curses sends the terminal
 * only what changed. Nothing here holds a transaction open while waiting for a key. */
#ifndef MAITRE_TUI_H
#define MAITRE_TUI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <libintl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <wchar.h>

#include "config/theme.h"
#include "core/i18n.h"
#include "core/date.h"
#include "core/tier.h"
#include "session/session.h"
#include "store/store.h"
#include "tui/action.h"

/* A word from data (a tier group, a greeter) translated when the catalogue knows it; never
 * gettext("") (that is the catalogue's header). */
static inline const char *tr_data(const char *s)
{
	return s && *s ? gettext(s) : "";
}

/* The smallest screen the views are laid out for. */
#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

struct tui;
struct view;
struct draft;

/* What a key handler did with an action, for the frame: handled and nothing to draw again,
 * handled and the screen drawn again, or not one of its own (the frame's actions are tried
 * next: back, help, the screens of the function keys). */
enum handler_result { HR_HANDLED, HR_REDRAW, HR_NOT_MINE };

struct view_ops {
	const char *name;      /* as opened from the ':' line ("lookup") */
	unsigned scope;        /* the action scope (SC_*) of this view's own keys */
	const char *(*title)(struct tui *t, struct view *v);
	void (*draw)(struct tui *t, struct view *v);
	/* An action of the table, or ACT_CHAR with the typed character ch. */
	enum handler_result (*act)(struct tui *t, struct view *v, enum action a, wint_t ch);
	/* Another process changed the database: read again, keeping the cursor and any input. */
	void (*reload)(struct tui *t, struct view *v);
	/* Frees what the view's data holds; the frame frees the data itself and the view
	 * (tui_view_free). NULL: the data holds nothing to free. */
	void (*release)(struct view *v);
	/* True when printable characters go to the view (a text field has the focus). */
	bool (*typing)(struct view *v);
	/* The cursor position when a text field has the focus (false: cursor hidden). */
	bool (*cursor)(struct tui *t, struct view *v, int *y, int *x);
	const enum action *hints; /* the main keys for the hint line, ending in ACT_NONE */
	/* May the view be closed along with what it holds? (asks when something typed would be
	 * lost; NULL: always) */
	bool (*leave)(struct tui *t, struct view *v);
	/* What was typed, into d (draft.h: "form" names the view_*_from_draft that opens it
	 * again, "what" says what it is), when there are changes that would be lost; false
	 * when there are none. Called with the terminal gone: no drawing. NULL: never any. */
	bool (*draft)(struct tui *t, struct view *v, struct draft *d);
};

struct view {
	const struct view_ops *ops;
	struct view *below;
	int64_t seen_version; /* data version the view last read */
	void *data;
};

struct tui {
	struct store *st;
	struct session *session; /* who is at the terminal: their role, the person signed in */
	const struct tier_rules *rules; /* may be NULL when no rules could be loaded */
	const char *db;
	const char *tiers_path; /* the --tiers FILE, or NULL (tui_run) */
	struct view *top;
	int rows, cols;
	bool quit;
	char msg[512];
	bool msg_error;
	int64_t data_version;  /* bumped by every change seen: ours and others' */
	int64_t store_version; /* PRAGMA data_version when last looked at */
	struct theme theme;
	attr_t attr[TE_COUNT];
	struct keymap keys;
	/* the ':' command line while it is open */
	bool cmd_open;
	char cmd[256];
	size_t cmd_len;
	/* keys: a paste is under way (between the terminal's bracketed-paste marks); the key just
	 * read came from it; ^C was pressed in a prompt and goes on to the views */
	bool pasting, key_pasted, interrupt;
	/* the draft file of this login and database (draft.h), and the view it was restored into */
	char *draft_path;
	struct view *draft_view;
	/* the text of a prompt cut off by a hangup or SIGTERM, for the view's draft (or NULL) */
	char *prompt_cut;
	/* headless screen tests (MAITRE_TUI_SCRIPT): keys come from a script */
	FILE *script;
	const char *script_name;
	int script_line;
	FILE *snap_out;
	struct store *lock_holder; /* 'lock' in a script: another connection holding the write lock */
	/* bench mode (MAITRE_TUI_BENCH): per-key timings and bytes */
	FILE *term_out;
	bool bench;
	bool page_changed; /* bench: the last key brought other results (set by the lookup) */
	/* rules read again from the ':tiers' screen (tui_set_rules): kept until the interface ends,
	 * since a view may still point into the rules it was drawn with */
	struct tier_rules **rules_read;
	size_t nrules_read;
	/* on a shared login: the person signed in is signed out after idle_minutes without a key
	 * (config.yaml's signin.idle_minutes; 0: never); clock_skew moves the clock it is measured
	 * by (the screen tests' 'idle MINUTES') */
	int idle_minutes;
	time_t clock_skew;
};

/* CLOCK_MONOTONIC milliseconds when the process started (set by main), for the benchmark of
 * the time to the first screen; 0 when unknown. */
extern double tui_process_t0;
/* Milliseconds of CLOCK_MONOTONIC. */
double tui_now_ms(void);

/* Runs the interface on the open database until the user quits. rules may be NULL; tiers is
 * the --tiers FILE of the command line (NULL: the rules file in force is looked for as
 * tiers_load_in_force does), for reading the rules again. Returns an exit status. */
int tui_run(struct store *st, struct session *session, const struct tier_rules *rules,
	    const char *db, const char *tiers);

/* A new view of ops with data_size zeroed bytes of data. The frame
 * owns the data: tui_view_free (or tui_pop) frees it, after the view's release. */
struct view *tui_view_new(const struct view_ops *ops, size_t data_size);
/* Frees a view that was not pushed (a constructor that failed), with its data. */
void tui_view_free(struct view *v);
/* Puts a view on top (it takes ownership of v). */
void tui_push(struct tui *t, struct view *v);
/* Removes the top view; the one below is shown again (and reloaded if the data changed). */
void tui_pop(struct tui *t);
/* A message on the status line (printf-style, already translated by the caller). */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Asks a yes/no question on the status line; true for yes. */
bool tui_confirm(struct tui *t, const char *question);
/* Reads one line on the status line after prompt (initial text may be NULL); NULL when
 * cancelled (cut off by a hangup or SIGTERM, the text typed is in t->prompt_cut). Caller
 * frees. */
char *tui_prompt(struct tui *t, const char *prompt, const char *initial);
struct choice_set;
/* Asks for one of the choices s on the status line, starting from the code initial (may be
 * NULL): Space or → the next, ← the one before, or the choice typed in either language.
 * Returns the code chosen (the table's, not to be freed) or NULL when cancelled. */
const char *tui_choose(struct tui *t, const char *prompt, const struct choice_set *s,
                       const char *initial);
/* Whether every view may be closed (each asks about what it holds). */
bool tui_leave_all(struct tui *t);
/* The translated reason for a failed store call, with the store's own message after it
 * (static storage, valid until the next call). */
const char *tui_store_error(struct tui *t, enum store_status s);
/* "maitre: message\n" on stderr, before or after the screen, with the message shown as
 * text_display_lines does (a path or a setting it echoes cannot act on the terminal). */
void tui_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Puts rules r (malloc'ed, loaded) in force for every screen; the interface owns r from then
 * on. The rules before stay valid until the interface ends. */
void tui_set_rules(struct tui *t, struct tier_rules *r);
/* Whether the person at the terminal may p now (session_may), asked before every action that
 * reaches the store or shows more: on a shared login with nobody signed in, "who are you?"
 * first (tui_sign_in), and on a sign-in the action goes on; refused, the status line says why
 * (session_refusal) and false. */
bool tui_may(struct tui *t, enum perm p);
/* The clock the idle sign-out is measured by: time(NULL), moved by the screen tests. */
time_t tui_time(const struct tui *t);
/* Signs the person out when idle for longer than t->idle_minutes, saying so on the status line;
 * true when it did (the loop's timeout and each key ask). */
bool tui_idle_check(struct tui *t);
/* Our own write changed the data: every view reads again when next shown. */
void tui_changed(struct tui *t);
/* What is shown may have changed under the views: another terminal wrote, or who is at the
 * terminal changed (and what they may see with it). The top view reads again now, the others
 * when they are back on top. */
void tui_reread(struct tui *t);
/* The first key bound to action a (as the config file may have rebound it) that works even
 * while a field has the focus (not a printable character), into buf (at least 16 bytes); ""
 * when none is. */
const char *tui_key_of(struct tui *t, enum action a, char *buf);
/* View v's typed text was saved, or dropped on purpose: its draft, if it was restored from
 * one, is deleted. */
void tui_draft_done(struct tui *t, struct view *v);
/* The rows available to a view (between the title bar and the hint line). */
int tui_view_rows(const struct tui *t);

/* For the frame's own files (cmdline.c, script.c). */
/* Draws the whole screen again: title, the top view, hint and status lines. */
void tui_render(struct tui *t);
/* Another process committed since we last looked: the top view reads again (the others when
 * they are shown). True when that happened. */
bool tui_check_changes(struct tui *t);
/* Gives the terminal back (endwin), as at the end. */
void tui_restore_terminal(void);
/* Curses has the terminal (newterm or initscr done): from now on it is given back on the way
 * out, at exit and when memory runs out (before "maitre: out of memory" is written, so that
 * the message is read on a normal screen). */
void tui_guard_terminal(void);
/* Runs action a (key: the key that asked for it, for ACT_CHAR) on the top view, then the
 * frame's own actions; an action of ACTION_PERMS asks tui_may first. */
enum handler_result tui_dispatch(struct tui *t, enum action a, int key);
/* The next key, for the frame's own modal boxes: -1 after timeout_ms (-1: wait), at the end of
 * a script, or when the interface is to end (t->quit). */
int tui_next_key(struct tui *t, int timeout_ms);
/* ^Z: the terminal is given back to the shell until maitre is continued (nothing headless). */
void tui_suspend(struct tui *t);
/* "Who are you?" (signin.c): on a shared login, the person about to p picks their name and
 * types their PIN, over the screen; true once signed in, false when cancelled (Esc, ^C, which
 * then goes on to the views as from a prompt) with the view below untouched. */
bool tui_sign_in(struct tui *t, enum perm p);

/* Views (the screens of the list, screen.h, are declared there). */
struct view *view_guest_new(struct tui *t, int64_t guest_id);
/* The guest whose card v is (view_guest_new), or 0 when v is no card. */
int64_t view_guest_card_id(const struct view *v);
/* Two guests side by side, to merge other into keep (view_merge.c; ':merge', the duplicates). */
struct view *view_merge_new(struct tui *t, int64_t keep, int64_t other);
struct view *view_visit_new(struct tui *t, int64_t guest_id, int64_t replaces);
/* One alert, with the guest's months up to month. */
struct view *view_alert_new(struct tui *t, int64_t id, struct date month);
/* The guests behind a dashboard figure of month m: what is an enum report_list (tier and grp
 * for the lists of one tier; grp NULL: both groups). */
struct view *view_guests_new(struct tui *t, struct date m, int what, const char *tier,
			     const char *grp);
struct view *view_help_new(struct tui *t, unsigned scope);
struct view *view_form_new(struct tui *t, int64_t guest_id, const char *name, const char *phone);
/* One complaint, and logging one for a guest. */
struct view *view_complaint_new(struct tui *t, int64_t complaint_id);
struct view *view_complaint_form_new(struct tui *t, int64_t guest_id);
/* The forms again as a draft (draft.h) kept them; NULL (with the reason on the status line)
 * when that cannot be. */
struct view *view_form_from_draft(struct tui *t, const struct draft *d);
struct view *view_visit_from_draft(struct tui *t, const struct draft *d);
struct view *view_complaint_form_from_draft(struct tui *t, const struct draft *d);

#endif
