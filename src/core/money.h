/* money.h — amounts in integer minor units (fen; 1 yuan = 100 fen). */
#ifndef MAITRE_MONEY_H
#define MAITRE_MONEY_H

#include <stdbool.h>
#include <stdint.h>

/* Parses an amount typed in yuan: "520", "520.5", "520.50", "¥1,450", "1450 元", full-width
 * "５２０". At most two decimals; commas only as thousands separators (1,450 but not 1,45);
 * not negative; at most 1e12 fen. Returns true and sets *fen, or false. */
bool money_parse(const char *s, int64_t *fen);
/* Formats fen as yuan with two decimals ("520.50") into buf (≥ 32 bytes). Returns buf. */
char *money_format(int64_t fen, char *buf);
/* Formats fen exactly and short: whole yuan when round ("520"), else with two decimals
 * ("520.50"), into buf (≥ 32 bytes). Returns buf. */
char *money_format_short(int64_t fen, char *buf);
/* Formats fen rounded half-up to whole yuan ("75") into buf (≥ 32 bytes). Returns buf. */
char *money_format_yuan(int64_t fen, char *buf);
/* Exact quotient num/den in fen rounded half-up (den > 0); e.g. per-capita spend. */
int64_t money_div_round(int64_t num, int64_t den);

#endif
