/* fuzz/reader.c — the guest-book reader (src/import) on any bytes, read as a file from memory
 * three times: format found by content, then forced CSV, then forced TSV; each to its end.
 * Invariants: every cell is valid UTF-8, whatever the bytes and their encoding (a cell the
 * encoding refuses is "" with bad_col and why); a row has no more cells than its raw bytes
 * allow; lines start at 1 and only grow, and never pass the input's line count; the progress
 * never passes the whole; a cell written back in the file's encoding is something. */
#include <stdbool.h>

#include "core/text.h"
#include "fuzz.h"
#include "import/reader.h"

static void read_all(const uint8_t *data, size_t size, enum reader_format f)
{
	struct reader_options o = {f, NULL, NULL};
	struct error e = {0};
	struct reader *r = reader_open_mem("fuzz.csv", data, size, &o, &e);
	if (!r) {
		FUZZ_CHECK(error_is_set(&e));
		return;
	}
	bool text = reader_format(r) == RF_CSV || reader_format(r) == RF_TSV;
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	size_t last = 0;
	struct reader_row row;
	int rc;
	while ((rc = reader_next(r, &row, &e)) == 1) {
		FUZZ_CHECK(row.line > last);
		if (text)
			FUZZ_CHECK(row.line <= lines);
		last = row.line;
		FUZZ_CHECK(row.n == 0 || row.cell != NULL);
		if (text) {
			FUZZ_CHECK(row.raw != NULL);
			FUZZ_CHECK(row.raw_len <= size);
			FUZZ_CHECK(row.n <= row.raw_len + 1);
		}
		FUZZ_CHECK(row.bad_col <= row.n);
		if (row.bad_col) {
			FUZZ_CHECK(row.cell[row.bad_col - 1][0] == '\0');
			FUZZ_CHECK(row.why[0] != '\0');
		}
		for (size_t i = 0; i < row.n; i++) {
			FUZZ_CHECK(row.cell[i] != NULL);
			FUZZ_CHECK_S(text_valid_utf8(row.cell[i]), row.cell[i]);
		}
		if (row.n) {
			char *out;
			size_t len;
			reader_encode(r, row.cell[0], &out, &len);
			FUZZ_CHECK(out != NULL && (len > 0 || row.cell[0][0] == '\0'));
			free(out);
		}
		long long done, total;
		reader_progress(r, &done, &total);
		FUZZ_CHECK(done >= 0 && done <= total);
	}
	FUZZ_CHECK(rc == 0 || error_is_set(&e));
	reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_all(data, size, RF_AUTO);
	read_all(data, size, RF_CSV);
	read_all(data, size, RF_TSV);
	return 0;
}
