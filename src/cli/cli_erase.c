/* cli_erase.c — maitre guest erase (a guest's erasure on request) and maitre guest delete (a
 * guest entered by mistake): erase_store.h. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/strv.h"
#include "session/session.h"
#include "store/backup_store.h"
#include "store/erase_store.h"

enum { E_REASON = 1, E_YES };

const struct opt cli_guest_erase_opts[] = {
	{"reason", "TEXT", E_REASON, "why the guest is erased (their request, the date): audited"},
	{"yes", NULL, E_YES, "erase even when the guest has complaints not closed"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_guest_delete_opts[] = {{NULL, NULL, 0, NULL}};

struct erase_args {
	const char *id, *reason;
	bool yes;
};

static int on_erase(struct cli *c, void *vctx, int id, const char *val)
{
	struct erase_args *a = vctx;
	switch (id) {
	case OPT_POSITIONAL:
		if (a->id)
			return cli_usage_error(c, _("unexpected argument \"%s\""), val);
		a->id = val;
		return 0;
	case E_REASON:
		a->reason = val;
		return 0;
	case E_YES:
		a->yes = true;
		return 0;
	default:
		return 0;
	}
}

/* "#3 (open), #5 (acknowledged)": the complaints of p not closed. */
static char *open_list(const struct erase_plan *p)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < p->n_open; i++)
		sbuf_printf(&b, "%s#%lld (%s)", i ? ", " : "", (long long)p->open[i].id,
			    p->open[i].status);
	return sbuf_detach(&b);
}

void cli_erase_notes(struct cli *c, bool emptied)
{
	if (!emptied)
		printf("%s\n", _("note: another process is reading the database; its write-ahead "
				 "log is emptied at the next checkpoint"));
	long n = backup_count(c->db);
	if (n <= 0)
		return;
	char *dir = backup_dir(c->db);
	printf(ngettext("note: %ld backup in %s holds what was erased as it was: `maitre "
			"backup --prune --before DAY` removes the backups older than a day\n",
			"note: %ld backups in %s hold what was erased as it was: `maitre backup "
			"--prune --before DAY` removes the backups older than a day\n",
			(unsigned long)n),
	       n, dir);
	free(dir);
}

int cli_guest_erase(struct cli *c, int argc, char **argv)
{
	struct erase_args a = {0};
	int64_t id;
	int rc = cli_parse(c, argc, argv, cli_guest_erase_opts, on_erase, &a);
	if (rc)
		return rc;
	if (!a.id)
		return cli_usage_error(c, "%s", _("needs the guest id"));
	if (!a.reason || !a.reason[0])
		return cli_usage_error(c, "%s", _("--reason is required"));
	if (!cli_parse_guest(c, "guest id", a.id, &id)) /* an old id erases the guest it became */
		return EXIT_USER;
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	struct erase_plan p;
	enum store_status s = erase_store_plan(c->st, id, &p);
	if (s != ST_OK)
		return cli_store_error(c, s);
	if (p.erased) {
		rc = cli_error(c, EXIT_USER, _("guest %lld was erased already (on %.10s by %s)"),
			       (long long)id, p.erased_at[0] ? p.erased_at : "?",
			       p.erased_by[0] ? p.erased_by : "?");
		erase_plan_free(&p);
		return rc;
	}
	if (p.n_open) {
		char *list = open_list(&p);
		char *q = xasprintf(_("guest %lld has complaints not closed: %s. Erase anyway?"),
				    (long long)id, list);
		char *no = xasprintf(_("guest %lld has complaints not closed: %s; nothing erased"),
				     (long long)id, list);
		rc = cli_confirm(c, a.yes, q, no);
		free(q);
		free(no);
		free(list);
		if (rc) {
			erase_plan_free(&p);
			return rc;
		}
	}
	erase_plan_free(&p);
	struct erase_result r;
	bool emptied = false;
	if ((s = erase_store_guest(c->st, id, a.reason, &r)) != ST_OK ||
	    (s = erase_store_scrub(c->st, &emptied)) != ST_OK)
		return cli_store_error(c, s);
	printf(_("guest %lld erased: %lld items of the sheet deleted, free text cleared in %lld "
		 "rows, %lld audit rows now read [erased]; the visits stay as erased #%lld\n"),
	       (long long)id, (long long)r.items, (long long)r.texts, (long long)r.audit_rows,
	       (long long)id);
	cli_erase_notes(c, emptied);
	return 0;
}

int cli_guest_delete(struct cli *c, int argc, char **argv)
{
	const char *arg = NULL;
	int64_t id;
	int rc = cli_parse(c, argc, argv, cli_guest_delete_opts, cli_one_arg, &arg);
	if (rc)
		return rc;
	if (!arg)
		return cli_usage(c);
	if (!cli_parse_id(c, "guest id", arg, &id))
		return EXIT_USER;
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	bool emptied;
	enum store_status s = erase_store_delete(c->st, id);
	if (s != ST_OK || (s = erase_store_scrub(c->st, &emptied)) != ST_OK)
		return cli_store_error(c, s);
	printf(_("guest %lld deleted\n"), (long long)id);
	return 0;
}

void cli_show_erasure(struct cli *c, int64_t id)
{
	struct erase_plan p;
	if (erase_store_plan(c->st, id, &p) != ST_OK)
		return;
	char *when = xasprintf(_("%.16s by %s"), p.erased_at[0] ? p.erased_at : "?",
			       p.erased_by[0] ? p.erased_by : "?");
	cli_show_line(_("erased"), when);
	free(when);
	/* why is the erasers' business: it may say how the guest asked */
	if (p.reason && c->session && session_may(c->session, PERM_ERASE) == SESSION_YES)
		cli_show_line(_("reason"), p.reason);
	erase_plan_free(&p);
}
