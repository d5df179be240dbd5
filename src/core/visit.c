#include "core/visit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/choice.h"
#include "core/date.h"
#include "core/guest.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/strv.h"
#include "core/text.h"

const char *const meal_names[2] = {"lunch", "dinner"};

int meal_from_name(const char *s)
{
	const char *code = choice_code(&choice_meal, s);
	if ((code && !strcmp(code, "lunch")) || !strcmp(s, "l"))
		return MEAL_LUNCH;
	if ((code && !strcmp(code, "dinner")) || !strcmp(s, "d"))
		return MEAL_DINNER;
	return -1;
}

const char *meal_label(enum meal m)
{
	return choice_label(&choice_meal, meal_names[m == MEAL_LUNCH ? 0 : 1]);
}

enum meal meal_for_hour(int hour)
{
	return hour < 15 ? MEAL_LUNCH : MEAL_DINNER;
}

const char *const void_code_names[VOID_CODE_COUNT] = {"twice", "wrong-guest", "wrong-amount",
							 "corrected", "other"};

static const char *const void_code_labels[VOID_CODE_COUNT] = {
	N_("entered twice"), N_("wrong guest"), N_("wrong amount"), N_("corrected: entered again"),
	N_("other reason")};

int void_code_from_name(const char *s)
{
	for (int i = 0; s && i < VOID_CODE_COUNT; i++)
		if (!strcmp(s, void_code_names[i]))
			return i;
	return -1;
}

/* The code's label in the interface's language ("entered twice"). */
static const char *void_code_label(enum void_code c)
{
	return c >= 0 && c < VOID_CODE_COUNT ? _(void_code_labels[c]) : "";
}

char *void_reason_text(const char *code, const char *text)
{
	int c = void_code_from_name(code);
	if (!text)
		text = "";
	if (c < 0)
		return xstrdup(text);
	if (!*text)
		return xstrdup(void_code_label((enum void_code)c));
	if (c == VOID_OTHER) /* "other" says nothing the words do not */
		return xstrdup(text);
	/* TRANSLATORS: a void reason: its kind, then the words typed ("wrong amount: 520 not 250") */
	return xasprintf(_("%s: %s"), void_code_label((enum void_code)c), text);
}

int void_reason_check(enum void_code code, const char *text, struct error *e)
{
	struct error r;
	if (code < 0 || code >= VOID_CODE_COUNT)
		return error_set(e, 0, "%s", _("reason: not one of the reasons for voiding a visit"));
	if (code == VOID_OTHER && (!text || !*text))
		return error_set(e, 0, "%s", _("reason: say why the visit is void"));
	if (text && text_field_check(text, 500, false, &r) < 0)
		return error_set(e, 0, _("reason: %s"), r.msg);
	return 0;
}

int visit_parse_covers(const char *s, int *out, struct error *e)
{
	size_t n = strlen(s);
	long v = 0;
	int nd = 0;
	bool after = false; /* spaces after the digits */
	for (const char *p = s; n;) {
		uint32_t cp;
		size_t k = text_decode(p, n, &cp);
		p += k, n -= k;
		if (cp == ' ' || cp == 0x3000) {
			after = nd > 0;
			continue;
		}
		cp = text_fold_cp(cp); /* ８ → 8 */
		if (cp < '0' || cp > '9' || after || ++nd > 4)
			goto bad;
		v = v * 10 + (long)(cp - '0');
	}
	if (nd && v >= 1 && v <= 999) {
		*out = (int)v;
		return 0;
	}
bad:
	return error_set(e, 0, _("must be a whole number from 1 to 999, got \"%s\""), s);
}

struct date visit_opening_default(struct date today)
{
	struct date d = {today.y - 1, today.m, today.d};
	if (!date_valid(d))
		d.d = date_month_days(d.y, d.m);
	return d;
}

int visit_date_check(const char *s, struct date today, struct date opening, bool allow_old,
		     struct date *out, struct error *e)
{
	struct date d;
	char a[11], b[11];
	if (date_parse_why(s, false, &d, e) < 0)
		return VISIT_DATE_BAD;
	if (date_to_days(d) > date_to_days(today)) {
		error_set(e, 0, _("%s is in the future (today is %s)"), s, date_format(today, a));
		return VISIT_DATE_BAD;
	}
	if (!allow_old && date_to_days(d) < date_to_days(opening)) {
		error_set(e, 0, _("%s is before the restaurant's opening date, %s"),
			  date_format(d, b), date_format(opening, a));
		return VISIT_DATE_OLD;
	}
	*out = d;
	return VISIT_DATE_OK;
}

int visit_validate(const struct visit *v, struct error *e)
{
	struct date d;
	struct error r;
	if (v->guest_id <= 0)
		return error_set(e, 0, _("guest: must be a guest id"));
	if (date_parse_why(v->date, false, &d, &r) < 0)
		return error_set(e, 0, _("date: %s"), r.msg);
	if (v->meal != MEAL_LUNCH && v->meal != MEAL_DINNER)
		return error_set(e, 0, _("meal: must be lunch or dinner"));
	if (v->covers < 1 || v->covers > 999)
		return error_set(e, 0, _("covers: must be a whole number from 1 to 999, got %d"),
				 v->covers);
	if (v->spend_fen < 0 || v->spend_fen > 1000000000LL)
		return error_set(e, 0, _("spend: must be from 0 to 10000000 yuan"));
	if (v->table_no && text_field_check(v->table_no, 40, false, &r) < 0)
		return error_set(e, 0, _("table: %s"), r.msg);
	if (v->notes && text_field_check(v->notes, 2000, true, &r) < 0)
		return error_set(e, 0, _("notes: %s"), r.msg);
	return 0;
}

int64_t visit_per_capita(int64_t spend_fen, long covers)
{
	return covers > 0 ? money_div_round(spend_fen, covers) : 0;
}

int64_t visit_per_capita_yuan(int64_t spend_fen, long covers)
{
	/* the yuan of the figure in fen, as money_format_yuan shows it */
	return money_div_round(visit_per_capita(spend_fen, covers), 100);
}

void visit_free(struct visit *v)
{
	free(v->table_no);
	free(v->notes);
	free(v->guest_name);
	free(v->entered_by);
	free(v->created_at);
	free(v->voided_at);
	free(v->voided_by);
	free(v->void_reason);
	free(v->void_code);
	v->void_code = NULL;
	v->table_no = v->notes = v->guest_name = v->entered_by = v->created_at = NULL;
	v->voided_at = v->voided_by = v->void_reason = NULL;
}
