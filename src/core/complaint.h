/* complaint.h — complaints and their recovery (domain.md §6): categories, channels, the status
 * machine as a table of allowed moves, the handbook's five recovery steps as a checklist, and
 * the deadlines (acknowledge, resolve, follow up) that make a complaint overdue. Pure: no I/O.
 * Times are stamps "YYYY-MM-DD HH:MM:SS" (see date_stamp_parse). */
#ifndef MAITRE_COMPLAINT_H
#define MAITRE_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/guest.h"
#include "core/tier.h"

enum complaint_category {
	CC_FOOD,
	CC_SERVICE,
	CC_WAITING_TIME,
	CC_HYGIENE,
	CC_ENVIRONMENT,
	CC_PRICE,
	CC_OTHER,
	CC_COUNT
};

enum complaint_channel { CH_IN_PERSON, CH_PHONE, CH_ONLINE_REVIEW, CH_WECHAT, CH_OTHER, CH_COUNT };

enum complaint_status {
	CS_OPEN,
	CS_ACKNOWLEDGED,
	CS_RESOLVED,
	CS_FOLLOWED_UP,
	CS_CLOSED,
	CS_COUNT
};

/* What staff do to a complaint; each moves it along one allowed transition. */
enum complaint_action { CA_ACK, CA_RESOLVE, CA_FOLLOWUP, CA_CLOSE, CA_REOPEN, CA_COUNT };

enum complaint_verdict { CV_NONE, CV_SATISFIED, CV_UNSATISFIED, CV_COUNT };

/* The deadlines of a complaint. */
enum complaint_deadline { CD_NONE, CD_ACK, CD_RESOLVE, CD_FOLLOWUP, CD_COUNT };

#define COMPLAINT_STEPS 5
#define COMPLAINT_ALL_STEPS ((1u << COMPLAINT_STEPS) - 1)

extern const char *const complaint_category_names[CC_COUNT]; /* "food", ..., "waiting_time" */
extern const char *const complaint_channel_names[CH_COUNT];  /* "in_person", "phone", ... */
extern const char *const complaint_status_names[CS_COUNT];   /* "open", ..., "followed_up" */
extern const char *const complaint_action_names[CA_COUNT];   /* "ack", "resolve", "followup", ... */
extern const char *const complaint_verdict_names[CV_COUNT];  /* "", "satisfied", "unsatisfied" */
extern const char *const complaint_deadline_names[CD_COUNT]; /* "", "ack", "resolve", "followup" */
/* The handbook's five steps of recovery; complaint_step_names[0] is step 1. */
extern const char *const complaint_step_names[COMPLAINT_STEPS];

/* Name → value: exact names, '-' accepted for '_' ("waiting-time"); -1 when unknown. */
int complaint_category_from_name(const char *s);
int complaint_channel_from_name(const char *s);
int complaint_status_from_name(const char *s);
int complaint_verdict_from_name(const char *s); /* "" is not a verdict */
/* Writes the names of a table as "a, b, c or d" into buf (for messages). Returns buf. */
char *complaint_choices(const char *const *names, size_t n, char *buf, size_t len);

/* One allowed move of the status machine. */
struct complaint_transition {
	enum complaint_action action;
	enum complaint_status from, to;
};
/* The allowed moves: open → acknowledged → resolved → followed_up → closed, and a reopening
 * from resolved, followed_up or closed back to open. Nothing else. */
extern const struct complaint_transition complaint_transitions[];
extern const size_t complaint_ntransitions;

/* Whether action is allowed from status from; if so *to (may be NULL) is where it leads. */
bool complaint_move(enum complaint_status from, enum complaint_action action,
		    enum complaint_status *to);
/* Why action is refused from status from, for complaint id, into buf: "complaint 3 is
 * acknowledged: it cannot be closed (next: resolve)". Returns buf. */
char *complaint_refusal(int64_t id, enum complaint_status from, enum complaint_action action,
			char *buf, size_t len);

