/* check_import_store.c — unit tests of the import batches (store/import_store.h): what a batch
 * records, the list of batches, and undo: created guests gone (with their search keys),
 * updated guests given their old fields and items, refusals that write nothing, a visits
 * batch taken back. Each test works on its own database (testdb.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/strv.h"
#include "core/visit.h"
#include "store/guest_store.h"
#include "store/import_store.h"
#include "store/search_store.h"
#include "store/store.h"
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

#define ck_ok(call) ck_assert_msg((call) == ST_OK, "%s: %s", #call, store_errmsg(st))

static int64_t new_guest(const char *name, const char *family, const char *phone,
			 const char *employer, const char *tag)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, name);
	guest_set(&g, GF_FAMILY_NAME, family);
	guest_set(&g, GF_EMPLOYER, employer);
	if (phone)
		guest_add_phone(&g, "mobile", phone);
	if (tag)
		guest_add_tag(&g, tag);
	ck_ok(guest_store_save(st, &g, 0, false, NULL));
	int64_t id = g.id;
	guest_free(&g);
	return id;
}

static int64_t new_visit(int64_t guest, const char *date)
{
	struct visit v;
	memset(&v, 0, sizeof v);
	v.guest_id = guest;
	snprintf(v.date, sizeof v.date, "%s", date);
	v.meal = MEAL_DINNER;
	v.covers = 2;
	v.spend_fen = 30000;
	ck_ok(visit_store_add(st, &v));
	return v.id;
}

/* How many guests a query finds. */
static size_t found(const char *q)
{
	struct search_hit hits[20];
	size_t n = 99;
	ck_ok(search_store_find(st, q, 0, 20, hits, &n));
	return n;
}

static long long count(const char *sql)
{
	return testdb_int(sql);
}

/* The guests import of the tests: 钱女士 and 赵总 created, 孙先生 (the guest of *old) given an
 * employer, an office phone, an allergy and a tag. */
struct book {
	int64_t batch, created[2], updated, left; /* left: 孙先生's version after the import */
};

static void import_book(struct book *b)
{
	b->updated = new_guest("孙先生", "孙", "13900000001", NULL, NULL);
	ck_ok(store_begin(st));
	ck_ok(import_store_batch_new(st, "guests", "客户.xlsx",
				     "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
				     &b->batch));
	ck_assert_int_gt(b->batch, 0);
	b->created[0] = new_guest("钱女士", "钱", "13900000002", NULL, "回头客");
	ck_ok(import_store_created(st, b->batch, b->created[0]));
	b->created[1] = new_guest("赵总", "赵", NULL, "中信银行", NULL);
	ck_ok(import_store_created(st, b->batch, b->created[1]));

	struct guest before, after;
	ck_ok(guest_store_get(st, b->updated, &before));
	guest_copy(&after, &before);
	guest_set(&after, GF_EMPLOYER, "华为技术");
	guest_add_phone(&after, "office", "010-55512345");
	guest_add_pref(&after, -1, PREF_ALLERGY, SEV_CRITICAL, "花生");
	guest_add_tag(&after, "贵宾");
	ck_ok(guest_store_save(st, &after, before.version, false, NULL));
	ck_ok(import_store_updated(st, b->batch, &before, &after));
	b->left = after.version;
	guest_free(&before);
	guest_free(&after);
	ck_ok(import_store_batch_end(st, b->batch, "read 3 rows: 2 new, 1 updated"));
	ck_ok(store_commit(st));
}

