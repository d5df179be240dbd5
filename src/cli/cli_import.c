/* cli_import.c — maitre import guests|visits FILE, import undo BATCH, import list. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_import.h"
#include "import/import.h"
#include "store/import_store.h"

enum {
	I_SHEET = 1, I_ENCODING, I_MAP, I_ON_MATCH, I_DRY_RUN, I_SKIP_BAD, I_KEEP_UNKNOWN,
	I_ERRORS, I_CREATE_GUESTS, I_RECOMPUTE, I_QUIET, I_ALLOW_OLD,
};

#define COMMON_OPTS                                                                               \
	{"sheet", "NAME", I_SHEET, "the workbook's sheet to read (default: the first)"},          \
	    {"encoding", "ENC", I_ENCODING,                                                       \
	     "a text file's encoding: utf-8, utf-16, gb18030 (default: found from the file)"},    \
	    {"map", "FILE", I_MAP,                                                                \
	     "the file's own headers, as in import-columns.yaml (field: [HEADER])"},              \
	    {"dry-run", NULL, I_DRY_RUN, "read, match and report; write nothing"},               \
	    {"skip-bad", NULL, I_SKIP_BAD, "import the good rows when some are refused"},        \
	    {"errors", "OUT.csv", I_ERRORS,                                                       \
	     "write the refused rows there, as they were, with a reason column"},                 \
	    {"quiet", NULL, I_QUIET, "no progress line"}

const struct opt cli_import_guests_opts[] = {
	COMMON_OPTS,
	{"on-match", "skip|fill|update", I_ON_MATCH,
	 "a guest already in the book: leave, fill empty fields and add list items (default), "
	 "or take the file's values"},
	{"keep-unknown", NULL, I_KEEP_UNKNOWN, "keep the columns that are no field as notes"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_import_visits_opts[] = {
	COMMON_OPTS,
	{"create-guests", NULL, I_CREATE_GUESTS,
	 "a visit of a phone nobody in the book has creates the guest"},
	{"recompute", NULL, I_RECOMPUTE, "recompute the tiers of the months the visits are in"},
	{"allow-old", NULL, I_ALLOW_OLD,
	 "a manager's word that visits before the opening date are right (history from a POS)"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_import_undo_opts[] = {{NULL, NULL, 0, NULL}};
const struct opt cli_import_list_opts[] = {{NULL, NULL, 0, NULL}};

struct import_ctx {
	struct import_options o;
	const char *file;
	bool recompute, quiet;
};

static int on_import(struct cli *c, void *vctx, int id, const char *val)
{
	struct import_ctx *x = vctx;
	switch (id) {
	case OPT_POSITIONAL:
		if (x->file)
			return cli_usage_error(c, _("unexpected argument \"%s\""), val);
		x->file = val;
		return 0;
	case I_SHEET:
		x->o.read.sheet = val;
		return 0;
	case I_ENCODING:
		x->o.read.encoding = val;
		return 0;
	case I_MAP:
		x->o.map = val;
		return 0;
	case I_ON_MATCH:
		if (strcmp(val, "skip") == 0)
			x->o.on_match = IM_SKIP;
		else if (strcmp(val, "fill") == 0)
			x->o.on_match = IM_FILL;
		else if (strcmp(val, "update") == 0)
			x->o.on_match = IM_UPDATE;
		else
			return cli_usage_error(c, _("--on-match: must be skip, fill or update, got \"%s\""),
					       val);
		return 0;
	case I_DRY_RUN:
		x->o.dry_run = true;
		return 0;
	case I_SKIP_BAD:
		x->o.skip_bad = true;
		return 0;
	case I_KEEP_UNKNOWN:
		x->o.keep_unknown = true;
		return 0;
	case I_ERRORS:
		x->o.errors_path = val;
		return 0;
	case I_CREATE_GUESTS:
		x->o.create_guests = true;
		return 0;
	case I_RECOMPUTE:
		x->recompute = true;
		return 0;
	case I_QUIET:
		x->quiet = true;
		return 0;
	case I_ALLOW_OLD:
		x->o.allow_old = true;
		return 0;
	}
	return 0;
}

int cli_tier_recompute_months(struct cli *c, const struct strv *months)
{
	int rc = 0;
	/* tier recompute opens the database itself; the session, which moves to each new
	 * connection (cli_sign_in), must not point at a closed one at the end */
	store_close(c->st);
	c->st = NULL;
	for (size_t i = 0; i < months->n && rc == 0; i++) {
		char *argv[] = {"--month", months->v[i], NULL};
		rc = cli_tier_recompute(c, 2, argv);
		if (c->st) {
			store_close(c->st);
			c->st = NULL;
		}
	}
	if (c->session)
		c->session->st = NULL;
	return rc;
}

