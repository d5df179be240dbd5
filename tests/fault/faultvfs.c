/* faultvfs.c — the fault-injecting VFS (see faultvfs.h). */
#include "config.h"

#include "faultvfs.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static struct fault_state *armed;

static const char *const op_names[FAULT_NOPS] = {"write", "sync", "lock", "truncate"};

/* the I/O error SQLite's own unix VFS gives for each kind of call */
static const int ioerr_codes[FAULT_NOPS] = {SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC,
					    SQLITE_IOERR_LOCK, SQLITE_IOERR_TRUNCATE};

/* Counts one call of kind op; returns the error it must fail with, or SQLITE_OK. */
static int fault_hit(int op)
{
	struct fault_state *f = armed;
	if (!f)
		return SQLITE_OK;
	long c = ++f->count[op];
	if (f->op != op || f->n <= 0 || c < f->n || (c > f->n && !f->persist))
		return SQLITE_OK;
	f->fired++;
	return f->kind == FAULT_FULL ? SQLITE_FULL : ioerr_codes[op];
}

struct ffile {
	sqlite3_file base;
	sqlite3_file *real; /* the default VFS's file, allocated right after this struct */
};

#define REAL(f) (((struct ffile *)(f))->real)

static int f_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	int rc = fault_hit(FAULT_WRITE);
	return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	int rc = fault_hit(FAULT_TRUNCATE);
	return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	int rc = fault_hit(FAULT_SYNC);
	if (rc != SQLITE_OK || (armed && armed->no_sync))
		return rc;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	int rc = fault_hit(FAULT_LOCK);
	return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xLock(REAL(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int f_check_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_file_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector_size(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int f_device_characteristics(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), region, size, extend, p);
}

static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, p);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

/* one table per version of the real file's methods: never offer what it lacks */
static sqlite3_io_methods io_methods[4];

static void init_methods(void)
{
	for (int v = 1; v <= 3; v++) {
		sqlite3_io_methods *m = &io_methods[v];
		*m = (sqlite3_io_methods){
			.iVersion = v,
			.xClose = f_close,
			.xRead = f_read,
			.xWrite = f_write,
			.xTruncate = f_truncate,
			.xSync = f_sync,
			.xFileSize = f_file_size,
			.xLock = f_lock,
			.xUnlock = f_unlock,
			.xCheckReservedLock = f_check_reserved,
			.xFileControl = f_file_control,
			.xSectorSize = f_sector_size,
			.xDeviceCharacteristics = f_device_characteristics,
		};
		if (v >= 2) {
			m->xShmMap = f_shm_map;
			m->xShmLock = f_shm_lock;
			m->xShmBarrier = f_shm_barrier;
			m->xShmUnmap = f_shm_unmap;
		}
		if (v >= 3) {
			m->xFetch = f_fetch;
			m->xUnfetch = f_unfetch;
		}
	}
}

static int v_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags,
		  int *out_flags)
{
	(void)vfs;
	struct ffile *p = (struct ffile *)file;
	p->real = (sqlite3_file *)(p + 1);
	memset(p->real, 0, (size_t)real_vfs->szOsFile);
	int rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out_flags);
	int v = p->real->pMethods ? p->real->pMethods->iVersion : 0;
	p->base.pMethods = v >= 1 ? &io_methods[v > 3 ? 3 : v] : NULL;
	return rc;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void v_dlerror(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*v_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void v_dlclose(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int v_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int v_current_time(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, t);
}

static int v_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, msg) : 0;
}

static int v_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

int faultvfs_register(void)
{
	if (real_vfs)
		return 0;
	sqlite3_initialize();
	real_vfs = sqlite3_vfs_find(NULL);
	if (!real_vfs || real_vfs->iVersion < 2) {
		fprintf(stderr, "faultvfs: no default VFS of version 2 or later\n");
		abort();
	}
	init_methods();
	fault_vfs = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(struct ffile) + real_vfs->szOsFile,
		.mxPathname = real_vfs->mxPathname,
		.zName = "fault",
		.xOpen = v_open,
		.xDelete = v_delete,
		.xAccess = v_access,
		.xFullPathname = v_full_pathname,
		.xDlOpen = v_dlopen,
		.xDlError = v_dlerror,
		.xDlSym = v_dlsym,
		.xDlClose = v_dlclose,
		.xRandomness = v_randomness,
		.xSleep = v_sleep,
		.xCurrentTime = v_current_time,
		.xGetLastError = v_last_error,
		.xCurrentTimeInt64 = v_current_time64,
	};
	return sqlite3_vfs_register(&fault_vfs, 1);
}

void faultvfs_arm(struct fault_state *f)
{
	armed = f;
}

int faultvfs_op(const char *name)
{
	for (int i = 0; i < FAULT_NOPS; i++)
		if (strcmp(name, op_names[i]) == 0)
			return i;
	return -1;
}

const char *faultvfs_op_name(int op)
{
	return op >= 0 && op < FAULT_NOPS ? op_names[op] : "none";
}

int faultvfs_parse(const char *spec, struct fault_state *f)
{
	char op[16], kind[16], persist[16] = "";
	long n;
	memset(f, 0, sizeof *f);
	int k = sscanf(spec, "%15[a-z]:%ld:%15[a-z]:%15[a-z]", op, &n, kind, persist);
	if (k < 3 || n < 1 || faultvfs_op(op) < 0)
		return -1;
	f->op = faultvfs_op(op);
	f->n = n;
	if (strcmp(kind, "full") == 0)
		f->kind = FAULT_FULL;
	else if (strcmp(kind, "ioerr") == 0)
		f->kind = FAULT_IOERR;
	else
		return -1;
	if (k == 4 && strcmp(persist, "persist") != 0)
		return -1;
	f->persist = k == 4;
	return 0;
}
