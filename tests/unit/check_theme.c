/* check_theme.c — unit tests for the colour themes and their loader (src/config/theme.c): the
 * shipped themes/NAME.yaml and their built-in copies, what a user sees when colours are off
 * (monochrome, and allergy and taboo in every theme), every diagnostic with its exact place,
 * inheritance from "normal", and a user's theme taking the place of a built-in one. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/theme.h"
#include "core/strv.h"
#include "testdb.h"

/* ------------------------------------------------------------------------------------------ */
/* helpers */

/* The whole file at path; *len its size. Caller frees. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s: %s", path, strerror(errno));
	struct sbuf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_addn(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return sbuf_detach(&b);
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* A theme filled with a pattern no loader produces, to see that a failed load leaves it be. */
static void poison(struct theme *t)
{
	memset(t, 0x5a, sizeof *t);
	t->name[sizeof t->name - 1] = '\0';
}

/* Parses text as "t.yaml", which must succeed. */
static void parse_ok(const char *text, struct theme *t)
{
	struct error err = {.msg = "unset"};
	poison(t);
	int rc = theme_parse(text, strlen(text), "t.yaml", t, &err);
	ck_assert_msg(rc == 0 && err.msg[0] == '\0', "should load, got %d [%s]: %s", rc, err.msg, text);
}

/* Asserts that text fails to parse with the error want, leaving the theme untouched. */
#define EXPECT_ERROR(text, want) expect_error(text, sizeof(text) - 1, want, __LINE__)
static void expect_error(const char *text, size_t len, const char *want, int line)
{
	struct theme t, before;
	struct error err = {0};
	poison(&t);
	before = t;
	int rc = theme_parse(text, len, "t.yaml", &t, &err);
	ck_assert_msg(rc == -1, "line %d: should fail: %s", line, text);
	ck_assert_msg(strcmp(err.msg, want) == 0, "line %d: want the error\n  [%s]\ngot\n  [%s]", line,
	              want, err.msg);
	ck_assert_msg(memcmp(&t, &before, sizeof t) == 0, "line %d: the theme was changed", line);
}

static void assert_style(const struct theme *t, enum theme_elem e, int fg, int bg, unsigned attrs)
{
	const struct theme_style *s = &t->s[e];
	ck_assert_msg(s->fg == fg && s->bg == bg && s->attrs == attrs,
	              "%s: {fg %d, bg %d, attrs %u}, want {fg %d, bg %d, attrs %u}",
	              theme_elem_name(e), s->fg, s->bg, s->attrs, fg, bg, attrs);
}

/* A fresh directory for XDG_CONFIG_HOME, with maitre/themes in it; the old value is kept in
 * *old (caller frees). Returns the directory (caller frees). */
static char *user_dir(char **old)
{
	char tmpl[] = "/tmp/maitre-check-theme.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	*old = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
	ck_assert_int_eq(setenv("XDG_CONFIG_HOME", tmpl, 1), 0);
	char *d = xasprintf("%s/maitre", tmpl);
	ck_assert_int_eq(mkdir(d, 0700), 0);
	free(d);
	d = xasprintf("%s/maitre/themes", tmpl);
	ck_assert_int_eq(mkdir(d, 0700), 0);
	free(d);
	return strdup(tmpl);
}

