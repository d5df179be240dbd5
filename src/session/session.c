/* session.c — who is at the terminal and what they may do (session.h). */
#include "session/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/roles.h"
#include "config/settings.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "store/guest_store.h"

#define ROLES_KEPT_NAME "roles.yaml (the last good copy, kept in the database)"

/* Whether the Unix login's member of the staff may change the restaurant's rules under the
 * roles last recorded (or the shipped ones): only theirs is a user's roles.yaml taken from. */
static bool self_may_rules(const struct session *s, const char *kept)
{
	struct roles r;
	struct strv ignore = {0};
	int rc = kept ? roles_load_text(kept, strlen(kept), ROLES_KEPT_NAME, &r, &ignore) : -1;
	if (rc != 0)
		rc = roles_load_text(roles_builtin_text, roles_builtin_len, ROLES_BUILTIN_NAME, &r,
				     &ignore);
	strv_free(&ignore);
	bool may = rc == 0 && s->self.id && !s->self.disabled && !s->self.shared &&
		   role_may(roles_find(&r, s->self.role), PERM_RULES);
	if (rc == 0)
		roles_free(&r);
	return may;
}

/* The roles in force into s->roles (see session_open). A user's own roles.yaml comes into
 * force only from a member who may change the rules (an admin): anyone else's would let a
 * login give itself any role; theirs is told and the roles last recorded stay. */
static void load_roles(struct session *s)
{
	char *path, *text, *kept = NULL;
	size_t len;
	bool own;
	struct strv errs = {0};
	if (store_config_text(s->st, "roles.yaml", &kept) != ST_OK)
		kept = NULL;
	if (roles_read_in_force(&path, &text, &len, &own, &errs) == 0) {
		const char *t = text ? text : roles_builtin_text;
		size_t n = text ? len : roles_builtin_len;
		bool same = kept && strlen(t) == n && strcmp(kept, t) == 0;
		bool taken = !own || same || self_may_rules(s, kept);
		/* a broken file is said to whoever runs maitre; a good one is taken from an admin */
		if (roles_load_text(t, n, path ? path : ROLES_BUILTIN_NAME, &s->roles, &errs) != 0) {
			/* the last good roles, below */
		} else if (!taken) {
			roles_free(&s->roles);
			strv_take(&s->diags,
				  xasprintf(_("%s: not in force: only an admin's roles.yaml is taken "
					      "(the roles last recorded stay)"), path));
		} else {
			/* the good text is the one to keep in force should the file break (kept
			 * was read above: no second read of it at every start) */
			if (!same && strlen(t) == n)
				store_config_record(s->st, "roles.yaml", t);
			free(path);
			free(text);
			free(kept);
			strv_free(&errs);
			return;
		}
	}
	free(path);
	free(text);
	for (size_t i = 0; i < errs.n; i++)
		strv_push(&s->diags, errs.v[i]);
	/* a broken file (not one refused for its author): the last good roles stay until mended */
	s->roles_kept = errs.n > 0;
	strv_free(&errs);
	struct strv ignore = {0};
	if (!kept || roles_load_text(kept, strlen(kept), ROLES_KEPT_NAME, &s->roles, &ignore) != 0)
		roles_load_text(roles_builtin_text, roles_builtin_len, ROLES_BUILTIN_NAME, &s->roles,
				&ignore);
	free(kept);
	strv_free(&ignore);
}

enum store_status session_open(struct session *s, struct store *st)
{
	*s = (struct session){.st = st};
	/* who first: whether their own roles.yaml is taken depends on their role */
	enum store_status rs = staff_store_get(st, store_login(st), &s->self);
	if (rs == ST_NOTFOUND) {
		s->self = (struct staff){0};
		rs = ST_OK;
	}
	load_roles(s);
	return rs;
}

void session_close(struct session *s)
{
	if (s->st)
		store_act_as(s->st, NULL);
	roles_free(&s->roles);
	strv_free(&s->diags);
	staff_free(&s->self);
	staff_free(&s->person);
	*s = (struct session){0};
}

const struct staff *session_who(const struct session *s)
{
	return s->person.id ? &s->person : &s->self;
}

const struct role *session_role(const struct session *s)
{
	const struct staff *m = session_who(s);
	if (!m->id || m->disabled)
		return NULL;
	return roles_find(&s->roles, m->role);
}

bool session_needs_person(const struct session *s)
{
	return s->self.id && s->self.shared && !s->person.id;
}

