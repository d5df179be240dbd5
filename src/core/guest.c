#include "core/guest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/choice.h"
#include "core/date.h"
#include "core/strv.h"
#include "core/text.h"
#include "core/i18n.h"

const char *const guest_group_titles[GG_COUNT] = {
	[GG_WORK] = N_("Name and work"),
	[GG_RECOGNITION] = N_("Recognition"),
	[GG_BACKGROUND] = N_("Background"),
	[GG_SENSITIVE] = N_("Sensitive: never ask; record only what the guest volunteers"),
	[GG_CONSENT] = N_("Consent to be kept in the book"),
};

const struct guest_field guest_fields[GF_COUNT] = {
#define F(id, key, type, group, search, form_label, label, opt)                                    \
	{key, type, group, search, (group) == GG_SENSITIVE, form_label, label, opt},
	GUEST_FIELDS(F)
#undef F
};

const char *const pref_kind_names[PREF_KIND_COUNT] = {"taste", "dish",  "habit",
						      "dislike", "taboo", "allergy"};
const char *const severity_names[SEV_COUNT] = {"", "low", "medium", "high", "critical"};
const char *const date_kind_names[DATE_KIND_COUNT] = {"birthday", "anniversary", "other"};

static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* the code, or its label or word in either language (choice_pref_kind: 过敏) */
int pref_kind_from_name(const char *s)
{
	return choice_index(&choice_pref_kind, pref_kind_names, PREF_KIND_COUNT, s);
}

/* the code, or its label or word in either language (choice_severity: 危急) */
int severity_from_name(const char *s)
{
	return choice_index(&choice_severity, severity_names, SEV_COUNT, s);
}

int date_kind_from_name(const char *s)
{
	return name_index(date_kind_names, DATE_KIND_COUNT, s);
}

bool pref_kind_is_safety(enum pref_kind k)
{
	return k == PREF_TABOO || k == PREF_ALLERGY;
}

const struct guest_field *guest_field_find(const char *key)
{
	char k[64];
	size_t n = strlen(key);
	if (n >= sizeof k)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		k[i] = key[i] == '-' ? '_' : key[i];
	for (int i = 0; i < GF_COUNT; i++)
		if (strcmp(guest_fields[i].key, k) == 0)
			return &guest_fields[i];
	return NULL;
}

int text_field_check(const char *value, size_t maxlen, bool multiline, struct error *e)
{
	if (!text_valid_utf8(value))
		return error_set(e, 0, _("is not valid UTF-8 text"));
	if (text_cp_count(value) > maxlen) /* characters as a person counts them, not bytes */
		return error_set(e, 0, _("is too long (at most %zu characters)"), maxlen);
	size_t n = strlen(value);
	for (const char *p = value; n;) {
		uint32_t cp;
		size_t k = text_decode(p, n, &cp);
		p += k, n -= k;
		if (multiline && (cp == '\n' || cp == '\t'))
			continue;
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			return error_set(e, 0, _("must not contain control characters%s"),
					 multiline || (cp != '\n' && cp != '\r') ? "" : _(" or line breaks"));
	}
	return 0;
}

int guest_date_check(int year, int month, int day, struct date today, struct error *e)
{
	struct date d = {year, month, day};
	char buf[11];
	/* without a year, 29 February is a birthday */
	if (month < 1 || month > 12 || day < 1 || day > date_month_days(year ? year : 2000, month) ||
	    year < 0 || year > 9999)
		return error_set(
			e, 0, _("\"%s\" is not a date"),
			date_format((struct date){year, month < 0 ? 0 : month, day < 0 ? 0 : day}, buf));
	if (year && year < 1900)
		return error_set(e, 0, _("%s: the year must be 1900 or later"), date_format(d, buf));
	if (year && date_to_days(d) > date_to_days(today))
		return error_set(e, 0, _("%s is in the future"), date_format(d, buf));
	return 0;
}

int guest_date_parse(const char *s, struct date today, struct date *out, struct error *e)
{
	struct date d;
	if (date_parse_why(s, true, &d, e) < 0 || guest_date_check(d.y, d.m, d.d, today, e) < 0)
		return -1;
	*out = d;
	return 0;
}

/* True when a number is written in international form: its first character + (or ＋). */
static bool phone_is_intl(const char *number)
{
	size_t n = strlen(number);
	while (n) {
		uint32_t cp;
		size_t k = text_decode(number, n, &cp);
		cp = text_fold_cp(cp);
		if (cp == '+')
			return true;
		if (cp != ' ' && cp != 0x3000)
			return false;
		number += k, n -= k;
	}
	return false;
}

