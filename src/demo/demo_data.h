/* demo_data.h — the raw material of a demo restaurant (a mid-size Chinese restaurant in Bozhou,
 * Anhui): names weighted by real frequency, the titles staff use, work units, tastes, dishes of
 * a real menu, taboos and allergies, looks, relations, sales manager logins, phone numbers;
 * drawn with the demo's random numbers (demo_rng.h). Pure data and pure functions: no I/O, no
 * SQLite, no global state. */
#ifndef MAITRE_DEMO_DATA_H
#define MAITRE_DEMO_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/guest.h"
#include "demo/demo_rng.h"

/* ---- lists --------------------------------------------------------------------------------- */

/* A string with a relative weight. */
struct demo_wstr {
	const char *s;
	unsigned w;
};

/* One of v[0..n-1] drawn by weight. */
const char *demo_pick_w(struct demo_rng *r, const struct demo_wstr *v, size_t n);
/* One of v[0..n-1], uniformly. */
const char *demo_pick(struct demo_rng *r, const char *const *v, size_t n);

#define DEMO_PICK(r, arr) demo_pick((r), (arr), arr##_n)
#define DEMO_PICK_W(r, arr) demo_pick_w((r), (arr), arr##_n)

/* Family names weighted by frequency (per 100,000 people), polyphonic (曾 单 解 区 仇 查) and
 * compound (欧阳 司马 诸葛 上官) ones included. */
extern const struct demo_wstr demo_surnames[];
extern const size_t demo_surnames_n;

/* Given names: one character, common two-character names, and two pools that combine. */
extern const char *const demo_given_male1[], *const demo_given_female1[];
extern const size_t demo_given_male1_n, demo_given_female1_n;
extern const char *const demo_given_male2[], *const demo_given_female2[];
extern const size_t demo_given_male2_n, demo_given_female2_n;
extern const char *const demo_given_male_a[], *const demo_given_male_b[];
extern const size_t demo_given_male_a_n, demo_given_male_b_n;
extern const char *const demo_given_female_a[], *const demo_given_female_b[];
extern const size_t demo_given_female_a_n, demo_given_female_b_n;

/* Latin (foreign) names, accents included; given names by gender. */
extern const char *const demo_latin_male[], *const demo_latin_female[], *const demo_latin_family[];
extern const size_t demo_latin_male_n, demo_latin_female_n, demo_latin_family_n;
/* Where foreign guests come from and work. */
extern const char *const demo_latin_countries[];
extern const size_t demo_latin_countries_n;

/* Writes a given name (1 or 2 characters) for the gender into buf. Returns buf. */
char *demo_given_name(struct demo_rng *r, bool female, char *buf, size_t len);

/* A work unit with the position held there and the title staff use for it. */
struct demo_job {
	char employer[160]; /* "" when unknown */
	const char *position; /* NULL when unknown */
	const char *title;    /* 局长, 总, 主任 ... or NULL: address as 先生 / 女士 */
};

/* Draws a coherent employer / position / title for a Chinese guest: companies combine place,
 * brand word, industry and legal form (tens of thousands of distinct names); government
 * bureaus, hospitals, schools, banks and well-known local enterprises come from lists. */
void demo_job(struct demo_rng *r, bool female, struct demo_job *out);
/* The same for a foreign guest (trading, teaching, pharmaceuticals). */
void demo_job_foreign(struct demo_rng *r, struct demo_job *out);

/* Food properties, to keep usual dishes consistent with taboos and allergies. */
enum demo_food {
	DEMO_PORK = 1,
	DEMO_SEAFOOD = 2,   /* fish and shellfish */
	DEMO_SHELLFISH = 4, /* shrimp, crab, scallops */
	DEMO_SPICY = 8,
	DEMO_PEANUT = 16,
	DEMO_BEEF = 32,
	DEMO_MUTTON = 64,
	DEMO_OFFAL = 128,
	DEMO_ALCOHOL = 256,
	DEMO_EGG = 512,
	DEMO_SESAME = 1024,
	DEMO_MILK = 2048,
	DEMO_SWEET = 4096,
};

