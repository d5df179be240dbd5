/* store_bulk.c — loading a new database in bulk (the demo): the indexes and triggers dropped
 * and built again in one sorted pass each, and the guests' search keys staged in memory and
 * written in key order. */
#include "config.h"

#include "store/store_bulk.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/strv.h"
#include "core/visit.h"
#include "store/store_int.h"

#define BULK_CACHE_KIB "65536" /* the page cache while bulk loading */

/* The figures the visit triggers keep (guest_month, guest_last), summed in memory from the visits
 * written through store_bulk_visit: a month's figures by guest id, written when the visits move
 * on to another month (a loader writes them month by month), and each guest's last visit day,
 * written at the end. They replace the refill from the visit table when every visit of the
 * table came through store_bulk_visit (ids first..last, n of them). */
struct bulk_month {
	uint32_t visits, covers;
	int64_t spend_fen;
};
struct bulk_visits {
	char month[8];          /* "YYYY-MM" being summed, "" none */
	struct bulk_month *sum; /* by guest id */
	int32_t *last;          /* by guest id: days since 1970 of the last visit + 1, 0 none */
	size_t bound;           /* guest ids below it have room */
	int64_t first, last_id, n; /* the visits written */
	bool others;            /* the visit table had rows already: refill it from them */
};

/* Search keys staged during bulk loading, each distinct key once: its bytes in blocks that never
 * move, and the guests that have it in the order they came (a loader adds guests in id order, so
 * each list is sorted already; one that is not is sorted at the end). A million guests stage
 * some twenty million keys but only a few hundred thousand distinct ones: the lists hold four
 * bytes a key, and the end sorts only the distinct keys. */
#define BULK_BLOCK (1u << 20)
struct bulk_key {
	const char *key;
	uint32_t *guests;
	uint32_t n, cap;
	bool unsorted; /* a guest came before one added earlier */
};
struct bulk_keys {
	char **blocks;
	size_t nblocks, capblocks, used; /* used: bytes taken in the last block */
	struct bulk_key *v;              /* the distinct keys */
	size_t n, cap;
	uint32_t *slots; /* open addressing: 1 + an index into v, 0 free */
	size_t nslots;   /* a power of two, at least twice n */
	size_t staged;   /* (key, guest) pairs staged since the last write (store_keys_defer) */
	struct bulk_visits visits;
};

static void bulk_keys_free(struct bulk_keys *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nblocks; i++)
		free(b->blocks[i]);
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].guests);
	free(b->visits.sum);
	free(b->visits.last);
	free(b->blocks);
	free(b->v);
	free(b->slots);
	free(b);
}

/* The keys store_keys_defer stages before it writes them, counted as (key, guest) pairs: a few
 * MB (four bytes a pair, and each distinct key's text and entry), about 12,000 guests' worth, so
 * that a big file is still read in bounded memory. */
#define DEFER_KEYS (1u << 18)

static enum store_status keys_flush(struct store *st);

/* FNV-1a of the key's bytes. */
static uint64_t key_hash(const char *key, size_t len)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211u;
	return h;
}

/* Doubles the table of slots and places every distinct key again. */
static void bulk_keys_grow(struct bulk_keys *b)
{
	size_t n = b->nslots ? b->nslots * 2 : 1u << 16;
	free(b->slots);
	b->slots = xcalloc(n, sizeof *b->slots);
	b->nslots = n;
	for (size_t i = 0; i < b->n; i++) {
		size_t j = key_hash(b->v[i].key, strlen(b->v[i].key)) & (n - 1);
		while (b->slots[j])
			j = (j + 1) & (n - 1);
		b->slots[j] = (uint32_t)i + 1;
	}
}

