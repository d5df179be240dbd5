/* check_store.c — unit tests of the store: schema, guests, search, visits, locking, backup.
 * Each test works on its own database file in a fresh temporary directory. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alert.h"
#include "core/guest.h"
#include "core/strv.h"
#include "core/visit.h"
#include "store/alert_store.h"
#include "store/guest_store.h"
#include "store/search_store.h"
#include "store/staff_store.h"
#include "store/store.h"
#include "store/store_bulk.h"
#include "store/tier_rules_store.h"
#include "store/visit_store.h"

#include "schema_undo.h"
#include "testdb.h"

static struct store *st;

static void setup(void)
{
	st = testdb_open();
}

static void teardown(void)
{
	testdb_close(st);
	st = NULL;
}


static int64_t add_guest(const char *name, const char *family, const char *phone,
			 const char *employer)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, name);
	guest_set(&g, GF_FAMILY_NAME, family);
	guest_set(&g, GF_EMPLOYER, employer);
	if (phone)
		guest_add_phone(&g, "mobile", phone);
	ck_assert_msg(guest_store_save(st, &g, 0, false, NULL) == ST_OK, "%s", store_errmsg(st));
	int64_t id = g.id;
	guest_free(&g);
	return id;
}

static int64_t add_visit(int64_t guest, const char *date, enum meal m, int covers, int64_t fen);

/* The ids a query finds, in order, as "1 2 3". */
static char *find(const char *q, size_t offset, size_t limit)
{
	struct search_hit hits[100];
	size_t n = 0;
	ck_assert_msg(search_store_find(st, q, offset, limit, hits, &n) == ST_OK, "%s",
		      store_errmsg(st));
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&b, "%s%lld", i ? " " : "", (long long)hits[i].guest_id);
	return sbuf_detach(&b);
}

#define ck_find(q, expect)                                   \
	do {                                                 \
		char *got_ = find(q, 0, 20);                 \
		ck_assert_msg(strcmp(got_, expect) == 0,     \
			      "find \"%s\": got \"%s\", want \"%s\"", q, got_, expect); \
		free(got_);                                  \
	} while (0)

/* ---- schema ---- */

START_TEST(test_new_database)
{
	struct stat sb;
	ck_assert_int_eq(stat(testdb_path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(testdb_int("PRAGMA application_id"), 0x4D545245);
	ck_assert_int_eq(testdb_int("SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	/* the seven don't-ask topics are marked sensitive in the schema */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM field_meta WHERE sensitive"), 7);
	ck_assert_int_eq(testdb_int("SELECT sensitive FROM field_meta WHERE col = 'religion'"), 1);
	ck_assert_int_eq(testdb_int("SELECT sensitive FROM field_meta WHERE col = 'employer'"), 0);
}
END_TEST

START_TEST(test_group_shared_dir)
{
	char sub[400], p2[450];
	struct error err;
	struct store *s2;
	struct stat sb;
	snprintf(sub, sizeof sub, "%s/shared", testdb_dir);
	ck_assert_int_eq(mkdir(sub, 0770), 0);
	ck_assert_int_eq(chmod(sub, 02770), 0);
	snprintf(p2, sizeof p2, "%s/g.db", sub);
	ck_assert_int_eq(store_open(p2, STORE_CREATE, &s2, &err), ST_OK);
	store_close(s2);
	ck_assert_int_eq(stat(p2, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0660);
}
END_TEST

START_TEST(test_open_errors)
{
	char p2[400];
	struct error err;
	struct store *s2 = (struct store *)1;
	snprintf(p2, sizeof p2, "%s/missing.db", testdb_dir);
	ck_assert_int_eq(store_open(p2, 0, &s2, &err), ST_NOTFOUND);
	ck_assert_ptr_null(s2);
	ck_assert_ptr_nonnull(strstr(err.msg, "maitre init"));
	ck_assert_int_eq(err.code, ST_NOTFOUND); /* the message's code is the status */

	/* a text file is not a database */
	snprintf(p2, sizeof p2, "%s/garbage.db", testdb_dir);
	FILE *f = fopen(p2, "w");
	fputs("this is not sqlite, just some words to fill a page .................................."
	      "...............................................................................", f);
	fclose(f);
	ck_assert_int_eq(store_open(p2, 0, &s2, &err), ST_CORRUPT);

	/* another application's SQLite file is refused, not migrated */
	snprintf(p2, sizeof p2, "%s/other.db", testdb_dir);
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(p2, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA user_version=3;", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(store_open(p2, STORE_CREATE, &s2, &err), ST_CORRUPT);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a maitre database"));
	ck_assert_int_eq(err.code, ST_CORRUPT);

	/* ... also one that never set a user_version: tables at version 0 are not maitre's */
	snprintf(p2, sizeof p2, "%s/other0.db", testdb_dir);
	ck_assert_int_eq(sqlite3_open(p2, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t(x);", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(store_open(p2, STORE_CREATE, &s2, &err), ST_CORRUPT);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a maitre database"));
	ck_assert_ptr_null(s2);
}
END_TEST

START_TEST(test_migrate_from_every_version)
{
	/* version 0 is an empty file: every migration runs, in one transaction */
	for (int from = 0; from < store_schema_latest(); from++) {
		char p2[400];
		struct error err;
		struct store *s2;
		snprintf(p2, sizeof p2, "%s/v%d.db", testdb_dir, from);
		sqlite3 *db;
		ck_assert_int_eq(sqlite3_open(p2, &db), SQLITE_OK);
		sqlite3_close(db);
		ck_assert_int_eq(store_open(p2, STORE_CREATE, &s2, &err), ST_OK);
		ck_assert_int_eq(store_schema_version(s2), store_schema_latest());
		store_close(s2);
		/* reopening does not migrate again */
		ck_assert_int_eq(store_open(p2, 0, &s2, &err), ST_OK);
		store_close(s2);
	}
}
END_TEST

START_TEST(test_newer_schema_refused)
{
	struct error err;
	struct store *s2;
	store_close(st);
	st = NULL;
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(testdb_path, &db), SQLITE_OK);
	char q[64];
	snprintf(q, sizeof q, "PRAGMA user_version=%d", store_schema_latest() + 1);
	ck_assert_int_eq(sqlite3_exec(db, q, 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(store_open(testdb_path, 0, &s2, &err), ST_CORRUPT);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer"));
	ck_assert_int_eq(store_open(testdb_path, STORE_CREATE, &st, &err), ST_CORRUPT);
	st = NULL;
}
END_TEST

/* ---- guests ---- */

static void full_guest(struct guest *g)
{
	guest_init(g);
	guest_set(g, GF_NAME, "孙先生");
	guest_set(g, GF_FAMILY_NAME, "孙");
	guest_set(g, GF_GIVEN_NAME, "建国");
	guest_set(g, GF_GENDER, "male");
	guest_set(g, GF_EMPLOYER, "亳州市永盛信息科技有限公司");
	guest_set(g, GF_HEIGHT_CM, "176");
	guest_set(g, GF_SALES_MANAGER, "lina");
	guest_set(g, GF_ETHNICITY, "回族");
	guest_add_phone(g, "mobile", "139 1234 5678");
	guest_add_phone(g, "landline", "0558-5551234");
	guest_add_pref(g, -1, PREF_TABOO, SEV_HIGH, "猪肉");
	guest_add_pref(g, -1, PREF_ALLERGY, SEV_CRITICAL, "花生");
	guest_add_pref(g, -1, PREF_DISH, SEV_NONE, "东山老鹅");
	guest_add_date(g, -1, DATE_BIRTHDAY, NULL, 1978, 9, 14);
	int p = guest_add_person(g, "driver", "小王", "开黑色奥迪");
	guest_add_pref(g, p, PREF_TASTE, SEV_NONE, "偏辣");
	guest_add_date(g, p, DATE_BIRTHDAY, NULL, 0, 2, 29);
	guest_add_tag(g, "VIP");
	guest_add_note(g, "不喜欢表达意见");
}

START_TEST(test_guest_roundtrip)
{
	struct guest g, r;
	full_guest(&g);
	ck_assert_int_eq(guest_store_save(st, &g, 0, false, NULL), ST_OK);
	ck_assert_int_gt(g.id, 0);
	ck_assert_int_eq(g.version, 1);
	ck_assert_int_eq(guest_store_get(st, g.id, &r), ST_OK);
	ck_assert_str_eq(r.f[GF_NAME], "孙先生");
	ck_assert_str_eq(r.f[GF_HEIGHT_CM], "176");
	ck_assert_str_eq(r.f[GF_SALES_MANAGER], "lina");
	ck_assert_ptr_null(r.f[GF_RELIGION]);
	ck_assert_uint_eq(r.phones.n, 2);
	ck_assert_str_eq(r.phones.v[1].number, "0558-5551234");
	ck_assert_uint_eq(r.prefs.n, 4);
	ck_assert_int_eq(r.prefs.v[1].kind, PREF_ALLERGY);
	ck_assert_int_eq(r.prefs.v[1].severity, SEV_CRITICAL);
	ck_assert_uint_eq(r.people.n, 1);
	ck_assert_str_eq(r.people.v[0].notes, "开黑色奥迪");
	/* the person's preference and birthday point at the person */
	ck_assert_int_eq(r.prefs.v[3].person, 0);
	ck_assert_int_eq(r.dates.v[1].person, 0);
	ck_assert_int_eq(r.dates.v[1].year, 0);
	ck_assert_int_eq(r.dates.v[1].month, 2);
	ck_assert_int_eq(r.dates.v[0].year, 1978);
	ck_assert_str_eq(r.tags.v[0], "VIP");
	ck_assert_str_eq(r.notes.v[0].text, "不喜欢表达意见");
	ck_assert_ptr_nonnull(r.notes.v[0].author);
	/* one audit row for the creation, by this login */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'guest' AND action = 'create'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit a JOIN staff s ON s.id = a.staff_id "
				 "WHERE a.action = 'create' "
				 "AND s.login = (SELECT login FROM staff ORDER BY id LIMIT 1)"), 1);
	guest_free(&g);
	guest_free(&r);
}
END_TEST

/* A new guest is audited like an edit of the empty guest: the create row with the name, then a
 * row for each field set and each item of each list, the allergy and the taboo among them. */
START_TEST(test_guest_create_audited)
{
	struct guest g;
	full_guest(&g);
	ck_assert_int_eq(guest_store_save(st, &g, 0, false, NULL), ST_OK);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'create' "
				 "AND field IS NULL AND new = '孙先生'"), 1);
	/* the fields: every one set but the name, from nothing */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'update'"), 7);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'update' "
				 "AND old IS NULL AND field = 'height_cm' AND new = '176'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'update' "
				 "AND field = 'sales_manager' AND new = 'lina'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE field = 'name'"), 0);
	/* the lists, item by item */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'add' AND field = 'phone'"), 2);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'add' "
				 "AND field = 'preference'"), 4);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'add' "
				 "AND field = 'preference' AND new LIKE '%花生%' AND new LIKE '%critical%'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'add' "
				 "AND field = 'preference' AND new LIKE '%猪肉%'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'add' AND field = 'person'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'add' "
				 "AND field = 'special_date'"), 2);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'add' AND field = 'tag' "
				 "AND new = 'VIP'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'add' AND field = 'note'"), 1);
	/* all of it the guest's */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity != 'guest'"), 0);
	char sql[100];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entity_id != %lld", (long long)g.id);
	ck_assert_int_eq(testdb_int(sql), 0);
	guest_free(&g);
}
END_TEST

