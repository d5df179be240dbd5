/* bench.h — the interface's benchmark (MAITRE_TUI_BENCH, with a script): the time to the
 * first screen, and per typed key the time to the updated screen and the bytes sent to the
 * terminal, reported on stderr at the end (bench/). */
#ifndef MAITRE_BENCH_H
#define MAITRE_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui/tui.h"

struct bench_key;

/* A benchmark run: the keys timed so far, and the key under way. */
struct bench {
	double first_ms; /* from the process's start to the first screen */
	struct bench_key *keys;
	size_t n, cap;
	uint32_t *was, *now; /* the screen's characters before and after the key */
	bool timed;          /* the key under way is timed (a typed character) */
	double paste0, k0;   /* when a paste, and the key, began */
	long b0;             /* the terminal output's length before the key */
	const struct view *before;
};

/* Before key is handled, and after the screen shows it (nothing unless t->bench). */
void bench_key_start(struct bench *b, struct tui *t, int key);
void bench_key_end(struct bench *b, struct tui *t, int key);
/* The report (when t->bench), and b freed. */
void bench_end(struct bench *b, struct tui *t);

#endif
