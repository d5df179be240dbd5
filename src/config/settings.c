/* settings.c — reading config.yaml (see settings.h) with the YAML walker (yamldoc.h). */
#include "config/settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "config/paths.h"
#include "config/yamldoc.h"
#include "core/strv.h"
#include "core/text.h"

/* The text of n when it is a scalar, else NULL. */
static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? yamldoc_text(n) : NULL;
}

/* Reports at key node k that pair p of mapping n repeats an earlier key, as "WHAT: "K" (first at
 * line N)". Returns whether it does. */
static bool repeated(struct yamldoc *y, yaml_node_t *n, yaml_node_pair_t *p, yaml_node_t *k,
                     const char *what)
{
	yaml_node_t *prev = yamldoc_earlier_key(y, n, p);
	char buf[160];
	if (prev)
		yamldoc_error(y, k, "%s: %s (first at line %zu)", what,
		              yamldoc_quoted(scalar(k), buf, sizeof buf),
		              prev->start_mark.line + 1);
	return prev != NULL;
}

/* The bindings of keys: (mapping v) into c. */
static void load_keys(struct yamldoc *y, yaml_node_t *v, struct settings *c)
{
	if (v->type != YAML_MAPPING_NODE) {
		yamldoc_error(y, v, "keys: expected a mapping of action: keys");
		return;
	}
	for (yaml_node_pair_t *b = v->data.mapping.pairs.start;
	     b < v->data.mapping.pairs.top && !yamldoc_failed(y); b++) {
		yaml_node_t *bk = yamldoc_node(y, b->key), *bv = yamldoc_node(y, b->value);
		const char *action = scalar(bk), *keys = scalar(bv);
		if (repeated(y, v, b, bk, "keys: duplicate action"))
			break;
		if (!action || strlen(action) >= sizeof c->bindings->action) {
			yamldoc_error(y, bk, "keys: expected an action name");
		} else if (!keys || !*keys || strlen(keys) >= sizeof c->bindings->keys) {
			yamldoc_error(y, bv, "keys: expected keys separated by spaces: %s", action);
		} else {
			vec_reserve((void **)&c->bindings, c->nbindings + 1, &c->cap,
			            sizeof *c->bindings);
			struct settings_binding *cb = &c->bindings[c->nbindings++];
			snprintf(cb->action, sizeof cb->action, "%s", action);
			snprintf(cb->keys, sizeof cb->keys, "%s", keys);
			cb->line = (int)bk->start_mark.line + 1;
			cb->column = (int)bk->start_mark.column + 1;
		}
	}
}

/* The fields of sensitive_fields: (a sequence of keys of the sheet) into c. */
static void load_sensitive(struct yamldoc *y, yaml_node_t *v, struct settings *c)
{
	if (v->type != YAML_SEQUENCE_NODE) {
		yamldoc_error(y, v, "sensitive_fields: expected a list of fields ([employer, ...])");
		return;
	}
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top && !yamldoc_failed(y); it++) {
		yaml_node_t *n = yamldoc_node(y, *it);
		const char *key = scalar(n);
		const struct guest_field *f = key ? guest_field_find(key) : NULL;
		if (!f || f == &guest_fields[GF_NAME])
			yamldoc_error(y, n, "sensitive_fields: no field of the sheet (but the name) "
			              "is called %s", key ? key : "that");
		else
			c->sensitive |= GUEST_FIELD_BIT(f - guest_fields);
	}
}

/* A section of one whole number (signin: idle_minutes:, privacy: retain_years:), mapping v,
 * into *out: 0 to max, in units ("minutes"), 0 meaning zero ("never"). */
static void load_number_section(struct yamldoc *y, yaml_node_t *v, const char *section,
				const char *key, int max, const char *units, const char *zero,
				int *out)
{
	if (v->type != YAML_MAPPING_NODE) {
		yamldoc_error(y, v, "%s: expected a mapping (%s:)", section, key);
		return;
	}
	char dup[64];
	snprintf(dup, sizeof dup, "%s: duplicate key", section);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top && !yamldoc_failed(y); p++) {
		yaml_node_t *k = yamldoc_node(y, p->key), *n = yamldoc_node(y, p->value);
		const char *name = scalar(k), *val = scalar(n);
		int64_t num;
		if (repeated(y, v, p, k, dup))
			break;
		if (!name || strcmp(name, key) != 0)
			yamldoc_error(y, k, "%s: unknown setting (%s)", section, key);
		else if (!val || !text_parse_int(val, 0, max, &num))
			yamldoc_error(y, n, "%s: %s: expected %s, 0 to %d (0: %s)", section, key, units,
				      max, zero);
		else
			*out = (int)num;
	}
}

