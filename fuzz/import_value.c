/* fuzz/import_value.c — the values of an imported guest book (src/core/import_value.c) on any
 * text: the whole input given to each function as one cell.
 * Invariants: trimming leaves no blank around and trims once for all; a date that is accepted
 * is a special date (guest_date_check) and is accepted again, the same day, written as
 * YYYY-MM-DD or MM-DD; a refusal says why and leaves the date alone; the items of a list and
 * the text of an allergy are there and trimmed, a severity is one of enum severity; the phones
 * of a cell are stored as guest_phone_check stores them (accepted again unchanged), and a
 * refused cell appends nothing; a closed choice is a code of its set. */
#include <stdbool.h>

#include "core/import_value.h"
#include "fuzz.h"

/* Trimmed: iv_trim gives the same text back. */
static bool trimmed(const char *s)
{
	char *t = iv_trim(s);
	bool same = strcmp(t, s) == 0;
	free(t);
	return same;
}

static void check_trim(const char *s)
{
	char *t = iv_trim(s);
	FUZZ_CHECK_S(strlen(t) <= strlen(s) && strstr(s, t), s);
	FUZZ_CHECK_S(trimmed(t), s);
	free(t);
}

static void check_date(const char *s)
{
	const struct date today = {2026, 6, 30}, unset = {-1, -1, -1};
	struct date d = unset, again = unset;
	struct error e;
	char buf[16];
	error_clear(&e);
	if (iv_date(s, today, &d, &e) < 0) {
		FUZZ_CHECK_S(error_is_set(&e) && d.y == -1 && d.m == -1 && d.d == -1, s);
		return;
	}
	FUZZ_CHECK_S(guest_date_check(d.y, d.m, d.d, today, &e) == 0, s);
	FUZZ_CHECK_S(d.y == 0 || d.y >= 1900, s);
	date_format(d, buf);
	FUZZ_CHECK_S(guest_date_parse(buf, today, &again, &e) == 0, buf);
	FUZZ_CHECK_S(again.y == d.y && again.m == d.m && again.d == d.d, buf);
	again = unset;
	FUZZ_CHECK_S(iv_date(buf, today, &again, &e) == 0, buf);
	FUZZ_CHECK_S(again.y == d.y && again.m == d.m && again.d == d.d, buf);
}

static void check_list(const char *s)
{
	struct strv v = {0};
	strv_push(&v, "kept");
	int n = iv_list(s, &v);
	FUZZ_CHECK_S(n >= 0 && v.n == (size_t)n + 1 && strcmp(v.v[0], "kept") == 0, s);
	for (size_t i = 1; i < v.n; i++) {
		FUZZ_CHECK_S(*v.v[i] && trimmed(v.v[i]), v.v[i]);
		/* an item is one item: split again, it is itself */
		struct strv w = {0};
		FUZZ_CHECK_S(iv_list(v.v[i], &w) == 1 && strcmp(w.v[0], v.v[i]) == 0, v.v[i]);
		strv_free(&w);
	}
	strv_free(&v);
}

static void check_pref(const char *s)
{
	char *text = (char *)"unset";
	enum severity sev = SEV_COUNT;
	struct error e;
	error_clear(&e);
	if (iv_pref(s, &text, &sev, &e) < 0) {
		FUZZ_CHECK_S(error_is_set(&e) && text == NULL, s);
		return;
	}
	FUZZ_CHECK_S(text && *text && trimmed(text), s);
	FUZZ_CHECK_S(sev >= SEV_NONE && sev < SEV_COUNT, s);
	free(text);
}

static void check_phones(const char *s)
{
	struct strv v = {0};
	struct error e;
	error_clear(&e);
	strv_push(&v, "kept");
	int n = iv_phones(s, &v, &e);
	if (n < 0) {
		FUZZ_CHECK_S(error_is_set(&e) && v.n == 1, s);
		strv_free(&v);
		return;
	}
	FUZZ_CHECK_S(v.n == (size_t)n + 1 && !error_is_set(&e), s);
	for (size_t i = 1; i < v.n; i++) {
		char *norm;
		FUZZ_CHECK_S(guest_phone_check(v.v[i], &norm, &e) == 0, v.v[i]);
		FUZZ_CHECK_S(strcmp(norm, v.v[i]) == 0, v.v[i]);
		free(norm);
		/* each number once: its digits are no other's */
		char *d = guest_phone_digits(v.v[i]);
		for (size_t j = 1; j < i; j++) {
			char *o = guest_phone_digits(v.v[j]);
			FUZZ_CHECK_S(strcmp(o, d) != 0, v.v[i]);
			free(o);
		}
		free(d);
	}
	strv_free(&v);
}

static void check_choice(const char *s, const struct choice_set *set)
{
	const char *code = iv_choice(set, s);
	bool found = false;
	for (size_t i = 0; code && i < set->n; i++)
		found |= code == set->v[i].code;
	FUZZ_CHECK_S(!code || found, s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	check_trim(s);
	check_date(s);
	check_list(s);
	check_pref(s);
	check_phones(s);
	check_choice(s, &choice_gender);
	check_choice(s, &choice_spending);
	free(s);
	return 0;
}
