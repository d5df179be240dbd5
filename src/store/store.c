#include "config.h"

#include "store/store_int.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/date.h"
#include "core/strv.h"
#include "store/guest_store.h"

/* The page cache of a connection, KiB (PRAGMA cache_size), unless store_set_cache says more. */
#define STORE_CACHE_KIB 16000

enum store_status store_fail(struct store *st, enum store_status s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_setv(&st->err, (int)s, fmt, ap);
	va_end(ap);
	return s;
}

/* A write past the file-size limit (ulimit -f) raises SIGXFSZ, which would kill the process;
 * caught, the write fails with EFBIG and SQLite reports an I/O error. The handler notes that the
 * limit was reached, so that every path that maps a failure (statements, exec, backup) says what
 * it is for the user: a full disk. The note stays: the file does not shrink while maitre runs. */
static volatile sig_atomic_t file_limit_reached;
#define FILE_LIMIT "the file size limit is reached"

static void on_file_limit(int sig)
{
	(void)sig;
	file_limit_reached = 1;
}

static void catch_file_limit(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_file_limit;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGXFSZ, &sa, NULL);
}

static bool at_file_limit(int rc)
{
	return (rc & 0xFF) == SQLITE_IOERR && file_limit_reached;
}

/* What went wrong in words: SQLite's, or the file size limit. */
static const char *failure_text(sqlite3 *db, int rc)
{
	if (at_file_limit(rc))
		return FILE_LIMIT;
	return db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
}

static enum store_status status_of(int rc)
{
	if (at_file_limit(rc))
		return ST_FULL;
	switch (rc & 0xFF) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return ST_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ST_BUSY;
	case SQLITE_FULL:
		return ST_FULL;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return ST_READONLY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return ST_CORRUPT;
	case SQLITE_CONSTRAINT:
		return ST_INVALID;
	default:
		return ST_IO;
	}
}

const char *store_status_name(enum store_status s)
{
	switch (s) {
	case ST_OK: return "ok";
	case ST_NOTFOUND: return "not found";
	case ST_INVALID: return "invalid input";
	case ST_DUPLICATE: return "duplicate";
	case ST_CONFLICT: return "changed by someone else";
	case ST_BUSY: return "database is busy (locked by another user)";
	case ST_FULL: return "disk is full";
	case ST_READONLY: return "database is read-only";
	case ST_CORRUPT: return "not a maitre database, or damaged";
	case ST_IO: return "database error";
	case ST_DENIED: return "not allowed";
	}
	return "?";
}

static void explain_cannot_open(struct store *st, const char *path, bool ro);

/* Whether the file is damaged, asked after SQLite refused a write for a constraint: the store
 * checks its input before it writes, so a constraint that fails all the same (a UNIQUE key on
 * rows just deleted) is a damaged index or table more likely than anything else. The first
 * problem integrity_check finds, into why; a failed check is damage too. */
const char *store_check_line(const char *t)
{
	static const char head[] = "*** in database main ***\n";
	if (!t)
		return "?";
	return strncmp(t, head, sizeof head - 1) == 0 ? t + sizeof head - 1 : t;
}

static bool found_damage(struct store *st, char *why, size_t n)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check(1)", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		bool ok = t && strcmp(t, "ok") == 0;
		if (!ok)
			snprintf(why, n, "integrity_check: %s", store_check_line(t));
		sqlite3_finalize(s);
		return !ok;
	}
	if (rc != SQLITE_OK)
		snprintf(why, n, "integrity_check: %s", sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
	return (rc & 0xFF) == SQLITE_CORRUPT || (rc & 0xFF) == SQLITE_NOTADB;
}

/* Records damage SQLite found: detail, what it said where; the store keeps the first. */
static enum store_status damaged(struct store *st, const char *detail)
{
	if (!st->damage[0])
		snprintf(st->damage, sizeof st->damage, "%s", detail);
	if (st->doctor) /* maitre doctor is running: what SQLite said is its finding */
		return store_fail(st, ST_CORRUPT, "%s", detail);
	return store_fail(st, ST_CORRUPT, STORE_DAMAGED " (%s)", detail);
}

const char *store_damage(const struct store *st)
{
	return st->damage[0] ? st->damage : NULL;
}

enum store_status store_sqlfail(struct store *st, int rc, const char *context)
{
	enum store_status s = status_of(rc);
	const char *msg = failure_text(st->db, rc);
	if (s == ST_INVALID && (rc & 0xFF) == SQLITE_CONSTRAINT) {
		char said[120], why[160];
		snprintf(said, sizeof said, "%s", msg); /* the check below replaces SQLite's message */
		if (found_damage(st, why, sizeof why)) {
			char detail[sizeof st->damage];
			snprintf(detail, sizeof detail, "%.80s: %s; %s", context, said, why);
			return damaged(st, detail);
		}
		return store_fail(st, s, "%s: %s", context, said);
	}
	if (s == ST_CORRUPT) {
		char detail[sizeof st->damage];
		snprintf(detail, sizeof detail, "%.100s: %.290s", context, msg);
		return damaged(st, detail);
	}
	if (s == ST_BUSY || s == ST_FULL || s == ST_READONLY) {
		store_fail(st, s, "%s: %s (%s)", context, store_status_name(s), msg);
		/* a file opened for writing that SQLite could only open read-only fails here */
		const char *path = st->db ? sqlite3_db_filename(st->db, "main") : NULL;
		if (s == ST_READONLY && path && *path)
			explain_cannot_open(st, path, st->readonly);
		return s;
	}
	return store_fail(st, s, "%s: %s", context, msg);
}

