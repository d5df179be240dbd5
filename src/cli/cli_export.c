/* cli_export.c — maitre export guests | visits: the guest book and the visits taken out, to
 * standard output or a file (src/export/book_export.c writes them). */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/date.h"
#include "core/strv.h"
#include "export/book_export.h"

enum { X_FORMAT = 1, X_OUTPUT, X_ENCODING, X_BOM, X_SENSITIVE, X_FROM, X_TO };

#define EXPORT_OPTS                                                                                \
	{"format", "csv|tsv|json|xlsx", X_FORMAT, "the file's format (default csv)"},              \
	{"output", "FILE", X_OUTPUT, "write to FILE (default standard output; xlsx needs it)"},    \
	{"encoding", "utf-8|gb18030", X_ENCODING,                                                  \
	 "csv and tsv in this encoding (default utf-8; gb18030 for Excel on a Chinese Windows)"}, \
	{"bom", NULL, X_BOM, "csv and tsv in UTF-8 begin with a byte order mark (for Excel)"}

const struct opt cli_export_guests_opts[] = {
	EXPORT_OPTS,
	{"sensitive", NULL, X_SENSITIVE, "the sensitive fields of the sheet too (marital status, ...)"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_export_visits_opts[] = {
	EXPORT_OPTS,
	{"from", "YYYY-MM-DD", X_FROM, "visits from this day on"},
	{"to", "YYYY-MM-DD", X_TO, "visits up to this day"},
	{NULL, NULL, 0, NULL},
};

struct export_ctx {
	struct book_options o;
	const char *output;
	bool gb18030, bom, encoding_given, format_given;
	char from[11], to[11];
};

/* The book's format when the command's own --format was not given: the global one's (maitre
 * --format json export guests), CSV for text. */
static void default_format(const struct cli *c, struct export_ctx *x)
{
	if (!x->format_given)
		x->o.format = c->format == OUT_TSV ? BOOK_TSV : c->format == OUT_JSON ? BOOK_JSON : BOOK_CSV;
}

static int on_export(struct cli *c, void *vctx, int id, const char *val)
{
	struct export_ctx *x = vctx;
	struct date d;
	int f;
	switch (id) {
	case OPT_POSITIONAL:
		return cli_usage_error(c, _("unexpected argument \"%s\""), val);
	case X_FORMAT:
		if ((f = book_format_from_name(val)) < 0)
			return cli_usage_error(
			    c, _("--format: must be csv, tsv, json or xlsx, got \"%s\""), val);
		x->o.format = (enum book_format)f;
		x->format_given = true;
		return 0;
	case X_OUTPUT:
		if (!*val)
			return cli_usage_error(c, _("--output: needs a file"));
		x->output = val;
		return 0;
	case X_ENCODING:
		if (strcasecmp(val, "gb18030") == 0)
			x->gb18030 = true;
		else if (strcasecmp(val, "utf-8") == 0 || strcasecmp(val, "utf8") == 0)
			x->gb18030 = false;
		else
			return cli_usage_error(
			    c, _("--encoding: must be utf-8 or gb18030, got \"%s\""), val);
		x->encoding_given = true;
		return 0;
	case X_BOM:
		x->bom = true;
		return 0;
	case X_SENSITIVE:
		x->o.sensitive = true;
		return 0;
	case X_FROM:
	case X_TO:
		if (cli_parse_date(c, id == X_FROM ? "from" : "to", val, &d))
			return EXIT_USER;
		date_format(d, id == X_FROM ? x->from : x->to);
		return 0;
	}
	return 0;
}

/* The options that go together, or a usage error. */
static int check_options(struct cli *c, const struct export_ctx *x)
{
	bool text = x->o.format == BOOK_CSV || x->o.format == BOOK_TSV;
	if (x->o.format == BOOK_XLSX && !x->output)
		return cli_usage_error(c, _("--format xlsx: needs --output FILE (a workbook is "
					    "not written to standard output)"));
	if ((x->encoding_given || x->bom) && !text)
		return cli_usage_error(c, _("--encoding and --bom: only with --format csv or tsv "
					    "(JSON and workbooks are always UTF-8)"));
	if (x->bom && x->gb18030)
		return cli_usage_error(c, _("--bom: only with --encoding utf-8 (GB18030 text "
					    "has no byte order mark)"));
	if (x->from[0] && x->to[0] && strcmp(x->from, x->to) > 0)
		return cli_usage_error(c, _("--from %s is after --to %s"), x->from, x->to);
	return 0;
}

int cli_log_export(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *what = xvasprintf(fmt, ap);
	va_end(ap);
	enum store_status s = store_log(c->st, "export", "export", what);
	free(what);
	if (s != ST_OK) {
		cli_store_error(c, s);
		return cli_error(c, s == ST_DENIED ? EXIT_DENIED : EXIT_DATA,
				 _("nothing was exported: an export is written in the audit first"));
	}
	return 0;
}

/* Writes the book (visits or guests) as x says: to a file beside the one named, renamed into
 * place once whole (a failed export leaves no half file), or to standard output. */
static int export(struct cli *c, struct export_ctx *x, bool visits)
{
	int rc;
	if ((rc = check_options(c, x)) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	/* every guest's sensitive fields: only for a role that sees them all */
	if (x->o.sensitive && (rc = cli_may(c, PERM_SENSITIVE_ALL)) != 0)
		return rc;
	if ((rc = cli_log_export(c, "%s%s%s%s%s, to %s", visits ? "visits" : "guests",
				 x->o.sensitive ? " with the sensitive fields" : "",
				 x->from[0] || x->to[0] ? " of " : "", x->from[0] ? x->from : "",
				 x->to[0] ? x->to : "", x->output ? x->output : "standard output")) != 0)
		return rc;
	x->o.from = x->from[0] ? x->from : NULL;
	x->o.until = x->to[0] ? x->to : NULL;
	char *tmp = x->output ? xasprintf("%s.tmp-%ld", x->output, (long)getpid()) : NULL;
	FILE *file = stdout, *out;
	/* the workbook's file too is made here, so that a file that cannot be written is said
	 * before anything is read (libxlsxwriter writes it again when it closes) */
	if (tmp && !(file = fopen(tmp, "wb"))) {
		rc = cli_error(c, EXIT_DATA, _("%s: cannot write: %s"), x->output, strerror(errno));
		free(tmp);
		return rc;
	}
	if (x->o.format == BOOK_XLSX) {
		fclose(file);
		file = stdout;
	}
	out = file;
	if (x->bom)
		fputs("\xef\xbb\xbf", file);
	if (x->gb18030 && !(out = book_gb18030_stream(file))) {
		rc = cli_error(c, EXIT_DATA, _("this system's iconv cannot convert to GB18030"));
		goto done;
	}
	struct error e = {0};
	enum store_status s = visits ? book_export_visits(c->st, &x->o, out, tmp, &e)
				     : book_export_guests(c->st, &x->o, out, tmp, &e);
	bool bad = false;
	if (out != file)
		bad = fclose(out) != 0;
	out = file;
	if (s != ST_OK)
		rc = error_is_set(&e) ? cli_error(c, EXIT_DATA, "%s", e.msg) : cli_store_error(c, s);
	else if (bad || ferror(file) || fflush(file) != 0)
		rc = cli_error(c, EXIT_DATA, _("%s: cannot write: %s"),
			       x->output ? x->output : _("standard output"), strerror(errno));
done:
	if (file != stdout && fclose(file) != 0 && !rc)
		rc = cli_error(c, EXIT_DATA, _("%s: cannot write: %s"), x->output, strerror(errno));
	if (tmp && !rc && rename(tmp, x->output) != 0)
		rc = cli_error(c, EXIT_DATA, _("%s: cannot write: %s"), x->output, strerror(errno));
	if (tmp && rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int cli_export_guests(struct cli *c, int argc, char **argv)
{
	struct export_ctx x = {.o = {.format = BOOK_CSV}};
	int rc = cli_parse(c, argc, argv, cli_export_guests_opts, on_export, &x);
	default_format(c, &x);
	return rc ? rc : export(c, &x, false);
}

int cli_export_visits(struct cli *c, int argc, char **argv)
{
	struct export_ctx x = {.o = {.format = BOOK_CSV}};
	int rc = cli_parse(c, argc, argv, cli_export_visits_opts, on_export, &x);
	default_format(c, &x);
	return rc ? rc : export(c, &x, true);
}
