/* alert_store.h — alert guests (警报客户, domain.md §5): tiered guests slipping away, by light,
 * with the sales manager's feedback and the restaurant's numbered action items. */
#ifndef MAITRE_ALERT_STORE_H
#define MAITRE_ALERT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/tier.h"
#include "store/store.h"

struct alert_row {
	int64_t id, guest_id;
	char name[128], employer[160], phones[160];
	char month[8];          /* the month it was raised for */
	char light[8];          /* yellow, red */
	char reason[320];       /* as raised, in English (see reason_code) */
	char reason_code[16];   /* core/alert.h ("" for an alert raised before codes) */
	char reason_args[160];
	char tier[8], grp[24];  /* the tier held the month before */
	int m_visits;           /* the listed month's figures */
	int64_t m_spend;
	char feedback[600];
	char feedback_by[64];
	char created_at[20], closed_at[20], outcome[300];
	int actions, actions_done;
	int events;             /* later findings in its history (alert_event) */
};

/* A later finding on an open alert: the month, light and reason that detection found then. */
struct alert_event {
	char month[8], light[8], reason[320], reason_code[16], reason_args[160], at[20];
};

/* A guest who slips away in a month, by the triggers (raised or not). */
struct alert_finding {
	int64_t guest;
	char name[128];
	char light[8], code[16], args[160], reason[320]; /* reason: English, as stored */
	char tier[8], grp[24];                           /* held the month before */
	int visits;                                      /* the month's figures (so far) */
	int64_t spend;
};

struct alert_action {
	int no;
	char text[300], owner[64], done_at[20], done_by[64];
};

/* Raises the alerts of month m by the triggers of r (domain.md §5) for every guest who held a
 * tier the month before (stored by tier recompute): red for no visit in m, an unresolved
 * complaint past its deadline, or a severe complaint within red_severity_days, complaints
 * judged as at the last moment of m; yellow for a guest who came but fell short of their
 * tier's thresholds scaled by yellow_factor. Only a complete month is raised: m must have
 * ended before now ("YYYY-MM-DD HH:MM:SS"; ST_INVALID otherwise). A raised alert's month,
 * light and reason never change: a guest with an open alert gets a new event in its history
 * when what is found differs from the last it says (raising the same month again adds
 * nothing). Counts of new alerts in *created, of new events in *noted. */
enum store_status alert_store_detect(struct store *st, const struct tier_rules *r, struct date m,
				     const char *now, long *created, long *noted);

/* Who would be alerted for month m as at now, without raising anything (reads only): for a
 * running month, "at risk so far", the yellow thresholds pro-rated to the days gone and no
 * visit red only once the tier's visits so pro-rated come to one; for a complete month, what
 * alert_store_detect finds. *out malloc'ed (caller frees). */
enum store_status alert_store_at_risk(struct store *st, const struct tier_rules *r, struct date m,
				      const char *now, struct alert_finding **out, size_t *n);

/* Open alerts (all alerts with all), red first, with month m's visits and spend: the open
 * ones before the closed ones, red before yellow, then by id. *out is malloc'ed (caller
 * frees). */
enum store_status alert_store_list(struct store *st, struct date m, bool all,
				   struct alert_row **out, size_t *n);

/* A place in the order of alert_store_list: rank 0 open red, 1 open yellow, 2 closed red,
 * 3 closed yellow; then the alert's id. */
struct alert_key {
	int rank;
	int64_t id;
};
/* Before the first alert and after the last one (ids start at 1). */
#define ALERT_KEY_START ((struct alert_key){0, 0})
#define ALERT_KEY_END   ((struct alert_key){4, 0})

/* The place of alert r in the list. */
struct alert_key alert_key_of(const struct alert_row *r);
/* <0, 0, >0 as a comes before, at or after b. */
int alert_key_cmp(struct alert_key a, struct alert_key b);

/* A window of the list for a screen that shows a few rows at a time: up to limit (0: no
 * limit) rows of alert_store_list (same rows, same order; of light "red" or "yellow" only when
 * light is not NULL) after place from, or, when backward is set, the last limit rows before it
 * (still returned in list order: ALERT_KEY_END reads the end of the list). Reads only as far
 * as it needs (keyset by light and id), so the first screen of a hundred thousand open alerts
 * does not wait for all of them. *out is malloc'ed (caller frees; NULL when *n is 0); *n <
 * limit only at the end (or start) of the list. */
enum store_status alert_store_window(struct store *st, struct date m, bool all, const char *light,
				     struct alert_key from, bool backward, size_t limit,
				     struct alert_row **out, size_t *n);

struct strv;
/* EXPLAIN QUERY PLAN of the window's statements, one "NAME: SQL => | plan | ..." string each
 * appended to out (open_after, open_before, closed_after, closed_before), for a test that
 * proves the open alerts are read through alert_light. */
enum store_status alert_store_explain(struct store *st, struct strv *out);

/* How many alerts are open, by light. */
enum store_status alert_store_open_counts(struct store *st, long *red, long *yellow);
/* Alert id with its action items (*acts malloc'ed, caller frees). */
enum store_status alert_store_get(struct store *st, int64_t id, struct date m,
				  struct alert_row *out, struct alert_action **acts, size_t *nacts);
/* The events of alert id's history, oldest first (*out malloc'ed, caller frees). */
enum store_status alert_store_events(struct store *st, int64_t id, struct alert_event **out,
				     size_t *n);

/* The sales manager's feedback (replaces the earlier one; audited). */
enum store_status alert_store_feedback(struct store *st, int64_t id, const char *text);
/* Adds action item text (owner optional) numbered after the last; *no its number. */
enum store_status alert_store_action(struct store *st, int64_t id, const char *text,
				     const char *owner, int *no);
/* Marks action no of alert id done (or not done with undo). */
enum store_status alert_store_done(struct store *st, int64_t id, int no, bool undo);
/* Closes alert id with an outcome. */
enum store_status alert_store_close(struct store *st, int64_t id, const char *outcome);

/* One month of a guest, for an alert's recent history. */
struct alert_month {
	char month[8];         /* "YYYY-MM" */
	int visits, covers;    /* the month's visits not voided */
	int64_t spend;
	char tier[8], grp[24]; /* the stored tier in force that month ("" none, or not computed) */
};

/* Guest guest_id's n months ending with month m (oldest first) into out[0..n). */
enum store_status alert_store_months(struct store *st, int64_t guest_id, struct date m, int n,
				     struct alert_month *out);

#endif
