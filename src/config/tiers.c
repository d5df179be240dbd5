/* tiers.c — tiers.yaml → struct tier_rules, through the YAML walker (yamldoc.h), which also
 * words and places every diagnostic. Everything is checked into a fresh struct; the caller's struct
 * is only replaced when the whole file is right. Money is parsed exactly (money_parse), never
 * through floating point. */
#include "config/tiers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "config/paths.h"
#include "config/yamldoc.h"
#include "core/guest.h"
#include "core/money.h"

/* Upper bounds of counts: beyond them a value is surely a typing mistake. */
enum {
	MAX_MONTHS = 120,
	MAX_DAYS = 3660,
	MAX_HOURS = 8784,
	MAX_PERCENT = 100,
};
#define MAX_VISITS 1000.0 /* average visits per month */
#define MAX_FACTOR 10.0   /* yellow_factor */

struct loader {
	struct yamldoc y;
	struct tier_rules r; /* the fresh rules being filled */
};

/* Whether s starts or ends with a space (ASCII or ideographic). */
static bool space_around(const char *s)
{
	static const char ideographic[] = "\xe3\x80\x80"; /* U+3000 */
	size_t n = strlen(s), k = sizeof ideographic - 1;
	return n && (s[0] == ' ' || s[n - 1] == ' ' || strncmp(s, ideographic, k) == 0 ||
	             (n >= k && strcmp(s + n - k, ideographic) == 0));
}