/* What the import recorded, and the batch listed. */
START_TEST(test_batch_recorded)
{
	struct book b;
	import_book(&b);
	ck_assert_int_eq(count("SELECT count(*) FROM import_change WHERE what = 'create'"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM import_change WHERE what = 'field' AND "
			       "field = 'employer' AND old IS NULL AND new = '华为技术'"),
			 1);
	/* the phone, the allergy and the tag, nothing else */
	ck_assert_int_eq(count("SELECT count(*) FROM import_change WHERE what = 'item'"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM import_change WHERE what = 'item' AND "
			       "field = 'preference' AND new = 'allergy 花生 (critical)' AND "
			       "item_id = (SELECT id FROM preference WHERE text = '花生')"),
			 1);
	ck_assert_int_eq(count("SELECT count(*) FROM import_change WHERE what = 'item' AND "
			       "field = 'tag' AND item_id IS NULL AND new = '贵宾'"),
			 1);
	ck_assert_int_eq(count("SELECT count(*) FROM import_change WHERE what = 'item' AND "
			       "field = 'phone' AND new = 'office 010-55512345'"),
			 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE entity = 'import' AND "
			       "action = 'import' AND field = 'guests' AND "
			       "new LIKE '客户.xlsx (sha256 9f86%): read 3 rows: 2 new, 1 updated'"),
			 1);

	/* a second batch, listed first */
	int64_t second;
	ck_ok(import_store_batch_new(st, "visits", "pos.csv", "00", &second));
	struct import_batch *v;
	size_t n;
	ck_ok(import_store_batches(st, &v, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].id, second);
	ck_assert_str_eq(v[0].kind, "visits");
	ck_assert_ptr_null(v[0].summary);
	ck_assert_int_eq(v[1].id, b.batch);
	ck_assert_str_eq(v[1].kind, "guests");
	ck_assert_str_eq(v[1].file, "客户.xlsx");
	ck_assert_str_eq(v[1].summary, "read 3 rows: 2 new, 1 updated");
	ck_assert_str_eq(v[1].login, store_login(st));
	ck_assert_ptr_nonnull(v[1].at);
	ck_assert_ptr_null(v[1].undone_at);
	ck_assert_ptr_null(v[1].undone_by);
	import_batches_free(v, n);

	/* refused kinds and references */
	int64_t bad = 7;
	ck_assert_int_eq(import_store_batch_new(st, "staff", "x.csv", "00", &bad), ST_INVALID);
	ck_assert_int_eq(bad, 0);
	ck_assert_int_eq(import_store_created(st, 999, b.created[0]), ST_NOTFOUND);
	ck_assert_int_eq(import_store_created(st, second, 999), ST_NOTFOUND);
	ck_assert_int_eq(import_store_visit(st, second, 999), ST_NOTFOUND);
	ck_assert_int_eq(count("SELECT count(*) FROM import_batch"), 2);
}
END_TEST

