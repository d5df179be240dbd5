/* import_columns.c — the headers of a guest book's columns (import_columns.h), read with the
 * YAML walker (yamldoc.h). */
#include "config/import_columns.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/paths.h"
#include "config/yamldoc.h"
#include "core/guest.h"
#include "core/strv.h"
#include "core/text.h"

static const char *const visit_fields[] = {
	"id", "date", "time", "meal", "guest_id", "phone", "guest_name", "covers", "spend", "table",
	"void", NULL,
};

/* The list fields and the others that are not a column of the guest table. */
#define GUEST_EXTRA                                                                             \
	"full_name", "id", "mobile", "landline", "office_phone", "other_phone", "tastes", "dishes", \
	    "habits", "dislikes", "taboos", "allergies", "birthday", "anniversary", "other_dates",  \
	    "people", "tags", "notes"

static const char *const guest_extra[] = {GUEST_EXTRA};
#define NEXTRA (sizeof guest_extra / sizeof guest_extra[0])
static const char *guest_all[GF_COUNT + NEXTRA + 1];

const char *const *import_columns_fields(enum import_kind kind)
{
	if (kind == IK_VISITS)
		return visit_fields;
	if (!guest_all[0]) {
		size_t n = 0;
		for (int i = 0; i < GF_COUNT; i++)
			guest_all[n++] = guest_fields[i].key;
		for (size_t i = 0; i < NEXTRA; i++)
			guest_all[n++] = guest_extra[i];
		guest_all[n] = NULL;
	}
	return guest_all;
}

static const char *known_field(enum import_kind kind, const char *name)
{
	for (const char *const *f = import_columns_fields(kind); *f; f++)
		if (strcmp(*f, name) == 0)
			return *f;
	return NULL;
}

char *import_columns_fold(const char *header)
{
	char *f = text_fold(header ? header : "");
	/* a trailing bracketed remark: 手机（必填）, phone (required) — folded to ASCII brackets */
	size_t n = strlen(f);
	while (n && (f[n - 1] == ' ' || f[n - 1] == '\t'))
		n--;
	if (n && f[n - 1] == ')') {
		char *open = NULL;
		for (char *p = f; p < f + n; p++)
			if (*p == '(')
				open = p;
		if (open && open > f)
			n = (size_t)(open - f);
	}
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++)
		if (f[i] != ' ' && f[i] != '\t' && f[i] != '\r' && f[i] != '\n')
			sbuf_addc(&b, f[i]);
	free(f);
	char *s = sbuf_detach(&b);
	for (size_t m = strlen(s); m && (s[m - 1] == '*' || s[m - 1] == ':'); m--)
		s[m - 1] = '\0';
	return s;
}

static const char *find(const struct import_columns *c, const char *folded, size_t from,
			size_t *at)
{
	for (size_t i = from; i < c->n; i++)
		if (strcmp(c->v[i].header, folded) == 0) {
			if (at)
				*at = i;
			return c->v[i].field;
		}
	return NULL;
}

const char *import_columns_field(const struct import_columns *c, const char *header)
{
	char *f = import_columns_fold(header);
	const char *field = *f ? find(c, f, 0, NULL) : NULL;
	free(f);
	return field;
}

/* What one file adds: its section of kind (every section when checking). */
struct load {
	struct yamldoc *y;
	struct import_columns *c;
	size_t first; /* where this file's names start in c */
	const char *field; /* whose headers are being read */
};

static bool add_header(struct yamldoc *y, yaml_node_t *item, const char *what, void *ctx)
{
	struct load *L = ctx;
	const char *h = yamldoc_scalar(y, item, what, "a header");
	if (!h)
		return false;
	char *f = import_columns_fold(h);
	size_t at;
	const char *other = *f ? find(L->c, f, L->first, &at) : NULL;
	if (!*f) {
		yamldoc_error(y, item, "%s: a header must not be empty", what);
	} else if (other) {
		char q[64];
		yamldoc_error(y, item, "%s: header %s is already a name of %s", what,
			      yamldoc_quoted(h, q, sizeof q), other);
	} else {
		vec_reserve((void **)&L->c->v, L->c->n + 1, &L->c->cap, sizeof *L->c->v);
		L->c->v[L->c->n++] = (struct import_column_name){f, xstrdup(h), L->field};
		return true;
	}
	free(f);
	return false;
}