/* The national part of digits d when it carries China's country code, else NULL. */
static const char *phone_national(const char *d, bool intl)
{
	size_t n = strlen(d);
	if (intl && strncmp(d, "86", 2) == 0 && n > 2)
		return d + 2;
	if (strncmp(d, "0086", 4) == 0 && n > 4)
		return d + 4;
	if (n == 13 && strncmp(d, "861", 3) == 0 && d[3] >= '3' && d[3] <= '9')
		return d + 2; /* 86 before an 11-digit mobile */
	return NULL;
}

/* A mobile (1 then 3..9, 11 digits) or a 400/800 service number: written without a trunk 0. */
static bool phone_no_trunk(const char *nat)
{
	size_t n = strlen(nat);
	return (n >= 2 && nat[0] == '1' && nat[1] >= '3' && nat[1] <= '9') ||
	       strncmp(nat, "400", 3) == 0 || strncmp(nat, "800", 3) == 0 || nat[0] == '0';
}

char *guest_phone_digits(const char *number)
{
	char *d = text_digits(number);
	bool intl = phone_is_intl(number);
	const char *nat;
	/* until no country code is left ("+86 0086 139…" is 139…): the digits of a number as
	 * stored are then the digits it was stored by */
	while ((nat = phone_national(d, intl))) {
		char *r = xasprintf("%s%s", phone_no_trunk(nat) ? "" : "0", nat);
		free(d);
		d = r;
		intl = false; /* the + was before the first code */
	}
	return d;
}

int guest_phone_check(const char *number, char **norm, struct error *e)
{
	*norm = NULL;
	struct error r;
	/* 40 characters at most: full-width ones (3 bytes each) are counted once folded, below */
	if (text_field_check(number, 160, false, &r) < 0)
		return error_set(e, 0, _("phone: %s"), r.msg);
	if (text_cp_count(number) > 40)
		return error_set(e, 0, _("phone: %s"), _("is too long (at most 40 characters)"));
	char *d = guest_phone_digits(number), *raw = text_digits(number);
	size_t nd = strlen(d);
	int rc = 0;
	if (nd < GUEST_PHONE_MIN_DIGITS || nd > GUEST_PHONE_MAX_DIGITS)
		rc = error_set(e, 0, _("phone: must have %d to %d digits, got \"%s\""),
			       GUEST_PHONE_MIN_DIGITS, GUEST_PHONE_MAX_DIGITS, number);
	if (rc == 0 && phone_national(raw, phone_is_intl(number))) {
		*norm = d; /* the country code dropped: the national digits */
		d = NULL;
	} else if (rc == 0) {
		/* full-width forms (１３９, ＋, －, the ideographic space) folded, the rest as typed */
		struct sbuf b = {0};
		size_t n = strlen(number);
		for (const char *p = number; n;) {
			uint32_t cp;
			size_t k = text_decode(p, n, &cp);
			if (cp >= 0xFF01 && cp <= 0xFF5E)
				sbuf_addc(&b, (char)(cp - 0xFEE0));
			else if (cp == 0x3000)
				sbuf_addc(&b, ' ');
			else
				sbuf_addn(&b, p, k);
			p += k, n -= k;
		}
		sbuf_add(&b, "");
		char *s = sbuf_detach(&b);
		size_t a = strspn(s, " "), z = strlen(s);
		while (z > a && s[z - 1] == ' ')
			z--;
		*norm = xstrndup(s + a, z - a);
		free(s);
	}
	free(d);
	free(raw);
	return rc;
}

