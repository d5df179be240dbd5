/* bench_duplicates — maitre guest duplicates at a million guests (issue 16): the finder's time
 * against the 30 s target, and the recall of duplicates planted in the book.
 *
 * usage: bench_duplicates [GUESTS] [PLANTED] [SEED] [DB]
 * GUESTS (default 1000000) demo guests without visits, made reproducibly from SEED (default 42)
 * into DB (default bench/data/dup-GUESTS-SEED.db) when it is absent; a copy of it (DB.run) then
 * gets PLANTED (default 200) duplicates of each kind, drawn from SEED, written as SQL (a copy of
 * a guest, changed as a second entry of the same person would be):
 *   phone     another name, no employer, the guest's mobile as "+86 …" (half) or with a trunk
 *             0 before it ("0139…", 12 digits: found by its last 11)
 *   birthday  the same full name, no employer, the same birthday
 *   employer  the same full name, the employer written with a full-width space after it
 *   pinyin    the last character of the name replaced by another of the same reading
 *   near      the last character of the name replaced by one of another reading (a name of 3
 *             characters or more), or one added (a name of 2)
 * Then dup_store_find over the whole book (timed, its peak RSS), and for each kind the planted
 * pairs found with that reason (a pair, or both guests in one group of that reason): all must
 * be. Exit 1 when one is missed or the time is over the target. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/date.h"
#include "core/dup.h"
#include "core/guest.h"
#include "core/text.h"
#include "demo/demo.h"
#include "store/dup_store.h"
#include "store/store.h"

#include "bench.h"

#define TARGET_MS 30000.0

enum kind { K_PHONE, K_BIRTHDAY, K_EMPLOYER, K_PINYIN, K_NEAR, K_COUNT };
static const char *const kind_names[K_COUNT] = {"phone", "birthday", "employer", "pinyin", "near"};
static const enum dup_reason kind_reason[K_COUNT] = {
	DUP_PHONE, DUP_NAME_BIRTHDAY, DUP_NAME_EMPLOYER, DUP_PINYIN_EMPLOYER,
	DUP_NEAR_NAME_EMPLOYER};

struct planted {
	enum kind kind;
	int64_t a, b;
};

static uint64_t rng;
static uint64_t next(void) /* splitmix64 */
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "bench_duplicates: %s: %s\n", what, db ? sqlite3_errmsg(db) : "failed");
	exit(2);
}

static void exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(db, sql);
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		die(db, sql);
	return s;
}

/* The code points of s into v (at most n); their number. */
static size_t cps(const char *s, uint32_t *v, size_t n)
{
	size_t k = 0, len = strlen(s);
	while (len && k < n) {
		size_t w = text_decode(s, len, &v[k++]);
		s += w, len -= w;
	}
	return k;
}

static char *join(const uint32_t *v, size_t n)
{
	char *r = malloc(4 * n + 1), *p = r;
	for (size_t i = 0; i < n; i++)
		p += text_encode(v[i], p);
	*p = '\0';
	return r;
}

/* Another Han character read as cp is (same: true) or read otherwise, drawn from the seed. */
static uint32_t other_char(uint32_t cp, bool same)
{
	const char *py = text_pinyin_cp(cp);
	for (int tries = 0; tries < 200000; tries++) {
		uint32_t c = 0x4E00 + (uint32_t)(next() % (0x9FA5 - 0x4E00));
		const char *q = text_pinyin_cp(c);
		if (c != cp && q && (strcmp(q, py) == 0) == same)
			return c;
	}
	return 0;
}

/* One guest drawn from the book: id, name, family and given names, employer; false when the
 * draw does not fit (the caller draws again). */
struct src {
	int64_t id;
	char name[128], fam[64], giv[64], emp[256];
	bool has_emp;
};

static sqlite3_stmt *s_draw, *s_add; /* finalized before the close */

static bool draw(sqlite3 *db, int64_t guests, struct src *g)
{
	sqlite3_stmt *s = s_draw;
	if (!s)
		s = s_draw =
			prep(db, "SELECT id, name, family_name, given_name, employer FROM guest WHERE id = ?1 "
			     "AND family_name IS NOT NULL AND given_name IS NOT NULL");
	sqlite3_reset(s);
	g->id = 1 + (int64_t)(next() % (uint64_t)guests);
	sqlite3_bind_int64(s, 1, g->id);
	if (sqlite3_step(s) != SQLITE_ROW)
		return false;
	snprintf(g->name, sizeof g->name, "%s", (const char *)sqlite3_column_text(s, 1));
	snprintf(g->fam, sizeof g->fam, "%s", (const char *)sqlite3_column_text(s, 2));
	snprintf(g->giv, sizeof g->giv, "%s", (const char *)sqlite3_column_text(s, 3));
	const unsigned char *e = sqlite3_column_text(s, 4);
	g->has_emp = e && *e;
	snprintf(g->emp, sizeof g->emp, "%s", e ? (const char *)e : "");
	/* Han names only: pinyin and one character apply to them */
	uint32_t cp;
	text_decode(g->fam, strlen(g->fam), &cp);
	return text_is_han(cp);
}

