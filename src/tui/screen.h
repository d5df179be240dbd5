/* screen.h — the one list of the interface's screens. Everything that names a screen comes
 * from it: the scopes of the action table (SC_*), the actions of the function keys that open
 * screens, the names the ':' line takes (in English and in the interface's language) and
 * their completion, and the sections of the keys ('maitre help keys', maitre(1), the '?'
 * screen). Adding a screen: its view file, one line here, Makefile.am (HACKING.md). */
#ifndef MAITRE_SCREEN_H
#define MAITRE_SCREEN_H

#include <stdint.h>
#include <stdio.h>

/* SCREENS(S, N, K, P): one line per scope, in the order of the sections of 'maitre help keys'.
 * K(P, ID, name, local, title, key, help, open) is a screen that a function key opens (it
 * becomes the global action of that name and key); N(P, ...) the same for a screen opened by
 * name only (key and help NULL); S(P, ...) for a screen opened from another one, or a section
 * of keys that is no screen (name, key and open NULL). P is passed on untouched (action.h's
 * X). The constructors of N and K lines are declared here.
 *   ID     the scope SC_ID and the action ACT_ID
 *   name   as typed on the ':' line, the view's ops name (NULL: not opened by name)
 *   local  the same word marked for translation (:看板)
 *   title  the heading of its keys in 'maitre help keys' and maitre(1)
 *   key    the function key that opens it; help: what the key's action does
 *   open   the constructor: (struct tui *, const char *arg) → struct view * */
#define SCREENS(S, N, K, P)                                                                      \
	S(P, GLOBAL, NULL, NULL, "everywhere", NULL, NULL, NULL)                                    \
	S(P, LIST, NULL, NULL, "lists and pages", NULL, NULL, NULL)                                 \
	S(P, EDIT, NULL, NULL, "typing in a field", NULL, NULL, NULL)                               \
	K(P, LOOKUP, "lookup", NC_(":command", "lookup"), "lookup", "F2",                           \
	  N_("guest lookup (the first screen)"), view_lookup_new)                                   \
	N(P, CARD, "guest", NC_(":command", "guest"), "guest card", NULL, NULL, view_guest_open)   \
	S(P, HISTORY, NULL, NULL, "a guest's history", NULL, NULL, NULL)                           \
	N(P, FORM, "new-guest", NC_(":command", "new-guest"), "forms", NULL, NULL, view_new_guest) \
	K(P, TODAY, "today", NC_(":command", "today"), "today's visits", "F3", N_("today's visits"), \
	  view_today_new)                                                                           \
	S(P, MONTH, NULL, NULL, "screens of a month", NULL, NULL, NULL)                             \
	K(P, DASHBOARD, "dashboard", NC_(":command", "dashboard"), "dashboard", "F4",               \
	  N_("the manager's dashboard"), view_dashboard_new)                                        \
	K(P, SHEET, "sheet", NC_(":command", "sheet"), "attendance sheet", "F5",                    \
	  N_("the monthly attendance sheet"), view_sheet_new)                                       \
	K(P, ALERTS, "alerts", NC_(":command", "alerts"), "alert guests", "F6",                     \
	  N_("alert guests: the red and yellow lists"), view_alerts_new)                            \
	S(P, ALERT, NULL, NULL, "an alert", NULL, NULL, NULL)                                       \
	K(P, COMPLAINTS, "complaints", NC_(":command", "complaints"), "complaints", "F7",           \
	  N_("complaints: open, overdue, mine or all"), view_complaints_new)                        \
	S(P, COMPLAINT, NULL, NULL, "a complaint", NULL, NULL, NULL)                                \
	K(P, AGENDA, "agenda", NC_(":command", "agenda"), "agenda", "F8",                           \
	  N_("the sales manager's agenda: calls, visits, dates"), view_agenda_new)                  \
	K(P, TIERS, "tiers", NC_(":command", "tiers"), "tier rules", "F9",                          \
	  N_("the tier rules in force"), view_tiers_new)                                            \
	S(P, GUESTS, NULL, NULL, "guests behind a figure", NULL, NULL, NULL)                        \
	N(P, IMPORT, "import", NC_(":command", "import"), "import", NULL, NULL, view_import_new)    \
	N(P, DOCTOR, "doctor", NC_(":command", "doctor"), "doctor", NULL, NULL, view_doctor_new)    \
	N(P, MERGE, "merge", NC_(":command", "merge"), "merging two guests", NULL, NULL,            \
	  view_merge_open)                                                                          \
	N(P, DUPLICATES, "duplicates", NC_(":command", "duplicates"), "possible duplicates", NULL,   \
	  NULL, view_duplicates_new)                                                                \
	N(P, HELP, "help", NC_(":command", "help"), "help", NULL, NULL, view_help_open)