/* Whether some role of the staff who can sign in may p: on a shared login, a refusal asks for
 * a person rather than says no. */
enum session_answer session_may(const struct session *s, enum perm p)
{
	const struct role *r = session_role(s);
	if (session_needs_person(s)) {
		/* the shared login reads with its own role; a write, or more, needs a person */
		if (!perm_writes(p) && role_may(r, p))
			return SESSION_YES;
		return roles_first_that_may(&s->roles, p) ? SESSION_SIGN_IN : SESSION_NO;
	}
	return role_may(r, p) ? SESSION_YES : SESSION_NO;
}

char *session_refusal(const struct session *s, enum perm p)
{
	const struct staff *m = session_who(s);
	const char *login = m->id ? m->login : store_login(s->st);
	if (!m->id)
		return xasprintf(_("%s is not on the staff: an admin adds them with `maitre staff "
				   "add %s`"), login, login);
	if (m->disabled)
		return xasprintf(_("%s has been disabled: an admin can enable them again"), login);
	const struct role *need = roles_first_that_may(&s->roles, p);
	char want[96], have[96];
	if (!need)
		return xasprintf(_("no role may %s (roles.yaml gives it to none)"), _(perm_help(p)));
	role_title(need, want, sizeof want);
	if (session_needs_person(s))
		return xasprintf(_("to %s, sign in first (%s is a shared login; it needs %s)"),
				 _(perm_help(p)), login, want);
	const struct role *r = session_role(s);
	if (!r)
		return xasprintf(_("%s has no role yet (\"%s\" is not a role of %s): an admin gives "
				   "one with `maitre staff edit %s --role ROLE`"),
				 login, m->role, s->roles.source ? s->roles.source : "roles.yaml",
				 login);
	role_title(r, have, sizeof have);
	return xasprintf(_("%s: needs the role %s; %s is %s"), _(perm_help(p)), want,
			 m->display_name ? m->display_name : login, have);
}

enum store_status session_sign_in(struct session *s, const char *login, const char *pin,
				  enum pin_result *res, int *left)
{
	enum store_status rs = staff_store_check_pin(s->st, login, pin, res, left);
	if (rs != ST_OK || *res != PIN_OK)
		return rs;
	struct staff m;
	if ((rs = staff_store_get(s->st, login, &m)) != ST_OK)
		return rs;
	staff_free(&s->person);
	s->person = m;
	s->active = time(NULL);
	store_act_as(s->st, m.login);
	return ST_OK;
}

void session_sign_out(struct session *s)
{
	staff_free(&s->person);
	store_act_as(s->st, NULL);
}

void session_touch(struct session *s, time_t now)
{
	s->active = now;
}

bool session_idle_out(struct session *s, time_t now, int minutes)
{
	if (!s->person.id || minutes <= 0 || now - s->active <= (time_t)minutes * 60)
		return false;
	session_sign_out(s);
	return true;
}

bool session_sees_sensitive(const struct session *s, int64_t guest_manager)
{
	return role_sees_sensitive(session_role(s), session_who(s)->id, guest_manager);
}

bool session_sees_guest(struct session *s, int64_t guest_id)
{
	if (role_may(session_role(s), PERM_SENSITIVE_ALL))
		return true;
	int64_t sm;
	return guest_store_sales_manager(s->st, guest_id, &sm) == ST_OK &&
	       session_sees_sensitive(s, sm);
}

guest_field_set session_guest_hidden(const struct session *s, const struct guest *g)
{
	/* the guest's sales manager is held as a login: the member acting's own guest or not */
	const struct staff *me = session_who(s);
	const char *mgr = g->f[GF_SALES_MANAGER];
	int64_t own = me->id && me->login && mgr && strcmp(mgr, me->login) == 0 ? me->id : 0;
	return session_sees_sensitive(s, own) ? 0 : settings_sensitive_fields();
}

const char *session_hidden(const struct session *s)
{
	static char buf[128];
	const struct role *r = s ? roles_first_that_may(&s->roles, PERM_SENSITIVE_ALL) : NULL;
	/* the shipped roles' names are translated ("经理"); a restaurant's own stay as written */
	static const char *const shipped[] = {N_("receptionist"), N_("sales-manager"),
					       N_("manager"), N_("admin")};
	(void)shipped;
	snprintf(buf, sizeof buf, _("hidden — %s"), r ? _(r->name) : "?");
	return buf;
}
