/* bench.c — the interface's benchmark (bench.h). */
#include "tui/bench.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/strv.h"
#include "core/text.h"
#include "tui/script.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One typed character of a benchmark run (MAITRE_TUI_BENCH). */
struct bench_key {
	double ms;  /* from the key to the updated screen */
	long bytes; /* sent to the terminal */
	long text;  /* UTF-8 bytes of the characters that changed on the screen */
	bool page;  /* it brought another page of results */
	long at;    /* where its bytes start in the terminal output */
};

/* What the bytes sent to the terminal are: the parts bench_split tells apart. */
enum bench_part { BP_TEXT, BP_BLANK, BP_MOVE, BP_ATTR, BP_ERASE, BP_OTHER, BP_COUNT };

/* Adds the n bytes at 'at' of the terminal output f to part[], by what they do: characters
 * (blanks apart), cursor moves, attribute changes (SGR, and the character set designation
 * that terminfo's sgr strings include), erases, anything else. False when they cannot be read
 * back. */
static bool bench_split(FILE *f, long at, long n, long part[BP_COUNT])
{
	char *b = n > 0 ? xmalloc((size_t)n) : NULL;
	if (!b || fseek(f, at, SEEK_SET) != 0 || fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		return false;
	}
	for (long i = 0; i < n;) {
		long k = 1;
		enum bench_part p = BP_TEXT;
		unsigned char c = (unsigned char)b[i];
		if (c == 0x1b && i + 1 < n && b[i + 1] == '[') {
			k = 2;
			while (i + k < n && !(b[i + k] >= 0x40 && b[i + k] <= 0x7e))
				k++;
			char fin = i + k < n ? b[i + k] : 0;
			k += i + k < n;
			p = strchr("HGdfABCDEF", fin) ? BP_MOVE
			    : fin == 'm'              ? BP_ATTR
			    : strchr("KXJP@LM", fin)  ? BP_ERASE
			                              : BP_OTHER;
		} else if (c == 0x1b) {
			k = i + 2 < n && (b[i + 1] == '(' || b[i + 1] == ')') ? 3 : 2;
			p = k == 3 ? BP_ATTR : BP_OTHER;
		} else if (c == '\r' || c == '\n' || c == '\b') {
			p = BP_MOVE;
		} else if (c == ' ') {
			p = BP_BLANK;
		}
		if (i + k > n)
			k = n - i;
		part[p] += k;
		i += k;
	}
	free(b);
	return true;
}

/* The screen's characters, a cell each (0 for the second cell of a wide character). */
static uint32_t *screen_chars(int rows, int cols, uint32_t *into)
{
	uint32_t *c = xreallocarray(into, (size_t)rows * (size_t)cols, sizeof *c);
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1] = {0};
			attr_t at;
			short pair;
			uint32_t ch = ' ';
			if (mvin_wch(y, x, &cc) != ERR && getcchar(&cc, wc, &at, &pair, NULL) != ERR && wc[0])
				ch = (uint32_t)wc[0];
			c[y * cols + x] = ch;
			if (text_cp_width(ch) == 2 && x + 1 < cols)
				c[y * cols + ++x] = 0;
		}
	return c;
}

/* The least a terminal update from 'was' to 'now' can send: the UTF-8 text of the cells whose
 * character changed (blanks free, as if erased at no cost; cursor moves and colours free). */
static long changed_text(const uint32_t *was, const uint32_t *now, size_t cells)
{
	long n = 0;
	for (size_t i = 0; was && now && i < cells; i++)
		if (was[i] != now[i] && now[i] && now[i] != ' ') {
			char enc[8];
			n += (long)text_encode(now[i], enc);
		}
	return n;
}

enum bench_field { BF_MS, BF_BYTES, BF_TEXT };

/* The figures of one field, sorted, of the keys that did (page 1) or did not (page 0) bring
 * another page of results, or of all (page -1); their number in *count. */
static double *bench_sorted(const struct bench_key *k, size_t n, enum bench_field f, int page,
			    size_t *count)
{
	double *v = xcalloc(n ? n : 1, sizeof *v);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (page < 0 || k[i].page == (page == 1))
			v[m++] = f == BF_MS ? k[i].ms : (double)(f == BF_BYTES ? k[i].bytes : k[i].text);
	*count = m;
	if (m)
		qsort(v, m, sizeof *v, cmp_double);
	return v;
}

static double pct(const double *v, size_t n, double p)
{
	return n ? v[(size_t)((double)(n - 1) * p)] : 0;
}

static double mean(const double *v, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += v[i];
	return n ? s / (double)n : 0;
}

