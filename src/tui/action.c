/* action.c — the action table, key names and the key map. */
#include "tui/action.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/strv.h"
#include "core/text.h"

const struct action_info action_table[ACT_COUNT] = {
	[ACT_NONE] = {"", "", 0, ""},
#define X(id, name, keys, scope, help) [ACT_##id] = {name, keys, scope, help},
	ACTIONS(X)
#undef X
};

/* The permission of each action plus one: 0 for the actions that need none. */
static const unsigned char action_perm1[ACT_COUNT] = {
#define P(id, perm) [ACT_##id] = (perm) + 1,
	ACTION_PERMS(P)
#undef P
};

int action_perm(enum action a)
{
	return a > ACT_NONE && a < ACT_COUNT ? action_perm1[a] - 1 : -1;
}

enum action action_by_name(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(action_table[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{"Enter", '\n'},       {"Esc", 27},          {"Tab", '\t'},
	{"Space", ' '},        {"BTab", KEYF | KEY_BTAB},
	{"Up", KEYF | KEY_UP}, {"Down", KEYF | KEY_DOWN}, {"Left", KEYF | KEY_LEFT},
	{"Right", KEYF | KEY_RIGHT}, {"PgUp", KEYF | KEY_PPAGE}, {"PgDn", KEYF | KEY_NPAGE},
	{"Home", KEYF | KEY_HOME}, {"End", KEYF | KEY_END}, {"Ins", KEYF | KEY_IC},
	{"Del", KEYF | KEY_DC}, {"Backspace", KEYF | KEY_BACKSPACE},
};

bool key_printable(int key)
{
	return !(key & KEYF) && key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0);
}

int key_parse(const char *s)
{
	if (!s || !*s)
		return -1;
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcmp(s, named_keys[i].name) == 0)
			return named_keys[i].key;
	if (s[0] == '^' && s[1] && !s[2]) {
		int c = s[1];
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c >= '@' && c <= '_')
			return c - '@';
		if (c == '?')
			return 127;
		return -1;
	}
	if (s[0] == 'F' && s[1] >= '1' && s[1] <= '9') {
		char *end;
		long n = strtol(s + 1, &end, 10);
		if (!*end && n >= 1 && n <= 12)
			return KEYF | KEY_F((int)n);
		return -1;
	}
	uint32_t cp;
	size_t len = strlen(s), k = text_decode(s, len, &cp);
	if (k != len || cp < 0x20 || cp == 0x7f)
		return -1;
	return (int)cp;
}

const char *key_label(int key, char *buf)
{
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (named_keys[i].key == key) {
			snprintf(buf, 16, "%s", named_keys[i].name);
			return buf;
		}
	if (key & KEYF) {
		int k = key & ~KEYF;
		if (k >= KEY_F(1) && k <= KEY_F(12))
			snprintf(buf, 16, "F%d", k - KEY_F0);
		else
			snprintf(buf, 16, "<%d>", k);
	} else if (key < 0x20) {
		snprintf(buf, 16, "^%c", key + '@');
	} else if (key == 127) {
		snprintf(buf, 16, "^?");
	} else {
		buf[text_encode((uint32_t)key, buf)] = '\0';
	}
	return buf;
}

static void bind(struct keymap *m, int key, unsigned scope, enum action a)
{
	vec_reserve((void **)&m->v, m->n + 1, &m->cap, sizeof *m->v);
	m->v[m->n++] = (struct key_binding){key, scope, a};
}

/* Binds each key of keys (space-separated) to a in scope. */
static int bind_all(struct keymap *m, enum action a, const char *keys, unsigned scope,
		    struct error *e)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", keys);
	char *save = NULL;
	for (char *k = strtok_r(buf, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
		int key = key_parse(k);
		if (key < 0)
			return error_set(e, 0,
					 "%s: \"%s\" is not a key (a character, ^X, F1-F12, Enter, Esc, "
					 "Tab, BTab, Space, Up, Down, Left, Right, PgUp, PgDn, Home, End, "
					 "Ins, Del, Backspace)",
					 action_table[a].name, k);
		bind(m, key, scope, a);
	}
	return 0;
}

void keymap_defaults(struct keymap *m)
{
	m->n = 0;
	/* no error to read: every key of the table is one key_parse knows */
	for (int a = 1; a < ACT_COUNT; a++)
		bind_all(m, (enum action)a, action_table[a].keys, action_table[a].scope, NULL);
}

int keymap_bind(struct keymap *m, const char *name, const char *keys, struct error *e)
{
	enum action a = action_by_name(name);
	if (a == ACT_NONE)
		return error_set(e, 0, "no action \"%s\" (see 'maitre help keys')", name);
	struct keymap tmp = {0};
	if (bind_all(&tmp, a, keys, action_table[a].scope, e) < 0) {
		keymap_free(&tmp);
		return -1;
	}
	/* the action's old keys go, and so does another action's binding of one of the new keys
	 * where they would meet (the new binding would hide it: help must not list it) */
	size_t j = 0;
	for (size_t i = 0; i < m->n; i++) {
		bool hidden = false;
		for (size_t k = 0; k < tmp.n && !hidden; k++)
			hidden = tmp.v[k].key == m->v[i].key && (tmp.v[k].scope & m->v[i].scope);
		if (m->v[i].action != a && !hidden)
			m->v[j++] = m->v[i];
	}
	m->n = j;
	for (size_t i = 0; i < tmp.n; i++)
		bind(m, tmp.v[i].key, tmp.v[i].scope, a);
	keymap_free(&tmp);
	return 0;
}

enum action keymap_lookup(const struct keymap *m, int key, const unsigned *scopes, size_t n)
{
	for (size_t s = 0; s < n; s++)
		for (size_t i = m->n; i-- > 0;) /* later bindings win */
			if (m->v[i].key == key && (m->v[i].scope & scopes[s]))
				return m->v[i].action;
	return ACT_NONE;
}

const char *keymap_keys(const struct keymap *m, enum action a, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < m->n; i++) {
		if (m->v[i].action != a)
			continue;
		char k[16];
		int w = snprintf(buf + used, len - used, "%s%s", used ? " " : "",
				 key_label(m->v[i].key, k));
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
	return buf;
}

void keymap_free(struct keymap *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}
