/* view_form.c — the guest profile form: every field of the guest sheet (domain.md §2),
 * grouped, and list editors for phones, preferences, special dates, associated people, tags
 * and notes. Each field is checked as it is left, the reason beside it. Saving is one
 * transaction; when it cannot be written the form stays with everything typed and ^S tries
 * again; when someone else changed the guest meanwhile, both values of each field in conflict
 * are shown before anything is overwritten. A new guest's form shows the guests it may
 * already be (search before create). */
#include <stdlib.h>
#include <string.h>

#include "core/choice.h"
#include "core/guest.h"
#include "core/strv.h"
#include "core/text.h"
#include "store/guest_store.h"
#include "store/search_store.h"
#include "tui/draft.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/tui.h"
#include "tui/widgets.h"

enum list { L_PHONES, L_PREFS, L_DATES, L_PEOPLE, L_TAGS, L_NOTES, L_COUNT };
static const char *const list_names[L_COUNT] = {N_("phones"), N_("preferences"),
						N_("special dates"), N_("people"), N_("tags"),
						N_("notes")};
static const char *const list_formats[L_COUNT] = {
	N_("number, or kind and number: mobile 139 1234 5678"),
	N_("kind: text [severity] — kinds taste, dish, habit, dislike, taboo, allergy; "
	   "severity low, medium, high, critical; a person's: driver · allergy: peanut high"),
	N_("birthday 1970-05-12, anniversary 05-12, or a name and MM-DD; a person's: "
	   "driver · birthday 07-02"),
	N_("relation name; notes — driver 王师傅; likes strong tea"),
	N_("a tag"),
	N_("a note"),
};

/* Preference kinds and severities as typed and shown: the English word, or its translation. */
static const char *const kind_words[PREF_KIND_COUNT] = {N_("taste"), N_("dish"), N_("habit"),
							N_("dislike"), N_("taboo"), N_("allergy")};
static const char *const severity_words[SEV_COUNT] = {"", N_("low"), N_("medium"), N_("high"),
						      N_("critical")};

static int word_index(const char *w, const char *const *words, int n)
{
	for (int i = 0; i < n; i++)
		if (words[i][0] && (strcmp(w, words[i]) == 0 || strcmp(w, tr_data(words[i])) == 0))
			return i;
	return -1;
}

/* Full-width punctuation typed with a Chinese input method, as the parser reads it. */
static void halfwidth(char *s)
{
	static const struct {
		const char *full, *half;
	} map[] = {{"：", ":"}, {"；", ";"}}; /* the separators only: the text stays as typed */
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		char *p;
		size_t fl = strlen(map[i].full);
		while ((p = strstr(s, map[i].full)) != NULL) {
			memcpy(p, map[i].half, 1);
			memmove(p + 1, p + fl, strlen(p + fl) + 1);
		}
	}
}

enum row_kind { R_GROUP, R_FIELD, R_LIST, R_ITEM };
struct row {
	enum row_kind kind;
	int n;      /* group index, field id or list */
	size_t i;   /* item index */
};

struct form {
	int64_t id;
	int64_t version;
	struct guest g;    /* as being edited */
	struct guest orig; /* as read when the form opened */
	struct edit f[GF_COUNT];
	struct error why[GF_COUNT];
	struct row *rows;
	size_t nrows, cap, sel, top;
	char msg[4096];
	bool msg_error;
	bool force_phone;     /* the next save keeps a phone another guest has */
	/* what the person at the terminal may not see nor change (session_guest_hidden): held
	 * empty here, drawn "hidden — manager", and kept as stored by the save */
	guest_field_set hidden;
	/* an item being typed on the status line when maitre was cut off: for the draft */
	int cut_list;
	char *cut;
	/* search before create */
	struct guest_summary match[5];
	size_t nmatch;
	char match_for[EDIT_MAX];
};

static struct form *F(struct view *v)
{
	return v->data;
}

static void push_row(struct form *f, enum row_kind k, int n, size_t i)
{
	vec_reserve((void **)&f->rows, f->nrows + 1, &f->cap, sizeof *f->rows);
	f->rows[f->nrows++] = (struct row){k, n, i};
}

static size_t list_len(const struct guest *g, int l)
{
	switch (l) {
	case L_PHONES:
		return g->phones.n;
	case L_PREFS:
		return g->prefs.n;
	case L_DATES:
		return g->dates.n;
	case L_PEOPLE:
		return g->people.n;
	case L_TAGS:
		return g->tags.n;
	default:
		return g->notes.n;
	}
}

static void push_list(struct form *f, int l)
{
	push_row(f, R_LIST, l, 0);
	for (size_t i = 0; i < list_len(&f->g, l); i++)
		push_row(f, R_ITEM, l, i);
}

/* The rows in the order a receptionist needs them at the door: name and work, phones,
 * preferences (allergies and taboos among them), then the rest of the sheet and its lists. */
static void build_rows(struct form *f)
{
	f->nrows = 0;
	for (int k = 0; k < GG_COUNT; k++) {
		push_row(f, R_GROUP, k, 0);
		for (int i = 0; i < GF_COUNT; i++)
			if (guest_fields[i].group == (enum guest_group)k)
				push_row(f, R_FIELD, i, 0);
		if (k == GG_WORK) {
			push_list(f, L_PHONES);
			push_list(f, L_PREFS);
		}
	}
	for (int l = L_DATES; l < L_COUNT; l++)
		push_list(f, l);
	if (f->sel >= f->nrows)
		f->sel = f->nrows - 1;
}

/* How a person is named before "·": relation (in the interface's language) and name
 * ("son 小强"). Into buf. */
static const char *who_of(const struct guest *g, int person, char *buf, size_t size)
{
	const struct guest_person *p = &g->people.v[person];
	snprintf(buf, size, "%s%s%s", choice_label(&choice_relation, p->relation),
	         p->name ? " " : "", p->name ? p->name : "");
	return buf;
}

/* The person named by who: "relation name", or a relation or a name that only one person has.
 * -1 with why when there is none or more than one. */
static int find_who(const struct guest *g, const char *who, struct error *why)
{
	int found = -1, n = 0;
	char buf[400];
	for (size_t i = 0; i < g->people.n; i++)
		if (strcmp(who, who_of(g, (int)i, buf, sizeof buf)) == 0)
			return (int)i;
	const char *code = choice_code(&choice_relation, who); /* 司机 or driver */
	for (size_t i = 0; i < g->people.n; i++)
		if (strcmp(who, g->people.v[i].relation) == 0 ||
		    (code && strcmp(code, g->people.v[i].relation) == 0) ||
		    (g->people.v[i].name && strcmp(who, g->people.v[i].name) == 0)) {
			found = (int)i;
			n++;
		}
	if (n == 1)
		return found;
	if (n > 1)
		error_set(why, 0, _("\"%s\" is more than one person: write relation and name (son 小强)"),
			 who);
	else
		error_set(why, 0, _("no associated person \"%s\" (add them under people first)"), who);
	return -1;
}

