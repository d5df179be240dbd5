/* settings.h — the user's settings for the interface: $MAITRE_CONFIG, else
 * $XDG_CONFIG_HOME/maitre/config.yaml (~/.config/maitre/config.yaml). See maitre-config(5).
 *
 *   theme: dark            # default, dark, monochrome, high-contrast, or a file of one's own
 *   keys:                  # action: keys (replacing the action's default keys)
 *     today: F3 t
 */
#ifndef MAITRE_SETTINGS_H
#define MAITRE_SETTINGS_H

#include <stddef.h>

#include "core/error.h"

struct settings_binding {
	char action[48];
	char keys[128];
	int line, column; /* where the binding is written, for messages */
};

struct settings {
	char path[512]; /* the file read, "" when there was none */
	char theme[64]; /* "" : not set */
	struct settings_binding *bindings;
	size_t nbindings, cap;
};

/* Reads the config file; a missing file leaves the defaults. 0, or -1 with
 * "file:line:column: what" in e. */
int settings_load(struct settings *c, struct error *e);
/* Parses text (len bytes) read from filename. 0, or -1 with "file:line:column: what" in e. */
int settings_parse(struct settings *c, const char *text, size_t len, const char *filename,
		   struct error *e);
void settings_free(struct settings *c);

#endif
