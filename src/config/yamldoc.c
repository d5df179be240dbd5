/* yamldoc.c — shared pieces of the YAML loaders (see yamldoc.h). */
#include "config/yamldoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

const char *yamldoc_text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

const char *yamldoc_quoted(const char *s, char *buf, size_t size)
{
	char *d = text_display(s);
	char *t = d ? text_truncate(d, 40, true) : NULL;
	snprintf(buf, size, "\"%s\"", t ? t : "?");
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

yaml_node_t *yamldoc_earlier_key(yaml_document_t *doc, const yaml_node_t *n,
				 const yaml_node_pair_t *k)
{
	yaml_node_t *key = yaml_document_get_node(doc, k->key);
	if (!key || key->type != YAML_SCALAR_NODE)
		return NULL;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < k; p++) {
		yaml_node_t *prev = yaml_document_get_node(doc, p->key);
		if (prev && prev->type == YAML_SCALAR_NODE &&
		    strcmp(yamldoc_text(prev), yamldoc_text(key)) == 0)
			return prev;
	}
	return NULL;
}