START_TEST(test_guest_update_audit_and_diff)
{
	struct guest g, r;
	full_guest(&g);
	ck_assert_int_eq(guest_store_save(st, &g, 0, false, NULL), ST_OK);
	testdb_exec("DELETE FROM audit"); /* the creation's rows: what follows counts the edit's */
	int64_t phone0 = g.phones.v[0].id;
	guest_set(&g, GF_POSITION, "副总经理");
	guest_set(&g, GF_HEIGHT_CM, "177");
	guest_remove_phone(&g, 1);
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_HIGH, "贝类");
	free(g.prefs.v[2].text);
	g.prefs.v[2].text = strdup("羊肉糊汤面");
	ck_assert_int_eq(guest_store_save(st, &g, 1, false, NULL), ST_OK);
	ck_assert_int_eq(g.version, 2);
	ck_assert_int_eq(guest_store_get(st, g.id, &r), ST_OK);
	ck_assert_int_eq(r.version, 2);
	ck_assert_str_eq(r.f[GF_POSITION], "副总经理");
	ck_assert_uint_eq(r.phones.n, 1);
	ck_assert_int_eq(r.phones.v[0].id, phone0); /* unchanged items keep their ids */
	ck_assert_uint_eq(r.prefs.n, 5);
	ck_assert_str_eq(r.prefs.v[2].text, "羊肉糊汤面");
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'update' AND field = 'height_cm' "
				 "AND old = '176' AND new = '177'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'update' AND field = 'position' "
				 "AND old IS NULL"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'remove' AND field = 'phone'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'add' AND field = 'preference'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'change' AND field = 'preference'"), 1);
	/* unchanged fields write no audit rows */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE field = 'employer'"), 0);

	/* removing the person removes their preference and birthday too */
	guest_remove_person(&r, 0);
	ck_assert_int_eq(guest_store_save(st, &r, 2, false, NULL), ST_OK);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM person"), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM preference WHERE person_id IS NOT NULL"), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM special_date"), 1);
	guest_free(&g);
	guest_free(&r);
}
END_TEST

/* A value of field f that validation takes, at its limit (high: the other end). */
static void field_value_at_limit(const struct guest_field *f, bool high, char *buf, size_t len)
{
	switch (f->type) {
	case FT_INT:
		snprintf(buf, len, "%d", high ? f->max : f->min);
		break;
	case FT_ENUM:
		snprintf(buf, len, "%s", f->choices->v[high ? f->choices->n - 1 : 0].code);
		break;
	case FT_STAFF:
		snprintf(buf, len, "%s", high ? "wangwei" : "lina");
		break;
	case FT_DATE: /* from 1900 to today */
		snprintf(buf, len, "%s", high ? "2026-01-31" : "1900-01-01");
		break;
	default: /* as long as it may be, or one character */
		snprintf(buf, len, "%s", "字");
		for (size_t i = 1; high && i < f->len && strlen(buf) + 4 < len; i++)
			strcat(buf, "字");
	}
}

/* Every field of GUEST_FIELDS has its column (a migration added it): stored and read back, its
 * change audited under its key; and the schema takes whatever validation lets in, at both ends
 * of each field's limits (the CHECKs of the first migration never refuse a valid sheet). */
START_TEST(test_guest_every_field)
{
	struct guest g, r;
	static char v[GF_COUNT][GUEST_LONG_MAX * 4 + 1];
	guest_init(&g);
	for (int i = 0; i < GF_COUNT; i++) {
		field_value_at_limit(&guest_fields[i], false, v[i], sizeof v[i]);
		guest_set(&g, (enum guest_field_id)i, v[i]);
	}
	ck_assert_msg(guest_store_save(st, &g, 0, false, NULL) == ST_OK, "%s", store_errmsg(st));
	/* each set at the creation audited too: the name in the create row, the others from
	 * nothing */
	for (int i = 0; i < GF_COUNT; i++) {
		char sql[200];
		if (i == GF_NAME)
			snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'create'");
		else
			snprintf(sql, sizeof sql,
				 "SELECT count(*) FROM audit WHERE action = 'update' AND field = '%s' "
				 "AND old IS NULL",
				 guest_fields[i].key);
		ck_assert_msg(testdb_int(sql) == 1, "%s: not audited at creation", guest_fields[i].key);
	}
	testdb_exec("DELETE FROM audit");
	for (int i = 0; i < GF_COUNT; i++) {
		field_value_at_limit(&guest_fields[i], true, v[i], sizeof v[i]);
		guest_set(&g, (enum guest_field_id)i, v[i]);
	}
	ck_assert_msg(guest_store_save(st, &g, 1, false, NULL) == ST_OK, "%s", store_errmsg(st));
	ck_assert_int_eq(guest_store_get(st, g.id, &r), ST_OK);
	for (int i = 0; i < GF_COUNT; i++) {
		char sql[200];
		ck_assert_msg(r.f[i] && strcmp(r.f[i], v[i]) == 0, "%s read back as %s",
			      guest_fields[i].key, r.f[i] ? r.f[i] : "NULL");
		snprintf(sql, sizeof sql,
			 "SELECT count(*) FROM audit WHERE action = 'update' AND field = '%s'",
			 guest_fields[i].key);
		ck_assert_msg(testdb_int(sql) == 1, "%s: no audit row", guest_fields[i].key);
	}
	guest_free(&g);
	guest_free(&r);
}
END_TEST

/* Search finds a guest by the text of the fields GUEST_FIELDS marks GS_TEXT, and by no other. */
START_TEST(test_search_follows_field_list)
{
	int searched = 0;
	for (int i = 0; i < GF_COUNT; i++) {
		const struct guest_field *f = &guest_fields[i];
		if (f->type != FT_TEXT && f->type != FT_LONG)
			continue;
		struct guest g;
		char want[32];
		guest_init(&g);
		guest_set(&g, GF_NAME, i == GF_NAME ? "牡丹厅东" : "孙先生");
		guest_set(&g, (enum guest_field_id)i, "牡丹厅东");
		ck_assert_msg(guest_store_save(st, &g, 0, false, NULL) == ST_OK, "%s",
			      store_errmsg(st));
		snprintf(want, sizeof want, "%lld", (long long)g.id);
		char *got = find("丹厅东", 0, 20);
		if (f->search == GS_TEXT || i == GF_NAME) {
			ck_assert_msg(strcmp(got, want) == 0, "%s: found %s", f->key, got);
			searched += f->search == GS_TEXT;
		} else if (i != GF_FAMILY_NAME && i != GF_GIVEN_NAME) {
			ck_assert_msg(strcmp(got, "") == 0, "%s: found %s", f->key, got);
		}
		free(got);
		guest_set(&g, (enum guest_field_id)i, NULL); /* found no more */
		guest_set(&g, GF_NAME, "孙先生");
		ck_assert_msg(guest_store_save(st, &g, 1, false, NULL) == ST_OK, "%s: %s", f->key,
			      store_errmsg(st));
		guest_free(&g);
	}
	ck_assert_int_gt(searched, 0); /* the employer at least */
}
END_TEST

/* A save by someone who may not see the sensitive parts (issue 15), of a sheet read masked:
 * the stored income, health and birth year stay, whatever the sheet held, and no audit row
 * says they changed; what they may change is saved. */
