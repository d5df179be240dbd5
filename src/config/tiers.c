/* tiers.c — tiers.yaml → struct tier_rules, through libyaml's document API (each node keeps
 * its line and column). Everything is checked into a fresh struct; the caller's struct is only
 * replaced when the whole file is right. Money is parsed exactly (money_parse), never through
 * floating point. */
#include "config/tiers.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "config/paths.h"
#include "config/yamldoc.h"
#include "core/guest.h"
#include "core/money.h"
#include "core/text.h"

#define TIERS_MAX_BYTES (1024 * 1024)

/* Upper bounds of counts: beyond them a value is surely a typing mistake. */
enum {
	MAX_MONTHS = 120,
	MAX_DAYS = 3660,
	MAX_HOURS = 8784,
	MAX_PERCENT = 100,
};
#define MAX_VISITS 1000.0 /* average visits per month */
#define MAX_FACTOR 10.0   /* yellow_factor */

/* One diagnostic, kept until all are sorted by their place in the text. */
struct diag {
	int line, col; /* 1-based; 0: the whole file */
	bool warning;
	size_t seq;
	char *msg;
};

struct loader {
	const char *name;
	const char *text;
	size_t len;
	yaml_document_t doc;
	struct tier_rules r; /* the fresh rules being filled */
	struct diag *d;
	size_t nd, capd;
	size_t nerrors;
	bool oom;
};

/* A key of a mapping that the loader knows: get_fields sets val (NULL when absent) and mark
 * (where the key stands). */
struct field {
	const char *key;
	yaml_node_t *val;
	yaml_mark_t mark;
};

/* ------------------------------------------------------------------------------------------ */
/* diagnostics */

