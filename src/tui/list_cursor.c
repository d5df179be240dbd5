/* list_cursor.c — the cursor of a list shown some rows at a time (see list_cursor.h). */
#include "tui/list_cursor.h"

enum handler_result list_cursor_act(struct list_cursor *c, enum action a, size_t n, int rows)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;
	switch (a) {
	case ACT_UP:
		if (c->sel)
			c->sel--;
		break;
	case ACT_DOWN:
		if (c->sel + 1 < n)
			c->sel++;
		break;
	case ACT_PAGE_UP:
		c->sel = c->sel > page ? c->sel - page : 0;
		c->top = c->top > page ? c->top - page : 0;
		break;
	case ACT_PAGE_DOWN:
		c->sel = c->sel + page < n ? c->sel + page : (n ? n - 1 : 0);
		if (c->top + page < n)
			c->top += page;
		break;
	case ACT_TOP:
		c->sel = 0;
		break;
	case ACT_BOTTOM:
		c->sel = n ? n - 1 : 0;
		break;
	default:
		return HR_NOT_MINE;
	}
	list_cursor_first(c, n, rows);
	return HR_REDRAW;
}

size_t list_cursor_first(struct list_cursor *c, size_t n, int rows)
{
	size_t r = rows > 0 ? (size_t)rows : 1;
	if (c->sel >= n)
		c->sel = n ? n - 1 : 0;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + r)
		c->top = c->sel - r + 1;
	if (c->top + r > n)
		c->top = n > r ? n - r : 0;
	return c->top;
}
