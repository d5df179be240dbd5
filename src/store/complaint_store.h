/* complaint_store.h — logging complaints and moving them through their recovery (domain.md §6).
 * Every change is one BEGIN IMMEDIATE transaction that also writes a timeline row
 * (complaint_event: who, when, from → to, note) and an audit row. A complaint is never deleted.
 * The time of a change is date_now_stamp() ($MAITRE_NOW in tests). */
#ifndef MAITRE_COMPLAINT_STORE_H
#define MAITRE_COMPLAINT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/complaint.h"
#include "core/strv.h"
#include "store/store.h"

/* Logs c (status open, logged now) and sets c->id, c->at, c->opened_at. c->owner names the
 * owner's login (registered if new); NULL makes the login logging it the owner. ST_INVALID with
 * "field: reason" for bad input or a visit that is void or another guest's; ST_NOTFOUND when
 * the guest or the visit does not exist. */
enum store_status complaint_store_add(struct store *st, struct complaint *c);

/* Reads complaint id into out (free with complaint_free). When ev is not NULL, its timeline,
 * oldest first, into a malloc'ed *ev of *nev events (free each with complaint_event_free, then
 * the array). ST_NOTFOUND when there is no such complaint. */
enum store_status complaint_store_get(struct store *st, int64_t id, struct complaint *out,
				      struct complaint_event **ev, size_t *nev);

struct complaint_filter {
	bool open;        /* only complaints not closed */
	bool overdue;     /* only complaints past a deadline at now under rules */
	const char *now;  /* "YYYY-MM-DD HH:MM:SS", for overdue */
	const struct complaint_rules *rules; /* for overdue */
	const char *owner; /* only this owner's (a login); ST_NOTFOUND for an unknown login */
	int64_t guest_id; /* only this guest's; 0: any */
};

/* Complaints matching every condition of f, in the order they were logged, into a malloc'ed
 * *out of *n (free each with complaint_free, then the array). Each condition goes through an
 * index; overdue ones are found by comparing with complaint_cutoffs, not by reading all. */
enum store_status complaint_store_list(struct store *st, const struct complaint_filter *f,
				       struct complaint **out, size_t *n);

/* The moves of the status machine (complaint_transitions). A move not allowed from the current
 * status is ST_INVALID, naming that status ("complaint 3 is acknowledged: it cannot be closed
 * (next: resolve)"), and writes nothing; ST_NOTFOUND for no such complaint.
 * ack: open → acknowledged, with an optional note. */
enum store_status complaint_store_ack(struct store *st, int64_t id, const char *note);
/* acknowledged → resolved: the resolution (required) and compensation in fen (−1: none; it is
 * added to what was given before). */
enum store_status complaint_store_resolve(struct store *st, int64_t id, const char *resolution,
					  int64_t compensation_fen);
/* resolved → followed_up: the guest's verdict on the outcome and a note (both required). The
 * follow-up also ticks recovery step 5. */
enum store_status complaint_store_followup(struct store *st, int64_t id,
					   enum complaint_verdict verdict, const char *note);
/* followed_up → closed. */
enum store_status complaint_store_close(struct store *st, int64_t id);
/* resolved, followed_up or closed → open, with a reason (required). A new round begins: the
 * deadlines count from now, the checklist is cleared, the acknowledgement, resolution and
 * follow-up of the last round stay in the timeline only; the compensation given is kept. */
enum store_status complaint_store_reopen(struct store *st, int64_t id, const char *reason);

/* Ticks (done) or unticks recovery step n (1..5). ST_INVALID for another n, a step already in
 * that state, or a closed complaint. */
enum store_status complaint_store_step(struct store *st, int64_t id, int n, bool done);

/* Whether guest_id has a complaint logged on since_date ("YYYY-MM-DD") or later: the "prior
 * complaint" mark (see complaint_prior_since). */
enum store_status complaint_store_prior(struct store *st, int64_t guest_id,
					const char *since_date, bool *has);

/* The query plans of the list and prior queries, one string per query ("SQL => | plan | ..."),
 * appended to out: for tests that check they use indexes. */
enum store_status complaint_store_explain(struct store *st, struct strv *out);

#endif
