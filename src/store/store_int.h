/* store_int.h — internals shared by the files of src/store. Not for use outside src/store. */
#ifndef MAITRE_STORE_INT_H
#define MAITRE_STORE_INT_H

#include <sqlite3.h>
#include <stdarg.h>

#include "core/date.h"
#include "core/error.h"
#include "core/strv.h"
#include "store/store.h"

#define STORE_APPLICATION_ID 0x4D545245 /* "MTRE" */
#define STORE_BUSY_TIMEOUT_MS 10000

struct store {
	sqlite3 *db;
	int txdepth;
	bool tx_failed;       /* an inner step failed: the outermost commit rolls back */
	bool readonly;        /* opened with STORE_READONLY */
	bool bulk;            /* STORE_BULK: per-row audit rows replaced by store_log summaries */
	bool private_file;    /* STORE_PRIVATE: no journal until store_bulk_end */
	int busy_ms;          /* how long a write waits for another's lock (store_set_busy_timeout) */
	int64_t staff_id;     /* the actor's staff row, 0 until first looked up */
	char login[64];       /* the Unix login */
	char actor[64];       /* the staff member signed in (store_act_as), or "" */
	char now[20];         /* the time of the open transaction (store_now) */
	char staff_login[64]; /* the last login looked up by store_staff_id, and its id */
	int64_t staff_login_id;
	struct error err;     /* the last failure; its code the store_status returned */
	struct sql_profile *profile; /* MAITRE_SQL_PROFILE */
	/* SQLite found the file damaged (SQLITE_CORRUPT, SQLITE_NOTADB): what it said and where;
	 * from then on every write is refused (store_begin), unless opened with STORE_DOCTOR */
	char damage[400];
	bool doctor;          /* STORE_DOCTOR: maitre doctor's connection */
	bool bulk_active;     /* between store_bulk_begin and store_bulk_end */
	char **bulk_indexes;  /* CREATE INDEX/TRIGGER statements dropped by store_bulk_begin */
	size_t nbulk_indexes;
	struct bulk_keys *bulk_keys; /* search keys staged in memory while bulk_active */
	/* the audit chain's head (audit_store.c), read at the first audit row of a write
	 * transaction and kept only until it ends: writers are serialised by BEGIN IMMEDIATE, so
	 * what another process appended before is read again by the next transaction */
	bool chain_known;
	int64_t chain_id;     /* the last audit row's id */
	char chain_hash[65];  /* and its hash, hex ("" before the first row) */
	char op[16];          /* store_audit_op: what the rows written now belong to, or "" */
	int64_t op_id;
	sqlite3_stmt *cache[256];
	const char *cache_sql[256];
};

/* Records a failure: the message and s into st->err; returns s. */
enum store_status store_fail(struct store *st, enum store_status s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Maps an SQLite result code to a status and records sqlite's message with context. The one
 * place where SQLite's results become statuses: SQLITE_CORRUPT and SQLITE_NOTADB (and a
 * constraint that fails because the file is damaged) are ST_CORRUPT, "the database is damaged:
 * run `maitre doctor`", and mark the store damaged (store_damage). */
enum store_status store_sqlfail(struct store *st, int rc, const char *context);
/* A prepared statement for sql, cached by the address of the SQL literal; reset and cleared
 * before it is returned. NULL on failure (st->err set). */
sqlite3_stmt *store_prep(struct store *st, const char *sql);
/* Steps s once and resets it: ST_OK when the statement ran to completion (SQLITE_DONE),
 * otherwise the failure recorded with context. */
enum store_status store_step_done(struct store *st, sqlite3_stmt *s, const char *context);
/* Steps s, a query of at most one row: ST_OK with *row telling whether a row is there to read
 * (the caller resets s after reading), or the error (s reset) — a busy or broken database is
 * never taken for "no row". */
enum store_status store_step_maybe(struct store *st, sqlite3_stmt *s, const char *context,
				   bool *row);
/* Steps s, a query of the row of what (an entity: "guest") with id: ST_OK with the row there to
 * read (the caller resets s); else s is reset and ST_NOTFOUND ("no WHAT with id ID") or the
 * failure returned. */
enum store_status store_step_row(struct store *st, sqlite3_stmt *s, const char *what, int64_t id);
/* store_step_row for an id given as the field what (a complaint's visit, a visit's guest): the
 * message "WHAT: no WHAT with id ID". */
