/* fuzz/date.c — the date parsers (src/core/date.c, guest_date_parse) on any text.
 * Invariants: a date, a month or a time stamp that parses is valid and is written back as the
 * very same text; the parsers that say why agree with those that do not; days since 1970 go
 * there and back; a special date is from 1900 and not after today. */
#include <stdbool.h>

#include "core/date.h"
#include "core/guest.h"
#include "fuzz.h"

static bool same(struct date a, struct date b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

static void check_date(const char *s)
{
	struct date d, w;
	struct error e;
	char buf[32];
	bool ok = date_parse(s, &d);
	FUZZ_CHECK_S((date_parse_why(s, false, &w, &e) == 0) == ok, s);
	if (!ok) {
		FUZZ_CHECK(error_is_set(&e));
		return;
	}
	FUZZ_CHECK_S(date_valid(d) && same(d, w), s);
	FUZZ_CHECK_S(strcmp(date_format(d, buf), s) == 0, s);
	long days = date_to_days(d);
	FUZZ_CHECK_S(same(date_from_days(days), d), s);
	for (long n = -400; n <= 400; n += 37)
		FUZZ_CHECK_S(same(date_add_days(date_add_days(d, n), -n), d), s);
	struct date next = date_add_days(d, 1);
	FUZZ_CHECK_S(d.y == 9999 || (date_valid(next) && date_to_days(next) == days + 1), s);
	struct date first = date_month_start(d), prev = date_prev_month(d);
	FUZZ_CHECK(first.d == 1 && first.m == d.m && first.y == d.y);
	FUZZ_CHECK((d.y == 1 && d.m == 1) || date_valid(prev));
	FUZZ_CHECK(date_to_days(prev) < date_to_days(first));
}

static void check_md(const char *s)
{
	struct date d, w;
	struct error e;
	char buf[32];
	bool ok = date_parse_md(s, &d);
	FUZZ_CHECK_S((date_parse_why(s, true, &w, &e) == 0) == ok, s);
	if (!ok)
		return;
	FUZZ_CHECK_S(same(d, w), s);
	FUZZ_CHECK_S(strcmp(date_format(d, buf), s) == 0, s);
	/* without a year, 29 February is a day */
	FUZZ_CHECK_S(d.y == 0 ? d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	                            d.d <= date_month_days(2000, d.m)
	                      : date_valid(d),
	             s);
}

static void check_month_and_stamp(const char *s)
{
	struct date d;
	char buf[32];
	long long secs;
	if (date_parse_month(s, &d)) {
		FUZZ_CHECK_S(date_valid(d) && d.d == 1, s);
		FUZZ_CHECK_S(strcmp(date_month_key(d, buf), s) == 0, s);
	}
	if (date_stamp_parse(s, &secs)) {
		FUZZ_CHECK_S(strcmp(date_stamp_format(secs, buf), s) == 0, s);
		/* its day is the date it starts with */
		struct date day;
		long long floor_days = secs / 86400 - (secs % 86400 < 0);
		memcpy(buf, s, 10);
		buf[10] = '\0';
		FUZZ_CHECK_S(date_parse(buf, &day) && floor_days == date_to_days(day), s);
	}
}

static void check_special(const char *s)
{
	const struct date today = {2026, 6, 30};
	struct date d, md;
	struct error e;
	if (guest_date_parse(s, today, &d, &e) < 0) {
		FUZZ_CHECK(error_is_set(&e));
		return;
	}
	FUZZ_CHECK_S(date_parse_md(s, &md) && same(d, md), s);
	if (d.y)
		FUZZ_CHECK_S(d.y >= 1900 && date_to_days(d) <= date_to_days(today), s);
	FUZZ_CHECK_S(guest_date_check(d.y, d.m, d.d, today, &e) == 0, s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	check_date(s);
	check_md(s);
	check_month_and_stamp(s);
	check_special(s);
	free(s);
	return 0;
}
