/* demo_rng.c — the demo's random numbers (see demo_rng.h). */
#include "demo/demo_rng.h"

/* Same seed, same numbers everywhere: no libm, and no fused multiply-add (GCC does not fuse in
 * ISO C mode, -std=c11; clang would by default). */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

void demo_rng_stream(struct demo_rng *r, uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t x = seed;
	uint64_t h = splitmix64(&x);
	x = h ^ (a * 0xD1B54A32D192ED03ULL);
	h = splitmix64(&x);
	x = h ^ (b * 0xAEF17502108EF2D9ULL);
	demo_rng_seed(r, splitmix64(&x));
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

long demo_rng_range(struct demo_rng *r, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	uint64_t span = (uint64_t)hi - (uint64_t)lo + 1;
	/* rejection sampling: no modulo bias */
	uint64_t limit = UINT64_MAX - UINT64_MAX % span;
	uint64_t x;
	do
		x = demo_rng_next(r);
	while (x >= limit);
	return (long)((uint64_t)lo + x % span);
}

double demo_rng_unit(struct demo_rng *r)
{
	return (double)(demo_rng_next(r) >> 11) * 0x1.0p-53;
}

double demo_rng_uniform(struct demo_rng *r, double lo, double hi)
{
	return lo + (hi - lo) * demo_rng_unit(r);
}

bool demo_rng_chance(struct demo_rng *r, double p)
{
	if (p <= 0)
		return false;
	if (p >= 1)
		return true;
	return demo_rng_unit(r) < p;
}

long demo_rng_round(struct demo_rng *r, double x)
{
	if (x <= 0)
		return 0;
	long n = (long)x;
	return n + (demo_rng_unit(r) < x - (double)n ? 1 : 0);
}

/* e^-x for 0 ≤ x ≤ 50 with + - * / only (correctly rounded operations), so the result is the
 * same bit for bit everywhere: halve until small, Taylor series, square back. */
static double exp_neg(double x)
{
	int halvings = 0;
	while (x > 0.0625) {
		x /= 2;
		halvings++;
	}
	double term = 1, sum = 1;
	for (int k = 1; k < 12; k++) {
		term = term * -x / k;
		sum += term;
	}
	while (halvings-- > 0)
		sum *= sum;
	return sum;
}

long demo_rng_poisson(struct demo_rng *r, double lambda)
{
	if (lambda <= 0)
		return 0;
	if (lambda > 50)
		lambda = 50;
	/* inversion: walk the cumulative distribution */
	double u = demo_rng_unit(r), p = exp_neg(lambda), cum = p;
	long k = 0;
	while (u > cum && k < 200) {
		k++;
		p = p * lambda / (double)k;
		cum += p;
		if (p < 1e-300)
			break;
	}
	return k;
}

size_t demo_rng_weighted(struct demo_rng *r, const unsigned *weights, size_t n)
{
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += weights[i];
	if (total == 0)
		return 0;
	uint64_t x = (uint64_t)demo_rng_range(r, 0, (long)(total - 1));
	for (size_t i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 33)) * 0xFF51AFD7ED558CCDULL;
	z = (z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53ULL;
	return z ^ (z >> 33);
}

uint64_t demo_permute(uint64_t key, uint64_t n, uint64_t x)
{
	if (n <= 1)
		return 0;
	x %= n;
	int half = 1;
	while (half < 31 && (1ULL << (2 * half)) < n)
		half++;
	uint64_t mask = (1ULL << half) - 1;
	/* a balanced Feistel network over 2·half bits is a permutation of [0, 4^half); walking the
	 * cycle until the value falls inside [0, n) restricts it to a permutation of [0, n) */
	do {
		uint64_t l = x >> half, rr = x & mask;
		for (uint64_t round = 0; round < 4; round++) {
			uint64_t f = mix64(rr ^ key ^ (round * 0x9E3779B97F4A7C15ULL)) & mask;
			uint64_t t = l ^ f;
			l = rr;
			rr = t;
		}
		x = (l << half) | rr;
	} while (x >= n);
	return x;
}