enum store_status store_step_ref(struct store *st, sqlite3_stmt *s, const char *what, int64_t id);
/* Prepares sql, binds id as ?1 and steps into *ps: store_step_row. */
enum store_status store_row(struct store *st, const char *sql, const char *what, int64_t id,
			    sqlite3_stmt **ps);
/* ST_OK when guest id exists, was not merged into another and is not erased, else
 * ST_NOTFOUND ("guest: no guest with id ID"), ST_CONFLICT ("guest: guest 12 was merged into
 * 7", "guest: guest 12 is erased") or the failure. */
enum store_status store_guest_check(struct store *st, int64_t id);
/* The largest guest id + 1 into *n: the length of an array indexed by guest id (ids are dense
 * and never reused: guests are never deleted). A read failure is returned, not taken for an
 * empty table. */
enum store_status store_guest_bound(struct store *st, const char *context, size_t *n);
/* What guest_month holds, from the live visits (maitre doctor compares the two). */
#define GUEST_MONTH_SELECT                                                                 \
	"SELECT substr(date, 1, 7), guest_id, count(*), sum(covers), "                       \
	"sum(spend_fen) FROM visit WHERE voided_at IS NULL GROUP BY 1, 2"
/* Fills guest_month (empty) from the live visits: migration 4, store_bulk_end and maitre
 * doctor --repair. The text migration 4 ran, unchanged. */
#define GUEST_MONTH_FILL "INSERT INTO guest_month " GUEST_MONTH_SELECT ";"
/* Adds a (month ?1, guest ?2)'s sums of live visits (?3 visits, ?4 covers, ?5 spend_fen) to
 * guest_month, as the trigger guest_month_insert (migrate.c) adds one visit: store_bulk_visit's
 * sums and an import's deferred upkeep (import_store.c). */
#define GUEST_MONTH_ADD                                                                    \
	"INSERT INTO guest_month(month, guest_id, visits, covers, spend_fen) "               \
	"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (month, guest_id) DO UPDATE SET "            \
	"visits = visits + excluded.visits, covers = covers + excluded.covers, "             \
	"spend_fen = spend_fen + excluded.spend_fen"
/* Whether the tier_override row (its columns prefixed o, "" or "o.") is in force in month mk
 * (an SQL expression giving "YYYY-MM"): given for it or before, not past its last month, not
 * cleared before it (clearing ends an override from the month it is cleared in). The rule of
 * tier_store.c and of the agenda's tiers (agenda_store.c). */
#define OVERRIDE_IN_FORCE(o, mk)                                                                 \
	o "from_month <= " mk " AND (" o "until_month IS NULL OR " o "until_month >= " mk ") AND (" \
	o "cleared_at IS NULL OR substr(" o "cleared_at, 1, 7) > " mk ")"
/* Whether the tier_month_row row (its columns prefixed r, "" or "r.") is of the month's
 * generation g (an SQL expression; NULL: none shown): a row is written by the generation that
 * made it (gen) and left by the one that replaced or dropped it (superseded, NULL while none
 * did), so a recompute writes only the rows that changed (tier_store.c). The rule of the view
 * tier_month (migrate.c) and of every reader of tier_month_row. */
#define TIER_ROW_SHOWN(r, g)                                                                     \
	"(" r "gen <= " g " AND (" r "superseded IS NULL OR " r "superseded > " g "))"
/* The dashboard's stored months (report_store.c), forgotten by whatever refills guest_month. */
#define REPORT_CACHE_FORGET "DELETE FROM report_month_cell; DELETE FROM report_month_cache;"
/* Each guest's last live visit and search probe, for ranking search results (migrate.c keeps
 * it by triggers; store_bulk_end refills it). */
#define GUEST_LAST_SELECT                                                                    \
	"SELECT v.guest_id, max(v.date), p.probe FROM visit v "                              \
	"LEFT JOIN search_probe p ON p.guest_id = v.guest_id WHERE v.voided_at IS NULL "      \
	"GROUP BY v.guest_id"
#define GUEST_LAST_FILL "INSERT INTO guest_last " GUEST_LAST_SELECT ";"
/* Raises guest ?1's last visit to date ?2 (never lowers it), or makes its row with the probe
 * search_probe holds, as the trigger guest_last_insert (migrate.c) does for one visit:
 * store_bulk_visit's last days and an import's deferred upkeep (import_store.c). */