/* The text of item i of list l, as shown and as edited. Caller frees. */
static char *item_text(const struct guest *g, int l, size_t i)
{
	switch (l) {
	case L_PHONES:
		return xasprintf("%s %s", choice_label(&choice_phone_kind, g->phones.v[i].kind),
		                 g->phones.v[i].number);
	case L_PREFS: {
		const struct guest_pref *p = &g->prefs.v[i];
		char wb[400];
		const char *who = p->person >= 0 && (size_t)p->person < g->people.n
					  ? who_of(g, p->person, wb, sizeof wb)
					  : NULL;
		return xasprintf("%s%s%s: %s%s%s", who ? who : "", who ? " · " : "",
				 tr_data(kind_words[p->kind]), p->text, p->severity ? " " : "",
				 tr_data(severity_words[p->severity]));
	}
	case L_DATES: {
		const struct guest_date *d = &g->dates.v[i];
		char wb[400];
		const char *who = d->person >= 0 && (size_t)d->person < g->people.n
					  ? who_of(g, d->person, wb, sizeof wb)
					  : NULL;
		char md[16];
		if (d->year)
			snprintf(md, sizeof md, "%04d-%02d-%02d", d->year, d->month, d->day);
		else
			snprintf(md, sizeof md, "%02d-%02d", d->month, d->day);
		return xasprintf("%s%s%s %s", who ? who : "", who ? " · " : "",
				 d->kind == DATE_OTHER && d->label ? d->label
				 : d->kind == DATE_BIRTHDAY	    ? _("birthday")
								    : _("wedding anniversary"),
				 md);
	}
	case L_PEOPLE: {
		const struct guest_person *p = &g->people.v[i];
		return xasprintf("%s%s%s%s%s", choice_label(&choice_relation, p->relation),
		                 p->name ? " " : "", p->name ? p->name : "", p->notes ? "; " : "",
		                 p->notes ? p->notes : "");
	}
	case L_TAGS:
		return xstrdup(g->tags.v[i]);
	default:
		return xasprintf("%.16s %s: %s", g->notes.v[i].at ? g->notes.v[i].at : _("new"),
				 g->notes.v[i].author ? g->notes.v[i].author : "", g->notes.v[i].text);
	}
}

/* 0 when s is text the sheet takes as t (guest_text_check, as the command line and the save
 * hold it), else -1 with the reason in why, after "what: " when the item has several texts
 * (what is NULL when it has one). */
static int item_text_ok(const char *what, enum guest_text t, const char *s, struct error *why)
{
	struct error r;
	if (guest_text_check(t, s, &r) == 0)
		return 0;
	if (what)
		return error_set(why, 0, _("%s: %s"), what, r.msg);
	return error_set(why, 0, "%s", r.msg);
}

/* Parses text typed for list l into the guest (appending). 0, or -1 with why. */
static int item_parse(struct guest *g, int l, const char *text, struct error *why)
{
	char buf[EDIT_MAX];
	snprintf(buf, sizeof buf, "%s", text);
	halfwidth(buf);
	char *s = buf + strspn(buf, " ");
	if (!*s) {
		error_set(why, 0, "%s", _("nothing typed"));
		return -1;
	}
	/* a note takes as much as a long field; the other items are short */
	if (text_field_check(s, l == L_NOTES ? 4000 : 500, false, why) < 0)
		return -1;
	/* "driver · allergy: peanut": an associated person's preference or date */
	int person = -1;
	char *dot = (l == L_PREFS || l == L_DATES) ? strstr(s, "·") : NULL;
	if (dot) {
		char *who = s, *end = dot;
		while (end > who && end[-1] == ' ')
			end--;
		*end = '\0';
		s = dot + strlen("·");
		s += strspn(s, " ");
		if ((person = find_who(g, who, why)) < 0)
			return -1;
	}
	switch (l) {
	case L_PHONES: {
		const char *kind = "mobile", *num = s;
		char *sp = strchr(s, ' ');
		if (sp && !strchr("+0123456789(", *s)) {
			*sp = '\0';
			kind = s;
			num = sp + 1;
		}
		char *norm = NULL;
		if (guest_phone_check(num, &norm, why) < 0)
			return -1;
		int rc = guest_add_phone(g, kind, norm) < 0 ? -1 : 0;
		free(norm);
		return rc;
	}
	case L_PREFS: {
		char *colon = strchr(s, ':');
		if (!colon) {
			error_set(why, 0, "%s", _("write kind: text (taste, dish, habit, dislike, taboo, allergy)"));
			return -1;
		}
		*colon = '\0';
		int kind = word_index(s, kind_words, PREF_KIND_COUNT);
		if (kind < 0)
			kind = pref_kind_from_name(s); /* 过敏 on an English screen */
		if (kind < 0) {
			error_set(why, 0, _("kind: \"%s\" is none of taste, dish, habit, dislike, taboo, allergy"), s);
			return -1;
		}
		char *item = colon + 1 + strspn(colon + 1, " ");
		enum severity sev = SEV_NONE;
		char *last = strrchr(item, ' ');
		int k = last ? word_index(last + 1, severity_words, SEV_COUNT) : -1;
		if (k < 0 && last)
			k = severity_from_name(last + 1); /* 危急 on an English screen */
		if (k > 0) {
			sev = (enum severity)k;
			*last = '\0';
		}
		if (!*item) {
			error_set(why, 0, "%s", _("text: nothing after the kind"));
			return -1;
		}
		if (item_text_ok(NULL, GT_PREF, item, why) < 0)
			return -1;
		if (pref_kind_is_safety((enum pref_kind)kind) && sev == SEV_NONE)
			sev = SEV_HIGH; /* a taboo or allergy is never without a severity */
		return guest_add_pref(g, person, (enum pref_kind)kind, sev, item) < 0 ? -1 : 0;
	}
	case L_DATES: {
		char *sp = strrchr(s, ' ');
		struct date d;
		if (!sp) {
			error_set(why, 0, "%s", _("write what and when: birthday 05-12"));
			return -1;
		}
		*sp = '\0';
		const char *when = sp + 1;
		struct error r;
		if (guest_date_parse(when, date_today(), &d, &r) < 0)
			return error_set(why, 0, _("date: %s"), r.msg);
		enum date_kind kind = DATE_OTHER;
		if (strcmp(s, "birthday") == 0 || strcmp(s, _("birthday")) == 0)
			kind = DATE_BIRTHDAY;
		else if (strcmp(s, "anniversary") == 0 || strcmp(s, _("wedding anniversary")) == 0)
			kind = DATE_ANNIVERSARY;
		if (kind == DATE_OTHER && item_text_ok(NULL, GT_DATE_LABEL, s, why) < 0)
			return -1;
		return guest_add_date(g, person, kind, kind == DATE_OTHER ? s : NULL, d.y, d.m, d.d) < 0
			       ? -1
			       : 0;
	}
	case L_PEOPLE: {
		char *notes = strchr(s, ';');
		if (notes) {
			*notes++ = '\0';
			notes += strspn(notes, " ");
		}
		char *name = strchr(s, ' ');
		if (name)
			*name++ = '\0';
		if (!*s) {
			error_set(why, 0, "%s", _("relation: who they are to the guest (driver, son, ...)"));
			return -1;
		}
		if (item_text_ok(_("relation"), GT_RELATION, s, why) < 0 ||
		    item_text_ok(_("their name"), GT_PERSON_NAME, name, why) < 0 ||
		    item_text_ok(_("notes"), GT_PERSON_NOTES, notes, why) < 0)
			return -1;
		return guest_add_person(g, s, name && *name ? name : NULL,
					notes && *notes ? notes : NULL) < 0
			       ? -1
			       : 0;
	}
	case L_TAGS:
		if (item_text_ok(NULL, GT_TAG, s, why) < 0)
			return -1;
		return guest_add_tag(g, s) < 0 ? -1 : 0;
	default:
		if (item_text_ok(NULL, GT_NOTE, s, why) < 0)
			return -1;
		return guest_add_note(g, s) < 0 ? -1 : 0;
	}
}

