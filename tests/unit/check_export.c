/* check_export.c — the export module: listings as text, TSV, CSV and JSON (export/table.c),
 * kept in memory or streamed, and the monthly sheet written through it (export/sheet_export.c),
 * the one writer of the command line's --format and the sheet screen's CSV file. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/visit.h"
#include "export/sheet_export.h"
#include "export/table.h"
#include "store/guest_store.h"
#include "store/visit_store.h"

#include "testdb.h"

static const char *const headers[] = {"id", "name", "note"};

/* Cells of the rows below, three a row. */
/* clang-format off */
static const char *const cells[] = {
	"1", "张先生", "plain",
	"2", "Smith, John", "says \"hi\"",
	"3", "王\n小姐", "tab\there\\",
	"",  "bell\a", "del\x7f é",
};
/* clang-format on */
enum { NROWS = sizeof cells / sizeof cells[0] / 3 };

/* The table of the rows above in format f, kept (table_print) or streamed (table_stream), as
 * a malloc'ed string. */
static char *render(enum out_format f, bool stream)
{
	char *s = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&s, &len);
	ck_assert_ptr_nonnull(out);
	struct table t;
	table_init(&t, 3, headers, 1u); /* the id column is numeric */
	if (stream)
		ck_assert(table_stream(&t, f, out) == (f != OUT_TEXT));
	for (int i = 0; i < NROWS * 3; i++)
		table_add(&t, cells[i]);
	table_print(&t, f, out);
	table_free(&t);
	ck_assert_int_eq(fclose(out), 0);
	return s;
}

START_TEST(test_csv_quoting)
{
	char *s = render(OUT_CSV, _i);
	/* RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled;
	 * Chinese and other UTF-8 as it is; lines end in CRLF; other controls shown (^I, ^G) */
	ck_assert_str_eq(s, "id,name,note\r\n"
			    "1,张先生,plain\r\n"
			    "2,\"Smith, John\",\"says \"\"hi\"\"\"\r\n"
			    "3,\"王\n小姐\",tab^Ihere\\\r\n"
			    ",bell^G,del^? é\r\n");
	free(s);
}
END_TEST

START_TEST(test_tsv_escapes)
{
	char *s = render(OUT_TSV, _i);
	ck_assert_str_eq(s, "id\tname\tnote\n"
			    "1\t张先生\tplain\n"
			    "2\tSmith, John\tsays \"hi\"\n"
			    "3\t王\\n小姐\ttab\\there\\\\\n"
			    "\tbell\\x07\tdel\\x7f é\n");
	free(s);
}
END_TEST

START_TEST(test_json_escapes)
{
	char *s = render(OUT_JSON, _i);
	/* control characters as \uXXXX (the common ones by name), non-ASCII as UTF-8; numbers of
	 * the numeric column bare, an empty one null */
	ck_assert_str_eq(s, "[\n"
			    " {\"id\": 1, \"name\": \"张先生\", \"note\": \"plain\"},\n"
			    " {\"id\": 2, \"name\": \"Smith, John\", \"note\": \"says \\\"hi\\\"\"},\n"
			    " {\"id\": 3, \"name\": \"王\\n小姐\", \"note\": \"tab\\there\\\\\"},\n"
			    " {\"id\": null, \"name\": \"bell\\u0007\", \"note\": \"del\\u007f é\"}\n"
			    "]\n");
	free(s);
	/* json_string alone: every control character escaped, nothing else touched */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	json_string(out, "\x01\x1f\r\b 客人 ü/");
	fclose(out);
	ck_assert_str_eq(buf, "\"\\u0001\\u001f\\r\\u0008 客人 ü/\"");
	free(buf);
}
END_TEST

/* The one rule of every format (core/text.h, text_cp_unsafe): C1 controls (CSI U+009B),
 * bidirectional controls (U+202E) and invalid bytes never come out raw; CSV neutralises a text
 * cell that would start a formula, not a number of a numeric column. */
static const char *const unsafe_headers[] = {"amount", "name"};
/* clang-format off */
static const char *const unsafe_cells[] = {
	"-12.50", ("\xc2\x9b" "2J\xe2\x80\xae" "abc"),
	"+3", "=1+2",
	"1e3", "-x",
	"-", "@SUM(A1)",
	"7", ("\x9b\xff" "bad"),
	"8", "\ttab",
};
/* clang-format on */

