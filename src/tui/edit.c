/* edit.c — a line of typed text (see edit.h). */
#include "tui/edit.h"

#include <string.h>

#include "core/text.h"
#include "tui/draw.h"

void edit_set(struct edit *e, const char *s)
{
	snprintf(e->buf, sizeof e->buf, "%s", s ? s : "");
	/* never keep half a character at the end of a long value */
	size_t n = strlen(e->buf);
	while (n && !text_valid_utf8(e->buf))
		e->buf[--n] = '\0';
	e->len = e->cur = n;
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
		if (k == 0 || e->len + k >= sizeof e->buf)
			return true;
		memmove(e->buf + e->cur + k, e->buf + e->cur, e->len - e->cur + 1);
		memcpy(e->buf + e->cur, enc, k);
		e->len += k;
		e->cur += k;
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
		e->len = e->cur = 0;
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
	/* scroll: show from a character such that the cursor fits */
	char before[EDIT_MAX];
	memcpy(before, e->buf, e->cur);
	before[e->cur] = '\0';
	size_t start = 0;
	while (draw_width(before + start) > w - 1 && start < e->cur) {
		uint32_t cp;
		size_t k = text_decode(before + start, e->cur - start, &cp);
		start += k ? k : 1;
	}
	draw_fill(y, x, w, e->buf + start, attr);
	return x + draw_width(before + start);
}
