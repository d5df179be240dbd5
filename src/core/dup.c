/* dup.c — the rules of a candidate pair of duplicates (dup.h). */
#include "core/dup.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/xalloc.h"

const struct dup_reason_info dup_reasons[DUP_REASON_COUNT] = {
	{DUP_PHONE, 90, N_("shared phone")},
	{DUP_NAME_BIRTHDAY, 80, N_("same name and birthday")},
	{DUP_NAME_EMPLOYER, 70, N_("same name and employer")},
	{DUP_PINYIN_EMPLOYER, 60, N_("same pinyin and employer")},
	{DUP_NEAR_NAME_EMPLOYER, 50, N_("similar name and employer")},
};

int dup_score(unsigned reasons)
{
	int score = 0;
	for (int i = 0; i < DUP_REASON_COUNT; i++)
		if (reasons & dup_reasons[i].bit)
			score += dup_reasons[i].score;
	return score > 100 ? 100 : score;
}

char *dup_reasons_text(unsigned reasons)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (int i = 0; i < DUP_REASON_COUNT; i++)
		if (reasons & dup_reasons[i].bit)
			sbuf_printf(&b, "%s%s", b.len ? ", " : "", _(dup_reasons[i].words));
	return sbuf_detach(&b);
}

char *dup_name_shown(const char *name, const char *compared)
{
	char *f = text_fold(name);
	char *s = compared && strcmp(f, compared) != 0 ? xasprintf("%s (%s)", name, compared)
						       : xstrdup(name);
	free(f);
	return s;
}

bool dup_near_names(const char *a, const char *b)
{
	if (!text_one_edit(a, b))
		return false;
	size_t na = text_cp_count(a), nb = text_cp_count(b);
	if (na == nb) {
		/* one character replaced, but not the first: 马振华 and 汤振华 are two families
		 * (one given name twice at an employer is common), 马振华 and 马镇华 a slip */
		uint32_t fa, fb;
		if (na < DUP_NEAR_MIN_CHARS)
			return false;
		text_decode(a, strlen(a), &fa);
		text_decode(b, strlen(b), &fb);
		return fa == fb;
	}
	return (na < nb ? na : nb) >= 2;
}