static int64_t add_guest(sqlite3 *db, const char *name, const char *fam, const char *giv,
			 const char *emp)
{
	sqlite3_stmt *s = s_add;
	if (!s)
		s = s_add = prep(db, "INSERT INTO guest(name, family_name, given_name, employer, created_at, "
			     "updated_at) VALUES (?1, ?2, ?3, ?4, '2026-07-15 12:00:00', "
			     "'2026-07-15 12:00:00')");
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, fam, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, giv, -1, SQLITE_STATIC);
	if (emp)
		sqlite3_bind_text(s, 4, emp, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 4);
	if (sqlite3_step(s) != SQLITE_DONE)
		die(db, "insert guest");
	return sqlite3_last_insert_rowid(db);
}

/* One duplicate of kind k planted; false when the guest drawn does not fit. */
static bool plant(sqlite3 *db, int64_t guests, enum kind k, int n, struct planted *out)
{
	struct src g;
	if (!draw(db, guests, &g))
		return false;
	char *dup_fam = NULL, *dup_giv = NULL;
	int64_t id = 0;
	if (k == K_PHONE) {
		sqlite3_stmt *s = prep(db, "SELECT digits FROM phone WHERE guest_id = ?1 AND "
					   "length(digits) = 11 AND digits LIKE '1%' LIMIT 1");
		sqlite3_bind_int64(s, 1, g.id);
		char number[40] = "";
		if (sqlite3_step(s) == SQLITE_ROW)
			snprintf(number, sizeof number, n % 2 ? "+86 %s" : "0%s",
				 (const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
		if (!*number)
			return false;
		id = add_guest(db, "何先生", "何", "旭东", NULL);
		char *d = guest_phone_digits(number);
		size_t nd = strlen(d);
		char rev[32];
		for (size_t i = 0; i < nd; i++)
			rev[i] = d[nd - 1 - i];
		rev[nd] = '\0';
		s = prep(db, "INSERT INTO phone(guest_id, number, digits, digits_rev) VALUES (?1, ?2, ?3, ?4)");
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, number, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, d, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, rev, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			die(db, "insert phone");
		sqlite3_finalize(s);
		free(d);
	} else if (k == K_BIRTHDAY) {
		sqlite3_stmt *s = prep(db, "SELECT month, day, year FROM special_date WHERE guest_id = ?1 "
					   "AND kind = 'birthday' AND person_id IS NULL ORDER BY id LIMIT 1");
		sqlite3_bind_int64(s, 1, g.id);
		int m = 0, d = 0, y = 0;
		if (sqlite3_step(s) == SQLITE_ROW) {
			m = sqlite3_column_int(s, 0);
			d = sqlite3_column_int(s, 1);
			y = sqlite3_column_int(s, 2);
		}
		sqlite3_finalize(s);
		if (!m)
			return false;
		id = add_guest(db, g.name, g.fam, g.giv, NULL);
		char q[200];
		snprintf(q, sizeof q, "INSERT INTO special_date(guest_id, kind, month, day, year) "
				      "VALUES (%lld, 'birthday', %d, %d, %s%.0d)",
			 (long long)id, m, d, y ? "" : "NULL", y);
		exec(db, q);
	} else {
		if (!g.has_emp)
			return false;
		uint32_t v[32];
		size_t nv = cps(g.giv, v, 32);
		if (k == K_EMPLOYER) {
			char emp[300];
			snprintf(emp, sizeof emp, "%s\xe3\x80\x80", g.emp); /* U+3000 after it */
			id = add_guest(db, g.name, g.fam, g.giv, emp);
		} else {
			uint32_t f[8];
			size_t nf = cps(g.fam, f, 8);
			if (nv == 0 || nv > 30)
				return false;
			if (k == K_PINYIN || nf + nv >= 3) {
				uint32_t c = other_char(v[nv - 1], k == K_PINYIN);
				if (!c)
					return false;
				v[nv - 1] = c;
			} else {
				uint32_t c = other_char(v[nv - 1], false);
				if (!c)
					return false;
				v[nv++] = c;
			}
			dup_fam = strdup(g.fam);
			dup_giv = join(v, nv);
			id = add_guest(db, g.name, dup_fam, dup_giv, g.emp);
		}
	}
	free(dup_fam);
	free(dup_giv);
	*out = (struct planted){k, g.id, id};
	return true;
}

static bool found(const struct dup_result *r, const struct planted *p)
{
	int64_t a = p->a < p->b ? p->a : p->b, b = p->a < p->b ? p->b : p->a;
	for (size_t i = 0; i < r->npairs; i++)
		if (r->pairs[i].a == a && r->pairs[i].b == b &&
		    (r->pairs[i].reasons & kind_reason[p->kind]))
			return true; /* else perhaps in a group for this reason */
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct dup_group *g = &r->groups[i];
		if (g->reason != kind_reason[p->kind])
			continue;
		int in = 0;
		for (size_t k = 0; k < g->n; k++)
			in += g->ids[k] == a || g->ids[k] == b;
		if (in == 2)
			return true;
	}
	return false;
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	if (!in || !out) {
		perror(in ? to : from);
		exit(2);
	}
	char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			perror(to);
			exit(2);
		}
	fclose(in);
	if (fclose(out) != 0) {
		perror(to);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	long guests = argc > 1 ? atol(argv[1]) : 1000000;
	int planted_each = argc > 2 ? atoi(argv[2]) : 200;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 42;
	char path[512], run[600];
	if (argc > 4)
		snprintf(path, sizeof path, "%s", argv[4]);
	else
		snprintf(path, sizeof path, "bench/data/dup-%ld-%llu.db", guests,
			 (unsigned long long)seed);
	struct error e;
	struct store *st;
	if (access(path, F_OK) != 0) {
		double t0 = now_ms();
		if (store_open(path, STORE_CREATE | STORE_BULK, &st, &e) != ST_OK) {
			fprintf(stderr, "bench_duplicates: %s\n", e.msg);
			return 2;
		}
		struct demo_opts o = {guests, 0, seed, {2026, 7, 15}};
		if (demo_generate(st, &o, NULL, NULL) != ST_OK) {
			fprintf(stderr, "bench_duplicates: demo: %s\n", store_errmsg(st));
			return 2;
		}
		store_close(st);
		printf("demo book of %ld guests (seed %llu) made in %.1f s: %s\n", guests,
		       (unsigned long long)seed, (now_ms() - t0) / 1e3, path);
	}
	snprintf(run, sizeof run, "%s.run", path);
	copy_file(path, run);

	sqlite3 *db;
	if (sqlite3_open(run, &db) != SQLITE_OK)
		die(db, run);
	exec(db, "PRAGMA journal_mode=DELETE; BEGIN");
	rng = seed;
	struct planted *pl = calloc((size_t)(K_COUNT * planted_each), sizeof *pl);
	int np = 0;
	for (int k = 0; k < K_COUNT; k++)
		for (int i = 0; i < planted_each;)
			if (plant(db, guests, (enum kind)k, i, &pl[np]))
				np++, i++;
	exec(db, "COMMIT");
	sqlite3_finalize(s_draw);
	sqlite3_finalize(s_add);
	if (sqlite3_close(db) != SQLITE_OK)
		die(db, "close");
	printf("planted %d duplicates of each kind (%d pairs)\n", planted_each, np);

	if (store_open(run, 0, &st, &e) != ST_OK) {
		fprintf(stderr, "bench_duplicates: %s\n", e.msg);
		return 2;
	}
	struct dup_opts o = {0};
	struct dup_result r;
	struct rusage ru0;
	getrusage(RUSAGE_SELF, &ru0);
	double t0 = now_ms();
	if (dup_store_find(st, &o, &r) != ST_OK) {
		fprintf(stderr, "bench_duplicates: %s\n", store_errmsg(st));
		return 2;
	}
	double ms = now_ms() - t0;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	size_t by_reason[DUP_REASON_COUNT] = {0};
	for (size_t i = 0; i < r.npairs; i++)
		for (int k = 0; k < DUP_REASON_COUNT; k++)
			by_reason[k] += (r.pairs[i].reasons & dup_reasons[k].bit) != 0;
	double cpu = (double)(ru.ru_utime.tv_sec - ru0.ru_utime.tv_sec + ru.ru_stime.tv_sec -
			      ru0.ru_stime.tv_sec) +
		     (double)(ru.ru_utime.tv_usec - ru0.ru_utime.tv_usec + ru.ru_stime.tv_usec -
			      ru0.ru_stime.tv_usec) / 1e6;
	printf("dup_store_find over %lld guests: %.1f s (%.1f s of CPU; target <= %.0f s), "
	       "peak RSS %ld MB\n",
	       (long long)r.guests, ms / 1e3, cpu, TARGET_MS / 1e3, ru.ru_maxrss / 1024);
	printf("found %zu pairs (", r.npairs);
	for (int k = 0; k < DUP_REASON_COUNT; k++)
		printf("%s%s %zu", k ? ", " : "", dup_reasons[k].words, by_reason[k]);
	printf("), %zu groups, %zu crowded deletion keys not compared\n", r.ngroups, r.crowded);
	int missed = 0;
	for (int k = 0; k < K_COUNT; k++) {
		int n = 0, f = 0;
		for (int i = 0; i < np; i++)
			if (pl[i].kind == (enum kind)k) {
				n++;
				if (found(&r, &pl[i]))
					f++;
				else if (missed++ < 10)
					fprintf(stderr, "missed %s: %lld %lld\n", kind_names[k],
						(long long)pl[i].a, (long long)pl[i].b);
			}
		printf("recall %-8s %d/%d\n", kind_names[k], f, n);
	}
	dup_result_free(&r);
	store_close(st);
	free(pl);
	unlink(run);
	return missed || ms > TARGET_MS;
}
