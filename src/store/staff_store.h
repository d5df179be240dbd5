/* staff_store.h — the staff: who works at the restaurant, their role (core/access.h), whether
 * a login is shared by several people, their PIN; and the text of the last good roles file.
 *
 * PINs are kept only as Argon2id strings (libsodium's crypto_pwhash_str), checked in constant
 * time by libsodium; STAFF_PIN_TRIES wrong ones in a row lock the member out for
 * STAFF_PIN_LOCK_SECONDS, and the lockout is audited. */
#ifndef MAITRE_STAFF_STORE_H
#define MAITRE_STAFF_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "store/store.h"

#define STAFF_PIN_TRIES 5
#define STAFF_PIN_LOCK_SECONDS 60
/* A PIN is 4 to 12 digits. */
#define STAFF_PIN_MIN 4
#define STAFF_PIN_MAX 12

struct staff {
	int64_t id;
	char *login;
	char *display_name; /* "王芳"; the login when none was given */
	char *role;         /* a role of roles.yaml, or "staff" (none yet) */
	bool shared;        /* a login several people use */
	bool disabled;
	bool has_pin;
	char *created_at;
	char *disabled_at; /* NULL while enabled */
};

void staff_free(struct staff *s);
void staff_free_all(struct staff *v, size_t n);

/* The member whose login is login: ST_OK, or ST_NOTFOUND ("no staff member ..."). */
enum store_status staff_store_get(struct store *st, const char *login, struct staff *out);
/* The member with id. */
enum store_status staff_store_get_id(struct store *st, int64_t id, struct staff *out);
/* Every member (the disabled ones too when all), by display name then login. */
enum store_status staff_store_list(struct store *st, bool all, struct staff **v, size_t *n);
/* The enabled members whose display name or login contains text (folded: case, full-width), or
 * whose name's pinyin initials or full pinyin start with it, as a sign-in picker finds them; at
 * most max. */
enum store_status staff_store_find(struct store *st, const char *text, size_t max,
				   struct staff **v, size_t *n);

/* Whether login is a login maitre accepts for a member of the staff: 1 to 32 ASCII letters,
 * digits, '.', '_' or '-', not starting with '-' (a Unix login's characters); why not into why
 * (of n bytes) otherwise. */
bool staff_login_valid(const char *login, char *why, size_t n);

/* Adds login to the staff with display name name (NULL: the login) and role, a role of roles;
 * shared marks a login several people use. Audited. Refuses (ST_INVALID) a bad login, an
 * unknown role (the message lists the roles), a shared login with a role that may manage the
 * staff (PERM_STAFF: a shared login never writes as itself, so it could not use it);
 * ST_DUPLICATE a login that is on the staff already (a login named only as a sales manager or
 * an owner is: staff_store_edit gives it a role). The new id into *id (may be NULL). */
enum store_status staff_store_add(struct store *st, const struct roles *roles, const char *login,
				  const char *name, const char *role, bool shared, int64_t *id);

/* What staff_store_edit changes; NULL and -1 leave a thing as it is. */
struct staff_edit {
	const char *name; /* display name */
	const char *role;
	int shared;       /* 1: a shared login, 0: a person's, -1: unchanged */
	int disabled;     /* 1: disable (never deleted), 0: enable again, -1: unchanged */
};
/* Changes login as e says, one audit row per value that changed (old → new), in one
 * transaction; *changed (may be NULL) says whether anything did. Refuses as staff_store_add
 * does, and (ST_CONFLICT) a change that would leave no enabled member of a role that may manage
 * the staff on a login of their own: checked in the write transaction, so two admins demoting
 * each other at once cannot both succeed. ST_NOTFOUND for no such member. */
enum store_status staff_store_edit(struct store *st, const struct roles *roles, const char *login,
				   const struct staff_edit *e, bool *changed);

/* Whether pin is a PIN maitre accepts (STAFF_PIN_MIN to STAFF_PIN_MAX ASCII digits); why not
 * into why (of n bytes) otherwise. */
bool staff_pin_valid(const char *pin, char *why, size_t n);
/* Sets (or, with NULL, removes) login's PIN, audited without its value; resets the count of
 * wrong PINs and any lockout. ST_INVALID for a PIN staff_pin_valid refuses. */
enum store_status staff_store_set_pin(struct store *st, const char *login, const char *pin);

enum pin_result {
	PIN_OK,
	PIN_WRONG,  /* *left: tries left before the lockout */
	PIN_LOCKED, /* *left: seconds the lockout still lasts */
	PIN_NONE,   /* the member has no PIN: an admin sets one (staff pin LOGIN) */
	PIN_UNUSABLE, /* disabled, a shared login, or a role that is not one (staff) */
};
/* Checks pin for login. A wrong one counts towards the lockout (in the database, so every
 * terminal counts alike) and the lockout is audited; a right one resets the count. The result
 * into *res, with *left as pin_result says. ST_NOTFOUND when there is no such member. */
enum store_status staff_store_check_pin(struct store *st, const char *login, const char *pin,
					enum pin_result *res, int *left);

/* The text of the config file name ("roles.yaml") last recorded as good, into *text (caller
 * frees), or NULL when none was. */
enum store_status store_config_text(struct store *st, const char *name, char **text);
/* Records text as the last good config file name, unless it is that already. A read-only
 * database records nothing (ST_OK). */
enum store_status store_config_record(struct store *st, const char *name, const char *text);

#endif
