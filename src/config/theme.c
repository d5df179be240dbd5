/* theme.c — themes/NAME.yaml → struct theme, through libyaml's document API (each node keeps
 * its line and column), in the manner of tiers.c. A theme has one error channel, so loading
 * stops at the first error, which is also the first in the text: nodes are checked in document
 * order. The caller's struct is only replaced when the whole file is right. */
#include "config/theme.h"
#include "config/yamldoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "config/paths.h"
#include "core/strv.h"
#include "core/text.h"

#define THEME_MAX_BYTES (1024 * 1024)

/* How the built-in copy of themes/NAME.yaml is named in diagnostics. */
#define BUILTIN_PREFIX "(built-in) themes/"

static const char *const elem_names[TE_COUNT] = {
    [TE_NORMAL] = "normal",
    [TE_TITLE] = "title",
    [TE_LABEL] = "label",
    [TE_DIM] = "dim",
    [TE_SELECTION] = "selection",
    [TE_STATUS] = "status",
    [TE_HINT] = "hint",
    [TE_MESSAGE] = "message",
    [TE_ERROR] = "error",
    [TE_WARNING] = "warning",
    [TE_ALLERGY] = "allergy",
    [TE_TABOO] = "taboo",
    [TE_OVERDUE] = "overdue",
    [TE_COMPLAINT] = "complaint",
    [TE_TIER_A] = "tier_a",
    [TE_TIER_B] = "tier_b",
    [TE_TIER_C] = "tier_c",
    [TE_FIELD] = "field",
    [TE_FIELD_ERROR] = "field_error",
    [TE_BORDER] = "border",
};

/* Colours 0..7; "bright-" + one of them is 8..15. */
static const char *const colour_names[8] = {"black", "red",     "green", "yellow",
                                            "blue",  "magenta", "cyan",  "white"};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
    {"bold", THEME_BOLD}, {"reverse", THEME_REVERSE},   {"underline", THEME_UNDERLINE},
    {"dim", THEME_DIM},   {"standout", THEME_STANDOUT},
};
#define NATTRS (sizeof attr_names / sizeof attr_names[0])

/* A style as the file gives it: which of fg, bg and attrs it sets. */
struct partial {
	struct theme_style st;
	bool have_fg, have_bg, have_attrs;
};

struct parser {
	const char *name; /* the file, for messages */
	const char *text;
	size_t len;
	yaml_document_t doc;
	char *err;
	size_t errlen;
	bool failed;
	bool have_name;
	char theme_name[sizeof((struct theme *)0)->name];
	struct partial el[TE_COUNT];
};

/* ------------------------------------------------------------------------------------------ */
/* diagnostics */

