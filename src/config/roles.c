/* roles.c — data/roles.yaml into struct roles (roles.h), read with the YAML walker
 * (yamldoc.h). */
#include "config/roles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/paths.h"
#include "config/yamldoc.h"
#include "core/strv.h"
#include "core/xalloc.h"

struct load {
	struct yamldoc *y;
	struct roles *r;
	struct role *role; /* the role being read */
};

/* A role's name as staff.role holds it: lower-case ASCII letters, digits and '-'. */
static bool good_name(const char *s)
{
	if (!*s || strlen(s) > 32)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

static bool add_perm(struct yamldoc *y, yaml_node_t *item, const char *what, void *ctx)
{
	struct load *L = ctx;
	const char *name = yamldoc_scalar(y, item, what, "a permission");
	if (!name)
		return false;
	int p = perm_by_name(name);
	if (p < 0) {
		struct sbuf b = {0};
		for (int i = 0; i < PERM_COUNT; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "", perm_name((enum perm)i));
		char q[64];
		yamldoc_error(y, item, "%s: unknown permission %s (the permissions: %s)", what,
			      yamldoc_quoted(name, q, sizeof q), b.s);
		sbuf_free(&b);
		return false;
	}
	L->role->may |= PERM_BIT(p);
	return true;
}

static bool add_include(struct yamldoc *y, yaml_node_t *item, const char *what, void *ctx)
{
	struct load *L = ctx;
	const char *name = yamldoc_scalar(y, item, what, "the name of a role");
	if (!name)
		return false;
	/* only a role listed before: the order is from the least allowed to the most */
	for (struct role *o = L->r->v; o < L->role; o++)
		if (strcmp(o->name, name) == 0) {
			L->role->may |= o->may;
			return true;
		}
	char q[64];
	yamldoc_error(y, item, "%s: %s is not a role listed before this one", what,
		      yamldoc_quoted(name, q, sizeof q));
	return false;
}

static void load_role(struct load *L, yaml_node_t *k, yaml_node_t *v)
{
	const char *name = yamldoc_text(k);
	char what[96], q[64];
	snprintf(what, sizeof what, "roles: %s", name);
	if (!good_name(name)) {
		yamldoc_error(L->y, k,
			      "roles: %s: a role's name is lower-case letters, digits and '-' "
			      "(at most 32), such as sales-manager",
			      yamldoc_quoted(name, q, sizeof q));
		return;
	}
	struct yamldoc_field f[] = {{"label", NULL, NULL}, {"includes", NULL, NULL},
				    {"may", NULL, NULL}};
	if (!yamldoc_fields(L->y, v, what, f, 3))
		return;
	/* a key mistyped ("mya:") would give the role less than meant, unseen: an error here */
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = yamldoc_node(L->y, p->key);
		const char *key = kn && kn->type == YAML_SCALAR_NODE ? yamldoc_text(kn) : NULL;
		if (key && strcmp(key, "label") != 0 && strcmp(key, "includes") != 0 &&
		    strcmp(key, "may") != 0)
			yamldoc_error(L->y, kn, "%s: unknown key %s (label, includes, may)", what,
				      yamldoc_quoted(key, q, sizeof q));
	}
	vec_reserve((void **)&L->r->v, L->r->n + 1, &L->r->cap, sizeof *L->r->v);
	L->role = &L->r->v[L->r->n++];
	*L->role = (struct role){.name = xstrdup(name)};
	char label[128];
	if (f[0].val && yamldoc_string(L->y, f[0].val, "label", label, sizeof label, false))
		L->role->label = xstrdup(label);
	char sub[128];
	if (f[1].val) {
		snprintf(sub, sizeof sub, "%s: includes", what);
		yamldoc_each_item(L->y, f[1].val, sub, "a list of roles ([receptionist])",
				  "the name of a role", add_include, L);
	}
	if (f[2].val) {
		snprintf(sub, sizeof sub, "%s: may", what);
		yamldoc_each_item(L->y, f[2].val, sub, "a list of permissions ([lookup, card])",
				  "a permission", add_perm, L);
	} else if (!f[1].val) {
		yamldoc_error(L->y, k, "%s: says neither what it may do (may:) nor which roles it "
			      "includes (includes:)", what);
	}
}