/* Removes what user_dir made and the files named (in maitre/themes), restores the variable. */
static void user_dir_done(char *dir, char *old, const char *const *files)
{
	for (; *files; files++) {
		char *p = xasprintf("%s/maitre/themes/%s", dir, *files);
		unlink(p);
		free(p);
	}
	char *p = xasprintf("%s/maitre/themes", dir);
	ck_assert_int_eq(rmdir(p), 0);
	free(p);
	p = xasprintf("%s/maitre", dir);
	ck_assert_int_eq(rmdir(p), 0);
	free(p);
	ck_assert_int_eq(rmdir(dir), 0);
	if (old)
		setenv("XDG_CONFIG_HOME", old, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	free(old);
	free(dir);
}

/* ------------------------------------------------------------------------------------------ */
/* the shipped themes */

START_TEST(element_names)
{
	static const char *const want[TE_COUNT] = {
	    "normal",  "title",  "label",   "dim",     "selection",   "status",  "hint",
	    "message", "error",  "warning", "allergy", "taboo",       "overdue", "complaint",
	    "tier_a",  "tier_b", "tier_c",  "field",   "field_error", "border"};
	for (int e = 0; e < TE_COUNT; e++)
		ck_assert_str_eq(theme_elem_name((enum theme_elem)e), want[e]);
	ck_assert_ptr_null(theme_elem_name(TE_COUNT));
	ck_assert_ptr_null(theme_elem_name((enum theme_elem) - 1));
}
END_TEST

START_TEST(builtin_names)
{
	const char *const *n = theme_builtin_names();
	ck_assert_str_eq(n[0], "default");
	ck_assert_str_eq(n[1], "dark");
	ck_assert_str_eq(n[2], "monochrome");
	ck_assert_str_eq(n[3], "high-contrast");
	ck_assert_ptr_null(n[4]);
	for (int i = 0; i < 4; i++)
		ck_assert_str_eq(theme_builtins[i].name, n[i]);
	ck_assert_ptr_null(theme_builtins[4].name);
}
END_TEST

/* Every built-in theme is its shipped file byte for byte, loads by name (no user file in the
 * way) under its own name, and keeps allergy and taboo apart from plain text and from each
 * other by attributes, so that they stand out with colours off. */
START_TEST(builtins_load)
{
	const char *src = getenv("TESTS_SRCDIR");
	ck_assert_msg(src && *src, "TESTS_SRCDIR must name the tests directory of the source tree");
	char *old, *dir = user_dir(&old);
	for (const struct theme_builtin *b = theme_builtins; b->name; b++) {
		char *path = xasprintf("%s/../themes/%s.yaml", src, b->name);
		size_t len;
		char *text = slurp(path, &len);
		ck_assert_uint_eq(b->len, len);
		ck_assert_msg(memcmp(b->text, text, len) == 0, "the built-in copy differs from %s",
		              path);

		struct theme t;
		struct error err = {.msg = "unset"};
		poison(&t);
		ck_assert_msg(theme_load_named(b->name, &t, &err) == 0, "%s: %s",
		              b->name, err.msg);
		ck_assert_str_eq(err.msg, "");
		ck_assert_str_eq(t.name, b->name);
		for (int e = 0; e < TE_COUNT; e++) {
			ck_assert(t.s[e].fg >= -1 && t.s[e].fg <= 255);
			ck_assert(t.s[e].bg >= -1 && t.s[e].bg <= 255);
			ck_assert_uint_lt(t.s[e].attrs, 32);
		}
		unsigned n = t.s[TE_NORMAL].attrs, a = t.s[TE_ALLERGY].attrs,
		         tb = t.s[TE_TABOO].attrs;
		ck_assert_msg(a != 0 && tb != 0, "%s: allergy and taboo need an attribute",
		              b->name);
		ck_assert_msg(a != n && tb != n && a != tb,
		              "%s: normal %u, allergy %u, taboo %u must differ", b->name, n, a, tb);
		ck_assert_msg(t.s[TE_SELECTION].attrs & (THEME_REVERSE | THEME_STANDOUT),
		              "%s: the selection must show without colours", b->name);

		/* the file as the installed copy: same theme */
		struct theme f;
		ck_assert_msg(theme_load_file(path, &f, &err) == 0, "%s", err.msg);
		ck_assert(memcmp(&f, &t, sizeof f) == 0);
		free(text);
		free(path);
	}
	user_dir_done(dir, old, (const char *const[]){NULL});
}
END_TEST

START_TEST(monochrome_has_no_colours)
{
	struct theme t;
	struct error err;
	ck_assert_msg(theme_load_named("monochrome", &t, &err) == 0, "%s", err.msg);
	for (int e = 0; e < TE_COUNT; e++) {
		ck_assert_msg(t.s[e].fg == -1 && t.s[e].bg == -1, "%s: fg %d bg %d",
		              theme_elem_name((enum theme_elem)e), t.s[e].fg, t.s[e].bg);
	}
	assert_style(&t, TE_NORMAL, -1, -1, 0);
	assert_style(&t, TE_ALLERGY, -1, -1, THEME_REVERSE | THEME_BOLD);
	assert_style(&t, TE_TABOO, -1, -1, THEME_BOLD | THEME_UNDERLINE);
	assert_style(&t, TE_SELECTION, -1, -1, THEME_REVERSE);
}
END_TEST

START_TEST(high_contrast_is_bright_on_black)
{
	struct theme t;
	struct error err;
	ck_assert_msg(theme_load_named("high-contrast", &t, &err) == 0, "%s", err.msg);
	assert_style(&t, TE_NORMAL, 15, 0, 0);
	for (int e = 0; e < TE_COUNT; e++) {
		const struct theme_style *s = &t.s[e];
		const char *name = theme_elem_name((enum theme_elem)e);
		if (s->attrs & THEME_REVERSE) /* shown swapped: one of them bright */
			ck_assert_msg(s->fg >= 8 || s->bg >= 8, "%s: fg %d bg %d", name, s->fg,
			              s->bg);
		else
			ck_assert_msg(s->bg == 0 && s->fg >= 7 && s->fg <= 15, "%s: fg %d bg %d",
			              name, s->fg, s->bg);
	}
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* values and inheritance */

START_TEST(colours_and_attributes)
{
	struct theme t;
	parse_ok("name: t\n"
	         "elements:\n"
	         "  normal: {fg: default, bg: default}\n"
	         "  title: {fg: black, bg: white}\n"
	         "  label: {fg: bright-black, bg: bright-white}\n"
	         "  dim: {fg: 0, bg: 255}\n"
	         "  hint: {fg: Bright-Cyan, bg: '196'}\n"
	         "  error: {fg: red, bg: 007, attrs: [bold, reverse, underline, dim, standout]}\n"
	         "  warning: {attrs: underline}\n"
	         "  message:\n"
	         "    fg: green\n"
	         "    attrs:\n"
	         "      - bold\n",
	         &t);
	ck_assert_str_eq(t.name, "t");
	assert_style(&t, TE_NORMAL, -1, -1, 0);
	assert_style(&t, TE_TITLE, 0, 7, 0);
	assert_style(&t, TE_LABEL, 8, 15, 0);
	assert_style(&t, TE_DIM, 0, 255, 0);
	assert_style(&t, TE_HINT, 14, 196, 0);
	assert_style(&t, TE_ERROR, 1, 7, 31);
	assert_style(&t, TE_WARNING, -1, -1, THEME_UNDERLINE);
	assert_style(&t, TE_MESSAGE, 2, -1, THEME_BOLD);
	static const char *const names[8] = {"black", "red",     "green", "yellow",
	                                     "blue",  "magenta", "cyan",  "white"};
	for (int i = 0; i < 8; i++) {
		char text[200];
		snprintf(text, sizeof text, "elements:\n  tier_a: {fg: %s, bg: bright-%s}\n",
		         names[i], names[i]);
		parse_ok(text, &t);
		assert_style(&t, TE_TIER_A, i, i + 8, 0);
	}
}
END_TEST

START_TEST(missing_elements_inherit_normal)
{
	struct theme t;
	/* no normal: the terminal's colours, no attributes */
	parse_ok("elements:\n  allergy: {fg: red, attrs: [bold]}\n", &t);
	for (int e = 0; e < TE_COUNT; e++)
		if (e != TE_ALLERGY)
			assert_style(&t, (enum theme_elem)e, -1, -1, 0);
	assert_style(&t, TE_ALLERGY, 1, -1, THEME_BOLD);

	/* a normal: every element left out copies it, and so does every field left out */
	parse_ok("elements:\n"
	         "  taboo: {fg: yellow}\n"
	         "  normal: {fg: white, bg: blue, attrs: [dim]}\n"
	         "  allergy: {bg: red, attrs: []}\n"
	         "  border: {}\n",
	         &t);
	assert_style(&t, TE_NORMAL, 7, 4, THEME_DIM);
	assert_style(&t, TE_TABOO, 3, 4, THEME_DIM);
	assert_style(&t, TE_ALLERGY, 7, 1, 0);
	assert_style(&t, TE_BORDER, 7, 4, THEME_DIM);
	assert_style(&t, TE_TITLE, 7, 4, THEME_DIM);
	assert_style(&t, TE_FIELD_ERROR, 7, 4, THEME_DIM);

	/* an empty elements mapping: all default */
	parse_ok("elements: {}\n", &t);
	for (int e = 0; e < TE_COUNT; e++)
		assert_style(&t, (enum theme_elem)e, -1, -1, 0);
}
END_TEST

START_TEST(name_defaults_to_the_file)
{
	struct theme t;
	struct error err;
	static const char text[] = "elements: {}\n";
	ck_assert_int_eq(theme_parse(text, strlen(text), "/x/y/sunset.yaml", &t, &err),
	                 0);
	ck_assert_str_eq(t.name, "sunset");
	ck_assert_int_eq(theme_parse(text, strlen(text), "plain", &t, &err), 0);
	ck_assert_str_eq(t.name, "plain");
	parse_ok("name: 午夜 blue\nelements: {}\n", &t);
	ck_assert_str_eq(t.name, "午夜 blue");
	/* no struct error: still a status */
	ck_assert_int_eq(theme_parse("elements: 1\n", 12, "t.yaml", &t, NULL), -1);
	ck_assert_int_eq(theme_parse(NULL, 0, "t.yaml", &t, NULL), -1);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* diagnostics */

#define ELEMENTS                                                                                   \
	"normal, title, label, dim, selection, status, hint, message, error, warning, allergy, "   \
	"taboo, overdue, complaint, tier_a, tier_b, tier_c, field, field_error and border"
#define COLOURS                                                                                    \
	"(the colours are default, black, red, green, yellow, blue, magenta, cyan, white, "        \
	"bright- and one of those, or a number from 0 to 255)"
#define ATTRS "(the attributes are bold, reverse, underline, dim and standout)"

START_TEST(syntax_errors)
{
	EXPECT_ERROR("elements:\n  normal: {fg: red\n",
	             "t.yaml:3:1: syntax error: did not find expected ',' or '}' (while parsing a "
	             "flow mapping at line 2, column 11)");
	EXPECT_ERROR("elements:\n  normal: {}\n   title: {}\n",
	             "t.yaml:3:4: syntax error: did not find expected key (while parsing a block "
	             "mapping at line 2, column 3)");
	EXPECT_ERROR("elements:\n\tnormal: {}\n",
	             "t.yaml:2:1: syntax error: a tab character (indent with spaces only)");
	EXPECT_ERROR("name: caf\xff\nelements: {}\n",
	             "t.yaml:1:10: not valid text: invalid leading UTF-8 octet");
	EXPECT_ERROR("elements: {}\n---\nelements: {}\n",
	             "t.yaml:3:1: a second document: the file must hold one (remove the \"---\")");
	EXPECT_ERROR("elements: {}\n---\nelements: [\n",
	             "t.yaml:4:1: syntax error: did not find expected node content (while "
	             "parsing a flow node at line 4, column 1)");
	EXPECT_ERROR("name: a\0b\nelements: {}\n",
	             "t.yaml:1:8: not valid text: control characters are not allowed");
}
END_TEST

START_TEST(missing_and_unknown_keys)
{
	EXPECT_ERROR("", "t.yaml:1:1: missing key \"elements\" (the file is empty)");
	EXPECT_ERROR("# just a comment\n",
	             "t.yaml:1:1: missing key \"elements\" (the file is empty)");
	EXPECT_ERROR("\n\nname: x\n", "t.yaml:3:1: missing key \"elements\"");
	EXPECT_ERROR("name: x\nelement: {}\n",
	             "t.yaml:2:1: unknown key \"element\" (the keys are name and elements)");
	EXPECT_ERROR("elements:\n  alergy: {fg: red}\n",
	             "t.yaml:2:3: unknown element \"alergy\" (the elements are " ELEMENTS ")");
	EXPECT_ERROR("elements:\n  normal: {fg: red}\n  Normal: {}\n",
	             "t.yaml:3:3: unknown element \"Normal\" (the elements are " ELEMENTS ")");
	EXPECT_ERROR(
	    "elements:\n  allergy: {fg: red, colour: white}\n",
	    "t.yaml:2:22: allergy: unknown key \"colour\" (the keys are fg, bg and attrs)");
	EXPECT_ERROR("elements:\n  [a]: {}\n",
	             "t.yaml:2:3: a key must be a word, not a list or a mapping");
}
END_TEST

START_TEST(bad_colours)
{
	EXPECT_ERROR("elements:\n  allergy: {fg: pink}\n",
	             "t.yaml:2:17: allergy: fg: unknown colour \"pink\" " COLOURS);
	EXPECT_ERROR("elements:\n  taboo: {bg: bright-pink}\n",
	             "t.yaml:2:15: taboo: bg: unknown colour \"bright-pink\" " COLOURS);
	EXPECT_ERROR("elements:\n  taboo: {bg: bright-default}\n",
	             "t.yaml:2:15: taboo: bg: unknown colour \"bright-default\" " COLOURS);
	EXPECT_ERROR("elements:\n  taboo: {bg: 1.5}\n",
	             "t.yaml:2:15: taboo: bg: unknown colour \"1.5\" " COLOURS);
	EXPECT_ERROR("elements:\n  normal:\n    fg: 256\n",
	             "t.yaml:3:9: normal: fg: must be a number from 0 to 255, got \"256\"");
	EXPECT_ERROR("elements:\n  normal:\n    fg: 99999999999999999999\n",
	             "t.yaml:3:9: normal: fg: must be a number from 0 to 255, got "
	             "\"99999999999999999999\"");
	EXPECT_ERROR("elements:\n  normal:\n    bg: -1\n",
	             "t.yaml:3:9: normal: bg: must be a number from 0 to 255, got \"-1\"");
	EXPECT_ERROR("elements:\n  title: {fg: }\n",
	             "t.yaml:2:15: title: fg: unknown colour nothing " COLOURS);
}
END_TEST

START_TEST(bad_attributes)
{
	EXPECT_ERROR("elements:\n  allergy: {attrs: [bold, blink]}\n",
	             "t.yaml:2:27: allergy: attrs: unknown attribute \"blink\" " ATTRS);
	EXPECT_ERROR("elements:\n  allergy: {attrs: blink}\n",
	             "t.yaml:2:20: allergy: attrs: unknown attribute \"blink\" " ATTRS);
	EXPECT_ERROR("elements:\n  taboo: {attrs: [bold, underline, bold]}\n",
	             "t.yaml:2:36: taboo: attrs: \"bold\" is named twice");
	EXPECT_ERROR("elements:\n  taboo: {attrs: {bold: true}}\n",
	             "t.yaml:2:18: taboo: attrs: must be a list of attributes ([bold, underline], "
	             "or [] for none), got a mapping");
	EXPECT_ERROR("elements:\n  taboo:\n    attrs:\n",
	             "t.yaml:3:11: taboo: attrs: must be a list of attributes ([bold, underline], "
	             "or [] for none), got nothing");
	EXPECT_ERROR("elements:\n  taboo: {attrs: [[bold]]}\n",
	             "t.yaml:2:19: taboo: attrs: must be an attribute, got a list");
}
END_TEST

START_TEST(wrong_types)
{
	EXPECT_ERROR("- normal\n",
	             "t.yaml:1:1: the file: must be a mapping (KEY: VALUE lines), got a list");
	EXPECT_ERROR("just words\n",
	             "t.yaml:1:1: the file: must be a mapping (KEY: VALUE lines), got \"just "
	             "words\"");
	EXPECT_ERROR("elements:\n  - normal\n",
	             "t.yaml:2:3: elements: must be a mapping (ELEMENT: {fg: COLOUR, bg: COLOUR, "
	             "attrs: [ATTRIBUTE, ...]} lines), got a list");
	EXPECT_ERROR("elements:\n",
	             "t.yaml:1:10: elements: must be a mapping (ELEMENT: {fg: COLOUR, bg: COLOUR, "
	             "attrs: [ATTRIBUTE, ...]} lines), got nothing");
	EXPECT_ERROR("elements:\n  allergy: red\n",
	             "t.yaml:2:12: allergy: must be a mapping ({fg: COLOUR, bg: COLOUR, attrs: "
	             "[ATTRIBUTE, ...]}), got \"red\"");
	EXPECT_ERROR("elements:\n  allergy:\n",
	             "t.yaml:2:11: allergy: must be a mapping ({fg: "
	             "COLOUR, bg: COLOUR, attrs: [ATTRIBUTE, ...]}), got "
	             "nothing");
	EXPECT_ERROR("elements:\n  allergy: {fg: [red, white]}\n",
	             "t.yaml:2:17: allergy: fg: must be a colour, got a list");
	EXPECT_ERROR("elements:\n  allergy: {bg: {red: 1}}\n",
	             "t.yaml:2:17: allergy: bg: must be a colour, got a mapping");
	EXPECT_ERROR("name: [a, b]\nelements: {}\n",
	             "t.yaml:1:7: name: must be a word or a phrase, got a list");
	EXPECT_ERROR("name: ''\nelements: {}\n", "t.yaml:1:7: name: must not be empty");
	EXPECT_ERROR("name: \"a\\tb\"\nelements: {}\n",
	             "t.yaml:1:7: name: must not contain control characters, got \"a^Ib\"");
	EXPECT_ERROR("name: \"a\\0b\"\nelements: {}\n",
	             "t.yaml:1:7: name: must not contain a NUL character");
	EXPECT_ERROR("name: 0123456789012345678901234567890123456789012345678901234567890123\n"
	             "elements: {}\n",
	             "t.yaml:1:7: name: too long (at most 63 bytes), got "
	             "\"012345678901234567890123456789012345678…\"");
}
END_TEST

START_TEST(duplicate_keys)
{
	EXPECT_ERROR("elements:\n  allergy: {fg: red}\n  taboo: {}\n  allergy: {fg: blue}\n",
	             "t.yaml:4:3: duplicate key \"allergy\" (first at line 2)");
	EXPECT_ERROR("elements:\n  allergy: {fg: red, attrs: [], fg: blue}\n",
	             "t.yaml:2:33: duplicate key \"fg\" (first at line 2)");
	EXPECT_ERROR("elements: {}\nname: a\nelements: {}\n",
	             "t.yaml:3:1: duplicate key \"elements\" (first at line 1)");
}
END_TEST

/* One message, the first in the text, even when later lines are wrong too. */
START_TEST(first_error_only)
{
	EXPECT_ERROR("elements:\n  allergy: {fg: pink}\n  taboo: {fg: 300}\nbogus: 1\n",
	             "t.yaml:2:17: allergy: fg: unknown colour \"pink\" " COLOURS);
	EXPECT_ERROR("bogus: 1\nelements:\n  allergy: {fg: pink}\n",
	             "t.yaml:1:1: unknown key \"bogus\" (the keys are name and elements)");
	EXPECT_ERROR("elements:\n  allergy: {fg: pink}\n---\nx: [\n",
	             "t.yaml:2:17: allergy: fg: unknown colour \"pink\" " COLOURS);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* files and names */

START_TEST(unreadable_file)
{
	struct theme t, before;
	struct error err;
	poison(&t);
	before = t;
	ck_assert_int_eq(theme_load_file("/nonexistent/maitre/x.yaml", &t, &err), -1);
	ck_assert_str_eq(err.msg, "/nonexistent/maitre/x.yaml: cannot read: No such file or directory");
	ck_assert(memcmp(&t, &before, sizeof t) == 0);
}
END_TEST

START_TEST(user_theme_overrides_builtin)
{
	char *old, *dir = user_dir(&old);
	char *path = xasprintf("%s/maitre/themes/dark.yaml", dir);
	struct theme t, before;
	struct error err;

	/* the built-in dark first */
	ck_assert_msg(theme_load_named("dark", &t, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(t.name, "dark");
	assert_style(&t, TE_NORMAL, 7, 0, 0);

	/* a user file of the same name takes its place */
	spit(path, "name: my dark\nelements:\n  normal: {fg: 250, bg: 235}\n");
	ck_assert_msg(theme_load_named("dark", &t, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(t.name, "my dark");
	assert_style(&t, TE_NORMAL, 250, 235, 0);
	assert_style(&t, TE_ALLERGY, 250, 235, 0);

	/* a broken one is an error naming the file, not a fall-back to the built-in copy */
	spit(path, "elements:\n  normal: {fg: grey}\n");
	before = t;
	ck_assert_int_eq(theme_load_named("dark", &t, &err), -1);
	char *want = xasprintf("%s:2:16: normal: fg: unknown colour \"grey\" " COLOURS, path);
	ck_assert_str_eq(err.msg, want);
	free(want);
	ck_assert(memcmp(&t, &before, sizeof t) == 0);

	/* so is one that cannot be read */
	unlink(path);
	ck_assert_int_eq(symlink("/nonexistent/theme.yaml", path), 0);
	ck_assert_int_eq(theme_load_named("dark", &t, &err), -1);
	want = xasprintf("%s: cannot read: No such file or directory", path);
	ck_assert_str_eq(err.msg, want);
	free(want);

	/* a theme of the user's own; the others stay built in */
	char *own = xasprintf("%s/maitre/themes/terrace.yaml", dir);
	spit(own, "elements:\n  normal: {fg: green}\n");
	ck_assert_msg(theme_load_named("terrace", &t, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(t.name, "terrace");
	assert_style(&t, TE_TITLE, 2, -1, 0);
	ck_assert_msg(theme_load_named("monochrome", &t, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(t.name, "monochrome");

	/* neither a user file nor a built-in theme */
	before = t;
	ck_assert_int_eq(theme_load_named("sunset", &t, &err), -1);
	want = xasprintf("no theme \"sunset\": neither %s/maitre/themes/sunset.yaml nor a built-in "
	                 "theme (default, dark, monochrome, high-contrast)",
	                 dir);
	ck_assert_str_eq(err.msg, want);
	free(want);
	ck_assert(memcmp(&t, &before, sizeof t) == 0);

	/* not a file name */
	ck_assert_int_eq(theme_load_named("../maitre/themes/terrace", &t, &err), -1);
	ck_assert_str_eq(err.msg, "theme \"../maitre/themes/terrace\": not a theme name (letters, "
	                      "digits, \"-\" and \"_\", at most 63)");
	ck_assert_int_eq(theme_load_named("", &t, &err), -1);
	ck_assert_str_eq(err.msg, "theme \"\": not a theme name (letters, digits, \"-\" and \"_\", at "
	                      "most 63)");
	ck_assert(memcmp(&t, &before, sizeof t) == 0);

	free(path);
	free(own);
	user_dir_done(dir, old, (const char *const[]){"dark.yaml", "terrace.yaml", NULL});
}
END_TEST

/* Without XDG_CONFIG_HOME (or with a relative one), the user's themes are in ~/.config. */
START_TEST(user_theme_in_home)
{
	char tmpl[] = "/tmp/maitre-check-theme-home.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	char *old_xdg = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
	setenv("HOME", tmpl, 1);
	char *d1 = xasprintf("%s/.config", tmpl), *d2 = xasprintf("%s/.config/maitre", tmpl),
	     *d3 = xasprintf("%s/.config/maitre/themes", tmpl),
	     *path = xasprintf("%s/.config/maitre/themes/default.yaml", tmpl);
	ck_assert_int_eq(mkdir(d1, 0700), 0);
	ck_assert_int_eq(mkdir(d2, 0700), 0);
	ck_assert_int_eq(mkdir(d3, 0700), 0);
	spit(path, "name: home\nelements: {}\n");

	struct theme t;
	struct error err;
	unsetenv("XDG_CONFIG_HOME");
	ck_assert_msg(theme_load_named("default", &t, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(t.name, "home");
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	ck_assert_msg(theme_load_named("default", &t, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(t.name, "home");

	unlink(path);
	rmdir(d3);
	rmdir(d2);
	rmdir(d1);
	ck_assert_int_eq(rmdir(tmpl), 0);
	if (old_home)
		setenv("HOME", old_home, 1);
	else
		unsetenv("HOME");
	if (old_xdg)
		setenv("XDG_CONFIG_HOME", old_xdg, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	free(old_home);
	free(old_xdg);
	free(d1);
	free(d2);
	free(d3);
	free(path);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */

static Suite *theme_suite(void)
{
	Suite *s = suite_create("theme");
	TCase *tc = tcase_create("shipped");
	tcase_add_test(tc, element_names);
	tcase_add_test(tc, builtin_names);
	tcase_add_test(tc, builtins_load);
	tcase_add_test(tc, monochrome_has_no_colours);
	tcase_add_test(tc, high_contrast_is_bright_on_black);
	suite_add_tcase(s, tc);
	tc = tcase_create("values");
	tcase_add_test(tc, colours_and_attributes);
	tcase_add_test(tc, missing_elements_inherit_normal);
	tcase_add_test(tc, name_defaults_to_the_file);
	suite_add_tcase(s, tc);
	tc = tcase_create("diagnostics");
	tcase_add_test(tc, syntax_errors);
	tcase_add_test(tc, missing_and_unknown_keys);
	tcase_add_test(tc, bad_colours);
	tcase_add_test(tc, bad_attributes);
	tcase_add_test(tc, wrong_types);
	tcase_add_test(tc, duplicate_keys);
	tcase_add_test(tc, first_error_only);
	suite_add_tcase(s, tc);
	tc = tcase_create("files");
	tcase_add_test(tc, unreadable_file);
	tcase_add_test(tc, user_theme_overrides_builtin);
	tcase_add_test(tc, user_theme_in_home);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return testdb_run(theme_suite());
}
