#include "store/agenda_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/tier_calc.h"
#include "store/store_int.h"

const char *const agenda_what_names[AGENDA_WHAT_COUNT] = {"phone", "visit", "banquet", "date"};

/* clang-format off */

/* The guest's letter tier: an override in force (OVERRIDE_IN_FORCE) in the month bound as
 * ?10, the last complete month (a running month's tiers are provisional, domain.md §4), else
 * its most recent tier_month row at or before that month (tier_month_guest: one seek per
 * guest). An override counts before its month is recomputed. */
#define TIER_OF(guest)                                                                      \
	"coalesce((SELECT tier FROM tier_override WHERE id = (SELECT max(o.id) "             \
	"FROM tier_override o WHERE o.guest_id = " guest " AND "                             \
	OVERRIDE_IN_FORCE("o.", "?10") ")), "                                                \
	"(SELECT t.tier FROM tier_month t WHERE t.guest_id = " guest " AND t.month <= ?10 " \
	"ORDER BY t.month DESC LIMIT 1))"

/* The columns of a date row: the range of month-days is bound as ?1..?4, the year of the
 * occurrences (for the gift given) as ?5, the month as ?10. The tier is the one everyone's
 * agenda has just read (maitre_agenda_tier of the pass bound as ?11) when there is one, else
 * sought. */
#define DATE_COLS                                                                           \
	"sd.id, sd.guest_id, g.name, sm.login, "                                            \
	"coalesce(maitre_agenda_tier(?11, sd.guest_id), " TIER_OF("sd.guest_id") "), "      \
	"sd.person_id, p.relation, p.name, sd.kind, sd.label, sd.month, sd.day, sd.year, "  \
	"EXISTS (SELECT 1 FROM gift gf WHERE gf.guest_id = sd.guest_id AND gf.year = ?5 "   \
	"  AND gf.occasion = (CASE sd.kind WHEN 'other' THEN coalesce(sd.label, 'other') "  \
	"                     ELSE sd.kind END) "                                           \
	"  AND (CASE WHEN sd.person_id IS NULL THEN gf.person IS NULL "                     \
	"       ELSE gf.person_id = sd.person_id END)) "
#define DATE_JOINS                                                                          \
	"LEFT JOIN person p ON p.id = sd.person_id "                                        \
	"LEFT JOIN staff sm ON sm.id = g.sales_manager "
#define MD_RANGE "(sd.month, sd.day) >= (?1, ?2) AND (sd.month, sd.day) <= (?3, ?4) "

/* Every guest's dates in a range of month-days (special_date_md): the upcoming dates, and
 * everyone's agenda read the simple way. */
static const char *const dates_all =
	"SELECT " DATE_COLS
	"FROM special_date sd JOIN guest g ON g.id = sd.guest_id " DATE_JOINS
	"WHERE " MD_RANGE "AND NOT maitre_agenda_untiered(?11, sd.guest_id) "
	"AND g.anonymised = 0 AND g.merged_into IS NULL";
/* Everyone's agenda: only the dates of the guests its pass found tiered (maitre_agenda_untiered:
 * the others, anonymised ones included, are not on the agenda), read from special_date_day,
 * which holds the guest: the others' date, person and gift rows are not read, where
 * special_date_md would seek each date's row first, ten times as many. The guest's name and
 * sales manager are read for the rows shown (agenda_store_names). */
static const char *const dates_pass =
	"SELECT sd.id, sd.guest_id, NULL, NULL, "
	"coalesce(maitre_agenda_tier(?11, sd.guest_id), " TIER_OF("sd.guest_id") "), "
	"sd.person_id, p.relation, p.name, sd.kind, sd.label, sd.month, sd.day, sd.year, "
	"EXISTS (SELECT 1 FROM gift gf WHERE gf.guest_id = sd.guest_id AND gf.year = ?5 "
	"  AND gf.occasion = (CASE sd.kind WHEN 'other' THEN coalesce(sd.label, 'other') "
	"                     ELSE sd.kind END) "
	"  AND (CASE WHEN sd.person_id IS NULL THEN gf.person IS NULL "
	"       ELSE gf.person_id = sd.person_id END)) "
	"FROM special_date sd INDEXED BY special_date_day "
	"LEFT JOIN person p ON p.id = sd.person_id "
	"WHERE " MD_RANGE "AND NOT maitre_agenda_untiered(?11, sd.guest_id)";
/* The dates of one sales manager's guests (guest_sales_manager, then special_date_guest). */
static const char *const dates_staff =
	"SELECT " DATE_COLS
	"FROM guest g JOIN special_date sd ON sd.guest_id = g.id " DATE_JOINS
	"WHERE g.sales_manager = ?6 AND " MD_RANGE "AND g.anonymised = 0 "
	"AND g.merged_into IS NULL"; /* a merged guest's dates are on the one it became */

/* Per guest: the last phone call, in-person visit and banquet (contact_guest and
 * banquet_guest: one seek each, only for the guests with a tier). */
#define LAST_COLS                                                                           \
	"(SELECT c.at FROM contact c WHERE c.guest_id = g.id AND c.channel = 'phone' "      \
	"  ORDER BY c.at DESC LIMIT 1), "                                                   \
	"(SELECT c.at FROM contact c WHERE c.guest_id = g.id AND c.channel = 'visit' "      \
	"  ORDER BY c.at DESC LIMIT 1), "                                                   \
	"(SELECT b.date FROM banquet b WHERE b.guest_id = g.id "                            \
	"  ORDER BY b.date DESC LIMIT 1) "
/* A sales manager's guests (guest_sales_manager), with the tier of each (the names are read
 * for the rows shown: agenda_store_names). The filter on the tier runs its seek a second time,
 * but spares the untiered guests (most of them) the three seeks of their last contacts that
 * passing them to C would cost. */
static const char *const contacts_staff =
	"SELECT g.id, " TIER_OF("g.id") " AS tier, " LAST_COLS
	"FROM guest g WHERE g.sales_manager = ?6 AND g.anonymised = 0 AND tier <> ''";
/* Every guest, the simple way (agenda_store_agenda_simple: a scan, for the tests). */
static const char *const contacts_every =
	"SELECT g.id, " TIER_OF("g.id") " AS tier, " LAST_COLS
	"FROM guest g WHERE g.anonymised = 0 AND tier <> ''";
/* Every tiered guest, one month of tier_month at a time from the newest at or before the
 * month ?10 (bound as ?2): the rows of the month that hold a tier (tier_month_tiered, in bulk
 * rather than sought guest by guest among the million). Each is in force unless the guest has
 * a row of a later month up to ?10 (a newer row without a tier makes the guest untiered):
 * all_due passes over the guests met in a newer month, and seeks a newer row (newer_row) only
 * for the others of an older month. The rows are tier_month's (its view's rule on the
 * generation, here sought once for the month rather than once per row as the view does). No
 * guest row is read: the anonymised guests are met before the first month (anonymised_ids),
 * and the names are read for the rows shown (agenda_store_names). */
static const char *const contacts_all =
	"SELECT t.guest_id, t.tier "
	"FROM tier_month_row t "
	"WHERE t.month = ?2 AND "
	TIER_ROW_SHOWN("t.", "(SELECT g.gen FROM tier_month_gen g WHERE g.month = ?2)")
	" AND t.tier IS NOT NULL";
