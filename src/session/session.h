/* session.h — who is at the terminal, and what they may do: the roles in force (roles.yaml,
 * or the last good copy while the file is broken), the Unix login's member of the staff, and
 * on a shared login the person signed in with their PIN. The command line and the interface
 * ask session_may before every action; the store refuses a write that no person would author
 * (store_staff_self), so a forgotten check cannot let "frontdesk" write.
 *
 * Layer: src/session includes core, store and config; cli and tui include it. */
#ifndef MAITRE_SESSION_H
#define MAITRE_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/access.h"
#include "core/guest.h"
#include "core/strv.h"
#include "store/staff_store.h"

struct session {
	struct store *st;
	struct roles roles;  /* in force */
	struct strv diags;   /* what reading roles.yaml said: a broken file's errors */
	bool roles_kept;     /* the file is broken: the last good roles are in force */
	struct staff self;   /* the Unix login's member of the staff; id 0 when not on it */
	struct staff person; /* signed in on a shared login; id 0 when nobody is */
	time_t active;       /* the signed-in person's last action (session_touch) */
};

/* Reads the roles in force and the Unix login's member of the staff from the open st. A
 * broken roles.yaml leaves its errors in s->diags and the last good roles (or, when none was
 * ever recorded, the shipped ones) in force. Returns ST_OK or a store failure. */
enum store_status session_open(struct session *s, struct store *st);
void session_close(struct session *s);

/* The member acting: the person signed in, else the login's member (id 0: not on the staff). */
const struct staff *session_who(const struct session *s);
/* Their role, or NULL (not on the staff, disabled, or a role roles.yaml does not have). */
const struct role *session_role(const struct session *s);
/* Whether the Unix login is a shared one and nobody is signed in on it. */
bool session_needs_person(const struct session *s);

enum session_answer {
	SESSION_YES,
	SESSION_SIGN_IN, /* on a shared login: a person with the right may do it once signed in */
	SESSION_NO,
};
/* Whether the member acting may do p now. */
enum session_answer session_may(const struct session *s, enum perm p);
/* Why p is refused, for people (translated): "void a visit needs the manager (经理) role;
 * 王芳 is 前台 (receptionist)". Caller frees. */
char *session_refusal(const struct session *s, enum perm p);

/* Signs login in on the shared login with pin: on PIN_OK the changes that follow are theirs
 * (store_act_as). *res and *left as staff_store_check_pin; a member of the staff who is
 * disabled or a shared login themselves is PIN_UNUSABLE. ST_NOTFOUND for no such member. */
enum store_status session_sign_in(struct session *s, const char *login, const char *pin,
				  enum pin_result *res, int *left);
/* Signs the person out (^L, or idle): the shared login's role again. */
void session_sign_out(struct session *s);
/* Notes an action of the person signed in at now. */
void session_touch(struct session *s, time_t now);
/* Signs the person out when idle for more than minutes at now; returns whether it did. */
bool session_idle_out(struct session *s, time_t now, int minutes);

/* Whether the member acting may see (and change) the sensitive fields of a guest whose sales
 * manager is the staff id guest_manager (0: none). */
bool session_sees_sensitive(const struct session *s, int64_t guest_manager);
/* session_sees_sensitive for guest id, whose sales manager it reads; false when the guest
 * cannot be read (not found, or a database error): a doubt hides. */
bool session_sees_guest(struct session *s, int64_t guest_id);

struct guest;
/* The parts of g's sheet the member acting may not see, nor change (guest_field_set): none
 * when session_sees_sensitive for g's sales manager, else settings_sensitive_fields(). The
 * one answer the card, the form, guest show and guest edit, guest export and the saves ask. */
guest_field_set session_guest_hidden(const struct session *s, const struct guest *g);
/* "hidden — manager": what a sensitive field reads for someone who may not see it, naming
 * the least role that may (translated; static storage). */
const char *session_hidden(const struct session *s);
/* (s may be NULL: "hidden — ?") */

#endif
