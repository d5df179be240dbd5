#include "config.h"

#include "store/backup_store.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/xalloc.h"
#include "store/store_int.h"

/* The locks SQLite's unix VFS takes in a WAL index (os_unix.c): the write lock is the first
 * byte at UNIX_SHM_BASE, and every connection holds the "dead man switch" byte UNIX_SHM_DMS
 * shared while it has the index open. In the database file (os.h): the RESERVED byte a
 * writer of the rollback journal mode holds, at PENDING_BYTE + 1. */
#define SHM_WRITE_LOCK 120
#define SHM_DMS 128
#define DB_RESERVED_BYTE 0x40000001LL

/* db's file name without its directory and ".db": "shop" of "/srv/maitre/shop.db". */
static char *stem_of(const char *db)
{
	const char *slash = strrchr(db, '/');
	const char *name = slash ? slash + 1 : db;
	size_t n = strlen(name);
	if (n > 3 && strcmp(name + n - 3, ".db") == 0)
		n -= 3;
	return xstrndup(name, n);
}

char *backup_dir(const char *db)
{
	const char *slash = strrchr(db, '/');
	if (!slash)
		return xstrdup(BACKUP_DIR);
	return xasprintf("%.*s/" BACKUP_DIR, (int)(slash - db), db);
}

char *backup_new_path(const char *db, const char *now, const char *tag)
{
	/* "2026-11-23 18:45:01" → "2026-11-23-184501" */
	char stamp[20];
	snprintf(stamp, sizeof stamp, "%.10s-%.2s%.2s%.2s", now, now + 11, now + 14, now + 17);
	char *dir = backup_dir(db), *stem = stem_of(db);
	char *p = xasprintf("%s/%s-%s%s%s.db", dir, stem, stamp, tag ? "-" : "", tag ? tag : "");
	/* a name taken (twice in one second): -2, -3 ... after the tag */
	for (int n = 2; access(p, F_OK) == 0 && n < 1000; n++) {
		free(p);
		p = xasprintf("%s/%s-%s-%s%s%d.db", dir, stem, stamp, tag ? tag : "", tag ? "-" : "",
			      n);
	}
	free(dir);
	free(stem);
	return p;
}

int backup_dir_make(const char *db, struct error *e)
{
	char *dir = backup_dir(db);
	char parent[4096];
	store_dir_of(db, parent, sizeof parent);
	mode_t mode = store_dir_shared(parent) ? 0770 : 0700;
	int rc = 0;
	if (mkdir(dir, mode) == 0) {
		chmod(dir, mode); /* umask may have taken group bits away */
	} else if (errno != EEXIST) {
		error_set(e, ST_READONLY, "%s: cannot create the backup folder: %s", dir,
			  strerror(errno));
		rc = -1;
	}
	free(dir);
	return rc;
}

/* Whether name is a backup of the database whose stem is stem (STEM-YYYY-MM-DD-HHMMSS.db or
 * STEM-YYYY-MM-DD-HHMMSS-TAG.db); then its time into made and its tag into tag. */
static bool backup_name(const char *name, const char *stem, char made[20], char tag[32])
{
	size_t n = strlen(stem);
	if (strncmp(name, stem, n) != 0 || name[n] != '-')
		return false;
	const char *p = name + n + 1;
	static const char shape[] = "dddd-dd-dd-dddddd";
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)p[i]) : p[i] != shape[i])
			return false;
	/* a time maitre can have made: a file named by hand with another is nobody's backup */
	char ymd[11];
	struct date d;
	snprintf(ymd, sizeof ymd, "%.10s", p);
	int hh = (p[11] - '0') * 10 + p[12] - '0', mm = (p[13] - '0') * 10 + p[14] - '0',
	    ss = (p[15] - '0') * 10 + p[16] - '0';
	if (!date_parse(ymd, &d) || hh > 23 || mm > 59 || ss > 59)
		return false;
	const char *rest = p + sizeof shape - 1;
	size_t len = strlen(rest);
	if (len < 3 || strcmp(rest + len - 3, ".db") != 0)
		return false;
	len -= 3;
	tag[0] = '\0';
	if (len > 0) {
		if (rest[0] != '-' || len == 1 || len - 1 >= 32 || rest[1] == '-')
			return false;
		for (size_t i = 1; i < len; i++)
			if (!islower((unsigned char)rest[i]) && !isdigit((unsigned char)rest[i]) &&
			    rest[i] != '-')
				return false;
		memcpy(tag, rest + 1, len - 1);
		tag[len - 1] = '\0';
		/* the -2 of a second backup in the same second is no kind of its own */
		size_t k = strlen(tag);
		while (k > 0 && isdigit((unsigned char)tag[k - 1]))
			k--;
		if (k < strlen(tag) && (k == 0 || tag[k - 1] == '-'))
			tag[k > 0 ? k - 1 : 0] = '\0';
	}
	snprintf(made, 20, "%.10s %.2s:%.2s:%.2s", p, p + 11, p + 13, p + 15);
	return true;
}