enum store_status store_bulk_key(struct store *st, const char *key, int64_t guest_id)
{
	struct bulk_keys *b = st->bulk_keys;
	size_t len = strlen(key) + 1;
	if (!b || len > BULK_BLOCK || guest_id < 0 || guest_id > UINT32_MAX || b->n >= UINT32_MAX / 2)
		return store_fail(st, ST_INVALID,
				  "search key: not bulk loading, a key too long or too many guests");
	if (!st->bulk_active && b->staged >= DEFER_KEYS) {
		enum store_status rs = keys_flush(st);
		if (rs != ST_OK)
			return rs;
	}
	if (2 * (b->n + 1) > b->nslots)
		bulk_keys_grow(b);
	size_t j = key_hash(key, len - 1) & (b->nslots - 1);
	struct bulk_key *k = NULL;
	for (; b->slots[j]; j = (j + 1) & (b->nslots - 1)) {
		k = &b->v[b->slots[j] - 1];
		if (strcmp(k->key, key) == 0)
			break;
		k = NULL;
	}
	if (!k) {
		if (!b->nblocks || b->used + len > BULK_BLOCK) {
			vec_reserve((void **)&b->blocks, b->nblocks + 1, &b->capblocks, sizeof *b->blocks);
			b->blocks[b->nblocks++] = xmalloc(BULK_BLOCK);
			b->used = 0;
		}
		char *copy = b->blocks[b->nblocks - 1] + b->used;
		memcpy(copy, key, len);
		b->used += len;
		vec_reserve((void **)&b->v, b->n + 1, &b->cap, sizeof *b->v);
		k = &b->v[b->n];
		memset(k, 0, sizeof *k);
		k->key = copy;
		b->slots[j] = (uint32_t)++b->n;
	}
	uint32_t id = (uint32_t)guest_id;
	if (k->n && k->guests[k->n - 1] == id)
		return ST_OK; /* the same key twice for a guest */
	if (k->n && k->guests[k->n - 1] > id)
		k->unsorted = true;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 2;
		k->guests = xreallocarray(k->guests, k->cap, sizeof *k->guests);
	}
	k->guests[k->n++] = id;
	b->staged++;
	return ST_OK;
}

static int bulk_key_cmp(const void *pa, const void *pb)
{
	const struct bulk_key *a = pa, *b = pb;
	return strcmp(a->key, b->key); /* byte order = SQLite's BINARY collation for UTF-8 */
}

static int guest_cmp(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return (a > b) - (a < b);
}

/* Sorts the distinct keys, and the guests of any key that came out of order. */
static void bulk_keys_sort(struct bulk_keys *b)
{
	qsort(b->v, b->n, sizeof *b->v, bulk_key_cmp);
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].unsorted) {
			qsort(b->v[i].guests, b->v[i].n, sizeof *b->v[i].guests, guest_cmp);
			b->v[i].unsorted = false;
		}
}

/* Writes the sorted keys into db's search_key in key order, so that each insert lands at the
 * end of the index. An SQLite result code. */
static int bulk_keys_insert(sqlite3 *db, const struct bulk_keys *b)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO search_key(key, guest_id) VALUES (?1, ?2)",
				    -1, &s, NULL);
	for (size_t i = 0; i < b->n && rc == SQLITE_OK; i++) {
		const struct bulk_key *k = &b->v[i];
		for (uint32_t j = 0; j < k->n && rc == SQLITE_OK; j++) {
			if (j && k->guests[j - 1] == k->guests[j])
				continue;
			sqlite3_bind_text(s, 1, k->key, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 2, k->guests[j]);
			rc = sqlite3_step(s);
			sqlite3_reset(s);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(s);
	return rc;
}

/* Writes the keys store_keys_defer staged, in key order, and empties the stage. */
static enum store_status keys_flush(struct store *st)
{
	struct bulk_keys *b = st->bulk_keys;
	if (!b->n)
		return ST_OK;
	bulk_keys_sort(b);
	int rc = bulk_keys_insert(st->db, b);
	for (size_t i = 0; i < b->nblocks; i++)
		free(b->blocks[i]);
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].guests);
	memset(b->slots, 0, b->nslots * sizeof *b->slots); /* kept for the next batch */
	b->nblocks = 0;
	b->used = 0;
	b->n = 0;
	b->staged = 0;
	return rc == SQLITE_OK ? ST_OK : store_sqlfail(st, rc, "search keys");
}

enum store_status store_keys_defer(struct store *st)
{
	if (st->bulk_keys)
		return store_fail(st, ST_INVALID, "search keys: deferred or bulk loading already");
	st->bulk_keys = xcalloc(1, sizeof *st->bulk_keys);
	return ST_OK;
}

enum store_status store_keys_flush(struct store *st)
{
	if (!st->bulk_keys || st->bulk_active)
		return ST_OK;
	return keys_flush(st);
}