const char *store_errmsg(const struct store *st)
{
	return st->err.msg;
}

void store_set_busy_timeout(struct store *st, int ms)
{
	st->busy_ms = ms;
	sqlite3_busy_timeout(st->db, ms);
}

const char *store_login(const struct store *st)
{
	return st->login;
}

enum store_status store_sodium(struct store *st)
{
	if (sodium_init() < 0)
		return store_fail(st, ST_IO, "libsodium cannot start");
	return ST_OK;
}

const char *store_actor(const struct store *st)
{
	return st->actor[0] ? st->actor : st->login;
}

void store_act_as(struct store *st, const char *login)
{
	snprintf(st->actor, sizeof st->actor, "%s", login ? login : "");
	st->staff_id = 0;
}

sqlite3_stmt *store_prep(struct store *st, const char *sql)
{
	size_t n = sizeof st->cache / sizeof st->cache[0];
	for (size_t i = 0; i < n; i++) {
		if (st->cache_sql[i] == sql) {
			sqlite3_reset(st->cache[i]);
			sqlite3_clear_bindings(st->cache[i]);
			return st->cache[i];
		}
		if (!st->cache_sql[i]) {
			int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
						    &st->cache[i], NULL);
			if (rc != SQLITE_OK) {
				store_sqlfail(st, rc, "prepare");
				return NULL;
			}
			st->cache_sql[i] = sql;
			return st->cache[i];
		}
	}
	store_fail(st, ST_IO, "internal: statement cache full");
	return NULL;
}

enum store_status store_step_done(struct store *st, sqlite3_stmt *s, const char *context)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, context);
}

enum store_status store_step_maybe(struct store *st, sqlite3_stmt *s, const char *context,
				   bool *row)
{
	int rc = sqlite3_step(s);
	*row = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return ST_OK;
	sqlite3_reset(s);
	return store_sqlfail(st, rc, context);
}

static enum store_status step_row(struct store *st, sqlite3_stmt *s, const char *what,
				  int64_t id, bool ref)
{
	bool row;
	enum store_status rs = store_step_maybe(st, s, what, &row);
	if (rs != ST_OK || row)
		return rs;
	sqlite3_reset(s);
	return store_fail(st, ST_NOTFOUND, "%s%sno %s with id %lld", ref ? what : "", ref ? ": " : "",
			  what, (long long)id);
}

enum store_status store_step_row(struct store *st, sqlite3_stmt *s, const char *what, int64_t id)
{
	return step_row(st, s, what, id, false);
}

enum store_status store_step_ref(struct store *st, sqlite3_stmt *s, const char *what, int64_t id)
{
	return step_row(st, s, what, id, true);
}

enum store_status store_row(struct store *st, const char *sql, const char *what, int64_t id,
			    sqlite3_stmt **ps)
{
	sqlite3_stmt *s = *ps = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	return store_step_row(st, s, what, id);
}

enum store_status store_guest_check(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_prep(st, "SELECT merged_into, anonymised FROM guest WHERE id = ?1");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	enum store_status rs = store_step_ref(st, s, "guest", id);
	if (rs != ST_OK)
		return rs;
	bool merged = sqlite3_column_type(s, 0) != SQLITE_NULL;
	bool erased = sqlite3_column_int(s, 1) != 0;
	sqlite3_reset(s);
	/* an erased guest is nobody: nothing new is written about them */
	if (erased)
		return store_fail(st, ST_CONFLICT, "guest: guest %lld is erased", (long long)id);
	/* nothing is written to a merged guest: a screen that still shows them is told where
	 * they went (the command line resolves the id before) */
	int64_t to;
	if (merged && (rs = guest_store_resolve(st, id, &to)) == ST_OK)
		rs = store_fail(st, ST_CONFLICT, "guest: guest %lld was merged into %lld",
				(long long)id, (long long)to);
	return rs;
}

enum store_status store_guest_bound(struct store *st, const char *context, size_t *n)
{
	*n = 0;
	sqlite3_stmt *s = store_prep(st, "SELECT ifnull(max(id), 0) FROM guest");
	if (!s)
		return ST_IO;
	bool row;
	enum store_status rs = store_step_maybe(st, s, context, &row);
	if (rs != ST_OK)
		return rs;
	*n = (size_t)sqlite3_column_int64(s, 0) + 1;
	sqlite3_reset(s);
	return ST_OK;
}

