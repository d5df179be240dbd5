/* cli_dup.c — maitre guest duplicates: guests who may be the same person, and the pairs the
 * staff say are two people (--not-same). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#include "core/date.h"
#include "core/dup.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "store/dup_store.h"
#include "store/search_store.h"

enum { D_MIN_SCORE = 1, D_LIMIT, D_GUEST, D_NOT_SAME };

#define DUP_LIMIT_DEFAULT 100

const struct opt cli_guest_duplicates_opts[] = {
	{"min-score", "N", D_MIN_SCORE, "only pairs scoring at least N (0 to 100)"},
	{"limit", "N", D_LIMIT, "at most N pairs and N groups, the highest scores first (default 100)"},
	{"guest", "ID", D_GUEST, "only the pairs with this guest"},
	{"not-same", NULL, D_NOT_SAME,
	 "with two ids A B: record that they are two people, never listed again"},
	{NULL, NULL, 0, NULL},
};

struct dup_ctx {
	struct dup_opts o;
	int limit;
	bool not_same;
	struct strv args;
};

static int on_dup(struct cli *c, void *vctx, int id, const char *val)
{
	struct dup_ctx *d = vctx;
	switch (id) {
	case OPT_POSITIONAL:
		strv_push(&d->args, val);
		return 0;
	case D_MIN_SCORE:
		return cli_parse_int(c, "min-score", val, 0, 100, &d->o.min_score);
	case D_LIMIT:
		return cli_parse_int(c, "limit", val, 1, 1000000, &d->limit);
	case D_GUEST:
		return cli_parse_guest(c, "guest", val, &d->o.guest) ? 0 : EXIT_USER;
	case D_NOT_SAME:
		d->not_same = true;
		return 0;
	}
	return 0;
}

/* --not-same A B */
static int not_same(struct cli *c, const struct dup_ctx *d)
{
	static const char *const what[] = {"the first guest id", "the second guest id"};
	int64_t a, b;
	int rc = cli_want_args(c, &d->args, 2, what);
	if (rc)
		return rc;
	if (!cli_parse_guest(c, "guest", d->args.v[0], &a) ||
	    !cli_parse_guest(c, "guest", d->args.v[1], &b))
		return EXIT_USER;
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	enum store_status s = dup_store_dismiss(c->st, a, b);
	return s == ST_OK ? 0 : cli_store_error(c, s);
}

static int cmp_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