/* Whether guest ?1 has a row of tier_month after the month ?2 up to ?10 (tier_month_guest). */
static const char *const newer_row =
	"SELECT 1 FROM tier_month n WHERE n.guest_id = ?1 AND n.month > ?2 AND n.month <= ?10";
/* The anonymised guests (guest_anonymised: a handful, if any). */
static const char *const anonymised_ids = "SELECT id FROM guest WHERE anonymised <> 0";
/* A guest's name and sales manager, for the rows shown. */
static const char *const guest_names =
	"SELECT g.name, sm.login FROM guest g LEFT JOIN staff sm ON sm.id = g.sales_manager "
	"WHERE g.id = ?1";
/* Everyone's last call and visit (0 and 1), and last banquet (2), by guest: one pass over
 * contact_guest and banquet_guest, covering and in their order, costs less than three seeks
 * for each of the tiered guests (who are most of those with any). */
static const char *const last_contacts =
	"SELECT guest_id, channel = 'visit', max(at) FROM contact "
	"WHERE channel IN ('phone', 'visit') GROUP BY guest_id, channel";
static const char *const last_banquets =
	"SELECT guest_id, 2, max(date) FROM banquet GROUP BY guest_id";
/* The newest month of tier_month at or before ?1, and the one before ?1 (one seek each). */
static const char *const month_upto = "SELECT max(month) FROM tier_month WHERE month <= ?1";
static const char *const month_before = "SELECT max(month) FROM tier_month WHERE month < ?1";

static const char *const guest_tier =
	"SELECT g.name, " TIER_OF("g.id") " FROM guest g WHERE g.id = ?1";
static const char *const manager_any = "SELECT 1 FROM guest WHERE sales_manager = ?1 LIMIT 1";

/* clang-format on */

void agenda_rows_free(struct agenda_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].guest);
		free(rows[i].manager);
		free(rows[i].person);
		free(rows[i].label);
	}
	free(rows);
}

const char *agenda_row_occasion(const struct agenda_row *r)
{
	if (r->kind == DATE_OTHER)
		return r->label ? r->label : date_kind_names[DATE_OTHER];
	return date_kind_names[r->kind];
}

/* A growable array of rows. */
struct rows {
	struct agenda_row *v;
	size_t n, cap;
};

static struct agenda_row *rows_add(struct rows *r)
{
	vec_reserve((void **)&r->v, r->n + 1, &r->cap, sizeof *r->v);
	struct agenda_row *row = &r->v[r->n++];
	memset(row, 0, sizeof *row);
	return row;
}

/* The staff id of login (ST_NOTFOUND when unknown); 0 for NULL. */
static enum store_status staff_of(struct store *st, const char *login, int64_t *id)
{
	*id = 0;
	if (!login)
		return ST_OK;
	enum store_status rs = store_staff_id(st, login, false, id);
	if (rs == ST_NOTFOUND)
		return store_fail(st, ST_NOTFOUND, "staff: no staff member with login \"%s\"",
		                  login);
	return rs;
}

/* The common start of the two listings: no rows yet, days checked, staff's id in *sid. */
static enum store_status list_start(struct store *st, int days, const char *staff, int64_t *sid,
                                    struct agenda_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (days < 1 || days > 366)
		return store_fail(st, ST_INVALID, "days: must be from 1 to 366, got %d", days);
	return staff_of(st, staff, sid);
}

/* Appends the dates of the rows of s (bound) that fall in [today, today + days) in year y. */
static enum store_status read_dates(struct store *st, sqlite3_stmt *s,
                                    const struct tier_rules *rules, struct date today, int days,
                                    int y, struct rows *out)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int month = sqlite3_column_int(s, 10), day = sqlite3_column_int(s, 11);
		struct date on = agenda_next(month, day, today);
		int away = agenda_days_until(month, day, today);
		if (away >= days || on.y != y)
			continue;
		struct agenda_row *r = rows_add(out);
		r->what = AGENDA_DATE;
		r->date_id = sqlite3_column_int64(s, 0);
		r->guest_id = sqlite3_column_int64(s, 1);
		r->guest = store_col_text(s, 2);
		r->manager = store_col_text(s, 3);
		store_col_copy(s, 4, r->tier, sizeof r->tier);
		r->person_id = sqlite3_column_int64(s, 5);
		if (r->person_id) {
			const char *rel = (const char *)sqlite3_column_text(s, 6);
			const char *name = (const char *)sqlite3_column_text(s, 7);
			r->person = xasprintf("%s%s%s", rel ? rel : "", rel && name ? " " : "",
			                      name ? name : "");
		}
		int kind = date_kind_from_name((const char *)sqlite3_column_text(s, 8));
		r->kind = kind < 0 ? DATE_OTHER : (enum date_kind)kind;
		r->label = store_col_text(s, 9);
		r->year = sqlite3_column_int(s, 12);
		r->on = on;
		r->days = away;
		r->years = agenda_years(r->year, on);
		r->given = sqlite3_column_int(s, 13) != 0;
		if (rules)
			r->has_gift = agenda_gift(tier_privilege_for(rules, r->tier), r->kind,
			                          r->person_id != 0, &r->gift_fen);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "dates");
}

struct pass;

/* Runs sql over the month-day range [(m1, d1), (m2, d2)] of year y. */
static enum store_status dates_range(struct store *st, const char *sql,
                                     const struct tier_rules *rules, struct date today, int days,
                                     int64_t staff, const struct pass *p, int y, int m1, int d1,
                                     int m2, int d2, struct rows *out)
{
	/* 29 February falls on 28 February in a common year: a range that ends there takes it */
	if (m2 == 2 && d2 == 28 && !date_is_leap(y))
		d2 = 29;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	char mk[8];
	date_month_key(tier_held_month(today), mk); /* the last complete month */
	sqlite3_bind_int(s, 1, m1);
	sqlite3_bind_int(s, 2, d1);
	sqlite3_bind_int(s, 3, m2);
	sqlite3_bind_int(s, 4, d2);
	sqlite3_bind_int(s, 5, y);
	if (staff)
		sqlite3_bind_int64(s, 6, staff);
	sqlite3_bind_text(s, 10, mk, -1, SQLITE_TRANSIENT);
	sqlite3_bind_pointer(s, 11, (void *)p, "maitre_agenda_pass", NULL);
	enum store_status rs = read_dates(st, s, rules, today, days, y, out);
	sqlite3_bind_null(s, 11); /* the pass is freed after this */
	return rs;
}

/* Appends the dates in [today, today + days) of every guest, or of staff's guests. */
static enum store_status dates_window(struct store *st, const struct tier_rules *rules,
                                      struct date today, int days, int64_t staff,
                                      const struct pass *p, struct rows *out)
{
	const char *sql = staff ? dates_staff : p ? dates_pass : dates_all;
	struct date end = date_add_days(today, days - 1);
	if (end.y == today.y)
		return dates_range(st, sql, rules, today, days, staff, p, today.y, today.m, today.d,
		                   end.m, end.d, out);
	/* across the year end: the rest of this year, then the start of the next */
	enum store_status rs = dates_range(st, sql, rules, today, days, staff, p, today.y, today.m,
	                                   today.d, 12, 31, out);
	if (rs == ST_OK)
		rs = dates_range(st, sql, rules, today, days, staff, p, end.y, 1, 1, end.m, end.d,
		                 out);
	return rs;
}

