/* cli.h — the command line: `maitre [GLOBAL OPTIONS] COMMAND [ARGS]`.
 * Exit status: 0 ok, 1 user error (bad input, not found), 2 usage, 3 data/IO error. */
#ifndef MAITRE_CLI_H
#define MAITRE_CLI_H

#include <stdint.h>

#include "cli/opt.h"
#include "cli/table.h"
#include "store/store.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2, EXIT_DATA = 3 };

struct cli {
	char *db;               /* database path */
	enum out_format format; /* --format, for listings */
	const char *cmd;        /* the running command's name, for messages */
	struct store *st;       /* open database, or NULL */
};

typedef int (*cli_fn)(struct cli *c, int argc, char **argv);

struct cli_command {
	const char *name;       /* "guest add" */
	cli_fn fn;
	const struct opt *opts; /* its options (global ones are accepted too) */
	const char *args;       /* positional arguments for the usage line */
	const char *summary;
};

/* The global options, accepted before or after the command. */
extern const struct opt cli_global_opts[];

/* Runs maitre with argv; returns the exit status. */
int cli_main(int argc, char **argv);

/* Handles a global option (id from cli_global_opts). Returns 0, or an exit status. */
int cli_global(struct cli *c, int id, const char *val);
/* Parses the options of the running command: calls on_opt for each option of table and each
 * positional word (id OPT_POSITIONAL); global options are handled here. Returns 0 or the exit
 * status of the first failure (usage errors print the message). */
int cli_parse(struct cli *c, int argc, char **argv, const struct opt *table,
	      int (*on_opt)(struct cli *c, void *ctx, int id, const char *val), void *ctx);
/* Opens the database (flags of store_open); prints the error and returns an exit status on
 * failure, else 0. */
int cli_open(struct cli *c, int flags);
/* Prints "maitre: CMD: message" on stderr and returns code. */
int cli_error(struct cli *c, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports a failed store call and returns the exit status for it (1 or 3). */
int cli_store_error(struct cli *c, enum store_status s);
/* Parses a positive id ("12"); on failure prints "WHAT: must be a guest id, got ..." and
 * returns false. */
bool cli_parse_id(struct cli *c, const char *what, const char *s, int64_t *id);
/* Prints a usage line for the running command and returns EXIT_USAGE. */
int cli_usage(struct cli *c);

/* Commands (cli_guest.c, cli_visit.c, cli_db.c). */
int cli_guest_add(struct cli *c, int argc, char **argv);
int cli_guest_edit(struct cli *c, int argc, char **argv);
int cli_guest_show(struct cli *c, int argc, char **argv);
int cli_guest_find(struct cli *c, int argc, char **argv);
int cli_visit_add(struct cli *c, int argc, char **argv);
int cli_visit_list(struct cli *c, int argc, char **argv);
int cli_visit_void(struct cli *c, int argc, char **argv);
int cli_init(struct cli *c, int argc, char **argv);
int cli_backup(struct cli *c, int argc, char **argv);
int cli_demo(struct cli *c, int argc, char **argv);
int cli_summary(struct cli *c, int argc, char **argv);

extern const struct opt cli_guest_add_opts[], cli_guest_edit_opts[], cli_guest_show_opts[],
	cli_guest_find_opts[], cli_visit_add_opts[], cli_visit_list_opts[], cli_visit_void_opts[],
	cli_init_opts[], cli_backup_opts[], cli_demo_opts[], cli_summary_opts[];

#endif