static void remove_item(struct guest *g, int l, size_t i)
{
	switch (l) {
	case L_PHONES:
		guest_remove_phone(g, i);
		break;
	case L_PREFS:
		guest_remove_pref(g, i);
		break;
	case L_DATES:
		guest_remove_date(g, i);
		break;
	case L_PEOPLE:
		guest_remove_person(g, i);
		break;
	case L_TAGS:
		guest_remove_tag(g, i);
		break;
	default:
		break; /* notes are a record: kept */
	}
}

/* The value of field id as the form shows and edits it: a choice by its label in the
 * interface's language (男), anything else as stored. */
static const char *shown(int id, const char *value)
{
	if (guest_fields[id].type == FT_ENUM)
		return choice_label(guest_fields[id].choices, value);
	return value;
}

/* Checks field id as typed; on success puts it into the guest. */
static bool check_field(struct form *f, int id)
{
	char *norm = NULL;
	error_clear(&f->why[id]);
	if (guest_field_check(&guest_fields[id], f->f[id].buf, &norm, &f->why[id]) < 0)
		return false;
	if (id == GF_NAME && !norm) {
		error_set(&f->why[id], 0, "%s", _("a guest needs a name to be addressed by"));
		return false;
	}
	guest_set(&f->g, (enum guest_field_id)id, norm);
	/* a choice typed in the other language (男 on an English screen) reads as this one's */
	if (guest_fields[id].type == FT_ENUM && norm && strcmp(f->f[id].buf, shown(id, norm)) != 0)
		edit_set(&f->f[id], shown(id, norm));
	free(norm);
	return true;
}

/* Space on a choice field: the next choice, then none, in the interface's language. */
static void next_choice(struct form *f, int id)
{
	const struct choice_set *cs = guest_fields[id].choices;
	edit_set(&f->f[id], shown(id, choice_next(cs, choice_code(cs, f->f[id].buf), 1, true)));
	check_field(f, id);
}

/* Search before create: the guests the name or phone being typed may already be; those
 * the phone finds first (a phone is one person's), then those the name finds. */
static void find_matches(struct tui *t, struct form *f)
{
	if (f->id)
		return;
	const char *name = f->f[GF_NAME].buf;
	char *digits = NULL;
	if (f->g.phones.n && (digits = guest_phone_digits(f->g.phones.v[f->g.phones.n - 1].number)) &&
	    strlen(digits) < 4) {
		free(digits);
		digits = NULL;
	}
	char key[sizeof f->match_for];
	bool whole = snprintf(key, sizeof key, "%s\x1f%s", name, digits ? digits : "") <
		     (int)sizeof key;
	if (whole && strcmp(key, f->match_for) == 0) {
		free(digits);
		return;
	}
	snprintf(f->match_for, sizeof f->match_for, "%s", key);
	for (size_t i = 0; i < f->nmatch; i++)
		guest_summary_free(&f->match[i]);
	f->nmatch = 0;
	int64_t ids[5];
	size_t n = 0;
	const char *queries[2] = {digits, name};
	for (int k = 0; k < 2 && n < 5; k++) {
		struct search_hit hits[5];
		size_t got = 0;
		if (!queries[k] || !queries[k][0] ||
		    search_store_find(t->st, queries[k], 0, 5, hits, &got) != ST_OK)
			continue;
		for (size_t i = 0; i < got && n < 5; i++) {
			bool dup = false;
			for (size_t j = 0; j < n && !dup; j++)
				dup = ids[j] == hits[i].guest_id;
			if (!dup)
				ids[n++] = hits[i].guest_id;
		}
	}
	if (n) {
		char month[11];
		date_month_key(date_today(), month);
		if (search_store_summaries(t->st, ids, n, month, f->match) == ST_OK) {
			f->nmatch = n;
			for (size_t i = 0; digits && i < n; i++)
				search_summary_phone(&f->match[i], digits);
		}
	}
	free(digits);
}

static const char *title(struct tui *t, struct view *v)
{
	return F(v)->id ? _("edit guest") : _("new guest");
}

static const struct row *cur(struct form *f)
{
	return &f->rows[f->sel];
}

static bool on_field(struct view *v)
{
	struct form *f = F(v);
	return f->nrows && cur(f)->kind == R_FIELD;
}

enum { LABEL_W = 20 };

/* Rows of the message area: 3, or up to 8 for a long message (a merge's report). */
static int msg_rows(struct tui *t, const struct form *f)
{
	int n = f->msg[0] ? draw_wrap(0, 0, t->cols - 2, 0, f->msg, 0) : 3;
	return n < 3 ? 3 : n > 8 ? 8 : n;
}

static int form_rows(struct tui *t, struct form *f)
{
	int rows = t->rows - 3 - 1 - msg_rows(t, f); /* title, hint+status, message area */
	if (!f->id)
		rows -= 1 + (int)(f->nmatch ? f->nmatch : 1);
	return rows < 3 ? 3 : rows;
}

