/* check_store_bulk.c — bulk loading (store_bulk.c) as the demo uses it: visits written through
 * store_bulk_visit with the figures their triggers would keep summed in memory, and search keys
 * staged once per key. Each is compared with the same rows written one by one. */
#include <check.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/guest.h"
#include "core/strv.h"
#include "core/visit.h"
#include "store/guest_store.h"
#include "store/store.h"
#include "store/store_bulk.h"
#include "store/store_int.h"
#include "store/visit_store.h"
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

/* The rows of sql in the database at path, a line each. */
static char *dump(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	struct sbuf b = {0};
	sbuf_add(&b, "");
	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "%s",
		      sqlite3_errmsg(db));
	while (sqlite3_step(s) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(s); i++)
			sbuf_printf(&b, "%s%s",
				    sqlite3_column_text(s, i) ? (const char *)sqlite3_column_text(s, i)
							      : "NULL",
				    i + 1 < sqlite3_column_count(s) ? "|" : "\n");
	sqlite3_finalize(s);
	sqlite3_close(db);
	return sbuf_detach(&b);
}

/* sql gives the same rows in the databases at a and b, and some. */
static void same_rows(const char *a, const char *b, const char *sql)
{
	char *x = dump(a, sql), *y = dump(b, sql);
	ck_assert_msg(strlen(x) > 0, "%s: no rows", sql);
	ck_assert_msg(strcmp(x, y) == 0, "%s differs:\n%s\n---\n%s", sql, x, y);
	free(x);
	free(y);
}

/* A bulk-loading store on a new private file beside the test database. */
static struct store *bulk_open(char *path, size_t size)
{
	struct error err;
	struct store *b = NULL;
	snprintf(path, size, "%s/bulk.db", testdb_dir);
	ck_assert_msg(store_open(path, STORE_CREATE | STORE_BULK | STORE_PRIVATE, &b, &err) == ST_OK,
		      "%s", err.msg);
	ck_assert_int_eq(store_bulk_begin(b), ST_OK);
	return b;
}

static void add_guests(struct store *to, int n)
{
	for (int i = 0; i < n; i++) {
		struct guest g;
		char name[32], phone[32];
		guest_init(&g);
		snprintf(name, sizeof name, "%s%d", i % 2 ? "孙先生" : "Anna Cruz ", i);
		snprintf(phone, sizeof phone, "139%08d", i + 1);
		guest_set(&g, GF_NAME, name);
		guest_add_phone(&g, "mobile", phone);
		ck_assert_msg(guest_store_save(to, &g, 0, true, NULL) == ST_OK, "%s", store_errmsg(to));
		guest_free(&g);
	}
}

/* The k-th of n visits: months in order, then one of the first month again; a guest twice on
 * some days, at a table or with a note now and then. by_bulk: through store_bulk_visit, else
 * visit_store_add; every third through visit_store_add when mixed. */
static void add_visits(struct store *to, int n, int guests, bool by_bulk, bool mixed)
{
	for (int k = 0; k < n; k++) {
		struct visit v;
		memset(&v, 0, sizeof v);
		v.guest_id = 1 + (k * 7) % guests;
		unsigned month = k < n - 3 ? 1 + (unsigned)(k * 4 / n) % 12 : 1; /* the last three
										     * back in January */
		snprintf(v.date, sizeof v.date, "2026-%02u-%02u", month, 1 + (unsigned)(k * 5) % 28);
		v.meal = k % 3 ? MEAL_DINNER : MEAL_LUNCH;
		v.covers = 1 + k % 6;
		v.spend_fen = 1000 * (k % 50) + k;
		v.table_no = k % 4 == 0 ? "A01" : NULL;
		v.notes = k % 5 == 0 ? "生日宴" : NULL;
		enum store_status rs = by_bulk && !(mixed && k % 3 == 0) ? store_bulk_visit(to, &v)
									  : visit_store_add(to, &v);
		ck_assert_msg(rs == ST_OK, "%s", store_errmsg(to));
		ck_assert_int_eq(v.id, k + 1);
	}
}

static const char *const visit_tables[] = {
	("SELECT id, guest_id, date, meal, covers, spend_fen, table_no, notes, entered_by, "
	 "voided_at FROM visit ORDER BY id"),
	"SELECT month, guest_id, visits, covers, spend_fen FROM guest_month ORDER BY 1, 2",
	"SELECT guest_id, date, probe FROM guest_last ORDER BY 1",
	"SELECT key, guest_id FROM search_key ORDER BY 1, 2",
	"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name",
};