int store_create_functions(sqlite3 *db, const struct store_function *v, size_t n)
{
	int rc = SQLITE_OK;
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
		rc = sqlite3_create_function(db, v[i].name, v[i].nargs,
					     SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, v[i].fn,
					     v[i].step, v[i].final);
	return rc;
}

enum store_status store_exec(struct store *st, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		enum store_status s = status_of(rc);
		if (s == ST_CORRUPT || (rc & 0xFF) == SQLITE_CONSTRAINT) {
			/* damage: named by the statement's first words */
			char what[48];
			snprintf(what, sizeof what, "%.*s", (int)strcspn(sql, ";("), sql);
			sqlite3_free(msg);
			return store_sqlfail(st, rc, what);
		}
		if (at_file_limit(rc))
			store_fail(st, s, "%s (%s)", store_status_name(s), FILE_LIMIT);
		else
			store_fail(st, s, "%s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return s;
	}
	return ST_OK;
}

int store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (!v || !*v)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

char *store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

void store_text_copy(char *dst, size_t n, const char *text)
{
	size_t len = text ? strlen(text) : 0;
	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(dst, text, len);
	dst[len] = '\0';
}

void store_col_copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	store_text_copy(dst, n, (const char *)sqlite3_column_text(s, i));
}

enum store_status store_snapshot_begin(struct store *st)
{
	return store_exec(st, "SAVEPOINT snapshot");
}

void store_snapshot_end(struct store *st)
{
	store_release(st, "snapshot");
}

void store_release(struct store *st, const char *name)
{
	if (sqlite3_get_autocommit(st->db))
		return;
	char *q = sqlite3_mprintf("RELEASE \"%w\"", name);
	int rc = sqlite3_exec(st->db, q, NULL, NULL, NULL);
	sqlite3_free(q);
	if (rc != SQLITE_OK && st->txdepth == 0 && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

enum store_status store_begin(struct store *st)
{
	if (st->damage[0] && !st->doctor)
		return store_fail(st, ST_CORRUPT, STORE_DAMAGED " (%s)", st->damage);
	if (st->txdepth++ > 0)
		return ST_OK;
	st->tx_failed = false;
	date_now_stamp(st->now);
	int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		st->txdepth = 0;
		return store_sqlfail(st, rc, "begin");
	}
	return ST_OK;
}

enum store_status store_commit(struct store *st)
{
	if (st->txdepth == 0)
		return store_fail(st, ST_IO, "internal: commit without begin");
	if (--st->txdepth > 0)
		return ST_OK;
	audit_chain_forget(st);
	if (st->tx_failed) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return store_fail(st, ST_IO, "transaction rolled back after an earlier error");
	}
	int rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		enum store_status s = store_sqlfail(st, rc, "commit");
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return s;
	}
	return ST_OK;
}

void store_rollback(struct store *st)
{
	if (st->txdepth == 0)
		return;
	if (--st->txdepth > 0) {
		st->tx_failed = true;
		return;
	}
	audit_chain_forget(st);
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	/* a rollback forgets a staff row registered in this transaction */
	st->staff_id = 0;
	st->staff_login_id = 0;
}

const char *store_now(struct store *st)
{
	if (st->txdepth == 0)
		date_now_stamp(st->now);
	return st->now;
}

enum store_status store_staff_id(struct store *st, const char *login, bool create, int64_t *id)
{
	if (st->staff_login_id && strcmp(st->staff_login, login) == 0) {
		*id = st->staff_login_id;
		return ST_OK;
	}
	static const char *sel = "SELECT id FROM staff WHERE login = ?1";
	static const char *ins =
		"INSERT INTO staff(login, display_name, role, created_at) VALUES (?1, ?1, 'staff', ?2)";
	sqlite3_stmt *s = store_prep(st, sel);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		snprintf(st->staff_login, sizeof st->staff_login, "%s", login);
		st->staff_login_id = *id;
		return ST_OK;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlfail(st, rc, "staff");
	if (!create)
		return store_fail(st, ST_NOTFOUND, "no staff member with login \"%s\"", login);
	s = store_prep(st, ins);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, store_now(st), -1, SQLITE_TRANSIENT);
	enum store_status rs = store_step_done(st, s, "staff");
	if (rs != ST_OK)
		return rs;
	*id = sqlite3_last_insert_rowid(st->db);
	return ST_OK;
}

