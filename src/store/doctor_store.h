/* doctor_store.h — is the database whole? SQLite's own checks (integrity_check,
 * foreign_key_check). */
#ifndef MAITRE_DOCTOR_STORE_H
#define MAITRE_DOCTOR_STORE_H

#include "core/error.h"
#include "store/store.h"

/* The quick part, for a copy just written (backup) or any open database: integrity_check and
 * foreign_key_check. ST_OK when both find nothing; else ST_CORRUPT, and e (when not NULL) says
 * how many problems and the first ("the database is damaged: run `maitre doctor` (...)"); the
 * store is marked damaged (store_damage). */
enum store_status store_doctor_quick(struct store *st, struct error *e);

#endif
