/* opt.h — command-line options declared once as tables that drive parsing and help text. */
#ifndef MAITRE_OPT_H
#define MAITRE_OPT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/error.h"

struct opt {
	const char *name; /* long name without "--"; NULL ends a table, or with an id is a hole:
			   * a row of a table made from a list whose items may lack an option */
	const char *arg;  /* placeholder of the value ("N", "DATE"), or NULL for a flag */
	int id;           /* returned by opt_next */
	const char *help;
};

enum { OPT_END = -1, OPT_POSITIONAL = -2, OPT_ERROR = -3 };

struct opt_state {
	int argc;
	char **argv;
	int i;
	const char *cmd; /* for messages: "guest add" */
	struct error err; /* why opt_next returned OPT_ERROR */
};

void opt_init(struct opt_state *s, int argc, char **argv, const char *cmd);
/* The next option of table (then of extra, may be NULL): its id and *val (the value, or NULL
 * for a flag); OPT_POSITIONAL with *val the word; OPT_END; OPT_ERROR with the message in s->err.msg.
 * Accepts --name VALUE, --name=VALUE, and "--" to end options. */
int opt_next(struct opt_state *s, const struct opt *table, const struct opt *extra,
	     const char **val);
/* Prints the options of table, aligned, one per line. */
void opt_print_help(FILE *f, const struct opt *table);

#endif
