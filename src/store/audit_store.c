/* audit_store.c — the audit trail's hash chain (the one writer of audit rows), its check, and
 * the rows read back for maitre audit and the card's history. */
#include "store/audit_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/strv.h"
#include "core/xalloc.h"
#include "store/store_int.h"

/* The columns a row's hash covers, in this order; the previous row's hash follows them. The id
 * is not among them: the chain itself fixes each row's place, and a row slipped in between
 * two, the ids after it moved up, is then told as inserted, not as every row after it
 * changed. C_ID is read (the ids are compared for rows removed) but not hashed.
 *
 * old and new are hashed as their digests, not as themselves, so that an erasure (issue 16)
 * can take the values away and leave the chain whole: a value's digest is BLAKE2b-256 keyed
 * with the row's own random salt (C_SALT, 16 bytes, hex). Erasing a row drops the salt, puts
 * "[erased]" for each value there was, and keeps the digests in C_ERASED ("E OLD NEW", E the
 * id of the erasure's row that lists the rows it erased, "-" for a NULL value): without the
 * salt a digest tells nothing, not even a phone number tried against it. */
enum { C_ID, C_AT, C_STAFF, C_ENTITY, C_ENTITY_ID, C_ACTION, C_FIELD, C_OLD, C_NEW, C_OP,
       C_OP_ID, NCOLS, C_SALT = NCOLS, C_ERASED, NREAD };
#define CHAIN_COLS "id, at, staff_id, entity, entity_id, action, field, old, new, op, op_id"
#define READ_COLS CHAIN_COLS ", salt, erased"
#define HASH_BYTES crypto_generichash_BYTES /* 32: BLAKE2b-256 */
#define SALT_BYTES 16
#define HEX_HASH (2 * HASH_BYTES + 1)

/* One row's columns as the hash reads them: text or NULL, with its length (SQLite's text of an
 * integer is its decimal digits, as the writer formats it). */
struct chain_cols {
	const char *v[NREAD];
	size_t len[NREAD];
};

/* Feeds one value: a 0 byte for NULL, else a 1 byte, its length (8 bytes, big-endian) and its
 * bytes, so that no two different rows encode alike ("ab","c" against "a","bc"). */
static void feed(crypto_generichash_state *h, const char *v, size_t len)
{
	unsigned char tag[9] = {0};
	if (!v) {
		crypto_generichash_update(h, tag, 1);
		return;
	}
	tag[0] = 1;
	for (int i = 0; i < 8; i++)
		tag[1 + i] = (unsigned char)((uint64_t)len >> (56 - 8 * i));
	crypto_generichash_update(h, tag, sizeof tag);
	crypto_generichash_update(h, (const unsigned char *)v, len);
}

/* The digest of value v (len bytes) under salt (hex), as hex into out; "" when the salt is
 * missing or not SALT_BYTES of hex (a row so altered matches no hash). */
static void value_digest(const char *salt, const char *v, size_t len, char out[HEX_HASH])
{
	unsigned char key[SALT_BYTES], bin[HASH_BYTES];
	size_t klen = 0;
	out[0] = '\0';
	if (!salt || strlen(salt) != 2 * SALT_BYTES ||
	    sodium_hex2bin(key, sizeof key, salt, 2 * SALT_BYTES, NULL, &klen, NULL) != 0 ||
	    klen != SALT_BYTES)
		return;
	crypto_generichash(bin, sizeof bin, (const unsigned char *)v, len, key, sizeof key);
	sodium_bin2hex(out, HEX_HASH, bin, sizeof bin);
}

/* Reads an erased row's C_ERASED ("E OLD NEW"): ok with *e and the two digests (NULL for
 * "-"), which point into d. */
static bool erased_parse(const char *s, int64_t *e, char d[2][HEX_HASH], const char *dv[2])
{
	long long id;
	char a[HEX_HASH + 1], b[HEX_HASH + 1];
	if (!s || sscanf(s, "%lld %65s %65s", &id, a, b) != 3 || id <= 0)
		return false;
	const char *in[2] = {a, b};
	for (int i = 0; i < 2; i++) {
		if (strcmp(in[i], "-") == 0) {
			dv[i] = NULL;
			continue;
		}
		if (strlen(in[i]) != HEX_HASH - 1)
			return false;
		memcpy(d[i], in[i], HEX_HASH);
		dv[i] = d[i];
	}
	*e = id;
	return true;
}

