#include "core/complaint.h"

#include "core/choice.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const complaint_category_names[CC_COUNT] = {
	"food", "service", "waiting_time", "hygiene", "environment", "price", "other"};
const char *const complaint_channel_names[CH_COUNT] = {"in_person", "phone", "online_review",
							"wechat", "other"};
const char *const complaint_status_names[CS_COUNT] = {"open", "acknowledged", "resolved",
						      "followed_up", "closed"};
const char *const complaint_action_names[CA_COUNT] = {"ack", "resolve", "followup", "close",
						      "reopen"};
const char *const complaint_verdict_names[CV_COUNT] = {"", "satisfied", "unsatisfied"};
const char *const complaint_deadline_names[CD_COUNT] = {"", "ack", "resolve", "followup"};
const char *const complaint_step_names[COMPLAINT_STEPS] = {
	"understand and acknowledge the guest's feelings",
	"apologise",
	"show urgency",
	"resolve it in one step, no passing the guest around",
	"follow up and investigate",
};

/* What each action makes of a complaint, for messages: "it cannot be closed". */
static const char *const action_done[CA_COUNT] = {"acknowledged", "resolved", "followed up",
						  "closed", "reopened"};

const struct complaint_transition complaint_transitions[] = {
	{CA_ACK, CS_OPEN, CS_ACKNOWLEDGED},
	{CA_RESOLVE, CS_ACKNOWLEDGED, CS_RESOLVED},
	{CA_FOLLOWUP, CS_RESOLVED, CS_FOLLOWED_UP},
	{CA_CLOSE, CS_FOLLOWED_UP, CS_CLOSED},
	{CA_REOPEN, CS_RESOLVED, CS_OPEN},
	{CA_REOPEN, CS_FOLLOWED_UP, CS_OPEN},
	{CA_REOPEN, CS_CLOSED, CS_OPEN},
};
const size_t complaint_ntransitions =
	sizeof complaint_transitions / sizeof complaint_transitions[0];

/* Index of s in names (n of them), '-' matching '_'; -1 when absent or empty. */
static int name_index(const char *const *names, int n, const char *s)
{
	char k[32];
	size_t len = s ? strlen(s) : 0;
	if (len == 0 || len >= sizeof k)
		return -1;
	for (size_t i = 0; i <= len; i++)
		k[i] = s[i] == '-' ? '_' : s[i];
	for (int i = 0; i < n; i++)
		if (names[i][0] && strcmp(names[i], k) == 0)
			return i;
	return -1;
}

/* the code, or its label in either language (choice_complaint_category: 菜品, "waiting time") */
int complaint_category_from_name(const char *s)
{
	return choice_index(&choice_complaint_category, complaint_category_names, CC_COUNT, s);
}

int complaint_channel_from_name(const char *s)
{
	return choice_index(&choice_complaint_channel, complaint_channel_names, CH_COUNT, s);
}

int complaint_status_from_name(const char *s)
{
	return name_index(complaint_status_names, CS_COUNT, s);
}

int complaint_verdict_from_name(const char *s)
{
	return name_index(complaint_verdict_names, CV_COUNT, s);
}

char *complaint_choices(const char *const *names, size_t n, char *buf, size_t len)
{
	size_t used = 0, shown = 0, total = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		total += names[i][0] != '\0';
	for (size_t i = 0; i < n && used < len; i++) {
		if (!names[i][0])
			continue;
		const char *sep = shown == 0 ? "" : shown + 1 == total ? " or " : ", ";
		int k = snprintf(buf + used, len - used, "%s%s", sep, names[i]);
		if (k < 0)
			break;
		used += (size_t)k;
		shown++;
	}
	return buf;
}

bool complaint_move(enum complaint_status from, enum complaint_action action,
		    enum complaint_status *to)
{
	for (size_t i = 0; i < complaint_ntransitions; i++) {
		const struct complaint_transition *t = &complaint_transitions[i];
		if (t->from == from && t->action == action) {
			if (to)
				*to = t->to;
			return true;
		}
	}
	return false;
}

