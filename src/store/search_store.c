#include "store/search_store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/text.h"
#include "store/guest_store.h"
#include "store/store_bulk.h"
#include "store/store_int.h"

/* The full name (text_full_name); NULL unless both are known (a family name alone is not a
 * name the guest is found by exactly). */
static char *full_name(const struct guest *g)
{
	return text_full_name(g->f[GF_FAMILY_NAME], g->f[GF_GIVEN_NAME]);
}

/* Han characters of the surname at the start of name: the family name's length when the name
 * begins with it, else 1. */
static int surname_chars(const struct guest *g, const char *name)
{
	const char *fam = g->f[GF_FAMILY_NAME];
	if (fam && *fam && strncmp(name, fam, strlen(fam)) == 0)
		return (int)text_cp_count(fam);
	return 1;
}

/* Adds key, and key without its spaces ("o brien smith" → "obriensmith") when it has some. */
static void add_key(struct strv *keys, const char *key)
{
	strv_push_unique(keys, key);
	if (!strchr(key, ' '))
		return;
	struct sbuf b = {0};
	for (const char *p = key; *p; p++)
		if (*p != ' ')
			sbuf_addc(&b, *p);
	char *joined = sbuf_detach(&b);
	strv_push_unique(keys, joined);
	free(joined);
}

/* Name keys of one folded name: the whole name and each word-suffix ("o brien smith",
 * "brien smith", "smith") so that any word's prefix finds it. */
static void name_keys(const char *folded, struct strv *keys)
{
	if (!*folded)
		return;
	add_key(keys, folded);
	for (const char *p = folded; (p = strchr(p, ' ')) != NULL;)
		add_key(keys, ++p);
}

/* Key of a tag for the lookup's filter (#回头客): '#' and the folded tag without spaces; folded
 * text never holds '#' (a separator), so no name key is ever one. */
static char *tag_key(const char *tag)
{
	char *f = text_fold(tag);
	struct sbuf b = {0};
	sbuf_addc(&b, '#');
	for (const char *p = f; *p; p++)
		if (*p != ' ')
			sbuf_addc(&b, *p);
	free(f);
	return sbuf_detach(&b);
}

/* Keys of the two-character pieces of an employer that hold a Han character ("@中信",
 * "@信银"), so that a Chinese short company name (中信, 华夏, 工商) is found by an index: the
 * trigram index needs three. '@' is a separator when folding: no name key starts with it. */
static void bigram_keys(const char *folded, struct strv *keys)
{
	size_t n = strlen(folded);
	const char *p = folded;
	while (n) {
		uint32_t a, b;
		size_t ka = text_decode(p, n, &a);
		if (ka >= n)
			break;
		size_t kb = text_decode(p + ka, n - ka, &b);
		if (a != ' ' && b != ' ' && (text_is_han(a) || text_is_han(b))) {
			char k[1 + 8 + 1] = "@"; /* two code points: 8 bytes at most */
			memcpy(k + 1, p, ka + kb);
			k[1 + ka + kb] = '\0';
			strv_push_unique(keys, k);
		}
		p += ka, n -= ka;
	}
}

/* Every search key of a sheet: name keys, pinyin, initials and their mixes (sunxs), tags (as
 * names, and #tag for the filter), two-character pieces of the employer (and of every field
 * searched by its text, GS_TEXT in GUEST_FIELDS), and the text the trigram index holds (names,
 * employer and those fields, phone digits as stored: guest_phone_digits). An anonymised guest
 * has none.
 * An update removes the keys that this function derives from the old sheet, so a change to
 * how keys are derived needs a migration that rebuilds search_key and search_text (one that
 * creates the table search_rebuild: store_migrate then calls search_store_rebuild). */
static void sheet_keys(const struct guest *g, struct strv *keys, struct sbuf *text)
{
	sbuf_add(text, "");
	if (g->anonymised)
		return;
	char *full = full_name(g);
	const char *sources[2] = {g->f[GF_NAME], full};
	for (int i = 0; i < 2; i++) {
		if (!sources[i])
			continue;
		char *f = text_fold(sources[i]);
		name_keys(f, keys);
		if (*f)
			sbuf_printf(text, "%s%s", text->len ? " " : "", f);
		free(f);
		text_pinyin_keys(sources[i], surname_chars(g, sources[i]), keys, keys);
	}
	free(full);
	if (g->f[GF_GIVEN_NAME]) {
		char *f = text_fold(g->f[GF_GIVEN_NAME]);
		name_keys(f, keys);
		free(f);
	}
	for (int i = 0; i < GF_COUNT; i++) { /* the employer, and any field found by its text */
		if (guest_fields[i].search != GS_TEXT || !g->f[i])
			continue;
		char *f = text_fold(g->f[i]);
		sbuf_printf(text, " %s", f);
		bigram_keys(f, keys);
		free(f);
	}
	for (size_t i = 0; i < g->phones.n; i++) {
		char *d = guest_phone_digits(g->phones.v[i].number);
		sbuf_printf(text, " %s", d);
		free(d);
	}
	for (size_t i = 0; i < g->tags.n; i++) {
		char *f = text_fold(g->tags.v[i]), *k = tag_key(g->tags.v[i]);
		name_keys(f, keys);
		if (k[1])
			strv_push_unique(keys, k);
		free(f);
		free(k);
	}
}

/* What a search tests one guest by (search_probe, and guest_last for the guests who came): the
 * trigram text on the first line, then a line for each key, then "\1" and the digits of each
 * phone, a line each. */
static char *probe_of(const struct guest *g, const char *text, const struct strv *keys)
{
	struct sbuf b = {0};
	sbuf_add(&b, text);
	for (size_t i = 0; i < keys->n; i++) { /* not sbuf_printf: twenty a guest, an import's */
		sbuf_addc(&b, '\n');
		sbuf_add(&b, keys->v[i]);
	}
	for (size_t i = 0; i < g->phones.n && !g->anonymised; i++) {
		char *d = guest_phone_digits(g->phones.v[i].number);
		sbuf_add(&b, "\n\001");
		sbuf_add(&b, d);
		free(d);
	}
	return sbuf_detach(&b);
}

/* Runs sql (?1 key, ?2 guest) for each key of keys that is not in except; sql NULL stages
 * the keys for bulk loading instead. */
