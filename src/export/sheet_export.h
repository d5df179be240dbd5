/* sheet_export.h — the monthly attendance sheet as a table (text, tsv, csv, json): written by
 * `maitre sheet` and by the sheet screen's export, so that both give the same file. */
#ifndef MAITRE_SHEET_EXPORT_H
#define MAITRE_SHEET_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "export/table.h"
#include "store/sheet_store.h"

/* Writes the sheet of month (filtered as sheet_store_month) to out in format: the columns id,
 * guest, row (covers, spend), one per day of the month, visits, total, covers, per_capita,
 * tier. Write errors are left in out's error flag. */
enum store_status sheet_export_write(struct store *st, struct date month, const char *tier,
				     const char *manager, enum out_format format, FILE *out);

#endif
