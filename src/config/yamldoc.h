/* yamldoc.h — what the YAML loaders of src/config (tiers, themes, settings) share: how a value
 * is shown in a message, and finding a key given twice. */
#ifndef MAITRE_YAMLDOC_H
#define MAITRE_YAMLDOC_H

#include <stddef.h>
#include <yaml.h>

/* The text of scalar node n. */
const char *yamldoc_text(const yaml_node_t *n);
/* s in quotes, controls made visible, cut at 40 columns, into buf. Returns buf. */
const char *yamldoc_quoted(const char *s, char *buf, size_t size);
/* How a value is shown in a message: "a list", "a mapping", "nothing", or its text quoted
 * (yamldoc_quoted). Returns buf or a static string. */
const char *yamldoc_shown(const yaml_node_t *n, char *buf, size_t size);
/* The key node of an earlier pair of mapping n with the same (scalar) key as pair k; NULL when
 * k's key is the first of its name. */
yaml_node_t *yamldoc_earlier_key(yaml_document_t *doc, const yaml_node_t *n,
				 const yaml_node_pair_t *k);

#endif
