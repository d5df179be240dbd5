/* dup.h — the rules that make two guests a candidate pair of duplicates (issue 16): the
 * reasons, what each weighs, and when two names are "within one character". Pure: the store
 * (store/dup_store.c) finds the pairs, the command line and the interface show them. */
#ifndef MAITRE_DUP_H
#define MAITRE_DUP_H

#include <stdbool.h>

/* Why two guests may be one, a bit each. Names are compared as the full name (family and
 * given name) when both are known, else as addressed, folded (text_fold); employers folded
 * (case, full-width forms, spaces and punctuation). */
enum dup_reason {
	DUP_PHONE = 1 << 0,              /* a phone in common: its digits, or its last 11 */
	DUP_NAME_BIRTHDAY = 1 << 1,      /* the same name and birthday (the years agree if both) */
	DUP_NAME_EMPLOYER = 1 << 2,      /* the same name and employer */
	DUP_PINYIN_EMPLOYER = 1 << 3,    /* names that differ but sound alike, the same employer */
	DUP_NEAR_NAME_EMPLOYER = 1 << 4, /* names within one character (dup_near_names), the
	                                  * same employer */
};
#define DUP_REASON_COUNT 5

struct dup_reason_info {
	enum dup_reason bit;
	int score;          /* what it weighs alone, 0 to 100 */
	const char *words;  /* English, N_(): "shared phone" */
};
/* The reasons, the strongest first: phone 90, name and birthday 80, name and employer 70,
 * pinyin and employer 60, a name within one character and employer 50. */
extern const struct dup_reason_info dup_reasons[DUP_REASON_COUNT];

/* The score of a pair found for reasons (a set of enum dup_reason bits): the weights added up,
 * at most 100; 0 for none. */
int dup_score(unsigned reasons);
/* The reasons as the user's words ("shared phone, same name and employer", translated), the
 * strongest first. Caller frees. */
char *dup_reasons_text(unsigned reasons);

/* Whether two folded names are within one character (the "similar name" rule): one code point
 * changed, not the first (the family name: 马振华 and 汤振华 are two people), when they have
 * at least 3 (王小明, 王晓明; not 张伟 and 张强, two people as often as
 * not), or one inserted or deleted when the shorter has at least 2 (张伟, 张伟明). Equal names
 * are not (they are the same name). */
bool dup_near_names(const char *a, const char *b);
/* A guest's name as addressed, followed by the name compared when that is another: "孙先生
 * (孙立国)", so that a pair paired by their full names reads as one; caller frees. */
char *dup_name_shown(const char *name, const char *compared);
/* The fewest code points a name needs for a changed one to count (dup_near_names). */
#define DUP_NEAR_MIN_CHARS 3

#endif
