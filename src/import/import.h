/* import.h — `maitre import guests` and `maitre import visits`: a guest book or a POS export
 * read row by row (reader.h), its columns found by their headers (config/import_columns.h), its
 * values taken as people type them (core/import_value.h), matched with the guests already in
 * the book and written in one transaction as one batch (store/import_store.h) — or, when any
 * row is refused and the caller did not ask to skip bad rows, nothing at all. */
#ifndef MAITRE_IMPORT_H
#define MAITRE_IMPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config/import_columns.h"
#include "core/error.h"
#include "core/strv.h"
#include "import/reader.h"
#include "store/store.h"

/* What a row that is a guest already in the book does to them. */
enum import_on_match {
	IM_FILL,   /* fill the fields they have empty and add the list items they lack */
	IM_SKIP,   /* nothing */
	IM_UPDATE, /* as fill, and the file's values replace the book's */
};

struct guest;

/* What a caller that shows an import before it is made (the interface's :import) is told as
 * the file is read; any member may be NULL. A dry run calls them as a real run does. */
struct import_preview {
	void *ctx;
	/* the file opened: its format, and its encoding as reader_encoding names it */
	void (*on_file)(void *ctx, enum reader_format format, const char *encoding);
	/* the header row: each of its n columns' header as the file writes it (trimmed), and the
	 * field it names (NULL: none, or one an earlier column names already) */
	void (*on_header)(void *ctx, size_t n, char *const *header, const char *const *field);
	/* a guest row accepted (not refused), as the file gives it (before it is merged with a
	 * guest of the book), for the first `rows` such rows; line: where the row starts */
	void (*on_row)(void *ctx, size_t line, const struct guest *g);
	size_t rows;
};

struct import_options {
	const char *path;
	struct reader_options read;
	const char *map;               /* --map FILE: the workbook's own headers, or NULL */
	enum import_on_match on_match;
	bool dry_run;                  /* read, match and report; write nothing */
	bool skip_bad;                 /* import the good rows when some are refused */
	bool keep_unknown;             /* unknown columns kept as notes ("HEADER: value") */
	bool create_guests;            /* visits of unknown guests create them (name and phone) */
	bool allow_old;                /* visits before the opening date are the manager's word */
	const char *errors_path;       /* the refused rows, as they were, with a reason column */
	FILE *report;                  /* each refused row, unknown column, possible match... */
	FILE *progress;                /* a terminal for the progress line, or NULL */
	const struct import_preview *preview; /* NULL: none */
};

struct import_counts {
	size_t rows;      /* rows read (the header and blank rows aside) */
	size_t added, updated, unchanged, skipped, rejected;
	size_t blank;     /* blank rows, ignored */
	size_t possible;  /* rows matched by name and employer only */
	int64_t batch;    /* the batch written, 0 when nothing was */
	struct strv months; /* visits: the months (YYYY-MM) the import touched */
	bool written;     /* the transaction was committed */
	bool store_failed; /* import_run failed on the database, not on the file */
};

/* Imports the rows of o->path as guests (kind IK_GUESTS) or visits (IK_VISITS). Returns 0 when
 * it ran to its end (written, or a dry run: n->written tells), 1 when rows were refused and
 * nothing was written (each said on o->report as FILE:ROW:COLUMN: why), -1 when the file, its
 * headers or the database failed, with the reason in e. */
int import_run(struct store *st, enum import_kind kind, const struct import_options *o,
	       struct import_counts *n, struct error *e);
void import_counts_free(struct import_counts *n);
/* "read 120 rows: 100 new, 12 updated, 5 unchanged, 2 skipped, 1 rejected" in the interface's
 * language (the batch keeps it in English). Caller frees. */
char *import_summary(const struct import_counts *n);
/* A batch's summary as it is kept (always English, import_store's summary) in the interface's
 * language; a text of another form as it is. Caller frees. */
char *import_summary_shown(const char *stored);

#endif
