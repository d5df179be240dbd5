/* doctor_report.h — maitre doctor's report in words, for the command line (maitre doctor) and
 * the interface (:doctor) alike. */
#ifndef MAITRE_DOCTOR_REPORT_H
#define MAITRE_DOCTOR_REPORT_H

#include "core/strv.h"
#include "store/doctor_store.h"

/* One line per check ("integrity_check: ok"), then the verdict: whole, what --repair rebuilds,
 * or what it cannot. Translated. */
void doctor_report_lines(const struct doctor_report *r, struct strv *out);

#endif
