/* action.h — the one table of the interface's actions: key dispatch, the '?' help screen, the
 * ':' command line, the KEYS section of maitre(1) ('maitre help keys') and rebinding in the
 * config file all come from it. */
#ifndef MAITRE_ACTION_H
#define MAITRE_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "tui/screen.h"

/* The actions of the function keys that open screens come from the list of screens. */
#define SCREEN_ACTION_(X, id, name, local, title, key, help, open) X(id, name, key, SC_GLOBAL, help)
#define SCREEN_NO_ACTION_(X, ...)

/* X(id, name, default keys, scope, help) */
#define ACTIONS(X)                                                                              \
	X(QUIT, "quit", "q F10", SC_GLOBAL, N_("back to the previous screen; quit from the first")) \
	X(BACK, "back", "Esc", SC_GLOBAL, N_("back; in a field: clear it or cancel"))            \
	X(HELP, "help", "? F1", SC_GLOBAL, N_("the keys of this screen"))                        \
	X(COMMAND, "command", ":", SC_GLOBAL, N_("command line: open a screen or run an action by name")) \
	X(REDRAW, "redraw", "^R", SC_GLOBAL, N_("redraw the screen (^L does too)"))                 \
	X(LOCK, "lock", "^L", SC_GLOBAL, N_("lock: sign out whoever signed in on a shared login; redraw")) \
	X(INTERRUPT, "interrupt", "^C", SC_GLOBAL, N_("quit at once; asks first when something typed would be lost")) \
	X(SUSPEND, "suspend", "^Z", SC_GLOBAL, N_("suspend to the shell (fg brings maitre back)")) \
	SCREENS(SCREEN_NO_ACTION_, SCREEN_NO_ACTION_, SCREEN_ACTION_, X)                                           \
	X(GUEST_CARD, "guest-card", "o", SC_ALERTS | SC_ALERT | SC_COMPLAINT, N_("the guest's card")) \
	X(PREV_MONTH, "prev-month", "[ <", SC_MONTH, N_("the month before"))                      \
	X(NEXT_MONTH, "next-month", "] >", SC_MONTH, N_("the month after"))                       \
	X(NEXT_FIGURE, "next-figure", "Tab Right", SC_DASHBOARD, N_("next figure"))               \
	X(PREV_FIGURE, "prev-figure", "BTab Left", SC_DASHBOARD, N_("previous figure"))           \
	X(UP, "up", "k Up", SC_LIST, N_("previous line"))                                        \
	X(DOWN, "down", "j Down", SC_LIST, N_("next line"))                                      \
	X(PAGE_UP, "page-up", "PgUp ^B", SC_LIST, N_("previous page"))                           \
	X(PAGE_DOWN, "page-down", "PgDn ^F Space", SC_LIST, N_("next page"))                     \
	X(TOP, "top", "g Home", SC_LIST, N_("first line"))                                       \
	X(BOTTOM, "bottom", "G End", SC_LIST, N_("last line"))                                   \
	X(OPEN, "open", "Enter", SC_LIST, N_("open the selected line"))                          \
	X(SEARCH, "search", "/ Tab", SC_LOOKUP, N_("type in the query: name, pinyin, initials, phone digits, a tag; #tag filters by tag")) \
	X(NEW_GUEST, "new-guest", "n ^N", SC_LOOKUP, N_("new guest (shows possible matches first)")) \
	X(VISIT, "visit", "v ^V", SC_LOOKUP | SC_CARD, N_("enter a visit of this guest"))        \
	X(EDIT, "edit", "e", SC_CARD, N_("edit the guest's profile"))                            \
	X(CORRECT, "correct", "e", SC_TODAY, N_("correct the visit: void it and enter it again")) \
	X(VOID, "void", "D", SC_TODAY, N_("void the visit (asks for a reason)"))                 \
	X(NEXT_FIELD, "next-field", "Tab Down", SC_FORM, N_("next field"))                        \
	X(PREV_FIELD, "prev-field", "BTab Up", SC_FORM, N_("previous field"))                     \
	X(SUBMIT, "submit", "Enter", SC_FORM, N_("visit: save; profile: next field, or open the list")) \
	X(SAVE, "save", "^S F10", SC_FORM, N_("save (a failed save keeps everything typed)"))    \
	X(NEXT_SECTION, "next-section", "^N", SC_FORM, N_("next group of fields or list"))        \
	X(PREV_SECTION, "prev-section", "^P", SC_FORM, N_("previous group of fields or list"))    \
	X(ADD_ITEM, "add-item", "a Ins", SC_FORM, N_("in a list: add an item"))                   \
	X(DEL_ITEM, "delete-item", "D", SC_FORM, N_("in a list: delete the item (asks first)"))    \
	X(ALERTS_LIGHT, "alerts-light", "l", SC_ALERTS, N_("the light shown: all, red only, yellow only")) \
	X(ALERTS_CLOSED, "alerts-closed", "c", SC_ALERTS, N_("closed alerts too, or open ones only")) \
	X(ALERTS_RAISE, "alerts-raise", "R", SC_ALERTS, N_("raise a complete month's alerts by the rules (asks first)")) \
	X(ALERT_FEEDBACK, "alert-feedback", "f", SC_ALERT, N_("edit the sales manager's feedback")) \
	X(ALERT_ADD, "alert-add-action", "a Ins", SC_ALERT, N_("add an action item (text, then owner)")) \
	X(ALERT_DONE, "alert-done", "d", SC_ALERT, N_("mark the selected action item done, or not done")) \
	X(ALERT_CLOSE, "alert-close", "C", SC_ALERT, N_("close the alert with an outcome (asks first)")) \
	X(AGENDA_STAFF, "agenda-staff", "s", SC_AGENDA, N_("another sales manager's agenda (asks for the login)")) \
	X(AGENDA_CONTACT, "agenda-contact", "c", SC_AGENDA, N_("log a contact with the guest: channel and outcome")) \
	X(AGENDA_GIFT, "agenda-gift", "m", SC_AGENDA, N_("mark the date's gift given (asks first)")) \
	X(LOG_COMPLAINT, "log-complaint", "C", SC_CARD, N_("log a complaint from this guest"))     \
	X(HISTORY, "history", "h", SC_CARD, N_("the guest's history: who changed what, and when")) \
	X(CP_LIST, "next-list", "l", SC_COMPLAINTS, N_("the next list: open, overdue, mine, all")) \
	X(CP_OPEN, "list-open", "o", SC_COMPLAINTS, N_("the complaints not closed"))        \
	X(CP_OVERDUE, "list-overdue", "d", SC_COMPLAINTS, N_("the complaints past a deadline")) \
	X(CP_MINE, "list-mine", "m", SC_COMPLAINTS, N_("the complaints you own, not closed")) \
	X(CP_ALL, "list-all", "a", SC_COMPLAINTS, N_("every complaint, closed ones too"))   \
	X(CP_CATEGORY, "by-category", "c", SC_COMPLAINTS, N_("only one category (asks; empty: any)")) \
	X(CP_SEVERITY, "by-severity", "s", SC_COMPLAINTS, N_("only one severity (asks; empty: any)")) \
	X(CP_ACK, "acknowledge", "a", SC_COMPLAINT, N_("acknowledge the complaint (an optional note)")) \
	X(CP_STEP, "tick-step", "1 2 3 4 5", SC_COMPLAINT, N_("tick or untick that recovery step")) \
	X(CP_RESOLVE, "resolve", "r", SC_COMPLAINT, N_("resolve: what was done, and any compensation")) \
	X(CP_FOLLOWUP, "follow-up", "f", SC_COMPLAINT, N_("the follow-up call: the guest's verdict and a note")) \
	X(CP_CLOSE, "close-case", "C", SC_COMPLAINT, N_("close the complaint (asks first)")) \
	X(CP_REOPEN, "reopen", "R", SC_COMPLAINT, N_("reopen the complaint (asks for the reason)")) \
	X(GUEST, "guest", "#", SC_CARD, N_("another guest's card by number (asks for it); ':guest 12' from anywhere")) \
	X(MERGE_WITH, "merge-with", "M", SC_CARD, N_("merge another guest into this one (asks for the number)")) \
	X(ERASE, "erase", "X", SC_CARD, N_("erase the guest on their request (asks the reason, then again)")) \
	X(MERGE_KEEP, "take-kept", "Left", SC_MERGE, N_("keep this field's value from the guest kept")) \
	X(MERGE_OTHER, "take-other", "Right", SC_MERGE, N_("take this field's value from the other guest")) \
	X(MERGE_TOGGLE, "choose", "Space", SC_MERGE, N_("the other value of this field")) \
	X(MERGE_SWAP, "swap", "s", SC_MERGE, N_("swap which guest is kept")) \
	X(MERGE, "merge", "Enter ^S", SC_MERGE, N_("merge the other guest into the one kept (asks first)")) \
	X(DUPLICATES, "duplicates", "R", SC_DUPLICATES, N_("the guests who may be one person; on that screen, look again")) \
	X(NOT_SAME, "not-same", "x", SC_DUPLICATES, N_("the two are two people: never offer them again (asks first)")) \
	X(LEFT, "left", "Left", SC_EDIT, N_("cursor left"))                                       \
	X(RIGHT, "right", "Right", SC_EDIT, N_("cursor right"))                                   \
	X(BOL, "line-start", "Home ^A", SC_EDIT, N_("start of the field"))                        \
	X(EOL, "line-end", "End ^E", SC_EDIT, N_("end of the field"))                             \
	X(BACKSPACE, "backspace", "Backspace", SC_EDIT, N_("delete the character before the cursor")) \
	X(DELETE, "delete", "Del ^D", SC_EDIT, N_("delete the character under the cursor"))      \
	X(KILL, "kill-line", "^U", SC_EDIT, N_("clear the field"))                               \
	X(KILL_WORD, "kill-word", "^W", SC_EDIT, N_("delete the word before the cursor"))        \
	X(DAYS_LEFT, "days-left", "Left h", SC_SHEET, N_("the day before (scroll the days)"))      \
	X(DAYS_RIGHT, "days-right", "Right l", SC_SHEET, N_("the day after (scroll the days)"))    \
	X(DAYS_PAGE_LEFT, "page-left", "H", SC_SHEET, N_("a page of days back")) \
	X(DAYS_PAGE_RIGHT, "page-right", "L", SC_SHEET, N_("a page of days on"))             \
	X(SHEET_FILTER, "sheet-filter", "f", SC_SHEET, N_("filter by tier or sales manager (asks)")) \
	X(SHEET_UNFILTER, "sheet-all", "c", SC_SHEET, N_("clear the filter: all guests"))            \
	X(SHEET_EXPORT, "sheet-export", "x", SC_SHEET, N_("export the sheet to a CSV file (asks for the file)")) \
	X(RELOAD_RULES, "reload-rules", "R", SC_TIERS, N_("read tiers.yaml again (a broken file changes nothing)")) \
	X(IMPORT, "import", "y", SC_IMPORT, N_("import the rows shown; with rows refused, the good ones only")) \
	X(IMPORT_NO, "cancel-import", "n", SC_IMPORT, N_("leave without importing: nothing is written")) \
	X(DOCTOR, "doctor", "R", SC_DOCTOR, N_("check the database again (maitre doctor's checks, read-only)"))