/* The hash of a row whose columns are c, chained to prev (the previous row's stored hash, NULL
 * for the first row or one without), as hex into out. The values enter as their digests:
 * computed from the salt, or an erased row's kept ones; an erased row whose values are not
 * "[erased]" where a digest is kept, and NULL where none is, gets "" (it matches nothing). */
static void chain_hash(const struct chain_cols *c, const char *prev, char out[HEX_HASH])
{
	static const char domain[] = "maitre audit chain 2";
	crypto_generichash_state h;
	unsigned char bin[HASH_BYTES];
	char d[2][HEX_HASH];
	const char *dv[2] = {NULL, NULL};
	if (c->v[C_ERASED]) {
		int64_t e;
		if (c->v[C_SALT] || !erased_parse(c->v[C_ERASED], &e, d, dv))
			goto bad;
		for (int j = 0; j < 2; j++) {
			const char *v = c->v[C_OLD + j];
			if (dv[j] ? !v || strcmp(v, AUDIT_ERASED) != 0 : v != NULL)
				goto bad;
		}
	} else {
		for (int j = 0; j < 2; j++)
			if (c->v[C_OLD + j]) {
				value_digest(c->v[C_SALT], c->v[C_OLD + j], c->len[C_OLD + j], d[j]);
				dv[j] = d[j];
			}
	}
	crypto_generichash_init(&h, NULL, 0, sizeof bin);
	feed(&h, domain, sizeof domain - 1);
	for (int i = C_ID + 1; i < NCOLS; i++) {
		if (i == C_OLD || i == C_NEW)
			feed(&h, dv[i - C_OLD], dv[i - C_OLD] ? strlen(dv[i - C_OLD]) : 0);
		else
			feed(&h, c->v[i], c->len[i]);
	}
	feed(&h, prev, prev ? strlen(prev) : 0);
	crypto_generichash_final(&h, bin, sizeof bin);
	sodium_bin2hex(out, HEX_HASH, bin, sizeof bin);
	return;
bad:
	out[0] = '\0';
}

static void cols_set(struct chain_cols *c, int i, const char *v)
{
	c->v[i] = v;
	c->len[i] = v ? strlen(v) : 0;
}

/* The columns of a statement's row, from column first on, in READ_COLS order. */
static void cols_read(struct chain_cols *c, sqlite3_stmt *s, int first)
{
	for (int i = 0; i < NREAD; i++) {
		c->v[i] = (const char *)sqlite3_column_text(s, first + i);
		c->len[i] = c->v[i] ? (size_t)sqlite3_column_bytes(s, first + i) : 0;
	}
}

/* A fresh salt for row id written at at, hex, into out: random, except under a simulated clock
 * (the demo's history, the tests' MAITRE_NOW), where it is derived from the row's id and time
 * so that the same run writes the same rows (the demo's seed, the fault tests' digests). */
static void new_salt(const char *id, const char *at, char out[2 * SALT_BYTES + 1])
{
	static const char domain[] = "maitre audit salt of a simulated clock";
	unsigned char bin[SALT_BYTES];
	if (date_clock_simulated()) {
		crypto_generichash_state h;
		crypto_generichash_init(&h, NULL, 0, sizeof bin);
		feed(&h, domain, sizeof domain - 1);
		feed(&h, id, strlen(id));
		feed(&h, at, at ? strlen(at) : 0);
		crypto_generichash_final(&h, bin, sizeof bin);
	} else {
		randombytes_buf(bin, sizeof bin);
	}
	sodium_bin2hex(out, 2 * SALT_BYTES + 1, bin, sizeof bin);
}

void audit_chain_forget(struct store *st)
{
	st->chain_known = false;
	st->op[0] = '\0';
	st->op_id = 0;
}

/* Reads the head of the chain into st (once per transaction): the next row's id follows the
 * last row there is or was, and chains to the head's hash. */
