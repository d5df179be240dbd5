/* check_audit.c — unit tests of the audit trail (store/audit_store.h): the hash chain kept by
 * every write and caught broken by an edit, a removal or an insertion made with SQL; rows
 * labelled with the operation they belonged to; the chain given to the rows of a database
 * migrated from before it; and the listing, filtered and masked through the reveal callback.
 * Each test works on its own database (testdb.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "store/audit_store.h"
#include "store/guest_store.h"
#include "store/import_store.h"
#include "store/store.h"

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

#define ck_ok(call) ck_assert_msg((call) == ST_OK, "%s: %s", #call, store_errmsg(st))

/* A guest with a sensitive field (income) and a birthday with its year, then an edit. */
static int64_t new_guest(const char *name, const char *income)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, name);
	guest_set(&g, GF_EMPLOYER, "中信银行");
	guest_set(&g, GF_INCOME, income);
	guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, 1970, 5, 1);
	ck_ok(guest_store_save(st, &g, 0, false, NULL));
	int64_t id = g.id;
	guest_set(&g, GF_EMPLOYER, "中信证券");
	ck_ok(guest_store_save(st, &g, g.version, false, NULL));
	guest_free(&g);
	return id;
}

static enum audit_break verify(int64_t *id)
{
	struct audit_verdict v;
	ck_ok(audit_store_verify(st, &v));
	if (id)
		*id = v.id;
	return v.what;
}

START_TEST(test_chain_intact)
{
	new_guest("孙先生", "年薪百万");
	new_guest("王女士", NULL);
	struct audit_verdict v;
	ck_ok(audit_store_verify(st, &v));
	ck_assert_int_eq(v.what, AUDIT_INTACT);
	ck_assert_int_eq(v.rows, testdb_int("SELECT count(*) FROM audit"));
	ck_assert_int_gt(v.rows, 4);
	/* every row has its hash, each different, and the head is the last row */
	ck_assert_int_eq(testdb_int("SELECT count(DISTINCT hash) FROM audit"), v.rows);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit_head h JOIN audit a ON "
				    "a.id = h.id AND a.hash = h.hash AND a.id = (SELECT max(id) FROM audit)"),
			 1);
}
END_TEST

START_TEST(test_chain_changed)
{
	new_guest("孙先生", "年薪百万");
	testdb_exec("UPDATE audit SET new = '年薪十万' WHERE field = 'income'");
	int64_t id;
	ck_assert_int_eq(verify(&id), AUDIT_CHANGED);
	ck_assert_int_eq(id, testdb_int("SELECT id FROM audit WHERE field = 'income'"));
	/* a NULL made a text: still a change (no two values encode alike) */
	testdb_exec("UPDATE audit SET new = '年薪百万' WHERE field = 'income'");
	ck_assert_int_eq(verify(NULL), AUDIT_INTACT);
	testdb_exec("UPDATE audit SET old = '' WHERE id = 1");
	ck_assert_int_eq(verify(&id), AUDIT_CHANGED);
	ck_assert_int_eq(id, 1);
}
END_TEST

START_TEST(test_chain_removed)
{
	new_guest("孙先生", "年薪百万");
	long long n = testdb_int("SELECT count(*) FROM audit");
	testdb_exec("DELETE FROM audit WHERE id = 2");
	int64_t id;
	ck_assert_int_eq(verify(&id), AUDIT_REMOVED);
	ck_assert_int_eq(id, 3);
	/* the last row taken off: the head still names it, and a later write does not hide it */
	testdb_close(st);
	st = testdb_open();
	new_guest("孙先生", "年薪百万");
	n = testdb_int("SELECT count(*) FROM audit");
	testdb_exec("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)");
	struct audit_verdict v;
	ck_ok(audit_store_verify(st, &v));
	ck_assert_int_eq(v.what, AUDIT_TRUNCATED);
	ck_assert_int_eq(v.id, n - 1);
	ck_assert_int_eq(v.head_id, n);
	new_guest("王女士", NULL);
	ck_assert_int_eq(verify(&id), AUDIT_REMOVED);
	ck_assert_int_eq(id, n + 1);
}
END_TEST

