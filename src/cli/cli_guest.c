/* cli_guest.c — maitre guest add | edit | show | find */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/settings.h"
#include "core/complaint.h"
#include "core/date.h"
#include "core/guest.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/tier.h"
#include "export/book_export.h"
#include "store/guest_store.h"
#include "store/search_store.h"
#include "store/visit_store.h"

enum {
	P_SET = 1,
	P_PHONE, P_RM_PHONE,
	P_TASTE, P_DISH, P_HABIT, P_DISLIKE, P_TABOO, P_ALLERGY, /* in pref_kind order */
	P_RM_PREF,
	P_BIRTHDAY, P_ANNIV, P_DATE, P_RM_DATE,
	P_PERSON, P_RM_PERSON, P_PERSON_PREF, P_PERSON_BIRTHDAY,
	P_TAG, P_RM_TAG, P_NOTE, P_FORCE, P_CONSENT,
	P_FIELD, /* P_FIELD + GF_x: the option of field x (GUEST_FIELDS) */
};

/* The options of the fields that have one of their own, in the order of the sheet; a field
 * without one leaves a hole (opt.h). */
#define FIELD_OPT_ROW(id, label, name, arg) {name, arg, id, label},
#define F(id, key, type, group, search, form_label, label, opt)                                    \
	FIELD_OPT_ROW(P_FIELD + GF_##id, label, opt)
#define FIELD_OPTS GUEST_FIELDS(F)

#define PROFILE_OPTS(add)                                                                          \
	{"set", "FIELD=VALUE", P_SET, "set any field of the sheet (see FIELDS in maitre(1))"},      \
	FIELD_OPTS                                                                                 \
	{add "phone", "[KIND:]NUMBER", P_PHONE, "add a phone (kind mobile, landline, office, other)"}, \
	{add "taste", "TEXT", P_TASTE, "add a taste (清淡)"},                                      \
	{add "dish", "TEXT", P_DISH, "add a usual dish"},                                           \
	{add "habit", "TEXT", P_HABIT, "add a habit"},                                              \
	{add "dislike", "TEXT", P_DISLIKE, "add a dislike"},                                        \
	{add "taboo", "TEXT[:SEVERITY]", P_TABOO, "add a taboo (severity low..critical)"},          \
	{add "allergy", "TEXT[:SEVERITY]", P_ALLERGY, "add an allergy (default severity high)"},    \
	{"birthday", "[YYYY-]MM-DD", P_BIRTHDAY, "the guest's birthday (year optional)"},           \
	{"anniversary", "[YYYY-]MM-DD", P_ANNIV, "wedding anniversary"},                            \
	{add "date", "LABEL=[YYYY-]MM-DD", P_DATE, "another special date"},                          \
	{add "person", "RELATION[:NAME]", P_PERSON, "an associated person (driver, secretary, ...)"}, \
	{"person-pref", "WHO:KIND:TEXT", P_PERSON_PREF,                                           \
	 "a preference of an associated person (WHO: relation or name)"},                          \
	{"person-birthday", "WHO:[YYYY-]MM-DD", P_PERSON_BIRTHDAY,                                \
	 "an associated person's birthday"},                                                        \
	{add "tag", "TAG", P_TAG, "add a tag"},                                                     \
	{add "note", "TEXT", P_NOTE, "add a note (kept with author and time)"},                     \
	{"force", NULL, P_FORCE, "add a phone even when another guest has it"},                   \
	{"consent", "DATE:CHANNEL|none", P_CONSENT,                                               \
	 "when and how the guest agreed to be kept (2026-03-01:wechat; none clears it)"}

const struct opt cli_guest_add_opts[] = {
	PROFILE_OPTS(""),
	{NULL, NULL, 0, NULL},
};

const struct opt cli_guest_edit_opts[] = {
	PROFILE_OPTS("add-"),
	{"remove-phone", "NUMBER", P_RM_PHONE, "remove the phone with these digits"},
	{"remove-pref", "TEXT", P_RM_PREF, "remove the taste/dish/habit/dislike/taboo/allergy TEXT"},
	{"remove-date", "KIND|LABEL", P_RM_DATE, "remove a special date (birthday, anniversary, label)"},
	{"remove-person", "WHO", P_RM_PERSON, "remove an associated person (relation or name)"},
	{"remove-tag", "TAG", P_RM_TAG, "remove a tag"},
	{NULL, NULL, 0, NULL},
};
#undef F

struct profile_ctx {
	struct guest *g;
	bool force;
	bool named;         /* add: --name given */
	guest_field_set hidden; /* edit: what the person acting may not see nor change */
	/* edit: the ids of the stored dates whose year is hidden from them */
	int64_t *year_ids;
	size_t nyear_ids, capyear_ids;
};

/* The parts of g's sheet the person acting may not see, nor change: none for a role that sees
 * them (a sales manager: of their own guests), else the sensitive ones. */
static guest_field_set hidden_of(struct cli *c, const struct guest *g)
{
	/* no session: doctor's book of an older schema, before there were roles */
	return c->session ? session_guest_hidden(c->session, g) : 0;
}

/* The refusal of a change to what, a sensitive part the person acting may not change: exit 4,
 * naming the role that may. */
static int refuse_hidden(struct cli *c, const char *what)
{
	char *why = session_refusal(c->session, PERM_SENSITIVE_ALL);
	int rc = cli_error(c, EXIT_DENIED, "%s: %s", what, why);
	free(why);
	return rc;
}

/* Whether date d carries a birth year (the guest's age: one of the don't-asks). */
static bool birth_year(const struct guest_date *d)
{
	return d->kind == DATE_BIRTHDAY && d->year;
}

/* 0 when g, read masked (guest_mask) or new, holds nothing of hidden: else something was typed
 * into a part the person may not change, refused. */
static int check_hidden(struct cli *c, const struct guest *g, guest_field_set hidden)
{
	for (int i = 0; i < GF_COUNT; i++)
		if ((hidden & GUEST_FIELD_BIT(i)) && g->f[i])
			return refuse_hidden(c, guest_fields[i].key);
	for (size_t i = 0; (hidden & GUEST_BIRTH_YEAR) && i < g->dates.n; i++)
		if (birth_year(&g->dates.v[i]))
			return refuse_hidden(c, _("the year of a birthday"));
	return 0;
}

static int field_value(struct cli *c, struct profile_ctx *p, const char *key, const char *value)
{
	struct guest *g = p->g;
	const struct guest_field *f = guest_field_find(key);
	struct error why;
	char *norm = NULL;
	if (!f)
		return cli_error(c, EXIT_USER,
		                 _("--set: no field \"%s\" (see FIELDS in maitre(1))"), key);
	if (p->hidden & GUEST_FIELD_BIT(f - guest_fields))
		return refuse_hidden(c, f->key); /* clearing it too */
	if (guest_field_check(f, value, &norm, &why) < 0)
		return cli_error(c, EXIT_USER, "%s: %s", f->key, why.msg);
	if (f == &guest_fields[GF_NAME] && !norm)
		return cli_error(c, EXIT_USER, _("name: must not be empty"));
	guest_set(g, (enum guest_field_id)(f - guest_fields), norm);
	free(norm);
	return 0;
}

/* "TEXT:critical" → text and severity; a colon that is not followed by a severity is text. */
static char *split_severity(const char *val, enum pref_kind kind, enum severity *sev)
{
	const char *colon = strrchr(val, ':');
	*sev = kind == PREF_ALLERGY ? SEV_HIGH : kind == PREF_TABOO ? SEV_MEDIUM : SEV_NONE;
	if (colon && pref_kind_is_safety(kind)) {
		int s = severity_from_name(colon + 1);
		if (s > 0) {
			*sev = (enum severity)s;
			return xstrndup(val, (size_t)(colon - val));
		}
	}
	return xstrdup(val);
}

/* The associated person named by relation or name; -1 when none. */
static int find_person(const struct guest *g, const char *who)
{
	for (size_t i = 0; i < g->people.n; i++)
		if (strcmp(g->people.v[i].relation, who) == 0 ||
		    (g->people.v[i].name && strcmp(g->people.v[i].name, who) == 0))
			return (int)i;
	return -1;
}

static int add_date(struct cli *c, struct guest *g, int person, enum date_kind kind,
		    const char *label, const char *what, const char *val)
{
	struct date d;
	struct error why;
	if (guest_date_parse(val, date_today(), &d, &why) < 0)
		return cli_error(c, EXIT_USER, "%s: %s", what, why.msg);
	/* one birthday / anniversary per person: replace */
	if (kind != DATE_OTHER)
		for (size_t i = g->dates.n; i-- > 0;)
			if (g->dates.v[i].kind == kind && g->dates.v[i].person == person)
				guest_remove_date(g, i);
	guest_add_date(g, person, kind, label, d.y, d.m, d.d);
	return 0;
}

/* what: the option's text for t of the sheet (guest_text_check); 0 or EXIT_USER. */
static int check_text(struct cli *c, const char *what, const char *val, enum guest_text t)
{
	struct error why;
	if (guest_text_check(t, val, &why) < 0)
		return cli_error(c, EXIT_USER, "%s: %s", what, why.msg);
	return 0;
}

/* --set FIELD=VALUE */
static int profile_set(struct cli *c, struct profile_ctx *p, const char *val)
{
	int rc;
	const char *eq = strchr(val, '=');
	if (!eq)
		return cli_error(c, EXIT_USAGE, _("--set: needs FIELD=VALUE, got \"%s\""),
		                 val);
	char *key = xstrndup(val, (size_t)(eq - val));
	rc = field_value(c, p, key, eq + 1);
	if (rc == 0 && !strcmp(key, "name"))
		p->named = true;
	free(key);
	return rc;
}

/* --phone [KIND:]NUMBER */
static int profile_add_phone(struct cli *c, struct guest *g, const char *val)
{
	const char *colon = strchr(val, ':');
	char *kind = colon ? xstrndup(val, (size_t)(colon - val)) : NULL;
	const char *number = colon ? colon + 1 : val;
	char *norm = NULL;
	struct error why;
	if (guest_phone_check(number, &norm, &why) < 0) {
		free(kind);
		return cli_error(c, EXIT_USER, "%s", why.msg);
	}
	guest_add_phone(g, kind, norm);
	free(norm);
	free(kind);
	return 0;
}

/* --remove-phone NUMBER: every phone with these digits */
static int profile_remove_phone(struct cli *c, struct guest *g, const char *val)
{
	char *d = guest_phone_digits(val);
	bool found = false;
	for (size_t i = g->phones.n; d && i-- > 0;) {
		char *pd = guest_phone_digits(g->phones.v[i].number);
		if (pd && strcmp(pd, d) == 0) {
			guest_remove_phone(g, i);
			found = true;
		}
		free(pd);
	}
	free(d);
	return found ? 0
	             : cli_error(c, EXIT_USER,
	                         _("remove-phone: the guest has no phone \"%s\""), val);
}

/* --taste, --dish, ... --allergy TEXT[:SEVERITY] */
static int profile_add_pref(struct cli *c, struct guest *g, enum pref_kind kind, const char *val)
{
	int rc;
	enum severity sev;
	char *text = split_severity(val, kind, &sev);
	rc = check_text(c, pref_kind_names[kind], text, GT_PREF);
	if (rc == 0)
		guest_add_pref(g, -1, kind, sev, text);
	free(text);
	return rc;
}

/* --remove-pref TEXT: the guest's own preferences of that text */
static int profile_remove_pref(struct cli *c, struct guest *g, const char *val)
{
	bool found = false;
	for (size_t i = g->prefs.n; i-- > 0;)
		if (g->prefs.v[i].person < 0 && strcmp(g->prefs.v[i].text, val) == 0) {
			guest_remove_pref(g, i);
			found = true;
		}
	return found ? 0
	             : cli_error(c, EXIT_USER, _("remove-pref: the guest has no \"%s\""),
	                         val);
}

/* --date LABEL=[YYYY-]MM-DD */
static int profile_add_other_date(struct cli *c, struct guest *g, const char *val)
{
	int rc;
	const char *eq = strrchr(val, '=');
	if (!eq || eq == val)
		return cli_error(c, EXIT_USER,
		                 _("date: needs LABEL=[YYYY-]MM-DD, got \"%s\""), val);
	char *label = xstrndup(val, (size_t)(eq - val));
	/* a birthday or an anniversary is a kind of its own: as an "other" date its year would be
	 * nobody's secret */
	int kind = date_kind_from_name(label);
	if (kind == DATE_BIRTHDAY || kind == DATE_ANNIVERSARY || strcmp(label, "生日") == 0) {
		rc = cli_error(c, EXIT_USER, _("date: \"%s\" is a kind of date of its own: give it "
					      "with --birthday or --anniversary"), label);
		free(label);
		return rc;
	}
	rc = check_text(c, "date label", label, GT_DATE_LABEL);
	if (rc == 0)
		rc = add_date(c, g, -1, DATE_OTHER, label, "date", eq + 1);
	free(label);
	return rc;
}

/* Whether date d held a birth year hidden from the person acting (p->year_ids, noted before the
 * sheet was masked): removing it would remove what they may not change. */
static bool hides_year(const struct profile_ctx *p, const struct guest_date *d)
{
	for (size_t i = 0; d->id && i < p->nyear_ids; i++)
		if (p->year_ids[i] == d->id)
			return true;
	return false;
}

/* --remove-date KIND|LABEL */
static int profile_remove_date(struct cli *c, struct guest *g, const struct profile_ctx *p,
			       const char *val)
{
	int kind = date_kind_from_name(val);
	bool found = false;
	for (size_t i = g->dates.n; i-- > 0;) {
		struct guest_date *d = &g->dates.v[i];
		if (d->person < 0 && ((kind >= 0 && (int)d->kind == kind) ||
				      (d->label && strcmp(d->label, val) == 0))) {
			if (hides_year(p, d))
				return refuse_hidden(c, "remove-date");
			guest_remove_date(g, i);
			found = true;
		}
	}
	return found ? 0
	             : cli_error(c, EXIT_USER,
	                         _("remove-date: the guest has no date \"%s\""), val);
}

/* --person RELATION[:NAME] */
static int profile_add_person(struct cli *c, struct guest *g, const char *val)
{
	int rc;
	const char *colon = strchr(val, ':');
	char *rel = colon ? xstrndup(val, (size_t)(colon - val)) : xstrdup(val);
	const char *name = colon ? colon + 1 : NULL;
	rc = check_text(c, "person relation", rel, GT_RELATION);
	if (rc == 0 && name && *name)
		rc = check_text(c, "person name", name, GT_PERSON_NAME);
	if (rc == 0)
		guest_add_person(g, rel, name, NULL);
	free(rel);
	return rc;
}

/* --remove-person WHO */
static int profile_remove_person(struct cli *c, struct guest *g, const struct profile_ctx *p,
				 const char *val)
{
	int i = find_person(g, val);
	if (i < 0)
		return cli_error(c, EXIT_USER,
		                 _("remove-person: the guest has no person \"%s\""), val);
	/* the person's dates go with them: a birth year hidden from the person acting too */
	for (size_t k = 0; k < g->dates.n; k++)
		if (g->dates.v[k].person == i && hides_year(p, &g->dates.v[k]))
			return refuse_hidden(c, "remove-person");
	guest_remove_person(g, (size_t)i);
	return 0;
}

/* The KIND:TEXT[:SEVERITY] of --person-pref, for person pi. */
static int profile_person_pref(struct cli *c, struct guest *g, int pi, const char *val,
			       const char *colon)
{
	int rc;
	const char *colon2 = strchr(colon + 1, ':');
	char *kname = colon2 ? xstrndup(colon + 1, (size_t)(colon2 - colon - 1)) : NULL;
	int kind = kname ? pref_kind_from_name(kname) : -1;
	free(kname);
	if (kind < 0)
		return cli_error(
		    c, EXIT_USER,
		    _("person-pref: KIND must be taste, dish, habit, dislike, taboo or "
		      "allergy, in \"%s\""),
		    val);
	enum severity sev;
	char *text = split_severity(colon2 + 1, (enum pref_kind)kind, &sev);
	rc = check_text(c, pref_kind_names[kind], text, GT_PREF);
	if (rc == 0)
		guest_add_pref(g, pi, (enum pref_kind)kind, sev, text);
	free(text);
	return rc;
}

/* --person-pref WHO:KIND:TEXT, --person-birthday WHO:[YYYY-]MM-DD: WHO is found first */
static int profile_person_item(struct cli *c, struct guest *g, int id, const char *val)
{
	int rc;
	const char *colon = strchr(val, ':');
	if (!colon)
		return cli_error(c, EXIT_USER, _("%s: needs WHO:..., got \"%s\""),
		                 id == P_PERSON_PREF ? "person-pref" : "person-birthday",
		                 val);
	char *who = xstrndup(val, (size_t)(colon - val));
	int pi = find_person(g, who);
	if (pi < 0) {
		rc = cli_error(
		    c, EXIT_USER,
		    _("%s: no associated person \"%s\" (add one with --%sperson)"),
		    id == P_PERSON_PREF ? "person-pref" : "person-birthday", who,
		    strcmp(c->cmd, "guest add") ? "add-" : "");
		free(who);
		return rc;
	}
	free(who);
	if (id == P_PERSON_BIRTHDAY)
		return add_date(c, g, pi, DATE_BIRTHDAY, NULL, "person-birthday", colon + 1);
	return profile_person_pref(c, g, pi, val, colon);
}

/* --remove-tag TAG */
static int profile_remove_tag(struct cli *c, struct guest *g, const char *val)
{
	for (size_t i = 0; i < g->tags.n; i++)
		if (strcmp(g->tags.v[i], val) == 0) {
			guest_remove_tag(g, i);
			return 0;
		}
	return cli_error(c, EXIT_USER, _("remove-tag: the guest has no tag \"%s\""), val);
}

/* --consent DATE:CHANNEL or none: both parts of the consent at once (guest_consent_parse) */
static int profile_consent(struct cli *c, struct profile_ctx *p, const char *val)
{
	struct error why;
	char *at, *channel;
	if (p->hidden & (GUEST_FIELD_BIT(GF_CONSENT_AT) | GUEST_FIELD_BIT(GF_CONSENT_CHANNEL)))
		return refuse_hidden(c, "consent");
	if (guest_consent_parse(val, &at, &channel, &why) < 0)
		return cli_error(c, EXIT_USER, "%s", why.msg);
	guest_set(p->g, GF_CONSENT_AT, at);
	guest_set(p->g, GF_CONSENT_CHANNEL, channel);
	free(at);
	free(channel);
	return 0;
}

/* One option of guest add or guest edit, applied to the sheet p->g. */
static int on_profile(struct cli *c, void *vctx, int id, const char *val)
{
	struct profile_ctx *p = vctx;
	struct guest *g = p->g;
	int rc;
	if (id >= P_FIELD && id < P_FIELD + GF_COUNT) { /* a field's own option */
		if (id == P_FIELD + GF_NAME)
			p->named = true;
		return field_value(c, p, guest_fields[id - P_FIELD].key, val);
	}
	switch (id) {
	case OPT_POSITIONAL:
		return cli_usage_error(c, _("unexpected argument \"%s\""), val);
	case P_SET: return profile_set(c, p, val);
	case P_PHONE: return profile_add_phone(c, g, val);
	case P_RM_PHONE: return profile_remove_phone(c, g, val);
	case P_TASTE: case P_DISH: case P_HABIT: case P_DISLIKE: case P_TABOO: case P_ALLERGY:
		return profile_add_pref(c, g, (enum pref_kind)(id - P_TASTE), val);
	case P_RM_PREF: return profile_remove_pref(c, g, val);
	case P_BIRTHDAY: return add_date(c, g, -1, DATE_BIRTHDAY, NULL, "birthday", val);
	case P_ANNIV: return add_date(c, g, -1, DATE_ANNIVERSARY, NULL, "anniversary", val);
	case P_DATE: return profile_add_other_date(c, g, val);
	case P_RM_DATE: return profile_remove_date(c, g, p, val);
	case P_PERSON: return profile_add_person(c, g, val);
	case P_RM_PERSON: return profile_remove_person(c, g, p, val);
	case P_PERSON_PREF: case P_PERSON_BIRTHDAY: return profile_person_item(c, g, id, val);
	case P_TAG:
		if ((rc = check_text(c, "tag", val, GT_TAG)) == 0)
			guest_add_tag(g, val);
		return rc;
	case P_RM_TAG: return profile_remove_tag(c, g, val);
	case P_NOTE:
		if ((rc = check_text(c, "note", val, GT_NOTE)) == 0)
			guest_add_note(g, val);
		return rc;
	case P_FORCE:
		p->force = true;
		return 0;
	case P_CONSENT: return profile_consent(c, p, val);
	}
	return 0;
}

/* Stores g, keeping what hidden says the person acting may not change as it is stored. */
static int save(struct cli *c, struct guest *g, int64_t version, bool force,
		guest_field_set hidden)
{
	int64_t owner = 0;
	enum store_status s;
	if ((s = guest_store_save_keeping(c->st, g, version, force, &owner, hidden)) != ST_OK)
		return cli_store_error(c, s);
	return 0;
}

int cli_guest_add(struct cli *c, int argc, char **argv)
{
	struct guest g;
	guest_init(&g);
	struct profile_ctx p = {.g = &g};
	int rc = cli_parse(c, argc, argv, cli_guest_add_opts, on_profile, &p);
	if (rc)
		goto out;
	if (!p.named) {
		rc = cli_usage_error(c, _("--name is required"));
		goto out;
	}
	if ((rc = cli_open(c, 0)) != 0)
		goto out;
	/* who may give the sensitive fields is known once the database says who is acting */
	guest_field_set hidden = hidden_of(c, &g);
	if ((rc = check_hidden(c, &g, hidden)) != 0 || (rc = save(c, &g, 0, p.force, hidden)) != 0)
		goto out;
	printf("%lld\n", (long long)g.id);
out:
	guest_free(&g);
	return rc;
}

/* guest edit records its options first (so that --db may come anywhere), then loads the sheet
 * and applies them in order. */
struct recorded {
	int id;
	const char *val;
};
struct recorder {
	struct recorded *v;
	size_t n;
};

static int record(struct cli *c, void *ctx, int id, const char *val)
{
	struct recorder *r = ctx;
	r->v[r->n].id = id;
	r->v[r->n].val = val;
	r->n++;
	return 0;
}

int cli_guest_edit(struct cli *c, int argc, char **argv)
{
	struct guest g;
	struct recorder rec = {xcalloc((size_t)argc + 1, sizeof *rec.v), 0};
	const char *idarg = NULL;
	int64_t id;
	int rc;
	guest_init(&g);
	if ((rc = cli_parse(c, argc, argv, cli_guest_edit_opts, record, &rec)) != 0)
		goto out;
	for (size_t i = 0; i < rec.n; i++) {
		if (rec.v[i].id != OPT_POSITIONAL)
			continue;
		if (idarg) {
			rc = cli_usage_error(c, _("unexpected argument \"%s\""), rec.v[i].val);
			goto out;
		}
		idarg = rec.v[i].val;
	}
	if (!idarg) {
		rc = cli_usage(c);
		goto out;
	}
	if (!cli_parse_guest(c, "guest id", idarg, &id)) {
		rc = EXIT_USER;
		goto out;
	}
	if ((rc = cli_open(c, 0)) != 0)
		goto out;
	enum store_status s = guest_store_get(c->st, id, &g);
	if (s != ST_OK) {
		rc = cli_store_error(c, s);
		goto out;
	}
	if (g.anonymised) { /* an erased guest is nobody: nothing of theirs comes back */
		rc = cli_error(c, EXIT_USER, _("guest %lld is erased: the sheet cannot be edited"),
			       (long long)id);
		goto out;
	}
	int64_t version = g.version;
	/* what the person may not see is edited masked: typed into, it is refused; the save
	 * keeps it as stored */
	struct profile_ctx p = {.g = &g, .hidden = hidden_of(c, &g)};
	for (size_t i = 0; (p.hidden & GUEST_BIRTH_YEAR) && i < g.dates.n; i++)
		if (birth_year(&g.dates.v[i])) {
			vec_reserve((void **)&p.year_ids, p.nyear_ids + 1, &p.capyear_ids,
				    sizeof *p.year_ids);
			p.year_ids[p.nyear_ids++] = g.dates.v[i].id;
		}
	guest_mask(&g, p.hidden, NULL);
	for (size_t i = 0; i < rec.n && rc == 0; i++)
		if (rec.v[i].id != OPT_POSITIONAL)
			rc = on_profile(c, &p, rec.v[i].id, rec.v[i].val);
	if (rc == 0)
		rc = check_hidden(c, &g, p.hidden);
	if (rc == 0)
		rc = save(c, &g, version, p.force, p.hidden);
	free(p.year_ids);
out:
	free(rec.v);
	guest_free(&g);
	return rc;
}

/* The time from which a complaint still marks a guest ("prior complaint", complaints.prior_days
 * of the rules in force) into since. */
static int prior_since(struct cli *c, char *since)
{
	const struct tier_rules *r = cli_rules(c);
	if (!r)
		return EXIT_DATA;
	complaint_prior_since(date_today(), &r->complaints, since);
	return 0;
}

const struct opt cli_guest_show_opts[] = {{NULL, NULL, 0, NULL}};

static char *prefs_text(const struct guest *g, int person, enum pref_kind kind)
{
	return guest_prefs_text(g, person, kind, severity_names);
}

static char *dates_text(const struct guest *g, int person)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < g->dates.n; i++) {
		const struct guest_date *d = &g->dates.v[i];
		if (d->person != person)
			continue;
		char buf[16];
		struct date dd = {d->year, d->month, d->day};
		sbuf_printf(&b, "%s%s %s", b.len ? ", " : "",
			    d->kind == DATE_OTHER && d->label ? d->label : date_kind_names[d->kind],
			    date_format(dd, buf));
	}
	return b.len ? sbuf_detach(&b) : (sbuf_free(&b), NULL);
}

