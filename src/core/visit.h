/* visit.h — one meal of one guest (domain.md §3): date, lunch or dinner, covers, spend. */
#ifndef MAITRE_VISIT_H
#define MAITRE_VISIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum meal { MEAL_LUNCH, MEAL_DINNER };

extern const char *const meal_names[2]; /* "lunch", "dinner" */
/* "lunch"/"午市"/"l" → MEAL_LUNCH, "dinner"/"晚市"/"d" → MEAL_DINNER, else -1. */
int meal_from_name(const char *s);
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
	char *void_reason;
};

/* Checks a visit before it is stored: date valid, covers 1..999, spend 0..¥10,000,000, text
 * fields clean. Returns 0, or -1 with "field: reason" in why. */
int visit_validate(const struct visit *v, char *why, size_t whylen);
/* Covers as typed ("7", "７", " 12 "): a whole number from 1 to 999, full-width digits
 * folded. Returns 0 with *out, or -1 with why ("must be a whole number from 1 to 999, got
 * \"abc\""). The one rule for the form and the command line. */
int visit_parse_covers(const char *s, int *out, char *why, size_t whylen);
/* Frees the strings of v (not v itself). */
void visit_free(struct visit *v);

#endif
