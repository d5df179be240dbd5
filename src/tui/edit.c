/* edit.c — a line of typed text (see edit.h). */
#include "tui/edit.h"

#include <string.h>

#include "core/text.h"
#include "tui/draw.h"

static size_t refused;

size_t edit_refused(void)
{
	size_t r = refused;
	refused = 0;
	return r;
}

void edit_set(struct edit *e, const char *s)
{
	snprintf(e->buf, sizeof e->buf, "%s", s ? s : "");
	/* never keep half a character at the end of a long value */
	size_t n = strlen(e->buf);
	while (n && !text_valid_utf8(e->buf))
		e->buf[--n] = '\0';
	e->len = e->cur = n;
	e->chars = text_cp_count(e->buf);
}

void edit_limit(struct edit *e, size_t max)
{
	e->max = max;
}

static size_t limit(const struct edit *e)
{
	return e->max ? e->max : EDIT_CHARS;
}

/* Characters in bytes [from, to). */
static size_t count(const struct edit *e, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++)
		n += ((unsigned char)e->buf[i] & 0xC0) != 0x80;
	return n;
}

static size_t prev_char(const struct edit *e, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)e->buf[at] & 0xC0) == 0x80)
		at--;
	return at;
}

static size_t next_char(const struct edit *e, size_t at)
{
	if (at >= e->len)
		return e->len;
	at++;
	while (at < e->len && ((unsigned char)e->buf[at] & 0xC0) == 0x80)
		at++;
	return at;
}

static void cut(struct edit *e, size_t from, size_t to)
{
	e->chars -= count(e, from, to);
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

bool edit_act(struct edit *e, enum action a, wint_t ch, bool *changed)
{
	*changed = false;
	switch (a) {
	case ACT_CHAR: {
		char enc[8];
		if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || ch > 0x10FFFF)
			return true; /* controls never enter a field */
		size_t k = text_encode((uint32_t)ch, enc);
		if (k == 0)
			return true;
		if (e->chars >= limit(e) || e->len + k >= sizeof e->buf) {
			refused = limit(e); /* full: said on the status line */
			return true;
		}
		memmove(e->buf + e->cur + k, e->buf + e->cur, e->len - e->cur + 1);
		memcpy(e->buf + e->cur, enc, k);
		e->len += k;
		e->cur += k;
		e->chars++;
		*changed = true;
		return true;
	}
	case ACT_LEFT:
		e->cur = prev_char(e, e->cur);
		return true;
	case ACT_RIGHT:
		e->cur = next_char(e, e->cur);
		return true;
	case ACT_BOL:
		e->cur = 0;
		return true;
	case ACT_EOL:
		e->cur = e->len;
		return true;
	case ACT_BACKSPACE:
		if (e->cur) {
			cut(e, prev_char(e, e->cur), e->cur);
			*changed = true;
		}
		return true;
	case ACT_DELETE:
		if (e->cur < e->len) {
			cut(e, e->cur, next_char(e, e->cur));
			*changed = true;
		}
		return true;
	case ACT_KILL:
		*changed = e->len > 0;
		e->buf[0] = '\0';
		e->len = e->cur = e->chars = 0;
		return true;
	case ACT_KILL_WORD: {
		size_t at = e->cur;
		while (at && e->buf[at - 1] == ' ')
			at--;
		while (at && e->buf[at - 1] != ' ')
			at = prev_char(e, at);
		if (at < e->cur) {
			cut(e, at, e->cur);
			*changed = true;
		}
		return true;
	}
	default:
		return false;
	}
}

int edit_draw(const struct edit *e, int y, int x, int w, attr_t attr)
{
	/* scroll: the text shown starts at the earliest character from which the text up to the
	 * cursor fits in w - 1 columns; found walking back from the cursor, at most w columns */
	size_t start = e->cur;
	int cols = 0;
	while (start > 0) {
		size_t p = prev_char(e, start);
		uint32_t cp;
		text_decode(e->buf + p, start - p, &cp);
		int cw = text_cp_width(cp);
		if (cw < 0)
			cw = 2; /* not in a field: shown as ^X */
		if (cols + cw > w - 1)
			break;
		cols += cw;
		start = p;
	}
	draw_fill(y, x, w, e->buf + start, attr);
	return x + cols;
}
