/* import_value.c — see import_value.h. */
#include "core/import_value.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/text.h"

/* The spaces a cell is trimmed of: what a keyboard, Excel and a Chinese input method put
 * around a value (U+00A0 comes with text pasted from a web page). */
static bool is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0;
}

/* s[0..n) without the blanks around it: [*a, *z) */
static void trim_span(const char *s, size_t n, size_t *a, size_t *z)
{
	size_t start = n, end = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);
		if (!is_blank(cp)) {
			if (start == n)
				start = i;
			end = i + k;
		}
		i += k;
	}
	*a = start == n ? 0 : start;
	*z = end;
}

static char *trim_n(const char *s, size_t n)
{
	size_t a, z;
	trim_span(s, n, &a, &z);
	return xstrndup(s + a, z - a);
}

char *iv_trim(const char *s)
{
	return trim_n(s, strlen(s));
}

/* ------------------------------------------------------------------------------------------ */
/* dates */

/* Longer than any date typed with a time after it: not a date, and not worth copying. */
#define DATE_TEXT_MAX 64

/* The trimmed text t as the date parser reads it: full-width digits and ／ － ． ： folded to
 * ASCII, 年 and 月 as 'Y' and 'M', 日 and 号 (the day as it is said) as 'D', the ideographic and
 * the no-break space as ' '. False when t holds anything else: then it is no date. */
static bool date_fold(const char *t, char *out)
{
	size_t n = strlen(t), o = 0;
	if (n > DATE_TEXT_MAX)
		return false;
	for (const char *p = t; n;) {
		uint32_t cp;
		size_t k = text_decode(p, n, &cp);
		p += k, n -= k;
		if (cp >= 0xFF10 && cp <= 0xFF19)
			cp -= 0xFF10 - '0';
		else if (cp == 0xFF0F || cp == 0xFF0D || cp == 0xFF0E || cp == 0xFF1A)
			cp -= 0xFEE0; /* ／ － ． ： */
		else if (cp == 0x3000 || cp == 0xA0)
			cp = ' ';
		if (cp == 0x5E74) /* 年 */
			cp = 'Y';
		else if (cp == 0x6708) /* 月 */
			cp = 'M';
		else if (cp == 0x65E5 || cp == 0x53F7) /* 日 号 */
			cp = 'D';
		else if (cp == 0 || cp >= 0x80 || !strchr("0123456789-/.: ", (int)cp))
			return false; /* Y, M and D typed as letters among them */
		out[o++] = (char)cp;
	}
	out[o] = '\0';
	return true;
}

/* A run of min to max ASCII digits at *p into *v, *p moved past it. */
static bool num(const char **p, int min, int max, int *v)
{
	int n = 0, x = 0;
	for (; (*p)[n] >= '0' && (*p)[n] <= '9'; n++) {
		if (n == max)
			return false;
		x = x * 10 + ((*p)[n] - '0');
	}
	if (n < min)
		return false;
	*p += n;
	*v = x;
	return true;
}

/* The time Excel writes after a date cell's day when it saves a sheet as CSV ("1978/9/14
 * 0:00"): blanks, then H:MM or H:MM:SS, a real time; nothing after it. */
static bool time_after(const char *p)
{
	int h, m, s = 0;
	p += strspn(p, " "); /* what else follows the day is no digit: num refuses it */
	if (!num(&p, 1, 2, &h) || *p++ != ':' || !num(&p, 2, 2, &m))
		return false;
	if (*p == ':' && (p++, !num(&p, 2, 2, &s)))
		return false;
	return !*p && h < 24 && m < 60 && s < 60;
}

/* Excel's day number n as the sheet shows it: days since 1899-12-30, except that Excel counts
 * a 29 February 1900 that never was (Lotus 1-2-3's mistake, kept): 60 is that day, and below
 * it the day is one later than the count (1 is 1900-01-01). 0 is Excel's "1900-01-00". */
static struct date excel_day(int n)
{
	if (n == 0)
		return (struct date){1900, 1, 0};
	if (n == 60)
		return (struct date){1900, 2, 29};
	struct date base = {1899, 12, 30};
	return date_from_days(date_to_days(base) + n + (n < 60 ? 1 : 0));
}

/* The shapes of a date: none, with its year, without (the month first). */
enum shape { SHAPE_NONE, SHAPE_YEAR, SHAPE_NO_YEAR };

