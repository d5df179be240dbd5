/* backup_store.h — the backups of a database: the backup folder where `maitre backup` puts
 * them, the backups in it (listed, counted, pruned), what a backup holds, and the restore of
 * one into the live database (`maitre restore`).
 *
 * A backup of /srv/maitre/shop.db made at 18:45:01 on 23 November 2026 is
 * /srv/maitre/backups/shop-2026-11-23-184501.db; the copy of the file a restore replaced
 * carries a tag, shop-2026-11-23-184501-pre-restore.db. Files so named beside the database
 * (where maitre put them before it had a folder) are backups too; nothing else is.
 *
 * The functions that read files (backup_files, backup_inspect) write nothing; a screen may
 * call them for a preview, then store_restore to do it. */
#ifndef MAITRE_BACKUP_STORE_H
#define MAITRE_BACKUP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/strv.h"
#include "store/store.h"

/* The folder's name, beside the database. */
#define BACKUP_DIR "backups"
/* The tag of the copy a restore keeps of the file it replaces. */
#define BACKUP_TAG_RESTORE "pre-restore"

/* The backup folder of the database db ("/srv/maitre/backups" for /srv/maitre/shop.db,
 * "backups" for a bare name). Caller frees. */
char *backup_dir(const char *db);
/* The path of a new backup of db made at now ("YYYY-MM-DD HH:MM:SS", date_now_stamp's clock),
 * in its backup folder:
 * STEM-YYYY-MM-DD-HHMMSS.db, or STEM-YYYY-MM-DD-HHMMSS-TAG.db with tag (lowercase letters,
 * digits and '-'); STEM is db's file name without ".db". A name taken already (a backup in
 * the same second) gets -2, -3 ... after the tag (or as the tag). Caller frees. */
char *backup_new_path(const char *db, const char *now, const char *tag);
/* Makes db's backup folder unless it is there: mode 0700, or 0770 when the database's
 * directory is shared with a group (setgid, or group-writable and not world-writable), so
 * that those who share the database share its backups. 0, or -1 with e set. */
int backup_dir_make(const char *db, struct error *e);

struct backup_file {
	char *path;
	char made[20]; /* when it was made, from its name: "YYYY-MM-DD HH:MM:SS" */
	char tag[32];  /* "" or the tag of its name ("pre-restore"; without the -2 of a name
	                * taken) */
	int64_t size;  /* bytes */
};
struct backup_files {
	struct backup_file *v;
	size_t n;
};
/* The backups of db, the oldest first: the regular files named as backups of db in its
 * backup folder and beside it. 0, or -1 with e set when a folder that is there cannot be
 * read (a missing folder holds none). */
int backup_files(const char *db, struct backup_files *out, struct error *e);
void backup_files_free(struct backup_files *f);
/* How many backups db has (backup_files): what is outside the file (`guest erase` says it);
 * -1 when a folder cannot be read. */
long backup_count(const char *db);

/* What a database holds, for the restore's comparison and the list of backups. */
struct backup_info {
	int schema;            /* its schema version (PRAGMA user_version) */
	int64_t guests;        /* rows of guest (merged and erased ones included) */
	int64_t visits;        /* live visits */
	char last_change[20];  /* the newest audit row's time, "" when none */
	char last_visit[11];   /* the newest live visit's date, "" when none */
	char made[20];         /* when it was made: the stamp of its name, else the file's time */
	int64_t size;          /* bytes */
	int page_size;
};
/* What the file at path holds, read without writing anything (a read-only connection). With
 * check, SQLite's integrity_check and foreign_key_check run first. Fails with ST_NOTFOUND (no
 * such file), ST_CORRUPT (not an SQLite file, not a maitre database, or damaged: the first
 * problem named), ST_INVALID (a schema newer than this maitre's: both versions named), with
 * the message in e. An older schema is not refused: the restore migrates it. */
enum store_status backup_inspect(const char *path, bool check, struct backup_info *out,
				 struct error *e);
/* The same of the open database st (made: its file's time). */
enum store_status backup_inspect_store(struct store *st, struct backup_info *out);

/* Another process that has the database db open, seen by the locks SQLite's connections
 * hold on it and on its WAL index (db-shm), as Linux lists them in /proc/locks: a connection
 * in WAL mode (maitre's) holds one from its first read until it is closed, a running
 * interface included; in the rollback journal mode only while it reads or writes. Returns
 * its process id, 0 when none is seen (or /proc/locks cannot be read: not Linux), with
 * *writing telling whether it holds the write lock. Locks of this process are not counted.
 * Not seen: a process on another machine (a network file system), one that opened the file
 * and has not read it yet. */
long backup_other_user(const char *db, bool *writing);

/* ST_OK when nothing keeps st's database from being restored now from the file path: path is
 * not the database itself (ST_INVALID), no other process has it
 * open (backup_other_user) and its write lock is free (BEGIN EXCLUSIVE, with a short wait);
 * else ST_BUSY, the process named. store_restore asks again; a preview asks first. */
enum store_status store_restore_ready(struct store *st, const char *path);

/* Replaces the contents of st's database by those of the backup at path (checked by the
 * caller with backup_inspect): refused with ST_BUSY while another process has the database
 * open (backup_other_user) or holds its write lock; else the current file is kept as keep
 * (store_backup: ST_INVALID when keep exists), then the backup's pages are copied into the
 * live database through SQLite's online backup, in one write transaction of st's connection,
 * so that a connection reads the old database or the new one, never a mix, and the WAL stays
 * the live file's. A backup of an older schema is then migrated; last, an audit row (op
 * 'restore') says who restored it from where, and where the replaced file is. The person
 * acting is registered on the restored file's staff (without a role) when it does not know
 * them. After it, a session read from st is stale: open it again. */
enum store_status store_restore(struct store *st, const char *path, const char *keep);

/* Removes the backups of db made before the day before ("YYYY-MM-DD"), as backup_files lists
 * them; removed (when not NULL) receives the paths removed. Returns how many were removed, or
 * -1 with e set at the first that could not be (those before it are gone). */
long backup_prune(const char *db, const char *before, struct strv *removed, struct error *e);

#endif
