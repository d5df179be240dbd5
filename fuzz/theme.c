/* fuzz/theme.c — the colour themes' loader (theme_parse) on any text. Invariants: an error
 * names the file; a theme it accepts has a name without control characters and, for every
 * element, colours from -1 to 255 and only the known attributes. */
#include "config/theme.h"
#include "core/text.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t;
	struct error e;
	memset(&t, 0x5a, sizeof t); /* untouched on error: compared below */
	struct theme before = t;
	if (theme_parse((const char *)data, size, "themes/fuzz.yaml", &t, &e) == 0) {
		FUZZ_CHECK(!error_is_set(&e));
		FUZZ_CHECK(memchr(t.name, '\0', sizeof t.name) && *t.name);
		FUZZ_CHECK_S(!text_has_controls(t.name), t.name);
		for (int i = 0; i < TE_COUNT; i++) {
			const struct theme_style *s = &t.s[i];
			FUZZ_CHECK(s->fg >= -1 && s->fg <= 255 && s->bg >= -1 && s->bg <= 255);
			FUZZ_CHECK((s->attrs & ~31u) == 0);
		}
	} else {
		FUZZ_CHECK_S(strncmp(e.msg, "themes/fuzz.yaml", 16) == 0, e.msg);
		FUZZ_CHECK(memcmp(&t, &before, sizeof t) == 0);
	}
	return 0;
}