/* The day written in t (folded by date_fold) into *d, not yet judged. */
static enum shape date_shape(const char *t, struct date *d)
{
	const char *p = t;
	int a = 0, b = 0, c = 0;
	size_t digits = strspn(t, "0123456789");
	if (digits && !t[digits]) { /* a bare number */
		if (digits == 8) {  /* 19780914 */
			num(&p, 8, 8, &a);
			*d = (struct date){a / 10000, a / 100 % 100, a % 100};
			return SHAPE_YEAR;
		}
		if (digits > 5 || (digits > 1 && t[0] == '0'))
			return SHAPE_NONE; /* no serial Excel writes */
		num(&p, 1, 5, &a);
		*d = excel_day(a);
		return SHAPE_YEAR;
	}
	if (digits == 4) { /* 1978-09-14, 1978/9/14, 1978.9.14, 1978年9月14日 */
		num(&p, 4, 4, &a);
		char sep = *p++;
		if (sep == 'Y') {
			if (!num(&p, 1, 2, &b) || *p++ != 'M' || !num(&p, 1, 2, &c) ||
			    (*p && (*p != 'D' || p[1])))
				return SHAPE_NONE;
		} else if (!sep || !strchr("-/.", sep) || !num(&p, 1, 2, &b) || *p++ != sep ||
			   !num(&p, 1, 2, &c) || (*p && !time_after(p))) {
			return SHAPE_NONE;
		}
		*d = (struct date){a, b, c};
		return SHAPE_YEAR;
	}
	/* 09-14, 9/14, 9月14日: the month first */
	if (!num(&p, 1, 2, &a))
		return SHAPE_NONE;
	char sep = *p++;
	if (!sep || !strchr("-/M", sep) || !num(&p, 1, 2, &b) ||
	    (sep == 'M' ? *p && (*p != 'D' || p[1]) : *p != '\0'))
		return SHAPE_NONE;
	*d = (struct date){0, a, b};
	return SHAPE_NO_YEAR;
}

