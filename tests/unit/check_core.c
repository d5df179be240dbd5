/* check_core.c — unit tests for the pure core modules: money, date, text, guest, visit, strv.
 * Expected values are worked out by hand (see the comments), not copied from the code's output. */
#include <check.h>
#include <signal.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/settings.h"
#include "core/alert.h"
#include "core/choice.h"
#include "core/complaint.h"
#include "core/date.h"
#include "core/error.h"
#include "core/guest.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/visit.h"

/* ------------------------------------------------------------------------------------------ */
/* helpers */

/* Asserts that the malloc'ed string got equals want, then frees it. */
#define ASSERT_STR_FREE(got, want)                                                                 \
	do {                                                                                       \
		char *s_ = (got);                                                                  \
		ck_assert_ptr_nonnull(s_);                                                         \
		ck_assert_str_eq(s_, (want));                                                      \
		free(s_);                                                                          \
	} while (0)

/* True when s contains no byte a terminal would act on: no C0 control, no DEL, and no C1
 * control encoded in UTF-8 (C2 80 .. C2 9F). */
static int terminal_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return 0;
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return 0;
	}
	return 1;
}

static int64_t parse_ok(const char *s)
{
	int64_t fen = -12345;
	ck_assert_msg(money_parse(s, &fen), "money_parse(\"%s\") should succeed", s);
	return fen;
}

static void parse_bad(const char *s)
{
	int64_t fen = -12345;
	ck_assert_msg(!money_parse(s, &fen), "money_parse(\"%s\") should fail (got %lld fen)", s,
	              (long long)fen);
}

static struct date mkdate(int y, int m, int d)
{
	struct date r = {y, m, d};
	return r;
}

#define ASSERT_DATE(got, Y, M, D)                                                                  \
	do {                                                                                       \
		struct date g_ = (got);                                                            \
		ck_assert_msg(g_.y == (Y) && g_.m == (M) && g_.d == (D),                           \
		              "got %04d-%02d-%02d, want %04d-%02d-%02d", g_.y, g_.m, g_.d, (Y),    \
		              (M), (D));                                                           \
	} while (0)

/* ------------------------------------------------------------------------------------------ */
/* money */

START_TEST(money_parse_accepts)
{
	ck_assert_int_eq(parse_ok("520"), 52000);
	ck_assert_int_eq(parse_ok("520.5"), 52050);
	ck_assert_int_eq(parse_ok("520.50"), 52050);
	ck_assert_int_eq(parse_ok("520.05"), 52005);
	ck_assert_int_eq(parse_ok("¥1,450"), 145000);
	ck_assert_int_eq(parse_ok("￥1450"), 145000); /* full-width yen sign */
	ck_assert_int_eq(parse_ok("1450元"), 145000);
	ck_assert_int_eq(parse_ok("¥1450元"), 145000);
	ck_assert_int_eq(parse_ok("1,450.5元"), 145050);
	ck_assert_int_eq(parse_ok("¥1,450.50"), 145050);
	ck_assert_int_eq(parse_ok("1,234,567.89"), 123456789);
	ck_assert_int_eq(parse_ok("0"), 0);
	ck_assert_int_eq(parse_ok("0.01"), 1);
	ck_assert_int_eq(parse_ok("0.5"), 50);
	ck_assert_int_eq(parse_ok("  960  "), 96000);
	/* the ceiling, 1e12 fen = 10,000,000,000 yuan, is still accepted */
	ck_assert_int_eq(parse_ok("10000000000"), 1000000000000LL);
}
END_TEST

START_TEST(money_parse_rejects)
{
	parse_bad("");
	parse_bad("   ");
	parse_bad("-5");
	parse_bad("1.234");
	parse_bad("abc");
	parse_bad("5.");
	parse_bad(".5");
	parse_bad("5..0");
	parse_bad("5.0.0");
	parse_bad("12a");
	parse_bad("¥");
	parse_bad("元");
	parse_bad(",450");
	parse_bad("1.5,0");
	/* over 1e12 fen */
	parse_bad("10000000000.01");
	parse_bad("10000000001");
	parse_bad("99999999999999999999");
	parse_bad("999999999999999999999999999999");
}
END_TEST

START_TEST(money_format_two_decimals)
{
	char buf[32];
	ck_assert_str_eq(money_format(52000, buf), "520.00");
	ck_assert_str_eq(money_format(52050, buf), "520.50");
	ck_assert_str_eq(money_format(52005, buf), "520.05");
	ck_assert_str_eq(money_format(0, buf), "0.00");
	ck_assert_str_eq(money_format(1, buf), "0.01");
	ck_assert_str_eq(money_format(-5, buf), "-0.05");
	ck_assert_str_eq(money_format(-145050, buf), "-1450.50");
	ck_assert_str_eq(money_format(1000000000000LL, buf), "10000000000.00");
	ck_assert_ptr_eq(money_format(1, buf), buf);
	/* short: exact, without ".00" when round */
	ck_assert_str_eq(money_format_short(52000, buf), "520");
	ck_assert_str_eq(money_format_short(52050, buf), "520.50");
	ck_assert_str_eq(money_format_short(52005, buf), "520.05");
	ck_assert_str_eq(money_format_short(0, buf), "0");
	ck_assert_str_eq(money_format_short(-145050, buf), "-1450.50");
	ck_assert_str_eq(money_format_short(-5, buf), "-0.05");
	ck_assert_str_eq(money_format_short(INT64_MIN, buf), "-92233720368547758.08");
	ck_assert_str_eq(money_format_short(-5, buf), "-0.05");
	/* parse(format(x)) == x */
	for (int64_t f = 0; f < 100000; f += 37) {
		int64_t back = -1;
		ck_assert(money_parse(money_format(f, buf), &back));
		ck_assert_int_eq(back, f);
	}
}
END_TEST

START_TEST(money_rounding_half_up)
{
	char buf[32];
	ck_assert_int_eq(money_div_round(5, 2), 3);  /* 2.5 → 3 */
	ck_assert_int_eq(money_div_round(7, 2), 4);  /* 3.5 → 4 */
	ck_assert_int_eq(money_div_round(1, 3), 0);  /* 0.33 → 0 */
	ck_assert_int_eq(money_div_round(2, 3), 1);  /* 0.67 → 1 */
	ck_assert_int_eq(money_div_round(10, 4), 3); /* 2.5 → 3 */
	ck_assert_int_eq(money_div_round(9, 4), 2);  /* 2.25 → 2 */
	ck_assert_int_eq(money_div_round(0, 7), 0);
	ck_assert_int_eq(money_div_round(600, 6), 100);
	ck_assert_str_eq(money_format_yuan(7550, buf), "76"); /* 75.50 → 76 */
	ck_assert_str_eq(money_format_yuan(7549, buf), "75");
	ck_assert_str_eq(money_format_yuan(50, buf), "1");
	ck_assert_str_eq(money_format_yuan(49, buf), "0");
	ck_assert_str_eq(money_format_yuan(0, buf), "0");
	ck_assert_str_eq(money_format_yuan(52000, buf), "520");
	ck_assert_ptr_eq(money_format_yuan(1, buf), buf);
}
END_TEST

/* domain.md §3, the handbook's June sheet: per-capita = total spend ÷ total covers. */
struct sheet_row {
	const char *guest;
	int nvisits;
	int covers[5];
	const char *spend[5];
	int64_t total_fen;
	int total_covers;
	const char *per_capita;      /* 2 decimals, detail views */
	const char *per_capita_yuan; /* whole yuan, half-up, the sheet */
};

/* clang-format off */
static const struct sheet_row june[] = {
	/* 482000 / 64 = 7531.25 → 7531 fen → 75.31; 75.31 → 75 */
	{"#1", 5, {7, 16, 12, 15, 14}, {"520", "1450", "870", "960", "1020"}, 482000, 64, "75.31", "75"},
	/* 418000 / 45 = 9288.9 → 9289 → 92.89; → 93 */
	{"#2", 3, {12, 15, 18}, {"980", "1,050", "¥2150"}, 418000, 45, "92.89", "93"},
	/* 242000 / 27 = 8962.96 → 8963 → 89.63; → 90 */
	{"#3", 2, {19, 8}, {"1680元", "740.00"}, 242000, 27, "89.63", "90"},
	/* 132000 / 24 = 5500 exactly → 55.00; → 55 */
	{"张先生", 3, {8, 10, 6}, {"460", "520", "340"}, 132000, 24, "55.00", "55"},
};
/* clang-format on */

START_TEST(money_worked_examples)
{
	const struct sheet_row *r = &june[_i];
	int64_t total = 0;
	int covers = 0;
	char buf[32];
	for (int k = 0; k < r->nvisits; k++) {
		total += parse_ok(r->spend[k]);
		covers += r->covers[k];
	}
	ck_assert_msg(total == r->total_fen, "%s: total %lld", r->guest, (long long)total);
	ck_assert_int_eq(covers, r->total_covers);
	int64_t pc = money_div_round(total, covers);
	ck_assert_str_eq(money_format(pc, buf), r->per_capita);
	ck_assert_str_eq(money_format_yuan(pc, buf), r->per_capita_yuan);
	/* rounding straight from the totals to whole yuan gives the same figure */
	snprintf(buf, sizeof buf, "%lld", (long long)money_div_round(total, (int64_t)covers * 100));
	ck_assert_str_eq(buf, r->per_capita_yuan);
}
END_TEST

static Suite *money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, money_parse_accepts);
	tcase_add_test(tc, money_parse_rejects);
	suite_add_tcase(s, tc);
	tc = tcase_create("format");
	tcase_add_test(tc, money_format_two_decimals);
	tcase_add_test(tc, money_rounding_half_up);
	suite_add_tcase(s, tc);
	tc = tcase_create("june sheet");
	tcase_add_loop_test(tc, money_worked_examples, 0, (int)(sizeof june / sizeof june[0]));
	suite_add_tcase(s, tc);
	return s;
}

/* ------------------------------------------------------------------------------------------ */
/* date */

