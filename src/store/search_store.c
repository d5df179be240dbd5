#include "store/search_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/text.h"
#include "store/store_int.h"

static bool has_han(const char *s)
{
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		if (text_is_han(cp))
			return true;
		s += k, n -= k;
	}
	return false;
}

/* The full name: family + given (孙建国), or "given family" for Latin names; NULL unless both
 * are known (a family name alone is not a name the guest is found by exactly). */
static char *full_name(const struct guest *g)
{
	const char *fam = g->f[GF_FAMILY_NAME], *giv = g->f[GF_GIVEN_NAME];
	if (!fam || !giv)
		return NULL;
	if (has_han(fam) || has_han(giv))
		return xasprintf("%s%s", fam, giv);
	return xasprintf("%s %s", giv, fam);
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
	if (joined)
		strv_push_unique(keys, joined);
	free(joined);
}

/* Name keys of one folded name: the whole name and each word-suffix ("o brien smith",
 * "brien smith", "smith") so that any word's prefix finds it. */
static void name_keys(const char *folded, struct strv *keys)
{
	if (!folded || !*folded)
		return;
	add_key(keys, folded);
	for (const char *p = folded; (p = strchr(p, ' ')) != NULL;)
		add_key(keys, ++p);
}

/* Every search key of a sheet: name keys, pinyin, initials (one set), and the text the trigram
 * index holds (names, employer, phone digits). An anonymised guest has none.
 * An update removes the keys that this function derives from the old sheet, so a change to
 * how keys are derived needs a migration that rebuilds search_key and search_text. */
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
		if (f && *f)
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
	if (g->f[GF_EMPLOYER]) {
		char *f = text_fold(g->f[GF_EMPLOYER]);
		sbuf_printf(text, " %s", f ? f : "");
		free(f);
	}
	for (size_t i = 0; i < g->phones.n; i++) {
		char *d = text_digits(g->phones.v[i].number);
		sbuf_printf(text, " %s", d ? d : "");
		free(d);
	}
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

enum store_status search_store_index(struct store *st, const struct guest *g,
				     const struct guest *old)
{
	static const char *ins = "INSERT OR IGNORE INTO search_key(key, guest_id) VALUES (?1, ?2)";
	static const char *del = "DELETE FROM search_key WHERE key = ?1 AND guest_id = ?2";
	enum store_status rs;
	struct strv keys = {0}, old_keys = {0};
	struct sbuf text = {0}, old_text = {0};
	sheet_keys(g, &keys, &text);
	if (old)
		sheet_keys(old, &old_keys, &old_text);
	if (text.oom || old_text.oom) {
		rs = store_fail(st, ST_IO, "out of memory");
		goto out;
	}
	if ((rs = apply_keys(st, del, g->id, &old_keys, &keys)) != ST_OK ||
	    (rs = apply_keys(st, old || !st->bulk_active ? ins : NULL, g->id, &keys,
			     old ? &old_keys : NULL)) != ST_OK)
		goto out;
	if (old && strcmp(text.s, old_text.s) == 0)
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
		rs = store_step_done(st, s, "search text");
	}
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
static const char phone_exact[] = "SELECT guest_id FROM phone WHERE digits = ?1 ORDER BY guest_id";
static const char phone_suffix[] = "SELECT guest_id FROM phone WHERE digits_rev > ?1 AND "
				   "digits_rev < ?2 ORDER BY digits_rev, guest_id";
static const char text_substring[] =
	"SELECT rowid FROM search_text WHERE text LIKE ?1 ORDER BY rowid";
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

/* Collects hits while stepping s: each new guest id (not yet among hits) is appended with
 * match m until want hits are there. Stepping is lazy: SQLite reads no further than needed. */
struct collector {
	struct search_hit *all;
	size_t n, want;
};

static enum store_status collect(struct store *st, sqlite3_stmt *s, struct collector *c,
				 enum search_match m)
{
	int rc = SQLITE_DONE;
	while (c->n < c->want && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		bool seen = false;
		for (size_t i = 0; i < c->n && !seen; i++)
			seen = c->all[i].guest_id == id;
		if (!seen) {
			c->all[c->n].guest_id = id;
			c->all[c->n].match = m;
			c->n++;
		}
	}
	if (c->n < c->want && rc != SQLITE_DONE) {
		sqlite3_reset(s);
		return store_sqlfail(st, rc, "search");
	}
	sqlite3_reset(s);
	return ST_OK;
}

static enum store_status run_text(struct store *st, const char *sql, const char *a, const char *b,
				  struct collector *c, enum search_match m)
{
	if (c->n >= c->want)
		return ST_OK;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
	if (b)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
	return collect(st, s, c, m);
}

/* Upper bound of the range of strings that start with p: p followed by byte 0xFF, which is
 * greater than any byte of UTF-8 text (text compares with memcmp). */