/* The sort key of a row: its day relative to today (overdue first). */
static int row_day(const struct agenda_row *r)
{
	return r->what == AGENDA_DATE ? r->days : r->due.left;
}

static int cmp_rows(const void *a, const void *b)
{
	const struct agenda_row *x = a, *y = b;
	int dx = row_day(x), dy = row_day(y);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	if (x->what != y->what)
		return x->what < y->what ? -1 : 1;
	if (x->guest_id != y->guest_id)
		return x->guest_id < y->guest_id ? -1 : 1;
	if (x->person_id != y->person_id)
		return x->person_id < y->person_id ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->date_id < y->date_id ? -1 : x->date_id > y->date_id;
}

enum store_status agenda_store_upcoming(struct store *st, const struct tier_rules *rules,
                                        struct date today, int days, const char *staff,
                                        struct agenda_row **rows, size_t *n)
{
	int64_t sid;
	enum store_status rs = list_start(st, days, staff, &sid, rows, n);
	if (rs != ST_OK)
		return rs;
	struct rows out = {0};
	if ((rs = dates_window(st, rules, today, days, sid, NULL, &out)) != ST_OK) {
		agenda_rows_free(out.v, out.n);
		return rs;
	}
	if (out.n)
		qsort(out.v, out.n, sizeof *out.v, cmp_rows);
	*rows = out.v;
	*n = out.n;
	return ST_OK;
}

/* "YYYY-MM-DD..." → date; false when s is NULL or not a date. */
static bool col_date(sqlite3_stmt *s, int i, struct date *d)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	char buf[11];
	if (!t || strlen(t) < 10)
		return false;
	memcpy(buf, t, 10);
	buf[10] = '\0';
	return date_parse(buf, d);
}

/* The index of tier in l->tiers, added when new; -1 when it holds no more. */
static int tier_index(struct agenda_list *l, const char *tier)
{
	if (!tier[0])
		return 0;
	size_t k = 1;
	while (k < l->ntiers && strcmp(l->tiers[k], tier) != 0)
		k++;
	if (k == l->ntiers) {
		if (k >= sizeof l->tiers / sizeof l->tiers[0])
			return -1;
		snprintf(l->tiers[l->ntiers++], sizeof l->tiers[0], "%s", tier);
	}
	return (int)k;
}

/* The items being read, and their capacity. */
struct items {
	struct agenda_list *l;
	size_t cap;
	bool full; /* more tiers than l->tiers holds */
	bool big;  /* a guest id of more than 48 bits */
	/* the last tier met, its index and privilege (the rows come a tier after another) */
	char tier[8];
	int k;
	const struct tier_privilege *p;
};

/* Sets x's guest to id; it->big when id does not fit in 48 bits. */
static void item_guest(struct items *it, struct agenda_item *x, int64_t id)
{
	if (id < 0 || id >= (int64_t)1 << 48)
		it->big = true;
	x->guest_lo = (uint32_t)id;
	x->guest_hi = (uint16_t)((uint64_t)id >> 32);
}

static struct agenda_item *items_add(struct items *it)
{
	struct agenda_list *l = it->l;
	vec_reserve((void **)&l->items, l->n + 1, &it->cap, sizeof *l->items);
	struct agenda_item *x = &l->items[l->n++];
	memset(x, 0, sizeof *x);
	return x;
}

/* Appends a call, visit or banquet item for guest id, when due says it is due or overdue. */
static void add_due(struct items *it, int64_t id, enum agenda_what what, int tier,
                    struct agenda_due due, const struct date *last)
{
	if (due.state != AGENDA_DUE && due.state != AGENDA_OVERDUE)
		return;
	struct agenda_item *x = items_add(it);
	x->what = (uint8_t)what;
	item_guest(it, x, id);
	x->tier = (uint8_t)tier;
	x->day = due.left;
	x->ref = last ? (int32_t)date_to_days(*last) : AGENDA_NEVER;
}

enum { LAST_PHONE, LAST_VISIT, LAST_BANQUET, LAST_COUNT };

/* What everyone's agenda learns of each guest, by guest id, in its pass over tier_month. */
struct pass {
	uint8_t *met;  /* met in the months read so far (newer than the one being read) */
	uint8_t *tier; /* the tier in force: an index into names (0: ""), or TIER_UNKNOWN */
	size_t n;
	char names[255][8];
	size_t nnames, last_name;
	/* the day of the last call, visit and banquet: y·10000 + m·100 + d, 0: none (the array
	 * NULL: none for anyone) */
	uint32_t *last[LAST_COUNT];
};
#define TIER_UNKNOWN 255 /* more tiers than names holds: seek it */

/* Notes guest id's tier in force (a row of contacts_all). */
static void pass_note(struct pass *p, int64_t id, const char *tier)
{
	if (!p || id <= 0 || (size_t)id >= p->n || !tier[0])
		return;
	size_t k = p->last_name; /* the rows come a tier after another */
	if (k >= p->nnames || strcmp(p->names[k], tier) != 0)
		for (k = 1; k < p->nnames && strcmp(p->names[k], tier) != 0;)
			k++;
	p->last_name = k;
	if (k == p->nnames && k < TIER_UNKNOWN)
		snprintf(p->names[p->nnames++], sizeof p->names[0], "%s", tier);
	p->tier[id] = (uint8_t)(k < TIER_UNKNOWN ? k : TIER_UNKNOWN);
}

/* maitre_agenda_tier(pass, guest_id): the guest's tier in force as the pass read it ("" for
 * an untiered or anonymised guest: every tiered one was read); NULL without a pass, or when
 * the pass does not know it. */
static void tier_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct pass *p = sqlite3_value_pointer(argv[0], "maitre_agenda_pass");
	int64_t id = sqlite3_value_int64(argv[1]);
	if (!p || id <= 0 || (size_t)id >= p->n || p->tier[id] == TIER_UNKNOWN)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, p->names[p->tier[id]], -1, SQLITE_STATIC);
}

/* maitre_agenda_untiered(pass, guest_id): 1 when the pass found the guest untiered (or
 * anonymised), else 0 (no pass, or a tier). */
static void untiered_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct pass *p = sqlite3_value_pointer(argv[0], "maitre_agenda_pass");
	int64_t id = sqlite3_value_int64(argv[1]);
	sqlite3_result_int(ctx, p && id > 0 && (size_t)id < p->n && p->tier[id] == 0);
}

int agenda_store_functions(sqlite3 *db)
{
	static const struct store_function fns[] = {
	    {"maitre_agenda_tier", 2, tier_fn, NULL, NULL},
	    {"maitre_agenda_untiered", 2, untiered_fn, NULL, NULL},
	};
	return store_create_functions(db, fns, sizeof fns / sizeof fns[0]);
}

/* The last call, visit and banquet of the guest of the current row of s into d, last[k]
 * pointing to d[k] or NULL (never): from the pass when there is one, else from the columns 2
 * to 4 of s. */
static void row_last(sqlite3_stmt *s, const struct pass *pass, struct date d[LAST_COUNT],
                     const struct date *last[LAST_COUNT])
{
	int64_t id = sqlite3_column_int64(s, 0);
	for (int k = 0; k < LAST_COUNT; k++) {
		bool have;
		if (pass) {
			uint32_t v =
			    pass->last[k] && id > 0 && (size_t)id < pass->n ? pass->last[k][id] : 0;
			d[k] =
			    (struct date){(int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100)};
			have = v != 0;
		} else {
			have = col_date(s, 2 + k, &d[k]);
		}
		last[k] = have ? &d[k] : NULL;
	}
}