START_TEST(date_leap_and_months)
{
	ck_assert(!date_is_leap(1900));
	ck_assert(date_is_leap(2000));
	ck_assert(date_is_leap(2024));
	ck_assert(!date_is_leap(2026));
	ck_assert(!date_is_leap(2100));
	ck_assert(date_is_leap(2400));
	ck_assert_int_eq(date_month_days(2026, 2), 28);
	ck_assert_int_eq(date_month_days(2024, 2), 29);
	ck_assert_int_eq(date_month_days(1900, 2), 28);
	ck_assert_int_eq(date_month_days(2000, 2), 29);
	struct date start = date_month_start((struct date){2024, 2, 29});
	ck_assert(start.y == 2024 && start.m == 2 && start.d == 1);
	static const int want[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int year_total = 0;
	for (int m = 1; m <= 12; m++) {
		ck_assert_int_eq(date_month_days(2026, m), want[m - 1]);
		year_total += date_month_days(2026, m);
	}
	ck_assert_int_eq(year_total, 365);
	ck_assert_int_eq(date_month_days(2026, 0), 0);
	ck_assert_int_eq(date_month_days(2026, 13), 0);
	ck_assert(date_valid(mkdate(2024, 2, 29)));
	ck_assert(!date_valid(mkdate(2026, 2, 29)));
	ck_assert(!date_valid(mkdate(2026, 4, 31)));
	ck_assert(date_valid(mkdate(2026, 12, 31)));
	ck_assert(!date_valid(mkdate(2026, 1, 0)));
	ck_assert(!date_valid(mkdate(0, 1, 1)));
}
END_TEST

START_TEST(date_parse_strict)
{
	struct date d = {-1, -1, -1};
	ck_assert(date_parse("2026-06-15", &d));
	ASSERT_DATE(d, 2026, 6, 15);
	ck_assert(date_parse("2024-02-29", &d));
	ASSERT_DATE(d, 2024, 2, 29);
	d = mkdate(-1, -1, -1);
	ck_assert(!date_parse("2026-02-29", &d));
	ck_assert(!date_parse("2026-13-01", &d));
	ck_assert(!date_parse("2026-00-10", &d));
	ck_assert(!date_parse("2026-04-31", &d));
	ck_assert(!date_parse("2026-1-1", &d));
	ck_assert(!date_parse("2026/01/01", &d));
	ck_assert(!date_parse("2026-01-01x", &d));
	ck_assert(!date_parse(" 2026-01-01", &d));
	ck_assert(!date_parse("26-01-01", &d));
	ck_assert(!date_parse("0000-01-01", &d));
	ck_assert(!date_parse("", &d));
	ck_assert(!date_parse("abcd-ef-gh", &d));
}
END_TEST

START_TEST(date_parse_month_day)
{
	struct date d;
	char buf[11];
	ck_assert(date_parse_md("02-29", &d)); /* a birthday without a year */
	ASSERT_DATE(d, 0, 2, 29);
	ck_assert_str_eq(date_format(d, buf), "02-29");
	ck_assert(date_parse_md("12-31", &d));
	ASSERT_DATE(d, 0, 12, 31);
	ck_assert(!date_parse_md("02-30", &d));
	ck_assert(!date_parse_md("04-31", &d));
	ck_assert(!date_parse_md("13-01", &d));
	ck_assert(!date_parse_md("00-01", &d));
	ck_assert(!date_parse_md("2-29", &d));
	ck_assert(!date_parse_md("02/29", &d));
	ck_assert(date_parse_md("1978-09-14", &d));
	ASSERT_DATE(d, 1978, 9, 14);
	ck_assert(!date_parse_md("2023-02-29", &d));
	ck_assert(date_parse_month("2026-06", &d));
	ASSERT_DATE(d, 2026, 6, 1);
	ck_assert(!date_parse_month("2026-13", &d));
	ck_assert(!date_parse_month("2026-6", &d));
	ck_assert(!date_parse_month("2026-06-01", &d));
	ck_assert_str_eq(date_format(mkdate(2026, 6, 1), buf), "2026-06-01");
	ck_assert_str_eq(date_format(mkdate(987, 1, 2), buf), "0987-01-02");
}
END_TEST

/* Reference calendar, independent of the code under test. */
static int ref_month_days(int y, int m)
{
	static const int t[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return t[m - 1];
}

START_TEST(date_days_known_values)
{
	ck_assert_int_eq(date_to_days(mkdate(1970, 1, 1)), 0);
	ck_assert_int_eq(date_to_days(mkdate(1969, 12, 31)), -1);
	/* 30 years of 365 days + 7 leap days (1972..1996) */
	ck_assert_int_eq(date_to_days(mkdate(2000, 1, 1)), 10957);
	/* 31 + 29 days later */
	ck_assert_int_eq(date_to_days(mkdate(2000, 3, 1)), 11017);
	/* 56 × 365 + 14 leap days (1972..2024) = 20454 for 2026-01-01, + 151 + 14 */
	ck_assert_int_eq(date_to_days(mkdate(2026, 6, 15)), 20619);
	/* the NTP epoch offset: 2208988800 s / 86400 */
	ck_assert_int_eq(date_to_days(mkdate(1900, 1, 1)), -25567);
	ASSERT_DATE(date_from_days(20619), 2026, 6, 15);
	ASSERT_DATE(date_from_days(-25567), 1900, 1, 1);
}
END_TEST

START_TEST(date_days_round_trip)
{
	/* walk forward from 1970-01-01 to 2400 and backward to 1600, day by day */
	struct date d = mkdate(1970, 1, 1);
	for (long n = 0; d.y < 2401; n++) {
		ck_assert_msg(date_to_days(d) == n, "%04d-%02d-%02d", d.y, d.m, d.d);
		struct date b = date_from_days(n);
		ck_assert_msg(b.y == d.y && b.m == d.m && b.d == d.d, "from_days(%ld)", n);
		if (++d.d > ref_month_days(d.y, d.m)) {
			d.d = 1;
			if (++d.m > 12)
				d.m = 1, d.y++;
		}
	}
	d = mkdate(1970, 1, 1);
	for (long n = 0; d.y >= 1600; n--) {
		ck_assert_msg(date_to_days(d) == n, "%04d-%02d-%02d", d.y, d.m, d.d);
		struct date b = date_from_days(n);
		ck_assert_msg(b.y == d.y && b.m == d.m && b.d == d.d, "from_days(%ld)", n);
		if (--d.d < 1) {
			if (--d.m < 1)
				d.m = 12, d.y--;
			d.d = ref_month_days(d.y, d.m);
		}
	}
}
END_TEST

START_TEST(date_add_days_across_boundaries)
{
	ASSERT_DATE(date_add_days(mkdate(2025, 12, 31), 1), 2026, 1, 1);
	ASSERT_DATE(date_add_days(mkdate(2026, 1, 1), -1), 2025, 12, 31);
	ASSERT_DATE(date_add_days(mkdate(2026, 12, 25), 10), 2027, 1, 4);
	ASSERT_DATE(date_add_days(mkdate(2024, 2, 28), 1), 2024, 2, 29);
	ASSERT_DATE(date_add_days(mkdate(2026, 2, 28), 1), 2026, 3, 1);
	ASSERT_DATE(date_add_days(mkdate(2024, 3, 1), -1), 2024, 2, 29);
	ASSERT_DATE(date_add_days(mkdate(2026, 3, 1), -1), 2026, 2, 28);
	ASSERT_DATE(date_add_days(mkdate(2026, 1, 1), 365), 2027, 1, 1);
	ASSERT_DATE(date_add_days(mkdate(2024, 1, 1), 366), 2025, 1, 1);
	ASSERT_DATE(date_add_days(mkdate(2026, 6, 15), 100), 2026, 9, 23);
	ASSERT_DATE(date_add_days(mkdate(2026, 6, 15), 0), 2026, 6, 15);
}
END_TEST

START_TEST(date_today_injectable)
{
	char buf[32];
	ck_assert_int_eq(setenv("MAITRE_TODAY", "2024-02-29", 1), 0);
	ASSERT_DATE(date_today(), 2024, 2, 29);
	date_now_stamp(buf);
	ck_assert_int_eq((int)strlen(buf), 19);
	ck_assert(strncmp(buf, "2024-02-29 ", 11) == 0);
	ck_assert_int_eq(setenv("MAITRE_TODAY", "2026-06-30", 1), 0);
	ASSERT_DATE(date_today(), 2026, 6, 30);

	/* an invalid value is ignored: today is the local date */
	ck_assert_int_eq(setenv("MAITRE_TODAY", "2026-02-30", 1), 0);
	time_t t = time(NULL);
	struct tm before;
	localtime_r(&t, &before);
	struct date d = date_today();
	t = time(NULL);
	struct tm after;
	localtime_r(&t, &after);
	ck_assert(date_valid(d));
	ck_assert(
	    (d.y == before.tm_year + 1900 && d.m == before.tm_mon + 1 && d.d == before.tm_mday) ||
	    (d.y == after.tm_year + 1900 && d.m == after.tm_mon + 1 && d.d == after.tm_mday));
	ck_assert_int_eq(unsetenv("MAITRE_TODAY"), 0);
	d = date_today();
	ck_assert(d.y == after.tm_year + 1900 || d.y == after.tm_year + 1901);
}
END_TEST

START_TEST(date_simulated_clock)
{
	char buf[32];
	long long t;
	ck_assert_int_eq(setenv("MAITRE_TODAY", "2026-06-30", 1), 0);
	ck_assert_int_eq(setenv("MAITRE_NOW", "2026-05-01 08:15:00", 1), 0);
	ASSERT_DATE(date_today(), 2026, 5, 1);
	ck_assert_str_eq(date_now_stamp(buf), "2026-05-01 08:15:00");
	ck_assert_int_eq(date_now_hour(), 8);
	/* the simulated clock wins over $MAITRE_NOW, and turns off with 0 */
	ck_assert(date_stamp_parse("2025-12-31 23:59:59", &t));
	date_clock_set(t);
	ASSERT_DATE(date_today(), 2025, 12, 31);
	ck_assert_str_eq(date_now_stamp(buf), "2025-12-31 23:59:59");
	ck_assert_int_eq(date_now_hour(), 23);
	date_clock_set(0);
	ck_assert_str_eq(date_now_stamp(buf), "2026-05-01 08:15:00");
	ck_assert_int_eq(unsetenv("MAITRE_NOW"), 0);
	ASSERT_DATE(date_today(), 2026, 6, 30);
	ck_assert_int_eq(unsetenv("MAITRE_TODAY"), 0);
}
END_TEST

static Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("calendar");
	tcase_add_test(tc, date_leap_and_months);
	suite_add_tcase(s, tc);
	tc = tcase_create("parse");
	tcase_add_test(tc, date_parse_strict);
	tcase_add_test(tc, date_parse_month_day);
	suite_add_tcase(s, tc);
	tc = tcase_create("arithmetic");
	tcase_add_test(tc, date_days_known_values);
	tcase_add_test(tc, date_days_round_trip);
	tcase_add_test(tc, date_add_days_across_boundaries);
	suite_add_tcase(s, tc);
	tc = tcase_create("today");
	tcase_add_test(tc, date_today_injectable);
	tcase_add_test(tc, date_simulated_clock);
	suite_add_tcase(s, tc);
	return s;
}

/* ------------------------------------------------------------------------------------------ */
/* text: UTF-8 */

START_TEST(text_utf8_decode_encode)
{
	uint32_t cp = 0;
	char out[4];
	ck_assert_uint_eq(text_decode("A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(text_decode("\xc3\xa9", 2, &cp), 2); /* é */
	ck_assert_uint_eq(cp, 0xE9);
	ck_assert_uint_eq(text_decode("孙", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x5B59);
	ck_assert_uint_eq(text_decode("\xf0\x9f\x98\x80", 4, &cp), 4); /* 😀 */
	ck_assert_uint_eq(cp, 0x1F600);
	/* invalid: U+FFFD, one byte consumed */
	ck_assert_uint_eq(text_decode("\xff", 1, &cp), 1);
	ck_assert_uint_eq(cp, 0xFFFD);
	ck_assert_uint_eq(text_decode("\x80Z", 2, &cp), 1);
	ck_assert_uint_eq(cp, 0xFFFD);
	ck_assert_uint_eq(text_decode("\xc0\xaf", 2, &cp), 1); /* overlong '/' */
	ck_assert_uint_eq(cp, 0xFFFD);
	ck_assert_uint_eq(text_decode("\xed\xa0\x80", 3, &cp), 1); /* surrogate D800 */
	ck_assert_uint_eq(cp, 0xFFFD);
	ck_assert_uint_eq(text_decode("\xe5\xad", 2, &cp), 1); /* truncated */
	ck_assert_uint_eq(cp, 0xFFFD);
	ck_assert_uint_eq(text_decode("\xe5\xad\x99", 2, &cp), 1); /* n cuts it short */
	ck_assert_uint_eq(cp, 0xFFFD);
	ck_assert_uint_eq(text_decode("\xf4\x90\x80\x80", 4, &cp), 1); /* > U+10FFFF */
	ck_assert_uint_eq(cp, 0xFFFD);

	ck_assert_uint_eq(text_encode('A', out), 1);
	ck_assert(memcmp(out, "A", 1) == 0);
	ck_assert_uint_eq(text_encode(0xE9, out), 2);
	ck_assert(memcmp(out, "\xc3\xa9", 2) == 0);
	ck_assert_uint_eq(text_encode(0x5B59, out), 3);
	ck_assert(memcmp(out, "孙", 3) == 0);
	ck_assert_uint_eq(text_encode(0x1F600, out), 4);
	ck_assert(memcmp(out, "\xf0\x9f\x98\x80", 4) == 0);
	/* every scalar value round-trips */
	for (uint32_t c = 1; c <= 0x10FFFF; c += (c < 0x3000 ? 1 : 97)) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		size_t k = text_encode(c, out);
		uint32_t back = 0;
		ck_assert_uint_eq(text_decode(out, k, &back), k);
		ck_assert_uint_eq(back, c);
	}
}
END_TEST

START_TEST(text_utf8_validity)
{
	ck_assert(text_valid_utf8(""));
	ck_assert(text_valid_utf8("abc"));
	ck_assert(text_valid_utf8("孙先生 José 😀"));
	ck_assert(text_valid_utf8("\xef\xbf\xbd")); /* a real U+FFFD is fine */
	ck_assert(!text_valid_utf8("\xff"));
	ck_assert(!text_valid_utf8("abc\x80"));
	ck_assert(!text_valid_utf8("\xc0\xaf"));         /* overlong */
	ck_assert(!text_valid_utf8("\xe0\x80\xaf"));     /* overlong, 3 bytes */
	ck_assert(!text_valid_utf8("\xed\xa0\x80"));     /* surrogate */
	ck_assert(!text_valid_utf8("\xf4\x90\x80\x80")); /* beyond U+10FFFF */
	ck_assert(!text_valid_utf8("孙\xe5\xad"));       /* truncated at the end */
	ck_assert(!text_valid_utf8("\xe5xyz"));

	ck_assert(text_has_controls("a\tb"));
	ck_assert(text_has_controls("\x1b[31m"));
	ck_assert(text_has_controls("x\x7f"));
	ck_assert(text_has_controls("\xc2\x85")); /* NEL, C1 */
	ck_assert(!text_has_controls("孙先生 José"));
	ck_assert(!text_has_controls(""));

	ck_assert_uint_eq(text_cp_count("孙先生"), 3);
	ck_assert_uint_eq(text_cp_count("e\xcc\x81"), 2);
	ck_assert_uint_eq(text_cp_count(""), 0);
}
END_TEST

START_TEST(text_width_columns)
{
	ck_assert_int_eq(text_cp_width('a'), 1);
	ck_assert_int_eq(text_cp_width(0x5B59), 2); /* 孙 */
	ck_assert_int_eq(text_cp_width(0xFF21), 2); /* Ａ */
	ck_assert_int_eq(text_cp_width(0x0301), 0); /* combining acute */
	ck_assert_int_eq(text_cp_width(0x200B), 0); /* zero width space */
	ck_assert_int_eq(text_cp_width(0x1B), -1);
	ck_assert_int_eq(text_cp_width(0x7F), -1);
	ck_assert_int_eq(text_cp_width(0x85), -1);
	ck_assert_int_eq(text_width(""), 0);
	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_width("孙"), 2);
	ck_assert_int_eq(text_width("孙先生"), 6);
	ck_assert_int_eq(text_width("Ａ"), 2);
	ck_assert_int_eq(text_width("ＡＢＣ"), 6);
	ck_assert_int_eq(text_width("e\xcc\x81"), 1);
	ck_assert_int_eq(text_width("Jose\xcc\x81"), 4);
	ck_assert_int_eq(text_width("한국"), 4);
	ck_assert_int_eq(text_width("😀"), 2);
	ck_assert_int_eq(text_width("孙 Sun"), 6);
	/* controls count as drawn by text_display */
	ck_assert_int_eq(text_width("\x1b"), 2);     /* ^[ */
	ck_assert_int_eq(text_width("a\x7f"), 3);    /* a^? */
	ck_assert_int_eq(text_width("\xc2\x85"), 8); /* <U+0085> */
	ck_assert_int_eq(text_width("\xff"), 1);     /* U+FFFD */
	const char *names[] = {"孙\x1b[31m先生\x07", "a\tb\nc", "\302\2332J" /* CSI 2J */,
	                       "x\xffy"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *d = text_display(names[i]);
		ck_assert_ptr_nonnull(d);
		ck_assert_int_eq(text_width(names[i]), text_width(d));
		free(d);
	}
}
END_TEST

START_TEST(text_display_controls)
{
	ASSERT_STR_FREE(text_display("plain 孙先生"), "plain 孙先生");
	ASSERT_STR_FREE(text_display(""), "");
	ASSERT_STR_FREE(text_display("\x1b"), "^[");
	ASSERT_STR_FREE(text_display("a\tb\nc\rd"), "a^Ib^Jc^Md");
	ASSERT_STR_FREE(text_display("\x01\x7f"), "^A^?");
	ASSERT_STR_FREE(text_display("\xc2\x85"), "<U+0085>");
	ASSERT_STR_FREE(text_display("\302\2332J"), "<U+009B>2J");
	ASSERT_STR_FREE(text_display("x\xffy"), "x\xef\xbf\xbdy");
	ASSERT_STR_FREE(text_display("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");

	/* a guest name carrying a terminal escape is shown harmlessly */
	const char *evil = "孙\x1b[31m先生\x1b]0;pwned\x07\x1b[0m";
	char *d = text_display(evil);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d, "孙^[[31m先生^[]0;pwned^G^[[0m");
	ck_assert(terminal_safe(d));
	free(d);

	/* no input byte ever produces a control byte in the output */
	char one[3] = {0, 0, 0};
	for (int c = 1; c < 256; c++) {
		one[0] = (char)c;
		d = text_display(one);
		ck_assert_ptr_nonnull(d);
		ck_assert_msg(terminal_safe(d), "byte 0x%02x", c);
		free(d);
	}
	one[0] = (char)0xC2;
	for (int c = 0x80; c < 0xA0; c++) {
		one[1] = (char)c;
		d = text_display(one);
		ck_assert_ptr_nonnull(d);
		ck_assert_msg(terminal_safe(d), "U+%04X", c);
		free(d);
	}
}
END_TEST

START_TEST(text_truncate_columns)
{
	char *t;
	/* fits: unchanged, with or without ellipsis */
	ASSERT_STR_FREE(text_truncate("孙先生", 6, true), "孙先生");
	ASSERT_STR_FREE(text_truncate("孙先生", 10, false), "孙先生");
	ASSERT_STR_FREE(text_truncate("", 3, true), "");
	t = text_truncate("孙先生", 5, true);
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t, "孙先…");
	ck_assert_int_eq(text_width(t), 5);
	free(t);
	ASSERT_STR_FREE(text_truncate("孙先生", 4, false), "孙先");
	ASSERT_STR_FREE(text_truncate("孙先生", 4, true), "孙…"); /* 孙 + … = 3 ≤ 4 */
	ASSERT_STR_FREE(text_truncate("孙先生", 3, false), "孙");
	ASSERT_STR_FREE(text_truncate("孙先生", 1, false), "");
	ASSERT_STR_FREE(text_truncate("孙先生", 1, true), "…");
	ASSERT_STR_FREE(text_truncate("孙先生", 0, true), "");
	ASSERT_STR_FREE(text_truncate("abcdef", 4, true), "abc…");
	ASSERT_STR_FREE(text_truncate("abcdef", 4, false), "abcd");
	/* a combining mark stays with its base */
	ASSERT_STR_FREE(text_truncate("e\xcc\x81tude", 1, false), "e\xcc\x81");
	ASSERT_STR_FREE(text_truncate("e\xcc\x81tude", 3, true), "e\xcc\x81t…");
	/* controls are truncated as displayed, never raw */
	t = text_truncate("\x1b[31mred", 4, false);
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t, "^[[3");
	ck_assert(terminal_safe(t));
	free(t);

	/* never wider than asked, never a broken character */
	const char *s = "孙a先ＢＣ生e\xcc\x81😀x";
	for (int cols = 0; cols <= text_width(s) + 1; cols++) {
		for (int el = 0; el < 2; el++) {
			t = text_truncate(s, cols, el);
			ck_assert_ptr_nonnull(t);
			ck_assert_msg(text_width(t) <= cols, "cols %d: \"%s\"", cols, t);
			ck_assert(text_valid_utf8(t));
			if (cols >= text_width(s))
				ck_assert_str_eq(t, s);
			else if (cols > 0)
				ck_assert_msg(text_width(t) >= cols - 1,
				              "cols %d: \"%s\" too short", cols, t);
			free(t);
		}
	}
}
END_TEST