static char *range_end(const char *p)
{
	return xasprintf("%s\xff", p);
}

/* Substrings of 3+ characters: the trigram index answers LIKE '%q%' (the table keeps no
 * positions, detail=none, so it is small; FTS5 checks each candidate's text itself). q is
 * folded, so it holds no LIKE wildcard: % _ and \ fold to separators. */
static enum store_status fts(struct store *st, const char *q, struct collector *c)
{
	const char *sql = text_substring;
	if (text_cp_count(q) < 3 || c->n >= c->want)
		return ST_OK;
	struct sbuf b = {0};
	sbuf_addc(&b, '%');
	sbuf_add(&b, q);
	sbuf_addc(&b, '%');
	char *pattern = sbuf_detach(&b);
	if (!pattern)
		return store_fail(st, ST_IO, "out of memory");
	enum store_status rs = run_text(st, sql, pattern, NULL, c, MATCH_SUBSTRING);
	free(pattern);
	return rs;
}

static bool is_phone_query(const char *q, char **digits)
{
	size_t nd = 0;
	for (const char *p = q; *p; p++) {
		if (*p >= '0' && *p <= '9')
			nd++;
		else if (!strchr(" -+().", *p))
			return false;
	}
	if (nd < 3)
		return false;
	*digits = text_digits(q);
	return *digits != NULL;
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
	char *q = text_fold(query), *digits = NULL, *end = NULL, *q2 = NULL, *end2 = NULL;
	struct collector c = {calloc(offset + limit + 1, sizeof *c.all), 0, offset + limit};
	if (!q || !c.all) {
		rs = store_fail(st, ST_IO, "out of memory");
		goto out;
	}
	if (!*q || limit == 0)
		goto out;

	/* read everything from one snapshot */
	if ((rs = store_exec(st, "SAVEPOINT search")) != ST_OK)
		goto out;
	if (is_phone_query(query, &digits)) {
		size_t nd = strlen(digits);
		char *rev = strdup(digits);
		if (!rev) {
			rs = store_fail(st, ST_IO, "out of memory");
			goto release;
		}
		for (size_t i = 0; i < nd; i++)
			rev[i] = digits[nd - 1 - i];
		end = range_end(rev);
		if ((rs = run_text(st, phone_exact, digits, NULL, &c, MATCH_EXACT)) == ST_OK &&
		    (rs = run_text(st, phone_suffix, rev, end, &c, MATCH_PREFIX)) == ST_OK)
			rs = fts(st, digits, &c);
		free(rev);
	} else {
		/* "sun xian sheng" also as "sunxiansheng" */
		if (strchr(q, ' ')) {
			struct sbuf b = {0};
			for (const char *p = q; *p; p++)
				if (*p != ' ')
					sbuf_addc(&b, *p);
			q2 = sbuf_detach(&b);
			end2 = q2 ? range_end(q2) : NULL;
		}
		end = range_end(q);
		if (!end || (q2 && !end2)) {
			rs = store_fail(st, ST_IO, "out of memory");
			goto release;
		}
		if ((rs = run_text(st, key_exact, q, NULL, &c, MATCH_EXACT)) == ST_OK &&
		    (!q2 || (rs = run_text(st, key_exact, q2, NULL, &c, MATCH_EXACT)) == ST_OK) &&
		    (rs = run_text(st, key_prefix, q, end, &c, MATCH_PREFIX)) == ST_OK &&
		    (!q2 || (rs = run_text(st, key_prefix, q2, end2, &c, MATCH_PREFIX)) == ST_OK))
			rs = fts(st, q, &c);
	}
release:
	store_exec(st, "RELEASE search");
	if (rs == ST_OK && c.n > offset) {
		*n = c.n - offset;
		memcpy(hits, c.all + offset, *n * sizeof *hits);
	}
out:
	free(q);
	free(q2);
	free(end);
	free(end2);
	free(digits);
	free(c.all);
	return rs;
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
		if (!vec_reserve((void **)&ranks, text.n + 1, &cap, sizeof *ranks) ||
		    strv_push(&text, t ? t : "") < 0) {
			rs = store_fail(st, ST_IO, "out of memory");
			break;
		}
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
	store_exec(st, "RELEASE summaries");
	if (rs != ST_OK) /* nothing half-read is handed back */
		for (size_t k = 0; k < i; k++)
			guest_summary_free(&out[k]);
	return rs;
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
					  phone_suffix,  text_substring, sum_guest,
					  sum_phones,    sum_allergies, sum_taboos,
					  sum_last_visit, sum_tier,     sum_complaint};
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < sizeof all / sizeof all[0] && rs == ST_OK; i++)
		rs = store_explain(st, NULL, all[i], out);
	return rs;
}
