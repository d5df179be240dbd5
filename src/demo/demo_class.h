/* demo_class.h — the kinds of guest the demo restaurant has: regulars of each tier row,
 * occasional, lapsed and new guests, and profiles without visits. A guest's kind shapes both the
 * profile (spending power, tags) and the visits. */
#ifndef MAITRE_DEMO_CLASS_H
#define MAITRE_DEMO_CLASS_H

#include <stdint.h>

/* Latent classes. The first six keep the figures of one tier row of domain.md §4 over the last
 * three complete months (the rows are evaluated top-down, all criteria required). */
enum demo_kind {
	K_AQ, K_AA, K_BQ, K_BA, K_CQ, K_CA, /* tier rows, in order */
	K_OCCASIONAL, /* below C */
	K_LAPSED,     /* was regular, stopped 1-4 months ago: red alerts */
	K_NEW,        /* first visit in the last three months */
	K_DORMANT,    /* a profile without visits (from the old paper sheets) */
	K_COUNT
};

struct demo_class {
	enum demo_kind k;
	int letter; /* for tiered, lapsed and tier-like newcomers: the tier row (0 A quality .. 5 C
	             * active) their visits keep to, else -1 */
};

/* The kind of guest i of seed (drawn from their own random stream). */
struct demo_class demo_class_of(uint64_t seed, long i);

#endif
