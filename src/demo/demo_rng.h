/* demo_rng.h — the demo's random numbers: a small deterministic generator, so that one seed
 * gives the same restaurant on every machine, with independent streams per guest and purpose. */
#ifndef MAITRE_DEMO_RNG_H
#define MAITRE_DEMO_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* xoshiro256** seeded through splitmix64. Integer arithmetic only: the same seed gives the
 * same sequence on every platform. */
struct demo_rng {
	uint64_t s[4];
};

/* Seeds r from seed (any value, 0 included). */
void demo_rng_seed(struct demo_rng *r, uint64_t seed);
/* Seeds r with an independent stream for (seed, a, b): e.g. guest index and purpose, so that
 * one guest's data does not depend on how many numbers another guest consumed. */
void demo_rng_stream(struct demo_rng *r, uint64_t seed, uint64_t a, uint64_t b);
/* The purposes of the generator's random streams (demo_rng_stream): one guest's data never
 * depends on another's, nor one purpose's on another's. S_MONTH + m: the visits of month m. */
enum demo_stream {
	S_CLASS = 1, S_PROFILE, S_PLAN, S_SCALE, S_PHONE_KEY, S_MONTH = 100, S_OFFICE = 900
};
/* The next 64 random bits. */
uint64_t demo_rng_next(struct demo_rng *r);
/* A uniform whole number in [lo, hi] (inclusive; lo ≤ hi). */
long demo_rng_range(struct demo_rng *r, long lo, long hi);
/* A uniform double in [0, 1) with 53 random bits (exact, no rounding differences). */
double demo_rng_unit(struct demo_rng *r);
/* A uniform double in [lo, hi). */
double demo_rng_uniform(struct demo_rng *r, double lo, double hi);
/* True with probability p (p ≤ 0: never, p ≥ 1: always). */
bool demo_rng_chance(struct demo_rng *r, double p);
/* x rounded down or up at random so that the mean is x (x ≥ 0): 2.3 → 2 (70 %) or 3 (30 %). */
long demo_rng_round(struct demo_rng *r, double x);
/* A Poisson-distributed count with mean lambda (0 ≤ lambda ≤ 50); no libm involved. */
long demo_rng_poisson(struct demo_rng *r, double lambda);
/* An index into weights[0..n-1] drawn with probability weights[i] / sum (sum > 0). */
size_t demo_rng_weighted(struct demo_rng *r, const unsigned *weights, size_t n);

/* A keyed pseudo-random permutation of [0, n) (n ≥ 1, n ≤ 2^62): distinct x give distinct
 * results, so numbers derived from it are unique by construction. */
uint64_t demo_permute(uint64_t key, uint64_t n, uint64_t x);

#endif
