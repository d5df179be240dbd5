/* check_merge.c — two guests merged into one (core/guest_merge.c) and taken apart again
 * (store/merge_store.c): the sheet chosen, every related table moved, the old id answering,
 * the audit history, and an unmerge that gives back the very state before. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/guest_merge.h"
#include "core/strv.h"
#include "core/visit.h"
#include "store/audit_store.h"
#include "store/complaint_store.h"
#include "store/guest_store.h"
#include "store/merge_store.h"
#include "store/search_store.h"
#include "store/visit_store.h"
#include "testdb.h"

/* ---- the pure merge ---- */

static void sheet(struct guest *g, const char *name, const char *updated)
{
	guest_init(g);
	guest_set(g, GF_NAME, name);
	g->updated_at = strdup(updated);
}

static const struct merge_diff *diff_of(const struct merge_plan *p, enum guest_field_id f)
{
	for (size_t i = 0; i < p->ndiffs; i++)
		if (p->diffs[i].field == f)
			return &p->diffs[i];
	return NULL;
}

START_TEST(test_fields_newer_by_default)
{
	struct guest k, o;
	sheet(&k, "孙先生", "2026-01-01 10:00:00");
	sheet(&o, "孙总", "2026-05-01 10:00:00");
	guest_set(&k, GF_EMPLOYER, "中信银行");
	guest_set(&o, GF_EMPLOYER, "中信证券");
	guest_set(&k, GF_POSITION, "行长"); /* OTHER's empty never wins */
	guest_set(&o, GF_LOOKS, "高个");    /* KEEP's empty always loses */
	guest_set(&k, GF_GENDER, "male");
	guest_set(&o, GF_GENDER, "male"); /* the same: no difference */
	struct merge_plan p;
	guest_merge(&k, &o, NULL, &p);
	ck_assert_str_eq(p.sheet.f[GF_NAME], "孙总");
	ck_assert_str_eq(p.sheet.f[GF_EMPLOYER], "中信证券");
	ck_assert_str_eq(p.sheet.f[GF_POSITION], "行长");
	ck_assert_str_eq(p.sheet.f[GF_LOOKS], "高个");
	ck_assert_int_eq(p.ndiffs, 4);
	ck_assert_ptr_null(diff_of(&p, GF_GENDER));
	const struct merge_diff *d = diff_of(&p, GF_POSITION);
	ck_assert_ptr_nonnull(d);
	ck_assert(!d->take_other);
	ck_assert_str_eq(d->keep, "行长");
	ck_assert_ptr_null(d->other);
	merge_plan_free(&p);

	/* KEEP newer: its values stay; prefer turns one field */
	free(k.updated_at);
	k.updated_at = strdup("2026-06-01 10:00:00");
	struct merge_prefer pr = {0};
	struct error e;
	ck_assert_int_eq(merge_prefer_parse("other:employer", &pr, &e), 0);
	ck_assert_int_eq(merge_prefer_parse("keep:looks", &pr, &e), 0);
	guest_merge(&k, &o, &pr, &p);
	ck_assert_str_eq(p.sheet.f[GF_NAME], "孙先生");
	ck_assert_str_eq(p.sheet.f[GF_EMPLOYER], "中信证券");
	ck_assert_str_eq(p.sheet.f[GF_LOOKS], "高个"); /* keep:looks cannot keep nothing */
	merge_plan_free(&p);
	ck_assert_int_eq(merge_prefer_parse("other:shoe_size", &pr, &e), -1);
	ck_assert_str_eq(e.msg, "prefer: no field \"shoe_size\"");
	ck_assert_int_eq(merge_prefer_parse("employer", &pr, &e), -1);
	guest_free(&k);
	guest_free(&o);
}
END_TEST

