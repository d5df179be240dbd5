/* check_reader.c — unit tests for the guest-book reader (src/import/reader.h) on files the tests
 * make in a temporary directory: CSV in UTF-8 with and without a BOM and in GB18030 (converted
 * here with iconv), Excel's UTF-16 "Unicode text", RFC 4180's quotes, line breaks inside quotes,
 * "" and CRLF, blank rows and trailing empty cells, bytes the encoding refuses, an encoding
 * named by the caller, rows across the reader's blocks; .xlsx written with libxlsxwriter
 * (shared and inline strings, numbers, dates by their format, gaps, two sheets, a sheet by
 * name); .xls written by Perl's Spreadsheet::WriteExcel; and what cannot be read: a directory,
 * an empty file, a cut zip, an unknown sheet or encoding. */
#include <check.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/strv.h"
#include "core/text.h"
#include "import/reader.h"
#include "testdb.h"

/* ------------------------------------------------------------------------------------------ */
/* helpers */

static char dir[256];

/* The path of name in the test directory (static storage, two at a time). */
static const char *at(const char *name)
{
	static char buf[2][512];
	static int i;
	i ^= 1;
	snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
	return buf[i];
}

static const char *put(const char *name, const void *data, size_t n)
{
	const char *p = at(name);
	FILE *f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, n, f), n);
	fclose(f);
	return p;
}

static const char *puts_file(const char *name, const char *text)
{
	return put(name, text, strlen(text));
}

/* utf8 in encoding enc, malloc'ed, its length in *n. */
static char *conv(const char *enc, const char *utf8, size_t *n)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	ck_assert(cd != (iconv_t)-1);
	size_t left = strlen(utf8), room = left * 4 + 8;
	char *out = malloc(room), *o = out, *in = (char *)utf8;
	ck_assert_uint_ne(iconv(cd, &in, &left, &o, &room), (size_t)-1);
	iconv_close(cd);
	*n = (size_t)(o - out);
	return out;
}

/* reader_encode gives the wn bytes at want for utf8. */
static void encodes_as(struct reader *r, const char *utf8, const void *want, size_t wn)
{
	char *out;
	size_t n;
	reader_encode(r, utf8, &out, &n);
	ck_assert_uint_eq(n, wn);
	ck_assert(memcmp(out, want, wn) == 0);
	free(out);
}

static struct reader *open_opts(const char *path, enum reader_format f, const char *enc,
				const char *sheet)
{
	struct reader_options o = {f, enc, sheet};
	struct error e = {0};
	struct reader *r = reader_open(path, &o, &e);
	ck_assert_msg(r != NULL, "%s: %s", path, e.msg);
	return r;
}

static struct reader *open_auto(const char *path)
{
	return open_opts(path, RF_AUTO, NULL, NULL);
}

/* The message reader_open gives for path (which must fail). */
static const char *refused(const char *path, const char *sheet, const char *enc)
{
	static struct error e;
	struct reader_options o = {RF_AUTO, enc, sheet};
	error_clear(&e);
	struct reader *r = reader_open(path, &o, &e);
	ck_assert_msg(r == NULL, "%s was read", path);
	ck_assert(e.msg[0]);
	return e.msg;
}

/* The next row as "LINE:cell|cell|..." (static storage), every cell checked to be UTF-8. */
static struct reader_row row;
static const char *next(struct reader *r)
{
	static struct sbuf b;
	struct error e = {0};
	int rc = reader_next(r, &row, &e);
	ck_assert_msg(rc == 1, "reader_next: %d %s", rc, e.msg);
	b.len = 0;
	sbuf_printf(&b, "%zu:", row.line);
	for (size_t i = 0; i < row.n; i++) {
		ck_assert_ptr_nonnull(row.cell[i]);
		ck_assert_msg(text_valid_utf8(row.cell[i]), "cell %zu not UTF-8", i + 1);
		sbuf_printf(&b, "%s%s", i ? "|" : "", row.cell[i]);
	}
	return b.s;
}