int guest_field_check(const struct guest_field *f, const char *value, char **norm,
		      struct error *e)
{
	*norm = NULL;
	if (!value || !*value)
		return 0;
	switch (f->type) {
	case FT_TEXT:
	case FT_LONG:
		if (text_field_check(value, f->len, f->type == FT_LONG, e) < 0)
			return -1;
		break;
	case FT_INT: {
		int64_t v;
		if (!text_parse_int(value, f->min, f->max, &v))
			return error_set(e, 0, _("must be a whole number from %d to %d, got \"%s\""),
					 f->min, f->max, value);
		*norm = xasprintf("%lld", (long long)v);
		return 0;
	}
	case FT_ENUM: {
		/* the code, or its label in either language */
		const char *code = choice_code(f->choices, value);
		if (code) {
			*norm = xstrdup(code);
			return 0;
		}
		char list[300];
		return error_set(e, 0, _("must be one of %s, got \"%s\""),
				 choice_list(f->choices, list, sizeof list), value);
	}
	case FT_DATE: {
		struct date d;
		char buf[11];
		if (date_parse_why(value, false, &d, e) < 0 ||
		    guest_date_check(d.y, d.m, d.d, date_today(), e) < 0)
			return -1;
		*norm = xstrdup(date_format(d, buf));
		return 0;
	}
	case FT_STAFF:
		for (const char *p = value; *p; p++) {
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
				return error_set(
					e, 0, _("must be a login name (letters, digits, _ - .), got \"%s\""),
					value);
		}
		break;
	}
	*norm = xstrdup(value);
	return 0;
}

void guest_init(struct guest *g)
{
	memset(g, 0, sizeof *g);
}

void guest_free(struct guest *g)
{
	for (int i = 0; i < GF_COUNT; i++)
		free(g->f[i]);
	free(g->created_at);
	free(g->updated_at);
	for (size_t i = 0; i < g->phones.n; i++) {
		free(g->phones.v[i].kind);
		free(g->phones.v[i].number);
	}
	for (size_t i = 0; i < g->prefs.n; i++)
		free(g->prefs.v[i].text);
	for (size_t i = 0; i < g->dates.n; i++)
		free(g->dates.v[i].label);
	for (size_t i = 0; i < g->people.n; i++) {
		free(g->people.v[i].relation);
		free(g->people.v[i].name);
		free(g->people.v[i].notes);
	}
	for (size_t i = 0; i < g->tags.n; i++)
		free(g->tags.v[i]);
	for (size_t i = 0; i < g->notes.n; i++) {
		free(g->notes.v[i].author);
		free(g->notes.v[i].at);
		free(g->notes.v[i].text);
	}
	free(g->phones.v);
	free(g->prefs.v);
	free(g->dates.v);
	free(g->people.v);
	free(g->tags.v);
	free(g->notes.v);
	guest_init(g);
}

/* Grows a GUEST_LIST by one zeroed item; evaluates to its index. */
#define LIST_GROW(l) list_grow((void **)&(l).v, &(l).n, &(l).cap, sizeof *(l).v)

static int list_grow(void **v, size_t *n, size_t *cap, size_t size)
{
	vec_reserve(v, *n + 1, cap, size);
	memset((char *)*v + *n * size, 0, size);
	return (int)(*n)++;
}

static void list_remove(void *v, size_t *n, size_t size, size_t i)
{
	if (i >= *n)
		return;
	memmove((char *)v + i * size, (char *)v + (i + 1) * size, (*n - i - 1) * size);
	(*n)--;
}

guest_field_set guest_sensitive(guest_field_set added)
{
	guest_field_set s = GUEST_BIRTH_YEAR | added;
	for (int i = 0; i < GF_COUNT; i++)
		if (guest_fields[i].sensitive)
			s |= GUEST_FIELD_BIT(i);
	/* the name is how the door greets them: never hidden */
	return s & ~GUEST_FIELD_BIT(GF_NAME);
}

void guest_mask(struct guest *g, guest_field_set hidden, const char *shown)
{
	for (int i = 0; i < GF_COUNT; i++)
		if (hidden & GUEST_FIELD_BIT(i))
			guest_set(g, (enum guest_field_id)i, shown);
	for (size_t i = 0; (hidden & GUEST_BIRTH_YEAR) && i < g->dates.n; i++)
		if (g->dates.v[i].kind == DATE_BIRTHDAY)
			g->dates.v[i].year = 0;
}

void guest_set(struct guest *g, enum guest_field_id id, const char *value)
{
	free(g->f[id]);
	g->f[id] = value && *value ? xstrdup(value) : NULL;
}

int guest_add_phone(struct guest *g, const char *kind, const char *number)
{
	int i = LIST_GROW(g->phones);
	/* a kind typed as its label (手机) is stored as its code (mobile) */
	const char *code = choice_code(&choice_phone_kind, kind);
	g->phones.v[i].kind = xstrdup(code ? code : kind && *kind ? kind : "mobile");
	g->phones.v[i].number = xstrdup(number);
	return i;
}