/* Integers as %lld writes them, at the ends of the range too. */
START_TEST(text_unsafe_one_rule)
{
	/* C0, DEL, C1 and the bidirectional controls; nothing else */
	for (uint32_t cp = 0; cp < 0x20; cp++)
		ck_assert(text_cp_unsafe(cp));
	ck_assert(text_cp_unsafe(0x7F));
	for (uint32_t cp = 0x80; cp < 0xA0; cp++)
		ck_assert(text_cp_unsafe(cp));
	const uint32_t bidi[] = {0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
				 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069};
	for (size_t i = 0; i < sizeof bidi / sizeof bidi[0]; i++)
		ck_assert_msg(text_cp_unsafe(bidi[i]), "U+%04X", (unsigned)bidi[i]);
	const uint32_t fine[] = {' ', 'a', 0xA0, 0xE9, 0x200D, 0x2029, 0x2065, 0x206A, 0x5B59,
				 0xFFFD, 0x1F600};
	for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++)
		ck_assert_msg(!text_cp_unsafe(fine[i]), "U+%04X", (unsigned)fine[i]);
	/* shown visibly, with the width they are shown in */
	ASSERT_STR_FREE(text_display("a\xe2\x80\xae" "b\xd8\x9c"), "a<U+202E>b<U+061C>");
	ck_assert_int_eq(text_width("a\xe2\x80\xae" "b"), 10);
	ASSERT_STR_FREE(text_display_lines("x\x1b[8m\ny\xc2\x9b"), "x^[[8m\ny<U+009B>");
}
END_TEST

START_TEST(text_parse_int_strict)
{
	int64_t v = 42;
	ck_assert(text_parse_int("3", 1, 10, &v) && v == 3);
	ck_assert(text_parse_int("-7", -10, 10, &v) && v == -7);
	ck_assert(text_parse_int("0", 0, 0, &v) && v == 0);
	ck_assert(text_parse_int("9223372036854775807", INT64_MIN, INT64_MAX, &v) &&
		  v == INT64_MAX);
	ck_assert(text_parse_int("-9223372036854775808", INT64_MIN, INT64_MAX, &v) &&
		  v == INT64_MIN);
	v = 42;
	const char *bad[] = {"", " 3", "3 ", "\t3", "3\n", "+3", "--3", "-", "3a", "0x3", "３",
			     "9223372036854775808", "-9223372036854775809", "99999999999999999999",
			     "11"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!text_parse_int(bad[i], INT64_MIN, 10, &v), "\"%s\" taken", bad[i]);
	ck_assert(!text_parse_int(NULL, 0, 10, &v));
	ck_assert_int_eq(v, 42);
	uint64_t u = 0;
	ck_assert(text_parse_uint("18446744073709551615", &u) && u == UINT64_MAX);
	ck_assert(!text_parse_uint("18446744073709551616", &u));
	ck_assert(!text_parse_uint("-1", &u));
	ck_assert(!text_parse_uint(" 1", &u));
}
END_TEST

START_TEST(text_int_as_printf)
{
	static const int64_t v[] = {0, 7, -7, 10, 1234567890, INT64_MAX, INT64_MIN, -1000};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		char buf[21], want[32];
		snprintf(want, sizeof want, "%lld", (long long)v[i]);
		char *end = text_int(v[i], buf);
		ck_assert_str_eq(buf, want);
		ck_assert_ptr_eq(end, buf + strlen(want));
	}
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("utf8");
	tcase_add_test(tc, text_utf8_decode_encode);
	tcase_add_test(tc, text_utf8_validity);
	tcase_add_test(tc, text_int_as_printf);
	tcase_add_test(tc, text_parse_int_strict);
	tcase_add_test(tc, text_unsafe_one_rule);
	suite_add_tcase(s, tc);
	tc = tcase_create("width");
	tcase_add_test(tc, text_width_columns);
	tcase_add_test(tc, text_display_controls);
	tcase_add_test(tc, text_truncate_columns);
	suite_add_tcase(s, tc);
	return s;
}

/* ------------------------------------------------------------------------------------------ */
/* folding, digits, pinyin */

START_TEST(fold_latin_and_fullwidth)
{
	ASSERT_STR_FREE(text_fold("Zoë"), "zoe");
	ASSERT_STR_FREE(text_fold("Zoe\xcc\x88"), "zoe"); /* decomposed ë */
	ASSERT_STR_FREE(text_fold("JOSÉ García"), "jose garcia");
	/* decomposed accents inside a word are dropped, not cut the string short */
	ASSERT_STR_FREE(text_fold("JOSE\xcc\x81 GARCI\xcc\x81\x41"), "jose garcia");
	ASSERT_STR_FREE(text_fold("Jean–Paul"), "jean paul"); /* en dash */
	ASSERT_STR_FREE(text_fold("让·雅克"), "让 雅克");     /* middle dot */
	ASSERT_STR_FREE(text_fold("孙（先生）"), "孙 先生");  /* full-width brackets */
	ASSERT_STR_FREE(text_fold("ＡＢＣ１２３"), "abc123");
	ASSERT_STR_FREE(text_fold("O'Brien-Smith"), "o brien smith");
	ASSERT_STR_FREE(text_fold("  Hello,   World!  "), "hello world");
	ASSERT_STR_FREE(text_fold("...abc..."), "abc");
	ASSERT_STR_FREE(text_fold("a\tb\nc"), "a b c");
	ASSERT_STR_FREE(text_fold("x\x01y"), "xy");      /* controls dropped */
	ASSERT_STR_FREE(text_fold("x\xc2\xa0y"), "x y"); /* no-break space */
	ASSERT_STR_FREE(text_fold("孙先生"), "孙先生");
	ASSERT_STR_FREE(text_fold("刘局长"), "刘局长");
	ASSERT_STR_FREE(text_fold("孙，先生"), "孙 先生");           /* full-width comma */
	ASSERT_STR_FREE(text_fold("孙\xe3\x80\x80先生"), "孙 先生"); /* ideographic space */
	ASSERT_STR_FREE(text_fold("孙先生 Tony"), "孙先生 tony");
	ASSERT_STR_FREE(text_fold(""), "");
	ASSERT_STR_FREE(text_fold("!!!"), "");
	ck_assert_uint_eq(text_fold_cp('A'), 'a');
	ck_assert_uint_eq(text_fold_cp(0xC9), 'e');   /* É */
	ck_assert_uint_eq(text_fold_cp(0xFF21), 'a'); /* Ａ */
	ck_assert_uint_eq(text_fold_cp(0xFF11), '1'); /* １ */
	ck_assert_uint_eq(text_fold_cp(0x0301), 0);   /* combining mark dropped */
	ck_assert_uint_eq(text_fold_cp(0x5B59), 0x5B59);
	/* folding is idempotent */
	const char *in[] = {"Zoë", "JOSÉ García", "ＡＢＣ１２３", "O'Brien-Smith", "孙先生 Tony"};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		char *a = text_fold(in[i]);
		ck_assert_ptr_nonnull(a);
		char *b = text_fold(a);
		ck_assert_ptr_nonnull(b);
		ck_assert_str_eq(a, b);
		free(a);
		free(b);
	}
}
END_TEST

/* Punctuation outside ASCII: the typographic apostrophe phones and word processors type
 * (O’Brien), curly quotes and CJK title brackets are punctuation too (text_fold's contract),
 * so a name typed either way is found. */
START_TEST(fold_unicode_punctuation)
{
	static const char *const cases[][2] = {
	    {"O’Brien", "o brien"},   /* U+2019 right single quotation mark */
	    {"“孙先生”", "孙先生"},   /* U+201C, U+201D */
	    {"《孙先生》", "孙先生"}, /* U+300A, U+300B */
	    {"孙先生…", "孙先生"},    /* U+2026 ellipsis */
	};
	char report[512] = "";
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *f = text_fold(cases[i][0]);
		ck_assert_ptr_nonnull(f);
		if (strcmp(f, cases[i][1]) != 0) {
			size_t len = strlen(report);
			snprintf(report + len, sizeof report - len,
			         " text_fold(\"%s\") = \"%s\", want \"%s\";", cases[i][0], f,
			         cases[i][1]);
		}
		free(f);
	}
	ck_assert_msg(report[0] == '\0', "%s", report);
}
END_TEST

START_TEST(fold_digits)
{
	ASSERT_STR_FREE(text_digits("+86 139-1234-5678"), "8613912345678");
	ASSERT_STR_FREE(text_digits("１３９１２３４５６７８"), "13912345678");
	ASSERT_STR_FREE(text_digits("(0558) ５５２-1234 ext. 9"), "055855212349");
	ASSERT_STR_FREE(text_digits("no digits"), "");
	ASSERT_STR_FREE(text_digits(""), "");
}
END_TEST

/* Runs text_pinyin_keys on fresh vectors; the caller frees them. */
static int keys(const char *name, int surname_chars, struct strv *full, struct strv *ini)
{
	memset(full, 0, sizeof *full);
	memset(ini, 0, sizeof *ini);
	return text_pinyin_keys(name, surname_chars, full, ini);
}

#define ASSERT_HAS(sv, key) ck_assert_msg(strv_contains(&(sv), (key)), "missing key \"%s\"", (key))
#define ASSERT_HASNT(sv, key)                                                                      \
	ck_assert_msg(!strv_contains(&(sv), (key)), "unexpected key \"%s\"", (key))

START_TEST(pinyin_readings)
{
	ck_assert_str_eq(text_pinyin_cp(0x5B59), "sun"); /* 孙 */
	ck_assert_str_eq(text_pinyin_cp(0x5218), "liu"); /* 刘 */
	ck_assert_str_eq(text_pinyin_cp(0x5415), "lv");  /* 吕, ü written v */
	ck_assert_ptr_null(text_pinyin_cp('A'));
	ck_assert_ptr_null(text_pinyin_cp(0x3042)); /* あ */
	ck_assert(text_is_han(0x5B59));
	ck_assert(!text_is_han('s'));
	ck_assert(!text_is_han(0xFF21));
}
END_TEST

START_TEST(pinyin_plain_names)
{
	struct strv full, ini;
	ck_assert_int_eq(keys("孙先生", 0, &full, &ini), 1);
	ASSERT_HAS(full, "sunxiansheng");
	ASSERT_HAS(ini, "sxs");
	ck_assert_uint_eq(full.n, 1);
	/* full pinyin of the first syllables, initials of the rest */
	ASSERT_HAS(ini, "sunxs");
	ASSERT_HAS(ini, "sunxians");
	ck_assert_str_eq(ini.v[0], "sxs");
	ck_assert_uint_eq(ini.n, 3);
	/* keys are appended without duplicates */
	ck_assert_int_eq(text_pinyin_keys("孙先生", 0, &full, &ini), 0);
	ck_assert_uint_eq(full.n, 1);
	ck_assert_int_eq(text_pinyin_keys("唐总", 0, &full, &ini), 1);
	ASSERT_HAS(full, "tangzong");
	ASSERT_HAS(ini, "tz");
	ASSERT_HAS(full, "sunxiansheng");
	strv_free(&full);
	strv_free(&ini);

	/* spaces between characters do not matter */
	keys("孙 先生", 1, &full, &ini);
	ASSERT_HAS(full, "sunxiansheng");
	ASSERT_HAS(ini, "sxs");
	strv_free(&full);
	strv_free(&ini);

	/* Latin words are folded and kept */
	keys("Zoë 孙", 1, &full, &ini);
	ASSERT_HAS(full, "zoesun");
	ASSERT_HAS(ini, "zs");
	strv_free(&full);
	strv_free(&ini);

	/* no Han: no keys, nothing appended */
	ck_assert_int_eq(keys("Tony Smith", 0, &full, &ini), 0);
	ck_assert_uint_eq(full.n, 0);
	ck_assert_uint_eq(ini.n, 0);
	strv_free(&full);
	strv_free(&ini);
	ck_assert_int_eq(keys("", 0, &full, &ini), 0);
	ck_assert_uint_eq(full.n, 0);
	strv_free(&full);
	strv_free(&ini);
}
END_TEST

