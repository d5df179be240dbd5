/* cli_audit.c — maitre audit (who changed what and when) and maitre audit verify (is the
 * chain of the audit rows whole). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#include "config/settings.h"
#include "cli/cli_audit.h"
#include "core/date.h"
#include "store/audit_store.h"

enum { A_GUEST = 1, A_STAFF, A_SINCE, A_ACTION, A_OLDEST, A_LIMIT };

const struct opt cli_audit_opts[] = {
	{"guest", "ID", A_GUEST, "only the changes about this guest (sheet, visits, complaints ...)"},
	{"staff", "LOGIN", A_STAFF, "only the changes this login made"},
	{"since", "YYYY-MM-DD", A_SINCE, "only the changes on or after this day"},
	{"action", "KIND", A_ACTION, "only this action (create, update, add, remove, void ...)"},
	{"oldest-first", NULL, A_OLDEST, "the oldest change first (default: the newest first)"},
	{"limit", "N", A_LIMIT, "at most N changes"},
	{NULL, NULL, 0, NULL},
};

const struct opt cli_audit_verify_opts[] = {{NULL, NULL, 0, NULL}};

struct audit_ctx {
	struct audit_filter f;
	char since[11];
};

static int on_audit(struct cli *c, void *vctx, int id, const char *val)
{
	struct audit_ctx *x = vctx;
	struct date d;
	int n, rc;
	switch (id) {
	case A_GUEST:
		return cli_parse_guest(c, "--guest", val, &x->f.guest_id) ? 0 : EXIT_USER;
	case A_STAFF:
		x->f.staff = val;
		return 0;
	case A_SINCE:
		if ((rc = cli_parse_date(c, "--since", val, &d)) != 0)
			return rc;
		date_format(d, x->since);
		x->f.since = x->since;
		return 0;
	case A_ACTION:
		x->f.action = val;
		return 0;
	case A_OLDEST:
		x->f.oldest_first = true;
		return 0;
	case A_LIMIT:
		if ((rc = cli_parse_int(c, "--limit", val, 1, 1000000000, &n)) != 0)
			return rc;
		x->f.limit = (size_t)n;
		return 0;
	default:
		return cli_usage_error(c, _("unexpected argument \"%s\""), val);
	}
}

/* Whether the reader may see a guest's sensitive values: their role says (session.h). */
struct reveal_memo {
	struct cli *c;
	int64_t guest_id; /* the guest last asked about, and the answer */
	bool sees;
};

static bool reveal(void *ctx, int64_t guest_id)
{
	struct reveal_memo *m = ctx;
	if (!m->c->session)
		return true;
	/* a guest's rows come together (one guest's history, or runs of a busy guest's): the
	 * guest's sales manager is read once a run, not once a row */
	if (guest_id != m->guest_id) {
		m->guest_id = guest_id;
		m->sees = session_sees_guest(m->c->session, guest_id);
	}
	return m->sees;
}

int cli_audit(struct cli *c, int argc, char **argv)
{
	static const char *const headers[] = {"id",    "at",  "login", "staff", "entity", "entity_id",
					      "guest", "action", "field", "old", "new",   "op"};
	struct audit_ctx x = {0};
	int rc = cli_parse(c, argc, argv, cli_audit_opts, on_audit, &x);
	/* one guest's history is part of their card (masked by role, as the card's h shows it);
	 * the whole trail is the audit permission's */
	if (rc || (rc = cli_open(c, STORE_READONLY)) != 0 ||
	    (!x.f.guest_id && (rc = cli_may(c, PERM_AUDIT)) != 0))
		return rc;
	/* the fields config.yaml adds to the don't-asks are masked as those are */
	x.f.sensitive = settings_sensitive_fields();
	struct audit_row *v = NULL;
	size_t n = 0;
	struct reveal_memo memo = {c, -1, false};
	enum store_status s = audit_store_list(c->st, &x.f, reveal, &memo, &v, &n);
	if (s != ST_OK)
		return cli_store_error(c, s);
	struct table t;
	table_init(&t, 12, headers, (1u << 0) | (1u << 5) | (1u << 6));
	for (size_t i = 0; i < n; i++) {
		const struct audit_row *r = &v[i];
		table_addf(&t, "%" PRId64, r->id);
		table_add(&t, r->at);
		table_add(&t, r->login);
		table_add(&t, r->name);
		table_add(&t, r->entity);
		if (r->entity_id)
			table_addf(&t, "%" PRId64, r->entity_id);
		else
			table_add(&t, NULL);
		if (r->guest_id)
			table_addf(&t, "%" PRId64, r->guest_id);
		else
			table_add(&t, NULL);
		table_add(&t, r->action);
		table_add(&t, r->field);
		table_add(&t, r->hidden ? session_hidden(c->session) : r->old);
		table_add(&t, r->hidden ? session_hidden(c->session) : r->new);
		if (r->op)
			table_addf(&t, "%s %" PRId64, r->op, r->op_id);
		else
			table_add(&t, NULL);
	}
	table_print(&t, c->format, stdout);
	table_free(&t);
	audit_rows_free(v, n);
	return 0;
}

int cli_audit_verify(struct cli *c, int argc, char **argv)
{
	int rc = cli_parse(c, argc, argv, cli_audit_verify_opts, cli_one_arg, NULL);
	if (rc || (rc = cli_open(c, STORE_READONLY)) != 0)
		return rc;
	struct audit_verdict v;
	enum store_status s = audit_store_verify(c->st, &v);
	if (s != ST_OK)
		return cli_store_error(c, s);
	if (v.what == AUDIT_INTACT) {
		printf(_("audit: %lld rows, the chain is intact\n"), (long long)v.rows);
		return 0;
	}
	if (v.what == AUDIT_TRUNCATED && v.id == 0) {
		printf(_("audit: every row was removed (the chain went on to row %lld)\n"),
		       (long long)v.head_id);
		return EXIT_USER;
	}
	printf(_("audit row %lld (%s, %s): "), (long long)v.id, cli_shown(c, v.at), cli_shown(c, v.login));
	switch (v.what) {
	case AUDIT_CHANGED:
		printf(_("changed since it was written\n"));
		break;
	case AUDIT_REMOVED:
		printf(_("the row before it was removed\n"));
		break;
	case AUDIT_INSERTED:
		printf(_("inserted out of line (not written by maitre in its place)\n"));
		break;
	default:
		printf(_("the rows after it were removed (the chain went on to row %lld)\n"),
		       (long long)v.head_id);
	}
	return EXIT_USER;
}
