/* tiers.h — loading the restaurant's rules (tiers.yaml, maitre-tiers(5)) into struct tier_rules,
 * and finding the file in force. Diagnostics read "NAME:LINE:COLUMN: message" (1-based), with
 * "warning: " after the position for warnings (unknown keys). */
#ifndef MAITRE_TIERS_H
#define MAITRE_TIERS_H

#include <stddef.h>

#include "core/strv.h"
#include "core/tier.h"

/* The shipped data/tiers.yaml, compiled in (generated src/config/tiers_builtin.c), and the
 * directory it is installed in ($(pkgdatadir), expanded at build time). */
extern const char tiers_builtin_text[];
extern const size_t tiers_builtin_len;
extern const char tiers_pkgdatadir[];

/* The name given to the built-in copy in diagnostics and as the rules' source. */
#define TIERS_BUILTIN_NAME "(built-in)"

/* Parses and checks len bytes of YAML text; name (a file path) prefixes the diagnostics and
 * becomes the rules' source. Errors and warnings are appended to errors and warnings (either
 * may be NULL; both may be the same vector, which then gets all of them), in the order of their
 * place in the text. Returns 0 when there was no error:
 * out is then freed and replaced by the new rules (with their hash, version label and a copy
 * of the text). Returns -1 on any error, leaving out untouched. */
int tiers_load_text(const char *text, size_t len, const char *name, struct tier_rules *out,
                    struct strv *errors, struct strv *warnings);

/* Reads the file at path and loads it as tiers_load_text, with path as the name. A file that
 * cannot be read gives the error "PATH: cannot read: REASON". Returns 0 or -1 (out untouched). */
int tiers_load_file(const char *path, struct tier_rules *out, struct strv *errors,
                    struct strv *warnings);

/* The user's rules file: $XDG_CONFIG_HOME/maitre/tiers.yaml (absolute XDG_CONFIG_HOME only),
 * else ~/.config/maitre/tiers.yaml. Caller frees. */
char *tiers_user_path(void);

/* The installed default: $(pkgdatadir)/tiers.yaml. Caller frees. */
char *tiers_installed_path(void);

/* What the rules of a tiers.yaml text decide (tier_rules_canonical, malloc'ed), or NULL when
 * the text does not load: how a recompute reads rules stored as text only
 * (tier_store_recompute_month's canon_of). */
char *tiers_canonical_text(const char *content);

/* Loads the rules in force: path when not NULL (an --tiers option), else the user's file when it
 * exists, else the installed default when it exists, else the built-in copy. Same contract as
 * tiers_load_text; out->source names the file (TIERS_BUILTIN_NAME for the built-in copy). */
int tiers_load_in_force(const char *path, struct tier_rules *out, struct strv *errors,
                        struct strv *warnings);

/* The content hash of len bytes of text: FNV-1a 64, as 16 lower-case hex digits into hex
 * (17 bytes with the NUL). */
void tiers_hash(const char *text, size_t len, char hex[17]);

#endif