START_TEST(pinyin_titles)
{
	struct strv full, ini;
	/* 长 closing a title (局长) reads zhang, not chang */
	ck_assert_int_ge(keys("刘局长", 0, &full, &ini), 1);
	ASSERT_HAS(full, "liujuzhang");
	ASSERT_HAS(ini, "ljz");
	ASSERT_HASNT(full, "liujuchang");
	strv_free(&full);
	strv_free(&ini);
	/* 行长 (bank president) reads hangzhang, not xingzhang */
	keys("张行长", 0, &full, &ini);
	ASSERT_HAS(full, "zhanghangzhang");
	ASSERT_HAS(ini, "zhz");
	ASSERT_HASNT(full, "zhangxingzhang");
	strv_free(&full);
	strv_free(&ini);
	keys("孙主任", 0, &full, &ini);
	ASSERT_HAS(full, "sunzhuren");
	ASSERT_HAS(ini, "szr");
	strv_free(&full);
	strv_free(&ini);
}
END_TEST

START_TEST(pinyin_surnames)
{
	struct strv full, ini;
	/* 曾 as a surname is zeng; its first reading is ceng: both are keys */
	ck_assert_int_eq(keys("曾先生", 0, &full, &ini), 2);
	ASSERT_HAS(full, "zengxiansheng");
	ASSERT_HAS(full, "cengxiansheng");
	ASSERT_HAS(ini, "zxs");
	ASSERT_HAS(ini, "cxs");
	ASSERT_HAS(ini, "zengxs"); /* the surname in full, the rest by initials */
	ASSERT_HAS(ini, "cengxs");
	strv_free(&full);
	strv_free(&ini);
	/* 单 as a surname reads shan (first reading dan) */
	keys("单先生", 0, &full, &ini);
	ASSERT_HAS(full, "shanxiansheng");
	ASSERT_HAS(full, "danxiansheng");
	ASSERT_HAS(ini, "sxs");
	strv_free(&full);
	strv_free(&ini);
	/* 解 as a surname reads xie (first reading jie) */
	keys("解女士", 0, &full, &ini);
	ASSERT_HAS(full, "xienvshi");
	ASSERT_HAS(ini, "xns");
	strv_free(&full);
	strv_free(&ini);
	/* the surname reading applies to the surname only: 单 later in a name is dan */
	keys("孙单", 1, &full, &ini);
	ASSERT_HAS(full, "sundan");
	ASSERT_HASNT(full, "sunshan");
	strv_free(&full);
	strv_free(&ini);
	/* 吕 (lü): written lv, also lu */
	ck_assert_int_eq(keys("吕先生", 0, &full, &ini), 2);
	ASSERT_HAS(full, "lvxiansheng");
	ASSERT_HAS(full, "luxiansheng");
	ASSERT_HAS(ini, "lxs");
	strv_free(&full);
	strv_free(&ini);
	/* compound surname */
	keys("欧阳先生", 2, &full, &ini);
	ASSERT_HAS(full, "ouyangxiansheng");
	ASSERT_HAS(ini, "oyxs");
	strv_free(&full);
	strv_free(&ini);
	/* with a two-character surname, the surname reading applies to the second one too */
	keys("欧单", 2, &full, &ini);
	ASSERT_HAS(full, "oushan");
	strv_free(&full);
	strv_free(&ini);
	keys("欧单", 1, &full, &ini);
	ASSERT_HAS(full, "oudan");
	ASSERT_HASNT(full, "oushan");
	strv_free(&full);
	strv_free(&ini);
}
END_TEST

