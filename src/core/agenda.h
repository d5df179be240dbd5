/* agenda.h — special dates, gifts and the contact cadence (domain.md §4 privileges, §7): when a
 * month-day date next falls, how old or how many years, whether a sales manager's call, visit or
 * a hosted banquet is due under a tier's cadence, and the gift a tier grants. Pure: no I/O. */
#ifndef MAITRE_AGENDA_H
#define MAITRE_AGENDA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/guest.h"
#include "core/tier.h"

/* The day month-day (month, day) falls on in year y: 29 February falls on 28 February in
 * common years (any day past the month's end falls on its last day). */
struct date agenda_in_year(int month, int day, int y);
/* The first day on or after from that month-day (month, day) falls on: from 2026-12-28,
 * 01-03 falls on 2027-01-03. */
struct date agenda_next(int month, int day, struct date from);
/* Days from from to agenda_next(month, day, from): 0 when it falls on from, at most 365. */
int agenda_days_until(int month, int day, struct date from);
/* The occurrence of month-day nearest to the day `near`, before or after it (a tie goes to the
 * coming one): the occasion a gift given that day belongs to, and so the gift's year. */
struct date agenda_nearest(int month, int day, struct date near);
/* Years from year to the occurrence on: the age reached on a birthday, the number of an
 * anniversary. 0 when the year is unknown (0) or not before on.y. */
int agenda_years(int year, struct date on);
/* d plus n months (n ≥ 0), the day kept or clamped to the month's end: 2026-08-31 + 3 months =
 * 2026-11-30. */
struct date agenda_add_months(struct date d, int n);

enum agenda_state {
	AGENDA_NONE,    /* the tier has no such cadence */
	AGENDA_NOT_DUE, /* not yet: due from .from */
	AGENDA_DUE,     /* due: from .from, overdue after .by */
	AGENDA_OVERDUE, /* past .by */
};

/* Where a guest stands against one cadence on a given day. */
struct agenda_due {
	enum agenda_state state;
	bool never;       /* no contact (banquet) was ever recorded: due from today */
	struct date from; /* the first day it is due */
	struct date by;   /* the last day before it is overdue (== from for calls and visits) */
	int until;        /* days until from (> 0 only when AGENDA_NOT_DUE) */
	int left;         /* by − today: days left to do it (≥ 0), negative when overdue */
};

/* The sales manager's call or in-person visit every `every` days (a tier's phone_days or
 * visit_days; ≤ 0: none), the last one of that channel on *last (NULL: never). Due on
 * last + every, overdue from the day after; never contacted: due today. */
struct agenda_due agenda_cadence(int every, const struct date *last, struct date today);
/* A hosted banquet every min_months to max_months (a tier's banquet cadence; min ≤ 0: none;
 * max < min counts as min), the last one on *last (NULL: never). Due from last + min months,
 * overdue after last + max months; never held: due today. */
struct agenda_due agenda_banquet(int min_months, int max_months, const struct date *last,
                                 struct date today);

/* The gift tier privilege p grants for a special date of kind (birthday, anniversary, other),
 * the guest's own or (of_person) an associated person's: true with *fen when the occasion is
 * among p's gift_occasions and the gift has a value; false when p is NULL or the occasion is
 * not granted (tier C: birthday only). Decision: the dates of the people around the guest
 * (a spouse's birthday) count as "other special dates" — tiers A and B grant a gift for them,
 * tier C (the guest's birthday only) does not. */
bool agenda_gift(const struct tier_privilege *p, enum date_kind kind, bool of_person, int64_t *fen);

#endif
