/* import_columns.h — which column of a guest book names which field (data/import-columns.yaml):
 * the headers of each field, in Chinese and English, for `maitre import guests` and `maitre
 * import visits`. The names of a --map file come first, then the user's own file
 * ($XDG_CONFIG_HOME/maitre/import-columns.yaml), then the shipped ones (compiled in). */
#ifndef MAITRE_IMPORT_COLUMNS_H
#define MAITRE_IMPORT_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct strv;

/* What a file's rows are. */
enum import_kind { IK_GUESTS, IK_VISITS };

struct import_column_name {
	char *header; /* folded (import_columns_fold) */
	char *text;   /* as the file writes it */
	const char *field; /* one of import_columns_fields() */
};

struct import_columns {
	enum import_kind kind;
	struct import_column_name *v;
	size_t n, cap;
};

/* The fields a column of kind may name, NULL-terminated: for guests the sheet's field keys
 * (guest_fields) and full_name, id, mobile, landline, office_phone, other_phone, tastes,
 * dishes, habits, dislikes, taboos, allergies, birthday, anniversary, other_dates, people,
 * tags, notes; for visits id, date, time, meal, guest_id, phone, guest_name, covers, spend,
 * table, void. */
const char *const *import_columns_fields(enum import_kind kind);

/* The names of kind in force: map's first (NULL: none), then the user's file when there is
 * one, then the shipped ones. Returns 0, or -1 with every error of a file as
 * "FILE:LINE:COLUMN: what" appended to errors (the shipped names are not loaded then). */
int import_columns_load(struct import_columns *c, enum import_kind kind, const char *map,
			struct strv *errors);
/* Checks the file at path (every section) as check-config does: 0, or -1 with its errors. */
int import_columns_check(const char *path, struct strv *errors);
void import_columns_free(struct import_columns *c);

/* A header as compared: folded (text_fold: case, full-width forms), without spaces, a trailing
 * "*" or ":" and a trailing bracketed remark ("手机（必填）" → "手机"). Caller frees. */
char *import_columns_fold(const char *header);
/* The field header names, or NULL when none of the names in force is it. */
const char *import_columns_field(const struct import_columns *c, const char *header);
/* The headers (as the shipped file writes them) of field, joined with ", ", for messages; caller
 * frees. */
char *import_columns_names_of(enum import_kind kind, const char *field);

/* The shipped data/import-columns.yaml, compiled in (generated), and where it is installed. */
extern const char import_columns_builtin_text[];
extern const size_t import_columns_builtin_len;
extern const char import_columns_pkgdatadir[];
#define IMPORT_COLUMNS_BUILTIN_NAME "import-columns.yaml (built in)"

#endif