static void draw(struct tui *t, struct view *v)
{
	struct form *f = F(v);
	int w = t->cols, rows = form_rows(t, f), y = 1;
	if (f->sel < f->top)
		f->top = f->sel;
	if (f->sel >= f->top + (size_t)rows)
		f->top = f->sel - (size_t)rows + 1;
	for (size_t r = f->top; r < f->nrows && y <= rows; r++, y++) {
		const struct row *rw = &f->rows[r];
		bool sel = r == f->sel;
		attr_t a = sel ? draw_attr(t, TE_SELECTION) : draw_attr(t, TE_NORMAL);
		if (sel)
			draw_text(y, 0, 1, ">", a, false);
		switch (rw->kind) {
		case R_GROUP:
			draw_fill(y, 1, w - 2, _(guest_group_titles[rw->n]), draw_attr(t, TE_TITLE));
			break;
		case R_FIELD: {
			const struct guest_field *gf = &guest_fields[rw->n];
			char label[80];
			snprintf(label, sizeof label, "%s%s", _(gf->form_label), gf->sensitive ? " *" : "");
			draw_text(y, 2, LABEL_W - 1, label, sel ? a : draw_attr(t, TE_LABEL), true);
			int fw = 36;
			if (f->hidden & GUEST_FIELD_BIT(rw->n))
				draw_text(y, LABEL_W + 2, fw, session_hidden(t->session),
					  draw_attr(t, TE_DIM), true);
			else
				edit_draw(&f->f[rw->n], y, LABEL_W + 2, fw,
					  sel ? draw_attr(t, TE_FIELD) : a);
			if (error_is_set(&f->why[rw->n]))
				draw_text(y, LABEL_W + 3 + fw, w - LABEL_W - fw - 4, f->why[rw->n].msg,
					  draw_attr(t, TE_FIELD_ERROR), true);
			break;
		}
		case R_LIST: {
			char line[200];
			snprintf(line, sizeof line, "%s (%zu) — %s", _(list_names[rw->n]), list_len(&f->g, rw->n),
				 sel ? _("a adds") : "");
			draw_fill(y, 1, w - 2, line, sel ? a : draw_attr(t, TE_TITLE));
			break;
		}
		case R_ITEM: {
			char *s = item_text(&f->g, rw->n, rw->i);
			enum theme_elem e = TE_NORMAL;
			if (rw->n == L_PREFS && f->g.prefs.v[rw->i].kind == PREF_ALLERGY)
				e = TE_ALLERGY;
			else if (rw->n == L_PREFS && f->g.prefs.v[rw->i].kind == PREF_TABOO)
				e = TE_TABOO;
			draw_fill(y, 4, w - 6, s, sel ? a : draw_attr(t, e));
			free(s);
			break;
		}
		}
	}
	y = rows + 1;
	if (!f->id) {
		draw_fill(y++, 1, w - 2, f->nmatch ? _("Already a guest? These match what is typed:")
						   : _("No existing guest matches the name or phone typed."),
			  draw_attr(t, f->nmatch ? TE_WARNING : TE_DIM));
		for (size_t i = 0; i < f->nmatch; i++)
			widget_result_line(t, y++, w, &f->match[i], false);
		if (!f->nmatch)
			y++;
	}
	if (f->msg[0])
		draw_wrap(y, 1, w - 2, msg_rows(t, f), f->msg,
			  draw_attr(t, f->msg_error ? TE_ERROR : TE_MESSAGE));
	else
		draw_wrap(y, 1, w - 2, 3,
		          cur(f)->kind == R_LIST || cur(f)->kind == R_ITEM
		              ? _(list_formats[cur(f)->n])
		          : cur(f)->kind == R_FIELD && guest_fields[cur(f)->n].type == FT_ENUM
		              ? _("Space: the next choice (or type one) · ^S saves · Tab/↑↓ move")
		              : _("^S saves · Tab/↑↓ move · fields marked * are never asked"),
		          draw_attr(t, TE_DIM));
}

static bool cursor(struct tui *t, struct view *v, int *y, int *x)
{
	struct form *f = F(v);
	if (!on_field(v) || f->sel < f->top || (f->hidden & GUEST_FIELD_BIT(cur(f)->n)))
		return false;
	*y = 1 + (int)(f->sel - f->top);
	*x = edit_draw(&f->f[cur(f)->n], *y, LABEL_W + 2, 36, draw_attr(t, TE_FIELD));
	return true;
}

static void move_to(struct form *f, long delta)
{
	long s = (long)f->sel;
	do
		s += delta;
	while (s >= 0 && s < (long)f->nrows && f->rows[s].kind == R_GROUP);
	if (s >= 0 && s < (long)f->nrows)
		f->sel = (size_t)s;
}

/* ---- a change made elsewhere while the form was open: a three-way merge ---- */

/* What identifies item i of list l of g whatever its position (people by relation and name).
 * Caller frees. */
static char *item_key(const struct guest *g, int l, size_t i)
{
	char who[400] = "";
	switch (l) {
	case L_PHONES:
		return xasprintf("%s|%s", g->phones.v[i].kind, g->phones.v[i].number);
	case L_PREFS: {
		const struct guest_pref *p = &g->prefs.v[i];
		if (p->person >= 0 && (size_t)p->person < g->people.n)
			who_of(g, p->person, who, sizeof who);
		return xasprintf("%s|%d|%s|%d", who, (int)p->kind, p->text, (int)p->severity);
	}
	case L_DATES: {
		const struct guest_date *d = &g->dates.v[i];
		if (d->person >= 0 && (size_t)d->person < g->people.n)
			who_of(g, d->person, who, sizeof who);
		return xasprintf("%s|%d|%s|%d-%d-%d", who, (int)d->kind, d->label ? d->label : "",
				 d->year, d->month, d->day);
	}
	case L_PEOPLE: {
		const struct guest_person *p = &g->people.v[i];
		return xasprintf("%s|%s|%s", p->relation, p->name ? p->name : "",
				 p->notes ? p->notes : "");
	}
	case L_TAGS:
		return xstrdup(g->tags.v[i]);
	default:
		return xstrdup(g->notes.v[i].text);
	}
}

/* The index of the item of list l in g with key k, or -1. */
static long find_key(const struct guest *g, int l, const char *k)
{
	for (size_t i = 0; i < list_len(g, l); i++) {
		char *ki = item_key(g, l, i);
		bool same = strcmp(ki, k) == 0;
		free(ki);
		if (same)
			return (long)i;
	}
	return -1;
}

