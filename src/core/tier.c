#include "core/tier.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/visit.h"

void tier_rules_init(struct tier_rules *r)
{
	memset(r, 0, sizeof *r);
	r->window_months = 3;
	r->grace_months = 1;
	r->alerts.yellow_factor = 1.0;
	r->alerts.red_no_visit = true;
	r->alerts.red_overdue_complaint = true;
	r->alerts.red_severity_days = 30;
	r->alerts.red_min_severity = SEV_HIGH;
	r->complaints.ack_hours = 2;
	r->complaints.resolve_hours = 48;
	r->complaints.followup_days = 7;
	r->complaints.prior_days = 180;
}

void tier_rules_free(struct tier_rules *r)
{
	for (size_t i = 0; i < r->nprivs; i++)
		strv_free(&r->privs[i].discount_exclusions);
	free(r->rules);
	free(r->privs);
	free(r->content);
	tier_rules_init(r);
}

double tier_avg_visits(const struct tier_figures *f)
{
	return f->months > 0 ? (double)f->visits / f->months : 0;
}

int64_t tier_avg_spend(const struct tier_figures *f)
{
	return f->months > 0 ? money_div_round(f->spend, f->months) : 0;
}

int64_t tier_per_capita(const struct tier_figures *f)
{
	return visit_per_capita(f->spend, f->covers);
}

bool tier_rule_holds(const struct tier_rule *rule, const struct tier_figures *f, double factor)
{
	return tier_rule_holds_so_far(rule, f, factor, 1.0);
}

bool tier_rule_holds_so_far(const struct tier_rule *rule, const struct tier_figures *f,
			    double factor, double share)
{
	unsigned req = rule->requires ? rule->requires : CRIT_ALL;
	return (req & CRIT_ALL & ~tier_criteria_met(rule, f, factor, share)) == 0;
}

unsigned tier_criteria_met(const struct tier_rule *rule, const struct tier_figures *f,
			   double factor, double share)
{
	double totals = factor * share; /* per head is an average: never pro-rated */
	int months = f->months > 0 ? f->months : 1;
	unsigned met = 0;
	/* compare totals against thresholds × months: exact, no rounding of averages */
	if ((double)f->visits + 1e-9 >= rule->min_visits * totals * months)
		met |= CRIT_VISITS;
	if ((double)f->spend + 1e-6 >= (double)rule->min_spend * totals * months)
		met |= CRIT_SPEND;
	/* spend ÷ covers against the threshold, as spend against threshold × covers */
	if (f->covers > 0 &&
	    (double)f->spend + 1e-6 >= (double)rule->min_per_capita * factor * f->covers)
		met |= CRIT_PER_CAPITA;
	return met;
}

int tier_match(const struct tier_rules *r, const struct tier_figures *f)
{
	for (size_t i = 0; i < r->nrules; i++)
		if (tier_rule_holds(&r->rules[i], f, 1.0))
			return (int)i;
	return -1;
}

const struct tier_privilege *tier_privilege_for(const struct tier_rules *r, const char *tier)
{
	for (size_t i = 0; tier && i < r->nprivs; i++)
		if (strcmp(r->privs[i].tier, tier) == 0)
			return &r->privs[i];
	return NULL;
}

const char *tier_criterion_name(unsigned crit)
{
	switch (crit) {
	case CRIT_VISITS:
		return "visits";
	case CRIT_SPEND:
		return "spend";
	case CRIT_PER_CAPITA:
		return "per_capita";
	}
	return NULL;
}

unsigned tier_criterion_from_name(const char *s)
{
	for (unsigned c = CRIT_VISITS; c <= CRIT_PER_CAPITA; c <<= 1)
		if (strcmp(s, tier_criterion_name(c)) == 0)
			return c;
	return 0;
}

/* Appends word (through fn) to buf after sep when buf is not empty. */
static void join(char *buf, size_t size, const char *sep, tier_word_fn fn, const char *word)
{
	size_t len = strlen(buf);
	if (len < size)
		snprintf(buf + len, size - len, "%s%s", len ? sep : "", fn ? fn(word) : word);
}

char *tier_requires_text(unsigned req, const char *sep, tier_word_fn word, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!req || req == CRIT_ALL) {
		join(buf, size, sep, word, "all");
		return buf;
	}
	for (unsigned c = CRIT_VISITS; c <= CRIT_PER_CAPITA; c <<= 1)
		if (req & c)
			join(buf, size, sep, word, tier_criterion_name(c));
	return buf;
}

char *tier_occasions_text(unsigned bits, tier_word_fn word, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int k = 0; k < DATE_KIND_COUNT; k++)
		if (bits & (1u << k))
			join(buf, size, ", ", word, date_kind_names[k]);
	return buf;
}

