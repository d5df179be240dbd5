/* dup_store.c — guests who may be the same person (dup_store.h). */
#include "store/dup_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "store/store_int.h"

/* Strings of the finder, bump-allocated in blocks: a million guests' names and employers
 * without a million allocations. */
struct arena {
	char **blocks;
	size_t n;
	char *cur;
	size_t left;
};

#define ARENA_BLOCK (1u << 20)

static const char *arena_copy(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	if (n > a->left) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		a->blocks = xreallocarray(a->blocks, a->n + 1, sizeof *a->blocks);
		a->cur = a->blocks[a->n++] = xmalloc(size);
		a->left = size;
	}
	char *r = a->cur;
	memcpy(r, s, n);
	a->cur += n, a->left -= n;
	return r;
}

static void arena_free(struct arena *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->blocks[i]);
	free(a->blocks);
}

/* One guest as the finder compares it. */
struct rec {
	int64_t id;
	const char *name; /* the full name, else the name as addressed, folded */
	const char *emp;  /* the employer folded, NULL when none */
	const char *py;   /* the name's pinyin (text_pinyin_plain), NULL when none */
	uint32_t emp_id;  /* the employer's rank among the employers (0: none) */
	uint16_t md;      /* the guest's own birthday, month * 100 + day (0: none) */
	uint16_t year;    /* its year (0: none) */
};

/* A reason found for two guests (indexes into recs); merged into pairs at the end. */
struct hit {
	uint32_t a, b;
	unsigned reason;
};

struct finder {
	struct store *st;
	size_t group_max;
	struct rec *recs;
	size_t nrecs;
	struct arena ar;
	struct hit *hits;
	size_t nhits, hcap;
	struct dup_result *out;
	size_t gcap;
};