int guest_add_pref(struct guest *g, int person, enum pref_kind kind, enum severity sev,
		   const char *text)
{
	int i = LIST_GROW(g->prefs);
	struct guest_pref *p = &g->prefs.v[i];
	p->person = person;
	p->kind = kind;
	p->severity = sev;
	p->text = xstrdup(text);
	return i;
}

int guest_add_date(struct guest *g, int person, enum date_kind kind, const char *label, int year,
		   int month, int day)
{
	int i = LIST_GROW(g->dates);
	struct guest_date *d = &g->dates.v[i];
	d->person = person;
	d->kind = kind;
	d->label = xstrdup(label && *label ? label : NULL);
	d->year = year;
	d->month = month;
	d->day = day;
	return i;
}

int guest_add_person(struct guest *g, const char *relation, const char *name, const char *notes)
{
	int i = LIST_GROW(g->people);
	struct guest_person *p = &g->people.v[i];
	p->relation = xstrdup(relation);
	p->name = xstrdup(name && *name ? name : NULL);
	p->notes = xstrdup(notes && *notes ? notes : NULL);
	return i;
}

int guest_add_tag(struct guest *g, const char *tag)
{
	for (size_t k = 0; k < g->tags.n; k++)
		if (strcmp(g->tags.v[k], tag) == 0)
			return (int)k;
	int i = LIST_GROW(g->tags);
	g->tags.v[i] = xstrdup(tag);
	return i;
}

int guest_add_note(struct guest *g, const char *text)
{
	int i = LIST_GROW(g->notes);
	g->notes.v[i].text = xstrdup(text);
	return i;
}

void guest_remove_phone(struct guest *g, size_t i)
{
	if (i >= g->phones.n)
		return;
	free(g->phones.v[i].kind);
	free(g->phones.v[i].number);
	list_remove(g->phones.v, &g->phones.n, sizeof *g->phones.v, i);
}

void guest_remove_pref(struct guest *g, size_t i)
{
	if (i >= g->prefs.n)
		return;
	free(g->prefs.v[i].text);
	list_remove(g->prefs.v, &g->prefs.n, sizeof *g->prefs.v, i);
}

void guest_remove_date(struct guest *g, size_t i)
{
	if (i >= g->dates.n)
		return;
	free(g->dates.v[i].label);
	list_remove(g->dates.v, &g->dates.n, sizeof *g->dates.v, i);
}

void guest_remove_tag(struct guest *g, size_t i)
{
	if (i >= g->tags.n)
		return;
	free(g->tags.v[i]);
	list_remove(g->tags.v, &g->tags.n, sizeof *g->tags.v, i);
}

void guest_remove_person(struct guest *g, size_t i)
{
	if (i >= g->people.n)
		return;
	int pi = (int)i;
	for (size_t k = g->prefs.n; k-- > 0;) {
		if (g->prefs.v[k].person == pi)
			guest_remove_pref(g, k);
		else if (g->prefs.v[k].person > pi)
			g->prefs.v[k].person--;
	}
	for (size_t k = g->dates.n; k-- > 0;) {
		if (g->dates.v[k].person == pi)
			guest_remove_date(g, k);
		else if (g->dates.v[k].person > pi)
			g->dates.v[k].person--;
	}
	free(g->people.v[i].relation);
	free(g->people.v[i].name);
	free(g->people.v[i].notes);
	list_remove(g->people.v, &g->people.n, sizeof *g->people.v, i);
}

void guest_copy(struct guest *dst, const struct guest *src)
{
	guest_init(dst);
	dst->id = src->id;
	dst->version = src->version;
	dst->anonymised = src->anonymised;
	dst->created_at = xstrdup(src->created_at);
	dst->updated_at = xstrdup(src->updated_at);
	for (int i = 0; i < GF_COUNT; i++)
		dst->f[i] = xstrdup(src->f[i]);
	for (size_t i = 0; i < src->phones.n; i++) {
		guest_add_phone(dst, src->phones.v[i].kind, src->phones.v[i].number);
		dst->phones.v[i].id = src->phones.v[i].id;
	}
	for (size_t i = 0; i < src->people.n; i++) {
		const struct guest_person *p = &src->people.v[i];
		guest_add_person(dst, p->relation, p->name, p->notes);
		dst->people.v[i].id = p->id;
	}
	for (size_t i = 0; i < src->prefs.n; i++) {
		const struct guest_pref *p = &src->prefs.v[i];
		guest_add_pref(dst, p->person, p->kind, p->severity, p->text);
		dst->prefs.v[i].id = p->id;
	}
	for (size_t i = 0; i < src->dates.n; i++) {
		const struct guest_date *d = &src->dates.v[i];
		guest_add_date(dst, d->person, d->kind, d->label, d->year, d->month, d->day);
		dst->dates.v[i].id = d->id;
	}
	for (size_t i = 0; i < src->tags.n; i++)
		guest_add_tag(dst, src->tags.v[i]);
	for (size_t i = 0; i < src->notes.n; i++) {
		const struct guest_note *n = &src->notes.v[i];
		guest_add_note(dst, n->text);
		dst->notes.v[i].id = n->id;
		dst->notes.v[i].author = xstrdup(n->author);
		dst->notes.v[i].at = xstrdup(n->at);
	}
}