static void load_top(struct yamldoc *y, yaml_node_t *root, struct settings *c)
{
	if (!root)
		return;
	if (root->type != YAML_MAPPING_NODE) {
		yamldoc_error(y, root, "expected a mapping (theme:, keys:, sensitive_fields:, signin:, privacy:)");
		return;
	}
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	     pr < root->data.mapping.pairs.top && !yamldoc_failed(y); pr++) {
		yaml_node_t *k = yamldoc_node(y, pr->key), *v = yamldoc_node(y, pr->value);
		const char *key = scalar(k);
		if (repeated(y, root, pr, k, "duplicate key"))
			break;
		if (key && strcmp(key, "theme") == 0) {
			const char *s = scalar(v);
			if (!s || !*s || strlen(s) >= sizeof c->theme || strchr(s, '/'))
				yamldoc_error(y, v, "theme: expected the name of a theme");
			else
				snprintf(c->theme, sizeof c->theme, "%s", s);
		} else if (key && strcmp(key, "keys") == 0) {
			load_keys(y, v, c);
		} else if (key && strcmp(key, "sensitive_fields") == 0) {
			load_sensitive(y, v, c);
		} else if (key && strcmp(key, "signin") == 0) {
			load_number_section(y, v, "signin", "idle_minutes", SETTINGS_IDLE_MINUTES_MAX,
					    "minutes", "never", &c->idle_minutes);
		} else if (key && strcmp(key, "privacy") == 0) {
			load_number_section(y, v, "privacy", "retain_years", SETTINGS_RETAIN_YEARS_MAX,
					    "years", "off", &c->retain_years);
		} else if (key) {
			yamldoc_error(y, k, "unknown setting (theme, keys, sensitive_fields, signin, privacy): %s",
				      key);
		} else {
			yamldoc_error(y, k, "unknown setting (theme, keys, sensitive_fields, signin, privacy)");
		}
	}
}

/* Reads the settings from y, parsed (parsed == 0) or not, into c; the first error into e. */
static int settings_finish(struct yamldoc *y, int parsed, struct settings *c, struct error *e)
{
	if (parsed == 0)
		load_top(y, yamldoc_root(y), c);
	int rc = yamldoc_failed(y) ? -1 : 0;
	if (rc < 0)
		yamldoc_report_first(y, e);
	yamldoc_free(y);
	return rc;
}

int settings_parse(struct settings *c, const char *text, size_t len, const char *filename,
                   struct error *e)
{
	struct yamldoc y;
	c->idle_minutes = SETTINGS_IDLE_MINUTES;
	yamldoc_init(&y, filename);
	return settings_finish(&y, yamldoc_parse(&y, text, len, YAMLDOC_PLAIN_SYNTAX), c, e);
}

int settings_load(struct settings *c, struct error *e)
{
	memset(c, 0, sizeof *c);
	c->idle_minutes = SETTINGS_IDLE_MINUTES;
	const char *env = getenv("MAITRE_CONFIG");
	if (env && *env) {
		snprintf(c->path, sizeof c->path, "%s", env);
	} else {
		char *dir = paths_config_dir();
		snprintf(c->path, sizeof c->path, "%s/config.yaml", dir);
		free(dir);
	}
	FILE *f = fopen(c->path, "rb");
	if (!f) {
		if (errno == ENOENT && !(env && *env)) {
			c->path[0] = '\0';
			return 0;
		}
		return yamldoc_report_about(c->path, strerror(errno), e);
	}
	fclose(f);
	/* read as the tiers and themes are: over YAMLDOC_MAX_BYTES is "larger than 1 MiB" */
	struct yamldoc y;
	yamldoc_init(&y, c->path);
	return settings_finish(&y, yamldoc_parse_file(&y, c->path, YAMLDOC_PLAIN_SYNTAX), c, e);
}

void settings_free(struct settings *c)
{
	free(c->bindings);
	c->bindings = NULL;
	c->nbindings = c->cap = 0;
}

/* What the settings say that is asked everywhere (the sensitive fields, the retention), read
 * once a process; a file that cannot be read says nothing (zeros). */
static const struct settings *settings_once(void)
{
	static bool read;
	static struct settings kept;
	if (!read) {
		struct settings c;
		struct error e;
		if (settings_load(&c, &e) == 0) {
			kept.sensitive = c.sensitive;
			kept.retain_years = c.retain_years;
		}
		settings_free(&c);
		read = true;
	}
	return &kept;
}

guest_field_set settings_sensitive_fields(void)
{
	return guest_sensitive(settings_once()->sensitive);
}

int settings_retain_years(void)
{
	return settings_once()->retain_years;
}