static enum store_status chain_head(struct store *st)
{
	static const char *sql = "SELECT (SELECT max(id) FROM audit), h.id, h.hash FROM "
				 "(SELECT 1) LEFT JOIN audit_head h ON h.one = 1";
	if (st->chain_known)
		return ST_OK;
	sqlite3_stmt *s = store_prep(st, sql);
	bool row = false;
	enum store_status rs;
	if (!s)
		return ST_IO;
	if ((rs = store_step_maybe(st, s, "audit", &row)) != ST_OK)
		return rs;
	int64_t last = sqlite3_column_int64(s, 0), head = sqlite3_column_int64(s, 1);
	store_col_copy(s, 2, st->chain_hash, sizeof st->chain_hash);
	sqlite3_reset(s);
	st->chain_id = last > head ? last : head;
	st->chain_known = true;
	return ST_OK;
}

/* Moves the head of the chain to row id, whose hash is hash. */
static enum store_status chain_store(struct store *st, int64_t id, const char *hash)
{
	static const char *head = "INSERT INTO audit_head(one, id, hash) VALUES (1, ?1, ?2) "
				  "ON CONFLICT (one) DO UPDATE SET id = excluded.id, hash = excluded.hash";
	sqlite3_stmt *s = store_prep(st, head);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_TRANSIENT);
	return store_step_done(st, s, "audit");
}

/* NULL for NULL or "": what store_bind_text stores. */
static const char *stored(const char *v)
{
	return v && v[0] ? v : NULL;
}

static enum store_status append(struct store *st, int64_t staff_id, const char *entity,
				int64_t entity_id, const char *action, const char *field,
				const char *old_value, const char *new_value)
{
	static const char *sql = "INSERT INTO audit(" CHAIN_COLS ", hash, salt) VALUES (?1, ?2, ?3, "
				 "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	enum store_status rs = chain_head(st);
	if (rs != ST_OK)
		return rs;
	int64_t id = st->chain_id + 1;
	char idt[24], staff[24], eid[24], opid[24], hash[HEX_HASH], salt[2 * SALT_BYTES + 1];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	snprintf(staff, sizeof staff, "%lld", (long long)staff_id);
	snprintf(eid, sizeof eid, "%lld", (long long)entity_id);
	snprintf(opid, sizeof opid, "%lld", (long long)st->op_id);
	struct chain_cols c;
	cols_set(&c, C_ID, idt);
	cols_set(&c, C_AT, store_now(st));
	cols_set(&c, C_STAFF, staff);
	cols_set(&c, C_ENTITY, entity);
	cols_set(&c, C_ENTITY_ID, eid);
	cols_set(&c, C_ACTION, action);
	cols_set(&c, C_FIELD, stored(field));
	cols_set(&c, C_OLD, stored(old_value));
	cols_set(&c, C_NEW, stored(new_value));
	cols_set(&c, C_OP, stored(st->op));
	cols_set(&c, C_OP_ID, st->op[0] ? opid : NULL);
	new_salt(idt, c.v[C_AT], salt);
	cols_set(&c, C_SALT, salt);
	cols_set(&c, C_ERASED, NULL);
	chain_hash(&c, stored(st->chain_hash), hash);
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	for (int i = 0; i < NCOLS; i++) /* the integers bound as integers, as the hash read them */
		if (i == C_ID || i == C_STAFF || i == C_ENTITY_ID || (i == C_OP_ID && c.v[i]))
			sqlite3_bind_int64(s, i + 1, i == C_ID ? id : i == C_STAFF ? staff_id
			                              : i == C_ENTITY_ID ? entity_id : st->op_id);
		else
			store_bind_text(s, i + 1, c.v[i]);
	sqlite3_bind_text(s, 12, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 13, salt, -1, SQLITE_STATIC);
	if ((rs = store_step_done(st, s, "audit")) != ST_OK || (rs = chain_store(st, id, hash)) != ST_OK)
		return rs;
	st->chain_id = id;
	memcpy(st->chain_hash, hash, sizeof hash);
	return ST_OK;
}

enum store_status audit_chain_append(struct store *st, int64_t staff_id, const char *entity,
				     int64_t entity_id, const char *action, const char *field,
				     const char *old_value, const char *new_value)
{
	if (store_sodium(st) != ST_OK)
		return ST_IO;
	if (st->txdepth > 0)
		return append(st, staff_id, entity, entity_id, action, field, old_value, new_value);
	/* the head is read and moved under the write lock, never between two transactions */
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	rs = append(st, staff_id, entity, entity_id, action, field, old_value, new_value);
	return store_end(st, rs);
}