int guest_text_check(enum guest_text t, const char *s, struct error *e)
{
	static const struct {
		size_t max;
		bool optional, multiline;
	} rule[GT_COUNT] = {
		[GT_PREF] = {200, false, false},	[GT_DATE_LABEL] = {100, false, false},
		[GT_RELATION] = {40, false, false},	[GT_PERSON_NAME] = {200, true, false},
		[GT_PERSON_NOTES] = {4000, true, true}, [GT_TAG] = {60, false, false},
		[GT_NOTE] = {4000, false, true},
	};
	if (t < 0 || t >= GT_COUNT)
		return -1;
	if (!s || !*s) {
		if (rule[t].optional)
			return 0;
		return error_set(e, 0, "%s", _("must not be empty"));
	}
	return text_field_check(s, rule[t].max, rule[t].multiline, e);
}

/* guest_text_check with the field's name: "what: reason". */
static int check_item(const char *what, enum guest_text t, const char *s, struct error *e)
{
	struct error r;
	if (guest_text_check(t, s, &r) < 0)
		return error_set(e, 0, _("%s: %s"), what, r.msg);
	return 0;
}

int text_field_check_named(const char *what, const char *value, bool required, size_t maxlen,
			   bool multiline, struct error *e)
{
	struct error r;
	if (!value || !*value)
		return required ? error_set(e, 0, _("%s: must not be empty"), what) : 0;
	if (text_field_check(value, maxlen, multiline, &r) < 0)
		return error_set(e, 0, _("%s: %s"), what, r.msg);
	return 0;
}

/* Whether was (the guest as stored) has the phone number exactly as typed. */
static bool was_phone(const struct guest *was, const char *number)
{
	for (size_t i = 0; was && i < was->phones.n; i++)
		if (strcmp(was->phones.v[i].number, number) == 0)
			return true;
	return false;
}

/* Whether was has the date d (its kind, person and day) already. */
static bool was_date(const struct guest *was, const struct guest_date *d)
{
	for (size_t i = 0; was && i < was->dates.n; i++) {
		const struct guest_date *w = &was->dates.v[i];
		if (w->kind == d->kind && w->person == d->person && w->year == d->year &&
		    w->month == d->month && w->day == d->day)
			return true;
	}
	return false;
}