enum store_status store_staff_self(struct store *st, int64_t *id)
{
	if (st->staff_id) {
		*id = st->staff_id;
		return ST_OK;
	}
	static const char *sql = "SELECT id, shared, disabled_at IS NOT NULL, role FROM staff "
				 "WHERE login = ?1";
	const char *who = store_actor(st);
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, who, -1, SQLITE_STATIC);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "staff", &row);
	if (rs != ST_OK)
		return rs;
	if (!row)
		return store_fail(st, ST_DENIED,
				  "%s is not on the staff: an admin adds them with `maitre staff add %s`",
				  who, who);
	int64_t sid = sqlite3_column_int64(s, 0);
	bool shared = sqlite3_column_int(s, 1), disabled = sqlite3_column_int(s, 2);
	sqlite3_reset(s);
	if (disabled)
		return store_fail(st, ST_DENIED, "%s has been disabled: an admin can enable them "
				  "again with `maitre staff edit %s --enable`", who, who);
	if (shared && !st->actor[0])
		return store_fail(st, ST_DENIED, "%s is a shared login: a change needs a person to "
				  "sign in (with their PIN) first", who);
	*id = st->staff_id = sid;
	return ST_OK;
}

enum store_status store_audit(struct store *st, const char *entity, int64_t entity_id,
			      const char *action, const char *field, const char *old_value,
			      const char *new_value)
{
	int64_t me;
	if (st->bulk)
		return ST_OK;
	enum store_status rs = store_staff_self(st, &me);
	if (rs != ST_OK)
		return rs;
	return audit_chain_append(st, me, entity, entity_id, action, field, old_value, new_value);
}

void store_audit_op(struct store *st, const char *op, int64_t op_id)
{
	snprintf(st->op, sizeof st->op, "%s", op ? op : "");
	st->op_id = op ? op_id : 0;
}

enum store_status store_insert_audited(struct store *st, sqlite3_stmt *s, const char *entity,
				       const char *desc, int64_t *id)
{
	enum store_status rs = store_step_done(st, s, entity);
	if (rs != ST_OK)
		return rs;
	*id = sqlite3_last_insert_rowid(st->db);
	return store_audit(st, entity, *id, "create", NULL, NULL, desc);
}

enum store_status store_end(struct store *st, enum store_status rs)
{
	if (rs != ST_OK) {
		store_rollback(st);
		return rs;
	}
	return store_commit(st);
}

enum store_status store_end_new(struct store *st, enum store_status rs, int64_t *id)
{
	if ((rs = store_end(st, rs)) != ST_OK)
		*id = 0;
	return rs;
}

void store_dir_of(const char *path, char *dir, size_t size)
{
	snprintf(dir, size, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(dir, size, ".");
}

bool store_dir_shared(const char *dir)
{
	struct stat sb;
	return stat(dir, &sb) == 0 &&
	       ((sb.st_mode & S_ISGID) || ((sb.st_mode & S_IWGRP) && !(sb.st_mode & S_IWOTH)));
}

/* Creates path with the mode the directory calls for: 0660 where the directory is shared with
 * a group (setgid, or group-writable but not world-writable like /tmp), else 0600. An existing
 * file is left alone. */
static int create_file(const char *path, struct error *e)
{
	char dir[4096];
	store_dir_of(path, dir, sizeof dir);
	mode_t mode = store_dir_shared(dir) ? 0660 : 0600;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		int err = errno;
		if (err == EEXIST)
			return 0;
		error_set(e, ST_READONLY, "%s: cannot create: %s", path, strerror(err));
		errno = err;
		return -1;
	}
	fchmod(fd, mode); /* umask may have taken group bits away */
	close(fd);
	return 0;
}

/* What SQLite, or the bulk load's scratch file of search keys, puts beside a database. */
static bool stale_suffix(const char *end)
{
	static const char *const ok[] = {"", "-journal", "-wal", "-shm", "-keys", "-keys-journal"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strcmp(end, ok[i]) == 0)
			return true;
	return false;
}

int store_remove_stale(const char *stem)
{
	char dir[4096];
	store_dir_of(stem, dir, sizeof dir);
	const char *slash = strrchr(stem, '/');
	const char *prefix = slash ? slash + 1 : stem;
	size_t n = strlen(prefix);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int removed = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		const char *p = de->d_name + n;
		if (strncmp(de->d_name, prefix, n) != 0 || !isdigit((unsigned char)*p))
			continue;
		char *end;
		errno = 0;
		long pid = strtol(p, &end, 10);
		if (errno || pid <= 0 || pid > INT_MAX || pid == (long)getpid())
			continue;
		if (!stale_suffix(end))
			continue;
		/* alive, or someone else's that we may not signal: not ours to remove */
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		struct stat sb;
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(sb.st_mode) && unlinkat(dirfd(d), de->d_name, 0) == 0)
			removed++;
	}
	closedir(d);
	return removed;
}

/* MAITRE_SQL_PROFILE=1: the time spent in each statement, printed on stderr at close. */
struct sql_profile {
	const char *sql[128];
	double ms[128];
	long n[128];
};

static int profile_cb(unsigned type, void *ctx, void *p, void *x)
{
	struct sql_profile *pr = ctx;
	const char *sql = sqlite3_sql(p);
	if (type != SQLITE_TRACE_PROFILE || !sql)
		return 0;
	for (int i = 0; i < 128; i++) {
		if (!pr->sql[i] || pr->sql[i] == sql || strcmp(pr->sql[i], sql) == 0) {
			if (!pr->sql[i])
				pr->sql[i] = xstrdup(sql);
			pr->ms[i] += (double)*(sqlite3_int64 *)x / 1e6;
			pr->n[i]++;
			break;
		}
	}
	return 0;
}