START_TEST(test_save_keeping_sensitive)
{
	struct guest a, b, r;
	full_guest(&a);
	guest_set(&a, GF_INCOME, "月入五万");
	guest_set(&a, GF_HEALTH, "糖尿病");
	ck_assert_int_eq(guest_store_save(st, &a, 0, false, NULL), ST_OK);
	guest_field_set keep = guest_sensitive(0);
	ck_assert(keep & GUEST_FIELD_BIT(GF_INCOME));
	ck_assert(keep & GUEST_BIRTH_YEAR);
	ck_assert(!(keep & GUEST_FIELD_BIT(GF_EMPLOYER)));
	ck_assert_int_eq(guest_store_get(st, a.id, &b), ST_OK);
	guest_mask(&b, keep, NULL);
	ck_assert_ptr_null(b.f[GF_INCOME]);
	ck_assert_int_eq(b.dates.v[0].year, 0);
	/* what they may change; a sensitive field typed into anyway; the birthday typed again */
	guest_set(&b, GF_POSITION, "总经理");
	guest_set(&b, GF_RELIGION, "佛教");
	guest_remove_date(&b, 0);
	guest_add_date(&b, -1, DATE_BIRTHDAY, NULL, 0, 9, 15);
	long long audits = testdb_int("SELECT count(*) FROM audit");
	ck_assert_msg(guest_store_save_keeping(st, &b, 1, false, NULL, keep) == ST_OK, "%s",
		      store_errmsg(st));
	ck_assert_int_eq(guest_store_get(st, a.id, &r), ST_OK);
	ck_assert_str_eq(r.f[GF_POSITION], "总经理");
	ck_assert_str_eq(r.f[GF_INCOME], "月入五万");
	ck_assert_str_eq(r.f[GF_HEALTH], "糖尿病");
	ck_assert_ptr_null(r.f[GF_RELIGION]);
	int found = 0;
	for (size_t i = 0; i < r.dates.n; i++)
		if (r.dates.v[i].kind == DATE_BIRTHDAY && r.dates.v[i].person < 0) {
			ck_assert_int_eq(r.dates.v[i].year, 1978);
			ck_assert_int_eq(r.dates.v[i].day, 15);
			found++;
		}
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE field IN ('income', "
				    "'health', 'religion') AND action = 'update'"), 2);
	ck_assert_int_gt(testdb_int("SELECT count(*) FROM audit"), audits);
	/* without the keep, the same masked sheet would have cleared them: the test can fail */
	guest_free(&r);
	ck_assert_int_eq(guest_store_get(st, a.id, &r), ST_OK);
	guest_mask(&r, keep, NULL);
	ck_assert_int_eq(guest_store_save(st, &r, r.version, false, NULL), ST_OK);
	guest_free(&r);
	ck_assert_int_eq(guest_store_get(st, a.id, &r), ST_OK);
	ck_assert_ptr_null(r.f[GF_INCOME]);
	guest_free(&a);
	guest_free(&b);
	guest_free(&r);
}
END_TEST

START_TEST(test_guest_conflict)
{
	struct guest a, b, r;
	full_guest(&a);
	ck_assert_int_eq(guest_store_save(st, &a, 0, false, NULL), ST_OK);
	/* two terminals read version 1; the first saves; the second must not overwrite */
	ck_assert_int_eq(guest_store_get(st, a.id, &b), ST_OK);
	guest_set(&a, GF_POSITION, "总经理");
	ck_assert_int_eq(guest_store_save(st, &a, 1, false, NULL), ST_OK);
	guest_set(&b, GF_POSITION, "董事长");
	ck_assert_int_eq(guest_store_save(st, &b, 1, false, NULL), ST_CONFLICT);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "changed by someone else"));
	ck_assert_int_eq(guest_store_get(st, a.id, &r), ST_OK);
	ck_assert_str_eq(r.f[GF_POSITION], "总经理");
	guest_free(&a);
	guest_free(&b);
	guest_free(&r);
}
END_TEST

START_TEST(test_guest_invalid_writes_nothing)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_EMPLOYER, "x");
	ck_assert_int_eq(guest_store_save(st, &g, 0, false, NULL), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "name"));
	guest_set(&g, GF_NAME, "孙先生");
	guest_set(&g, GF_HEIGHT_CM, "999");
	ck_assert_int_eq(guest_store_save(st, &g, 0, false, NULL), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "height_cm"));
	ck_assert_int_eq(g.id, 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM guest"), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit"), 0);
	guest_free(&g);
}
END_TEST

START_TEST(test_duplicate_phone)
{
	int64_t a = add_guest("孙先生", "孙", "13912345678", NULL);
	struct guest g;
	int64_t owner = 0;
	guest_init(&g);
	guest_set(&g, GF_NAME, "王女士");
	guest_add_phone(&g, "mobile", "139-1234-5678"); /* same digits, other punctuation */
	ck_assert_int_eq(guest_store_save(st, &g, 0, false, &owner), ST_DUPLICATE);
	ck_assert_int_eq(owner, a);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "孙先生"));
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM guest"), 1);
	ck_assert_int_eq(guest_store_save(st, &g, 0, true, NULL), ST_OK);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM guest"), 2);
	/* saving again does not count the guest's own phone as a duplicate */
	guest_set(&g, GF_POSITION, "主任");
	ck_assert_int_eq(guest_store_save(st, &g, g.version, false, NULL), ST_OK);
	guest_free(&g);
}
END_TEST

/* A guest's allergies that cannot be read are an error, never "none recorded". */
START_TEST(test_summary_read_error_is_not_none)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, "孙先生");
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_CRITICAL, "花生");
	ck_assert_msg(guest_store_save(st, &g, 0, false, NULL) == ST_OK, "%s", store_errmsg(st));
	int64_t id = g.id;
	guest_free(&g);
	struct guest_summary sum;
	ck_assert_int_eq(search_store_summaries(st, &id, 1, NULL, &sum), ST_OK);
	ck_assert_str_eq(sum.allergies, "花生 (critical)");
	guest_summary_free(&sum);
	/* another process breaks the table the allergies are read from */
	testdb_exec("ALTER TABLE preference RENAME TO preference_gone");
	ck_assert_int_ne(search_store_summaries(st, &id, 1, NULL, &sum), ST_OK);
}
END_TEST

/* A guest's read that fails midway fails whole: a card with the allergies it could not read,
 * saved from the form, would delete them (sync_list removes the rows it was not given). */
/* A phone of 4 digits and a birthday in the future, stored before the rules said 7 to 20
 * digits and never in the future: the guest can still be saved (a note added), while a new
 * phone or date is held to the rule. */
START_TEST(test_save_keeps_what_older_rules_let_in)
{
	int64_t id = add_guest("孙先生", "孙", "13912345678", NULL);
	char q[300];
	snprintf(q, sizeof q,
		 "UPDATE phone SET number = '8001', digits = '8001', digits_rev = '1008' "
		 "WHERE guest_id = %lld; INSERT INTO special_date(guest_id, kind, year, month, day) "
		 "VALUES (%lld, 'birthday', 2100, 9, 14)",
		 (long long)id, (long long)id);
	testdb_exec(q);
	struct guest g;
	ck_assert_int_eq(guest_store_get(st, id, &g), ST_OK);
	ck_assert_uint_eq(g.phones.n, 1);
	ck_assert_uint_eq(g.dates.n, 1);
	guest_add_note(&g, "常坐靠窗");
	ck_assert_msg(guest_store_save(st, &g, g.version, false, NULL) == ST_OK, "%s",
		      store_errmsg(st));
	ck_assert_str_eq(g.phones.v[0].number, "8001");
	guest_add_phone(&g, "office", "8002");
	ck_assert_int_eq(guest_store_save(st, &g, g.version, false, NULL), ST_INVALID);
	guest_free(&g);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM phone"), 1);
}
END_TEST

START_TEST(test_guest_read_error_fails_whole)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, "孙先生");
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_CRITICAL, "花生");
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_HIGH, "虾");
	guest_add_pref(&g, -1, PREF_TASTE, SEV_NONE, "偏辣");
	ck_assert_msg(guest_store_save(st, &g, 0, false, NULL) == ST_OK, "%s", store_errmsg(st));
	int64_t id = g.id;
	guest_free(&g);
	/* another process leaves the preferences readable up to the first row only: a view in
	 * the table's place whose second row fails (abs of the smallest integer overflows) */
	testdb_exec("ALTER TABLE preference RENAME TO preference_kept;"
		    "CREATE VIEW preference AS SELECT id, guest_id, person_id, kind, severity, "
		    "CASE WHEN id > (SELECT min(id) FROM preference_kept) "
		    "THEN abs(-9223372036854775807 - 1) ELSE text END AS text FROM preference_kept");
	struct guest got;
	enum store_status rs = guest_store_get(st, id, &got);
	/* the table back, as the form's save would find it */
	testdb_exec("DROP VIEW preference; ALTER TABLE preference_kept RENAME TO preference");
	if (rs == ST_OK) { /* the form would show this card and save it */
		guest_set(&got, GF_POSITION, "主任");
		guest_store_save(st, &got, got.version, false, NULL);
	}
	guest_free(&got);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM preference"), 3);
	ck_assert_int_ne(rs, ST_OK);
	/* read whole again once the table is whole */
	ck_assert_int_eq(guest_store_get(st, id, &got), ST_OK);
	ck_assert_uint_eq(got.prefs.n, 3);
	guest_free(&got);
}
END_TEST

/* Reads in a snapshot see the database as at the first of them: another terminal's save in
 * between shows only after the snapshot ends (the card reads a guest in several reads). */
START_TEST(test_snapshot_reads)
{
	int64_t id = add_guest("孙先生", "孙", "13912345678", NULL);
	struct guest g;
	struct guest_summary sum;
	ck_assert_int_eq(store_snapshot_begin(st), ST_OK);
	ck_assert_int_eq(guest_store_get(st, id, &g), ST_OK);
	ck_assert_str_eq(g.f[GF_NAME], "孙先生");
	guest_free(&g);
	testdb_exec("UPDATE guest SET name = '赵先生'; DELETE FROM phone");
	ck_assert_int_eq(search_store_summaries(st, &id, 1, NULL, &sum), ST_OK);
	ck_assert_str_eq(sum.name, "孙先生");
	guest_summary_free(&sum);
	ck_assert_int_eq(guest_store_get(st, id, &g), ST_OK);
	ck_assert_str_eq(g.f[GF_NAME], "孙先生");
	ck_assert_uint_eq(g.phones.n, 1);
	guest_free(&g);
	store_snapshot_end(st);
	ck_assert_int_eq(guest_store_get(st, id, &g), ST_OK);
	ck_assert_str_eq(g.f[GF_NAME], "赵先生");
	ck_assert_uint_eq(g.phones.n, 0);
	guest_free(&g);
}
END_TEST

/* ---- search ---- */

