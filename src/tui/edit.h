/* edit.h — one line of text being typed: UTF-8 aware cursor, insertion and deletion. */
#ifndef MAITRE_EDIT_H
#define MAITRE_EDIT_H

#include "tui/tui.h"

#define EDIT_MAX 16384 /* the longest field (4000 characters) in UTF-8, and room */

struct edit {
	char buf[EDIT_MAX];
	size_t len, cur; /* bytes; cur is always at a character boundary */
};

void edit_set(struct edit *e, const char *s);
/* Applies an editing action (ACT_CHAR with ch, LEFT, RIGHT, BOL, EOL, BACKSPACE, DELETE,
 * KILL, KILL_WORD). Returns true when it applied (the text or the cursor may have changed);
 * *changed tells whether the text did. */
bool edit_act(struct edit *e, enum action a, wint_t ch, bool *changed);
/* Draws the text in w columns at (y, x), scrolled so that the cursor shows; returns the
 * cursor's column. */
int edit_draw(const struct edit *e, int y, int x, int w, attr_t attr);

#endif
