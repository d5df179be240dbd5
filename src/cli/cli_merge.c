/* cli_merge.c — maitre guest merge KEEP OTHER, guest unmerge MERGE_ID, guest merges. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/guest_merge.h"
#include "store/merge_store.h"

enum { M_PREFER = 1, M_DRY_RUN, M_GUEST };

const struct opt cli_guest_merge_opts[] = {
	{"prefer", "other:FIELD", M_PREFER,
	 "take this field from OTHER (other:FIELD) or KEEP (keep:FIELD) whichever is newer; "
	 "may be repeated"},
	{"dry-run", NULL, M_DRY_RUN, "show what would change; write nothing"},
	{NULL, NULL, 0, NULL},
};
const struct opt cli_guest_unmerge_opts[] = {{NULL, NULL, 0, NULL}};
const struct opt cli_guest_merges_opts[] = {
	{"guest", "ID", M_GUEST, "only the merges that kept or took this guest"},
	{NULL, NULL, 0, NULL},
};

struct merge_ctx {
	struct strv args;
	struct merge_prefer prefer;
	bool dry_run;
	int64_t guest;
};

static int on_merge(struct cli *c, void *vctx, int id, const char *val)
{
	struct merge_ctx *x = vctx;
	struct error why;
	switch (id) {
	case OPT_POSITIONAL:
		strv_push(&x->args, val);
		return 0;
	case M_PREFER:
		if (merge_prefer_parse(val, &x->prefer, &why) < 0)
			return cli_error(c, EXIT_USER, "%s", why.msg);
		return 0;
	case M_DRY_RUN:
		x->dry_run = true;
		return 0;
	case M_GUEST:
		return cli_parse_guest(c, "--guest", val, &x->guest) ? 0 : EXIT_USER;
	}
	return 0;
}

/* What the merge takes: the fields that differ and the value kept, the lists, the rows. */
static void print_plan(struct cli *c, const struct merge_result *r)
{
	printf(_("guest %" PRId64 " (%s) takes guest %" PRId64 " (%s)\n"), r->keep,
	       cli_shown(c, r->keep_sheet.f[GF_NAME]), r->other,
	       cli_shown(c, r->other_sheet.f[GF_NAME]));
	for (size_t i = 0; i < r->plan.ndiffs; i++) {
		const struct merge_diff *d = &r->plan.diffs[i];
		printf("  %-16s %s | %s  -> %s\n", guest_fields[d->field].key,
		       d->keep ? cli_shown(c, d->keep) : "-", d->other ? cli_shown(c, d->other) : "-",
		       d->take_other ? _("other's") : _("keep's"));
	}
	printf(_("  lists: %zu items added, %zu there already, %zu raised\n"), r->plan.added,
	       r->plan.same, r->plan.raised);
	for (int t = 0; t < MT_COUNT; t++)
		if (r->moved[t])
			printf(_("  moves: %" PRId64 " %s\n"), r->moved[t], merge_table_names[t]);
}