static void profile_print(struct sql_profile *pr)
{
	for (int i = 0; i < 128 && pr->sql[i]; i++) {
		fprintf(stderr, "%10.1f ms %9ld x  %.100s\n", pr->ms[i], pr->n[i], pr->sql[i]);
		free((char *)pr->sql[i]);
	}
	free(pr);
}

int store_db_int(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt *s;
	*v = 0;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_schema_version(struct store *st)
{
	int64_t v = 0;
	store_db_int(st->db, "PRAGMA user_version", &v);
	return (int)v;
}

int64_t store_data_version(struct store *st)
{
	int64_t v = 0;
	store_db_int(st->db, "PRAGMA data_version", &v);
	return v;
}

static void set_login(struct store *st)
{
	struct passwd *pw = getpwuid(getuid());
	snprintf(st->login, sizeof st->login, "%s", pw && pw->pw_name ? pw->pw_name : "unknown");
}

/* Sets the journal mode: MAITRE_JOURNAL_MODE (default WAL), or none while loading a private
 * file. */
enum store_status store_set_journal_mode(struct store *st, bool none)
{
	const char *jm = getenv("MAITRE_JOURNAL_MODE");
	const char *mode = jm && *jm ? jm : "WAL";
	if (strspn(mode, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != strlen(mode) ||
	    strlen(mode) > 20)
		return store_fail(st, ST_INVALID, "MAITRE_JOURNAL_MODE: not a journal mode: \"%s\"",
				  mode);
	char q[64];
	snprintf(q, sizeof q, "PRAGMA journal_mode=%s", none ? "OFF" : mode);
	return store_exec(st, q);
}

/* Process-wide settings, made before SQLite's first use: no memory statistics (they take a
 * global lock on every allocation, and nothing here reads them). */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* The login that owns uid, or its number. */
static void owner_name(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "uid %ld", (long)uid);
}

/* Whether this process may write into dir; errno says why not. */
static bool dir_writable(const char *dir)
{
	return access(dir, W_OK | X_OK) == 0;
}

/* SQLite says "read-only" (or "unable to open") for causes the user must tell apart to fix:
 * replaces st's message with the real one, and what to do, when the file system shows it.
 * ro: the database was opened read-only. Leaves the message alone when nothing is found. */
static void explain_cannot_open(struct store *st, const char *path, bool ro)
{
	struct stat sb, jb;
	char dir[4096], owner[64];
	store_dir_of(path, dir, sizeof dir);
	if (lstat(path, &sb) != 0)
		return;
	if (S_ISLNK(sb.st_mode)) {
		char *real = realpath(path, NULL);
		store_fail(st, ST_READONLY,
			   "%s: is a symbolic link%s%s: maitre opens only the database file itself "
			   "(a link may be changed to point at another file); give its real path "
			   "with --db or MAITRE_DB",
			   path, real ? " to " : "", real ? real : "");
		free(real);
		return;
	}
	owner_name(sb.st_uid, owner, sizeof owner);
	int err = 0;
	if (access(path, ro ? R_OK : R_OK | W_OK) != 0)
		err = errno;
	if (err == EROFS) {
		store_fail(st, ST_READONLY,
			   "%s: is on a read-only file system; copy it to a writable place, or use a "
			   "command that only reads",
			   path);
		return;
	}
	bool unreadable = err && access(path, R_OK) != 0;
	char *journal = xasprintf("%s-journal", path);
	const char *blocked = NULL;
	if (!unreadable && stat(journal, &jb) == 0 && jb.st_size > 0) { /* hot: rolled back first */
		if (err)
			blocked = "the database";
		else if (!dir_writable(dir))
			blocked = "its directory";
		else if (access(journal, R_OK | W_OK) != 0) {
			blocked = "the journal";
			owner_name(jb.st_uid, owner, sizeof owner);
		}
	}
	if (blocked) {
		store_fail(st, ST_READONLY,
			   "%s: a write was cut off and its journal %s must be rolled back before the "
			   "database can be read, but %s cannot write %s: run any maitre command once "
			   "as %s (the owner), who can",
			   path, journal, st->login, blocked, owner);
		free(journal);
		return;
	}
	free(journal);
	if (err) {
		store_fail(st, ST_READONLY,
			   "%s: cannot %s the file (permission denied): it belongs to %s, mode %04o; "
			   "ask %s or an administrator to let %s %s it (a group of both, mode 0660)",
			   path, unreadable ? "read" : "write to", owner,
			   (unsigned)(sb.st_mode & 07777), owner, st->login,
			   unreadable ? "read and write" : "write");
		return;
	}
	if (!dir_writable(dir)) {
		int derr = errno;
		struct stat db;
		char downer[64] = "?";
		if (stat(dir, &db) == 0)
			owner_name(db.st_uid, downer, sizeof downer);
		store_fail(st, ST_READONLY,
			   "%s: cannot write to its directory %s (%s): SQLite keeps its journal "
			   "files (-wal, -shm) beside the database, so %s must be able to write "
			   "there; ask %s (its owner) or an administrator to make it writable for "
			   "%s, or move the database to a directory %s can write",
			   path, dir, strerror(derr), st->login, downer, st->login, st->login);
	}
}

enum store_status store_open(const char *path, int flags, struct store **out, struct error *e)
{
	*out = NULL;
	catch_file_limit();
	enum store_status rs = ST_OK;
	bool exists = access(path, F_OK) == 0;
	if (!exists && !(flags & STORE_CREATE)) {
		error_set(e, ST_NOTFOUND, "%s: no database here (create one with 'maitre init')", path);
		return ST_NOTFOUND;
	}
	if (!exists && create_file(path, e) < 0)
		return ST_READONLY;
	struct store *st = xcalloc(1, sizeof *st);
	set_login(st);
	pthread_once(&sqlite_once, sqlite_setup);
	st->readonly = (flags & STORE_READONLY) != 0;
	st->doctor = (flags & STORE_DOCTOR) != 0;
	st->bulk = (flags & STORE_BULK) != 0;
	st->private_file = st->bulk && (flags & STORE_PRIVATE);
	int oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	/* NOMUTEX: a connection is only ever used by one thread at a time */
	int rc = sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		rs = store_sqlfail(st, rc, path);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if (getenv("MAITRE_SQL_PROFILE")) {
		st->profile = xcalloc(1, sizeof *st->profile);
		sqlite3_trace_v2(st->db, SQLITE_TRACE_PROFILE, profile_cb, st->profile);
	}
	st->busy_ms = STORE_BUSY_TIMEOUT_MS;
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	rc = report_store_functions(st->db);
	if (rc == SQLITE_OK)
		rc = agenda_store_functions(st->db);
	if (rc != SQLITE_OK) {
		rs = store_sqlfail(st, rc, "functions");
		goto fail;
	}

	int64_t appid = 0, ver = 0;
	rc = store_db_int(st->db, "PRAGMA application_id", &appid);
	if (rc == SQLITE_OK)
		rc = store_db_int(st->db, "PRAGMA user_version", &ver);
	if (rc != SQLITE_OK) {
		rs = store_sqlfail(st, rc, path);
		goto fail;
	}
	if (ver > 0 && appid != STORE_APPLICATION_ID) {
		rs = store_fail(st, ST_CORRUPT, "%s: not a maitre database", path);
		goto fail;
	}
	/* Version 0 is an empty file that init may fill; one holding tables (or another
	 * application's id) is another program's, refused before anything here writes to it
	 * (the journal mode below rewrites the header). */
	int64_t objects = 0;
	if (ver == 0 &&
	    (rc = store_db_int(st->db, "SELECT count(*) FROM sqlite_master", &objects)) != SQLITE_OK) {
		rs = store_sqlfail(st, rc, path);
		goto fail;
	}
	if (ver == 0 && (objects > 0 || appid != 0)) {
		rs = store_fail(st, ST_CORRUPT,
				"%s: not a maitre database (another program's SQLite file); "
				"left as it is",
				path);
		goto fail;
	}
	if (ver > store_schema_latest() && !st->doctor) {
		rs = store_fail(st, ST_CORRUPT,
				"%s: schema version %lld is newer than this maitre knows (%d); "
				"upgrade maitre",
				path, (long long)ver, store_schema_latest());
		goto fail;
	}

	char pragmas[512];
	snprintf(pragmas, sizeof pragmas,
		 "PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF; PRAGMA mmap_size=0;"
		 "PRAGMA synchronous=%s; PRAGMA cache_size=%d; PRAGMA temp_store=MEMORY;"
		 "PRAGMA threads=%d;",
		 (flags & STORE_BULK) ? "OFF" : "NORMAL",
		 (flags & STORE_BULK) ? -2000000 : -STORE_CACHE_KIB,
		 (flags & STORE_BULK) ? 2 : 0);
	if ((rs = store_exec(st, pragmas)) != ST_OK)
		goto fail;
	if (!(flags & STORE_READONLY) && (rs = store_set_journal_mode(st, st->private_file)) != ST_OK)
		goto fail;
	if (ver < store_schema_latest() && !(st->doctor && ver > 0)) {
		if (ver == 0 && !(flags & STORE_CREATE)) {
			rs = store_fail(st, ST_CORRUPT,
					"%s: not a maitre database (create one with 'maitre init')", path);
			goto fail;
		}
		if (flags & STORE_READONLY) {
			rs = store_fail(st, ST_READONLY, "%s: needs an upgrade; open it read-write once",
					path);
			goto fail;
		}
		if ((rs = store_migrate(st)) != ST_OK)
			goto fail;
	}
	*out = st;
	return ST_OK;
fail:
	if (rs == ST_READONLY)
		explain_cannot_open(st, path, flags & STORE_READONLY);
	if (e)
		*e = st->err;
	store_close(st);
	return rs;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < sizeof st->cache / sizeof st->cache[0]; i++)
		if (st->cache[i])
			sqlite3_finalize(st->cache[i]);
	if (st->db)
		sqlite3_close(st->db);
	if (st->profile)
		profile_print(st->profile);
	store_bulk_free(st);
	free(st);
}