int guest_validate(const struct guest *g, const struct guest *was, struct error *e)
{
	struct error r;
	if (!g->f[GF_NAME] || !*g->f[GF_NAME])
		return error_set(e, 0, _("name: must not be empty"));
	for (int i = 0; i < GF_COUNT; i++) {
		char *norm = NULL;
		if (!g->f[i])
			continue;
		if (guest_field_check(&guest_fields[i], g->f[i], &norm, &r) < 0)
			return error_set(e, 0, _("%s: %s"), guest_fields[i].key, r.msg);
		free(norm);
	}
	if (!g->f[GF_CONSENT_AT] != !g->f[GF_CONSENT_CHANNEL])
		return error_set(e, 0, _("consent: needs both its date and its channel"));
	for (size_t i = 0; i < g->phones.n; i++) {
		const struct guest_phone *p = &g->phones.v[i];
		char *norm = NULL;
		if (!was_phone(was, p->number) && guest_phone_check(p->number, &norm, e) < 0)
			return -1;
		free(norm);
		if (text_field_check_named("phone kind", p->kind, true, 20, false, e) < 0)
			return -1;
	}
	for (size_t i = 0; i < g->people.n; i++) {
		const struct guest_person *p = &g->people.v[i];
		if (check_item("person relation", GT_RELATION, p->relation, e) < 0 ||
		    check_item("person name", GT_PERSON_NAME, p->name, e) < 0 ||
		    check_item("person notes", GT_PERSON_NOTES, p->notes, e) < 0)
			return -1;
	}
	for (size_t i = 0; i < g->prefs.n; i++) {
		const struct guest_pref *p = &g->prefs.v[i];
		if (check_item(pref_kind_names[p->kind], GT_PREF, p->text, e) < 0)
			return -1;
		if (p->person < -1 || p->person >= (int)g->people.n)
			return error_set(e, 0, _("%s: refers to an unknown person"),
					 pref_kind_names[p->kind]);
	}
	for (size_t i = 0; i < g->dates.n; i++) {
		const struct guest_date *d = &g->dates.v[i];
		if (!was_date(was, d) &&
		    guest_date_check(d->year, d->month, d->day, date_today(), &r) < 0)
			return error_set(e, 0, _("%s: %s"), date_kind_names[d->kind], r.msg);
		if (d->kind == DATE_OTHER && check_item("date label", GT_DATE_LABEL, d->label, e) < 0)
			return -1;
		if (d->person < -1 || d->person >= (int)g->people.n)
			return error_set(e, 0, _("%s: refers to an unknown person"),
					 date_kind_names[d->kind]);
	}
	for (size_t i = 0; i < g->tags.n; i++)
		if (check_item("tag", GT_TAG, g->tags.v[i], e) < 0)
			return -1;
	for (size_t i = 0; i < g->notes.n; i++) {
		if (check_item("note", GT_NOTE, g->notes.v[i].text, e) < 0)
			return -1;
	}
	return 0;
}

char *guest_prefs_text(const struct guest *g, int person, enum pref_kind kind,
		       const char *const *sev_names)
{
	struct sbuf b = {0};
	bool safety = pref_kind_is_safety(kind);
	/* allergies and taboos the most severe first (critical before high ...), each severity
	 * in the order entered; other kinds as entered */
	for (int sev = safety ? SEV_COUNT - 1 : 0; sev >= 0; sev--) {
		for (size_t i = 0; i < g->prefs.n; i++) {
			const struct guest_pref *p = &g->prefs.v[i];
			if (p->person != person || p->kind != kind)
				continue;
			int ps = p->severity > 0 && p->severity < SEV_COUNT ? (int)p->severity : 0;
			if (safety && ps != sev)
				continue;
			sbuf_printf(&b, "%s%s", b.len ? ", " : "", p->text);
			if (safety && ps > 0)
				sbuf_printf(&b, " (%s)", sev_names[ps]);
		}
	}
	return b.len ? sbuf_detach(&b) : (sbuf_free(&b), NULL);
}

int guest_consent_parse(const char *s, char **at, char **channel, struct error *e)
{
	*at = *channel = NULL;
	if (strcmp(s, "none") == 0)
		return 0;
	const char *colon = strchr(s, ':');
	if (!colon)
		return error_set(e, 0, _("consent: write DATE:CHANNEL (2026-03-01:wechat) or none, got \"%s\""),
				 s);
	char *day = xstrndup(s, (size_t)(colon - s)), *norm = NULL;
	struct error r;
	int rc = 0;
	if (!*day || !colon[1])
		rc = error_set(e, 0, "%s",
			       *day ? _("consent: the channel is missing") : _("consent: the date is missing"));
	else if (guest_field_check(&guest_fields[GF_CONSENT_AT], day, &norm, &r) < 0)
		rc = error_set(e, 0, _("consent: %s"), r.msg);
	else if (guest_field_check(&guest_fields[GF_CONSENT_CHANNEL], colon + 1, channel, &r) < 0)
		rc = error_set(e, 0, _("consent: channel %s"), r.msg);
	free(day);
	if (rc < 0) {
		free(norm);
		free(*channel);
		*channel = NULL;
		return rc;
	}
	*at = norm;
	return 0;
}

char *guest_consent_text(const struct guest *g)
{
	if (!g->f[GF_CONSENT_AT] && !g->f[GF_CONSENT_CHANNEL])
		return NULL;
	return xasprintf("%s, %s", g->f[GF_CONSENT_AT] ? g->f[GF_CONSENT_AT] : "?",
			 g->f[GF_CONSENT_CHANNEL]
				 ? choice_label(&choice_consent, g->f[GF_CONSENT_CHANNEL])
				 : "?");
}