START_TEST(test_lists_united)
{
	struct guest k, o;
	sheet(&k, "孙先生", "2026-01-01 10:00:00");
	sheet(&o, "孙总", "2026-01-01 10:00:00");
	guest_add_phone(&k, "mobile", "13912345678");
	guest_add_phone(&o, "mobile", "+86 139 1234 5678"); /* the same digits */
	guest_add_phone(&o, "office", "01088886666");
	int kp = guest_add_person(&k, "driver", "小李", NULL);
	int op = guest_add_person(&o, "spouse", "王女士", NULL);
	int od = guest_add_person(&o, "Driver", "小李", "开奥迪"); /* the same person, folded */
	guest_add_pref(&k, -1, PREF_ALLERGY, SEV_LOW, "花生");
	guest_add_pref(&o, -1, PREF_ALLERGY, SEV_CRITICAL, "花生"); /* raised */
	guest_add_pref(&o, -1, PREF_TABOO, SEV_HIGH, "猪肉");       /* never dropped */
	guest_add_pref(&k, -1, PREF_TABOO, SEV_HIGH, "酒");
	guest_add_pref(&o, -1, PREF_TABOO, SEV_LOW, "酒");          /* lower: KEEP's stays */
	guest_add_pref(&o, od, PREF_DISH, SEV_NONE, "红烧肉");      /* of KEEP's driver */
	guest_add_pref(&o, op, PREF_TASTE, SEV_NONE, "清淡");
	guest_add_date(&k, -1, DATE_BIRTHDAY, NULL, 0, 5, 12);
	guest_add_date(&o, -1, DATE_BIRTHDAY, NULL, 1970, 5, 12); /* the year learned */
	guest_add_date(&o, op, DATE_BIRTHDAY, NULL, 0, 8, 1);
	guest_add_date(&o, -1, DATE_OTHER, "开业", 0, 9, 9);
	guest_add_tag(&k, "VIP");
	guest_add_tag(&o, "VIP");
	guest_add_tag(&o, "回头客");
	guest_add_note(&k, "爱喝茶");
	int n = guest_add_note(&o, "爱喝茶");
	o.notes.v[n].author = strdup("wang");
	o.notes.v[n].at = strdup("2025-01-01 00:00:00");
	(void)kp;

	struct merge_plan p;
	guest_merge(&k, &o, NULL, &p);
	const struct guest *m = &p.sheet;
	ck_assert_int_eq(m->phones.n, 2);
	ck_assert_str_eq(m->phones.v[1].number, "01088886666");
	ck_assert_int_eq(m->people.n, 2);
	ck_assert_str_eq(m->people.v[1].name, "王女士");
	ck_assert_int_eq(m->prefs.n, 5);
	ck_assert_int_eq(m->prefs.v[0].severity, SEV_CRITICAL); /* 花生, in place */
	ck_assert_int_eq(m->prefs.v[1].severity, SEV_HIGH);     /* 酒 */
	ck_assert_str_eq(m->prefs.v[2].text, "猪肉");
	ck_assert_int_eq(m->prefs.v[2].kind, PREF_TABOO);
	ck_assert_str_eq(m->prefs.v[3].text, "红烧肉");
	ck_assert_int_eq(m->prefs.v[3].person, 0); /* KEEP's driver */
	ck_assert_int_eq(m->prefs.v[4].person, 1); /* the spouse, added */
	ck_assert_int_eq(m->dates.n, 3);
	ck_assert_int_eq(m->dates.v[0].year, 1970);
	ck_assert_int_eq(m->dates.v[1].person, 1);
	ck_assert_str_eq(m->dates.v[2].label, "开业");
	ck_assert_int_eq(m->tags.n, 2);
	ck_assert_int_eq(m->notes.n, 2); /* notes are a record: both */
	ck_assert_str_eq(m->notes.v[1].author, "wang");
	ck_assert_int_eq(m->notes.v[1].id, 0);
	ck_assert_int_eq(p.raised, 2);
	merge_plan_free(&p);
	guest_free(&k);
	guest_free(&o);
}
END_TEST

/* ---- the store ---- */

static struct store *st;

static void setup(void)
{
	setenv("MAITRE_NOW", "2026-06-30 12:00:00", 1);
	setenv("MAITRE_TODAY", "2026-06-30", 1);
	st = testdb_open();
}

static void teardown(void)
{
	unsetenv("MAITRE_NOW");
	unsetenv("MAITRE_TODAY");
	testdb_close(st);
	st = NULL;
}

static int64_t save(struct guest *g)
{
	ck_assert_msg(guest_store_save(st, g, g->version, false, NULL) == ST_OK, "%s",
		      store_errmsg(st));
	return g->id;
}

static int64_t visit(int64_t guest, const char *date, int covers)
{
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = guest;
	snprintf(v.date, sizeof v.date, "%s", date);
	v.meal = MEAL_DINNER;
	v.covers = covers;
	v.spend_fen = covers * 20000;
	ck_assert_msg(visit_store_enter(st, &v, VISIT_ALLOW_OLD) == ST_OK, "%s", store_errmsg(st));
	int64_t id = v.id;
	visit_free(&v);
	return id;
}