/* Pages copied a step (1 MB of 4 KB pages); inside one read transaction the size of a step
 * changes nothing but how often MAITRE_TEST_BACKUP_PAUSE_MS pauses. */
#define BACKUP_STEP_PAGES 256

/* Removes a backup's temporary file and what SQLite may have left beside it. */
static void backup_discard(const char *tmp)
{
	static const char *const side[] = {"", "-journal", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
		char *p = xasprintf("%s%s", tmp, side[i]);
		unlink(p);
		free(p);
	}
}

/* Writes path's data, or a directory's entries, to the disk. */
static int sync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	/* some file systems cannot sync a directory: the file itself is synced */
	if (rc < 0 && dir && (errno == EINVAL || errno == EBADF))
		rc = 0;
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

/* Checks a backup's copy before it takes its name: maitre doctor's quick part
 * (store_quick_check_db: integrity_check, which reads every page and index entry, and
 * foreign_key_check). The copy is the database's pages as they are, so a copy that fails
 * means a damaged database: ST_CORRUPT, "run maitre doctor", naming dest. */
static enum store_status backup_check(struct store *st, sqlite3 *copy, const char *dest)
{
	return store_quick_check_db(st, copy, dest);
}

/* MAITRE_TEST_BACKUP_PAUSE_MS (tests only): a pause after each step of the copy, so that a
 * test can write meanwhile or kill the backup half way. */
