/* demo_plan.h — the visits of the demo restaurant's guests: each guest's plan (visits per month
 * over 18 months, the money aimed at, in a pattern that keeps their tier row over the last three
 * complete months), and the visits of one month drawn from it. Pure functions of the seed and
 * the guest's index: no I/O. */
#ifndef MAITRE_DEMO_PLAN_H
#define MAITRE_DEMO_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"

#define DEMO_MONTHS 18 /* months of visits; the last one is the current, partial month */

/* The months of the demo's history: the seed, and the first day and length of each month (days
 * since 1970) up to today, the last day with visits. */
struct demo_calendar {
	uint64_t seed;
	long month_first[DEMO_MONTHS]; /* first day of each month */
	int month_days[DEMO_MONTHS];   /* days of each month */
	long today;
};
void demo_calendar_init(struct demo_calendar *cal, uint64_t seed, struct date today);

/* A guest's visit plan: visits per month and the money they aim at. */
struct demo_plan {
	uint8_t k[DEMO_MONTHS]; /* visits per month */
	int8_t letter;     /* targets[] row the amounts follow, or -1: free amounts */
	uint8_t lunch_pct; /* share of lunches */
	uint8_t t;         /* visits over the window (for spreading the monthly spend) */
	bool hard;         /* the window must keep to targets[letter] */
	uint16_t spend;    /* monthly spend aimed at, yuan */
	uint16_t pc10;     /* per-capita aimed at, in 0.1 yuan */
	int32_t start, stop; /* visits only on days in [start, stop) (days since 1970) */
};
/* The plan of guest i. */
void demo_plan_make(const struct demo_calendar *cal, long i, struct demo_plan *p);
/* Scales plans[0..guests) so that the mean number of visits per guest is about target; the
 * tier figures no longer hold. */
void demo_plan_scale(const struct demo_calendar *cal, struct demo_plan *plans, long guests,
		     double target);

/* One visit drawn from a plan. */
struct demo_visit {
	int32_t day;
	uint8_t meal, covers, room; /* room: 0 none, 1..: demo_rooms[room-1], 100+: hall table */
	uint8_t note;               /* 0 none, else demo_visit_notes[note-1] */
	uint32_t guest;
	int64_t spend;
};
/* Writes the visits of guest i (plan p) in month m to v (room for 62). Returns how many. */
int demo_plan_month(const struct demo_calendar *cal, long i, const struct demo_plan *p, int m,
		    struct demo_visit *v);
/* Orders visits by day, meal and guest (qsort). */
int demo_visit_cmp(const void *a, const void *b);

#endif
