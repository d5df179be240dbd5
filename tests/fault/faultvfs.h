/* faultvfs.h — a test VFS that fails the Nth write, sync, lock or truncate (test code only).
 *
 * The way SQLite tests itself: a shim over the default VFS, registered as the new default so
 * that every connection maitre opens goes through it. Each xWrite, xSync, xLock and xTruncate
 * of every file (database, WAL, journal) is counted from the moment the VFS is armed; the Nth
 * call of the chosen kind fails with SQLITE_FULL or SQLITE_IOERR_* (and, persistent, every call
 * of that kind after it, as a disk that stays full). */
#ifndef MAITRE_FAULTVFS_H
#define MAITRE_FAULTVFS_H

#include <stdbool.h>

enum fault_op { FAULT_WRITE, FAULT_SYNC, FAULT_LOCK, FAULT_TRUNCATE, FAULT_NOPS };
enum fault_kind { FAULT_FULL, FAULT_IOERR };

struct fault_state {
	int op;            /* enum fault_op, or -1: count only */
	long n;            /* the call (1-based) that fails */
	int kind;          /* enum fault_kind */
	bool persist;      /* and every call of that kind after it */
	bool no_sync;      /* count syncs but do not make them (a run ends as a process, never
	                    * as a power cut: the loop needs no durability, only speed) */
	long count[FAULT_NOPS]; /* calls of each kind since armed */
	long fired;        /* calls failed */
};

/* Registers the VFS as the default, over the one that was (once per process). Returns 0. */
int faultvfs_register(void);
/* Counts and fails through *f from now on (NULL: pass every call through, uncounted). f stays
 * the caller's: it may live in memory shared with a parent process. */
void faultvfs_arm(struct fault_state *f);

/* "write", "sync", "lock", "truncate" → enum fault_op; -1 for anything else */
int faultvfs_op(const char *name);
const char *faultvfs_op_name(int op);
/* Parses "OP:N:full|ioerr[:persist]" (MAITRE_FAULT) into *f, counts zeroed; 0, or -1. */
int faultvfs_parse(const char *spec, struct fault_state *f);

#endif