enum store_status audit_chain_fill(struct store *st)
{
	static const char *sel = "SELECT " READ_COLS " FROM audit WHERE id > ?1 ORDER BY id LIMIT 512";
	/* a row without a salt (written before the values were hashed as digests) gets one */
	static const char *upd = "UPDATE audit SET hash = ?2, salt = coalesce(salt, ?3) WHERE id = ?1";
	if (store_sodium(st) != ST_OK)
		return ST_IO;
	char prev[2 * HASH_BYTES + 1] = "";
	int64_t last = 0;
	enum store_status rs = ST_OK;
	for (bool more = true; more && rs == ST_OK;) {
		/* a batch read whole, then written: no row is updated under the open read */
		sqlite3_stmt *s = store_prep(st, sel);
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, last);
		size_t n = 0;
		int64_t ids[512];
		char(*hashes)[HEX_HASH] = xcalloc(512, sizeof *hashes);
		char(*salts)[2 * SALT_BYTES + 1] = xcalloc(512, sizeof *salts);
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct chain_cols c;
			cols_read(&c, s, 0);
			ids[n] = sqlite3_column_int64(s, 0);
			if (!c.v[C_SALT] && !c.v[C_ERASED]) {
				new_salt(c.v[C_ID], c.v[C_AT], salts[n]);
				cols_set(&c, C_SALT, salts[n]);
			}
			chain_hash(&c, prev[0] ? prev : NULL, hashes[n]);
			memcpy(prev, hashes[n], sizeof prev);
			n++;
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			rs = store_sqlfail(st, rc, "audit");
		for (size_t i = 0; i < n && rs == ST_OK; i++) {
			if (!(s = store_prep(st, upd))) {
				rs = ST_IO;
				break;
			}
			sqlite3_bind_int64(s, 1, ids[i]);
			sqlite3_bind_text(s, 2, hashes[i], -1, SQLITE_STATIC);
			store_bind_text(s, 3, salts[i]);
			rs = store_step_done(st, s, "audit");
		}
		free(hashes);
		free(salts);
		if (n)
			last = ids[n - 1];
		more = n == 512;
	}
	if (rs == ST_OK)
		rs = chain_store(st, last, prev);
	audit_chain_forget(st);
	return rs;
}

/* ---- the check ---- */

/* A row of the chain as read, with copies of what outlives the statement's step. */
struct link {
	int64_t id;
	char *hash; /* stored, or NULL */
	bool ok;    /* its hash is the one of its columns and the previous row's stored hash */
	int64_t erased_by; /* an erased row: the erasure's row that lists it; else 0 */
};

/* Reads the row the statement is on: whether it links to prev (the stored hash of the row
 * before, NULL for none), and, when ok_other is not NULL, whether it links to other instead. */
static struct link link_read(sqlite3_stmt *s, const char *prev, const char *other, bool *ok_other)
{
	struct chain_cols c;
	char want[HEX_HASH], d[2][HEX_HASH];
	const char *dv[2];
	struct link l = {.id = sqlite3_column_int64(s, 0)};
	cols_read(&c, s, 0);
	l.hash = store_col_text(s, NREAD);
	if (c.v[C_ERASED] && !erased_parse(c.v[C_ERASED], &l.erased_by, d, dv))
		l.erased_by = 0;
	chain_hash(&c, prev, want);
	l.ok = l.hash && strcmp(want, l.hash) == 0;
	if (ok_other) {
		chain_hash(&c, other, want);
		*ok_other = l.hash && strcmp(want, l.hash) == 0;
	}
	return l;
}

/* The time and login of row id, for the verdict. */
static enum store_status row_who(struct store *st, struct audit_verdict *v)
{
	static const char *sql = "SELECT a.at, s.login FROM audit a LEFT JOIN staff s ON "
				 "s.id = a.staff_id WHERE a.id = ?1";
	sqlite3_stmt *s = store_prep(st, sql);
	bool row = false;
	enum store_status rs;
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, v->id);
	if ((rs = store_step_maybe(st, s, "audit", &row)) != ST_OK)
		return rs;
	if (row) {
		store_col_copy(s, 0, v->at, sizeof v->at);
		store_col_copy(s, 1, v->login, sizeof v->login);
		if (strlen(v->at) > 16) /* to the minute */
			v->at[16] = '\0';
	}
	sqlite3_reset(s);
	return ST_OK;
}