/* The due of what (a call, visit or banquet) under privilege p from its last one (NULL:
 * never). */
static struct agenda_due due_of(const struct tier_privilege *p, enum agenda_what what,
                                const struct date *last, struct date today)
{
	if (what == AGENDA_PHONE)
		return agenda_cadence(p->phone_days, last, today);
	if (what == AGENDA_VISIT)
		return agenda_cadence(p->visit_days, last, today);
	return agenda_banquet(p->banquet_min_months, p->banquet_max_months, last, today);
}

/* Appends the call, visit and banquet due of the guest of the current row of s (id, tier, and
 * without a pass the last call, visit and banquet); none for an untiered guest. */
static void guest_due(const struct tier_rules *rules, struct date today, sqlite3_stmt *s,
                      const struct pass *pass, struct items *it)
{
	const char *tier = (const char *)sqlite3_column_text(s, 1);
	if (!tier || !tier[0] || !rules)
		return;
	if (strcmp(tier, it->tier) != 0) {
		snprintf(it->tier, sizeof it->tier, "%s", tier);
		it->p = tier_privilege_for(rules, it->tier);
		it->k = tier_index(it->l, it->tier);
	}
	const struct tier_privilege *p = it->p;
	int k = it->k;
	if (!p)
		return;
	if (k < 0) {
		it->full = true;
		return;
	}
	struct date d[LAST_COUNT];
	const struct date *last[LAST_COUNT];
	row_last(s, pass, d, last);
	int64_t id = sqlite3_column_int64(s, 0);
	static const enum agenda_what whats[LAST_COUNT] = {AGENDA_PHONE, AGENDA_VISIT,
	                                                   AGENDA_BANQUET};
	for (int w = 0; w < LAST_COUNT; w++)
		add_due(it, id, whats[w], k, due_of(p, whats[w], last[w], today), last[w]);
}

/* Steps s (bound) to its end, appending what each guest has due; notes each one's tier in p
 * (may be NULL). */
static enum store_status read_due(struct store *st, const struct tier_rules *rules,
                                  struct date today, sqlite3_stmt *s, struct pass *p,
                                  struct items *it)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *tier = (const char *)sqlite3_column_text(s, 1);
		pass_note(p, sqlite3_column_int64(s, 0), tier ? tier : "");
		guest_due(rules, today, s, p, it);
	}
	sqlite3_reset(s);
	if (it->full)
		return store_fail(st, ST_INVALID, "agenda: more than %zu tiers",
		                  sizeof it->l->tiers / sizeof it->l->tiers[0] - 1);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "agenda");
}

/* A pass for every guest id. */
static enum store_status pass_alloc(struct store *st, struct pass *p)
{
	memset(p, 0, sizeof *p);
	p->nnames = 1; /* 0: "" */
	enum store_status rs = store_guest_bound(st, "agenda guests", &p->n);
	if (rs != ST_OK)
		return rs;
	p->met = xcalloc(p->n, 1);
	p->tier = xcalloc(p->n, 1);
	/* the anonymised guests are not on the agenda: met (no month's row is theirs) and
	 * untiered (no date of theirs) */
	sqlite3_stmt *s = store_prep(st, anonymised_ids);
	if (!s)
		return ST_IO;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (id > 0 && (size_t)id < p->n)
			p->met[id] = 1;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "agenda guests");
}

static void pass_free(struct pass *p)
{
	free(p->met);
	free(p->tier);
	p->met = p->tier = NULL;
	for (int k = 0; k < LAST_COUNT; k++) {
		free(p->last[k]);
		p->last[k] = NULL;
	}
}

/* Reads the last calls and visits (last_contacts) or banquets (last_banquets) into p. */
static enum store_status pass_last(struct store *st, struct pass *p, const char *sql)
{
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		int k = sqlite3_column_int(s, 1);
		struct date d;
		if (id <= 0 || (size_t)id >= p->n || k < 0 || k >= LAST_COUNT ||
		    !col_date(s, 2, &d))
			continue; /* no such guest, or never (as the seek of contacts_staff says) */
		if (!p->last[k])
			p->last[k] = xcalloc(p->n, sizeof *p->last[k]);
		p->last[k][id] = (uint32_t)(d.y * 10000 + d.m * 100 + d.d);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "agenda contacts");
}

/* The month of tier_month that sql (month_upto or month_before) finds from key into *month
 * (malloc'ed; NULL when there is none). */
static enum store_status next_month(struct store *st, const char *sql, const char *key,
                                    char **month)
{
	*month = NULL;
	sqlite3_stmt *s = store_prep(st, sql);
	if (!s)
		return ST_IO;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	bool row;
	enum store_status rs = store_step_maybe(st, s, "agenda months", &row);
	if (rs == ST_OK && row)
		*month = store_col_text(s, 0);
	sqlite3_reset(s);
	return rs;
}

/* Whether guest id, met first in the month (bound to newer), has a row of a newer month. */
static enum store_status has_newer(struct store *st, sqlite3_stmt *newer, int64_t id, bool *yes)
{
	sqlite3_bind_int64(newer, 1, id);
	int rc = sqlite3_step(newer);
	sqlite3_reset(newer);
	*yes = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "agenda");
}

/* The tiered rows of one month (s, bound; the ord-th from the newest, newer bound to it):
 * each guest not met in a newer month is met, and is on the agenda by this month's tier
 * unless it has a newer row. */
static enum store_status read_month(struct store *st, const struct tier_rules *rules,
                                    struct date today, sqlite3_stmt *s, sqlite3_stmt *newer,
                                    int ord, struct pass *p, struct items *it)
{
	enum store_status rs = ST_OK;
	int rc;
	while (rs == ST_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (id > 0 && (size_t)id < p->n) {
			if (p->met[id])
				continue; /* a newer month's row is in force */
			p->met[id] = 1;
		}
		const char *tier = (const char *)sqlite3_column_text(s, 1);
		if (!tier || !tier[0])
			continue;
		bool later = false;
		if (ord > 1 && (rs = has_newer(st, newer, id, &later)) != ST_OK)
			break;
		if (later)
			continue;
		pass_note(p, id, tier);
		guest_due(rules, today, s, p, it);
	}
	sqlite3_reset(s);
	if (rs != ST_OK)
		return rs;
	if (it->full)
		return store_fail(st, ST_INVALID, "agenda: more than %zu tiers",
		                  sizeof it->l->tiers / sizeof it->l->tiers[0] - 1);
	return rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "agenda");
}

/* Every tiered guest's calls, visits and banquets due: contacts_all over each month of
 * tier_month up to today's, the newest first. */