static void at_end(struct reader *r)
{
	struct reader_row rw;
	struct error e = {0};
	ck_assert_int_eq(reader_next(r, &rw, &e), 0);
	ck_assert_str_eq(e.msg, "");
}

static void raw_is(const void *bytes, size_t n)
{
	ck_assert_uint_eq(row.raw_len, n);
	ck_assert_ptr_nonnull(row.raw);
	ck_assert(memcmp(row.raw, bytes, n) == 0);
}

/* ------------------------------------------------------------------------------------------ */
/* text */

START_TEST(utf8_with_and_without_bom)
{
	const char *text = "姓名,手机\n张三,13800138000\n";
	struct reader *r = open_auto(puts_file("plain.csv", text));
	ck_assert_str_eq(reader_encoding(r), "UTF-8");
	ck_assert(!reader_bom(r));
	ck_assert_int_eq(reader_delimiter(r), ',');
	ck_assert_int_eq(reader_format(r), RF_CSV);
	ck_assert_str_eq(next(r), "1:姓名|手机");
	raw_is("姓名,手机", strlen("姓名,手机"));
	ck_assert_str_eq(next(r), "2:张三|13800138000");
	ck_assert_uint_eq(row.bad_col, 0);
	at_end(r);
	long long done, total;
	reader_progress(r, &done, &total);
	ck_assert_int_eq(done, (long long)strlen(text));
	ck_assert_int_eq(total, (long long)strlen(text));
	reader_close(r);

	r = open_auto(puts_file("bom.csv", "\xEF\xBB\xBF姓名,手机\r\n张三,138\r\n"));
	ck_assert_str_eq(reader_encoding(r), "UTF-8");
	ck_assert(reader_bom(r));
	ck_assert_str_eq(next(r), "1:姓名|手机"); /* no BOM in the first cell */
	raw_is("姓名,手机", strlen("姓名,手机"));
	ck_assert_str_eq(next(r), "2:张三|138");
	at_end(r);
	encodes_as(r, "李四", "李四", strlen("李四"));
	reader_close(r);
}
END_TEST

START_TEST(gb18030)
{
	const char *utf8 = "姓名,单位,备注\n张三,北京饭店,不吃辣\n李四,\"上海,浦东\",喜欢靠窗\n";
	size_t n;
	char *gb = conv("GB18030", utf8, &n);
	struct reader *r = open_auto(put("gb.csv", gb, n));
	ck_assert_str_eq(reader_encoding(r), "GB18030");
	ck_assert(!reader_bom(r));
	ck_assert_str_eq(next(r), "1:姓名|单位|备注");
	ck_assert_str_eq(next(r), "2:张三|北京饭店|不吃辣");
	size_t ln;
	char *line = conv("GB18030", "张三,北京饭店,不吃辣", &ln);
	raw_is(line, ln); /* the row's own bytes, for writing it back */
	free(line);
	ck_assert_str_eq(next(r), "3:李四|上海,浦东|喜欢靠窗");
	at_end(r);

	size_t wn;
	char *want = conv("GB18030", "王五", &wn);
	encodes_as(r, "王五", want, wn);
	free(want);
	reader_close(r);

	/* the same file read as the caller says: GBK has no emoji, written back as '?' */
	r = open_opts(at("gb.csv"), RF_AUTO, "gbk", NULL);
	ck_assert_str_eq(reader_encoding(r), "GBK");
	ck_assert_str_eq(next(r), "1:姓名|单位|备注");
	want = conv("GBK", "王?", &wn);
	encodes_as(r, "王😀", want, wn);
	free(want);
	reader_close(r);

	/* read as UTF-8, which it is not: every cell with Chinese is refused, none is mojibake */
	r = open_opts(at("gb.csv"), RF_AUTO, "UTF-8", NULL);
	ck_assert_str_eq(reader_encoding(r), "UTF-8");
	ck_assert_str_eq(next(r), "1:||");
	ck_assert_uint_eq(row.bad_col, 1);
	ck_assert_msg(strstr(row.why, "not valid UTF-8"), "%s", row.why);
	reader_close(r);
	free(gb);
}
END_TEST

