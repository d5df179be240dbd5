/* cli_audit.h — maitre audit [OPTIONS], maitre audit verify (cli_audit.c). */
#ifndef MAITRE_CLI_AUDIT_H
#define MAITRE_CLI_AUDIT_H

#include "cli/cli.h"

/* Who changed what and when, old → new, the newest first: the audit rows as a listing. */
int cli_audit(struct cli *c, int argc, char **argv);
/* Walks the audit's hash chain: exit 0 with the count when whole, else 1 naming the first row
 * changed, removed or inserted out of line. */
int cli_audit_verify(struct cli *c, int argc, char **argv);
extern const struct opt cli_audit_opts[], cli_audit_verify_opts[];

#endif