static void add_hit(struct finder *f, uint32_t a, uint32_t b, unsigned reason)
{
	if (a == b)
		return;
	vec_reserve((void **)&f->hits, f->nhits + 1, &f->hcap, sizeof *f->hits);
	f->hits[f->nhits++] = (struct hit){a < b ? a : b, a < b ? b : a, reason};
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

/* A group of n guests (indexes into recs, ascending and distinct) sharing key for reason. */
static void add_group(struct finder *f, enum dup_reason reason, char *key, const uint32_t *v,
		      size_t n)
{
	struct dup_result *o = f->out;
	vec_reserve((void **)&o->groups, o->ngroups + 1, &f->gcap, sizeof *o->groups);
	struct dup_group *g = &o->groups[o->ngroups++];
	g->reason = reason;
	g->key = key;
	g->n = n;
	g->ids = xreallocarray(NULL, n, sizeof *g->ids);
	for (size_t i = 0; i < n; i++)
		g->ids[i] = f->recs[v[i]].id; /* recs are in id order: so are the ids */
}

/* The name a guest is compared by: the full name when family and given names are both known
 * (as the search keys make it, search_store.c), else the name as addressed; folded. */
static char *identity_name(const char *name, const char *fam, const char *giv)
{
	char *full = text_full_name(fam, giv);
	char *r = text_fold(full ? full : name);
	free(full);
	return r;
}

static int cmp_rec_id(const void *k, const void *r)
{
	int64_t id = *(const int64_t *)k, x = ((const struct rec *)r)->id;
	return (id > x) - (id < x);
}

/* The index of guest id in recs, or -1 when it is not considered. */
static long rec_of(const struct finder *f, int64_t id)
{
	const struct rec *r =
		f->nrecs ? bsearch(&id, f->recs, f->nrecs, sizeof *f->recs, cmp_rec_id) : NULL;
	return r ? (long)(r - f->recs) : -1;
}

static enum store_status load_guests(struct finder *f)
{
	static const char *sql = "SELECT id, name, family_name, given_name, employer FROM guest "
				 "WHERE " DUP_LIVE " ORDER BY id";
	sqlite3_stmt *s = store_prep(f->st, sql);
	if (!s)
		return ST_IO;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&f->recs, f->nrecs + 1, &cap, sizeof *f->recs);
		struct rec *r = &f->recs[f->nrecs++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(s, 0);
		char *name = identity_name((const char *)sqlite3_column_text(s, 1),
					   (const char *)sqlite3_column_text(s, 2),
					   (const char *)sqlite3_column_text(s, 3));
		r->name = arena_copy(&f->ar, name);
		char *py = text_pinyin_plain(name);
		r->py = *py ? arena_copy(&f->ar, py) : NULL;
		free(py);
		free(name);
		const char *e = (const char *)sqlite3_column_text(s, 4);
		if (e && *e) {
			char *fe = text_fold(e);
			r->emp = *fe ? arena_copy(&f->ar, fe) : NULL;
			free(fe);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlfail(f->st, rc, "duplicates: guests");
	f->out->guests = (int64_t)f->nrecs;
	return ST_OK;
}

/* Each guest's own birthday (not a companion's). */
static enum store_status load_birthdays(struct finder *f)
{
	static const char *sql = "SELECT guest_id, month, day, year FROM special_date "
				 "WHERE kind = 'birthday' AND person_id IS NULL";
	sqlite3_stmt *s = store_prep(f->st, sql);
	if (!s)
		return ST_IO;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long i = rec_of(f, sqlite3_column_int64(s, 0));
		if (i < 0 || f->recs[i].md)
			continue; /* not considered, or a second birthday: the first one */
		f->recs[i].md = (uint16_t)(sqlite3_column_int(s, 1) * 100 + sqlite3_column_int(s, 2));
		int y = sqlite3_column_int(s, 3);
		f->recs[i].year = (uint16_t)(y > 0 && y < 65536 ? y : 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlfail(f->st, rc, "duplicates: birthdays");
	return ST_OK;
}

static int strcmp0(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_emp_name(const void *x, const void *y)
{
	const struct rec *a = *(struct rec *const *)x, *b = *(struct rec *const *)y;
	int c = strcmp0(a->emp, b->emp);
	return c ? c : strcmp(a->name, b->name);
}

static int cmp_emp_py(const void *x, const void *y)
{
	const struct rec *a = *(struct rec *const *)x, *b = *(struct rec *const *)y;
	if (a->emp_id != b->emp_id)
		return a->emp_id < b->emp_id ? -1 : 1;
	int c = strcmp0(a->py, b->py);
	return c ? c : strcmp(a->name, b->name);
}

static int cmp_name_md(const void *x, const void *y)
{
	const struct rec *a = *(struct rec *const *)x, *b = *(struct rec *const *)y;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->md > b->md) - (a->md < b->md);
}

/* The n indexes of idx sorted, each once; their number now. */
static size_t sort_unique(uint32_t *idx, size_t n)
{
	qsort(idx, n, sizeof *idx, cmp_u32);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (m == 0 || idx[m - 1] != idx[i])
			idx[m++] = idx[i];
	return m;
}

/* The indexes of the n recs of v, ascending and distinct, into idx; their number. */
static size_t run_indexes(const struct finder *f, struct rec **v, size_t n, uint32_t *idx)
{
	for (size_t i = 0; i < n; i++)
		idx[i] = (uint32_t)(v[i] - f->recs);
	return sort_unique(idx, n);
}

/* The pairs for reason among the m guests of a run v (who share one key): those pair accepts
 * (NULL: all of them); a run of more than group_max guests is one group instead, shown as
 * key(v[0]). */
static void run_pairs(struct finder *f, struct rec **v, size_t m, uint32_t *idx,
		      enum dup_reason reason, char *(*key)(const struct rec *),
		      bool (*pair)(const struct rec *, const struct rec *))
{
	if (m < 2)
		return;
	if (m > f->group_max) {
		size_t k = run_indexes(f, v, m, idx);
		add_group(f, reason, key(v[0]), idx, k);
		return;
	}
	for (size_t a = 0; a < m; a++)
		for (size_t b = a + 1; b < m; b++)
			if (!pair || pair(v[a], v[b]))
				add_hit(f, (uint32_t)(v[a] - f->recs), (uint32_t)(v[b] - f->recs),
					reason);
}

static char *key_name_emp(const struct rec *r)
{
	return xasprintf("%s, %s", r->name, r->emp);
}

static char *key_py_emp(const struct rec *r)
{
	return xasprintf("%s, %s", r->py, r->emp);
}

static char *key_name_birthday(const struct rec *r)
{
	return xasprintf("%s, %02d-%02d", r->name, r->md / 100, r->md % 100);
}

static bool names_differ(const struct rec *a, const struct rec *b)
{
	return strcmp(a->name, b->name) != 0;
}

static bool years_agree(const struct rec *a, const struct rec *b)
{
	return !a->year || !b->year || a->year == b->year;
}

/* The guests of one employer and name; ranks the employers on the way. */
static void by_employer_name(struct finder *f, struct rec **v, uint32_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nrecs; i++)
		if (f->recs[i].emp)
			v[n++] = &f->recs[i];
	qsort(v, n, sizeof *v, cmp_emp_name);
	uint32_t emp_id = 0;
	for (size_t i = 0, j; i < n; i = j) {
		if (i == 0 || strcmp(v[i]->emp, v[i - 1]->emp) != 0)
			emp_id++;
		for (j = i; j < n && strcmp(v[j]->emp, v[i]->emp) == 0 &&
			    strcmp(v[j]->name, v[i]->name) == 0; j++)
			v[j]->emp_id = emp_id;
		run_pairs(f, v + i, j - i, idx, DUP_NAME_EMPLOYER, key_name_emp, NULL);
	}
}

/* Names that differ and sound the same, at one employer. */
static void by_employer_pinyin(struct finder *f, struct rec **v, uint32_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nrecs; i++)
		if (f->recs[i].emp && f->recs[i].py)
			v[n++] = &f->recs[i];
	qsort(v, n, sizeof *v, cmp_emp_py);
	for (size_t i = 0, j; i < n; i = j) {
		bool names = false; /* more than one name among them: else no pair, no group */
		for (j = i + 1; j < n && v[j]->emp_id == v[i]->emp_id &&
			    strcmp(v[j]->py, v[i]->py) == 0; j++)
			names = names || names_differ(v[j], v[i]);
		if (names)
			run_pairs(f, v + i, j - i, idx, DUP_PINYIN_EMPLOYER, key_py_emp,
				  names_differ);
	}
}

/* The same name and birthday; the years agree when both are known. */
static void by_name_birthday(struct finder *f, struct rec **v, uint32_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nrecs; i++)
		if (f->recs[i].md)
			v[n++] = &f->recs[i];
	qsort(v, n, sizeof *v, cmp_name_md);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && v[j]->md == v[i]->md && !names_differ(v[j], v[i]); j++)
			;
		run_pairs(f, v + i, j - i, idx, DUP_NAME_BIRTHDAY, key_name_birthday, years_agree);
	}
}