static char *render_unsafe(enum out_format f, bool stream)
{
	char *s = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&s, &len);
	ck_assert_ptr_nonnull(out);
	struct table t;
	table_init(&t, 2, unsafe_headers, 1u); /* amount is numeric */
	if (stream)
		table_stream(&t, f, out);
	for (size_t i = 0; i < sizeof unsafe_cells / sizeof unsafe_cells[0]; i++)
		table_add(&t, unsafe_cells[i]);
	table_print(&t, f, out);
	table_free(&t);
	ck_assert_int_eq(fclose(out), 0);
	return s;
}

START_TEST(test_unsafe_every_format)
{
	char *s = render_unsafe(OUT_CSV, _i);
	ck_assert_str_eq(s, "amount,name\r\n"
			    "-12.50,<U+009B>2J<U+202E>abc\r\n"
			    "'+3,'=1+2\r\n"
			    "1e3,'-x\r\n"
			    "'-,'@SUM(A1)\r\n"
			    "7,\xef\xbf\xbd\xef\xbf\xbd" "bad\r\n"
			    "8,'^Itab\r\n");
	free(s);
	s = render_unsafe(OUT_TSV, _i);
	ck_assert_str_eq(s, "amount\tname\n"
			    "-12.50\t\\u009b2J\\u202eabc\n"
			    "+3\t=1+2\n"
			    "1e3\t-x\n"
			    "-\t@SUM(A1)\n"
			    "7\t\xef\xbf\xbd\xef\xbf\xbd" "bad\n"
			    "8\t\\ttab\n");
	free(s);
	s = render_unsafe(OUT_JSON, _i);
	/* only a plain decimal is a bare number: not "+3", "1e3" or "-" */
	ck_assert_str_eq(s, "[\n"
			    " {\"amount\": -12.50, \"name\": \"\\u009b2J\\u202eabc\"},\n"
			    " {\"amount\": \"+3\", \"name\": \"=1+2\"},\n"
			    " {\"amount\": \"1e3\", \"name\": \"-x\"},\n"
			    " {\"amount\": \"-\", \"name\": \"@SUM(A1)\"},\n"
			    " {\"amount\": 7, \"name\": \"\xef\xbf\xbd\xef\xbf\xbd" "bad\"},\n"
			    " {\"amount\": 8, \"name\": \"\\ttab\"}\n"
			    "]\n");
	free(s);
	if (_i == 0) {
		s = render_unsafe(OUT_TEXT, false);
		ck_assert_ptr_null(strstr(s, "\xc2\x9b"));
		ck_assert_ptr_null(strstr(s, "\xe2\x80\xae"));
		ck_assert_ptr_nonnull(strstr(s, "<U+009B>2J<U+202E>abc"));
		free(s);
	}
}
END_TEST

START_TEST(test_text_aligned)
{
	char *s = render(OUT_TEXT, false);
	/* aligned by display width (a Chinese character is two columns), controls made visible,
	 * the numeric column to the right */
	ck_assert_ptr_nonnull(strstr(s, "id  name         note\n"));
	ck_assert_ptr_nonnull(strstr(s, " 1  张先生       plain\n"));
	ck_assert_ptr_null(strchr(s, '\a'));
	free(s);
	/* text cannot stream: it needs every cell for the widths */
	struct table t;
	table_init(&t, 3, headers, 0);
	ck_assert(!table_stream(&t, OUT_TEXT, stdout));
	table_free(&t);
}
END_TEST

START_TEST(test_empty_runs)
{
	/* table_add_empty gives what as many empty cells would, kept or streamed */
	for (enum out_format f = OUT_TSV; f <= OUT_JSON; f++) {
		char *a = NULL, *b = NULL;
		size_t la = 0, lb = 0;
		FILE *oa = open_memstream(&a, &la), *ob = open_memstream(&b, &lb);
		struct table ta, tb;
		table_init(&ta, 3, headers, 1u);
		table_init(&tb, 3, headers, 1u);
		table_stream(&tb, f, ob);
		for (int r = 0; r < 3; r++) {
			for (int k = 0; k < 3; k++)
				table_add(&ta, r == 1 && k > 0 ? "" : "x,y");
			table_add(&tb, "x,y");
			if (r == 1)
				table_add_empty(&tb, 2);
			else
				table_add(&tb, "x,y"), table_add(&tb, "x,y");
		}
		table_print(&ta, f, oa);
		table_print(&tb, f, ob);
		table_free(&ta);
		table_free(&tb);
		fclose(oa);
		fclose(ob);
		ck_assert_str_eq(a, b);
		free(a);
		free(b);
	}
}
END_TEST

/* table_add_number gives what table_add does, kept or streamed, in every format: plain
 * numbers, a point, a negative one (an apostrophe in csv's text column, bare in its numeric
 * one), and rows begun by a number (the row count). */