int cli_guest_merge(struct cli *c, int argc, char **argv)
{
	struct merge_ctx x;
	memset(&x, 0, sizeof x);
	int64_t keep = 0, other = 0;
	static const char *const what[] = {"KEEP", "OTHER"};
	int rc = cli_parse(c, argc, argv, cli_guest_merge_opts, on_merge, &x);
	if (rc == 0)
		rc = cli_want_args(c, &x.args, 2, what);
	if (rc == 0 && (!cli_parse_guest(c, "keep", x.args.v[0], &keep) ||
			!cli_parse_guest(c, "other", x.args.v[1], &other)))
		rc = EXIT_USER;
	if (rc == 0)
		rc = cli_open(c, x.dry_run ? STORE_READONLY : 0);
	strv_free(&x.args);
	if (rc)
		return rc;
	struct merge_result r;
	enum store_status s = x.dry_run ? merge_store_plan(c->st, keep, other, &x.prefer, &r)
					: merge_store_merge(c->st, keep, other, &x.prefer, &r);
	if (s != ST_OK) {
		merge_result_free(&r);
		return cli_store_error(c, s);
	}
	print_plan(c, &r);
	char span[40] = "";
	if (r.months.n)
		strv_span(&r.months, span, sizeof span);
	if (x.dry_run) {
		if (r.months.n)
			printf(_("  months %s would be recomputed\n"), span);
		printf("%s\n", _("dry run: nothing written"));
	} else {
		if (r.alert_closed)
			printf(_("  alert %" PRId64 " closed: guest %" PRId64 " has its own open\n"),
			       r.alert_closed, r.keep);
		printf(_("merge %" PRId64 "\n"), r.merge_id);
		if (r.months.n && (rc = cli_tier_recompute_months(c, &r.months)) == 0)
			printf(_("months %s recomputed\n"), span);
		else if (r.months.n)
			fprintf(stderr, _("maitre: note: the tiers of months %s are to be recomputed "
					  "(maitre tier recompute --month M)\n"),
				span);
	}
	merge_result_free(&r);
	return rc;
}

int cli_guest_unmerge(struct cli *c, int argc, char **argv)
{
	const char *arg = NULL;
	int rc = cli_parse(c, argc, argv, cli_guest_unmerge_opts, cli_one_arg, &arg);
	if (rc)
		return rc;
	int64_t id;
	if (!arg)
		return cli_usage_error(c, "%s", _("needs the merge id (maitre guest merges)"));
	if (!cli_parse_id(c, "merge", arg, &id))
		return EXIT_USER;
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	struct unmerge_result r;
	enum store_status s = merge_store_unmerge(c->st, id, &r);
	if (s == ST_CONFLICT) {
		rc = cli_error(c, EXIT_USER, _("merge %" PRId64 " cannot be undone: %s"), id,
			       store_errmsg(c->st));
	} else if (s != ST_OK) {
		rc = cli_store_error(c, s);
	} else {
		printf(_("merge %" PRId64 " undone: guest %" PRId64 " is apart from guest %" PRId64
			 " again, %" PRId64 " rows moved back\n"),
		       id, r.other, r.keep, r.moved);
		char span[40];
		if (r.months.n) {
			strv_span(&r.months, span, sizeof span);
			if ((rc = cli_tier_recompute_months(c, &r.months)) == 0)
				printf(_("months %s recomputed\n"), span);
		}
	}
	unmerge_result_free(&r);
	return rc;
}

int cli_guest_merges(struct cli *c, int argc, char **argv)
{
	struct merge_ctx x;
	memset(&x, 0, sizeof x);
	int rc = cli_parse(c, argc, argv, cli_guest_merges_opts, on_merge, &x);
	if (rc == 0 && x.args.n)
		rc = cli_usage_error(c, _("unexpected argument \"%s\""), x.args.v[0]);
	strv_free(&x.args);
	if (rc || (rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	struct merge_info *v;
	size_t n;
	enum store_status s = merge_store_list(c->st, x.guest, &v, &n);
	if (s != ST_OK)
		return cli_store_error(c, s);
	static const char *const cols[] = {"merge", "at", "by", "keep", "name", "other", "name",
					   "rows", "undone", "undone by"};
	struct table t;
	table_init(&t, 10, cols, 1u | 1u << 3 | 1u << 5 | 1u << 7);
	for (size_t i = 0; i < n; i++) {
		table_addf(&t, "%" PRId64, v[i].id);
		table_add(&t, v[i].at);
		table_add(&t, v[i].login);
		table_addf(&t, "%" PRId64, v[i].keep);
		table_add(&t, v[i].keep_name);
		table_addf(&t, "%" PRId64, v[i].other);
		table_add(&t, v[i].other_name);
		table_addf(&t, "%" PRId64, v[i].rows);
		table_add(&t, v[i].undone_at);
		table_add(&t, v[i].undone_by);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	free(v);
	return 0;
}
