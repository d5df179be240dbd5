/* cli_privacy.c — see cli_privacy.h. */
#include "config.h"

#include "cli/cli_privacy.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "config/settings.h"
#include "core/date.h"
#include "core/i18n.h"
#include "export/table.h"
#include "core/xalloc.h"
#include "store/erase_store.h"
#include "store/privacy_store.h"

const struct opt cli_privacy_status_opts[] = {{NULL, NULL, 0, NULL}};

enum { PS_DRY_RUN = 1, PS_YES };
const struct opt cli_privacy_sweep_opts[] = {
	{"dry-run", NULL, PS_DRY_RUN, "list the guests due for anonymising; change nothing"},
	{"yes", NULL, PS_YES, "anonymise without asking (a script, a cron job)"},
	{NULL, NULL, 0, NULL},
};

struct sweep_args {
	bool dry, yes;
};

/* privacy.retain_years from config.yaml into *years (0: off); a file that cannot be read is
 * said with its file:line:column, never taken for "off". 0 or the exit status. */
static int retain_years(struct cli *c, int *years)
{
	struct settings s;
	struct error e;
	int rc = settings_load(&s, &e);
	*years = s.retain_years;
	settings_free(&s);
	return rc < 0 ? cli_error(c, EXIT_USER, "%s", e.msg) : 0;
}

int cli_privacy_status(struct cli *c, int argc, char **argv)
{
	int years, rc = cli_parse(c, argc, argv, cli_privacy_status_opts, cli_one_arg, NULL);
	if (rc || (rc = retain_years(c, &years)) != 0)
		return rc;
	if (!years) {
		printf("%s\n", _("retention: off (privacy.retain_years in config.yaml)"));
		return 0;
	}
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	int64_t due;
	struct date today = date_today();
	enum store_status s = privacy_store_due_count(c->st, today, years, &due);
	if (s != ST_OK)
		return cli_store_error(c, s);
	char day[11];
	date_format(privacy_cutoff(today, years), day);
	printf(ngettext("retention: %d year: guests with no visit or contact after %s are due\n",
			"retention: %d years: guests with no visit or contact after %s are due\n",
			years),
	       years, day);
	printf(ngettext("%lld guest due for anonymising\n", "%lld guests due for anonymising\n",
			(unsigned long)due),
	       (long long)due);
	return 0;
}

static int on_sweep(struct cli *c, void *ctx, int id, const char *val)
{
	struct sweep_args *a = ctx;
	if (id == PS_DRY_RUN || id == PS_YES) {
		*(id == PS_DRY_RUN ? &a->dry : &a->yes) = true;
		return 0;
	}
	return cli_usage_error(c, _("unexpected argument \"%s\""), val);
}

/* The sweep's erasure of one guest: the erasure of `guest erase`. */
static enum store_status erase_one(struct store *st, int64_t id, const char *reason, void *ctx)
{
	(void)ctx;
	struct erase_result r;
	return erase_store_guest(st, id, reason, &r);
}

/* Anonymises the guests of due, once confirmed: each erased as `guest erase` does (the
 * reason names the setting), then the file scrubbed once. */
static int sweep(struct cli *c, struct date today, int years, const struct privacy_due *due,
		 size_t n, bool yes)
{
	char *q = xasprintf(ngettext("Anonymise this guest? Their name, phones, notes and lists "
				     "are erased for good; the visits stay.",
				     "Anonymise these %zu guests? Their names, phones, notes and "
				     "lists are erased for good; the visits stay.",
				     (unsigned long)n),
			    n);
	int rc = cli_confirm(c, yes, q, _("nothing was anonymised"));
	free(q);
	if (rc)
		return rc;
	size_t done = 0, kept = 0;
	bool emptied = false;
	enum store_status s = privacy_store_sweep(c->st, today, years, due, n, erase_one, NULL,
						  &done, &kept);
	/* those erased before a failure stay erased: their text is scrubbed all the same */
	enum store_status s2 = done ? erase_store_scrub(c->st, &emptied) : ST_OK;
	printf(ngettext("%zu guest anonymised", "%zu guests anonymised", (unsigned long)done),
	       done);
	if (kept)
		printf(ngettext("; %zu kept: a visit or contact since the list was read",
				"; %zu kept: a visit or contact since the list was read",
				(unsigned long)kept),
		       kept);
	printf("\n");
	if (s != ST_OK || (s = s2) != ST_OK)
		return cli_store_error(c, s);
	if (done)
		cli_erase_notes(c, emptied);
	return 0;
}

int cli_privacy_sweep(struct cli *c, int argc, char **argv)
{
	struct sweep_args a = {false, false};
	int years, rc = cli_parse(c, argc, argv, cli_privacy_sweep_opts, on_sweep, &a);
	if (rc)
		return rc;
	if ((rc = retain_years(c, &years)) != 0)
		return rc;
	if (!years)
		return cli_error(c, EXIT_USER,
				 _("retention is off: set privacy.retain_years in config.yaml"));
	if ((rc = cli_open(c, a.dry ? STORE_READONLY : 0)) != 0)
		return rc;
	struct privacy_due *due;
	size_t n;
	struct date today = date_today();
	enum store_status s = privacy_store_due(c->st, today, years, &due, &n);
	if (s != ST_OK)
		return cli_store_error(c, s);
	static const char *const cols[] = {"id", "name", "last visit", "last contact", "entered"};
	struct table t;
	table_init(&t, 5, cols, 1u << 0);
	table_stream(&t, c->format, stdout); /* a million rows are not kept twice */
	for (size_t i = 0; i < n; i++) {
		table_addf(&t, "%" PRId64, due[i].id);
		table_add(&t, due[i].name);
		table_add(&t, due[i].last_visit);
		table_add(&t, due[i].last_contact);
		table_add(&t, due[i].created);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	/* the count below a text listing; beside a file's rows, on stderr */
	char day[11];
	date_format(privacy_cutoff(today, years), day);
	fprintf(c->format == OUT_TEXT ? stdout : stderr,
		ngettext("%zu guest due for anonymising (no visit or contact after %s)\n",
			 "%zu guests due for anonymising (no visit or contact after %s)\n",
			 (unsigned long)n),
		n, day);
	if (!a.dry && n)
		rc = sweep(c, today, years, due, n, a.yes);
	privacy_due_free(due, n);
	return rc;
}
