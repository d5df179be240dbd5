/* cli_db.c — maitre init | backup | demo | summary | doctor */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "demo/demo.h"
#include "demo/demo_data.h"
#include "demo/demo_office.h"
#include "config/paths.h"
#include "core/date.h"
#include "core/strv.h"
#include "core/text.h"
#include "export/doctor_report.h"
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
const struct opt cli_backup_opts[] = {{NULL, NULL, 0, NULL}};
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

int cli_backup(struct cli *c, int argc, char **argv)
{
	const char *dest = NULL;
	int rc = cli_parse(c, argc, argv, cli_backup_opts, cli_one_arg, &dest);
	if (rc)
		return rc;
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	char *def = NULL;
	if (!dest) {
		/* beside the database: maitre-2026-11-23-184501.db */
		time_t t = time(NULL);
		struct tm tm;
		char stamp[32];
		localtime_r(&t, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M%S", &tm);
		size_t n = strlen(c->db);
		size_t base = n > 3 && !strcmp(c->db + n - 3, ".db") ? n - 3 : n;
		def = xasprintf("%.*s-%s.db", (int)base, c->db, stamp);
		dest = def;
	}
	enum store_status s = store_backup(c->st, dest);
	if (s != ST_OK)
		rc = cli_store_error(c, s);
	else
		printf("%s\n", dest);
	free(def);
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