static void vdiag(struct loader *L, int line, int col, bool warning, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static void vdiag(struct loader *L, int line, int col, bool warning, const char *fmt, va_list ap)
{
	if (!warning)
		L->nerrors++;
	if (L->nd == L->capd) {
		size_t cap = L->capd ? L->capd * 2 : 16;
		struct diag *d = realloc(L->d, cap * sizeof *d);
		if (!d) {
			L->oom = true;
			return;
		}
		L->d = d;
		L->capd = cap;
	}
	char buf[512];
	vsnprintf(buf, sizeof buf, fmt, ap);
	char *msg = strdup(buf);
	if (!msg) {
		L->oom = true;
		return;
	}
	L->d[L->nd] = (struct diag){line, col, warning, L->nd, msg};
	L->nd++;
}

static void err_at(struct loader *L, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn_at(struct loader *L, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void err_line(struct loader *L, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void err_at(struct loader *L, yaml_mark_t m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(L, (int)m.line + 1, (int)m.column + 1, false, fmt, ap);
	va_end(ap);
}

static void warn_at(struct loader *L, yaml_mark_t m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(L, (int)m.line + 1, (int)m.column + 1, true, fmt, ap);
	va_end(ap);
}

static void err_line(struct loader *L, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(L, line, col, false, fmt, ap);
	va_end(ap);
}

static int diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the diagnostics by place and appends them, formatted, to errors and warnings. */
static void flush_diags(struct loader *L, struct strv *errors, struct strv *warnings)
{
	if (L->nd)
		qsort(L->d, L->nd, sizeof *L->d, diag_cmp);
	for (size_t i = 0; i < L->nd; i++) {
		struct diag *d = &L->d[i];
		struct strv *to = d->warning ? warnings : errors;
		if (to &&
		    strv_take(to, d->line ? xasprintf("%s:%d:%d: %s%s", L->name, d->line, d->col,
		                                      d->warning ? "warning: " : "", d->msg)
		                          : xasprintf("%s: %s", L->name, d->msg)) < 0)
			L->oom = true;
	}
	if (L->oom && errors)
		strv_take(errors, xasprintf("%s: out of memory", L->name));
}

/* ------------------------------------------------------------------------------------------ */
/* nodes and values */

static yaml_node_t *node(struct loader *L, int id)
{
	return yaml_document_get_node(&L->doc, id);
}

/* The text of scalar n, or NULL after the error "KEY: must be WANT, got ...". */
static const char *scalar_of(struct loader *L, const yaml_node_t *n, const char *key,
                             const char *want)
{
	char buf[160];
	if (n->type != YAML_SCALAR_NODE) {
		err_at(L, n->start_mark, "%s: must be %s, got %s", key, want,
		       yamldoc_shown(n, buf, sizeof buf));
		return NULL;
	}
	if (strlen(yamldoc_text(n)) != n->data.scalar.length) {
		err_at(L, n->start_mark, "%s: must not contain a NUL character", key);
		return NULL;
	}
	return yamldoc_text(n);
}

/* True when s is a run of ASCII digits, with one decimal point inside when decimals is set. */
static bool is_number(const char *s, bool decimals)
{
	bool digit = false, dot = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (*s == '.' && decimals && !dot && digit && s[1])
			dot = true;
		else
			return false;
	}
	return digit;
}

/* An amount in yuan ("5000", "5000.50") into fen. */
static bool get_money(struct loader *L, const yaml_node_t *n, const char *key, int64_t *out)
{
	char buf[160];
	int64_t v;
	const char *s = scalar_of(L, n, key, "an amount in yuan");
	if (!s)
		return false;
	if (s[0] == '-' && money_parse(s + 1, &v)) {
		err_at(L, n->start_mark, "%s: must not be negative, got %s", key,
		       yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	if (!money_parse(s, &v)) {
		err_at(L, n->start_mark, "%s: must be an amount in yuan (5000 or 5000.50), got %s",
		       key, yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	*out = v;
	return true;
}

/* A number ≥ 0 and ≤ max, decimals allowed ("6", "1.5"); not money. */
static bool get_decimal(struct loader *L, const yaml_node_t *n, const char *key, double max,
                        double *out)
{
	char buf[160];
	const char *s = scalar_of(L, n, key, "a number");
	if (!s)
		return false;
	if (s[0] == '-' && is_number(s + 1, true)) {
		err_at(L, n->start_mark, "%s: must not be negative, got %s", key,
		       yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	if (!is_number(s, true)) {
		err_at(L, n->start_mark, "%s: must be a number, got %s", key,
		       yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	double v = strtod(s, NULL);
	if (v > max) {
		err_at(L, n->start_mark, "%s: must be at most %g, got %s", key, max,
		       yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	*out = v;
	return true;
}

/* A whole number in [min, max]. */
static bool get_int(struct loader *L, const yaml_node_t *n, const char *key, int min, int max,
                    int *out)
{
	char buf[160];
	const char *s = scalar_of(L, n, key, "a whole number");
	if (!s)
		return false;
	if (s[0] == '-' && is_number(s + 1, false)) {
		err_at(L, n->start_mark, "%s: must not be negative, got %s", key,
		       yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	if (!is_number(s, false)) {
		err_at(L, n->start_mark, "%s: must be a whole number, got %s", key,
		       yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	long v = strlen(s) > 9 ? (long)max + 1 : strtol(s, NULL, 10);
	if (v < min || v > max) {
		err_at(L, n->start_mark, "%s: must be %s %d, got %s", key,
		       v < min ? "at least" : "at most", v < min ? min : max,
		       yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	*out = (int)v;
	return true;
}

static bool get_bool(struct loader *L, const yaml_node_t *n, const char *key, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no",
	                                                                       "off"};
	char buf[160];
	const char *s = scalar_of(L, n, key, "true or false");
	if (!s)
		return false;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
			*out = strcasecmp(s, yes[i]) == 0;
			return true;
		}
	}
	err_at(L, n->start_mark, "%s: must be true or false, got %s", key,
	       yamldoc_shown(n, buf, sizeof buf));
	return false;
}

/* A string of at most size - 1 bytes into buf; empty only when allow_empty. */
static bool get_str(struct loader *L, const yaml_node_t *n, const char *key, char *buf, size_t size,
                    bool allow_empty)
{
	char b[160];
	const char *s = scalar_of(L, n, key, "a word or a phrase");
	if (!s)
		return false;
	if (!*s && !allow_empty) {
		err_at(L, n->start_mark, "%s: must not be empty", key);
		return false;
	}
	if (strlen(s) >= size) {
		err_at(L, n->start_mark, "%s: too long (at most %zu bytes), got %s", key, size - 1,
		       yamldoc_shown(n, b, sizeof b));
		return false;
	}
	if (text_has_controls(s)) {
		err_at(L, n->start_mark, "%s: must not contain control characters, got %s", key,
		       yamldoc_shown(n, b, sizeof b));
		return false;
	}
	memcpy(buf, s, strlen(s) + 1);
	return true;
}

/* The items of a list (or a single value, as a list of one) as scalar nodes: calls fn on each.
 * Returns false when n or an item is not a scalar (after an error), or when fn returns false. */
static bool each_item(struct loader *L, yaml_node_t *n, const char *key,
                      bool (*fn)(struct loader *L, yaml_node_t *item, const char *key, void *ctx),
                      void *ctx)
{
	if (n->type == YAML_SCALAR_NODE)
		return fn(L, n, key, ctx);
	if (n->type != YAML_SEQUENCE_NODE) {
		char buf[160];
		err_at(L, n->start_mark, "%s: must be a list ([a, b]), got %s", key,
		       yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	bool ok = true;
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *item = node(L, *it);
		if (!item || !scalar_of(L, item, key, "a word or a phrase"))
			ok = false;
		else if (!fn(L, item, key, ctx))
			ok = false;
	}
	return ok;
}

/* Whether pair k of mapping n repeats the key of an earlier pair (after an error). */
static bool duplicate_key(struct loader *L, yaml_node_t *n, yaml_node_pair_t *k)
{
	yaml_node_t *key = node(L, k->key), *prev = yamldoc_earlier_key(&L->doc, n, k);
	if (!prev)
		return false;
	char buf[160];
	err_at(L, key->start_mark, "duplicate key %s (first at line %d)", yamldoc_shown(key, buf, sizeof buf),
	       (int)prev->start_mark.line + 1);
	return true;
}

/* The key node of pair p when it is a scalar; NULL after an error otherwise. */
static yaml_node_t *pair_key(struct loader *L, yaml_node_pair_t *p)
{
	yaml_node_t *key = node(L, p->key);
	if (key && key->type == YAML_SCALAR_NODE)
		return key;
	if (key)
		err_at(L, key->start_mark, "a key must be a word, not a list or a mapping");
	return NULL;
}

/* Fills f (nf known keys) from mapping n: what names the mapping in messages. An unknown key is a
 * warning; a key given twice is an error and its first value is kept. Returns false, after an
 * error, when n is not a mapping. */
static bool get_fields(struct loader *L, yaml_node_t *n, const char *what, struct field *f,
                       size_t nf)
{
	char buf[160];
	if (n->type != YAML_MAPPING_NODE) {
		err_at(L, n->start_mark, "%s: must be a mapping (KEY: VALUE lines), got %s", what,
		       yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *key = pair_key(L, p);
		if (!key || duplicate_key(L, n, p))
			continue;
		size_t i = 0;
		while (i < nf && strcmp(f[i].key, yamldoc_text(key)) != 0)
			i++;
		if (i == nf) {
			warn_at(L, key->start_mark, "unknown key %s", yamldoc_shown(key, buf, sizeof buf));
			continue;
		}
		f[i].val = node(L, p->value);
		f[i].mark = key->start_mark;
	}
	return true;
}

/* ------------------------------------------------------------------------------------------ */
/* rules */

static bool add_criterion(struct loader *L, yaml_node_t *item, const char *key, void *ctx)
{
	unsigned *req = ctx;
	unsigned c = tier_criterion_from_name(yamldoc_text(item));
	char buf[160];
	if (!c) {
		err_at(L, item->start_mark,
		       "%s: unknown criterion %s (the criteria are visits, spend and per_capita)",
		       key, yamldoc_shown(item, buf, sizeof buf));
		return false;
	}
	if (*req & c) {
		err_at(L, item->start_mark, "%s: %s is named twice", key,
		       yamldoc_shown(item, buf, sizeof buf));
		return false;
	}
	*req |= c;
	return true;
}

/* A rule's label for messages: "A quality", or "A". */
static void rule_label(const struct tier_rule *ru, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", ru->tier, ru->group[0] ? " " : "", ru->group);
}

/* Loads rule number no (1-based) from n into ru. Returns true when it had no error. */
static bool load_rule(struct loader *L, yaml_node_t *n, int no, struct tier_rule *ru)
{
	enum { R_TIER, R_GROUP, R_VISITS, R_SPEND, R_PER_CAPITA, R_REQUIRES, R_N };
	struct field f[R_N] = {{.key = "tier"},  {.key = "group"},      {.key = "visits"},
	                       {.key = "spend"}, {.key = "per_capita"}, {.key = "requires"}};
	static const unsigned crit_of[R_N] = {0, 0, CRIT_VISITS, CRIT_SPEND, CRIT_PER_CAPITA, 0};
	size_t before = L->nerrors;
	char what[32];

	snprintf(what, sizeof what, "rule %d", no);
	ru->line = (int)n->start_mark.line + 1;
	ru->column = (int)n->start_mark.column + 1;
	ru->requires = CRIT_ALL;
	if (!get_fields(L, n, what, f, R_N))
		return false;
	if (!f[R_TIER].val)
		err_at(L, n->start_mark, "%s: missing key \"tier\"", what);
	else
		get_str(L, f[R_TIER].val, "tier", ru->tier, sizeof ru->tier, false);
	if (f[R_GROUP].val)
		get_str(L, f[R_GROUP].val, "group", ru->group, sizeof ru->group, true);
	bool req_ok = true;
	if (f[R_REQUIRES].val) {
		unsigned req = 0;
		req_ok = each_item(L, f[R_REQUIRES].val, "requires", add_criterion, &req);
		if (req_ok && !req) {
			err_at(L, f[R_REQUIRES].val->start_mark,
			       "requires: must name at least one of visits, spend and per_capita");
			req_ok = false;
		}
		if (req_ok)
		ru->requires = req;
	}
	if (f[R_VISITS].val)
		get_decimal(L, f[R_VISITS].val, "visits", MAX_VISITS, &ru->min_visits);
	if (f[R_SPEND].val)
		get_money(L, f[R_SPEND].val, "spend", &ru->min_spend);
	if (f[R_PER_CAPITA].val)
		get_money(L, f[R_PER_CAPITA].val, "per_capita", &ru->min_per_capita);
	for (int i = R_VISITS; req_ok && i <= R_PER_CAPITA; i++) {
		if ((ru->requires & crit_of[i]) && !f[i].val)
			err_at(L, n->start_mark, "%s: missing key \"%s\"", what, f[i].key);
		else if (!(ru->requires & crit_of[i]) && f[i].val)
			warn_at(L, f[i].mark, "%s is not in requires: this threshold is not used",
			        f[i].key);
	}
	return L->nerrors == before;
}

static void load_rules(struct loader *L, yaml_node_t *n, bool *clean)
{
	char buf[160];
	if (n->type != YAML_SEQUENCE_NODE) {
		err_at(L, n->start_mark,
		       "rules: must be a list of rules (each starting with \"- \"), "
		       "got %s",
		       yamldoc_shown(n, buf, sizeof buf));
		*clean = false;
		return;
	}
	size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	bool *ok = calloc(count + 1, sizeof *ok);
	L->r.rules = calloc(count + 1, sizeof *L->r.rules);
	if (!ok || !L->r.rules) {
		free(ok);
		L->oom = true;
		return;
	}
	L->r.nrules = count;
	for (size_t k = 0; k < count; k++) {
		yaml_node_t *item = node(L, n->data.sequence.items.start[k]);
		ok[k] = item && load_rule(L, item, (int)k + 1, &L->r.rules[k]);
		if (!ok[k])
			*clean = false;
	}
	/* a rule that can never match: one above it always wins */
	for (size_t j = 0; j < count; j++) {
		for (size_t i = 0; ok[j] && i < j; i++) {
			if (!ok[i] || !tier_rule_shadows(&L->r.rules[i], &L->r.rules[j]))
				continue;
			const struct tier_rule *ri = &L->r.rules[i], *rj = &L->r.rules[j];
			char li[40], lj[40];
			rule_label(ri, li, sizeof li);
			rule_label(rj, lj, sizeof lj);
			err_line(L, rj->line, rj->column,
			         "rule %zu (%s) can never match: rule %zu (%s, line %d) above it "
			         "always wins",
			         j + 1, lj, i + 1, li, ri->line);
			break;
		}
	}
	free(ok);
}

/* ------------------------------------------------------------------------------------------ */
/* privileges */

static bool add_occasion(struct loader *L, yaml_node_t *item, const char *key, void *ctx)
{
	unsigned *occ = ctx;
	int k = date_kind_from_name(yamldoc_text(item));
	char buf[160];
	if (k < 0) {
		err_at(
		    L, item->start_mark,
		    "%s: unknown occasion %s (the occasions are birthday, anniversary and other)",
		    key, yamldoc_shown(item, buf, sizeof buf));
		return false;
	}
	*occ |= 1u << k;
	return true;
}

static bool add_exclusion(struct loader *L, yaml_node_t *item, const char *key, void *ctx)
{
	struct strv *sv = ctx;
	char s[64];
	if (!get_str(L, item, key, s, sizeof s, false))
		return false;
	if (strv_push_unique(sv, s) < 0)
		L->oom = true;
	return true;
}

static void load_gift(struct loader *L, yaml_node_t *n, struct tier_privilege *pv)
{
	struct field f[] = {{.key = "value"}, {.key = "occasions"}};
	if (!get_fields(L, n, "gift", f, 2))
		return;
	if (f[0].val)
		get_money(L, f[0].val, "value", &pv->gift_fen);
	if (f[1].val)
		each_item(L, f[1].val, "occasions", add_occasion, &pv->gift_occasions);
}

/* every_months: N, or [MIN, MAX]. */
static void load_every(struct loader *L, yaml_node_t *n, struct tier_privilege *pv)
{
	char buf[160];
	if (n->type == YAML_SCALAR_NODE) {
		int v;
		if (get_int(L, n, "every_months", 1, MAX_MONTHS, &v))
			pv->banquet_min_months = pv->banquet_max_months = v;
		return;
	}
	size_t count = n->type == YAML_SEQUENCE_NODE
	                   ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start)
	                   : 0;
	if (count != 2) {
		err_at(L, n->start_mark,
		       "every_months: must be a number of months or a range [MIN, MAX], got %s",
		       yamldoc_shown(n, buf, sizeof buf));
		return;
	}
	int lo, hi;
	yaml_node_t *a = node(L, n->data.sequence.items.start[0]);
	yaml_node_t *b = node(L, n->data.sequence.items.start[1]);
	if (!a || !b || !get_int(L, a, "every_months", 1, MAX_MONTHS, &lo) ||
	    !get_int(L, b, "every_months", 1, MAX_MONTHS, &hi))
		return;
	if (lo > hi) {
		err_at(L, n->start_mark,
		       "every_months: [%d, %d]: the first must not exceed the second", lo, hi);
		return;
	}
	pv->banquet_min_months = lo;
	pv->banquet_max_months = hi;
}

static void load_banquet(struct loader *L, yaml_node_t *n, struct tier_privilege *pv)
{
	struct field f[] = {{.key = "host"}, {.key = "every_months"}, {.key = "budget_per_table"}};
	if (!get_fields(L, n, "banquet", f, 3))
		return;
	if (f[0].val)
		get_str(L, f[0].val, "host", pv->banquet_host, sizeof pv->banquet_host, true);
	if (f[1].val)
		load_every(L, f[1].val, pv);
	if (f[2].val)
		get_money(L, f[2].val, "budget_per_table", &pv->banquet_budget_fen);
}

static void load_discount(struct loader *L, yaml_node_t *n, struct tier_privilege *pv)
{
	struct field f[] = {{.key = "max_percent_off"}, {.key = "excludes"}};
	if (!get_fields(L, n, "discount", f, 2))
		return;
	if (f[0].val)
		get_int(L, f[0].val, "max_percent_off", 0, MAX_PERCENT, &pv->max_discount_pct);
	if (f[1].val)
		each_item(L, f[1].val, "excludes", add_exclusion, &pv->discount_exclusions);
}

static void load_privilege(struct loader *L, yaml_node_t *n, const char *what,
                           struct tier_privilege *pv)
{
	enum { P_GREETER, P_PHONE, P_VISIT, P_GIFT, P_BANQUET, P_CHAT, P_TRIP, P_DISCOUNT, P_N };
	struct field f[P_N] = {{.key = "greeter"},
	                       {.key = "phone_every_days"},
	                       {.key = "visit_every_days"},
	                       {.key = "gift"},
	                       {.key = "banquet"},
	                       {.key = "group_chat"},
	                       {.key = "annual_trip_per_person"},
	                       {.key = "discount"}};
	if (!get_fields(L, n, what, f, P_N))
		return;
	if (f[P_GREETER].val)
		get_str(L, f[P_GREETER].val, "greeter", pv->greeter, sizeof pv->greeter, true);
	if (f[P_PHONE].val)
		get_int(L, f[P_PHONE].val, "phone_every_days", 0, MAX_DAYS, &pv->phone_days);
	if (f[P_VISIT].val)
		get_int(L, f[P_VISIT].val, "visit_every_days", 0, MAX_DAYS, &pv->visit_days);
	if (f[P_GIFT].val)
		load_gift(L, f[P_GIFT].val, pv);
	if (f[P_BANQUET].val)
		load_banquet(L, f[P_BANQUET].val, pv);
	if (f[P_CHAT].val)
		get_str(L, f[P_CHAT].val, "group_chat", pv->group_chat, sizeof pv->group_chat,
		        true);
	if (f[P_TRIP].val)
		get_money(L, f[P_TRIP].val, "annual_trip_per_person", &pv->trip_fen);
	if (f[P_DISCOUNT].val)
		load_discount(L, f[P_DISCOUNT].val, pv);
}

static bool rules_have_tier(const struct tier_rules *r, const char *tier)
{
	for (size_t i = 0; i < r->nrules; i++)
		if (strcmp(r->rules[i].tier, tier) == 0)
			return true;
	return false;
}

/* privileges: a mapping from letter tier to what it grants. check_tiers: whether to require
 * each tier to be given by a rule (not when the rules had errors of their own). */
static void load_privileges(struct loader *L, yaml_node_t *n, bool check_tiers)
{
	char buf[160];
	if (n->type != YAML_MAPPING_NODE) {
		err_at(L, n->start_mark,
		       "privileges: must be a mapping of tiers (A:, B:, ...), got %s",
		       yamldoc_shown(n, buf, sizeof buf));
		return;
	}
	size_t count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	L->r.privs = calloc(count + 1, sizeof *L->r.privs);
	if (!L->r.privs) {
		L->oom = true;
		return;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *key = pair_key(L, p), *val = node(L, p->value);
		if (!key || !val || duplicate_key(L, n, p))
			continue;
		struct tier_privilege *pv = &L->r.privs[L->r.nprivs];
		if (!get_str(L, key, "tier", pv->tier, sizeof pv->tier, false))
			continue;
		L->r.nprivs++;
		if (check_tiers && !rules_have_tier(&L->r, pv->tier))
			err_at(L, key->start_mark,
			       "privileges for tier %s, but no rule gives tier %s",
			       yamldoc_shown(key, buf, sizeof buf), buf);
		char what[40];
		snprintf(what, sizeof what, "privileges of %s", pv->tier);
		load_privilege(L, val, what, pv);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* alerts, complaints */

static void load_red(struct loader *L, yaml_node_t *n, struct alert_rules *a)
{
	struct field f[] = {{.key = "no_visit"},
	                    {.key = "overdue_complaint"},
	                    {.key = "severe_complaint"},
	                    {.key = "severe_within_days"}};
	if (!get_fields(L, n, "red", f, 4))
		return;
	if (f[0].val)
		get_bool(L, f[0].val, "no_visit", &a->red_no_visit);
	if (f[1].val)
		get_bool(L, f[1].val, "overdue_complaint", &a->red_overdue_complaint);
	if (f[2].val) {
		const char *s = scalar_of(L, f[2].val, "severe_complaint", "a severity");
		int sev = !s                       ? -2
		          : strcmp(s, "none") == 0 ? SEV_NONE
		          : *s                     ? severity_from_name(s)
		                                   : -1;
		char buf[160];
		if (sev == -1)
			err_at(
			    L, f[2].val->start_mark,
			    "severe_complaint: must be low, medium, high, critical or none, got %s",
			    yamldoc_shown(f[2].val, buf, sizeof buf));
		else if (sev >= 0)
			a->red_min_severity = (enum severity)sev;
	}
	if (f[3].val)
		get_int(L, f[3].val, "severe_within_days", 0, MAX_DAYS, &a->red_severity_days);
}

static void load_alerts(struct loader *L, yaml_node_t *n)
{
	struct field f[] = {{.key = "yellow_factor"}, {.key = "red"}};
	if (!get_fields(L, n, "alerts", f, 2))
		return;
	if (f[0].val)
		get_decimal(L, f[0].val, "yellow_factor", MAX_FACTOR, &L->r.alerts.yellow_factor);
	if (f[1].val)
		load_red(L, f[1].val, &L->r.alerts);
}

static void load_complaints(struct loader *L, yaml_node_t *n)
{
	struct complaint_rules *c = &L->r.complaints;
	struct field f[] = {{.key = "acknowledge_hours"},
	                    {.key = "resolve_hours"},
	                    {.key = "followup_days"},
	                    {.key = "prior_complaint_days"}};
	if (!get_fields(L, n, "complaints", f, 4))
		return;
	if (f[0].val)
		get_int(L, f[0].val, "acknowledge_hours", 1, MAX_HOURS, &c->ack_hours);
	if (f[1].val)
		get_int(L, f[1].val, "resolve_hours", 1, MAX_HOURS, &c->resolve_hours);
	if (f[2].val)
		get_int(L, f[2].val, "followup_days", 1, MAX_DAYS, &c->followup_days);
	if (f[3].val)
		get_int(L, f[3].val, "prior_complaint_days", 0, MAX_DAYS, &c->prior_days);
}

static void load_top(struct loader *L, yaml_node_t *root)
{
	enum { T_VERSION, T_WINDOW, T_GRACE, T_RULES, T_PRIVS, T_ALERTS, T_COMPLAINTS, T_N };
	struct field f[T_N] = {{.key = "version"},      {.key = "window_months"},
	                       {.key = "grace_months"}, {.key = "rules"},
	                       {.key = "privileges"},   {.key = "alerts"},
	                       {.key = "complaints"}};
	if (!root) {
		err_line(L, 1, 1, "missing key \"rules\" (the file is empty)");
		return;
	}
	if (!get_fields(L, root, "the file", f, T_N))
		return;
	if (f[T_VERSION].val)
		get_str(L, f[T_VERSION].val, "version", L->r.version, sizeof L->r.version, true);
	if (f[T_WINDOW].val)
		get_int(L, f[T_WINDOW].val, "window_months", 1, MAX_MONTHS, &L->r.window_months);
	if (f[T_GRACE].val)
		get_int(L, f[T_GRACE].val, "grace_months", 0, MAX_MONTHS, &L->r.grace_months);
	bool rules_clean = true;
	if (f[T_RULES].val)
		load_rules(L, f[T_RULES].val, &rules_clean);
	else
		err_at(L, root->start_mark, "missing key \"rules\"");
	if (f[T_PRIVS].val)
		load_privileges(L, f[T_PRIVS].val, f[T_RULES].val && rules_clean);
	if (f[T_ALERTS].val)
		load_alerts(L, f[T_ALERTS].val);
	if (f[T_COMPLAINTS].val)
		load_complaints(L, f[T_COMPLAINTS].val);
}

/* ------------------------------------------------------------------------------------------ */
/* syntax errors */

/* The byte offset of 0-based line and column (in characters) in the text, or len. */
static size_t offset_of(const struct loader *L, size_t line, size_t col)
{
	size_t i = 0;
	for (; i < L->len && line; i++)
		if (L->text[i] == '\n')
			line--;
	for (; i < L->len && col && L->text[i] != '\n'; col--) {
		uint32_t cp;
		i += text_decode(L->text + i, L->len - i, &cp);
	}
	return i;
}

static void syntax_error(struct loader *L, const yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR) {
		L->oom = true;
		return;
	}
	int line, col;
	if (p->error == YAML_READER_ERROR) {
		/* the reader knows a byte offset: count lines and characters up to it */
		size_t end = p->problem_offset < L->len ? p->problem_offset : L->len;
		line = 1, col = 1;
		for (size_t i = 0; i < end;) {
			uint32_t cp;
			if (L->text[i] == '\n') {
				line++, col = 1, i++;
				continue;
			}
			i += text_decode(L->text + i, end - i, &cp);
			col++;
		}
		err_line(L, line, col, "not valid text: %s", p->problem ? p->problem : "?");
		return;
	}
	line = (int)p->problem_mark.line + 1;
	col = (int)p->problem_mark.column + 1;
	size_t at = offset_of(L, p->problem_mark.line, p->problem_mark.column);
	if (at < L->len && L->text[at] == '\t') {
		err_line(L, line, col, "syntax error: a tab character (indent with spaces only)");
		return;
	}
	if (p->context)
		err_line(L, line, col, "syntax error: %s (%s at line %d, column %d)",
		         p->problem ? p->problem : "?", p->context, (int)p->context_mark.line + 1,
		         (int)p->context_mark.column + 1);
	else
		err_line(L, line, col, "syntax error: %s", p->problem ? p->problem : "?");
}

/* ------------------------------------------------------------------------------------------ */
/* public */

void tiers_hash(const char *text, size_t len, char hex[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)text[i];
		h *= 0x100000001b3ULL;
	}
	snprintf(hex, 17, "%016llx", (unsigned long long)h);
}

int tiers_load_text(const char *text, size_t len, const char *name, struct tier_rules *out,
                    struct strv *errors, struct strv *warnings)
{
	struct loader L = {.name = name, .text = text, .len = len};
	yaml_parser_t p;
	bool have_doc = false, have_parser = false;
	int rc = -1;

	tier_rules_init(&L.r);
	if (!yaml_parser_initialize(&p)) {
		L.oom = true;
		goto out;
	}
	have_parser = true;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &L.doc)) {
		syntax_error(&L, &p);
		goto out;
	}
	have_doc = true;
	/* one document only: a second one is a mistake (and must parse for us to say so) */
	yaml_document_t next;
	if (!yaml_parser_load(&p, &next)) {
		syntax_error(&L, &p);
	} else {
		yaml_node_t *root2 = yaml_document_get_root_node(&next);
		if (root2)
			err_at(&L, root2->start_mark,
			       "a second document: the file must hold one (remove the \"---\")");
		yaml_document_delete(&next);
	}
	load_top(&L, yaml_document_get_root_node(&L.doc));
	if (L.nerrors || L.oom)
		goto out;

	tiers_hash(text, len, L.r.hash);
	snprintf(L.r.source, sizeof L.r.source, "%s", name);
	if (!(L.r.content = malloc(len + 1))) {
		L.oom = true;
		goto out;
	}
	memcpy(L.r.content, text, len);
	L.r.content[len] = '\0';
	tier_rules_free(out);
	*out = L.r;
	tier_rules_init(&L.r); /* moved: nothing left to free */
	rc = 0;
out:
	flush_diags(&L, errors, warnings);
	if (L.oom)
		rc = -1;
	if (rc != 0)
		tier_rules_free(&L.r);
	for (size_t i = 0; i < L.nd; i++)
		free(L.d[i].msg);
	free(L.d);
	if (have_doc)
		yaml_document_delete(&L.doc);
	if (have_parser)
		yaml_parser_delete(&p);
	return rc;
}

/* Pushes "NAME: message" onto errors (may be NULL). */
static void file_error(struct strv *errors, const char *name, const char *msg)
{
	if (errors)
		strv_take(errors, xasprintf("%s: %s", name, msg));
}

int tiers_load_file(const char *path, struct tier_rules *out, struct strv *errors,
                    struct strv *warnings)
{
	struct sbuf b = {0};
	char chunk[8192], msg[300];
	int rc = -1;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(msg, sizeof msg, "cannot read: %s", strerror(errno));
		file_error(errors, path, msg);
		return -1;
	}
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > TIERS_MAX_BYTES) {
			file_error(errors, path, "cannot read: larger than 1 MiB");
			goto out;
		}
		sbuf_addn(&b, chunk, n);
	}
	if (ferror(f)) {
		snprintf(msg, sizeof msg, "cannot read: %s", strerror(errno));
		file_error(errors, path, msg);
		goto out;
	}
	if (b.oom) {
		file_error(errors, path, "out of memory");
		goto out;
	}
	rc = tiers_load_text(b.s ? b.s : "", b.len, path, out, errors, warnings);
out:
	sbuf_free(&b);
	fclose(f);
	return rc;
}

char *tiers_user_path(void)
{
	char *dir = paths_config_dir();
	char *path = dir ? xasprintf("%s/tiers.yaml", dir) : NULL;
	free(dir);
	return path;
}

char *tiers_installed_path(void)
{
	return xasprintf("%s/tiers.yaml", tiers_pkgdatadir);
}

/* Whether path names something (a dangling symbolic link counts: loading it says why not). */
static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int tiers_load_in_force(const char *path, struct tier_rules *out, struct strv *errors,
                        struct strv *warnings)
{
	if (path)
		return tiers_load_file(path, out, errors, warnings);
	char *user = tiers_user_path(), *inst = tiers_installed_path();
	int rc;
	if (!user || !inst) {
		file_error(errors, "maitre", "out of memory");
		rc = -1;
	} else if (exists(user)) {
		rc = tiers_load_file(user, out, errors, warnings);
	} else if (exists(inst)) {
		rc = tiers_load_file(inst, out, errors, warnings);
	} else {
		rc = tiers_load_text(tiers_builtin_text, tiers_builtin_len, TIERS_BUILTIN_NAME, out,
		                     errors, warnings);
	}
	free(user);
	free(inst);
	return rc;
}