static enum store_status apply_keys(struct store *st, const char *sql, int64_t id,
				    const struct strv *keys, const struct strv *except)
{
	for (size_t i = 0; i < keys->n; i++) {
		if (except && strv_contains(except, keys->v[i]))
			continue;
		if (!sql) {
			enum store_status rs = store_bulk_key(st, keys->v[i], id);
			if (rs != ST_OK)
				return rs;
			continue;
		}
		sqlite3_stmt *s = store_prep(st, sql);
		if (!s)
			return ST_IO;
		sqlite3_bind_text(s, 1, keys->v[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, id);
		enum store_status rs = store_step_done(st, s, "search key");
		if (rs != ST_OK)
			return rs;
	}
	return ST_OK;
}

/* search_store_index with the statement that inserts a new guest's keys. */
static enum store_status index_guest(struct store *st, const struct guest *g,
				     const struct guest *old, const char *ins);

/* A rebuild's keys go to a temporary table first, then into search_key in key order: inserted
 * one by one at random places, 30 million keys of a million guests took many minutes. */
static const char rebuild_ins[] = "INSERT INTO temp.rebuild_key(key, guest_id) VALUES (?1, ?2)";

enum store_status search_store_index(struct store *st, const struct guest *g,
				     const struct guest *old)
{
	return index_guest(st, g, old, "INSERT OR IGNORE INTO search_key(key, guest_id) VALUES (?1, ?2)");
}

enum store_status search_store_forget(struct store *st, const struct guest *old)
{
	/* an anonymised sheet has no keys: indexing it over the stored one removes them all */
	struct guest none;
	guest_init(&none);
	none.id = old->id;
	none.anonymised = true;
	enum store_status rs = search_store_index(st, &none, old);
	guest_free(&none);
	return rs;
}

static enum store_status index_guest(struct store *st, const struct guest *g,
				     const struct guest *old, const char *ins)
{
	static const char *del = "DELETE FROM search_key WHERE key = ?1 AND guest_id = ?2";
	enum store_status rs;
	struct strv keys = {0}, old_keys = {0};
	struct sbuf text = {0}, old_text = {0};
	sheet_keys(g, &keys, &text);
	if (old)
		sheet_keys(old, &old_keys, &old_text);
	/* a new guest's keys staged (bulk loading, or deferred: store_keys_defer; the stage holds
	 * ids of 32 bits); a stored guest's old keys must be in search_key to be taken out */
	bool staged = !old && st->bulk_keys && g->id <= (int64_t)UINT32_MAX;
	if ((old && (rs = store_keys_flush(st)) != ST_OK) ||
	    (rs = apply_keys(st, del, g->id, &old_keys, &keys)) != ST_OK ||
	    (rs = apply_keys(st, staged ? NULL : ins, g->id, &keys,
			     old ? &old_keys : NULL)) != ST_OK)
		goto out;
	bool same_keys = old && keys.n == old_keys.n;
	for (size_t i = 0; same_keys && i < keys.n; i++)
		same_keys = strcmp(keys.v[i], old_keys.v[i]) == 0;
	if (old && same_keys && strcmp(text.s, old_text.s) == 0)
		goto out;
	sqlite3_stmt *s;
	if (old) {
		s = store_prep(st, "DELETE FROM search_text WHERE rowid = ?1");
		if (!s) {
			rs = ST_IO;
			goto out;
		}
		sqlite3_bind_int64(s, 1, g->id);
		if ((rs = store_step_done(st, s, "search text")) != ST_OK)
			goto out;
	}
	if (text.len) {
		s = store_prep(st, "INSERT INTO search_text(rowid, text) VALUES (?1, ?2)");
		if (!s) {
			rs = ST_IO;
			goto out;
		}
		sqlite3_bind_int64(s, 1, g->id);
		sqlite3_bind_text(s, 2, text.s, (int)text.len, SQLITE_STATIC);
		if ((rs = store_step_done(st, s, "search text")) != ST_OK)
			goto out;
	}
	/* the probe, and the copy guest_last keeps for the walk by last visit */
	char *probe = probe_of(g, text.s, &keys);
	static const char *const probe_sql[] = {
		"INSERT OR REPLACE INTO search_probe(guest_id, probe) VALUES (?1, ?2)",
		"UPDATE guest_last SET probe = ?2 WHERE guest_id = ?1"};
	for (int i = 0; i < 2 && rs == ST_OK; i++) {
		if (!(s = store_prep(st, probe_sql[i]))) {
			rs = ST_IO;
			break;
		}
		sqlite3_bind_int64(s, 1, g->id);
		sqlite3_bind_text(s, 2, probe, -1, SQLITE_TRANSIENT);
		rs = store_step_done(st, s, "search probe");
	}
	free(probe);
out:
	strv_free(&keys);
	strv_free(&old_keys);
	sbuf_free(&text);
	sbuf_free(&old_text);
	return rs;
}

/* The statements of a search, one per query class. */
static const char key_exact[] = "SELECT guest_id FROM search_key WHERE key = ?1 ORDER BY guest_id";
static const char key_prefix[] = "SELECT guest_id FROM search_key WHERE key > ?1 AND key < ?2 "
				 "ORDER BY key, guest_id";
/* a merged guest's phones stay on its own sheet, and on the one it became: found there (the
 * merged ones, a handful, read once from guest_merged) */
#define NOT_MERGED "AND guest_id NOT IN (SELECT id FROM guest WHERE merged_into IS NOT NULL) "
static const char phone_exact[] = "SELECT guest_id FROM phone WHERE digits = ?1 " NOT_MERGED
				  "ORDER BY guest_id";
static const char phone_suffix[] = "SELECT guest_id FROM phone WHERE digits_rev > ?1 AND "
				   "digits_rev < ?2 " NOT_MERGED "ORDER BY digits_rev, guest_id";
static const char text_substring[] =
	"SELECT rowid FROM search_text WHERE text LIKE ?1 ORDER BY rowid";
/* A substring of exactly 3 characters is one trigram: the rows that hold it are those of its
 * doclist, read from the index alone. LIKE would read and test every row's text (detail=none
 * keeps no positions): at a million guests, 3,660 rows for "sen" took 3 to 8 ms warm, from the
 * index 0.3 ms. */
static const char text_trigram[] =
	"SELECT rowid FROM search_text WHERE search_text MATCH ?1 ORDER BY rowid";
/* Ranking: a guest's last live visit (guest_last, kept by the visit writes), and the guests
 * who came, the most recent first; the probes that tell whether one guest is in a class */
/* from the small covering index: the rows are large (their probes) and read at random */
static const char last_of[] =
	"SELECT date FROM guest_last INDEXED BY guest_last_guest WHERE guest_id = ?1";
/* the walk reads the probes from its covering index, in order: no read a guest */
static const char last_walk[] =
	"SELECT guest_id, probe FROM guest_last ORDER BY date DESC, guest_id";
/* the guests who came in the walk's order, ids alone: a class read whole is taken in this
 * order by its ids in memory (run_class) */
static const char last_order[] =
	"SELECT guest_id FROM guest_last INDEXED BY guest_last_when ORDER BY date DESC, guest_id";
static const char probe_of_guest[] = "SELECT probe FROM search_probe WHERE guest_id = ?1";
static const char sum_guest[] = "SELECT name, employer FROM guest WHERE id = ?1";
static const char sum_phones[] =
	"SELECT group_concat(number, ', ') FROM (SELECT number FROM phone WHERE guest_id = ?1 "
	"ORDER BY id)";
/* A guest's allergies (taboos), and those of the people who come with them ("son 小强: 花生
 * (critical)"), each with its rank (0 critical .. 4 none); safety_column joins them, the most
 * severe first. */
#define SUM_SAFETY(KIND)                                                                        \
	"SELECT CASE WHEN p.person_id IS NULL THEN '' ELSE pe.relation || "                      \
	"coalesce(' ' || pe.name, '') || ': ' END || p.text || CASE WHEN p.severity IS NOT "    \
	"NULL THEN ' (' || p.severity || ')' ELSE '' END, CASE "                                 \
	"p.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' "  \
	"THEN 3 ELSE 4 END FROM preference p LEFT JOIN person pe ON pe.id = p.person_id "        \
	"WHERE p.guest_id = ?1 AND p.kind = '" KIND "' ORDER BY p.guest_id, p.kind, p.id"
static const char sum_allergies[] = SUM_SAFETY("allergy");
static const char sum_taboos[] = SUM_SAFETY("taboo");
static const char sum_last_visit[] =
	"SELECT max(date) FROM visit WHERE guest_id = ?1 AND voided_at IS NULL";
static const char sum_tier[] = "SELECT tier, grp FROM tier_month WHERE guest_id = ?1 AND "
			       "month <= ?2 ORDER BY month DESC LIMIT 1";
static const char sum_complaint[] = "SELECT max(at) FROM complaint WHERE guest_id = ?1";

/* How one statement of a class is asked, and how one guest is tested against it. */
enum part_kind { P_KEY_EXACT, P_KEY_PREFIX, P_PHONE_EXACT, P_PHONE_SUFFIX, P_TEXT };

struct part {
	enum part_kind kind;
	const char *sql;
	const char *a, *b; /* the statement's binds */
	const char *q;     /* what the probe looks for: the key, prefix, digits or substring */
};

/* A class of matches (exact, prefix or substring): up to three statements. */
struct cls {
	enum search_match m;
	struct part p[3];
	int np;
};

/* The hits collected so far, and the tag filters (#回头客: keys "#回头客…") each must pass. */
struct collector {
	struct search_hit *all;
	size_t n, want;
	const struct strv *tags;
};

/* Ranking a class (run_class): read whole and sorted up to RANK_FEW guests; else the guests
 * who came walked for RANK_BUDGET of them; else read whole up to RANK_CAP. */
#define RANK_FEW 64
#define RANK_BUDGET 2000
#define RANK_CAP 4000
/* A class read whole is taken by walking the guests who came (their ids, the most recent first)
 * for up to RANK_STEPS steps per candidate, when it has RANK_SCAN_MIN candidates or more: a
 * step reads a few bytes of an index in order, a candidate's last visit is a random read. */
#define RANK_STEPS 20
#define RANK_SCAN_MIN 256

static bool has(const struct collector *c, int64_t id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->all[i].guest_id == id)
			return true;
	return false;
}