static int run(struct cli *c, int argc, char **argv, enum import_kind kind)
{
	struct import_ctx x;
	memset(&x, 0, sizeof x);
	x.o.on_match = IM_FILL;
	int rc = cli_parse(c, argc, argv,
			   kind == IK_GUESTS ? cli_import_guests_opts : cli_import_visits_opts,
			   on_import, &x);
	if (rc)
		return rc;
	if (!x.file)
		return cli_usage_error(c, "%s", _("needs the file to import"));
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	x.o.path = x.file;
	x.o.report = stderr;
	x.o.progress = !x.quiet && isatty(STDERR_FILENO) ? stderr : NULL;
	struct import_counts n;
	struct error e;
	error_clear(&e);
	int r = import_run(c->st, kind, &x.o, &n, &e);
	if (r < 0) { /* the database's failure, or the file's (unreadable, no name column) */
		rc = cli_error(c, n.store_failed ? EXIT_DATA : EXIT_USER, "%s", e.msg);
		goto out;
	}
	char *summary = import_summary(&n);
	printf("%s\n", summary);
	free(summary);
	if (n.blank)
		printf(_("blank rows ignored: %zu\n"), n.blank);
	if (n.possible)
		printf(_("rows taken as a guest by name and employer only: %zu (check them, above)\n"),
		       n.possible);
	if (r > 0) {
		printf(_("nothing written: rows refused: %zu (--skip-bad imports the others%s)\n"),
		       n.rejected, x.o.errors_path ? "" : _("; --errors OUT.csv keeps the refused rows"));
		rc = EXIT_USER;
	} else if (x.o.dry_run) {
		printf("%s\n", _("dry run: nothing written"));
	} else {
		printf(_("batch %" PRId64 " (maitre import undo %" PRId64 " takes it back)\n"), n.batch,
		       n.batch);
		if (kind == IK_VISITS && n.months.n) {
			printf("%s", _("months touched:"));
			for (size_t i = 0; i < n.months.n; i++)
				printf(" %s", n.months.v[i]);
			printf("\n");
			if (x.recompute)
				rc = cli_tier_recompute_months(c, &n.months);
			else
				printf("%s\n", _("their tiers: maitre tier recompute --month M, or "
						 "import again with --recompute"));
		}
	}
out:
	import_counts_free(&n);
	return rc;
}

int cli_import_guests(struct cli *c, int argc, char **argv)
{
	return run(c, argc, argv, IK_GUESTS);
}

int cli_import_visits(struct cli *c, int argc, char **argv)
{
	return run(c, argc, argv, IK_VISITS);
}

int cli_import_undo(struct cli *c, int argc, char **argv)
{
	const char *arg = NULL;
	int rc = cli_parse(c, argc, argv, cli_import_undo_opts, cli_one_arg, &arg);
	if (rc)
		return rc;
	int64_t batch;
	if (!arg)
		return cli_usage_error(c, "%s", _("needs the batch number (maitre import list)"));
	if (!cli_parse_id(c, "batch", arg, &batch))
		return EXIT_USER;
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	struct strv blocked = {0};
	enum store_status s = import_store_undo(c->st, batch, &blocked);
	if (s == ST_CONFLICT) {
		cli_error(c, EXIT_USER, _("batch %" PRId64 " cannot be taken back: %zu changed since"),
			  batch, blocked.n);
		for (size_t i = 0; i < blocked.n; i++)
			fprintf(stderr, "  %s\n", cli_shown(c, blocked.v[i]));
		rc = EXIT_USER;
	} else if (s != ST_OK) {
		rc = cli_store_error(c, s);
	} else {
		printf(_("batch %" PRId64 " taken back\n"), batch);
	}
	strv_free(&blocked);
	return rc;
}

int cli_import_list(struct cli *c, int argc, char **argv)
{
	int rc = cli_parse(c, argc, argv, cli_import_list_opts, cli_one_arg, NULL);
	if (rc || (rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	struct import_batch *v = NULL;
	size_t n = 0;
	enum store_status s = import_store_batches(c->st, &v, &n);
	if (s != ST_OK)
		return cli_store_error(c, s);
	static const char *const cols[] = {"batch", "kind", "at", "by", "file", "sha256",
					   "summary", "undone"};
	struct table t;
	table_init(&t, 8, cols, 1u);
	for (size_t i = 0; i < n; i++) {
		table_addf(&t, "%" PRId64, v[i].id);
		table_add(&t, v[i].kind);
		table_add(&t, v[i].at);
		table_add(&t, v[i].login);
		table_add(&t, v[i].file);
		table_add(&t, v[i].sha256);
		char *shown = import_summary_shown(v[i].summary);
		table_add(&t, shown);
		free(shown);
		table_add(&t, v[i].undone_at);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	import_batches_free(v, n);
	return 0;
}
