/* error.h — the one error type of every layer.
 *
 * A function that can fail returns a status (-1, or its layer's enum: store_status) and, when
 * given a struct error, says why in it: one message, naming the field or the file:line:column
 * and the value, in the interface's language; code is the failing layer's status (0 when the
 * layer has none). The caller adds context with error_prefix and shows or prints msg. */
#ifndef MAITRE_ERROR_H
#define MAITRE_ERROR_H

#include <stdarg.h>

#define ERROR_MSG_MAX 512

struct error {
	int code;
	char msg[ERROR_MSG_MAX]; /* "" when nothing failed; cut at a character boundary */
};

/* Sets e (when not NULL) to code and the printf message. Returns -1, for `return error_set(…)`. */
int error_set(struct error *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int error_setv(struct error *e, int code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Puts the printf text before e's message ("tiers.yaml: " + msg). */
void error_prefix(struct error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void error_clear(struct error *e);
/* True when e holds an error. */
static inline int error_is_set(const struct error *e)
{
	return e && e->msg[0];
}

#endif
