/* testdb.h — for Check tests: a fresh maitre database in its own temporary directory, and the
 * runner every suite uses. */
#ifndef MAITRE_TESTDB_H
#define MAITRE_TESTDB_H

#include <check.h>

#include "store/store.h"

/* The directory and database of the running test (set by testdb_open). */
extern char testdb_dir[256], testdb_path[300];

/* Creates the directory and the database; the test fails when it cannot. Close with
 * testdb_close. */
struct store *testdb_open(void);
/* Closes st (may be NULL) and removes the directory. */
void testdb_close(struct store *st);
/* One value of sql, read through a separate connection (what another process would see). */
long long testdb_int(const char *sql);
/* Runs sql through a separate connection; the test fails when it does. */
void testdb_exec(const char *sql);
/* Runs the suite and returns the process exit status. */
int testdb_run(Suite *s);

#endif
