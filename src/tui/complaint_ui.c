/* complaint_ui.c — see complaint_ui.h. */
#include "tui/complaint_ui.h"

#include <stdio.h>
#include <string.h>

#include "core/choice.h"
#include "core/strv.h"

static const char *const statuses[CS_COUNT] = {
	NC_("complaint status", "open"),        NC_("complaint status", "acknowledged"),
	NC_("complaint status", "resolved"),    NC_("complaint status", "followed up"),
	NC_("complaint status", "closed"),
};

static const char *const verdicts[CV_COUNT] = {"", N_("satisfied"), N_("not satisfied")};
static const char *const deadlines[CD_COUNT] = {"", N_("acknowledge"), N_("resolve"),
						N_("follow up")};
/* the list's narrow column */
static const char *const deadlines_short[CD_COUNT] = {"", N_("ack"), N_("resolve"),
                                                      N_("follow-up")};
static const char *const steps[COMPLAINT_STEPS] = {
    N_("understand and acknowledge the guest's feelings"),
    N_("apologise"),
    N_("show urgency"),
    N_("resolve it in one step, no passing the guest around"),
    N_("follow up and investigate"),
};

const char *complaint_ui_category(enum complaint_category c)
{
	return c < CC_COUNT ? choice_label(&choice_complaint_category, complaint_category_names[c])
	                    : "?";
}

const char *complaint_ui_severity(enum severity s)
{
	return s > SEV_NONE && s < SEV_COUNT ? tr_data(severity_names[s]) : "";
}

const char *complaint_ui_status(enum complaint_status s)
{
	return s < CS_COUNT ? i18n_ctx(statuses[s]) : "?";
}

const char *complaint_ui_verdict(enum complaint_verdict v)
{
	return v > CV_NONE && v < CV_COUNT ? _(verdicts[v]) : "";
}

const char *complaint_ui_deadline(enum complaint_deadline d)
{
	return d > CD_NONE && d < CD_COUNT ? _(deadlines[d]) : "";
}

const char *complaint_ui_channel(enum complaint_channel c)
{
	return c < CH_COUNT ? choice_label(&choice_complaint_channel, complaint_channel_names[c])
	                    : "?";
}

const char *complaint_ui_step(int n)
{
	return n >= 1 && n <= COMPLAINT_STEPS ? _(steps[n - 1]) : "?";
}

int complaint_ui_choice(const char *what, const char *const *names, int first, int n,
			const char *(*label)(int), const char *typed, struct error *e)
{
	char key[64];
	snprintf(key, sizeof key, "%s", typed);
	for (char *p = key; *p; p++)
		if (*p == '-' || *p == ' ')
			*p = '_';
	for (int i = first; i < n; i++)
		if (strcmp(key, names[i]) == 0 || strcmp(typed, label(i)) == 0)
			return i;
	struct sbuf b = {0};
	for (int i = first; i < n; i++) {
		bool same = strcmp(names[i], label(i)) == 0;
		sbuf_printf(&b, "%s%s", i > first ? ", " : "", names[i]);
		if (!same)
			sbuf_printf(&b, " (%s)", label(i));
	}
	/* what was typed first: the status line may cut the end of the list */
	error_set(e, 0, _("%s: \"%s\" is not one of %s"), what, typed, b.s ? b.s : "");
	sbuf_free(&b);
	return -1;
}

static const char *category_label(int i)
{
	return complaint_ui_category((enum complaint_category)i);
}

static const char *severity_label(int i)
{
	return complaint_ui_severity((enum severity)i);
}

static const char *verdict_label(int i)
{
	return complaint_ui_verdict((enum complaint_verdict)i);
}

int complaint_ui_category_from(const char *typed, struct error *e)
{
	int i = complaint_category_from_name(typed); /* in either language */
	if (i >= 0)
		return i;
	return complaint_ui_choice(_("category"), complaint_category_names, 0, CC_COUNT,
				   category_label, typed, e);
}

int complaint_ui_severity_from(const char *typed, struct error *e)
{
	return complaint_ui_choice(_("severity"), severity_names, SEV_LOW, SEV_COUNT,
				   severity_label, typed, e);
}

int complaint_ui_verdict_from(const char *typed, struct error *e)
{
	return complaint_ui_choice(_("verdict"), complaint_verdict_names, CV_SATISFIED, CV_COUNT,
				   verdict_label, typed, e);
}

const struct complaint_rules *complaint_ui_rules(const struct tui *t)
{
	static struct tier_rules defaults;
	static bool ready;
	if (t->rules)
		return &t->rules->complaints;
	if (!ready) {
		tier_rules_init(&defaults);
		ready = true;
	}
	return &defaults.complaints;
}

char *complaint_ui_span(const char *a, const char *b, char *buf, size_t len)
{
	long long sa, sb;
	buf[0] = '\0';
	if (!date_stamp_parse(a, &sa) || !date_stamp_parse(b, &sb))
		return buf;
	long long m = (sb - sa) / 60, h = m / 60, d = h / 24;
	if (d)
		snprintf(buf, len, _("%lldd %lldh"), d, h % 24);
	else if (h)
		snprintf(buf, len, _("%lldh %lldm"), h, m % 60);
	else
		snprintf(buf, len, _("%lldm"), m);
	return buf;
}

enum complaint_deadline complaint_ui_due(const struct complaint *c, const struct complaint_rules *r,
					 const char *now, bool brief, char *buf, size_t len)
{
	char due[20], span[64];
	buf[0] = '\0';
	enum complaint_deadline late = complaint_overdue(c, r, now);
	if (late != CD_NONE && complaint_due(c, r, late, due)) {
		/* "!" marks it where colour is not seen */
		snprintf(buf, len, _("! %s %s late"), _(deadlines_short[late]),
			 complaint_ui_span(due, now, span, sizeof span));
		return late;
	}
	enum complaint_deadline next = complaint_pending(c);
	if (next == CD_NONE || !complaint_due(c, r, next, due))
		return CD_NONE;
	if (!brief) /* "06-30 21:05" */
		snprintf(buf, len, _("%s by %.11s"), _(deadlines_short[next]), due + 5);
	else /* the hour when it is today, else the day */
		snprintf(buf, len, _("%s by %.5s"), _(deadlines_short[next]),
			 strncmp(due, now, 10) == 0 ? due + 11 : due + 5);
	return CD_NONE;
}
