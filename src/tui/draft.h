/* draft.h — what was typed into a form when maitre was cut off (the SSH link dropped: SIGHUP;
 * or SIGTERM), kept for the next start to offer back.
 *
 * One draft per staff login and database: $XDG_STATE_HOME/maitre/drafts/HASH-LOGIN.draft
 * (~/.local/state/maitre/drafts), HASH the FNV-1a hash of the database's absolute path. A file,
 * not a table: it is written with the terminal gone and maybe the database locked by another
 * terminal's write; a temporary file renamed over the draft is atomic and waits for nobody.
 * The file is text: a first line "maitre draft 1", then "KEY VALUE" lines (KEY without spaces;
 * in VALUE a line break is \n and a backslash \\). A key may repeat (a list's items). */
#ifndef MAITRE_DRAFT_H
#define MAITRE_DRAFT_H

#include <stddef.h>

#include "core/strv.h"

struct draft {
	struct strv keys, vals; /* in the order added */
};

/* The draft file of login on database db (malloc'ed). */
char *draft_path(const char *db, const char *login);
/* Adds KEY VALUE (value NULL: nothing added). */
void draft_add(struct draft *d, const char *key, const char *value);
/* Adds KEY and the number n. */
void draft_add_int(struct draft *d, const char *key, long long n);
/* The first value of key, or NULL. */
const char *draft_get(const struct draft *d, const char *key);
/* The first value of key as a number, or def when there is none. */
long long draft_get_int(const struct draft *d, const char *key, long long def);
/* Writes d to path atomically (a temporary file in the same directory, synced, renamed), the
 * directories made as needed; no output to the terminal. 0, or -1 with errno. */
int draft_write(const char *path, const struct draft *d);
/* Reads the draft at path into d (zeroed by the caller): 0; 1 when there is none; -1 when it
 * cannot be read or is not a draft. */
int draft_read(const char *path, struct draft *d);
/* Deletes the draft at path (none: nothing happens). */
void draft_remove(const char *path);
void draft_free(struct draft *d);

#endif
