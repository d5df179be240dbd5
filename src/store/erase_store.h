/* erase_store.h — a guest's erasure on request (PIPL art. 47, domain.md §9) and the deletion of
 * a guest entered by mistake.
 *
 * An erasure keeps the guest's row as an anonymous guest ("erased #ID", anonymised = 1, every
 * other field NULL) and its visits' dates, meals, covers and spend, so that months, tiers and
 * reports keep their totals; everything else about the person goes: the lists of the sheet
 * (phones, preferences, dates, people, tags, notes), the free text about them in visits,
 * complaints and their timelines, alerts and their actions, contacts, gifts, banquets, tier
 * overrides and import batches, their search keys, and the values of the audit rows about them
 * (audit_chain_erase: the chain stays whole, `maitre audit verify` intact). The erasure itself
 * is audited (who, when, the reason: audit rows of the guest, action 'erase').
 *
 * What a screen calls: erase_store_plan (what the guest has, whether an erasure would need a
 * confirmation or is refused), then erase_store_guest, then erase_store_scrub, which leaves
 * nothing of the erased text readable in the file. */
#ifndef MAITRE_ERASE_STORE_H
#define MAITRE_ERASE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The name an erased guest keeps: "erased #ID". */
#define ERASED_NAME_FMT "erased #%lld"

/* A complaint of the guest that is not closed. */
struct erase_open_complaint {
	int64_t id;
	char status[16]; /* "open", "acknowledged", "resolved", "followed_up" */
};

/* What a guest has, read before an erasure or a deletion. */
struct erase_plan {
	int64_t guest_id;
	char *name;   /* the name as stored */
	bool erased;  /* erased already (anonymised); then the erasure: */
	char erased_at[20];   /* when ("YYYY-MM-DD HH:MM:SS"; "" when not recorded) */
	char erased_by[64];   /* who: the login */
	char *reason;         /* why (NULL when not recorded) */
	struct erase_open_complaint *open; /* the complaints not closed (an erasure asks first) */
	size_t n_open;
	/* what is attached to the guest */
	int64_t visits, complaints, contacts, alerts, gifts, banquets, tier_rows, overrides;
	int64_t imports; /* import batches in force that created or changed the guest */
	int64_t phones, prefs, dates, people, tags, notes;
	int64_t merges; /* merges that kept or took the guest (undone ones too: their record
	                 * names it) */
};

/* Reads what guest id has into *p (free with erase_plan_free): ST_NOTFOUND for no such guest. */
enum store_status erase_store_plan(struct store *st, int64_t id, struct erase_plan *p);
void erase_plan_free(struct erase_plan *p);

/* Whether guest delete may remove the guest of p: nothing but its sheet (no visit, complaint,
 * contact, alert, gift, banquet, tier row or override, no import batch in force, no merge). */
bool erase_plan_deletable(const struct erase_plan *p);

/* What an erasure removed. */
struct erase_result {
	int64_t items;      /* phones, preferences, dates, people, tags and notes deleted */
	int64_t texts;      /* rows of other tables whose free text was cleared */
	int64_t audit_rows; /* audit rows whose values became "[erased]" */
};

/* Erases guest id for reason (required) as the header says, in one transaction (inside the
 * caller's when one is open: a retention sweep erases many in its own; the audit rows then
 * keep the caller's store_audit_op, else they are 'erase'/id). Open complaints are not
 * checked here: the caller asked (erase_plan.open). ST_CONFLICT when the guest is erased
 * already, ST_INVALID without a reason, ST_NOTFOUND for no such guest. Sets PRAGMA
 * secure_delete on the connection, which it keeps: what is deleted is overwritten. */
enum store_status erase_store_guest(struct store *st, int64_t id, const char *reason,
				    struct erase_result *r);

/* After one or more erasures, outside any transaction: merges the trigram index into one
 * segment (FTS5 'optimize': the erased tokens live on in old segments until their merge;
 * it rewrites the whole index, see README), then checkpoints the write-ahead log and truncates
 * it, so that neither the file nor the log holds the erased text. *checkpointed is false when
 * a reader kept the log from being emptied (the next checkpoint will). */
enum store_status erase_store_scrub(struct store *st, bool *checkpointed);

/* Deletes guest id, entered by mistake, with its lists and search keys, in one transaction;
 * the values of its audit rows are erased (audit_chain_erase, reason "deleted: entered by
 * mistake") and the deletion audited ('delete', no value). erase_store_scrub after it leaves
 * nothing of the guest readable in the file. ST_CONFLICT (nothing written) when erase_plan_deletable refuses it,
 * the message saying what it has. */
enum store_status erase_store_delete(struct store *st, int64_t id);

#endif
