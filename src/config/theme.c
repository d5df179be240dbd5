/* theme.c — themes/NAME.yaml → struct theme, through the YAML walker (yamldoc.h), as tiers.c.
 * A theme has one error channel, so loading
 * stops at the first error, which is also the first in the text: nodes are checked in document
 * order. The caller's struct is only replaced when the whole file is right. */
#include "config/theme.h"
#include "config/yamldoc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "config/paths.h"
#include "core/strv.h"

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
	struct yamldoc y; /* named after the file */
	bool have_name;
	char theme_name[sizeof((struct theme *)0)->name];
	struct partial el[TE_COUNT];
};

/* ------------------------------------------------------------------------------------------ */
/* values */

/* A colour: default (-1), a name, bright-NAME or 0..255. */
static bool get_colour(struct yamldoc *y, const yaml_node_t *n, const char *what, short *out)
{
	char buf[160];
	const char *s = yamldoc_scalar(y, n, what, "a colour");
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
	if (yamldoc_is_number(digits, false)) {
		long v = s[0] == '-' || strlen(digits) > 3 ? 256 : strtol(digits, NULL, 10);
		if (v <= 255) {
			*out = (short)v;
			return true;
		}
		return yamldoc_wrong(y, n, what, "a number from 0 to 255");
	}
	yamldoc_error(y, n,
	              "%s: unknown colour %s (the colours are default, black, red, green, "
	              "yellow, blue, magenta, cyan, white, bright- and one of those, or a "
	              "number from 0 to 255)",
	              what, yamldoc_shown(n, buf, sizeof buf));
	return false;
}

/* One item of attrs into *ctx (unsigned attribute bits). */
static bool add_attr(struct yamldoc *y, yaml_node_t *item, const char *what, void *ctx)
{
	unsigned *attrs = ctx;
	char buf[160];
	const char *s = yamldoc_scalar(y, item, what, "an attribute");
	if (!s)
		return false;
	for (size_t i = 0; i < NATTRS; i++) {
		if (strcasecmp(s, attr_names[i].name) != 0)
			continue;
		if (*attrs & attr_names[i].bit) {
			yamldoc_error(y, item, "%s: %s is named twice", what,
			              yamldoc_shown(item, buf, sizeof buf));
			return false;
		}
		*attrs |= attr_names[i].bit;
		return true;
	}
	yamldoc_error(y, item,
	              "%s: unknown attribute %s (the attributes are bold, reverse, underline, "
	              "dim and standout)",
	              what, yamldoc_shown(item, buf, sizeof buf));
	return false;
}

/* attrs: [A, B, ...], [] for none, or a single attribute. */
static bool get_attrs(struct yamldoc *y, yaml_node_t *n, const char *what, unsigned *out)
{
	static const char want[] = "a list of attributes ([bold, underline], or [] for none)";
	unsigned a = 0;
	if (n->type == YAML_SCALAR_NODE && !*yamldoc_text(n))
		return yamldoc_wrong(y, n, what, want);
	if (!yamldoc_each_item(y, n, what, want, "an attribute", add_attr, &a))
		return false;
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
		return yamldoc_wrong(
		    &P->y, n, elem,
		    "a mapping ({fg: COLOUR, bg: COLOUR, attrs: [ATTRIBUTE, ...]})");
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *key = yamldoc_key(&P->y, n, pr);
		if (!key)
			return false;
		yaml_node_t *val = yamldoc_node(&P->y, pr->value);
		const char *k = yamldoc_text(key);
		snprintf(what, sizeof what, "%s: %s", elem, k);
		bool ok = false;
		if (strcmp(k, "fg") == 0)
			ok = p->have_fg = get_colour(&P->y, val, what, &p->st.fg);
		else if (strcmp(k, "bg") == 0)
			ok = p->have_bg = get_colour(&P->y, val, what, &p->st.bg);
		else if (strcmp(k, "attrs") == 0)
			ok = p->have_attrs = get_attrs(&P->y, val, what, &p->st.attrs);
		else
			yamldoc_error(&P->y, key,
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
		return yamldoc_wrong(&P->y, n, "elements",
		                     "a mapping (ELEMENT: {fg: COLOUR, bg: COLOUR, attrs: "
		                     "[ATTRIBUTE, ...]} lines)");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *key = yamldoc_key(&P->y, n, p);
		if (!key)
			return false;
		int e = 0;
		while (e < TE_COUNT && strcmp(yamldoc_text(key), elem_names[e]) != 0)
			e++;
		if (e == TE_COUNT) {
			yamldoc_error(&P->y, key, "unknown element %s (the elements are %s)",
			              yamldoc_shown(key, buf, sizeof buf),
			              elem_list(list, sizeof list));
			return false;
		}
		if (!load_style(P, yamldoc_node(&P->y, p->value), (enum theme_elem)e))
			return false;
	}
	return true;
}

