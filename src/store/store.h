/* store.h — the database. The only module (with its siblings in src/store) that speaks SQL.
 *
 * One SQLite file shared by many processes. Every connection sets foreign_keys, busy_timeout,
 * trusted_schema=OFF and synchronous; journal mode WAL by default. Every write transaction
 * starts with BEGIN IMMEDIATE and is short; no transaction is held while waiting for input. */
#ifndef MAITRE_STORE_H
#define MAITRE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct store;

/* Status of every store call. The CLI maps them to exit codes. */
enum store_status {
	ST_OK = 0,
	ST_NOTFOUND,  /* no such guest / visit */
	ST_INVALID,   /* bad input; the message names the field */
	ST_DUPLICATE, /* e.g. a phone that belongs to another guest */
	ST_CONFLICT,  /* someone else changed the record since it was read */
	ST_BUSY,      /* still locked after the busy timeout */
	ST_FULL,      /* disk full */
	ST_READONLY,  /* read-only file or directory */
	ST_CORRUPT,   /* not a maitre database, or damaged */
	ST_IO,        /* any other I/O or database error */
	ST_DENIED,    /* the person acting may not: not on the staff, no role, disabled, or a
	               * shared login that nobody signed in on (store_act_as) */
};

enum store_open_flags {
	STORE_CREATE = 1,   /* create the file (mode 0600, or 0660 in a group-shared dir) */
	STORE_READONLY = 2, /* open read-only */
	STORE_BULK = 4,     /* bulk loading (demo generation): synchronous=OFF, large cache, and
	                     * no audit row per change: the loader writes one with store_log */
	STORE_PRIVATE = 8,  /* with STORE_BULK: a new file that nobody else opens until the loader
	                     * renames it into place, loaded without a journal (a failed load is
	                     * deleted, not rolled back) and, between store_bulk_begin and
	                     * store_bulk_end, without foreign key checks; then WAL and the
	                     * checks are on again */
	STORE_DOCTOR = 16,  /* maitre doctor: neither migrated nor refused for its schema version
	                     * (store_schema_version tells it), and writes allowed on a damaged
	                     * file (the repair) */
};

/* Opens (and with STORE_CREATE creates and migrates) the database at path. On success returns
 * ST_OK and *out (close with store_close). On failure *out is NULL and e (when not NULL) holds
 * the message, its code the status returned. Opening an existing file that is not a maitre database fails with
 * ST_CORRUPT; opening a missing file without STORE_CREATE fails with ST_NOTFOUND. */
enum store_status store_open(const char *path, int flags, struct store **out, struct error *e);
void store_close(struct store *st);

/* The message of the last failed call (static storage inside st, valid until the next call). */
const char *store_errmsg(const struct store *st);
/* When SQLite found the file damaged on this connection (any call of any store function gave
 * SQLITE_CORRUPT or SQLITE_NOTADB; the call returned ST_CORRUPT): what it said and where
 * ("tier_month: database disk image is malformed"); NULL while nothing was found. From then on
 * every write transaction is refused with ST_CORRUPT. */
const char *store_damage(const struct store *st);
/* The message of a damaged database, in English (the interfaces translate it). */
#define STORE_DAMAGED "the database is damaged: run `maitre doctor`"
/* A short English name of a status ("database is busy"). */
const char *store_status_name(enum store_status s);

/* Write transactions. Nested calls join the outermost one (a depth counter); only the
 * outermost commit commits. begin uses BEGIN IMMEDIATE. */
enum store_status store_begin(struct store *st);
enum store_status store_commit(struct store *st);
void store_rollback(struct store *st);

/* A read snapshot over several reads (one read transaction, a SAVEPOINT): every read between
 * begin and end sees the database as at the first of them, whatever other terminals commit
 * meanwhile (a guest's card read whole). Nests inside a write transaction; not for writes
 * (store_begin inside one fails). end releases it. */
enum store_status store_snapshot_begin(struct store *st);
void store_snapshot_end(struct store *st);

/* How long a write waits for another writer's lock before failing with ST_BUSY
 * (default 10000 ms). */
void store_set_busy_timeout(struct store *st, int ms);

/* The Unix login of this process (getpwuid(getuid())). */
const char *store_login(const struct store *st);
/* Who acts: the staff member signed in on this connection (store_act_as), else the Unix login.
 * Every change is audited to them. */
const char *store_actor(const struct store *st);
/* Makes the staff member login (whose PIN was checked: staff_store_check_pin) the author of
 * the changes that follow, or, with NULL, the Unix login again. A shared login (staff.shared)
 * never writes as itself: its writes are refused with ST_DENIED until someone signs in. */
void store_act_as(struct store *st, const char *login);
/* The schema version of the open database (PRAGMA user_version). */
int store_schema_version(struct store *st);
/* Latest schema version this program knows. */
int store_schema_latest(void);
/* PRAGMA data_version: changes when another connection commits. */
int64_t store_data_version(struct store *st);

/* Writes a consistent copy of the database to dest while others keep writing: the snapshot of
 * one read transaction, copied into .DEST.tmp-PID beside dest, checked (integrity and foreign
 * keys), synced, then linked to its name; on any failure, or a kill, nothing is under dest.
 * Fails with ST_INVALID if dest exists. */
enum store_status store_backup(struct store *st, const char *dest);

/* Removes what killed processes left: the regular files of stem's directory named stem's last
 * part, a process id, and perhaps "-journal", "-wal", "-shm" or "-keys" (the bulk load's
 * scratch file) ("/dir/.copy.db.tmp-" removes
 * "/dir/.copy.db.tmp-4242"), whose process is no longer running on this machine. Returns how
 * many were removed. */
int store_remove_stale(const char *stem);

/* How much of the database's pages the connection keeps in memory, in KiB (SQLite's
 * cache_size); 0: back to the default (16 MB). A long write transaction that touches pages
 * all over big indexes (a million imported visits) spills to the file less with more. */
enum store_status store_set_cache(struct store *st, int kib);

/* Whether each change writes its own audit row (on, the default) or the caller keeps the record
 * of a whole operation itself (off: an import, whose batch holds what each row created and
 * changed, and store_log's row). Returns the setting it replaces. */
bool store_set_row_audit(struct store *st, bool on);

/* Labels the audit rows written from now until the open write transaction ends (commit or
 * rollback) as belonging to one operation: op ("import", "undo", "merge", "erase"; at most 15
 * bytes) and its id (the import batch, ...); NULL op: no label. `maitre audit` shows it. */
void store_audit_op(struct store *st, const char *op, int64_t op_id);

/* Writes one audit row that describes a whole operation ("demo: 1000 guests"), in its own
 * transaction unless one is open. */
enum store_status store_log(struct store *st, const char *entity, const char *action,
			    const char *text);

/* Counts for summaries. */
struct store_counts {
	int64_t guests, phones, visits, voided_visits, people, prefs, dates, staff, audit;
	char first_visit[11], last_visit[11];
};
enum store_status store_counts(struct store *st, struct store_counts *c);

#endif
