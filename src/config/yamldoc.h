/* yamldoc.h — the one YAML walker of src/config (tiers, themes, settings): a document read
 * through libyaml's document API (each node keeps its line and column), the lookups of keys,
 * scalars, numbers, strings and lists with their checks, and every diagnostic the loaders give.
 *
 * A diagnostic reads "NAME:LINE:COLUMN: message" (1-based; the column counts characters),
 * "NAME:LINE:COLUMN: warning: message", or "NAME: message" when it concerns the whole file;
 * NAME is the file's name. Loaders report through yamldoc_error and its kin only, and the
 * caller gets the text from yamldoc_report (all of them, by place) or yamldoc_report_first:
 * these two are the one place where config's diagnostics become the caller's. */
#ifndef MAITRE_YAMLDOC_H
#define MAITRE_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "core/error.h"

struct sbuf;
struct strv;
struct yamldoc_diag;

/* The largest file the loaders read. */
#define YAMLDOC_MAX_BYTES (1024 * 1024)
/* The deepest nesting of lists and mappings the loaders read (the formats need a few). */
#define YAMLDOC_MAX_DEPTH 32

struct yamldoc {
	const char *name; /* the file, prefixing every diagnostic */
	const char *text;
	size_t len;
	yaml_document_t doc;
	bool have_doc;
	struct yamldoc_diag *d; /* the diagnostics so far, in the order they were reported */
	size_t nd, capd;
	size_t nerrors; /* errors among them (not warnings) */
	char *own; /* the text yamldoc_parse_file read, freed with y */
};

/* How yamldoc_parse reads. */
enum {
	/* A second document ("---") is an error. */
	YAMLDOC_ONE_DOCUMENT = 1,
	/* A syntax error is libyaml's problem as it is, at its mark, without "syntax error: " nor
	 * the context (config.yaml's messages). */
	YAMLDOC_PLAIN_SYNTAX = 2,
};

/* An empty walker whose diagnostics are prefixed by name (not copied: it must outlive y). */
void yamldoc_init(struct yamldoc *y, const char *name);
/* Frees the document and the diagnostics; y can be initialised again. */
void yamldoc_free(struct yamldoc *y);

/* Parses len bytes of text (kept, not copied) as YAML; flags are YAMLDOC_* bits. Returns 0 when
 * the (first) document was read, -1 after reporting the syntax error that prevented it or
 * "nested deeper than YAMLDOC_MAX_DEPTH levels" at the first list or mapping too deep. */
int yamldoc_parse(struct yamldoc *y, const char *text, size_t len, unsigned flags);
/* Whether the document ends with the explicit end marker "..." on a line of its own (comments
 * may follow it); reports "the file must end with a line "..." ..." at the end of the text when
 * it does not. A format that requires it refuses a file cut at any byte before its end. */
bool yamldoc_require_end(struct yamldoc *y);
/* The root node; NULL for a file with nothing in it. */
yaml_node_t *yamldoc_root(struct yamldoc *y);
/* Node id of the document; NULL when there is none. */
yaml_node_t *yamldoc_node(struct yamldoc *y, int id);

/* Reads the file at path (at most YAMLDOC_MAX_BYTES) and parses it as yamldoc_parse. Returns 0,
 * or -1 after the error "NAME: cannot read: REASON" or a syntax error (y's name is meant to be
 * path). */
int yamldoc_parse_file(struct yamldoc *y, const char *path, unsigned flags);
/* Appends the file at path (at most YAMLDOC_MAX_BYTES) to b without parsing it: 0, or -1 after
 * the error "NAME: cannot read: REASON" (a loader that keeps the text itself, roles.c). */
int yamldoc_read_file(struct yamldoc *y, const char *path, struct sbuf *b);

/* ------------------------------------------------------------------------------------------ */
/* diagnostics */

