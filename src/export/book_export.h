/* book_export.h — the guest book taken out (maitre export guests | visits, maitre guest export):
 * every guest with every field of the sheet and every list, and every visit, as CSV, TSV, JSON
 * or an Excel workbook; one guest whole, as JSON. The columns of the book are what maitre
 * import reads back: maitre(1), THE BOOK. Text cells follow table.c's rules (text_cp_unsafe
 * shown, a CSV formula neutralised, invalid bytes as U+FFFD). */
#ifndef MAITRE_BOOK_EXPORT_H
#define MAITRE_BOOK_EXPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"
#include "core/guest.h"
#include "store/store.h"

enum book_format { BOOK_CSV, BOOK_TSV, BOOK_JSON, BOOK_XLSX };

/* "csv", "tsv", "json", "xlsx" → the format; -1 when unknown. */
int book_format_from_name(const char *s);
/* A field of a guest book's row (a key of import_columns_fields: "mobile", "name", "date") as
 * the book's header says it in the interface's language ("手机", "称呼", "日期"); "full name"
 * for full_name; the key itself for one it does not know. Not to be freed. */
const char *book_field_label(const char *field);

struct book_options {
	enum book_format format;
	bool sensitive;     /* guests: the sensitive fields (settings_sensitive_fields) too */
	const char *from;   /* visits: the first date, YYYY-MM-DD (NULL: the first visit's) */
	const char *until;  /* visits: the last date, inclusive (NULL: the last visit's) */
};

/* Writes every guest, in id order, read and written one at a time (guest_store_get each), in
 * one read snapshot: CSV, TSV or JSON to out, or the workbook at path for XLSX (one sheet,
 * written in constant memory). CSV, TSV and XLSX: the columns of the book (headers and closed
 * choices in the interface's language); JSON: an array of objects with the stored codes and
 * the people's own preferences and dates. Returns ST_OK; a store failure (store_errmsg); or
 * ST_IO with the reason in e when the workbook cannot be written. A write error on out is left
 * in its error flag. */
enum store_status book_export_guests(struct store *st, const struct book_options *o, FILE *out,
				     const char *path, struct error *e);

/* Writes every visit from o->from to o->until, void ones too (their reason says so), in the
 * order of date, meal and id, one at a time, as book_export_guests does: id, date, meal, guest
 * id, guest name, the guest's first phone, covers, spend (yuan, two decimals), table, void
 * reason (empty for a live visit), entered by, entered at. */
enum store_status book_export_visits(struct store *st, const struct book_options *o, FILE *out,
				     const char *path, struct error *e);

/* Writes guest id as pretty JSON: everything held about them (a guest asking what is held,
 * PIPL art. 45): the sheet with its sensitive fields, every list, the people with their own
 * preferences and dates, the notes with author and time, the visits (void ones too), the
 * complaints with their timeline, and the contacts, gifts, banquets, alerts and tier overrides.
 * The parts hidden (those the person exporting may not see: guest_mask) read hidden_text, as
 * the card shows them. ST_NOTFOUND for no such guest. */
enum store_status book_export_guest(struct store *st, int64_t id, FILE *out,
				    guest_field_set hidden, const char *hidden_text);

/* A stream that writes to out, converted to GB18030, the UTF-8 written to it (GB18030 encodes
 * all of Unicode: nothing is lost); fclose flushes it and leaves out open. NULL when iconv has
 * no GB18030 converter. */
FILE *book_gb18030_stream(FILE *out);

#endif