/* One phone, many spellings: the country code and full-width digits make no other number. */
START_TEST(phone_normalised)
{
	static const char *const same[] = {"13912345678",         "+86 139 1234 5678",
					   "+8613912345678",      "0086 139-1234-5678",
					   "8613912345678",       "１３９１２３４５６７８",
					   "＋８６ １３９１２３４５６７８"};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		ASSERT_STR_FREE(guest_phone_digits(same[i]), "13912345678");
	/* a landline in international form gets its trunk 0 back */
	ASSERT_STR_FREE(guest_phone_digits("+86 558 555 1234"), "05585551234");
	ASSERT_STR_FREE(guest_phone_digits("+86 10 1234 5678"), "01012345678");
	/* other countries, and numbers that only look like it, keep their digits */
	ASSERT_STR_FREE(guest_phone_digits("+44 20 7946 0958"), "442079460958");
	ASSERT_STR_FREE(guest_phone_digits("86123456"), "86123456");
	ASSERT_STR_FREE(guest_phone_digits("0558-5551234"), "05585551234");

	/* what is stored: the national digits, or the number as typed with full-width folded */
	struct error why;
	char *norm;
	ck_assert_int_eq(guest_phone_check("+86 139 1234 5678", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "13912345678");
	ck_assert_int_eq(guest_phone_check(" （０５５８）５５５－１２３４ ", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "(0558)555-1234");
	ck_assert_int_eq(guest_phone_check("+44 20 7946 0958", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "+44 20 7946 0958");
	/* one length rule: 7 (a landline without area code) to 20 digits (with an extension) */
	ck_assert_int_eq(guest_phone_check("5551234", &norm, &why), 0);
	free(norm);
	ck_assert_int_eq(guest_phone_check("555123", &norm, &why), -1);
	ck_assert_ptr_null(norm);
	ck_assert_str_eq(why.msg, "phone: must have 7 to 20 digits, got \"555123\"");
	ck_assert_int_eq(guest_phone_check("0558-5551234 ext 12345678", &norm, &why), 0);
	free(norm);
	ck_assert_int_eq(guest_phone_check("0558-5551234 ext 1234567890", &norm, &why), -1);
	/* +86 alone leaves too few digits */
	ck_assert_int_eq(guest_phone_check("+86 5551", &norm, &why), -1);
	ck_assert_int_eq(guest_phone_check("139\n1234 5678", &norm, &why), -1);
}
END_TEST

/* The country code written twice is dropped twice: a number is stored with the digits it is
 * matched by, and storing it again changes nothing (found by fuzz/phone.c). */
START_TEST(phone_country_code_twice)
{
	static const char *const twice[] = {"+86 0086 139 1234 5678", "0086 0086 13912345678"};
	struct error why;
	char *norm, *again;
	for (size_t i = 0; i < sizeof twice / sizeof twice[0]; i++) {
		ASSERT_STR_FREE(guest_phone_digits(twice[i]), "13912345678");
		ck_assert_int_eq(guest_phone_check(twice[i], &norm, &why), 0);
		ck_assert_str_eq(norm, "13912345678");
		ck_assert_int_eq(guest_phone_check(norm, &again, &why), 0);
		ck_assert_str_eq(again, norm);
		free(again);
		free(norm);
	}
	/* the fuzzer's input: a 7-digit number behind the code twice gets its trunk 0 once */
	ASSERT_STR_FREE(guest_phone_digits("d0086d0086 1 14567A"), "0114567");
	ck_assert_int_eq(guest_phone_check("d0086d0086 1 14567A", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "0114567");
}
END_TEST

static Suite *search_suite(void)
{
	Suite *s = suite_create("search keys");
	TCase *tc = tcase_create("fold");
	tcase_add_test(tc, fold_latin_and_fullwidth);
	tcase_add_test(tc, fold_unicode_punctuation);
	tcase_add_test(tc, fold_digits);
	tcase_add_test(tc, phone_normalised);
	tcase_add_test(tc, phone_country_code_twice);
	suite_add_tcase(s, tc);
	tc = tcase_create("pinyin");
	tcase_add_test(tc, pinyin_readings);
	tcase_add_test(tc, pinyin_plain_names);
	tcase_add_test(tc, pinyin_titles);
	tcase_add_test(tc, pinyin_surnames);
	suite_add_tcase(s, tc);
	return s;
}

/* ------------------------------------------------------------------------------------------ */
/* guest */

START_TEST(guest_field_table)
{
	const struct guest_field *f = guest_field_find("family-name");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_eq(f, &guest_fields[GF_FAMILY_NAME]);
	ck_assert_ptr_eq(guest_field_find("family_name"), f);
	ck_assert_ptr_eq(guest_field_find("height-cm"), &guest_fields[GF_HEIGHT_CM]);
	ck_assert_ptr_eq(guest_field_find("name"), &guest_fields[GF_NAME]);
	ck_assert_ptr_null(guest_field_find("surname"));
	ck_assert_ptr_null(guest_field_find(""));
	ck_assert_ptr_null(guest_field_find("name "));
	ck_assert_ptr_null(guest_field_find(
	    "family_name_family_name_family_name_family_name_family_name_family_name"));
	/* every key is found by itself, with '-' for '_', and keys are unique */
	for (int i = 0; i < GF_COUNT; i++) {
		char dashed[64];
		snprintf(dashed, sizeof dashed, "%s", guest_fields[i].key);
		for (char *p = dashed; *p; p++)
			if (*p == '_')
				*p = '-';
		ck_assert_ptr_eq(guest_field_find(guest_fields[i].key), &guest_fields[i]);
		ck_assert_ptr_eq(guest_field_find(dashed), &guest_fields[i]);
		ck_assert_ptr_nonnull(guest_fields[i].label);
	}
	/* the seven don't-asks: exactly these fields are sensitive */
	static const char *const sensitive[] = {"marital_status", "income", "home_address",
	                                        "religion",       "health", "personal_history"};
	for (int i = 0; i < GF_COUNT; i++) {
		bool want = false;
		for (size_t k = 0; k < sizeof sensitive / sizeof sensitive[0]; k++)
			if (strcmp(guest_fields[i].key, sensitive[k]) == 0)
				want = true;
		ck_assert_msg(guest_fields[i].sensitive == want, "%s sensitive=%d",
		              guest_fields[i].key, guest_fields[i].sensitive);
	}
	for (size_t k = 0; k < sizeof sensitive / sizeof sensitive[0]; k++)
		ck_assert_ptr_nonnull(guest_field_find(sensitive[k]));
}
END_TEST

/* Every field of GUEST_FIELDS carries what each layer derives from it: a form label and a group
 * (the profile form has a row for it), its limits (the form's and validation's), and, when it
 * has an option of its own, the option named after its key. A field added half-way fails here. */
START_TEST(guest_field_declared_once)
{
	int in_group[GG_COUNT] = {0};
	for (int i = 0; i < GF_COUNT; i++) {
		const struct guest_field *f = &guest_fields[i];
		ck_assert_msg(f->form_label && *f->form_label, "%s: no form label", f->key);
		ck_assert_msg(f->label && *f->label, "%s: no description", f->key);
		ck_assert_msg(f->group >= 0 && f->group < GG_COUNT, "%s: no group", f->key);
		in_group[f->group]++;
		ck_assert_msg(f->sensitive == (f->group == GG_SENSITIVE), "%s: sensitive", f->key);
		ck_assert_msg(!(f->sensitive && f->search != GS_NONE), "%s: searched", f->key);
		ck_assert_msg(f->len > 0, "%s: no length", f->key);
		ck_assert_msg((f->type == FT_INT) == (f->min < f->max), "%s: min/max", f->key);
		ck_assert_msg((f->type == FT_ENUM) == (f->choices != NULL), "%s: choices", f->key);
		/* the limits are what validation holds the field to */
		struct error why;
		char *norm = NULL, *s = calloc(f->len + 2, 1);
		ck_assert_ptr_nonnull(s);
		memset(s, '7', f->len + 1);
		if (f->type == FT_TEXT || f->type == FT_LONG) {
			ck_assert_int_eq(guest_field_check(f, s, &norm, &why), -1);
			s[f->len] = '\0';
			ck_assert_int_eq(guest_field_check(f, s, &norm, &why), 0);
			free(norm);
		} else if (f->type == FT_INT) {
			char v[32];
			snprintf(v, sizeof v, "%d", f->max + 1);
			ck_assert_int_eq(guest_field_check(f, v, &norm, &why), -1);
			snprintf(v, sizeof v, "%d", f->min - 1);
			ck_assert_int_eq(guest_field_check(f, v, &norm, &why), -1);
			snprintf(v, sizeof v, "%d", f->min);
			ck_assert_int_eq(guest_field_check(f, v, &norm, &why), 0);
			ck_assert_str_eq(norm, v);
			free(norm);
		}
		free(s);
		/* its own option, if any, is its key with '-' for '_', and takes a value */
		ck_assert_msg(!f->opt == !f->opt_arg, "%s: option without placeholder", f->key);
		if (f->opt)
			ck_assert_ptr_eq(guest_field_find(f->opt), f);
	}
	for (int k = 0; k < GG_COUNT; k++) {
		ck_assert_ptr_nonnull(guest_group_titles[k]);
		ck_assert_msg(in_group[k] > 0, "group %d is empty", k);
	}
	ck_assert_int_eq(guest_fields[GF_NAME].group, GG_WORK); /* the form opens on it */
}
END_TEST

START_TEST(guest_field_check_values)
{
	const struct guest_field *h = guest_field_find("height_cm");
	const struct guest_field *g = guest_field_find("gender");
	const struct guest_field *sm = guest_field_find("sales_manager");
	const struct guest_field *name = guest_field_find("name");
	const struct guest_field *looks = guest_field_find("looks");
	char *norm = (char *)"sentinel";
	struct error why;

	why.msg[0] = '\0';
	ck_assert_int_eq(guest_field_check(h, "abc", &norm, &why), -1);
	ck_assert_ptr_null(norm);
	ck_assert_msg(strstr(why.msg, " 50") && strstr(why.msg, "250"), "why: %s", why.msg);
	ck_assert_msg(strstr(why.msg, "abc") != NULL, "why names the value: %s", why.msg);
	why.msg[0] = '\0';
	ck_assert_int_eq(guest_field_check(h, "300", &norm, &why), -1);
	ck_assert_msg(strstr(why.msg, " 50") && strstr(why.msg, "250"), "why: %s", why.msg);
	ck_assert_int_eq(guest_field_check(h, "49", &norm, &why), -1);
	ck_assert_int_eq(guest_field_check(h, "251", &norm, &why), -1);
	ck_assert_int_eq(guest_field_check(h, "-176", &norm, &why), -1);
	ck_assert_int_eq(guest_field_check(h, "176cm", &norm, &why), -1);
	ck_assert_int_eq(guest_field_check(h, "99999999999999999999", &norm, &why), -1);
	ck_assert_int_eq(guest_field_check(h, "176", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "176");
	ck_assert_int_eq(guest_field_check(h, "50", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "50");
	ck_assert_int_eq(guest_field_check(h, "0176", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "176"); /* canonical */

	why.msg[0] = '\0';
	ck_assert_int_eq(guest_field_check(g, "x", &norm, &why), -1);
	ck_assert_msg(strstr(why.msg, "male") && strstr(why.msg, "female"), "why: %s", why.msg);
	ck_assert_int_eq(guest_field_check(g, "female", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "female");
	ck_assert_int_eq(guest_field_check(guest_field_find("spending_power"), "upper-middle",
	                                   &norm, &why),
	                 0);
	ASSERT_STR_FREE(norm, "upper-middle");

	/* empty clears */
	norm = (char *)"sentinel";
	ck_assert_int_eq(guest_field_check(h, "", &norm, &why), 0);
	ck_assert_ptr_null(norm);
	norm = (char *)"sentinel";
	ck_assert_int_eq(guest_field_check(g, "", &norm, &why), 0);
	ck_assert_ptr_null(norm);
	norm = (char *)"sentinel";
	ck_assert_int_eq(guest_field_check(name, NULL, &norm, &why), 0);
	ck_assert_ptr_null(norm);

	/* staff logins */
	ck_assert_int_eq(guest_field_check(sm, "li.ming-2", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "li.ming-2");
	ck_assert_int_eq(guest_field_check(sm, "li ming", &norm, &why), -1);
	ck_assert_int_eq(guest_field_check(sm, "李明", &norm, &why), -1);

	/* text: one line; long text: lines allowed; escapes never */
	ck_assert_int_eq(guest_field_check(name, "孙先生", &norm, &why), 0);
	ASSERT_STR_FREE(norm, "孙先生");
	ck_assert_int_eq(guest_field_check(name, "孙\n先生", &norm, &why), -1);
	ck_assert_int_eq(guest_field_check(name, "孙\x1b[31m先生", &norm, &why), -1);
	ck_assert_int_eq(guest_field_check(name, "\xff", &norm, &why), -1);
	ck_assert_int_eq(
	    guest_field_check(looks, "glasses\nmole under the right eye", &norm, &why),
	    0);
	ASSERT_STR_FREE(norm, "glasses\nmole under the right eye");
	ck_assert_int_eq(guest_field_check(looks, "glasses\x1b[2J", &norm, &why), -1);
}
END_TEST

START_TEST(guest_text_field_check)
{
	struct error why;
	char long_text[300];
	memset(long_text, 'a', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	ck_assert_int_eq(text_field_check("孙先生", 200, false, &why), 0);
	ck_assert_int_eq(text_field_check(long_text, 200, false, &why), -1);
	ck_assert_msg(strstr(why.msg, "200") != NULL, "why: %s", why.msg);
	ck_assert_int_eq(text_field_check(long_text, 299, false, &why), 0);
	/* the limit counts characters, as a person does: 200 Chinese characters (600 bytes) fit
	 * a 200-character field, 201 do not */
	char han[3 * 201 + 1] = "";
	for (int i = 0; i < 200; i++)
		strcat(han, "孙");
	ck_assert_int_eq(text_field_check(han, 200, false, &why), 0);
	strcat(han, "孙");
	ck_assert_int_eq(text_field_check(han, 200, false, &why), -1);
	ck_assert_msg(strstr(why.msg, "200 characters") != NULL, "why: %s", why.msg);
	ck_assert_int_eq(text_field_check("a\tb", 200, false, &why), -1);
	ck_assert_int_eq(text_field_check("a\tb\nc", 200, true, &why), 0);
	ck_assert_int_eq(text_field_check("a\rb", 200, true, &why), -1);
	ck_assert_int_eq(text_field_check("a\x7f", 200, true, &why), -1);
	ck_assert_int_eq(text_field_check("a\x1b[31m", 200, true, &why), -1);
	ck_assert_int_eq(text_field_check("\xc0\xaf", 200, true, &why), -1);
	ck_assert_msg(strstr(why.msg, "UTF-8") != NULL, "why: %s", why.msg);
	/* C1 controls (U+0085 NEL, U+009B CSI) are control characters too */
	ck_assert_int_eq(
	    text_field_check("a\302\23331mz" /* CSI 31m */, 200, false, &why), -1);
	ck_assert_int_eq(text_field_check("x\xc2\x85y", 200, false, &why), -1);
	/* multiline text allows newline and tab only (text_field_check's contract) */
	ck_assert_msg(
	    text_field_check("a\302\23331mz" /* CSI 31m */, 4000, true, &why) == -1,
	    "multiline text accepted C1 control U+009B (CSI)");
	ck_assert_msg(text_field_check("x\xc2\x85y", 4000, true, &why) == -1,
	              "multiline text accepted C1 control U+0085 (NEL)");
}
END_TEST

/* A valid sheet: 孙先生 with a driver and a secretary. Free with guest_free. */
static void sample_guest(struct guest *g)
{
	guest_init(g);
	guest_set(g, GF_NAME, "孙先生");
	guest_set(g, GF_FAMILY_NAME, "孙");
	guest_set(g, GF_GENDER, "male");
	guest_set(g, GF_EMPLOYER, "亳州市永盛信息科技有限公司");
	guest_set(g, GF_HEIGHT_CM, "176");
	guest_set(g, GF_WEIGHT_KG, "79");
	guest_set(g, GF_ETHNICITY, "回族");
	guest_set(g, GF_SPENDING_POWER, "upper-middle");
	guest_set(g, GF_LOOKS, "square-frame glasses\nmole under the right eye");
	guest_set(g, GF_SALES_MANAGER, "wang.li");
	ck_assert_int_eq(guest_add_phone(g, "mobile", "+86 139-1234-5678"), 0);
	ck_assert_int_eq(guest_add_phone(g, "landline", "0558-5521234"), 1);
	ck_assert_int_eq(guest_add_person(g, "driver", "小王", NULL), 0);
	ck_assert_int_eq(guest_add_person(g, "secretary", "李秘书", "prefers tea"), 1);
	ck_assert_int_eq(guest_add_pref(g, -1, PREF_TABOO, SEV_CRITICAL, "pork"), 0);
	ck_assert_int_eq(guest_add_pref(g, -1, PREF_DISH, SEV_NONE, "东山老鹅"), 1);
	ck_assert_int_eq(guest_add_pref(g, 1, PREF_ALLERGY, SEV_HIGH, "peanuts"), 2);
	ck_assert_int_eq(guest_add_date(g, -1, DATE_BIRTHDAY, NULL, 1978, 9, 14), 0);
	ck_assert_int_eq(guest_add_date(g, 1, DATE_BIRTHDAY, NULL, 0, 2, 29), 1);
	ck_assert_int_eq(guest_add_tag(g, "vip"), 0);
	ck_assert_int_eq(guest_add_note(g, "wants it quick"), 0);
}

/* Asserts g is rejected with a reason starting with prefix and, if given, containing part. */
static void assert_invalid(const struct guest *g, const char *prefix, const char *part)
{
	struct error why = {0};
	ck_assert_int_eq(guest_validate(g, NULL, &why), -1);
	ck_assert_msg(strncmp(why.msg, prefix, strlen(prefix)) == 0, "why \"%s\" should start \"%s\"",
	              why.msg, prefix);
	if (part)
		ck_assert_msg(strstr(why.msg, part) != NULL, "why \"%s\" should mention \"%s\"", why.msg,
		              part);
}

START_TEST(guest_validate_sheet)
{
	struct guest g;
	struct error why;
	sample_guest(&g);
	ck_assert_msg(guest_validate(&g, NULL, &why) == 0, "valid sheet rejected: %s", why.msg);

	/* missing name */
	guest_set(&g, GF_NAME, "");
	ck_assert_ptr_null(g.f[GF_NAME]);
	assert_invalid(&g, "name:", NULL);
	guest_set(&g, GF_NAME, "孙先生");

	/* a bad scalar field names the field */
	guest_set(&g, GF_HEIGHT_CM, "300");
	assert_invalid(&g, "height_cm:", NULL);
	guest_set(&g, GF_HEIGHT_CM, NULL);
	guest_set(&g, GF_GENDER, "x");
	assert_invalid(&g, "gender:", NULL);
	guest_set(&g, GF_GENDER, "male");
	guest_set(&g, GF_NAME, "孙\x1b[31m先生");
	assert_invalid(&g, "name:", NULL);
	guest_set(&g, GF_NAME, "孙先生");
	ck_assert_int_eq(guest_validate(&g, NULL, &why), 0);

	/* a phone with too few digits */
	int p = guest_add_phone(&g, "mobile", "12");
	assert_invalid(&g, "phone:", NULL);
	guest_remove_phone(&g, (size_t)p);
	p = guest_add_phone(&g, "mobile", "call his driver");
	assert_invalid(&g, "phone:", NULL);
	guest_remove_phone(&g, (size_t)p);
	p = guest_add_phone(&g, "mobile", "１３９１２３４５６７８"); /* full-width digits count */
	ck_assert_int_eq(guest_validate(&g, NULL, &why), 0);
	guest_remove_phone(&g, (size_t)p);
	ck_assert_uint_eq(g.phones.n, 2);

	/* dates */
	int d = guest_add_date(&g, -1, DATE_ANNIVERSARY, NULL, 0, 2, 30);
	assert_invalid(&g, "anniversary:", NULL);
	guest_remove_date(&g, (size_t)d);
	d = guest_add_date(&g, -1, DATE_ANNIVERSARY, NULL, 2023, 2, 29);
	assert_invalid(&g, "anniversary:", NULL);
	guest_remove_date(&g, (size_t)d);
	d = guest_add_date(&g, -1, DATE_ANNIVERSARY, NULL, 2024, 2, 29);
	ck_assert_int_eq(guest_validate(&g, NULL, &why), 0);
	guest_remove_date(&g, (size_t)d);
	d = guest_add_date(&g, -1, DATE_ANNIVERSARY, NULL, 0, 13, 1);
	assert_invalid(&g, "anniversary:", NULL);
	guest_remove_date(&g, (size_t)d);
	d = guest_add_date(&g, -1, DATE_OTHER, NULL, 0, 5, 1); /* "other" needs a label */
	assert_invalid(&g, "date label:", NULL);
	guest_remove_date(&g, (size_t)d);
	d = guest_add_date(&g, -1, DATE_OTHER, "company founded", 2005, 5, 1);
	ck_assert_int_eq(guest_validate(&g, NULL, &why), 0);
	guest_remove_date(&g, (size_t)d);
	d = guest_add_date(&g, 2, DATE_BIRTHDAY, NULL, 0, 1, 1); /* person 2 does not exist */
	assert_invalid(&g, "birthday:", "person");
	guest_remove_date(&g, (size_t)d);

	/* a preference of a nonexistent person */
	int k = guest_add_pref(&g, 2, PREF_TASTE, SEV_NONE, "spicy");
	assert_invalid(&g, "taste:", NULL);
	guest_remove_pref(&g, (size_t)k);
	k = guest_add_pref(&g, -2, PREF_TASTE, SEV_NONE, "spicy");
	assert_invalid(&g, "taste:", NULL);
	guest_remove_pref(&g, (size_t)k);
	k = guest_add_pref(&g, -1, PREF_TASTE, SEV_NONE, "");
	assert_invalid(&g, "taste:", NULL);
	guest_remove_pref(&g, (size_t)k);

	/* notes, tags */
	k = guest_add_note(&g, "");
	assert_invalid(&g, "note:", NULL);
	free(g.notes.v[k].text); /* there is no guest_remove_note: drop the last note by hand */
	g.notes.n--;
	k = guest_add_tag(&g, "bad\x1btag");
	assert_invalid(&g, "tag:", NULL);
	guest_remove_tag(&g, (size_t)k);

	ck_assert_int_eq(guest_validate(&g, NULL, &why), 0);
	guest_free(&g);
	ck_assert_ptr_null(g.f[GF_NAME]);
	ck_assert_uint_eq(g.phones.n, 0);
}
END_TEST

START_TEST(guest_remove_person_reindexes)
{
	struct guest g;
	struct error why;
	guest_init(&g);
	guest_set(&g, GF_NAME, "刘局长");
	guest_add_person(&g, "driver", "小王", NULL);        /* 0 */
	guest_add_person(&g, "secretary", "李秘书", NULL);   /* 1 */
	guest_add_person(&g, "spouse", "陈女士", "teacher"); /* 2 */
	guest_add_pref(&g, -1, PREF_TASTE, SEV_NONE, "light");
	guest_add_pref(&g, 0, PREF_HABIT, SEV_NONE, "driver eats in the car");
	guest_add_pref(&g, 1, PREF_ALLERGY, SEV_HIGH, "secretary: peanuts");
	guest_add_pref(&g, 2, PREF_DISH, SEV_NONE, "spouse: 锅烫毛肚");
	guest_add_pref(&g, 1, PREF_DISLIKE, SEV_NONE, "secretary: cilantro");
	guest_add_date(&g, 1, DATE_BIRTHDAY, NULL, 0, 3, 8);
	guest_add_date(&g, 2, DATE_BIRTHDAY, NULL, 1980, 7, 1);
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 1970, 1, 2);
	ck_assert_int_eq(guest_validate(&g, NULL, &why), 0);

	guest_remove_person(&g, 1);

	ck_assert_uint_eq(g.people.n, 2);
	ck_assert_str_eq(g.people.v[0].relation, "driver");
	ck_assert_str_eq(g.people.v[1].relation, "spouse");
	ck_assert_str_eq(g.people.v[1].notes, "teacher");
	ck_assert_uint_eq(g.prefs.n, 3);
	ck_assert_str_eq(g.prefs.v[0].text, "light");
	ck_assert_int_eq(g.prefs.v[0].person, -1);
	ck_assert_str_eq(g.prefs.v[1].text, "driver eats in the car");
	ck_assert_int_eq(g.prefs.v[1].person, 0);
	ck_assert_str_eq(g.prefs.v[2].text, "spouse: 锅烫毛肚");
	ck_assert_int_eq(g.prefs.v[2].person, 1); /* was 2 */
	ck_assert_uint_eq(g.dates.n, 2);
	ck_assert_int_eq(g.dates.v[0].person, 1); /* the spouse's birthday, was 2 */
	ck_assert_int_eq(g.dates.v[0].year, 1980);
	ck_assert_int_eq(g.dates.v[1].person, -1);
	ck_assert_int_eq(g.dates.v[1].year, 1970);
	ck_assert_int_eq(guest_validate(&g, NULL, &why), 0);

	/* out of range: nothing happens */
	guest_remove_person(&g, 5);
	ck_assert_uint_eq(g.people.n, 2);
	ck_assert_uint_eq(g.prefs.n, 3);

	/* the last person */
	guest_remove_person(&g, 1);
	ck_assert_uint_eq(g.people.n, 1);
	ck_assert_uint_eq(g.prefs.n, 2);
	ck_assert_uint_eq(g.dates.n, 1);
	guest_remove_person(&g, 0);
	ck_assert_uint_eq(g.people.n, 0);
	ck_assert_uint_eq(g.prefs.n, 1);
	ck_assert_str_eq(g.prefs.v[0].text, "light");
	ck_assert_int_eq(guest_validate(&g, NULL, &why), 0);
	guest_free(&g);
}
END_TEST

START_TEST(guest_lists_and_names)
{
	struct guest g;
	guest_init(&g);
	ck_assert_int_eq(guest_add_tag(&g, "vip"), 0);
	ck_assert_int_eq(guest_add_tag(&g, "banquet"), 1);
	ck_assert_int_eq(guest_add_tag(&g, "vip"), 0); /* no duplicates */
	ck_assert_uint_eq(g.tags.n, 2);
	guest_remove_tag(&g, 0);
	ck_assert_uint_eq(g.tags.n, 1);
	ck_assert_str_eq(g.tags.v[0], "banquet");
	ck_assert_int_eq(guest_add_phone(&g, "", "139"), 0);
	ck_assert_str_eq(g.phones.v[0].kind, "mobile"); /* default kind */
	for (int i = 0; i < 20; i++)
		guest_add_phone(&g, "office", "0558-1234");
	ck_assert_uint_eq(g.phones.n, 21);
	guest_remove_phone(&g, 0);
	guest_remove_phone(&g, 100);
	ck_assert_uint_eq(g.phones.n, 20);
	ck_assert_str_eq(g.phones.v[0].kind, "office");
	guest_set(&g, GF_NAME, "孙先生");
	guest_set(&g, GF_NAME, "唐总");
	ck_assert_str_eq(g.f[GF_NAME], "唐总");
	guest_free(&g);

	ck_assert_int_eq(pref_kind_from_name("taboo"), PREF_TABOO);
	ck_assert_int_eq(pref_kind_from_name("allergy"), PREF_ALLERGY);
	ck_assert_int_eq(pref_kind_from_name("usual-dish"), PREF_DISH);
	ck_assert_int_eq(pref_kind_from_name("dish"), PREF_DISH);
	ck_assert_int_eq(pref_kind_from_name("bogus"), -1);
	ck_assert_int_eq(severity_from_name(""), SEV_NONE);
	ck_assert_int_eq(severity_from_name("critical"), SEV_CRITICAL);
	ck_assert_int_eq(severity_from_name("urgent"), -1);
	ck_assert_int_eq(date_kind_from_name("anniversary"), DATE_ANNIVERSARY);
	ck_assert_int_eq(date_kind_from_name("wedding"), -1);
	for (int k = 0; k < PREF_KIND_COUNT; k++)
		ck_assert_int_eq(pref_kind_from_name(pref_kind_names[k]), k);
	ck_assert(pref_kind_is_safety(PREF_TABOO));
	ck_assert(pref_kind_is_safety(PREF_ALLERGY));
	ck_assert(!pref_kind_is_safety(PREF_DISH));
	ck_assert(!pref_kind_is_safety(PREF_DISLIKE));
	ck_assert(!pref_kind_is_safety(PREF_TASTE));
}
END_TEST

START_TEST(guest_copy_is_deep)
{
	struct guest a, b;
	struct error why;
	sample_guest(&a);
	a.id = 42;
	a.version = 7;
	a.created_at = strdup("2026-06-01 12:00:00");
	a.updated_at = strdup("2026-06-02 12:00:00");
	a.phones.v[0].id = 101;
	a.prefs.v[2].id = 202;
	a.people.v[1].id = 303;
	a.dates.v[1].id = 404;
	a.notes.v[0].id = 505;
	a.notes.v[0].author = strdup("wang.li");
	a.notes.v[0].at = strdup("2026-06-01 12:00:00");

	guest_copy(&b, &a);
	ck_assert_int_eq(b.id, 42);
	ck_assert_int_eq(b.version, 7);
	ck_assert_str_eq(b.created_at, "2026-06-01 12:00:00");
	ck_assert_str_eq(b.updated_at, "2026-06-02 12:00:00");
	for (int i = 0; i < GF_COUNT; i++) {
		if (!a.f[i]) {
			ck_assert_ptr_null(b.f[i]);
			continue;
		}
		ck_assert_ptr_nonnull(b.f[i]);
		ck_assert_str_eq(b.f[i], a.f[i]);
		ck_assert_ptr_ne(b.f[i], a.f[i]);
	}
	ck_assert_uint_eq(b.phones.n, 2);
	ck_assert_int_eq(b.phones.v[0].id, 101);
	ck_assert_str_eq(b.phones.v[1].kind, "landline");
	ck_assert_str_eq(b.phones.v[1].number, "0558-5521234");
	ck_assert_uint_eq(b.prefs.n, 3);
	ck_assert_int_eq(b.prefs.v[2].id, 202);
	ck_assert_int_eq(b.prefs.v[2].person, 1);
	ck_assert_int_eq(b.prefs.v[2].kind, PREF_ALLERGY);
	ck_assert_int_eq(b.prefs.v[2].severity, SEV_HIGH);
	ck_assert_str_eq(b.prefs.v[0].text, "pork");
	ck_assert_uint_eq(b.people.n, 2);
	ck_assert_int_eq(b.people.v[1].id, 303);
	ck_assert_str_eq(b.people.v[1].notes, "prefers tea");
	ck_assert_ptr_null(b.people.v[0].notes);
	ck_assert_uint_eq(b.dates.n, 2);
	ck_assert_int_eq(b.dates.v[1].id, 404);
	ck_assert_int_eq(b.dates.v[1].month, 2);
	ck_assert_int_eq(b.dates.v[1].day, 29);
	ck_assert_int_eq(b.dates.v[0].year, 1978);
	ck_assert_uint_eq(b.tags.n, 1);
	ck_assert_str_eq(b.tags.v[0], "vip");
	ck_assert_uint_eq(b.notes.n, 1);
	ck_assert_int_eq(b.notes.v[0].id, 505);
	ck_assert_str_eq(b.notes.v[0].author, "wang.li");
	ck_assert_str_eq(b.notes.v[0].text, "wants it quick");
	ck_assert_int_eq(guest_validate(&b, NULL, &why), 0);

	/* change the copy everywhere: the original does not move */
	guest_set(&b, GF_NAME, "孙总");
	guest_set(&b, GF_EMPLOYER, NULL);
	b.phones.v[0].number[0] = '#';
	b.prefs.v[0].text[0] = 'P';
	b.people.v[0].relation[0] = 'D';
	b.notes.v[0].text[0] = 'W';
	b.tags.v[0][0] = 'V';
	guest_remove_person(&b, 1);
	guest_add_tag(&b, "banquet");
	ck_assert_str_eq(a.f[GF_NAME], "孙先生");
	ck_assert_str_eq(a.f[GF_EMPLOYER], "亳州市永盛信息科技有限公司");
	ck_assert_str_eq(a.phones.v[0].number, "+86 139-1234-5678");
	ck_assert_str_eq(a.prefs.v[0].text, "pork");
	ck_assert_str_eq(a.people.v[0].relation, "driver");
	ck_assert_str_eq(a.notes.v[0].text, "wants it quick");
	ck_assert_str_eq(a.tags.v[0], "vip");
	ck_assert_uint_eq(a.people.n, 2);
	ck_assert_uint_eq(a.prefs.n, 3);
	ck_assert_uint_eq(a.dates.n, 2);
	ck_assert_uint_eq(a.tags.n, 1);

	/* freeing the copy leaves the original intact (and vice versa; ASan checks both) */
	guest_free(&b);
	ck_assert_str_eq(a.f[GF_NAME], "孙先生");
	ck_assert_int_eq(guest_validate(&a, NULL, &why), 0);
	guest_free(&a);

	/* copying an empty guest */
	guest_init(&a);
	guest_copy(&b, &a);
	ck_assert_ptr_null(b.f[GF_NAME]);
	ck_assert_uint_eq(b.phones.n, 0);
	guest_free(&b);
	guest_free(&a);
}
END_TEST


/* One limit per text of the sheet's lists, the same for the form, the CLI and the save. */
START_TEST(guest_text_rule)
{
	struct error why;
	char tag[70];
	memset(tag, 'x', 60);
	tag[60] = '\0';
	ck_assert_int_eq(guest_text_check(GT_TAG, tag, &why), 0);
	strcat(tag, "x");
	ck_assert_int_eq(guest_text_check(GT_TAG, tag, &why), -1);
	ck_assert_msg(strstr(why.msg, "60"), "%s", why.msg);
	ck_assert_int_eq(guest_text_check(GT_PREF, "", &why), -1);
	ck_assert_int_eq(guest_text_check(GT_PERSON_NAME, NULL, &why), 0);
	ck_assert_int_eq(guest_text_check(GT_NOTE, "two\nlines", &why), 0);
	ck_assert_int_eq(guest_text_check(GT_PREF, "two\nlines", &why), -1);
	/* guest_validate holds the same limit */
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, "孙先生");
	guest_add_tag(&g, tag);
	ck_assert_int_eq(guest_validate(&g, NULL, &why), -1);
	ck_assert_msg(strncmp(why.msg, "tag: ", 5) == 0, "%s", why.msg);
	guest_free(&g);
}
END_TEST

/* One rule for a special date, used by the profile form, the command line and guest_validate:
 * the reason names the real fault. */
START_TEST(guest_date_rule)
{
	struct date today = {2026, 12, 7}, d;
	struct error why;
	ck_assert_int_eq(guest_date_parse("1978-09-14", today, &d, &why), 0);
	ck_assert_int_eq(d.y, 1978);
	ck_assert_int_eq(guest_date_parse("02-29", today, &d, &why), 0); /* no year */
	ck_assert_int_eq(d.y, 0);
	ck_assert_int_eq(guest_date_parse("2026-12-07", today, &d, &why), 0);
	/* a day that does not exist is not a date — not "neither YYYY-MM-DD nor MM-DD" */
	ck_assert_int_eq(guest_date_parse("2026-02-30", today, &d, &why), -1);
	ck_assert_str_eq(why.msg, "\"2026-02-30\" is not a date");
	ck_assert_int_eq(guest_date_parse("13-01", today, &d, &why), -1);
	ck_assert_str_eq(why.msg, "\"13-01\" is not a date");
	ck_assert_int_eq(guest_date_parse("5/12", today, &d, &why), -1);
	ck_assert_msg(strstr(why.msg, "write YYYY-MM-DD") != NULL, "%s", why.msg);
	/* a birthday in the future says so: the form saved 2030 and the CLI refused it */
	ck_assert_int_eq(guest_date_parse("2030-05-12", today, &d, &why), -1);
	ck_assert_str_eq(why.msg, "2030-05-12 is in the future");
	ck_assert_int_eq(guest_date_parse("2026-12-08", today, &d, &why), -1);
	ck_assert_int_eq(guest_date_parse("1899-12-31", today, &d, &why), -1);
	ck_assert_msg(strstr(why.msg, "1900") != NULL, "%s", why.msg);
	/* guest_validate holds the same rule, today being date_today() */
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, "孙先生");
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, date_today().y + 1, 1, 1);
	ck_assert_int_eq(guest_validate(&g, NULL, &why), -1);
	ck_assert_msg(strstr(why.msg, "birthday: ") == why.msg && strstr(why.msg, "is in the future"), "%s", why.msg);
	guest_free(&g);
}
END_TEST

/* The sensitive parts (issue 15): the seven, the birth year and those config.yaml adds, never
 * the name; guest_mask hides them and the birthdays' years. */
START_TEST(guest_sensitive_parts)
{
	guest_field_set s = guest_sensitive(0);
	for (int i = 0; i < GF_COUNT; i++)
		ck_assert_int_eq(!!(s & GUEST_FIELD_BIT(i)), guest_fields[i].sensitive);
	ck_assert(s & GUEST_BIRTH_YEAR);
	ck_assert(guest_sensitive(GUEST_FIELD_BIT(GF_EMPLOYER)) & GUEST_FIELD_BIT(GF_EMPLOYER));
	ck_assert(!(guest_sensitive(GUEST_FIELD_BIT(GF_NAME)) & GUEST_FIELD_BIT(GF_NAME)));
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, "孙先生");
	guest_set(&g, GF_INCOME, "月入五万");
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 1978, 9, 14);
	guest_add_date(&g, -1, DATE_ANNIVERSARY, NULL, 2005, 5, 20);
	guest_mask(&g, s, "hidden");
	ck_assert_str_eq(g.f[GF_NAME], "孙先生");
	ck_assert_str_eq(g.f[GF_INCOME], "hidden");
	ck_assert_str_eq(g.f[GF_HEALTH], "hidden");
	ck_assert_int_eq(g.dates.v[0].year, 0);
	ck_assert_int_eq(g.dates.v[0].day, 14);
	ck_assert_int_eq(g.dates.v[1].year, 2005);
	guest_free(&g);
	/* config.yaml's sensitive_fields: keys of the sheet, the name refused */
	struct settings c = {0};
	struct error e;
	const char *ok = "sensitive_fields: [employer, looks]\n";
	ck_assert_int_eq(settings_parse(&c, ok, strlen(ok), "config.yaml", &e), 0);
	ck_assert(c.sensitive == (GUEST_FIELD_BIT(GF_EMPLOYER) | GUEST_FIELD_BIT(GF_LOOKS)));
	settings_free(&c);
	const char *bad = "sensitive_fields: [employer, name]\n";
	c = (struct settings){0};
	ck_assert_int_eq(settings_parse(&c, bad, strlen(bad), "config.yaml", &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "config.yaml:1:30"));
	settings_free(&c);
}
END_TEST

static Suite *guest_suite(void)
{
	Suite *s = suite_create("guest");
	TCase *tc = tcase_create("fields");
	tcase_add_test(tc, guest_field_table);
	tcase_add_test(tc, guest_field_declared_once);
	tcase_add_test(tc, guest_field_check_values);
	tcase_add_test(tc, guest_text_field_check);
	suite_add_tcase(s, tc);
	tc = tcase_create("validate");
	tcase_add_test(tc, guest_validate_sheet);
	tcase_add_test(tc, guest_date_rule);
	tcase_add_test(tc, guest_text_rule);
	suite_add_tcase(s, tc);
	tc = tcase_create("lists");
	tcase_add_test(tc, guest_remove_person_reindexes);
	tcase_add_test(tc, guest_lists_and_names);
	tcase_add_test(tc, guest_copy_is_deep);
	tcase_add_test(tc, guest_sensitive_parts);
	suite_add_tcase(s, tc);
	return s;
}

/* ------------------------------------------------------------------------------------------ */
/* visit */

START_TEST(visit_meals)
{
	ck_assert_int_eq(meal_from_name("lunch"), MEAL_LUNCH);
	ck_assert_int_eq(meal_from_name("午市"), MEAL_LUNCH);
	ck_assert_int_eq(meal_from_name("l"), MEAL_LUNCH);
	ck_assert_int_eq(meal_from_name("dinner"), MEAL_DINNER);
	ck_assert_int_eq(meal_from_name("晚市"), MEAL_DINNER);
	ck_assert_int_eq(meal_from_name("d"), MEAL_DINNER);
	ck_assert_int_eq(meal_from_name("brunch"), -1);
	ck_assert_int_eq(meal_from_name(""), -1);
	ck_assert_str_eq(meal_names[MEAL_LUNCH], "lunch");
	ck_assert_str_eq(meal_names[MEAL_DINNER], "dinner");
	ck_assert_int_eq(meal_for_hour(11), MEAL_LUNCH);
	ck_assert_int_eq(meal_for_hour(14), MEAL_LUNCH);
	ck_assert_int_eq(meal_for_hour(15), MEAL_DINNER);
	ck_assert_int_eq(meal_for_hour(19), MEAL_DINNER);
	ck_assert_int_eq(meal_for_hour(23), MEAL_DINNER);
}
END_TEST

static struct visit sample_visit(void)
{
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = 1;
	snprintf(v.date, sizeof v.date, "2026-06-03");
	v.meal = MEAL_DINNER;
	v.covers = 7;
	v.spend_fen = 52000;
	return v;
}

static void visit_invalid(const struct visit *v, const char *prefix)
{
	struct error why = {0};
	ck_assert_int_eq(visit_validate(v, &why), -1);
	ck_assert_msg(strncmp(why.msg, prefix, strlen(prefix)) == 0, "why \"%s\" should start \"%s\"",
	              why.msg, prefix);
}

START_TEST(visit_validate_fields)
{
	struct error why;
	struct visit v = sample_visit();
	ck_assert_msg(visit_validate(&v, &why) == 0, "valid visit rejected: %s", why.msg);

	v.covers = 0;
	visit_invalid(&v, "covers: ");
	v.covers = -3;
	visit_invalid(&v, "covers: ");
	v.covers = 1000;
	visit_invalid(&v, "covers: ");
	v.covers = 1;
	ck_assert_int_eq(visit_validate(&v, &why), 0);
	v.covers = 999;
	ck_assert_int_eq(visit_validate(&v, &why), 0);
	v.covers = 7;

	v.spend_fen = -1;
	visit_invalid(&v, "spend: ");
	v.spend_fen = 0; /* a free meal is a visit */
	ck_assert_int_eq(visit_validate(&v, &why), 0);
	v.spend_fen = 1000000000LL; /* ¥10,000,000 */
	ck_assert_int_eq(visit_validate(&v, &why), 0);
	v.spend_fen = 1000000001LL;
	visit_invalid(&v, "spend: ");
	v.spend_fen = 52000;

	snprintf(v.date, sizeof v.date, "2026-02-29");
	visit_invalid(&v, "date: ");
	snprintf(v.date, sizeof v.date, "2026-6-3");
	visit_invalid(&v, "date: ");
	v.date[0] = '\0';
	visit_invalid(&v, "date: ");
	snprintf(v.date, sizeof v.date, "2024-02-29");
	ck_assert_int_eq(visit_validate(&v, &why), 0);

	v.guest_id = 0;
	visit_invalid(&v, "guest: ");
	v.guest_id = 1;
	v.meal = (enum meal)2;
	visit_invalid(&v, "meal: ");
	v.meal = MEAL_LUNCH;

	v.table_no = strdup("A12 包间");
	v.notes = strdup("birthday cake\nbrought own wine");
	ck_assert_int_eq(visit_validate(&v, &why), 0);
	free(v.table_no);
	v.table_no = strdup("A12\x1b[2J");
	visit_invalid(&v, "table: ");
	free(v.table_no);
	v.table_no = NULL;
	free(v.notes);
	v.notes = strdup("ok\x1b]0;x\x07");
	visit_invalid(&v, "notes: ");
	visit_free(&v);
	ck_assert_ptr_null(v.notes);
	ck_assert_ptr_null(v.table_no);
}
END_TEST

START_TEST(visit_validate_message_names_value)
{
	struct error why = {0};
	struct visit v = sample_visit();
	v.covers = 0;
	ck_assert_int_eq(visit_validate(&v, &why), -1);
	ck_assert_msg(strstr(why.msg, "999") != NULL, "why names the range: %s", why.msg);
	v.covers = 7;
	snprintf(v.date, sizeof v.date, "2026-13-01");
	ck_assert_int_eq(visit_validate(&v, &why), -1);
	ck_assert_msg(strstr(why.msg, "\"2026-13-01\"") != NULL, "why: %s", why.msg);
	ck_assert(strncmp(why.msg, "date: ", 6) == 0);
	visit_free(&v);
}
END_TEST


START_TEST(visit_covers_rule)
{
	int n = 0;
	struct error why;
	ck_assert_int_eq(visit_parse_covers("8", &n, &why), 0);
	ck_assert_int_eq(n, 8);
	ck_assert_int_eq(visit_parse_covers("８", &n, &why), 0); /* as spend takes ５２０ */
	ck_assert_int_eq(n, 8);
	ck_assert_int_eq(visit_parse_covers("１２", &n, &why), 0);
	ck_assert_int_eq(n, 12);
	ck_assert_int_eq(visit_parse_covers(" 999 ", &n, &why), 0);
	ck_assert_int_eq(n, 999);
	const char *bad[] = {"", "0", "1000", "-3", "abc", "8a", "1 2", "0008000", "3.5"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(visit_parse_covers(bad[i], &n, &why) == -1, "%s taken", bad[i]);
		ck_assert_msg(strstr(why.msg, "1 to 999"), "%s", why.msg);
	}
}
END_TEST

START_TEST(visit_date_rule)
{
	struct date today = {2026, 6, 30}, opening = visit_opening_default(today), d;
	struct error why;
	ck_assert_int_eq(opening.y, 2025);
	ck_assert_int_eq(opening.m, 6);
	ck_assert_int_eq(opening.d, 30);
	struct date leap = visit_opening_default((struct date){2028, 2, 29});
	ck_assert_int_eq(leap.y, 2027);
	ck_assert_int_eq(leap.d, 28);
	ck_assert_int_eq(visit_date_check("2026-06-30", today, opening, false, &d, &why),
			 VISIT_DATE_OK);
	ck_assert_int_eq(visit_date_check("2025-06-30", today, opening, false, &d, &why),
			 VISIT_DATE_OK);
	ck_assert_int_eq(visit_date_check("2026-07-01", today, opening, false, &d, &why),
			 VISIT_DATE_BAD);
	ck_assert_msg(strstr(why.msg, "in the future"), "%s", why.msg);
	/* allow_old never lets a future one in */
	ck_assert_int_eq(visit_date_check("2026-07-01", today, opening, true, &d, &why),
			 VISIT_DATE_BAD);
	ck_assert_int_eq(visit_date_check("2025-06-29", today, opening, false, &d, &why),
			 VISIT_DATE_OLD);
	ck_assert_msg(strstr(why.msg, "opening date, 2025-06-30"), "%s", why.msg);
	ck_assert_int_eq(visit_date_check("2025-06-29", today, opening, true, &d, &why),
			 VISIT_DATE_OK);
	ck_assert_int_eq(d.d, 29);
	ck_assert_int_eq(visit_date_check("2026-02-30", today, opening, true, &d, &why),
			 VISIT_DATE_BAD);
	ck_assert_str_eq(why.msg, "\"2026-02-30\" is not a date");
}
END_TEST

START_TEST(visit_void_reasons)
{
	struct error why;
	for (int c = 0; c < VOID_CODE_COUNT; c++)
		ck_assert_int_eq(void_code_from_name(void_code_names[c]), c);
	ck_assert_int_eq(void_code_from_name("lost"), -1);
	ck_assert_int_eq(void_code_from_name(NULL), -1);
	char *t = void_reason_text("wrong-amount", "520 not 250");
	ck_assert_str_eq(t, "wrong amount: 520 not 250");
	free(t);
	t = void_reason_text("twice", "");
	ck_assert_str_eq(t, "entered twice");
	free(t);
	t = void_reason_text("other", "坐错桌");
	ck_assert_str_eq(t, "坐错桌");
	free(t);
	t = void_reason_text(NULL, "录错了"); /* a row voided before codes: its text as it was */
	ck_assert_str_eq(t, "录错了");
	free(t);
	ck_assert_int_eq(void_reason_check(VOID_TWICE, "", &why), 0);
	ck_assert_int_eq(void_reason_check(VOID_OTHER, "", &why), -1);
	ck_assert_int_eq(void_reason_check(VOID_OTHER, "x\x1b[2J", &why), -1);
}
END_TEST

/* The closed choices: typed as the code, the English label or the Chinese word (whatever the
 * interface's language), stored as the code; Space cycles through them and nothing. */
/* Pro-rated to the days gone, visits and spend scale; spend per head, an average, does not. */
START_TEST(tier_rule_so_far)
{
	struct tier_rule r = {0};
	r.min_visits = 6;
	r.min_spend = 500000;
	r.min_per_capita = 8000;
	/* a third of the month: 2 visits, ¥1,700, 20 covers (¥85 a head) holds */
	struct tier_figures f = {.visits = 2, .spend = 170000, .covers = 20, .months = 1};
	ck_assert(tier_rule_holds_so_far(&r, &f, 1.0, 1.0 / 3));
	ck_assert(!tier_rule_holds(&r, &f, 1.0));
	/* ¥30 a head is short whatever share of the month has gone */
	f.covers = 57;
	ck_assert(!tier_rule_holds_so_far(&r, &f, 1.0, 1.0 / 3));
	ck_assert(!tier_rule_holds_so_far(&r, &f, 1.0, 0.1));
}
END_TEST

START_TEST(choice_tables)
{
	ck_assert_str_eq(choice_code(&choice_gender, "男"), "male");
	ck_assert_str_eq(choice_code(&choice_gender, " female "), "female");
	ck_assert_ptr_null(choice_code(&choice_gender, "男士"));
	ck_assert_ptr_null(choice_code(&choice_gender, "Male")); /* codes are exact */
	ck_assert_ptr_null(choice_code(&choice_gender, ""));
	ck_assert_str_eq(choice_code(&choice_spending, "upper middle"), "upper-middle");
	ck_assert_str_eq(choice_code(&choice_phone_kind, "座机"), "landline");
	ck_assert_str_eq(choice_code(&choice_relation, "夫人"), "wife");
	ck_assert_str_eq(choice_code(&choice_channel, "微信"), "wechat");
	ck_assert_int_eq(complaint_category_from_name("菜品"), CC_FOOD);
	ck_assert_int_eq(complaint_category_from_name("waiting time"), CC_WAITING_TIME);
	ck_assert_int_eq(complaint_channel_from_name("网评"), CH_ONLINE_REVIEW);
	ck_assert_int_eq(complaint_category_from_name("汤"), -1);
	ck_assert_int_eq(pref_kind_from_name("过敏"), PREF_ALLERGY);
	ck_assert_int_eq(pref_kind_from_name("usual_dish"), PREF_DISH);
	ck_assert_int_eq(pref_kind_from_name("dishes"), -1);
	ck_assert_int_eq(severity_from_name("危急"), SEV_CRITICAL);
	ck_assert_int_eq(severity_from_name(""), SEV_NONE);
	ck_assert_int_eq(meal_from_name("午市"), MEAL_LUNCH);
	ck_assert_int_eq(meal_from_name("晚餐"), MEAL_DINNER);
	/* unknown codes are shown as stored */
	ck_assert_str_eq(choice_label(&choice_relation, "舅舅"), "舅舅");
	ck_assert_str_eq(choice_label(&choice_gender, NULL), "");
	/* the cycle: male, female, nothing, male */
	ck_assert_str_eq(choice_next(&choice_gender, NULL, 1, true), "male");
	ck_assert_str_eq(choice_next(&choice_gender, "male", 1, true), "female");
	ck_assert_ptr_null(choice_next(&choice_gender, "female", 1, true));
	ck_assert_str_eq(choice_next(&choice_gender, "female", 1, false), "male");
	ck_assert_str_eq(choice_next(&choice_channel, "phone", -1, false), "wechat");
	char list[200];
	ck_assert_str_eq(choice_list(&choice_gender, list, sizeof list), "male, female");
	/* the sheet's field takes the Chinese word and keeps the code; a phone's kind too */
	char *norm = NULL;
	struct error why;
	ck_assert_int_eq(guest_field_check(guest_field_find("gender"), "女", &norm, &why), 0);
	ck_assert_str_eq(norm, "female");
	free(norm);
	ck_assert_int_eq(guest_field_check(guest_field_find("gender"), "x", &norm, &why), -1);
	ck_assert_str_eq(why.msg, "must be one of male, female, got \"x\"");
	struct guest g;
	guest_init(&g);
	guest_add_phone(&g, "手机", "13900001111");
	guest_add_phone(&g, "home", "0558 1234567");
	guest_add_phone(&g, "pager", "1234567");
	ck_assert_str_eq(g.phones.v[0].kind, "mobile");
	ck_assert_str_eq(g.phones.v[1].kind, "landline");
	ck_assert_str_eq(g.phones.v[2].kind, "pager");
	guest_free(&g);
}
END_TEST

/* The per-capita rule (domain.md §3), one function for every screen and command. */
START_TEST(visit_per_capita_rule)
{
	/* no covers: no figure, never a division by zero */
	ck_assert_int_eq(visit_per_capita(52000, 0), 0);
	ck_assert_int_eq(visit_per_capita(0, 0), 0);
	ck_assert_int_eq(visit_per_capita(52000, -3), 0);
	ck_assert_int_eq(visit_per_capita_yuan(52000, 0), 0);
	/* exact in fen, rounded half-up to the fen */
	ck_assert_int_eq(visit_per_capita(0, 7), 0);
	ck_assert_int_eq(visit_per_capita(10000, 3), 3333); /* 3333.33 */
	ck_assert_int_eq(visit_per_capita(20000, 3), 6667); /* 6666.67 */
	ck_assert_int_eq(visit_per_capita(1, 2), 1);        /* 0.5 fen → 1 */
	ck_assert_int_eq(visit_per_capita(3, 2), 2);        /* 1.5 fen → 2 */
	ck_assert_int_eq(visit_per_capita(52000, 7), 7429); /* ¥520 for 7: 74.2857 */
	ck_assert_int_eq(visit_per_capita(INT64_C(1000000000000), 999), 1001001001);
	/* the sheet's whole yuan: the fen figure the detail views show, rounded half-up */
	ck_assert_int_eq(visit_per_capita_yuan(52000, 7), 74);
	ck_assert_int_eq(visit_per_capita_yuan(9900, 2), 50);  /* ¥49.50 → 50 */
	ck_assert_int_eq(visit_per_capita_yuan(9898, 2), 49);  /* ¥49.49 → 49 */
	ck_assert_int_eq(visit_per_capita_yuan(9899, 2), 50);  /* ¥49.495 shows as ¥49.50 → 50 */
	/* over several visits: total spend ÷ total covers, not the mean of the visits' figures */
	const struct sheet_row *r = &june[_i];
	int64_t total = 0, means = 0;
	int covers = 0;
	char buf[32];
	for (int k = 0; k < r->nvisits; k++) {
		int64_t fen = parse_ok(r->spend[k]);
		total += fen;
		covers += r->covers[k];
		means += visit_per_capita(fen, r->covers[k]);
	}
	ck_assert_str_eq(money_format(visit_per_capita(total, covers), buf), r->per_capita);
	snprintf(buf, sizeof buf, "%lld", (long long)visit_per_capita_yuan(total, covers));
	ck_assert_str_eq(buf, r->per_capita_yuan);
	if (r->nvisits > 1 && r->covers[0] != r->covers[1])
		ck_assert_int_ne(visit_per_capita(total, covers), money_div_round(means, r->nvisits));
}
END_TEST

static Suite *visit_suite(void)
{
	Suite *s = suite_create("visit");
	TCase *tc = tcase_create("meal");
	tcase_add_test(tc, visit_meals);
	tcase_add_test(tc, choice_tables);
	tcase_add_test(tc, tier_rule_so_far);
	suite_add_tcase(s, tc);
	tc = tcase_create("validate");
	tcase_add_test(tc, visit_validate_fields);
	tcase_add_test(tc, visit_validate_message_names_value);
	tcase_add_test(tc, visit_covers_rule);
	tcase_add_test(tc, visit_date_rule);
	tcase_add_test(tc, visit_void_reasons);
	suite_add_tcase(s, tc);
	tc = tcase_create("per capita");
	tcase_add_loop_test(tc, visit_per_capita_rule, 0, (int)(sizeof june / sizeof june[0]));
	suite_add_tcase(s, tc);
	return s;
}

/* ------------------------------------------------------------------------------------------ */
/* strv, sbuf */

START_TEST(strv_vectors)
{
	struct strv sv = {0};
	char name[32];
	ck_assert(!strv_contains(&sv, "a"));
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "guest-%d", i);
		strv_push(&sv, name);
	}
	ck_assert_uint_eq(sv.n, 100);
	ck_assert_ptr_null(sv.v[100]); /* NULL-terminated */
	ck_assert_str_eq(sv.v[0], "guest-0");
	ck_assert_str_eq(sv.v[99], "guest-99");
	ck_assert(strv_contains(&sv, "guest-57"));
	ck_assert(!strv_contains(&sv, "guest-100"));
	strv_push_unique(&sv, "guest-57");
	ck_assert_uint_eq(sv.n, 100);
	strv_push_unique(&sv, "孙先生");
	ck_assert_uint_eq(sv.n, 101);
	ck_assert_str_eq(sv.v[100], "孙先生");
	/* push copies */
	snprintf(name, sizeof name, "mutable");
	strv_push(&sv, name);
	name[0] = 'M';
	ck_assert_str_eq(sv.v[101], "mutable");
	strv_take(&sv, strdup("taken"));
	ck_assert_str_eq(sv.v[102], "taken");
	ck_assert_uint_eq(sv.n, 103);
	strv_free(&sv);
	ck_assert_uint_eq(sv.n, 0);
	ck_assert_ptr_null(sv.v);
	/* reusable after free */
	strv_push(&sv, "again");
	ck_assert_uint_eq(sv.n, 1);
	strv_free(&sv);
	strv_free(&sv); /* freeing an empty vector is harmless */
}
END_TEST

START_TEST(sbuf_buffers)
{
	struct sbuf b = {0};
	ASSERT_STR_FREE(sbuf_detach(&b), ""); /* never NULL */
	sbuf_add(&b, "孙");
	sbuf_addc(&b, '-');
	sbuf_addn(&b, "先生xyz", 6);
	sbuf_printf(&b, " %d covers, ¥%s", 7, "520.00");
	ck_assert_uint_eq(b.len, strlen("孙-先生 7 covers, ¥520.00"));
	ASSERT_STR_FREE(sbuf_detach(&b), "孙-先生 7 covers, ¥520.00");
	ck_assert_ptr_null(b.s);
	ck_assert_uint_eq(b.len, 0);
	/* growth well past the first allocation */
	for (int i = 0; i < 1000; i++)
		sbuf_add(&b, "0123456789");
	ck_assert_uint_eq(b.len, 10000);
	ck_assert_uint_eq(strlen(b.s), 10000);
	ck_assert(memcmp(b.s + 9990, "0123456789", 10) == 0);
	sbuf_free(&b);
	ck_assert_ptr_null(b.s);
	sbuf_free(&b);

	ck_assert_ptr_null(xstrdup(NULL));
	ASSERT_STR_FREE(xstrdup("孙"), "孙");
	ASSERT_STR_FREE(xasprintf("%s:%03d", "visit", 7), "visit:007");
	ASSERT_STR_FREE(xasprintf("%s", ""), "");
}
END_TEST

/* vec_reverse turns arrays of any element size end for end, odd and even lengths alike. */
START_TEST(vec_reversed)
{
	struct {
		int64_t id;
		char name[13];
	} v[5] = {{1, "一"}, {2, "二"}, {3, "三"}, {4, "四"}, {5, "五"}};
	vec_reverse(v, 5, sizeof v[0]);
	for (int i = 0; i < 5; i++) {
		static const char *const names[] = {"五", "四", "三", "二", "一"};
		ck_assert_int_eq(v[i].id, 5 - i);
		ck_assert_str_eq(v[i].name, names[i]);
	}
	vec_reverse(v, 4, sizeof v[0]); /* the first four */
	ck_assert_int_eq(v[0].id, 2);
	ck_assert_int_eq(v[3].id, 5);
	ck_assert_int_eq(v[4].id, 1);
	vec_reverse(v, 1, sizeof v[0]);
	ck_assert_int_eq(v[0].id, 2);
	vec_reverse(NULL, 0, sizeof v[0]); /* nothing read: nothing to turn */
}
END_TEST

/* Allergies and taboos are listed the most severe first, whatever order they were entered in
 * (maitre guest show, the card); other kinds as entered. */
START_TEST(prefs_text_by_severity)
{
	static const char *const sev[SEV_COUNT] = {"", "low", "medium", "high", "critical"};
	struct guest g;
	guest_init(&g);
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_LOW, "芒果");
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_HIGH, "虾");
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_NONE, "花粉");
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_CRITICAL, "花生");
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_HIGH, "蟹");
	guest_add_pref(&g, -1, PREF_TASTE, SEV_NONE, "偏辣");
	guest_add_pref(&g, -1, PREF_TASTE, SEV_NONE, "少盐");
	char *t = guest_prefs_text(&g, -1, PREF_ALLERGY, sev);
	ck_assert_str_eq(t, "花生 (critical), 虾 (high), 蟹 (high), 芒果 (low), 花粉");
	free(t);
	t = guest_prefs_text(&g, -1, PREF_TASTE, sev);
	ck_assert_str_eq(t, "偏辣, 少盐");
	free(t);
	guest_free(&g);
}
END_TEST

