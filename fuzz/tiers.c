/* fuzz/tiers.c — the tier rules' loader (tiers_load_text) on any text. Invariants of rules it
 * accepts: they hold a copy of the text and its hash; their strings are without control
 * characters; a guest whose figures are exactly a rule's thresholds earns that rule or one
 * above it; loading the copy again gives the same rules. */
#include <math.h>

#include "config/tiers.h"
#include "core/text.h"
#include "fuzz.h"

/* The figures of one month that meet rule's thresholds exactly (one cover: the per-head spend
 * is the whole spend). */
static struct tier_figures thresholds(const struct tier_rule *rule)
{
	struct tier_figures f = {.months = 1, .covers = 1};
	f.visits = (int)ceil(rule->min_visits);
	f.spend = rule->min_spend > rule->min_per_capita ? rule->min_spend : rule->min_per_capita;
	return f;
}

static void check_rules(const struct tier_rules *r, const uint8_t *data, size_t size)
{
	char hash[17];
	tiers_hash((const char *)data, size, hash);
	FUZZ_CHECK(strcmp(r->hash, hash) == 0);
	FUZZ_CHECK(r->content && memcmp(r->content, data, size) == 0 && r->content[size] == '\0');
	FUZZ_CHECK_S(!text_has_controls(r->version), r->version);
	FUZZ_CHECK(r->window_months >= 1 && r->grace_months >= 0);
	for (size_t i = 0; i < r->nrules; i++) {
		const struct tier_rule *rule = &r->rules[i];
		FUZZ_CHECK_S(!text_has_controls(rule->tier) && *rule->tier, rule->tier);
		FUZZ_CHECK_S(!text_has_controls(rule->group), rule->group);
		FUZZ_CHECK(rule->min_visits >= 0 && rule->min_spend >= 0 &&
		           rule->min_per_capita >= 0);
		struct tier_figures f = thresholds(rule);
		FUZZ_CHECK(tier_rule_holds(rule, &f, 1.0));
		int m = tier_match(r, &f);
		FUZZ_CHECK(m >= 0 && (size_t)m <= i);
	}
	for (size_t i = 0; i < r->nprivs; i++) {
		const struct tier_privilege *p = &r->privs[i];
		FUZZ_CHECK_S(!text_has_controls(p->tier), p->tier);
		FUZZ_CHECK_S(!text_has_controls(p->greeter), p->greeter);
		FUZZ_CHECK_S(!text_has_controls(p->banquet_host), p->banquet_host);
		FUZZ_CHECK_S(!text_has_controls(p->group_chat), p->group_chat);
		FUZZ_CHECK(p->banquet_min_months <= p->banquet_max_months);
		FUZZ_CHECK(p->max_discount_pct >= 0 && p->max_discount_pct <= 100);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tier_rules r, again;
	struct strv errors = {0}, warnings = {0};
	tier_rules_init(&r);
	tier_rules_init(&again);
	if (tiers_load_text((const char *)data, size, "fuzz.yaml", &r, &errors, &warnings) == 0) {
		FUZZ_CHECK(errors.n == 0);
		check_rules(&r, data, size);
		FUZZ_CHECK(tiers_load_text(r.content, size, "fuzz.yaml", &again, NULL, NULL) == 0);
		FUZZ_CHECK(again.nrules == r.nrules && again.nprivs == r.nprivs &&
		           strcmp(again.hash, r.hash) == 0);
		for (size_t i = 0; i < r.nrules; i++) {
			const struct tier_rule *a = &again.rules[i], *b = &r.rules[i];
			FUZZ_CHECK(strcmp(a->tier, b->tier) == 0 && strcmp(a->group, b->group) == 0 &&
			           a->min_visits == b->min_visits && a->min_spend == b->min_spend &&
			           a->min_per_capita == b->min_per_capita &&
			           a->requires == b->requires && a->line == b->line);
		}
	} else {
		FUZZ_CHECK(errors.n > 0);
		FUZZ_CHECK(r.nrules == 0 && r.content == NULL); /* left untouched */
	}
	for (size_t i = 0; i < errors.n; i++)
		FUZZ_CHECK_S(strncmp(errors.v[i], "fuzz.yaml", 9) == 0, errors.v[i]);
	strv_free(&errors);
	strv_free(&warnings);
	tier_rules_free(&r);
	tier_rules_free(&again);
	return 0;
}