START_TEST(test_chain_inserted)
{
	new_guest("孙先生", "年薪百万");
	/* a row in the middle, in the place of one shifted up */
	long long n = testdb_int("SELECT count(*) FROM audit");
	testdb_exec("UPDATE audit SET id = id + 100 WHERE id > 2");
	testdb_exec("INSERT INTO audit(id, at, staff_id, entity, entity_id, action, hash) "
		    "VALUES (3, '2026-01-01 00:00:00', 1, 'guest', 1, 'update', 'ab')");
	testdb_exec("UPDATE audit SET id = id - 99 WHERE id > 100");
	int64_t id;
	ck_assert_int_eq(verify(&id), AUDIT_INSERTED);
	ck_assert_int_eq(id, 3);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit"), n + 1);
	/* a row at the end, without a hash, then a write of maitre's after it */
	testdb_close(st);
	st = testdb_open();
	new_guest("孙先生", "年薪百万");
	n = testdb_int("SELECT count(*) FROM audit");
	testdb_exec("INSERT INTO audit(at, staff_id, entity, entity_id, action) "
		    "VALUES ('2026-01-01 00:00:00', 1, 'guest', 1, 'update')");
	ck_assert_int_eq(verify(&id), AUDIT_INSERTED);
	ck_assert_int_eq(id, n + 1);
	new_guest("王女士", NULL);
	ck_assert_int_eq(verify(&id), AUDIT_INSERTED);
	ck_assert_int_eq(id, n + 1);
}
END_TEST

/* The rows an operation writes carry its label until its transaction ends, and no longer. */
START_TEST(test_op_label)
{
	int64_t batch;
	ck_ok(store_begin(st));
	ck_ok(import_store_batch_new(st, "guests", "book.xlsx", "00ff", &batch));
	int64_t g = new_guest("孙先生", NULL);
	ck_ok(import_store_created(st, batch, g));
	ck_ok(import_store_batch_end(st, batch, "1 new"));
	ck_ok(store_commit(st));
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE op IS NOT 'import' OR "
				    "op_id IS NOT 1"),
			 0);
	new_guest("王女士", NULL);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE op IS NULL AND entity_id = 2"),
			 testdb_int("SELECT count(*) FROM audit WHERE entity_id = 2"));
	ck_assert_int_eq(verify(NULL), AUDIT_INTACT);
	/* the label goes with a rollback too */
	ck_ok(store_begin(st));
	store_audit_op(st, "merge", 7);
	store_rollback(st);
	new_guest("赵总", NULL);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE op = 'merge'"), 0);
}
END_TEST

/* A database from before the chain: its rows get their hashes, its imports their label. */
START_TEST(test_migration_chains_old_rows)
{
	new_guest("孙先生", "年薪百万");
	ck_ok(store_log(st, "import", "import", "book.xlsx: 1 new"));
	testdb_exec("UPDATE audit SET entity_id = 4 WHERE entity = 'import'");
	long long n = testdb_int("SELECT count(*) FROM audit");
	store_close(st);
	st = NULL;
	/* the schema as it was: no hash, op, head nor index (schema 13, before the chain; what
	 * came after it goes too) */
	int latest = store_schema_latest();
	testdb_exec(UNDO_TO_13 "PRAGMA user_version = 13");
	struct error err;
	ck_assert_msg(store_open(testdb_path, 0, &st, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), latest);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE hash IS NULL"), 0);
	ck_assert_int_eq(testdb_int("SELECT op_id FROM audit WHERE op = 'import'"), 4);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM sqlite_master WHERE name = 'audit_rechain'"),
			 0);
	struct audit_verdict v;
	ck_ok(audit_store_verify(st, &v));
	ck_assert_int_eq(v.what, AUDIT_INTACT);
	ck_assert_int_eq(v.rows, n);
	new_guest("王女士", NULL);
	ck_assert_int_eq(verify(NULL), AUDIT_INTACT);
	testdb_exec("UPDATE audit SET at = '2020-01-01 00:00:00' WHERE id = 1");
	ck_assert_int_eq(verify(NULL), AUDIT_CHANGED);
}
END_TEST