static bool load_top(struct parser *P, yaml_node_t *root)
{
	char buf[160];
	bool have_elements = false;
	if (!root) {
		yamldoc_error_at(&P->y, 1, 1, "missing key \"elements\" (the file is empty)");
		return false;
	}
	if (root->type != YAML_MAPPING_NODE)
		return yamldoc_wrong(&P->y, root, "the file", "a mapping (KEY: VALUE lines)");
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *key = yamldoc_key(&P->y, root, p);
		if (!key)
			return false;
		const char *k = yamldoc_text(key);
		yaml_node_t *val = yamldoc_node(&P->y, p->value);
		bool ok = false;
		if (strcmp(k, "name") == 0) {
			ok = P->have_name = yamldoc_string(&P->y, val, "name", P->theme_name,
			                                   sizeof P->theme_name, false);
		} else if (strcmp(k, "elements") == 0) {
			ok = load_elements(P, val);
			have_elements = true;
		} else {
			yamldoc_error(&P->y, key, "unknown key %s (the keys are name and elements)",
			              yamldoc_shown(key, buf, sizeof buf));
		}
		if (!ok)
			return false;
	}
	if (!have_elements) {
		yamldoc_error(&P->y, root, "missing key \"elements\"");
		return false;
	}
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
		name_from_file(P->y.name, t->name, sizeof t->name);
	for (int e = 0; e < TE_COUNT; e++) {
		const struct partial *p = &P->el[e];
		t->s[e].fg = p->have_fg ? p->st.fg : base.fg;
		t->s[e].bg = p->have_bg ? p->st.bg : base.bg;
		t->s[e].attrs = p->have_attrs ? p->st.attrs : base.attrs;
	}
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

/* Checks the document of P->y, when read is set, into *out when it is right; gives the first
 * error to err and frees P->y. Returns 0 or -1. */
static int load(struct parser *P, bool read, struct theme *out, struct error *e)
{
	if (read && load_top(P, yamldoc_root(&P->y)) && !yamldoc_failed(&P->y))
		resolve(P, out);
	int rc = yamldoc_failed(&P->y) ? -1 : 0;
	yamldoc_report_first(&P->y, e);
	yamldoc_free(&P->y);
	return rc;
}

int theme_parse(const char *text, size_t len, const char *filename, struct theme *out,
                struct error *e)
{
	struct parser P = {.have_name = false};
	yamldoc_init(&P.y, filename);
	return load(&P, yamldoc_parse(&P.y, text, len, YAMLDOC_ONE_DOCUMENT) == 0, out, e);
}

int theme_load_file(const char *path, struct theme *out, struct error *e)
{
	struct parser P = {.have_name = false};
	yamldoc_init(&P.y, path);
	return load(&P, yamldoc_parse_file(&P.y, path, YAMLDOC_ONE_DOCUMENT) == 0, out, e);
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

int theme_load_named(const char *name, struct theme *out, struct error *e)
{
	char buf[160], subject[sizeof buf + 16], msg[80];
	if (!valid_name(name)) {
		snprintf(subject, sizeof subject, "theme %s",
		         yamldoc_quoted(name, buf, sizeof buf));
		snprintf(msg, sizeof msg,
		         "not a theme name (letters, digits, \"-\" and \"_\", at most %zu)",
		         sizeof out->name - 1);
		return yamldoc_report_about(subject, msg, e);
	}
	char *dir = paths_config_dir();
	char *user = xasprintf("%s/themes/%s.yaml", dir, name);
	free(dir);
	int rc = -1;
	struct stat st;
	if (lstat(user, &st) == 0) { /* a dangling symbolic link counts: loading it says why not */
		rc = theme_load_file(user, out, e);
		goto out;
	}
	for (const struct theme_builtin *b = theme_builtins; b->name; b++) {
		if (strcmp(b->name, name) == 0) {
			char fname[sizeof BUILTIN_PREFIX + sizeof out->name + 5];
			snprintf(fname, sizeof fname, BUILTIN_PREFIX "%s.yaml", name);
			rc = theme_parse(b->text, b->len, fname, out, e);
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
	snprintf(subject, sizeof subject, "no theme \"%s\"", name);
	char *m = xasprintf("neither %s nor a built-in theme (%s)", user, list);
	rc = yamldoc_report_about(subject, m, e);
	free(m);
out:
	free(user);
	return rc;
}
