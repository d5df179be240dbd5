/* demo_class.c — the kinds of guest of the demo restaurant (see demo_class.h). */
#include "demo/demo_class.h"

#include "demo/demo_data.h"

/* shares per 10,000 guests */
static const unsigned class_weights[K_COUNT] = {100, 150, 300, 400, 600, 800, 5500, 800, 800, 550};

struct demo_class demo_class_of(uint64_t seed, long i)
{
	struct demo_rng r;
	struct demo_class c;
	demo_rng_stream(&r, seed, (uint64_t)i, S_CLASS);
	c.k = (enum demo_kind)demo_rng_weighted(&r, class_weights, K_COUNT);
	c.letter = -1;
	if (c.k <= K_CA)
		c.letter = (int)c.k;
	else if (c.k == K_LAPSED)
		c.letter = (int)demo_rng_weighted(&r, class_weights, 6);
	else if (c.k == K_NEW && demo_rng_chance(&r, 0.45)) {
		static const unsigned w[6] = {4, 4, 6, 6, 12, 13};
		c.letter = (int)demo_rng_weighted(&r, w, 6);
	}
	return c;
}
