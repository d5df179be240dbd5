/* access.c — permissions and roles (access.h). */
#include "core/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	bool writes;
	const char *help;
} perms[] = {
#define PERM_ROW(id, name, writes, help) {name, writes, help},
	PERMS(PERM_ROW)
#undef PERM_ROW
};

_Static_assert(sizeof perms / sizeof perms[0] == PERM_COUNT, "one row a permission");
_Static_assert(PERM_COUNT <= 64, "a perm_set holds every permission");

const char *perm_name(enum perm p)
{
	return (unsigned)p < PERM_COUNT ? perms[p].name : "?";
}

bool perm_writes(enum perm p)
{
	return (unsigned)p < PERM_COUNT && perms[p].writes;
}

const char *perm_help(enum perm p)
{
	return (unsigned)p < PERM_COUNT ? perms[p].help : "";
}

int perm_by_name(const char *name)
{
	for (int i = 0; i < PERM_COUNT; i++)
		if (strcmp(perms[i].name, name) == 0)
			return i;
	return -1;
}

void roles_free(struct roles *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].label);
	}
	free(r->v);
	free(r->source);
	*r = (struct roles){0};
}

const struct role *roles_find(const struct roles *r, const char *name)
{
	for (size_t i = 0; name && i < r->n; i++)
		if (strcmp(r->v[i].name, name) == 0)
			return &r->v[i];
	return NULL;
}

bool role_may(const struct role *role, enum perm p)
{
	return role && (unsigned)p < PERM_COUNT && (role->may & PERM_BIT(p));
}

const struct role *roles_first_that_may(const struct roles *r, enum perm p)
{
	for (size_t i = 0; i < r->n; i++)
		if (role_may(&r->v[i], p))
			return &r->v[i];
	return NULL;
}

const char *role_title(const struct role *role, char *s, size_t n)
{
	if (!role)
		snprintf(s, n, "%s", "?");
	else if (role->label && *role->label && strcmp(role->label, role->name) != 0)
		snprintf(s, n, "%s (%s)", role->label, role->name);
	else
		snprintf(s, n, "%s", role->name);
	return s;
}

bool role_sees_sensitive(const struct role *role, int64_t me, int64_t guest_manager)
{
	if (role_may(role, PERM_SENSITIVE_ALL))
		return true;
	return role_may(role, PERM_SENSITIVE_OWN) && me > 0 && guest_manager == me;
}
