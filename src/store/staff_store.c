/* staff_store.c — the staff, their PINs and the last good roles file (staff_store.h). */
#include "store/staff_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "store/store_int.h"

/* Argon2id's cost for a PIN: one check (a sign-in) stays well under 50 ms on a small 2-core
 * machine (bench/signin measures it), and each guess costs an attacker holding the file as
 * much. A PIN's few digits are guarded by the lockout, not by the hash alone. */
#define PIN_OPSLIMIT 2
#define PIN_MEMLIMIT (8u * 1024 * 1024)

void staff_free(struct staff *s)
{
	free(s->login);
	free(s->display_name);
	free(s->role);
	free(s->created_at);
	free(s->disabled_at);
	*s = (struct staff){0};
}

void staff_free_all(struct staff *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		staff_free(&v[i]);
	free(v);
}

static char *col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

#define STAFF_COLS                                                                        \
	"id, login, coalesce(display_name, login), role, shared, pin_hash IS NOT NULL, " \
	"created_at, disabled_at"

static void read_row(sqlite3_stmt *s, struct staff *out)
{
	*out = (struct staff){
		.id = sqlite3_column_int64(s, 0),
		.login = col_dup(s, 1),
		.display_name = col_dup(s, 2),
		.role = col_dup(s, 3),
		.shared = sqlite3_column_int(s, 4),
		.has_pin = sqlite3_column_int(s, 5),
		.created_at = col_dup(s, 6),
		.disabled_at = col_dup(s, 7),
	};
	out->disabled = out->disabled_at != NULL;
}

static enum store_status get_one(struct store *st, sqlite3_stmt *s, const char *what,
				 struct staff *out)
{
	bool row;
	*out = (struct staff){0};
	enum store_status rs = store_step_maybe(st, s, "staff", &row);
	if (rs != ST_OK)
		return rs;
	if (!row)
		return store_fail(st, ST_NOTFOUND, "no staff member %s", what);
	read_row(s, out);
	sqlite3_reset(s);
	return ST_OK;
}

enum store_status staff_store_get(struct store *st, const char *login, struct staff *out)
{
	static const char *sql = "SELECT " STAFF_COLS " FROM staff WHERE login = ?1";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	char what[96];
	snprintf(what, sizeof what, "with login \"%s\"", login);
	return get_one(st, s, what, out);
}

enum store_status staff_store_get_id(struct store *st, int64_t id, struct staff *out)
{
	static const char *sql = "SELECT " STAFF_COLS " FROM staff WHERE id = ?1";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	char what[48];
	snprintf(what, sizeof what, "#%lld", (long long)id);
	return get_one(st, s, what, out);
}

enum store_status staff_store_list(struct store *st, bool all, struct staff **v, size_t *n)
{
	static const char *sql = "SELECT " STAFF_COLS " FROM staff WHERE ?1 OR disabled_at IS NULL "
				 "ORDER BY coalesce(display_name, login), login";
	*v = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int(s, 1, all);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)v, *n + 1, &cap, sizeof **v);
		read_row(s, &(*v)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		staff_free_all(*v, *n);
		*v = NULL;
		*n = 0;
		return store_sqlfail(st, rc, "staff");
	}
	return ST_OK;
}

/* Whether the folded text q is in name: a substring of its folded form, or the start of one of
 * its pinyin keys (wf, wangf, wangfang for 王芳). */
static bool name_matches(const char *name, const char *q)
{
	char *f = text_fold(name);
	bool hit = strstr(f, q) != NULL;
	free(f);
	if (hit)
		return true;
	struct strv full = {0}, initials = {0};
	text_pinyin_keys(name, 0, &full, &initials);
	for (size_t i = 0; !hit && i < full.n; i++)
		hit = strncmp(full.v[i], q, strlen(q)) == 0;
	for (size_t i = 0; !hit && i < initials.n; i++)
		hit = strncmp(initials.v[i], q, strlen(q)) == 0;
	strv_free(&full);
	strv_free(&initials);
	return hit;
}