static int64_t complaint(int64_t guest)
{
	struct complaint c;
	complaint_init(&c);
	c.guest_id = guest;
	c.category = CC_SERVICE;
	c.severity = SEV_MEDIUM;
	c.channel = CH_PHONE;
	c.description = strdup("上菜太慢");
	ck_assert_msg(complaint_store_add(st, &c) == ST_OK, "%s", store_errmsg(st));
	int64_t id = c.id;
	complaint_free(&c);
	return id;
}

/* Everything of the two guests and their rows, one line a row, each table in key order; of
 * the guest table every column, its version and time too. */
static char *dump(void)
{
	static const char *const sql[] = {
		"SELECT * FROM guest",
		"SELECT * FROM phone", "SELECT * FROM person", "SELECT * FROM preference",
		"SELECT * FROM special_date", "SELECT * FROM tag", "SELECT * FROM note",
		"SELECT * FROM visit", "SELECT * FROM complaint", "SELECT * FROM complaint_event",
		"SELECT * FROM alert", "SELECT * FROM alert_action", "SELECT * FROM contact",
		"SELECT * FROM gift", "SELECT * FROM banquet", "SELECT * FROM tier_override",
		"SELECT * FROM tier_month_row", "SELECT * FROM guest_month",
		"SELECT * FROM guest_last", "SELECT * FROM search_key",
		"SELECT rowid, text FROM search_text", "SELECT * FROM search_probe",
	};
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open_v2(testdb_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	struct sbuf b = {0};
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		char *q = sqlite3_mprintf("%s ORDER BY 1, 2", sql[i]);
		sqlite3_stmt *s;
		ck_assert_msg(sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK, "%s",
			      sqlite3_errmsg(db));
		sqlite3_free(q);
		sbuf_printf(&b, "== %s\n", sql[i]);
		while (sqlite3_step(s) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const unsigned char *t = sqlite3_column_text(s, c);
				sbuf_printf(&b, "%s|", t ? (const char *)t : "NULL");
			}
			sbuf_addc(&b, '\n');
		}
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return sbuf_detach(&b);
}

/* Two guests with something in every related table. */
static void populate(int64_t *keep, int64_t *other)
{
	struct guest k, o;
	guest_init(&k);
	guest_set(&k, GF_NAME, "孙先生");
	guest_set(&k, GF_EMPLOYER, "中信银行");
	guest_add_phone(&k, "mobile", "13912345678");
	guest_add_pref(&k, -1, PREF_ALLERGY, SEV_LOW, "花生");
	guest_add_tag(&k, "VIP");
	guest_add_note(&k, "爱喝茶");
	guest_add_person(&k, "driver", "小李", NULL);
	*keep = save(&k);
	setenv("MAITRE_NOW", "2026-06-30 12:10:00", 1);
	guest_init(&o);
	guest_set(&o, GF_NAME, "孙总");
	guest_set(&o, GF_EMPLOYER, "中信证券");
	guest_set(&o, GF_LOOKS, "高个");
	guest_add_phone(&o, "mobile", "13800001111");
	guest_add_pref(&o, -1, PREF_ALLERGY, SEV_CRITICAL, "花生");
	guest_add_pref(&o, -1, PREF_TABOO, SEV_HIGH, "猪肉");
	int sp = guest_add_person(&o, "spouse", "王女士", NULL);
	guest_add_date(&o, -1, DATE_BIRTHDAY, NULL, 1970, 5, 12);
	guest_add_date(&o, sp, DATE_BIRTHDAY, NULL, 0, 8, 1);
	guest_add_tag(&o, "回头客");
	guest_add_note(&o, "坐靠窗");
	*other = save(&o);
	guest_free(&k);
	guest_free(&o);

	visit(*keep, "2026-03-10", 2);
	visit(*other, "2026-04-15", 4);
	visit(*other, "2026-05-20", 6);
	complaint(*keep);
	complaint(*other); /* both with an open complaint */
	char sql[4000];
	snprintf(sql, sizeof sql,
		 "INSERT INTO alert(guest_id, month, light, reason, created_at) VALUES "
		 "(%lld, '2026-05', 'red', 'gone', '2026-06-01 00:00:00'), "
		 "(%lld, '2026-05', 'yellow', 'less', '2026-06-01 00:00:00');"
		 "INSERT INTO alert_action(alert_id, no, text) VALUES (2, 1, '打电话');"
		 "INSERT INTO contact(guest_id, staff_id, at, channel, outcome) VALUES "
		 "(%lld, 1, '2026-06-02 10:00:00', 'phone', '好');"
		 "INSERT INTO gift(guest_id, occasion, year, given_at, staff_id) VALUES "
		 "(%lld, 'birthday', 2026, '2026-05-12', 1);"
		 "INSERT INTO banquet(guest_id, date, staff_id, created_at) VALUES "
		 "(%lld, '2026-07-01', 1, '2026-06-01 00:00:00');"
		 "INSERT INTO tier_rules_version(hash, content, first_used) VALUES ('h', '', 'x');"
		 "INSERT INTO tier_override(guest_id, tier, reason, created_by, created_at, "
		 "from_month) VALUES (%lld, 'A', '老客户', 1, '2026-05-01', '2026-05');"
		 "INSERT INTO tier_month_gen VALUES ('2026-05', 1, 2, 1);"
		 "INSERT INTO tier_month_row(month, guest_id, gen, tier, source, months, visits, "
		 "covers, spend_fen, m_visits, m_covers, m_spend_fen, rules_version, computed_at) "
		 "VALUES ('2026-05', %lld, 1, 'B', 'rules', 1, 1, 2, 0, 0, 0, 0, 1, 'x'), "
		 "('2026-05', %lld, 1, 'A', 'override', 2, 2, 10, 0, 1, 6, 0, 1, 'x');",
		 (long long)*keep, (long long)*other, (long long)*other, (long long)*other,
		 (long long)*other, (long long)*other, (long long)*keep, (long long)*other);
	testdb_exec(sql);
	setenv("MAITRE_NOW", "2026-06-30 13:00:00", 1);
}

