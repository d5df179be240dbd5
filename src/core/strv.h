/* strv.h — growable vectors of owned strings, and a growable byte buffer. They allocate
 * through the x-functions (xalloc.h): nothing here fails. */
#ifndef MAITRE_STRV_H
#define MAITRE_STRV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/xalloc.h"

struct strv {
	char **v;
	size_t n, cap;
};

/* Appends a copy of s (not NULL). */
void strv_push(struct strv *sv, const char *s);
/* Appends s (not NULL), taking ownership. */
void strv_take(struct strv *sv, char *s);
/* Appends a copy of s unless an equal string is already there. */
void strv_push_unique(struct strv *sv, const char *s);
bool strv_contains(const struct strv *sv, const char *s);
/* Frees every string and the vector itself; leaves sv empty and reusable. */
void strv_free(struct strv *sv);
/* The first and the last of sv as "2026-05…2026-09" (a span of months), or the one item, into
 * buf of n bytes ("" when sv is empty). */
void strv_span(const struct strv *sv, char *buf, size_t n);

struct sbuf {
	char *s; /* always NUL-terminated once anything was added; may be NULL before */
	size_t len, cap;
};

/* Makes room for extra more bytes and the NUL, for writing into b->s directly. */
void sbuf_reserve(struct sbuf *b, size_t extra);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the buffer's string (never NULL: "" when empty), owned by the caller; b is reset. */
char *sbuf_detach(struct sbuf *b);
void sbuf_free(struct sbuf *b);

/* Makes room for need elements of size bytes in the growable array *v of capacity *cap
 * (doubling it). */
void vec_reserve(void **v, size_t need, size_t *cap, size_t size);
/* Turns the array v of n elements of size bytes end for end, in place. */
void vec_reverse(void *v, size_t n, size_t size);


#endif