/* Adds the backups of stem found in dir to out. 0, or -1 with e set. */
static int scan_dir(const char *dir, const char *stem, struct backup_files *out, struct error *e)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		error_set(e, ST_IO, "%s: cannot read the folder: %s", dir, strerror(errno));
		return -1;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		struct backup_file f;
		struct stat sb;
		if (!backup_name(de->d_name, stem, f.made, f.tag) ||
		    fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(sb.st_mode))
			continue;
		f.path = strcmp(dir, ".") == 0 ? xstrdup(de->d_name)
					       : xasprintf("%s/%s", dir, de->d_name);
		f.size = (int64_t)sb.st_size;
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		out->v[out->n++] = f;
	}
	closedir(d);
	return 0;
}

static int by_made(const void *a, const void *b)
{
	const struct backup_file *x = a, *y = b;
	int c = strcmp(x->made, y->made);
	return c ? c : strcmp(x->path, y->path);
}

int backup_files(const char *db, struct backup_files *out, struct error *e)
{
	out->v = NULL;
	out->n = 0;
	char *stem = stem_of(db), *dir = backup_dir(db);
	char beside[4096];
	store_dir_of(db, beside, sizeof beside);
	int rc = scan_dir(dir, stem, out, e);
	if (rc == 0)
		rc = scan_dir(beside, stem, out, e);
	free(stem);
	free(dir);
	if (rc < 0) {
		backup_files_free(out);
		return -1;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, by_made);
	return 0;
}

void backup_files_free(struct backup_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].path);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

long backup_count(const char *db)
{
	struct backup_files f;
	if (backup_files(db, &f, NULL) < 0)
		return -1;
	long n = (long)f.n;
	backup_files_free(&f);
	return n;
}

long backup_prune(const char *db, const char *before, struct strv *removed, struct error *e)
{
	struct backup_files f;
	if (backup_files(db, &f, e) < 0)
		return -1;
	long n = 0;
	for (size_t i = 0; i < f.n; i++) {
		if (strncmp(f.v[i].made, before, 10) >= 0)
			continue;
		if (unlink(f.v[i].path) != 0 && errno != ENOENT) {
			error_set(e, ST_IO, "%s: cannot remove: %s", f.v[i].path, strerror(errno));
			n = -1;
			break;
		}
		if (removed)
			strv_push(removed, f.v[i].path);
		n++;
	}
	backup_files_free(&f);
	return n;
}

