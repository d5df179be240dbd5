/* demo.h — generating a realistic demo restaurant into an empty database (maitre demo).
 *
 * Guests get Chinese names with the titles staff use (孙先生, 刘局长, 唐总, 欧阳主任), some Latin
 * names, unique mobile and landline numbers, Bozhou work units, tastes, usual dishes, taboos and
 * allergies (pork for every 回族 guest), birthdays and anniversaries, associated people with
 * their own preferences and dates, a sales manager, looks, tags and notes. Visits cover the 18
 * months up to opts.today, lunch and dinner, in patterns that populate every tier of domain.md
 * §4 over the last three complete months, plus occasional guests, lapsed guests (red alerts),
 * slipping guests (yellow alerts) and newcomers. One seed gives the same data everywhere. */
#ifndef MAITRE_DEMO_H
#define MAITRE_DEMO_H

#include <stdint.h>
#include <stdio.h>

#include "core/date.h"
#include "store/store.h"

#define DEMO_MAX_GUESTS 10000000L          /* phone numbers stay unique up to here */
#define DEMO_MAX_VISITS_PER_GUEST 500.0   /* 18 months of lunch and dinner hold ~1,100 */

struct demo_opts {
	long guests;             /* 1 .. DEMO_MAX_GUESTS */
	double visits_per_guest; /* mean visits per guest over the 18 months; < 0: the default
	                          * pattern (about 30); 0: no visits */
	uint64_t seed;
	struct date today; /* the last day with visits (the current month is partial) */
};

struct demo_stats {
	long guests, visits, phones, people;
	double profile_seconds, visit_seconds, index_seconds; /* index_seconds: building the indexes */
};

/* Why o cannot be used on st — "--guests must be from 1 to 10000000", "the database already
 * has guests: demo needs an empty database" — as a static string, or NULL when it can. The CLI
 * calls it first to print the reason; demo_generate returns ST_INVALID in those cases (and then
 * store_errmsg says nothing useful). */
const char *demo_check(struct store *st, const struct demo_opts *o);

/* Fills an open, empty store (opened with STORE_CREATE|STORE_BULK) with o->guests guests and
 * their visits, in transactions of a few thousand guests (or tens of thousands of visits), and
 * writes one summary audit row ("demo: 2000 guests, 95000 visits, seed 1"). progress (may be
 * NULL) gets a short line every so often. *out (may be NULL) receives the counts and the time
 * spent on profiles and on visits. Returns ST_OK or the failing status (message in
 * store_errmsg); the batches committed before a failure stay. */
enum store_status demo_generate(struct store *st, const struct demo_opts *o, struct demo_stats *out,
				FILE *progress);

#endif
