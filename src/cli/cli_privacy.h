/* cli_privacy.h — maitre privacy status, maitre privacy sweep (cli_privacy.c):
 * retention (domain.md §9, privacy_store.h). */
#ifndef MAITRE_CLI_PRIVACY_H
#define MAITRE_CLI_PRIVACY_H

#include "cli/cli.h"

/* privacy.retain_years in force and how many guests are due for anonymising. */
int cli_privacy_status(struct cli *c, int argc, char **argv);
/* The guests due (id, name, last visit, last contact, entered) and their count; without
 * --dry-run, once confirmed (--yes when not on a terminal), each erased as `guest erase`
 * does (privacy_store_sweep with erase_store_guest), then the file scrubbed. */
int cli_privacy_sweep(struct cli *c, int argc, char **argv);
extern const struct opt cli_privacy_status_opts[], cli_privacy_sweep_opts[];

#endif
