/* demo_office.h — the back office's history of the demo restaurant (maitre demo, after the
 * guests, their visits and their tiers). */
#ifndef MAITRE_DEMO_OFFICE_H
#define MAITRE_DEMO_OFFICE_H

#include <stdint.h>

#include "core/date.h"
#include "core/tier.h"
#include "store/store.h"

#define DEMO_OFFICE_MAX_GUESTS 200000L /* a back-office history above this would only take time */

struct demo_office_stats {
	long contacts, complaints, alerts;
};

/* The back office's history for the demo restaurant st of `guests` guests (their tiers stored,
 * rules r): the sales managers' calls, visits and banquets (most guests within their tier's
 * cadence, some overdue, some never; at most a few thousand), complaints about recent visits at
 * every stage of recovery (at most a few hundred; some past their deadline on `today`), and the
 * alerts of the last complete month, some with feedback and action items. Same seed, same
 * history. */
enum store_status demo_office(struct store *st, const struct tier_rules *r, long guests,
			      uint64_t seed, struct date today, struct demo_office_stats *out);

#endif
