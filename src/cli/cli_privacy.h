/* cli_privacy.h — maitre privacy status, maitre privacy sweep --dry-run (cli_privacy.c):
 * retention (domain.md §9, privacy_store.h). */
#ifndef MAITRE_CLI_PRIVACY_H
#define MAITRE_CLI_PRIVACY_H

#include "cli/cli.h"

/* privacy.retain_years in force and how many guests are due for anonymising. */
int cli_privacy_status(struct cli *c, int argc, char **argv);
/* With --dry-run, the guests due (id, name, last visit, last contact, entered) and their
 * count. Without it, it says the anonymising itself is not available yet: it is wired to the
 * erasure (privacy_store_sweep's callback) when that lands. */
int cli_privacy_sweep(struct cli *c, int argc, char **argv);
extern const struct opt cli_privacy_status_opts[], cli_privacy_sweep_opts[];

#endif
