/* guest.h — the guest sheet (domain.md §2): scalar fields described by one table, and the lists
 * (phones, preferences, special dates, associated people, tags, notes). Pure data, no I/O. */
#ifndef MAITRE_GUEST_H
#define MAITRE_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/choice.h"
#include "core/error.h"

enum field_type {
	FT_TEXT,  /* free text, one line */
	FT_LONG,  /* free text, may span lines */
	FT_INT,   /* whole number within [min, max] */
	FT_ENUM,  /* one of choices */
	FT_STAFF, /* a staff login */
	FT_DATE,  /* a day, YYYY-MM-DD, from 1900 and not after today (guest_date_check) */
};

/* The groups of the sheet, in the order the profile form shows them; a field of GG_SENSITIVE is
 * one of the "seven don't-ask" topics (domain.md §2): recorded only when learned naturally,
 * hidden from roles not allowed to see them. */
enum guest_group { GG_WORK, GG_RECOGNITION, GG_BACKGROUND, GG_SENSITIVE, GG_CONSENT, GG_COUNT };
extern const char *const guest_group_titles[GG_COUNT]; /* N_(): translate when shown */

/* The longest text a field holds, in characters: one line, or text that may span lines. */
#define GUEST_LINE_MAX 200
#define GUEST_LONG_MAX 4000

/* A field's type and limits, for GUEST_FIELDS: type, len (the most characters typed), min, max
 * (of a whole number) and the choices (of a closed choice). */
#define FIELD_TEXT FT_TEXT, GUEST_LINE_MAX, 0, 0, NULL
#define FIELD_LONG FT_LONG, GUEST_LONG_MAX, 0, 0, NULL
#define FIELD_INT(min, max) FT_INT, GUEST_LINE_MAX, min, max, NULL
#define FIELD_ENUM(choices) FT_ENUM, GUEST_LINE_MAX, 0, 0, &(choices)
#define FIELD_STAFF FT_STAFF, GUEST_LINE_MAX, 0, 0, NULL
#define FIELD_DATE FT_DATE, 10, 0, 0, NULL
/* Its command-line option of its own (guest add / guest edit): the name and the placeholder of
 * the value; every field is also set by --set key=value. */
#define FIELD_OPT(name, arg) name, arg
#define FIELD_NO_OPT NULL, NULL
/* What search finds a field by: GS_NONE, nothing (the names have rules of their own,
 * search_store.c), or GS_TEXT, any three of its characters and two-character pieces of its
 * Chinese. Never a sensitive field: search would tell what a role may not see. */
enum guest_search { GS_NONE, GS_TEXT };

/* The scalar fields of the sheet, each declared once: F(ID, key, type, group, search, form
 * label, description, option). From this list come the enum below, validation
 * (guest_field_check), the columns read and written and the audit (guest_store.c), field_meta
 * (migrate.c), search (search_store.c), the profile form's rows, labels and limits
 * (view_form.c), guest show and the options of guest add / edit (cli_guest.c). key is the
 * column name and the name of --set key=value ('-' accepted for '_'); the form label is N_()
 * and short; the description is English, for the option's help and field_meta. A new field is
 * a row here, a migration adding its column and the translation of its form label: HACKING.md,
 * "Adding a guest field". */