enum store_status staff_store_find(struct store *st, const char *text, size_t max,
				   struct staff **v, size_t *n)
{
	struct staff *all;
	size_t nall;
	enum store_status rs = staff_store_list(st, false, &all, &nall);
	*v = NULL;
	*n = 0;
	if (rs != ST_OK)
		return rs;
	char *q = text_fold(text ? text : "");
	size_t cap = 0;
	for (size_t i = 0; i < nall; i++) {
		struct staff *m = &all[i];
		bool hit = !m->shared && *n < max &&
			   (!*q || name_matches(m->display_name, q) || name_matches(m->login, q));
		if (hit) {
			vec_reserve((void **)v, *n + 1, &cap, sizeof **v);
			(*v)[(*n)++] = *m;
			*m = (struct staff){0};
		}
	}
	free(q);
	staff_free_all(all, nall);
	return ST_OK;
}

bool staff_pin_valid(const char *pin, char *why, size_t n)
{
	size_t len = pin ? strlen(pin) : 0;
	for (size_t i = 0; i < len; i++)
		if (pin[i] < '0' || pin[i] > '9') {
			snprintf(why, n, "a PIN is digits only");
			return false;
		}
	if (len < STAFF_PIN_MIN || len > STAFF_PIN_MAX) {
		snprintf(why, n, "a PIN is %d to %d digits", STAFF_PIN_MIN, STAFF_PIN_MAX);
		return false;
	}
	return true;
}

static enum store_status sodium_ready(struct store *st)
{
	if (sodium_init() < 0)
		return store_fail(st, ST_IO, "libsodium cannot start");
	return ST_OK;
}