/* One bulk load through store_bulk_visit against the same rows written one by one. */
static void load_and_compare(bool mixed)
{
	char path[400];
	add_guests(st, 40);
	add_visits(st, 300, 40, false, false);
	struct store *b = bulk_open(path, sizeof path);
	ck_assert_int_eq(store_begin(b), ST_OK);
	add_guests(b, 40);
	add_visits(b, 300, 40, true, mixed);
	ck_assert_int_eq(store_commit(b), ST_OK);
	ck_assert_int_eq(store_bulk_end(b), ST_OK);
	for (size_t i = 0; i < sizeof visit_tables / sizeof visit_tables[0]; i++)
		same_rows(testdb_path, path, visit_tables[i]);
	/* and the figures are the visits' own, as the refill would make them */
	char *kept = dump(path, "SELECT month, guest_id, visits, covers, spend_fen FROM guest_month "
				"ORDER BY 1, 2"),
	     *summed = dump(path, GUEST_MONTH_SELECT " ORDER BY 1, 2");
	ck_assert_str_eq(kept, summed);
	free(kept);
	free(summed);
	char *integrity = dump(path, "PRAGMA integrity_check");
	ck_assert_str_eq(integrity, "ok\n");
	free(integrity);
	store_close(b);
}

START_TEST(test_bulk_visits_match_one_by_one)
{
	load_and_compare(false);
}
END_TEST

START_TEST(test_bulk_visits_mixed_with_others_refill)
{
	/* a third of the visits through visit_store_add: the sums cover too few, the figures
	 * are refilled from the visit table */
	load_and_compare(true);
}
END_TEST

START_TEST(test_bulk_visit_refused)
{
	struct visit v;
	memset(&v, 0, sizeof v);
	add_guests(st, 1);
	v.guest_id = 1;
	snprintf(v.date, sizeof v.date, "2026-05-01");
	v.meal = MEAL_LUNCH;
	v.covers = 2;
	/* not bulk loading */
	ck_assert_int_eq(store_bulk_visit(st, &v), ST_INVALID);
	char path[400];
	struct store *b = bulk_open(path, sizeof path);
	add_guests(b, 1);
	v.covers = 0;
	ck_assert_int_eq(store_bulk_visit(b, &v), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(b), "covers"));
	ck_assert_int_eq(store_bulk_end(b), ST_OK);
	store_close(b);
}
END_TEST

START_TEST(test_bulk_keys_in_any_order)
{
	/* keys staged for guests out of order, twice, and more distinct keys than the first
	 * table of them holds: written sorted, each pair once */
	char path[400], key[32];
	struct store *b = bulk_open(path, sizeof path);
	ck_assert_int_eq(store_begin(b), ST_OK);
	for (int id = 3; id >= 1; id--)
		for (int k = 0; k < 50000; k++) {
			snprintf(key, sizeof key, "k%05d", (k * 7919) % 50000);
			if (k % (id + 1) == 0)
				ck_assert_int_eq(store_bulk_key(b, key, id), ST_OK);
		}
	ck_assert_int_eq(store_bulk_key(b, "孙先生", 2), ST_OK);
	ck_assert_int_eq(store_bulk_key(b, "孙先生", 2), ST_OK);
	ck_assert_int_eq(store_bulk_key(b, "孙先生", 1), ST_OK);
	ck_assert_int_eq(store_bulk_key(b, "孙先生", 2), ST_OK);
	ck_assert_int_eq(store_bulk_key(b, "x", -1), ST_INVALID);
	ck_assert_int_eq(store_commit(b), ST_OK);
	ck_assert_int_eq(store_bulk_end(b), ST_OK);
	store_close(b);
	char *got = dump(path, "SELECT key, guest_id FROM search_key");
	static bool staged[50000][4];
	memset(staged, 0, sizeof staged);
	for (int id = 3; id >= 1; id--)
		for (int k = 0; k < 50000; k++)
			if (k % (id + 1) == 0)
				staged[(k * 7919) % 50000][id] = true;
	struct sbuf want = {0};
	sbuf_add(&want, "");
	for (int k = 0; k < 50000; k++)
		for (int id = 1; id <= 3; id++)
			if (staged[k][id])
				sbuf_printf(&want, "k%05d|%d\n", k, id);
	sbuf_add(&want, "孙先生|1\n孙先生|2\n");
	ck_assert_str_eq(got, want.s);
	free(got);
	sbuf_free(&want);
}
END_TEST

