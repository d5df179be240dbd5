/* guest_merge.h — the sheet of two guests merged into one (issue 16): which value of each
 * scalar field is kept, and the lists united. Pure: the store writes what this computes
 * (store/merge_store.h), and a screen shows the differences side by side. */
#ifndef MAITRE_GUEST_MERGE_H
#define MAITRE_GUEST_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/guest.h"

/* What was asked of each field: the parts of prefer_other are taken from OTHER and those of
 * prefer_keep from KEEP whatever the default says (a field in both: OTHER). */
struct merge_prefer {
	guest_field_set other, keep;
};

/* One scalar field whose values differ (both filled, or one of them): the values as the two
 * sheets hold them (NULL: empty; pointers into the sheets given to guest_merge) and which
 * one the merged sheet holds. */
struct merge_diff {
	enum guest_field_id field;
	const char *keep, *other;
	bool take_other;
};

/* The merged sheet and what it took. */
struct merge_plan {
	struct guest sheet;   /* KEEP's sheet with the chosen values and OTHER's items added:
			       * KEEP's items keep their ids, OTHER's come with id 0 (new) */
	struct merge_diff diffs[GF_COUNT];
	size_t ndiffs;
	/* items of OTHER added, and items of OTHER that were already on KEEP's sheet */
	size_t added, same;
	/* KEEP's allergies and taboos whose severity OTHER raised, and KEEP's dates given their
	 * year by OTHER: changed in place */
	size_t raised;
	/* for each of OTHER's associated people (its index in OTHER's sheet), the index in sheet
	 * of the person it is on the merged sheet: the gifts given to OTHER's people follow */
	int *people;
};

/* Parses "other:FIELD" or "keep:FIELD" (a field key, '-' for '_') into p. Returns 0, or -1
 * with the reason in e ("prefer: no field \"x\""). */
int merge_prefer_parse(const char *s, struct merge_prefer *p, struct error *e);

/* Merges OTHER into KEEP into plan (initialised by this call; free with merge_plan_free).
 * Per scalar field: the value of the guest updated more recently (updated_at; KEEP on a
 * tie), unless prefer says which; an empty value never wins over a filled one. Lists are
 * united without duplicates: phones by their digits (guest_phone_digits), people by relation
 * and name, preferences by person, kind and text, special dates by person, kind, month and day
 * (and label for another date), tags by text; every note is kept. An allergy or taboo is
 * never dropped: of two with the same text the higher severity stays. OTHER's items about
 * its associated people are about the matching person of the merged sheet. */
void guest_merge(const struct guest *keep, const struct guest *other, const struct merge_prefer *prefer,
		 struct merge_plan *plan);
void merge_plan_free(struct merge_plan *plan);

#endif