char *complaint_refusal(int64_t id, enum complaint_status from, enum complaint_action action,
			char *buf, size_t len)
{
	char next[64] = "";
	const char *names[16];
	size_t n = 0;
	for (size_t i = 0; i < complaint_ntransitions && n < 16; i++)
		if (complaint_transitions[i].from == from)
			names[n++] = complaint_action_names[complaint_transitions[i].action];
	complaint_choices(names, n, next, sizeof next);
	enum complaint_status target = CS_COUNT;
	for (size_t i = 0; i < complaint_ntransitions; i++)
		if (complaint_transitions[i].action == action)
			target = complaint_transitions[i].to;
	if (target == from)
		snprintf(buf, len, "complaint %lld is already %s (next: %s)", (long long)id,
			 complaint_status_names[from], next);
	else
		snprintf(buf, len, "complaint %lld is %s: it cannot be %s (next: %s)",
			 (long long)id, complaint_status_names[from], action_done[action], next);
	return buf;
}

void complaint_init(struct complaint *c)
{
	memset(c, 0, sizeof *c);
	c->severity = SEV_NONE;
}

void complaint_free(struct complaint *c)
{
	free(c->description);
	free(c->staff_involved);
	free(c->owner);
	free(c->resolution);
	free(c->followup_note);
	free(c->created_by);
	free(c->guest_name);
	complaint_init(c);
}

void complaint_event_free(struct complaint_event *e)
{
	free(e->staff);
	free(e->action);
	free(e->note);
	memset(e, 0, sizeof *e);
}

int complaint_text_check(const char *what, const char *value, bool required, size_t maxlen,
			 struct error *e)
{
	return text_field_check_named(what, value, required, maxlen, true, e);
}

int complaint_login_check(const char *what, const char *value, struct error *e)
{
	const char *p = value ? value : "";
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
			break;
	if (!value || !*value || *p || strlen(value) > 63)
		return error_set(e, 0,
				 _("%s: must be a login name (letters, digits, _ - .), got \"%s\""),
				 what, value ? value : "");
	return 0;
}

int complaint_validate(const struct complaint *c, struct error *e)
{
	char r[200];
	struct error t;
	if (c->guest_id <= 0)
		return error_set(e, 0, _("guest: must be a guest id"));
	if (c->visit_id < 0)
		return error_set(e, 0, _("visit: must be a visit id"));
	if ((unsigned)c->category >= CC_COUNT)
		return error_set(e, 0, _("category: must be %s"),
				 complaint_choices(complaint_category_names, CC_COUNT, r, sizeof r));
	if ((unsigned)c->channel >= CH_COUNT)
		return error_set(e, 0, _("channel: must be %s"),
				 complaint_choices(complaint_channel_names, CH_COUNT, r, sizeof r));
	if (c->severity <= SEV_NONE || c->severity >= SEV_COUNT)
		return error_set(e, 0, _("severity: must be %s"),
				 complaint_choices(severity_names, SEV_COUNT, r, sizeof r));
	if (complaint_text_check("text", c->description, true, 2000, e) < 0)
		return -1;
	if (c->staff_involved && *c->staff_involved &&
	    text_field_check(c->staff_involved, 200, false, &t) < 0)
		return error_set(e, 0, _("staff: %s"), t.msg);
	if (c->owner && complaint_login_check("owner", c->owner, e) < 0)
		return -1;
	return 0;
}

bool complaint_step_done(const struct complaint *c, int n)
{
	return n >= 1 && n <= COMPLAINT_STEPS && (c->steps & (1u << (n - 1)));
}

int complaint_steps_count(unsigned steps)
{
	int k = 0;
	for (int i = 0; i < COMPLAINT_STEPS; i++)
		k += (steps >> i) & 1u;
	return k;
}

char *complaint_steps_text(unsigned steps, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < COMPLAINT_STEPS && used < len; i++) {
		if (!(steps & (1u << i)))
			continue;
		int k = snprintf(buf + used, len - used, "%s%d", used ? " " : "", i + 1);
		if (k < 0)
			break;
		used += (size_t)k;
	}
	if (!used)
		snprintf(buf, len, "none");
	return buf;
}

