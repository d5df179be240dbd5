/* check_draw.c — the one width-aware drawing routine of the interface (src/tui/draw.c), on a
 * curses screen that writes to /dev/null: Chinese takes two columns, nothing is cut in half,
 * controls and escape sequences are shown in caret notation, combining marks join their letter. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/text.h"
#include "tui/draft.h"
#include "tui/draw.h"
#include "tui/row_window.h"
#include "tui/widgets.h"

#include "testdb.h"

static SCREEN *scr;
static FILE *out, *in;

static void setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	scr = newterm("xterm-256color", out, in);
	ck_assert_ptr_nonnull(scr);
	resizeterm(5, 30);
	erase();
}

static void teardown(void)
{
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* Row y as text, one entry per cell: a character, or "" for the second half of a wide one. */
static char *row(int y, int w)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (int x = 0; x < w; x++) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1] = {0};
		attr_t at;
		short pair;
		mvin_wch(y, x, &cc);
		getcchar(&cc, wc, &at, &pair, NULL);
		for (int i = 0; wc[i]; i++) {
			char enc[8];
			sbuf_addn(&b, enc, text_encode((uint32_t)wc[i], enc));
		}
		sbuf_addc(&b, '|');
		if (wc[0] && text_cp_width((uint32_t)wc[0]) == 2)
			x++;
	}
	return sbuf_detach(&b);
}

#define ck_row(y, w, expect)                                                            \
	do {                                                                            \
		char *got_ = row(y, w);                                                 \
		ck_assert_msg(strcmp(got_, expect) == 0, "row %d: got \"%s\", want \"%s\"", \
			      y, got_, expect);                                         \
		free(got_);                                                             \
	} while (0)

START_TEST(test_wide_characters)
{
	ck_assert_int_eq(draw_width("孙先生好"), 8);
	/* 5 columns: two characters, then the ellipsis */
	ck_assert_int_eq(draw_text(0, 0, 5, "孙先生好", A_NORMAL, true), 5);
	ck_row(0, 6, "孙|先|…| |");
	/* 4 columns: the second character would end in the ellipsis column: a space instead */
	ck_assert_int_eq(draw_text(1, 0, 4, "孙先生好", A_NORMAL, true), 4);
	ck_row(1, 5, "孙| |…| |");
	/* without an ellipsis: what fits, never half a character */
	ck_assert_int_eq(draw_text(2, 0, 3, "孙先生", A_NORMAL, false), 2);
	ck_row(2, 4, "孙| | |");
}
END_TEST

START_TEST(test_controls_shown_harmlessly)
{
	ck_assert_int_eq(draw_width("a\x1b[2Jb"), 7);
	draw_text(0, 0, 10, "a\x1b[2Jb\x07", A_NORMAL, false);
	ck_row(0, 9, "a|^|[|[|2|J|b|^|G|");
	/* invalid UTF-8 and C1 controls as U+FFFD */
	draw_text(1, 0, 10, "x\xff\xc2\x85y", A_NORMAL, false);
	ck_row(1, 4, "x|\xef\xbf\xbd|\xef\xbf\xbd|y|");
}
END_TEST

START_TEST(test_combining_marks)
{
	ck_assert_int_eq(draw_width("Thi\xcc\x81"), 3);
	draw_text(0, 0, 10, "Thi\xcc\x81!", A_NORMAL, false);
	ck_row(0, 5, "T|h|i\xcc\x81|!| |");
}
END_TEST

START_TEST(test_wrap)
{
	/* at spaces where it can, inside a word only when the word is wider than the line */
	ck_assert_int_eq(draw_wrap(0, 0, 10, 0, "花生 (critical), 虾 (high)", 0), 4);
	ck_assert_int_eq(draw_wrap(0, 0, 10, 4, "花生 (critical), 虾 (high)", A_NORMAL), 4);
	ck_row(0, 10, "花|生| | | | | | |");
	ck_row(1, 10, "(|c|r|i|t|i|c|a|l|)|");
	ck_row(2, 10, ",| |虾| | | | | | |");
	ck_row(3, 10, "(|h|i|g|h|)| | | | |");
}
END_TEST

/* ---- the window of a long list (widgets.c) ---- */

#define LIST_N 3000

/* A list 0..LIST_N-1 read by keyset, as the stores read theirs; counts the reads. */
static int reads;

static enum store_status read_ints(struct tui *t, void *ctx, const void *edge, bool backward,
				   size_t limit, void **got, size_t *n)
{
	(void)t;
	(void)ctx;
	int from = edge ? *(const int *)edge : backward ? LIST_N : -1;
	int *v = malloc((limit ? limit : 1) * sizeof *v);
	ck_assert_ptr_nonnull(v);
	*n = 0;
	for (int x = backward ? from - 1 : from + 1; x >= 0 && x < LIST_N && *n < limit;
	     x += backward ? -1 : 1)
		v[(*n)++] = x;
	if (backward) /* handed back in the list's order */
		for (size_t i = 0; i < *n / 2; i++) {
			int tmp = v[i];
			v[i] = v[*n - 1 - i];
			v[*n - 1 - i] = tmp;
		}
	*got = v;
	reads++;
	return ST_OK;
}

/* The window holds consecutive lines, no more than it keeps (four reads, when that is
 * more), the selected one being want. */