/* The probe of guest id (probe_of), NULL when it has none. */
static enum store_status guest_probe(struct store *st, int64_t id, char **probe)
{
	*probe = NULL;
	sqlite3_stmt *s = store_prep(st, probe_of_guest);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "search", &row);
	if (rs == ST_OK && row)
		*probe = store_col_text(s, 0);
	sqlite3_reset(s);
	return rs;
}

/* True when a line of probe after the first (a key, or \1 and a phone's digits when mark)
 * starts with prefix (is it, when exact; ends with it, when suffix). */
static bool probe_line(const char *probe, const char *prefix, bool mark, bool exact, bool suffix)
{
	size_t n = strlen(prefix);
	const char *k = probe ? strchr(probe, '\n') : NULL;
	while (k) {
		k++;
		const char *e = strchr(k, '\n');
		size_t len = e ? (size_t)(e - k) : strlen(k);
		if (len && (k[0] == '\001') == mark) {
			const char *t = mark ? k + 1 : k;
			size_t tl = mark ? len - 1 : len;
			if (tl >= n && (suffix ? memcmp(t + tl - n, prefix, n) == 0
					       : memcmp(t, prefix, n) == 0 && (!exact || tl == n)))
				return true;
		}
		k = e;
	}
	return false;
}

/* True when the first line of probe (the trigram text) holds q. */
static bool probe_text_has(const char *probe, const char *q)
{
	const char *e = strchr(probe, '\n'), *hit = strstr(probe, q);
	return hit && (!e || hit + strlen(q) <= e);
}

/* Whether guest id passes every tag filter. */
static enum store_status pass_tags(struct store *st, const struct collector *c, int64_t id,
				   bool *pass)
{
	*pass = true;
	if (!c->tags || !c->tags->n)
		return ST_OK;
	char *probe;
	enum store_status rs = guest_probe(st, id, &probe);
	for (size_t i = 0; rs == ST_OK && i < c->tags->n && *pass; i++)
		*pass = probe_line(probe, c->tags->v[i], false, false, false);
	free(probe);
	return rs;
}