static enum store_status all_due(struct store *st, const struct tier_rules *rules,
                                 struct date today, struct pass *p, struct items *it)
{
	sqlite3_stmt *s = store_prep(st, contacts_all);
	sqlite3_stmt *newer = store_prep(st, newer_row);
	if (!s || !newer)
		return ST_IO;
	char mk[8], *month = NULL, *prev = NULL;
	date_month_key(tier_held_month(today), mk); /* the last complete month */
	enum store_status rs = pass_last(st, p, last_contacts);
	if (rs == ST_OK)
		rs = pass_last(st, p, last_banquets);
	if (rs == ST_OK)
		rs = next_month(st, month_upto, mk, &month);
	for (int ord = 1; rs == ST_OK && month; ord++) {
		sqlite3_bind_text(s, 2, month, -1, SQLITE_STATIC);
		sqlite3_bind_text(newer, 2, month, -1, SQLITE_STATIC);
		sqlite3_bind_text(newer, 10, mk, -1, SQLITE_TRANSIENT);
		rs = read_month(st, rules, today, s, newer, ord, p, it);
		free(prev);
		prev = month;
		month = NULL;
		if (rs == ST_OK)
			rs = next_month(st, month_before, prev, &month);
	}
	sqlite3_clear_bindings(s); /* the months are freed below */
	sqlite3_clear_bindings(newer);
	free(prev);
	free(month);
	return rs;
}

/* A sales manager's guests' calls, visits and banquets due (sql contacts_staff), or every
 * guest's the simple way (contacts_every, staff 0). */
static enum store_status staff_due(struct store *st, const struct tier_rules *rules,
                                   struct date today, int64_t staff, struct items *it)
{
	sqlite3_stmt *s = store_prep(st, staff ? contacts_staff : contacts_every);
	if (!s)
		return ST_IO;
	char mk[8];
	date_month_key(tier_held_month(today), mk); /* the last complete month */
	if (staff)
		sqlite3_bind_int64(s, 6, staff);
	sqlite3_bind_text(s, 10, mk, -1, SQLITE_TRANSIENT);
	return read_due(st, rules, today, s, NULL, it);
}

/* The calls, visits and banquets due into it, then the dates of the window into dates, of
 * staff's guests or everyone's (whose tiers the pass over tier_month gives the dates, unless
 * simple), in one read snapshot. */
static enum store_status agenda_read(struct store *st, const struct tier_rules *rules,
                                     struct date today, int days, int64_t staff, bool simple,
                                     struct items *it, struct rows *dates)
{
	struct pass p = {0};
	enum store_status rs = store_exec(st, "SAVEPOINT agenda");
	if (rs != ST_OK)
		return rs;
	if (staff || simple)
		rs = staff_due(st, rules, today, staff, it);
	else if ((rs = pass_alloc(st, &p)) == ST_OK)
		rs = all_due(st, rules, today, &p, it);
	if (rs == ST_OK)
		rs = dates_window(st, rules, today, days, staff, staff || simple ? NULL : &p, dates);
	store_release(st, "agenda");
	pass_free(&p);
	return rs;
}

/* The order of agenda_store_agenda (cmp_rows): day, what, guest, and for the dates of a guest
 * on one day their order in dates, which is sorted. */
static int cmp_items(const void *a, const void *b)
{
	const struct agenda_item *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->what != y->what)
		return x->what < y->what ? -1 : 1;
	int64_t gx = agenda_item_guest(x), gy = agenda_item_guest(y);
	if (gx != gy)
		return gx < gy ? -1 : 1;
	return x->ref < y->ref ? -1 : x->ref > y->ref;
}

/* Whether x comes before y by guest, what, then ref (the order sort_items starts from). */
static bool guest_before(const struct agenda_item *x, const struct agenda_item *y)
{
	int64_t gx = agenda_item_guest(x), gy = agenda_item_guest(y);
	if (gx != gy)
		return gx < gy;
	if (x->what != y->what)
		return x->what < y->what;
	return x->ref < y->ref;
}

/* Sorts v[0..n) by guest_before, merging the runs already in that order (each month's pass
 * over tier_month gives one, the dates another): a few linear passes. */
static void merge_runs(struct agenda_item **v, size_t n)
{
	struct agenda_item *a = *v, *b = xmalloc(n * sizeof *b);
	for (;;) {
		size_t runs = 0, i = 0, o = 0;
		while (i < n) {
			size_t m = i + 1;
			while (m < n && !guest_before(&a[m], &a[m - 1]))
				m++;
			size_t e = m < n ? m + 1 : m;
			while (e < n && !guest_before(&a[e], &a[e - 1]))
				e++;
			/* merge a[i..m) and a[m..e) */
			size_t x = i, y = m;
			while (x < m && y < e)
				b[o++] = guest_before(&a[y], &a[x]) ? a[y++] : a[x++];
			while (x < m)
				b[o++] = a[x++];
			while (y < e)
				b[o++] = a[y++];
			i = e;
			runs++;
		}
		struct agenda_item *t = a;
		a = b;
		b = t;
		if (runs <= 1)
			break;
	}
	free(b);
	*v = a;
}

/* Sorts the items by cmp_items: by guest first (merge_runs), then a stable counting sort by
 * day and what, when the days span a reasonable range (else qsort). Everyone's agenda holds
 * hundreds of thousands of items; qsort's comparisons were a third of its time. */
static void sort_items(struct agenda_list *l)
{
	size_t n = l->n;
	if (n < 2)
		return;
	int32_t lo = l->items[0].day, hi = lo;
	for (size_t i = 1; i < n; i++) {
		if (l->items[i].day < lo)
			lo = l->items[i].day;
		if (l->items[i].day > hi)
			hi = l->items[i].day;
	}
	uint64_t span = ((uint64_t)((int64_t)hi - lo) + 1) * AGENDA_WHAT_COUNT;
	if (span > 4 * (uint64_t)n + 65536) {
		qsort(l->items, n, sizeof *l->items, cmp_items);
		return;
	}
	merge_runs(&l->items, n);
	size_t *at = xcalloc((size_t)span + 1, sizeof *at);
	for (size_t i = 0; i < n; i++)
		at[(size_t)(l->items[i].day - lo) * AGENDA_WHAT_COUNT + l->items[i].what + 1]++;
	for (size_t k = 1; k <= span; k++)
		at[k] += at[k - 1];
	struct agenda_item *out = xmalloc(n * sizeof *out);
	for (size_t i = 0; i < n; i++) {
		const struct agenda_item *x = &l->items[i];
		out[at[(size_t)(x->day - lo) * AGENDA_WHAT_COUNT + x->what]++] = *x;
	}
	free(at);
	free(l->items);
	l->items = out;
}

void agenda_list_free(struct agenda_list *l)
{
	free(l->items);
	agenda_rows_free(l->dates, l->ndates);
	l->items = NULL;
	l->dates = NULL;
	l->n = l->ndates = 0;
}