/* An alert's reason from its code and figures, and an older one from its English text: the
 * same words (the C locale), and text not understood as it is. */
START_TEST(alert_reasons)
{
	char b[400];
	ck_assert_str_eq(alert_reason_text("no_visit", "2026-06", "x", b, sizeof b),
			 "no visit in 2026-06");
	ck_assert_str_eq(alert_reason_text("overdue", "7", "x", b, sizeof b),
			 "complaint 7 is past its deadline");
	ck_assert_str_eq(alert_reason_text("severe", "high|7|2026-06-03", "x", b, sizeof b),
			 "high complaint 7 on 2026-06-03");
	ck_assert_str_eq(alert_reason_text("short", "1|58000|4|2026-06|A|quality", "x", b, sizeof b),
			 "1 visit, ¥580.00, 4 covers in 2026-06: short of A quality");
	ck_assert_str_eq(alert_reason_text("short", "2|58050|4|2026-06|B|active", "x", b, sizeof b),
			 "2 visits, ¥580.50, 4 covers in 2026-06: short of B active");
	/* one cover is one cover; a letter held alone (an override's) has no trailing space */
	ck_assert_str_eq(alert_reason_text("short", "1|5000|1|2026-08|B|", "x", b, sizeof b),
			 "1 visit, ¥50.00, 1 cover in 2026-08: short of B");
	/* the English texts stored before: "1 covers", "short of B " read back all the same */
	ck_assert_str_eq(alert_reason_text(NULL, NULL, "1 visit, ¥50.00, 1 covers in 2026-08: short of B ",
					   b, sizeof b),
			 "1 visit, ¥50.00, 1 cover in 2026-08: short of B");
	static const char *const old[] = {"no visit in 2026-06", "complaint 7 is past its deadline",
					  "critical complaint 12 on 2026-06-30",
					  "3 visits, ¥1200.05, 9 covers in 2026-05: short of C active"};
	for (size_t i = 0; i < sizeof old / sizeof old[0]; i++)
		ck_assert_str_eq(alert_reason_text(NULL, NULL, old[i], b, sizeof b), old[i]);
	/* a code with figures that do not fit, an unknown code, a text of someone else's */
	ck_assert_str_eq(alert_reason_text("short", "1|x", "as stored", b, sizeof b), "as stored");
	ck_assert_str_eq(alert_reason_text("later", "1", "as stored", b, sizeof b), "as stored");
	ck_assert_str_eq(alert_reason_text("", "", "客人说太咸", b, sizeof b), "客人说太咸");
}
END_TEST