struct complaint {
	int64_t id;                  /* 0 until stored */
	int64_t guest_id;
	int64_t visit_id;            /* 0: none */
	char at[20];                 /* logged */
	char opened_at[20];          /* start of the current round: at, or the last reopening */
	enum complaint_channel channel;
	enum complaint_category category;
	enum severity severity;      /* low..critical; an allergen incident is critical */
	char *description;
	char *staff_involved;        /* NULL: none named */
	char *owner;                 /* login; NULL: unassigned */
	enum complaint_status status;
	unsigned steps;              /* bit n-1: recovery step n done */
	char acknowledged_at[20];    /* "" until then; the current round's */
	char resolved_at[20];
	char *resolution;
	int64_t compensation_fen;    /* all compensation given, over every round */
	bool has_compensation;
	char followed_up_at[20];
	enum complaint_verdict verdict;
	char *followup_note;
	char closed_at[20];
	char *created_by;            /* login, set by the store */
	char *guest_name;            /* set by the store, for display */
	int64_t version;
};

/* One row of a complaint's timeline. */
struct complaint_event {
	char at[20];
	char *staff;                 /* login */
	char *action;                /* create, ack, step, unstep, resolve, followup, close,
	                              * reopen */
	int from, to;                /* enum complaint_status, or -1 */
	char *note;
	int64_t amount_fen;          /* compensation of a resolution; -1: none */
	enum complaint_verdict verdict;
};

void complaint_init(struct complaint *c);
/* Frees what c owns and re-initialises it. */
void complaint_free(struct complaint *c);
void complaint_event_free(struct complaint_event *e);

/* Checks a complaint before it is logged: guest, severity (not none), description (1..2000
 * bytes, lines allowed), staff involved and owner. Returns 0, or -1 with "field: reason" in
 * e. */
int complaint_validate(const struct complaint *c, struct error *e);
/* Checks text typed for field what (resolution, note, reason): required or not, at most maxlen
 * bytes, lines allowed. Returns 0, or -1 with "what: reason" in e. */
int complaint_text_check(const char *what, const char *value, bool required, size_t maxlen,
			 struct error *e);
/* Checks a login name (letters, digits, _ - .). Returns 0, or -1 with "what: reason". */
int complaint_login_check(const char *what, const char *value, struct error *e);

/* Whether recovery step n (1..5) is done. */
bool complaint_step_done(const struct complaint *c, int n);
/* Steps done, 0..5. */
int complaint_steps_count(unsigned steps);
/* The steps as "1 2 4" (or "none") into buf. Returns buf. */
char *complaint_steps_text(unsigned steps, char *buf, size_t len);

/* When deadline d of c falls under r, into buf (≥ 20 bytes): acknowledge within ack_hours and
 * resolve within resolve_hours of opened_at, follow up within followup_days of resolved_at.
 * Returns false (buf "") when it does not apply: no follow-up deadline before a resolution. */
bool complaint_due(const struct complaint *c, const struct complaint_rules *r,
		   enum complaint_deadline d, char *buf);
/* When deadline d was met in the current round ("" while it is not). */
const char *complaint_met(const struct complaint *c, enum complaint_deadline d);
/* The deadline c is waiting for in its status (CD_NONE once followed up or closed). */
enum complaint_deadline complaint_pending(const struct complaint *c);
/* The deadline c has missed and is still waiting for at now: CD_NONE when in time. now past
 * the deadline by one second or more is overdue; exactly at it is in time. An open complaint
 * past both its acknowledge and its resolve deadline reports CD_RESOLVE, the graver. */
enum complaint_deadline complaint_overdue(const struct complaint *c,
					  const struct complaint_rules *r, const char *now);

/* The stamps the store compares with to find overdue complaints at now, so that its indexed
 * query and complaint_overdue agree: an open complaint is overdue when opened_at < open, an
 * acknowledged one when opened_at < acknowledged, a resolved one when resolved_at < resolved.
 * Returns false when now is not a stamp. */
struct complaint_cutoffs {
	char open[20], acknowledged[20], resolved[20];
};
bool complaint_cutoffs(const struct complaint_rules *r, const char *now,
		       struct complaint_cutoffs *out);

/* The first day ("YYYY-MM-DD", buf ≥ 11 bytes) whose complaints still give a guest the "prior
 * complaint" mark on today: today − prior_days (a complaint prior_days days ago counts, one a
 * day older does not). Returns buf. */
char *complaint_prior_since(struct date today, const struct complaint_rules *r, char *buf);

#endif