/* The erased rows met by the check: (erasure's row, erased row) pairs. */
struct erased_rows {
	struct erased_pair {
		int64_t by, id;
	} *v;
	size_t n, cap;
};

static void erased_add(struct erased_rows *er, int64_t by, int64_t id)
{
	vec_reserve((void **)&er->v, er->n + 1, &er->cap, sizeof *er->v);
	er->v[er->n++] = (struct erased_pair){by, id};
}

static int pair_cmp(const void *a, const void *b)
{
	const struct erased_pair *x = a, *y = b;
	if (x->by != y->by)
		return x->by < y->by ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* What an erasure's row records of the rows it erased: "N DIGEST", DIGEST over their ids in
 * order (8 bytes each, big-endian), into out. */
static void erased_list(const int64_t *ids, size_t n, char *out, size_t size)
{
	crypto_generichash_state h;
	unsigned char bin[HASH_BYTES];
	char hex[HEX_HASH];
	crypto_generichash_init(&h, NULL, 0, sizeof bin);
	for (size_t i = 0; i < n; i++) {
		unsigned char b[8];
		for (int k = 0; k < 8; k++)
			b[k] = (unsigned char)((uint64_t)ids[i] >> (56 - 8 * k));
		crypto_generichash_update(&h, b, sizeof b);
	}
	crypto_generichash_final(&h, bin, sizeof bin);
	sodium_bin2hex(hex, sizeof hex, bin, sizeof bin);
	snprintf(out, size, "%zu %s", n, hex);
}

/* The rows marked erased against the erasures that erased them: each erasure's row (already
 * checked in the chain) lists the rows it erased, and the rows marked with its id must be
 * those, all before it. A row marked erased by nobody, or one too many, is AUDIT_CHANGED:
 * told by the erasure's row when the list alone differs. */
static enum store_status erasures_check(struct store *st, struct erased_rows *er,
					struct audit_verdict *v)
{
	static const char *sql = "SELECT new FROM audit WHERE id = ?1 AND entity = 'guest' AND "
				 "action = 'erase' AND field = 'rows'";
	if (er->n == 0)
		return ST_OK;
	qsort(er->v, er->n, sizeof *er->v, pair_cmp);
	enum store_status rs = ST_OK;
	for (size_t i = 0, j; i < er->n && rs == ST_OK && v->what == AUDIT_INTACT; i = j) {
		int64_t by = er->v[i].by, *ids = xcalloc(er->n - i, sizeof *ids);
		for (j = i; j < er->n && er->v[j].by == by; j++) {
			ids[j - i] = er->v[j].id;
			if (er->v[j].id >= by && v->what == AUDIT_INTACT) {
				v->what = AUDIT_CHANGED; /* erased by an erasure that came after */
				v->id = er->v[j].id;
			}
		}
		char want[40 + HEX_HASH];
		erased_list(ids, j - i, want, sizeof want);
		free(ids);
		sqlite3_stmt *s = store_prep(st, sql);
		bool row = false;
		if (!s)
			return ST_IO;
		sqlite3_bind_int64(s, 1, by);
		if ((rs = store_step_maybe(st, s, "audit", &row)) != ST_OK)
			break;
		const char *got = row ? (const char *)sqlite3_column_text(s, 0) : NULL;
		if (v->what == AUDIT_INTACT && (!got || strcmp(got, want) != 0)) {
			v->what = AUDIT_CHANGED;
			v->id = row ? by : er->v[i].id;
		}
		sqlite3_reset(s);
	}
	return rs;
}

enum store_status audit_store_verify(struct store *st, struct audit_verdict *v)
{
	static const char *sql = "SELECT " READ_COLS ", hash FROM audit ORDER BY id";
	static const char *head_sql = "SELECT id, hash FROM audit_head WHERE one = 1";
	memset(v, 0, sizeof *v);
	if (store_sodium(st) != ST_OK)
		return ST_IO;
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s) {
		store_snapshot_end(st);
		return ST_IO;
	}
	struct link prev = {0};
	struct erased_rows er = {0};
	int rc = SQLITE_DONE;
	while (v->what == AUDIT_INTACT && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct link r = link_read(s, prev.hash, NULL, NULL);
		if (r.ok && r.erased_by)
			erased_add(&er, r.erased_by, r.id);
		if (r.ok) {
			free(prev.hash);
			prev = r;
			v->rows++;
			continue;
		}
		/* the first row out of the chain: what happened to it? */
		v->id = r.id;
		if (r.hash == NULL) {
			v->what = AUDIT_INSERTED; /* maitre writes every row with its hash */
		} else if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			bool skips = false; /* the next row links to the one before this one */
			struct link n = link_read(s, r.hash, prev.hash, &skips);
			v->what = skips ? AUDIT_INSERTED
			          : r.id != prev.id + 1 ? AUDIT_REMOVED : AUDIT_CHANGED;
			free(n.hash);
		} else if (rc == SQLITE_DONE) {
			v->what = r.id != prev.id + 1 ? AUDIT_REMOVED : AUDIT_CHANGED;
		} else {
			rs = store_sqlfail(st, rc, "audit");
		}
		free(r.hash);
		if (rs != ST_OK)
			break;
	}
	if (rs == ST_OK && v->what == AUDIT_INTACT && rc != SQLITE_DONE)
		rs = store_sqlfail(st, rc, "audit");
	sqlite3_reset(s);
	/* the rows are whole: are they all there is? the head says where the chain ended */
	if (rs == ST_OK && v->what == AUDIT_INTACT && (s = store_prep(st, head_sql))) {
		bool row = false;
		if ((rs = store_step_maybe(st, s, "audit", &row)) == ST_OK) {
			int64_t head = row ? sqlite3_column_int64(s, 0) : 0;
			const char *hash = row ? (const char *)sqlite3_column_text(s, 1) : NULL;
			bool same = (!stored(hash) && !prev.hash) ||
			            (stored(hash) && prev.hash && strcmp(hash, prev.hash) == 0);
			if (head > prev.id || (head == prev.id && !same)) {
				v->what = AUDIT_TRUNCATED;
				v->id = prev.id;
				v->head_id = head;
			} else if (head < prev.id) {
				v->what = AUDIT_INSERTED; /* after the head: not written by maitre */
				v->id = head + 1;
			}
			sqlite3_reset(s);
		}
	} else if (!s) {
		rs = ST_IO;
	}
	free(prev.hash);
	if (rs == ST_OK && v->what == AUDIT_INTACT)
		rs = erasures_check(st, &er, v);
	free(er.v);
	if (rs == ST_OK && v->what != AUDIT_INTACT && v->id)
		rs = row_who(st, v);
	store_snapshot_end(st);
	return rs;
}

