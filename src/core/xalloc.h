/* xalloc.h — memory that is there or the program stops.
 *
 * maitre does not try to carry on when malloc fails: every x-function below either returns
 * what was asked or runs the exit hook (the interface gives the terminal back), prints
 * "maitre: out of memory" on stderr and aborts — as git's and htop's x-functions do. No caller
 * checks their result for NULL. */
#ifndef MAITRE_XALLOC_H
#define MAITRE_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
/* n elements of size bytes, zeroed; n * size is checked for overflow. */
void *xcalloc(size_t n, size_t size);
/* realloc for n elements of size bytes (overflow checked); size 0 frees and returns NULL. */
void *xreallocarray(void *p, size_t n, size_t size);
/* strdup; NULL for NULL. */
char *xstrdup(const char *s);
/* The first n bytes of s (fewer at its NUL), NUL-terminated. */
char *xstrndup(const char *s, size_t n);
/* malloc'ed printf. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Runs before the message when memory runs out (one hook: the interface restores the
 * terminal there, so the message is seen). */
void xalloc_on_exhaustion(void (*hook)(void));
/* Stops the program for want of size bytes (0: not known). */
_Noreturn void xalloc_die(size_t size);

#endif