/* The permission (core/access.h) each action needs, asked through tui_may before it runs: on a
 * shared login with nobody signed in, "who are you?" first; refused, the status line says why.
 * An action not listed needs none (moving, help, the frame's own; the function keys' screens
 * ask theirs, SCREEN_PERMS of screen.h); a form asks its own when it saves. P(id, perm) */
#define ACTION_PERMS(P)                                                                          \
	P(GUEST_CARD, PERM_CARD)                                                                  \
	P(NEW_GUEST, PERM_GUEST_EDIT)                                                             \
	P(VISIT, PERM_VISIT_ENTER)                                                                \
	P(EDIT, PERM_GUEST_EDIT)                                                                  \
	P(CORRECT, PERM_VISIT_CORRECT)                                                            \
	P(VOID, PERM_VISIT_VOID)                                                                  \
	P(ALERTS_RAISE, PERM_ALERT_MANAGE)                                                        \
	P(ALERT_FEEDBACK, PERM_ALERT_FEEDBACK)                                                    \
	P(ALERT_ADD, PERM_ALERT_MANAGE)                                                           \
	P(ALERT_DONE, PERM_ALERT_MANAGE)                                                          \
	P(ALERT_CLOSE, PERM_ALERT_MANAGE)                                                         \
	P(AGENDA_STAFF, PERM_CONTACT)                                                             \
	P(AGENDA_CONTACT, PERM_CONTACT)                                                           \
	P(AGENDA_GIFT, PERM_CONTACT)                                                              \
	P(LOG_COMPLAINT, PERM_COMPLAINT_LOG)                                                      \
	P(CP_ACK, PERM_COMPLAINT_HANDLE)                                                          \
	P(CP_STEP, PERM_COMPLAINT_HANDLE)                                                         \
	P(CP_RESOLVE, PERM_COMPLAINT_HANDLE)                                                      \
	P(CP_FOLLOWUP, PERM_COMPLAINT_HANDLE)                                                     \
	P(CP_CLOSE, PERM_COMPLAINT_CLOSE)                                                         \
	P(CP_REOPEN, PERM_COMPLAINT_CLOSE)                                                        \
	P(SHEET_EXPORT, PERM_EXPORT)                                                              \
	P(IMPORT, PERM_IMPORT)                                                                    \
	P(HISTORY, PERM_CARD)                                                                     \
	P(DOCTOR, PERM_BACKUP)                                                                    \
	P(MERGE_WITH, PERM_MERGE)                                                                 \
	P(ERASE, PERM_ERASE)                                                                      \
	P(MERGE, PERM_MERGE)                                                                      \
	P(NOT_SAME, PERM_MERGE)