/* ---- the rows read back ---- */

/* The guest a row is about: a sheet's, or the guest of the visit, complaint, alert, contact,
 * gift or banquet it names. */
#define AUDIT_GUEST                                                                            \
	"CASE a.entity WHEN 'guest' THEN a.entity_id "                                         \
	"WHEN 'visit' THEN (SELECT guest_id FROM visit WHERE id = a.entity_id) "               \
	"WHEN 'complaint' THEN (SELECT guest_id FROM complaint WHERE id = a.entity_id) "       \
	"WHEN 'alert' THEN (SELECT guest_id FROM alert WHERE id = a.entity_id) "               \
	"WHEN 'contact' THEN (SELECT guest_id FROM contact WHERE id = a.entity_id) "           \
	"WHEN 'gift' THEN (SELECT guest_id FROM gift WHERE id = a.entity_id) "                 \
	"WHEN 'banquet' THEN (SELECT guest_id FROM banquet WHERE id = a.entity_id) ELSE 0 END"
/* A sensitive field of the sheet; a special date's row when the value carries a year (the
 * birth year tells the age, field_meta's special_date.year). */
#define AUDIT_SENSITIVE                                                                        \
	"(a.entity = 'guest' AND (coalesce((SELECT sensitive FROM field_meta WHERE "            \
	"tbl = 'guest' AND col = a.field), 0) OR (a.field = 'special_date' AND "                \
	"coalesce((SELECT sensitive FROM field_meta WHERE tbl = 'special_date' AND "            \
	"col = 'year'), 0) AND (a.old GLOB '*[0-9][0-9][0-9][0-9]*' OR "                        \
	"a.new GLOB '*[0-9][0-9][0-9][0-9]*'))))"
