/* check_screen.c — the list of screens (src/tui/screen.h) is where every screen is reached
 * from: each named screen opens by its ':' name and by its name in Chinese, each screen of a
 * function key by that key, and each scope that has keys is a section of 'maitre help keys'.
 * A line of the list only half filled in fails here. And the terminal the interface took is
 * given back before the program stops for want of memory. */
#include <check.h>
#include <curses.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "core/xalloc.h"
#include "tui/cmdline.h"
#include "tui/screen.h"
#include "tui/tui.h"

#include "testdb.h"

/* The Chinese catalogue of the build tree ($MAITRE is the built program). */
static void speak_chinese(void)
{
	const char *exe = getenv("MAITRE");
	ck_assert_ptr_nonnull(exe);
	char path[PATH_MAX], dir[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s", exe);
	snprintf(dir, sizeof dir, "%s/po/locale", dirname(path));
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "zh_CN", 1);
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

START_TEST(test_names)
{
	speak_chinese();
	size_t named = 0;
	for (size_t i = 0; i < SCREEN_COUNT; i++) {
		const struct screen_info *s = &screen_table[i];
		ck_assert_uint_eq(s->scope, 1u << i);
		ck_assert_msg(s->title && *s->title, "screen %zu: no title", i);
		if (!s->name)
			continue;
		named++;
		ck_assert_msg(s->open, "%s: a name but no constructor", s->name);
		ck_assert_ptr_nonnull(s->local);
		ck_assert_str_eq(strchr(s->local, '\004') + 1, s->name);
		const char *zh = screen_local_name(s);
		ck_assert_msg(strcmp(zh, s->name) != 0, "%s: no Chinese name", s->name);
		ck_assert_ptr_eq(screen_by_name(s->name), s);
		ck_assert_ptr_eq(screen_by_name(zh), s);
		/* the ':' line lists it, and the help says what it is */
		const char *local, *en;
		bool listed = false;
		for (size_t k = 0; (en = cmdline_name(k, &local)) != NULL; k++)
			listed = listed || (strcmp(en, s->name) == 0 && strcmp(local, zh) == 0);
		ck_assert_msg(listed, "%s: not among the ':' names", s->name);
		ck_assert_msg(action_by_name(s->name) != ACT_NONE, "%s: no action says what it is",
			      s->name);
	}
	ck_assert_uint_ge(named, 10);
}
END_TEST

START_TEST(test_function_keys)
{
	struct keymap m = {0};
	keymap_defaults(&m);
	unsigned global = SC_GLOBAL;
	size_t keyed = 0;
	for (size_t i = 0; i < SCREEN_COUNT; i++) {
		const struct screen_info *s = &screen_table[i];
		if (!s->key)
			continue;
		keyed++;
		ck_assert_ptr_nonnull(s->name);
		enum action a = keymap_lookup(&m, key_parse(s->key), &global, 1);
		ck_assert_msg(a != ACT_NONE, "%s: %s opens nothing", s->name, s->key);
		ck_assert_str_eq(action_table[a].name, s->name);
		ck_assert_msg(action_table[a].help[0], "%s: its key has no help", s->name);
	}
	ck_assert_uint_eq(keyed, 8);
	keymap_free(&m);
}
END_TEST

START_TEST(test_help_keys)
{
	setenv("XDG_CONFIG_HOME", testdb_dir, 1); /* no config file: the default keys */
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(f);
	screen_print_keys(f);
	fclose(f);
	for (size_t i = 0; i < SCREEN_COUNT; i++) {
		const struct screen_info *s = &screen_table[i];
		bool keys = false;
		for (int a = 1; a < ACT_COUNT; a++)
			keys = keys || action_table[a].scope & s->scope;
		char head[128];
		snprintf(head, sizeof head, "\n%s:\n", s->title);
		ck_assert_msg((strstr(out, head) != NULL) == keys, "%s: %s in maitre help keys",
			      s->title, keys ? "missing" : "empty");
	}
	free(out);
}
END_TEST

/* Opened by name on a frame without a terminal: the view is the screen's own (its scope, and
 * for a screen of a function key its name, by which it is brought back). */
START_TEST(test_open)
{
	struct tui t;
	memset(&t, 0, sizeof t);
	t.st = testdb_open();
	t.db = testdb_path;
	t.rows = TUI_MIN_ROWS;
	t.cols = TUI_MIN_COLS;
	keymap_defaults(&t.keys);
	tui_push(&t, view_lookup_new(&t, NULL));
	for (size_t i = 0; i < SCREEN_COUNT; i++) {
		const struct screen_info *s = &screen_table[i];
		if (!s->open)
			continue;
		ck_assert(cmdline_open_named(&t, s->name));
		ck_assert_ptr_nonnull(t.top);
		ck_assert_msg(t.top->ops->scope & s->scope, "%s: the view has another scope",
			      s->name);
		if (s->key) {
			ck_assert_str_eq(t.top->ops->name, s->name);
			const struct view *v = t.top;
			ck_assert(
			    cmdline_open_named(&t, s->name)); /* brought back, not opened twice */
			ck_assert_ptr_eq(t.top, v);
		}
		while (t.top->below)
			tui_pop(&t);
	}
	tui_pop(&t);
	keymap_free(&t.keys);
	testdb_close(t.st);
}
END_TEST

/* Memory running out while the interface has the terminal: the terminal is given back
 * (endwin) before "maitre: out of memory" is written, both into the one file here, so that the
 * message comes after the last of curses' escape sequences. */
static char term_path[PATH_MAX];

static void after_abort(int sig)
{
	(void)sig;
	bool given_back = isendwin();
	char buf[16384];
	FILE *f = fopen(term_path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	const char *msg = strstr(buf, "maitre: out of memory\n");
	const char *esc = strrchr(buf, '\033');
	_exit(!given_back ? 1 : !msg ? 2 : !esc || esc > msg ? 3 : 0);
}

START_TEST(test_exhaustion_gives_terminal_back)
{
	snprintf(term_path, sizeof term_path, "%s/terminal.out", testdb_dir);
	FILE *term = fopen(term_path, "w");
	FILE *in = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(term);
	ck_assert_ptr_nonnull(in);
	SCREEN *scr = newterm("xterm-256color", term, in);
	ck_assert_ptr_nonnull(scr);
	set_term(scr);
	mvaddstr(0, 0, "the interface");
	refresh();
	ck_assert_ptr_nonnull(freopen(term_path, "a", stderr));
	setvbuf(stderr, NULL, _IONBF, 0);
	tui_guard_terminal();
	ck_assert(!isendwin());
	signal(SIGABRT, after_abort);
	xalloc_die(0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("screen");
	TCase *tc = tcase_create("registry");
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_function_keys);
	tcase_add_test(tc, test_help_keys);
	tcase_add_test(tc, test_open);
	suite_add_tcase(s, tc);
	tc = tcase_create("terminal");
	tcase_add_exit_test(tc, test_exhaustion_gives_terminal_back, 0);
	suite_add_tcase(s, tc);
	return testdb_run(s);
}
