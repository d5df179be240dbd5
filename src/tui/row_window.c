/* row_window.c — a window of a long list read a piece at a time (see row_window.h). */
#include "tui/row_window.h"

#include <stdlib.h>
#include <string.h>

#define ROW_WINDOW_CHUNK 64

size_t row_window_chunk(const struct tui *t)
{
	size_t twice = t->rows > 0 ? (size_t)t->rows * 2 : 0;
	return twice > ROW_WINDOW_CHUNK ? twice : ROW_WINDOW_CHUNK;
}

void row_window_set(struct tui *t, struct row_window *w, void *v, size_t n, bool backward,
		    bool from_edge)
{
	free(w->v);
	w->v = v;
	w->n = n;
	bool short_read = n < row_window_chunk(t);
	w->at_start = backward ? short_read : from_edge;
	w->at_end = backward ? from_edge : short_read;
	w->cur.sel = backward && n ? n - 1 : 0;
	w->cur.top = w->cur.sel;
}

void row_window_free(struct row_window *w)
{
	free(w->v);
	w->v = NULL;
	w->n = 0;
}

/* The most rows kept: ROW_WINDOW_KEEP, or four reads on a screen so tall that a read is more
 * (a read must never push out the selected row or the page it moves by). */
static size_t keep_of(const struct tui *t)
{
	size_t four = 4 * row_window_chunk(t);
	return four > ROW_WINDOW_KEEP ? four : ROW_WINDOW_KEEP;
}

static char *row_at(const struct row_window *w, size_t i)
{
	return (char *)w->v + i * w->elem;
}

/* Reads the rows after the window onto its end; false when there are none (or it failed). */
static bool grow_down(struct tui *t, struct row_window *w, row_window_read read, void *ctx)
{
	if (w->at_end || !w->n)
		return false;
	void *more;
	char *nv;
	size_t k, chunk = row_window_chunk(t);
	if (read(t, ctx, row_at(w, w->n - 1), false, chunk, &more, &k) != ST_OK)
		return false;
	w->at_end = k < chunk;
	if (!k) {
		free(more);
		return false;
	}
	nv = xreallocarray(w->v, w->n + k, w->elem);
	memcpy(nv + w->n * w->elem, more, k * w->elem);
	free(more);
	w->v = nv;
	w->n += k;
	size_t most = keep_of(t);
	if (w->n > most) { /* let the first rows go */
		size_t drop = w->n - most;
		memmove(w->v, row_at(w, drop), most * w->elem);
		w->n = most;
		w->cur.sel -= drop < w->cur.sel ? drop : w->cur.sel;
		w->cur.top -= drop < w->cur.top ? drop : w->cur.top;
		w->at_start = false;
	}
	return true;
}

bool row_window_grow_up(struct tui *t, struct row_window *w, row_window_read read, void *ctx)
{
	if (w->at_start || !w->n)
		return false;
	void *more;
	size_t k, chunk = row_window_chunk(t);
	if (read(t, ctx, w->v, true, chunk, &more, &k) != ST_OK)
		return false;
	w->at_start = k < chunk;
	size_t keep = w->n, most = keep_of(t); /* let the last rows go past most */
	if (w->n + k > most)
		keep = most - k; /* k <= a chunk < most */
	if (!k) {
		free(more);
		return false;
	}
	char *nv = xreallocarray(NULL, k + keep, w->elem);
	memcpy(nv, more, k * w->elem);
	memcpy(nv + k * w->elem, w->v, keep * w->elem);
	free(more);
	free(w->v);
	w->v = nv;
	if (keep < w->n)
		w->at_end = false;
	w->n = k + keep;
	w->cur.sel += k;
	w->cur.top += k;
	return true;
}

enum handler_result row_window_move(struct tui *t, struct row_window *w, row_window_read read,
				    void *ctx, enum action a, int rows)
{
	long page = rows > 1 ? rows - 1 : 1, delta;
	switch (a) {
	case ACT_UP:
		delta = -1;
		break;
	case ACT_DOWN:
		delta = 1;
		break;
	case ACT_PAGE_UP:
		delta = -page;
		break;
	case ACT_PAGE_DOWN:
		delta = page;
		break;
	default:
		return HR_NOT_MINE;
	}
	while (delta > 0 && w->cur.sel + (size_t)delta >= w->n && grow_down(t, w, read, ctx))
		;
	while (delta < 0 && (size_t)-delta > w->cur.sel && row_window_grow_up(t, w, read, ctx))
		;
	return list_cursor_act(&w->cur, a, w->n, rows);
}