/* agenda_store_list, or (simple) the same the simple way. */
static enum store_status list_read(struct store *st, const struct tier_rules *rules,
                                   struct date today, int days, const char *staff, bool simple,
                                   struct agenda_list *out)
{
	memset(out, 0, sizeof *out);
	out->today = today;
	out->days = days;
	out->ntiers = 1; /* 0: "" */
	int64_t sid;
	struct agenda_row *none;
	size_t nnone;
	enum store_status rs = list_start(st, days, staff, &sid, &none, &nnone);
	if (rs != ST_OK)
		return rs;
	struct items it = {.l = out};
	struct rows dates = {0};
	if ((rs = agenda_read(st, rules, today, days, sid, simple, &it, &dates)) != ST_OK) {
		agenda_rows_free(dates.v, dates.n);
		agenda_list_free(out);
		return rs;
	}
	/* the agenda is for tiered guests: the dates of the others are left out */
	size_t keep = 0;
	for (size_t i = 0; i < dates.n; i++) {
		if (!dates.v[i].tier[0] || tier_index(out, dates.v[i].tier) < 0) {
			struct agenda_row *r = &dates.v[i];
			free(r->guest), free(r->manager), free(r->person), free(r->label);
			continue;
		}
		dates.v[keep++] = dates.v[i];
	}
	if (keep)
		qsort(dates.v, keep, sizeof *dates.v, cmp_rows);
	for (size_t i = 0; i < keep; i++) {
		struct agenda_item *x = items_add(&it);
		x->what = AGENDA_DATE;
		item_guest(&it, x, dates.v[i].guest_id);
		x->day = dates.v[i].days;
		x->ref = (int32_t)i;
		x->tier = (uint8_t)tier_index(out, dates.v[i].tier);
	}
	out->dates = dates.v;
	out->ndates = keep;
	if (it.big) {
		agenda_list_free(out);
		return store_fail(st, ST_INVALID, "agenda: a guest id of more than 48 bits");
	}
	if (simple && out->n)
		qsort(out->items, out->n, sizeof *out->items, cmp_items);
	else
		sort_items(out);
	return ST_OK;
}

enum store_status agenda_store_list(struct store *st, const struct tier_rules *rules,
                                    struct date today, int days, const char *staff,
                                    struct agenda_list *out)
{
	return list_read(st, rules, today, days, staff, false, out);
}

/* A copy of s, or NULL. */
static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void agenda_list_row(const struct agenda_list *l, const struct tier_rules *rules, size_t i,
                     struct agenda_row *r)
{
	memset(r, 0, sizeof *r);
	const struct agenda_item *x = &l->items[i];
	if (x->what == AGENDA_DATE) {
		*r = l->dates[x->ref];
		r->guest = dup_or_null(r->guest);
		r->manager = dup_or_null(r->manager);
		r->person = dup_or_null(r->person);
		r->label = dup_or_null(r->label);
		return;
	}
	r->what = (enum agenda_what)x->what;
	r->guest_id = agenda_item_guest(x);
	snprintf(r->tier, sizeof r->tier, "%s", l->tiers[x->tier]);
	const struct date *last = NULL;
	if (x->ref != AGENDA_NEVER) {
		r->last = date_from_days(x->ref);
		last = &r->last;
	}
	const struct tier_privilege *p = rules ? tier_privilege_for(rules, r->tier) : NULL;
	if (p)
		r->due = due_of(p, r->what, last, l->today);
}

/* A row's place, by its guest (agenda_store_names). */
struct by_guest {
	int64_t guest;
	size_t row;
};

static int cmp_by_guest(const void *a, const void *b)
{
	const struct by_guest *x = a, *y = b;
	if (x->guest != y->guest)
		return x->guest < y->guest ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

enum store_status agenda_store_names(struct store *st, struct agenda_row *rows, size_t n)
{
	sqlite3_stmt *s = store_prep(st, guest_names);
	if (!s)
		return ST_IO;
	/* the rows in guest order: each guest sought once (a guest has up to three calls,
	 * visits and banquets, apart in the agenda's order), the pages in order */
	struct by_guest *v = xmalloc((n ? n : 1) * sizeof *v);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!rows[i].guest)
			v[m++] = (struct by_guest){rows[i].guest_id, i};
	if (m > 1)
		qsort(v, m, sizeof *v, cmp_by_guest);
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < m && rs == ST_OK;) {
		sqlite3_bind_int64(s, 1, v[i].guest);
		int rc = sqlite3_step(s);
		size_t j = i;
		for (; j < m && v[j].guest == v[i].guest; j++) {
			struct agenda_row *r = &rows[v[j].row];
			if (rc == SQLITE_ROW) {
				r->guest = store_col_text(s, 0);
				r->manager = store_col_text(s, 1);
			}
		}
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			rs = store_sqlfail(st, rc, "agenda names");
		i = j;
	}
	free(v);
	return rs;
}

/* The rows of list_read, whole. */
static enum store_status agenda_rows(struct store *st, const struct tier_rules *rules,
                                     struct date today, int days, const char *staff,
                                     bool simple, struct agenda_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	struct agenda_list l;
	enum store_status rs = list_read(st, rules, today, days, staff, simple, &l);
	if (rs != ST_OK)
		return rs;
	struct agenda_row *v = xcalloc(l.n ? l.n : 1, sizeof *v);
	for (size_t i = 0; i < l.n; i++)
		agenda_list_row(&l, rules, i, &v[i]);
	size_t nv = l.n;
	agenda_list_free(&l);
	if ((rs = agenda_store_names(st, v, nv)) != ST_OK) {
		agenda_rows_free(v, nv);
		return rs;
	}
	*rows = v;
	*n = nv;
	return ST_OK;
}

enum store_status agenda_store_agenda(struct store *st, const struct tier_rules *rules,
                                      struct date today, int days, const char *staff,
                                      struct agenda_row **rows, size_t *n)
{
	return agenda_rows(st, rules, today, days, staff, false, rows, n);
}

enum store_status agenda_store_agenda_simple(struct store *st, const struct tier_rules *rules,
                                             struct date today, int days, const char *staff,
                                             struct agenda_row **rows, size_t *n)
{
	return agenda_rows(st, rules, today, days, staff, true, rows, n);
}

enum store_status agenda_store_is_manager(struct store *st, const char *login, bool *yes)
{
	*yes = false;
	int64_t sid;
	enum store_status rs = store_staff_id(st, login, false, &sid);
	if (rs == ST_NOTFOUND)
		return ST_OK;
	if (rs != ST_OK)
		return rs;
	sqlite3_stmt *s = store_prep(st, manager_any);
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, sid);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	*yes = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_sqlfail(st, rc, "staff");
}

/* The name (malloc'ed, may be NULL) and tier of guest id; ST_NOTFOUND when none. */
static enum store_status read_guest_tier(struct store *st, int64_t id, struct date today,
                                         char tier[8], char **name)
{
	sqlite3_stmt *s = store_prep(st, guest_tier);
	if (!s)
		return ST_IO;
	char mk[8];
	date_month_key(tier_held_month(today), mk); /* the last complete month */
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 10, mk, -1, SQLITE_TRANSIENT);
	enum store_status rs = store_step_ref(st, s, "guest", id);
	if (rs != ST_OK)
		return rs;
	store_col_copy(s, 1, tier, 8);
	if (name)
		*name = store_col_text(s, 0);
	sqlite3_reset(s);
	return ST_OK;
}

enum store_status agenda_store_tier(struct store *st, int64_t guest_id, struct date today,
                                    char tier[8])
{
	tier[0] = '\0';
	return read_guest_tier(st, guest_id, today, tier, NULL);
}

/* Checks optional free text: at most maxlen bytes, no control characters. */
static enum store_status check_text(struct store *st, const char *field, const char *v,
                                    size_t maxlen, bool multiline)
{
	struct error why;
	if (v && text_field_check(v, maxlen, multiline, &why) < 0)
		return store_fail(st, ST_INVALID, "%s: %s", field, why.msg);
	return ST_OK;
}

