#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/unitab.h"

size_t text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[0];
	size_t len;
	uint32_t min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, c &= 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, c &= 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		goto bad;
	}
	if (n < len)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return 1;
}

size_t text_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool text_valid_utf8(const char *s)
{
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		if (cp == 0xFFFD && k == 1 && (unsigned char)*s >= 0x80)
			return false;
		s += k, n -= k;
	}
	return true;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

bool text_cp_unsafe(uint32_t cp)
{
	if (cp < 0x2000)
		return is_control(cp) || cp == 0x061C; /* ARABIC LETTER MARK */
	return cp == 0x200E || cp == 0x200F ||        /* LRM, RLM */
	       (cp >= 0x202A && cp <= 0x202E) ||     /* LRE, RLE, PDF, LRO, RLO */
	       (cp >= 0x2066 && cp <= 0x2069);       /* LRI, RLI, FSI, PDI */
}

bool text_has_controls(const char *s)
{
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		if (is_control(cp))
			return true;
		s += k, n -= k;
	}
	return false;
}

/* bsearch's comparisons of a code point (the key) with an element of a table of unitab.h:
 * a range, or an element that begins with its code point (unitab_map, unitab_reading). */
static int cmp_range(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct unitab_range *r = elem;
	return cp < r->lo ? -1 : cp > r->hi;
}

static int cmp_cp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key, at = *(const uint32_t *)elem;
	return (cp > at) - (cp < at);
}

static bool in_ranges(const struct unitab_range *r, size_t n, uint32_t cp)
{
	return bsearch(&cp, r, n, sizeof *r, cmp_range) != NULL;
}

int text_cp_width(uint32_t cp)
{
	if (cp < 0x7F)
		return cp < 0x20 ? -1 : 1;
	if (text_cp_unsafe(cp))
		return -1;
	if (in_ranges(unitab_zero, unitab_zero_len, cp))
		return 0;
	if (in_ranges(unitab_wide, unitab_wide_len, cp))
		return 2;
	return 1;
}

/* How a character text_cp_unsafe names is shown: "^[" style for C0 and DEL, "<U+0085>" for
 * C1 and the bidirectional controls ("<U+202E>"). */
static size_t control_repr(uint32_t cp, char *out)
{
	if (cp < 0x20 || cp == 0x7F) {
		out[0] = '^';
		out[1] = cp == 0x7F ? '?' : (char)(cp + 0x40);
		out[2] = '\0';
		return 2;
	}
	return (size_t)snprintf(out, 16, "<U+%04X>", (unsigned)cp);
}

int text_width(const char *s)
{
	int w = 0;
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		int cw = text_cp_width(cp);
		if (cw < 0) {
			char tmp[16];
			cw = (int)control_repr(cp, tmp);
		}
		w += cw;
		s += k, n -= k;
	}
	return w;
}

static char *display(const char *s, bool lines)
{
	struct sbuf b = {0};
	size_t n = strlen(s);
	sbuf_add(&b, "");
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		char tmp[16];
		if (lines && cp == '\n') {
			sbuf_addc(&b, '\n');
		} else if (text_cp_unsafe(cp)) {
			control_repr(cp, tmp);
			sbuf_add(&b, tmp);
		} else if (cp == 0xFFFD) {
			sbuf_addn(&b, tmp, text_encode(cp, tmp));
		} else {
			sbuf_addn(&b, s, k);
		}
		s += k, n -= k;
	}
	return sbuf_detach(&b);
}

char *text_display(const char *s)
{
	return display(s, false);
}

char *text_display_lines(const char *s)
{
	return display(s, true);
}

char *text_truncate(const char *s, int cols, bool ellipsis)
{
	char *d = text_display(s);
	if (text_width(d) <= cols)
		return d;
	int limit = ellipsis && cols > 0 ? cols - 1 : cols;
	int w = 0;
	size_t n = strlen(d), off = 0;
	while (off < n) {
		uint32_t cp;
		size_t k = text_decode(d + off, n - off, &cp);
		int cw = text_cp_width(cp);
		if (w + cw > limit)
			break;
		w += cw;
		off += k;
	}
	/* keep combining marks that follow the last kept character */
	while (off < n) {
		uint32_t cp;
		size_t k = text_decode(d + off, n - off, &cp);
		if (text_cp_width(cp) != 0)
			break;
		off += k;
	}
	d[off] = '\0';
	if (ellipsis && cols > 0) {
		struct sbuf b = {0};
		sbuf_add(&b, d);
		sbuf_add(&b, "…");
		free(d);
		return sbuf_detach(&b);
	}
	return d;
}

uint32_t text_fold_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	const struct unitab_map *m = bsearch(&cp, unitab_fold, unitab_fold_len, sizeof *m, cmp_cp);
	return m ? m->to : cp;
}

/* Separators between words when folding: white space, and punctuation of any script (Unicode
 * general categories P and Z: ' - . 、 。 “ ” 《 》 … ·) and the ASCII symbols. */