START_TEST(test_bulk_load_forgets_stored_months)
{
	/* the load's visits are not counted in visit_month_stamp: a month the dashboard stored
	 * before is forgotten, and the counts start again with the restored triggers */
	char path[400];
	struct store *b = bulk_open(path, sizeof path);
	ck_assert_int_eq(store_exec(b, "INSERT INTO report_month_cache VALUES "
				       "('2026-01', -1, -1, 0, 1, 100, 0, 0, 0, 0)"),
			 ST_OK);
	ck_assert_int_eq(store_begin(b), ST_OK);
	add_guests(b, 10);
	add_visits(b, 50, 10, true, false);
	ck_assert_int_eq(store_commit(b), ST_OK);
	ck_assert_int_eq(store_bulk_end(b), ST_OK);
	int64_t n = -1;
	ck_assert_int_eq(store_count(b, "SELECT count(*) FROM report_month_cache", "t", &n), ST_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(store_count(b, "SELECT count(*) FROM visit_month_stamp", "t", &n), ST_OK);
	ck_assert_int_eq(n, 0);
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = 3;
	snprintf(v.date, sizeof v.date, "2026-01-20");
	v.meal = MEAL_LUNCH;
	v.covers = 2;
	ck_assert_int_eq(visit_store_add(b, &v), ST_OK);
	ck_assert_int_eq(store_count(b, "SELECT n FROM visit_month_stamp WHERE month = '2026-01'",
				     "t", &n),
			 ST_OK);
	ck_assert_int_eq(n, 1);
	store_close(b);
}
END_TEST

/* The rows of search_key as the test database has them now (st's connection: its transaction
 * included). */
static int64_t keys_now(void)
{
	int64_t n = -1;
	ck_assert_int_eq(store_count(st, "SELECT count(*) FROM search_key", "t", &n), ST_OK);
	return n;
}

START_TEST(test_deferred_keys_in_batches)
{
	/* an import's deferral: the same stage, written whenever 262,144 pairs are staged, the
	 * rest at the end; pairs staged out of guest order and twice are written once */
	char key[32];
	int64_t before = keys_now();
	ck_assert_int_eq(store_begin(st), ST_OK);
	ck_assert_int_eq(store_keys_defer(st), ST_OK);
	ck_assert_int_eq(store_keys_defer(st), ST_INVALID);
	for (int id = 6; id >= 1; id--)
		for (int k = 0; k < 50000; k++) {
			snprintf(key, sizeof key, "d%05d", (k * 7919) % 50000);
			ck_assert_int_eq(store_bulk_key(st, key, 1000 + id), ST_OK);
			if (k % 10 == 0)
				ck_assert_int_eq(store_bulk_key(st, key, 1000 + id), ST_OK);
		}
	/* 300,000 pairs (and the repeats) staged: the first batch is written already */
	int64_t mid = keys_now() - before;
	ck_assert_msg(mid >= 262144 && mid < 300000, "%lld keys written mid-way", (long long)mid);
	ck_assert_int_eq(store_bulk_key(st, "x", (int64_t)UINT32_MAX + 1), ST_INVALID);
	ck_assert_int_eq(store_keys_defer_end(st, true), ST_OK);
	ck_assert_int_eq(store_commit(st), ST_OK);
	ck_assert_int_eq(keys_now() - before, 300000);
	char *got = dump(testdb_path, "SELECT key, guest_id FROM search_key WHERE key LIKE 'd%' "
				      "ORDER BY 1, 2");
	struct sbuf want = {0};
	sbuf_add(&want, "");
	for (int k = 0; k < 50000; k++)
		for (int id = 1; id <= 6; id++)
			sbuf_printf(&want, "d%05d|%d\n", k, 1000 + id);
	ck_assert_str_eq(got, want.s);
	free(got);
	sbuf_free(&want);
	/* dropped at a rollback: nothing written of what was staged */
	ck_assert_int_eq(store_begin(st), ST_OK);
	ck_assert_int_eq(store_keys_defer(st), ST_OK);
	ck_assert_int_eq(store_bulk_key(st, "zz", 7), ST_OK);
	ck_assert_int_eq(store_keys_defer_end(st, false), ST_OK);
	ck_assert_int_eq(store_commit(st), ST_OK);
	ck_assert_int_eq(keys_now() - before, 300000);
}
END_TEST

START_TEST(test_deferred_keys_of_a_large_id_written_at_once)
{
	/* the stage holds ids of 32 bits: a guest beyond them has its keys written as it is
	 * saved, the others' at the end */
	ck_assert_int_eq(store_exec(st, "INSERT OR REPLACE INTO sqlite_sequence(name, seq) "
					"VALUES ('guest', 4294967296)"),
			 ST_OK);
	int64_t before = keys_now();
	ck_assert_int_eq(store_begin(st), ST_OK);
	ck_assert_int_eq(store_keys_defer(st), ST_OK);
	add_guests(st, 1);
	int64_t n = -1;
	ck_assert_int_eq(store_count(st, "SELECT count(*) FROM search_key WHERE guest_id = 4294967297",
				     "t", &n),
			 ST_OK);
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(keys_now() - before, n);
	ck_assert_int_eq(store_keys_defer_end(st, true), ST_OK);
	ck_assert_int_eq(store_commit(st), ST_OK);
}
END_TEST

static Suite *bulk_suite(void)
{
	Suite *s = suite_create("store_bulk");
	TCase *tc = tcase_create("bulk");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_bulk_visits_match_one_by_one);
	tcase_add_test(tc, test_bulk_visits_mixed_with_others_refill);
	tcase_add_test(tc, test_bulk_visit_refused);
	tcase_add_test(tc, test_bulk_keys_in_any_order);
	tcase_add_test(tc, test_bulk_load_forgets_stored_months);
	tcase_add_test(tc, test_deferred_keys_in_batches);
	tcase_add_test(tc, test_deferred_keys_of_a_large_id_written_at_once);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return testdb_run(bulk_suite());
}