/* The person of out named as person p of from is named, or -1 (the guest: -2). */
static int map_person(const struct guest *from, int p, const struct guest *out)
{
	if (p < 0)
		return -2;
	char a[400], b[400];
	who_of(from, p, a, sizeof a);
	for (size_t i = 0; i < out->people.n; i++)
		if (strcmp(a, who_of(out, (int)i, b, sizeof b)) == 0)
			return (int)i;
	return -1;
}

/* Appends item i of list l of from to out. False when it names a person out does not have. */
static bool copy_item(const struct guest *from, int l, size_t i, struct guest *out)
{
	switch (l) {
	case L_PHONES:
		return guest_add_phone(out, from->phones.v[i].kind, from->phones.v[i].number) >= 0;
	case L_PREFS: {
		const struct guest_pref *p = &from->prefs.v[i];
		int who = map_person(from, p->person, out);
		return who != -1 &&
		       guest_add_pref(out, who < 0 ? -1 : who, p->kind, p->severity, p->text) >= 0;
	}
	case L_DATES: {
		const struct guest_date *d = &from->dates.v[i];
		int who = map_person(from, d->person, out);
		return who != -1 && guest_add_date(out, who < 0 ? -1 : who, d->kind, d->label, d->year,
						   d->month, d->day) >= 0;
	}
	case L_PEOPLE: {
		const struct guest_person *p = &from->people.v[i];
		return guest_add_person(out, p->relation, p->name, p->notes) >= 0;
	}
	case L_TAGS:
		return guest_add_tag(out, from->tags.v[i]) >= 0;
	default:
		return guest_add_note(out, from->notes.v[i].text) >= 0;
	}
}

/* Into out (a copy of theirs): our changes since orig — the fields we changed, the items we
 * added and removed — so that nothing they wrote meanwhile is lost unless we changed the same
 * thing. What both changed goes into report (their_changes says the rest). */
static void merge(const struct guest *orig, const struct guest *mine, struct guest *out,
		  struct sbuf *report)
{
	for (int i = 0; i < GF_COUNT; i++) {
		const char *o = orig->f[i] ? orig->f[i] : "", *m = mine->f[i] ? mine->f[i] : "",
			   *th = out->f[i] ? out->f[i] : "";
		if (strcmp(m, o) == 0)
			continue; /* theirs stands */
		if (strcmp(th, o) != 0 && strcmp(th, m) != 0)
			sbuf_printf(report, _("%s: yours \"%s\", theirs \"%s\" (yours kept). "),
				    _(guest_fields[i].form_label), m, th);
		guest_set(out, (enum guest_field_id)i, mine->f[i]);
	}
	static const int order[] = {L_PEOPLE, L_PHONES, L_PREFS, L_DATES, L_TAGS, L_NOTES};
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		int l = order[k];
		/* removed by us: in orig, not in mine (notes are never removed) */
		for (size_t i = 0; l != L_NOTES && i < list_len(orig, l); i++) {
			char *key = item_key(orig, l, i);
			if (find_key(mine, l, key) < 0) {
				long at = find_key(out, l, key);
				if (at >= 0)
					remove_item(out, l, (size_t)at);
			}
			free(key);
		}
		/* added by us: in mine, not in orig */
		for (size_t i = 0; i < list_len(mine, l); i++) {
			char *key = item_key(mine, l, i);
			if (find_key(orig, l, key) < 0 && find_key(out, l, key) < 0 &&
			    !copy_item(mine, l, i, out)) {
				char *shown = item_text(mine, l, i);
				sbuf_printf(report, _("%s: \"%s\" not kept: its person is gone. "),
					    _(list_names[l]), shown);
				free(shown);
			}
			free(key);
		}
	}
}

/* The items of list l that b has and a has not, said as "theirs added ..." (removed: a is
 * theirs and b the original); only the safety data (allergies, taboos) when safety, else only
 * the rest. */
static void said_items(const struct guest *a, const struct guest *b, int l, bool safety,
		       bool removed, struct sbuf *report)
{
	for (size_t i = 0; i < list_len(b, l); i++) {
		if (l == L_PREFS && pref_kind_is_safety(b->prefs.v[i].kind) != safety)
			continue;
		char *key = item_key(b, l, i);
		if (find_key(a, l, key) < 0) {
			char *shown = l == L_NOTES ? xstrdup(b->notes.v[i].text) : item_text(b, l, i);
			if (l == L_NOTES)
				sbuf_printf(report, _("theirs added a note: %s. "), shown);
			else if (l == L_PREFS)
				sbuf_printf(report, removed ? _("theirs removed %s. ") : _("theirs added %s. "),
					    shown);
			else /* TRANSLATORS: "theirs added phones: mobile 139…" */
				sbuf_printf(report, removed ? _("theirs removed %s: %s. ")
							    : _("theirs added %s: %s. "),
					    _(list_names[l]), shown);
			free(shown);
		}
		free(key);
	}
}

/* Everything the other terminal changed from orig to theirs, into report: with safety, the
 * allergies and taboos they added or removed; without, the fields they changed that we did
 * not touch (merge says those both changed) and the other items they added or removed. */
static void their_changes(const struct guest *orig, const struct guest *mine,
			  const struct guest *theirs, bool safety, struct sbuf *report)
{
	static const int order[] = {L_PREFS, L_PEOPLE, L_PHONES, L_DATES, L_TAGS, L_NOTES};
	if (safety) {
		said_items(theirs, orig, L_PREFS, true, true, report);
		said_items(orig, theirs, L_PREFS, true, false, report);
		return;
	}
	for (int i = 0; i < GF_COUNT; i++) {
		const char *o = orig->f[i] ? orig->f[i] : "", *m = mine->f[i] ? mine->f[i] : "",
			   *th = theirs->f[i] ? theirs->f[i] : "";
		if (strcmp(th, o) == 0 || strcmp(m, o) != 0)
			continue;
		if (*th)
			sbuf_printf(report, _("theirs set %s to \"%s\". "), _(guest_fields[i].form_label), th);
		else
			sbuf_printf(report, _("theirs cleared %s. "), _(guest_fields[i].form_label));
	}
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		if (order[k] != L_NOTES)
			said_items(theirs, orig, order[k], false, true, report);
		said_items(orig, theirs, order[k], false, false, report);
	}
}

