/* check_import_value.c — unit tests for the values of an imported guest book
 * (src/core/import_value.c): trimming, dates as typed in a sheet and Excel's serial numbers,
 * lists, a severity after an allergy, phones several to a cell, closed choices. Expected values
 * are worked out by hand (Excel's day 28747 is 1978-09-14: 28747 days after 1899-12-30). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/import_value.h"

/* "today" of every date test: the serial 46203 */
static const struct date today = {2026, 6, 30};

#define ASSERT_STR_FREE(got, want)                                                                 \
	do {                                                                                       \
		char *s_ = (got);                                                                  \
		ck_assert_ptr_nonnull(s_);                                                         \
		ck_assert_str_eq(s_, (want));                                                      \
		free(s_);                                                                          \
	} while (0)

/* ------------------------------------------------------------------------------------------ */
/* trimming */

START_TEST(trim_blanks)
{
	ASSERT_STR_FREE(iv_trim("  花生 \t"), "花生");
	ASSERT_STR_FREE(iv_trim("\r\n孙先生\n"), "孙先生");
	ASSERT_STR_FREE(iv_trim("\u3000孙先生\u3000\u3000"), "孙先生");
	ASSERT_STR_FREE(iv_trim("\u00a0Li Wei\u00a0"), "Li Wei"); /* the space inside kept */
	ASSERT_STR_FREE(iv_trim("\u3000 \u00a0\t"), "");
	ASSERT_STR_FREE(iv_trim(""), "");
	ASSERT_STR_FREE(iv_trim("a\u3000b"), "a\u3000b");
	/* other characters are not blanks: the zero-width space, a full stop */
	ASSERT_STR_FREE(iv_trim(" \u200bx. "), "\u200bx.");
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* dates */

static void date_ok(const char *s, int y, int m, int d)
{
	struct date got = {-1, -1, -1};
	struct error e;
	error_clear(&e);
	ck_assert_msg(iv_date(s, today, &got, &e) == 0, "iv_date(\"%s\") refused: %s", s, e.msg);
	ck_assert_msg(got.y == y && got.m == m && got.d == d,
		      "iv_date(\"%s\") gave %04d-%02d-%02d, want %04d-%02d-%02d", s, got.y, got.m,
		      got.d, y, m, d);
}

/* Refused, *out untouched, and the reason contains want. */
static void date_bad(const char *s, const char *want)
{
	struct date got = {-1, -1, -1};
	struct error e;
	error_clear(&e);
	ck_assert_msg(iv_date(s, today, &got, &e) == -1, "iv_date(\"%s\") accepted: %04d-%02d-%02d",
		      s, got.y, got.m, got.d);
	ck_assert_msg(got.y == -1 && got.m == -1 && got.d == -1, "iv_date(\"%s\") set out", s);
	ck_assert_msg(strstr(e.msg, want), "iv_date(\"%s\"): \"%s\" does not say \"%s\"", s, e.msg,
		      want);
}

START_TEST(date_forms_with_year)
{
	date_ok("1978-09-14", 1978, 9, 14);
	date_ok("1978/9/14", 1978, 9, 14);
	date_ok("1978/09/14", 1978, 9, 14);
	date_ok("1978.9.14", 1978, 9, 14);
	date_ok("1978年9月14日", 1978, 9, 14);
	date_ok("1978年09月14日", 1978, 9, 14);
	date_ok("1978年9月14", 1978, 9, 14);
	date_ok("1978年9月14号", 1978, 9, 14);
	date_ok("19780914", 1978, 9, 14);
	date_ok("1978-9-4", 1978, 9, 4);
	date_ok("2024-02-29", 2024, 2, 29);
	date_ok("1900-01-01", 1900, 1, 1);
	date_ok("2026-06-30", 2026, 6, 30); /* today is not in the future */
	/* spaces around, as a sheet's cells have them */
	date_ok("  1978-09-14\t", 1978, 9, 14);
	date_ok("\u30001978/9/14\u00a0", 1978, 9, 14);
	/* typed with the Chinese input method's full-width forms */
	date_ok("１９７８－０９－１４", 1978, 9, 14);
	date_ok("１９７８／９／１４", 1978, 9, 14);
	date_ok("１９７８．９．１４", 1978, 9, 14);
	date_ok("１９７８年９月１４日", 1978, 9, 14);
	date_ok("１９７８０９１４", 1978, 9, 14);
	/* a date cell saved as CSV carries its time */
	date_ok("1978/9/14 0:00", 1978, 9, 14);
	date_ok("1978-09-14 00:00:00", 1978, 9, 14);
	date_ok("1978-09-14\u300000：00", 1978, 9, 14);
}
END_TEST

START_TEST(date_forms_without_year)
{
	date_ok("9月14日", 0, 9, 14);
	date_ok("09月14日", 0, 9, 14);
	date_ok("9月14", 0, 9, 14);
	date_ok("９月１４日", 0, 9, 14);
	date_ok("09-14", 0, 9, 14);
	date_ok("9-14", 0, 9, 14);
	date_ok("9/14", 0, 9, 14);
	date_ok("09/14", 0, 9, 14);
	date_ok("０９－１４", 0, 9, 14);
	date_ok("９／１４", 0, 9, 14);
	date_ok(" 12-31 ", 0, 12, 31);
	date_ok("2月29日", 0, 2, 29); /* without a year, 29 February is a birthday */
}
END_TEST

START_TEST(date_excel_serials)
{
	date_ok("28747", 1978, 9, 14);
	date_ok("36526", 2000, 1, 1);
	date_ok("46203", 2026, 6, 30);
	date_ok(" 28747 ", 1978, 9, 14);
	date_ok("２８７４７", 1978, 9, 14);
	/* Excel's 1900: 1 is its first day, 60 its 29 February that never was, 61 1 March */
	date_ok("1", 1900, 1, 1);
	date_ok("59", 1900, 2, 28);
	date_ok("61", 1900, 3, 1);
	date_bad("60", "\"1900-02-29\" is not a date");
	date_bad("60", "\"60\"");
	date_bad("0", "is not a date");
	date_bad("46204", "2026-07-01 is in the future");
	date_bad("99999", "is in the future");
	/* no serial Excel writes: a leading zero, more than five digits but not eight */
	date_bad("0914", "is not a date: write");
	date_bad("780914", "is not a date: write");
	date_bad("1978091", "is not a date: write");
	date_bad("197809140", "is not a date: write");
}
END_TEST

START_TEST(date_refusals)
{
	/* impossible days, said with the date as typed */
	date_bad("1980-02-30", "\"1980-02-30\" is not a date");
	date_bad("1980/2/30", "\"1980/2/30\": \"1980-02-30\" is not a date");
	date_bad("1980年2月30日", "\"1980-02-30\" is not a date");
	date_bad("19800230", "\"1980-02-30\" is not a date");
	date_bad("2023-02-29", "is not a date");
	date_bad("1978-13-01", "is not a date");
	date_bad("1978-00-10", "is not a date");
	date_bad("1978-09-00", "is not a date");
	date_bad("02-30", "\"02-30\" is not a date");
	date_bad("13/14", "is not a date");
	date_bad("9月31日", "\"09-31\" is not a date");
	/* the future, and before 1900 */
	date_bad("2026-07-01", "2026-07-01 is in the future");
	date_bad("2030年1月1日", "2030-01-01 is in the future");
	date_bad("1899-12-31", "the year must be 1900 or later");
	date_bad("0000-09-14", "the year must be 1900 or later");
	date_bad("00000914", "the year must be 1900 or later");
	/* no shape of a date */
	const char *shapeless[] = {
		"", " ", "abc", "78-9-14", "14/9/1978", "1978-9/14", "1978-09-14x", "9.14",
		"1978年9月", "1978年", "9月", "1978--9-14", "1978-09-14-", "-1978-09-14",
		"1978 09 14", "一九七八年九月十四日", "1978-09-014", "28747.5", "-5", "9/14/1978",
		/* 年, 月 and 日 are not the letters they are read as */
		"1978Y9M14D", "9M14D", "9月14D",
		/* a time after the day: a real one, after a blank, and nothing after it */
		"1978/9/14 25:00", "1978/9/14 24:00", "1978/9/14 0:60", "1978/9/14 0:0",
		"1978/9/14 0:00 x", "1978/9/14 0:00-", "1978/9/14 0:00:00:00", "1978/9/14:0:00",
		"1978/9/14T0:00", "9/14 0:00", "1978年9月14日 0:00"};
	for (size_t i = 0; i < sizeof shapeless / sizeof *shapeless; i++)
		date_bad(shapeless[i], "is not a date: write");
	date_bad("  abc\u3000", "\"abc\" is not a date: write"); /* named trimmed */
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* lists */

START_TEST(list_split)
{
	struct strv v = {0};
	ck_assert_int_eq(iv_list("花生、虾，蟹,牛奶；芒果;辣椒\n香菜\r\n羊肉", &v), 8);
	const char *want[] = {"花生", "虾", "蟹", "牛奶", "芒果", "辣椒", "香菜", "羊肉"};
	ck_assert_uint_eq(v.n, 8);
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(v.v[i], want[i]);
	strv_free(&v);

	/* appended after what is there; each item trimmed, the empty ones dropped */
	strv_push(&v, "x");
	ck_assert_int_eq(iv_list(" 花生 、、 ,\u3000虾\u3000；\u00a0", &v), 2);
	ck_assert_uint_eq(v.n, 3);
	ck_assert_str_eq(v.v[0], "x");
	ck_assert_str_eq(v.v[1], "花生");
	ck_assert_str_eq(v.v[2], "虾");
	/* nothing but separators and blanks: no item */
	ck_assert_int_eq(iv_list("", &v), 0);
	ck_assert_int_eq(iv_list("、,；;\n\r， \u3000", &v), 0);
	ck_assert_uint_eq(v.n, 3);
	/* a space, a slash, a full stop are no separators */
	ck_assert_int_eq(iv_list("红烧 肉/鱼。", &v), 1);
	ck_assert_str_eq(v.v[3], "红烧 肉/鱼。");
	strv_free(&v);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* a severity after an allergy or a taboo */

static void pref_ok(const char *item, const char *text, enum severity sev)
{
	char *got = NULL;
	enum severity s = SEV_COUNT;
	struct error e;
	error_clear(&e);
	ck_assert_msg(iv_pref(item, &got, &s, &e) == 0, "iv_pref(\"%s\") refused: %s", item,
		      e.msg);
	ck_assert_msg(got && strcmp(got, text) == 0, "iv_pref(\"%s\") gave \"%s\", want \"%s\"",
		      item, got ? got : "(null)", text);
	ck_assert_msg(s == sev, "iv_pref(\"%s\") gave severity %d, want %d", item, (int)s,
		      (int)sev);
	free(got);
}

static void pref_bad(const char *item, const char *want)
{
	char *got = NULL;
	enum severity s = SEV_COUNT;
	struct error e;
	error_clear(&e);
	ck_assert_msg(iv_pref(item, &got, &s, &e) == -1, "iv_pref(\"%s\") accepted: \"%s\"", item,
		      got ? got : "(null)");
	ck_assert_ptr_null(got);
	ck_assert_msg(strstr(e.msg, want), "iv_pref(\"%s\"): \"%s\" does not say \"%s\"", item,
		      e.msg, want);
}

START_TEST(pref_severity_forms)
{
	pref_ok("花生（严重）", "花生", SEV_HIGH);
	pref_ok("花生(严重)", "花生", SEV_HIGH);
	pref_ok("花生 (high)", "花生", SEV_HIGH);
	pref_ok("花生:严重", "花生", SEV_HIGH);
	pref_ok("花生：严重", "花生", SEV_HIGH);
	pref_ok(" 花生 （ 严重 ） ", "花生", SEV_HIGH);
	pref_ok("花生 : 严重", "花生", SEV_HIGH);
	pref_ok("花生(High)", "花生", SEV_HIGH);
	pref_ok("花生（严重)", "花生", SEV_HIGH); /* brackets of either width */
	pref_ok("tree nuts (CRITICAL)", "tree nuts", SEV_CRITICAL);
	/* every word of every severity */
	const struct {
		const char *word;
		enum severity sev;
	} words[] = {{"low", SEV_LOW},         {"轻", SEV_LOW},           {"轻微", SEV_LOW},
		     {"轻度", SEV_LOW},        {"medium", SEV_MEDIUM},    {"中", SEV_MEDIUM},
		     {"中等", SEV_MEDIUM},     {"中度", SEV_MEDIUM},      {"一般", SEV_MEDIUM},
		     {"high", SEV_HIGH},       {"重", SEV_HIGH},          {"严重", SEV_HIGH},
		     {"重度", SEV_HIGH},       {"critical", SEV_CRITICAL}, {"危重", SEV_CRITICAL},
		     {"致命", SEV_CRITICAL},   {"极严重", SEV_CRITICAL},  {"休克", SEV_CRITICAL},
		     /* and the words severity_from_name knows */
		     {"低", SEV_LOW},          {"高", SEV_HIGH},          {"危急", SEV_CRITICAL}};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		char item[64];
		snprintf(item, sizeof item, "芒果（%s）", words[i].word);
		pref_ok(item, "芒果", words[i].sev);
	}
	/* without a severity: the whole item, trimmed */
	pref_ok("花生", "花生", SEV_NONE);
	pref_ok("\u3000花生 \t", "花生", SEV_NONE);
	pref_ok("花生（严重", "花生（严重", SEV_NONE); /* never closed */
	/* the last brackets name the severity; the text keeps the others */
	pref_ok("坚果(含花生)（重度）", "坚果(含花生)", SEV_HIGH);
}
END_TEST

START_TEST(pref_refusals)
{
	pref_bad("花生（很多）", "花生（很多）: unknown severity \"很多\"");
	pref_bad("花生(a lot)", "unknown severity \"a lot\"");
	pref_bad("花生:很多", "花生:很多: unknown severity \"很多\"");
	pref_bad("坚果(含花生)", "unknown severity \"含花生\"");
	pref_bad("花生（）", "unknown severity \"\"");
	pref_bad("花生：", "unknown severity \"\"");
	pref_bad("（严重）", "（严重）: nothing before the severity");
	pref_bad(" (high)", "(high): nothing before the severity");
	pref_bad("：严重", "nothing before the severity");
	pref_bad("", "an empty item");
	pref_bad(" \u3000", "an empty item");
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* phones */

START_TEST(phones_in_a_cell)
{
	struct strv v = {0};
	struct error e;
	error_clear(&e);
	ck_assert_int_eq(iv_phones("13912345678", &v, &e), 1);
	ck_assert_str_eq(v.v[0], "13912345678");
	strv_free(&v);

	ck_assert_int_eq(iv_phones("13912345678/13812345678", &v, &e), 2);
	ck_assert_uint_eq(v.n, 2);
	ck_assert_str_eq(v.v[0], "13912345678");
	ck_assert_str_eq(v.v[1], "13812345678");
	strv_free(&v);

	/* every separator, spaces and dashes kept, +86 dropped, full-width folded */
	ck_assert_int_eq(iv_phones(" 139 1234 5678、010-12345678；+86 137 1234 5678\n"
				   "１３６１２３４５６７８／0558-5551234，13512345678;13412345678",
				   &v, &e),
			 7);
	const char *want[] = {"139 1234 5678", "010-12345678", "13712345678", "13612345678",
			      "0558-5551234",  "13512345678",  "13412345678"};
	ck_assert_uint_eq(v.n, 7);
	for (size_t i = 0; i < 7; i++)
		ck_assert_str_eq(v.v[i], want[i]);
	strv_free(&v);

	/* a number written twice, in the cell or before it, is added once */
	strv_push(&v, "13912345678");
	ck_assert_int_eq(iv_phones("139-1234-5678/13812345678/+86 13812345678", &v, &e), 1);
	ck_assert_uint_eq(v.n, 2);
	ck_assert_str_eq(v.v[1], "13812345678");
	/* an empty cell: none */
	ck_assert_int_eq(iv_phones("", &v, &e), 0);
	ck_assert_int_eq(iv_phones(" 、/ \u3000", &v, &e), 0);
	ck_assert_uint_eq(v.n, 2);
	ck_assert(!error_is_set(&e));
	strv_free(&v);
}
END_TEST

START_TEST(phones_refused)
{
	struct strv v = {0};
	struct error e;
	strv_push(&v, "13912345678");
	/* too few digits: the whole cell refused, nothing appended */
	error_clear(&e);
	ck_assert_int_eq(iv_phones("13812345678/123456", &v, &e), -1);
	ck_assert_msg(strstr(e.msg, "must have 7 to 20 digits, got \"123456\""), "%s", e.msg);
	ck_assert_uint_eq(v.n, 1);
	error_clear(&e);
	ck_assert_int_eq(iv_phones("139 1234 5678 8888 8888 888", &v, &e), -1);
	ck_assert_msg(strstr(e.msg, "must have 7 to 20 digits"), "%s", e.msg);
	error_clear(&e);
	ck_assert_int_eq(iv_phones("13812345678、no phone", &v, &e), -1);
	ck_assert_msg(strstr(e.msg, "got \"no phone\""), "%s", e.msg);
	ck_assert_uint_eq(v.n, 1);
	/* seven digits are a landline without its area code */
	error_clear(&e);
	ck_assert_int_eq(iv_phones("555 1234", &v, &e), 1);
	ck_assert_str_eq(v.v[1], "555 1234");
	strv_free(&v);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* closed choices */

START_TEST(choices_as_typed)
{
	const struct {
		const char *typed, *code;
	} gender[] = {{"男", "male"},       {"女", "female"},     {"先生", "male"},
		      {"女士", "female"},   {"小姐", "female"},   {"M", "male"},
		      {"F", "female"},      {"m", "male"},        {"f", "female"},
		      {"male", "male"},     {"MALE", "male"},     {" Female ", "female"},
		      {"\u3000男\u3000", "male"}, {"\u00a0先生", "male"}};
	for (size_t i = 0; i < sizeof gender / sizeof *gender; i++) {
		const char *c = iv_choice(&choice_gender, gender[i].typed);
		ck_assert_msg(c && strcmp(c, gender[i].code) == 0, "\"%s\" gave %s, want %s",
			      gender[i].typed, c ? c : "NULL", gender[i].code);
	}
	ck_assert_ptr_null(iv_choice(&choice_gender, "x"));
	ck_assert_ptr_null(iv_choice(&choice_gender, ""));
	ck_assert_ptr_null(iv_choice(&choice_gender, "先生们"));
	ck_assert_str_eq(iv_choice(&choice_spending, "中上"), "upper-middle");
	ck_assert_str_eq(iv_choice(&choice_spending, " High "), "high");
	ck_assert_str_eq(iv_choice(&choice_spending, "upper middle"), "upper-middle");
	/* 先生 and 女士 are genders only */
	ck_assert_ptr_null(iv_choice(&choice_spending, "先生"));
	ck_assert_ptr_null(iv_choice(&choice_phone_kind, "女士"));
	ck_assert_str_eq(iv_choice(&choice_phone_kind, "手机"), "mobile");
}
END_TEST

/* ------------------------------------------------------------------------------------------ */

static Suite *import_value_suite(void)
{
	Suite *s = suite_create("import_value");
	TCase *tc = tcase_create("trim");
	tcase_add_test(tc, trim_blanks);
	suite_add_tcase(s, tc);
	tc = tcase_create("date");
	tcase_add_test(tc, date_forms_with_year);
	tcase_add_test(tc, date_forms_without_year);
	tcase_add_test(tc, date_excel_serials);
	tcase_add_test(tc, date_refusals);
	suite_add_tcase(s, tc);
	tc = tcase_create("list");
	tcase_add_test(tc, list_split);
	tcase_add_test(tc, pref_severity_forms);
	tcase_add_test(tc, pref_refusals);
	suite_add_tcase(s, tc);
	tc = tcase_create("phone");
	tcase_add_test(tc, phones_in_a_cell);
	tcase_add_test(tc, phones_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("choice");
	tcase_add_test(tc, choices_as_typed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(import_value_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
