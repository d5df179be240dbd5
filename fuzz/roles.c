/* fuzz/roles.c — roles.yaml's reader (roles_load_text) on any text. Invariants: an error names
 * the file and nothing is kept; roles it accepts have names of lower-case letters, digits and
 * '-', each found again by its name, at least one of them may manage the staff, and every
 * role's permissions are ones that exist. */
#include "config/roles.h"
#include "core/strv.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roles r;
	struct strv errors = {0};
	if (roles_load_text((const char *)data, size, "roles.yaml", &r, &errors) == 0) {
		FUZZ_CHECK(errors.n == 0);
		FUZZ_CHECK(r.n > 0 && roles_first_that_may(&r, PERM_STAFF));
		for (size_t i = 0; i < r.n; i++) {
			const char *n = r.v[i].name;
			FUZZ_CHECK_S(*n && strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789-") ==
						  strlen(n), n);
			FUZZ_CHECK_S(roles_find(&r, n) == &r.v[i], n);
			FUZZ_CHECK(PERM_COUNT == 64 || !(r.v[i].may >> PERM_COUNT));
		}
		roles_free(&r);
	} else {
		FUZZ_CHECK(errors.n > 0 && r.n == 0);
		for (size_t i = 0; i < errors.n; i++)
			FUZZ_CHECK_S(strncmp(errors.v[i], "roles.yaml", 10) == 0, errors.v[i]);
	}
	strv_free(&errors);
	return 0;
}
