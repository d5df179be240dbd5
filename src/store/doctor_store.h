/* doctor_store.h — maitre doctor: is the database whole? SQLite's own checks (integrity_check,
 * foreign_key_check), the schema version, and every derived table against its sources; and the
 * repair that rebuilds what is derived, never the guest data. */
#ifndef MAITRE_DOCTOR_STORE_H
#define MAITRE_DOCTOR_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "store/store.h"

/* The quick part, for a copy just written (backup) or any open database: integrity_check and
 * foreign_key_check. ST_OK when both find nothing; else ST_CORRUPT, and e (when not NULL) says
 * how many problems and the first ("the database is damaged: run `maitre doctor` (...)"); the
 * store is marked damaged (store_damage). */
enum store_status store_doctor_quick(struct store *st, struct error *e);

/* What maitre doctor checks, in the order it reports them. */
enum doctor_item {
	DOC_SCHEMA,       /* n: the version; wrong when newer than this maitre knows */
	DOC_INTEGRITY,    /* n: the problems integrity_check lists (at most 100) */
	DOC_FOREIGN_KEYS, /* n: the rows whose reference leads nowhere */
	DOC_GUEST_MONTH,  /* n: months of a guest missing or different, m: rows for no visit */
	DOC_GUEST_LAST,   /* n: guests' last visits missing or different, m: rows for no visit */
	DOC_SEARCH,       /* n: keys missing, m: keys extra, k: texts or probes wrong */
	DOC_TIER_MONTHS,  /* n: months stored incomplete, m: guests missing from them */
	DOC_COUNT
};

enum doctor_state {
	DOC_OK,
	DOC_WRONG,     /* a problem: first says the first one */
	DOC_UNCHECKED, /* not checked: the schema is not this maitre's, or the read failed (first) */
};

struct doctor_result {
	enum doctor_state state;
	bool derived;    /* rebuilt by store_doctor_repair */
	bool unreadable; /* DOC_WRONG: SQLite could not run the check for the damage it met */
	int64_t n, m, k;
	char first[256]; /* English: the first problem, the month, or why unchecked */
};

struct doctor_report {
	int schema, latest;
	int64_t checked; /* rows (guests, visits, months) compared, for the report's figures */
	struct doctor_result r[DOC_COUNT];
};

/* Runs every check on one snapshot of st (opened with STORE_DOCTOR, which neither migrates nor
 * refuses another version) into *out; ST_OK when the checks ran, whatever they found (a check
 * that could not read is DOC_UNCHECKED). */
enum store_status store_doctor(struct store *st, struct doctor_report *out);

/* Whether the report finds the database whole: no item wrong or unchecked (an older schema that
 * maitre upgrades when it next writes is whole). */
bool doctor_whole(const struct doctor_report *r);

/* Rebuilds what is derived — guest_month and guest_last from the visits, the search index from
 * the guests, every index (REINDEX) — in one write transaction. Guest data is never written. */
enum store_status store_doctor_repair(struct store *st);

#endif
