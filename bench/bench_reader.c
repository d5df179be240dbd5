/* bench_reader.c — the guest-book reader (src/import/reader.h) on generated files: a GB18030
 * CSV of ROWS guests (converted with iconv, as Excel on a Chinese Windows writes it), the same
 * rows as an .xlsx (libxlsxwriter), and a UTF-8 CSV of BIG_MB megabytes for the memory bound.
 * Prints for each the rows, the seconds, the rows per second, and the peak resident memory of
 * the process that read it (each file is read by this program run again with --read, so that
 * the generation does not count), against issue 14's targets (read only: the import's own
 * work comes on top).
 * usage: bench/bench_reader [ROWS] [BIG_MB]   (default 100000 and 1024; BIG_MB 0 skips it) */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/strv.h"
#include "import/reader.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024;
}

static const char *const surnames[] = {"张", "王", "李", "赵", "孙", "周", "吴", "郑"};
static const char *const employers[] = {"北京饭店", "上海浦东发展银行", "华为技术有限公司",
					"中国国际航空", "招商局集团"};

/* Guest i as a CSV line (UTF-8). */
static void guest_line(struct sbuf *b, long i)
{
	sbuf_printf(b, "%s先生%ld,138%08ld,%d年%d月%d日,%s,\"不吃辣，花生（严重）\",VIP %ld\n",
		    surnames[i % 8], i, i, 1950 + (int)(i % 50), 1 + (int)(i % 12), 1 + (int)(i % 28),
		    employers[i % 5], i % 7);
}

static int read_all(const char *what, const char *path, double target, long target_mb)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct error e = {0};
	double t0 = now();
	struct reader *r = reader_open(path, NULL, &e);
	if (!r) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	struct reader_row row;
	long rows = 0, cells = 0;
	int rc;
	while ((rc = reader_next(r, &row, &e)) == 1)
		rows++, cells += (long)row.n;
	double s = now() - t0;
	printf("%-34s %9ld rows %8.2f s %10.0f rows/s  peak RSS %4ld MB", what, rows, s,
	       rows / (s > 0 ? s : 1e-9), peak_rss_mb());
	if (target > 0)
		printf("  (target ≤ %.0f s)", target);
	if (target_mb > 0)
		printf("  (target ≤ %ld MB)", target_mb);
	printf("  %s\n", reader_encoding(r));
	reader_close(r);
	if (rc < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	return 0;
}

/* Reads path in a process of its own: this program with --read. */
static int read_apart(const char *self, const char *what, const char *path, double target,
		      long target_mb)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "'%s' --read '%s' '%s' %g %ld", self, what, path, target, target_mb);
	fflush(stdout);
	return system(cmd) != 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "--read"))
		return read_all(argv[2], argv[3], atof(argv[4]), atol(argv[5]));
	long rows = argc > 1 ? atol(argv[1]) : 100000, big_mb = argc > 2 ? atol(argv[2]) : 1024;
	char dir[] = "/tmp/bench_reader.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char csv[64], xlsx[64], big[64];
	snprintf(csv, sizeof csv, "%s/guests.csv", dir);
	snprintf(xlsx, sizeof xlsx, "%s/guests.xlsx", dir);
	snprintf(big, sizeof big, "%s/big.csv", dir);
	const char *header = "姓名,手机,生日,单位,忌口,标签\n";

	/* the GB18030 CSV */
	struct sbuf b = {0};
	sbuf_add(&b, header);
	for (long i = 1; i <= rows; i++)
		guest_line(&b, i);
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t left = b.len, room = b.len * 2;
	char *gb = malloc(room), *in = b.s, *out = gb;
	if (cd == (iconv_t)-1 || iconv(cd, &in, &left, &out, &room) == (size_t)-1)
		return 1;
	iconv_close(cd);
	FILE *f = fopen(csv, "wb");
	fwrite(gb, 1, (size_t)(out - gb), f);
	fclose(f);
	free(gb);

	/* the same rows as .xlsx */
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(xlsx, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "客户档案");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	const char *h[] = {"姓名", "手机", "生日", "单位", "忌口", "标签"};
	for (int c = 0; c < 6; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, h[c], NULL);
	for (long i = 1; i <= rows; i++) {
		char name[64], tag[16];
		snprintf(name, sizeof name, "%s先生%ld", surnames[i % 8], i);
		snprintf(tag, sizeof tag, "VIP %ld", i % 7);
		lxw_datetime d = {1950 + (int)(i % 50), 1 + (int)(i % 12), 1 + (int)(i % 28), 0, 0, 0};
		lxw_row_t rr = (lxw_row_t)i;
		worksheet_write_string(ws, rr, 0, name, NULL);
		worksheet_write_number(ws, rr, 1, 13800000000.0 + (double)i, NULL);
		worksheet_write_datetime(ws, rr, 2, &d, date);
		worksheet_write_string(ws, rr, 3, employers[i % 5], NULL);
		worksheet_write_string(ws, rr, 4, "不吃辣，花生（严重）", NULL);
		worksheet_write_string(ws, rr, 5, tag, NULL);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		return 1;

	int rc = read_apart(argv[0], "GB18030 CSV", csv, 10, 0);
	rc |= read_apart(argv[0], ".xlsx", xlsx, 20, 0);

	if (big_mb > 0) {
		/* a UTF-8 CSV of big_mb MB, written a block at a time */
		f = fopen(big, "wb");
		b.len = 0;
		sbuf_add(&b, header);
		long i = 1, written = 0;
		while (written < big_mb * 1024 * 1024) {
			guest_line(&b, i++);
			if (b.len > 1 << 20) {
				fwrite(b.s, 1, b.len, f);
				written += (long)b.len;
				b.len = 0;
			}
		}
		fwrite(b.s, 1, b.len, f);
		fclose(f);
		char what[64];
		snprintf(what, sizeof what, "UTF-8 CSV of %ld MB", big_mb);
		rc |= read_apart(argv[0], what, big, 0, 64);
	}
	sbuf_free(&b);
	unlink(csv);
	unlink(xlsx);
	unlink(big);
	rmdir(dir);
	return rc;
}