START_TEST(test_merge_and_unmerge_every_table)
{
	int64_t keep, other;
	populate(&keep, &other);
	char *before = dump();

	struct merge_prefer pr = {0};
	struct merge_result r;
	ck_assert_msg(merge_store_merge(st, keep, other, &pr, &r) == ST_OK, "%s", store_errmsg(st));
	ck_assert_int_eq(r.merge_id, 1);
	ck_assert_int_eq(r.moved[MT_VISIT], 2);
	ck_assert_int_eq(r.moved[MT_COMPLAINT], 1);
	ck_assert_int_eq(r.moved[MT_ALERT], 1);
	ck_assert_int_eq(r.moved[MT_CONTACT], 1);
	ck_assert_int_eq(r.moved[MT_GIFT], 1);
	ck_assert_int_eq(r.moved[MT_BANQUET], 1);
	ck_assert_int_eq(r.moved[MT_TIER_OVERRIDE], 1);
	ck_assert_int_eq(r.alert_closed, 2); /* KEEP had its own open */
	ck_assert_int_eq(r.months.n, 1);
	ck_assert_str_eq(r.months.v[0], "2026-05");
	merge_result_free(&r);

	char q[300];
	snprintf(q, sizeof q, "SELECT count(*) FROM visit WHERE guest_id = %lld", (long long)keep);
	ck_assert_int_eq(testdb_int(q), 3);
	snprintf(q, sizeof q,
		 "SELECT count(*) FROM complaint WHERE guest_id = %lld AND status = 'open'",
		 (long long)keep);
	ck_assert_int_eq(testdb_int(q), 2); /* both open complaints, on KEEP */
	snprintf(q, sizeof q, "SELECT visits FROM guest_month WHERE guest_id = %lld AND "
			      "month = '2026-05'", (long long)keep);
	ck_assert_int_eq(testdb_int(q), 1);
	snprintf(q, sizeof q, "SELECT count(*) FROM guest_month WHERE guest_id = %lld",
		 (long long)other);
	ck_assert_int_eq(testdb_int(q), 0);
	snprintf(q, sizeof q, "SELECT date = '2026-05-20' FROM guest_last WHERE guest_id = %lld",
		 (long long)keep);
	ck_assert_int_eq(testdb_int(q), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM alert WHERE closed_at IS NULL"), 1);

	/* KEEP's sheet: the newer's values, the lists united, the allergy raised */
	struct guest g;
	ck_assert_int_eq(guest_store_get(st, keep, &g), ST_OK);
	ck_assert_str_eq(g.f[GF_NAME], "孙总");
	ck_assert_str_eq(g.f[GF_LOOKS], "高个");
	ck_assert_int_eq(g.phones.n, 2);
	ck_assert_int_eq(g.prefs.n, 2);
	ck_assert_str_eq(g.prefs.v[0].text, "花生");
	ck_assert_int_eq(g.prefs.v[0].severity, SEV_CRITICAL);
	ck_assert_int_eq(g.people.n, 2);
	ck_assert_int_eq(g.dates.n, 2);
	ck_assert_int_eq(g.dates.v[1].person, 1);
	ck_assert_int_eq(g.tags.n, 2);
	ck_assert_int_eq(g.notes.n, 2);
	guest_free(&g);

	/* the old id answers as KEEP's; search finds KEEP only, by OTHER's phone too */
	int64_t to;
	ck_assert_int_eq(guest_store_resolve(st, other, &to), ST_OK);
	ck_assert_int_eq(to, keep);
	ck_assert_int_eq(guest_store_resolve(st, keep, &to), ST_OK);
	ck_assert_int_eq(to, keep);
	ck_assert_int_eq(guest_store_resolve(st, 999, &to), ST_NOTFOUND);
	struct search_hit hits[10];
	size_t n;
	ck_assert_int_eq(search_store_find(st, "13800001111", 0, 10, hits, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(hits[0].guest_id, keep);
	ck_assert_int_eq(search_store_find(st, "sunzong", 0, 10, hits, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(hits[0].guest_id, keep);
	/* nothing is written to the merged guest itself */
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = other;
	snprintf(v.date, sizeof v.date, "2026-06-01");
	v.covers = 1;
	ck_assert_int_eq(visit_store_enter(st, &v, 0), ST_CONFLICT);
	char want[80];
	snprintf(want, sizeof want, "guest: guest %lld was merged into %lld", (long long)other,
		 (long long)keep);
	ck_assert_str_eq(store_errmsg(st), want);
	visit_free(&v);

	/* KEEP's history holds OTHER's sheet rows, its visits' and the merge's */
	struct audit_filter f = {.guest_id = keep, .oldest_first = true};
	struct audit_row *rows;
	size_t nrows;
	ck_assert_int_eq(audit_store_list(st, &f, NULL, NULL, &rows, &nrows), ST_OK);
	bool other_create = false, merge_row = false;
	for (size_t i = 0; i < nrows; i++) {
		other_create |= rows[i].entity_id == other && strcmp(rows[i].action, "create") == 0;
		merge_row |= rows[i].op && strcmp(rows[i].op, "merge") == 0;
	}
	audit_rows_free(rows, nrows);
	ck_assert(other_create);
	ck_assert(merge_row);

	/* unmerge: the very state before */
	struct unmerge_result u;
	ck_assert_msg(merge_store_unmerge(st, 1, &u) == ST_OK, "%s", store_errmsg(st));
	ck_assert_int_eq(u.moved, 8);
	unmerge_result_free(&u);
	char *after = dump();
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	ck_assert_int_eq(merge_store_unmerge(st, 1, &u), ST_INVALID);
	unmerge_result_free(&u);
	ck_assert_int_eq(guest_store_resolve(st, other, &to), ST_OK);
	ck_assert_int_eq(to, other);
	/* KEEP's history, which showed the merge, shows its undoing */
	ck_assert_int_eq(audit_store_list(st, &f, NULL, NULL, &rows, &nrows), ST_OK);
	bool unmerge_row = false;
	for (size_t i = 0; i < nrows; i++)
		unmerge_row |= rows[i].entity_id == keep && strcmp(rows[i].action, "unmerge") == 0;
	audit_rows_free(rows, nrows);
	ck_assert(unmerge_row);
}
END_TEST

START_TEST(test_unmerge_refused_after_an_edit)
{
	int64_t keep, other;
	populate(&keep, &other);
	struct merge_result r;
	ck_assert_int_eq(merge_store_merge(st, keep, other, NULL, &r), ST_OK);
	merge_result_free(&r);
	setenv("MAITRE_NOW", "2026-07-01 09:30:00", 1);
	struct guest g;
	ck_assert_int_eq(guest_store_get(st, keep, &g), ST_OK);
	guest_set(&g, GF_POSITION, "行长");
	save(&g);
	guest_free(&g);
	struct unmerge_result u;
	ck_assert_int_eq(merge_store_unmerge(st, 1, &u), ST_CONFLICT);
	unmerge_result_free(&u);
	char want[200];
	snprintf(want, sizeof want, "guest %lld was edited 2026-07-01 09:30:00 by %s (update) since "
				    "the merge", (long long)keep, store_actor(st));
	ck_assert_str_eq(store_errmsg(st), want);
}
END_TEST

START_TEST(test_chains_and_same_guest)
{
	struct guest a, b, c;
	guest_init(&a);
	guest_init(&b);
	guest_init(&c);
	guest_set(&a, GF_NAME, "甲");
	guest_set(&b, GF_NAME, "乙");
	guest_set(&c, GF_NAME, "丙");
	save(&a);
	save(&b);
	save(&c);
	struct merge_result r;
	ck_assert_int_eq(merge_store_merge(st, b.id, a.id, NULL, &r), ST_OK); /* A into B */
	merge_result_free(&r);
	ck_assert_int_eq(merge_store_merge(st, c.id, b.id, NULL, &r), ST_OK); /* B into C */
	merge_result_free(&r);
	int64_t to;
	ck_assert_int_eq(guest_store_resolve(st, a.id, &to), ST_OK);
	ck_assert_int_eq(to, c.id);
	ck_assert_int_eq(merge_store_merge(st, a.id, c.id, NULL, &r), ST_INVALID);
	merge_result_free(&r);
	/* the first merge cannot be undone while the later one stands */
	struct unmerge_result u;
	ck_assert_int_eq(merge_store_unmerge(st, 1, &u), ST_CONFLICT);
	ck_assert_str_eq(store_errmsg(st), "merge 2 involves guest 2 or 1 since: unmerge it first");
	unmerge_result_free(&u);
	ck_assert_int_eq(merge_store_unmerge(st, 2, &u), ST_OK);
	unmerge_result_free(&u);
	ck_assert_int_eq(merge_store_unmerge(st, 1, &u), ST_OK);
	unmerge_result_free(&u);
	ck_assert_int_eq(guest_store_resolve(st, a.id, &to), ST_OK);
	ck_assert_int_eq(to, a.id);
	guest_free(&a);
	guest_free(&b);
	guest_free(&c);
}
END_TEST

/* A gift given to one of OTHER's people is that person's on KEEP's sheet after the merge (the
 * agenda finds it given: not given twice), and OTHER's person's again after the unmerge. */
START_TEST(test_gift_of_a_person_follows)
{
	int64_t keep, other;
	populate(&keep, &other);
	char q[400];
	snprintf(q, sizeof q,
		 "INSERT INTO gift(guest_id, person_id, person, occasion, year, given_at, staff_id) "
		 "SELECT %lld, id, 'spouse 王女士', 'birthday', 2026, '2026-06-01', 1 FROM person "
		 "WHERE guest_id = %lld",
		 (long long)other, (long long)other);
	testdb_exec(q);
	char *before = dump();
	struct merge_result r;
	ck_assert_msg(merge_store_merge(st, keep, other, NULL, &r) == ST_OK, "%s", store_errmsg(st));
	merge_result_free(&r);
	snprintf(q, sizeof q,
		 "SELECT count(*) FROM gift gf JOIN person p ON p.id = gf.person_id WHERE "
		 "gf.guest_id = %lld AND p.guest_id = %lld AND p.name = '王女士'",
		 (long long)keep, (long long)keep);
	ck_assert_int_eq(testdb_int(q), 1);
	struct unmerge_result u;
	ck_assert_msg(merge_store_unmerge(st, 1, &u) == ST_OK, "%s", store_errmsg(st));
	unmerge_result_free(&u);
	char *after = dump();
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("merge");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_fields_newer_by_default);
	tcase_add_test(core, test_lists_united);
	suite_add_tcase(s, core);
	TCase *store = tcase_create("store");
	tcase_add_checked_fixture(store, setup, teardown);
	tcase_set_timeout(store, 60);
	tcase_add_test(store, test_merge_and_unmerge_every_table);
	tcase_add_test(store, test_unmerge_refused_after_an_edit);
	tcase_add_test(store, test_chains_and_same_guest);
	tcase_add_test(store, test_gift_of_a_person_follows);
	suite_add_tcase(s, store);
	return s;
}

int main(void)
{
	return testdb_run(suite());
}