static void check_window(const struct row_window *w, size_t chunk, int want)
{
	const int *v = w->v;
	ck_assert_uint_le(w->n, 4 * chunk > ROW_WINDOW_KEEP ? 4 * chunk : ROW_WINDOW_KEEP);
	for (size_t i = 1; i < w->n; i++)
		ck_assert_int_eq(v[i], v[i - 1] + 1);
	ck_assert_uint_lt(w->cur.sel, w->n);
	ck_assert_int_eq(v[w->cur.sel], want);
	if (w->at_start) /* what the window knows of the list's ends is true */
		ck_assert_int_eq(v[0], 0);
	if (w->at_end)
		ck_assert_int_eq(v[w->n - 1], LIST_N - 1);
}

/* Pages down to the end and back up, on a screen of rows lines. */
static void walk(int screen_rows, int rows)
{
	struct tui t = {.rows = screen_rows};
	struct row_window w = {.elem = sizeof(int)};
	void *v;
	size_t n;
	read_ints(&t, NULL, NULL, false, row_window_chunk(&t), &v, &n);
	row_window_set(&t, &w, v, n, false, true);
	ck_assert(w.at_start && !w.at_end);
	int want = 0, page = rows - 1;
	while (want < LIST_N - 1) {
		ck_assert_int_eq(row_window_move(&t, &w, read_ints, NULL, ACT_PAGE_DOWN, rows),
		                 HR_REDRAW);
		want = want + page < LIST_N - 1 ? want + page : LIST_N - 1;
		check_window(&w, row_window_chunk(&t), want);
	}
	ck_assert(w.at_end);
	ck_assert_int_eq(row_window_move(&t, &w, read_ints, NULL, ACT_DOWN, rows), HR_REDRAW);
	check_window(&w, row_window_chunk(&t), LIST_N - 1); /* nothing past the end */
	while (want > 0) {
		row_window_move(&t, &w, read_ints, NULL, ACT_PAGE_UP, rows);
		want = want > page ? want - page : 0;
		check_window(&w, row_window_chunk(&t), want);
	}
	ck_assert(w.at_start);
	ck_assert_int_eq(row_window_move(&t, &w, read_ints, NULL, ACT_TOP, rows), HR_NOT_MINE);
	row_window_free(&w);
}

START_TEST(test_row_window)
{
	reads = 0;
	walk(30, 25);
	/* a chunk at a time, not a read per key */
	ck_assert_int_lt(reads, 2 * (LIST_N / 64 + 1) + 2);
	/* a screen whose chunk (twice its rows) is more than the window keeps */
	walk(700, 690);
}
END_TEST

/* A draft comes back as written: line breaks, backslashes, spaces and repeated keys; one file
 * per login and per database; written over atomically; deleted. */
START_TEST(test_draft_roundtrip)
{
	char dir[] = "/tmp/maitre-draft.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("XDG_STATE_HOME", dir, 1);
	char *p = draft_path("/tmp/a.db", "wang"), *q = draft_path("/tmp/b.db", "wang"),
	     *r = draft_path("/tmp/a.db", "li/../x");
	ck_assert_str_ne(p, q);
	ck_assert_str_ne(p, r);
	ck_assert_ptr_null(strstr(r + strlen(dir), "/../"));
	/* two logins alike once made a file name (王五, 李四: both ______) keep their own */
	char *w5 = draft_path("/tmp/a.db", "王五"), *l4 = draft_path("/tmp/a.db", "李四");
	ck_assert_str_ne(w5, l4);
	free(w5), free(l4);
	struct draft d = {0}, back = {0};
	ck_assert_int_eq(draft_read(p, &back), 1); /* none yet */
	draft_add(&d, "form", "visit");
	draft_add(&d, "note", "line one\nline two \\ C:\\x\\n end ");
	draft_add(&d, "l.tags", "回头客");
	draft_add(&d, "l.tags", "VIP");
	ck_assert_int_eq(draft_write(p, &d), 0);
	ck_assert_int_eq(draft_read(p, &back), 0);
	ck_assert_uint_eq(back.keys.n, 4);
	ck_assert_str_eq(draft_get(&back, "note"), "line one\nline two \\ C:\\x\\n end ");
	ck_assert_str_eq(back.vals.v[3], "VIP");
	draft_free(&back);
	draft_free(&d);
	memset(&back, 0, sizeof back);
	draft_add(&d, "form", "guest");
	ck_assert_int_eq(draft_write(p, &d), 0); /* over the one before */
	ck_assert_int_eq(draft_read(p, &back), 0);
	ck_assert_uint_eq(back.keys.n, 1);
	draft_free(&back);
	draft_free(&d);
	draft_remove(p);
	memset(&back, 0, sizeof back);
	ck_assert_int_eq(draft_read(p, &back), 1);
	free(p), free(q), free(r);
	char cmd[100];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("draw");
	TCase *tc = tcase_create("draw");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_wide_characters);
	tcase_add_test(tc, test_controls_shown_harmlessly);
	tcase_add_test(tc, test_combining_marks);
	tcase_add_test(tc, test_wrap);
	tcase_add_test(tc, test_row_window);
	tcase_add_test(tc, test_draft_roundtrip);
	suite_add_tcase(s, tc);
	return testdb_run(s);
}
