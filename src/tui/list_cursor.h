/* list_cursor.h — the cursor of a list shown some rows at a time. */
#ifndef MAITRE_LIST_CURSOR_H
#define MAITRE_LIST_CURSOR_H

#include "tui/tui.h"

/* The cursor of a list of lines shown some rows at a time: the selected line and the first
 * line shown. */
struct list_cursor {
	size_t sel, top;
};
/* Moves c by a list action (up, down, page up and down, top, bottom) in a list of n lines of
 * which rows are shown: HR_REDRAW, or HR_NOT_MINE when a is none of those. */
enum handler_result list_cursor_act(struct list_cursor *c, enum action a, size_t n, int rows);
/* Keeps the selection within n lines and in view of rows; returns the first line to draw. */
size_t list_cursor_first(struct list_cursor *c, size_t n, int rows);

#endif
