/* access.h — who may do what: the permissions, one per action, and the roles that hold them
 * (data/roles.yaml, read by config/roles.c; domain.md §9). The command line, the action table
 * and the `:` line all ask role_may; nothing else decides.
 *
 * A permission either reads (look up, read a card, list) or writes (anything that changes the
 * book, and an export, which is logged). On a shared login (the front desk's one Unix login) a
 * read is done with the shared login's role, a write only by a person who signed in. */
#ifndef MAITRE_ACCESS_H
#define MAITRE_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/i18n.h"

/* Every permission, in the order of the lists of roles.yaml's comments. */
#define PERMS(P)                                                                                   \
	P(PERM_LOOKUP, "lookup", false, N_("look guests up"))                                        \
	P(PERM_CARD, "card", false, N_("read a guest's card and sheet, without the sensitive fields")) \
	P(PERM_GUEST_EDIT, "guest.edit", true, N_("add guests and edit the non-sensitive sheet"))     \
	P(PERM_VISIT_LIST, "visit.list", false, N_("list visits"))                                   \
	P(PERM_VISIT_ENTER, "visit.enter", true, N_("enter today's visits"))                         \
	P(PERM_COMPLAINT_READ, "complaint.read", false, N_("list and read complaints"))              \
	P(PERM_COMPLAINT_LOG, "complaint.log", true, N_("log a complaint"))                          \
	P(PERM_SENSITIVE_OWN, "sensitive.own", false,                                             \
	  N_("see and change the sensitive fields of one's own guests (as their sales manager)"))    \
	P(PERM_CONTACT, "contact", true, N_("the agenda: contacts, gifts, banquets, dates"))         \
	P(PERM_COMPLAINT_HANDLE, "complaint.handle", true,                                      \
	  N_("acknowledge, take steps, resolve and follow up complaints"))                           \
	P(PERM_ALERT_READ, "alert.read", false, N_("list and read alerts"))                          \
	P(PERM_ALERT_FEEDBACK, "alert.feedback", true, N_("give feedback on an alert"))             \
	P(PERM_SENSITIVE_ALL, "sensitive.all", false, N_("see and change every sensitive field"))     \
	P(PERM_VISIT_VOID, "visit.void", true, N_("void a visit"))                                   \
	P(PERM_VISIT_CORRECT, "visit.correct", true, N_("correct a visit"))                          \
	P(PERM_TIER_OVERRIDE, "tier.override", true, N_("override a guest's tier"))                  \
	P(PERM_TIER_RECOMPUTE, "tier.recompute", true, N_("recompute a month's tiers"))              \
	P(PERM_ALERT_MANAGE, "alert.manage", true, N_("raise, act on and close alerts"))             \
	P(PERM_COMPLAINT_CLOSE, "complaint.close", true, N_("close and reopen complaints"))          \
	P(PERM_REPORT, "report", false, N_("reports, the monthly sheet, tier lists and dashboards")) \
	P(PERM_EXPORT, "export", true, N_("export guests and visits (logged)"))                      \
	P(PERM_AUDIT, "audit", false, N_("read and verify the audit trail"))                         \
	P(PERM_BACKUP, "backup", false, N_("back the database up"))                                  \
	P(PERM_STAFF, "staff", true, N_("add, edit and disable staff, set PINs"))                    \
	P(PERM_RULES, "rules", true, N_("the restaurant's settings: the opening date, the rules"))   \
	P(PERM_IMPORT, "import", true, N_("import a guest book or visits, and undo an import"))      \
	P(PERM_MERGE, "merge", true, N_("merge duplicate guests"))                                   \
	P(PERM_ERASE, "erase", true, N_("erase a guest on request"))                                 \
	P(PERM_RESTORE, "restore", true, N_("restore and repair the database"))

enum perm {
#define PERM_ENUM(id, name, writes, help) id,
	PERMS(PERM_ENUM)
#undef PERM_ENUM
	PERM_COUNT
};

/* The name of p as roles.yaml writes it ("visit.void"). */
const char *perm_name(enum perm p);
/* Whether p changes the book (and so needs a person, never a shared login). */
bool perm_writes(enum perm p);
/* What p allows, in English (for `maitre staff roles` and the manual). */
const char *perm_help(enum perm p);
/* The permission named name, or -1. */
int perm_by_name(const char *name);

/* A set of permissions, one bit each. */
typedef uint64_t perm_set;
#define PERM_BIT(p) ((perm_set)1 << (p))

struct role {
	char *name;   /* "receptionist", as staff.role holds it */
	char *label;  /* "前台", for people; may be NULL */
	perm_set may; /* its own and those of the roles it includes */
};

/* The roles in force, in the order of the file: from the least to the most allowed. */
struct roles {
	struct role *v;
	size_t n, cap;
	char *source; /* the file they came from, for messages */
};

void roles_free(struct roles *r);
/* The role named name, or NULL. */
const struct role *roles_find(const struct roles *r, const char *name);
/* Whether role (NULL: no role, nothing allowed) may p. */
bool role_may(const struct role *role, enum perm p);
/* The first role in r's order that may p (the least one), or NULL: the one a refusal names. */
const struct role *roles_first_that_may(const struct roles *r, enum perm p);
/* What a role is called for people: "前台 (receptionist)", or its name without a label; s of n
 * bytes. Returns s. */
const char *role_title(const struct role *role, char *s, size_t n);

/* Whether role may see the sensitive fields of a guest whose sales manager is the staff id
 * guest_manager (0: none) when the person at the terminal is the staff id me. */
bool role_sees_sensitive(const struct role *role, int64_t me, int64_t guest_manager);

#endif
