/* fuzz/settings.c — config.yaml's reader (settings_parse) on any text. Invariants: an error
 * names the file; settings it accepts hold a theme name without "/" and bindings with keys,
 * each at a place in the file. */
#include "config/settings.h"
#include "core/text.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings c;
	struct error e;
	memset(&c, 0, sizeof c);
	error_clear(&e);
	if (settings_parse(&c, (const char *)data, size, "config.yaml", &e) == 0) {
		FUZZ_CHECK(!error_is_set(&e));
		FUZZ_CHECK_S(!strchr(c.theme, '/'), c.theme);
		for (size_t i = 0; i < c.nbindings; i++) {
			const struct settings_binding *b = &c.bindings[i];
			/* an action that does not exist, "" included, is the key map's to report */
			FUZZ_CHECK_S(*b->keys, b->action);
			FUZZ_CHECK(b->line >= 1 && b->column >= 1);
		}
	} else {
		FUZZ_CHECK_S(strncmp(e.msg, "config.yaml", 11) == 0, e.msg);
	}
	settings_free(&c);
	return 0;
}