#define GUEST_LAST_ADD                                                                     \
	"INSERT INTO guest_last(guest_id, date, probe) VALUES (?1, ?2, (SELECT probe FROM "  \
	"search_probe WHERE guest_id = ?1)) ON CONFLICT (guest_id) DO UPDATE SET "           \
	"date = max(date, excluded.date)"
/* A month's keys as the queries bind them: "YYYY-MM" of the month and of the month before,
 * and the month's first and last days "YYYY-MM-DD". */
struct month_keys {
	char key[8], prev[8], first[11], last[11];
};
static inline struct month_keys store_month_keys(struct date m)
{
	struct month_keys k;
	date_month_key(m, k.key);
	date_month_key(date_prev_month(m), k.prev);
	date_month_first(m, k.first);
	date_month_last(m, k.last);
	return k;
}
/* The one integer sql reads from db (0 when no row or NULL) into *v: an SQLite result code,
 * SQLITE_OK when it ran. For a connection without a store around it, too. */
int store_db_int(sqlite3 *db, const char *sql, int64_t *v);
/* The one integer sql reads (0 when no row) into *v; a failure recorded with context. */
enum store_status store_count(struct store *st, const char *sql, const char *context,
			      int64_t *v);
/* Executes SQL without results. */
enum store_status store_exec(struct store *st, const char *sql);
/* Releases the read savepoint name (SAVEPOINT name … RELEASE name) without hiding the failure
 * that ended it: in the rollback journal mode a read that fails (a lock refused, an I/O error)
 * may roll the whole transaction back, savepoint and all, and "no such savepoint" would then
 * replace the real cause in st->err. Does nothing when no transaction is open; a RELEASE that
 * fails outside any transaction of the store's ends the read with a ROLLBACK. */
void store_release(struct store *st, const char *name);
/* The time the outermost open transaction began ("YYYY-MM-DD HH:MM:SS"): one timestamp for
 * every row a transaction writes. Outside a transaction, the current time. */
const char *store_now(struct store *st);
/* libsodium started (it is idempotent): ST_OK, or ST_IO "libsodium cannot start". The one
 * start for the store's hashes: the audit chain's, the PINs'. */
enum store_status store_sodium(struct store *st);
/* The staff id of the actor (store_actor), inside a write transaction: ST_DENIED when they
 * are not on the staff, have been disabled, or are a shared login nobody signed in on. */
enum store_status store_staff_self(struct store *st, int64_t *id);
/* The staff id of login, registering it when create is true. ST_NOTFOUND otherwise. */
enum store_status store_staff_id(struct store *st, const char *login, bool create, int64_t *id);
/* Writes one audit row (inside the caller's write transaction). old/new may be NULL. */
enum store_status store_audit(struct store *st, const char *entity, int64_t entity_id,
			      const char *action, const char *field, const char *old_value,
			      const char *new_value);
/* The one writer of audit rows (audit_store.c): appends the row, chained to the one before
 * (its hash over every column and the previous row's hash), with st->op and st->op_id, and
 * moves the chain's head (audit_head). In its own transaction when none is open. store_audit
 * calls it; nothing else inserts into audit. */
enum store_status audit_chain_append(struct store *st, int64_t staff_id, const char *entity,
				     int64_t entity_id, const char *action, const char *field,
				     const char *old_value, const char *new_value);
/* Forgets the cached head of the chain (the end of a write transaction). */
void audit_chain_forget(struct store *st);
/* Computes the hash of every audit row without one, in id order, and the head: the migration
 * that brought the chain in, for the rows written before it. Inside the caller's transaction. */
enum store_status audit_chain_fill(struct store *st);
/* Erases the values of the audit rows about guest guest_id (audit_store_list's rows of the
 * guest), inside the caller's write transaction: each old and new becomes "[erased]", the
 * row's salt is dropped and the digests the chain hashed are kept, so that the chain stays
 * whole and the values cannot be recovered. Two rows record the erasure (entity 'guest',
 * action 'erase'): field 'rows' lists the rows erased (their count and a digest of their ids,
 * which audit_store_verify checks against the rows marked), field 'reason' the reason.
 * *erased: the rows erased. */