/* The one text (or NULL: "") sql reads from db into buf of n bytes: an SQLite result code. */
static int read_text(sqlite3 *db, const char *sql, char *buf, size_t n)
{
	sqlite3_stmt *s;
	buf[0] = '\0';
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_col_copy(s, 0, buf, n);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Fills what db holds into out (not made nor size). An SQLite result code. */
static int read_info(sqlite3 *db, struct backup_info *out)
{
	int64_t v;
	int rc = store_db_int(db, "PRAGMA user_version", &v);
	out->schema = (int)v;
	if (rc == SQLITE_OK)
		rc = store_db_int(db, "PRAGMA page_size", &v);
	out->page_size = (int)v;
	if (rc == SQLITE_OK)
		rc = store_db_int(db, "SELECT count(*) FROM guest", &out->guests);
	if (rc == SQLITE_OK)
		rc = store_db_int(db, "SELECT count(*) FROM visit WHERE voided_at IS NULL", &out->visits);
	if (rc == SQLITE_OK)
		rc = read_text(db, "SELECT max(date) FROM visit WHERE voided_at IS NULL",
			       out->last_visit, sizeof out->last_visit);
	if (rc == SQLITE_OK)
		rc = read_text(db, "SELECT at FROM audit ORDER BY id DESC LIMIT 1", out->last_change,
			       sizeof out->last_change);
	return rc;
}

/* The file's modification time, local, into made. */
static void file_time(const struct stat *sb, char made[20])
{
	struct tm tm;
	localtime_r(&sb->st_mtime, &tm);
	strftime(made, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* The first problem integrity_check and foreign_key_check find in db into why (n bytes);
 * false when there is none. A check that cannot run is a problem: what SQLite said. */
static bool check_problem(sqlite3 *db, char *why, size_t n)
{
	char first[256];
	int rc = read_text(db, "PRAGMA integrity_check(1)", first, sizeof first);
	if (rc != SQLITE_OK) {
		snprintf(why, n, "integrity_check: %s", sqlite3_errmsg(db));
		return true;
	}
	if (strcmp(first, "ok") != 0) {
		snprintf(why, n, "integrity_check: %s", store_check_line(first));
		return true;
	}
	sqlite3_stmt *s;
	rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
		snprintf(why, n, "foreign_key_check: a row of %s (rowid %lld) leads nowhere",
			 (const char *)sqlite3_column_text(s, 0), (long long)sqlite3_column_int64(s, 1));
	else if (rc != SQLITE_DONE)
		snprintf(why, n, "foreign_key_check: %s", sqlite3_errmsg(db));
	sqlite3_finalize(s);
	return rc != SQLITE_DONE;
}

/* The failure of an SQLite call on the file path into e: damage and a file SQLite cannot read
 * as a database are ST_CORRUPT. */
static enum store_status inspect_fail(struct error *e, const char *path, sqlite3 *db, int rc)
{
	int prim = rc & 0xFF;
	if (prim == SQLITE_NOTADB) {
		error_set(e, ST_CORRUPT, "%s: not an SQLite database (%s)", path, sqlite3_errstr(rc));
		return ST_CORRUPT;
	}
	if (prim == SQLITE_CORRUPT) {
		error_set(e, ST_CORRUPT, "%s: damaged (%s)", path, db ? sqlite3_errmsg(db)
									: sqlite3_errstr(rc));
		return ST_CORRUPT;
	}
	enum store_status s = prim == SQLITE_BUSY ? ST_BUSY : prim == SQLITE_CANTOPEN ? ST_READONLY
											   : ST_IO;
	error_set(e, s, "%s: %s", path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	return s;
}

enum store_status backup_inspect(const char *path, bool check, struct backup_info *out,
				 struct error *e)
{
	memset(out, 0, sizeof *out);
	struct stat sb;
	if (stat(path, &sb) != 0) {
		int err = errno;
		enum store_status s = err == ENOENT ? ST_NOTFOUND : ST_IO;
		error_set(e, s, "%s: %s", path, err == ENOENT ? "no such file" : strerror(err));
		return s;
	}
	if (!S_ISREG(sb.st_mode)) {
		error_set(e, ST_INVALID, "%s: not a file", path);
		return ST_INVALID;
	}
	out->size = (int64_t)sb.st_size;
	char tag[32];
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	const char *dash = strchr(name, '-');
	/* its name's stamp, whatever the database it was named after */
	bool named = false;
	for (; dash && !named; dash = strchr(dash + 1, '-')) {
		char *stem = xstrndup(name, (size_t)(dash - name));
		named = backup_name(name, stem, out->made, tag);
		free(stem);
	}
	if (!named)
		file_time(&sb, out->made);

	sqlite3 *db = NULL;
	enum store_status s = ST_OK;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	int64_t appid = 0, ver = 0, objects = 0;
	if (rc == SQLITE_OK)
		rc = store_db_int(db, "PRAGMA application_id", &appid);
	if (rc == SQLITE_OK)
		rc = store_db_int(db, "PRAGMA user_version", &ver);
	if (rc == SQLITE_OK)
		rc = store_db_int(db, "SELECT count(*) FROM sqlite_master", &objects);
	if (rc != SQLITE_OK) {
		s = inspect_fail(e, path, db, rc);
		goto out;
	}
	if (appid != STORE_APPLICATION_ID || ver <= 0) {
		error_set(e, ST_CORRUPT, "%s: not a maitre database (%s)", path,
			  objects ? "another program's SQLite file" : "an empty SQLite file");
		s = ST_CORRUPT;
		goto out;
	}
	if (ver > store_schema_latest()) {
		error_set(e, ST_INVALID,
			  "%s: schema version %lld is newer than this maitre knows (%d): restore it "
			  "with a maitre as new as the one that made it",
			  path, (long long)ver, store_schema_latest());
		s = ST_INVALID;
		goto out;
	}
	char why[300];
	if (check && check_problem(db, why, sizeof why)) {
		error_set(e, ST_CORRUPT, "%s: damaged: %s", path, why);
		s = ST_CORRUPT;
		goto out;
	}
	if ((rc = read_info(db, out)) != SQLITE_OK)
		s = inspect_fail(e, path, db, rc);
out:
	sqlite3_close(db);
	return s;
}

enum store_status backup_inspect_store(struct store *st, struct backup_info *out)
{
	memset(out, 0, sizeof *out);
	const char *path = sqlite3_db_filename(st->db, "main");
	struct stat sb;
	if (path && stat(path, &sb) == 0) {
		out->size = (int64_t)sb.st_size;
		file_time(&sb, out->made);
	}
	int rc = read_info(st->db, out);
	return rc == SQLITE_OK ? ST_OK : store_sqlfail(st, rc, "the database");
}

/* Whether the lock line of /proc/locks ("1: POSIX  ADVISORY  READ 4242 08:02:1311 128 128")
 * is another process's POSIX lock on the file sb covering byte at; its pid into *pid and
 * whether it is a write lock into *write. */
static bool lock_on(const char *line, const struct stat *sb, long long at, long *pid,
		    bool *write)
{
	char kind[16], type[16], end[24];
	long p;
	unsigned maj, min;
	unsigned long ino;
	long long start;
	if (sscanf(line, "%*d: %15s %*s %15s %ld %x:%x:%lu %lld %23s", kind, type, &p, &maj, &min,
		   &ino, &start, end) != 8)
		return false; /* a waiter's line ("1: -> POSIX ...") among others */
	if (strcmp(kind, "POSIX") != 0 && strcmp(kind, "OFDLCK") != 0)
		return false;
	if (ino != (unsigned long)sb->st_ino || maj != major(sb->st_dev) ||
	    min != minor(sb->st_dev) || p == (long)getpid())
		return false;
	long long last = strcmp(end, "EOF") == 0 ? -1 : atoll(end);
	if (start > at || (last >= 0 && last < at))
		return false;
	*pid = p;
	*write = strcmp(type, "WRITE") == 0;
	return true;
}

long backup_other_user(const char *db, bool *writing)
{
	*writing = false;
	struct stat dbs, shms;
	char *shm = xasprintf("%s-shm", db);
	bool have_db = stat(db, &dbs) == 0, have_shm = stat(shm, &shms) == 0;
	free(shm);
	FILE *f = fopen("/proc/locks", "re");
	if (!f || !(have_db || have_shm)) {
		if (f)
			fclose(f);
		return 0;
	}
	char line[256];
	long who = 0;
	while (fgets(line, sizeof line, f)) {
		long pid;
		bool w;
		/* the write lock of the WAL or of the rollback journal first: the one to name */
		if ((have_shm && lock_on(line, &shms, SHM_WRITE_LOCK, &pid, &w) && w) ||
		    (have_db && lock_on(line, &dbs, DB_RESERVED_BYTE, &pid, &w))) {
			who = pid;
			*writing = true;
			break;
		}
		if (!who && ((have_shm && lock_on(line, &shms, SHM_DMS, &pid, &w)) ||
			     (have_db && lock_on(line, &dbs, DB_RESERVED_BYTE + 1, &pid, &w))))
			who = pid;
	}
	fclose(f);
	return who;
}

enum store_status store_restore_ready(struct store *st, const char *path)
{
	const char *db = sqlite3_db_filename(st->db, "main");
	struct stat a, b;
	if (!db || !*db)
		return store_fail(st, ST_IO, "internal: restore of a database without a file");
	if (stat(path, &a) == 0 && stat(db, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return store_fail(st, ST_INVALID, "%s: is the database itself", path);
	bool writing;
	long pid = backup_other_user(db, &writing);
	if (pid)
		return store_fail(st, ST_BUSY,
				  "%s: process %ld %s: nothing was restored; %s", db, pid,
				  writing ? "is writing to it" : "has it open",
				  writing ? "try again when it is done"
					  : "close every maitre (and any other program) using it, "
					    "then try again");
	int rc = sqlite3_exec(st->db, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED)
			return store_fail(st, ST_BUSY,
					  "%s: another process is writing to it: nothing was restored; "
					  "try again when it is done",
					  db);
		return store_sqlfail(st, rc, db);
	}
	return ST_OK;
}

/* How long the restore waits for another's lock: short, since it refuses a busy database. */
#define RESTORE_BUSY_MS 2000

/* Copies every page of the file path into st's database, in one write transaction of st's
 * connection (sqlite3_backup_step of all pages at once). */
static enum store_status copy_in(struct store *st, const char *path)
{
	sqlite3 *src = NULL;
	int rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		enum store_status s = store_fail(st, ST_IO, "%s: %s", path, sqlite3_errmsg(src));
		sqlite3_close(src);
		return s;
	}
	sqlite3_backup *b = sqlite3_backup_init(st->db, "main", src, "main");
	if (!b) {
		enum store_status s = store_fail(st, ST_IO, "restore: %s", sqlite3_errmsg(st->db));
		sqlite3_close(src);
		return s;
	}
	int busy = st->busy_ms;
	sqlite3_busy_timeout(st->db, RESTORE_BUSY_MS);
	rc = sqlite3_backup_step(b, -1);
	int fin = sqlite3_backup_finish(b);
	sqlite3_busy_timeout(st->db, busy);
	sqlite3_close(src);
	if (rc == SQLITE_DONE)
		rc = fin;
	if (rc == SQLITE_OK || rc == SQLITE_DONE)
		return ST_OK;
	if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED)
		return store_fail(st, ST_BUSY, "another process is using the database: nothing was "
				  "restored; try again when it is done");
	/* the copy is one transaction: a failure leaves the database as it was */
	enum store_status s = store_sqlfail(st, rc, "restore");
	error_prefix(&st->err, "nothing was restored: ");
	return s;
}

/* The audit row of the restore, on the restored file, by the person acting: registered on
 * its staff (without a role) when it does not know them. */
static enum store_status restore_audit(struct store *st, const char *path, const char *keep)
{
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	store_audit_op(st, "restore", 0);
	int64_t me;
	rs = store_staff_id(st, store_actor(st), true, &me);
	if (rs == ST_OK) {
		char *full = realpath(path, NULL);
		char *text = xasprintf("restored from %s; the file it replaced kept as %s",
				       full ? full : path, keep);
		free(full);
		rs = audit_chain_append(st, me, "database", 0, "restore", NULL, NULL, text);
		free(text);
	}
	return store_end(st, rs);
}

enum store_status store_restore(struct store *st, const char *path, const char *keep)
{
	if (st->txdepth > 0 || !sqlite3_get_autocommit(st->db))
		return store_fail(st, ST_IO, "internal: restore inside a transaction");
	enum store_status rs = store_restore_ready(st, path);
	if (rs == ST_OK)
		rs = store_backup(st, keep);
	if (rs == ST_OK)
		rs = copy_in(st, path);
	if (rs != ST_OK)
		return rs;
	/* the ids of the file replaced mean nothing in the restored one */
	st->staff_id = 0;
	st->staff_login_id = 0;
	if (store_schema_version(st) < store_schema_latest() && (rs = store_migrate(st)) != ST_OK) {
		error_prefix(&st->err, "restored, but its migration to schema %d failed: ",
			     store_schema_latest());
		return rs;
	}
	if ((rs = restore_audit(st, path, keep)) != ST_OK)
		error_prefix(&st->err, "restored, but the audit row could not be written: ");
	return rs;
}
