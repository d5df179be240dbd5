#include "config/paths.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/strv.h"

/* $HOME, else the password database's home directory, else ".". */
static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : ".";
	}
	return home;
}

char *paths_default_db(void)
{
	const char *env = getenv("MAITRE_DB");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/maitre/maitre.db", xdg);
	return xasprintf("%s/.local/share/maitre/maitre.db", home_dir());
}

char *paths_config_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/maitre", xdg);
	return xasprintf("%s/.config/maitre", home_dir());
}

char *paths_state_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/maitre", xdg);
	return xasprintf("%s/.local/state/maitre", home_dir());
}

int paths_make_parent(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			int e = errno;
			free(p);
			errno = e;
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}