int roles_load_text(const char *text, size_t len, const char *name, struct roles *out,
		    struct strv *errors)
{
	*out = (struct roles){0};
	struct yamldoc y;
	yamldoc_init(&y, name);
	int ok = yamldoc_parse(&y, text, len, YAMLDOC_ONE_DOCUMENT);
	yaml_node_t *root = ok == 0 ? yamldoc_root(&y) : NULL;
	struct yamldoc_field f[] = {{"roles", NULL, NULL}};
	if (ok == 0 && !root) {
		yamldoc_error_at(&y, 0, 0, "the file is empty: it must list the roles (roles:)");
	} else if (root && root->type != YAML_MAPPING_NODE) {
		yamldoc_wrong(&y, root, "the file", "a mapping (roles:)");
	} else if (root && yamldoc_fields(&y, root, "the file", f, 1)) {
		yaml_node_t *n = f[0].val;
		if (!n) {
			yamldoc_error(&y, root, "the file must list the roles (roles:)");
		} else if (n->type != YAML_MAPPING_NODE || n->data.mapping.pairs.start ==
								   n->data.mapping.pairs.top) {
			yamldoc_wrong(&y, n, "roles", "a mapping of roles (receptionist: ...)");
		} else {
			struct load L = {&y, out, NULL};
			for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			     p < n->data.mapping.pairs.top; p++) {
				yaml_node_t *k = yamldoc_key(&y, n, p);
				if (k)
					load_role(&L, k, yamldoc_node(&y, p->value));
			}
			if (!yamldoc_failed(&y) && !roles_first_that_may(out, PERM_STAFF))
				yamldoc_error(&y, f[0].key_node,
					      "roles: no role may manage the staff (staff): nobody "
					      "could ever name an admin");
		}
	}
	bool failed = yamldoc_failed(&y);
	yamldoc_report(&y, errors, NULL);
	yamldoc_free(&y);
	if (failed) {
		roles_free(out);
		return -1;
	}
	out->source = xstrdup(name);
	return 0;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Reads a whole file of at most YAMLDOC_MAX_BYTES (yamldoc_read_file), its error into errors. */
static int slurp(const char *path, char **text, size_t *len, struct strv *errors)
{
	struct yamldoc y;
	struct sbuf b = {0};
	yamldoc_init(&y, path);
	sbuf_add(&b, "");
	int rc = yamldoc_read_file(&y, path, &b);
	yamldoc_report(&y, errors, NULL);
	yamldoc_free(&y);
	if (rc != 0) {
		sbuf_free(&b);
		return -1;
	}
	*len = b.len;
	*text = sbuf_detach(&b);
	return 0;
}

int roles_read_in_force(char **path, char **text, size_t *len, bool *own, struct strv *errors)
{
	char *dir = paths_config_dir();
	char *user = xasprintf("%s/roles.yaml", dir);
	char *inst = xasprintf("%s/roles.yaml", roles_pkgdatadir);
	free(dir);
	*path = NULL;
	*text = NULL;
	*len = 0;
	*own = false;
	int rc = 0;
	if (exists(user)) {
		*path = user;
		user = NULL;
		*own = true;
	} else if (exists(inst)) {
		*path = inst;
		inst = NULL;
	}
	if (*path && (rc = slurp(*path, text, len, errors)) != 0) {
		free(*path);
		*path = NULL;
	}
	free(user);
	free(inst);
	return rc;
}

int roles_load_file(const char *path, struct roles *out, struct strv *errors)
{
	char *text;
	size_t len;
	*out = (struct roles){0};
	if (slurp(path, &text, &len, errors) != 0)
		return -1;
	int rc = roles_load_text(text, len, path, out, errors);
	free(text);
	return rc;
}
