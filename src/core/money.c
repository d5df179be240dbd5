#include "core/money.h"

#include <stdio.h>
#include <string.h>

#define MONEY_MAX 1000000000000LL

bool money_parse(const char *s, int64_t *fen)
{
	int64_t yuan = 0, frac = 0;
	int digits = 0, fdigits = 0;
	bool dot = false;

	while (*s == ' ')
		s++;
	if (strncmp(s, "\xc2\xa5", 2) == 0) /* ¥ */
		s += 2;
	else if (strncmp(s, "\xef\xbf\xa5", 3) == 0) /* ￥ */
		s += 3;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (dot) {
				if (++fdigits > 2)
					return false;
				frac = frac * 10 + (*s - '0');
			} else {
				if (yuan > MONEY_MAX / 100)
					return false;
				yuan = yuan * 10 + (*s - '0');
				digits++;
			}
		} else if (*s == '.' && !dot) {
			dot = true;
		} else if (*s == ',' && !dot && digits > 0) {
			continue;
		} else {
			break;
		}
	}
	if (strcmp(s, "\xe5\x85\x83") == 0) /* 元 */
		s += 3;
	while (*s == ' ')
		s++;
	if (*s || digits == 0 || (dot && fdigits == 0))
		return false;
	if (fdigits == 1)
		frac *= 10;
	int64_t v = yuan * 100 + frac;
	if (v > MONEY_MAX)
		return false;
	*fen = v;
	return true;
}

char *money_format(int64_t fen, char *buf)
{
	const char *sign = fen < 0 ? "-" : "";
	int64_t a = fen < 0 ? -fen : fen;
	snprintf(buf, 32, "%s%lld.%02lld", sign, (long long)(a / 100), (long long)(a % 100));
	return buf;
}

int64_t money_div_round(int64_t num, int64_t den)
{
	if (den <= 0)
		return 0;
	if (num >= 0)
		return (num * 2 + den) / (den * 2);
	return -((-num * 2 + den) / (den * 2));
}

char *money_format_yuan(int64_t fen, char *buf)
{
	snprintf(buf, 32, "%lld", (long long)money_div_round(fen, 100));
	return buf;
}