START_TEST(test_undo_guests)
{
	struct book b;
	import_book(&b);
	int64_t a = b.created[0], z = b.created[1], u = b.updated;
	ck_assert_uint_eq(found("钱女士"), 1);
	ck_assert_uint_eq(found("中信"), 1);
	ck_assert_uint_eq(found("13900000002"), 1);
	ck_assert_uint_eq(found("华为"), 1);

	struct strv blocked = {0};
	ck_ok(import_store_undo(st, b.batch, &blocked));
	ck_assert_uint_eq(blocked.n, 0);

	/* the created guests are gone, with their lists and every search key */
	struct guest g;
	ck_assert_int_eq(guest_store_get(st, a, &g), ST_NOTFOUND);
	ck_assert_int_eq(guest_store_get(st, z, &g), ST_NOTFOUND);
	ck_assert_uint_eq(found("钱女士"), 0);
	ck_assert_uint_eq(found("qian"), 0);
	ck_assert_uint_eq(found("中信"), 0);
	ck_assert_uint_eq(found("13900000002"), 0);
	ck_assert_uint_eq(found("#回头客"), 0);
	char q[200];
	snprintf(q, sizeof q,
		 "SELECT (SELECT count(*) FROM search_key WHERE guest_id IN (%lld, %lld)) + "
		 "(SELECT count(*) FROM search_text WHERE rowid IN (%lld, %lld)) + "
		 "(SELECT count(*) FROM search_probe WHERE guest_id IN (%lld, %lld))",
		 (long long)a, (long long)z, (long long)a, (long long)z, (long long)a, (long long)z);
	ck_assert_int_eq(count(q), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM phone"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM tag"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE entity = 'guest' AND "
			       "action = 'delete'"),
			 2);

	/* the updated one has its old sheet back, at a new version */
	ck_ok(guest_store_get(st, u, &g));
	ck_assert_ptr_null(g.f[GF_EMPLOYER]);
	ck_assert_uint_eq(g.phones.n, 1);
	ck_assert_str_eq(g.phones.v[0].number, "13900000001");
	ck_assert_uint_eq(g.prefs.n, 0);
	ck_assert_uint_eq(g.tags.n, 0);
	ck_assert_int_eq(g.version, b.left + 1);
	guest_free(&g);
	ck_assert_uint_eq(found("孙先生"), 1);
	ck_assert_uint_eq(found("华为"), 0);

	/* the batch is marked undone, and the undo audited */
	struct import_batch *v;
	size_t n;
	ck_ok(import_store_batches(st, &v, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(v[0].undone_at);
	ck_assert_str_eq(v[0].undone_by, store_login(st));
	import_batches_free(v, n);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE entity = 'import' AND "
			       "action = 'undo' AND new = '2 guests removed, 1 restored, 0 visits "
			       "removed'"),
			 1);
	ck_assert_int_eq(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);

	/* once only; an unknown batch is not found */
	ck_assert_int_eq(import_store_undo(st, b.batch, &blocked), ST_INVALID);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "undone already"));
	ck_assert_int_eq(import_store_undo(st, 999, &blocked), ST_NOTFOUND);
	ck_assert_uint_eq(blocked.n, 0);
	strv_free(&blocked);
}
END_TEST

/* Everything the store holds, as one number that changes when any row does. */
static long long digest(void)
{
	return count("SELECT (SELECT count(*) FROM guest) * 1000000 + (SELECT sum(version) FROM "
		     "guest) * 10000 + (SELECT count(*) FROM audit) * 100 + (SELECT count(*) FROM "
		     "phone) + (SELECT count(*) FROM import_batch WHERE undone_at IS NOT NULL) * 10 + "
		     "(SELECT count(*) FROM search_key)");
}

START_TEST(test_undo_refused_edited)
{
	struct book b;
	import_book(&b);
	struct guest g;
	ck_ok(guest_store_get(st, b.updated, &g));
	guest_set(&g, GF_POSITION, "总经理");
	ck_ok(guest_store_save(st, &g, g.version, false, NULL));
	guest_free(&g);
	long long before = digest();

	struct strv blocked = {0};
	ck_assert_int_eq(import_store_undo(st, b.batch, &blocked), ST_CONFLICT);
	ck_assert_uint_eq(blocked.n, 1);
	char want[120];
	snprintf(want, sizeof want, "guest %lld (孙先生): edited since the import (version %lld, "
		 "the import left %lld), last by %s at ",
		 (long long)b.updated, (long long)b.left + 1, (long long)b.left, store_login(st));
	ck_assert_msg(strncmp(blocked.v[0], want, strlen(want)) == 0, "got \"%s\"", blocked.v[0]);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), want));
	strv_free(&blocked);

	/* nothing written: the created guests are there, the edit and the import's fields kept */
	ck_assert_int_eq(digest(), before);
	ck_ok(guest_store_get(st, b.created[0], &g));
	guest_free(&g);
	ck_ok(guest_store_get(st, b.updated, &g));
	ck_assert_str_eq(g.f[GF_EMPLOYER], "华为技术");
	ck_assert_str_eq(g.f[GF_POSITION], "总经理");
	guest_free(&g);
	ck_assert_int_eq(count("SELECT count(*) FROM import_batch WHERE undone_at IS NULL"), 1);
}
END_TEST

