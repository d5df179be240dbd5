#include "core/alert.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/text.h"
#include "core/tier.h"

/* Splits "a|b|c" into at most n fields (copies in buf, pointers in f); the number found. */
static int alert_args_split(const char *args, char *buf, size_t len, const char **f, int n)
{
	int k = 0;
	if (!args || !len)
		return 0;
	snprintf(buf, len, "%s", args);
	char *p = buf;
	while (k < n) {
		f[k++] = p;
		char *bar = strchr(p, '|');
		if (!bar)
			break;
		*bar = '\0';
		p = bar + 1;
	}
	return k;
}

/* A figure of args as a number, or -1 when it is not one. */
static long long num(const char *s)
{
	int64_t v;
	return text_parse_int(s, INT64_MIN, INT64_MAX, &v) ? (long long)v : -1;
}

/* The code and args of an English reason written before codes were stored (the store's own
 * words: "no visit in 2026-06", "complaint 7 is past its deadline", "high complaint 7 on
 * 2026-06-03", "1 visit, ¥580.00, 4 covers in 2026-06: short of A quality", "1 cover" written
 * "1 covers" and a letter alone "short of A " before); false when text is
 * none of them. No scanf conversion touches the "¥": in a UTF-8 locale %[ reads characters. */
static bool from_text(const char *text, char code[16], char args[160])
{
	char mk[8], money[32], tier[8], grp[24], sev[16], day[11];
	long long id;
	int n = 0, covers;
	if (sscanf(text, "no visit in %7s%n", mk, &n) == 1 && !text[n]) {
		snprintf(code, 16, ALERT_NO_VISIT);
		snprintf(args, 160, "%s", mk);
		return true;
	}
	n = 0;
	if (sscanf(text, "complaint %lld is past its deadline%n", &id, &n) == 1 && !text[n]) {
		snprintf(code, 16, ALERT_OVERDUE);
		snprintf(args, 160, "%lld", id);
		return true;
	}
	n = 0;
	if (sscanf(text, "%15s complaint %lld on %10s%n", sev, &id, day, &n) == 3 && !text[n]) {
		snprintf(code, 16, ALERT_SEVERE);
		snprintf(args, 160, "%s|%lld|%s", sev, id, day);
		return true;
	}
	char *end;
	long v = strtol(text, &end, 10);
	const char *p = end;
	if (p == text)
		return false;
	if (strncmp(p, " visits, ¥", strlen(" visits, ¥")) == 0)
		p += strlen(" visits, ¥");
	else if (strncmp(p, " visit, ¥", strlen(" visit, ¥")) == 0)
		p += strlen(" visit, ¥");
	else
		return false;
	/* "4 covers" ("1 covers" before), "short of A quality" ("short of A " for a letter alone
	 * before, "short of A" now) */
	n = 0;
	grp[0] = '\0';
	char cw[8];
	if (sscanf(p, "%31[^,], %d %7[^ ] in %7[^:]: short of %7[^ \n]%n", money, &covers, cw, mk,
	           tier, &n) != 5 ||
	    (strcmp(cw, "covers") != 0 && strcmp(cw, "cover") != 0))
		return false;
	if (p[n] == ' ') {
		int m = 0;
		if (p[n + 1] && sscanf(p + n + 1, "%23[^\n]%n", grp, &m) == 1)
			n += 1 + m;
		else
			n++;
	}
	if (p[n])
		return false;
	/* ¥ with two decimals, back to fen */
	char *dot;
	long long yuan = strtoll(money, &dot, 10), fen = 0;
	if (*dot == '.')
		fen = strtoll(dot + 1, NULL, 10);
	snprintf(code, 16, ALERT_SHORT);
	snprintf(args, 160, "%ld|%lld|%d|%s|%s|%s", v, yuan * 100 + fen, covers, mk, tier, grp);
	return true;
}

const char *alert_reason_text(const char *code, const char *args, const char *text, char *buf,
                              size_t len)
{
	static const char *const sev[][2] = {{"low", N_("low")},
	                                     {"medium", N_("medium")},
	                                     {"high", N_("high")},
	                                     {"critical", N_("critical")}};
	char c[16], a[160], fb[160], money[32];
	const char *f[6];
	if (!code || !*code) {
		if (!text || !from_text(text, c, a))
			goto as_is;
		code = c;
		args = a;
	}
	int n = alert_args_split(args, fb, sizeof fb, f, 6);
	if (strcmp(code, ALERT_NO_VISIT) == 0 && n == 1) {
		snprintf(buf, len, _("no visit in %s"), f[0]);
	} else if (strcmp(code, ALERT_OVERDUE) == 0 && n == 1 && num(f[0]) >= 0) {
		snprintf(buf, len, _("complaint %lld is past its deadline"), num(f[0]));
	} else if (strcmp(code, ALERT_SEVERE) == 0 && n == 3 && num(f[1]) >= 0) {
		const char *word = f[0];
		for (size_t i = 0; i < sizeof sev / sizeof sev[0]; i++)
			if (strcmp(f[0], sev[i][0]) == 0)
				word = _(sev[i][1]);
		/* TRANSLATORS: a severity (high, critical), a complaint's id and its date */
		snprintf(buf, len, _("%s complaint %lld on %s"), word, num(f[1]), f[2]);
	} else if (strcmp(code, ALERT_SHORT) == 0 && n == 6 && num(f[0]) >= 0 && num(f[1]) >= 0 &&
	           num(f[2]) >= 0) {
		int visits = (int)num(f[0]), covers = (int)num(f[2]);
		char v[48], cv[48], tier[TIER_LABEL_SIZE + 24];
		snprintf(v, sizeof v, ngettext("%d visit", "%d visits", visits), visits);
		snprintf(cv, sizeof cv, ngettext("%d cover", "%d covers", covers), covers);
		/* the tier held, "A quality", or the letter alone (an override's) */
		snprintf(tier, sizeof tier, "%s%s%s", f[4], *f[5] ? " " : "", *f[5] ? gettext(f[5]) : "");
		/* TRANSLATORS: visits ("1 visit"), spend, covers ("4 covers"), the month, the tier
		 * held ("A quality", or "A" alone) */
		snprintf(buf, len, _("%s, ¥%s, %s in %s: short of %s"), v,
		         money_format(num(f[1]), money), cv, f[3], tier);
	} else {
		goto as_is;
	}
	return buf;
as_is:
	snprintf(buf, len, "%s", text ? text : "");
	return buf;
}