/* An amount in yuan ("5000", "5000.50") into fen. */
static bool get_money(struct yamldoc *y, const yaml_node_t *n, const char *key, int64_t *out)
{
	char buf[160];
	int64_t v;
	const char *s = yamldoc_scalar(y, n, key, "an amount in yuan");
	if (!s)
		return false;
	if (s[0] == '-' && money_parse(s + 1, &v)) {
		yamldoc_error(y, n, "%s: must not be negative, got %s", key,
		              yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	/* money_parse drops spaces as one types them; a value in the file is the amount alone */
	if (space_around(s) || !money_parse(s, &v)) {
		yamldoc_error(y, n, "%s: must be an amount in yuan (5000 or 5000.50), got %s", key,
		              yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	*out = v;
	return true;
}

/* "WHAT: missing key "K"" at mapping n for each of the nf keys of f that it lacks: a rules file
 * says what it holds, nothing defaults. Returns true when none is missing. */
static bool require_keys(struct yamldoc *y, const yaml_node_t *n, const char *what,
                         const struct yamldoc_field *f, size_t nf)
{
	bool ok = true;
	for (size_t i = 0; i < nf; i++) {
		if (f[i].val)
			continue;
		yamldoc_error(y, n, "%s: missing key \"%s\"", what, f[i].key);
		ok = false;
	}
	return ok;
}

/* Whether n is the word none, which gift, banquet and discount take for "this tier has none". */
static bool is_none(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE && strcmp(yamldoc_text(n), "none") == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* rules */

static bool add_criterion(struct yamldoc *y, yaml_node_t *item, const char *key, void *ctx)
{
	unsigned *req = ctx;
	unsigned c = tier_criterion_from_name(yamldoc_text(item));
	char buf[160];
	if (!c) {
		yamldoc_error(
		    y, item,
		    "%s: unknown criterion %s (the criteria are visits, spend and per_capita)", key,
		    yamldoc_shown(item, buf, sizeof buf));
		return false;
	}
	if (*req & c) {
		yamldoc_error(y, item, "%s: %s is named twice", key,
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
	struct yamldoc_field f[R_N] = {{.key = "tier"},       {.key = "group"},
	                               {.key = "visits"},     {.key = "spend"},
	                               {.key = "per_capita"}, {.key = "requires"}};
	static const unsigned crit_of[R_N] = {0, 0, CRIT_VISITS, CRIT_SPEND, CRIT_PER_CAPITA, 0};
	size_t before = L->y.nerrors;
	char what[32];

	snprintf(what, sizeof what, "rule %d", no);
	ru->line = (int)n->start_mark.line + 1;
	ru->column = (int)n->start_mark.column + 1;
	ru->requires = CRIT_ALL;
	if (!yamldoc_fields(&L->y, n, what, f, R_N))
		return false;
	if (!f[R_TIER].val)
		yamldoc_error(&L->y, n, "%s: missing key \"tier\"", what);
	else
		yamldoc_string(&L->y, f[R_TIER].val, "tier", ru->tier, sizeof ru->tier, false);
	if (f[R_GROUP].val)
		yamldoc_string(&L->y, f[R_GROUP].val, "group", ru->group, sizeof ru->group, true);
	bool req_ok = true;
	if (f[R_REQUIRES].val) {
		unsigned req = 0;
		req_ok = yamldoc_each_item(&L->y, f[R_REQUIRES].val, "requires", "a list ([a, b])",
		                           "a word or a phrase", add_criterion, &req);
		if (req_ok && !req) {
			yamldoc_error(
			    &L->y, f[R_REQUIRES].val,
			    "requires: must name at least one of visits, spend and per_capita");
			req_ok = false;
		}
		if (req_ok)
		ru->requires = req;
	}
	if (f[R_VISITS].val)
		yamldoc_decimal(&L->y, f[R_VISITS].val, "visits", MAX_VISITS, &ru->min_visits);
	if (f[R_SPEND].val)
		get_money(&L->y, f[R_SPEND].val, "spend", &ru->min_spend);
	if (f[R_PER_CAPITA].val)
		get_money(&L->y, f[R_PER_CAPITA].val, "per_capita", &ru->min_per_capita);
	for (int i = R_VISITS; req_ok && i <= R_PER_CAPITA; i++) {
		if ((ru->requires & crit_of[i]) && !f[i].val)
			yamldoc_error(&L->y, n, "%s: missing key \"%s\"", what, f[i].key);
		else if (!(ru->requires & crit_of[i]) && f[i].val)
			yamldoc_warning(&L->y, f[i].key_node,
			                "%s is not in requires: this threshold is not used",
			                f[i].key);
	}
	return L->y.nerrors == before;
}

static void load_rules(struct loader *L, yaml_node_t *n, bool *clean)
{
	char buf[160];
	if (n->type != YAML_SEQUENCE_NODE) {
		yamldoc_error(&L->y, n,
		              "rules: must be a list of rules (each starting with \"- \"), "
		              "got %s",
		              yamldoc_shown(n, buf, sizeof buf));
		*clean = false;
		return;
	}
	size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	bool *ok = xcalloc(count + 1, sizeof *ok);
	L->r.rules = xcalloc(count + 1, sizeof *L->r.rules);
	L->r.nrules = count;
	for (size_t k = 0; k < count; k++) {
		yaml_node_t *item = yamldoc_node(&L->y, n->data.sequence.items.start[k]);
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
			yamldoc_error_at(
			    &L->y, rj->line, rj->column,
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

static bool add_occasion(struct yamldoc *y, yaml_node_t *item, const char *key, void *ctx)
{
	unsigned *occ = ctx;
	int k = date_kind_from_name(yamldoc_text(item));
	char buf[160];
	if (k < 0) {
		yamldoc_error(
		    y, item,
		    "%s: unknown occasion %s (the occasions are birthday, anniversary and other)",
		    key, yamldoc_shown(item, buf, sizeof buf));
		return false;
	}
	*occ |= 1u << k;
	return true;
}

static bool add_exclusion(struct yamldoc *y, yaml_node_t *item, const char *key, void *ctx)
{
	struct strv *sv = ctx;
	char s[64];
	if (!yamldoc_string(y, item, key, s, sizeof s, false))
		return false;
	strv_push_unique(sv, s);
	return true;
}

static void load_gift(struct loader *L, yaml_node_t *n, struct tier_privilege *pv)
{
	struct yamldoc_field f[] = {{.key = "value"}, {.key = "occasions"}};
	if (is_none(n) || !yamldoc_fields(&L->y, n, "gift", f, 2))
		return;
	require_keys(&L->y, n, "gift", f, 2);
	if (f[0].val)
		get_money(&L->y, f[0].val, "value", &pv->gift_fen);
	if (f[1].val)
		yamldoc_each_item(&L->y, f[1].val, "occasions", "a list ([a, b])",
		                  "a word or a phrase", add_occasion, &pv->gift_occasions);
}

/* every_months: N, or [MIN, MAX]. */
static void load_every(struct loader *L, yaml_node_t *n, struct tier_privilege *pv)
{
	char buf[160];
	if (n->type == YAML_SCALAR_NODE) {
		int v;
		if (yamldoc_int(&L->y, n, "every_months", 1, MAX_MONTHS, &v))
			pv->banquet_min_months = pv->banquet_max_months = v;
		return;
	}
	size_t count = n->type == YAML_SEQUENCE_NODE
	                   ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start)
	                   : 0;
	if (count != 2) {
		yamldoc_error(
		    &L->y, n,
		    "every_months: must be a number of months or a range [MIN, MAX], got %s",
		    yamldoc_shown(n, buf, sizeof buf));
		return;
	}
	int lo, hi;
	yaml_node_t *a = yamldoc_node(&L->y, n->data.sequence.items.start[0]);
	yaml_node_t *b = yamldoc_node(&L->y, n->data.sequence.items.start[1]);
	if (!a || !b || !yamldoc_int(&L->y, a, "every_months", 1, MAX_MONTHS, &lo) ||
	    !yamldoc_int(&L->y, b, "every_months", 1, MAX_MONTHS, &hi))
		return;
	if (lo > hi) {
		yamldoc_error(&L->y, n,
		              "every_months: [%d, %d]: the first must not exceed the second", lo,
		              hi);
		return;
	}
	pv->banquet_min_months = lo;
	pv->banquet_max_months = hi;
}

static void load_banquet(struct loader *L, yaml_node_t *n, struct tier_privilege *pv)
{
	struct yamldoc_field f[] = {
	    {.key = "host"}, {.key = "every_months"}, {.key = "budget_per_table"}};
	if (is_none(n) || !yamldoc_fields(&L->y, n, "banquet", f, 3))
		return;
	require_keys(&L->y, n, "banquet", f, 3);
	if (f[0].val)
		yamldoc_string(&L->y, f[0].val, "host", pv->banquet_host, sizeof pv->banquet_host,
		               true);
	if (f[1].val)
		load_every(L, f[1].val, pv);
	if (f[2].val)
		get_money(&L->y, f[2].val, "budget_per_table", &pv->banquet_budget_fen);
}

static void load_discount(struct loader *L, yaml_node_t *n, struct tier_privilege *pv)
{
	struct yamldoc_field f[] = {{.key = "max_percent_off"}, {.key = "excludes"}};
	if (is_none(n) || !yamldoc_fields(&L->y, n, "discount", f, 2))
		return;
	require_keys(&L->y, n, "discount", f, 2);
	if (f[0].val)
		yamldoc_int(&L->y, f[0].val, "max_percent_off", 0, MAX_PERCENT,
		            &pv->max_discount_pct);
	if (f[1].val)
		yamldoc_each_item(&L->y, f[1].val, "excludes", "a list ([a, b])",
		                  "a word or a phrase", add_exclusion, &pv->discount_exclusions);
}

static void load_privilege(struct loader *L, yaml_node_t *n, const char *what,
                           struct tier_privilege *pv)
{
	enum { P_GREETER, P_PHONE, P_VISIT, P_GIFT, P_BANQUET, P_CHAT, P_TRIP, P_DISCOUNT, P_N };
	struct yamldoc_field f[P_N] = {{.key = "greeter"},
	                               {.key = "phone_every_days"},
	                               {.key = "visit_every_days"},
	                               {.key = "gift"},
	                               {.key = "banquet"},
	                               {.key = "group_chat"},
	                               {.key = "annual_trip_per_person"},
	                               {.key = "discount"}};
	if (!yamldoc_fields(&L->y, n, what, f, P_N))
		return;
	require_keys(&L->y, n, what, f, P_N);
	if (f[P_GREETER].val)
		yamldoc_string(&L->y, f[P_GREETER].val, "greeter", pv->greeter, sizeof pv->greeter,
		               true);
	if (f[P_PHONE].val)
		yamldoc_int(&L->y, f[P_PHONE].val, "phone_every_days", 0, MAX_DAYS,
		            &pv->phone_days);
	if (f[P_VISIT].val)
		yamldoc_int(&L->y, f[P_VISIT].val, "visit_every_days", 0, MAX_DAYS,
		            &pv->visit_days);
	if (f[P_GIFT].val)
		load_gift(L, f[P_GIFT].val, pv);
	if (f[P_BANQUET].val)
		load_banquet(L, f[P_BANQUET].val, pv);
	if (f[P_CHAT].val)
		yamldoc_string(&L->y, f[P_CHAT].val, "group_chat", pv->group_chat,
		               sizeof pv->group_chat, true);
	if (f[P_TRIP].val)
		get_money(&L->y, f[P_TRIP].val, "annual_trip_per_person", &pv->trip_fen);
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

/* Every tier a rule gives must say what it is given: an error at the first rule of each tier
 * without privileges. */
static void check_every_tier_given(struct loader *L)
{
	for (size_t i = 0; i < L->r.nrules; i++) {
		const struct tier_rule *ru = &L->r.rules[i];
		bool first = true;
		for (size_t j = 0; first && j < i; j++)
			first = strcmp(L->r.rules[j].tier, ru->tier) != 0;
		if (first && !tier_privilege_for(&L->r, ru->tier))
			yamldoc_error_at(&L->y, ru->line, ru->column,
			                 "rule %zu: no privileges for tier %s (add \"%s:\" under "
			                 "privileges, with 0, \"\", [] or none where it has none)",
			                 i + 1, ru->tier, ru->tier);
	}
}

/* privileges: a mapping from letter tier to what it grants. check_tiers: whether to require
 * each tier to be given by a rule (not when the rules had errors of their own). */
static void load_privileges(struct loader *L, yaml_node_t *n, bool check_tiers)
{
	char buf[160];
	if (n->type != YAML_MAPPING_NODE) {
		yamldoc_error(&L->y, n,
		              "privileges: must be a mapping of tiers (A:, B:, ...), got %s",
		              yamldoc_shown(n, buf, sizeof buf));
		return;
	}
	size_t count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	L->r.privs = xcalloc(count + 1, sizeof *L->r.privs);
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *key = yamldoc_key(&L->y, n, p), *val = yamldoc_node(&L->y, p->value);
		if (!key)
			continue;
		struct tier_privilege *pv = &L->r.privs[L->r.nprivs];
		if (!yamldoc_string(&L->y, key, "tier", pv->tier, sizeof pv->tier, false))
			continue;
		L->r.nprivs++;
		if (check_tiers && !rules_have_tier(&L->r, pv->tier))
			yamldoc_error(&L->y, key,
			              "privileges for tier %s, but no rule gives tier %s",
			              yamldoc_shown(key, buf, sizeof buf), buf);
		char what[40];
		snprintf(what, sizeof what, "privileges of %s", pv->tier);
		load_privilege(L, val, what, pv);
	}
	if (check_tiers)
		check_every_tier_given(L);
}

/* ------------------------------------------------------------------------------------------ */
/* alerts, complaints */

static void load_red(struct loader *L, yaml_node_t *n, struct alert_rules *a)
{
	struct yamldoc_field f[] = {{.key = "no_visit"},
	                            {.key = "overdue_complaint"},
	                            {.key = "severe_complaint"},
	                            {.key = "severe_within_days"}};
	if (!yamldoc_fields(&L->y, n, "red", f, 4))
		return;
	require_keys(&L->y, n, "red", f, 4);
	if (f[0].val)
		yamldoc_bool(&L->y, f[0].val, "no_visit", &a->red_no_visit);
	if (f[1].val)
		yamldoc_bool(&L->y, f[1].val, "overdue_complaint", &a->red_overdue_complaint);
	if (f[2].val) {
		const char *s = yamldoc_scalar(&L->y, f[2].val, "severe_complaint", "a severity");
		int sev = !s                       ? -2
		          : strcmp(s, "none") == 0 ? SEV_NONE
		          : *s                     ? severity_from_name(s)
		                                   : -1;
		char buf[160];
		if (sev == -1)
			yamldoc_error(
			    &L->y, f[2].val,
			    "severe_complaint: must be low, medium, high, critical or none, got %s",
			    yamldoc_shown(f[2].val, buf, sizeof buf));
		else if (sev >= 0)
			a->red_min_severity = (enum severity)sev;
	}
	if (f[3].val)
		yamldoc_int(&L->y, f[3].val, "severe_within_days", 0, MAX_DAYS,
		            &a->red_severity_days);
}

static void load_alerts(struct loader *L, yaml_node_t *n)
{
	struct yamldoc_field f[] = {{.key = "yellow_factor"}, {.key = "red"}};
	if (!yamldoc_fields(&L->y, n, "alerts", f, 2))
		return;
	require_keys(&L->y, n, "alerts", f, 2);
	if (f[0].val)
		yamldoc_decimal(&L->y, f[0].val, "yellow_factor", MAX_FACTOR,
		                &L->r.alerts.yellow_factor);
	if (f[1].val)
		load_red(L, f[1].val, &L->r.alerts);
}

static void load_complaints(struct loader *L, yaml_node_t *n)
{
	struct complaint_rules *c = &L->r.complaints;
	struct yamldoc_field f[] = {{.key = "acknowledge_hours"},
	                            {.key = "resolve_hours"},
	                            {.key = "followup_days"},
	                            {.key = "prior_complaint_days"}};
	if (!yamldoc_fields(&L->y, n, "complaints", f, 4))
		return;
	require_keys(&L->y, n, "complaints", f, 4);
	if (f[0].val)
		yamldoc_int(&L->y, f[0].val, "acknowledge_hours", 1, MAX_HOURS, &c->ack_hours);
	if (f[1].val)
		yamldoc_int(&L->y, f[1].val, "resolve_hours", 1, MAX_HOURS, &c->resolve_hours);
	if (f[2].val)
		yamldoc_int(&L->y, f[2].val, "followup_days", 1, MAX_DAYS, &c->followup_days);
	if (f[3].val)
		yamldoc_int(&L->y, f[3].val, "prior_complaint_days", 0, MAX_DAYS, &c->prior_days);
}

static void load_top(struct loader *L, yaml_node_t *root)
{
	enum { T_VERSION, T_WINDOW, T_GRACE, T_RULES, T_PRIVS, T_ALERTS, T_COMPLAINTS, T_N };
	struct yamldoc_field f[T_N] = {{.key = "version"},      {.key = "window_months"},
	                               {.key = "grace_months"}, {.key = "rules"},
	                               {.key = "privileges"},   {.key = "alerts"},
	                               {.key = "complaints"}};
	if (!root) {
		yamldoc_error_at(&L->y, 1, 1, "missing key \"rules\" (the file is empty)");
		return;
	}
	if (!yamldoc_fields(&L->y, root, "the file", f, T_N))
		return;
	/* everything but the label: a section left out is a mistake, not a default */
	for (int i = T_WINDOW; i < T_N; i++)
		if (!f[i].val)
			yamldoc_error(&L->y, root, "missing key \"%s\"", f[i].key);
	/* the end marker: a file cut short anywhere before it is refused */
	yamldoc_require_end(&L->y);
	if (f[T_VERSION].val)
		yamldoc_string(&L->y, f[T_VERSION].val, "version", L->r.version,
		               sizeof L->r.version, true);
	if (f[T_WINDOW].val)
		yamldoc_int(&L->y, f[T_WINDOW].val, "window_months", 1, MAX_MONTHS,
		            &L->r.window_months);
	if (f[T_GRACE].val)
		yamldoc_int(&L->y, f[T_GRACE].val, "grace_months", 0, MAX_MONTHS,
		            &L->r.grace_months);
	bool rules_clean = true;
	if (f[T_RULES].val)
		load_rules(L, f[T_RULES].val, &rules_clean);
	if (f[T_PRIVS].val)
		load_privileges(L, f[T_PRIVS].val, f[T_RULES].val && rules_clean);
	if (f[T_ALERTS].val)
		load_alerts(L, f[T_ALERTS].val);
	if (f[T_COMPLAINTS].val)
		load_complaints(L, f[T_COMPLAINTS].val);
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

/* Checks the document of L->y, when read is set, into fresh rules that replace *out when they
 * are right; reports the diagnostics to errors and warnings and frees L->y. Returns 0 or -1. */
static int load(struct loader *L, bool read, struct tier_rules *out, struct strv *errors,
                struct strv *warnings)
{
	int rc = -1;

	tier_rules_init(&L->r);
	if (!read)
		goto out;
	load_top(L, yamldoc_root(&L->y));
	if (yamldoc_failed(&L->y))
		goto out;

	tiers_hash(L->y.text, L->y.len, L->r.hash);
	snprintf(L->r.source, sizeof L->r.source, "%s", L->y.name);
	L->r.content = xmalloc(L->y.len + 1);
	memcpy(L->r.content, L->y.text, L->y.len);
	L->r.content[L->y.len] = '\0';
	tier_rules_free(out);
	*out = L->r;
	tier_rules_init(&L->r); /* moved: nothing left to free */
	rc = 0;
out:
	yamldoc_report(&L->y, errors, warnings);
	if (rc != 0)
		tier_rules_free(&L->r);
	yamldoc_free(&L->y);
	return rc;
}

int tiers_load_text(const char *text, size_t len, const char *name, struct tier_rules *out,
                    struct strv *errors, struct strv *warnings)
{
	struct loader L;
	yamldoc_init(&L.y, name);
	return load(&L, yamldoc_parse(&L.y, text, len, YAMLDOC_ONE_DOCUMENT) == 0, out, errors,
	            warnings);
}

int tiers_load_file(const char *path, struct tier_rules *out, struct strv *errors,
                    struct strv *warnings)
{
	struct loader L;
	yamldoc_init(&L.y, path);
	return load(&L, yamldoc_parse_file(&L.y, path, YAMLDOC_ONE_DOCUMENT) == 0, out, errors,
	            warnings);
}

char *tiers_user_path(void)
{
	char *dir = paths_config_dir();
	char *path = xasprintf("%s/tiers.yaml", dir);
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
	if (exists(user)) {
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

char *tiers_canonical_text(const char *content)
{
	struct tier_rules old;
	tier_rules_init(&old);
	char *canon = NULL;
	if (tiers_load_text(content, strlen(content), "(stored)", &old, NULL, NULL) == 0)
		canon = tier_rules_canonical(&old);
	tier_rules_free(&old);
	return canon;
}