/* A phone's key in its reversed digits: the last 11 digits (the length of a mobile) of a
 * number that has them, else the whole number. */
static size_t phone_key_len(const char *rev)
{
	size_t n = strlen(rev);
	return n > 11 ? 11 : n;
}

/* Guests sharing a phone, through the index of reversed digits: the numbers of one key are
 * next to each other in it. */
static enum store_status by_phone(struct finder *f, uint32_t **idx, size_t *icap)
{
	static const char *sql = "SELECT digits_rev, guest_id FROM phone ORDER BY digits_rev";
	sqlite3_stmt *s = store_prep(f->st, sql);
	if (!s)
		return ST_IO;
	char key[32] = "";
	size_t klen = 0, m = 0;
	bool longer = false; /* a number of the run has more digits than its key */
	int rc;
	for (;;) {
		rc = sqlite3_step(s);
		const char *rev = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
		size_t kl = rev ? phone_key_len(rev) : 0;
		if (!rev || kl != klen || memcmp(rev, key, kl) != 0) {
			/* the run of key ends */
			size_t k = sort_unique(*idx, m);
			if (k > f->group_max) {
				char shown[32];
				for (size_t i = 0; i < klen; i++)
					shown[i] = key[klen - 1 - i];
				shown[klen] = '\0';
				add_group(f, DUP_PHONE,
					  xasprintf("%s%s", longer ? "\xe2\x80\xa6" : "", shown),
					  *idx, k);
			} else {
				for (size_t a = 0; a < k; a++)
					for (size_t b = a + 1; b < k; b++)
						add_hit(f, (*idx)[a], (*idx)[b], DUP_PHONE);
			}
			m = 0;
			if (!rev)
				break;
			memcpy(key, rev, kl);
			klen = kl;
			longer = false;
		}
		longer = longer || rev[kl] != '\0';
		long r = rec_of(f, sqlite3_column_int64(s, 1));
		if (r < 0)
			continue;
		vec_reserve((void **)idx, m + 1, icap, sizeof **idx);
		(*idx)[m++] = (uint32_t)r;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlfail(f->st, rc, "duplicates: phones");
	return ST_OK;
}

/* A deletion key of a name at an employer, hashed: the employer and the name with one
 * character left out (or whole). Sorting 16-byte keys is what keeps a million names in
 * seconds; two keys that hash alike by chance only cost a comparison (dup_near_names
 * decides). */
struct nkey {
	uint64_t h;
	uint32_t rec;
};

/* FNV-1a over the employer's rank and the name without the bytes [off, off + len). */
static uint64_t nkey_hash(uint32_t emp_id, const char *name, size_t n, size_t off, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (int i = 0; i < 4; i++)
		h = (h ^ ((emp_id >> (8 * i)) & 0xFF)) * 0x100000001b3ull;
	for (size_t i = 0; i < n; i++)
		if (i < off || i >= off + len)
			h = (h ^ (unsigned char)name[i]) * 0x100000001b3ull;
	return h;
}

static int cmp_nkey(const void *x, const void *y)
{
	const struct nkey *a = x, *b = y;
	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return (a->rec > b->rec) - (a->rec < b->rec);
}

/* Names within one character at one employer (dup_near_names): the names sharing a deletion
 * key are compared, those of a key shared by more than DUP_NEAR_MAX are not (crowded). */
static void by_near_name(struct finder *f)
{
	size_t n = 0, cap = 0;
	struct nkey *k = NULL;
	for (size_t i = 0; i < f->nrecs; i++) {
		const struct rec *r = &f->recs[i];
		if (!r->emp)
			continue;
		size_t len = strlen(r->name), cps = text_cp_count(r->name);
		if (cps < 2 || cps > DUP_NEAR_MAX_CHARS)
			continue;
		vec_reserve((void **)&k, n + cps + 1, &cap, sizeof *k);
		k[n++] = (struct nkey){nkey_hash(r->emp_id, r->name, len, 0, 0), (uint32_t)i};
		if (cps < DUP_NEAR_MIN_CHARS)
			continue; /* found by the longer name's keys only */
		for (size_t off = 0; off < len;) {
			uint32_t cp;
			size_t w = text_decode(r->name + off, len - off, &cp);
			k[n++] = (struct nkey){nkey_hash(r->emp_id, r->name, len, off, w), (uint32_t)i};
			off += w;
		}
	}
	if (n)
		qsort(k, n, sizeof *k, cmp_nkey);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && k[j].h == k[i].h; j++)
			;
		if (j - i < 2)
			continue;
		if (j - i > DUP_NEAR_MAX) {
			f->out->crowded++;
			continue;
		}
		for (size_t a = i; a < j; a++)
			for (size_t b = a + 1; b < j; b++) {
				const struct rec *ra = &f->recs[k[a].rec], *rb = &f->recs[k[b].rec];
				if (k[a].rec != k[b].rec && ra->emp_id == rb->emp_id &&
				    dup_near_names(ra->name, rb->name))
					add_hit(f, k[a].rec, k[b].rec, DUP_NEAR_NAME_EMPLOYER);
			}
	}
	free(k);
}