START_TEST(test_search_classes)
{
	int64_t sun = add_guest("孙先生", "孙", "13912345678", "亳州市永盛信息科技有限公司");
	int64_t liu = add_guest("刘局长", "刘", "13800001111", "亳州市财政局");
	int64_t zeng = add_guest("曾总", "曾", "0558-5552222", NULL);
	int64_t zoe = add_guest("Zoë O'Brien", NULL, "+44 20 7946 0958", "Acme Ltd");
	int64_t sun2 = add_guest("孙", NULL, NULL, NULL);
	char buf[64];
	(void)zoe;

	/* a single Chinese character: exact name first, then prefix */
	snprintf(buf, sizeof buf, "%lld %lld", (long long)sun2, (long long)sun);
	ck_find("孙", buf);
	snprintf(buf, sizeof buf, "%lld", (long long)sun);
	ck_find("孙先", buf);
	ck_find("sun xian sheng", buf);
	ck_find("sunxiansheng", buf);
	ck_find("SXS", buf);
	ck_find("永盛信息", buf); /* substring of the employer */
	ck_find("5678", buf);     /* the last four digits */
	ck_find("1234", buf);     /* digits inside the number */
	snprintf(buf, sizeof buf, "%lld", (long long)liu);
	ck_find("liujuzhang", buf);
	ck_find("ljz", buf);
	ck_find("财政局", buf);
	ck_find("局长", ""); /* 2 characters: not a prefix of any name, too short for substring */
	snprintf(buf, sizeof buf, "%lld", (long long)zeng);
	ck_find("zeng", buf);
	ck_find("zengzong", buf);
	ck_find("ceng", buf);
	ck_find("2222", buf);
	snprintf(buf, sizeof buf, "%lld", (long long)zoe);
	ck_find("zoe", buf);
	ck_find("ZOË", buf);
	ck_find("obrien", buf);
	ck_find("brie", buf);
	ck_find("0958", buf);
	ck_find("xyz", "");
	ck_find("", "");
	ck_find("   ", "");
}
END_TEST

START_TEST(test_search_ranking_and_pages)
{
	/* 25 guests named 孙..., one guest named exactly 孙先生 among them */
	char name[32], *page1, *page2;
	int64_t exact = 0;
	for (int i = 0; i < 25; i++) {
		snprintf(name, sizeof name, i == 17 ? "孙先生" : "孙先生%02d", i);
		int64_t id = add_guest(name, "孙", NULL, NULL);
		if (i == 17)
			exact = id;
	}
	page1 = find("孙先生", 0, 20);
	page2 = find("孙先生", 20, 20);
	char first[32];
	snprintf(first, sizeof first, "%lld ", (long long)exact);
	ck_assert_msg(strncmp(page1, first, strlen(first)) == 0, "exact match first: %s", page1);
	/* 20 then 5, no guest on both pages */
	int n1 = 1, n2 = page2[0] ? 1 : 0;
	for (char *p = page1; *p; p++)
		n1 += *p == ' ';
	for (char *p = page2; *p; p++)
		n2 += *p == ' ';
	ck_assert_int_eq(n1, 20);
	ck_assert_int_eq(n2, 5);
	char *tok, *save;
	for (tok = strtok_r(page2, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char pad[40];
		snprintf(pad, sizeof pad, " %s ", tok);
		char *p1 = NULL;
		size_t len = strlen(page1) + 3;
		p1 = malloc(len);
		snprintf(p1, len, " %s ", page1);
		ck_assert_ptr_null(strstr(p1, pad));
		free(p1);
	}
	free(page1);
	free(page2);
}
END_TEST

/* A class larger than the search reads whole (1,600 guests starting with 孙) is walked by the
 * last visit: the same order as a small one, pages apart, those who never came after. */
START_TEST(test_search_ranking_large_class)
{
	char name[32];
	int64_t ids[1600];
	ck_assert_int_eq(store_begin(st), ST_OK);
	for (int i = 0; i < 1600; i++) {
		snprintf(name, sizeof name, "孙%04d", i);
		ids[i] = add_guest(name, "孙", NULL, NULL);
	}
	ck_assert_int_eq(store_commit(st), ST_OK);
	/* three came: the last id most recently, the first before, one in the middle long ago */
	add_visit(ids[1599], "2026-06-20", MEAL_LUNCH, 2, 10000);
	add_visit(ids[0], "2026-06-10", MEAL_LUNCH, 2, 10000);
	add_visit(ids[800], "2025-01-10", MEAL_LUNCH, 2, 10000);
	char want[256];
	snprintf(want, sizeof want, "%lld %lld %lld %lld %lld", (long long)ids[1599],
		 (long long)ids[0], (long long)ids[800], (long long)ids[1], (long long)ids[2]);
	char *got = find("孙", 0, 5);
	ck_assert_str_eq(got, want);
	free(got);
	/* the next page goes on with those who never came, none twice */
	snprintf(want, sizeof want, "%lld %lld", (long long)ids[3], (long long)ids[4]);
	got = find("孙", 5, 2);
	ck_assert_str_eq(got, want);
	free(got);
	/* a guest who came and is renamed leaves the class: the walk tests the new keys */
	struct guest g;
	guest_init(&g);
	ck_assert_int_eq(guest_store_get(st, ids[0], &g), ST_OK);
	guest_set(&g, GF_NAME, "李0000");
	guest_set(&g, GF_FAMILY_NAME, "李");
	ck_assert_int_eq(guest_store_save(st, &g, g.version, false, NULL), ST_OK);
	guest_free(&g);
	snprintf(want, sizeof want, "%lld %lld %lld", (long long)ids[1599], (long long)ids[800],
		 (long long)ids[1]);
	got = find("孙", 0, 3);
	ck_assert_str_eq(got, want);
	free(got);
	/* a class small enough to be read whole sorts the same way */
	snprintf(want, sizeof want, "%lld", (long long)ids[800]);
	got = find("孙0800", 0, 5);
	ck_assert_str_eq(got, want);
	free(got);
}
END_TEST

/* The order of a guest in a class: a last visit days before the newest (-1: none), and the id. */
struct ranked {
	int64_t id;
	int days;
};

static int ranked_cmp(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	if ((a->days < 0) != (b->days < 0))
		return a->days < 0 ? 1 : -1;
	if (a->days != b->days)
		return a->days - b->days;
	return (a->id > b->id) - (a->id < b->id);
}

/* A class read whole (600 guests starting with 孙) when more guests came than the walk by
 * probes takes (2,100 others, all more recent): taken in the order of the guests who came by
 * their ids, then those who never came by id, the same order as a class sorted whole. */
START_TEST(test_search_ranking_class_read_whole)
{
	char name[32];
	struct ranked sun[600];
	ck_assert_int_eq(store_begin(st), ST_OK);
	for (int i = 0; i < 2100; i++) {
		snprintf(name, sizeof name, "李%04d", i);
		add_guest(name, "李", NULL, NULL);
	}
	for (int i = 0; i < 600; i++) {
		snprintf(name, sizeof name, "孙%04d", i);
		sun[i].id = add_guest(name, "孙", NULL, NULL);
		sun[i].days = sun[i].id % 10 ? (int)(sun[i].id * 7 % 200) : -1;
	}
	ck_assert_int_eq(store_commit(st), ST_OK);
	/* last visits written as the visit triggers do: every 李 in 2026, nine 孙 in ten before */
	testdb_exec("INSERT INTO guest_last SELECT g.id, CASE WHEN g.name GLOB '李*' THEN "
		    "date('2026-06-01', '-' || (g.id % 97) || ' days') ELSE date('2025-06-01', "
		    "'-' || (g.id * 7 % 200) || ' days') END, p.probe FROM guest g JOIN search_probe "
		    "p ON p.guest_id = g.id WHERE g.name GLOB '李*' OR g.id % 10 != 0");
	qsort(sun, 600, sizeof *sun, ranked_cmp);
	static const size_t pages[][2] = {{0, 20}, {300, 40}, {520, 40}, {580, 30}};
	for (size_t k = 0; k < sizeof pages / sizeof pages[0]; k++) {
		struct sbuf want = {0};
		sbuf_add(&want, "");
		for (size_t i = pages[k][0]; i < pages[k][0] + pages[k][1] && i < 600; i++)
			sbuf_printf(&want, "%s%lld", want.len ? " " : "", (long long)sun[i].id);
		char *got = find("孙", pages[k][0], pages[k][1]);
		ck_assert_msg(strcmp(got, want.s) == 0, "page at %zu: got %s, want %s", pages[k][0],
			      got, want.s);
		free(got);
		sbuf_free(&want);
	}
}
END_TEST

START_TEST(test_search_keys_follow_edits)
{
	int64_t id = add_guest("孙先生", "孙", "13912345678", NULL);
	struct guest g;
	ck_assert_int_eq(guest_store_get(st, id, &g), ST_OK);
	guest_set(&g, GF_NAME, "唐总");
	guest_set(&g, GF_FAMILY_NAME, "唐");
	free(g.phones.v[0].number);
	g.phones.v[0].number = strdup("13600009999");
	ck_assert_int_eq(guest_store_save(st, &g, g.version, false, NULL), ST_OK);
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)id);
	ck_find("sxs", "");
	ck_find("5678", "");
	ck_find("孙", "");
	ck_find("tangzong", buf);
	ck_find("9999", buf);
	guest_free(&g);
}
END_TEST

/* Every row of sql in the database at path, one per line. */
static char *dump(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	struct sbuf b = {0};
	sbuf_add(&b, "");
	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
	while (sqlite3_step(s) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(s); i++)
			sbuf_printf(&b, "%s%s", sqlite3_column_text(s, i) ? (const char *)sqlite3_column_text(s, i) : "NULL",
				    i + 1 < sqlite3_column_count(s) ? "|" : "\n");
	sqlite3_finalize(s);
	sqlite3_close(db);
	return sbuf_detach(&b);
}

