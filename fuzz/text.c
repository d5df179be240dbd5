/* fuzz/text.c — the text functions search and display rest on (src/core/text.c): folding,
 * digits, pinyin keys, display copies and truncation, on any bytes. The first byte chooses a
 * width and a surname length; the rest is the text. Invariants: folding is idempotent and
 * gives valid UTF-8 without controls, doubled or outer spaces; the digits are digits; pinyin
 * keys are non-empty lower-case ASCII letters and digits; a display copy has no control
 * characters and the width of what it shows; a truncated copy fits its width. */
#include <stdbool.h>

#include "core/text.h"
#include "fuzz.h"

static bool key_ok(const char *k)
{
	if (!*k)
		return false;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9')))
			return false;
	return true;
}

static void check_fold(const char *s)
{
	char *f = text_fold(s);
	size_t n = strlen(f);
	FUZZ_CHECK_S(text_valid_utf8(f), f);
	FUZZ_CHECK_S(!text_has_controls(f), f);
	FUZZ_CHECK_S(n == 0 || (f[0] != ' ' && f[n - 1] != ' '), f);
	FUZZ_CHECK_S(!strstr(f, "  "), f);
	char *ff = text_fold(f);
	FUZZ_CHECK_S(strcmp(f, ff) == 0, f);
	free(ff);
	free(f);
}

static void check_pinyin(const char *s, int surname_chars)
{
	struct strv full = {0}, initials = {0};
	int added = text_pinyin_keys(s, surname_chars, &full, &initials);
	FUZZ_CHECK(added >= 0 && (size_t)added == full.n);
	if (added == 0)
		FUZZ_CHECK(initials.n == 0);
	for (size_t i = 0; i < full.n; i++)
		FUZZ_CHECK_S(key_ok(full.v[i]), full.v[i]);
	for (size_t i = 0; i < initials.n; i++)
		FUZZ_CHECK_S(key_ok(initials.v[i]), initials.v[i]);
	strv_free(&full);
	strv_free(&initials);
}

static void check_display(const char *s, int cols)
{
	char *d = text_display(s);
	FUZZ_CHECK_S(text_valid_utf8(d) && !text_has_controls(d), d);
	FUZZ_CHECK(text_width(d) == text_width(s));
	FUZZ_CHECK(text_cp_count(s) <= strlen(s));
	free(d);
	for (int e = 0; e < 2; e++) {
		char *t = text_truncate(s, cols, e);
		FUZZ_CHECK_S(text_width(t) <= cols, t);
		FUZZ_CHECK_S(text_valid_utf8(t) && !text_has_controls(t), t);
		free(t);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int param = data[0];
	char *s = fuzz_cstr(data + 1, size - 1);
	check_fold(s);
	char *d = text_digits(s);
	FUZZ_CHECK_S(strspn(d, "0123456789") == strlen(d), d);
	free(d);
	check_pinyin(s, param % 4);
	check_display(s, param % 64);
	free(s);
	return 0;
}
