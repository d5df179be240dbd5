/* script.c — the headless screen tests' driver (script.h). */
#include "tui/script.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/strv.h"
#include "core/text.h"
#include "tui/edit.h"

static struct {
	int keys[EDIT_MAX];
	size_t n, at;
	bool paste; /* the keys are a paste ('paste FILE') */
} pending;

static void snap(struct tui *t, const char *label)
{
	FILE *f = t->snap_out;
	fprintf(f, "--- %s%s(%dx%d)\n", label && *label ? label : "", label && *label ? " " : "",
		t->cols, t->rows);
	for (int y = 0; y < t->rows; y++) {
		struct sbuf b = {0};
		sbuf_add(&b, "");
		for (int x = 0; x < t->cols; x++) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1] = {0};
			attr_t at;
			short pair;
			if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wc, &at, &pair, NULL) == ERR ||
			    !wc[0]) {
				sbuf_addc(&b, ' ');
				continue;
			}
			for (int i = 0; wc[i]; i++) {
				char enc[8];
				size_t k = text_encode((uint32_t)wc[i], enc);
				sbuf_addn(&b, enc, k);
			}
			if (text_cp_width((uint32_t)wc[0]) == 2)
				x++; /* the second cell of a wide character */
		}
		while (b.len && b.s[b.len - 1] == ' ')
			b.s[--b.len] = '\0';
		fprintf(f, "%s\n", b.s);
		sbuf_free(&b);
	}
	fflush(f);
}

/* Row y as text, with the screen column where each byte's character starts (cols[i]). */
static char *row_text(int y, int cols_n, int **cols)
{
	struct sbuf b = {0};
	int *map = NULL;
	size_t cap = 0;
	sbuf_add(&b, "");
	for (int x = 0; x < cols_n; x++) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1] = {0};
		attr_t at;
		short pair;
		char enc[8] = " ";
		size_t k = 1;
		if (mvin_wch(y, x, &cc) != ERR && getcchar(&cc, wc, &at, &pair, NULL) != ERR && wc[0])
			k = text_encode((uint32_t)wc[0], enc);
		vec_reserve((void **)&map, b.len + k, &cap, sizeof *map);
		for (size_t i = 0; i < k; i++)
			map[b.len + i] = x;
		sbuf_addn(&b, enc, k);
		if (wc[0] && text_cp_width((uint32_t)wc[0]) == 2)
			x++;
	}
	*cols = map;
	return sbuf_detach(&b);
}

/* 'attr TEXT': the attributes of the first cell of TEXT on the screen, into the snapshots. */
static bool show_attr(struct tui *t, const char *text)
{
	for (int y = 0; y < t->rows; y++) {
		int *cols = NULL;
		char *row = row_text(y, t->cols, &cols);
		char *hit = row ? strstr(row, text) : NULL;
		if (hit) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1];
			attr_t at = 0;
			short pair = 0;
			mvin_wch(y, cols[hit - row], &cc);
			getcchar(&cc, wc, &at, &pair, NULL);
			fprintf(t->snap_out, "attr %s:%s%s%s%s%s%s\n", text, at & A_BOLD ? " bold" : "",
				at & A_REVERSE ? " reverse" : "", at & A_UNDERLINE ? " underline" : "",
				at & A_DIM ? " dim" : "", pair ? " colour" : "",
				at & (A_BOLD | A_REVERSE | A_UNDERLINE | A_DIM) || pair ? "" : " plain");
			free(row);
			free(cols);
			return true;
		}
		free(row);
		free(cols);
	}
	return false;
}

static void script_fail(struct tui *t, const char *what)
{
	tui_restore_terminal();
	fprintf(stderr, "%s:%d: %s\n", t->script_name, t->script_line, what);
	exit(3);
}

static bool screen_has(struct tui *t, const char *text)
{
	FILE *saved = t->snap_out;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return false;
	t->snap_out = m;
	snap(t, "");
	fclose(m);
	t->snap_out = saved;
	bool found = buf && strstr(buf, text);
	free(buf);
	return found;
}

/* Reads script lines until keys are pending; runs the other commands on the way. False at
 * the end of the script. */
