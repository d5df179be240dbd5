/* error.c — the one error type (see error.h). */
#include "core/error.h"

#include <stdio.h>
#include <string.h>

/* Cuts s back to a whole UTF-8 character after vsnprintf cut it at a byte. */
static void whole_chars(char *s, size_t n)
{
	size_t len = strnlen(s, n);
	if (len < n - 1)
		return;
	size_t i = len;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i > 0 && (unsigned char)s[i - 1] >= 0xc0) {
		unsigned char lead = (unsigned char)s[i - 1];
		size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
		if (len - (i - 1) < need)
			s[i - 1] = '\0';
	}
}

int error_setv(struct error *e, int code, const char *fmt, va_list ap)
{
	if (!e)
		return -1;
	e->code = code;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	whole_chars(e->msg, sizeof e->msg);
	return -1;
}

int error_set(struct error *e, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_setv(e, code, fmt, ap);
	va_end(ap);
	return -1;
}

void error_prefix(struct error *e, const char *fmt, ...)
{
	if (!e)
		return;
	char was[ERROR_MSG_MAX];
	memcpy(was, e->msg, sizeof was);
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	size_t at = n < 0 ? 0 : (size_t)n < sizeof e->msg ? (size_t)n : sizeof e->msg - 1;
	size_t room = sizeof e->msg - 1 - at, len = strlen(was);
	memcpy(e->msg + at, was, len < room ? len : room);
	e->msg[at + (len < room ? len : room)] = '\0';
	whole_chars(e->msg, sizeof e->msg);
}

void error_clear(struct error *e)
{
	if (e) {
		e->code = 0;
		e->msg[0] = '\0';
	}
}
