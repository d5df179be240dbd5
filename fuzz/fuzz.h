/* fuzz.h — what the libFuzzer targets of fuzz/ share. Each target is one file, fuzz/NAME.c,
 * with LLVMFuzzerTestOneInput; `make fuzz` builds it with clang -fsanitize=fuzzer,address,
 * undefined and scripts/fuzz runs it on fuzz/corpus/NAME (HACKING.md, "Fuzzing"). Besides the
 * sanitizers' findings, a target checks the invariants that are cheap to check: FUZZ_CHECK
 * aborts, and libFuzzer then keeps the input that broke it. */
#ifndef MAITRE_FUZZ_H
#define MAITRE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts, naming the invariant, when cond is false. */
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : fuzz_fail(#cond, __FILE__, __LINE__, NULL))
/* The same, showing a string involved (the value that broke the invariant). */
#define FUZZ_CHECK_S(cond, s) ((cond) ? (void)0 : fuzz_fail(#cond, __FILE__, __LINE__, (s)))

static inline void fuzz_fail(const char *what, const char *file, int line, const char *s)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	if (s)
		fprintf(stderr, "  with \"%s\"\n", s);
	abort();
}

/* The input as a C string (cut at its first NUL, as a C caller would see it). Caller frees. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