START_TEST(utf16_unicode_text)
{
	size_t n;
	char *body = conv("UTF-16LE", "姓名\t手机\t备注\r\n张三\t138\t\"a\tb\"\r\n", &n);
	char *file = malloc(n + 2);
	memcpy(file, "\xFF\xFE", 2);
	memcpy(file + 2, body, n);
	struct reader *r = open_auto(put("unicode.txt", file, n + 2));
	ck_assert_str_eq(reader_encoding(r), "UTF-16LE");
	ck_assert(reader_bom(r));
	ck_assert_int_eq(reader_delimiter(r), '\t');
	ck_assert_int_eq(reader_format(r), RF_TSV);
	ck_assert_str_eq(next(r), "1:姓名|手机|备注");
	ck_assert_str_eq(next(r), "2:张三|138|a\tb");
	size_t ln;
	char *line = conv("UTF-16LE", "张三\t138\t\"a\tb\"", &ln);
	raw_is(line, ln); /* UTF-16, as in the file */
	free(line);
	at_end(r);
	encodes_as(r, "王", "\x8b\x73", 2); /* U+738B little-endian */
	reader_close(r);

	/* big-endian, and a lone surrogate in one cell */
	const unsigned char be[] = {0xFE, 0xFF, 0, 'a', 0, '\t', 0, 'b', 0, '\n',
				    0, 'c', 0, '\t', 0xDC, 0x00, 0, '\n', 0, 'd', 0, '\t', 0, 'e'};
	r = open_auto(put("be.txt", be, sizeof be));
	ck_assert_str_eq(reader_encoding(r), "UTF-16BE");
	ck_assert_str_eq(next(r), "1:a|b");
	ck_assert_str_eq(next(r), "2:c|");
	ck_assert_uint_eq(row.bad_col, 2);
	ck_assert_str_eq(row.why, "bytes 0xDC 0x00 are not valid UTF-16BE");
	ck_assert_str_eq(next(r), "3:d|e"); /* the last line has no line break */
	at_end(r);
	reader_close(r);
	free(body);
	free(file);
}
END_TEST

START_TEST(rfc4180)
{
	const char *text = "a,b,c\r\n"
			   "\"x, y\",\"line1\r\nline2\",\"say \"\"hi\"\"\"\r\n"
			   "\r\n"
			   "last,,\r\n"
			   " sp , \"\" \r\n";
	struct reader *r = open_auto(puts_file("rfc.csv", text));
	ck_assert_str_eq(next(r), "1:a|b|c");
	raw_is("a,b,c", 5);
	ck_assert_str_eq(next(r), "2:x, y|line1\nline2|say \"hi\"");
	const char *raw2 = "\"x, y\",\"line1\r\nline2\",\"say \"\"hi\"\"\"";
	raw_is(raw2, strlen(raw2));
	ck_assert_str_eq(next(r), "4:"); /* blank: its line, no cells */
	ck_assert_uint_eq(row.n, 0);
	ck_assert_str_eq(next(r), "5:last||"); /* trailing empty cells kept */
	ck_assert_uint_eq(row.n, 3);
	ck_assert_str_eq(next(r), "6: sp | \"\" "); /* spaces are the cell's */
	at_end(r);
	reader_close(r);

	/* a quote never closed: the row's first line is named */
	r = open_auto(puts_file("open.csv", "a,b\n1,\"never\n2,3\n"));
	ck_assert_str_eq(next(r), "1:a|b");
	struct error e = {0};
	ck_assert_int_eq(reader_next(r, &row, &e), -1);
	ck_assert_msg(strstr(e.msg, "open.csv:2: "), "%s", e.msg);
	ck_assert_msg(strstr(e.msg, "never closed"), "%s", e.msg);
	reader_close(r);

	/* a header with tabs and no comma is TSV; forced CSV reads the same bytes as one cell */
	r = open_auto(puts_file("tabs.txt", "name\tphone, mobile\nx\ty\n"));
	ck_assert_int_eq(reader_delimiter(r), ',');
	reader_close(r);
	r = open_auto(puts_file("tabs.txt", "name\tphone\tnote, more\nx\ty\tz\n"));
	ck_assert_int_eq(reader_format(r), RF_TSV);
	ck_assert_str_eq(next(r), "1:name|phone|note, more");
	reader_close(r);
	r = open_opts(at("tabs.txt"), RF_CSV, NULL, NULL);
	ck_assert_str_eq(next(r), "1:name\tphone\tnote| more");
	reader_close(r);
}
END_TEST

