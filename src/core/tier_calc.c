#include "core/tier_calc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const tier_source_names[4] = {"none", "rules", "grace", "override"};

int tier_rank(const struct tier_rules *r, const char *tier, const char *grp)
{
	for (size_t i = 0; tier && *tier && i < r->nrules; i++)
		if (strcmp(r->rules[i].tier, tier) == 0 &&
		    (!grp || !*grp || strcmp(r->rules[i].group, grp) == 0))
			return (int)i;
	return (int)r->nrules;
}

struct date tier_held_month(struct date today)
{
	return date_prev_month(date_month_start(today));
}

int tier_alert_rule(const struct tier_rules *r, const char *tier, const char *grp)
{
	if (grp && *grp)
		return tier_rank(r, tier, grp);
	int last = (int)r->nrules;
	for (size_t i = 0; tier && *tier && i < r->nrules; i++) {
		if (strcmp(r->rules[i].tier, tier) != 0)
			continue;
		if (strcmp(r->rules[i].group, "active") == 0)
			return (int)i;
		last = (int)i;
	}
	return last;
}

static int month_index(struct date d)
{
	return d.y * 12 + (d.m - 1);
}

struct date tier_window_start(int window_months, struct date m)
{
	int idx = month_index(m) - (window_months > 0 ? window_months - 1 : 0);
	struct date d = {idx / 12, idx % 12 + 1, 1};
	return d;
}

int tier_window_months(int window_months, struct date first_visit, struct date m)
{
	if (window_months < 1)
		window_months = 1;
	int since = month_index(m) - month_index(first_visit) + 1;
	if (since < 1)
		since = 1;
	return since < window_months ? since : window_months;
}

static void set_tier(struct tier_decision *out, const char *tier, const char *grp)
{
	snprintf(out->tier, sizeof out->tier, "%s", tier ? tier : "");
	snprintf(out->grp, sizeof out->grp, "%s", grp ? grp : "");
}

void tier_decide(const struct tier_rules *r, const struct tier_figures *window,
		 const struct tier_prev *prev, const struct tier_override_in *ov,
		 struct tier_decision *out)
{
	memset(out, 0, sizeof *out);
	out->rule = window->visits > 0 || window->spend > 0 ? tier_match(r, window) : -1;
	if (ov && ov->active) {
		set_tier(out, ov->tier, ov->grp);
		out->source = TS_OVERRIDE;
		return;
	}
	/* grace protects the letter, whose privileges it is: a fall within a letter (A quality to
	 * A active) takes effect at once; a fall to a lower letter keeps last month's tier */
	int computed = out->rule >= 0 ? tier_rank(r, r->rules[out->rule].tier, NULL)
				      : (int)r->nrules;
	if (prev && prev->held && prev->earned && prev->grace < r->grace_months) {
		int held = tier_rank(r, prev->tier, NULL);
		if (held < computed && held < (int)r->nrules) {
			set_tier(out, prev->tier, prev->grp);
			out->source = TS_GRACE;
			out->grace = prev->grace + 1;
			return;
		}
	}
	if (out->rule >= 0) {
		set_tier(out, r->rules[out->rule].tier, r->rules[out->rule].group);
		out->source = TS_RULES;
	} else {
		out->source = TS_NONE;
	}
}

void tier_gap_to(const struct tier_rule *rule, const struct tier_figures *f, struct tier_gap *gap)
{
	unsigned req = rule->requires ? rule->requires : CRIT_ALL;
	int months = f->months > 0 ? f->months : 1;
	memset(gap, 0, sizeof *gap);
	if (req & CRIT_VISITS) {
		double need = ceil(rule->min_visits * months - 1e-9) - f->visits;
		gap->visits = need > 0 ? (int)need : 0;
	}
	int64_t spend = 0;
	if (req & CRIT_SPEND) {
		int64_t need = rule->min_spend * months - f->spend;
		if (need > spend)
			spend = need;
	}
	if ((req & CRIT_PER_CAPITA) && f->covers > 0) {
		int64_t need = rule->min_per_capita * f->covers - f->spend;
		if (need > spend)
			spend = need;
	}
	gap->spend = spend;
}

const struct tier_rule *tier_next_up(const struct tier_rules *r, int rule)
{
	const struct tier_rule *shown = rule >= 0 ? &r->rules[rule] : NULL;
	int rank = rule >= 0 ? rule : (int)r->nrules;
	for (int i = rank - 1; i >= 0; i--)
		if (!shown || strcmp(r->rules[i].tier, shown->tier) ||
		    strcmp(r->rules[i].group, shown->group))
			return &r->rules[i];
	return NULL;
}