static bool is_separator(uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r')
		return true;
	if (cp < 0x80)
		return strchr("-_.,;:!?/\\|()[]{}\"'`~*&^%$#@+=<>", (int)cp) != NULL;
	return in_ranges(unitab_sep, unitab_sep_len, cp);
}

char *text_fold(const char *s)
{
	struct sbuf b = {0};
	size_t n = strlen(s);
	bool pending_space = false;
	sbuf_add(&b, "");
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		s += k, n -= k;
		if (is_control(cp) && cp != '\t' && cp != '\n' && cp != '\r')
			continue;
		uint32_t f = text_fold_cp(cp);
		if (f == 0)
			continue;
		if (is_separator(f)) {
			pending_space = b.len > 0;
			continue;
		}
		if (pending_space) {
			sbuf_addc(&b, ' ');
			pending_space = false;
		}
		char tmp[4];
		sbuf_addn(&b, tmp, text_encode(f, tmp));
	}
	return sbuf_detach(&b);
}

char *text_digits(const char *s)
{
	struct sbuf b = {0};
	size_t n = strlen(s);
	sbuf_add(&b, "");
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		s += k, n -= k;
		cp = text_fold_cp(cp);
		if (cp >= '0' && cp <= '9')
			sbuf_addc(&b, (char)cp);
	}
	return sbuf_detach(&b);
}

static const struct unitab_reading *find_reading(const struct unitab_reading *t, size_t n,
						 uint32_t cp)
{
	return bsearch(&cp, t, n, sizeof *t, cmp_cp);
}

const char *text_pinyin_cp(uint32_t cp)
{
	const struct unitab_reading *r = find_reading(unitab_pinyin, unitab_pinyin_len, cp);
	return r ? unitab_syllables[r->syllable] : NULL;
}

bool text_is_han(uint32_t cp)
{
	return text_pinyin_cp(cp) != NULL;
}

size_t text_cp_count(const char *s)
{
	size_t c = 0, n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		s += k, n -= k;
		c++;
	}
	return c;
}

#define PY_MAX_UNITS 64

/* One unit of a name for pinyin: a Han syllable (up to two readings) or a folded Latin word. */
struct py_unit {
	const char *alt[2];
	int nalt;
	char word[64];
};

static void add_variants(const char *key, struct strv *out, int *added)
{
	if (!*key)
		return;
	if (!strv_contains(out, key)) {
		strv_push(out, key);
		(*added)++;
	}
	if (strchr(key, 'v')) { /* ü written v (lv); also accept u (lu) */
		char *u = xstrdup(key);
		for (char *p = u; *p; p++)
			if (*p == 'v')
				*p = 'u';
		if (!strv_contains(out, u)) {
			strv_take(out, u);
			(*added)++;
		} else {
			free(u);
		}
	}
}

int text_pinyin_keys(const char *name, int surname_chars, struct strv *full, struct strv *initials)
{
	struct py_unit units[PY_MAX_UNITS];
	int nu = 0, han = 0, han_seen = 0;
	size_t n = strlen(name);
	const char *p = name;
	char word[64];
	size_t wl = 0;
	int added = 0;

	if (surname_chars <= 0)
		surname_chars = 1;
	while (n && nu < PY_MAX_UNITS) {
		uint32_t cp;
		size_t k = text_decode(p, n, &cp);
		p += k, n -= k;
		const char *py = text_pinyin_cp(cp);
		uint32_t f = text_fold_cp(cp);
		bool latin = f < 0x80 && ((f >= 'a' && f <= 'z') || (f >= '0' && f <= '9'));
		if (latin && wl + 1 < sizeof word) {
			word[wl++] = (char)f;
			continue;
		}
		if (wl) {
			units[nu].nalt = 0;
			memcpy(units[nu].word, word, wl);
			units[nu].word[wl] = '\0';
			nu++;
			wl = 0;
			if (nu == PY_MAX_UNITS)
				break;
		}
		if (!py)
			continue;
		struct py_unit *u = &units[nu++];
		u->word[0] = '\0';
		u->nalt = 0;
		if (han_seen < surname_chars) {
			const struct unitab_reading *s =
				find_reading(unitab_surname, unitab_surname_len, cp);
			if (s)
				u->alt[u->nalt++] = unitab_syllables[s->syllable];
		}
		/* 长 closing a name after the surname is a title (局长, 行长): zhang; 行 before it: hang */
		if (han_seen >= surname_chars && cp == 0x957F /* 长 */ && n == 0)
			py = "zhang";
		else if (han_seen >= surname_chars && cp == 0x884C /* 行 */ &&
			 strcmp(p, "\xe9\x95\xbf") == 0)
			py = "hang";
		if (u->nalt == 0 || strcmp(u->alt[0], py) != 0)
			u->alt[u->nalt++] = py;
		han_seen++;
		han++;
	}
	if (wl && nu < PY_MAX_UNITS) {
		units[nu].nalt = 0;
		memcpy(units[nu].word, word, wl);
		units[nu].word[wl] = '\0';
		nu++;
	}
	if (han == 0)
		return 0;

	/* Variants: only the first unit with two readings branches (the surname). */
	for (int v = 0; v < 2; v++) {
		const char *r[PY_MAX_UNITS];
		bool branched = false;
		for (int i = 0; i < nu; i++) {
			if (units[i].nalt == 0) {
				r[i] = units[i].word;
			} else {
				int pick = 0;
				if (units[i].nalt > 1 && !branched) {
					pick = v;
					branched = true;
				}
				r[i] = units[i].alt[pick];
			}
		}
		/* k units in full, the rest by initials: k = nu the full reading ("sunxiansheng"),
		 * k = 0 the initials ("sxs"), and between them the mixed ones a receptionist types
		 * ("sunxs", "zengxs", "sunxians"), kept with the initials */
		for (int j = 0; j <= nu; j++) {
			int k = j == 0 ? 0 : nu + 1 - j; /* 0, nu, nu - 1, … 1 */
			struct sbuf b = {0};
			sbuf_add(&b, "");
			for (int i = 0; i < nu; i++) {
				if (i < k)
					sbuf_add(&b, r[i]);
				else
					sbuf_addc(&b, r[i][0]);
			}
			char *key = sbuf_detach(&b);
			int dummy = 0;
			add_variants(key, k == nu ? full : initials, k == nu ? &added : &dummy);
			free(key);
		}
		if (!branched)
			break;
	}
	return added;
}

