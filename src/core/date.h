/* date.h — calendar dates (proleptic Gregorian), ISO-8601 text, and an injectable "today". */
#ifndef MAITRE_DATE_H
#define MAITRE_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct date {
	int y, m, d;
};

bool date_is_leap(int y);
/* Days in month m (1..12) of year y. */
int date_month_days(int y, int m);
bool date_valid(struct date d);
/* Parses exactly "YYYY-MM-DD" into a valid date. */
bool date_parse(const char *s, struct date *out);
/* Parses "YYYY-MM-DD" or "MM-DD" (year 0 = unknown; 02-29 allowed without a year). */
bool date_parse_md(const char *s, struct date *out);
/* Parses "YYYY-MM-DD", or also "MM-DD" (y = 0) when year_optional, saying what is wrong on
 * failure: "\"2026-02-30\" is not a date" when the shape is right but there is no such day,
 * "\"5/12\" is not a date: write YYYY-MM-DD" (or "... or MM-DD") when it is not. Returns 0
 * with *out, or -1 with the reason in e (translated). */
int date_parse_why(const char *s, bool year_optional, struct date *out, struct error *e);
/* Parses "YYYY-MM" (d is set to 1). */
bool date_parse_month(const char *s, struct date *out);
/* Writes "YYYY-MM-DD" (or "MM-DD" when y == 0) into buf (≥ 11 bytes). Returns buf. */
char *date_format(struct date d, char *buf);
/* The month of d as "YYYY-MM" into buf (≥ 8 bytes). Returns buf. */
char *date_month_key(struct date d, char *buf);
/* The first and the last day of d's month as "YYYY-MM-DD" into buf (≥ 11 bytes). */
char *date_month_first(struct date d, char *buf);
char *date_month_last(struct date d, char *buf);
/* The first day of d's month. */
struct date date_month_start(struct date d);
/* The first day of the month before d's. */
struct date date_prev_month(struct date d);
/* Days since 1970-01-01. */
long date_to_days(struct date d);
struct date date_from_days(long days);
struct date date_add_days(struct date d, long n);
/* Today: the date of $MAITRE_NOW when set and valid, else $MAITRE_TODAY (YYYY-MM-DD) when set
 * and valid, else the local date. */
struct date date_today(void);
/* Current local time as "YYYY-MM-DD HH:MM:SS" into buf (≥ 20 bytes): $MAITRE_NOW when set and
 * valid ("YYYY-MM-DD HH:MM:SS", for tests); else the clock, its date part following
 * $MAITRE_TODAY when set. Returns buf. */
char *date_now_stamp(char *buf);
/* Sets a simulated clock (seconds as from date_stamp_parse) that date_today, date_now_stamp
 * and date_now_hour follow before $MAITRE_NOW; 0 turns it off. For generating a history (the
 * demo restaurant's complaints), never for the interface. */
void date_clock_set(long long secs);
/* Whether the time is simulated (date_clock_set, or $MAITRE_NOW for tests): what is written
 * then is to be the same from one run to the next (the audit's salts, audit_store.c). */
bool date_clock_simulated(void);
/* Current local hour (0..23), from $MAITRE_NOW when set. */
int date_now_hour(void);
/* Parses exactly "YYYY-MM-DD HH:MM:SS" (a valid date and time) into seconds since
 * 1970-01-01 00:00:00 on the same clock (no time zone involved). */
bool date_stamp_parse(const char *s, long long *secs);
/* Writes secs (as from date_stamp_parse) as "YYYY-MM-DD HH:MM:SS" into buf (≥ 20 bytes).
 * Returns buf. */
char *date_stamp_format(long long secs, char *buf);

#endif