#define AUDIT_SELECT                                                                           \
	"SELECT a.id, a.at, s.login, s.display_name, a.entity, a.entity_id, a.action, a.field, " \
	"a.old, a.new, a.op, a.op_id, " AUDIT_GUEST ", " AUDIT_SENSITIVE " FROM audit a "      \
	"JOIN staff s ON s.id = a.staff_id WHERE (?2 IS NULL OR s.login = ?2) AND "             \
	"(?3 IS NULL OR a.at >= ?3) AND (?4 IS NULL OR a.action = ?4) "
/* The rows about guest ?1, each through its index (audit_entity, and the guest's own rows of
 * each table); the sheets of the guests merged into it (guest_merged) are its history too,
 * their rows left as they were written (the other tables' rows moved to it at the merge). */
#define AUDIT_OF_GUEST                                                                         \
	"AND a.id IN (SELECT id FROM audit WHERE entity = 'guest' AND entity_id IN "           \
	"(WITH RECURSIVE m(id) AS (SELECT ?1 UNION SELECT g.id FROM guest g JOIN m ON "         \
	"g.merged_into = m.id) SELECT id FROM m) "                                              \
	"UNION ALL SELECT x.id FROM visit v JOIN audit x ON x.entity = 'visit' AND "            \
	"x.entity_id = v.id WHERE v.guest_id = ?1 "                                             \
	"UNION ALL SELECT x.id FROM complaint k JOIN audit x ON x.entity = 'complaint' AND "    \
	"x.entity_id = k.id WHERE k.guest_id = ?1 "                                             \
	"UNION ALL SELECT x.id FROM alert k JOIN audit x ON x.entity = 'alert' AND "            \
	"x.entity_id = k.id WHERE k.guest_id = ?1 "                                             \
	"UNION ALL SELECT x.id FROM contact k JOIN audit x ON x.entity = 'contact' AND "        \
	"x.entity_id = k.id WHERE k.guest_id = ?1 "                                             \
	"UNION ALL SELECT x.id FROM gift k JOIN audit x ON x.entity = 'gift' AND "              \
	"x.entity_id = k.id WHERE k.guest_id = ?1 "                                             \
	"UNION ALL SELECT x.id FROM banquet k JOIN audit x ON x.entity = 'banquet' AND "        \
	"x.entity_id = k.id WHERE k.guest_id = ?1) "
#define AUDIT_LIMIT "LIMIT ?5"

void audit_rows_free(struct audit_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].login);
		free(v[i].name);
		free(v[i].entity);
		free(v[i].action);
		free(v[i].field);
		free(v[i].old);
		free(v[i].new);
		free(v[i].op);
	}
	free(v);
}

enum store_status audit_store_list(struct store *st, const struct audit_filter *f,
				   audit_reveal_fn reveal, void *ctx, struct audit_row **out,
				   size_t *n)
{
	static const char *const sqls[2][2] = {
		{AUDIT_SELECT "ORDER BY a.id DESC " AUDIT_LIMIT,
		 AUDIT_SELECT "ORDER BY a.id " AUDIT_LIMIT},
		{AUDIT_SELECT AUDIT_OF_GUEST "ORDER BY a.id DESC " AUDIT_LIMIT,
		 AUDIT_SELECT AUDIT_OF_GUEST "ORDER BY a.id " AUDIT_LIMIT},
	};
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prep(st, sqls[f->guest_id > 0][f->oldest_first]);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, f->guest_id);
	store_bind_text(s, 2, f->staff);
	store_bind_text(s, 3, f->since);
	store_bind_text(s, 4, f->action);
	sqlite3_bind_int64(s, 5, f->limit ? (int64_t)f->limit : -1);
	struct audit_row *v = NULL;
	size_t cap = 0, k = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&v, k + 1, &cap, sizeof *v);
		struct audit_row *r = &v[k++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(s, 0);
		r->at = store_col_text(s, 1);
		r->login = store_col_text(s, 2);
		r->name = store_col_text(s, 3);
		r->entity = store_col_text(s, 4);
		r->entity_id = sqlite3_column_int64(s, 5);
		r->action = store_col_text(s, 6);
		r->field = store_col_text(s, 7);
		r->op = store_col_text(s, 10);
		r->op_id = sqlite3_column_int64(s, 11);
		r->guest_id = sqlite3_column_int64(s, 12);
		r->sensitive = sqlite3_column_int(s, 13) != 0;
		if (!r->sensitive && f->sensitive && r->field && strcmp(r->entity, "guest") == 0) {
			const struct guest_field *gf = guest_field_find(r->field);
			r->sensitive = gf && (f->sensitive & GUEST_FIELD_BIT(gf - guest_fields));
		}
		r->hidden = r->sensitive && !(reveal && reveal(ctx, r->guest_id));
		if (!r->hidden) {
			r->old = store_col_text(s, 8);
			r->new = store_col_text(s, 9);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		audit_rows_free(v, k);
		return store_sqlfail(st, rc, "audit");
	}
	*out = v;
	*n = k;
	return ST_OK;
}