static void save(struct tui *t, struct view *v)
{
	struct form *f = F(v);
	for (int i = 0; i < GF_COUNT; i++)
		if (!check_field(f, i)) {
			for (size_t r = 0; r < f->nrows; r++)
				if (f->rows[r].kind == R_FIELD && f->rows[r].n == i)
					f->sel = r;
			snprintf(f->msg, sizeof f->msg, _("Not saved: %s: %s"), _(guest_fields[i].form_label),
				 f->why[i].msg);
			f->msg_error = true;
			return;
		}
	if (!tui_may(t, PERM_GUEST_EDIT)) /* signed out while typing: asks again */
		return;
	int64_t dup = 0;
	enum store_status s =
		guest_store_save_keeping(t->st, &f->g, f->version, f->force_phone, &dup, f->hidden);
	if (s == ST_OK) {
		tui_message(t, f->id ? _("guest %lld saved") : _("guest %lld added"), (long long)f->g.id);
		int64_t id = f->g.id;
		bool fresh = !f->id;
		tui_changed(t);
		tui_draft_done(t, v);
		tui_pop(t);
		if (fresh)
			tui_push(t, view_guest_new(t, id));
		return;
	}
	if (s == ST_CONFLICT) {
		/* someone saved this guest meanwhile: their version with our changes on top, shown
		 * for review; the next ^S saves it */
		struct guest theirs, merged;
		/* merged into another meanwhile: our changes go onto the guest it became */
		int64_t to = f->id;
		if (guest_store_resolve(t->st, f->id, &to) != ST_OK ||
		    guest_store_get(t->st, to, &theirs) != ST_OK) {
			snprintf(f->msg, sizeof f->msg, "%s", tui_store_error(t, ST_NOTFOUND));
			f->msg_error = true;
			return;
		}
		if (theirs.anonymised) {
			/* erased meanwhile: there is nothing to merge with, and nothing more is
			 * written about the guest (a merge would show ours as kept, ^S forever) */
			snprintf(f->msg, sizeof f->msg,
				 _("Not saved: guest %lld was erased meanwhile; nothing more is "
				   "written about them. Esc leaves."),
				 (long long)f->id);
			f->msg_error = true;
			guest_free(&theirs);
			return;
		}
		guest_mask(&theirs, f->hidden, NULL);
		guest_copy(&merged, &theirs);
		struct sbuf report = {0};
		if (to != f->id)
			sbuf_printf(&report, _("Guest %lld was merged into guest %lld meanwhile: your "
					       "changes are put on that guest's sheet below. "),
				    (long long)f->id, (long long)to);
		else
			sbuf_printf(&report, _("Someone else changed this guest meanwhile: their "
					       "changes and yours are merged below. "));
		/* every difference said: the safety data first, then what both changed, then the
		 * rest of theirs */
		their_changes(&f->orig, &f->g, &theirs, true, &report);
		merge(&f->orig, &f->g, &merged, &report);
		their_changes(&f->orig, &f->g, &theirs, false, &report);
		sbuf_add(&report, _("Review, then ^S saves; Esc leaves without saving."));
		guest_free(&f->g);
		guest_free(&f->orig);
		f->g = merged;
		f->orig = theirs;
		f->version = theirs.version;
		f->id = to;
		for (int i = 0; i < GF_COUNT; i++)
			edit_set(&f->f[i], shown(i, f->g.f[i]));
		build_rows(f);
		snprintf(f->msg, sizeof f->msg, "%s", report.s ? report.s : "");
		f->msg_error = true;
		sbuf_free(&report);
		return;
	}
	if (dup > 0 && !f->force_phone) {
		char *name = NULL;
		guest_store_name(t->st, dup, &name);
		snprintf(f->msg, sizeof f->msg,
			 _("Not saved: a phone belongs to guest #%lld %s already. Is it the same guest? "
			   "^S again saves anyway."),
			 (long long)dup, name ? name : "");
		free(name);
		f->msg_error = true;
		f->force_phone = true;
		return;
	}
	snprintf(f->msg, sizeof f->msg, _("Not saved: %s. Everything typed is kept; ^S tries again."),
		 tui_store_error(t, s));
	f->msg_error = true;
}

/* Whether g, the form's guest with an item typed, has a birthday with a year the person at
 * the terminal may not give (the years are held empty for them): the refusal into why. */
static bool birth_year_typed(struct tui *t, const struct form *f, const struct guest *g,
			     struct error *why)
{
	for (size_t i = 0; (f->hidden & GUEST_BIRTH_YEAR) && i < g->dates.n; i++)
		if (g->dates.v[i].kind == DATE_BIRTHDAY && g->dates.v[i].year) {
			error_set(why, 0, _("the year of a birthday is %s: MM-DD only"),
				  session_hidden(t->session));
			return true;
		}
	return false;
}

static void edit_item(struct tui *t, struct form *f, int l, ssize_t i)
{
	char *init = i >= 0 ? item_text(&f->g, l, (size_t)i) : NULL;
	char prompt[200];
	snprintf(prompt, sizeof prompt, "%s:", _(list_names[l]));
	if (l == L_NOTES && i >= 0) {
		free(init);
		snprintf(f->msg, sizeof f->msg, "%s", _("Notes are a record: add a new one instead."));
		f->msg_error = false;
		return;
	}
	/* an item is edited as it is shown, which is what the parser reads */
	char *text = tui_prompt(t, prompt, init);
	free(init);
	if (!text && t->prompt_cut) { /* cut off: kept for the draft */
		f->cut_list = l;
		f->cut = t->prompt_cut;
		t->prompt_cut = NULL;
	}
	if (!text)
		return;
	struct guest trial;
	struct error why;
	guest_copy(&trial, &f->g);
	if (item_parse(&trial, l, text, &why) < 0 || birth_year_typed(t, f, &trial, &why)) {
		snprintf(f->msg, sizeof f->msg, _("%s: %s (typed: %s)"), _(list_names[l]), why.msg,
			 text);
		f->msg_error = true;
		guest_free(&trial);
		free(text);
		return;
	}
	if (i >= 0 && l == L_PEOPLE) {
		/* a person edited in place: their preferences and dates stay theirs */
		size_t last = trial.people.n - 1;
		struct guest_person tmp = trial.people.v[i];
		trial.people.v[i] = trial.people.v[last];
		trial.people.v[last] = tmp;
		guest_remove_person(&trial, last);
	} else if (i >= 0) {
		remove_item(&trial, l, (size_t)i);
	}
	guest_free(&f->g);
	f->g = trial;
	f->msg[0] = '\0';
	free(text);
	build_rows(f);
	find_matches(t, f);
}