static bool fail_line(struct parser *P, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static bool fail_at(struct parser *P, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void vfail(struct parser *P, int line, int col, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Keeps the first error only: "NAME:LINE:COLUMN: message", or "NAME: message" when line is 0. */
static void vfail(struct parser *P, int line, int col, const char *fmt, va_list ap)
{
	if (P->failed)
		return;
	P->failed = true;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (line)
		set_err(P->err, P->errlen, "%s:%d:%d: %s", P->name, line, col, msg);
	else
		set_err(P->err, P->errlen, "%s: %s", P->name, msg);
}

/* Both return false, for "return fail_at(...)". */
static bool fail_line(struct parser *P, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(P, line, col, fmt, ap);
	va_end(ap);
	return false;
}

static bool fail_at(struct parser *P, yaml_mark_t m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(P, (int)m.line + 1, (int)m.column + 1, fmt, ap);
	va_end(ap);
	return false;
}

/* ------------------------------------------------------------------------------------------ */
/* nodes and values */

static yaml_node_t *node(struct parser *P, int id)
{
	return yaml_document_get_node(&P->doc, id);
}

/* The text of scalar n, or NULL after the error "WHAT: must be WANT, got ...". */
static const char *scalar_of(struct parser *P, const yaml_node_t *n, const char *what,
                             const char *want)
{
	char buf[160];
	if (n->type != YAML_SCALAR_NODE) {
		fail_at(P, n->start_mark, "%s: must be %s, got %s", what, want,
		        yamldoc_shown(n, buf, sizeof buf));
		return NULL;
	}
	if (strlen(yamldoc_text(n)) != n->data.scalar.length) {
		fail_at(P, n->start_mark, "%s: must not contain a NUL character", what);
		return NULL;
	}
	return yamldoc_text(n);
}

/* The key node of pair p, after checking that it is a word and not the repeat of an earlier
 * key of mapping n; NULL after an error. */
static yaml_node_t *pair_key(struct parser *P, yaml_node_t *n, yaml_node_pair_t *p)
{
	yaml_node_t *key = node(P, p->key);
	if (!key || !node(P, p->value)) {
		fail_line(P, 0, 0, "damaged YAML document");
		return NULL;
	}
	if (key->type != YAML_SCALAR_NODE) {
		fail_at(P, key->start_mark, "a key must be a word, not a list or a mapping");
		return NULL;
	}
	yaml_node_t *prev = yamldoc_earlier_key(&P->doc, n, p);
	if (prev) {
		char buf[160];
		fail_at(P, key->start_mark, "duplicate key %s (first at line %d)",
		        yamldoc_shown(key, buf, sizeof buf), (int)prev->start_mark.line + 1);
		return NULL;
	}
	return key;
}

/* A colour: default (-1), a name, bright-NAME or 0..255. */
static bool get_colour(struct parser *P, const yaml_node_t *n, const char *what, short *out)
{
	char buf[160];
	const char *s = scalar_of(P, n, what, "a colour");
	if (!s)
		return false;
	if (strcasecmp(s, "default") == 0) {
		*out = -1;
		return true;
	}
	bool bright = strncasecmp(s, "bright-", 7) == 0;
	for (int i = 0; i < 8; i++) {
		if (strcasecmp(bright ? s + 7 : s, colour_names[i]) == 0) {
			*out = (short)(bright ? i + 8 : i);
			return true;
		}
	}
	const char *digits = s[0] == '-' ? s + 1 : s;
	if (*digits && strspn(digits, "0123456789") == strlen(digits)) {
		long v = s[0] == '-' || strlen(digits) > 3 ? 256 : strtol(digits, NULL, 10);
		if (v <= 255) {
			*out = (short)v;
			return true;
		}
		return fail_at(P, n->start_mark, "%s: must be a number from 0 to 255, got %s", what,
		               yamldoc_shown(n, buf, sizeof buf));
	}
	return fail_at(P, n->start_mark,
	               "%s: unknown colour %s (the colours are default, black, red, green, "
	               "yellow, blue, magenta, cyan, white, bright- and one of those, or a "
	               "number from 0 to 255)",
	               what, yamldoc_shown(n, buf, sizeof buf));
}

static bool add_attr(struct parser *P, const yaml_node_t *item, const char *what, unsigned *attrs)
{
	char buf[160];
	const char *s = scalar_of(P, item, what, "an attribute");
	if (!s)
		return false;
	for (size_t i = 0; i < NATTRS; i++) {
		if (strcasecmp(s, attr_names[i].name) != 0)
			continue;
		if (*attrs & attr_names[i].bit)
			return fail_at(P, item->start_mark, "%s: %s is named twice", what,
			               yamldoc_shown(item, buf, sizeof buf));
		*attrs |= attr_names[i].bit;
		return true;
	}
	return fail_at(P, item->start_mark,
	               "%s: unknown attribute %s (the attributes are bold, reverse, underline, "
	               "dim and standout)",
	               what, yamldoc_shown(item, buf, sizeof buf));
}

/* attrs: [A, B, ...], [] for none, or a single attribute. */
static bool get_attrs(struct parser *P, yaml_node_t *n, const char *what, unsigned *out)
{
	char buf[160];
	unsigned a = 0;
	if (n->type == YAML_SCALAR_NODE && *yamldoc_text(n)) {
		if (!add_attr(P, n, what, &a))
			return false;
	} else if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top; it++) {
			yaml_node_t *item = node(P, *it);
			if (!item)
				return fail_line(P, 0, 0, "damaged YAML document");
			if (!add_attr(P, item, what, &a))
				return false;
		}
	} else {
		return fail_at(P, n->start_mark,
		               "%s: must be a list of attributes ([bold, underline], or [] for "
		               "none), got %s",
		               what, yamldoc_shown(n, buf, sizeof buf));
	}
	*out = a;
	return true;
}

/* ------------------------------------------------------------------------------------------ */
/* the file */

static bool load_style(struct parser *P, yaml_node_t *n, enum theme_elem e)
{
	const char *elem = elem_names[e];
	struct partial *p = &P->el[e];
	char buf[160], what[48];
	if (n->type != YAML_MAPPING_NODE)
		return fail_at(P, n->start_mark,
		               "%s: must be a mapping ({fg: COLOUR, bg: COLOUR, attrs: [ATTRIBUTE, "
		               "...]}), got %s",
		               elem, yamldoc_shown(n, buf, sizeof buf));
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *key = pair_key(P, n, pr);
		if (!key)
			return false;
		yaml_node_t *val = node(P, pr->value);
		const char *k = yamldoc_text(key);
		snprintf(what, sizeof what, "%s: %s", elem, k);
		bool ok;
		if (strcmp(k, "fg") == 0)
			ok = p->have_fg = get_colour(P, val, what, &p->st.fg);
		else if (strcmp(k, "bg") == 0)
			ok = p->have_bg = get_colour(P, val, what, &p->st.bg);
		else if (strcmp(k, "attrs") == 0)
			ok = p->have_attrs = get_attrs(P, val, what, &p->st.attrs);
		else
			ok = fail_at(P, key->start_mark,
			             "%s: unknown key %s (the keys are fg, bg and attrs)", elem,
			             yamldoc_shown(key, buf, sizeof buf));
		if (!ok)
			return false;
	}
	return true;
}

