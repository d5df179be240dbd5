/* main.c — maitre: argv → a command of the command line, or the terminal interface. */
#include "config.h"

#include <langinfo.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tui/screen.h"
#include "tui/tui.h"

/* Where the message catalogues are: $MAITRE_LOCALEDIR, the build tree's po/locale when
 * maitre runs from its build directory, else the installed locale directory. */
static const char *locale_dir(void)
{
	static char dir[PATH_MAX + 16];
	const char *env = getenv("MAITRE_LOCALEDIR");
	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", dir, PATH_MAX);
	if (n > 0) {
		dir[n] = '\0';
		char *slash = strrchr(dir, '/');
		struct stat sb;
		if (slash) {
			strcpy(slash, "/po/locale");
			if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
				return dir;
		}
	}
	return LOCALEDIR;
}

int main(int argc, char **argv)
{
	tui_process_t0 = tui_now_ms();
	/* LANGUAGE set but empty (as login scripts often leave it) says nothing: without this the
	 * fallback below would take it as a choice and LANG=zh_CN.UTF-8 would speak English */
	const char *language = getenv("LANGUAGE");
	if (language && !*language)
		unsetenv("LANGUAGE");
	const char *asked = setlocale(LC_ALL, "");
	/* Guest data is UTF-8 whatever the locale: when the one asked for is missing or not
	 * UTF-8, use C.UTF-8 for characters and keep the language it named for messages. */
	if (!asked || strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		const char *lang = getenv("LC_ALL");
		if (!lang || !*lang)
			lang = getenv("LC_MESSAGES");
		if (!lang || !*lang)
			lang = getenv("LANG");
		setlocale(LC_ALL, "C.UTF-8");
		if (lang && *lang && strcmp(lang, "C") && strcmp(lang, "POSIX") && !getenv("LANGUAGE")) {
			char l[64];
			snprintf(l, sizeof l, "%s", lang);
			l[strcspn(l, ".@")] = '\0';
			setenv("LANGUAGE", l, 1);
		}
	}
	bindtextdomain(PACKAGE, locale_dir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	/* the command line, or with no command the interface: cli reaches it through ui */
	static const struct cli_interface ui = {.run = tui_run, .print_keys = screen_print_keys};
	return cli_main(argc, argv, &ui);
}
