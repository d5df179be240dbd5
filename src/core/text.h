/* text.h — UTF-8 text: decoding, folding for search, display width, pinyin keys.
 * Pure functions over the generated tables in unitab.c; no locale is consulted. */
#ifndef MAITRE_TEXT_H
#define MAITRE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strv.h"

/* Decodes one code point from s (at most n bytes). Returns the bytes consumed (1..4); an invalid
 * or truncated sequence yields U+FFFD and consumes 1 byte. n must be ≥ 1. */
size_t text_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp as UTF-8 into out (4 bytes room). Returns the byte count. */
size_t text_encode(uint32_t cp, char *out);
/* True when s is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_valid_utf8(const char *s);
/* True when s contains a C0/C1 control character or DEL (tab included). */
bool text_has_controls(const char *s);
/* True for a code point that must never reach a terminal or a file as it is, the one rule of
 * every output (text_display, text_display_lines, export/table.c, tui/draw.c): a C0 control,
 * DEL, a C1 control (U+0080..U+009F, CSI U+009B among them) or a bidirectional control that
 * reorders what is shown (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069). */
bool text_cp_unsafe(uint32_t cp);

/* Display columns of one code point: 0 (combining, format), 2 (East Asian wide/full-width),
 * -1 (a character text_cp_unsafe refuses: control or bidirectional control), else 1. */
int text_cp_width(uint32_t cp);
/* Display columns of s, controls counted as shown by text_display (caret notation). */
int text_width(const char *s);
/* Copy of s fit for a terminal or a text listing: every character text_cp_unsafe names shown
 * visibly, C0 controls and DEL in caret notation (ESC as ^[, DEL as ^?), C1 and bidirectional
 * controls as <U+0085>, <U+202E>; invalid bytes as U+FFFD. Caller frees. */
char *text_display(const char *s);
/* text_display keeping line breaks (\n) as they are: for a message or a cell of several lines
 * (an error message, a CSV cell, which quotes them). Caller frees. */
char *text_display_lines(const char *s);
/* Copy of s truncated to at most cols display columns without cutting a character; when
 * truncated and ellipsis is true, the last column is "…". Caller frees. */
char *text_truncate(const char *s, int cols, bool ellipsis);

/* One code point folded for matching: lower case, diacritics removed (é → e), full-width forms
 * to ASCII (Ａ → a). Returns 0 when the code point is dropped (a combining mark). */
uint32_t text_fold_cp(uint32_t cp);
/* s folded for matching: every code point folded, controls dropped, runs of white space and
 * punctuation between words collapsed to one space, leading/trailing space removed.
 * Caller frees. */
char *text_fold(const char *s);
/* The ASCII digits of s (full-width digits folded first). Caller frees. */
char *text_digits(const char *s);
/* True for a CJK ideograph that has a Mandarin reading in the tables. */
bool text_is_han(uint32_t cp);
/* The first Mandarin reading of cp without tones ("sun"), or NULL. Static storage. */
const char *text_pinyin_cp(uint32_t cp);

/* Pinyin search keys of a name. The first surname_chars Han characters are read as a surname
 * (曾 → zeng as well as ceng); 0 means "the first character, if Han". Appends to full the
 * concatenated readings ("sunxiansheng"), and to initials the first letters ("sxs", first of all)
 * and the readings of the first syllables followed by the initials of the rest ("sunxs",
 * "sunxians"); variants
 * are added for surname readings and for ü (written v, also u). Latin words in the name are
 * folded and kept. Returns the number of keys added to full (0 when the name has no Han). */
int text_pinyin_keys(const char *name, int surname_chars, struct strv *full, struct strv *initials);

/* True when s holds a Han character (text_is_han). */
bool text_has_han(const char *s);
/* A guest's full name from the family and given names: family + given (孙建国), or "given
 * family" for Latin names (José García); NULL unless both are there. Caller frees. */
char *text_full_name(const char *family, const char *given);
/* A name read as one string of toneless pinyin, for telling names that sound the same: each
 * Han character's first reading (the first one's reading as a surname: 曾 zeng), ASCII letters
 * and digits folded, everything else dropped (张 伟 → zhangwei, "Zhang Wei" → zhangwei,
 * 章伟 → zhangwei). "" for a name with none of them. Caller frees. */
char *text_pinyin_plain(const char *name);
/* True when b is a with exactly one code point changed, inserted or deleted (王小明 and
 * 王晓明, 张伟 and 张伟明, Jon and John); false for equal texts and for two edits or more. */
bool text_one_edit(const char *a, const char *b);

/* Number of code points in s. */
size_t text_cp_count(const char *s);

/* Writes v in decimal, as printf's %lld does, into buf (at least 21 bytes), without printf:
 * the monthly sheet writes a million of these. Returns the end of the digits (their '\0'). */
char *text_int(int64_t v, char *buf);
/* Reads s as a whole number from lo to hi into *out, strictly: an optional "-" then ASCII
 * digits and nothing else: no space before or after (as strtol would skip), no "+", no
 * other digits. False (and *out untouched) otherwise, or when out of range. The one parser
 * of a number a user typed (options, fields, form entries). */
bool text_parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out);
/* As text_parse_int for a number from 0 to UINT64_MAX: ASCII digits only. */
bool text_parse_uint(const char *s, uint64_t *out);
/* Whether s starts or ends with white space (ASCII, or the ideographic space U+3000): a value
 * given whole (an option, a file) that money_parse and visit_parse_covers would trim, as they
 * trim what a person types in a form. */
bool text_space_around(const char *s);

#endif
