/* maitre_fault.c — maitre over the fault-injecting VFS (tests/fault/faultvfs.h); test code only.
 *
 * Three ways to run it:
 *
 *   MAITRE_FAULT=OP:N:full|ioerr[:persist] maitre-fault [maitre's arguments]
 *       maitre itself (the command line, or the interface), every connection over the VFS,
 *       the Nth OP (write, sync, lock, truncate) failing: to reproduce one case by hand, and
 *       for the screen tests.
 *
 *   maitre-fault --fault-loop [OPTIONS] TEMPLATE WORK -- ARGS...
 *       runs `maitre --db WORK ARGS` once without faults (it must succeed; it counts the calls
 *       of each kind), then once for each N (every N from 1 until a run completes without its
 *       fault firing, or with --sample K a sample: 1, 2, 3, the last two and K drawn from the
 *       seed) and each kind and error asked for, every run in a fresh process on a fresh copy
 *       of TEMPLATE. After each run: PRAGMA integrity_check is ok; the tables are as before the
 *       run or as after the faultless run, whole (a digest of every table); a run that failed
 *       exited with 3 and said why on standard error ("disk is full" for SQLITE_FULL, an I/O
 *       error otherwise), printed nothing on standard output, and left no --output FILE; a run
 *       that succeeded has the faultless run's tables (and an --output FILE whose
 *       integrity_check is ok). Options:
 *         --label NAME         the name in the report
 *         --ops LIST           write,sync,lock,truncate (default all)
 *         --kinds LIST         full,ioerr (default both)
 *         --modes LIST         once,persist (default both)
 *         --sample K --seed S  the sampled set of N (the seed is printed unless it came
 *                              from MAITRE_FAULT_SEED)
 *         --quick              with --sample: N = 1, the last and the K drawn, and only a
 *                              persistent full disk and a passing I/O error
 *         --output FILE        a file the command writes (backup)
 *         --known-leftover     a failed run that leaves --output FILE is reported, not failed
 *         --known-partial      a run that leaves a part of the change is reported, not failed
 *       Exits 0 when every run held, 1 otherwise (each failure printed with the
 *       MAITRE_FAULT that reproduces it).
 *
 *   maitre-fault          (no arguments, MAITRE_FAULT unset: `make check` runs it so)
 *       a self-test of the VFS: each kind of call is counted, and a failed write reaches the
 *       command line as exit 3 "disk is full" with the database left as it was.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "faultvfs.h"
#include "tui/screen.h"
#include "tui/tui.h"

static const struct cli_interface ui = {.run = tui_run, .print_keys = screen_print_keys};

__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "maitre-fault: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

/* ---- the database as a test sees it: through the real VFS, never the faulty one ---- */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

struct dbstate {
	bool integrity_ok;
	char integrity[200]; /* the first line of integrity_check, or why it could not run */
	uint64_t digest;     /* of every table's rows, and the schema version */
};

static void state_of(const char *path, struct dbstate *d)
{
	sqlite3 *db = NULL;
	memset(d, 0, sizeof *d);
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, "unix");
	sqlite3_stmt *s = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		snprintf(d->integrity, sizeof d->integrity, "%s",
			 (const char *)sqlite3_column_text(s, 0));
		d->integrity_ok = strcmp(d->integrity, "ok") == 0;
	} else {
		snprintf(d->integrity, sizeof d->integrity, "cannot check: %s",
			 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	}
	sqlite3_finalize(s);
	uint64_t h = 0xcbf29ce484222325ULL;
	sqlite3_stmt *t = NULL;
	if (d->integrity_ok &&
	    sqlite3_prepare_v2(db,
			       "SELECT name FROM sqlite_schema WHERE type = 'table' UNION ALL "
			       "SELECT 'user_version ' || user_version FROM pragma_user_version "
			       "ORDER BY 1",
			       -1, &t, NULL) == SQLITE_OK) {
		while (sqlite3_step(t) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(t, 0);
			h = fnv(h, name, strlen(name) + 1);
			if (strncmp(name, "user_version ", 13) == 0)
				continue;
			char *q = sqlite3_mprintf("SELECT * FROM \"%w\"", name);
			sqlite3_stmt *r = NULL;
			if (sqlite3_prepare_v2(db, q, -1, &r, NULL) == SQLITE_OK) {
				while (sqlite3_step(r) == SQLITE_ROW) {
					for (int c = 0; c < sqlite3_column_count(r); c++) {
						int type = sqlite3_column_type(r, c);
						const void *b = sqlite3_column_blob(r, c);
						int n = sqlite3_column_bytes(r, c);
						h = fnv(h, &type, sizeof type);
						h = fnv(h, b ? b : "", (size_t)n);
						h = fnv(h, &n, sizeof n);
					}
				}
			}
			sqlite3_finalize(r);
			sqlite3_free(q);
		}
	}
	sqlite3_finalize(t);
	sqlite3_close(db);
	d->digest = h;
}

