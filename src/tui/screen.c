/* screen.c — the list of screens (screen.h), and what is read from it by name. */
#include "tui/screen.h"

#include <string.h>

#include "config/settings.h"
#include "core/access.h"
#include "core/i18n.h"
#include "tui/tui.h"

const struct screen_info screen_table[SCREEN_COUNT] = {
#define SCREEN_ROW_(p, id, name, local, title, key, help, open)                                 \
	[SCREEN_##id] = {SC_##id, name, local, title, key, open},
	SCREENS(SCREEN_ROW_, SCREEN_ROW_, SCREEN_ROW_, )
#undef SCREEN_ROW_
};

/* The permission of each screen plus one: 0 for the screens that need none. */
static const unsigned char screen_perm1[SCREEN_COUNT] = {
#define P(id, perm) [SCREEN_##id] = (perm) + 1,
	SCREEN_PERMS(P)
#undef P
};

int screen_perm(const struct screen_info *s)
{
	return screen_perm1[s - screen_table] - 1;
}

const char *screen_local_name(const struct screen_info *s)
{
	return s->local ? i18n_ctx(s->local) : s->name;
}

const struct screen_info *screen_by_name(const char *name)
{
	for (size_t i = 0; i < SCREEN_COUNT; i++) {
		const struct screen_info *s = &screen_table[i];
		if (s->name && (strcmp(name, s->name) == 0 || strcmp(name, screen_local_name(s)) == 0))
			return s;
	}
	return NULL;
}

void screen_print_keys(FILE *out)
{
	struct keymap m = {0};
	keymap_defaults(&m);
	struct settings cfg;
	struct error err;
	if (settings_load(&cfg, &err) < 0)
		tui_say(_("%s (the default keys follow)"), err.msg);
	for (size_t i = 0; i < cfg.nbindings; i++)
		if (keymap_bind(&m, cfg.bindings[i].action, cfg.bindings[i].keys, &err) < 0)
			tui_say("%s:%d:%d: %s", cfg.path, cfg.bindings[i].line, cfg.bindings[i].column,
				err.msg);
	settings_free(&cfg);
	fprintf(out,
		"The keys of the interface (maitre with no command); each can be rebound by its\n"
		"action name in config.yaml (maitre-config(5)) and run by name from the ':' line.\n");
	for (size_t s = 0; s < SCREEN_COUNT; s++) {
		unsigned scope = screen_table[s].scope;
		bool any = false;
		for (int a = 1; a < ACT_COUNT; a++)
			any = any || action_table[a].scope & scope;
		if (!any)
			continue;
		fprintf(out, "\n%s:\n", screen_table[s].title);
		for (int a = 1; a < ACT_COUNT; a++) {
			if (!(action_table[a].scope & scope))
				continue;
			char keys[64];
			keymap_keys(&m, (enum action)a, keys, sizeof keys);
			fprintf(out, "  %-16s %-13s %s\n", keys, action_table[a].name,
				action_table[a].help);
		}
	}
	keymap_free(&m);
}