/* Reveals the sensitive values of one guest only (ctx). */
static bool reveal_one(void *ctx, int64_t guest_id)
{
	return guest_id == *(int64_t *)ctx;
}

static const struct audit_row *find(const struct audit_row *v, size_t n, int64_t guest,
				    const char *field)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].guest_id == guest && v[i].field && strcmp(v[i].field, field) == 0)
			return &v[i];
	return NULL;
}

START_TEST(test_list_masked)
{
	int64_t a = new_guest("孙先生", "年薪百万"), b = new_guest("王女士", "保密");
	struct audit_row *v;
	size_t n;
	struct audit_filter f = {0};
	ck_ok(audit_store_list(st, &f, reveal_one, &b, &v, &n));
	ck_assert_uint_eq(n, (size_t)testdb_int("SELECT count(*) FROM audit"));
	/* the newest first */
	for (size_t i = 1; i < n; i++)
		ck_assert_int_gt(v[i - 1].id, v[i].id);
	/* a's income and birth year hidden: never copied out */
	const struct audit_row *r = find(v, n, a, "income");
	ck_assert_ptr_nonnull(r);
	ck_assert(r->sensitive && r->hidden);
	ck_assert_ptr_null(r->new);
	ck_assert_ptr_null(r->old);
	r = find(v, n, a, "special_date");
	ck_assert(r && r->sensitive && r->hidden && !r->new);
	/* a's employer shown, old → new */
	r = find(v, n, a, "employer");
	ck_assert(r && !r->sensitive && !r->hidden);
	ck_assert_str_eq(r->old, "中信银行");
	ck_assert_str_eq(r->new, "中信证券");
	ck_assert_str_eq(r->login, store_login(st));
	/* b's income revealed */
	r = find(v, n, b, "income");
	ck_assert(r && r->sensitive && !r->hidden);
	ck_assert_str_eq(r->new, "保密");
	audit_rows_free(v, n);

	/* no callback: every sensitive value hidden */
	ck_ok(audit_store_list(st, &f, NULL, NULL, &v, &n));
	ck_assert((r = find(v, n, b, "income")) && r->hidden && !r->new);
	audit_rows_free(v, n);
}
END_TEST

START_TEST(test_list_filters)
{
	int64_t a = new_guest("孙先生", NULL), b = new_guest("王女士", NULL);
	struct audit_row *v;
	size_t n;
	struct audit_filter f = {.guest_id = b, .oldest_first = true};
	ck_ok(audit_store_list(st, &f, NULL, NULL, &v, &n));
	ck_assert_uint_gt(n, 1);
	ck_assert_str_eq(v[0].action, "create");
	ck_assert_str_eq(v[0].new, "王女士");
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(v[i].guest_id, b);
		ck_assert(i == 0 || v[i - 1].id < v[i].id);
	}
	audit_rows_free(v, n);
	f = (struct audit_filter){.guest_id = a, .action = "update", .limit = 1};
	ck_ok(audit_store_list(st, &f, NULL, NULL, &v, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].field, "employer");
	audit_rows_free(v, n);
	f = (struct audit_filter){.staff = "nobody-here"};
	ck_ok(audit_store_list(st, &f, NULL, NULL, &v, &n));
	ck_assert_uint_eq(n, 0);
	audit_rows_free(v, n);
	f = (struct audit_filter){.since = "2999-01-01"};
	ck_ok(audit_store_list(st, &f, NULL, NULL, &v, &n));
	ck_assert_uint_eq(n, 0);
	audit_rows_free(v, n);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("chain");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_chain_intact);
	tcase_add_test(tc, test_chain_changed);
	tcase_add_test(tc, test_chain_removed);
	tcase_add_test(tc, test_chain_inserted);
	tcase_add_test(tc, test_op_label);
	tcase_add_test(tc, test_migration_chains_old_rows);
	suite_add_tcase(s, tc);
	tc = tcase_create("list");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_list_masked);
	tcase_add_test(tc, test_list_filters);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return testdb_run(suite());
}
