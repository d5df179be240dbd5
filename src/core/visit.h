/* visit.h — one meal of one guest (domain.md §3): date, lunch or dinner, covers, spend. */
#ifndef MAITRE_VISIT_H
#define MAITRE_VISIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"

enum meal { MEAL_LUNCH, MEAL_DINNER };

extern const char *const meal_names[2]; /* "lunch", "dinner" */
/* "lunch"/"午市"/"l" → MEAL_LUNCH, "dinner"/"晚市"/"d" → MEAL_DINNER (choice_meal), else -1. */
int meal_from_name(const char *s);
/* The meal as the interface's language names it (午市, 晚市). Not to be freed. */
const char *meal_label(enum meal m);
/* The default meal for an hour of the day: lunch before 15:00, else dinner. */
enum meal meal_for_hour(int hour);

struct visit {
	int64_t id;
	int64_t guest_id;
	char date[11]; /* YYYY-MM-DD */
	enum meal meal;
	int covers;
	int64_t spend_fen;
	char *table_no;
	char *notes;
	/* filled in when read back */
	char *guest_name;
	char *entered_by;
	char *created_at;
	char *voided_at;
	char *voided_by;
	char *void_reason; /* the free text of the reason ("" when none) */
	char *void_code;   /* a void_codes name; NULL for a row voided before codes existed */
};

/* Why a visit is voided: stored as the code, shown in the viewer's language. */
enum void_code {
	VOID_TWICE,
	VOID_WRONG_GUEST,
	VOID_WRONG_AMOUNT,
	VOID_CORRECTED, /* the visit form's correction: voided and entered again */
	VOID_OTHER,
	VOID_CODE_COUNT
};
extern const char *const void_code_names[VOID_CODE_COUNT]; /* "twice", "wrong-guest", ... */
/* The code named s ("wrong-guest"), or -1. */
int void_code_from_name(const char *s);
/* How a void is shown: the label of code (a void_code_names name, or NULL for an old row)
 * and the free text, "wrong amount: 520 not 250", or the text alone for an old row. Caller
 * frees. */
char *void_reason_text(const char *code, const char *text);
/* Checks the reason typed for voiding with code: the text may be empty except for VOID_OTHER.
 * Returns 0, or -1 with e. */
int void_reason_check(enum void_code code, const char *text, struct error *e);

/* Covers as typed ("7", "７", " 12 "): a whole number from 1 to 999, full-width digits
 * folded. Returns 0 with *out, or -1 with e ("must be a whole number from 1 to 999, got
 * \"abc\""). The one rule for the form and the command line. */
int visit_parse_covers(const char *s, int *out, struct error *e);

/* visit_date_check's results. */
enum { VISIT_DATE_OK = 0, VISIT_DATE_BAD = -1, VISIT_DATE_OLD = -2 };
/* The date of a visit entered on today: "YYYY-MM-DD", a real day (2026-02-30 "is not a date"),
 * not after today, and not before opening (the restaurant's opening date) unless allow_old.
 * Returns VISIT_DATE_OK with *out, else VISIT_DATE_BAD or VISIT_DATE_OLD (before opening)
 * with the reason in e. The one rule for the form and the command line. */
int visit_date_check(const char *s, struct date today, struct date opening, bool allow_old,
		     struct date *out, struct error *e);
/* The opening date when none is set: one year before today (28 February for 29 February). */
struct date visit_opening_default(struct date today);

/* Spend per head (人均消费, domain.md §3): spend ÷ covers, exact, in fen rounded half-up; 0
 * without covers. Over several visits it is their total spend ÷ their total covers (never the
 * mean of each visit's figure), and a void visit counts for nothing: neither its covers nor its
 * spend is in the totals. The one rule for the sheet, the card, the tiers, the visit form and
 * lists, and the reports; a query that sums the figures leaves the division to it. */
int64_t visit_per_capita(int64_t spend_fen, long covers);
/* visit_per_capita as the monthly sheet shows it: its fen rounded half-up to whole yuan. */
int64_t visit_per_capita_yuan(int64_t spend_fen, long covers);

/* Checks a visit before it is stored: date valid, covers 1..999, spend 0..¥10,000,000, text
 * fields clean. Returns 0, or -1 with "field: reason" in e. */
int visit_validate(const struct visit *v, struct error *e);
/* Frees the strings of v (not v itself). */
void visit_free(struct visit *v);

#endif
