/* row_window.h — a window of a long list read a piece at a time. */
#ifndef MAITRE_ROW_WINDOW_H
#define MAITRE_ROW_WINDOW_H

#include "tui/list_cursor.h"
#include "tui/tui.h"

/* A window of a long list read a piece at a time (keyset reads, as the attendance sheet and
 * the alert guests show theirs): rows v[0..n) of elem bytes each, plain data, in the list's
 * order with nothing between, and the cursor over them. The view reads; the window keeps the
 * array, what is known of its ends and the cursor right as rows come and go. */
struct row_window {
	void *v;
	size_t n, elem;
	bool at_start, at_end;  /* nothing before v[0] / after v[n-1] (false: not known yet) */
	struct list_cursor cur; /* over v[0..n) */
};
/* A view's read: up to limit rows after the row edge (backward: before it, in descending
 * order), as a new malloc'ed array; on failure *out is NULL and the view has said why. */
typedef enum store_status (*row_window_read)(struct tui *t, void *ctx, const void *edge,
					     bool backward, size_t limit, void **out, size_t *n);
/* Rows read at once: a screen's worth twice over, so that a read from the top fills it. */
size_t row_window_chunk(const struct tui *t);
/* Replaces the rows by v[0..n) (taken), read forward (or backward, ascending now), a chunk
 * asked for: the end reached when fewer came; the cursor on the first row (backward: the
 * last). at_start for a forward read, at_end for a backward one: whether it began there. */
void row_window_set(struct tui *t, struct row_window *w, void *v, size_t n, bool backward,
		    bool from_edge);
void row_window_free(struct row_window *w);
/* Reads the rows before the window onto its start; false when there are none (or it failed). */
bool row_window_grow_up(struct tui *t, struct row_window *w, row_window_read read, void *ctx);
/* Moves the cursor by a line or a page (up, down, page up, page down) of rows shown, reading
 * past the window's ends first as far as the move needs (the far end is let go past
 * ROW_WINDOW_KEEP rows, or four reads on a very tall screen): HR_REDRAW, or HR_NOT_MINE when a is none of those. Top and bottom are the view's:
 * it reads from the list's start or end (row_window_set). */
enum handler_result row_window_move(struct tui *t, struct row_window *w, row_window_read read,
				    void *ctx, enum action a, int rows);
#define ROW_WINDOW_KEEP 1024

#endif