/* Whether anything was typed that is not saved. */
static bool form_dirty(const struct form *f)
{
	if (f->cut)
		return true;
	for (int l = 0; l < L_COUNT; l++) { /* an item added, edited or deleted */
		if (list_len(&f->g, l) != list_len(&f->orig, l))
			return true;
		for (size_t i = 0; i < list_len(&f->g, l); i++) {
			char *a = item_key(&f->g, l, i), *b = item_key(&f->orig, l, i);
			bool same = strcmp(a, b) == 0;
			free(a);
			free(b);
			if (!same)
				return true;
		}
	}
	for (int i = 0; i < GF_COUNT; i++) {
		const char *o = shown(i, f->orig.f[i]);
		if (strcmp(f->f[i].buf, o ? o : "") != 0)
			return true;
	}
	return false;
}

static bool form_leave(struct tui *t, struct view *v)
{
	bool leave =
		!form_dirty(F(v)) || tui_confirm(t, _("Leave without saving what you typed?"));
	if (leave)
		tui_draft_done(t, v);
	return leave;
}

/* ---- a draft (draft.h): the form as typed, and the guest as it was when the form opened ---- */

/* The lists in a draft, people first (the others may name them), then the key of each. */
static const int draft_lists[] = {L_PEOPLE, L_PHONES, L_PREFS, L_DATES, L_TAGS, L_NOTES};
static const char *const draft_list_keys[L_COUNT] = {"phones", "prefs", "dates",
						     "people", "tags", "notes"};

/* Guest g into d, every key after prefix; its fields as typed in f when f is not NULL. Notes
 * only when new (the others are a record, already stored). */
static void draft_guest(struct draft *d, const char *prefix, const struct guest *g,
			const struct edit *f)
{
	char key[80];
	for (int i = 0; i < GF_COUNT; i++) {
		const char *s = f ? f[i].buf : g->f[i];
		snprintf(key, sizeof key, "%sf.%s", prefix, guest_fields[i].key);
		if (s && *s)
			draft_add(d, key, s);
	}
	for (size_t k = 0; k < sizeof draft_lists / sizeof draft_lists[0]; k++) {
		int l = draft_lists[k];
		snprintf(key, sizeof key, "%sl.%s", prefix, draft_list_keys[l]);
		for (size_t i = 0; i < list_len(g, l); i++) {
			if (l == L_NOTES && g->notes.v[i].at)
				continue;
			char *s = l == L_NOTES ? xstrdup(g->notes.v[i].text) : item_text(g, l, i);
			draft_add(d, key, s);
			free(s);
		}
	}
}

/* The guest written by draft_guest with prefix, into g (initialised by the caller); its
 * fields as typed. Items that cannot be read back are said in lost (when not NULL), whole, so
 * that they can be typed again; their number is returned. */
static int undraft_guest(const struct draft *d, const char *prefix, struct guest *g,
			 struct sbuf *lost)
{
	int nlost = 0;
	size_t pl = strlen(prefix);
	for (size_t i = 0; i < d->keys.n && i < d->vals.n; i++) {
		const char *k = d->keys.v[i], *val = d->vals.v[i];
		if (strncmp(k, prefix, pl) != 0)
			continue;
		k += pl;
		if (strncmp(k, "f.", 2) == 0) {
			const struct guest_field *gf = guest_field_find(k + 2);
			if (gf)
				guest_set(g, (enum guest_field_id)(gf - guest_fields), val);
		} else if (strncmp(k, "l.", 2) == 0) {
			struct error why;
			for (int l = 0; l < L_COUNT; l++)
				if (strcmp(k + 2, draft_list_keys[l]) == 0 &&
				    item_parse(g, l, val, &why) < 0) {
					nlost++;
					if (lost)
						sbuf_printf(lost, _("Not read back, type it again: %s \"%s\" (%s). "),
							    _(list_names[l]), val, why.msg);
				}
		}
	}
	return nlost;
}

static bool form_draft(struct tui *t, struct view *v, struct draft *d)
{
	struct form *f = F(v);
	if (!form_dirty(f))
		return false;
	char what[600];
	const char *name = f->f[GF_NAME].buf[0] ? f->f[GF_NAME].buf : "?";
	draft_add(d, "form", "guest");
	if (f->id)
		snprintf(what, sizeof what, _("the changes to %s"), name);
	else
		snprintf(what, sizeof what, _("the new guest %s"), name);
	draft_add(d, "what", what);
	draft_add_int(d, "id", f->id);
	draft_guest(d, "", &f->g, f->f);
	draft_guest(d, "o.", &f->orig, NULL);
	if (f->cut) { /* typed, not yet added: read back as an item when it can be */
		char key[40];
		snprintf(key, sizeof key, "l.%s", draft_list_keys[f->cut_list]);
		draft_add(d, key, f->cut);
	}
	return true;
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	struct form *f = F(v);
	const struct row *r = cur(f);
	bool changed;
	if (r->kind == R_FIELD && (f->hidden & GUEST_FIELD_BIT(r->n))) {
		/* not typed into: what editing would do is said instead */
		struct edit scratch = f->f[r->n];
		if (edit_act(&scratch, a, ch, &changed)) {
			snprintf(f->msg, sizeof f->msg, _("%s: %s; it cannot be changed here"),
				 _(guest_fields[r->n].form_label), session_hidden(t->session));
			f->msg_error = true;
			return HR_REDRAW;
		}
	} else if (r->kind == R_FIELD && guest_fields[r->n].type == FT_ENUM && a == ACT_CHAR &&
	    ch == ' ') {
		next_choice(f, r->n);
		return HR_REDRAW;
	}
	if (r->kind == R_FIELD && edit_act(&f->f[r->n], a, ch, &changed)) {
		if (changed && (r->n == GF_NAME))
			find_matches(t, f);
		if (changed && error_is_set(&f->why[r->n]))
			check_field(f, r->n);
		return HR_REDRAW;
	}
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
	case ACT_DOWN:
	case ACT_UP:
		if (r->kind == R_FIELD) {
			check_field(f, r->n); /* validated as it is left */
			if (r->n == GF_NAME)
				find_matches(t, f);
		}
		move_to(f, a == ACT_NEXT_FIELD || a == ACT_DOWN ? 1 : -1);
		return HR_REDRAW;
	case ACT_NEXT_SECTION:
	case ACT_PREV_SECTION: {
		/* to the next list, or the first field of the next group */
		if (r->kind == R_FIELD)
			check_field(f, r->n);
		long step = a == ACT_NEXT_SECTION ? 1 : -1, i = (long)f->sel;
		while (i > 0 && f->rows[i].kind != R_LIST && f->rows[i].kind != R_GROUP)
			i--; /* the start of the section the cursor is in */
		for (i += step; i >= 0 && i < (long)f->nrows; i += step)
			if (f->rows[i].kind == R_LIST || f->rows[i].kind == R_GROUP)
				break;
		if (i >= 0 && i < (long)f->nrows) {
			f->sel = (size_t)i;
			if (f->rows[i].kind == R_GROUP)
				move_to(f, 1);
		}
		return HR_REDRAW;
	}
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_TOP:
	case ACT_BOTTOM: {
		if (r->kind == R_FIELD)
			check_field(f, r->n);
		long page = form_rows(t, f) - 1;
		long to = a == ACT_PAGE_DOWN ? (long)f->sel + page
			  : a == ACT_PAGE_UP ? (long)f->sel - page
			  : a == ACT_TOP	 ? 0
					 : (long)f->nrows - 1;
		if (to < 1)
			to = 1;
		if (to >= (long)f->nrows)
			to = (long)f->nrows - 1;
		f->sel = (size_t)to;
		if (f->rows[f->sel].kind == R_GROUP)
			move_to(f, 1);
		return HR_REDRAW;
	}
	case ACT_SUBMIT:
	case ACT_OPEN:
		if (r->kind == R_LIST)
			edit_item(t, f, r->n, -1);
		else if (r->kind == R_ITEM)
			edit_item(t, f, r->n, (ssize_t)r->i);
		else {
			if (r->kind == R_FIELD)
				check_field(f, r->n);
			move_to(f, 1);
		}
		return HR_REDRAW;
	case ACT_ADD_ITEM:
		if (r->kind == R_LIST || r->kind == R_ITEM)
			edit_item(t, f, r->n, -1);
		return HR_REDRAW;
	case ACT_DEL_ITEM:
		if (r->kind == R_ITEM && r->n != L_NOTES) {
			char *s = item_text(&f->g, r->n, r->i);
			char q[600];
			snprintf(q, sizeof q,
				 r->n == L_PEOPLE ? _("Delete \"%s\" with their preferences and dates?")
						  : _("Delete \"%s\"?"),
				 s);
			free(s);
			if (tui_confirm(t, q)) {
				remove_item(&f->g, r->n, r->i);
				build_rows(f);
			}
		}
		return HR_REDRAW;
	case ACT_SAVE:
		save(t, v);
		return HR_REDRAW;
	case ACT_BACK:
		if (form_leave(t, v))
			tui_pop(t);
		return HR_REDRAW;
	case ACT_QUIT:
	case ACT_CHAR:
		return HR_HANDLED;
	default:
		return HR_NOT_MINE;
	}
}

