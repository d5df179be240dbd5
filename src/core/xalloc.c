/* xalloc.c — allocation that never returns NULL (see xalloc.h). */
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*exhaustion_hook)(void);

void xalloc_on_exhaustion(void (*hook)(void))
{
	exhaustion_hook = hook;
}

_Noreturn void xalloc_die(size_t size)
{
	void (*hook)(void) = exhaustion_hook;
	exhaustion_hook = NULL; /* once, even if the hook itself runs out */
	if (hook)
		hook();
	if (size)
		fprintf(stderr, "maitre: out of memory (%zu bytes wanted)\n", size);
	else
		fputs("maitre: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		xalloc_die(size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		xalloc_die(n && size <= SIZE_MAX / n ? n * size : 0);
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_die(0);
	if (!n || !size) {
		free(p);
		return NULL;
	}
	void *q = realloc(p, n * size);
	if (!q)
		xalloc_die(n * size);
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		xalloc_die(0); /* only an invalid format gets here */
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, again);
	va_end(again);
	return s;
}