enum store_status store_keys_defer_end(struct store *st, bool write)
{
	if (!st->bulk_keys || st->bulk_active)
		return ST_OK;
	enum store_status rs = write ? keys_flush(st) : ST_OK;
	bulk_keys_free(st->bulk_keys);
	st->bulk_keys = NULL;
	return rs;
}

/* The second thread of store_bulk_end: sorts the staged keys and writes them into a table of
 * the same definition in a scratch database beside the main one, while the main connection
 * builds the other indexes. The main connection then copies the table whole (SQLite's
 * transfer of an empty table's records, without re-sorting or re-checking them). */
struct keys_job {
	struct bulk_keys *b;
	const char *table_sql; /* CREATE TABLE search_key ... as in the main database */
	char *path;            /* the scratch database */
	int rc;                /* SQLITE_OK when path holds every key */
};

static void *bulk_keys_job(void *arg)
{
	struct keys_job *j = arg;
	bulk_keys_sort(j->b);
	sqlite3 *db = NULL;
	int fd = open(j->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		j->rc = SQLITE_CANTOPEN;
		return NULL;
	}
	close(fd);
	j->rc = sqlite3_open_v2(j->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
					      SQLITE_OPEN_NOMUTEX,
				NULL);
	if (j->rc == SQLITE_OK)
		j->rc = sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
					 "PRAGMA cache_size=-" BULK_CACHE_KIB "; BEGIN",
				     NULL, NULL, NULL);
	if (j->rc == SQLITE_OK)
		j->rc = sqlite3_exec(db, j->table_sql, NULL, NULL, NULL);
	if (j->rc == SQLITE_OK)
		j->rc = bulk_keys_insert(db, j->b);
	if (j->rc == SQLITE_OK)
		j->rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	return NULL;
}

/* Writes the month being summed into guest_month (added to any row there: a month met again)
 * and clears it. */
static enum store_status bulk_month_flush(struct store *st, struct bulk_visits *bv)
{
	enum store_status rs = ST_OK;
	for (size_t g = 0; g < bv->bound && bv->month[0]; g++) {
		struct bulk_month *m = &bv->sum[g];
		if (!m->visits)
			continue;
		sqlite3_stmt *s = store_prep(st, GUEST_MONTH_ADD);
		if (!s)
			return ST_IO;
		sqlite3_bind_text(s, 1, bv->month, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, (int64_t)g);
		sqlite3_bind_int64(s, 3, m->visits);
		sqlite3_bind_int64(s, 4, m->covers);
		sqlite3_bind_int64(s, 5, m->spend_fen);
		if ((rs = store_step_done(st, s, "guest_month")) != ST_OK)
			return rs;
		memset(m, 0, sizeof *m);
	}
	bv->month[0] = '\0';
	return rs;
}

enum store_status store_bulk_visit(struct store *st, struct visit *v)
{
	struct bulk_keys *b = st->bulk_keys;
	struct error why;
	struct date d;
	if (!b || !st->bulk_active)
		return store_fail(st, ST_INVALID, "visit: not bulk loading");
	if (visit_validate(v, &why) < 0 || !date_parse(v->date, &d))
		return store_fail(st, ST_INVALID, "%s", why.msg);
	if ((uint64_t)v->guest_id >= (uint64_t)UINT32_MAX)
		return store_fail(st, ST_INVALID, "visit: guest id %lld too large to load in bulk",
				  (long long)v->guest_id);
	int64_t me;
	enum store_status rs = store_staff_self(st, &me);
	if (rs != ST_OK)
		return rs;
	struct bulk_visits *bv = &b->visits;
	if (bv->n == 0 && !bv->others && (rs = store_exec(st, "DELETE FROM guest_month")) != ST_OK)
		return rs;
	if (bv->month[0] && strncmp(bv->month, v->date, 7) != 0 &&
	    (rs = bulk_month_flush(st, bv)) != ST_OK)
		return rs;
	sqlite3_stmt *s = store_visit_insert(st, v, me);
	if (!s)
		return ST_IO;
	if ((rs = store_step_done(st, s, "visit")) != ST_OK)
		return rs;
	v->id = sqlite3_last_insert_rowid(st->db);
	if (bv->n++ == 0)
		bv->first = v->id;
	bv->last_id = v->id;
	size_t g = (size_t)v->guest_id;
	if (g >= bv->bound) {
		size_t n = bv->bound ? bv->bound : 1024;
		while (n <= g)
			n *= 2;
		bv->sum = xreallocarray(bv->sum, n, sizeof *bv->sum);
		bv->last = xreallocarray(bv->last, n, sizeof *bv->last);
		memset(bv->sum + bv->bound, 0, (n - bv->bound) * sizeof *bv->sum);
		memset(bv->last + bv->bound, 0, (n - bv->bound) * sizeof *bv->last);
		bv->bound = n;
	}
	memcpy(bv->month, v->date, 7);
	bv->month[7] = '\0';
	bv->sum[g].visits++;
	bv->sum[g].covers += (uint32_t)v->covers;
	bv->sum[g].spend_fen += v->spend_fen;
	int32_t day = (int32_t)date_to_days(d) + 1;
	if (day > bv->last[g])
		bv->last[g] = day;
	return ST_OK;
}

