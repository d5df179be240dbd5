/* theme.h — colour themes (themes/NAME.yaml): each named screen element gets a foreground,
 * a background and attributes. The TUI turns a struct theme into curses pairs; this module only
 * loads and checks the files. Diagnostics read "FILE:LINE:COLUMN: message" (1-based), as
 * tiers.yaml's do. */
#ifndef MAITRE_THEME_H
#define MAITRE_THEME_H

#include <stddef.h>

#include "core/error.h"

/* The screen elements, in the order the theme files list them. */
enum theme_elem {
	TE_NORMAL,
	TE_TITLE,
	TE_LABEL,
	TE_DIM,
	TE_SELECTION,
	TE_STATUS,
	TE_HINT,
	TE_MESSAGE,
	TE_ERROR,
	TE_WARNING,
	TE_ALLERGY,
	TE_TABOO,
	TE_OVERDUE,
	TE_COMPLAINT,
	TE_TIER_A,
	TE_TIER_B,
	TE_TIER_C,
	TE_FIELD,
	TE_FIELD_ERROR,
	TE_BORDER,
	TE_COUNT
};

/* Attribute bits of struct theme_style.attrs. */
enum {
	THEME_BOLD = 1,
	THEME_REVERSE = 2,
	THEME_UNDERLINE = 4,
	THEME_DIM = 8,
	THEME_STANDOUT = 16,
};

struct theme_style {
	short fg, bg; /* -1 = terminal default, else 0..255 (8..15: the bright colours) */
	unsigned attrs;
};

struct theme {
	char name[64];
	struct theme_style s[TE_COUNT];
};

/* One shipped theme, compiled in (src/config/themes_builtin.c, generated from
 * themes/NAME.yaml by scripts/gen-themes-builtin.awk): its name (the file's name without
 * ".yaml") and its text, byte for byte. */
struct theme_builtin {
	const char *name;
	const char *text;
	size_t len;
};

/* The shipped themes, "default" first, ended by {NULL, NULL, 0}; and their names, ended by NULL
 * (both in src/config/themes_builtin.c). */
extern const struct theme_builtin theme_builtins[];
extern const char *const theme_builtin_name_list[];

/* The element's name in theme files ("allergy"); NULL when e is out of range. Static. */
const char *theme_elem_name(enum theme_elem e);

/* Parses and checks len bytes of theme YAML; filename prefixes the diagnostic and, without a
 * "name:" key, gives the theme its name (its last component without ".yaml"). Elements the
 * text leaves out copy "normal"; so do the fg, bg and attrs an element leaves out ("normal"
 * itself defaults to the terminal's colours and no attributes). Returns 0 with *out replaced
 * and e cleared, or -1 with the first error as "FILE:LINE:COLUMN: message" in e and *out
 * untouched. e may be NULL. */
int theme_parse(const char *text, size_t len, const char *filename, struct theme *out,
                struct error *e);

/* Reads the file at path and parses it as theme_parse, with path as the file name. A file that
 * cannot be read gives "PATH: cannot read: REASON". Returns 0, or -1 (*out untouched). */
int theme_load_file(const char *path, struct theme *out, struct error *e);

/* Loads the theme called name: the user's $XDG_CONFIG_HOME/maitre/themes/NAME.yaml (or
 * ~/.config/maitre/themes/NAME.yaml) when it exists, else the built-in copy of
 * themes/NAME.yaml. Returns 0, or -1 (*out untouched) with a message in e that names the theme
 * when it is not a valid name or neither exists, or the file's first error when it is broken. */
int theme_load_named(const char *name, struct theme *out, struct error *e);

/* The built-in theme names, "default" first, ended by NULL. Static. */
const char *const *theme_builtin_names(void);

#endif