/* Whether the guest whose probe this is is in class k. */
static bool in_class(const struct cls *k, const char *probe)
{
	for (int i = 0; probe && i < k->np; i++) {
		const struct part *p = &k->p[i];
		bool in = false;
		switch (p->kind) {
		case P_KEY_EXACT:
			in = probe_line(probe, p->q, false, true, false);
			break;
		case P_KEY_PREFIX:
			in = probe_line(probe, p->q, false, false, false);
			break;
		case P_PHONE_EXACT:
			in = probe_line(probe, p->q, true, true, false);
			break;
		case P_PHONE_SUFFIX:
			in = probe_line(probe, p->q, true, false, true);
			break;
		case P_TEXT:
			in = probe_text_has(probe, p->q);
			break;
		}
		if (in)
			return true;
	}
	return false;
}

/* Appends id with match m when it is new and passes the tag filters. */
static enum store_status take(struct store *st, struct collector *c, int64_t id, enum search_match m)
{
	if (c->n >= c->want || has(c, id))
		return ST_OK;
	bool pass;
	enum store_status rs = pass_tags(st, c, id, &pass);
	if (rs == ST_OK && pass) {
		c->all[c->n].guest_id = id;
		c->all[c->n].match = m;
		c->n++;
	}
	return rs;
}

struct cand {
	int64_t id;
	char last[11]; /* the last visit, "" none */
};

static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	int r = strcmp(b->last, a->last); /* the most recent first */
	return r ? r : (a->id > b->id) - (a->id < b->id);
}

/* A set of guest ids (0 is no id) for the candidates of one class: open addressing in a table
 * more than twice their number. */
#define IDSET_SIZE 16384 /* > 2 × RANK_CAP */

/* The first slot of id: the top 14 bits of a Fibonacci hash, one for each of IDSET_SIZE (with
 * 12, as before, only a quarter of the table started a run). */
static size_t idset_slot(int64_t id)
{
	return (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ULL >> 50) & (IDSET_SIZE - 1);
}

/* Adds id to set; false when it was there already. */
static bool idset_add(int64_t *set, int64_t id)
{
	size_t h = idset_slot(id);
	while (set[h]) {
		if (set[h] == id)
			return false;
		h = (h + 1) & (IDSET_SIZE - 1);
	}
	set[h] = id;
	return true;
}

/* Whether id is in set. */
static bool idset_has(const int64_t *set, int64_t id)
{
	size_t h = idset_slot(id);
	while (set[h]) {
		if (set[h] == id)
			return true;
		h = (h + 1) & (IDSET_SIZE - 1);
	}
	return false;
}

/* Steps the statement of part p, appending the ids it gives to cand (at most cap, none twice,
 * none already collected); *all tells whether the statement ran to its end. */
static enum store_status candidates(struct store *st, const struct part *p, struct collector *c,
				    struct cand **cand, size_t *n, size_t *capv, size_t cap,
				    int64_t *set, bool *all)
{
	sqlite3_stmt *s = store_prep(st, p->sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, p->a, -1, SQLITE_TRANSIENT);
	if (p->b)
		sqlite3_bind_text(s, 2, p->b, -1, SQLITE_TRANSIENT);
	int rc;
	enum store_status rs = ST_OK;
	*all = false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (has(c, id))
			continue;
		if (*n >= cap)
			break;
		if (!idset_add(set, id))
			continue;
		vec_reserve((void **)cand, *n + 1, capv, sizeof **cand);
		(*cand)[*n].id = id;
		(*cand)[*n].last[0] = '\0';
		(*n)++;
	}
	if (rc == SQLITE_DONE)
		*all = true;
	else if (rc != SQLITE_ROW)
		rs = store_sqlfail(st, rc, "search");
	sqlite3_reset(s);
	return rs;
}

/* Reads the last visit of each of cand[from..n), sorts them (the most recent first, then by
 * id, who never came last) and takes them in that order. */
static enum store_status take_sorted(struct store *st, const struct cls *k, struct collector *c,
				     struct cand *cand, size_t n)
{
	enum store_status rs = ST_OK;
	sqlite3_stmt *s = store_prep(st, last_of);
	if (!s)
		return ST_IO;
	for (size_t i = 0; i < n && rs == ST_OK; i++) {
		sqlite3_bind_int64(s, 1, cand[i].id);
		bool row;
		if ((rs = store_step_maybe(st, s, "search", &row)) == ST_OK && row &&
		    sqlite3_column_text(s, 0))
			snprintf(cand[i].last, sizeof cand[i].last, "%s",
				 (const char *)sqlite3_column_text(s, 0));
		sqlite3_reset(s);
	}
	if (rs == ST_OK && n > 1)
		qsort(cand, n, sizeof *cand, cand_cmp);
	for (size_t i = 0; i < n && rs == ST_OK && c->n < c->want; i++)
		rs = take(st, c, cand[i].id, k->m);
	return rs;
}

/* Steps the walk w (the guests who came, the most recent first), taking those in class k, for
 * at most budget guests (0: no limit); *done when it came to its end. */
