/* settings.c — reading config.yaml (see settings.h) with libyaml. */
#include "config/settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "config/paths.h"
#include "config/yamldoc.h"
#include "core/strv.h"

static int fail(char *err, size_t errlen, const char *file, yaml_mark_t m, const char *what,
		const char *detail)
{
	snprintf(err, errlen, "%s:%zu:%zu: %s%s%s", file, m.line + 1, m.column + 1, what,
		 detail ? ": " : "", detail ? detail : "");
	return -1;
}

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

int settings_parse(struct settings *c, const char *text, size_t len, const char *filename, char *err,
		 size_t errlen)
{
	yaml_parser_t p;
	yaml_document_t doc;
	int rc = 0;
	if (!yaml_parser_initialize(&p)) {
		snprintf(err, errlen, "%s: out of memory", filename);
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &doc)) {
		yaml_mark_t m = p.problem_mark;
		snprintf(err, errlen, "%s:%zu:%zu: %s", filename, m.line + 1, m.column + 1,
			 p.problem ? p.problem : "not YAML");
		yaml_parser_delete(&p);
		return -1;
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (root && root->type != YAML_MAPPING_NODE) {
		rc = fail(err, errlen, filename, root->start_mark, "expected a mapping (theme:, keys:)",
			  NULL);
		goto out;
	}
	for (yaml_node_pair_t *pr = root ? root->data.mapping.pairs.start : NULL;
	     root && pr < root->data.mapping.pairs.top && rc == 0; pr++) {
		yaml_node_t *k = yaml_document_get_node(&doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(&doc, pr->value);
		const char *key = scalar(k);
		yaml_node_t *prev = yamldoc_earlier_key(&doc, root, pr);
		if (prev) {
			char buf[160], detail[200];
			snprintf(detail, sizeof detail, "%s (first at line %zu)",
				 yamldoc_quoted(key, buf, sizeof buf), prev->start_mark.line + 1);
			rc = fail(err, errlen, filename, k->start_mark, "duplicate key", detail);
			break;
		}
		if (key && strcmp(key, "theme") == 0) {
			const char *s = scalar(v);
			if (!s || !*s || strlen(s) >= sizeof c->theme || strchr(s, '/'))
				rc = fail(err, errlen, filename, v->start_mark,
					  "theme: expected the name of a theme", NULL);
			else
				snprintf(c->theme, sizeof c->theme, "%s", s);
		} else if (key && strcmp(key, "keys") == 0) {
			if (v->type != YAML_MAPPING_NODE) {
				rc = fail(err, errlen, filename, v->start_mark,
					  "keys: expected a mapping of action: keys", NULL);
				break;
			}
			for (yaml_node_pair_t *b = v->data.mapping.pairs.start;
			     b < v->data.mapping.pairs.top && rc == 0; b++) {
				yaml_node_t *bk = yaml_document_get_node(&doc, b->key);
				yaml_node_t *bv = yaml_document_get_node(&doc, b->value);
				const char *action = scalar(bk), *keys = scalar(bv);
				yaml_node_t *dup = yamldoc_earlier_key(&doc, v, b);
				if (dup) {
					char buf[160], detail[200];
					snprintf(detail, sizeof detail, "%s (first at line %zu)",
						 yamldoc_quoted(action, buf, sizeof buf),
						 dup->start_mark.line + 1);
					rc = fail(err, errlen, filename, bk->start_mark, "keys: duplicate action",
						  detail);
				} else if (!action || strlen(action) >= sizeof c->bindings->action) {
					rc = fail(err, errlen, filename, bk->start_mark,
						  "keys: expected an action name", NULL);
				} else if (!keys || !*keys || strlen(keys) >= sizeof c->bindings->keys) {
					rc = fail(err, errlen, filename, bv->start_mark,
						  "keys: expected keys separated by spaces", action);
				} else if (!vec_reserve((void **)&c->bindings, c->nbindings + 1, &c->cap,
							sizeof *c->bindings)) {
					snprintf(err, errlen, "%s: out of memory", filename);
					rc = -1;
				} else {
					struct settings_binding *cb = &c->bindings[c->nbindings++];
					snprintf(cb->action, sizeof cb->action, "%s", action);
					snprintf(cb->keys, sizeof cb->keys, "%s", keys);
					cb->line = (int)bk->start_mark.line + 1;
					cb->column = (int)bk->start_mark.column + 1;
				}
			}
		} else {
			rc = fail(err, errlen, filename, k->start_mark, "unknown setting (theme, keys)",
				  key);
		}
	}
out:
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	return rc;
}

int settings_load(struct settings *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	const char *env = getenv("MAITRE_CONFIG");
	if (env && *env) {
		snprintf(c->path, sizeof c->path, "%s", env);
	} else {
		char *dir = paths_config_dir();
		if (!dir)
			return 0;
		snprintf(c->path, sizeof c->path, "%s/config.yaml", dir);
		free(dir);
	}
	FILE *f = fopen(c->path, "rb");
	if (!f) {
		if (errno == ENOENT && !(env && *env)) {
			c->path[0] = '\0';
			return 0;
		}
		snprintf(err, errlen, "%s: %s", c->path, strerror(errno));
		return -1;
	}
	struct sbuf b = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && b.len < (1u << 20))
		sbuf_addn(&b, buf, n);
	fclose(f);
	int rc = settings_parse(c, b.s ? b.s : "", b.len, c->path, err, errlen);
	sbuf_free(&b);
	return rc;
}

void settings_free(struct settings *c)
{
	free(c->bindings);
	c->bindings = NULL;
	c->nbindings = c->cap = 0;
}