#define GUEST_FIELDS(F)                                                                            \
	F(NAME, "name", FIELD_TEXT, GG_WORK, GS_NONE,                                              \
	  N_("address as"), "how staff address the guest (孙先生)", FIELD_OPT("name", "NAME"))     \
	F(FAMILY_NAME, "family_name", FIELD_TEXT, GG_WORK, GS_NONE,                                \
	  N_("family name"), "family name (孙)", FIELD_OPT("family-name", "NAME"))                 \
	F(GIVEN_NAME, "given_name", FIELD_TEXT, GG_WORK, GS_NONE,                                  \
	  N_("given name"), "given name", FIELD_OPT("given-name", "NAME"))                         \
	F(GENDER, "gender", FIELD_ENUM(choice_gender), GG_WORK, GS_NONE,                           \
	  N_("gender"), "gender", FIELD_OPT("gender", "male|female"))                              \
	F(EMPLOYER, "employer", FIELD_TEXT, GG_WORK, GS_TEXT,                                      \
	  N_("employer"), "employer / work unit (单位)", FIELD_OPT("employer", "TEXT"))            \
	F(POSITION, "position", FIELD_TEXT, GG_WORK, GS_NONE,                                      \
	  N_("position"), "position", FIELD_OPT("position", "TEXT"))                               \
	F(LOOKS, "looks", FIELD_LONG, GG_RECOGNITION, GS_NONE,                                     \
	  N_("looks"), "how to recognise them (体貌特征)", FIELD_NO_OPT)                           \
	F(HEIGHT_CM, "height_cm", FIELD_INT(50, 250), GG_RECOGNITION, GS_NONE,                     \
	  N_("height cm"), "height in cm", FIELD_NO_OPT)                                           \
	F(WEIGHT_KG, "weight_kg", FIELD_INT(20, 300), GG_RECOGNITION, GS_NONE,                     \
	  N_("weight kg"), "weight in kg", FIELD_NO_OPT)                                           \
	F(PHOTO, "photo", FIELD_TEXT, GG_RECOGNITION, GS_NONE,                                     \
	  N_("photo file"), "photo file path", FIELD_NO_OPT)                                       \
	F(ETHNICITY, "ethnicity", FIELD_TEXT, GG_BACKGROUND, GS_NONE,                              \
	  N_("ethnicity"), "ethnicity (回族)", FIELD_NO_OPT)                                       \
	F(NATIVE_PLACE, "native_place", FIELD_TEXT, GG_BACKGROUND, GS_NONE,                        \
	  N_("native place"), "native place", FIELD_NO_OPT)                                        \
	F(SPENDING_POWER, "spending_power", FIELD_ENUM(choice_spending), GG_BACKGROUND, GS_NONE,   \
	  N_("spending power"), "spending power", FIELD_NO_OPT)                                    \
	F(CHARACTER, "character", FIELD_LONG, GG_BACKGROUND, GS_NONE,                              \
	  N_("character"), "character", FIELD_NO_OPT)                                              \
	F(SALES_MANAGER, "sales_manager", FIELD_STAFF, GG_BACKGROUND, GS_NONE,                     \
	  N_("sales manager"), "the responsible sales manager", FIELD_OPT("sales-manager", "LOGIN")) \
	F(MARITAL_STATUS, "marital_status", FIELD_TEXT, GG_SENSITIVE, GS_NONE,                     \
	  N_("marital status"), "marital status", FIELD_NO_OPT)                                    \
	F(INCOME, "income", FIELD_TEXT, GG_SENSITIVE, GS_NONE,                                     \
	  N_("income"), "income", FIELD_NO_OPT)                                                    \
	F(HOME_ADDRESS, "home_address", FIELD_LONG, GG_SENSITIVE, GS_NONE,                         \
	  N_("home address"), "home address", FIELD_NO_OPT)                                        \
	F(RELIGION, "religion", FIELD_TEXT, GG_SENSITIVE, GS_NONE,                                 \
	  N_("religion"), "religion", FIELD_NO_OPT)                                                \
	F(HEALTH, "health", FIELD_LONG, GG_SENSITIVE, GS_NONE,                                     \
	  N_("health"), "health", FIELD_NO_OPT)                                                    \
	F(PERSONAL_HISTORY, "personal_history", FIELD_LONG, GG_SENSITIVE, GS_NONE,                 \
	  N_("personal history"), "personal history", FIELD_NO_OPT)                                \
	F(CONSENT_AT, "consent_at", FIELD_DATE, GG_CONSENT, GS_NONE,                               \
	  N_("consent date"), "the day the guest agreed to be kept in the book", FIELD_NO_OPT)     \
	F(CONSENT_CHANNEL, "consent_channel", FIELD_ENUM(choice_consent), GG_CONSENT, GS_NONE,     \
	  N_("consent channel"), "how the guest agreed to be kept (in_person, phone, wechat, "     \
	  "written, online, other)", FIELD_NO_OPT)

enum guest_field_id {
#define F(id, ...) GF_##id,
	GUEST_FIELDS(F)
#undef F
		GF_COUNT
};

struct guest_field {
	const char *key;
	enum field_type type;
	size_t len;    /* the most characters it holds */
	int min, max;  /* for FT_INT */
	const struct choice_set *choices; /* for FT_ENUM */
	enum guest_group group;
	enum guest_search search;
	bool sensitive; /* group GG_SENSITIVE */
	const char *form_label; /* N_() */
	const char *label;      /* English: the option's help, field_meta */
	const char *opt, *opt_arg; /* its own option of guest add / edit, or NULL */
};

extern const struct guest_field guest_fields[GF_COUNT];

/* A set of the sheet's parts, one bit for each scalar field (GUEST_FIELD_BIT(GF_INCOME)) and
 * GUEST_BIRTH_YEAR for the year of every birthday (the guest's age: one of the seven). */
typedef uint64_t guest_field_set;
#define GUEST_FIELD_BIT(id) ((guest_field_set)1 << (id))
#define GUEST_BIRTH_YEAR GUEST_FIELD_BIT(GF_COUNT)
_Static_assert(GF_COUNT < 64, "a guest_field_set holds every field and the birth year");

/* The sensitive parts of the sheet (domain.md §9): the fields of GG_SENSITIVE, the year of every
 * birthday, and added (the fields the settings add: settings_sensitive_fields). */