/* stamp + seconds into buf; false when stamp is not a stamp. */
static bool stamp_add(const char *stamp, long long secs, char *buf)
{
	long long t;
	buf[0] = '\0';
	if (!stamp || !date_stamp_parse(stamp, &t))
		return false;
	date_stamp_format(t + secs, buf);
	return true;
}

bool complaint_due(const struct complaint *c, const struct complaint_rules *r,
		   enum complaint_deadline d, char *buf)
{
	buf[0] = '\0';
	switch (d) {
	case CD_ACK:
		return stamp_add(c->opened_at, (long long)r->ack_hours * 3600, buf);
	case CD_RESOLVE:
		return stamp_add(c->opened_at, (long long)r->resolve_hours * 3600, buf);
	case CD_FOLLOWUP:
		return c->resolved_at[0] &&
		       stamp_add(c->resolved_at, (long long)r->followup_days * 86400, buf);
	case CD_NONE:
	case CD_COUNT:
		break;
	}
	return false;
}

const char *complaint_met(const struct complaint *c, enum complaint_deadline d)
{
	switch (d) {
	case CD_ACK:
		return c->acknowledged_at;
	case CD_RESOLVE:
		return c->resolved_at;
	case CD_FOLLOWUP:
		return c->followed_up_at;
	case CD_NONE:
	case CD_COUNT:
		break;
	}
	return "";
}

enum complaint_deadline complaint_pending(const struct complaint *c)
{
	switch (c->status) {
	case CS_OPEN:
		return CD_ACK;
	case CS_ACKNOWLEDGED:
		return CD_RESOLVE;
	case CS_RESOLVED:
		return CD_FOLLOWUP;
	case CS_FOLLOWED_UP:
	case CS_CLOSED:
	case CS_COUNT:
		break;
	}
	return CD_NONE;
}

/* Whether deadline d of c has passed at now (seconds). */
static bool missed(const struct complaint *c, const struct complaint_rules *r,
		   enum complaint_deadline d, long long now)
{
	char due[20];
	long long t;
	return complaint_due(c, r, d, due) && date_stamp_parse(due, &t) && now > t;
}

enum complaint_deadline complaint_overdue(const struct complaint *c,
					  const struct complaint_rules *r, const char *now)
{
	long long t;
	if (!now || !date_stamp_parse(now, &t))
		return CD_NONE;
	switch (c->status) {
	case CS_OPEN:
		if (missed(c, r, CD_RESOLVE, t))
			return CD_RESOLVE;
		return missed(c, r, CD_ACK, t) ? CD_ACK : CD_NONE;
	case CS_ACKNOWLEDGED:
		return missed(c, r, CD_RESOLVE, t) ? CD_RESOLVE : CD_NONE;
	case CS_RESOLVED:
		return missed(c, r, CD_FOLLOWUP, t) ? CD_FOLLOWUP : CD_NONE;
	case CS_FOLLOWED_UP:
	case CS_CLOSED:
	case CS_COUNT:
		break;
	}
	return CD_NONE;
}

bool complaint_cutoffs(const struct complaint_rules *r, const char *now,
		       struct complaint_cutoffs *out)
{
	long long t;
	memset(out, 0, sizeof *out);
	if (!now || !date_stamp_parse(now, &t))
		return false;
	int open_hours = r->ack_hours < r->resolve_hours ? r->ack_hours : r->resolve_hours;
	date_stamp_format(t - (long long)open_hours * 3600, out->open);
	date_stamp_format(t - (long long)r->resolve_hours * 3600, out->acknowledged);
	date_stamp_format(t - (long long)r->followup_days * 86400, out->resolved);
	return true;
}

char *complaint_prior_since(struct date today, const struct complaint_rules *r, char *buf)
{
	return date_format(date_add_days(today, -(long)r->prior_days), buf);
}
