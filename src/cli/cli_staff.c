/* cli_staff.c — maitre staff add | list | edit | disable | pin | roles: who works at the
 * restaurant, their role (roles.yaml, core/access.h) and their PIN (staff_store.h). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/xalloc.h"
#include "store/staff_store.h"

enum { S_NAME = 1, S_ROLE, S_SHARED, S_NOT_SHARED, S_ENABLE, S_REMOVE };

const struct opt cli_staff_add_opts[] = {
	{"name", "NAME", S_NAME, "the name people know them by, such as 王芳 (default: the login)"},
	{"role", "ROLE", S_ROLE, "their role, one of roles.yaml's (maitre staff roles; required)"},
	{"shared", NULL, S_SHARED,
	 "a login several people use (the front desk's): it reads with its role, and a change "
	 "needs a person who signs in with --as and their PIN"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_staff_edit_opts[] = {
	{"name", "NAME", S_NAME, "a new name"},
	{"role", "ROLE", S_ROLE, "a new role"},
	{"shared", NULL, S_SHARED, "make it a shared login"},
	{"not-shared", NULL, S_NOT_SHARED, "make it one person's login again"},
	{"enable", NULL, S_ENABLE, "enable a disabled member again"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_staff_pin_opts[] = {
	{"remove", NULL, S_REMOVE, "remove the PIN: they cannot sign in on a shared login"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_staff_list_opts[] = {{NULL, NULL, 0, NULL}};
const struct opt cli_staff_disable_opts[] = {{NULL, NULL, 0, NULL}};
const struct opt cli_staff_roles_opts[] = {{NULL, NULL, 0, NULL}};

struct staff_ctx {
	struct staff_edit e;
	bool remove;
	struct strv args;
};

static int on_staff(struct cli *c, void *vctx, int id, const char *val)
{
	struct staff_ctx *x = vctx;
	(void)c;
	switch (id) {
	case OPT_POSITIONAL: strv_push(&x->args, val); return 0;
	case S_NAME: x->e.name = val; return 0;
	case S_ROLE: x->e.role = val; return 0;
	case S_SHARED: x->e.shared = 1; return 0;
	case S_NOT_SHARED: x->e.shared = 0; return 0;
	case S_ENABLE: x->e.disabled = 0; return 0;
	case S_REMOVE: x->remove = true; return 0;
	}
	return 0;
}

/* Parses the options and the one LOGIN, then opens the database to write: 0, or the exit
 * status. x->args is freed by the caller. */
static int parse_login(struct cli *c, int argc, char **argv, const struct opt *opts,
		       struct staff_ctx *x)
{
	*x = (struct staff_ctx){.e = {.shared = -1, .disabled = -1}};
	static const char *const what[] = {"the login"};
	int rc = cli_parse(c, argc, argv, opts, on_staff, x);
	if (rc || (rc = cli_want_args(c, &x->args, 1, what)) != 0)
		return rc;
	return cli_open(c, 0);
}

/* "前台 (receptionist)" for the role named name, or the name and "not a role" when the roles in
 * force have none of that name; s of n bytes. */
static const char *title_of(struct cli *c, const char *name, char *s, size_t n)
{
	const struct role *r = roles_find(&c->session->roles, name);
	if (r)
		return role_title(r, s, n);
	snprintf(s, n, _("%s (not a role of roles.yaml)"), name);
	return s;
}

int cli_staff_add(struct cli *c, int argc, char **argv)
{
	struct staff_ctx x;
	int rc = parse_login(c, argc, argv, cli_staff_add_opts, &x);
	if (rc == 0 && !x.e.role)
		rc = cli_usage_error(c, "%s", _("needs --role ROLE (maitre staff roles lists them)"));
	if (rc == 0 && x.e.shared < 0)
		x.e.shared = 0;
	if (rc == 0 && x.e.disabled >= 0)
		rc = cli_usage_error(c, "%s", _("--enable is for staff edit"));
	if (rc == 0) {
		const char *login = x.args.v[0];
		enum store_status s = staff_store_add(c->st, &c->session->roles, login, x.e.name,
						      x.e.role, x.e.shared, NULL);
		char t[128];
		if (s != ST_OK)
			rc = cli_store_error(c, s);
		else
			printf(_("added %s: %s, %s%s\n"), cli_shown(c, login),
			       cli_shown(c, x.e.name ? x.e.name : login),
			       title_of(c, x.e.role, t, sizeof t), x.e.shared ? _(", shared") : "");
	}
	strv_free(&x.args);
	return rc;
}

/* Runs the edit of the one login of x and says what came of it. */
static int edit(struct cli *c, struct staff_ctx *x)
{
	const char *login = x->args.v[0];
	bool changed;
	enum store_status s = staff_store_edit(c->st, &c->session->roles, login, &x->e, &changed);
	if (s != ST_OK)
		return cli_store_error(c, s);
	if (changed && x->e.disabled == 1)
		printf(_("disabled %s: they can no longer act; the audit keeps their name\n"),
		       cli_shown(c, login));
	else if (changed)
		printf(_("changed %s\n"), cli_shown(c, login));
	else
		printf(_("%s: nothing to change\n"), cli_shown(c, login));
	return 0;
}