/* The summary of guest id among the n of sum (sorted by id), or NULL. */
static const struct guest_summary *summary_of(const struct guest_summary *sum, size_t n,
					      int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (sum[mid].id == id)
			return &sum[mid];
		if (sum[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A guest's name as addressed, and the name compared when it is another ("孙先生 (孙立国)"). */
static void add_name(struct table *t, const struct guest_summary *g, const char *compared)
{
	char *s = dup_name_shown(g ? g->name : compared, compared);
	table_add(t, s);
	free(s);
}

/* A group too large to list as pairs, said on stderr: "7 guests share the phone …: 3, 9, …". */
static void say_group(struct cli *c, const struct dup_group *g)
{
	char *why = dup_reasons_text(g->reason);
	struct sbuf ids = {0};
	sbuf_add(&ids, "");
	for (size_t i = 0; i < g->n && i < 10; i++)
		sbuf_printf(&ids, "%s%" PRId64, i ? ", " : "", g->ids[i]);
	if (g->n > 10)
		sbuf_add(&ids, ", …");
	fprintf(stderr, _("maitre: %s: %zu guests, %s (%s), listed as one group: %s\n"), c->cmd,
		g->n, why, cli_shown(c, g->key), ids.s);
	sbuf_free(&ids);
	free(why);
}

int cli_guest_duplicates(struct cli *c, int argc, char **argv)
{
	static const char *const headers[] = {"a",        "b",        "score",      "reasons",
					      "name_a",   "name_b",   "phones_a",   "phones_b",
					      "employer_a", "employer_b"};
	struct dup_ctx d = {.limit = DUP_LIMIT_DEFAULT};
	int rc = cli_parse(c, argc, argv, cli_guest_duplicates_opts, on_dup, &d);
	if (rc)
		goto out;
	if (d.not_same) {
		rc = not_same(c, &d);
		goto out;
	}
	if (d.args.n) {
		rc = cli_usage_error(c, _("unexpected argument \"%s\""), d.args.v[0]);
		goto out;
	}
	if ((rc = cli_open(c, STORE_READONLY)) != 0)
		goto out;
	struct dup_result r;
	enum store_status s = dup_store_find(c->st, &d.o, &r);
	if (s != ST_OK) {
		rc = cli_store_error(c, s);
		goto out;
	}
	size_t n = r.npairs < (size_t)d.limit ? r.npairs : (size_t)d.limit;
	/* both guests of each pair shown, read once each */
	int64_t *ids = xreallocarray(NULL, 2 * n + 1, sizeof *ids);
	size_t nids = 0;
	for (size_t i = 0; i < n; i++) {
		ids[nids++] = r.pairs[i].a;
		ids[nids++] = r.pairs[i].b;
	}
	qsort(ids, nids, sizeof *ids, cmp_id);
	size_t m = 0;
	for (size_t i = 0; i < nids; i++)
		if (m == 0 || ids[m - 1] != ids[i])
			ids[m++] = ids[i];
	struct guest_summary *sum = xcalloc(m + 1, sizeof *sum);
	char month[11];
	date_month_key(date_today(), month);
	if ((s = search_store_summaries(c->st, ids, m, month, sum)) != ST_OK) {
		rc = cli_store_error(c, s);
		free(ids);
		free(sum);
		dup_result_free(&r);
		goto out;
	}
	struct table t;
	table_init(&t, 10, headers, (1u << 0) | (1u << 1) | (1u << 2));
	for (size_t i = 0; i < n; i++) {
		const struct dup_pair *p = &r.pairs[i];
		const struct guest_summary *a = summary_of(sum, m, p->a), *b = summary_of(sum, m, p->b);
		char *why = dup_reasons_text(p->reasons);
		table_addf(&t, "%" PRId64, p->a);
		table_addf(&t, "%" PRId64, p->b);
		table_addf(&t, "%d", p->score);
		table_add(&t, why);
		add_name(&t, a, p->name_a);
		add_name(&t, b, p->name_b);
		table_add(&t, a ? a->phones : NULL);
		table_add(&t, b ? b->phones : NULL);
		table_add(&t, a ? a->employer : NULL);
		table_add(&t, b ? b->employer : NULL);
		free(why);
	}
	if (n || c->format != OUT_TEXT)
		table_print(&t, c->format, stdout);
	else if (!r.ngroups)
		fprintf(stderr, _("maitre: %s: no duplicates found among %" PRId64 " guests\n"),
			c->cmd, r.guests);
	table_free(&t);
	fflush(stdout); /* the notes after the listing */
	if (r.npairs > n)
		fprintf(stderr, _("maitre: %s: %zu more pairs (--limit, --min-score)\n"), c->cmd,
			r.npairs - n);
	for (size_t i = 0; i < r.ngroups && i < (size_t)d.limit; i++)
		say_group(c, &r.groups[i]);
	if (r.ngroups > (size_t)d.limit)
		fprintf(stderr, _("maitre: %s: %zu more groups (--limit, --min-score)\n"), c->cmd,
			r.ngroups - (size_t)d.limit);
	if (r.crowded)
		fprintf(stderr,
			_("maitre: %s: %zu sets of more than %d similar names at one employer were "
			  "not compared\n"),
			c->cmd, r.crowded, DUP_NEAR_MAX);
	for (size_t i = 0; i < m; i++)
		guest_summary_free(&sum[i]);
	free(sum);
	free(ids);
	dup_result_free(&r);
out:
	strv_free(&d.args);
	return rc;
}
