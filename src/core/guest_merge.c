#include "core/guest_merge.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/xalloc.h"

int merge_prefer_parse(const char *s, struct merge_prefer *p, struct error *e)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : 0;
	bool other = n == 5 && strncmp(s, "other", 5) == 0;
	bool keep = n == 4 && strncmp(s, "keep", 4) == 0;
	if (!other && !keep)
		return error_set(e, 0, _("prefer: must be other:FIELD or keep:FIELD, got \"%s\""), s);
	const struct guest_field *f = guest_field_find(colon + 1);
	if (!f)
		return error_set(e, 0, _("prefer: no field \"%s\""), colon + 1);
	guest_field_set bit = GUEST_FIELD_BIT(f - guest_fields);
	if (other)
		p->other |= bit;
	else
		p->keep |= bit;
	return 0;
}

static bool empty(const char *s)
{
	return !s || !*s;
}

/* Two texts the same once folded (case, width, accents) and trimmed of nothing else. */
static bool same_text(const char *a, const char *b)
{
	char *fa = text_fold(a ? a : ""), *fb = text_fold(b ? b : "");
	bool r = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return r;
}

/* The index in m (the merged sheet) of the person OTHER's person index p became; -1 stays the
 * guest. */
static int map_person(const int *pmap, int p)
{
	return p < 0 ? -1 : pmap[p];
}

static void merge_fields(const struct guest *keep, const struct guest *other,
			 const struct merge_prefer *prefer, struct merge_plan *plan)
{
	/* the newer by default: updated_at is "YYYY-MM-DD HH:MM:SS", ordered as text */
	bool other_newer = strcmp(other->updated_at ? other->updated_at : "",
				  keep->updated_at ? keep->updated_at : "") > 0;
	for (int i = 0; i < GF_COUNT; i++) {
		const char *k = keep->f[i], *o = other->f[i];
		if (empty(k) && empty(o))
			continue;
		if (!empty(k) && !empty(o) && strcmp(k, o) == 0)
			continue;
		guest_field_set bit = GUEST_FIELD_BIT(i);
		bool take;
		if (empty(o))
			take = false; /* an empty value never wins over a filled one */
		else if (empty(k))
			take = true;
		else if (prefer && (prefer->other & bit))
			take = true;
		else if (prefer && (prefer->keep & bit))
			take = false;
		else
			take = other_newer;
		struct merge_diff *d = &plan->diffs[plan->ndiffs++];
		d->field = (enum guest_field_id)i;
		d->keep = k;
		d->other = o;
		d->take_other = take;
		if (take)
			guest_set(&plan->sheet, (enum guest_field_id)i, o);
	}
}

static void merge_people(struct guest *m, const struct guest *other, int *pmap, struct merge_plan *plan)
{
	for (size_t i = 0; i < other->people.n; i++) {
		const struct guest_person *p = &other->people.v[i];
		int found = -1;
		for (size_t k = 0; k < m->people.n && found < 0; k++)
			if (same_text(m->people.v[k].relation, p->relation) &&
			    same_text(m->people.v[k].name, p->name))
				found = (int)k;
		if (found >= 0) {
			pmap[i] = found;
			plan->same++;
			continue;
		}
		pmap[i] = guest_add_person(m, p->relation, p->name, p->notes);
		plan->added++;
	}
}

static void merge_phones(struct guest *m, const struct guest *other, struct merge_plan *plan)
{
	for (size_t i = 0; i < other->phones.n; i++) {
		char *d = guest_phone_digits(other->phones.v[i].number);
		bool have = false;
		for (size_t k = 0; k < m->phones.n && !have; k++) {
			char *e = guest_phone_digits(m->phones.v[k].number);
			have = strcmp(d, e) == 0;
			free(e);
		}
		free(d);
		if (have) {
			plan->same++;
			continue;
		}
		guest_add_phone(m, other->phones.v[i].kind, other->phones.v[i].number);
		plan->added++;
	}
}

static void merge_prefs(struct guest *m, const struct guest *other, const int *pmap,
			struct merge_plan *plan)
{
	for (size_t i = 0; i < other->prefs.n; i++) {
		const struct guest_pref *p = &other->prefs.v[i];
		int person = map_person(pmap, p->person);
		struct guest_pref *have = NULL;
		for (size_t k = 0; k < m->prefs.n && !have; k++)
			if (m->prefs.v[k].person == person && m->prefs.v[k].kind == p->kind &&
			    same_text(m->prefs.v[k].text, p->text))
				have = &m->prefs.v[k];
		if (!have) {
			guest_add_pref(m, person, p->kind, p->severity, p->text);
			plan->added++;
			continue;
		}
		plan->same++;
		/* of an allergy or taboo told twice, the higher severity stays */
		if (p->severity > have->severity) {
			have->severity = p->severity;
			plan->raised++;
		}
	}
}

static void merge_dates(struct guest *m, const struct guest *other, const int *pmap,
			struct merge_plan *plan)
{
	for (size_t i = 0; i < other->dates.n; i++) {
		const struct guest_date *d = &other->dates.v[i];
		int person = map_person(pmap, d->person);
		struct guest_date *have = NULL;
		for (size_t k = 0; k < m->dates.n && !have; k++) {
			struct guest_date *x = &m->dates.v[k];
			if (x->person == person && x->kind == d->kind && x->month == d->month &&
			    x->day == d->day && (d->kind != DATE_OTHER || same_text(x->label, d->label)))
				have = x;
		}
		if (!have) {
			guest_add_date(m, person, d->kind, d->label, d->year, d->month, d->day);
			plan->added++;
			continue;
		}
		plan->same++;
		if (!have->year && d->year) { /* the same day, with the year OTHER knew */
			have->year = d->year;
			plan->raised++;
		}
	}
}

void guest_merge(const struct guest *keep, const struct guest *other,
		 const struct merge_prefer *prefer, struct merge_plan *plan)
{
	memset(plan, 0, sizeof *plan);
	guest_copy(&plan->sheet, keep);
	struct guest *m = &plan->sheet;
	merge_fields(keep, other, prefer, plan);

	int *pmap = plan->people = xcalloc(other->people.n ? other->people.n : 1, sizeof *pmap);
	merge_people(m, other, pmap, plan);
	merge_phones(m, other, plan);
	merge_prefs(m, other, pmap, plan);
	merge_dates(m, other, pmap, plan);

	for (size_t i = 0; i < other->tags.n; i++) {
		/* guest_add_tag keeps a tag there already once */
		size_t had = m->tags.n;
		guest_add_tag(m, other->tags.v[i]);
		if (m->tags.n > had)
			plan->added++;
		else
			plan->same++;
	}
	/* notes are a record: every one is kept, with its own author and time */
	for (size_t i = 0; i < other->notes.n; i++) {
		const struct guest_note *n = &other->notes.v[i];
		int k = guest_add_note(m, n->text);
		m->notes.v[k].author = n->author ? xstrdup(n->author) : NULL;
		m->notes.v[k].at = n->at ? xstrdup(n->at) : NULL;
		plan->added++;
	}
}

void merge_plan_free(struct merge_plan *plan)
{
	guest_free(&plan->sheet);
	free(plan->people);
	memset(plan, 0, sizeof *plan);
}