static enum store_status walk(struct store *st, sqlite3_stmt *w, const struct cls *k,
			      struct collector *c, size_t budget, bool *done)
{
	enum store_status rs = ST_OK;
	int rc = SQLITE_ROW;
	size_t steps = 0;
	*done = false;
	while (c->n < c->want && rs == ST_OK && (!budget || steps < budget) &&
	       (rc = sqlite3_step(w)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(w, 0);
		steps++;
		if (has(c, id))
			continue;
		const char *probe = (const char *)sqlite3_column_text(w, 1);
		char *read = NULL;
		if (!probe) /* not kept with the visit: read it */
			rs = guest_probe(st, id, &read);
		if (rs == ST_OK && in_class(k, probe ? probe : read))
			rs = take(st, c, id, k->m);
		free(read);
	}
	if (rc == SQLITE_DONE)
		*done = true;
	else if (rc != SQLITE_ROW && rs == ST_OK)
		rs = store_sqlfail(st, rc, "search");
	return rs;
}

/* Walks the guests who came, the most recent first, for at most budget of them, taking those in
 * set (the ids of a class read whole); *done when it came to the end of them. */
static enum store_status walk_set(struct store *st, const struct cls *k, struct collector *c,
				  const int64_t *set, size_t budget, bool *done)
{
	sqlite3_stmt *s = store_prep(st, last_order);
	if (!s)
		return ST_IO;
	enum store_status rs = ST_OK;
	int rc = SQLITE_ROW;
	size_t steps = 0;
	*done = false;
	while (c->n < c->want && rs == ST_OK && steps < budget &&
	       (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		steps++;
		if (idset_has(set, id))
			rs = take(st, c, id, k->m);
	}
	if (rc == SQLITE_DONE)
		*done = true;
	else if (rc != SQLITE_ROW && rs == ST_OK)
		rs = store_sqlfail(st, rc, "search");
	sqlite3_reset(s);
	return rs;
}

/* The guests of class k who never came, in the order of its statements. */
static enum store_status take_unvisited(struct store *st, const struct cls *k, struct collector *c)
{
	enum store_status rs = ST_OK;
	int rc = SQLITE_DONE;
	for (int i = 0; i < k->np && rs == ST_OK && c->n < c->want; i++) {
		const struct part *p = &k->p[i];
		sqlite3_stmt *s = store_prep(st, p->sql), *l;
		if (!s)
			return ST_IO;
		sqlite3_bind_text(s, 1, p->a, -1, SQLITE_TRANSIENT);
		if (p->b)
			sqlite3_bind_text(s, 2, p->b, -1, SQLITE_TRANSIENT);
		while (c->n < c->want && rs == ST_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(s, 0);
			if (has(c, id))
				continue;
			if (!(l = store_prep(st, last_of))) {
				rs = ST_IO;
				break;
			}
			sqlite3_bind_int64(l, 1, id);
			bool came;
			rs = store_step_maybe(st, l, "search", &came);
			sqlite3_reset(l);
			if (rs == ST_OK && !came)
				rs = take(st, c, id, k->m);
		}
		if (rs == ST_OK && c->n < c->want && rc != SQLITE_DONE && rc != SQLITE_ROW)
			rs = store_sqlfail(st, rc, "search");
		sqlite3_reset(s);
	}
	return rs;
}

/* Collects class k: its guests by their last visit (the most recent first, then by id; who
 * never came last). A small class (RANK_FEW) is read whole and sorted. Else the guests who
 * came are walked, the most recent first, each tested against the class by point reads, for
 * RANK_BUDGET of them: a large class fills its page so. When it did not, the class is not
 * large: it is read whole (up to RANK_CAP), and what is left of it, all less recent than where
 * the walk stopped, taken in the order of the guests who came by its ids (walk_set, for
 * RANK_SCAN_MIN of them or more), then sorted; a class larger still is walked on to its end. Those who never
 * came follow in the class's index order. */
static enum store_status run_class(struct store *st, const struct cls *k, struct collector *c)
{
	if (c->n >= c->want || !k->np)
		return ST_OK;
	struct cand *cand = NULL;
	size_t n = 0, capv = 0;
	bool all = true, done = false;
	enum store_status rs = ST_OK;
	int64_t *set = xcalloc(IDSET_SIZE, sizeof *set);
	sqlite3_stmt *w = NULL;
	for (int i = 0; i < k->np && rs == ST_OK && all; i++)
		rs = candidates(st, &k->p[i], c, &cand, &n, &capv, RANK_FEW, set, &all);
	if (rs != ST_OK || all) {
		if (rs == ST_OK)
			rs = take_sorted(st, k, c, cand, n);
		goto out;
	}
	if (!(w = store_prep(st, last_walk))) {
		rs = ST_IO;
		goto out;
	}
	if ((rs = walk(st, w, k, c, RANK_BUDGET, &done)) != ST_OK || c->n >= c->want)
		goto out;
	if (!done) {
		all = true;
		for (int i = 0; i < k->np && rs == ST_OK && all; i++)
			rs = candidates(st, &k->p[i], c, &cand, &n, &capv, RANK_CAP, set, &all);
		if (rs == ST_OK && all) {
			/* those not taken yet: came before where the walk stopped, or never. Many:
			 * taken in the order of the guests who came, as far as that goes (the first
			 * steps again, as the walk above read the probes), then sorted (came after
			 * where this stopped, or never) */
			size_t m = 0;
			for (size_t i = 0; i < n; i++)
				if (!has(c, cand[i].id))
					m++;
			if (m >= RANK_SCAN_MIN) {
				bool end;
				if ((rs = walk_set(st, k, c, set, m * RANK_STEPS, &end)) != ST_OK ||
				    c->n >= c->want)
					goto out;
			}
			m = 0;
			for (size_t i = 0; i < n; i++)
				if (!has(c, cand[i].id))
					cand[m++] = cand[i];
			rs = take_sorted(st, k, c, cand, m);
			goto out;
		}
		if (rs == ST_OK)
			rs = walk(st, w, k, c, 0, &done);
	}
	if (rs == ST_OK)
		rs = take_unvisited(st, k, c);
out:
	if (w)
		sqlite3_reset(w);
	free(set);
	free(cand);
	return rs;
}

static void add_part(struct cls *k, enum part_kind kind, const char *sql, const char *a,
		     const char *b, const char *q)
{
	if (a && k->np < 3)
		k->p[k->np++] = (struct part){kind, sql, a, b, q};
}

/* Upper bound of the range of strings that start with p: p followed by byte 0xFF, which is
 * greater than any byte of UTF-8 text (text compares with memcmp). */
static char *range_end(const char *p)
{
	return xasprintf("%s\xff", p);
}

/* "%q%" for the trigram index, which answers LIKE '%q%' for q of 3+ characters (the table
 * keeps no positions, detail=none, so it is small; FTS5 checks each candidate's text itself).
 * q is folded, so it holds no LIKE wildcard: % _ and \ fold to separators. NULL when q is
 * shorter. */
static char *like_pattern(const char *q)
{
	return text_cp_count(q) >= 3 ? xasprintf("%%%s%%", q) : NULL;
}

/* The FTS5 query of q's one trigram when q is 3 characters long ("sen" → "\"sen\"", a quote
 * doubled), for text_trigram: the same rows as LIKE '%q%', as q and the text are folded alike
 * (text_fold: no capital is left for the tokenizer's case folding, or LIKE's, to match).
 * NULL otherwise. */
static char *trigram_query(const char *q)
{
	if (text_cp_count(q) != 3)
		return NULL;
	struct sbuf b = {0};
	sbuf_addc(&b, '"');
	for (const char *p = q; *p; p++) {
		if (*p == '"')
			sbuf_addc(&b, '"');
		sbuf_addc(&b, *p);
	}
	sbuf_addc(&b, '"');
	return sbuf_detach(&b);
}

/* Adds the substring part of q to k: its trigram (text_trigram) for 3 characters, else LIKE
 * (like, NULL when q is shorter). */
static void add_text_part(struct cls *k, const char *q, const char *like, const char *trigram)
{
	if (trigram)
		add_part(k, P_TEXT, text_trigram, trigram, NULL, q);
	else
		add_part(k, P_TEXT, text_substring, like, NULL, q);
}

/* The digits of a query made only of digits and separators (3 digits at least), as phones are
 * stored (guest_phone_digits: +86 139… is 139…); NULL for any other query. */
static char *phone_query(const char *query)
{
	char *f = text_fold(query);
	size_t nd = 0;
	bool ok = true;
	for (const char *p = f; ok && *p; p++) {
		if (*p >= '0' && *p <= '9')
			nd++;
		else if (*p != ' ')
			ok = false;
	}
	free(f);
	return ok && nd >= 3 ? guest_phone_digits(query) : NULL;
}

/* Splits a query into its tag filters (words starting with # or ＃: keys "#tag") and the rest,
 * words joined by a space. */
static char *split_tags(const char *query, struct strv *tags)
{
	struct sbuf rest = {0};
	sbuf_add(&rest, "");
	const char *p = query;
	while (*p) {
		size_t sp = strspn(p, " \t");
		if (strncmp(p + sp, "\xe3\x80\x80", 3) == 0) /* the ideographic space */
			sp += 3;
		if (sp) {
			p += sp;
			continue;
		}
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t' && strncmp(e, "\xe3\x80\x80", 3) != 0)
			e++;
		size_t hash = *p == '#' ? 1 : strncmp(p, "\xef\xbc\x83", 3) == 0 ? 3 : 0;
		char *word = xstrndup(p + hash, (size_t)(e - p) - hash);
		char *k = hash && *word ? tag_key(word) : NULL;
		if (k && k[1])
			strv_push_unique(tags, k);
		else if (!hash)
			sbuf_printf(&rest, "%s%.*s", rest.len ? " " : "", (int)(e - p), p);
		free(k);
		free(word);
		p = e;
	}
	return sbuf_detach(&rest);
}

enum store_status search_store_find(struct store *st, const char *query, size_t offset,
				    size_t limit, struct search_hit *hits, size_t *n)
{
	enum store_status rs = ST_OK;
	*n = 0;
	if (limit > 1000)
		limit = 1000;
	if (offset > 100000)
		return ST_OK;
	struct strv tags = {0};
	char *rest = split_tags(query, &tags);
	char *q = text_fold(rest), *digits = NULL, *end = NULL, *q2 = NULL, *end2 = NULL,
	     *rev = NULL, *like = NULL, *bigram = NULL, *tq = NULL, *tend = NULL, *tri = NULL;
	struct collector c = {xcalloc(offset + limit + 1, sizeof *c.all), 0, offset + limit, &tags};
	struct cls k[3];
	memset(k, 0, sizeof k);
	k[0].m = MATCH_EXACT, k[1].m = MATCH_PREFIX, k[2].m = MATCH_SUBSTRING;
	if ((!*q && !tags.n) || limit == 0)
		goto out;

	if (!*q) { /* tags alone: the guests who have them */
		tq = xstrdup(tags.v[0]);
		tend = range_end(tq);
		add_part(&k[0], P_KEY_EXACT, key_exact, tq, NULL, tq);
		add_part(&k[1], P_KEY_PREFIX, key_prefix, tq, tend, tq);
	} else if ((digits = phone_query(rest)) != NULL) {
		size_t nd = strlen(digits);
		rev = xstrdup(digits);
		for (size_t i = 0; i < nd; i++)
			rev[i] = digits[nd - 1 - i];
		end = range_end(rev);
		like = like_pattern(digits);
		tri = trigram_query(digits);
		add_part(&k[0], P_PHONE_EXACT, phone_exact, digits, NULL, digits);
		add_part(&k[1], P_PHONE_SUFFIX, phone_suffix, rev, end, digits);
		add_text_part(&k[2], digits, like, tri);
	} else {
		/* "sun xian sheng" also as "sunxiansheng" */
		if (strchr(q, ' ')) {
			struct sbuf b = {0};
			for (const char *p = q; *p; p++)
				if (*p != ' ')
					sbuf_addc(&b, *p);
			q2 = sbuf_detach(&b);
			end2 = range_end(q2);
		}
		end = range_end(q);
		like = like_pattern(q);
		tri = trigram_query(q);
		/* two characters of an employer (中信): its two-character keys */
		if (text_cp_count(q) == 2 && !strchr(q, ' '))
			bigram = xasprintf("@%s", q);
		add_part(&k[0], P_KEY_EXACT, key_exact, q, NULL, q);
		add_part(&k[0], P_KEY_EXACT, key_exact, q2, NULL, q2);
		add_part(&k[1], P_KEY_PREFIX, key_prefix, q, end, q);
		add_part(&k[1], P_KEY_PREFIX, key_prefix, q2, end2, q2);
		add_part(&k[2], P_KEY_EXACT, key_exact, bigram, NULL, bigram);
		add_text_part(&k[2], q, like, tri);
	}

	/* read everything from one snapshot */
	if ((rs = store_exec(st, "SAVEPOINT search")) != ST_OK)
		goto out;
	for (int i = 0; i < 3 && rs == ST_OK; i++)
		rs = run_class(st, &k[i], &c);
	store_release(st, "search");
	if (rs == ST_OK && c.n > offset) {
		*n = c.n - offset;
		memcpy(hits, c.all + offset, *n * sizeof *hits);
	}
out:
	free(rest);
	free(q);
	free(q2);
	free(end);
	free(end2);
	free(rev);
	free(like);
	free(tri);
	free(bigram);
	free(tq);
	free(tend);
	free(digits);
	strv_free(&tags);
	free(c.all);
	return rs;
}

enum store_status search_store_rebuild(struct store *st)
{
	enum store_status rs = store_exec(st, "DELETE FROM search_key; DELETE FROM search_text;"
					      "DELETE FROM search_probe;"
					      "CREATE TEMP TABLE rebuild_key(key TEXT, guest_id INTEGER)");
	sqlite3_stmt *s = rs == ST_OK ? store_prep(st, "SELECT id FROM guest ORDER BY id") : NULL;
	if (!s)
		return rs != ST_OK ? rs : ST_IO;
	/* the ids first: the statement is not stepped while guests are read */
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&ids, n + 1, &cap, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE)
		rs = store_sqlfail(st, rc, "search keys");
	sqlite3_reset(s);
	for (size_t i = 0; i < n && rs == ST_OK; i++) {
		struct guest g;
		guest_init(&g);
		if ((rs = guest_store_get(st, ids[i], &g)) == ST_OK)
			rs = index_guest(st, &g, NULL, rebuild_ins);
		guest_free(&g);
	}
	free(ids);
	if (rs == ST_OK)
		rs = store_exec(st, "INSERT OR IGNORE INTO search_key SELECT key, guest_id FROM "
				    "temp.rebuild_key ORDER BY key, guest_id");
	enum store_status drop = store_exec(st, "DROP TABLE temp.rebuild_key");
	return rs != ST_OK ? rs : drop;
}

/* Whether two probes hold the same lines, in any order after the first (the text): a guest's
 * tags and phones are read back in another order than they were written in. */
static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void split_lines(struct strv *out, const char *s)
{
	for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1)
		strv_take(out, xasprintf("%.*s", (int)(nl - s), s));
	strv_push(out, s);
}