/* A text with the food it involves (has) and the food it rules out (excl), both sets of
 * enum demo_food; a weight; and for taboos and allergies the usual severity. */
struct demo_food_item {
	const char *text;
	unsigned has, excl;
	unsigned w;
	enum severity sev;
};

extern const struct demo_food_item demo_dishes[];    /* usual dishes of the menu */
extern const struct demo_food_item demo_tastes[];    /* 清淡 rules out spicy, 偏辣 has it */
extern const struct demo_food_item demo_habits[];    /* 只喝古井贡 has alcohol */
extern const struct demo_food_item demo_taboos[];    /* excl: what they forbid */
extern const struct demo_food_item demo_allergies[]; /* excl: what they forbid */
extern const size_t demo_dishes_n, demo_tastes_n, demo_habits_n, demo_taboos_n, demo_allergies_n;

/* Picks one item of v[0..n-1] by weight, skipping items that have food in avoid or whose text
 * is one of taken[0..ntaken-1] (the text pointers of items picked before, compared as
 * pointers); NULL when every item is ruled out. */
const struct demo_food_item *demo_pick_food(struct demo_rng *r, const struct demo_food_item *v,
					    size_t n, unsigned avoid, const char *const *taken,
					    size_t ntaken);

extern const char *const demo_dislikes[];
extern const size_t demo_dislikes_n;

/* Recognition notes (体貌特征): by gender, and for anyone. */
extern const char *const demo_looks_male[], *const demo_looks_female[], *const demo_looks_any[];
extern const size_t demo_looks_male_n, demo_looks_female_n, demo_looks_any_n;

extern const char *const demo_characters[];
extern const size_t demo_characters_n;

extern const struct demo_wstr demo_ethnicities[]; /* 汉族 mostly; 回族 handled by the caller */
extern const size_t demo_ethnicities_n;
extern const struct demo_wstr demo_native_places[];
extern const size_t demo_native_places_n;

/* Guest notes and tags. */
extern const char *const demo_notes[];
extern const size_t demo_notes_n;

/* Health notes (a sensitive field), with the food they rule out. */
extern const struct demo_food_item demo_health[];
extern const size_t demo_health_n;

/* Home addresses: street names of Bozhou, for the sensitive home_address field. */
extern const char *const demo_streets[], *const demo_estates[];
extern const size_t demo_streets_n, demo_estates_n;

/* Private rooms (包间) and hall tables; notes written on visits. */
extern const char *const demo_rooms[];
extern const size_t demo_rooms_n;
extern const char *const demo_visit_notes[];
extern const size_t demo_visit_notes_n;

/* Associated people: what the driver, secretary, spouse ... like, and notes about them. */
extern const char *const demo_driver_notes[], *const demo_secretary_notes[];
extern const size_t demo_driver_notes_n, demo_secretary_notes_n;

/* Sales managers' logins (8 staff) weighted by the size of their guest list. */
extern const struct demo_wstr demo_sales_managers[];
extern const size_t demo_sales_managers_n;
/* Their names, in the same order. */
extern const char *const demo_sales_manager_names[];

/* Phone numbers, unique by construction.
 * demo_mobile: a Chinese mobile number (1[3-9]x + 8 digits) for slot (index), index <
 * DEMO_MOBILE_SLOTS; distinct indexes give numbers with distinct digits. The layout
 * ("13912345678", "139 1234 5678", "139-1234-5678") varies. Returns buf (≥ 24 bytes).
 * demo_landline: an office landline (0558-5xxxxxx, 0551-6xxxxxxx ...) for index <
 * DEMO_LANDLINE_SLOTS, with distinct digits for distinct indexes. Returns buf (≥ 24 bytes). */
#define DEMO_MOBILE_SLOTS 100000000ULL
#define DEMO_LANDLINE_SLOTS 7000000ULL
char *demo_mobile(struct demo_rng *r, uint64_t key, uint64_t index, char *buf);
char *demo_landline(struct demo_rng *r, uint64_t key, uint64_t index, char *buf);

#endif