char *tier_label(const char *tier, const char *grp, char *buf, size_t size)
{
	if (!tier || !*tier)
		snprintf(buf, size, "untiered");
	else
		snprintf(buf, size, "%s%s%s", tier, grp && *grp ? " " : "", grp ? grp : "");
	return buf;
}

bool tier_rule_shadows(const struct tier_rule *above, const struct tier_rule *below)
{
	unsigned a = above->requires ? above->requires : CRIT_ALL;
	unsigned b = below->requires ? below->requires : CRIT_ALL;
	if ((a & b) != a)
		return false; /* above needs something below does not: a guest may fail it */
	if ((a & CRIT_VISITS) && below->min_visits < above->min_visits)
		return false;
	if ((a & CRIT_SPEND) && below->min_spend < above->min_spend)
		return false;
	if ((a & CRIT_PER_CAPITA) && below->min_per_capita < above->min_per_capita)
		return false;
	return true;
}

/* ------------------------------------------------------------------------------------------ */
/* the rules as text, to compare */

/* Sorting a vector of strings. */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_priv(const void *a, const void *b)
{
	return strcmp((*(const struct tier_privilege *const *)a)->tier,
	              (*(const struct tier_privilege *const *)b)->tier);
}

/* "drinks, seafood": the items of sv sorted (their order means nothing), into b. */
static void add_sorted(struct sbuf *b, const struct strv *sv)
{
	char **v = xcalloc(sv->n + 1, sizeof *v);
	for (size_t i = 0; i < sv->n; i++)
		v[i] = sv->v[i];
	qsort(v, sv->n, sizeof *v, cmp_str);
	for (size_t i = 0; i < sv->n; i++)
		sbuf_printf(b, "%s%s", i ? ", " : "", v[i]);
	free(v);
}

static void canonical_privilege(struct sbuf *b, const struct tier_privilege *p)
{
	char m1[32], occ[80];
	sbuf_printf(b, "%s greeter\t%s\n", p->tier, p->greeter[0] ? p->greeter : "none");
	sbuf_printf(b, "%s phone_every_days\t%d\n", p->tier, p->phone_days);
	sbuf_printf(b, "%s visit_every_days\t%d\n", p->tier, p->visit_days);
	tier_occasions_text(p->gift_occasions, NULL, occ, sizeof occ);
	sbuf_printf(b, "%s gift\t%s on %s\n", p->tier, money_format_short(p->gift_fen, m1),
	            occ[0] ? occ : "no date");
	if (!p->banquet_host[0] && !p->banquet_min_months && !p->banquet_budget_fen)
		sbuf_printf(b, "%s banquet\tnone\n", p->tier);
	else if (p->banquet_min_months == p->banquet_max_months)
		sbuf_printf(b, "%s banquet\thost %s, every %d months, %s a table\n", p->tier,
		            p->banquet_host, p->banquet_min_months,
		            money_format_short(p->banquet_budget_fen, m1));
	else
		sbuf_printf(b, "%s banquet\thost %s, every %d to %d months, %s a table\n", p->tier,
		            p->banquet_host, p->banquet_min_months, p->banquet_max_months,
		            money_format_short(p->banquet_budget_fen, m1));
	sbuf_printf(b, "%s group_chat\t%s\n", p->tier, p->group_chat[0] ? p->group_chat : "none");
	sbuf_printf(b, "%s annual_trip_per_person\t%s\n", p->tier,
	            money_format_short(p->trip_fen, m1));
	sbuf_printf(b, "%s discount\t%d%% off, not on ", p->tier, p->max_discount_pct);
	if (p->discount_exclusions.n)
		add_sorted(b, &p->discount_exclusions);
	else
		sbuf_add(b, "(nothing excluded)");
	sbuf_addc(b, '\n');
}