static void save_all(struct store *to, int n)
{
	static const char *names[][4] = {
		{"孙先生", "孙", "13912345678", "亳州市永盛信息科技有限公司"},
		{"刘局长", "刘", "13800001111", "亳州市财政局"},
		{"曾总", "曾", "0558-5552222", NULL},
		{"Zoë O'Brien", NULL, "+44 20 7946 0958", "Acme Ltd"},
		{"孙", NULL, NULL, NULL},
		{"孙先生", "孙", "13912345679", NULL}, /* the same keys as the first guest */
		{"Anna Maria de la Cruz", "de la Cruz", NULL, "Cruz & Hijos"},
	};
	for (int i = 0; i < n; i++) {
		struct guest g;
		guest_init(&g);
		guest_set(&g, GF_NAME, names[i % 7][0]);
		guest_set(&g, GF_FAMILY_NAME, names[i % 7][1]);
		guest_set(&g, GF_EMPLOYER, names[i % 7][3]);
		if (names[i % 7][2])
			guest_add_phone(&g, "mobile", names[i % 7][2]);
		ck_assert_msg(guest_store_save(to, &g, 0, true, NULL) == ST_OK, "%s", store_errmsg(to));
		/* and i % 4 visits over two months, the first of them voided when there are three */
		for (int k = 0; k < i % 4; k++) {
			struct visit v;
			memset(&v, 0, sizeof v);
			v.guest_id = g.id;
			snprintf(v.date, sizeof v.date, "2026-0%d-%02d", 5 + k % 2, 1 + i % 28);
			v.meal = k % 2 ? MEAL_LUNCH : MEAL_DINNER;
			v.covers = 1 + k + i % 5;
			v.spend_fen = 10000 * (k + 1) + i;
			ck_assert_msg(visit_store_add(to, &v) == ST_OK, "%s", store_errmsg(to));
			if (i % 4 == 3 && k == 0)
				ck_assert_int_eq(visit_store_void(to, v.id, VOID_OTHER, "entered twice"), ST_OK);
			visit_free(&v);
		}
		guest_free(&g);
	}
}

/* The month figures guest_month keeps, and the same figures summed from the live visits. */
static const char guest_months[] =
	"SELECT month, guest_id, visits, covers, spend_fen FROM guest_month ORDER BY 1, 2";
static const char months_of_visits[] =
	"SELECT substr(date, 1, 7), guest_id, count(*), sum(covers), sum(spend_fen) FROM visit "
	"WHERE voided_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2";

START_TEST(test_bulk_load_matches_one_by_one)
{
	char path[400], keys[420];
	struct error err;
	struct store *bulk = NULL;
	snprintf(path, sizeof path, "%s/bulk.db", testdb_dir);
	snprintf(keys, sizeof keys, "%s-keys", path);
	ck_assert_msg(store_open(path, STORE_CREATE | STORE_BULK | STORE_PRIVATE, &bulk, &err) ==
			      ST_OK,
		      "%s", err.msg);
	save_all(st, 70);
	ck_assert_int_eq(store_bulk_begin(bulk), ST_OK);
	ck_assert_int_eq(store_begin(bulk), ST_OK);
	save_all(bulk, 70);
	ck_assert_int_eq(store_commit(bulk), ST_OK);
	ck_assert_int_eq(store_bulk_end(bulk), ST_OK);
	/* the same keys, trigram text and indexes as when written one by one */
	static const char *const queries[] = {
		"SELECT key, guest_id FROM search_key ORDER BY 1, 2",
		"SELECT rowid, text FROM search_text ORDER BY rowid",
		"SELECT type, name, sql FROM sqlite_master WHERE type = 'index' OR type = 'trigger' "
		"ORDER BY name",
		guest_months,
		"PRAGMA integrity_check",
	};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char *one = dump(testdb_path, queries[i]), *many = dump(path, queries[i]);
		ck_assert_msg(strlen(one) > 2, "%s: empty", queries[i]);
		ck_assert_msg(strcmp(one, many) == 0, "%s differs after bulk loading", queries[i]);
		free(one);
		free(many);
	}
	/* the figures filled at the end are the visits' own */
	char *filled = dump(path, guest_months), *summed = dump(path, months_of_visits);
	ck_assert_str_eq(filled, summed);
	free(filled);
	free(summed);
	/* found through the rebuilt indexes, the scratch file gone, the journal back to WAL */
	struct search_hit hits[20];
	size_t n = 0;
	ck_assert_int_eq(search_store_find(bulk, "sxs", 0, 20, hits, &n), ST_OK);
	ck_assert_uint_eq(n, 20);
	ck_assert_int_eq(access(keys, F_OK), -1);
	char *mode = dump(path, "PRAGMA journal_mode");
	ck_assert_str_eq(mode, "wal\n");
	free(mode);
	/* every row the load wrote without foreign key checks has its parent */
	char *orphans = dump(path, "PRAGMA foreign_key_check");
	ck_assert_str_eq(orphans, "");
	free(orphans);
	store_close(bulk);
}
END_TEST

START_TEST(test_search_plans_use_indexes)
{
	struct strv plans = {0};
	ck_assert_int_eq(search_store_explain(st, &plans), ST_OK);
	ck_assert_uint_ge(plans.n, 10);
	for (size_t i = 0; i < plans.n; i++) {
		/* every statement reaches its rows through an index: no SCAN of a table */
		const char *p = strstr(plans.v[i], "=>");
		ck_assert_ptr_nonnull(p);
		/* the walk of the guests by their last visit reads its index in order, and stops
		 * once a page is found */
		if (strstr(plans.v[i], "FROM guest_last ORDER BY") &&
		    strcmp(p, "=> | SCAN guest_last USING COVERING INDEX guest_last_date") == 0)
			continue;
		/* and so does the walk of their ids alone, for a class read whole */
		if (strstr(plans.v[i], "FROM guest_last INDEXED BY guest_last_when ORDER BY") &&
		    strcmp(p, "=> | SCAN guest_last USING COVERING INDEX guest_last_when") == 0)
			continue;
		ck_assert_msg(strstr(p, "SEARCH") || strstr(p, "VIRTUAL TABLE INDEX"), "%s", plans.v[i]);
		ck_assert_msg(!strstr(p, "SCAN guest") && !strstr(p, "SCAN phone") &&
				      !strstr(p, "SCAN search_key") && !strstr(p, "SCAN visit") &&
				      !strstr(p, "SCAN preference") && !strstr(p, "TEMP B-TREE"),
			      "%s", plans.v[i]);
	}
	strv_free(&plans);
}
END_TEST

/* ---- visits ---- */

/* A visit to store, not stored yet. */
static struct visit visit_of(int64_t guest, const char *date, enum meal m, int covers, int64_t fen)
{
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = guest;
	snprintf(v.date, sizeof v.date, "%s", date);
	v.meal = m;
	v.covers = covers;
	v.spend_fen = fen;
	return v;
}

static int64_t add_visit(int64_t guest, const char *date, enum meal m, int covers, int64_t fen)
{
	struct visit v = visit_of(guest, date, m, covers, fen);
	ck_assert_msg(visit_store_add(st, &v) == ST_OK, "%s", store_errmsg(st));
	return v.id;
}

START_TEST(test_visits)
{
	int64_t g = add_guest("张先生", "张", NULL, NULL);
	int64_t v1 = add_visit(g, "2026-06-03", MEAL_DINNER, 8, 46000);
	add_visit(g, "2026-06-03", MEAL_LUNCH, 10, 52000);
	add_visit(g, "2026-06-21", MEAL_DINNER, 6, 34000);
	add_visit(g, "2026-07-01", MEAL_LUNCH, 2, 10000);
	struct visit_filter f = {g, "2026-06-01", "2026-06-30", false, 0};
	struct visit *v;
	size_t n;
	ck_assert_int_eq(visit_store_list(st, &f, &v, &n), ST_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(v[0].meal, MEAL_LUNCH); /* lunch before dinner on the same day */
	int64_t total = 0, covers = 0;
	for (size_t i = 0; i < n; i++) {
		total += v[i].spend_fen;
		covers += v[i].covers;
		visit_free(&v[i]);
	}
	free(v);
	ck_assert_int_eq(total, 132000); /* domain.md §3: 张先生 ¥1320 */
	ck_assert_int_eq(covers, 24);

	ck_assert_int_eq(visit_store_void(st, v1, VOID_OTHER, ""), ST_INVALID);
	ck_assert_int_eq(visit_store_void(st, v1, VOID_OTHER, "entered twice"), ST_OK);
	ck_assert_int_eq(visit_store_void(st, v1, VOID_OTHER, "again"), ST_INVALID);
	ck_assert_int_eq(visit_store_void(st, 9999, VOID_OTHER, "x"), ST_NOTFOUND);
	ck_assert_int_eq(visit_store_list(st, &f, &v, &n), ST_OK);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		visit_free(&v[i]);
	free(v);
	f.with_voided = true;
	ck_assert_int_eq(visit_store_list(st, &f, &v, &n), ST_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(v[1].void_reason, "entered twice");
	for (size_t i = 0; i < n; i++)
		visit_free(&v[i]);
	free(v);
	/* the voided visit is kept; audit rows for every add and the void */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM visit"), 4);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'visit'"), 5);
}
END_TEST

/* guest_month equals the live visits summed per guest and month. */
static void assert_guest_months(const char *when)
{
	char *kept = dump(testdb_path, guest_months), *summed = dump(testdb_path, months_of_visits);
	ck_assert_msg(strcmp(kept, summed) == 0, "after %s: guest_month\n%s\nvisits\n%s", when,
		      kept, summed);
	free(kept);
	free(summed);
}