/* Memory exhaustion stops the program: the hook (the interface's terminal) first, then abort. */
static void exit_seven(void)
{
	_exit(7);
}

START_TEST(xalloc_hook_runs_on_exhaustion)
{
	xalloc_on_exhaustion(exit_seven);
	/* SIZE_MAX / 2 elements of 4 bytes: refused before any allocator is asked */
	xreallocarray(NULL, SIZE_MAX / 2, 4);
	ck_abort_msg("xreallocarray returned after an overflowing size");
}
END_TEST

START_TEST(xalloc_aborts_on_exhaustion)
{
	xalloc_on_exhaustion(NULL);
	xreallocarray(NULL, SIZE_MAX / 2, 4);
	ck_abort_msg("xreallocarray returned after an overflowing size");
}
END_TEST

START_TEST(xalloc_copies)
{
	char *s = xstrndup("孙先生", 6);
	ck_assert_str_eq(s, "孙先");
	free(s);
	ck_assert_ptr_null(xstrdup(NULL));
	s = xasprintf("%s-%d", "桌", 8);
	ck_assert_str_eq(s, "桌-8");
	free(s);
	ck_assert_ptr_null(xreallocarray(xmalloc(4), 0, 4)); /* size 0 frees */
	int *z = xcalloc(3, sizeof *z);
	ck_assert_int_eq(z[0] + z[1] + z[2], 0);
	free(z);
}
END_TEST