static bool script_more(struct tui *t)
{
	char line[2048];
	while (pending.at >= pending.n) {
		pending.n = pending.at = 0;
		pending.paste = false;
		if (!fgets(line, sizeof line, t->script))
			return false;
		t->script_line++;
		line[strcspn(line, "\n")] = '\0';
		char *cmd = line + strspn(line, " \t");
		if (!*cmd || *cmd == '#')
			continue;
		char *arg = cmd + strcspn(cmd, " ");
		if (*arg)
			*arg++ = '\0';
		if (strcmp(cmd, "type") == 0) {
			size_t n = strlen(arg);
			while (n && pending.n < 256) {
				uint32_t cp;
				size_t k = text_decode(arg, n, &cp);
				if (!k)
					script_fail(t, "type: not UTF-8");
				pending.keys[pending.n++] = (int)cp;
				arg += k, n -= k;
			}
		} else if (strcmp(cmd, "key") == 0) {
			char *save = NULL;
			for (char *k = strtok_r(arg, " ", &save); k && pending.n < 256;
			     k = strtok_r(NULL, " ", &save)) {
				int key = key_parse(k);
				if (key < 0)
					script_fail(t, "key: no such key");
				pending.keys[pending.n++] = key;
			}
		} else if (strcmp(cmd, "paste") == 0) {
			/* the file's text as a terminal pastes it: line breaks and tabs as spaces,
			 * every character there before the screen is drawn again */
			FILE *pf = fopen(arg, "r");
			char *text = pf ? xmalloc(EDIT_MAX) : NULL;
			size_t n = text ? fread(text, 1, EDIT_MAX, pf) : 0;
			const char *p = text;
			if (pf)
				fclose(pf);
			if (!text)
				script_fail(t, "paste: cannot read the file");
			while (n && pending.n < EDIT_MAX) {
				uint32_t cp;
				size_t k = text_decode(p, n, &cp);
				if (!k)
					script_fail(t, "paste: not UTF-8");
				pending.keys[pending.n++] = cp == '\n' || cp == '\t' ? ' ' : (int)cp;
				p += k, n -= k;
			}
			free(text);
			pending.paste = true;
		} else if (strcmp(cmd, "size") == 0) {
			int c = 0, r = 0;
			if (sscanf(arg, "%d %d", &c, &r) != 2 || c < 10 || r < 5 || c > 500 || r > 300)
				script_fail(t, "size: COLS ROWS");
			resizeterm(r, c);
			t->rows = r;
			t->cols = c;
			pending.keys[pending.n++] = KEYF | KEY_RESIZE;
		} else if (strcmp(cmd, "snap") == 0) {
			snap(t, arg);
		} else if (strcmp(cmd, "expect") == 0) {
			if (!screen_has(t, arg)) {
				snap(t, "expect failed");
				script_fail(t, "expect: not on the screen");
			}
		} else if (strcmp(cmd, "attr") == 0) {
			if (!show_attr(t, arg))
				script_fail(t, "attr: not on the screen");
		} else if (strcmp(cmd, "run") == 0) {
			fflush(NULL);
			if (system(arg) != 0)
				script_fail(t, "run: the command failed");
		} else if (strcmp(cmd, "tick") == 0) {
			tui_check_changes(t);
			tui_render(t);
		} else if (strcmp(cmd, "idle") == 0) {
			/* MINUTES pass without a key: the loop's timeout signs an idle person out */
			int min = 0;
			if (sscanf(arg, "%d", &min) != 1 || min < 0)
				script_fail(t, "idle: MINUTES");
			t->clock_skew += (time_t)min * 60;
			tui_check_changes(t);
			tui_idle_check(t);
			tui_render(t);
		} else if (strcmp(cmd, "lock") == 0) {
			if (store_open(t->db, 0, &t->lock_holder, NULL) != ST_OK ||
			    store_begin(t->lock_holder) != ST_OK)
				script_fail(t, "lock: cannot take the write lock");
		} else if (strcmp(cmd, "unlock") == 0) {
			if (t->lock_holder) {
				store_rollback(t->lock_holder);
				store_close(t->lock_holder);
				t->lock_holder = NULL;
			}
		} else if (strcmp(cmd, "busy") == 0) {
			store_set_busy_timeout(t->st, atoi(arg));
		} else {
			script_fail(t, "unknown command (type, key, paste, size, snap, expect, attr, run, "
				       "tick, idle, lock, unlock, busy)");
		}
	}
	return true;
}

int script_key(struct tui *t)
{
	if (!script_more(t)) {
		t->quit = true;
		return -1;
	}
	t->key_pasted = pending.paste;
	return pending.keys[pending.at++];
}

bool script_in_paste(void)
{
	return pending.paste && pending.at < pending.n;
}

size_t script_paste_done(void)
{
	return pending.at >= pending.n ? pending.n : 0;
}

int script_open(struct tui *t, const char *script, SCREEN **scr, FILE **in)
{
	t->script = strcmp(script, "-") == 0 ? stdin : fopen(script, "r");
	t->script_name = script;
	if (!t->script) {
		fprintf(stderr, "maitre: %s: %s\n", script, strerror(errno));
		return 1;
	}
	const char *outp = getenv("MAITRE_TUI_OUTPUT");
	/* w+: a benchmark reads back what was sent (when the file can be read) */
	const char *out_path = outp && *outp ? outp : "/dev/null";
	t->term_out = fopen(out_path, "w+");
	if (!t->term_out)
		t->term_out = fopen(out_path, "w");
	*in = fopen("/dev/null", "r");
	const char *term = getenv("MAITRE_TUI_TERM");
	*scr = t->term_out && *in
	           ? newterm(term && *term ? term : "xterm-256color", t->term_out, *in)
	           : NULL;
	if (!*scr) {
		fprintf(stderr, "maitre: cannot set up the headless screen\n");
		return 3;
	}
	t->bench = getenv("MAITRE_TUI_BENCH") != NULL;
	resizeterm(30, 100);
	return 0;
}

void script_close(struct tui *t, FILE *in)
{
	if (t->term_out)
		fclose(t->term_out);
	if (in)
		fclose(in);
	if (t->script && t->script != stdin)
		fclose(t->script);
	if (t->lock_holder) {
		store_rollback(t->lock_holder);
		store_close(t->lock_holder);
	}
}
