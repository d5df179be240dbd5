/* check_yamldoc.c — unit tests for the YAML walker of src/config (yamldoc.h): each lookup
 * (scalars, numbers, strings, lists, mappings and their keys) on right and wrong values, and the
 * exact "file:line:column: what" of every diagnostic, including nested nodes, tabs, an empty
 * file, a byte that is not UTF-8, a second document, and the order of the report. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/settings.h"
#include "config/yamldoc.h"
#include "core/strv.h"
#include "testdb.h"

/* ------------------------------------------------------------------------------------------ */
/* helpers */

/* Parses text as "t.yaml" (one document); the text must be YAML. */
static void open_text(struct yamldoc *y, const char *text, unsigned flags)
{
	yamldoc_init(y, "t.yaml");
	ck_assert_msg(yamldoc_parse(y, text, strlen(text), flags) == 0, "not YAML: %s", text);
}

/* The value of key in mapping n (which must hold it). */
static yaml_node_t *get(struct yamldoc *y, yaml_node_t *n, const char *key)
{
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->type, YAML_MAPPING_NODE);
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
		if (strcmp(yamldoc_text(yamldoc_node(y, p->key)), key) == 0)
			return yamldoc_node(y, p->value);
	ck_abort_msg("no key %s", key);
	return NULL;
}

/* The value of key in the root mapping. */
static yaml_node_t *top(struct yamldoc *y, const char *key)
{
	return get(y, yamldoc_root(y), key);
}

/* Every diagnostic of y, errors and warnings by place, one a line, into a static buffer. */
static const char *report(struct yamldoc *y)
{
	static char out[4096];
	struct strv all = {0};
	yamldoc_report(y, &all, &all);
	out[0] = '\0';
	for (size_t i = 0; i < all.n; i++) {
		strncat(out, all.v[i], sizeof out - strlen(out) - 2);
		strcat(out, "\n");
	}
	strv_free(&all);
	return out;
}

/* The first error of y. */
static const char *first(struct yamldoc *y)
{
	static struct error err;
	yamldoc_report_first(y, &err);
	return err.msg;
}

/* Asserts that text does not parse (flags), with the first error want. */
static void expect_syntax(const char *text, size_t len, unsigned flags, const char *want)
{
	struct yamldoc y;
	yamldoc_init(&y, "t.yaml");
	ck_assert_int_eq(yamldoc_parse(&y, text, len, flags), -1);
	ck_assert_str_eq(first(&y), want);
	yamldoc_free(&y);
}

/* ------------------------------------------------------------------------------------------ */
/* scalars and numbers */

START_TEST(scalars)
{
	struct yamldoc y;
	open_text(&y, "a: word\nb: [1]\nc: {d: 1}\ne: \"x\\0y\"\n", 0);
	ck_assert_str_eq(yamldoc_scalar(&y, top(&y, "a"), "a", "a word"), "word");
	ck_assert_ptr_null(yamldoc_scalar(&y, top(&y, "b"), "b", "a word"));
	ck_assert_ptr_null(yamldoc_scalar(&y, top(&y, "c"), "c", "a word"));
	ck_assert_ptr_null(yamldoc_scalar(&y, top(&y, "e"), "e", "a word"));
	ck_assert(yamldoc_failed(&y));
	ck_assert_str_eq(report(&y), "t.yaml:2:4: b: must be a word, got a list\n"
	                             "t.yaml:3:4: c: must be a word, got a mapping\n"
	                             "t.yaml:4:4: e: must not contain a NUL character\n");
	yamldoc_free(&y);
}
END_TEST

START_TEST(whole_numbers)
{
	struct yamldoc y;
	int v = -1;
	open_text(&y,
	          "ok: 42\nneg: -3\nword: two\nlow: 0\nhigh: 61\nhuge: 12345678901\nhalf: 1.5\n"
	          "list: [1]\n",
	          0);
	ck_assert(yamldoc_int(&y, top(&y, "ok"), "ok", 1, 60, &v));
	ck_assert_int_eq(v, 42);
	ck_assert(!yamldoc_failed(&y));
	ck_assert(!yamldoc_int(&y, top(&y, "neg"), "neg", 1, 60, &v));
	ck_assert(!yamldoc_int(&y, top(&y, "word"), "word", 1, 60, &v));
	ck_assert(!yamldoc_int(&y, top(&y, "low"), "low", 1, 60, &v));
	ck_assert(!yamldoc_int(&y, top(&y, "high"), "high", 1, 60, &v));
	ck_assert(!yamldoc_int(&y, top(&y, "huge"), "huge", 1, 60, &v));
	ck_assert(!yamldoc_int(&y, top(&y, "half"), "half", 1, 60, &v));
	ck_assert(!yamldoc_int(&y, top(&y, "list"), "list", 1, 60, &v));
	ck_assert_int_eq(v, 42); /* untouched by the failures */
	ck_assert_str_eq(report(&y), "t.yaml:2:6: neg: must not be negative, got \"-3\"\n"
	                             "t.yaml:3:7: word: must be a whole number, got \"two\"\n"
	                             "t.yaml:4:6: low: must be at least 1, got \"0\"\n"
	                             "t.yaml:5:7: high: must be at most 60, got \"61\"\n"
	                             "t.yaml:6:7: huge: must be at most 60, got \"12345678901\"\n"
	                             "t.yaml:7:7: half: must be a whole number, got \"1.5\"\n"
	                             "t.yaml:8:7: list: must be a whole number, got a list\n");
	yamldoc_free(&y);
}
END_TEST

