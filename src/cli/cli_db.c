/* cli_db.c — maitre init | backup | demo | summary | doctor */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo/demo.h"
#include "demo/demo_data.h"
#include "demo/demo_office.h"
#include "config/paths.h"
#include "core/date.h"
#include "core/strv.h"
#include "core/text.h"
#include "export/doctor_report.h"
#include "store/backup_store.h"
#include "store/doctor_store.h"
#include "store/guest_store.h"
#include "store/search_store.h"
#include "store/tier_store.h"
#include "store/visit_store.h"
#include "core/tier.h"

const struct opt cli_init_opts[] = {
	{"opening-date", "YYYY-MM-DD", 1,
	 "the day the restaurant opened: no visit is entered before it (default: a year back)"},
	{NULL, NULL, 0, NULL}};
enum { B_LIST = 1, B_PRUNE, B_BEFORE, B_YES };
const struct opt cli_backup_opts[] = {
	{"list", NULL, B_LIST, "list the backups of the database: when, kind, size, guests, file"},
	{"prune", NULL, B_PRUNE,
	 "remove the backups made before the day of --before (needs the restore permission)"},
	{"before", "YYYY-MM-DD", B_BEFORE, "with --prune: the first day whose backups are kept"},
	{"yes", NULL, B_YES, "with --prune: do it without asking (needed when not on a terminal)"},
	{NULL, NULL, 0, NULL}};
const struct opt cli_restore_opts[] = {
	{"yes", NULL, 1, "restore without asking (needed when not on a terminal)"},
	{NULL, NULL, 0, NULL}};
const struct opt cli_summary_opts[] = {{NULL, NULL, 0, NULL}};
const struct opt cli_doctor_opts[] = {
	{"repair", NULL, 1,
	 "rebuild what is derived (monthly figures, last visits, the search index, every index) in "
	 "one transaction, then check again; the guest data is never written"},
	{NULL, NULL, 0, NULL}};

static int on_init(struct cli *c, void *ctx, int id, const char *val)
{
	if (id == OPT_POSITIONAL)
		return cli_one_arg(c, NULL, id, val);
	*(const char **)ctx = val;
	return 0;
}

int cli_init(struct cli *c, int argc, char **argv)
{
	const char *opening = NULL;
	struct date d;
	int rc = cli_parse(c, argc, argv, cli_init_opts, on_init, &opening);
	if (rc)
		return rc;
	if (opening && cli_parse_date(c, "opening date", opening, &d))
		return EXIT_USER;
	if (!c->db)
		c->db = paths_default_db();
	bool existed = c->db && access(c->db, F_OK) == 0;
	if ((rc = cli_open(c, STORE_CREATE)) != 0)
		return rc;
	enum store_status s = opening ? visit_store_set_opening(c->st, d) : ST_OK;
	if (s != ST_OK)
		return cli_store_error(c, s);
	printf("%s %s (schema %d)\n", existed ? "database ready:" : "created", c->db,
	       store_schema_version(c->st));
	return 0;
}

struct backup_args {
	const char *dest, *before;
	bool list, prune, yes;
};

static int on_backup(struct cli *c, void *ctx, int id, const char *val)
{
	struct backup_args *a = ctx;
	switch (id) {
	case OPT_POSITIONAL:
		return cli_one_arg(c, &a->dest, id, val);
	case B_LIST:
		a->list = true;
		return 0;
	case B_PRUNE:
		a->prune = true;
		return 0;
	case B_BEFORE:
		a->before = val;
		return 0;
	case B_YES:
		a->yes = true;
		return 0;
	}
	return 0;
}

/* "12.3 MB" of a size in bytes. */
static void size_mb(char *buf, size_t n, int64_t bytes)
{
	snprintf(buf, n, "%.1f MB", (double)bytes / 1e6);
}