START_TEST(test_undo_refused_visit)
{
	struct book b;
	import_book(&b);
	new_visit(b.created[0], "2026-03-12");
	long long before = digest();
	long long visits = count("SELECT count(*) FROM visit");

	struct strv blocked = {0};
	ck_assert_int_eq(import_store_undo(st, b.batch, NULL), ST_CONFLICT);
	ck_assert_int_eq(import_store_undo(st, b.batch, &blocked), ST_CONFLICT);
	ck_assert_uint_eq(blocked.n, 1);
	char want[120];
	snprintf(want, sizeof want, "guest %lld (钱女士): 1 visit recorded since the import "
		 "(2026-03-12 dinner, by %s at ", (long long)b.created[0], store_login(st));
	ck_assert_msg(strncmp(blocked.v[0], want, strlen(want)) == 0, "got \"%s\"", blocked.v[0]);
	strv_free(&blocked);
	ck_assert_int_eq(digest(), before);
	ck_assert_int_eq(count("SELECT count(*) FROM visit"), visits);
	struct guest g;
	ck_ok(guest_store_get(st, b.created[0], &g));
	guest_free(&g);
}
END_TEST

/* A visits batch of one visit of guest on date (its id in *visit): the batch's id. */
static int64_t visit_batch(int64_t guest, const char *date, int64_t *visit)
{
	int64_t batch;
	ck_ok(store_begin(st));
	ck_ok(import_store_batch_new(st, "visits", "pos.csv", "abcd", &batch));
	*visit = new_visit(guest, date);
	ck_ok(import_store_visit(st, batch, *visit));
	ck_ok(import_store_batch_end(st, batch, "read 1 rows: 1 new"));
	ck_ok(store_commit(st));
	return batch;
}

/* A visits batch: its visits go, the others stay, the monthly figures and the last visit
 * follow; one voided since blocks. */
START_TEST(test_undo_visits)
{
	int64_t g = new_guest("李经理", "李", "13900000003", NULL, NULL);
	int64_t own = new_visit(g, "2026-01-05");
	int64_t batch;
	ck_ok(store_begin(st));
	ck_ok(import_store_batch_new(st, "visits", "pos.csv", "abcd", &batch));
	int64_t v1 = new_visit(g, "2026-02-10"), v2 = new_visit(g, "2026-03-11");
	ck_ok(import_store_visit(st, batch, v1));
	ck_ok(import_store_visit(st, batch, v2));
	ck_ok(import_store_batch_end(st, batch, "read 2 rows: 2 new"));
	ck_ok(store_commit(st));
	ck_assert_int_eq(count("SELECT count(*) FROM guest_month"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM guest_last WHERE date = '2026-03-11'"), 1);

	struct strv blocked = {0};
	ck_ok(import_store_undo(st, batch, &blocked));
	ck_assert_uint_eq(blocked.n, 0);
	char q[100];
	snprintf(q, sizeof q, "SELECT count(*) FROM visit WHERE id = %lld", (long long)own);
	ck_assert_int_eq(count(q), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM visit"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM guest_month WHERE month = '2026-01'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM guest_month"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM guest_last WHERE date = '2026-01-05'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE entity = 'visit' AND "
			       "action = 'delete'"),
			 2);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE entity = 'import' AND "
			       "action = 'undo' AND new = '0 guests removed, 0 restored, 2 visits "
			       "removed; months to recompute: 2026-02, 2026-03'"),
			 1);
	/* the guest is untouched */
	struct guest gs;
	ck_ok(guest_store_get(st, g, &gs));
	ck_assert_int_eq(gs.version, 1);
	guest_free(&gs);

	/* a visit of another batch voided since: refused */
	int64_t v3;
	batch = visit_batch(g, "2026-04-01", &v3);
	ck_ok(visit_store_void(st, v3, VOID_TWICE, NULL));
	ck_assert_int_eq(import_store_undo(st, batch, &blocked), ST_CONFLICT);
	ck_assert_uint_eq(blocked.n, 1);
	char want[120];
	snprintf(want, sizeof want, "guest %lld (李经理): visit %lld of 2026-04-01 dinner: voided "
		 "since the import (by %s at ", (long long)g, (long long)v3, store_login(st));
	ck_assert_msg(strncmp(blocked.v[0], want, strlen(want)) == 0, "got \"%s\"", blocked.v[0]);
	strv_free(&blocked);
	ck_assert_int_eq(count("SELECT count(*) FROM visit"), 2);

	/* a complaint about a visit of another batch: refused */
	int64_t v4;
	batch = visit_batch(g, "2026-04-02", &v4);
	char sql[400];
	snprintf(sql, sizeof sql,
		 "INSERT INTO complaint(guest_id, visit_id, at, opened_at, channel, category, "
		 "severity, description, status, created_by) VALUES (%lld, %lld, '2026-04-03 "
		 "10:00:00', '2026-04-03 10:00:00', 'phone', 'food', 'low', '汤凉了', 'open', "
		 "(SELECT min(id) FROM staff))",
		 (long long)g, (long long)v4);
	testdb_exec(sql);
	ck_assert_int_eq(import_store_undo(st, batch, &blocked), ST_CONFLICT);
	ck_assert_uint_eq(blocked.n, 1);
	snprintf(want, sizeof want, "guest %lld (李经理): visit %lld of 2026-04-02 dinner: complaint ",
		 (long long)g, (long long)v4);
	ck_assert_msg(strncmp(blocked.v[0], want, strlen(want)) == 0 &&
			      strstr(blocked.v[0], "recorded about it since the import"),
		      "got \"%s\"", blocked.v[0]);
	strv_free(&blocked);
	ck_assert_int_eq(count("SELECT count(*) FROM visit"), 3);
}
END_TEST

