/* settings.h — the user's settings for the interface: $MAITRE_CONFIG, else
 * $XDG_CONFIG_HOME/maitre/config.yaml (~/.config/maitre/config.yaml). See maitre-config(5).
 *
 *   theme: dark            # default, dark, monochrome, high-contrast, or a file of one's own
 *   keys:                  # action: keys (replacing the action's default keys)
 *     today: F3 t
 *   sensitive_fields: [employer]   # fields hidden as the seven don't-asks are (keys of FIELDS)
 *   signin:                # on a shared login (the front desk's terminal)
 *     idle_minutes: 5      # a person signed in is signed out after this long idle (0: never)
 *   privacy:
 *     retain_years: 5      # guests with no visit or contact for this long are due for
 *                          # anonymising (maitre privacy sweep); 0 or absent: off
 */
#ifndef MAITRE_SETTINGS_H
#define MAITRE_SETTINGS_H

#include <stddef.h>

#include "core/error.h"
#include "core/guest.h"

/* signin.idle_minutes when the file does not say, and the most it takes (a day). */
#define SETTINGS_IDLE_MINUTES 5
#define SETTINGS_IDLE_MINUTES_MAX 1440
/* The most privacy.retain_years takes. */
#define SETTINGS_RETAIN_YEARS_MAX 100

struct settings_binding {
	char action[48];
	char keys[128];
	int line, column; /* where the binding is written, for messages */
};

struct settings {
	char path[512]; /* the file read, "" when there was none */
	char theme[64]; /* "" : not set */
	int idle_minutes; /* signin.idle_minutes (SETTINGS_IDLE_MINUTES unless set; 0: never) */
	struct settings_binding *bindings;
	size_t nbindings, cap;
	guest_field_set sensitive; /* the fields sensitive_fields adds to the seven */
	int retain_years; /* privacy.retain_years: 0 (off, the default) or 1 to 100 */
};

/* Reads the config file; a missing file leaves the defaults. 0, or -1 with
 * "file:line:column: what" in e. */
int settings_load(struct settings *c, struct error *e);
/* Parses text (len bytes) read from filename into c (zeroed, or as settings_load left it; the
 * idle time is set to its default first). 0, or -1 with "file:line:column: what" in e. */
int settings_parse(struct settings *c, const char *text, size_t len, const char *filename,
		   struct error *e);
void settings_free(struct settings *c);

/* The sensitive parts of the sheet in force (guest_sensitive): the seven don't-asks and the
 * fields config.yaml's sensitive_fields adds, read once a process. The one answer the card,
 * the form, guest show, the exports and the saves ask. A config file that cannot be read adds
 * nothing here: the interface refuses to start on it and check-config says why. */
guest_field_set settings_sensitive_fields(void);
/* privacy.retain_years in force, read once a process: 0 (off: the default, and for a file that
 * cannot be read) or the years without a visit or contact after which a guest is due for
 * anonymising (domain.md §9, privacy_store.h). */
int settings_retain_years(void);

#endif
