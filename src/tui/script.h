/* script.h — the headless screen tests' driver (MAITRE_TUI_SCRIPT): keys come from a script,
 * whose other lines take snapshots of the screen, expect text on it, resize it, run commands,
 * hold the database's write lock (tests/tui/lib.sh lists them). */
#ifndef MAITRE_SCRIPT_H
#define MAITRE_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tui/tui.h"

/* The headless screen for script (a file, or "-": standard input): 0, or an exit status once
 * said. *scr and *in are for script_close and delscreen. */
int script_open(struct tui *t, const char *script, SCREEN **scr, FILE **in);
/* Closes what script_open opened (in: its input), and gives up a lock the script held. */
void script_close(struct tui *t, FILE *in);
/* The next key of the script, running its other lines on the way; -1 (and t->quit) at its
 * end. */
int script_key(struct tui *t);
/* Keys of a paste ('paste FILE') are still waiting. */
bool script_in_paste(void);
/* The number of keys of the last line once all have been read, else 0. */
size_t script_paste_done(void);

#endif
