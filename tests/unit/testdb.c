#include "testdb.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

char testdb_dir[256], testdb_path[300];

struct store *testdb_open(void)
{
	struct error err;
	struct store *st = NULL;
	snprintf(testdb_dir, sizeof testdb_dir, "/tmp/maitre-check-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(testdb_dir));
	snprintf(testdb_path, sizeof testdb_path, "%s/t.db", testdb_dir);
	ck_assert_msg(store_open(testdb_path, STORE_CREATE, &st, &err) == ST_OK, "%s", err.msg);
	return st;
}

void testdb_close(struct store *st)
{
	store_close(st);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", testdb_dir);
	ck_assert_int_eq(system(cmd), 0);
}

long long testdb_int(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long v = -1;
	ck_assert_int_eq(sqlite3_open(testdb_path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

void testdb_exec(const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;
	ck_assert_int_eq(sqlite3_open(testdb_path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_free(msg);
	sqlite3_close(db);
}

int testdb_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
