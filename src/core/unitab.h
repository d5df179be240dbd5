/* unitab.h — Unicode tables generated at build time from Debian's unicode-data
 * (scripts/gen-unitab.awk). All arrays are sorted by code point. */
#ifndef MAITRE_UNITAB_H
#define MAITRE_UNITAB_H

#include <stddef.h>
#include <stdint.h>

struct unitab_map {
	uint32_t cp, to; /* to == 0: the code point is dropped when folding */
};
struct unitab_range {
	uint32_t lo, hi;
};
struct unitab_reading {
	uint32_t cp;
	uint16_t syllable; /* index into unitab_syllables */
};

extern const struct unitab_map unitab_fold[];
extern const size_t unitab_fold_len;
extern const struct unitab_range unitab_zero[];
extern const size_t unitab_zero_len;
extern const struct unitab_range unitab_sep[]; /* punctuation and spaces (P*, Z*) */
extern const size_t unitab_sep_len;
extern const struct unitab_range unitab_wide[];
extern const size_t unitab_wide_len;
extern const char unitab_syllables[][8];
extern const size_t unitab_syllables_len;
extern const struct unitab_reading unitab_pinyin[];
extern const size_t unitab_pinyin_len;
extern const struct unitab_reading unitab_surname[];
extern const size_t unitab_surname_len;

#endif
