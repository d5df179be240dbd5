/* fuzz/money.c — the amount parser (money_parse) on any text. Invariants: an amount that
 * parses is from 0 to 1e12 fen, and each of the ways maitre writes it (money_format,
 * money_format_short, money_format_yuan) parses back to the same amount (whole yuan rounded
 * half up for the last). */
#include <stdbool.h>

#include "core/money.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	int64_t fen, back;
	char buf[32];
	if (money_parse(s, &fen)) {
		FUZZ_CHECK_S(fen >= 0 && fen <= 1000000000000LL, s);
		FUZZ_CHECK_S(money_parse(money_format(fen, buf), &back) && back == fen, buf);
		FUZZ_CHECK_S(money_parse(money_format_short(fen, buf), &back) && back == fen, buf);
		FUZZ_CHECK_S(money_parse(money_format_yuan(fen, buf), &back) &&
		                 back == money_div_round(fen, 100) * 100,
		             buf);
		FUZZ_CHECK(back - fen <= 50 && fen - back < 50);
	}
	free(s);
	return 0;
}
