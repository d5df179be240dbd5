/* agenda_store.h — special dates coming up, gifts given, the sales managers' contacts and the
 * banquets hosted for guests (domain.md §7), and the agenda that the tier cadences make of them.
 *
 * A guest's tier is their letter tier in force this month: the most recent tier_month row at
 * or before the month of `today` ("" when there is none, or it holds no tier). */
#ifndef MAITRE_AGENDA_STORE_H
#define MAITRE_AGENDA_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/agenda.h"
#include "core/date.h"
#include "core/guest.h"
#include "core/strv.h"
#include "core/tier.h"
#include "store/store.h"

/* What one agenda row asks of the staff. */
enum agenda_what { AGENDA_PHONE, AGENDA_VISIT, AGENDA_BANQUET, AGENDA_DATE, AGENDA_WHAT_COUNT };
/* "phone", "visit", "banquet", "date" */
extern const char *const agenda_what_names[AGENDA_WHAT_COUNT];

/* A row of the upcoming dates or of the agenda. */
struct agenda_row {
	enum agenda_what what;
	int64_t guest_id;
	char *guest;   /* the guest's name */
	char *manager; /* the guest's sales manager (login), or NULL */
	char tier[8];  /* the guest's letter tier this month; "" untiered */
	/* AGENDA_PHONE, _VISIT, _BANQUET: the cadence, from the last one (last.y == 0: never) */
	struct agenda_due due;
	struct date last;
	/* AGENDA_DATE */
	struct date on;    /* the day it falls on next */
	int days;          /* days from today to on */
	int64_t date_id;   /* the special_date row */
	int64_t person_id; /* 0: the guest's own date */
	char *person;      /* "relation name" of the associated person, NULL for the guest */
	enum date_kind kind;
	char *label;   /* the name of another date (DATE_OTHER) */
	int year;      /* the year of the date when known, else 0 */
	int years;     /* age reached or anniversary number on `on`; 0 when unknown */
	bool has_gift; /* the tier grants a gift for this occasion: gift_fen */
	int64_t gift_fen;
	bool given; /* a gift for this occasion is recorded for the year of `on` */
};

/* Frees the strings of rows[0..n) and the array. */
void agenda_rows_free(struct agenda_row *rows, size_t n);
/* The occasion of a date row: its label for another date, else the kind's name ("birthday").
 * Points into r. */
const char *agenda_row_occasion(const struct agenda_row *r);

/* The special dates of guests and of their associated people that fall in the `days` days
 * starting today (1 ≤ days ≤ 366; today is day 0), each once, at its next occurrence; 29
 * February falls on 28 February in common years. Only guests of sales manager `staff` (a
 * login) when not NULL (ST_NOTFOUND when no staff member has that login). rules (may be NULL)
 * gives the gifts. Ordered by day, guest id, the guest's own dates first. *rows is malloc'ed:
 * free with agenda_rows_free. */
enum store_status agenda_store_upcoming(struct store *st, const struct tier_rules *rules,
                                        struct date today, int days, const char *staff,
                                        struct agenda_row **rows, size_t *n);

/* The agenda of sales manager `staff` (a login; NULL: every guest): for each guest with a
 * tier whose privileges (in rules) set a cadence, the phone call and the in-person visit that
 * are due or overdue today (from the last contact of that channel), the hosted banquet that is
 * due or overdue (from the last banquet), and then their special dates in the `days` days
 * starting today with the gift. Ordered by day (overdue first), then phone, visit, banquet,
 * date, then guest id. *rows: free with agenda_rows_free. ST_NOTFOUND for an unknown login. */
enum store_status agenda_store_agenda(struct store *st, const struct tier_rules *rules,
                                      struct date today, int days, const char *staff,
                                      struct agenda_row **rows, size_t *n);

/* The day of an item that was never done (agenda_item.ref). */
#define AGENDA_NEVER INT32_MIN

/* One row of an agenda, compact: what its order and its counts need (an agenda of every guest
 * holds hundreds of thousands of rows; a screen shows a few). agenda_list_row makes the row. */
struct agenda_item {
	uint32_t guest_lo; /* the guest id, 48 bits: agenda_item_guest */
	uint16_t guest_hi;
	uint8_t what; /* enum agenda_what */
	uint8_t tier; /* index into tiers */
	int32_t day;  /* the row's day from today: due.left of a call, visit or banquet (negative:
	               * overdue), days of a date */
	int32_t ref;  /* a date: its index in dates; else the day of the last one (date_to_days),
	               * AGENDA_NEVER when never */
};

/* The guest of item x. */
static inline int64_t agenda_item_guest(const struct agenda_item *x)
{
	return (int64_t)((uint64_t)x->guest_hi << 32 | x->guest_lo);
}