guest_field_set guest_sensitive(guest_field_set added);
struct guest;
/* Hides the parts hidden of g, for someone who may not see them: each such field reads shown
 * (NULL: empty), each birthday loses its year. */
void guest_mask(struct guest *g, guest_field_set hidden, const char *shown);

/* The field named key ("family_name" or "family-name"), or NULL. */
const struct guest_field *guest_field_find(const char *key);
/* Validates value for field f. Empty value means "clear". On success returns 0 and sets *norm
 * to the canonical value (malloc'ed; NULL for clear). On failure returns -1 and writes the
 * reason ("must be a whole number from 50 to 250") into e. */
int guest_field_check(const struct guest_field *f, const char *value, char **norm, struct error *e);
/* Checks free text typed by staff: valid UTF-8, at most maxlen characters, and no control
 * characters unless multiline (then newline and tab only). Returns 0 or -1 with e. */
int text_field_check(const char *value, size_t maxlen, bool multiline, struct error *e);
/* text_field_check for the field named what, its name before the reason ("note: is too
 * long..."); an empty value is refused when required ("what: must not be empty"), else taken. */
int text_field_check_named(const char *what, const char *value, bool required, size_t maxlen,
			   bool multiline, struct error *e);

/* The free texts of the sheet's lists (phones aside), each held to one limit. */
enum guest_text {
	GT_PREF,         /* a taste, dish, habit, dislike, taboo or allergy: 200 bytes */
	GT_DATE_LABEL,   /* the name of another special date: 100 */
	GT_RELATION,     /* an associated person's relation to the guest: 40 */
	GT_PERSON_NAME,  /* their name (may be empty): 200 */
	GT_PERSON_NOTES, /* notes on them (may be empty, may span lines): 4000 */
	GT_TAG,          /* 60 */
	GT_NOTE,         /* a note on the guest (may span lines): 4000 */
	GT_COUNT
};
/* Checks text typed for t: present (but where t may be empty), valid UTF-8, within t's limit,
 * no control characters (line breaks only where t may span lines). The one rule for the profile
 * form, the command line and guest_validate. Returns 0, or -1 with the reason in e ("is too
 * long (at most 60 bytes)"); the caller names the field. */
int guest_text_check(enum guest_text t, const char *s, struct error *e);

struct date;
/* A special date as typed, "YYYY-MM-DD" or "MM-DD" (the year is optional): a real day, the
 * year from 1900 and the day not after today — a birthday, a wedding or another day worth
 * remembering has happened already. Returns 0 with *out (y = 0 without a year), or -1 with
 * the reason in e: "\"2026-02-30\" is not a date", "2030-05-12 is in the future". The one
 * rule for the form, the command line and guest_validate. */
int guest_date_parse(const char *s, struct date today, struct date *out, struct error *e);
/* The same rule for a date held as numbers (year 0: none). */
int guest_date_check(int year, int month, int day, struct date today, struct error *e);

/* A phone's length in digits, once normalised (guest_phone_digits): 7, a landline without its
 * area code (5551234), to 20: an international number (15 digits at most) with an extension.
 * Mobiles have 11, landlines with their area code 10 to 12. */
#define GUEST_PHONE_MIN_DIGITS 7
#define GUEST_PHONE_MAX_DIGITS 20
/* The digits a phone is stored, matched and compared by: full-width digits folded, and China's
 * country code dropped (+86 139…, 0086 139…, 86 139… with 11 digits after it → 139…; +86 558
 * 5551234 → 05585551234, the trunk 0 put back), as often as it is written (+86 0086 139… →
 * 139…). Other numbers keep every digit. Caller frees. */
char *guest_phone_digits(const char *number);
/* The one rule for a phone number, for the form, the CLI and the store: text of at most 40
 * bytes with GUEST_PHONE_MIN_DIGITS to GUEST_PHONE_MAX_DIGITS digits once normalised. On success
 * returns 0 and sets *norm (malloc'ed) to the number as stored: full-width forms folded to
 * ASCII, a Chinese number without its country code (its national digits); else -1 with the
 * reason in e. */
int guest_phone_check(const char *number, char **norm, struct error *e);

enum pref_kind { PREF_TASTE, PREF_DISH, PREF_HABIT, PREF_DISLIKE, PREF_TABOO, PREF_ALLERGY, PREF_KIND_COUNT };
enum severity { SEV_NONE, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL, SEV_COUNT };
enum date_kind { DATE_BIRTHDAY, DATE_ANNIVERSARY, DATE_OTHER, DATE_KIND_COUNT };