START_TEST(test_numbers)
{
	static const char *const nums[] = {"12", "520.50", "-3", "0", "-7.5", "1"};
	for (enum out_format f = OUT_TEXT; f <= OUT_JSON; f++) {
		for (int stream = 0; stream < 2; stream++) {
			char *a = NULL, *b = NULL;
			size_t la = 0, lb = 0;
			FILE *oa = open_memstream(&a, &la), *ob = open_memstream(&b, &lb);
			struct table ta, tb;
			table_init(&ta, 3, headers, 1u);
			table_init(&tb, 3, headers, 1u);
			if (stream) {
				table_stream(&ta, f, oa);
				table_stream(&tb, f, ob);
			}
			for (int i = 0; i < 6; i++) {
				table_add(&ta, nums[i]);
				table_add_number(&tb, nums[i]);
				table_add(&ta, "x");
				table_add(&tb, "x");
				table_add(&ta, nums[5 - i]);
				table_add_number(&tb, nums[5 - i]);
			}
			ck_assert_uint_eq(table_rows(&ta), 6);
			ck_assert_uint_eq(table_rows(&tb), 6);
			table_print(&ta, f, oa);
			table_print(&tb, f, ob);
			table_free(&ta);
			table_free(&tb);
			fclose(oa);
			fclose(ob);
			ck_assert_str_eq(a, b);
			if (f == OUT_CSV) /* the minus of a text column is a formula's */
				ck_assert_ptr_nonnull(strstr(a, ",'-3\r\n"));
			free(a);
			free(b);
		}
	}
}
END_TEST

/* The sheet through the export module: a guest's name with a comma, quotes and Chinese comes
 * out as one CSV field, and the per-capita column is visit_per_capita_yuan's. */
START_TEST(test_sheet_csv)
{
	ck_assert_int_eq(setenv("MAITRE_TODAY", "2026-06-30", 1), 0);
	struct store *st = testdb_open();
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, "张 \"老板\", 总");
	ck_assert_int_eq(guest_store_save(st, &g, 0, false, NULL), ST_OK);
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = g.id;
	v.meal = MEAL_DINNER;
	snprintf(v.date, sizeof v.date, "2026-06-03");
	v.covers = 7;
	v.spend_fen = 52000;
	ck_assert_int_eq(visit_store_add(st, &v), ST_OK);
	snprintf(v.date, sizeof v.date, "2026-06-30");
	v.covers = 2;
	v.spend_fen = 9999;
	ck_assert_int_eq(visit_store_add(st, &v), ST_OK);
	char *s = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&s, &len);
	ck_assert_int_eq(sheet_export_write(st, (struct date){2026, 6, 1}, NULL, NULL, OUT_CSV, out),
			 ST_OK);
	fclose(out);
	char want[600];
	/* ¥619.99 for 9 covers: ¥68.89 a head, 69 on the sheet */
	ck_assert_int_eq(visit_per_capita_yuan(61999, 9), 69);
	snprintf(want, sizeof want,
		 "%lld,\"张 \"\"老板\"\", 总\",covers,,,7,%s,2,2,619.99,9,69,\r\n"
		 "%lld,\"张 \"\"老板\"\", 总\",spend,,,520,%s,99.99,,,,,\r\n",
		 (long long)g.id, ",,,,,,,,,,,,,,,,,,,,,,,,,", (long long)g.id,
		 ",,,,,,,,,,,,,,,,,,,,,,,,,");
	ck_assert_msg(strstr(s, want) != NULL, "%s", s);
	ck_assert_ptr_nonnull(strstr(s, ",29,30,visits,total,covers,per_capita,tier\r\n"));
	free(s);
	guest_free(&g);
	testdb_close(st);
	ck_assert_int_eq(unsetenv("MAITRE_TODAY"), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("table");
	/* _i = 0: kept and printed at the end; 1: streamed */
	tcase_add_loop_test(tc, test_csv_quoting, 0, 2);
	tcase_add_loop_test(tc, test_tsv_escapes, 0, 2);
	tcase_add_loop_test(tc, test_json_escapes, 0, 2);
	tcase_add_loop_test(tc, test_unsafe_every_format, 0, 2);
	tcase_add_test(tc, test_text_aligned);
	tcase_add_test(tc, test_empty_runs);
	tcase_add_test(tc, test_numbers);
	suite_add_tcase(s, tc);
	tc = tcase_create("sheet");
	tcase_add_test(tc, test_sheet_csv);
	suite_add_tcase(s, tc);
	return testdb_run(s);
}