/* ---- an erasure ---- */

enum store_status audit_chain_erase(struct store *st, int64_t guest_id, const char *reason,
				    int64_t *erased)
{
	/* the guest's rows, and the rows a merge into another guest (undone since: else the
	 * guest is erased by the kept one's id) wrote on the kept one's sheet, which name this
	 * guest and hold its phones, notes and fields */
	static const char *rows_sql =
		"SELECT a.id FROM audit a WHERE a.erased IS NULL AND a.action <> 'erase' AND "
		"(a.old IS NOT NULL OR a.new IS NOT NULL) AND (1 " AUDIT_OF_GUEST " OR a.id IN "
		"(SELECT x.id FROM guest_merge m JOIN audit x ON x.entity = 'guest' AND "
		"x.entity_id = m.keep_id AND x.op_id = m.id AND (x.op = 'merge' OR "
		"x.op = 'unmerge') WHERE m.other_id = ?1)) ORDER BY a.id";
	static const char *get = "SELECT old, new, salt FROM audit WHERE id = ?1";
	static const char *upd =
		"UPDATE audit SET old = CASE WHEN old IS NULL THEN NULL ELSE '" AUDIT_ERASED "' END, "
		"new = CASE WHEN new IS NULL THEN NULL ELSE '" AUDIT_ERASED "' END, salt = NULL, "
		"erased = ?2 WHERE id = ?1";
	*erased = 0;
	if (st->bulk) /* its rows would not be written, and the marks would name no erasure */
		return store_fail(st, ST_INVALID, "an erasure cannot run while bulk loading");
	if (store_sodium(st) != ST_OK)
		return ST_IO;
	sqlite3_stmt *s = store_prep(st, rows_sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, guest_id);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&ids, n + 1, &cap, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	enum store_status rs = rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "audit");
	/* the erasure's rows first: the first lists the rows it erases, which name it */
	char list[40 + HEX_HASH];
	erased_list(ids, n, list, sizeof list);
	if (rs == ST_OK)
		rs = store_audit(st, "guest", guest_id, "erase", "rows", NULL, list);
	int64_t by = st->chain_id;
	if (rs == ST_OK)
		rs = store_audit(st, "guest", guest_id, "erase", "reason", NULL, reason);
	for (size_t i = 0; i < n && rs == ST_OK; i++) {
		if (!(s = store_prep(st, get))) {
			rs = ST_IO;
			break;
		}
		sqlite3_bind_int64(s, 1, ids[i]);
		bool row = false;
		if ((rs = store_step_maybe(st, s, "audit", &row)) != ST_OK || !row)
			break;
		struct chain_cols c;
		char d[2][HEX_HASH], mark[24 + 2 * HEX_HASH];
		cols_set(&c, C_SALT, (const char *)sqlite3_column_text(s, 2));
		for (int j = 0; j < 2; j++) {
			const char *v = (const char *)sqlite3_column_text(s, j);
			if (v)
				value_digest(c.v[C_SALT], v, (size_t)sqlite3_column_bytes(s, j), d[j]);
			else
				strcpy(d[j], "-");
		}
		sqlite3_reset(s);
		snprintf(mark, sizeof mark, "%lld %s %s", (long long)by, d[0], d[1]);
		if (!(s = store_prep(st, upd))) {
			rs = ST_IO;
			break;
		}
		sqlite3_bind_int64(s, 1, ids[i]);
		sqlite3_bind_text(s, 2, mark, -1, SQLITE_TRANSIENT);
		rs = store_step_done(st, s, "audit");
	}
	free(ids);
	if (rs == ST_OK)
		*erased = (int64_t)n;
	return rs;
}