static int backup_pause_ms(void)
{
	const char *v = getenv("MAITRE_TEST_BACKUP_PAUSE_MS");
	return v && *v ? atoi(v) : 0;
}

/* Copies st's database into the new file tmp: all pages, in steps, inside one read
 * transaction, so that the copy is the snapshot of its first step whatever others commit
 * meanwhile (the online backup restarts when the source changes between steps, which under
 * steady writes is for ever; inside one read transaction it never sees a change). */
static enum store_status backup_copy(struct store *st, sqlite3 *to, const char *dest)
{
	int64_t n;
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	int rc = store_db_int(st->db, "SELECT count(*) FROM sqlite_master", &n); /* the snapshot */
	if (rc != SQLITE_OK) {
		store_snapshot_end(st);
		return store_sqlfail(st, rc, dest);
	}
	sqlite3_backup *b = sqlite3_backup_init(to, "main", st->db, "main");
	if (!b) {
		store_snapshot_end(st);
		return store_fail(st, ST_IO, "%s: %s", dest, sqlite3_errmsg(to));
	}
	int pause = backup_pause_ms();
	while ((rc = sqlite3_backup_step(b, BACKUP_STEP_PAGES)) == SQLITE_OK)
		if (pause > 0)
			sqlite3_sleep(pause);
	sqlite3_backup_finish(b);
	store_snapshot_end(st);
	if (rc != SQLITE_DONE)
		return store_fail(st, status_of(rc), "%s: %s", dest, failure_text(NULL, rc));
	/* the copy is a plain rollback-journal file, complete in itself */
	if ((rc = sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL)) != SQLITE_OK)
		return store_fail(st, status_of(rc), "%s: %s", dest, failure_text(to, rc));
	return ST_OK;
}

/* Gives the finished copy tmp its name dest. A link, not a rename, so that a file made
 * meanwhile under that name is never replaced; a rename where the file system has no links
 * (FAT). */
static enum store_status backup_publish(struct store *st, const char *tmp, const char *dest)
{
	if (link(tmp, dest) == 0)
		return ST_OK;
	int err = errno;
	if ((err == EPERM || err == ENOTSUP || err == EOPNOTSUPP) && access(dest, F_OK) != 0 &&
	    errno == ENOENT) {
		if (rename(tmp, dest) == 0)
			return ST_OK;
		err = errno;
	}
	if (err == EEXIST || access(dest, F_OK) == 0)
		return store_fail(st, ST_INVALID, "%s: already exists; not overwritten", dest);
	return store_fail(st, ST_IO, "%s: %s", dest, strerror(err));
}

