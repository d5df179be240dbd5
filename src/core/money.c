#include "core/money.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

#define MONEY_MAX 1000000000000LL

/* The amount as plain ASCII: full-width digits and punctuation folded (５２０．５ → 520.5), the
 * currency signs ¥ ￥ and 元 and spaces removed. Returns false when anything else is there. */
static bool normalise(const char *s, char *out, size_t outlen)
{
	size_t n = strlen(s), o = 0;
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		s += k, n -= k;
		if (cp == 0xA5 || cp == 0xFFE5 || cp == 0x5143 /* ¥ ￥ 元 */ || cp == ' ' ||
		    cp == 0x3000)
			continue;
		cp = text_fold_cp(cp);
		if (!((cp >= '0' && cp <= '9') || cp == '.' || cp == ',') || o + 1 >= outlen)
			return false;
		out[o++] = (char)cp;
	}
	out[o] = '\0';
	return true;
}

bool money_parse(const char *s, int64_t *fen)
{
	char a[64];
	int64_t yuan = 0, frac = 0;
	int digits = 0, fdigits = 0, group = -1; /* digits since the last comma; -1: none yet */
	bool dot = false;

	if (!normalise(s, a, sizeof a))
		return false;
	for (const char *p = a; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (dot) {
				if (++fdigits > 2)
					return false;
				frac = frac * 10 + (*p - '0');
			} else {
				if (yuan > MONEY_MAX / 100)
					return false;
				yuan = yuan * 10 + (*p - '0');
				digits++;
				if (group >= 0)
					group++;
			}
		} else if (*p == '.' && !dot) {
			if (group >= 0 && group != 3)
				return false;
			dot = true;
		} else if (*p == ',' && !dot && digits > 0 && (group < 0 ? digits <= 3 : group == 3)) {
			group = 0; /* thousands separators: 1,450 and 12,345,678, never 1,45 */
		} else {
			return false;
		}
	}
	if (group >= 0 && group != 3 && !dot)
		return false;
	if (digits == 0 || (dot && fdigits == 0))
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

char *money_format_short(int64_t fen, char *buf)
{
	/* by hand: the monthly sheet formats a million of these */
	uint64_t a = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;
	char *p = buf;
	if (fen < 0)
		*p++ = '-';
	p = text_int((int64_t)(a / 100), p);
	if (a % 100) {
		*p++ = '.';
		*p++ = (char)('0' + a % 100 / 10);
		*p++ = (char)('0' + a % 10);
	}
	*p = '\0';
	return buf;
}