START_TEST(test_guest_month_follows_visits)
{
	int64_t g1 = add_guest("张先生", "张", NULL, NULL), g2 = add_guest("刘局长", "刘", NULL, NULL);
	int64_t v1 = add_visit(g1, "2026-06-03", MEAL_DINNER, 8, 46000);
	int64_t v2 = add_visit(g1, "2026-06-03", MEAL_LUNCH, 10, 52000);
	int64_t v3 = add_visit(g1, "2026-07-01", MEAL_LUNCH, 2, 10000);
	int64_t v4 = add_visit(g2, "2026-06-30", MEAL_DINNER, 4, 20000);
	assert_guest_months("adds");
	char q[300];
	snprintf(q, sizeof q,
		 "SELECT visits * 1000000 + covers * 1000 + spend_fen / 1000 FROM guest_month "
		 "WHERE month = '2026-06' AND guest_id = %lld",
		 (long long)g1);
	ck_assert_int_eq(testdb_int(q), 2018098);
	ck_assert_int_eq(visit_store_void(st, v1, VOID_OTHER, "entered twice"), ST_OK);
	assert_guest_months("a void");
	ck_assert_int_eq(testdb_int(q), 1010052);
	/* a month left without a live visit has no row */
	ck_assert_int_eq(visit_store_void(st, v4, VOID_OTHER, "wrong guest"), ST_OK);
	assert_guest_months("the void of a month's only visit");
	snprintf(q, sizeof q, "SELECT count(*) FROM guest_month WHERE guest_id = %lld", (long long)g2);
	ck_assert_int_eq(testdb_int(q), 0);
	/* whatever else writes the visits: a void undone, a date, guest, covers or spend changed,
	 * a row deleted */
	snprintf(q, sizeof q,
		 "UPDATE visit SET voided_at = NULL, voided_by = NULL, void_reason = NULL "
		 "WHERE id = %lld",
		 (long long)v4);
	testdb_exec(q);
	assert_guest_months("a void undone");
	snprintf(q, sizeof q, "UPDATE visit SET date = '2026-08-09' WHERE id = %lld", (long long)v2);
	testdb_exec(q);
	assert_guest_months("a date moved to another month");
	snprintf(q, sizeof q, "UPDATE visit SET guest_id = %lld WHERE id = %lld", (long long)g2,
		 (long long)v3);
	testdb_exec(q);
	assert_guest_months("a visit moved to another guest");
	testdb_exec("UPDATE visit SET covers = covers + 5, spend_fen = spend_fen * 2");
	assert_guest_months("covers and spend changed");
	snprintf(q, sizeof q,
		 "UPDATE visit SET voided_at = 'x', voided_by = entered_by, void_reason = 'r', "
		 "covers = 3 WHERE id = %lld",
		 (long long)v2);
	testdb_exec(q);
	assert_guest_months("a void and a change at once");
	snprintf(q, sizeof q, "DELETE FROM visit WHERE id = %lld", (long long)v4);
	testdb_exec(q);
	assert_guest_months("a delete");
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM guest_month"), 1);
}
END_TEST



/* Entering a visit as staff do: the dates the rule refuses, a second table asked for, a
 * manager's --allow-old audited, and the opening date kept in the database. */
START_TEST(test_visit_enter_rules)
{
	ck_assert_int_eq(setenv("MAITRE_TODAY", "2026-06-30", 1), 0);
	int64_t g = add_guest("张先生", "张", NULL, NULL);
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = g;
	v.meal = MEAL_DINNER;
	v.covers = 4;
	v.spend_fen = 40000;
	struct date opening;
	bool set = true;
	ck_assert_int_eq(visit_store_opening(st, &opening, &set), ST_OK);
	ck_assert(!set);
	ck_assert_int_eq(opening.y * 10000 + opening.m * 100 + opening.d, 20250630);

	snprintf(v.date, sizeof v.date, "2026-07-01"); /* tomorrow */
	ck_assert_int_eq(visit_store_enter(st, &v, VISIT_ALLOW_OLD), ST_INVALID);
	snprintf(v.date, sizeof v.date, "2025-06-29"); /* the day before the opening date */
	ck_assert_int_eq(visit_store_enter(st, &v, 0), ST_INVALID);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM visit"), 0);
	ck_assert_int_eq(visit_store_enter(st, &v, VISIT_ALLOW_OLD), ST_OK);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'visit' AND "
				    "action = 'allow-old' AND new LIKE '%2025-06-29%'"),
			 1);

	snprintf(v.date, sizeof v.date, "2026-06-30");
	ck_assert_int_eq(visit_store_enter(st, &v, 0), ST_OK);
	int64_t first = v.id;
	ck_assert_int_eq(visit_store_enter(st, &v, 0), ST_DUPLICATE); /* the same dinner again */
	v.meal = MEAL_LUNCH; /* lunch and dinner are two visits */
	ck_assert_int_eq(visit_store_enter(st, &v, 0), ST_OK);
	v.meal = MEAL_DINNER;
	ck_assert_int_eq(visit_store_enter(st, &v, VISIT_SECOND_TABLE), ST_OK);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'allow-old'"), 1);
	/* a void one is not there any more: entering it again asks nothing */
	ck_assert_int_eq(visit_store_void(st, first, VOID_TWICE, NULL), ST_OK);
	ck_assert_int_eq(visit_store_void(st, v.id, VOID_TWICE, NULL), ST_OK);
	ck_assert_int_eq(visit_store_enter(st, &v, 0), ST_OK);

	/* the opening date set once is every terminal's */
	ck_assert_int_eq(visit_store_set_opening(st, (struct date){2020, 1, 15}), ST_OK);
	ck_assert_int_eq(visit_store_opening(st, &opening, &set), ST_OK);
	ck_assert(set);
	ck_assert_int_eq(opening.y * 10000 + opening.m * 100 + opening.d, 20200115);
	ck_assert_int_eq(visit_store_set_opening(st, (struct date){2026, 7, 1}), ST_INVALID);
	snprintf(v.date, sizeof v.date, "2020-01-15");
	ck_assert_int_eq(visit_store_enter(st, &v, 0), ST_OK);
	snprintf(v.date, sizeof v.date, "2020-01-14");
	ck_assert_int_eq(visit_store_enter(st, &v, 0), ST_INVALID);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE entity = 'setting'"), 1);
	ck_assert_int_eq(unsetenv("MAITRE_TODAY"), 0);
}
END_TEST

/* A correction voids the visit and enters the new one in one transaction: when the entry is
 * refused (a future date, a visit there already, a missing guest), the void is rolled back. */