int cli_staff_edit(struct cli *c, int argc, char **argv)
{
	struct staff_ctx x;
	int rc = parse_login(c, argc, argv, cli_staff_edit_opts, &x);
	if (rc == 0)
		rc = edit(c, &x);
	strv_free(&x.args);
	return rc;
}

int cli_staff_disable(struct cli *c, int argc, char **argv)
{
	struct staff_ctx x;
	int rc = parse_login(c, argc, argv, cli_staff_disable_opts, &x);
	if (rc == 0) {
		x.e.disabled = 1;
		rc = edit(c, &x);
	}
	strv_free(&x.args);
	return rc;
}

int cli_staff_pin(struct cli *c, int argc, char **argv)
{
	struct staff_ctx x;
	int rc = parse_login(c, argc, argv, cli_staff_pin_opts, &x);
	const char *login = rc == 0 ? x.args.v[0] : NULL;
	struct staff m = {0};
	enum store_status s = login ? staff_store_get(c->st, login, &m) : ST_OK;
	if (rc == 0 && s != ST_OK)
		rc = cli_store_error(c, s);
	/* nobody signs in as a shared login: a PIN for it would only be a hash to guess */
	if (rc == 0 && m.shared && !x.remove)
		rc = cli_error(c, EXIT_USER, _("%s is a shared login: its people sign in with "
					       "PINs of their own"), cli_shown(c, login));
	char pin[64] = "";
	if (rc == 0 && !x.remove)
		rc = cli_read_pin(c, login, true, pin, sizeof pin);
	if (rc == 0) {
		s = staff_store_set_pin(c->st, login, x.remove ? NULL : pin);
		if (s != ST_OK)
			rc = cli_store_error(c, s);
		else
			printf(x.remove ? _("PIN removed for %s\n") : _("PIN set for %s\n"),
			       cli_shown(c, login));
	}
	explicit_bzero(pin, sizeof pin);
	staff_free(&m);
	strv_free(&x.args);
	return rc;
}

int cli_staff_list(struct cli *c, int argc, char **argv)
{
	int rc = cli_parse(c, argc, argv, cli_staff_list_opts, cli_one_arg, NULL);
	if (rc || (rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	struct staff *v;
	size_t n;
	enum store_status s = staff_store_list(c->st, true, &v, &n);
	if (s != ST_OK)
		return cli_store_error(c, s);
	static const char *const cols[] = {"login", "name", "role", "label", "shared", "pin",
					   "disabled"};
	struct table t;
	table_init(&t, 7, cols, 0);
	for (size_t i = 0; i < n; i++) {
		const struct role *r = roles_find(&c->session->roles, v[i].role);
		table_add(&t, v[i].login);
		table_add(&t, v[i].display_name);
		table_add(&t, v[i].role);
		table_add(&t, r ? r->label : _("(not a role of roles.yaml)"));
		table_add(&t, v[i].shared ? _("shared") : "");
		table_add(&t, v[i].has_pin ? _("set") : "");
		table_add(&t, v[i].disabled_at);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	staff_free_all(v, n);
	return 0;
}

/* The roles in force as text: each role, then what it may that the role before it may not
 * (when it may all that one may), else all it may. */
static void print_roles_text(const struct roles *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		const struct role *r = &rs->v[i], *prev = i ? &rs->v[i - 1] : NULL;
		char t[128];
		printf("%s%s\n", i ? "\n" : "", role_title(r, t, sizeof t));
		bool more = prev && (prev->may & r->may) == prev->may && prev->may;
		if (more)
			printf(_("  what %s may, and:\n"), prev->name);
		for (int p = 0; p < PERM_COUNT; p++)
			if (role_may(r, (enum perm)p) && !(more && role_may(prev, (enum perm)p)))
				printf("  %-17s %s\n", perm_name((enum perm)p), _(perm_help((enum perm)p)));
	}
}

int cli_staff_roles(struct cli *c, int argc, char **argv)
{
	int rc = cli_parse(c, argc, argv, cli_staff_roles_opts, cli_one_arg, NULL);
	if (rc || (rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	const struct roles *rs = &c->session->roles;
	if (c->format == OUT_TEXT) {
		printf(_("the roles of %s, from the least allowed to the most:\n\n"),
		       rs->source ? cli_shown(c, rs->source) : "roles.yaml");
		print_roles_text(rs);
		return 0;
	}
	static const char *const cols[] = {"role", "label", "permission", "what"};
	struct table t;
	table_init(&t, 4, cols, 0);
	for (size_t i = 0; i < rs->n; i++)
		for (int p = 0; p < PERM_COUNT; p++)
			if (role_may(&rs->v[i], (enum perm)p)) {
				table_add(&t, rs->v[i].name);
				table_add(&t, rs->v[i].label);
				table_add(&t, perm_name((enum perm)p));
				table_add(&t, _(perm_help((enum perm)p)));
			}
	table_print(&t, c->format, stdout);
	table_free(&t);
	return 0;
}