/* The agenda as agenda_store_list reads it: the items in the order of agenda_store_agenda. */
struct agenda_list {
	struct agenda_item *items;
	size_t n;
	struct agenda_row *dates; /* the date rows, whole (their names read) */
	size_t ndates;
	char tiers[256][8]; /* the tiers met; 0: "" */
	size_t ntiers;
	struct date today;
	int days;
};

/* The agenda of agenda_store_agenda, compact (16 bytes a row): the same rows in the same order,
 * but a call's, visit's or banquet's guest name and sales manager are not read
 * (agenda_list_row, agenda_store_names). ST_INVALID for a guest id of more than 48 bits. Free
 * with agenda_list_free. */
enum store_status agenda_store_list(struct store *st, const struct tier_rules *rules,
                                    struct date today, int days, const char *staff,
                                    struct agenda_list *out);
/* Item i of l as a whole row into *r, as agenda_store_agenda has it but for the guest's name
 * and sales manager of a call, visit or banquet (NULL: agenda_store_names reads them); rules
 * as given to agenda_store_list. r's strings are copies: free with agenda_rows_free. */
void agenda_list_row(const struct agenda_list *l, const struct tier_rules *rules, size_t i,
                     struct agenda_row *r);
void agenda_list_free(struct agenda_list *l);
/* Reads the guest's name and sales manager of the rows of rows[0..n) that have none (one seek
 * per guest). */
enum store_status agenda_store_names(struct store *st, struct agenda_row *rows, size_t n);

/* The agenda of every guest (staff NULL) or of staff's guests as agenda_store_agenda, read the
 * simple way: each guest's tier and last contacts sought one by one, no pass over tier_month
 * (for the tests, which compare it with agenda_store_agenda). */
enum store_status agenda_store_agenda_simple(struct store *st, const struct tier_rules *rules,
                                             struct date today, int days, const char *staff,
                                             struct agenda_row **rows, size_t *n);

/* Whether login is the sales manager of at least one guest. */
enum store_status agenda_store_is_manager(struct store *st, const char *login, bool *yes);

/* Guest id's letter tier this month (as of today) into tier ("" when untiered). ST_NOTFOUND
 * when there is no such guest. */
enum store_status agenda_store_tier(struct store *st, int64_t guest_id, struct date today,
                                    char tier[8]);

/* A gift given for a special date. */
struct agenda_gift {
	int64_t guest_id;
	const char *occasion; /* "birthday", "anniversary", or the label of another date */
	const char *person;   /* an associated person (relation or name); NULL: the guest */
	int year;             /* the occasion's year; 0: the occurrence nearest today */
	bool has_value;       /* value_fen given; else what the guest's tier grants */
	int64_t value_fen;
	const char *note;
	/* set by agenda_store_gift */
	int64_t id;
	char tier[8];
};

/* Records gift g, given today, in one transaction with its audit row; sets g->id, g->year,
 * g->tier and (without has_value) g->value_fen from the tier's privilege in rules.
 * ST_NOTFOUND: no such guest, person, or date of that occasion; ST_INVALID: no value given
 * and the tier grants none for the occasion, or bad input ("field: reason");
 * ST_DUPLICATE: a gift for that occasion and year is already recorded. */
enum store_status agenda_store_gift(struct store *st, const struct tier_rules *rules,
                                    struct date today, struct agenda_gift *g);

/* A contact of the sales manager (the login) with a guest. */
struct agenda_contact {
	int64_t guest_id;
	const char *channel;  /* "phone", "visit" or "wechat" */
	struct date on;       /* the day; y == 0: today */
	const char *outcome;  /* required */
	const char *feedback; /* may be NULL */
	int64_t id;           /* set by agenda_store_contact */
};

/* Records contact c (on a day not after today) in one transaction with its audit row; sets
 * c->id. ST_NOTFOUND: no such guest; ST_INVALID: bad input ("field: reason"). */
enum store_status agenda_store_contact(struct store *st, struct date today,
                                       struct agenda_contact *c);

/* A banquet hosted for a guest. */
struct agenda_banquet {
	int64_t guest_id;
	struct date on; /* the day it was held (not after today) */
	int tables;     /* 0: not given */
	bool has_budget, has_actual;
	int64_t budget_fen; /* without has_budget: tables × the tier's budget per table */
	int64_t actual_fen;
	const char *note;
	/* set by agenda_store_banquet */
	int64_t id;
	char host[64]; /* who hosts it under the guest's tier ("" when unknown) */
};

/* Records banquet b in one transaction with its audit row; sets b->id, b->host and the
 * default budget from the tier's privilege in rules. ST_NOTFOUND: no such guest;
 * ST_INVALID: bad input ("field: reason"). */
enum store_status agenda_store_banquet(struct store *st, const struct tier_rules *rules,
                                       struct date today, struct agenda_banquet *b);

/* EXPLAIN QUERY PLAN of every read statement of this module, one "SQL => | plan | ..." string
 * each appended to out (for the tests: no statement may scan a big table). */
enum store_status agenda_store_explain(struct store *st, struct strv *out);

#endif
