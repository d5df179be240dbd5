/* dup_store.h — guests who may be the same person (issue 16, maitre guest duplicates): the
 * candidate pairs, each with its reasons and score (core/dup.h), and the pairs the staff said
 * are two people, never offered again.
 *
 * The finder reads the book once and groups in memory, never comparing every pair: the guests
 * by their folded employer and name, by employer and pinyin, by name and birthday; the phones
 * through their index of reversed digits (a shared number, or the same last 11 digits); names
 * within one character through deletion keys (each name, and each name with one character
 * left out) within an employer. At a million guests it takes seconds (bench/bench_duplicates).
 * A group larger than opts.group_max (a company's switchboard shared by 50 guests) is one
 * struct dup_group, not its pairs. Anonymised guests are left out (DUP_LIVE). Reads only: the
 * interface can call it, show the pairs, and merge (guest_store) or dismiss what it chose. */
#ifndef MAITRE_DUP_STORE_H
#define MAITRE_DUP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/dup.h"
#include "store/store.h"

/* The guests the finder considers, as a condition on the guest table: one place for whatever
 * else takes a guest out of the book (a merged one). */
#define DUP_LIVE "anonymised = 0 AND merged_into IS NULL"

/* Larger groups are reported as a group (struct dup_group), not as pairs. */
#define DUP_GROUP_MAX 6
/* A deletion key shared by more names than this within an employer (张?明 at a big employer)
 * is not compared: counted in dup_result.crowded. */
#define DUP_NEAR_MAX 32
/* Names longer than this (code points) are not compared within one character. */
#define DUP_NEAR_MAX_CHARS 16

struct dup_opts {
	int min_score;    /* pairs scoring less are left out (0: all) */
	int64_t guest;    /* > 0: only the pairs and groups with this guest */
	size_t group_max; /* 0: DUP_GROUP_MAX */
};

/* Two guests who may be one: a < b. */
struct dup_pair {
	int64_t a, b;
	unsigned reasons; /* enum dup_reason bits */
	int score;        /* dup_score(reasons) */
	/* the names compared (the full names when known, folded: "孙立国" for 孙先生), valid
	 * until dup_result_free */
	const char *name_a, *name_b;
};

/* More than group_max guests sharing one thing: listed once. */
struct dup_group {
	enum dup_reason reason;
	char *key;     /* what they share, as shown: the phone's digits ("…13912345678" for the
	                * last 11), "name, employer", "name, MM-DD", "pinyin, employer" (folded) */
	size_t n;      /* guests in the group */
	int64_t *ids;  /* their ids, ascending */
};

struct dup_result {
	struct dup_pair *pairs; /* the highest score first, then by a and b */
	size_t npairs;
	struct dup_group *groups; /* the strongest reason first, then the largest */
	size_t ngroups;
	size_t crowded;  /* deletion keys not compared (DUP_NEAR_MAX) */
	int64_t guests;  /* guests considered */
	void *strings;   /* what the names point into */
};

/* Finds the candidate pairs (all of them: the caller shows what it wants) and the groups, in one
 * read snapshot, leaving out the pairs dismissed (dup_store_dismiss) and, with opts, the pairs
 * and groups scoring less than min_score (a group scores its reason's weight) or without the
 * guest. *out is zeroed first; free it with dup_result_free. */
enum store_status dup_store_find(struct store *st, const struct dup_opts *opts,
				 struct dup_result *out);
void dup_result_free(struct dup_result *r);

/* Records that guests a and b are two people (in either order), audited on both guests ("not
 * the same as #b"): the pair is never listed again. ST_INVALID when a = b, ST_NOTFOUND when one
 * does not exist; ST_OK and nothing written when it was recorded already. */
enum store_status dup_store_dismiss(struct store *st, int64_t a, int64_t b);

#endif
