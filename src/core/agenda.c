#include "core/agenda.h"

#include <stddef.h>

struct date agenda_in_year(int month, int day, int y)
{
	struct date d = {y, month, day};
	int last = date_month_days(y, month);
	if (d.d > last)
		d.d = last;
	return d;
}

struct date agenda_next(int month, int day, struct date from)
{
	struct date d = agenda_in_year(month, day, from.y);
	if (date_to_days(d) < date_to_days(from))
		d = agenda_in_year(month, day, from.y + 1);
	return d;
}

int agenda_days_until(int month, int day, struct date from)
{
	return (int)(date_to_days(agenda_next(month, day, from)) - date_to_days(from));
}

struct date agenda_nearest(int month, int day, struct date near)
{
	struct date next = agenda_next(month, day, near);
	struct date prev = agenda_in_year(month, day, next.y - 1);
	long n = date_to_days(near);
	if (n - date_to_days(prev) < date_to_days(next) - n)
		return prev;
	return next;
}

int agenda_years(int year, struct date on)
{
	return year > 0 && year < on.y ? on.y - year : 0;
}

struct date agenda_add_months(struct date d, int n)
{
	int m0 = d.m - 1 + n;
	return agenda_in_year(m0 % 12 + 1, d.d, d.y + m0 / 12);
}

/* Fills the state of a cadence due from `from`, overdue after `by`. */
static struct agenda_due due_between(struct date from, struct date by, struct date today)
{
	struct agenda_due r = {.state = AGENDA_DUE, .from = from, .by = by};
	long t = date_to_days(today);
	r.left = (int)(date_to_days(by) - t);
	if (date_to_days(from) > t) {
		r.state = AGENDA_NOT_DUE;
		r.until = (int)(date_to_days(from) - t);
	} else if (r.left < 0) {
		r.state = AGENDA_OVERDUE;
	}
	return r;
}

struct agenda_due agenda_cadence(int every, const struct date *last, struct date today)
{
	struct agenda_due r = {.state = AGENDA_NONE};
	if (every <= 0)
		return r;
	if (!last) {
		r = due_between(today, today, today);
		r.never = true;
		return r;
	}
	struct date due = date_add_days(*last, every);
	return due_between(due, due, today);
}

struct agenda_due agenda_banquet(int min_months, int max_months, const struct date *last,
                                 struct date today)
{
	struct agenda_due r = {.state = AGENDA_NONE};
	if (min_months <= 0)
		return r;
	if (max_months < min_months)
		max_months = min_months;
	if (!last) {
		r = due_between(today, today, today);
		r.never = true;
		return r;
	}
	return due_between(agenda_add_months(*last, min_months),
	                   agenda_add_months(*last, max_months), today);
}

bool agenda_gift(const struct tier_privilege *p, enum date_kind kind, bool of_person, int64_t *fen)
{
	if (of_person)
		kind = DATE_OTHER;
	if (!p || (unsigned)kind >= DATE_KIND_COUNT || !(p->gift_occasions & (1u << kind)) ||
	    p->gift_fen <= 0)
		return false;
	*fen = p->gift_fen;
	return true;
}
