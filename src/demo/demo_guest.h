/* demo_guest.h — one guest of the demo restaurant: a Chinese (or Latin) name with the title
 * staff use, unique phone numbers, a work unit, tastes and usual dishes kept consistent with
 * taboos and allergies, dates, associated people, looks, tags and notes. A pure function of the
 * seed and the guest's index: guests can be made in any order, on any thread. */
#ifndef MAITRE_DEMO_GUEST_H
#define MAITRE_DEMO_GUEST_H

#include <stdint.h>

#include "core/date.h"
#include "core/guest.h"

/* What every guest of one demo shares: the seed, this year (no special date after it), and the
 * keys of the phone numbers' permutations. */
struct demo_guest_ctx {
	uint64_t seed;
	int this_year;
	uint64_t mobile_key, landline_key;
};
void demo_guest_ctx_init(struct demo_guest_ctx *cx, uint64_t seed, struct date today);

/* Fills g (initialised, empty) with guest i. Returns how many associated people it has. */
long demo_guest_make(const struct demo_guest_ctx *cx, long i, struct guest *g);

#endif