/* The permission (core/access.h) opening each screen needs, asked through tui_may whether it is
 * opened by its function key or from the ':' line; a screen not listed needs none. P(id, perm) */
#define SCREEN_PERMS(P)                                                                          \
	P(LOOKUP, PERM_LOOKUP)                                                                    \
	P(FORM, PERM_GUEST_EDIT)                                                                  \
	P(TODAY, PERM_VISIT_LIST)                                                                 \
	P(DASHBOARD, PERM_REPORT)                                                                 \
	P(SHEET, PERM_REPORT)                                                                     \
	P(ALERTS, PERM_ALERT_READ)                                                                \
	P(COMPLAINTS, PERM_COMPLAINT_READ)                                                        \
	P(AGENDA, PERM_CONTACT)                                                                   \
	P(TIERS, PERM_LOOKUP)                                                                     \
	P(IMPORT, PERM_IMPORT)                                                                    \
	P(DOCTOR, PERM_BACKUP)                                                                    \
	P(CARD, PERM_CARD)                                                                        \
	P(MERGE, PERM_MERGE)                                                                      \
	P(DUPLICATES, PERM_MERGE)

/* The scopes, in the order of the list. */
enum screen_id {
#define SCREEN_ID_(p, id, ...) SCREEN_##id,
	SCREENS(SCREEN_ID_, SCREEN_ID_, SCREEN_ID_, )
#undef SCREEN_ID_
	SCREEN_COUNT
};

/* Scope bits: where an action's keys apply. A view has its own scope and may add SC_LIST;
 * SC_GLOBAL is every screen, SC_EDIT a line of text with the focus, SC_MONTH the screens of
 * one month (dashboard, sheet, alerts). */
enum {
#define SCREEN_BIT_(p, id, ...) SC_##id = 1 << SCREEN_##id,
	SCREENS(SCREEN_BIT_, SCREEN_BIT_, SCREEN_BIT_, )
#undef SCREEN_BIT_
};

struct tui;
struct view;

/* The constructors: arg is what was typed after the name on the ':' line (NULL: nothing);
 * each view's file says what it understands. */
#define SCREEN_NO_DECL_(p, ...)
#define SCREEN_DECL_(p, id, name, local, title, key, help, open)                                \
	struct view *open(struct tui *t, const char *arg);
SCREENS(SCREEN_NO_DECL_, SCREEN_DECL_, SCREEN_DECL_, )
#undef SCREEN_DECL_
#undef SCREEN_NO_DECL_

/* A guest's history (view_audit.c), opened from the card: who changed what and when, the
 * newest first; name is the guest's, for the title. */
struct view *view_audit_new(struct tui *t, int64_t guest_id, const char *name);

struct screen_info {
	unsigned scope;    /* SC_ID */
	const char *name;  /* the ':' name (NULL: none) */
	const char *local; /* name marked for translation (NC_), or NULL */
	const char *title; /* the heading of its keys (untranslated: maitre(1) is English) */
	const char *key;   /* the function key that opens it, or NULL */
	struct view *(*open)(struct tui *t, const char *arg); /* NULL: no screen */
};

/* The list, indexed by enum screen_id. */
extern const struct screen_info screen_table[SCREEN_COUNT];

/* The screen whose ':' name is name, in English or in the interface's language ("看板");
 * NULL when none is. */
const struct screen_info *screen_by_name(const char *name);
/* The permission opening s needs (enum perm, SCREEN_PERMS), or -1 when it needs none. */
int screen_perm(const struct screen_info *s);
/* The name of s in the interface's language (its English name when not translated). */
const char *screen_local_name(const struct screen_info *s);
/* 'maitre help keys': the keys of every section, with the bindings of the config file, on
 * out (the source of the KEYS section of maitre(1)). */
void screen_print_keys(FILE *out);

#endif