/* The associated person of guest named by who (relation or name): id and "relation name". */
static enum store_status find_person(struct store *st, int64_t guest, const char *who, int64_t *id,
                                     char **display)
{
	sqlite3_stmt *s =
	    store_prep(st, "SELECT id, relation, name FROM person WHERE guest_id = ?1 "
	                   "AND (relation = ?2 OR name = ?2) ORDER BY id LIMIT 1");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, guest);
	sqlite3_bind_text(s, 2, who, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	enum store_status rs = ST_OK;
	if (rc == SQLITE_ROW) {
		const char *rel = (const char *)sqlite3_column_text(s, 1);
		const char *name = (const char *)sqlite3_column_text(s, 2);
		*id = sqlite3_column_int64(s, 0);
		*display =
		    xasprintf("%s%s%s", rel ? rel : "", rel && name ? " " : "", name ? name : "");
	} else if (rc == SQLITE_DONE) {
		rs = store_fail(st, ST_NOTFOUND,
		                "person: guest %lld has no associated person \"%s\"",
		                (long long)guest, who);
	} else {
		rs = store_sqlfail(st, rc, "person");
	}
	sqlite3_reset(s);
	return rs;
}

/* The special date of an occasion of the guest (person 0) or of person. */
static enum store_status find_date(struct store *st, int64_t guest, int64_t person,
                                   const char *occasion, int64_t *id, int *kind, int *month,
                                   int *day)
{
	sqlite3_stmt *s = store_prep(
	    st, "SELECT id, kind, month, day FROM special_date WHERE guest_id = ?1 "
	        "AND person_id IS ?2 AND (CASE kind WHEN 'other' THEN label ELSE kind END) = ?3 "
	        "ORDER BY id LIMIT 1");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, guest);
	if (person)
		sqlite3_bind_int64(s, 2, person);
	sqlite3_bind_text(s, 3, occasion, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	enum store_status rs = ST_OK;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		int k = date_kind_from_name((const char *)sqlite3_column_text(s, 1));
		*kind = k < 0 ? DATE_OTHER : k;
		*month = sqlite3_column_int(s, 2);
		*day = sqlite3_column_int(s, 3);
	} else if (rc == SQLITE_DONE) {
		rs = ST_NOTFOUND;
	} else {
		rs = store_sqlfail(st, rc, "special date");
	}
	sqlite3_reset(s);
	return rs;
}

/* A gift already recorded for the occasion: ST_DUPLICATE with who and when. */
static enum store_status gift_unique(struct store *st, const struct agenda_gift *g, int64_t person,
                                     const char *whose)
{
	sqlite3_stmt *s = store_prep(
	    st, "SELECT gf.given_at, s.login FROM gift gf JOIN staff s ON s.id = gf.staff_id "
	        "WHERE gf.guest_id = ?1 AND gf.year = ?2 AND gf.occasion = ?3 AND "
	        "(CASE WHEN ?4 IS NULL THEN gf.person IS NULL ELSE gf.person_id = ?4 END) "
	        "ORDER BY gf.id LIMIT 1");
	if (!s)
		return ST_IO;
	sqlite3_bind_int64(s, 1, g->guest_id);
	sqlite3_bind_int(s, 2, g->year);
	sqlite3_bind_text(s, 3, g->occasion, -1, SQLITE_STATIC);
	if (person)
		sqlite3_bind_int64(s, 4, person);
	int rc = sqlite3_step(s);
	enum store_status rs = ST_OK;
	if (rc == SQLITE_ROW) {
		const char *at = (const char *)sqlite3_column_text(s, 0);
		rs =
		    store_fail(st, ST_DUPLICATE,
		               "gift: one for the %s %d of %s is already recorded (by %s on %.10s)",
		               g->occasion, g->year, whose, (const char *)sqlite3_column_text(s, 1),
		               at ? at : "");
	} else if (rc != SQLITE_DONE) {
		rs = store_sqlfail(st, rc, "gift");
	}
	sqlite3_reset(s);
	return rs;
}