static int cmp_hit(const void *x, const void *y)
{
	const struct hit *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

static int cmp_pair(const void *x, const void *y)
{
	const struct dup_pair *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

static int cmp_group(const void *x, const void *y)
{
	const struct dup_group *a = x, *b = y;
	int sa = dup_score(a->reason), sb = dup_score(b->reason);
	if (sa != sb)
		return sa > sb ? -1 : 1;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* The pairs the staff dismissed, as "a b" ids, sorted: ST_OK with *v and *n. */
static int cmp_i64x2(const void *x, const void *y)
{
	const int64_t *a = x, *b = y;
	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return (a[1] > b[1]) - (a[1] < b[1]);
}

static enum store_status load_dismissed(struct store *st, int64_t **v, size_t *n)
{
	static const char *sql = "SELECT a, b FROM dup_dismissed ORDER BY a, b";
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)v, *n + 1, &cap, 2 * sizeof **v);
		(*v)[2 * *n] = sqlite3_column_int64(s, 0);
		(*v)[2 * *n + 1] = sqlite3_column_int64(s, 1);
		(*n)++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "duplicates: dismissed");
}

/* The hits merged into pairs (reasons of one pair together), those dismissed and those the
 * options leave out dropped, sorted. */
static void make_pairs(struct finder *f, const struct dup_opts *o, const int64_t *dis, size_t ndis)
{
	struct dup_result *out = f->out;
	if (f->nhits)
		qsort(f->hits, f->nhits, sizeof *f->hits, cmp_hit);
	out->pairs = xreallocarray(NULL, f->nhits ? f->nhits : 1, sizeof *out->pairs);
	for (size_t i = 0, j; i < f->nhits; i = j) {
		unsigned reasons = 0;
		for (j = i; j < f->nhits && f->hits[j].a == f->hits[i].a && f->hits[j].b == f->hits[i].b;
		     j++)
			reasons |= f->hits[j].reason;
		const struct rec *ra = &f->recs[f->hits[i].a], *rb = &f->recs[f->hits[i].b];
		struct dup_pair p = {ra->id, rb->id, reasons, dup_score(reasons), ra->name, rb->name};
		int64_t key[2] = {p.a, p.b};
		if (p.score < o->min_score || (o->guest > 0 && p.a != o->guest && p.b != o->guest) ||
		    (ndis && bsearch(key, dis, ndis, 2 * sizeof *dis, cmp_i64x2)))
			continue;
		out->pairs[out->npairs++] = p;
	}
	qsort(out->pairs, out->npairs, sizeof *out->pairs, cmp_pair);
	if (o->guest > 0 || o->min_score > 0) { /* only the groups asked for */
		size_t m = 0;
		for (size_t i = 0; i < out->ngroups; i++) {
			struct dup_group *g = &out->groups[i];
			bool in = o->guest <= 0;
			for (size_t k = 0; k < g->n && !in; k++)
				in = g->ids[k] == o->guest;
			if (in && dup_score(g->reason) >= o->min_score) {
				out->groups[m++] = *g;
			} else {
				free(g->key);
				free(g->ids);
			}
		}
		out->ngroups = m;
	}
	if (out->ngroups)
		qsort(out->groups, out->ngroups, sizeof *out->groups, cmp_group);
}

