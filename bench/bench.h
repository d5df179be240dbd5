/* bench.h — what the C benchmarks of bench/ share: a monotonic clock in milliseconds and the
 * comparison that sorts their timings (for medians and percentiles). */
#ifndef MAITRE_BENCH_H
#define MAITRE_BENCH_H

#include <time.h>

static inline double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* qsort's comparison of two doubles, ascending. */
static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

#endif