enum store_status agenda_store_gift(struct store *st, const struct tier_rules *rules,
                                    struct date today, struct agenda_gift *g)
{
	static const char *ins =
	    "INSERT INTO gift(guest_id, person_id, person, special_date_id, occasion, year, "
	    "value_fen, note, given_at, staff_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	enum store_status rs;
	g->id = 0;
	g->tier[0] = '\0';
	if (!g->occasion || !*g->occasion)
		return store_fail(st, ST_INVALID, "occasion: must not be empty");
	if ((rs = check_text(st, "occasion", g->occasion, 100, false)) != ST_OK ||
	    (rs = check_text(st, "person", g->person, 200, false)) != ST_OK ||
	    (rs = check_text(st, "note", g->note, 500, true)) != ST_OK)
		return rs;
	if (g->year && (g->year < 1900 || g->year > 9999))
		return store_fail(st, ST_INVALID, "year: must be from 1900 to 9999, got %d",
		                  g->year);
	if (g->has_value && (g->value_fen < 0 || g->value_fen > 1000000000000LL))
		return store_fail(st, ST_INVALID, "value: out of range");
	if ((rs = store_begin(st)) != ST_OK)
		return rs;
	char *name = NULL, *person = NULL, *whose = NULL, *desc = NULL;
	int64_t me, person_id = 0, date_id = 0;
	int kind = DATE_OTHER, month = 0, day = 0;
	if ((rs = store_staff_self(st, &me)) != ST_OK ||
	    (rs = read_guest_tier(st, g->guest_id, today, g->tier, &name)) != ST_OK)
		goto out;
	if (g->person && *g->person &&
	    (rs = find_person(st, g->guest_id, g->person, &person_id, &person)) != ST_OK)
		goto out;
	whose = person ? xasprintf("%s of guest %lld", person, (long long)g->guest_id)
	               : xasprintf("guest %lld (%s)", (long long)g->guest_id, name ? name : "");
	rs = find_date(st, g->guest_id, person_id, g->occasion, &date_id, &kind, &month, &day);
	if (rs == ST_NOTFOUND) {
		rs = store_fail(st, ST_NOTFOUND, "occasion: %s has no %s", whose, g->occasion);
		goto out;
	}
	if (rs != ST_OK)
		goto out;
	if (!g->year)
		g->year = agenda_nearest(month, day, today).y;
	if (!g->has_value) {
		const struct tier_privilege *p = rules ? tier_privilege_for(rules, g->tier) : NULL;
		if (!agenda_gift(p, (enum date_kind)kind, person_id != 0, &g->value_fen)) {
			if (g->tier[0])
				rs = store_fail(
				    st, ST_INVALID,
				    "value: tier %s grants no gift for %s; give a value to "
				    "record one anyway",
				    g->tier, g->occasion);
			else
				rs = store_fail(
				    st, ST_INVALID,
				    "value: %s has no tier, so no gift is granted; give a "
				    "value to record one anyway",
				    whose);
			goto out;
		}
	}
	if ((rs = gift_unique(st, g, person_id, whose)) != ST_OK)
		goto out;
	sqlite3_stmt *s = store_prep(st, ins);
	if (!s) {
		rs = ST_IO;
		goto out;
	}
	char money[32];
	sqlite3_bind_int64(s, 1, g->guest_id);
	if (person_id)
		sqlite3_bind_int64(s, 2, person_id);
	store_bind_text(s, 3, person);
	sqlite3_bind_int64(s, 4, date_id);
	sqlite3_bind_text(s, 5, g->occasion, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, g->year);
	sqlite3_bind_int64(s, 7, g->value_fen);
	store_bind_text(s, 8, g->note);
	sqlite3_bind_text(s, 9, store_now(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 10, me);
	desc = xasprintf("guest %lld %s%s%s %d value %s", (long long)g->guest_id, g->occasion,
	                 person ? " of " : "", person ? person : "", g->year,
	                 money_format(g->value_fen, money));
	rs = store_insert_audited(st, s, "gift", desc, &g->id);
out:
	free(name);
	free(person);
	free(whose);
	free(desc);
	return store_end_new(st, rs, &g->id);
}

/* The day given (y == 0: today), which must not be after today. */
static enum store_status past_day(struct store *st, const char *field, struct date *on,
                                  struct date today)
{
	char b1[11], b2[11];
	if (on->y == 0)
		*on = today;
	if (!date_valid(*on))
		return store_fail(st, ST_INVALID, "%s: not a valid date", field);
	if (date_to_days(*on) > date_to_days(today))
		return store_fail(st, ST_INVALID, "%s: %s is after today (%s)", field,
		                  date_format(*on, b1), date_format(today, b2));
	return ST_OK;
}

enum store_status agenda_store_contact(struct store *st, struct date today,
                                       struct agenda_contact *c)
{
	static const char *ins = "INSERT INTO contact(guest_id, staff_id, at, channel, outcome, "
	                         "feedback) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	enum store_status rs;
	c->id = 0;
	if (!c->channel || (strcmp(c->channel, "phone") != 0 && strcmp(c->channel, "visit") != 0 &&
	                    strcmp(c->channel, "wechat") != 0))
		return store_fail(st, ST_INVALID,
		                  "channel: must be phone, visit or wechat, got \"%s\"",
		                  c->channel ? c->channel : "");
	if (!c->outcome || !*c->outcome)
		return store_fail(st, ST_INVALID, "outcome: must not be empty");
	if ((rs = check_text(st, "outcome", c->outcome, 500, true)) != ST_OK ||
	    (rs = check_text(st, "feedback", c->feedback, 2000, true)) != ST_OK ||
	    (rs = past_day(st, "date", &c->on, today)) != ST_OK)
		return rs;
	if ((rs = store_begin(st)) != ST_OK)
		return rs;
	int64_t me;
	char tier[8], at[20], day[11];
	char *desc = NULL;
	if ((rs = store_staff_self(st, &me)) != ST_OK ||
	    (rs = read_guest_tier(st, c->guest_id, today, tier, NULL)) != ST_OK)
		goto out;
	/* the day given, at the time of day now */
	snprintf(at, sizeof at, "%s%s", date_format(c->on, day), store_now(st) + 10);
	sqlite3_stmt *s = store_prep(st, ins);
	if (!s) {
		rs = ST_IO;
		goto out;
	}
	sqlite3_bind_int64(s, 1, c->guest_id);
	sqlite3_bind_int64(s, 2, me);
	sqlite3_bind_text(s, 3, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, c->channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, c->outcome, -1, SQLITE_STATIC);
	store_bind_text(s, 6, c->feedback);
	desc =
	    xasprintf("guest %lld %s %s: %s", (long long)c->guest_id, c->channel, day, c->outcome);
	rs = store_insert_audited(st, s, "contact", desc, &c->id);
out:
	free(desc);
	return store_end_new(st, rs, &c->id);
}

enum store_status agenda_store_banquet(struct store *st, const struct tier_rules *rules,
                                       struct date today, struct agenda_banquet *b)
{
	static const char *ins = "INSERT INTO banquet(guest_id, date, host, tables, budget_fen, "
	                         "actual_fen, note, staff_id, created_at) "
	                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	enum store_status rs;
	b->id = 0;
	b->host[0] = '\0';
	if (b->on.y == 0)
		return store_fail(st, ST_INVALID, "date: the day the banquet was held is required");
	if ((rs = past_day(st, "date", &b->on, today)) != ST_OK ||
	    (rs = check_text(st, "note", b->note, 500, true)) != ST_OK)
		return rs;
	if (b->tables < 0 || b->tables > 999)
		return store_fail(st, ST_INVALID, "tables: must be from 1 to 999, got %d",
		                  b->tables);
	if ((b->has_budget && (b->budget_fen < 0 || b->budget_fen > 1000000000000LL)) ||
	    (b->has_actual && (b->actual_fen < 0 || b->actual_fen > 1000000000000LL)))
		return store_fail(st, ST_INVALID, "%s: out of range",
		                  b->has_budget &&
		                          (b->budget_fen < 0 || b->budget_fen > 1000000000000LL)
		                      ? "budget"
		                      : "actual");
	if ((rs = store_begin(st)) != ST_OK)
		return rs;
	int64_t me;
	char tier[8], day[11], m1[32], m2[32];
	char *desc = NULL;
	if ((rs = store_staff_self(st, &me)) != ST_OK ||
	    (rs = read_guest_tier(st, b->guest_id, today, tier, NULL)) != ST_OK)
		goto out;
	const struct tier_privilege *p = rules ? tier_privilege_for(rules, tier) : NULL;
	if (p)
		snprintf(b->host, sizeof b->host, "%s", p->banquet_host);
	if (!b->has_budget && b->tables > 0 && p && p->banquet_budget_fen > 0) {
		b->budget_fen = b->tables * p->banquet_budget_fen;
		b->has_budget = true;
	}
	sqlite3_stmt *s = store_prep(st, ins);
	if (!s) {
		rs = ST_IO;
		goto out;
	}
	sqlite3_bind_int64(s, 1, b->guest_id);
	sqlite3_bind_text(s, 2, date_format(b->on, day), -1, SQLITE_TRANSIENT);
	store_bind_text(s, 3, b->host);
	if (b->tables > 0)
		sqlite3_bind_int(s, 4, b->tables);
	if (b->has_budget)
		sqlite3_bind_int64(s, 5, b->budget_fen);
	if (b->has_actual)
		sqlite3_bind_int64(s, 6, b->actual_fen);
	store_bind_text(s, 7, b->note);
	sqlite3_bind_int64(s, 8, me);
	sqlite3_bind_text(s, 9, store_now(st), -1, SQLITE_TRANSIENT);
	desc = xasprintf("guest %lld %s tables %d budget %s actual %s", (long long)b->guest_id, day,
	                 b->tables, b->has_budget ? money_format(b->budget_fen, m1) : "-",
	                 b->has_actual ? money_format(b->actual_fen, m2) : "-");
	rs = store_insert_audited(st, s, "banquet", desc, &b->id);
out:
	free(desc);
	return store_end_new(st, rs, &b->id);
}

enum store_status agenda_store_explain(struct store *st, struct strv *out)
{
	static const char *const names[] = {"dates_all",      "dates_staff", "contacts_staff",
	                                    "contacts_all",   "guest_tier",  "manager_any",
	                                    "anonymised_ids", "guest_names", "dates_pass"};
	const char *const all[] = {dates_all,      dates_staff, contacts_staff,
	                           contacts_all,   guest_tier,  manager_any,
	                           anonymised_ids, guest_names, dates_pass};
	enum store_status rs = ST_OK;
	for (size_t i = 0; i < sizeof all / sizeof all[0] && rs == ST_OK; i++)
		rs = store_explain(st, names[i], all[i], out);
	return rs;
}