START_TEST(invalid_bytes)
{
	/* UTF-8 with one damaged row: still UTF-8; that cell is refused, the rest is read */
	const char *text = "姓名,备注,电话\n张三,老客户,138\n李四,坏\xC3\x28了,139\n王五,常来,137\n";
	struct reader *r = open_auto(puts_file("bad8.csv", text));
	ck_assert_str_eq(reader_encoding(r), "UTF-8");
	ck_assert_str_eq(next(r), "1:姓名|备注|电话");
	ck_assert_str_eq(next(r), "2:张三|老客户|138");
	ck_assert_str_eq(next(r), "3:李四||139");
	ck_assert_uint_eq(row.bad_col, 2);
	ck_assert_str_eq(row.why, "bytes 0xC3 0x28 are not valid UTF-8");
	const char *raw = "李四,坏\xC3\x28了,139";
	raw_is(raw, strlen(raw)); /* as it was, to write back */
	ck_assert_str_eq(next(r), "4:王五|常来|137");
	ck_assert_uint_eq(row.bad_col, 0);
	ck_assert_str_eq(row.why, "");
	at_end(r);
	reader_close(r);

	/* GB18030 with a byte it has not (0xFF), and a NUL */
	size_t n;
	char *gb = conv("GB18030", "姓名,备注\n张三,好\n李四,X\n王五,Y\n赵六,Z\n", &n);
	char *x = memchr(gb, 'X', n), *y = memchr(gb, 'Y', n);
	*x = (char)0xFF;
	*y = '\0';
	r = open_auto(put("badgb.csv", gb, n));
	ck_assert_str_eq(reader_encoding(r), "GB18030");
	ck_assert_str_eq(next(r), "1:姓名|备注");
	ck_assert_str_eq(next(r), "2:张三|好");
	ck_assert_str_eq(next(r), "3:李四|");
	ck_assert_uint_eq(row.bad_col, 2);
	ck_assert_str_eq(row.why, "byte 0xFF is not valid GB18030");
	ck_assert_str_eq(next(r), "4:王五|");
	ck_assert_uint_eq(row.bad_col, 2);
	ck_assert_str_eq(row.why, "a NUL byte is not text");
	ck_assert_str_eq(next(r), "5:赵六|Z");
	at_end(r);
	reader_close(r);
	free(gb);

	/* the why is the row's first refused bytes, whichever line of the row they are on */
	static const char badq[] = "a,b,c\n1,\"\xFFx\ny\",\"\xE4\"\n\0,\xFF\n";
	r = open_opts(put("badq.csv", badq, sizeof badq - 1), RF_AUTO, "UTF-8", NULL);
	ck_assert_str_eq(next(r), "1:a|b|c");
	ck_assert_str_eq(next(r), "2:1||");
	ck_assert_uint_eq(row.bad_col, 2);
	ck_assert_str_eq(row.why, "byte 0xFF is not valid UTF-8");
	ck_assert_str_eq(next(r), "4:|");
	ck_assert_uint_eq(row.bad_col, 1);
	ck_assert_str_eq(row.why, "a NUL byte is not text");
	at_end(r);
	reader_close(r);
}
END_TEST