/* Whether the figures summed by store_bulk_visit cover every visit of the table: there were
 * none before, and its ids are those store_bulk_visit got, no more. */
static enum store_status bulk_visits_whole(struct store *st, bool *whole)
{
	struct bulk_visits *bv = &st->bulk_keys->visits;
	int64_t lo = 0, hi = 0;
	enum store_status rs;
	*whole = false;
	if (bv->others || bv->n == 0)
		return ST_OK;
	if ((rs = store_count(st, "SELECT min(id) FROM visit", "visit", &lo)) != ST_OK ||
	    (rs = store_count(st, "SELECT max(id) FROM visit", "visit", &hi)) != ST_OK)
		return rs;
	*whole = lo == bv->first && hi == bv->last_id && hi - lo + 1 == bv->n;
	return ST_OK;
}

/* Writes the last month summed into guest_month, and guest_last from the last visit days with
 * each guest's search probe, as GUEST_LAST_FILL would. */
static enum store_status bulk_visits_write(struct store *st)
{
	struct bulk_visits *bv = &st->bulk_keys->visits;
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	if ((rs = bulk_month_flush(st, bv)) == ST_OK)
		rs = store_exec(st, "DELETE FROM guest_last");
	for (size_t g = 0; g < bv->bound && rs == ST_OK; g++) {
		if (!bv->last[g])
			continue;
		char date[11];
		date_format(date_from_days(bv->last[g] - 1), date);
		sqlite3_stmt *s = store_prep(st, GUEST_LAST_ADD);
		if (!s) {
			rs = ST_IO;
			break;
		}
		sqlite3_bind_int64(s, 1, (int64_t)g);
		sqlite3_bind_text(s, 2, date, -1, SQLITE_STATIC);
		rs = store_step_done(st, s, "guest_last");
	}
	/* written: their memory is better left to the index builds */
	free(bv->sum);
	free(bv->last);
	bv->sum = NULL;
	bv->last = NULL;
	bv->bound = 0;
	return store_end(st, rs);
}