enum store_status store_backup(struct store *st, const char *dest)
{
	if (access(dest, F_OK) == 0)
		return store_fail(st, ST_INVALID, "%s: already exists; not overwritten", dest);
	/* .NAME.tmp-PID beside dest: renamed in the same file system, and a killed backup's
	 * leftover is known by its dead process */
	char dir[4096];
	store_dir_of(dest, dir, sizeof dir);
	const char *slash = strrchr(dest, '/');
	char *stem = xasprintf("%s/.%s.tmp-", dir, slash ? slash + 1 : dest);
	store_remove_stale(stem);
	char *tmp = xasprintf("%s%ld", stem, (long)getpid());
	free(stem);
	backup_discard(tmp);
	if (create_file(tmp, NULL) < 0) {
		int err = errno;
		free(tmp);
		return store_fail(st, ST_READONLY, "%s: cannot create: %s", dest, strerror(err));
	}
	sqlite3 *to = NULL;
	enum store_status s = ST_OK;
	int rc = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK)
		s = store_fail(st, status_of(rc), "%s: %s", dest, failure_text(NULL, rc));
	if (s == ST_OK)
		s = backup_copy(st, to, dest);
	if (s == ST_OK)
		s = backup_check(st, to, dest);
	if ((rc = sqlite3_close(to)) != SQLITE_OK && s == ST_OK)
		s = store_fail(st, ST_IO, "%s: %s", dest, sqlite3_errstr(rc));
	if (s == ST_OK && sync_path(tmp, false) < 0)
		s = store_fail(st, ST_IO, "%s: cannot sync: %s", dest, strerror(errno));
	if (s == ST_OK)
		s = backup_publish(st, tmp, dest);
	backup_discard(tmp);
	free(tmp);
	if (s == ST_OK && sync_path(dir, true) < 0)
		s = store_fail(st, ST_IO, "%s: cannot sync its directory: %s", dest, strerror(errno));
	return s;
}

enum store_status store_set_cache(struct store *st, int kib)
{
	char q[64];
	snprintf(q, sizeof q, "PRAGMA cache_size=-%d", kib > 0 ? kib : STORE_CACHE_KIB);
	return store_exec(st, q);
}

bool store_set_row_audit(struct store *st, bool on)
{
	bool was = !st->bulk;
	st->bulk = !on;
	return was;
}

enum store_status store_log(struct store *st, const char *entity, const char *action,
			    const char *text)
{
	bool bulk = st->bulk;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	st->bulk = false;
	rs = store_audit(st, entity, 0, action, NULL, NULL, text);
	st->bulk = bulk;
	if (rs != ST_OK) {
		store_rollback(st);
		return rs;
	}
	return store_commit(st);
}

enum store_status store_explain(struct store *st, const char *label, const char *sql,
				struct strv *out)
{
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, q, -1, &s, NULL);
	free(q);
	if (rc != SQLITE_OK)
		return store_sqlfail(st, rc, "explain");
	struct sbuf b = {0};
	if (label)
		sbuf_printf(&b, "%s: ", label);
	sbuf_printf(&b, "%s =>", sql);
	while (sqlite3_step(s) == SQLITE_ROW)
		sbuf_printf(&b, " | %s", (const char *)sqlite3_column_text(s, 3));
	sqlite3_finalize(s);
	strv_take(out, sbuf_detach(&b));
	return ST_OK;
}

enum store_status store_count(struct store *st, const char *sql, const char *context,
			      int64_t *v)
{
	int rc = store_db_int(st->db, sql, v);
	return rc == SQLITE_OK ? ST_OK : store_sqlfail(st, rc, context);
}

enum store_status store_counts(struct store *st, struct store_counts *c)
{
	memset(c, 0, sizeof *c);
	static const struct {
		const char *sql;
		size_t at;
	} counts[] = {
		{"SELECT count(*) FROM guest", offsetof(struct store_counts, guests)},
		{"SELECT count(*) FROM phone", offsetof(struct store_counts, phones)},
		{"SELECT count(*) FROM visit WHERE voided_at IS NULL",
		 offsetof(struct store_counts, visits)},
		{"SELECT count(*) FROM visit WHERE voided_at IS NOT NULL",
		 offsetof(struct store_counts, voided_visits)},
		{"SELECT count(*) FROM person", offsetof(struct store_counts, people)},
		{"SELECT count(*) FROM preference", offsetof(struct store_counts, prefs)},
		{"SELECT count(*) FROM special_date", offsetof(struct store_counts, dates)},
		{"SELECT count(*) FROM staff", offsetof(struct store_counts, staff)},
		{"SELECT count(*) FROM audit", offsetof(struct store_counts, audit)},
	};
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < sizeof counts / sizeof counts[0] && rs == ST_OK; i++)
		rs = store_count(st, counts[i].sql, "counts",
				 (int64_t *)(void *)((char *)c + counts[i].at));
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(
		st->db, "SELECT min(date), max(date) FROM visit WHERE voided_at IS NULL", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *a = sqlite3_column_text(s, 0), *b = sqlite3_column_text(s, 1);
		snprintf(c->first_visit, sizeof c->first_visit, "%s", a ? (const char *)a : "");
		snprintf(c->last_visit, sizeof c->last_visit, "%s", b ? (const char *)b : "");
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_OK ? ST_OK : store_sqlfail(st, rc, "counts");
}