START_TEST(encodings_named)
{
	size_t n;
	char *gb = conv("GB18030", "姓名\n张三\n", &n);
	const char *p = put("named.csv", gb, n);
	struct reader *r = open_opts(p, RF_AUTO, "gb18030", NULL);
	ck_assert_str_eq(reader_encoding(r), "GB18030");
	ck_assert_str_eq(next(r), "1:姓名");
	reader_close(r);
	const char *msg = refused(p, NULL, "NO-SUCH-CODE");
	ck_assert_msg(strstr(msg, "unknown encoding \"NO-SUCH-CODE\""), "%s", msg);
	msg = refused(p, NULL, "UTF-32");
	ck_assert_msg(strstr(msg, "not supported"), "%s", msg);
	/* named UTF-16 without a byte order: little-endian, as Windows writes it */
	free(gb);
	gb = conv("UTF-16LE", "a,b\n", &n);
	r = open_opts(put("le.csv", gb, n), RF_AUTO, "UTF-16", NULL);
	ck_assert_str_eq(reader_encoding(r), "UTF-16LE");
	ck_assert_str_eq(next(r), "1:a|b");
	reader_close(r);
	free(gb);
}
END_TEST

/* Rows across the reader's 64 KB blocks, a quoted cell over many lines among them; the same
 * in UTF-16, whose units must stay whole across a block. */