extern const char *const pref_kind_names[PREF_KIND_COUNT];  /* "taste", "dish", ... */
extern const char *const severity_names[SEV_COUNT];         /* "", "low", ... "critical" */
extern const char *const date_kind_names[DATE_KIND_COUNT];  /* "birthday", ... */
int pref_kind_from_name(const char *s);  /* -1 when unknown */
int severity_from_name(const char *s);   /* -1 when unknown; "" → SEV_NONE */
int date_kind_from_name(const char *s);  /* -1 when unknown */
/* True for kinds that are safety data (taboo, allergy): always shown, never truncated. */
bool pref_kind_is_safety(enum pref_kind k);

/* person index: -1 = the guest; else an index into guest.people */
struct guest_phone {
	int64_t id;
	char *kind; /* mobile, landline, office, other */
	char *number;
};
struct guest_pref {
	int64_t id;
	int person;
	enum pref_kind kind;
	enum severity severity;
	char *text;
};
struct guest_date {
	int64_t id;
	int person;
	enum date_kind kind;
	char *label; /* for DATE_OTHER */
	int year;    /* 0 = unknown */
	int month, day;
};
struct guest_person {
	int64_t id;
	char *relation; /* driver, secretary, spouse, ... */
	char *name;
	char *notes;
};
struct guest_note {
	int64_t id;
	char *author; /* login; set by the store */
	char *at;     /* set by the store */
	char *text;
};

#define GUEST_LIST(type, name) \
	struct {               \
		type *v;       \
		size_t n, cap; \
	} name

struct guest {
	int64_t id;       /* 0 for a guest not yet stored */
	int64_t version;  /* bumped by every stored change; for conflict detection */
	char *f[GF_COUNT]; /* scalar fields; NULL = empty */
	bool anonymised;
	char *created_at, *updated_at;
	GUEST_LIST(struct guest_phone, phones);
	GUEST_LIST(struct guest_pref, prefs);
	GUEST_LIST(struct guest_date, dates);
	GUEST_LIST(struct guest_person, people);
	GUEST_LIST(char *, tags);
	GUEST_LIST(struct guest_note, notes);
};

void guest_init(struct guest *g);
/* The preferences of kind held by person (-1: the guest) joined with ", ", each taboo or
 * allergy followed by " (SEVERITY)" as sev_names names it (severity_names, or translated
 * names, SEV_COUNT of them); NULL when there are none. Caller frees. */
char *guest_prefs_text(const struct guest *g, int person, enum pref_kind kind,
		       const char *const *sev_names);
/* Frees everything g owns and re-initialises it. */
void guest_free(struct guest *g);
/* Deep copy of src into dst (dst uninitialised). */
void guest_copy(struct guest *dst, const struct guest *src);
/* Sets scalar field id to a copy of value (NULL or "" clears). */
void guest_set(struct guest *g, enum guest_field_id id, const char *value);

/* Appenders: copy their strings; return the new item's index. */
int guest_add_phone(struct guest *g, const char *kind, const char *number);
int guest_add_pref(struct guest *g, int person, enum pref_kind kind, enum severity sev,
		   const char *text);
int guest_add_date(struct guest *g, int person, enum date_kind kind, const char *label, int year,
		   int month, int day);
int guest_add_person(struct guest *g, const char *relation, const char *name, const char *notes);
int guest_add_tag(struct guest *g, const char *tag);
int guest_add_note(struct guest *g, const char *text);
/* Removes list item i, keeping order. For people, items referring to it are removed too and
 * later person indexes shifted. */
void guest_remove_phone(struct guest *g, size_t i);
void guest_remove_pref(struct guest *g, size_t i);
void guest_remove_date(struct guest *g, size_t i);
void guest_remove_person(struct guest *g, size_t i);
void guest_remove_tag(struct guest *g, size_t i);

/* Consent to be kept in the book (domain.md §9, PIPL): the day (GF_CONSENT_AT) and the channel
 * (GF_CONSENT_CHANNEL, choice_consent), recorded together or not at all (guest_validate).
 * guest_consent_parse reads the command line's "YYYY-MM-DD:CHANNEL" (the channel as
 * choice_code takes it: wechat, 微信) or "none" (both cleared: *at and *channel NULL); it
 * returns 0 with *at and *channel as stored (malloc'ed), or -1 with the reason in e. */
int guest_consent_parse(const char *s, char **at, char **channel, struct error *e);
/* The consent as the card and guest show say it, "2026-03-01, WeChat" (the channel's label in
 * the interface's language), or NULL when none is recorded. Caller frees. */
char *guest_consent_text(const struct guest *g);

/* Validates a whole sheet before it is stored: name present, every field and list item well
 * formed, the consent's date and channel both or neither. was: the guest as stored (NULL for a new one), whose phones and special dates are
 * taken as they are, so that a rule made stricter later (7 digits) never stops a guest
 * stored before it from being saved. Returns 0, or -1 with "field: reason" in e. */
int guest_validate(const struct guest *g, const struct guest *was, struct error *e);

#endif
