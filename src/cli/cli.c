#include "config.h"

#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/paths.h"

enum { G_DB = 1000, G_FORMAT, G_HELP };

const struct opt cli_global_opts[] = {
	{"db", "PATH", G_DB, "the database (default $MAITRE_DB, else $XDG_DATA_HOME/maitre/maitre.db)"},
	{"format", "FORMAT", G_FORMAT, "listings as text, tsv, csv or json (default text)"},
	{"help", NULL, G_HELP, "show help for the command"},
	{NULL, NULL, 0, NULL},
};

static const struct opt no_opts[] = {{NULL, NULL, 0, NULL}};

static int cli_help(struct cli *c, int argc, char **argv);
static int cli_version(struct cli *c, int argc, char **argv);

/* One table drives dispatch, `maitre help` and the COMMANDS section of man/maitre.1. */
static const struct cli_command commands[] = {
	{"init", cli_init, cli_init_opts, "", "create the database"},
	{"guest add", cli_guest_add, cli_guest_add_opts, "--name NAME [OPTIONS]",
	 "add a guest; prints the new id"},
	{"guest show", cli_guest_show, cli_guest_show_opts, "ID", "show a guest's whole sheet"},
	{"guest edit", cli_guest_edit, cli_guest_edit_opts, "ID [OPTIONS]",
	 "change a guest's sheet"},
	{"guest find", cli_guest_find, cli_guest_find_opts, "QUERY",
	 "find guests by name, pinyin, initials, phone digits or any 3+ characters"},
	{"visit add", cli_visit_add, cli_visit_add_opts, "GUEST_ID --covers N --spend AMOUNT [OPTIONS]",
	 "record a visit (a lunch or a dinner); prints the new id"},
	{"visit list", cli_visit_list, cli_visit_list_opts, "[OPTIONS]", "list visits"},
	{"visit void", cli_visit_void, cli_visit_void_opts, "ID --reason REASON",
	 "void a wrong visit (it is kept, marked void)"},
	{"demo", cli_demo, cli_demo_opts, "[OPTIONS]",
	 "create a demo restaurant with generated guests and visits"},
	{"backup", cli_backup, cli_backup_opts, "[FILE]",
	 "copy the database consistently while others keep writing"},
	{"summary", cli_summary, cli_summary_opts, "", "what the database holds, and a sample lookup"},
	{"help", cli_help, no_opts, "[COMMAND]", "show help"},
	{"version", cli_version, no_opts, "", "show the version"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

int cli_error(struct cli *c, int code, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "maitre: ");
	if (c && c->cmd)
		fprintf(stderr, "%s: ", c->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int cli_store_error(struct cli *c, enum store_status s)
{
	int code = (s == ST_NOTFOUND || s == ST_INVALID || s == ST_DUPLICATE || s == ST_CONFLICT)
			   ? EXIT_USER
			   : EXIT_DATA;
	return cli_error(c, code, "%s", c->st ? store_errmsg(c->st) : store_status_name(s));
}

bool cli_parse_id(struct cli *c, const char *what, const char *s, int64_t *id)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || v <= 0) {
		cli_error(c, EXIT_USER, "%s: must be a positive whole number, got \"%s\"", what,
			  s ? s : "");
		return false;
	}
	*id = v;
	return true;
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int cli_usage(struct cli *c)
{
	const struct cli_command *cmd = find_command(c->cmd ? c->cmd : "");
	if (cmd)
		fprintf(stderr, "usage: maitre %s %s\n(see 'maitre help %s')\n", cmd->name, cmd->args,
			cmd->name);
	return EXIT_USAGE;
}

int cli_global(struct cli *c, int id, const char *val)
{
	switch (id) {
	case G_DB:
		if (!*val)
			return cli_error(c, EXIT_USAGE, "--db: needs a path");
		free(c->db);
		c->db = strdup(val);
		return 0;
	case G_FORMAT: {
		int f = out_format_from_name(val);
		if (f < 0)
			return cli_error(c, EXIT_USAGE,
					 "--format: must be text, tsv, csv or json, got \"%s\"", val);
		c->format = (enum out_format)f;
		return 0;
	}
	}
	return 0;
}

static void print_command_help(const struct cli_command *cmd, FILE *f)
{
	fprintf(f, "usage: maitre %s %s\n\n%s\n", cmd->name, cmd->args, cmd->summary);
	if (cmd->opts && cmd->opts->name) {
		fprintf(f, "\noptions:\n");
		opt_print_help(f, cmd->opts);
	}
	fprintf(f, "\nglobal options:\n");
	opt_print_help(f, cli_global_opts);
}

int cli_parse(struct cli *c, int argc, char **argv, const struct opt *table,
	      int (*on_opt)(struct cli *c, void *ctx, int id, const char *val), void *ctx)
{
	struct opt_state s;
	const char *val;
	int id, rc;
	opt_init(&s, argc, argv, c->cmd);
	while ((id = opt_next(&s, table, cli_global_opts, &val)) != OPT_END) {
		if (id == OPT_ERROR) {
			fprintf(stderr, "maitre: %s\n", s.err);
			return cli_usage(c);
		}
		if (id == G_HELP) {
			const struct cli_command *cmd = find_command(c->cmd);
			if (cmd)
				print_command_help(cmd, stdout);
			return -1; /* stop, successfully */
		}
		if (id >= G_DB) {
			if ((rc = cli_global(c, id, val)) != 0)
				return rc;
			continue;
		}
		if ((rc = on_opt(c, ctx, id, val)) != 0)
			return rc;
	}
	return 0;
}

int cli_open(struct cli *c, int flags)
{
	char err[600];
	if (!c->db)
		c->db = paths_default_db();
	if (!c->db)
		return cli_error(c, EXIT_DATA, "out of memory");
	if ((flags & STORE_CREATE) && paths_make_parent(c->db) < 0)
		return cli_error(c, EXIT_DATA, "%s: cannot create its directory", c->db);
	enum store_status s = store_open(c->db, flags, &c->st, err, sizeof err);
	if (s != ST_OK)
		return cli_error(c, s == ST_NOTFOUND ? EXIT_USER : EXIT_DATA, "%s", err);
	return 0;
}

static int cli_version(struct cli *c, int argc, char **argv)
{
	printf("maitre %s\n", PACKAGE_VERSION);
	return 0;
}

static void print_general_help(FILE *f)
{
	fprintf(f, "usage: maitre [--db PATH] [--format FORMAT] COMMAND [ARGS]\n\n"
		   "maitre remembers every regular guest of a restaurant.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nglobal options:\n");
	opt_print_help(f, cli_global_opts);
	fprintf(f, "\n'maitre help COMMAND' tells more; see also maitre(1).\n");
}

static int cli_help(struct cli *c, int argc, char **argv)
{
	if (argc == 0) {
		print_general_help(stdout);
		return 0;
	}
	char name[128];
	snprintf(name, sizeof name, "%s%s%s", argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
	const struct cli_command *cmd = find_command(name);
	if (!cmd)
		cmd = find_command(argv[0]);
	if (!cmd) {
		/* a group: list its commands */
		bool any = false;
		size_t n = strlen(argv[0]);
		for (size_t i = 0; i < NCOMMANDS; i++) {
			if (strncmp(commands[i].name, argv[0], n) == 0 && commands[i].name[n] == ' ') {
				printf("  maitre %-12s %s\n", commands[i].name, commands[i].summary);
				any = true;
			}
		}
		return any ? 0 : cli_error(c, EXIT_USAGE, "no command \"%s\" (see 'maitre help')", name);
	}
	print_command_help(cmd, stdout);
	return 0;
}

int cli_main(int argc, char **argv)
{
	struct cli c = {0};
	int i = 1, rc;

	/* global options before the command */
	struct opt_state s;
	opt_init(&s, argc - 1, argv + 1, "maitre");
	while (i < argc && strncmp(argv[i], "--", 2) == 0 && argv[i][2]) {
		const char *val;
		s.i = i - 1;
		if (strcmp(argv[i], "--version") == 0) {
			rc = cli_version(&c, 0, NULL);
			goto out;
		}
		int id = opt_next(&s, cli_global_opts, NULL, &val);
		if (id == OPT_ERROR) {
			fprintf(stderr, "maitre: %s\n", s.err + strlen("maitre: "));
			rc = EXIT_USAGE;
			goto out;
		}
		if (id == G_HELP) {
			print_general_help(stdout);
			rc = 0;
			goto out;
		}
		if ((rc = cli_global(&c, id, val)) != 0)
			goto out;
		i = s.i + 1;
	}
	if (i >= argc) { /* no command: until the terminal interface lands, the summary */
		c.cmd = "summary";
		rc = cli_summary(&c, 0, argv + i);
		goto out;
	}
	const struct cli_command *cmd = NULL;
	int used = 0;
	if (i + 1 < argc) {
		char two[128];
		snprintf(two, sizeof two, "%s %s", argv[i], argv[i + 1]);
		if ((cmd = find_command(two)))
			used = 2;
	}
	if (!cmd && (cmd = find_command(argv[i])))
		used = 1;
	if (!cmd) {
		/* "maitre guest" alone: list the group */
		size_t n = strlen(argv[i]);
		bool group = false;
		for (size_t k = 0; k < NCOMMANDS && !group; k++)
			group = strncmp(commands[k].name, argv[i], n) == 0 && commands[k].name[n] == ' ';
		if (group) {
			fprintf(stderr, "maitre: %s: needs a subcommand:\n", argv[i]);
			for (size_t k = 0; k < NCOMMANDS; k++)
				if (strncmp(commands[k].name, argv[i], n) == 0 && commands[k].name[n] == ' ')
					fprintf(stderr, "  maitre %-12s %s\n", commands[k].name,
						commands[k].summary);
		} else {
			fprintf(stderr, "maitre: no command \"%s\" (see 'maitre help')\n", argv[i]);
		}
		rc = EXIT_USAGE;
		goto out;
	}
	c.cmd = cmd->name;
	rc = cmd->fn(&c, argc - i - used, argv + i + used);
	if (rc < 0) /* --help was handled */
		rc = 0;
out:
	if (c.st)
		store_close(c.st);
	free(c.db);
	fflush(stdout);
	if (ferror(stdout) && rc == 0) {
		fprintf(stderr, "maitre: cannot write the output\n");
		rc = EXIT_DATA;
	}
	return rc;
}