/* ---- one run of the command in a child process ---- */

static void copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY);
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (in < 0 || out < 0)
		die("cannot copy %s", from);
	char buf[65536];
	ssize_t n;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			die("cannot copy %s", from);
	close(in);
	close(out);
}

static void remove_db(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	char p[4200];
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
		unlink(p);
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[4096];
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	return buf;
}

struct run {
	int status;      /* exit status, or 128 + signal */
	char out[512];   /* the start of standard output */
	char err[1024];  /* the start of standard error */
};

/* Runs maitre --db WORK ARGS in a child over the VFS armed with *f (shared memory). */
static void run_child(struct fault_state *f, const char *work, int argc, char **argv,
		      struct run *r)
{
	char out[4200], err[4200];
	snprintf(out, sizeof out, "%s.stdout", work);
	snprintf(err, sizeof err, "%s.stderr", work);
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		die("cannot fork");
	if (pid == 0) {
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(120);
		close(o);
		close(e);
		char **av = calloc((size_t)argc + 4, sizeof *av);
		av[0] = "maitre";
		av[1] = "--db";
		av[2] = (char *)work;
		for (int i = 0; i < argc; i++)
			av[3 + i] = argv[i];
		faultvfs_arm(f);
		int rc = cli_main(argc + 3, av, &ui);
		faultvfs_arm(NULL);
		free(av);
		exit(rc);
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			die("waitpid failed");
	r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	snprintf(r->out, sizeof r->out, "%s", slurp(out));
	snprintf(r->err, sizeof r->err, "%s", slurp(err));
	unlink(out);
	unlink(err);
}

/* ---- the loop ---- */

struct loop {
	const char *label, *template, *work, *output;
	bool ops[FAULT_NOPS], kinds[2], modes[2]; /* modes: once, persist */
	int sample;
	bool quick;
	unsigned long seed;
	bool known_leftover, known_partial;
	int argc;
	char **argv;
	struct fault_state *f; /* shared with the children */
	uint64_t before, after;
	long runs, failures, known;
};

static void parse_list(const char *list, const char *const *names, int n, bool *on)
{
	for (int i = 0; i < n; i++)
		on[i] = false;
	char buf[256];
	snprintf(buf, sizeof buf, "%s", list);
	for (char *w = strtok(buf, ","); w; w = strtok(NULL, ",")) {
		int i = 0;
		while (i < n && strcmp(w, names[i]) != 0)
			i++;
		if (i == n)
			die("unknown word in a list: %s", w);
		on[i] = true;
	}
}

static const char *const kind_names[] = {"full", "ioerr"};
static const char *const mode_names[] = {"once", "persist"};

static void fail(struct loop *L, bool known, const char *what, const char *detail)
{
	struct fault_state *f = L->f;
	if (known)
		L->known++;
	else
		L->failures++;
	printf("%s: %s: MAITRE_FAULT=%s:%ld:%s%s maitre --db DB", known ? "KNOWN" : "FAIL",
	       L->label, faultvfs_op_name(f->op), f->n, kind_names[f->kind],
	       f->persist ? ":persist" : "");
	for (int i = 0; i < L->argc; i++)
		printf(" %s", L->argv[i]);
	printf(": %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
}

static bool output_exists(struct loop *L)
{
	return L->output && access(L->output, F_OK) == 0;
}

/* One run with *L->f set; returns whether the fault fired. */
static bool one_run(struct loop *L)
{
	remove_db(L->work);
	if (L->output)
		remove_db(L->output);
	copy_file(L->template, L->work);
	struct fault_state *f = L->f;
	memset(f->count, 0, sizeof f->count);
	f->fired = 0;
	f->no_sync = true;
	struct run r;
	run_child(f, L->work, L->argc, L->argv, &r);
	L->runs++;
	bool fired = f->fired > 0;
	struct dbstate d;
	state_of(L->work, &d);
	char msg[1200];
	if (!d.integrity_ok)
		fail(L, false, "integrity_check", d.integrity);
	if (r.status != 0 && r.status != 3) {
		snprintf(msg, sizeof msg, "exit %d: %s", r.status, r.err);
		fail(L, false, "exit status neither 0 nor 3", msg);
	}
	if (r.status == 0) {
		if (d.integrity_ok && d.digest != L->after)
			fail(L, L->known_partial,
			     d.digest == L->before ? "exit 0 but the change is not there"
						   : "exit 0 but only a part of the change is there",
			     NULL);
		if (L->output) {
			struct dbstate o;
			state_of(L->output, &o);
			if (!o.integrity_ok)
				fail(L, false, "exit 0 but the output is damaged", o.integrity);
		}
		if (!fired)
			return false;
	} else if (r.status == 3) {
		if (d.integrity_ok && d.digest != L->before)
			fail(L, L->known_partial && d.digest != L->after,
			     d.digest == L->after ? "exit 3 but the change was made"
						  : "exit 3 and a part of the change is there",
			     NULL);
		const char *want = f->kind == FAULT_FULL ? "disk is full" : "I/O error";
		if (!strstr(r.err, want)) {
			snprintf(msg, sizeof msg, "wanted \"%s\", got: %s", want, r.err);
			fail(L, false, "unclear message", msg);
		}
		if (r.out[0]) {
			snprintf(msg, sizeof msg, "%s", r.out);
			fail(L, false, "exit 3 but standard output says", msg);
		}
		if (output_exists(L))
			fail(L, L->known_leftover, "exit 3 but the output file is left", L->output);
	}
	if (getenv("MAITRE_FAULT_VERBOSE"))
		printf("  %s %s:%ld:%s%s exit %d fired %ld %s", L->label, faultvfs_op_name(f->op),
		       f->n, kind_names[f->kind], f->persist ? ":persist" : "", r.status, f->fired,
		       r.err[0] ? r.err : "\n");
	return fired;
}

static unsigned long next_rand(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

static int fault_loop(int argc, char **argv)
{
	struct loop L = {.label = "run", .sample = 0};
	for (int i = 0; i < FAULT_NOPS; i++)
		L.ops[i] = true;
	L.kinds[0] = L.kinds[1] = L.modes[0] = L.modes[1] = true;
	L.seed = (unsigned long)time(NULL) ^ (unsigned long)getpid();
	const char *seed_env = getenv("MAITRE_FAULT_SEED");
	if (seed_env && *seed_env)
		L.seed = strtoul(seed_env, NULL, 10);
	static const char *const op_list[] = {"write", "sync", "lock", "truncate"};
	int i = 2;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		const char *o = argv[i];
		if (strcmp(o, "--") == 0)
			break;
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool flag = true;
		if (strcmp(o, "--quick") == 0)
			L.quick = true;
		else if (strcmp(o, "--known-leftover") == 0)
			L.known_leftover = true;
		else if (strcmp(o, "--known-partial") == 0)
			L.known_partial = true;
		else if (!v)
			die("%s: needs a value", o);
		else if ((flag = false), strcmp(o, "--label") == 0)
			L.label = v;
		else if (strcmp(o, "--ops") == 0)
			parse_list(v, op_list, FAULT_NOPS, L.ops);
		else if (strcmp(o, "--kinds") == 0)
			parse_list(v, kind_names, 2, L.kinds);
		else if (strcmp(o, "--modes") == 0)
			parse_list(v, mode_names, 2, L.modes);
		else if (strcmp(o, "--sample") == 0)
			L.sample = atoi(v);
		else if (strcmp(o, "--seed") == 0)
			L.seed = strtoul(v, NULL, 10);
		else if (strcmp(o, "--output") == 0)
			L.output = v;
		else
			die("unknown option %s", o);
		if (!flag)
			i++;
	}
	if (i + 2 >= argc || strcmp(argv[i + 2], "--") != 0)
		die("usage: maitre-fault --fault-loop [OPTIONS] TEMPLATE WORK -- ARGS...");
	L.template = argv[i];
	L.work = argv[i + 1];
	L.argc = argc - (i + 3);
	L.argv = argv + i + 3;
	L.f = mmap(NULL, sizeof *L.f, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (L.f == MAP_FAILED)
		die("mmap failed");

	struct dbstate d;
	state_of(L.template, &d);
	if (!d.integrity_ok)
		die("the template is damaged: %s", d.integrity);
	L.before = d.digest;
	/* the faultless run: what the change is, and how many calls of each kind it makes */
	memset(L.f, 0, sizeof *L.f);
	L.f->op = -1;
	L.f->no_sync = true;
	remove_db(L.work);
	if (L.output)
		remove_db(L.output);
	copy_file(L.template, L.work);
	struct run r;
	run_child(L.f, L.work, L.argc, L.argv, &r);
	if (r.status != 0)
		die("the faultless run failed: %s", r.err);
	state_of(L.work, &d);
	if (!d.integrity_ok)
		die("the faultless run damaged the database: %s", d.integrity);
	L.after = d.digest;
	long calls[FAULT_NOPS];
	memcpy(calls, L.f->count, sizeof calls);
	if (L.sample && !getenv("MAITRE_FAULT_SEED"))
		printf("%s: sampled N, seed %lu (MAITRE_FAULT_SEED=%lu repeats it)\n", L.label,
		       L.seed, L.seed);

	for (int op = 0; op < FAULT_NOPS; op++) {
		if (!L.ops[op] || calls[op] == 0)
			continue;
		for (int kind = 0; kind < 2; kind++) {
			for (int mode = 0; mode < 2; mode++) {
				if (!L.kinds[kind] || !L.modes[mode])
					continue;
				/* quick: a full disk stays full, an I/O error passes */
				if (L.quick && mode != (kind == FAULT_FULL))
					continue;
				L.f->op = op;
				L.f->kind = kind;
				L.f->persist = mode == 1;
				if (L.sample || L.quick) {
					long c = calls[op];
					long set[64];
					int n = 0;
					long fixed[] = {1, c, 2, 3, c - 1};
					for (int k = 0; k < (L.quick ? 2 : 5); k++)
						set[n++] = fixed[k];
					for (int k = 0; k < L.sample && n < 64; k++)
						set[n++] = 1 + (long)(next_rand(&L.seed) % (unsigned long)c);
					for (int k = 0; k < n; k++) {
						bool seen = set[k] < 1 || set[k] > c;
						for (int j = 0; j < k && !seen; j++)
							seen = set[j] == set[k];
						if (seen)
							continue;
						L.f->n = set[k];
						one_run(&L);
					}
				} else {
					/* every N, until a run completes without its fault */
					for (long n = 1; n <= 2 * calls[op] + 10; n++) {
						L.f->n = n;
						if (!one_run(&L))
							break;
					}
				}
			}
		}
	}
	printf("%s: %ld runs (calls: write %ld, sync %ld, lock %ld, truncate %ld): %ld failed%s",
	       L.label, L.runs, calls[0], calls[1], calls[2], calls[3], L.failures,
	       L.known ? "" : "\n");
	if (L.known)
		printf(", %ld known (not counted)\n", L.known);
	remove_db(L.work);
	if (L.output)
		remove_db(L.output);
	return L.failures ? 1 : 0;
}

/* ---- the self-test ---- */

static int self_test(void)
{
	char dir[] = "/tmp/maitre-fault.XXXXXX";
	if (!mkdtemp(dir))
		die("mkdtemp failed");
	char db[256], tmpl[256];
	snprintf(db, sizeof db, "%s/work.db", dir);
	snprintf(tmpl, sizeof tmpl, "%s/template.db", dir);
	struct fault_state *f =
		mmap(NULL, sizeof *f, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int bad = 0;
	struct run r;
	memset(f, 0, sizeof *f);
	f->op = -1;
	char *init[] = {"init"};
	run_child(f, tmpl, 1, init, &r);
	if (r.status != 0)
		die("init failed: %s", r.err);
	/* a faultless guest add: every kind of call but truncate happens (WAL: the checkpoint
	 * at close syncs) */
	char *add[] = {"guest", "add", "--name", "x"};
	copy_file(tmpl, db);
	run_child(f, db, 4, add, &r);
	for (int op = 0; op < FAULT_TRUNCATE; op++)
		if (f->count[op] == 0) {
			printf("FAIL: no %s counted\n", faultvfs_op_name(op));
			bad++;
		}
	struct dbstate before, after;
	state_of(tmpl, &before);
	/* the first write fails: exit 3, "disk is full", nothing added */
	remove_db(db);
	copy_file(tmpl, db);
	memset(f, 0, sizeof *f);
	f->op = FAULT_WRITE;
	f->n = 1;
	run_child(f, db, 4, add, &r);
	state_of(db, &after);
	if (r.status != 3 || !strstr(r.err, "disk is full") || f->fired != 1 ||
	    after.digest != before.digest) {
		printf("FAIL: the first write failed: exit %d, fired %ld, %s", r.status, f->fired,
		       r.err);
		bad++;
	}
	/* the first lock fails with an I/O error: exit 3 */
	remove_db(db);
	copy_file(tmpl, db);
	memset(f, 0, sizeof *f);
	f->op = FAULT_LOCK;
	f->n = 1;
	f->kind = FAULT_IOERR;
	run_child(f, db, 4, add, &r);
	if (r.status != 3 || !strstr(r.err, "I/O error")) {
		printf("FAIL: the first lock failed: exit %d, %s", r.status, r.err);
		bad++;
	}
	/* a spec parses, a wrong one does not */
	struct fault_state p;
	if (faultvfs_parse("sync:7:ioerr:persist", &p) != 0 || p.op != FAULT_SYNC || p.n != 7 ||
	    p.kind != FAULT_IOERR || !p.persist || faultvfs_parse("write:0:full", &p) == 0 ||
	    faultvfs_parse("read:1:full", &p) == 0) {
		printf("FAIL: MAITRE_FAULT parsing\n");
		bad++;
	}
	remove_db(db);
	remove_db(tmpl);
	rmdir(dir);
	printf("%s\n", bad ? "self-test failed" : "self-test ok");
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	tui_process_t0 = tui_now_ms();
	setlocale(LC_ALL, "");
	faultvfs_register();
	const char *spec = getenv("MAITRE_FAULT");
	if (argc > 1 && strcmp(argv[1], "--fault-loop") == 0)
		return fault_loop(argc, argv);
	if (spec) {
		static struct fault_state f;
		if (faultvfs_parse(spec, &f) < 0)
			die("MAITRE_FAULT: want OP:N:full|ioerr[:persist], got \"%s\"", spec);
		faultvfs_arm(&f);
		return cli_main(argc, argv, &ui);
	}
	if (argc == 1)
		return self_test();
	return cli_main(argc, argv, &ui);
}
