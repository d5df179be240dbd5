/* import_value.h — the values of a guest book as people type them in a spreadsheet (maitre
 * import): dates in every common form and Excel's serial numbers, lists split on Chinese and
 * Latin separators, an allergy's severity written after it, phones several to a cell. Pure, no
 * I/O: the one place these rules live, for the import, its tests and its fuzz target. */
#ifndef MAITRE_IMPORT_VALUE_H
#define MAITRE_IMPORT_VALUE_H

#include <stdbool.h>

#include "core/choice.h"
#include "core/date.h"
#include "core/error.h"
#include "core/guest.h"
#include "core/strv.h"

/* A copy of s without the spaces around it: ASCII blanks (space, tab, CR, LF), the ideographic
 * space U+3000 and the no-break space U+00A0. Caller frees. */
char *iv_trim(const char *s);

/* A special date as typed in a sheet: 1978-09-14, 1978/9/14, 1978.9.14, 1978年9月14日 (日 or 号,
 * or neither), 19780914, 9月14日, 09-14, 9/14 (month first), or an Excel serial number (days since
 * 1899-12-30, as a date cell holds it: 28747 is 1978-09-14; a bare whole number of 1 to 5 digits
 * without a leading zero; below 60 one day later and 60 refused, as Excel counts a 29 February
 * 1900 that never was), spaces around ignored (iv_trim). Full-width digits and ／ － ． ： are
 * read as their ASCII forms; a date with its year may be followed by the time Excel writes
 * after a date cell saved as CSV (1978/9/14 0:00, 1978-09-14 00:00:00), which is dropped. Judged
 * by the one rule of special dates (guest_date_check: a real day, from 1900, not after today).
 * Returns 0 with *out (out->y = 0 when the text gives no year), or -1 with the reason in e and
 * *out untouched ("\"1980-02-30\" is not a date"; the text as typed before it when the reason
 * names the date otherwise: "\"1980/2/30\": \"1980-02-30\" is not a date"). */
int iv_date(const char *s, struct date today, struct date *out, struct error *e);

/* The items of a list cell, split on 、 ， , ； ; and line breaks, each trimmed (iv_trim),
 * empty ones dropped; into *out (appended). Returns how many were added. */
int iv_list(const char *s, struct strv *out);

/* One item of an allergy or taboo cell with the severity written after it — 花生（严重）,
 * 花生(严重), 花生 (high), 花生:严重, 花生：严重: the word in the last brackets when they close the
 * item, else after the last colon — into *text (malloc'ed, trimmed) and *sev; an item without
 * one gets SEV_NONE. Severity words (ASCII case ignored): low|轻|轻微|轻度,
 * medium|中|中等|中度|一般, high|重|严重|重度, critical|危重|致命|极严重|休克, and the words
 * severity_from_name knows (低, 高, 危急, the labels). Returns 0, or -1 with *text NULL and the
 * reason in e: an unknown word (or none) in the brackets or after the colon ("花生（很多）:
 * unknown severity \"很多\" ..."), no text before the severity, an empty item. */
int iv_pref(const char *item, char **text, enum severity *sev, struct error *e);

/* The phones of a cell — one or several, separated by the list separators or '/' (or '／'),
 * each trimmed — each through the one phone rule (guest_phone_check: spaces, dashes, +86 and
 * full-width digits as people write them), appended to *numbers as stored; a number with the
 * digits of one already in *numbers or earlier in the cell is not added again. Returns how many
 * were added, or -1 with guest_phone_check's reason in e ("phone: must have 7 to 20 digits,
 * got \"123456\"") and nothing appended. An empty cell gives 0. */
int iv_phones(const char *cell, struct strv *numbers, struct error *e);

/* A closed choice as typed (gender 男/女/先生/女士/M/F, spending power ...) through
 * choice_code, trimmed (iv_trim) and with ASCII letters in either case, and for gender also
 * 先生 (male), 女士 and 小姐 (female): its code (not to be freed), or NULL. */
const char *iv_choice(const struct choice_set *s, const char *typed);

#endif