static bool same_probe(const char *a, const char *b)
{
	struct strv la = {0}, lb = {0};
	split_lines(&la, a);
	split_lines(&lb, b ? b : "");
	bool same = la.n == lb.n && la.n > 0 && strcmp(la.v[0], lb.v[0]) == 0;
	if (same) {
		qsort(la.v + 1, la.n - 1, sizeof *la.v, cmp_line);
		qsort(lb.v + 1, lb.n - 1, sizeof *lb.v, cmp_line);
		for (size_t i = 1; same && i < la.n; i++)
			same = strcmp(la.v[i], lb.v[i]) == 0;
	}
	strv_free(&la);
	strv_free(&lb);
	return same;
}

/* Stages what the index should hold for guest g: its keys in temp.doctor_key, its trigram text
 * (NULL for none) in temp.doctor_sheet; compares its probe with the one stored (*wrong). */
static enum store_status stage_expected(struct store *st, const struct guest *g, bool *wrong)
{
	struct strv keys = {0};
	struct sbuf text = {0};
	sheet_keys(g, &keys, &text);
	enum store_status rs =
		apply_keys(st, "INSERT INTO temp.doctor_key(key, guest_id) VALUES (?1, ?2)", g->id,
			   &keys, NULL);
	sqlite3_stmt *s = rs == ST_OK ? store_prep(st, "INSERT INTO temp.doctor_sheet(guest_id, "
							"text) VALUES (?1, ?2)")
				      : NULL;
	if (rs == ST_OK && !s)
		rs = ST_IO;
	if (s) {
		sqlite3_bind_int64(s, 1, g->id);
		if (text.len)
			sqlite3_bind_text(s, 2, text.s, (int)text.len, SQLITE_STATIC);
		rs = store_step_done(st, s, "search check");
	}
	char *probe = probe_of(g, text.s, &keys);
	bool row = false;
	s = rs == ST_OK ? store_prep(st, probe_of_guest) : NULL;
	if (rs == ST_OK && !s)
		rs = ST_IO;
	if (s) {
		sqlite3_bind_int64(s, 1, g->id);
		rs = store_step_maybe(st, s, "search check", &row);
		*wrong = rs == ST_OK &&
			 (!row || !same_probe(probe, (const char *)sqlite3_column_text(s, 0)));
		sqlite3_reset(s);
	}
	free(probe);
	strv_free(&keys);
	sbuf_free(&text);
	return rs;
}

