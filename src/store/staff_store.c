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
 * machine, and each guess costs an attacker holding the file as much. bench/bench_signin
 * measured a median of 7 ms and a p95 of 17 ms (2 cores shared with other builds): a fourfold
 * cost would bring the p95 near the target on a loaded machine, for little gain, since a PIN's
 * few digits are guarded by the lockout, not by the hash alone. 8 MiB stays small beside the
 * interface's own memory on a front-desk PC. */
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

#define STAFF_COLS                                                                        \
	"id, login, coalesce(display_name, login), role, shared, pin_hash IS NOT NULL, " \
	"created_at, disabled_at"

static void read_row(sqlite3_stmt *s, struct staff *out)
{
	*out = (struct staff){
		.id = sqlite3_column_int64(s, 0),
		.login = store_col_text(s, 1),
		.display_name = store_col_text(s, 2),
		.role = store_col_text(s, 3),
		.shared = sqlite3_column_int(s, 4),
		.has_pin = sqlite3_column_int(s, 5),
		.created_at = store_col_text(s, 6),
		.disabled_at = store_col_text(s, 7),
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

bool staff_login_valid(const char *login, char *why, size_t n)
{
	size_t len = login ? strlen(login) : 0;
	if (len == 0 || len > 32) {
		snprintf(why, n, "a login is 1 to 32 characters");
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char ch = login[i];
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			  (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || (ch == '-' && i > 0);
		if (!ok) {
			snprintf(why, n, "a login is letters, digits, '.', '_' and '-' (not first), "
				 "as a Unix login");
			return false;
		}
	}
	return true;
}

/* The role named name of roles, or NULL after ST_INVALID "no role ...: the roles are ...". */
static const struct role *known_role(struct store *st, const struct roles *roles,
				     const char *name)
{
	const struct role *r = roles_find(roles, name);
	if (r)
		return r;
	struct sbuf b = {0};
	for (size_t i = 0; i < roles->n; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", roles->v[i].name);
	store_fail(st, ST_INVALID, "no role \"%s\": the roles are %s", name, b.s ? b.s : "none");
	sbuf_free(&b);
	return NULL;
}

/* Whether a member of role r, shared or not, may manage the staff: the kind the book must
 * always keep one of. */
static bool keeps_staff(const struct roles *roles, const char *role, bool shared, bool disabled)
{
	return !shared && !disabled && role_may(roles_find(roles, role), PERM_STAFF);
}

/* ST_OK when a member other than id who keeps_staff is left, else ST_CONFLICT saying why.
 * Inside the write transaction, so that what it counts cannot change before the commit. */
static enum store_status other_keeper(struct store *st, const struct roles *roles, int64_t id,
				      const char *login)
{
	static const char *sql = "SELECT role FROM staff WHERE id <> ?1 AND shared = 0 AND "
				 "disabled_at IS NULL";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	bool found = false;
	int rc;
	while (!found && (rc = sqlite3_step(s)) == SQLITE_ROW)
		found = role_may(roles_find(roles, (const char *)sqlite3_column_text(s, 0)),
				 PERM_STAFF);
	sqlite3_reset(s);
	if (!found && rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlfail(st, rc, "staff");
	if (found)
		return ST_OK;
	const struct role *need = roles_first_that_may(roles, PERM_STAFF);
	return store_fail(st, ST_CONFLICT,
			  "%s is the last member who may manage the staff (%s) on a login of their "
			  "own: give that role to someone else first",
			  login, need ? need->name : "staff");
}

/* ST_OK when role may go with shared, else ST_INVALID. */
static enum store_status shared_check(struct store *st, const struct role *r, bool shared)
{
	if (shared && role_may(r, PERM_STAFF))
		return store_fail(st, ST_INVALID,
				  "a shared login cannot have the role %s: it may manage the staff, "
				  "and a shared login never acts as itself (give it a role such as "
				  "receptionist)", r->name);
	return ST_OK;
}

enum store_status staff_store_add(struct store *st, const struct roles *roles, const char *login,
				  const char *name, const char *role, bool shared, int64_t *id)
{
	static const char *sql = "INSERT INTO staff(login, display_name, role, shared, created_at) "
				 "VALUES (?1, ?2, ?3, ?4, ?5)";
	char why[96];
	if (!staff_login_valid(login, why, sizeof why))
		return store_fail(st, ST_INVALID, "login \"%s\": %s", login ? login : "", why);
	if (name && !*name)
		return store_fail(st, ST_INVALID, "the name is empty");
	const struct role *r = known_role(st, roles, role);
	enum store_status rs = r ? shared_check(st, r, shared) : ST_INVALID;
	int64_t me, was;
	if (rs != ST_OK || (rs = store_begin(st)) != ST_OK)
		return rs;
	/* the author first: refused before anything is written when nobody may be */
	if ((rs = store_staff_self(st, &me)) != ST_OK)
		return store_end(st, rs);
	if (store_staff_id(st, login, false, &was) == ST_OK)
		return store_end(st, store_fail(st, ST_DUPLICATE,
						"%s is on the staff already: change them with "
						"`maitre staff edit %s`", login, login));
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return store_end(st, ST_IO);
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name ? name : login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, role, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, shared);
	sqlite3_bind_text(s, 5, store_now(st), -1, SQLITE_TRANSIENT);
	char *desc = xasprintf("%s: %s, %s%s", login, name ? name : login, role,
			       shared ? ", shared" : "");
	int64_t nid = 0;
	rs = store_insert_audited(st, s, "staff", desc, &nid);
	free(desc);
	if (rs == ST_OK && id)
		*id = nid;
	return store_end(st, rs);
}

/* Audits one changed value of member id ("role": old → new); nothing when they are equal. */
static enum store_status audit_change(struct store *st, int64_t id, const char *field,
				      const char *old, const char *new, bool *changed)
{
	if ((!old && !new) || (old && new && strcmp(old, new) == 0))
		return ST_OK;
	*changed = true;
	return store_audit(st, "staff", id, "update", field, old, new);
}

enum store_status staff_store_edit(struct store *st, const struct roles *roles, const char *login,
				   const struct staff_edit *e, bool *changed)
{
	static const char *sql = "UPDATE staff SET display_name = ?2, role = ?3, shared = ?4, "
				 "disabled_at = ?5 WHERE id = ?1";
	bool any = false;
	if (changed)
		*changed = false;
	if (e->name && !*e->name)
		return store_fail(st, ST_INVALID, "the name is empty");
	if (e->role && !known_role(st, roles, e->role))
		return ST_INVALID;
	int64_t me;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = store_staff_self(st, &me)) != ST_OK)
		return store_end(st, rs);
	struct staff m;
	if ((rs = staff_store_get(st, login, &m)) != ST_OK)
		return store_end(st, rs);
	const char *name = e->name ? e->name : m.display_name;
	const char *role = e->role ? e->role : m.role;
	bool shared = e->shared >= 0 ? e->shared : m.shared;
	bool disabled = e->disabled >= 0 ? e->disabled : m.disabled;
	const char *off = disabled ? (m.disabled_at ? m.disabled_at : store_now(st)) : NULL;
	const struct role *r = roles_find(roles, role);
	/* a role the roles no longer have is left as it is, but is not given anew */
	if (r)
		rs = shared_check(st, r, shared);
	if (rs == ST_OK && keeps_staff(roles, m.role, m.shared, m.disabled) &&
	    !keeps_staff(roles, role, shared, disabled))
		rs = other_keeper(st, roles, m.id, login);
	char was_shared[2] = {m.shared ? '1' : '0', 0}, now_shared[2] = {shared ? '1' : '0', 0};
	/* audited before the update: a member who disables themselves is still its author */
	if (rs == ST_OK)
		rs = audit_change(st, m.id, "display_name", m.display_name, name, &any);
	if (rs == ST_OK)
		rs = audit_change(st, m.id, "role", m.role, role, &any);
	if (rs == ST_OK)
		rs = audit_change(st, m.id, "shared", was_shared, now_shared, &any);
	if (rs == ST_OK)
		rs = audit_change(st, m.id, "disabled_at", m.disabled_at, off, &any);
	sqlite3_stmt *s = rs == ST_OK && any ? store_prep(st, sql) : NULL;
	if (s) {
		sqlite3_bind_int64(s, 1, m.id);
		sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, role, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 4, shared);
		store_bind_text(s, 5, off);
		rs = store_step_done(st, s, "staff");
	} else if (rs == ST_OK && any) {
		rs = ST_IO;
	}
	staff_free(&m);
	if (rs == ST_OK && changed)
		*changed = any;
	return store_end(st, rs);
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

enum store_status staff_store_set_pin(struct store *st, const char *login, const char *pin)
{
	static const char *sql = "UPDATE staff SET pin_hash = ?2, pin_failures = 0, "
				 "pin_locked_until = NULL WHERE id = ?1";
	char why[64];
	if (pin && !staff_pin_valid(pin, why, sizeof why))
		return store_fail(st, ST_INVALID, "PIN: %s", why);
	enum store_status rs = store_sodium(st);
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

/* What a PIN check reads of a member. */
struct pin_row {
	int64_t id;
	char *hash; /* NULL: no PIN */
	int failures;
	time_t until; /* the end of a lockout, 0 when none */
	bool unusable; /* shared, or disabled */
};

/* Reads login's pin_row: ST_OK, ST_NOTFOUND or a failure. */
static enum store_status read_pin_row(struct store *st, const char *login, struct pin_row *r)
{
	static const char *sel = "SELECT id, pin_hash, pin_failures, pin_locked_until, shared, "
				 "disabled_at IS NOT NULL FROM staff WHERE login = ?1";
	*r = (struct pin_row){0};
	sqlite3_stmt *s = store_prep(st, sel);
	if (!s)
		return ST_IO;
	store_bind_text(s, 1, login);
	bool row = false;
	enum store_status rs = store_step_maybe(st, s, "staff", &row);
	if (rs != ST_OK)
		return rs;
	if (!row)
		return store_fail(st, ST_NOTFOUND, "no staff member with login \"%s\"", login);
	r->id = sqlite3_column_int64(s, 0);
	r->hash = store_col_text(s, 1);
	r->failures = sqlite3_column_int(s, 2);
	r->until = unstamp((const char *)sqlite3_column_text(s, 3));
	r->unusable = sqlite3_column_int(s, 4) || sqlite3_column_int(s, 5);
	sqlite3_reset(s);
	return ST_OK;
}

enum store_status staff_store_check_pin(struct store *st, const char *login, const char *pin,
					enum pin_result *res, int *left)
{
	static const char *upd = "UPDATE staff SET pin_failures = ?2, pin_locked_until = ?3 "
				 "WHERE id = ?1";
	*res = PIN_UNUSABLE;
	*left = 0;
	struct pin_row r;
	enum store_status rs = store_sodium(st);
	if (rs != ST_OK || (rs = read_pin_row(st, login, &r)) != ST_OK)
		return rs;
	time_t now = time(NULL);
	if (r.unusable || !r.hash || r.until > now) {
		*res = r.unusable ? PIN_UNUSABLE : !r.hash ? PIN_NONE : PIN_LOCKED;
		*left = *res == PIN_LOCKED ? (int)(r.until - now) : 0;
		free(r.hash);
		return ST_OK;
	}
	/* Argon2id takes its milliseconds outside the write transaction: other terminals write
	 * meanwhile. The count of wrong PINs is then read again inside it, so that two terminals
	 * guessing at once count every guess, and a lockout made meanwhile holds. */
	bool right = crypto_pwhash_str_verify(r.hash, pin ? pin : "", pin ? strlen(pin) : 0) == 0;
	free(r.hash);
	if ((rs = store_begin(st)) != ST_OK)
		return rs;
	if ((rs = read_pin_row(st, login, &r)) != ST_OK) {
		store_rollback(st);
		return rs;
	}
	free(r.hash);
	if (r.until > now) {
		*res = PIN_LOCKED;
		*left = (int)(r.until - now);
		store_rollback(st);
		return ST_OK;
	}
	int failures = right ? 0 : r.failures + 1;
	char when[20] = "";
	*res = right ? PIN_OK : PIN_WRONG;
	*left = STAFF_PIN_TRIES - failures;
	if (failures >= STAFF_PIN_TRIES) {
		stamp(now + STAFF_PIN_LOCK_SECONDS, when);
		*res = PIN_LOCKED;
		*left = STAFF_PIN_LOCK_SECONDS;
		failures = 0;
	}
	sqlite3_stmt *s = store_prep(st, upd);
	if (!s) {
		rs = ST_IO;
	} else {
		sqlite3_bind_int64(s, 1, r.id);
		sqlite3_bind_int(s, 2, failures);
		if (*when)
			sqlite3_bind_text(s, 3, when, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 3);
		rs = store_step_done(st, s, "staff");
	}
	if (rs == ST_OK && *when)
		rs = audit_lockout(st, r.id, when);
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
		*text = store_col_text(s, 0);
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