static void load_section(struct load *L, yaml_node_t *n, enum import_kind kind, const char *what)
{
	if (n->type != YAML_MAPPING_NODE) {
		yamldoc_wrong(L->y, n, what, "a mapping (field: [headers])");
		return;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_key(L->y, n, p), *v = yamldoc_node(L->y, p->value);
		if (!k)
			continue;
		const char *name = yamldoc_text(k), *field = known_field(kind, name);
		if (!field) {
			struct sbuf b = {0};
			for (const char *const *f = import_columns_fields(kind); *f; f++)
				sbuf_printf(&b, "%s%s", b.s ? ", " : "", *f);
			char q[64];
			yamldoc_error(L->y, k, "%s: unknown field %s (the fields: %s)", what,
				      yamldoc_quoted(name, q, sizeof q), b.s);
			sbuf_free(&b);
			continue;
		}
		L->field = field;
		char label[96];
		snprintf(label, sizeof label, "%s: %s", what, field);
		yamldoc_each_item(L->y, v, label, "a list of headers ([手机, mobile])", "a header",
				  add_header, L);
	}
}

/* Reads the text of one file into c: the section of kind, or every section (into a scratch
 * list each) when all. */
static int load_one(struct import_columns *c, enum import_kind kind, bool all, const char *name,
		    const char *text, size_t len, const char *path, struct strv *errors)
{
	struct yamldoc y;
	yamldoc_init(&y, name);
	int ok = path ? yamldoc_parse_file(&y, path, YAMLDOC_ONE_DOCUMENT)
		      : yamldoc_parse(&y, text, len, YAMLDOC_ONE_DOCUMENT);
	yaml_node_t *root = ok == 0 ? yamldoc_root(&y) : NULL;
	struct yamldoc_field f[] = {{"guests", NULL, NULL}, {"visits", NULL, NULL}};
	if (root && root->type != YAML_MAPPING_NODE) {
		yamldoc_wrong(&y, root, "the file", "a mapping (guests:, visits:)");
	} else if (root && yamldoc_fields(&y, root, "the file", f, 2)) {
		for (int k = IK_GUESTS; k <= IK_VISITS; k++) {
			if (!f[k].val || (!all && (enum import_kind)k != kind))
				continue;
			/* checking every section: each into a list of its own */
			struct import_columns scratch = {.kind = (enum import_kind)k};
			struct load L = {&y, all ? &scratch : c, all ? 0 : c->n, NULL};
			load_section(&L, f[k].val, (enum import_kind)k, f[k].key);
			import_columns_free(&scratch);
		}
	}
	bool failed = yamldoc_failed(&y);
	yamldoc_report(&y, errors, NULL);
	yamldoc_free(&y);
	return failed ? -1 : 0;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int import_columns_load(struct import_columns *c, enum import_kind kind, const char *map,
			struct strv *errors)
{
	*c = (struct import_columns){.kind = kind};
	int rc = 0;
	if (map)
		rc |= load_one(c, kind, false, map, NULL, 0, map, errors);
	char *dir = paths_config_dir();
	char *user = xasprintf("%s/import-columns.yaml", dir);
	char *inst = xasprintf("%s/import-columns.yaml", import_columns_pkgdatadir);
	if (exists(user))
		rc |= load_one(c, kind, false, user, NULL, 0, user, errors);
	if (rc == 0 && exists(inst))
		rc |= load_one(c, kind, false, inst, NULL, 0, inst, errors);
	else if (rc == 0)
		rc |= load_one(c, kind, false, IMPORT_COLUMNS_BUILTIN_NAME, import_columns_builtin_text,
			       import_columns_builtin_len, NULL, errors);
	free(dir);
	free(user);
	free(inst);
	if (rc)
		import_columns_free(c);
	return rc ? -1 : 0;
}

int import_columns_check(const char *path, struct strv *errors)
{
	struct import_columns c = {0};
	int rc = load_one(&c, IK_GUESTS, true, path, NULL, 0, path, errors);
	import_columns_free(&c);
	return rc;
}

void import_columns_free(struct import_columns *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].header);
		free(c->v[i].text);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

char *import_columns_names_of(enum import_kind kind, const char *field)
{
	struct import_columns c = {0};
	struct strv err = {0};
	load_one(&c, kind, false, IMPORT_COLUMNS_BUILTIN_NAME, import_columns_builtin_text,
		 import_columns_builtin_len, NULL, &err);
	strv_free(&err);
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (size_t i = 0; i < c.n; i++)
		if (strcmp(c.v[i].field, field) == 0)
			sbuf_printf(&b, "%s%s", b.len ? ", " : "", c.v[i].text);
	import_columns_free(&c);
	return sbuf_detach(&b);
}