/* A number must be digits only: a space before or after is refused with the field named. */
START_TEST(numbers_with_spaces)
{
	struct yamldoc y;
	int v = -1;
	double d = -1;
	open_text(&y, "a: ' 5'\nb: \"5 \"\nc: ' 1.5'\nd: \"\\t5\"\n", 0);
	ck_assert(!yamldoc_int(&y, top(&y, "a"), "a", 1, 60, &v));
	ck_assert(!yamldoc_int(&y, top(&y, "b"), "b", 1, 60, &v));
	ck_assert(!yamldoc_decimal(&y, top(&y, "c"), "c", 60, &d));
	ck_assert(!yamldoc_int(&y, top(&y, "d"), "d", 1, 60, &v));
	ck_assert_int_eq(v, -1);
	ck_assert(d == -1);
	ck_assert_str_eq(report(&y), "t.yaml:1:4: a: must be a whole number, got \" 5\"\n"
	                             "t.yaml:2:4: b: must be a whole number, got \"5 \"\n"
	                             "t.yaml:3:4: c: must be a number, got \" 1.5\"\n"
	                             "t.yaml:4:4: d: must be a whole number, got \"^I5\"\n");
	yamldoc_free(&y);
}
END_TEST

START_TEST(decimals_and_booleans)
{
	struct yamldoc y;
	double d = 0;
	bool b = false;
	open_text(&y, "d: 1.5\nbig: 10.5\ndot: 1.\nb: Yes\nn: off\nbad: maybe\n", 0);
	ck_assert(yamldoc_decimal(&y, top(&y, "d"), "d", 10, &d));
	ck_assert(d == 1.5);
	ck_assert(!yamldoc_decimal(&y, top(&y, "big"), "big", 10, &d));
	ck_assert(!yamldoc_decimal(&y, top(&y, "dot"), "dot", 10, &d));
	ck_assert(yamldoc_bool(&y, top(&y, "b"), "b", &b) && b);
	ck_assert(yamldoc_bool(&y, top(&y, "n"), "n", &b) && !b);
	ck_assert(!yamldoc_bool(&y, top(&y, "bad"), "bad", &b));
	ck_assert_str_eq(report(&y), "t.yaml:2:6: big: must be at most 10, got \"10.5\"\n"
	                             "t.yaml:3:6: dot: must be a number, got \"1.\"\n"
	                             "t.yaml:6:6: bad: must be true or false, got \"maybe\"\n");
	yamldoc_free(&y);
}
END_TEST

