#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(struct date d)
{
	return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	       d.d <= date_month_days(d.y, d.m);
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool date_parse(const char *s, struct date *out)
{
	struct date d;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &d.y) ||
	    !digits(s + 5, 2, &d.m) || !digits(s + 8, 2, &d.d) || !date_valid(d))
		return false;
	*out = d;
	return true;
}

bool date_parse_md(const char *s, struct date *out)
{
	if (strlen(s) == 5) {
		struct date d = {0, 0, 0};
		if (s[2] != '-' || !digits(s, 2, &d.m) || !digits(s + 3, 2, &d.d))
			return false;
		if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > date_month_days(2000, d.m))
			return false;
		*out = d;
		return true;
	}
	return date_parse(s, out);
}

int date_parse_why(const char *s, bool year_optional, struct date *out, struct error *e)
{
	int n;
	size_t len = strlen(s);
	bool shaped = (len == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, &n) &&
		       digits(s + 5, 2, &n) && digits(s + 8, 2, &n)) ||
		      (year_optional && len == 5 && s[2] == '-' && digits(s, 2, &n) &&
		       digits(s + 3, 2, &n));
	if (shaped && (year_optional ? date_parse_md(s, out) : date_parse(s, out)))
		return 0;
	if (shaped)
		return error_set(e, 0, _("\"%s\" is not a date"), s);
	if (year_optional)
		return error_set(e, 0,
				 _("\"%s\" is not a date: write YYYY-MM-DD, or MM-DD without the year"),
				 s);
	return error_set(e, 0, _("\"%s\" is not a date: write YYYY-MM-DD"), s);
}

bool date_parse_month(const char *s, struct date *out)
{
	struct date d = {0, 0, 1};
	if (strlen(s) != 7 || s[4] != '-' || !digits(s, 4, &d.y) || !digits(s + 5, 2, &d.m) ||
	    !date_valid(d))
		return false;
	*out = d;
	return true;
}

char *date_format(struct date d, char *buf)
{
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, dd = (unsigned)d.d % 100u;
	if (d.y == 0)
		snprintf(buf, 11, "%02u-%02u", m, dd);
	else
		snprintf(buf, 11, "%04u-%02u-%02u", y, m, dd);
	return buf;
}

char *date_month_key(struct date d, char *buf)
{
	snprintf(buf, 8, "%04u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u);
	return buf;
}

char *date_month_first(struct date d, char *buf)
{
	snprintf(buf, 11, "%04u-%02u-01", (unsigned)d.y % 10000u, (unsigned)d.m % 100u);
	return buf;
}

char *date_month_last(struct date d, char *buf)
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
		 (unsigned)date_month_days(d.y, d.m) % 100u);
	return buf;
}

struct date date_prev_month(struct date d)
{
	struct date p = {d.m == 1 ? d.y - 1 : d.y, d.m == 1 ? 12 : d.m - 1, 1};
	return p;
}

/* Howard Hinnant's days_from_civil. */
long date_to_days(struct date d)
{
	long y = d.m <= 2 ? d.y - 1 : d.y;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date d;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(d.m <= 2 ? y + 1 : y);
	return d;
}

struct date date_add_days(struct date d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

bool date_stamp_parse(const char *s, long long *secs)
{
	char day[11];
	struct date d;
	int h, mi, se;
	if (strlen(s) != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':' ||
	    !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se) ||
	    h > 23 || mi > 59 || se > 59)
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &d))
		return false;
	*secs = (long long)date_to_days(d) * 86400 + h * 3600 + mi * 60 + se;
	return true;
}

/* Whole days of secs, rounded down (also before 1970). */
static long stamp_days(long long secs)
{
	return (long)(secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400));
}

char *date_stamp_format(long long secs, char *buf)
{
	long days = stamp_days(secs);
	long long rest = secs - (long long)days * 86400;
	struct date d = date_from_days(days);
	snprintf(buf, 20, "%04u-%02u-%02u %02u:%02u:%02u", (unsigned)d.y % 10000u,
		 (unsigned)d.m % 100u, (unsigned)d.d % 100u, (unsigned)(rest / 3600) % 100u,
		 (unsigned)(rest / 60 % 60), (unsigned)(rest % 60));
	return buf;
}

static long long clock_secs; /* date_clock_set: a simulated clock, 0 when none */

void date_clock_set(long long secs)
{
	clock_secs = secs;
}

/* The simulated clock, else $MAITRE_NOW when set and a valid stamp; false when neither. */
static bool env_now(long long *secs)
{
	if (clock_secs) {
		*secs = clock_secs;
		return true;
	}
	const char *env = getenv("MAITRE_NOW");
	return env && date_stamp_parse(env, secs);
}

bool date_clock_simulated(void)
{
	long long secs;
	return env_now(&secs);
}

struct date date_today(void)
{
	const char *env = getenv("MAITRE_TODAY");
	struct date d;
	long long now;
	if (env_now(&now))
		return date_from_days(stamp_days(now));
	if (env && date_parse(env, &d))
		return d;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	d.y = tm.tm_year + 1900;
	d.m = tm.tm_mon + 1;
	d.d = tm.tm_mday;
	return d;
}

char *date_now_stamp(char *buf)
{
	long long now;
	if (env_now(&now))
		return date_stamp_format(now, buf);
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	struct date d = date_today();
	snprintf(buf, 20, "%04u-%02u-%02u %02u:%02u:%02u", (unsigned)d.y % 10000u,
		 (unsigned)d.m % 100u, (unsigned)d.d % 100u, (unsigned)tm.tm_hour % 100u,
		 (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
	return buf;
}

int date_now_hour(void)
{
	long long now;
	if (env_now(&now))
		return (int)((now - (long long)stamp_days(now) * 86400) / 3600);
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return tm.tm_hour;
}

struct date date_month_start(struct date d)
{
	d.d = 1;
	return d;
}