char *tier_rules_canonical(const struct tier_rules *r)
{
	struct sbuf b = {0};
	char m1[32], m2[32], req[64], label[TIER_LABEL_SIZE];
	sbuf_printf(&b, "window_months\t%d\n", r->window_months);
	sbuf_printf(&b, "grace_months\t%d\n", r->grace_months);
	sbuf_add(&b, "order\t");
	for (size_t i = 0; i < r->nrules; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "",
		            tier_label(r->rules[i].tier, r->rules[i].group, label, sizeof label));
	sbuf_add(&b, r->nrules ? "\n" : "(no rules)\n");
	for (size_t i = 0; i < r->nrules; i++) {
		const struct tier_rule *ru = &r->rules[i];
		unsigned rq = ru->requires ? ru->requires : CRIT_ALL;
		/* the same tier and group twice: the second is "A quality (2)" */
		int nth = 1;
		for (size_t j = 0; j < i; j++)
			nth += strcmp(r->rules[j].tier, ru->tier) == 0 &&
			       strcmp(r->rules[j].group, ru->group) == 0;
		sbuf_printf(&b, "rule %s", tier_label(ru->tier, ru->group, label, sizeof label));
		if (nth > 1)
			sbuf_printf(&b, " (%d)", nth);
		sbuf_addc(&b, '\t');
		const char *sep = "";
		if (rq & CRIT_VISITS) {
			sbuf_printf(&b, "visits %g", ru->min_visits);
			sep = ", ";
		}
		if (rq & CRIT_SPEND) {
			sbuf_printf(&b, "%sspend %s", sep, money_format_short(ru->min_spend, m1));
			sep = ", ";
		}
		if (rq & CRIT_PER_CAPITA)
			sbuf_printf(&b, "%sper_capita %s", sep,
			            money_format_short(ru->min_per_capita, m2));
		sbuf_printf(&b, " (requires %s)\n",
		            tier_requires_text(rq, "+", NULL, req, sizeof req));
	}
	const struct tier_privilege **pv = xcalloc(r->nprivs + 1, sizeof *pv);
	for (size_t i = 0; i < r->nprivs; i++)
		pv[i] = &r->privs[i];
	qsort(pv, r->nprivs, sizeof *pv, cmp_priv);
	for (size_t i = 0; i < r->nprivs; i++)
		canonical_privilege(&b, pv[i]);
	free(pv);
	const struct alert_rules *a = &r->alerts;
	sbuf_printf(&b, "alerts yellow_factor\t%g\n", a->yellow_factor);
	sbuf_printf(&b, "alerts red\tno_visit %s, overdue_complaint %s, severe_complaint %s "
	                "within %d days\n",
	            a->red_no_visit ? "true" : "false", a->red_overdue_complaint ? "true" : "false",
	            a->red_min_severity == SEV_NONE ? "none" : severity_names[a->red_min_severity],
	            a->red_severity_days);
	const struct complaint_rules *c = &r->complaints;
	sbuf_printf(&b, "complaints\tacknowledge_hours %d, resolve_hours %d, followup_days %d, "
	                "prior_complaint_days %d\n",
	            c->ack_hours, c->resolve_hours, c->followup_days, c->prior_days);
	return sbuf_detach(&b);
}

/* The line of canon whose key (up to the tab) is key, its value into *val (not terminated:
 * *len bytes); false when there is none. */
static bool find_line(const char *canon, const char *key, size_t klen, const char **val,
                      size_t *len)
{
	for (const char *p = canon; *p;) {
		const char *nl = strchr(p, '\n'), *end = nl ? nl : p + strlen(p);
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		if (tab && (size_t)(tab - p) == klen && memcmp(p, key, klen) == 0) {
			*val = tab + 1;
			*len = (size_t)(end - tab - 1);
			return true;
		}
		p = nl ? nl + 1 : end;
	}
	return false;
}

/* Appends the difference of one key of old and now (either value may be absent) to d. */
static void diff_key(const char *old, const char *now, const char *key, size_t klen,
                     struct tier_rules_diff *d)
{
	const char *ov = NULL, *nv = NULL;
	size_t ol = 0, nl = 0;
	bool in_old = find_line(old, key, klen, &ov, &ol);
	bool in_now = find_line(now, key, klen, &nv, &nl);
	if (in_old && in_now && ol == nl && memcmp(ov, nv, ol) == 0)
		return;
	vec_reserve((void **)&d->v, d->n + 1, &d->cap, sizeof *d->v);
	struct tier_rules_change *ch = &d->v[d->n++];
	ch->what = xasprintf("%.*s", (int)klen, key);
	ch->was = in_old ? xasprintf("%.*s", (int)ol, ov) : NULL;
	ch->now = in_now ? xasprintf("%.*s", (int)nl, nv) : NULL;
}

/* Calls diff_key for each key of a that diff_key was not called for yet (in b's keys when
 * skip_in_b: those were done). */
static void diff_keys_of(const char *a, const char *b, bool a_is_old, bool skip_in_b,
                         struct tier_rules_diff *d)
{
	for (const char *p = a; *p;) {
		const char *nl = strchr(p, '\n'), *end = nl ? nl : p + strlen(p);
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		if (tab) {
			size_t klen = (size_t)(tab - p);
			const char *v;
			size_t len;
			if (!(skip_in_b && find_line(b, p, klen, &v, &len)))
				diff_key(a_is_old ? a : b, a_is_old ? b : a, p, klen, d);
		}
		p = nl ? nl + 1 : end;
	}
}

void tier_rules_compare(const char *old, const char *now, struct tier_rules_diff *d)
{
	memset(d, 0, sizeof *d);
	diff_keys_of(now, old, false, false, d); /* every key of the new rules, in its order */
	diff_keys_of(old, now, true, true, d);   /* then the keys they no longer have */
}

void tier_rules_diff_free(struct tier_rules_diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].what);
		free(d->v[i].was);
		free(d->v[i].now);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}