enum store_status search_store_check(struct store *st, struct search_check *out)
{
	memset(out, 0, sizeof *out);
	enum store_status rs = store_exec(
		st, "CREATE TEMP TABLE doctor_key(key TEXT, guest_id INTEGER);"
		    "CREATE TEMP TABLE doctor_sheet(guest_id INTEGER PRIMARY KEY, text TEXT)");
	if (rs != ST_OK)
		return rs;
	/* a guest merged into another has no keys: the lookup finds the one it became */
	sqlite3_stmt *s =
		store_prep(st, "SELECT id FROM guest WHERE merged_into IS NULL ORDER BY id");
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = SQLITE_DONE;
	while (s && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		vec_reserve((void **)&ids, n + 1, &cap, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	if (!s)
		rs = ST_IO;
	else if (rc != SQLITE_DONE)
		rs = store_sqlfail(st, rc, "search check");
	if (s)
		sqlite3_reset(s);
	for (size_t i = 0; i < n && rs == ST_OK; i++) {
		struct guest g;
		guest_init(&g);
		bool wrong = false;
		if ((rs = guest_store_get(st, ids[i], &g)) == ST_OK)
			rs = stage_expected(st, &g, &wrong);
		out->probes_wrong += wrong;
		guest_free(&g);
	}
	free(ids);
	out->guests = (int64_t)n;
	static const char *const q[4] = {
		"SELECT count(*) FROM (SELECT key, guest_id FROM temp.doctor_key EXCEPT "
		"SELECT key, guest_id FROM main.search_key)",
		"SELECT count(*) FROM (SELECT key, guest_id FROM main.search_key EXCEPT "
		"SELECT key, guest_id FROM temp.doctor_key)",
		"SELECT (SELECT count(*) FROM temp.doctor_sheet d WHERE d.text IS NOT "
		"(SELECT t.text FROM main.search_text t WHERE t.rowid = d.guest_id)) + "
		"(SELECT count(*) FROM main.search_text WHERE rowid NOT IN "
		"(SELECT guest_id FROM temp.doctor_sheet))",
		"SELECT count(*) FROM main.search_probe WHERE guest_id NOT IN "
		"(SELECT guest_id FROM temp.doctor_sheet)",
	};
	int64_t extra_probes = 0;
	int64_t *to[4] = {&out->keys_missing, &out->keys_extra, &out->texts_wrong, &extra_probes};
	for (int i = 0; i < 4 && rs == ST_OK; i++)
		rs = store_count(st, q[i], "search check", to[i]);
	out->probes_wrong += extra_probes;
	struct error first = st->err; /* a failure is told, not the failure to clean up after it */
	enum store_status drop =
		store_exec(st, "DROP TABLE temp.doctor_key; DROP TABLE temp.doctor_sheet");
	if (rs != ST_OK)
		st->err = first;
	return rs != ST_OK ? rs : drop;
}

/* The first column of the one row of sql for guest id into *out (NULL when there is none). */
static enum store_status join_column(struct store *st, const char *sql, int64_t id, char **out)
{
	*out = NULL;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "summary", &row);
	if (rs == ST_OK && row)
		*out = store_col_text(s, 0);
	sqlite3_reset(s);
	return rs;
}

/* The rows (text, rank) of sql for guest id joined with ", " into *out, rank 0 first, each
 * rank in the order read (the guest's own before their people's); NULL when there are none.
 * A failed read is an error, never "none": this is what a guest must not be served. */
static enum store_status safety_column(struct store *st, const char *sql, int64_t id, char **out)
{
	*out = NULL;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	struct strv text = {0};
	int *ranks = NULL;
	size_t cap = 0;
	bool row;
	enum store_status rs;
	while ((rs = store_step_maybe(st, s, "allergies and taboos", &row)) == ST_OK && row) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		vec_reserve((void **)&ranks, text.n + 1, &cap, sizeof *ranks);
		strv_push(&text, t ? t : "");
		ranks[text.n - 1] = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	struct sbuf b = {0};
	for (int r = 0; rs == ST_OK && r <= 4; r++)
		for (size_t i = 0; i < text.n; i++)
			if (ranks[i] == r)
				sbuf_printf(&b, "%s%s", b.len ? ", " : "", text.v[i]);
	strv_free(&text);
	free(ranks);
	if (b.len)
		*out = sbuf_detach(&b);
	else
		sbuf_free(&b);
	return rs;
}

/* The last four digits of d into out. */
static void last4(const char *d, char out[5])
{
	size_t n = strlen(d);
	snprintf(out, 5, "%s", d + (n > 4 ? n - 4 : 0));
}

/* The first phone of a summary's list into s->phone4. */
static void first_phone(struct guest_summary *s)
{
	s->phone4[0] = '\0';
	if (!s->phones)
		return;
	const char *e = strstr(s->phones, ", ");
	char *one = e ? xstrndup(s->phones, (size_t)(e - s->phones)) : xstrdup(s->phones);
	char *d = guest_phone_digits(one);
	last4(d, s->phone4);
	free(one);
	free(d);
}

/* Reads the summary of guest id into o (zeroed first). */
static enum store_status summary_of(struct store *st, int64_t id, const char *month,
				    struct guest_summary *o)
{
	memset(o, 0, sizeof *o);
	o->id = id;
	char *lv = NULL, *lc = NULL;
	enum store_status rs;
	sqlite3_stmt *s = store_prep(st, sum_guest);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, id);
	bool row;
	if ((rs = store_step_maybe(st, s, "summary", &row)) == ST_OK && row) {
		o->name = store_col_text(s, 0);
		o->employer = store_col_text(s, 1);
	}
	sqlite3_reset(s);
	if (rs == ST_OK)
		rs = join_column(st, sum_phones, id, &o->phones);
	if (rs == ST_OK)
		first_phone(o);
	if (rs == ST_OK)
		rs = safety_column(st, sum_allergies, id, &o->allergies);
	if (rs == ST_OK)
		rs = safety_column(st, sum_taboos, id, &o->taboos);
	if (rs == ST_OK)
		rs = join_column(st, sum_last_visit, id, &lv);
	if (rs == ST_OK)
		rs = join_column(st, sum_complaint, id, &lc);
	snprintf(o->last_visit, sizeof o->last_visit, "%s", lv ? lv : "");
	snprintf(o->last_complaint, sizeof o->last_complaint, "%s", lc ? lc : "");
	free(lv);
	free(lc);
	if (rs != ST_OK || !(s = store_prep(st, sum_tier)))
		return rs != ST_OK ? rs : ST_IO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, month ? month : "9999-12", -1, SQLITE_TRANSIENT);
	if ((rs = store_step_maybe(st, s, "summary", &row)) == ST_OK && row) {
		const unsigned char *t = sqlite3_column_text(s, 0), *gp = sqlite3_column_text(s, 1);
		snprintf(o->tier, sizeof o->tier, "%s", t ? (const char *)t : "");
		snprintf(o->grp, sizeof o->grp, "%s", gp ? (const char *)gp : "");
	}
	sqlite3_reset(s);
	return rs;
}

