#include "cli/opt.h"

#include <string.h>

#include "core/i18n.h"

void opt_init(struct opt_state *s, int argc, char **argv, const char *cmd)
{
	s->argc = argc;
	s->argv = argv;
	s->i = 0;
	s->cmd = cmd;
	error_clear(&s->err);
}

static const struct opt *find(const struct opt *t, const char *name, size_t len)
{
	for (; t && (t->name || t->id); t++)
		if (t->name && strlen(t->name) == len && strncmp(t->name, name, len) == 0)
			return t;
	return NULL;
}

int opt_next(struct opt_state *s, const struct opt *table, const struct opt *extra,
	     const char **val)
{
	*val = NULL;
	if (s->i >= s->argc)
		return OPT_END;
	char *a = s->argv[s->i++];
	if (strcmp(a, "--") == 0) {
		if (s->i >= s->argc)
			return OPT_END;
		*val = s->argv[s->i++];
		return OPT_POSITIONAL;
	}
	if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
		*val = a;
		return OPT_POSITIONAL;
	}
	const char *name = a + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct opt *o = find(table, name, len);
	if (!o)
		o = find(extra, name, len);
	if (!o) {
		error_set(&s->err, 0, _("%s: unknown option --%.*s"), s->cmd, (int)len, name);
		return OPT_ERROR;
	}
	if (o->arg) {
		if (eq) {
			*val = eq + 1;
		} else if (s->i < s->argc) {
			*val = s->argv[s->i++];
		} else {
			error_set(&s->err, 0, _("%s: --%s needs a value (%s)"), s->cmd, o->name,
				  o->arg);
			return OPT_ERROR;
		}
	} else if (eq) {
		error_set(&s->err, 0, _("%s: --%s takes no value"), s->cmd, o->name);
		return OPT_ERROR;
	}
	return o->id;
}

void opt_print_help(FILE *f, const struct opt *t)
{
	for (; t && (t->name || t->id); t++) {
		char left[64];
		if (!t->name)
			continue;
		snprintf(left, sizeof left, "--%s%s%s", t->name, t->arg ? " " : "", t->arg ? t->arg : "");
		fprintf(f, "  %-28s %s\n", left, t->help);
	}
}