static void bench_report(const struct bench_key *k, size_t n, double first_ms, FILE *out)
{
	/* bytes: the keys that change the query by one character are all printable here */
	if (!n) {
		fprintf(stderr, "tui: first screen %.2f ms; no keys\n", first_ms);
		return;
	}
	size_t c;
	double *ms = bench_sorted(k, n, BF_MS, -1, &c), *b = bench_sorted(k, n, BF_BYTES, -1, &c);
	double *tx = bench_sorted(k, n, BF_TEXT, -1, &c);
	fprintf(stderr,
		"first screen      %8.2f ms after the process started   (target <= 50 ms)\n"
		"key to screen     p50 %.3f ms  p99 %.3f ms  max %.3f ms over %zu typed characters"
		"   (target p99 <= 10 ms)\n"
		"bytes per key     mean %.0f  p50 %.0f  p99 %.0f  max %.0f\n"
		"  changed text    mean %.0f  p50 %.0f  p99 %.0f  (UTF-8 of the characters that changed"
		" on the screen: the least any update can send)\n",
		first_ms, pct(ms, n, .5), pct(ms, n, .99), ms[n - 1], n, mean(b, n), pct(b, n, .5),
		pct(b, n, .99), b[n - 1], mean(tx, n), pct(tx, n, .5), pct(tx, n, .99));
	free(ms), free(b), free(tx);
	for (int page = 1; page >= 0; page--) {
		size_t m;
		b = bench_sorted(k, n, BF_BYTES, page, &m);
		tx = bench_sorted(k, n, BF_TEXT, page, &m);
		if (page) {
			double floor = pct(tx, m, .5), sent = pct(b, m, .5);
			fprintf(stderr,
				"  %5zu keys brought another page of results: bytes p50 %.0f, changed text "
				"p50 %.0f: %.2f× the floor   (target <= 1.30×)\n",
				m, sent, floor, floor > 0 ? sent / floor : 0);
			long part[BP_COUNT] = {0};
			bool read = m > 0;
			for (size_t i = 0; read && i < n; i++)
				if (k[i].page)
					read = bench_split(out, k[i].at, k[i].bytes, part);
			if (read)
				fprintf(stderr,
					"        their bytes, mean per key: characters %.0f, blanks %.0f, "
					"cursor moves %.0f, attributes %.0f, erases %.0f, other %.0f\n",
					(double)part[BP_TEXT] / (double)m, (double)part[BP_BLANK] / (double)m,
					(double)part[BP_MOVE] / (double)m, (double)part[BP_ATTR] / (double)m,
					(double)part[BP_ERASE] / (double)m, (double)part[BP_OTHER] / (double)m);
		} else {
			fprintf(stderr,
				"  %5zu keys kept the page: bytes p50 %.0f  p99 %.0f, changed text p50 %.0f"
				"   (target p50 <= 150 bytes)\n",
				m, pct(b, m, .5), pct(b, m, .99), pct(tx, m, .5));
		}
		free(b), free(tx);
	}
	fseek(out, 0, SEEK_END); /* the stream may be written again */
}

void bench_key_start(struct bench *b, struct tui *t, int key)
{
	t->page_changed = false;
	if (!t->bench)
		return;
	b->timed = key_printable(key) && !t->key_pasted; /* a one-character change */
	b->paste0 = t->key_pasted ? tui_now_ms() : 0;
	if (b->timed)
		b->was = screen_chars(t->rows, t->cols, b->was);
	b->k0 = tui_now_ms();
	b->before = t->top;
	b->b0 = b->timed ? (fflush(t->term_out), ftell(t->term_out)) : 0;
}

void bench_key_end(struct bench *b, struct tui *t, int key)
{
	if (!t->bench)
		return;
	size_t pasted = script_paste_done();
	if (b->paste0 > 0 && pasted) {
		fflush(t->term_out);
		fprintf(stderr,
		        "paste             %8.1f ms from the first of %zu pasted characters to the "
		        "screen showing them all   (target <= 100 ms)\n",
		        tui_now_ms() - b->paste0, pasted);
	}
	if (b->timed) {
		vec_reserve((void **)&b->keys, b->n + 1, &b->cap, sizeof *b->keys);
		fflush(t->term_out);
		struct bench_key *k = &b->keys[b->n++];
		k->ms = tui_now_ms() - b->k0;
		k->page = t->page_changed;
		k->bytes = ftell(t->term_out) - b->b0;
		b->now = screen_chars(t->rows, t->cols, b->now);
		k->text = changed_text(b->was, b->now, (size_t)t->rows * (size_t)t->cols);
		k->at = b->b0;
		if (k->ms > 10) /* over the target: which key of the script */
			fprintf(stderr, "slow key: %s:%d: %.1f ms\n", t->script_name,
			        t->script_line, k->ms);
	} else if (t->top != b->before) { /* a key that opened a screen */
		char label[16];
		fflush(t->term_out);
		fprintf(stderr,
		        "screen %-12s %8.1f ms from the key (%s) to its first full screen\n",
		        t->top->ops->name, tui_now_ms() - b->k0, key_label(key, label));
	}
}

void bench_end(struct bench *b, struct tui *t)
{
	if (t->bench)
		bench_report(b->keys, b->n, b->first_ms, t->term_out);
	free(b->keys);
	free(b->was);
	free(b->now);
}