enum store_status staff_store_set_pin(struct store *st, const char *login, const char *pin)
{
	static const char *sql = "UPDATE staff SET pin_hash = ?2, pin_failures = 0, "
				 "pin_locked_until = NULL WHERE id = ?1";
	char why[64];
	if (pin && !staff_pin_valid(pin, why, sizeof why))
		return store_fail(st, ST_INVALID, "PIN: %s", why);
	enum store_status rs = sodium_ready(st);
	char hash[crypto_pwhash_STRBYTES];
	if (rs == ST_OK && pin &&
	    crypto_pwhash_str(hash, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
		rs = store_fail(st, ST_IO, "not enough memory to hash the PIN");
	if (rs != ST_OK || (rs = store_begin(st)) != ST_OK)
		return rs;
	struct staff m;
	sqlite3_stmt *s;
	if ((rs = staff_store_get(st, login, &m)) == ST_OK && (s = store_prep(st, sql))) {
		sqlite3_bind_int64(s, 1, m.id);
		if (pin)
			sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 2);
		rs = store_step_done(st, s, "staff");
		/* the audit says that the PIN changed, never what it is */
		if (rs == ST_OK)
			rs = store_audit(st, "staff", m.id, pin ? "pin-set" : "pin-removed", "pin", NULL,
					 NULL);
	} else if (rs == ST_OK) {
		rs = ST_IO;
	}
	staff_free(&m);
	return store_end(st, rs);
}

/* The time t as the store writes it ("YYYY-MM-DD HH:MM:SS", local time like store_now). */
static void stamp(time_t t, char out[20])
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static time_t unstamp(const char *s)
{
	struct tm tm = {0};
	if (!s || sscanf(s, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
			 &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* Audits the lockout of member id, authored by the login at the terminal (the shared one, which
 * cannot otherwise write) or, when that login is not on the staff, by the member. */
static enum store_status audit_lockout(struct store *st, int64_t id, const char *until)
{
	int64_t author = 0;
	if (store_staff_id(st, st->login, false, &author) != ST_OK)
		author = id;
	int64_t was = st->staff_id;
	st->staff_id = author;
	enum store_status rs = store_audit(st, "staff", id, "pin-locked", "pin_locked_until", NULL,
					   until);
	st->staff_id = was;
	return rs;
}

enum store_status staff_store_check_pin(struct store *st, const char *login, const char *pin,
					enum pin_result *res, int *left)
{
	static const char *sel = "SELECT id, pin_hash, pin_failures, pin_locked_until, shared, "
				 "disabled_at IS NOT NULL FROM staff WHERE login = ?1";
	static const char *upd = "UPDATE staff SET pin_failures = ?2, pin_locked_until = ?3 "
				 "WHERE id = ?1";
	*res = PIN_UNUSABLE;
	*left = 0;
	enum store_status rs = sodium_ready(st);
	if (rs != ST_OK || (rs = store_begin(st)) != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, sel);
	bool row = false;
	if (s)
		store_bind_text(s, 1, login);
	if (!s || (rs = store_step_maybe(st, s, "staff", &row)) != ST_OK || !row) {
		if (s && rs == ST_OK)
			rs = store_fail(st, ST_NOTFOUND, "no staff member with login \"%s\"", login);
		store_rollback(st);
		return s ? rs : ST_IO;
	}
	/* bound after store_prep's reset: the statement runs again below */
	int64_t id = sqlite3_column_int64(s, 0);
	char *hash = col_dup(s, 1);
	int failures = sqlite3_column_int(s, 2);
	time_t until = unstamp((const char *)sqlite3_column_text(s, 3));
	bool unusable = sqlite3_column_int(s, 4) || sqlite3_column_int(s, 5);
	sqlite3_reset(s);
	time_t now = time(NULL);
	if (unusable) {
		*res = PIN_UNUSABLE;
	} else if (!hash) {
		*res = PIN_NONE;
	} else if (until > now) {
		*res = PIN_LOCKED;
		*left = (int)(until - now);
	} else if (crypto_pwhash_str_verify(hash, pin ? pin : "", pin ? strlen(pin) : 0) == 0) {
		*res = PIN_OK;
		failures = 0;
	} else {
		failures++;
		*res = PIN_WRONG;
		*left = STAFF_PIN_TRIES - failures;
	}
	free(hash);
	if (*res == PIN_OK || *res == PIN_WRONG) {
		char when[20] = "";
		if (failures >= STAFF_PIN_TRIES) {
			stamp(now + STAFF_PIN_LOCK_SECONDS, when);
			*res = PIN_LOCKED;
			*left = STAFF_PIN_LOCK_SECONDS;
			failures = 0;
		}
		if (!(s = store_prep(st, upd))) {
			rs = ST_IO;
		} else {
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int(s, 2, failures);
			if (*when)
				sqlite3_bind_text(s, 3, when, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(s, 3);
			rs = store_step_done(st, s, "staff");
		}
		if (rs == ST_OK && *when)
			rs = audit_lockout(st, id, when);
	}
	return store_end(st, rs);
}

enum store_status store_config_text(struct store *st, const char *name, char **text)
{
	static const char *sql = "SELECT text FROM config_text WHERE name = ?1";
	*text = NULL;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "config_text", &row);
	if (rs == ST_OK && row) {
		*text = col_dup(s, 0);
		sqlite3_reset(s);
	}
	return rs;
}

enum store_status store_config_record(struct store *st, const char *name, const char *text)
{
	static const char *sql = "INSERT INTO config_text(name, text, recorded_at) "
				 "VALUES (?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET "
				 "text = excluded.text, recorded_at = excluded.recorded_at "
				 "WHERE text IS NOT excluded.text";
	if (st->readonly)
		return ST_OK;
	char *had;
	enum store_status rs = store_config_text(st, name, &had);
	bool same = rs == ST_OK && had && strcmp(had, text) == 0;
	free(had);
	if (rs != ST_OK || same)
		return rs;
	if ((rs = store_begin(st)) != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s) {
		store_rollback(st);
		return ST_IO;
	}
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, store_now(st), -1, SQLITE_TRANSIENT);
	return store_end(st, store_step_done(st, s, "config_text"));
}