static bool typing(struct view *v)
{
	return on_field(v);
}

static void form_release(struct view *v)
{
	struct form *f = F(v);
	guest_free(&f->g);
	guest_free(&f->orig);
	for (size_t i = 0; i < f->nmatch; i++)
		guest_summary_free(&f->match[i]);
	free(f->rows);
	free(f->cut);
}

static const enum action hints[] = {ACT_SAVE, ACT_NEXT_FIELD, ACT_NEXT_SECTION, ACT_ADD_ITEM,
				    ACT_BACK, ACT_NONE};

static const struct view_ops ops = {
	.name = "guest form",
	.scope = SC_FORM | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.release = form_release,
	.typing = typing,
	.cursor = cursor,
	.hints = hints,
	.leave = form_leave,
	.draft = form_draft,
};

struct view *view_form_new(struct tui *t, int64_t guest_id, const char *name, const char *phone)
{
	struct view *v = tui_view_new(&ops, sizeof(struct form));
	struct form *f = v->data;
	guest_init(&f->g);
	guest_init(&f->orig);
	if (guest_id) {
		enum store_status s = guest_store_get(t->st, guest_id, &f->g);
		if (s != ST_OK) {
			tui_error(t, "%s", tui_store_error(t, s));
			tui_view_free(v);
			return NULL;
		}
		f->id = guest_id;
		f->version = f->g.version;
	}
	/* a new guest has no sales manager yet: only a role that sees every guest's fields */
	f->hidden = t->session ? session_guest_hidden(t->session, &f->g) : 0;
	guest_mask(&f->g, f->hidden, NULL);
	if (guest_id) {
		guest_copy(&f->orig, &f->g);
	} else {
		if (name && *name)
			guest_set(&f->g, GF_NAME, name);
		if (phone && *phone)
			guest_add_phone(&f->g, "mobile", phone);
	}
	for (int i = 0; i < GF_COUNT; i++) {
		/* the limits of guest_field_check, in characters */
		edit_limit(&f->f[i], guest_fields[i].len);
		edit_set(&f->f[i], shown(i, f->g.f[i]));
	}
	build_rows(f);
	f->sel = 1; /* the name */
	find_matches(t, f);
	return v;
}

struct view *view_new_guest(struct tui *t, const char *arg)
{
	(void)arg;
	return view_form_new(t, 0, NULL, NULL);
}

/* A guest form as a draft kept it. An existing guest is read again and the draft's changes
 * (its typed guest against the guest as it was when the form opened) are put on top, as when
 * someone else saved meanwhile: what both changed is reported. */
struct view *view_form_from_draft(struct tui *t, const struct draft *d)
{
	int64_t id = draft_get_int(d, "id", 0);
	struct view *v = view_form_new(t, id, NULL, NULL);
	if (!v)
		return NULL;
	struct form *f = F(v);
	struct guest mine, orig;
	guest_init(&mine);
	guest_init(&orig);
	struct sbuf report = {0};
	sbuf_printf(&report, "%s ", _("Restored as typed when maitre was cut off; ^S saves it."));
	int lost = undraft_guest(d, "", &mine, &report);
	undraft_guest(d, "o.", &orig, NULL);
	if (id) {
		/* f->g and f->orig are the guest as stored now */
		merge(&orig, &mine, &f->g, &report);
		for (int i = 0; i < GF_COUNT; i++)
			edit_set(&f->f[i], f->g.f[i]);
	} else {
		guest_free(&f->g);
		f->g = mine;
		guest_init(&mine);
		for (int i = 0; i < GF_COUNT; i++)
			edit_set(&f->f[i], f->g.f[i]);
	}
	/* a draft typed by someone who could see them: not shown, nor saved, by one who cannot */
	guest_mask(&f->g, f->hidden, NULL);
	for (int i = 0; i < GF_COUNT; i++)
		if (f->hidden & GUEST_FIELD_BIT(i))
			edit_set(&f->f[i], NULL);
	snprintf(f->msg, sizeof f->msg, "%s", report.s ? report.s : "");
	f->msg_error = lost > 0;
	sbuf_free(&report);
	guest_free(&mine);
	guest_free(&orig);
	build_rows(f);
	f->match_for[0] = '\0';
	find_matches(t, f);
	return v;
}