START_TEST(many_blocks)
{
	struct sbuf b = {0};
	sbuf_add(&b, "id,名字,note\n");
	for (int i = 1; i <= 20000; i++) {
		if (i == 7000)
			sbuf_add(&b, "7000,\"多行\n第二行\n第三行\",x\n");
		else
			sbuf_printf(&b, "%d,客人%d,备注%d\n", i, i, i);
	}
	for (int pass = 0; pass < 2; pass++) {
		struct reader *r;
		char *u16 = NULL;
		if (pass == 0) {
			r = open_auto(put("big.csv", b.s, b.len));
		} else {
			size_t n;
			char *body = conv("UTF-16LE", b.s, &n);
			u16 = malloc(n + 2);
			memcpy(u16, "\xFF\xFE", 2);
			memcpy(u16 + 2, body, n);
			free(body);
			r = open_opts(put("big16.csv", u16, n + 2), RF_CSV, NULL, NULL);
		}
		ck_assert_str_eq(next(r), "1:id|名字|note");
		size_t last = 1, rows = 0;
		struct reader_row rw;
		struct error e = {0};
		int rc;
		while ((rc = reader_next(r, &rw, &e)) == 1) {
			ck_assert_uint_gt(rw.line, last);
			ck_assert_uint_eq(rw.n, 3);
			ck_assert_uint_eq(rw.bad_col, 0);
			if (!strcmp(rw.cell[0], "7000"))
				ck_assert_str_eq(rw.cell[1], "多行\n第二行\n第三行");
			last = rw.line, rows++;
		}
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(rows, 20000);
		ck_assert_uint_eq(last, 20001 + 2);
		reader_close(r);
		free(u16);
	}
	/* from memory, the same rows */
	struct error e = {0};
	struct reader *r = reader_open_mem("mem.csv", b.s, b.len, NULL, &e);
	ck_assert_ptr_nonnull(r);
	size_t rows = 0;
	struct reader_row rw;
	while (reader_next(r, &rw, &e) == 1)
		rows++;
	ck_assert_uint_eq(rows, 20001);
	reader_close(r);
	sbuf_free(&b);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* workbooks */

static void make_xlsx(const char *path, bool inline_strings)
{
	lxw_workbook_options opt = {.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	ck_assert_ptr_nonnull(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "客户档案");
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Sheet2");
	lxw_format *ymd = workbook_add_format(wb);
	format_set_num_format(ymd, "yyyy/m/d");
	lxw_format *builtin = workbook_add_format(wb);
	format_set_num_format_index(builtin, 14);
	lxw_format *clock = workbook_add_format(wb);
	format_set_num_format(clock, "hh:mm");
	lxw_datetime birthday = {1978, 9, 14, 0, 0, 0}, visit = {2024, 2, 29, 19, 30, 0};
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 0, 1, "手机", NULL);
	worksheet_write_string(ws, 0, 2, "生日", NULL);
	worksheet_write_string(ws, 0, 3, "单位", NULL);
	worksheet_write_string(ws, 0, 4, "备注", NULL);
	worksheet_write_string(ws, 1, 0, "张三", NULL);
	worksheet_write_number(ws, 1, 1, 13800138000.0, NULL);
	worksheet_write_datetime(ws, 1, 2, &birthday, ymd);
	/* D2 left out: a gap */
	worksheet_write_string(ws, 1, 4, "不吃辣 & \"靠窗\"", NULL);
	/* row 3 left out */
	worksheet_write_string(ws, 3, 0, "李四", NULL);
	worksheet_write_number(ws, 3, 1, 0.1, NULL);
	worksheet_write_datetime(ws, 3, 2, &visit, builtin);
	worksheet_write_boolean(ws, 3, 3, 1, NULL);
	worksheet_write_datetime(ws, 3, 4, &visit, clock); /* a time: a number, not a date */
	worksheet_write_string(ws2, 0, 0, "第二页", NULL);
	worksheet_write_number(ws2, 0, 1, -2.5, NULL);
	ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
}

START_TEST(xlsx)
{
	for (int inl = 0; inl < 2; inl++) {
		const char *p = at(inl ? "inline.xlsx" : "book.xlsx");
		make_xlsx(p, inl);
		struct reader *r = open_auto(p);
		ck_assert_int_eq(reader_format(r), RF_XLSX);
		ck_assert_str_eq(reader_encoding(r), "UTF-8");
		ck_assert_str_eq(next(r), "1:姓名|手机|生日|单位|备注");
		ck_assert_ptr_null(row.raw);
		ck_assert_str_eq(next(r), "2:张三|13800138000|1978-09-14||不吃辣 & \"靠窗\"");
		ck_assert_str_eq(next(r), "3:"); /* the row the sheet leaves out */
		ck_assert_uint_eq(row.n, 0);
		ck_assert_str_eq(next(r), "4:李四|0.1|2024-02-29|TRUE|45351.8125");
		at_end(r);
		long long done, total;
		reader_progress(r, &done, &total);
		ck_assert_int_eq(done, total);
		ck_assert_int_gt(total, 0);
		encodes_as(r, "王五", "王五", strlen("王五"));
		reader_close(r);

		r = open_opts(p, RF_AUTO, NULL, "Sheet2");
		ck_assert_str_eq(next(r), "1:第二页|-2.5");
		at_end(r);
		reader_close(r);

		const char *msg = refused(p, "客户", NULL);
		char want[256];
		snprintf(want, sizeof want, "%s: no sheet named \"客户\" (sheets: 客户档案, Sheet2)", p);
		ck_assert_str_eq(msg, want);
	}
	/* from memory */
	FILE *f = fopen(at("book.xlsx"), "rb");
	ck_assert_ptr_nonnull(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	struct error e = {0};
	struct reader_options o = {RF_AUTO, NULL, "客户档案"};
	struct reader *r = reader_open_mem("m.xlsx", buf, n, &o, &e);
	ck_assert_msg(r != NULL, "%s", e.msg);
	ck_assert_str_eq(next(r), "1:姓名|手机|生日|单位|备注");
	reader_close(r);
	/* cut in half: refused, saying so */
	const char *cut = put("cut.xlsx", buf, n / 2);
	const char *msg = refused(cut, NULL, NULL);
	ck_assert_msg(strstr(msg, "cut.xlsx: not a readable .xlsx workbook"), "%s", msg);
}
END_TEST

START_TEST(xls)
{
	const char *script =
		"use utf8; use strict; use Spreadsheet::WriteExcel;\n"
		"my $wb = Spreadsheet::WriteExcel->new($ARGV[0]) or die;\n"
		"my $ws = $wb->add_worksheet('客户档案'); my $ws2 = $wb->add_worksheet('Sheet2');\n"
		"my $d = $wb->add_format(num_format => 'yyyy-mm-dd');\n"
		"$ws->write_string(0, 0, '姓名'); $ws->write_string(0, 1, '手机');\n"
		"$ws->write_string(0, 2, '生日'); $ws->write_string(0, 3, '备注');\n"
		"$ws->write_string(1, 0, '张三'); $ws->write_number(1, 1, 13800138000);\n"
		"$ws->write_date_time(1, 2, '1978-09-14T', $d); $ws->write_string(1, 4, '常客');\n"
		"$ws->write_string(3, 0, '李四'); $ws->write_number(3, 1, 1.25);\n"
		"$ws2->write_string(0, 0, '第二页');\n"
		"$wb->close() or die;\n";
	puts_file("make.pl", script);
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "perl '%s' '%s'", at("make.pl"), at("book.xls"));
	ck_assert_msg(system(cmd) == 0, "perl with Spreadsheet::WriteExcel (scripts/install-deps) failed");
	struct reader *r = open_auto(at("book.xls"));
	ck_assert_int_eq(reader_format(r), RF_XLS);
	ck_assert_str_eq(next(r), "1:姓名|手机|生日|备注");
	ck_assert_str_eq(next(r), "2:张三|13800138000|1978-09-14||常客");
	ck_assert_str_eq(next(r), "3:");
	ck_assert_str_eq(next(r), "4:李四|1.25");
	at_end(r);
	reader_close(r);
	r = open_opts(at("book.xls"), RF_AUTO, NULL, "Sheet2");
	ck_assert_str_eq(next(r), "1:第二页");
	at_end(r);
	reader_close(r);
	const char *msg = refused(at("book.xls"), "nope", NULL);
	ck_assert_msg(strstr(msg, "no sheet named \"nope\" (sheets: 客户档案, Sheet2)"), "%s", msg);

	/* from memory, through libfreexl's file */
	FILE *f = fopen(at("book.xls"), "rb");
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	struct error e = {0};
	r = reader_open_mem("m.xls", buf, n, NULL, &e);
	ck_assert_msg(r != NULL, "%s", e.msg);
	ck_assert_str_eq(next(r), "1:姓名|手机|生日|备注");
	reader_close(r);
	msg = refused(put("cut.xls", buf, 600), NULL, NULL);
	ck_assert_msg(strstr(msg, "cut.xls: not a readable .xls workbook"), "%s", msg);
}
END_TEST

START_TEST(not_readable)
{
	mkdir(at("folder.csv"), 0700);
	const char *msg = refused(at("folder.csv"), NULL, NULL);
	ck_assert_msg(strstr(msg, "folder.csv: is a directory"), "%s", msg);
	msg = refused(put("empty.csv", "", 0), NULL, NULL);
	ck_assert_msg(strstr(msg, "empty.csv: the file is empty"), "%s", msg);
	msg = refused(at("missing.csv"), NULL, NULL);
	ck_assert_msg(strstr(msg, "missing.csv: No such file"), "%s", msg);
	struct error e = {0};
	ck_assert_ptr_null(reader_open_mem("nothing.csv", "", 0, NULL, &e));
	ck_assert_msg(strstr(e.msg, "nothing.csv: the file is empty"), "%s", e.msg);
	/* a zip that is not a workbook */
	msg = refused(put("junk.xlsx", "PK\x03\x04junkjunkjunk", 16), NULL, NULL);
	ck_assert_msg(strstr(msg, "junk.xlsx: not a readable .xlsx workbook"), "%s", msg);
}
END_TEST

static Suite *reader_suite(void)
{
	Suite *s = suite_create("reader");
	TCase *tc = tcase_create("text");
	tcase_add_test(tc, utf8_with_and_without_bom);
	tcase_add_test(tc, gb18030);
	tcase_add_test(tc, utf16_unicode_text);
	tcase_add_test(tc, rfc4180);
	tcase_add_test(tc, invalid_bytes);
	tcase_add_test(tc, encodings_named);
	tcase_add_test(tc, many_blocks);
	suite_add_tcase(s, tc);
	tc = tcase_create("workbooks");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, xlsx);
	tcase_add_test(tc, xls);
	tcase_add_test(tc, not_readable);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/check_reader.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return EXIT_FAILURE;
	int rc = testdb_run(reader_suite());
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = EXIT_FAILURE;
	return rc;
}
