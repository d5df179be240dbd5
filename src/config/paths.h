/* paths.h — where maitre keeps its files (XDG base directories). */
#ifndef MAITRE_PATHS_H
#define MAITRE_PATHS_H

/* The database path: $MAITRE_DB, else $XDG_DATA_HOME/maitre/maitre.db, else
 * ~/.local/share/maitre/maitre.db. Caller frees. */
char *paths_default_db(void);
/* Creates the directories leading to path (mode 0700), like mkdir -p of its dirname.
 * Returns 0 or -1 with errno set. */
int paths_make_parent(const char *path);
/* The user's configuration directory: $XDG_CONFIG_HOME/maitre when XDG_CONFIG_HOME is an
 * absolute path, else ~/.config/maitre. Caller frees. */
char *paths_config_dir(void);
/* The user's state directory (drafts kept across a hangup): $XDG_STATE_HOME/maitre when
 * XDG_STATE_HOME is an absolute path, else ~/.local/state/maitre. Caller frees. */
char *paths_state_dir(void);

#endif
