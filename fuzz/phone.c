/* fuzz/phone.c — the phone rule (guest_phone_check, guest_phone_digits) on any text.
 * Invariants: a number it accepts is stored as text it accepts again unchanged (normalising
 * twice is normalising once), with the same digits, 7 to 20 of them; a refused one says why
 * and stores nothing. */
#include "core/guest.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), *norm, *again;
	struct error e;
	error_clear(&e);
	if (guest_phone_check(s, &norm, &e) < 0) {
		FUZZ_CHECK(norm == NULL && error_is_set(&e));
		free(s);
		return 0;
	}
	FUZZ_CHECK_S(norm && !error_is_set(&e), s);
	char *d = guest_phone_digits(s), *dn = guest_phone_digits(norm);
	size_t nd = strlen(d);
	FUZZ_CHECK_S(nd >= GUEST_PHONE_MIN_DIGITS && nd <= GUEST_PHONE_MAX_DIGITS, d);
	FUZZ_CHECK_S(strcmp(d, dn) == 0, norm);
	FUZZ_CHECK_S(guest_phone_check(norm, &again, &e) == 0, norm);
	FUZZ_CHECK_S(strcmp(again, norm) == 0, norm);
	free(again);
	free(dn);
	free(d);
	free(norm);
	free(s);
	return 0;
}