enum store_status store_bulk_begin(struct store *st)
{
	if (!st->bulk)
		return store_fail(st, ST_INVALID, "bulk loading needs a store opened with STORE_BULK");
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db,
				    "SELECT type, name, sql FROM sqlite_master WHERE (type = 'index' OR "
				    "type = 'trigger') AND sql IS NOT NULL ORDER BY type, name",
				    -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_sqlfail(st, rc, "bulk");
	/* the indexes and the triggers (which keep guest_month: refilled at the end) */
	struct strv drops = {0}, sqls = {0};
	enum store_status rs = ST_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		strv_take(&drops, xasprintf("DROP %s \"%s\"", sqlite3_column_text(s, 0),
					    sqlite3_column_text(s, 1)));
		strv_push(&sqls, (const char *)sqlite3_column_text(s, 2));
	}
	if (rc != SQLITE_DONE) /* the schema not read to its end: drop nothing */
		rs = store_sqlfail(st, rc, "bulk");
	sqlite3_finalize(s);
	/* store_bulk_end creates again those dropped, and only those */
	size_t dropped = 0;
	while (rs == ST_OK && dropped < drops.n && (rs = store_exec(st, drops.v[dropped])) == ST_OK)
		dropped++;
	for (size_t i = dropped; i < sqls.n; i++)
		free(sqls.v[i]);
	st->bulk_indexes = sqls.v; /* owned now */
	st->nbulk_indexes = dropped;
	strv_free(&drops);
	/* search keys of new guests are staged in memory, then written in key order at the end */
	if (rs == ST_OK) {
		int64_t visits = 0;
		st->bulk_keys = xcalloc(1, sizeof *st->bulk_keys);
		rs = store_count(st, "SELECT EXISTS (SELECT 1 FROM visit)", "visit", &visits);
		st->bulk_keys->visits.others = visits != 0;
	}
	if (rs == ST_OK) {
		rs = store_exec(st, "INSERT INTO search_text(search_text, rank) VALUES ('automerge', 0);"
				    "INSERT INTO search_text(search_text, rank) VALUES ('crisismerge', 100000)");
	}
	/* a page cache of 64 MB, not the bulk connection's 2 GB: rows go in at the end of their
	 * tables and indexes are built by sorting, so a larger one only holds pages written
	 * already (3 GB of them for a million guests with ten million visits); the sorter of
	 * CREATE INDEX keeps each run within it too */
	if (rs == ST_OK)
		rs = store_exec(st, "PRAGMA cache_size=-" BULK_CACHE_KIB);
	/* a private file is seen by no one until it is complete, and its loader writes every row
	 * with ids it has just been given: no foreign key lookups per row while loading */
	if (rs == ST_OK && st->private_file)
		rs = store_exec(st, "PRAGMA foreign_keys=OFF");
	st->bulk_active = rs == ST_OK;
	return rs;
}

/* The time since *t0, which is set to now; logged as a bulk-loading step when profiling. */
static void bulk_step(struct store *st, struct timespec *t0, const char *what)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (st->profile)
		fprintf(stderr, "%10.1f ms  %.80s\n",
			(double)(t1.tv_sec - t0->tv_sec) * 1e3 +
				(double)(t1.tv_nsec - t0->tv_nsec) / 1e6,
			what);
	*t0 = t1;
}

/* Copies the search keys that job wrote into its scratch database; on any failure there, writes
 * them from memory on this connection instead. */
static enum store_status bulk_keys_copy(struct store *st, struct keys_job *j)
{
	enum store_status rs = ST_IO;
	if (j->rc == SQLITE_OK && j->path) {
		char *q = sqlite3_mprintf("ATTACH %Q AS bulk_keys", j->path);
		rs = q ? store_exec(st, q) : ST_IO;
		sqlite3_free(q);
		if (rs == ST_OK) {
			rs = store_exec(st, "INSERT INTO main.search_key SELECT * FROM bulk_keys.search_key");
			if (store_exec(st, "DETACH bulk_keys") != ST_OK && rs == ST_OK)
				rs = ST_IO;
		}
	}
	if (rs != ST_OK) {
		if (j->path) /* the thread may not have sorted them */
			bulk_keys_sort(j->b);
		int rc = bulk_keys_insert(st->db, j->b);
		rs = rc == SQLITE_OK ? ST_OK : store_sqlfail(st, rc, "search keys");
	}
	if (j->path)
		unlink(j->path);
	return rs;
}

