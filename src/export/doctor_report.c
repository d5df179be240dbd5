/* doctor_report.c — maitre doctor's report in words (doctor_report.h). */
#include "config.h"

#include "export/doctor_report.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "core/xalloc.h"

static const char *const labels[DOC_COUNT] = {
	[DOC_SCHEMA] = N_("schema"),
	[DOC_INTEGRITY] = N_("integrity_check"),
	[DOC_FOREIGN_KEYS] = N_("foreign_key_check"),
	[DOC_GUEST_MONTH] = N_("guest_month against the visits"),
	[DOC_SEARCH] = N_("search index against the guests"),
	[DOC_GUEST_LAST] = N_("guest_last against the visits"),
	[DOC_TIER_MONTHS] = N_("tier months, a row for every guest who came"),
};

/* What item i found, in words (malloc'ed). */
static char *finding(const struct doctor_report *rep, int i)
{
	const struct doctor_result *r = &rep->r[i];
	if (i == DOC_SCHEMA) {
		if (rep->schema == rep->latest)
			return xasprintf(_("%d, this maitre's"), rep->schema);
		if (rep->schema < rep->latest)
			return xasprintf(_("%d, older than this maitre's %d: upgraded when maitre "
					   "next writes to it"),
					 rep->schema, rep->latest);
		return xasprintf(_("%d, newer than this maitre's %d: upgrade maitre"), rep->schema,
				 rep->latest);
	}
	if (r->state == DOC_UNCHECKED)
		return xasprintf(_("not checked (%s)"), r->first);
	if (r->state == DOC_OK)
		return xasprintf("%s", _("ok"));
	if (r->unreadable)
		return xasprintf(_("SQLite cannot read it: %s"), r->first);
	long long n = (long long)r->n, m = (long long)r->m, k = (long long)r->k;
	switch (i) {
	case DOC_INTEGRITY:
		return xasprintf(_("problems: %lld, the first: %s"), n, r->first);
	case DOC_FOREIGN_KEYS:
		return xasprintf(_("rows that refer to nothing: %lld, the first: %s"), n, r->first);
	case DOC_GUEST_MONTH:
	case DOC_GUEST_LAST:
		return xasprintf(_("rows missing or different: %lld, extra: %lld"), n, m);
	case DOC_SEARCH:
		return xasprintf(_("keys missing: %lld, extra: %lld; texts or probes wrong: %lld"), n,
				 m, k);
	case DOC_TIER_MONTHS:
		return xasprintf(_("incomplete months: %lld, guests without a row: %lld; the first, "
				   "%s: run `maitre tier recompute --month %s`"),
				 n, m, r->first, r->first);
	}
	return xasprintf("?");
}

void doctor_report_lines(const struct doctor_report *r, struct strv *out)
{
	bool derived = false, damaged = false, unchecked = false;
	for (int i = 0; i < DOC_COUNT; i++) {
		char *f = finding(r, i);
		strv_take(out, xasprintf("%s: %s", _(labels[i]), f));
		free(f);
		if (r->r[i].state == DOC_WRONG && r->r[i].derived)
			derived = true;
		else if (r->r[i].state == DOC_WRONG && i != DOC_TIER_MONTHS && i != DOC_SCHEMA)
			damaged = true;
		else if (r->r[i].state == DOC_UNCHECKED && r->schema == r->latest)
			unchecked = true;
	}
	if (doctor_whole(r)) {
		strv_push(out, _("the database is whole"));
		return;
	}
	if (r->schema > r->latest)
		strv_push(out, _("this maitre cannot check what a newer one wrote: upgrade maitre"));
	if (r->r[DOC_TIER_MONTHS].state == DOC_WRONG)
		strv_push(out, _("a month's tiers are incomplete: compute the month again"));
	if (derived)
		strv_push(out, _("what is derived is wrong: `maitre doctor --repair` rebuilds it "
				 "from the guests and their visits"));
	if (damaged || unchecked)
		strv_push(out, _("the database is damaged beyond what is derived: restore the latest "
				 "backup (`maitre doctor --repair` rebuilds only what is derived)"));
}