bool text_has_han(const char *s)
{
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = text_decode(s, n, &cp);
		if (text_is_han(cp))
			return true;
		s += k, n -= k;
	}
	return false;
}

char *text_full_name(const char *family, const char *given)
{
	if (!family || !*family || !given || !*given)
		return NULL;
	if (text_has_han(family) || text_has_han(given))
		return xasprintf("%s%s", family, given);
	return xasprintf("%s %s", given, family);
}

char *text_pinyin_plain(const char *name)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	size_t n = strlen(name);
	bool first = true;
	while (n) {
		uint32_t cp;
		size_t k = text_decode(name, n, &cp);
		name += k, n -= k;
		const char *py = text_pinyin_cp(cp);
		if (py) {
			/* the surname's reading where it differs (曾 zeng, not ceng) */
			const struct unitab_reading *s =
				first ? find_reading(unitab_surname, unitab_surname_len, cp) : NULL;
			sbuf_add(&b, s ? unitab_syllables[s->syllable] : py);
			first = false;
			continue;
		}
		uint32_t f = text_fold_cp(cp);
		if ((f >= 'a' && f <= 'z') || (f >= '0' && f <= '9'))
			sbuf_addc(&b, (char)f);
	}
	return sbuf_detach(&b);
}

bool text_one_edit(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	/* the common prefix and suffix, whole code points: what is left is the edit */
	size_t p = 0;
	while (p < na && p < nb && a[p] == b[p])
		p++;
	while (p > 0 && (((unsigned char)a[p] & 0xC0) == 0x80 || ((unsigned char)b[p] & 0xC0) == 0x80))
		p--; /* back to the start of the code point that differs */
	size_t s = 0;
	while (s < na - p && s < nb - p && a[na - 1 - s] == b[nb - 1 - s])
		s++;
	while (s > 0 && ((unsigned char)a[na - s] & 0xC0) == 0x80)
		s--; /* the suffix starts at a whole code point */
	size_t ra = na - p - s, rb = nb - p - s; /* the bytes that differ */
	size_t ca = 0, cb = 0;
	for (size_t i = 0; i < ra; i++)
		ca += ((unsigned char)a[p + i] & 0xC0) != 0x80;
	for (size_t i = 0; i < rb; i++)
		cb += ((unsigned char)b[p + i] & 0xC0) != 0x80;
	return (ca == 1 && cb == 1) || (ca + cb == 1);
}

char *text_int(int64_t v, char *buf)
{
	char tmp[24];
	size_t n = 0;
	uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + a % 10);
		a /= 10;
	} while (a);
	char *p = buf;
	if (v < 0)
		*p++ = '-';
	while (n)
		*p++ = tmp[--n];
	*p = '\0';
	return p;
}

bool text_parse_uint(const char *s, uint64_t *out)
{
	if (!s || !*s)
		return false;
	uint64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

bool text_parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	if (!s)
		return false;
	bool neg = s[0] == '-';
	uint64_t a;
	if (!text_parse_uint(s + neg, &a) || a > (uint64_t)INT64_MAX + neg)
		return false;
	int64_t v = neg ? (int64_t)(0 - a) : (int64_t)a;
	if (v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

bool text_space_around(const char *s)
{
	static const char ideographic[] = "\xe3\x80\x80"; /* U+3000 */
	size_t n = strlen(s), k = sizeof ideographic - 1;
	if (!n)
		return false;
	return strchr(" \t\n\r\v\f", s[0]) || strchr(" \t\n\r\v\f", s[n - 1]) ||
	       strncmp(s, ideographic, k) == 0 || (n >= k && strcmp(s + n - k, ideographic) == 0);
}