int iv_date(const char *s, struct date today, struct date *out, struct error *e)
{
	char *t = iv_trim(s), folded[DATE_TEXT_MAX + 1], buf[16];
	struct date d;
	enum shape shape = date_fold(t, folded) ? date_shape(folded, &d) : SHAPE_NONE;
	int rc = 0;
	if (shape == SHAPE_NONE)
		rc = error_set(e, 0,
			       _("\"%s\" is not a date: write 1978-09-14, 1978/9/14, 1978年9月14日, "
				 "19780914, or 09-14 without the year"),
			       t);
	else if (shape == SHAPE_YEAR && d.y == 0) /* 0000-09-14: a year, and not from 1900 */
		rc = error_set(e, 0, _("%s: the year must be 1900 or later"), t);
	else if (guest_date_check(d.y, d.m, d.d, today, e) < 0) {
		rc = -1;
		/* the date as typed, when the reason names it otherwise ("1980/2/30": "1980-02-30"
		 * is not a date; "60": "1900-02-29" is not a date) */
		if (strcmp(t, date_format(d, buf)) != 0)
			error_prefix(e, "\"%s\": ", t);
	}
	free(t);
	if (rc == 0)
		*out = d;
	return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* lists */

/* Whether cp separates the items of a list cell: 、 ， , ； ; line breaks, and with slash also
 * / and ／ (phones). */
static bool is_sep(uint32_t cp, bool slash)
{
	return cp == 0x3001 || cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';' ||
	       cp == '\n' || cp == '\r' || (slash && (cp == '/' || cp == 0xFF0F));
}

/* The items of s split on is_sep, trimmed, the empty ones dropped, appended to out. */
static int split(const char *s, bool slash, struct strv *out)
{
	size_t n = strlen(s), start = 0, i = 0;
	int added = 0;
	while (start <= n) {
		uint32_t cp = 0;
		size_t k = i < n ? text_decode(s + i, n - i, &cp) : 1;
		if (i < n && !is_sep(cp, slash)) {
			i += k;
			continue;
		}
		char *item = trim_n(s + start, i - start);
		if (*item) {
			strv_take(out, item);
			added++;
		} else {
			free(item);
		}
		i += k;
		start = i;
	}
	return added;
}

int iv_list(const char *s, struct strv *out)
{
	return split(s, false, out);
}

/* ------------------------------------------------------------------------------------------ */
/* severities */

/* The words a severity is written as after an allergy or a taboo, the codes among them. */
static const char *const sev_words[SEV_COUNT] = {
	[SEV_LOW] = "low|轻|轻微|轻度",
	[SEV_MEDIUM] = "medium|中|中等|中度|一般",
	[SEV_HIGH] = "high|重|严重|重度",
	[SEV_CRITICAL] = "critical|危重|致命|极严重|休克",
};

/* The severity word w names: sev_words (ASCII case ignored: High), else what
 * severity_from_name knows (低, 高, 危急, the label in the interface's language); -1 when
 * none. */
static int sev_of(const char *w)
{
	size_t n = strlen(w);
	for (int s = SEV_LOW; s < SEV_COUNT; s++)
		for (const char *p = sev_words[s]; *p;) {
			size_t k = strcspn(p, "|");
			if (k == n && strncasecmp(p, w, n) == 0)
				return s;
			p += k + (p[k] == '|');
		}
	int s = *w ? severity_from_name(w) : -1;
	return s > SEV_NONE ? s : -1;
}

/* Where in t (n bytes) the last of the characters a (ASCII) or b (UTF-8) begins, and its length
 * in *len; -1 when neither is there. */
static long last_of(const char *t, size_t n, char a, const char *b, size_t *len)
{
	long at = -1;
	size_t bn = strlen(b);
	for (size_t i = 0; i < n; i++)
		if (t[i] == a)
			at = (long)i, *len = 1;
		else if (i + bn <= n && memcmp(t + i, b, bn) == 0)
			at = (long)i, *len = bn;
	return at;
}

int iv_pref(const char *item, char **text, enum severity *sev, struct error *e)
{
	char *t = iv_trim(item);
	size_t n = strlen(t), len = 0, close = 0;
	long at = -1;
	*text = NULL;
	*sev = SEV_NONE;
	if (!n) {
		free(t);
		return error_set(e, 0, _("an empty item"));
	}
	/* 花生（严重）, 花生(严重), 花生 (high): the word in the last brackets, if it closes the
	 * item; else 花生:严重, 花生：严重: the word after the last colon */
	if (t[n - 1] == ')')
		close = 1;
	else if (n >= 3 && strcmp(t + n - 3, "）") == 0)
		close = 3;
	if (close)
		at = last_of(t, n - close, '(', "（", &len);
	if (at < 0) {
		close = 0;
		at = last_of(t, n, ':', "：", &len);
	}
	if (at < 0) {
		*text = t;
		return 0;
	}
	char *before = trim_n(t, (size_t)at);
	char *word = trim_n(t + at + len, n - close - (size_t)at - len);
	int s = sev_of(word);
	int rc = 0;
	if (s < 0)
		rc = error_set(e, 0,
			       _("%s: unknown severity \"%s\" (write low, medium, high or "
				 "critical: 轻, 中, 重 or 危重)"),
			       t, word);
	else if (!*before)
		rc = error_set(e, 0, _("%s: nothing before the severity"), t);
	free(word);
	free(t);
	if (rc < 0) {
		free(before);
		return rc;
	}
	*text = before;
	*sev = (enum severity)s;
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* phones */

/* Whether the number with digits d is among numbers already (written twice in a cell, or in
 * another column before). */
static bool has_number(const struct strv *numbers, const char *d)
{
	for (size_t i = 0; i < numbers->n; i++) {
		char *o = guest_phone_digits(numbers->v[i]);
		bool same = strcmp(o, d) == 0;
		free(o);
		if (same)
			return true;
	}
	return false;
}

int iv_phones(const char *cell, struct strv *numbers, struct error *e)
{
	struct strv pieces = {0}, found = {0};
	int rc = 0;
	split(cell, true, &pieces);
	for (size_t i = 0; i < pieces.n && rc == 0; i++) {
		char *norm;
		if (guest_phone_check(pieces.v[i], &norm, e) < 0) {
			rc = -1;
			break;
		}
		char *d = guest_phone_digits(norm);
		if (has_number(numbers, d) || has_number(&found, d))
			free(norm);
		else
			strv_take(&found, norm);
		free(d);
	}
	if (rc == 0) {
		for (size_t i = 0; i < found.n; i++)
			strv_take(numbers, found.v[i]);
		rc = (int)found.n;
		found.n = 0;
	}
	strv_free(&found);
	strv_free(&pieces);
	return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* closed choices */

const char *iv_choice(const struct choice_set *s, const char *typed)
{
	char *t = iv_trim(typed);
	const char *code = NULL;
	for (char *p = t; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	/* how a sheet names a guest's gender: as staff address them */
	if (s == &choice_gender && strcmp(t, "先生") == 0)
		code = choice_code(s, "male");
	else if (s == &choice_gender && (strcmp(t, "女士") == 0 || strcmp(t, "小姐") == 0))
		code = choice_code(s, "female");
	else
		code = choice_code(s, t);
	free(t);
	return code;
}
