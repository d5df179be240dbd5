/* tier.h — the restaurant's rules (domain.md §4–§6) as loaded from tiers.yaml: tier rules with
 * their thresholds, privileges per letter tier, alert triggers, complaint deadlines; and the
 * pure evaluation of a guest's monthly figures against them. No I/O. */
#ifndef MAITRE_TIER_H
#define MAITRE_TIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/guest.h"
#include "core/strv.h"

/* The criteria a rule may require. */
enum tier_criterion {
	CRIT_VISITS = 1,     /* average visits per month (lunch and dinner each count) */
	CRIT_SPEND = 2,      /* average spend per month */
	CRIT_PER_CAPITA = 4, /* total spend / total covers over the window */
	CRIT_ALL = 7,
};

/* One row of the tier table: "A quality: 6 visits, ¥5000, ¥80 per head". */
struct tier_rule {
	char tier[8];            /* the letter tier ("A"); privileges are per letter */
	char group[24];          /* "quality", "active", ... */
	double min_visits;       /* per month */
	int64_t min_spend;       /* fen per month */
	int64_t min_per_capita;  /* fen */
	unsigned requires;       /* CRIT_* bits that must all hold; default CRIT_ALL */
	int line, column;        /* where the rule stands in its file */
};

/* What a letter tier grants (domain.md §4, privileges table). */
struct tier_privilege {
	char tier[8];
	char greeter[64];         /* who attends and greets in person */
	int phone_days;           /* sales manager's call, every N days (0: none) */
	int visit_days;           /* sales manager's in-person visit, every N days (0: none) */
	int64_t gift_fen;         /* gift value on special dates */
	unsigned gift_occasions;  /* bits of 1 << enum date_kind */
	char banquet_host[64];    /* who hosts the banquet ("" : none) */
	int banquet_min_months, banquet_max_months;
	int64_t banquet_budget_fen; /* per table */
	char group_chat[64];
	int64_t trip_fen;         /* annual trip per person (0: none) */
	int max_discount_pct;     /* deepest discount staff may give, percent off */
	struct strv discount_exclusions; /* "drinks", "seafood", ... */
};

struct alert_rules {
	double yellow_factor;     /* thresholds scaled by this for yellow (1.0) */
	bool red_no_visit;        /* red: no visit this month */
	bool red_overdue_complaint; /* red: an unresolved complaint past its deadline */
	int red_severity_days;    /* red: a complaint of at least red_min_severity within N days */
	enum severity red_min_severity;
};

struct complaint_rules {
	int ack_hours;            /* acknowledge within (2) */
	int resolve_hours;        /* resolve within (48) */
	int followup_days;        /* follow up within N days of resolution (7) */
	int prior_days;           /* "prior complaint" mark at lookup for N days (180) */
};

struct tier_rules {
	char version[64];         /* the file's optional `version:` label */
	char hash[17];            /* hex of the content hash: with the label, the rules' identity */
	char source[512];         /* the file the rules came from */
	char *content;            /* the file's text (NUL-terminated), or NULL; freed with r */
	int window_months;        /* average over the last N complete months (3) */
	int grace_months;         /* keep a tier N months after first failing it (1) */
	struct tier_rule *rules;
	size_t nrules;
	struct tier_privilege *privs;
	size_t nprivs;
	struct alert_rules alerts;
	struct complaint_rules complaints;
};

/* A guest's figures over a window of months. */
struct tier_figures {
	int months;       /* months averaged over (≥ 1) */
	int visits;
	int covers;
	int64_t spend;    /* fen */
};

void tier_rules_init(struct tier_rules *r);
void tier_rules_free(struct tier_rules *r);

/* Averages of f: visits and spend per month, per-capita (0 when no covers). */
double tier_avg_visits(const struct tier_figures *f);
int64_t tier_avg_spend(const struct tier_figures *f);
int64_t tier_per_capita(const struct tier_figures *f);

/* Whether f satisfies rule (scaled by factor: 1.0 normally, yellow_factor for alerts). */
bool tier_rule_holds(const struct tier_rule *rule, const struct tier_figures *f, double factor);
/* The same for a month share (0 to 1) gone: the visits and spend thresholds are scaled by
 * factor × share, the per-head threshold, an average, by factor alone. */
bool tier_rule_holds_so_far(const struct tier_rule *rule, const struct tier_figures *f,
			    double factor, double share);
/* The criteria (CRIT_* bits) f meets, required by rule or not, each against its threshold
 * scaled as tier_rule_holds_so_far scales it; per head needs covers. */
unsigned tier_criteria_met(const struct tier_rule *rule, const struct tier_figures *f,
			   double factor, double share);
/* The index of the first rule (top-down) that f satisfies, or -1 (untiered). */
int tier_match(const struct tier_rules *r, const struct tier_figures *f);
/* The privileges of letter tier, or NULL. */
const struct tier_privilege *tier_privilege_for(const struct tier_rules *r, const char *tier);

/* The name of one criterion bit ("visits", "spend", "per_capita"), or NULL. Static storage. */
const char *tier_criterion_name(unsigned crit);
/* The CRIT_* bit named s, or 0 when s names no criterion. */
unsigned tier_criterion_from_name(const char *s);
/* A word of the rules as a reader sees it (a translation), or the word itself when NULL. */
typedef const char *(*tier_word_fn)(const char *word);
/* "all", or the criteria of req joined by sep ("spend+per_capita"), each through word; into
 * buf of size bytes. Returns buf. */
char *tier_requires_text(unsigned req, const char *sep, tier_word_fn word, char *buf,
                         size_t size);
/* The date kinds of gift_occasions bits joined by ", " ("birthday, anniversary"), each through
 * word; "" when none. Into buf of size bytes; returns buf. */
char *tier_occasions_text(unsigned bits, tier_word_fn word, char *buf, size_t size);

/* A tier as shown: "A quality" (the letter and its group), "A" without a group, "untiered" when
 * tier is "" or NULL; into buf of size bytes (TIER_LABEL_SIZE fits any). Returns buf. */
enum { TIER_LABEL_SIZE = 40 };
char *tier_label(const char *tier, const char *grp, char *buf, size_t size);

/* True when rule `above`, standing before `below`, wins for every guest `below` would match:
 * each criterion `above` requires is also required by `below`, with a threshold of `below` at
 * least that of `above`. `below` can then never match. */
bool tier_rule_shadows(const struct tier_rule *above, const struct tier_rule *below);

/* The rules as text, one line per item, "KEY<TAB>VALUE": window and grace, the order of the
 * rules, each rule's required thresholds (tier by tier), each tier's privileges (one line per
 * privilege, tiers sorted), alerts and complaint deadlines; what the rules do and nothing
 * else (no comment, label, unused threshold or order of the privileges). Two rules files
 * decide the same exactly when their texts are equal. Caller frees. */
char *tier_rules_canonical(const struct tier_rules *r);

/* One item that differs between two canonical texts: what ("rule B active", "A gift",
 * "order"), its value before and now (NULL: not there). */
struct tier_rules_change {
	char *what, *was, *now;
};
struct tier_rules_diff {
	struct tier_rules_change *v;
	size_t n, cap;
};
/* The items of canonical texts old and now (tier_rules_canonical) that differ, in the order of
 * now's items, then those now lacks. d is overwritten; free it with tier_rules_diff_free. */
void tier_rules_compare(const char *old, const char *now, struct tier_rules_diff *d);
void tier_rules_diff_free(struct tier_rules_diff *d);

#endif