#ifndef N_
#define N_(s) (s)
#endif

enum action {
	ACT_NONE = 0,
#define X(id, name, keys, scope, help) ACT_##id,
	ACTIONS(X)
#undef X
	ACT_COUNT,
	ACT_CHAR = ACT_COUNT, /* a printable character for the focused field */
};

struct action_info {
	const char *name;
	const char *keys; /* default keys, space-separated ("k Up") */
	unsigned scope;
	const char *help; /* untranslated; translate with gettext */
};

/* The table, indexed by enum action (entry 0 unused). */
extern const struct action_info action_table[ACT_COUNT];
/* The action called name, or ACT_NONE. */
enum action action_by_name(const char *name);
/* The permission action a needs (enum perm, ACTION_PERMS), or -1 when it needs none. */
int action_perm(enum action a);

/* Keys: a character is its code point; a function key is its curses code | KEYF. */
#define KEYF 0x1000000
/* Parses one key name ("q", "^L", "Enter", "F2", "PgDn", "Space", a UTF-8 character) into a
 * key; -1 when it names no key. */
int key_parse(const char *s);
/* Whether key is a printable character (what a text field takes). */
bool key_printable(int key);
/* The name of a key, as key_parse reads it; into buf (at least 16 bytes). */
const char *key_label(int key, char *buf);

struct key_binding {
	int key;
	unsigned scope;
	enum action action;
};

struct keymap {
	struct key_binding *v;
	size_t n, cap;
};

/* The default bindings of the table. */
void keymap_defaults(struct keymap *m);
/* Replaces the keys of action name by keys ("F5 r"): 0, or -1 with the reason in e. */
int keymap_bind(struct keymap *m, const char *name, const char *keys, struct error *e);
/* The action of key in the first of the scopes (tried in the order given by scopes[], n of
 * them) that binds it; ACT_NONE when none does. */
enum action keymap_lookup(const struct keymap *m, int key, const unsigned *scopes, size_t n);
/* The keys bound to action a in scope, as "k, Up", into buf. */
const char *keymap_keys(const struct keymap *m, enum action a, char *buf, size_t len);
void keymap_free(struct keymap *m);

#endif
