/* tier_calc.h — a guest's tier for a month (domain.md §4 Decisions): the window, the demotion
 * grace, manual overrides, and the distance to the next tier up. Pure functions. */
#ifndef MAITRE_TIER_CALC_H
#define MAITRE_TIER_CALC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/tier.h"

/* What a guest held the month before. */
struct tier_prev {
	bool held;        /* a row existed and named a tier */
	char tier[8];
	char grp[24];
	bool earned;      /* by the rules or by grace (not by an override) */
	int grace;        /* consecutive months already kept by grace */
};

/* A manual override in force for the month. */
struct tier_override_in {
	bool active;
	char tier[8];
	char grp[24];
};

enum tier_source { TS_NONE, TS_RULES, TS_GRACE, TS_OVERRIDE };
extern const char *const tier_source_names[4]; /* "none", "rules", "grace", "override" */

struct tier_decision {
	int rule;          /* the rule the figures satisfy, or -1 */
	char tier[8];      /* in force ("" when untiered) */
	char grp[24];
	enum tier_source source;
	int grace;         /* months kept by grace, counting this one */
};

/* The rank of (tier, grp) among the rules: the index of the first rule naming them (grp "" :
 * any group of that letter); r->nrules when none (untiered ranks lowest). */
int tier_rank(const struct tier_rules *r, const char *tier, const char *grp);

/* The rule a guest who held (tier, grp) is judged against for alerts: that tier's rule, and
 * for a letter alone (grp "" or NULL: a letter-only override) the letter's active thresholds,
 * its group "active", else its last rule, the most lenient. r->nrules when none. */
int tier_alert_rule(const struct tier_rules *r, const char *tier, const char *grp);

/* The month whose tiers are in force on day today: the last complete month. A month still
 * running can be computed, but its tiers are provisional (domain.md §4): the card, privileges,
 * gifts and the agenda use the month before. d = 1. */
struct date tier_held_month(struct date today);

/* Months to average over for month m: r->window_months, or fewer when the guest's first visit
 * falls inside the window (then the months from the first visit to m, inclusive). */
int tier_window_months(int window_months, struct date first_visit, struct date m);

/* The first month of the window of window_months ending with m (d = 1). */
struct date tier_window_start(int window_months, struct date m);

/* Decides the tier in force: an override wins; else the rules' tier, unless the guest held an
 * earned tier of a higher letter last month and has been kept by grace for fewer than
 * grace_months (then last month's tier, group and all). A fall within a letter is never held
 * back: grace protects the letter, which the privileges belong to. */
void tier_decide(const struct tier_rules *r, const struct tier_figures *window,
		 const struct tier_prev *prev, const struct tier_override_in *ov,
		 struct tier_decision *out);

/* What figures f still lack for rule: whole visits, and spend in fen (the larger of what the
 * monthly average and the per-capita threshold need, covers unchanged). Zero when met. */
struct tier_gap {
	int visits;
	int64_t spend;
};
void tier_gap_to(const struct tier_rule *rule, const struct tier_figures *f, struct tier_gap *gap);

/* The next tier up from rule (an index of r->rules, or -1 for an untiered guest): the nearest
 * rule above with another letter or group; NULL at the top. */
const struct tier_rule *tier_next_up(const struct tier_rules *r, int rule);

#endif