/* A guest created by one batch and updated by a later one: the first cannot be undone while
 * the second is in force, and can once the second is undone. */
START_TEST(test_undo_in_turn)
{
	int64_t first, second;
	ck_ok(store_begin(st));
	ck_ok(import_store_batch_new(st, "guests", "a.csv", "aa", &first));
	int64_t x = new_guest("周女士", "周", "13900000004", NULL, NULL);
	ck_ok(import_store_created(st, first, x));
	ck_ok(import_store_batch_end(st, first, "read 1 rows: 1 new"));
	ck_ok(store_commit(st));

	ck_ok(store_begin(st));
	ck_ok(import_store_batch_new(st, "guests", "b.csv", "bb", &second));
	struct guest before, after;
	ck_ok(guest_store_get(st, x, &before));
	guest_copy(&after, &before);
	guest_set(&after, GF_POSITION, "董事长");
	ck_ok(guest_store_save(st, &after, before.version, false, NULL));
	ck_ok(import_store_updated(st, second, &before, &after));
	guest_free(&before);
	guest_free(&after);
	ck_ok(import_store_batch_end(st, second, "read 1 rows: 1 updated"));
	ck_ok(store_commit(st));

	struct strv blocked = {0};
	ck_assert_int_eq(import_store_undo(st, first, &blocked), ST_CONFLICT);
	ck_assert_uint_eq(blocked.n, 1);
	strv_free(&blocked);
	ck_ok(import_store_undo(st, second, &blocked));
	struct guest g;
	ck_ok(guest_store_get(st, x, &g));
	ck_assert_ptr_null(g.f[GF_POSITION]);
	guest_free(&g);
	ck_ok(import_store_undo(st, first, &blocked));
	ck_assert_uint_eq(blocked.n, 0);
	ck_assert_int_eq(guest_store_get(st, x, &g), ST_NOTFOUND);
	ck_assert_uint_eq(found("周女士"), 0);
	strv_free(&blocked);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import_store");
	TCase *tc = tcase_create("batches");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_batch_recorded);
	tcase_add_test(tc, test_undo_guests);
	tcase_add_test(tc, test_undo_refused_edited);
	tcase_add_test(tc, test_undo_refused_visit);
	tcase_add_test(tc, test_undo_visits);
	tcase_add_test(tc, test_undo_in_turn);
	suite_add_tcase(s, tc);
	return testdb_run(s);
}