/* maitre backup --list */
static int backup_list(struct cli *c)
{
	struct backup_files f;
	struct error err;
	if (backup_files(c->db, &f, &err) < 0)
		return cli_error(c, EXIT_DATA, "%s", err.msg);
	static const char *const cols[] = {"made", "kind", "bytes", "guests", "visits", "file"};
	struct table t;
	table_init(&t, 6, cols, 0x1cu);
	for (size_t i = 0; i < f.n; i++) {
		struct backup_info in;
		bool read = backup_inspect(f.v[i].path, false, &in, &err) == ST_OK;
		table_add(&t, f.v[i].made);
		table_add(&t, f.v[i].tag[0] ? f.v[i].tag : "backup");
		table_addf(&t, "%lld", (long long)f.v[i].size);
		if (read) {
			table_addf(&t, "%lld", (long long)in.guests);
			table_addf(&t, "%lld", (long long)in.visits);
		} else {
			table_add(&t, "?");
			table_add(&t, "?");
		}
		table_add(&t, f.v[i].path);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	if (c->format == OUT_TEXT) {
		char *dir = backup_dir(c->db);
		printf(_("backups: %zu; the backup folder: %s\n"), f.n, dir);
		free(dir);
	}
	backup_files_free(&f);
	return 0;
}

/* maitre backup --prune --before DAY [--yes] */
static int backup_prune_cmd(struct cli *c, const char *before, bool yes)
{
	struct date d;
	int rc;
	if ((rc = cli_parse_date(c, "--before", before, &d)) != 0 || (rc = cli_may(c, PERM_RESTORE)))
		return rc;
	char day[11];
	date_format(d, day);
	struct backup_files f;
	struct error err;
	if (backup_files(c->db, &f, &err) < 0)
		return cli_error(c, EXIT_DATA, "%s", err.msg);
	size_t n = 0;
	for (size_t i = 0; i < f.n; i++)
		n += strncmp(f.v[i].made, day, 10) < 0;
	if (n == 0) {
		printf(_("no backup of %s was made before %s (%zu kept)\n"), c->db, day, f.n);
		backup_files_free(&f);
		return 0;
	}
	printf(_("made before %s: %zu of the %zu backups\n"), day, n, f.n);
	for (size_t i = 0; i < f.n; i++)
		if (strncmp(f.v[i].made, day, 10) < 0)
			printf("  %s  %s\n", f.v[i].made, cli_shown(c, f.v[i].path));
	backup_files_free(&f);
	fflush(stdout);
	if ((rc = cli_confirm(c, yes, _("Remove them?"), _("nothing was removed"))) != 0)
		return rc;
	struct strv removed = {0};
	long k = backup_prune(c->db, day, &removed, &err);
	for (size_t i = 0; i < removed.n; i++)
		printf(_("removed %s\n"), cli_shown(c, removed.v[i]));
	strv_free(&removed);
	if (k < 0)
		return cli_error(c, EXIT_DATA, "%s", err.msg);
	return 0;
}

int cli_backup(struct cli *c, int argc, char **argv)
{
	struct backup_args a = {0};
	int rc = cli_parse(c, argc, argv, cli_backup_opts, on_backup, &a);
	if (rc)
		return rc;
	if ((a.list || a.prune) && a.dest)
		return cli_usage_error(c, _("unexpected argument \"%s\""), a.dest);
	if (a.list && a.prune)
		return cli_usage_error(c, _("--list and --prune: one or the other"));
	if (a.prune != (a.before != NULL))
		return cli_usage_error(c, a.prune ? _("--prune needs --before YYYY-MM-DD")
						  : _("--before goes with --prune"));
	if (a.yes && !a.prune)
		return cli_usage_error(c, _("--yes goes with --prune"));
	/* a book of an older schema is backed up as it is: the copy to keep before the upgrade
	 * (STORE_DOCTOR: neither migrated nor refused for its version) */
	if ((rc = cli_open(c, STORE_READONLY | STORE_DOCTOR)) != 0)
		return rc;
	if (a.list)
		return backup_list(c);
	if (a.prune)
		return backup_prune_cmd(c, a.before, a.yes);
	char *def = NULL;
	if (!a.dest) {
		/* in the backup folder: backups/maitre-2026-11-23-184501.db */
		struct error err;
		if (backup_dir_make(c->db, &err) < 0)
			return cli_error(c, EXIT_DATA, "%s", err.msg);
		char now[20];
		def = backup_new_path(c->db, date_now_stamp(now), NULL);
		a.dest = def;
	}
	enum store_status s = store_backup(c->st, a.dest);
	if (s != ST_OK)
		rc = cli_store_error(c, s);
	else
		printf("%s\n", a.dest);
	free(def);
	return rc;
}

/* The comparison of a backup b with the database now: guests, visits and the newest change
 * of each, and what the restore changes. */
static void restore_compare(const struct backup_info *b, const struct backup_info *now)
{
	static const char *const cols[] = {"", "the backup", "the database now", "restoring"};
	struct table t;
	table_init(&t, 4, cols, 0);
	table_add(&t, _("guests"));
	table_addf(&t, "%lld", (long long)b->guests);
	table_addf(&t, "%lld", (long long)now->guests);
	table_addf(&t, "%+lld", (long long)(b->guests - now->guests));
	table_add(&t, _("visits"));
	table_addf(&t, "%lld", (long long)b->visits);
	table_addf(&t, "%lld", (long long)now->visits);
	table_addf(&t, "%+lld", (long long)(b->visits - now->visits));
	table_add(&t, _("last change"));
	table_add(&t, b->last_change[0] ? b->last_change : "-");
	table_add(&t, now->last_change[0] ? now->last_change : "-");
	table_add(&t, "");
	table_add(&t, _("last visit"));
	table_add(&t, b->last_visit[0] ? b->last_visit : "-");
	table_add(&t, now->last_visit[0] ? now->last_visit : "-");
	table_add(&t, "");
	table_print(&t, OUT_TEXT, stdout);
	table_free(&t);
}

struct restore_args {
	struct strv args;
	bool yes;
};

static int on_restore(struct cli *c, void *ctx, int id, const char *val)
{
	(void)c;
	struct restore_args *a = ctx;
	if (id == OPT_POSITIONAL)
		strv_push(&a->args, val);
	else
		a->yes = true;
	return 0;
}

int cli_restore(struct cli *c, int argc, char **argv)
{
	struct restore_args a = {{0}, false};
	int rc = cli_parse(c, argc, argv, cli_restore_opts, on_restore, &a);
	static const char *const what[] = {"the backup"};
	if (rc || (rc = cli_want_args(c, &a.args, 1, what)) != 0)
		goto out;
	const char *path = a.args.v[0];
	bool yes = a.yes;
	if ((rc = cli_open(c, 0)) != 0)
		goto out;
	struct backup_info b, now;
	struct error err;
	enum store_status s = backup_inspect(path, true, &b, &err);
	if (s != ST_OK) {
		rc = cli_error(c, s == ST_NOTFOUND || s == ST_INVALID ? EXIT_USER : EXIT_DATA,
			       _("%s (nothing was restored)"), err.msg);
		goto out;
	}
	if ((s = store_restore_ready(c->st, path)) != ST_OK ||
	    (s = backup_inspect_store(c->st, &now)) != ST_OK) {
		rc = cli_store_error(c, s);
		goto out;
	}
	char mb[32];
	size_mb(mb, sizeof mb, b.size);
	printf(_("backup %s\n  made %s (%s), schema %d; integrity_check and foreign_key_check: "
		 "ok\n"),
	       cli_shown(c, path), b.made, mb, b.schema);
	if (b.schema < store_schema_latest())
		printf(_("  its schema (%d) is older than this maitre's (%d): it is migrated once "
			 "copied\n"),
		       b.schema, store_schema_latest());
	if (b.page_size != now.page_size) {
		rc = cli_error(c, EXIT_DATA,
			       _("%s: its pages are of %d bytes, the database's of %d: nothing was "
				 "restored"),
			       path, b.page_size, now.page_size);
		goto out;
	}
	printf("\n");
	restore_compare(&b, &now);
	struct error mk;
	if (backup_dir_make(c->db, &mk) < 0) {
		rc = cli_error(c, EXIT_DATA, "%s", mk.msg);
		goto out;
	}
	char now_stamp[20];
	char *keep = backup_new_path(c->db, date_now_stamp(now_stamp), BACKUP_TAG_RESTORE);
	printf(_("\nThe database %s is kept as %s first.\n"), cli_shown(c, c->db),
	       cli_shown(c, keep));
	fflush(stdout);
	if ((rc = cli_confirm(c, yes, _("Replace the database by the backup?"),
			  _("nothing was restored"))) == 0) {
		if ((s = store_restore(c->st, path, keep)) != ST_OK)
			rc = cli_store_error(c, s);
		else
			printf(_("restored %s from %s; the file it replaced is %s\n"),
			       cli_shown(c, c->db), cli_shown(c, path), cli_shown(c, keep));
	}
	free(keep);
out:
	strv_free(&a.args);
	return rc;
}

enum { D_GUESTS = 1, D_VISITS, D_SEED, D_QUIET };
const struct opt cli_demo_opts[] = {
	{"guests", "N", D_GUESTS, "how many guests (default 2000)"},
	{"visits-per-guest", "M", D_VISITS,
	 "about M visits per guest over 18 months (default: each guest's own pattern; 0: none)"},
	{"seed", "S", D_SEED, "the random seed: the same seed makes the same restaurant (default 1)"},
	{"quiet", NULL, D_QUIET, "print no progress"},
	{NULL, NULL, 0, NULL},
};

struct demo_ctx {
	struct demo_opts o;
	bool quiet;
};

static int on_demo(struct cli *c, void *vctx, int id, const char *val)
{
	struct demo_ctx *d = vctx;
	char *end;
	switch (id) {
	case OPT_POSITIONAL:
		return cli_usage_error(c, _("unexpected argument \"%s\""), val);
	case D_GUESTS: {
		int n;
		if (cli_parse_int(c, "guests", val, 1, (int)DEMO_MAX_GUESTS, &n))
			return EXIT_USER;
		d->o.guests = n;
		return 0;
	}
	case D_VISITS:
		d->o.visits_per_guest = strtod(val, &end);
		/* strtod skips a space before the number: only digits at both ends */
		if (!(*val >= '0' && *val <= '9') || !(end[-1] >= '0' && end[-1] <= '9') || *end ||
		    d->o.visits_per_guest < 0 || d->o.visits_per_guest > 1000)
			return cli_error(
			    c, EXIT_USER,
			    _("visits-per-guest: must be a number from 0 to 1000, got \"%s\""),
			    val);
		return 0;
	case D_SEED: {
		uint64_t s;
		if (!text_parse_uint(val, &s))
			return cli_error(c, EXIT_USER,
			                 _("seed: must be a whole number ≥ 0, got \"%s\""), val);
		d->o.seed = s;
		return 0;
	}
	case D_QUIET:
		d->quiet = true;
		return 0;
	}
	return 0;
}

static int summary(struct cli *c);

/* After a failed demo into a private file (target set): deletes it and puts the database path
 * back. Returns rc. */
static int demo_abandon(struct cli *c, char *target, int rc)
{
	if (c->st) {
		store_close(c->st);
		c->st = NULL;
	}
	if (target) {
		unlink(c->db);
		free(c->db);
		c->db = target;
	}
	return rc;
}

/* Who works at the demo restaurant, and the PINs of those who sign in at its front desk. */
static void demo_print_staff(struct cli *c)
{
	int managers = 0, receptionists = 0;
	const char *desk = "";
	struct sbuf pins = {0};
	for (size_t i = 0; i < demo_members_n; i++) {
		const struct demo_member *m = &demo_members[i];
		managers += strcmp(m->role, "manager") == 0;
		receptionists += !m->shared && strcmp(m->role, "receptionist") == 0;
		if (m->shared)
			desk = m->login;
		if (m->pin)
			sbuf_printf(&pins, "%s%s %s", pins.len ? ", " : "", m->login, m->pin);
	}
	printf(_("staff: %zu sales managers, %d managers, %d receptionists, the front desk's shared "
		 "login %s; %s is the admin\n"),
	       demo_sales_managers_n, managers, receptionists, desk, store_login(c->st));
	printf(_("front desk PINs (maitre --as LOGIN on %s): %s\n"), desk, pins.s ? pins.s : "");
	sbuf_free(&pins);
}

int cli_demo(struct cli *c, int argc, char **argv)
{
	struct demo_ctx d = {{2000, -1, 1, date_today()}, false};
	int rc = cli_parse(c, argc, argv, cli_demo_opts, on_demo, &d);
	if (rc)
		return rc;
	if (!c->db)
		c->db = paths_default_db();
	/* A new database is built under a name of its own, without a journal, and appears under
	 * its real name only when complete; an existing (empty) one is filled in place. */
	char *target = NULL;
	if (access(c->db, F_OK) != 0 && errno == ENOENT) {
		cli_remove_stale_demos(c->db);
		target = c->db;
		c->db = xasprintf("%s.demo-%ld", target, (long)getpid());
		unlink(c->db);
	}
	if ((rc = cli_open(c, STORE_CREATE | STORE_BULK | (target ? STORE_PRIVATE : 0))) != 0)
		return demo_abandon(c, target, rc);
	struct store_counts counts;
	store_counts(c->st, &counts);
	if (counts.guests > 0)
		return cli_error(c, EXIT_USER,
		                 _("%s already has %lld guests; the demo goes into a new database "
		                   "(use --db PATH)"),
		                 c->db, (long long)counts.guests);
	struct demo_stats stats;
	memset(&stats, 0, sizeof stats);
	enum store_status s = demo_generate(c->st, &d.o, &stats,
					    d.quiet || !isatty(STDERR_FILENO) ? NULL : stderr);
	if (s != ST_OK)
		return demo_abandon(c, target, cli_store_error(c, s));
	store_close(c->st);
	c->st = NULL;
	if (target) {
		/* link, not rename: a database made meanwhile under that name is never replaced */
		if (link(c->db, target) != 0) {
			int e = errno;
			rc = cli_error(c, EXIT_DATA, _("%s: %s (the demo was not kept)"), target,
			               e == EEXIST ? _("made by someone else meanwhile")
			                           : strerror(e));
			return demo_abandon(c, target, rc);
		}
		unlink(c->db);
		free(c->db);
		c->db = target;
	}
	printf("demo restaurant: %ld guests in %.1f s, %ld visits in %.1f s, indexes in %.1f s "
	       "(seed %llu)\n",
	       stats.guests, stats.profile_seconds, stats.visits, stats.visit_seconds,
	       stats.index_seconds, (unsigned long long)d.o.seed);
	/* the last three months' tiers, so that lookups and lists show them at once */
	const struct tier_rules *r;
	if ((rc = cli_begin(c, 0, &r)) != 0)
		return rc;
	int64_t version = 0;
	s = tier_store_rules_version(c->st, r, r->content, &version);
	for (int back = 2; back >= 0 && s == ST_OK; back--) {
		struct date m = date_month_start(d.o.today);
		for (int k = 0; k < back; k++)
			m = date_prev_month(m);
		struct tier_recompute_stats ts;
		char *canon = tier_rules_canonical(r);
		s = tier_store_recompute(c->st, r, version, m, canon, &ts);
		free(canon);
		if (s == ST_OK)
			printf("tiers of %04d-%02d: %ld guests with a tier\n", m.y, m.m, ts.tiered);
	}
	if (s == ST_OK && d.o.guests <= DEMO_OFFICE_MAX_GUESTS) {
		struct demo_office_stats os;
		if ((s = demo_office(c->st, r, d.o.guests, d.o.seed, d.o.today, &os)) == ST_OK)
			printf("back office: %ld calls, visits and banquets of the sales managers, %ld complaints, "
			       "%ld alerts\n",
			       os.contacts, os.complaints, os.alerts);
	}
	if (s == ST_OK && (s = demo_staff(c->st, &c->session->roles)) == ST_OK)
		demo_print_staff(c);
	if (s != ST_OK)
		return cli_store_error(c, s);
	store_close(c->st);
	c->st = NULL;
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	return summary(c);
}

/* What the database holds, and a sample lookup by the first guest's surname. */
static int summary(struct cli *c)
{
	struct store_counts n;
	struct stat sb;
	enum store_status s = store_counts(c->st, &n);
	if (s != ST_OK)
		return cli_store_error(c, s);
	printf("database %s", c->db);
	if (stat(c->db, &sb) == 0)
		printf(" (%.1f MB)", (double)sb.st_size / 1e6);
	printf("\n  %lld guests, %lld phones, %lld preferences, %lld special dates, %lld associated "
	       "people\n  %lld visits",
	       (long long)n.guests, (long long)n.phones, (long long)n.prefs, (long long)n.dates,
	       (long long)n.people, (long long)n.visits);
	if (n.visits)
		printf(" from %s to %s", n.first_visit, n.last_visit);
	if (n.voided_visits)
		printf(" (and %lld void)", (long long)n.voided_visits);
	printf("\n  %lld staff, %lld audit rows\n", (long long)n.staff, (long long)n.audit);
	if (n.guests == 0)
		return 0;

	/* the sample lookup: a failure to read is reported, not taken for nothing to show */
	char *name = NULL;
	if ((s = guest_store_name(c->st, 1, &name)) != ST_OK && s != ST_NOTFOUND)
		return cli_store_error(c, s);
	if (!name)
		return 0;
	uint32_t cp;
	size_t k = text_decode(name, strlen(name), &cp);
	char q[8];
	memcpy(q, name, k);
	q[k] = '\0';
	free(name);
	struct search_hit hits[5];
	size_t nh = 0;
	if ((s = search_store_find(c->st, q, 0, 5, hits, &nh)) != ST_OK)
		return cli_store_error(c, s);
	if (nh == 0)
		return 0;
	printf("\nsample lookup: maitre guest find %s\n", q);
	int64_t ids[5];
	struct guest_summary sum[5];
	for (size_t i = 0; i < nh; i++)
		ids[i] = hits[i].guest_id;
	char month[11];
	date_month_key(date_today(), month);
	if ((s = search_store_summaries(c->st, ids, nh, month, sum)) != ST_OK)
		return cli_store_error(c, s);
	for (size_t i = 0; i < nh; i++) {
		char *nm = text_display(sum[i].name ? sum[i].name : "");
		printf("  %-8lld %s", (long long)sum[i].id, nm);
		free(nm);
		if (sum[i].allergies)
			printf("  !! allergy: %s", cli_shown(c, sum[i].allergies));
		if (sum[i].taboos)
			printf("  !! taboo: %s", cli_shown(c, sum[i].taboos));
		if (sum[i].employer)
			printf("  %s", cli_shown(c, sum[i].employer));
		if (sum[i].last_visit[0])
			printf("  last visit %s", sum[i].last_visit);
		printf("\n");
		guest_summary_free(&sum[i]);
	}
	printf("\nmore: maitre --db %s guest show %lld; maitre help\n", c->db, (long long)ids[0]);
	return 0;
}

int cli_summary(struct cli *c, int argc, char **argv)
{
	int rc = cli_parse(c, argc, argv, cli_summary_opts, cli_one_arg, NULL);
	if (rc)
		return rc;
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	return summary(c);
}

static int on_doctor(struct cli *c, void *ctx, int id, const char *val)
{
	if (id == OPT_POSITIONAL)
		return cli_usage_error(c, _("unexpected argument \"%s\""), val);
	*(bool *)ctx = true;
	return 0;
}

/* Prints the report; true when the database is whole. */
static bool doctor_print(const struct doctor_report *r)
{
	struct strv lines = {0};
	doctor_report_lines(r, &lines);
	for (size_t i = 0; i < lines.n; i++)
		printf("%s\n", lines.v[i]);
	strv_free(&lines);
	return doctor_whole(r);
}

int cli_doctor(struct cli *c, int argc, char **argv)
{
	bool repair = false;
	int rc = cli_parse(c, argc, argv, cli_doctor_opts, on_doctor, &repair);
	if (rc)
		return rc;
	if ((rc = cli_open(c, STORE_DOCTOR | (repair ? 0 : STORE_READONLY))) != 0 ||
	    (repair && (rc = cli_may(c, PERM_RESTORE)) != 0))
		return rc;
	struct doctor_report r;
	enum store_status s = store_doctor(c->st, &r);
	if (s != ST_OK)
		return cli_store_error(c, s);
	printf(_("maitre doctor: %s\n"), c->db);
	bool whole = doctor_print(&r);
	if (!repair || whole)
		return whole ? 0 : EXIT_DATA;
	fflush(stdout); /* the report before what the repair says */
	if (r.schema != r.latest)
		return cli_error(c, EXIT_DATA, _("not repaired: the schema is not this maitre's"));
	if ((s = store_doctor_repair(c->st)) != ST_OK) {
		cli_error(c, EXIT_DATA, _("the repair failed, nothing was changed: %s"),
			  store_errmsg(c->st));
		return EXIT_DATA;
	}
	printf(_("\nrepaired: guest_month, guest_last, the search index and every index "
		 "rebuilt; checked again:\n"));
	if ((s = store_doctor(c->st, &r)) != ST_OK)
		return cli_store_error(c, s);
	return doctor_print(&r) ? 0 : EXIT_DATA;
}