/* "normal, title, ... and border" into buf. */
static const char *elem_list(char *buf, size_t size)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int e = 0; e < TE_COUNT && at < size; e++) {
		int n = snprintf(buf + at, size - at, "%s%s",
		                 e == 0              ? ""
		                 : e == TE_COUNT - 1 ? " and "
		                                     : ", ",
		                 elem_names[e]);
		if (n < 0)
			break;
		at += (size_t)n;
	}
	return buf;
}

static bool load_elements(struct parser *P, yaml_node_t *n)
{
	char buf[160], list[300];
	if (n->type != YAML_MAPPING_NODE)
		return fail_at(P, n->start_mark,
		               "elements: must be a mapping (ELEMENT: {fg: COLOUR, bg: COLOUR, "
		               "attrs: [ATTRIBUTE, ...]} lines), got %s",
		               yamldoc_shown(n, buf, sizeof buf));
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *key = pair_key(P, n, p);
		if (!key)
			return false;
		int e = 0;
		while (e < TE_COUNT && strcmp(yamldoc_text(key), elem_names[e]) != 0)
			e++;
		if (e == TE_COUNT)
			return fail_at(P, key->start_mark,
			               "unknown element %s (the elements are %s)",
			               yamldoc_shown(key, buf, sizeof buf), elem_list(list, sizeof list));
		if (!load_style(P, node(P, p->value), (enum theme_elem)e))
			return false;
	}
	return true;
}

static bool load_name(struct parser *P, yaml_node_t *n)
{
	char buf[160];
	const char *s = scalar_of(P, n, "name", "a word or a phrase");
	if (!s)
		return false;
	if (!*s)
		return fail_at(P, n->start_mark, "name: must not be empty");
	if (strlen(s) >= sizeof P->theme_name)
		return fail_at(P, n->start_mark, "name: too long (at most %zu bytes), got %s",
		               sizeof P->theme_name - 1, yamldoc_shown(n, buf, sizeof buf));
	if (text_has_controls(s))
		return fail_at(P, n->start_mark,
		               "name: must not contain control characters, got %s",
		               yamldoc_shown(n, buf, sizeof buf));
	memcpy(P->theme_name, s, strlen(s) + 1);
	P->have_name = true;
	return true;
}

