/* yamldoc.c — the YAML walker of src/config (see yamldoc.h). */
#include "config/yamldoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strv.h"
#include "core/text.h"
#include "core/xalloc.h"

/* One diagnostic, kept until all are sorted by their place in the text. */
struct yamldoc_diag {
	int line, col; /* 1-based; 0: the whole file */
	bool warning;
	size_t seq;
	char *msg;
};

void yamldoc_init(struct yamldoc *y, const char *name)
{
	memset(y, 0, sizeof *y);
	y->name = name;
	y->text = "";
}

void yamldoc_free(struct yamldoc *y)
{
	for (size_t i = 0; i < y->nd; i++)
		free(y->d[i].msg);
	free(y->d);
	free(y->own);
	if (y->have_doc)
		yaml_document_delete(&y->doc);
	yamldoc_init(y, y->name);
}

/* ------------------------------------------------------------------------------------------ */
/* diagnostics */

static void vdiag(struct yamldoc *y, int line, int col, bool warning, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static void vdiag(struct yamldoc *y, int line, int col, bool warning, const char *fmt, va_list ap)
{
	if (!warning)
		y->nerrors++;
	vec_reserve((void **)&y->d, y->nd + 1, &y->capd, sizeof *y->d);
	char buf[512];
	vsnprintf(buf, sizeof buf, fmt, ap);
	y->d[y->nd] = (struct yamldoc_diag){line, col, warning, y->nd, xstrdup(buf)};
	y->nd++;
}

void yamldoc_error(struct yamldoc *y, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(y, (int)n->start_mark.line + 1, (int)n->start_mark.column + 1, false, fmt, ap);
	va_end(ap);
}

void yamldoc_warning(struct yamldoc *y, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(y, (int)n->start_mark.line + 1, (int)n->start_mark.column + 1, true, fmt, ap);
	va_end(ap);
}

void yamldoc_error_at(struct yamldoc *y, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(y, line, col, false, fmt, ap);
	va_end(ap);
}

bool yamldoc_wrong(struct yamldoc *y, const yaml_node_t *n, const char *what, const char *want)
{
	char buf[160];
	yamldoc_error(y, n, "%s: must be %s, got %s", what, want,
	              yamldoc_shown(n, buf, sizeof buf));
	return false;
}

bool yamldoc_failed(const struct yamldoc *y)
{
	return y->nerrors;
}

static int diag_cmp(const void *a, const void *b)
{
	const struct yamldoc_diag *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* d as the caller reads it. Caller frees. */
static char *diag_text(const struct yamldoc *y, const struct yamldoc_diag *d)
{
	return d->line ? xasprintf("%s:%d:%d: %s%s", y->name, d->line, d->col,
	                           d->warning ? "warning: " : "", d->msg)
	               : xasprintf("%s: %s", y->name, d->msg);
}

void yamldoc_report(struct yamldoc *y, struct strv *errors, struct strv *warnings)
{
	if (y->nd)
		qsort(y->d, y->nd, sizeof *y->d, diag_cmp);
	for (size_t i = 0; i < y->nd; i++) {
		struct yamldoc_diag *d = &y->d[i];
		struct strv *to = d->warning ? warnings : errors;
		if (to)
			strv_take(to, diag_text(y, d));
	}
}

void yamldoc_report_first(struct yamldoc *y, struct error *e)
{
	if (!e)
		return;
	const struct yamldoc_diag *first = NULL;
	for (size_t i = 0; i < y->nd; i++)
		if (!y->d[i].warning && (!first || diag_cmp(&y->d[i], first) < 0))
			first = &y->d[i];
	if (!first) {
		error_clear(e);
		return;
	}
	char *s = diag_text(y, first);
	error_set(e, 0, "%s", s);
	free(s);
}

int yamldoc_report_about(const char *name, const char *msg, struct error *e)
{
	struct yamldoc y;
	yamldoc_init(&y, name);
	yamldoc_error_at(&y, 0, 0, "%s", msg);
	yamldoc_report_first(&y, e);
	yamldoc_free(&y);
	return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* the document */

/* The byte offset of 0-based line and column (in characters) in the text, or len. */
static size_t offset_of(const struct yamldoc *y, size_t line, size_t col)
{
	size_t i = 0;
	for (; i < y->len && line; i++)
		if (y->text[i] == '\n')
			line--;
	for (; i < y->len && col && y->text[i] != '\n'; col--) {
		uint32_t cp;
		i += text_decode(y->text + i, y->len - i, &cp);
	}
	return i;
}

static void syntax_error(struct yamldoc *y, const yaml_parser_t *p, unsigned flags)
{
	if (p->error == YAML_MEMORY_ERROR)
		xalloc_die(0); /* libyaml's own allocation: the program stops as for ours */
	int line, col;
	if (flags & YAMLDOC_PLAIN_SYNTAX) {
		yamldoc_error_at(y, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
		                 "%s", p->problem ? p->problem : "not YAML");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		/* the reader knows a byte offset: count lines and characters up to it */
		size_t end = p->problem_offset < y->len ? p->problem_offset : y->len;
		line = 1, col = 1;
		for (size_t i = 0; i < end;) {
			uint32_t cp;
			if (y->text[i] == '\n') {
				line++, col = 1, i++;
				continue;
			}
			i += text_decode(y->text + i, end - i, &cp);
			col++;
		}
		yamldoc_error_at(y, line, col, "not valid text: %s", p->problem ? p->problem : "?");
		return;
	}
	line = (int)p->problem_mark.line + 1;
	col = (int)p->problem_mark.column + 1;
	size_t at = offset_of(y, p->problem_mark.line, p->problem_mark.column);
	if (at < y->len && y->text[at] == '\t') {
		yamldoc_error_at(y, line, col,
		                 "syntax error: a tab character (indent with spaces only)");
		return;
	}
	if (p->context)
		yamldoc_error_at(y, line, col, "syntax error: %s (%s at line %d, column %d)",
		                 p->problem ? p->problem : "?", p->context,
		                 (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
	else
		yamldoc_error_at(y, line, col, "syntax error: %s", p->problem ? p->problem : "?");
}

/* Whether the documents yamldoc_parse loads (the first, and the second with
 * YAMLDOC_ONE_DOCUMENT) nest no deeper than YAMLDOC_MAX_DEPTH, read as events so that a deeper
 * text is refused before libyaml builds it (100,000 levels take it tens of seconds). Reports
 * the first collection too deep; a syntax error is left to the loader, which reports it. */
static bool depth_ok(struct yamldoc *y, unsigned flags)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		xalloc_die(0);
	yaml_parser_set_input_string(&p, (const unsigned char *)y->text, y->len);
	int depth = 0, docs = flags & YAMLDOC_ONE_DOCUMENT ? 2 : 1;
	bool ok = true, done = false;
	while (ok && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev))
			break;
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > YAMLDOC_MAX_DEPTH) {
				yamldoc_error_at(y, (int)ev.start_mark.line + 1,
				                 (int)ev.start_mark.column + 1,
				                 "nested deeper than %d levels", YAMLDOC_MAX_DEPTH);
				ok = false;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_DOCUMENT_END_EVENT:
			done = --docs == 0;
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return ok;
}

int yamldoc_parse(struct yamldoc *y, const char *text, size_t len, unsigned flags)
{
	yaml_parser_t p;
	y->text = text ? text : "";
	y->len = text ? len : 0;
	if (!depth_ok(y, flags))
		return -1;
	if (!yaml_parser_initialize(&p))
		xalloc_die(0); /* libyaml could not allocate its buffers */
	yaml_parser_set_input_string(&p, (const unsigned char *)y->text, y->len);
	if (!yaml_parser_load(&p, &y->doc)) {
		syntax_error(y, &p, flags);
		goto out;
	}
	y->have_doc = true;
	if (!(flags & YAMLDOC_ONE_DOCUMENT))
		goto out;
	/* one document only: a second one is a mistake (and must parse for us to say so) */
	yaml_document_t next;
	if (!yaml_parser_load(&p, &next)) {
		syntax_error(y, &p, flags);
	} else {
		yaml_node_t *root2 = yaml_document_get_root_node(&next);
		if (root2)
			yamldoc_error(
			    y, root2,
			    "a second document: the file must hold one (remove the \"---\")");
		yaml_document_delete(&next);
	}
out:
	yaml_parser_delete(&p);
	return y->have_doc ? 0 : -1;
}

bool yamldoc_require_end(struct yamldoc *y)
{
	if (!y->have_doc || !y->doc.end_implicit)
		return true;
	/* at the end of the text: after its last character (columns count characters) */
	int line = 1, col = 1;
	for (size_t i = 0; i < y->len; i++) {
		unsigned char c = (unsigned char)y->text[i];
		if (c == '\n') {
			line++;
			col = 1;
		} else if ((c & 0xc0) != 0x80) {
			col++;
		}
	}
	yamldoc_error_at(y, line, col,
	                 "the file must end with a line \"...\" (the end marker: without it, a "
	                 "file cut short could be taken for a whole one)");
	return false;
}

yaml_node_t *yamldoc_root(struct yamldoc *y)
{
	return y->have_doc ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *yamldoc_node(struct yamldoc *y, int id)
{
	return y->have_doc ? yaml_document_get_node(&y->doc, id) : NULL;
}

/* Reads the file at path into b. Returns 0, or -1 after an error. */
int yamldoc_read_file(struct yamldoc *y, const char *path, struct sbuf *b)
{
	char chunk[8192];
	int rc = -1;
	FILE *f = fopen(path, "rb");
	if (!f) {
		yamldoc_error_at(y, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b->len + n > YAMLDOC_MAX_BYTES) {
			yamldoc_error_at(y, 0, 0, "cannot read: larger than 1 MiB");
			goto out;
		}
		sbuf_addn(b, chunk, n);
	}
	if (ferror(f)) {
		yamldoc_error_at(y, 0, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	fclose(f);
	return rc;
}

int yamldoc_parse_file(struct yamldoc *y, const char *path, unsigned flags)
{
	struct sbuf b = {0};
	if (yamldoc_read_file(y, path, &b) < 0) {
		sbuf_free(&b);
		return -1;
	}
	y->own = b.s;
	return yamldoc_parse(y, y->own, b.len, flags);
}

/* ------------------------------------------------------------------------------------------ */
/* nodes and values */

const char *yamldoc_text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

const char *yamldoc_quoted(const char *s, char *buf, size_t size)
{
	char *d = text_display(s);
	char *t = text_truncate(d, 40, true);
	snprintf(buf, size, "\"%s\"", t);
	free(d);
	free(t);
	return buf;
}

const char *yamldoc_shown(const yaml_node_t *n, char *buf, size_t size)
{
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (!*yamldoc_text(n))
		return "nothing";
	return yamldoc_quoted(yamldoc_text(n), buf, size);
}

const char *yamldoc_scalar(struct yamldoc *y, const yaml_node_t *n, const char *what,
                           const char *want)
{
	if (n->type != YAML_SCALAR_NODE) {
		yamldoc_wrong(y, n, what, want);
		return NULL;
	}
	if (strlen(yamldoc_text(n)) != n->data.scalar.length) {
		yamldoc_error(y, n, "%s: must not contain a NUL character", what);
		return NULL;
	}
	return yamldoc_text(n);
}

bool yamldoc_is_number(const char *s, bool decimals)
{
	bool digit = false, dot = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (*s == '.' && decimals && !dot && digit && s[1])
			dot = true;
		else
			return false;
	}
	return digit;
}

/* The text of n when it is a number ≥ 0 (yamldoc_is_number), else NULL after "WHAT: must not be
 * negative" or "WHAT: must be WANT". */
static const char *digits_of(struct yamldoc *y, const yaml_node_t *n, const char *what,
                             const char *want, bool decimals)
{
	char buf[160];
	const char *s = yamldoc_scalar(y, n, what, want);
	if (!s)
		return NULL;
	if (s[0] == '-' && yamldoc_is_number(s + 1, decimals)) {
		yamldoc_error(y, n, "%s: must not be negative, got %s", what,
		              yamldoc_shown(n, buf, sizeof buf));
		return NULL;
	}
	if (!yamldoc_is_number(s, decimals)) {
		yamldoc_wrong(y, n, what, want);
		return NULL;
	}
	return s;
}

bool yamldoc_decimal(struct yamldoc *y, const yaml_node_t *n, const char *what, double max,
                     double *out)
{
	char buf[160];
	const char *s = digits_of(y, n, what, "a number", true);
	if (!s)
		return false;
	double v = strtod(s, NULL);
	if (v > max) {
		yamldoc_error(y, n, "%s: must be at most %g, got %s", what, max,
		              yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	*out = v;
	return true;
}

bool yamldoc_int(struct yamldoc *y, const yaml_node_t *n, const char *what, int min, int max,
                 int *out)
{
	char buf[160];
	const char *s = digits_of(y, n, what, "a whole number", false);
	if (!s)
		return false;
	long v = strlen(s) > 9 ? (long)max + 1 : strtol(s, NULL, 10);
	if (v < min || v > max) {
		yamldoc_error(y, n, "%s: must be %s %d, got %s", what,
		              v < min ? "at least" : "at most", v < min ? min : max,
		              yamldoc_shown(n, buf, sizeof buf));
		return false;
	}
	*out = (int)v;
	return true;
}

bool yamldoc_bool(struct yamldoc *y, const yaml_node_t *n, const char *what, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no",
	                                                                       "off"};
	const char *s = yamldoc_scalar(y, n, what, "true or false");
	if (!s)
		return false;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
			*out = strcasecmp(s, yes[i]) == 0;
			return true;
		}
	}
	return yamldoc_wrong(y, n, what, "true or false");
}

bool yamldoc_string(struct yamldoc *y, const yaml_node_t *n, const char *what, char *buf,
                    size_t size, bool allow_empty)
{
	char b[160];
	const char *s = yamldoc_scalar(y, n, what, "a word or a phrase");
	if (!s)
		return false;
	if (!*s && !allow_empty) {
		yamldoc_error(y, n, "%s: must not be empty", what);
		return false;
	}
	if (strlen(s) >= size) {
		yamldoc_error(y, n, "%s: too long (at most %zu bytes), got %s", what, size - 1,
		              yamldoc_shown(n, b, sizeof b));
		return false;
	}
	if (text_has_controls(s)) {
		yamldoc_error(y, n, "%s: must not contain control characters, got %s", what,
		              yamldoc_shown(n, b, sizeof b));
		return false;
	}
	memcpy(buf, s, strlen(s) + 1);
	return true;
}

bool yamldoc_each_item(struct yamldoc *y, yaml_node_t *n, const char *what, const char *want_list,
                       const char *want_item,
                       bool (*fn)(struct yamldoc *y, yaml_node_t *item, const char *what,
                                  void *ctx),
                       void *ctx)
{
	if (n->type == YAML_SCALAR_NODE)
		return fn(y, n, what, ctx);
	if (n->type != YAML_SEQUENCE_NODE)
		return yamldoc_wrong(y, n, what, want_list);
	bool ok = true;
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *item = yamldoc_node(y, *it);
		if (!item || !yamldoc_scalar(y, item, what, want_item))
			ok = false;
		else if (!fn(y, item, what, ctx))
			ok = false;
	}
	return ok;
}

yaml_node_t *yamldoc_earlier_key(struct yamldoc *y, const yaml_node_t *n, const yaml_node_pair_t *k)
{
	yaml_node_t *key = yamldoc_node(y, k->key);
	if (!key || key->type != YAML_SCALAR_NODE)
		return NULL;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < k; p++) {
		yaml_node_t *prev = yamldoc_node(y, p->key);
		if (prev && prev->type == YAML_SCALAR_NODE &&
		    strcmp(yamldoc_text(prev), yamldoc_text(key)) == 0)
			return prev;
	}
	return NULL;
}

yaml_node_t *yamldoc_key(struct yamldoc *y, yaml_node_t *n, yaml_node_pair_t *p)
{
	yaml_node_t *key = yamldoc_node(y, p->key);
	if (!key || !yamldoc_node(y, p->value)) {
		yamldoc_error_at(y, 0, 0, "damaged YAML document");
		return NULL;
	}
	if (key->type != YAML_SCALAR_NODE) {
		yamldoc_error(y, key, "a key must be a word, not a list or a mapping");
		return NULL;
	}
	yaml_node_t *prev = yamldoc_earlier_key(y, n, p);
	if (prev) {
		char buf[160];
		yamldoc_error(y, key, "duplicate key %s (first at line %d)",
		              yamldoc_shown(key, buf, sizeof buf), (int)prev->start_mark.line + 1);
		return NULL;
	}
	return key;
}

bool yamldoc_fields(struct yamldoc *y, yaml_node_t *n, const char *what, struct yamldoc_field *f,
                    size_t nf)
{
	char buf[160];
	if (n->type != YAML_MAPPING_NODE)
		return yamldoc_wrong(y, n, what, "a mapping (KEY: VALUE lines)");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *key = yamldoc_key(y, n, p);
		if (!key)
			continue;
		size_t i = 0;
		while (i < nf && strcmp(f[i].key, yamldoc_text(key)) != 0)
			i++;
		if (i == nf) {
			yamldoc_warning(y, key, "unknown key %s",
			                yamldoc_shown(key, buf, sizeof buf));
			continue;
		}
		f[i].key_node = key;
		f[i].val = yamldoc_node(y, p->value);
	}
	return true;
}
