/* complaint_ui.h — the words of complaints as the screens show them (translated labels of the
 * categories, severities, statuses, deadlines and recovery steps), reading a choice typed in
 * either language, and the "deadline" column: when the next deadline falls, or how long ago it
 * was missed. Shared by the lists, the complaint's view and the form. */
#ifndef MAITRE_COMPLAINT_UI_H
#define MAITRE_COMPLAINT_UI_H

#include "core/complaint.h"
#include "tui/tui.h"

/* Translated labels ("waiting time", "acknowledged", "follow up", step n's text). */
const char *complaint_ui_category(enum complaint_category c);
const char *complaint_ui_severity(enum severity s);
const char *complaint_ui_status(enum complaint_status s);
const char *complaint_ui_verdict(enum complaint_verdict v);
const char *complaint_ui_deadline(enum complaint_deadline d);
const char *complaint_ui_channel(enum complaint_channel c);
const char *complaint_ui_step(int n); /* 1..5 */

/* Reads a choice typed as its name ("waiting_time", "waiting-time") or its translated label
 * (等候时间) among n values whose names are names[first..n-1]: the value, or -1 with "what:
 * must be a, b or c; got "x"" (translated) in e. */
int complaint_ui_choice(const char *what, const char *const *names, int first, int n,
			const char *(*label)(int), const char *typed, struct error *e);
/* The same for the three tables the screens ask about. */
int complaint_ui_category_from(const char *typed, struct error *e);
int complaint_ui_severity_from(const char *typed, struct error *e);
int complaint_ui_verdict_from(const char *typed, struct error *e);

/* The complaint rules of the screens: the ones in force, or the defaults when no rules could be
 * loaded (the deadlines of domain.md §6). */
const struct complaint_rules *complaint_ui_rules(const struct tui *t);

/* The deadline of c at now into buf: "! resolve 2h 15m late" when missed (returns the missed
 * deadline), "ack by 06-30 21:05" when pending (returns CD_NONE; brief: "ack by 21:05" today,
 * "ack by 07-02" another day), "" once followed up. */
enum complaint_deadline complaint_ui_due(const struct complaint *c, const struct complaint_rules *r,
					 const char *now, bool brief, char *buf, size_t len);
/* How long from stamp a to stamp b, short: "45m", "2h 15m", "3d 4h" (translated) into buf. */
char *complaint_ui_span(const char *a, const char *b, char *buf, size_t len);

#endif