/* The one argument ID of guest show and guest export, and the database opened with flags: 0
 * with *id, or the exit status once the failure is said. */
static int guest_id_arg(struct cli *c, int argc, char **argv, const struct opt *opts, int64_t *id,
			int flags)
{
	const char *arg = NULL;
	int rc = cli_parse(c, argc, argv, opts, cli_one_arg, &arg);
	if (rc)
		return rc;
	if (!arg)
		return cli_usage(c);
	if (!cli_parse_guest(c, "guest id", arg, id))
		return EXIT_USER;
	return cli_open(c, flags);
}

int cli_guest_show(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc = guest_id_arg(c, argc, argv, cli_guest_show_opts, &id, STORE_READONLY);
	if (rc)
		return rc;
	struct guest g;
	enum store_status s = guest_store_get(c->st, id, &g);
	if (s != ST_OK)
		return cli_store_error(c, s);

	char *name = text_display(g.f[GF_NAME]);
	printf("guest %lld  %s%s\n", (long long)g.id, name,
	       g.anonymised ? "  (anonymised)" : "");
	free(name);
	if (g.anonymised)
		cli_show_erasure(c, g.id);
	/* safety data first, marked so it stands out without colour */
	char *al = prefs_text(&g, -1, PREF_ALLERGY), *tb = prefs_text(&g, -1, PREF_TABOO);
	if (al)
		cli_show_line("!! ALLERGY", al);
	if (tb)
		cli_show_line("!! TABOO", tb);
	free(al);
	free(tb);
	char month[11], since[20];
	struct guest_summary sum;
	date_month_key(date_today(), month);
	if ((rc = prior_since(c, since)) != 0 ||
	    (s = search_store_summaries(c->st, &g.id, 1, month, &sum)) != ST_OK) {
		guest_free(&g);
		return rc ? rc : cli_store_error(c, s);
	}
	if (sum.last_complaint[0] && strcmp(sum.last_complaint, since) >= 0) {
		char *line = xasprintf("the last on %.10s: see maitre complaint list --guest %lld",
				       sum.last_complaint, (long long)g.id);
		cli_show_line("!! COMPLAINED", line);
		free(line);
	}
	if (sum.tier[0]) {
		char line[TIER_LABEL_SIZE];
		tier_label(sum.tier, sum.grp, line, sizeof line);
		const struct tier_rules *r = cli_rules(c);
		const struct tier_privilege *p = r ? tier_privilege_for(r, sum.tier) : NULL;
		char *full = p ? xasprintf("%s; greeted by %s; up to %d%% off", line, p->greeter,
					   p->max_discount_pct)
			       : NULL;
		cli_show_line("tier", full ? full : line);
		free(full);
	}
	guest_summary_free(&sum);
	/* what the role may not see reads "hidden — manager", set or not: never as if empty */
	guest_field_set sens = settings_sensitive_fields(), hidden = hidden_of(c, &g);
	guest_mask(&g, hidden, NULL);
	bool sensitive = false;
	for (int i = 0; i < GF_COUNT; i++) {
		bool masked = hidden & GUEST_FIELD_BIT(i);
		if (i == GF_NAME || i == GF_CONSENT_AT || i == GF_CONSENT_CHANNEL ||
		    (!g.f[i] && !masked))
			continue; /* the consent: its own line, below */
		char label[64];
		snprintf(label, sizeof label, "%s%s", guest_fields[i].key,
			 sens & GUEST_FIELD_BIT(i) ? " *" : "");
		cli_show_line(label, masked ? session_hidden(c->session) : g.f[i]);
		sensitive = sensitive || (sens & GUEST_FIELD_BIT(i));
	}
	struct sbuf b = {0};
	for (size_t i = 0; i < g.phones.n; i++)
		sbuf_printf(&b, "%s%s %s", i ? ", " : "", g.phones.v[i].kind, g.phones.v[i].number);
	char *t = sbuf_detach(&b);
	cli_show_line("phones", t);
	free(t);
	static const char *const labels[] = {"tastes", "usual dishes", "habits", "dislikes"};
	for (int k = PREF_TASTE; k <= PREF_DISLIKE; k++) {
		char *pt = prefs_text(&g, -1, (enum pref_kind)k);
		cli_show_line(labels[k], pt);
		free(pt);
	}
	char *dt = dates_text(&g, -1);
	cli_show_line("special dates", dt);
	free(dt);
	for (size_t i = 0; i < g.people.n; i++) {
		const struct guest_person *p = &g.people.v[i];
		struct sbuf pb = {0};
		sbuf_printf(&pb, "%s%s%s", p->relation, p->name ? " " : "", p->name ? p->name : "");
		for (int k = PREF_KIND_COUNT - 1; k >= 0; k--) {
			char *pt = prefs_text(&g, (int)i, (enum pref_kind)k);
			if (pt)
				sbuf_printf(&pb, "; %s%s: %s", pref_kind_is_safety(k) ? "!! " : "",
					    pref_kind_names[k], pt);
			free(pt);
		}
		char *pd = dates_text(&g, (int)i);
		if (pd)
			sbuf_printf(&pb, "; %s", pd);
		free(pd);
		if (p->notes)
			sbuf_printf(&pb, "; %s", p->notes);
		char *line = sbuf_detach(&pb);
		cli_show_line(i == 0 ? "people" : "", line);
		free(line);
	}
	for (size_t i = 0; i < g.tags.n; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", g.tags.v[i]);
	t = sbuf_detach(&b);
	cli_show_line("tags", t);
	free(t);
	for (size_t i = 0; i < g.notes.n; i++) {
		char *line = xasprintf("%s %s: %s", g.notes.v[i].at ? g.notes.v[i].at : "",
				       g.notes.v[i].author ? g.notes.v[i].author : "", g.notes.v[i].text);
		cli_show_line(i == 0 ? "notes" : "", line);
		free(line);
	}
	/* said when missing too (PIPL), below the sheet: the allergies keep the top */
	char *consent = guest_consent_text(&g);
	cli_show_line("consent",
		      hidden & (GUEST_FIELD_BIT(GF_CONSENT_AT) | GUEST_FIELD_BIT(GF_CONSENT_CHANNEL))
			      ? session_hidden(c->session)
		      : consent ? consent
				: _("not recorded"));
	free(consent);
	struct visit_filter f = {.guest_id = id};
	struct visit *v = NULL;
	size_t nv = 0;
	if (visit_store_list(c->st, &f, &v, &nv) == ST_OK && nv) {
		char *line = xasprintf("%zu, the last on %s (%s)", nv, v[nv - 1].date,
				       meal_names[v[nv - 1].meal]);
		cli_show_line("visits", line);
		free(line);
	}
	for (size_t i = 0; i < nv; i++)
		visit_free(&v[i]);
	free(v);
	if (sensitive)
		printf("  (* sensitive: never ask the guest)\n");
	guest_free(&g);
	return 0;
}

const struct opt cli_guest_export_opts[] = {{NULL, NULL, 0, NULL}};

int cli_guest_export(struct cli *c, int argc, char **argv)
{
	int64_t id;
	/* opened to write: the export is logged (cli_log_export) */
	int rc = guest_id_arg(c, argc, argv, cli_guest_export_opts, &id, 0);
	if (rc)
		return rc;
	/* everything held about the guest, as JSON (book_export.c); what the role may not see
	 * masked as the card masks it */
	struct guest g;
	enum store_status s = guest_store_get(c->st, id, &g);
	if (s != ST_OK)
		return cli_store_error(c, s);
	guest_field_set hidden = hidden_of(c, &g);
	guest_free(&g);
	if ((rc = cli_log_export(c, "guest %lld%s, as JSON", (long long)id,
				 hidden ? " (sensitive fields hidden)" : "")) != 0)
		return rc;
	s = book_export_guest(c->st, id, stdout, hidden,
			      hidden ? session_hidden(c->session) : NULL);
	if (s != ST_OK)
		return cli_store_error(c, s);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(c, EXIT_DATA, _("%s: cannot write: %s"), _("standard output"),
				 strerror(errno));
	return 0;
}

enum { F_PAGE = 1 };
const struct opt cli_guest_find_opts[] = {
	{"page", "N", F_PAGE, "show page N of the results (20 a page; default 1)"},
	{NULL, NULL, 0, NULL},
};

struct find_ctx {
	struct strv words;
	long page;
};

static int on_find(struct cli *c, void *vctx, int id, const char *val)
{
	struct find_ctx *f = vctx;
	if (id == OPT_POSITIONAL) {
		strv_push(&f->words, val);
	} else if (id == F_PAGE) {
		int page;
		if (cli_parse_int(c, "page", val, 1, 1000, &page))
			return EXIT_USER;
		f->page = page;
	}
	return 0;
}

int cli_guest_find(struct cli *c, int argc, char **argv)
{
	static const char *const headers[] = {"id",         "name",      "phones",
					      "tier",       "taboos_allergies", "last_visit",
					      "prior_complaint"};
	struct find_ctx f = {{0}, 1};
	int rc = cli_parse(c, argc, argv, cli_guest_find_opts, on_find, &f);
	if (rc)
		goto out;
	if (f.words.n == 0) {
		rc = cli_usage(c);
		goto out;
	}
	struct sbuf q = {0};
	for (size_t i = 0; i < f.words.n; i++)
		sbuf_printf(&q, "%s%s", i ? " " : "", f.words.v[i]);
	char *query = sbuf_detach(&q);
	if (!text_valid_utf8(query)) {
		free(query);
		rc = cli_error(c, EXIT_USER, _("query: is not valid UTF-8 text"));
		goto out;
	}
	if ((rc = cli_open(c, STORE_READONLY)) != 0) {
		free(query);
		goto out;
	}
	struct search_hit hits[SEARCH_PAGE];
	size_t n = 0;
	enum store_status s = search_store_find(c->st, query, (size_t)(f.page - 1) * SEARCH_PAGE,
						SEARCH_PAGE, hits, &n);
	free(query);
	if (s != ST_OK) {
		rc = cli_store_error(c, s);
		goto out;
	}
	int64_t ids[SEARCH_PAGE];
	struct guest_summary sum[SEARCH_PAGE];
	for (size_t i = 0; i < n; i++)
		ids[i] = hits[i].guest_id;
	char month[11], since[20];
	if ((rc = prior_since(c, since)) != 0)
		goto out;
	date_month_key(date_today(), month);
	if ((s = search_store_summaries(c->st, ids, n, month, sum)) != ST_OK) {
		rc = cli_store_error(c, s);
		goto out;
	}
	struct table t;
	table_init(&t, 7, headers, 1u);
	for (size_t i = 0; i < n; i++) {
		table_addf(&t, "%lld", (long long)sum[i].id);
		table_add(&t, sum[i].name);
		table_add(&t, sum[i].phones);
		table_addf(&t, "%s%s%s", sum[i].tier, sum[i].grp[0] ? " " : "", sum[i].grp);
		struct sbuf sb = {0};
		if (sum[i].allergies)
			sbuf_printf(&sb, "allergy: %s", sum[i].allergies);
		if (sum[i].taboos)
			sbuf_printf(&sb, "%staboo: %s", sb.len ? "; " : "", sum[i].taboos);
		char *safety = sbuf_detach(&sb);
		table_add(&t, safety);
		free(safety);
		table_add(&t, sum[i].last_visit);
		/* a complaint within prior_days: greet them knowing it */
		table_addf(&t, "%.10s", strcmp(sum[i].last_complaint, since) >= 0 ? sum[i].last_complaint : "");
		guest_summary_free(&sum[i]);
	}
	if (n || c->format != OUT_TEXT)
		table_print(&t, c->format, stdout);
	else
		fprintf(stderr, _("maitre: %s: no guest found\n"), c->cmd);
	table_free(&t);
	rc = n ? 0 : EXIT_USER;
out:
	strv_free(&f.words);
	return rc;
}
