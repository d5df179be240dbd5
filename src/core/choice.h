/* choice.h — the closed choices of the guest sheet and the screens, one table per field: each
 * value a stored code (as the database and the CLI have always written it) and its label,
 * marked for translation in a context (a word the catalogue has in another sense). Typed input
 * is accepted in either language (the Chinese words also on an English terminal) and stored as the
 * code; the screens show the label in the interface's language. Pure data, no I/O. */
#ifndef MAITRE_CHOICE_H
#define MAITRE_CHOICE_H

#include <stdbool.h>
#include <stddef.h>

struct choice {
	const char *code;  /* "male" */
	const char *label; /* NC_("gender", "male") */
	const char *also;  /* other words typed for it in any language, "男|m" */
};
struct choice_set {
	const struct choice *v;
	size_t n;
};

extern const struct choice_set choice_gender;     /* male, female */
extern const struct choice_set choice_spending;   /* low, middle, upper-middle, high */
extern const struct choice_set choice_phone_kind; /* mobile, landline, office, other */
extern const struct choice_set choice_relation;   /* driver, secretary, ... (an open list) */
extern const struct choice_set choice_meal;       /* lunch, dinner */
extern const struct choice_set choice_channel;    /* phone, visit, wechat: a contact's */
extern const struct choice_set choice_consent;    /* in_person, phone, wechat, written, online, other */
extern const struct choice_set choice_complaint_category; /* food, ..., waiting_time, other */
extern const struct choice_set choice_pref_kind;          /* taste, dish, ..., allergy */
extern const struct choice_set choice_severity;           /* low, medium, high, critical */
extern const struct choice_set choice_complaint_channel;  /* in_person, phone, ... */

/* The label of code in the interface's language; code itself when the set does not know it;
 * "" for NULL. Not to be freed. */
const char *choice_label(const struct choice_set *s, const char *code);
/* The code of what was typed: the code, its English label, its translation or one of its other
 * words ('-', '_' and ' ' alike; spaces around ignored). NULL when none matches. Not to be freed.
 */
const char *choice_code(const struct choice_set *s, const char *typed);
/* The index in names (n of them: an enum's codes in its order) of what was typed: one of the
 * names, else the code choice_code finds for it ("过敏" → the index of "allergy"); -1 when
 * neither. */
int choice_index(const struct choice_set *s, const char *const *names, int n, const char *typed);
/* The code step places after (1) or before (-1) code, cycling; with empty, the cycle passes
 * through NULL (nothing chosen) after the last. From an unknown code or NULL: the first (or
 * last). Not to be freed. */
const char *choice_next(const struct choice_set *s, const char *code, int step, bool empty);
/* "male (男), female (女)" into buf: each code, with its label when the label differs.
 * Returns buf. */
char *choice_list(const struct choice_set *s, char *buf, size_t len);

#endif
