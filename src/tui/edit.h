/* edit.h — one line of text being typed: UTF-8 aware cursor, insertion and deletion, a limit
 * in characters. Every operation is linear in the text or better, so that a pasted page goes
 * in as fast as it arrives. */
#ifndef MAITRE_EDIT_H
#define MAITRE_EDIT_H

#include "tui/tui.h"

#define EDIT_MAX 16384 /* the longest field (4000 characters) in UTF-8, and room */
#define EDIT_CHARS 4000 /* the limit of a field that sets none */

struct edit {
	char buf[EDIT_MAX];
	size_t len, cur; /* bytes; cur is always at a character boundary */
	size_t chars;    /* characters in buf */
	size_t max;      /* the most characters it takes (0: EDIT_CHARS) */
};

/* Sets the text (kept as it is even when longer than the limit) and puts the cursor at its end;
 * the limit stays. */
void edit_set(struct edit *e, const char *s);
/* Sets the limit: the most characters (as a person counts them, not bytes) e takes. */
void edit_limit(struct edit *e, size_t max);
/* Applies an editing action (ACT_CHAR with ch, LEFT, RIGHT, BOL, EOL, BACKSPACE, DELETE,
 * KILL, KILL_WORD). Returns true when it applied (the text or the cursor may have changed);
 * *changed tells whether the text did. A character refused at the limit changes nothing and
 * is remembered for edit_refused. */
bool edit_act(struct edit *e, enum action a, wint_t ch, bool *changed);
/* The limit of the field that last refused a character since the last call, then 0; 0 when
 * none did. */
size_t edit_refused(void);
/* Draws the text in w columns at (y, x), scrolled so that the cursor shows; returns the
 * cursor's column. */
int edit_draw(const struct edit *e, int y, int x, int w, attr_t attr);

#endif
