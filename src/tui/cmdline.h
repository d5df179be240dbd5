/* cmdline.h — the ':' command line: a screen opened by name (in English or in the interface's
 * language), an action run by name, Tab completing either. */
#ifndef MAITRE_CMDLINE_H
#define MAITRE_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/tui.h"

/* The i-th name the ':' line takes for a screen ("dashboard"), with in *local its name in
 * the interface's language ("看板"); NULL after the last. */
const char *cmdline_name(size_t i, const char **local);
/* Opens a view by its name as typed on the ':' line, optionally followed by the view's
 * argument ("sheet 2026-10", "complaints overdue"); false when there is no such view. A
 * screen of a function key already open below is brought back when no argument is given. */
bool cmdline_open_named(struct tui *t, const char *what);
/* A key while the ':' line is open: edits it, completes (Tab), runs it (Enter). */
enum handler_result cmdline_key(struct tui *t, int key);

#endif