enum store_status audit_chain_erase(struct store *st, int64_t guest_id, const char *reason,
				    int64_t *erased);
/* Runs s, the prepared INSERT of one row of entity ("visit"), and audits the row as created
 * with desc; *id the new row's id (inside the caller's write transaction). */
enum store_status store_insert_audited(struct store *st, sqlite3_stmt *s, const char *entity,
				       const char *desc, int64_t *id);
/* The end of a write transaction: commits when rs is ST_OK, else rolls back. The transaction's
 * status. */
enum store_status store_end(struct store *st, enum store_status rs);
/* store_end for a transaction that adds a row: *id stays only when the row was stored, else it
 * is 0. */
enum store_status store_end_new(struct store *st, enum store_status rs, int64_t *id);
/* The INSERT of a new visit v into the visit table (visit_store_add, store_bulk_visit), prepared
 * with v's fields bound, me as the staff who entered it and now as its time; NULL when it cannot
 * be prepared (the error is st's). */
struct visit;
sqlite3_stmt *store_visit_insert(struct store *st, const struct visit *v, int64_t me);
/* Stages one search key of a new guest (id below 2^32) during bulk loading (store_bulk_end
 * writes them all in key order) or while keys are deferred (store_keys_defer: written in key
 * order a batch at a time). */
enum store_status store_bulk_key(struct store *st, const char *key, int64_t guest_id);
/* Frees what bulk loading keeps (store_close). */
void store_bulk_free(struct store *st);
/* Sets the journal mode: MAITRE_JOURNAL_MODE (default WAL), or none while loading a private
 * file. */
enum store_status store_set_journal_mode(struct store *st, bool none);
/* Binds text or NULL (for NULL or ""). */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Copy of column i as a string (NULL when SQL NULL). Caller frees. */
char *store_col_text(sqlite3_stmt *s, int i);
/* Copies text into dst of size n: NULL as "", a longer text cut to fit. */
void store_text_copy(char *dst, size_t n, const char *text);
/* Copies column i into dst of size n: SQL NULL as "", a longer text cut to fit. */
void store_col_copy(sqlite3_stmt *s, int i, char *dst, size_t n);
/* Appends to out the query plan of sql as "LABEL: SQL => | step | step" (no "LABEL: " when
 * label is NULL): EXPLAIN QUERY PLAN's detail lines, for tests that prove a query uses its
 * indexes. */
enum store_status store_explain(struct store *st, const char *label, const char *sql,
				struct strv *out);
/* An SQL function of maitre's: a scalar (fn) or an aggregate (step and final). */
struct store_function {
	const char *name;
	int nargs;
	void (*fn)(sqlite3_context *ctx, int argc, sqlite3_value **argv);
	void (*step)(sqlite3_context *ctx, int argc, sqlite3_value **argv);
	void (*final)(sqlite3_context *ctx);
};
/* Registers the n functions of v on db, UTF-8 and for use in SQL statements only
 * (SQLITE_DIRECTONLY): an SQLite result code, the first failure's. */
int store_create_functions(sqlite3 *db, const struct store_function *v, size_t n);
/* The SQL functions of the month scan (report_store.c) and of everyone's agenda
 * (agenda_store.c), registered by store_open once per connection: redefining a function
 * expires every prepared statement, and SQLite refuses it while a statement runs. An SQLite
 * result code. */
int report_store_functions(sqlite3 *db);
int agenda_store_functions(sqlite3 *db);
/* A line of integrity_check's answer without the "*** in database main ***" heading it may
 * start with. */
const char *store_check_line(const char *t);
/* integrity_check and foreign_key_check of db (st's own, or a copy's): ST_OK, or ST_CORRUPT
 * with the count and the first problem in st->err. */
enum store_status store_quick_check_db(struct store *st, sqlite3 *db, const char *what);
/* The directory of path into dir: "." for a bare name, "/" for a file at the root. */
void store_dir_of(const char *path, char *dir, size_t size);
/* Whether the directory dir is shared with a group (setgid, or group-writable but not
 * world-writable like /tmp): the files maitre makes there are then 0660, else 0600. */
bool store_dir_shared(const char *dir);
/* Runs the migrations up to the latest version (in one transaction). */
enum store_status store_migrate(struct store *st);

#endif
