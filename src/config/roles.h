/* roles.h — reading data/roles.yaml (who may do what; core/access.h) into struct roles. The
 * roles in force are the user's file ($XDG_CONFIG_HOME/maitre/roles.yaml) when there is one,
 * else the installed one, else the copy compiled in. */
#ifndef MAITRE_ROLES_H
#define MAITRE_ROLES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/access.h"

struct strv;

/* Parses and checks len bytes of roles.yaml; name prefixes the diagnostics
 * ("NAME:LINE:COLUMN: what"). Returns 0 with *out filled (free with roles_free), or -1 with
 * every error appended to errors and *out empty. */
int roles_load_text(const char *text, size_t len, const char *name, struct roles *out,
		    struct strv *errors);
/* The file in force (the user's, the installed one, or NULL for the built-in copy), read
 * whole into *text (caller frees; NULL for the built-in copy, roles_builtin_text); *own tells
 * whether it is the user's own file (which only an admin's session takes into force). Returns
 * 0, or -1 with "FILE: cannot read: REASON" in errors. */
int roles_read_in_force(char **path, char **text, size_t *len, bool *own, struct strv *errors);
/* Loads the file at path (check-config): 0 or -1 with its errors. */
int roles_load_file(const char *path, struct roles *out, struct strv *errors);

/* The shipped data/roles.yaml, compiled in (generated), and where it is installed. */
extern const char roles_builtin_text[];
extern const size_t roles_builtin_len;
extern const char roles_pkgdatadir[];
#define ROLES_BUILTIN_NAME "roles.yaml (built in)"

#endif