START_TEST(test_visit_correct_is_one_transaction)
{
	ck_assert_int_eq(setenv("MAITRE_TODAY", "2026-06-30", 1), 0);
	int64_t g = add_guest("张先生", "张", NULL, NULL);
	int64_t old = add_visit(g, "2026-06-29", MEAL_DINNER, 4, 40000);
	int64_t lunch = add_visit(g, "2026-06-28", MEAL_LUNCH, 2, 9000);
	const char *live = "SELECT count(*) FROM visit WHERE voided_at IS NULL";
	const char *voids = "SELECT count(*) FROM audit WHERE entity = 'visit' AND action = 'void'";
	struct visit v = visit_of(g, "2026-07-01", MEAL_DINNER, 5, 45000); /* tomorrow */

	/* the second half fails: nothing of the first is left */
	ck_assert_int_eq(visit_store_correct(st, old, &v, 0), ST_INVALID);
	ck_assert_int_eq(v.id, 0);
	snprintf(v.date, sizeof v.date, "2026-06-28"); /* the guest's lunch is there already */
	v.meal = MEAL_LUNCH;
	ck_assert_int_eq(visit_store_correct(st, old, &v, 0), ST_DUPLICATE);
	v.guest_id = 9999;
	ck_assert_int_eq(visit_store_correct(st, old, &v, VISIT_SECOND_TABLE), ST_NOTFOUND);
	ck_assert_int_eq(testdb_int(live), 2);
	ck_assert_int_eq(testdb_int(voids), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM visit"), 2);
	/* the first half fails: nothing is entered */
	v.guest_id = g;
	v.meal = MEAL_DINNER;
	snprintf(v.date, sizeof v.date, "2026-06-29");
	ck_assert_int_eq(visit_store_correct(st, 9999, &v, 0), ST_NOTFOUND);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM visit"), 2);

	/* both halves: the old one void as corrected, the new one in its place (its own date and
	 * meal are free again), each audited */
	ck_assert_int_eq(visit_store_correct(st, old, &v, 0), ST_OK);
	ck_assert_int_gt(v.id, lunch);
	ck_assert_int_eq(testdb_int(live), 2);
	ck_assert_int_eq(testdb_int(voids), 1);
	struct visit back;
	ck_assert_int_eq(visit_store_get(st, old, &back), ST_OK);
	ck_assert_ptr_nonnull(back.voided_at);
	ck_assert_str_eq(back.void_code, "corrected");
	visit_free(&back);
	ck_assert_int_eq(visit_store_get(st, v.id, &back), ST_OK);
	ck_assert_ptr_null(back.voided_at);
	ck_assert_int_eq(back.covers, 5);
	visit_free(&back);
	/* a void visit is corrected once only */
	int64_t again = v.id;
	ck_assert_int_eq(visit_store_correct(st, old, &v, VISIT_SECOND_TABLE), ST_INVALID);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM visit"), 3);
	ck_assert_int_eq(visit_store_get(st, again, &back), ST_OK);
	ck_assert_ptr_null(back.voided_at);
	visit_free(&back);
	ck_assert_int_eq(unsetenv("MAITRE_TODAY"), 0);
}
END_TEST

/* Schema 5 → 6: a row voided before reason codes keeps its words and reads without a code;
 * one voided after has both. */
START_TEST(test_migration_void_codes)
{
	int64_t g = add_guest("张先生", "张", NULL, NULL);
	int64_t v1 = add_visit(g, "2026-05-31", MEAL_DINNER, 8, 46000);
	int64_t v2 = add_visit(g, "2026-06-01", MEAL_LUNCH, 10, 52000);
	ck_assert_int_eq(visit_store_void(st, v1, VOID_OTHER, "录错了"), ST_OK);
	store_close(st);
	st = NULL;
	testdb_exec(UNDO_24 UNDO_23 UNDO_22 UNDO_21 UNDO_20 UNDO_19 UNDO_18 UNDO_17 UNDO_16 UNDO_15 UNDO_14 UNDO_13 UNDO_12 UNDO_11 UNDO_10 UNDO_9 UNDO_8 UNDO_7 UNDO_6 "PRAGMA user_version=5");
	struct error err;
	ck_assert_msg(store_open(testdb_path, 0, &st, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(visit_store_void(st, v2, VOID_WRONG_AMOUNT, "520 not 250"), ST_OK);
	struct visit a, b;
	ck_assert_int_eq(visit_store_get(st, v1, &a), ST_OK);
	ck_assert_int_eq(visit_store_get(st, v2, &b), ST_OK);
	ck_assert_ptr_null(a.void_code);
	char *ta = void_reason_text(a.void_code, a.void_reason);
	char *tb = void_reason_text(b.void_code, b.void_reason);
	ck_assert_str_eq(ta, "录错了");
	ck_assert_str_eq(tb, "wrong amount: 520 not 250");
	ck_assert_str_eq(b.void_code, "wrong-amount");
	free(ta);
	free(tb);
	visit_free(&a);
	visit_free(&b);
	/* a code the program does not know is refused by the schema */
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(testdb_path, &db), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(db, "UPDATE visit SET void_code = 'lost'", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_migration_alert_reasons)
{
	/* a database of schema 6 with an alert whose reason is English text only */
	int64_t g = add_guest("王先生", "王", NULL, NULL);
	store_close(st);
	st = NULL;
	testdb_exec(UNDO_24 UNDO_23 UNDO_22 UNDO_21 UNDO_20 UNDO_19 UNDO_18 UNDO_17 UNDO_16 UNDO_15 UNDO_14 UNDO_13 UNDO_12 UNDO_11 UNDO_10 UNDO_9 UNDO_8 UNDO_7 "PRAGMA user_version=6");
	char q[400];
	snprintf(q, sizeof q,
		 "INSERT INTO alert(guest_id, month, light, reason, tier, created_at) VALUES (%lld, "
		 "'2026-06', 'yellow', '1 visit, ¥580.00, 4 covers in 2026-06: short of A quality', "
		 "'A', '2026-07-01 09:00:00')",
		 (long long)g);
	testdb_exec(q);
	struct error err;
	ck_assert_msg(store_open(testdb_path, 0, &st, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	struct alert_row *v;
	size_t n;
	ck_assert_int_eq(alert_store_list(st, (struct date){2026, 6, 1}, false, &v, &n), ST_OK);
	ck_assert_uint_eq(n, 1);
	/* kept as it was, no code: read from its text */
	ck_assert_str_eq(v[0].reason, "1 visit, ¥580.00, 4 covers in 2026-06: short of A quality");
	ck_assert_str_eq(v[0].reason_code, "");
	char buf[400];
	ck_assert_str_eq(alert_reason_text(v[0].reason_code, v[0].reason_args, v[0].reason, buf,
					   sizeof buf),
			 "1 visit, ¥580.00, 4 covers in 2026-06: short of A quality");
	struct alert_event *ev;
	size_t ne;
	ck_assert_int_eq(alert_store_events(st, v[0].id, &ev, &ne), ST_OK);
	ck_assert_uint_eq(ne, 0);
	free(ev);
	free(v);
}
END_TEST

/* Schema 9 → 10: the tiers stored before generations are every month's visible generation 1,
 * with their row counts, read through the view as before. */
START_TEST(test_migration_tier_generations)
{
	int64_t g1 = add_guest("张先生", "张", NULL, NULL);
	int64_t g2 = add_guest("李女士", "李", NULL, NULL);
	store_close(st);
	st = NULL;
	testdb_exec(UNDO_24 UNDO_23 UNDO_22 UNDO_21 UNDO_20 UNDO_19 UNDO_18 UNDO_17 UNDO_16 UNDO_15 UNDO_14 UNDO_13 UNDO_12 UNDO_11 UNDO_10 "PRAGMA user_version=9");
	char q[800];
	snprintf(q, sizeof q,
		 "INSERT INTO tier_rules_version(id, hash, content, first_used) VALUES (1, 'h', '', 'x'); "
		 "INSERT INTO tier_month(month, guest_id, tier, source, months, visits, covers, "
		 "spend_fen, m_visits, m_covers, m_spend_fen, rules_version, computed_at) VALUES "
		 "('2026-05', %lld, 'A', 'rules', 1, 6, 20, 900000, 6, 20, 900000, 1, 'x'), "
		 "('2026-05', %lld, NULL, 'none', 1, 1, 2, 10000, 1, 2, 10000, 1, 'x'), "
		 "('2026-06', %lld, 'B', 'grace', 1, 0, 0, 0, 0, 0, 0, 1, 'x')",
		 (long long)g1, (long long)g2, (long long)g1);
	testdb_exec(q);
	struct error err;
	ck_assert_msg(store_open(testdb_path, 0, &st, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM tier_month"), 3);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM tier_month_row WHERE gen = 1"), 3);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM tier_month_gen"), 2);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM tier_month_gen WHERE gen = 1 AND claimed = 1 "
				    "AND (month = '2026-05' AND row_count = 2 OR "
				    "month = '2026-06' AND row_count = 1)"),
			 2);
	snprintf(q, sizeof q, "SELECT count(*) FROM tier_month WHERE month = '2026-06' AND "
		 "guest_id = %lld AND tier = 'B' AND source = 'grace'", (long long)g1);
	ck_assert_int_eq(testdb_int(q), 1);
}
END_TEST

START_TEST(test_migration_tier_month_rules)
{
	/* a database of schema 10: May computed with version 1, June with 1 and then again with 2 */
	int64_t g = add_guest("王先生", "王", NULL, NULL);
	int64_t h = add_guest("李女士", "李", NULL, NULL);
	store_close(st);
	st = NULL;
	testdb_exec(UNDO_24 UNDO_23 UNDO_22 UNDO_21 UNDO_20 UNDO_19 UNDO_18 UNDO_17 UNDO_16 UNDO_15 UNDO_14 UNDO_13 UNDO_12 UNDO_11 "PRAGMA user_version=10");
	testdb_exec("INSERT INTO tier_rules_version(id, hash, content, first_used) VALUES "
		    "(1, 'aaaa', 'x', '2026-05-01'), (2, 'bbbb', 'y', '2026-06-01')");
	char q[800];
	snprintf(q, sizeof q,
		 "INSERT INTO tier_month_row(month, guest_id, gen, source, months, visits, covers, "
		 "spend_fen, m_visits, m_covers, m_spend_fen, rules_version, computed_at) VALUES "
		 "('2026-05', %lld, 1, 'none', 1, 0, 0, 0, 0, 0, 0, 1, '2026-06-01 08:00:00'), "
		 "('2026-06', %lld, 1, 'none', 1, 0, 0, 0, 0, 0, 0, 1, '2026-07-01 08:00:00'), "
		 "('2026-06', %lld, 1, 'none', 1, 0, 0, 0, 0, 0, 0, 2, '2026-07-02 08:00:00'); "
		 "INSERT INTO tier_month_gen(month, gen, row_count, claimed) VALUES "
		 "('2026-05', 1, 1, 1), ('2026-06', 1, 2, 1)",
		 (long long)g, (long long)g, (long long)h);
	testdb_exec(q);
	struct error err;
	ck_assert_msg(store_open(testdb_path, 0, &st, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	/* each month: the version of its latest row, no canonical text */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM tier_month_rules"), 2);
	ck_assert_int_eq(testdb_int("SELECT rules_version FROM tier_month_rules WHERE month = "
				    "'2026-05'"),
			 1);
	ck_assert_int_eq(testdb_int("SELECT rules_version FROM tier_month_rules WHERE month = "
				    "'2026-06'"),
			 2);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM tier_month_rules WHERE canonical IS "
				    "NULL"),
			 2);
	/* the month's record, else the latest before it */
	struct tier_rules_record rec;
	bool found;
	ck_assert_int_eq(tier_rules_store_last(st, (struct date){2026, 8, 1}, &rec, &found), ST_OK);
	ck_assert(found);
	ck_assert_str_eq(rec.month, "2026-06");
	ck_assert_str_eq(rec.hash, "bbbb");
	ck_assert_ptr_null(rec.canonical);
	ck_assert_str_eq(rec.content, "y");
	tier_rules_record_free(&rec);
	ck_assert_int_eq(tier_rules_store_record(st, (struct date){2026, 5, 1}, 2, "c"), ST_OK);
	ck_assert_int_eq(tier_rules_store_last(st, (struct date){2026, 5, 1}, &rec, &found), ST_OK);
	ck_assert_str_eq(rec.month, "2026-05");
	ck_assert_str_eq(rec.canonical, "c");
	tier_rules_record_free(&rec);
	ck_assert_int_eq(tier_rules_store_last(st, (struct date){2026, 4, 1}, &rec, &found), ST_OK);
	ck_assert(!found);
}
END_TEST

START_TEST(test_migration_fills_guest_month)
{
	/* a database of schema 3 (before guest_month) with visits, one voided */
	int64_t g = add_guest("张先生", "张", NULL, NULL);
	add_visit(g, "2026-05-31", MEAL_DINNER, 8, 46000);
	int64_t v = add_visit(g, "2026-06-01", MEAL_LUNCH, 10, 52000);
	add_visit(g, "2026-06-02", MEAL_LUNCH, 3, 9000);
	ck_assert_int_eq(visit_store_void(st, v, VOID_OTHER, "entered twice"), ST_OK);
	store_close(st);
	st = NULL;
	testdb_exec(UNDO_24 UNDO_23 UNDO_22 "DROP TRIGGER guest_month_insert; DROP TRIGGER guest_month_update; "
		    "DROP TRIGGER guest_month_delete; DROP TABLE guest_month; DROP INDEX alert_guest; DROP INDEX alert_light; DROP INDEX alert_closed; "
		    UNDO_21 UNDO_20 UNDO_19 UNDO_18 UNDO_17 UNDO_16 UNDO_15 UNDO_14 UNDO_13 UNDO_12 UNDO_11 UNDO_10 UNDO_9 UNDO_8 UNDO_7 UNDO_6 UNDO_5 "PRAGMA user_version=3");
	struct error err;
	ck_assert_msg(store_open(testdb_path, 0, &st, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	assert_guest_months("the migration");
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM guest_month"), 2);
	/* and kept from then on */
	add_visit(g, "2026-06-03", MEAL_LUNCH, 3, 9000);
	assert_guest_months("a visit after the migration");
}
END_TEST

/* A database of schema 4: phones as typed (+86, full-width), keys of the old rules, no
 * guest_last. The migration stores the phones normalised and rebuilds every guest's keys. */
/* Schema 12 → 13: the login that wrote the book's first audit row becomes its admin, the
 * others keep no role until an admin gives one; a book nobody wrote makes its opener admin. */
START_TEST(test_migration_roles)
{
	add_guest("孙先生", "孙", NULL, NULL);
	store_close(st);
	st = NULL;
	testdb_exec("INSERT INTO staff(login, display_name, role, created_at) VALUES "
		    "('lina', '李娜', 'staff', '2026-01-01 00:00:00');"
		    "UPDATE staff SET role = 'staff';" UNDO_24 UNDO_23 UNDO_22 UNDO_21 UNDO_20 UNDO_19 UNDO_18 UNDO_17 UNDO_16 UNDO_15 UNDO_14 UNDO_13 "PRAGMA user_version=12");
	struct error err;
	ck_assert_msg(store_open(testdb_path, 0, &st, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM staff WHERE role = 'admin' AND id = "
				    "(SELECT staff_id FROM audit ORDER BY id LIMIT 1)"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM staff WHERE role = 'admin'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM staff WHERE login = 'lina' AND "
				    "role = 'staff' AND shared = 0 AND pin_hash IS NULL"), 1);
	store_close(st);
	st = NULL;
	/* nobody wrote: the login opening it */
	testdb_exec("DELETE FROM audit; DELETE FROM visit; DELETE FROM guest; DELETE FROM staff;"
		    UNDO_24 UNDO_23 UNDO_22 UNDO_21 UNDO_20 UNDO_19 UNDO_18 UNDO_17 UNDO_16 UNDO_15 UNDO_14 UNDO_13 "PRAGMA user_version=12");
	ck_assert_msg(store_open(testdb_path, 0, &st, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM staff WHERE role = 'admin'"), 1);
	struct staff me;
	ck_assert_int_eq(staff_store_get(st, store_login(st), &me), ST_OK);
	ck_assert_str_eq(me.role, "admin");
	staff_free(&me);
}
END_TEST

START_TEST(test_migration_rebuilds_search_keys)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, "孙先生");
	guest_set(&g, GF_FAMILY_NAME, "孙");
	guest_set(&g, GF_EMPLOYER, "中信银行");
	guest_add_phone(&g, "mobile", "13912345678");
	guest_add_tag(&g, "回头客");
	ck_assert_int_eq(guest_store_save(st, &g, 0, false, NULL), ST_OK);
	int64_t id = g.id;
	guest_free(&g);
	int64_t other = add_guest("曾先生", "曾", "13800001111", NULL);
	add_visit(other, "2026-06-01", MEAL_LUNCH, 2, 10000);
	store_close(st);
	st = NULL;
	testdb_exec("UPDATE phone SET number = '+86 139 1234 5678', digits = '8613912345678', "
		    "digits_rev = '8765432193168' WHERE number = '13912345678';"
		    "UPDATE phone SET number = '１３８００００１１１１', digits = '13800001111', "
		    "digits_rev = '11110000831' WHERE number = '13800001111';"
		    "DELETE FROM search_key WHERE key LIKE '@%' OR key LIKE '#%' OR key = 'sunxs' "
		    "OR key = '回头客';"
		    UNDO_24 UNDO_23 UNDO_22 UNDO_21 UNDO_20 UNDO_19 UNDO_18 UNDO_17 UNDO_16 UNDO_15 UNDO_14 UNDO_13 UNDO_12 UNDO_11 UNDO_10 UNDO_9 UNDO_8 UNDO_7 UNDO_6 UNDO_5 "PRAGMA user_version=4");
	struct error err;
	ck_assert_msg(store_open(testdb_path, 0, &st, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM sqlite_master WHERE name = "
				    "'search_rebuild'"), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM phone WHERE number = '13912345678' AND "
				    "digits = '13912345678' AND digits_rev = '87654321931'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM phone WHERE number = '13800001111'"), 1);
	char want[64];
	snprintf(want, sizeof want, "%lld", (long long)id);
	static const char *const queries[] = {"sunxs", "中信", "回头客", "#回头客", "+86 139 1234 5678"};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char *got = find(queries[i], 0, 5);
		ck_assert_msg(strcmp(got, want) == 0, "%s: %s", queries[i], got);
		free(got);
	}
	/* the last visits are filled with the probes, and kept from then on */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM guest_last WHERE probe LIKE '%zengxs%'"), 1);
	add_visit(id, "2026-06-05", MEAL_LUNCH, 2, 10000);
	char *got = find("孙", 0, 5);
	ck_assert_str_eq(got, want);
	free(got);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM guest_last"), 2);
}
END_TEST

START_TEST(test_visit_invalid)
{
	int64_t g = add_guest("张先生", "张", NULL, NULL);
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = g;
	snprintf(v.date, sizeof v.date, "2026-02-30");
	v.covers = 2;
	ck_assert_int_eq(visit_store_add(st, &v), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "date"));
	snprintf(v.date, sizeof v.date, "2026-02-28");
	v.covers = 0;
	ck_assert_int_eq(visit_store_add(st, &v), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "covers"));
	v.covers = 2;
	v.guest_id = 424242;
	ck_assert_int_eq(visit_store_add(st, &v), ST_NOTFOUND);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM visit"), 0);
}
END_TEST

START_TEST(test_locked_database_keeps_the_visit)
{
	int64_t g = add_guest("张先生", "张", NULL, NULL);
	sqlite3 *other;
	ck_assert_int_eq(sqlite3_open(testdb_path, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", 0, 0, 0), SQLITE_OK);
	store_set_busy_timeout(st, 200);
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = g;
	snprintf(v.date, sizeof v.date, "2026-06-03");
	v.covers = 8;
	v.spend_fen = 46000;
	v.table_no = strdup("牡丹厅");
	ck_assert_int_eq(visit_store_add(st, &v), ST_BUSY);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "busy"));
	/* nothing typed is lost: the visit is intact and can be saved once the lock is gone */
	ck_assert_int_eq(v.id, 0);
	ck_assert_str_eq(v.table_no, "牡丹厅");
	ck_assert_int_eq(sqlite3_exec(other, "COMMIT", 0, 0, 0), SQLITE_OK);
	sqlite3_close(other);
	ck_assert_int_eq(visit_store_add(st, &v), ST_OK);
	ck_assert_int_gt(v.id, 0);
	visit_free(&v);
	/* a failed transaction did not leave the connection inside one */
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM visit"), 1);
}
END_TEST

START_TEST(test_backup_while_writing)
{
	for (int i = 0; i < 50; i++)
		add_guest("孙先生", "孙", NULL, NULL);
	char dest[400];
	struct error err;
	snprintf(dest, sizeof dest, "%s/copy.db", testdb_dir);
	/* a writer holds an open write transaction meanwhile: the copy is still consistent */
	sqlite3 *other;
	ck_assert_int_eq(sqlite3_open(testdb_path, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE; DELETE FROM search_key;", 0, 0, 0), SQLITE_OK);
	ck_assert_int_eq(store_backup(st, dest), ST_OK);
	ck_assert_int_eq(sqlite3_exec(other, "ROLLBACK", 0, 0, 0), SQLITE_OK);
	sqlite3_close(other);
	struct store *copy;
	ck_assert_int_eq(store_open(dest, STORE_READONLY, &copy, &err), ST_OK);
	struct store_counts c;
	store_counts(copy, &c);
	ck_assert_int_eq(c.guests, 50);
	store_close(copy);
	ck_assert_int_eq(store_backup(st, dest), ST_INVALID); /* never overwrites */
}
END_TEST

static Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("schema");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_new_database);
	tcase_add_test(tc, test_group_shared_dir);
	tcase_add_test(tc, test_open_errors);
	tcase_add_test(tc, test_migrate_from_every_version);
	tcase_add_test(tc, test_newer_schema_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("guest");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_guest_roundtrip);
	tcase_add_test(tc, test_guest_create_audited);
	tcase_add_test(tc, test_guest_update_audit_and_diff);
	tcase_add_test(tc, test_guest_conflict);
	tcase_add_test(tc, test_save_keeping_sensitive);
	tcase_add_test(tc, test_guest_every_field);
	tcase_add_test(tc, test_search_follows_field_list);
	tcase_add_test(tc, test_guest_invalid_writes_nothing);
	tcase_add_test(tc, test_duplicate_phone);
	suite_add_tcase(s, tc);
	tc = tcase_create("search");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_search_classes);
	tcase_add_test(tc, test_search_ranking_and_pages);
	tcase_add_test(tc, test_search_keys_follow_edits);
	tcase_add_test(tc, test_search_ranking_large_class);
	tcase_add_test(tc, test_search_ranking_class_read_whole);
	tcase_add_test(tc, test_search_plans_use_indexes);
	tcase_add_test(tc, test_bulk_load_matches_one_by_one);
	tcase_add_test(tc, test_summary_read_error_is_not_none);
	tcase_add_test(tc, test_guest_read_error_fails_whole);
	tcase_add_test(tc, test_save_keeps_what_older_rules_let_in);
	tcase_add_test(tc, test_snapshot_reads);
	suite_add_tcase(s, tc);
	tc = tcase_create("visit");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_visits);
	tcase_add_test(tc, test_visit_invalid);
	tcase_add_test(tc, test_guest_month_follows_visits);
	tcase_add_test(tc, test_migration_fills_guest_month);
	tcase_add_test(tc, test_visit_enter_rules);
	tcase_add_test(tc, test_visit_correct_is_one_transaction);
	tcase_add_test(tc, test_migration_void_codes);
	tcase_add_test(tc, test_migration_alert_reasons);
	tcase_add_test(tc, test_migration_tier_generations);
	tcase_add_test(tc, test_migration_tier_month_rules);
	tcase_add_test(tc, test_migration_rebuilds_search_keys);
	tcase_add_test(tc, test_migration_roles);
	tcase_add_test(tc, test_locked_database_keeps_the_visit);
	tcase_add_test(tc, test_backup_while_writing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	int rc = testdb_run(store_suite());
	return rc;
}
