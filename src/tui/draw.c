/* draw.c — width-aware, control-safe drawing (see draw.h). */
#include "tui/draw.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* The next character of s as shown: its text (a code point, or caret notation for a control)
 * into out, its columns into *cols; returns the bytes of s it consumed (0 at the end). */
static size_t next_shown(const char *s, size_t n, wchar_t out[3], int *cols)
{
	uint32_t cp;
	if (!n)
		return 0;
	size_t k = text_decode(s, n, &cp);
	if (k == 0) {
		k = 1;
		cp = 0xFFFD;
	}
	out[1] = out[2] = 0;
	if (cp < 0x20 || cp == 0x7f) {
		out[0] = L'^';
		out[1] = cp == 0x7f ? L'?' : (wchar_t)(cp + '@');
		*cols = 2;
	} else if (text_cp_unsafe(cp)) { /* C1 and bidirectional controls (core/text.h) */
		out[0] = 0xFFFD;
		*cols = 1;
	} else {
		int w = text_cp_width(cp);
		out[0] = (wchar_t)cp;
		*cols = w < 0 ? 1 : w;
		if (w < 0)
			out[0] = 0xFFFD;
	}
	return k;
}

int draw_width(const char *s)
{
	int total = 0, c;
	wchar_t wc[3];
	size_t n = s ? strlen(s) : 0, k;
	while ((k = next_shown(s, n, wc, &c)) > 0) {
		total += c;
		s += k, n -= k;
	}
	return total;
}

static void put(int y, int x, const wchar_t *wc, attr_t attr)
{
	cchar_t cc;
	setcchar(&cc, wc, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	mvadd_wch(y, x, &cc);
}

int draw_text(int y, int x, int w, const char *s, attr_t attr, bool ellipsis)
{
	if (w <= 0 || !s)
		return 0;
	int full = draw_width(s);
	int limit = full > w && ellipsis ? w - 1 : w;
	int used = 0, c;
	wchar_t wc[3];
	/* the character being drawn and the combining marks that follow it, in one cell */
	wchar_t cell[CCHARW_MAX + 1];
	int ncell = 0, cell_x = 0;
	size_t n = strlen(s), k;
	while ((k = next_shown(s, n, wc, &c)) > 0) {
		s += k, n -= k;
		if (c == 0) {
			if (ncell > 0 && ncell < CCHARW_MAX)
				cell[ncell++] = wc[0];
			continue;
		}
		if (used + c > limit)
			break;
		if (ncell) {
			cell[ncell] = 0;
			put(y, cell_x, cell, attr);
			ncell = 0;
		}
		if (wc[1]) { /* caret notation: two cells */
			wchar_t a1[2] = {wc[0], 0}, b1[2] = {wc[1], 0};
			put(y, x + used, a1, attr);
			put(y, x + used + 1, b1, attr);
		} else {
			cell[0] = wc[0];
			ncell = 1;
			cell_x = x + used;
		}
		used += c;
	}
	if (ncell) {
		cell[ncell] = 0;
		put(y, cell_x, cell, attr);
	}
	if (full > w && ellipsis) {
		while (used < w - 1) { /* a wide character did not fit: pad */
			put(y, x + used, L" ", attr);
			used++;
		}
		put(y, x + used, L"…", attr);
		used++;
	}
	return used;
}

void draw_fill(int y, int x, int w, const char *s, attr_t attr)
{
	int used = draw_text(y, x, w, s ? s : "", attr, true);
	for (; used < w; used++)
		put(y, x + used, L" ", attr);
}

void draw_right(int y, int x, int w, const char *s, attr_t attr)
{
	int sw = draw_width(s);
	if (sw >= w) {
		draw_text(y, x, w, s, attr, true);
		return;
	}
	for (int i = 0; i < w - sw; i++)
		put(y, x + i, L" ", attr);
	draw_text(y, x + w - sw, sw, s, attr, false);
}

int draw_wrap(int y, int x, int w, int maxrows, const char *s, attr_t attr)
{
	if (w <= 0 || !s)
		return 0;
	int rows = 0;
	size_t n = strlen(s);
	while (n || rows == 0) {
		/* take as many characters as fit; break at the last space when the rest continues */
		size_t take = 0, brk = 0;
		int used = 0, c;
		wchar_t wc[3];
		size_t k;
		while ((k = next_shown(s + take, n - take, wc, &c)) > 0 && used + c <= w) {
			used += c;
			take += k;
			if (wc[0] == L' ')
				brk = take;
		}
		if (take < n && brk > 0)
			take = brk;
		if (take == 0 && n) /* a character wider than the line */
			take = k ? k : n;
		if (maxrows > 0 && rows < maxrows) {
			char *line = xstrndup(s, take);
			draw_fill(y + rows, x, w, line, attr);
			free(line);
		}
		rows++;
		s += take, n -= take;
		while (n && *s == ' ')
			s++, n--;
		if (!n)
			break;
	}
	return rows;
}

attr_t draw_attr(const struct tui *t, enum theme_elem e)
{
	return t->attr[e];
}