/* An error at node n's start. */
void yamldoc_error(struct yamldoc *y, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A warning at node n's start. */
void yamldoc_warning(struct yamldoc *y, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An error at 1-based line and column; line 0: about the whole file ("NAME: message"). */
void yamldoc_error_at(struct yamldoc *y, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* "WHAT: must be WANT, got SHOWN" at n (SHOWN as yamldoc_shown). Returns false, for
 * "return yamldoc_wrong(...)". */
bool yamldoc_wrong(struct yamldoc *y, const yaml_node_t *n, const char *what, const char *want);
/* Whether an error was reported. */
bool yamldoc_failed(const struct yamldoc *y);

/* Appends the diagnostics, sorted by place (then by the order they were reported), to errors
 * and warnings (either may be NULL; both may be the same vector). */
void yamldoc_report(struct yamldoc *y, struct strv *errors, struct strv *warnings);
/* The error that comes first by place into e (cleared when there is none); e may be NULL. */
void yamldoc_report_first(struct yamldoc *y, struct error *e);

/* Gives e (as yamldoc_report_first) "NAME: msg", about no place in a file. Returns -1. */
int yamldoc_report_about(const char *name, const char *msg, struct error *e);

/* ------------------------------------------------------------------------------------------ */
/* nodes and values: each lookup checks its node and reports what is wrong with it, naming it
 * WHAT ("visits", "normal: fg"); it returns false (NULL) after an error. */

/* The text of scalar node n (not checked). */
const char *yamldoc_text(const yaml_node_t *n);
/* s in quotes, controls made visible, cut at 40 columns, into buf. Returns buf. */
const char *yamldoc_quoted(const char *s, char *buf, size_t size);
/* How a value is shown in a message: "a list", "a mapping", "nothing", or its text quoted
 * (yamldoc_quoted). Returns buf or a static string. */
const char *yamldoc_shown(const yaml_node_t *n, char *buf, size_t size);

/* The text of n, which must be a scalar ("WHAT: must be WANT, got ...") without a NUL. */
const char *yamldoc_scalar(struct yamldoc *y, const yaml_node_t *n, const char *what,
                           const char *want);
/* A whole number in [min, max]. */
bool yamldoc_int(struct yamldoc *y, const yaml_node_t *n, const char *what, int min, int max,
                 int *out);
/* A number ≥ 0 and ≤ max, decimals allowed ("6", "1.5"). */
bool yamldoc_decimal(struct yamldoc *y, const yaml_node_t *n, const char *what, double max,
                     double *out);
/* true, yes, on, false, no or off, in any case. */
bool yamldoc_bool(struct yamldoc *y, const yaml_node_t *n, const char *what, bool *out);
/* A string of at most size - 1 bytes, without control characters, into buf; empty only when
 * allow_empty. */
bool yamldoc_string(struct yamldoc *y, const yaml_node_t *n, const char *what, char *buf,
                    size_t size, bool allow_empty);
/* True when s is a run of ASCII digits, with one decimal point inside when
 * decimals is set. */
bool yamldoc_is_number(const char *s, bool decimals);

/* Calls fn on each item of list n, or on n itself when it is a single scalar. An item that is
 * not a scalar is "WHAT: must be WANT_ITEM, got ..."; n neither a list nor a scalar is
 * "WHAT: must be WANT_LIST, got ...". Every item is seen; returns false when any of them (or n)
 * was wrong or fn returned false. */
bool yamldoc_each_item(struct yamldoc *y, yaml_node_t *n, const char *what, const char *want_list,
                       const char *want_item,
                       bool (*fn)(struct yamldoc *y, yaml_node_t *item, const char *what,
                                  void *ctx),
                       void *ctx);

/* The key node of pair p of mapping n: a scalar that no earlier pair of n has. NULL after the
 * error "a key must be a word, not a list or a mapping" or "duplicate key "K" (first at line
 * N)". */
yaml_node_t *yamldoc_key(struct yamldoc *y, yaml_node_t *n, yaml_node_pair_t *p);
/* The key node of an earlier pair of mapping n with the same (scalar) key as pair k; NULL when
 * k's key is the first of its name. Reports nothing. */
yaml_node_t *yamldoc_earlier_key(struct yamldoc *y, const yaml_node_t *n,
                                 const yaml_node_pair_t *k);

/* A key that yamldoc_fields looks for: it sets key_node and val (both NULL when absent). */
struct yamldoc_field {
	const char *key;
	yaml_node_t *key_node, *val;
};

/* Finds the nf keys of f in mapping n ("WHAT: must be a mapping (KEY: VALUE lines), got ..."
 * when it is not one). An unknown key is a warning; a key given twice is an error and its first
 * value is kept. Returns false when n is not a mapping. */
bool yamldoc_fields(struct yamldoc *y, yaml_node_t *n, const char *what, struct yamldoc_field *f,
                    size_t nf);

#endif
