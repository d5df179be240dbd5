/* match_store.h — who a row of a guest book is (maitre import): a staff member named by login
 * or display name, a guest by exact name and employer. */
#ifndef MAITRE_MATCH_STORE_H
#define MAITRE_MATCH_STORE_H

#include <stdint.h>

#include "store/store.h"

/* The login of the staff member whose login is text (letter case aside) or whose display name
 * is text exactly, into *login (malloc'ed): ST_OK; ST_NOTFOUND when nobody is; ST_INVALID when
 * several people have that display name ("王芳 is the display name of 2 staff: wangf, wangf2"). */
enum store_status match_store_staff(struct store *st, const char *text, char **login);

/* The guest addressed exactly as name who works exactly at employer (the lowest id when
 * several), found through the name's search key: ST_OK with *id, or ST_NOTFOUND. */
enum store_status match_store_guest(struct store *st, const char *name, const char *employer,
				    int64_t *id);

/* ST_OK when guest id is in the book, else ST_NOTFOUND (or the failure). */
enum store_status match_store_guest_id(struct store *st, int64_t id);

/* ST_OK when guest guest_id has a live visit on date (YYYY-MM-DD) at meal ("lunch" or
 * "dinner") with these covers and spend — the same visit, imported again — else ST_NOTFOUND
 * (or the failure). */
enum store_status match_store_visit(struct store *st, int64_t guest_id, const char *date,
				    const char *meal, int covers, int64_t spend_fen);

#endif
