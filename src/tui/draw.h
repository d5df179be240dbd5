/* draw.h — the one width-aware routine every string of the interface is drawn through.
 * Chinese takes two columns, combining marks none; a character is never cut in half; control
 * characters and escape sequences inside data are shown in caret notation (ESC as ^[), never
 * sent to the terminal; C1 controls (CSI U+009B), bidirectional controls (U+202E: all that
 * text_cp_unsafe names) and invalid UTF-8 show as U+FFFD. */
#ifndef MAITRE_DRAW_H
#define MAITRE_DRAW_H

#include "tui/tui.h"

/* Draws s at row y, column x, in at most w columns with attributes attr; when s is wider and
 * ellipsis is set, the last column shows "…". Returns the columns drawn. */
int draw_text(int y, int x, int w, const char *s, attr_t attr, bool ellipsis);
/* As draw_text, then fills the rest of the w columns with spaces in attr. */
void draw_fill(int y, int x, int w, const char *s, attr_t attr);
/* As draw_text, right-aligned in w columns. */
void draw_right(int y, int x, int w, const char *s, attr_t attr);
/* Columns s takes as draw_text shows it. */
int draw_width(const char *s);
/* Draws s wrapped over rows y.. (at most maxrows of w columns, breaking at spaces where it can,
 * never inside a character); returns the rows used. With maxrows 0 nothing is drawn and the
 * rows it would need are returned. */
int draw_wrap(int y, int x, int w, int maxrows, const char *s, attr_t attr);
/* The attributes of a theme element. */
attr_t draw_attr(const struct tui *t, enum theme_elem e);

#endif