static bool load_top(struct parser *P, yaml_node_t *root)
{
	char buf[160];
	bool have_elements = false;
	if (!root)
		return fail_line(P, 1, 1, "missing key \"elements\" (the file is empty)");
	if (root->type != YAML_MAPPING_NODE)
		return fail_at(P, root->start_mark,
		               "the file: must be a mapping (KEY: VALUE lines), got %s",
		               yamldoc_shown(root, buf, sizeof buf));
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *key = pair_key(P, root, p);
		if (!key)
			return false;
		const char *k = yamldoc_text(key);
		bool ok;
		if (strcmp(k, "name") == 0) {
			ok = load_name(P, node(P, p->value));
		} else if (strcmp(k, "elements") == 0) {
			ok = load_elements(P, node(P, p->value));
			have_elements = true;
		} else {
			ok = fail_at(P, key->start_mark,
			             "unknown key %s (the keys are name and elements)",
			             yamldoc_shown(key, buf, sizeof buf));
		}
		if (!ok)
			return false;
	}
	if (!have_elements)
		return fail_at(P, root->start_mark, "missing key \"elements\"");
	return true;
}

/* The file's name without its directories and ".yaml", cut to fit buf whole characters. */
static void name_from_file(const char *filename, char *buf, size_t size)
{
	const char *b = strrchr(filename, '/');
	b = b ? b + 1 : filename;
	size_t n = strlen(b);
	if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
		n -= 5;
	if (n >= size) {
		n = size - 1;
		while (n && ((unsigned char)b[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, b, n);
	buf[n] = '\0';
}

/* Fills t from what the file gave: what an element leaves out comes from "normal". */
static void resolve(const struct parser *P, struct theme *t)
{
	const struct partial *nm = &P->el[TE_NORMAL];
	struct theme_style base = {
	    .fg = nm->have_fg ? nm->st.fg : -1,
	    .bg = nm->have_bg ? nm->st.bg : -1,
	    .attrs = nm->have_attrs ? nm->st.attrs : 0,
	};
	memset(t, 0, sizeof *t);
	if (P->have_name)
		memcpy(t->name, P->theme_name, sizeof t->name);
	else
		name_from_file(P->name, t->name, sizeof t->name);
	for (int e = 0; e < TE_COUNT; e++) {
		const struct partial *p = &P->el[e];
		t->s[e].fg = p->have_fg ? p->st.fg : base.fg;
		t->s[e].bg = p->have_bg ? p->st.bg : base.bg;
		t->s[e].attrs = p->have_attrs ? p->st.attrs : base.attrs;
	}
}

/* ------------------------------------------------------------------------------------------ */
/* syntax errors */

/* The byte offset of 0-based line and column (in characters) in the text, or len. */
static size_t offset_of(const struct parser *P, size_t line, size_t col)
{
	size_t i = 0;
	for (; i < P->len && line; i++)
		if (P->text[i] == '\n')
			line--;
	for (; i < P->len && col && P->text[i] != '\n'; col--) {
		uint32_t cp;
		i += text_decode(P->text + i, P->len - i, &cp);
	}
	return i;
}

static void syntax_error(struct parser *P, const yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR) {
		fail_line(P, 0, 0, "out of memory");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		/* the reader knows a byte offset: count lines and characters up to it */
		size_t end = p->problem_offset < P->len ? p->problem_offset : P->len;
		int line = 1, col = 1;
		for (size_t i = 0; i < end;) {
			uint32_t cp;
			if (P->text[i] == '\n') {
				line++, col = 1, i++;
				continue;
			}
			i += text_decode(P->text + i, end - i, &cp);
			col++;
		}
		fail_line(P, line, col, "not valid text: %s", p->problem ? p->problem : "?");
		return;
	}
	int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
	size_t at = offset_of(P, p->problem_mark.line, p->problem_mark.column);
	if (at < P->len && P->text[at] == '\t')
		fail_line(P, line, col, "syntax error: a tab character (indent with spaces only)");
	else if (p->context)
		fail_line(P, line, col, "syntax error: %s (%s at line %d, column %d)",
		          p->problem ? p->problem : "?", p->context, (int)p->context_mark.line + 1,
		          (int)p->context_mark.column + 1);
	else
		fail_line(P, line, col, "syntax error: %s", p->problem ? p->problem : "?");
}

/* ------------------------------------------------------------------------------------------ */
/* public */

const char *theme_elem_name(enum theme_elem e)
{
	return (int)e >= 0 && e < TE_COUNT ? elem_names[e] : NULL;
}

const char *const *theme_builtin_names(void)
{
	return theme_builtin_name_list;
}

int theme_parse(const char *text, size_t len, const char *filename, struct theme *out, char *err,
                size_t errlen)
{
	struct parser P = {.name = filename,
	                   .text = text ? text : "",
	                   .len = text ? len : 0,
	                   .err = err,
	                   .errlen = errlen};
	yaml_parser_t p;
	bool have_parser = false, have_doc = false;

	set_err(err, errlen, "%s", "");
	if (!yaml_parser_initialize(&p)) {
		fail_line(&P, 0, 0, "out of memory");
		goto out;
	}
	have_parser = true;
	yaml_parser_set_input_string(&p, (const unsigned char *)P.text, P.len);
	if (!yaml_parser_load(&p, &P.doc)) {
		syntax_error(&P, &p);
		goto out;
	}
	have_doc = true;
	if (!load_top(&P, yaml_document_get_root_node(&P.doc)))
		goto out;
	/* one document only: a second one is a mistake (and must parse for us to say so) */
	yaml_document_t next;
	if (!yaml_parser_load(&p, &next)) {
		syntax_error(&P, &p);
		goto out;
	}
	yaml_node_t *root2 = yaml_document_get_root_node(&next);
	if (root2)
		fail_at(&P, root2->start_mark,
		        "a second document: the file must hold one (remove the \"---\")");
	yaml_document_delete(&next);
	if (!P.failed)
		resolve(&P, out);
out:
	if (have_doc)
		yaml_document_delete(&P.doc);
	if (have_parser)
		yaml_parser_delete(&p);
	return P.failed ? -1 : 0;
}

int theme_load_file(const char *path, struct theme *out, char *err, size_t errlen)
{
	struct sbuf b = {0};
	char chunk[8192];
	int rc = -1;
	FILE *f = fopen(path, "rb");
	if (!f) {
		set_err(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > THEME_MAX_BYTES) {
			set_err(err, errlen, "%s: cannot read: larger than 1 MiB", path);
			goto out;
		}
		sbuf_addn(&b, chunk, n);
	}
	if (ferror(f)) {
		set_err(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		goto out;
	}
	if (b.oom) {
		set_err(err, errlen, "%s: out of memory", path);
		goto out;
	}
	rc = theme_parse(b.s ? b.s : "", b.len, path, out, err, errlen);
out:
	sbuf_free(&b);
	fclose(f);
	return rc;
}

/* Theme names are file names: ASCII letters, digits, "-" and "_", shorter than struct
 * theme's name. */
static bool valid_name(const char *s)
{
	if (!*s || strlen(s) >= sizeof((struct theme *)0)->name)
		return false;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

int theme_load_named(const char *name, struct theme *out, char *err, size_t errlen)
{
	char buf[160];
	if (!valid_name(name)) {
		set_err(err, errlen,
		        "theme %s: not a theme name (letters, digits, \"-\" and \"_\", at most "
		        "%zu)",
		        yamldoc_quoted(name, buf, sizeof buf), sizeof out->name - 1);
		return -1;
	}
	char *dir = paths_config_dir();
	char *user = dir ? xasprintf("%s/themes/%s.yaml", dir, name) : NULL;
	free(dir);
	if (!user) {
		set_err(err, errlen, "theme \"%s\": out of memory", name);
		return -1;
	}
	int rc = -1;
	struct stat st;
	if (lstat(user, &st) == 0) { /* a dangling symbolic link counts: loading it says why not */
		rc = theme_load_file(user, out, err, errlen);
		goto out;
	}
	for (const struct theme_builtin *b = theme_builtins; b->name; b++) {
		if (strcmp(b->name, name) == 0) {
			char fname[sizeof BUILTIN_PREFIX + sizeof out->name + 5];
			snprintf(fname, sizeof fname, BUILTIN_PREFIX "%s.yaml", name);
			rc = theme_parse(b->text, b->len, fname, out, err, errlen);
			goto out;
		}
	}
	char list[300];
	size_t at = 0;
	list[0] = '\0';
	for (const char *const *n = theme_builtin_name_list; *n && at < sizeof list; n++) {
		int w = snprintf(list + at, sizeof list - at, "%s%s",
		                 n == theme_builtin_name_list ? "" : ", ", *n);
		if (w < 0)
			break;
		at += (size_t)w;
	}
	set_err(err, errlen, "no theme \"%s\": neither %s nor a built-in theme (%s)", name, user,
	        list);
out:
	free(user);
	return rc;
}
