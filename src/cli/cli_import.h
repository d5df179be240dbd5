/* cli_import.h — maitre import guests|visits FILE, import undo BATCH, import list
 * (cli_import.c). */
#ifndef MAITRE_CLI_IMPORT_H
#define MAITRE_CLI_IMPORT_H

#include "cli/cli.h"

int cli_import_guests(struct cli *c, int argc, char **argv);
int cli_import_visits(struct cli *c, int argc, char **argv);
int cli_import_undo(struct cli *c, int argc, char **argv);
int cli_import_list(struct cli *c, int argc, char **argv);
extern const struct opt cli_import_guests_opts[], cli_import_visits_opts[], cli_import_undo_opts[],
	cli_import_list_opts[];

#endif
