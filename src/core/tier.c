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