enum store_status search_store_summaries(struct store *st, const int64_t *ids, size_t n,
					 const char *month, struct guest_summary *out)
{
	enum store_status rs = ST_OK;
	if ((rs = store_exec(st, "SAVEPOINT summaries")) != ST_OK)
		return rs;
	size_t i = 0;
	for (; i < n && rs == ST_OK; i++)
		rs = summary_of(st, ids[i], month, &out[i]);
	store_release(st, "summaries");
	if (rs != ST_OK) /* nothing half-read is handed back */
		for (size_t k = 0; k < i; k++)
			guest_summary_free(&out[k]);
	return rs;
}

void search_summary_phone(struct guest_summary *s, const char *query)
{
	char *q = phone_query(query);
	for (const char *p = s->phones; q && p && *p;) {
		const char *e = strstr(p, ", ");
		char *one = e ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
		char *d = guest_phone_digits(one);
		bool hit = strstr(d, q) != NULL;
		if (hit)
			last4(d, s->phone4);
		free(one);
		free(d);
		if (hit)
			break;
		p = e ? e + 2 : NULL;
	}
	free(q);
}

void guest_summary_free(struct guest_summary *s)
{
	free(s->name);
	free(s->phones);
	free(s->allergies);
	free(s->taboos);
	free(s->employer);
	memset(s, 0, sizeof *s);
}

enum store_status search_store_explain(struct store *st, struct strv *out)
{
	static const char *const all[] = {key_exact,     key_prefix,    phone_exact,
					  phone_suffix,  text_substring, text_trigram,
					  sum_guest,
					  sum_phones,    sum_allergies, sum_taboos,
					  sum_last_visit, sum_tier,     sum_complaint,
					  last_of,       last_walk,     last_order,
					  probe_of_guest};
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < sizeof all / sizeof all[0] && rs == ST_OK; i++)
		rs = store_explain(st, NULL, all[i], out);
	return rs;
}