/* One error type: set, prefixed, cut at a character, never past its buffer. */
START_TEST(error_messages)
{
	struct error e = {0};
	ck_assert(!error_is_set(&e));
	ck_assert_int_eq(error_set(&e, 3, "covers must be a whole number ≥ 1, got \"%s\"", "abc"), -1);
	ck_assert_int_eq(e.code, 3);
	ck_assert_str_eq(e.msg, "covers must be a whole number ≥ 1, got \"abc\"");
	error_prefix(&e, "%s: ", "visit");
	ck_assert_str_eq(e.msg, "visit: covers must be a whole number ≥ 1, got \"abc\"");
	ck_assert_int_eq(error_set(NULL, 1, "nobody listens"), -1);
	/* 200 three-byte characters are 600 bytes: cut to whole characters within 511 */
	char big[601] = "";
	for (int i = 0; i < 200; i++)
		strcat(big, "孙");
	error_set(&e, 1, "%s", big);
	size_t n = strlen(e.msg);
	ck_assert_uint_le(n, ERROR_MSG_MAX - 1);
	ck_assert_uint_eq(n % 3, 0);
	error_set(&e, 1, "tail");
	error_prefix(&e, "%s", big);
	n = strlen(e.msg);
	ck_assert_uint_le(n, ERROR_MSG_MAX - 1);
	ck_assert_uint_eq(n % 3, 0);
	ck_assert(strncmp(e.msg, "孙孙", 6) == 0);
	error_clear(&e);
	ck_assert(!error_is_set(&e));
	ck_assert_int_eq(e.code, 0);
}
END_TEST

static Suite *strv_suite(void)
{
	Suite *s = suite_create("strv");
	TCase *tc = tcase_create("strv");
	tcase_add_test(tc, strv_vectors);
	tcase_add_test(tc, vec_reversed);
	suite_add_tcase(s, tc);
	tc = tcase_create("sbuf");
	tcase_add_test(tc, sbuf_buffers);
	tcase_add_test(tc, alert_reasons);
	tcase_add_test(tc, prefs_text_by_severity);
	suite_add_tcase(s, tc);
	tc = tcase_create("xalloc");
	tcase_add_test(tc, xalloc_copies);
	tcase_add_exit_test(tc, xalloc_hook_runs_on_exhaustion, 7);
	tcase_add_test_raise_signal(tc, xalloc_aborts_on_exhaustion, SIGABRT);
	tcase_add_test(tc, error_messages);
	suite_add_tcase(s, tc);
	return s;
}

/* ------------------------------------------------------------------------------------------ */

int main(void)
{
	SRunner *sr = srunner_create(money_suite());
	srunner_add_suite(sr, date_suite());
	srunner_add_suite(sr, text_suite());
	srunner_add_suite(sr, search_suite());
	srunner_add_suite(sr, guest_suite());
	srunner_add_suite(sr, visit_suite());
	srunner_add_suite(sr, strv_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