enum store_status dup_store_find(struct store *st, const struct dup_opts *opts,
				 struct dup_result *out)
{
	memset(out, 0, sizeof *out);
	struct dup_opts o = *opts;
	struct finder f = {.st = st, .group_max = o.group_max ? o.group_max : DUP_GROUP_MAX,
			   .out = out};
	int64_t *dis = NULL;
	size_t ndis = 0;
	enum store_status rs = store_snapshot_begin(st);
	if (rs != ST_OK)
		return rs;
	if (o.guest > 0 && (rs = store_guest_check(st, o.guest)) != ST_OK)
		goto done;
	if ((rs = load_guests(&f)) != ST_OK || (rs = load_birthdays(&f)) != ST_OK ||
	    (rs = load_dismissed(st, &dis, &ndis)) != ST_OK)
		goto done;
	size_t icap = f.nrecs > 1024 ? f.nrecs : 1024;
	uint32_t *idx = xreallocarray(NULL, icap, sizeof *idx);
	if ((rs = by_phone(&f, &idx, &icap)) != ST_OK) {
		free(idx);
		goto done;
	}
	struct rec **v = xreallocarray(NULL, f.nrecs ? f.nrecs : 1, sizeof *v);
	by_employer_name(&f, v, idx); /* first: it ranks the employers */
	by_employer_pinyin(&f, v, idx);
	by_name_birthday(&f, v, idx);
	free(v);
	free(idx);
	by_near_name(&f);
	make_pairs(&f, &o, dis, ndis);
done:
	store_snapshot_end(st);
	free(dis);
	free(f.hits);
	free(f.recs);
	out->strings = xmalloc(sizeof f.ar);
	memcpy(out->strings, &f.ar, sizeof f.ar); /* the pairs' names point into it */
	if (rs != ST_OK)
		dup_result_free(out);
	return rs;
}

void dup_result_free(struct dup_result *r)
{
	for (size_t i = 0; i < r->ngroups; i++) {
		free(r->groups[i].key);
		free(r->groups[i].ids);
	}
	free(r->groups);
	free(r->pairs);
	if (r->strings)
		arena_free(r->strings);
	free(r->strings);
	memset(r, 0, sizeof *r);
}

enum store_status dup_store_dismiss(struct store *st, int64_t a, int64_t b)
{
	if (a == b)
		return store_fail(st, ST_INVALID, "a guest is always the same as itself (%lld)",
				  (long long)a);
	if (a > b) {
		int64_t t = a;
		a = b, b = t;
	}
	static const char *sql = "INSERT INTO dup_dismissed(a, b, at, staff_id) VALUES (?1, ?2, ?3, ?4) "
				 "ON CONFLICT (a, b) DO NOTHING";
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	int64_t me;
	if ((rs = store_guest_check(st, a)) != ST_OK || (rs = store_guest_check(st, b)) != ST_OK ||
	    (rs = store_staff_self(st, &me)) != ST_OK)
		return store_end(st, rs);
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return store_end(st, ST_IO);
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	sqlite3_bind_text(s, 3, store_now(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, me);
	if ((rs = store_step_done(st, s, "duplicates")) != ST_OK || sqlite3_changes(st->db) == 0)
		return store_end(st, rs);
	char na[24], nb[24];
	snprintf(na, sizeof na, "#%lld", (long long)a);
	snprintf(nb, sizeof nb, "#%lld", (long long)b);
	if ((rs = store_audit(st, "guest", a, "not-same", "duplicate", NULL, nb)) == ST_OK)
		rs = store_audit(st, "guest", b, "not-same", "duplicate", NULL, na);
	return store_end(st, rs);
}