enum store_status store_bulk_end(struct store *st)
{
	enum store_status rs = ST_OK;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* the search keys go into a scratch database on a second thread meanwhile */
	struct keys_job job = {st->bulk_keys, NULL, NULL, SQLITE_ERROR};
	pthread_t keys_thread;
	bool threaded = false;
	if (st->bulk_active && job.b && job.b->n) {
		sqlite3_stmt *s = store_prep(st, "SELECT sql FROM sqlite_master WHERE name = 'search_key'");
		const char *db = sqlite3_db_filename(st->db, "main");
		if (s && sqlite3_step(s) == SQLITE_ROW && db && *db) {
			job.table_sql = sqlite3_mprintf("%s", sqlite3_column_text(s, 0));
			job.path = sqlite3_mprintf("%s-keys", db);
		}
		if (s)
			sqlite3_reset(s);
		unlink(job.path ? job.path : "");
		threaded = job.table_sql && job.path &&
			   pthread_create(&keys_thread, NULL, bulk_keys_job, &job) == 0;
		if (!threaded) {
			sqlite3_free(job.path);
			job.path = NULL;
			bulk_keys_sort(job.b);
			job.rc = SQLITE_ERROR;
		}
	}
	if (st->bulk_active) {
		rs = store_exec(st, "INSERT INTO search_text(search_text) VALUES ('optimize');"
				    "INSERT INTO search_text(search_text, rank) VALUES ('automerge', 4);"
				    "INSERT INTO search_text(search_text, rank) VALUES ('crisismerge', 16)");
		bulk_step(st, &t0, "trigram index: merged");
	}
	/* the indexes are built by SQLite's sorter, which sorts in runs of the page cache's size
	 * written to temporary files, merged by worker threads (PRAGMA threads); with temp_store
	 * MEMORY (store_open's) it sorts every key in memory on one thread instead: 600 MB more
	 * and 2.3 times slower for the index of ten million visits by guest */
	if (st->bulk_active && rs == ST_OK)
		rs = store_exec(st, "PRAGMA temp_store=FILE");
	/* the figures the visit triggers keep: from store_bulk_visit's sums when they cover every
	 * visit (written before the indexes of guest_last exist), else from the visits afterwards */
	bool summed = false;
	if (st->bulk_active && rs == ST_OK && (rs = bulk_visits_whole(st, &summed)) == ST_OK &&
	    summed) {
		rs = bulk_visits_write(st);
		bulk_step(st, &t0, "guest_month and guest_last: written from the visits' sums");
	}
	for (size_t i = 0; i < st->nbulk_indexes; i++) {
		if (rs == ST_OK) {
			rs = store_exec(st, st->bulk_indexes[i]);
			bulk_step(st, &t0, st->bulk_indexes[i]);
		}
		free(st->bulk_indexes[i]);
	}
	free(st->bulk_indexes);
	st->bulk_indexes = NULL;
	st->nbulk_indexes = 0;
	if (st->bulk_active && rs == ST_OK && !summed) {
		/* the dashboard's stored months first (below too): guest_month's triggers, made
		 * again above, would keep them row by row */
		rs = store_exec(st, REPORT_CACHE_FORGET "DELETE FROM guest_month;" GUEST_MONTH_FILL
				    "DELETE FROM guest_last;" GUEST_LAST_FILL);
		bulk_step(st, &t0, "guest_month: filled");
	}
	/* the dashboard's stored months were read from guest_month as it was, and at stamps of
	 * visit_month_stamp, whose triggers were dropped with the others (the load's visits are
	 * not counted): forgotten, so none is found again; a month stored from now on is stamped
	 * by the triggers' counts, which grow from there with every visit write */
	if (st->bulk_active && rs == ST_OK)
		rs = store_exec(st, REPORT_CACHE_FORGET);
	if (st->bulk_active) {
		enum store_status back = store_exec(st, "PRAGMA temp_store=MEMORY");
		if (rs == ST_OK)
			rs = back;
	}
	if (threaded)
		pthread_join(keys_thread, NULL);
	bulk_step(st, &t0, "search keys: sorted and written apart");
	if (st->bulk_active && job.b && job.b->n && rs == ST_OK)
		rs = bulk_keys_copy(st, &job);
	else if (job.path)
		unlink(job.path);
	bulk_step(st, &t0, "search keys: copied");
	sqlite3_free((char *)job.table_sql);
	sqlite3_free(job.path);
	bulk_keys_free(st->bulk_keys);
	st->bulk_keys = NULL;
	st->bulk_active = false;
	if (rs == ST_OK && st->private_file) {
		rs = store_exec(st, "PRAGMA foreign_keys=ON");
		if (rs == ST_OK)
			rs = store_set_journal_mode(st, false);
		st->private_file = rs != ST_OK;
	}
	return rs;
}

void store_bulk_free(struct store *st)
{
	for (size_t i = 0; i < st->nbulk_indexes; i++)
		free(st->bulk_indexes[i]);
	free(st->bulk_indexes);
	st->bulk_indexes = NULL;
	st->nbulk_indexes = 0;
	bulk_keys_free(st->bulk_keys);
	st->bulk_keys = NULL;
}
