/* demo_office.h — the back office's history of the demo restaurant (maitre demo, after the
 * guests, their visits and their tiers). */
#ifndef MAITRE_DEMO_OFFICE_H
#define MAITRE_DEMO_OFFICE_H

#include <stdbool.h>
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

/* A member of the demo's staff beyond the sales managers. */
struct demo_member {
	const char *login, *name, *role;
	const char *pin; /* NULL: none (the demo prints the others, and README says them) */
	bool shared;
};
extern const struct demo_member demo_members[];
extern const size_t demo_members_n;

struct roles;
/* Gives the demo's staff their roles (of roles): the sales managers named on the guests'
 * sheets sales-manager, with their names; then demo_members: managers, the front desk's shared
 * login (a receptionist) and receptionists with their PINs. The login that made the demo stays
 * its admin. Audited as that login's changes. */
enum store_status demo_staff(struct store *st, const struct roles *roles);

#endif