START_TEST(strings)
{
	struct yamldoc y;
	char buf[8];
	open_text(&y, "s: 孙\nempty: ''\nlong: abcdefgh\nctl: \"a\\tb\"\n", 0);
	ck_assert(yamldoc_string(&y, top(&y, "s"), "s", buf, sizeof buf, false));
	ck_assert_str_eq(buf, "孙");
	ck_assert(yamldoc_string(&y, top(&y, "empty"), "empty", buf, sizeof buf, true));
	ck_assert_str_eq(buf, "");
	ck_assert(!yamldoc_failed(&y));
	ck_assert(!yamldoc_string(&y, top(&y, "empty"), "empty", buf, sizeof buf, false));
	ck_assert(!yamldoc_string(&y, top(&y, "long"), "long", buf, sizeof buf, false));
	ck_assert(!yamldoc_string(&y, top(&y, "ctl"), "ctl", buf, sizeof buf, false));
	ck_assert_str_eq(report(&y),
	                 "t.yaml:2:8: empty: must not be empty\n"
	                 "t.yaml:3:7: long: too long (at most 7 bytes), got \"abcdefgh\"\n"
	                 "t.yaml:4:6: ctl: must not contain control characters, got \"a^Ib\"\n");
	yamldoc_free(&y);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* lists and mappings */

/* Collects the items' texts into ctx (a struct strv); "bad" is refused. */
static bool collect(struct yamldoc *y, yaml_node_t *item, const char *what, void *ctx)
{
	if (strcmp(yamldoc_text(item), "bad") == 0) {
		yamldoc_error(y, item, "%s: no bad items", what);
		return false;
	}
	strv_push(ctx, yamldoc_text(item));
	return true;
}

START_TEST(lists)
{
	struct yamldoc y;
	struct strv got = {0};
	open_text(&y, "one: a\nmany: [a, b]\nmixed:\n  - [x]\n  - bad\n  - c\nmap: {k: v}\n", 0);
	ck_assert(yamldoc_each_item(&y, top(&y, "one"), "one", "a list", "a word", collect, &got));
	ck_assert(
	    yamldoc_each_item(&y, top(&y, "many"), "many", "a list", "a word", collect, &got));
	ck_assert_uint_eq(got.n, 3);
	ck_assert(!yamldoc_failed(&y));
	/* every item is seen, the wrong ones reported */
	ck_assert(
	    !yamldoc_each_item(&y, top(&y, "mixed"), "mixed", "a list", "a word", collect, &got));
	ck_assert_uint_eq(got.n, 4);
	ck_assert_str_eq(got.v[3], "c");
	ck_assert(!yamldoc_each_item(&y, top(&y, "map"), "map", "a list ([a, b])", "a word",
	                             collect, &got));
	ck_assert_str_eq(report(&y), "t.yaml:4:5: mixed: must be a word, got a list\n"
	                             "t.yaml:5:5: mixed: no bad items\n"
	                             "t.yaml:7:6: map: must be a list ([a, b]), got a mapping\n");
	strv_free(&got);
	yamldoc_free(&y);
}
END_TEST

START_TEST(fields)
{
	struct yamldoc y;
	open_text(
	    &y, "outer:\n  a: 1\n  colour: red\n  b: [2]\n  a: 3\n  ? [k]\n  : v\nlist: [1]\n", 0);
	struct yamldoc_field f[] = {{.key = "a"}, {.key = "b"}, {.key = "c"}};
	ck_assert(yamldoc_fields(&y, top(&y, "outer"), "outer", f, 3));
	ck_assert_str_eq(yamldoc_text(f[0].val), "1"); /* the first of a key given twice */
	ck_assert_int_eq((int)f[0].key_node->start_mark.line, 1);
	ck_assert_int_eq(f[1].val->type, YAML_SEQUENCE_NODE);
	ck_assert_ptr_null(f[2].val);
	ck_assert_ptr_null(f[2].key_node);
	ck_assert(!yamldoc_fields(&y, top(&y, "list"), "list", f, 3));
	ck_assert_str_eq(report(&y),
	                 "t.yaml:3:3: warning: unknown key \"colour\"\n"
	                 "t.yaml:5:3: duplicate key \"a\" (first at line 2)\n"
	                 "t.yaml:6:5: a key must be a word, not a list or a mapping\n"
	                 "t.yaml:8:7: list: must be a mapping (KEY: VALUE lines), got a list\n");
	/* warnings alone are not a failure */
	yamldoc_free(&y);
	open_text(&y, "x: 1\n", 0);
	struct yamldoc_field g[] = {{.key = "y"}};
	ck_assert(yamldoc_fields(&y, yamldoc_root(&y), "the file", g, 1));
	ck_assert(!yamldoc_failed(&y));
	ck_assert_str_eq(first(&y), "");
	yamldoc_free(&y);
}
END_TEST

START_TEST(nested_position)
{
	struct yamldoc y;
	int v;
	/* the column counts characters, not bytes */
	open_text(&y, "privileges:\n  A:\n    名字: 餐厅\n    gift:\n      value: [1, lots]\n", 0);
	yaml_node_t *list = get(&y, get(&y, top(&y, "privileges"), "A"), "gift");
	list = get(&y, list, "value");
	yaml_node_t *second = yamldoc_node(&y, list->data.sequence.items.start[1]);
	ck_assert(!yamldoc_int(&y, second, "value", 0, 10, &v));
	yamldoc_error(&y, get(&y, get(&y, top(&y, "privileges"), "A"), "名字"), "after %s", "名字");
	ck_assert_str_eq(first(&y), "t.yaml:3:9: after 名字");
	ck_assert_str_eq(report(&y), "t.yaml:3:9: after 名字\n"
	                             "t.yaml:5:18: value: must be a whole number, got \"lots\"\n");
	yamldoc_free(&y);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* the document */

START_TEST(syntax_errors)
{
	expect_syntax("a:\n\tb: 1\n", 8, 0,
	              "t.yaml:2:1: syntax error: a tab character (indent with spaces only)");
	expect_syntax("a: [1, 2\n", 9, 0,
	              "t.yaml:2:1: syntax error: did not find expected ',' or ']' (while parsing a "
	              "flow sequence at line 1, column 4)");
	/* a byte that is not UTF-8: placed by characters before it */
	expect_syntax("名: ok\nb: \xff\n", 13, 0,
	              "t.yaml:2:4: not valid text: invalid leading UTF-8 octet");
	/* config.yaml's plain form */
	expect_syntax("a: [1, 2\n", 9, YAMLDOC_PLAIN_SYNTAX,
	              "t.yaml:2:1: did not find expected ',' or ']'");
}
END_TEST

/* n lists opened ("[[[..."), then closed when close is set, into a fresh string. */
static char *nested(size_t n, bool close)
{
	char *s = malloc(2 * n + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, '[', n);
	memset(s + n, ']', close ? n : 0);
	s[close ? 2 * n : n] = '\0';
	return s;
}

/* Nesting deeper than YAMLDOC_MAX_DEPTH is refused at the first collection too deep, before
 * libyaml builds the document (100,000 levels took it tens of seconds). */
START_TEST(too_deep)
{
	struct yamldoc y;
	char *s = nested(YAMLDOC_MAX_DEPTH, true);
	open_text(&y, s, YAMLDOC_ONE_DOCUMENT);
	yamldoc_free(&y);
	free(s);

	s = nested(YAMLDOC_MAX_DEPTH + 1, true);
	expect_syntax(s, strlen(s), 0, "t.yaml:1:33: nested deeper than 32 levels");
	free(s);
	/* under the 1 MiB cap, unclosed: still refused at the 33rd level */
	s = nested(100000, false);
	expect_syntax(s, strlen(s), YAMLDOC_PLAIN_SYNTAX,
	              "t.yaml:1:33: nested deeper than 32 levels");
	free(s);
	/* in block style, and in the second document that YAMLDOC_ONE_DOCUMENT reads */
	char *deep = nested(40, true), text[256];
	snprintf(text, sizeof text, "a: 1\n---\nb:\n  c: %s\n", deep);
	expect_syntax(text, strlen(text), YAMLDOC_ONE_DOCUMENT,
	              "t.yaml:4:36: nested deeper than 32 levels");
	/* without that flag the second document is not read */
	open_text(&y, text, 0);
	yamldoc_free(&y);
	free(deep);
}
END_TEST

START_TEST(empty_and_second_document)
{
	struct yamldoc y;
	yamldoc_init(&y, "t.yaml");
	ck_assert_int_eq(yamldoc_parse(&y, "", 0, YAMLDOC_ONE_DOCUMENT), 0);
	ck_assert_ptr_null(yamldoc_root(&y));
	ck_assert(!yamldoc_failed(&y));
	yamldoc_free(&y);
	yamldoc_init(&y, "t.yaml");
	ck_assert_int_eq(yamldoc_parse(&y, NULL, 0, 0), 0);
	ck_assert_ptr_null(yamldoc_root(&y));
	yamldoc_free(&y);

	const char *two = "a: 1\n---\nb: 2\n";
	open_text(&y, two, YAMLDOC_ONE_DOCUMENT);
	ck_assert_str_eq(
	    first(&y),
	    "t.yaml:3:1: a second document: the file must hold one (remove the \"---\")");
	yamldoc_free(&y);
	open_text(&y, two, 0); /* config.yaml: the rest is not read */
	ck_assert(!yamldoc_failed(&y));
	yamldoc_free(&y);
	/* the first document is there to walk even when the second is broken */
	yamldoc_init(&y, "t.yaml");
	ck_assert_int_eq(yamldoc_parse(&y, "a: 1\n---\nb: [\n", 14, YAMLDOC_ONE_DOCUMENT), 0);
	ck_assert_str_eq(yamldoc_text(top(&y, "a")), "1");
	ck_assert_str_eq(first(&y), "t.yaml:4:1: syntax error: did not find expected node content "
	                            "(while parsing a flow node at line 4, column 1)");
	yamldoc_free(&y);
}
END_TEST

START_TEST(report_order)
{
	struct yamldoc y;
	open_text(&y, "a: 1\nb: 2\n", 0);
	yamldoc_error(&y, top(&y, "b"), "second");
	yamldoc_warning(&y, top(&y, "a"), "a warning");
	yamldoc_error(&y, top(&y, "a"), "first");
	yamldoc_error_at(&y, 0, 0, "the whole file");
	ck_assert_str_eq(first(&y), "t.yaml: the whole file");
	struct strv errors = {0}, warnings = {0};
	yamldoc_report(&y, &errors, &warnings);
	ck_assert_uint_eq(errors.n, 3);
	ck_assert_str_eq(errors.v[0], "t.yaml: the whole file");
	ck_assert_str_eq(errors.v[1], "t.yaml:1:4: first");
	ck_assert_str_eq(errors.v[2], "t.yaml:2:4: second");
	ck_assert_uint_eq(warnings.n, 1);
	ck_assert_str_eq(warnings.v[0], "t.yaml:1:4: warning: a warning");
	strv_free(&errors);
	strv_free(&warnings);
	yamldoc_free(&y);

	struct error err;
	ck_assert_int_eq(yamldoc_report_about("theme \"x\"", "out of memory", &err), -1);
	ck_assert_str_eq(err.msg, "theme \"x\": out of memory");
}
END_TEST

START_TEST(files)
{
	char dir[] = "/tmp/check_yamldoc.XXXXXX", path[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/x.yaml", dir);
	struct yamldoc y;
	yamldoc_init(&y, path);
	ck_assert_int_eq(yamldoc_parse_file(&y, path, 0), -1);
	char want[128];
	snprintf(want, sizeof want, "%s: cannot read: No such file or directory", path);
	ck_assert_str_eq(first(&y), want);
	yamldoc_free(&y);

	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("a: [1,\n", f);
	fclose(f);
	yamldoc_init(&y, path);
	ck_assert_int_eq(yamldoc_parse_file(&y, path, YAMLDOC_PLAIN_SYNTAX), -1);
	snprintf(want, sizeof want, "%s:2:1: did not find expected node content", path);
	ck_assert_str_eq(first(&y), want);
	yamldoc_free(&y);
	ck_assert_int_eq(remove(path), 0);
	ck_assert_int_eq(remove(dir), 0);
}
END_TEST

/* A config.yaml over 1 MiB is "larger than 1 MiB", as tiers.yaml and themes are, not the parse
 * of its first MiB. */
START_TEST(settings_too_large)
{
	char dir[] = "/tmp/check_yamldoc.XXXXXX", path[64], want[128];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/config.yaml", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (size_t n = 0; n <= YAMLDOC_MAX_BYTES; n += 64)
		fprintf(f, "# %61s\n", "a comment");
	fclose(f);
	ck_assert_int_eq(setenv("MAITRE_CONFIG", path, 1), 0);
	struct settings c;
	struct error e = {0};
	ck_assert_int_eq(settings_load(&c, &e), -1);
	snprintf(want, sizeof want, "%s: cannot read: larger than 1 MiB", path);
	ck_assert_str_eq(e.msg, want);
	settings_free(&c);

	/* the same file at exactly 1 MiB is read */
	ck_assert_int_eq(truncate(path, YAMLDOC_MAX_BYTES), 0);
	ck_assert_int_eq(settings_load(&c, &e), 0);
	settings_free(&c);
	ck_assert_int_eq(unsetenv("MAITRE_CONFIG"), 0);
	ck_assert_int_eq(remove(path), 0);
	ck_assert_int_eq(remove(dir), 0);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */

static Suite *yamldoc_suite(void)
{
	Suite *s = suite_create("yamldoc");
	TCase *tc = tcase_create("values");
	tcase_add_test(tc, scalars);
	tcase_add_test(tc, whole_numbers);
	tcase_add_test(tc, numbers_with_spaces);
	tcase_add_test(tc, decimals_and_booleans);
	tcase_add_test(tc, strings);
	suite_add_tcase(s, tc);
	tc = tcase_create("structure");
	tcase_add_test(tc, lists);
	tcase_add_test(tc, fields);
	tcase_add_test(tc, nested_position);
	suite_add_tcase(s, tc);
	tc = tcase_create("document");
	tcase_add_test(tc, syntax_errors);
	tcase_add_test(tc, too_deep);
	tcase_add_test(tc, empty_and_second_document);
	tcase_add_test(tc, report_order);
	tcase_add_test(tc, files);
	tcase_add_test(tc, settings_too_large);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return testdb_run(yamldoc_suite());
}
