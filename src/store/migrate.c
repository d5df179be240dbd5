/* migrate.c — the schema, as forward-only migrations keyed by PRAGMA user_version. */
#include "store/store_int.h"

#include <stdio.h>

#include "core/guest.h"

/* migrations[i] takes the schema from version i to i + 1. Never edit a released entry: add one.
 * CHECKs are written "x = 'a' OR x = 'b'", not "x IN ('a', 'b')": SQLite builds an ephemeral
 * table for an IN list each time the check runs, which doubled the cost of every insert. */
static const char *const migrations[] = {
	/* 0 → 1: the guest sheet, visits, search, audit */
	"CREATE TABLE staff("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  display_name TEXT,"
	"  role TEXT NOT NULL DEFAULT 'staff',"
	"  created_at TEXT NOT NULL);"

	"CREATE TABLE guest("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL CHECK (length(name) > 0),"
	"  family_name TEXT, given_name TEXT,"
	"  gender TEXT CHECK (gender = 'male' OR gender = 'female'),"
	"  employer TEXT, position TEXT, looks TEXT,"
	"  height_cm INTEGER CHECK (height_cm BETWEEN 50 AND 250),"
	"  weight_kg INTEGER CHECK (weight_kg BETWEEN 20 AND 300),"
	"  photo TEXT, ethnicity TEXT, native_place TEXT,"
	"  spending_power TEXT CHECK (spending_power = 'low' OR spending_power = 'middle' OR spending_power = 'upper-middle' OR spending_power = 'high'),"
	"  character TEXT,"
	"  sales_manager INTEGER REFERENCES staff(id),"
	"  marital_status TEXT, income TEXT, home_address TEXT, religion TEXT, health TEXT,"
	"  personal_history TEXT,"
	"  anonymised INTEGER NOT NULL DEFAULT 0,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	"  created_by INTEGER REFERENCES staff(id));"
	"CREATE INDEX guest_sales_manager ON guest(sales_manager);"

	/* Which columns hold "seven don't-ask" topics (domain.md §2); roles hide them. */
	"CREATE TABLE field_meta("
	"  tbl TEXT NOT NULL, col TEXT NOT NULL, sensitive INTEGER NOT NULL, label TEXT,"
	"  PRIMARY KEY (tbl, col)) WITHOUT ROWID;"

	"CREATE TABLE phone("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL DEFAULT 'mobile',"
	"  number TEXT NOT NULL,"
	"  digits TEXT NOT NULL,"
	"  digits_rev TEXT NOT NULL);"
	"CREATE INDEX phone_guest ON phone(guest_id);"
	"CREATE INDEX phone_digits ON phone(digits, guest_id);"
	"CREATE INDEX phone_digits_rev ON phone(digits_rev, guest_id);"

	"CREATE TABLE person("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id) ON DELETE CASCADE,"
	"  relation TEXT NOT NULL, name TEXT, notes TEXT);"
	"CREATE INDEX person_guest ON person(guest_id);"

	"CREATE TABLE preference("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id) ON DELETE CASCADE,"
	"  person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind = 'taste' OR kind = 'dish' OR kind = 'habit' OR kind = 'dislike' OR kind = 'taboo' OR kind = 'allergy'),"
	"  text TEXT NOT NULL CHECK (length(text) > 0),"
	"  severity TEXT CHECK (severity = 'low' OR severity = 'medium' OR severity = 'high' OR severity = 'critical'));"
	"CREATE INDEX preference_guest ON preference(guest_id, kind);"
	"CREATE INDEX preference_person ON preference(person_id) WHERE person_id IS NOT NULL;"

	"CREATE TABLE special_date("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id) ON DELETE CASCADE,"
	"  person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind = 'birthday' OR kind = 'anniversary' OR kind = 'other'),"
	"  label TEXT,"
	"  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
	"  day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),"
	"  year INTEGER);"
	"CREATE INDEX special_date_guest ON special_date(guest_id);"
	"CREATE INDEX special_date_md ON special_date(month, day);"
	"CREATE INDEX special_date_person ON special_date(person_id) WHERE person_id IS NOT NULL;"

	"CREATE TABLE tag("
	"  guest_id INTEGER NOT NULL REFERENCES guest(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  PRIMARY KEY (guest_id, tag)) WITHOUT ROWID;"
	"CREATE INDEX tag_tag ON tag(tag);"

	"CREATE TABLE note("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id) ON DELETE CASCADE,"
	"  author INTEGER NOT NULL REFERENCES staff(id),"
	"  at TEXT NOT NULL,"
	"  text TEXT NOT NULL);"
	"CREATE INDEX note_guest ON note(guest_id);"

	"CREATE TABLE visit("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  date TEXT NOT NULL,"
	"  meal TEXT NOT NULL CHECK (meal = 'lunch' OR meal = 'dinner'),"
	"  covers INTEGER NOT NULL CHECK (covers >= 1),"
	"  spend_fen INTEGER NOT NULL CHECK (spend_fen >= 0),"
	"  table_no TEXT, notes TEXT,"
	"  entered_by INTEGER NOT NULL REFERENCES staff(id),"
	"  created_at TEXT NOT NULL,"
	"  voided_at TEXT, voided_by INTEGER REFERENCES staff(id), void_reason TEXT,"
	"  CHECK ((voided_at IS NULL) = (void_reason IS NULL)));"
	"CREATE INDEX visit_guest_date ON visit(guest_id, date);"
	"CREATE INDEX visit_date ON visit(date, guest_id);"

	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  entity TEXT NOT NULL, entity_id INTEGER, action TEXT NOT NULL,"
	"  field TEXT, old TEXT, new TEXT);"
	"CREATE INDEX audit_entity ON audit(entity, entity_id);"

	/* Search keys (names, pinyin, initials), computed on write from the sheet (search_store.c);
	 * an update diffs the keys of the old and the new sheet, so no index by guest is needed. */
	"CREATE TABLE search_key("
	"  key TEXT NOT NULL,"
	"  guest_id INTEGER NOT NULL,"
	"  PRIMARY KEY (key, guest_id)) WITHOUT ROWID;"
	/* Substrings of 3+ characters of names, employers and phone digits (rowid = guest id). */
	"CREATE VIRTUAL TABLE search_text USING fts5(text, tokenize = 'trigram', detail = 'none');",
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int store_schema_latest(void)
{
	return NMIGRATIONS;
}

/* field_meta rows for the guest fields and the sensitive birth year, from the field table. */
static enum store_status fill_field_meta(struct store *st)
{
	static const char *sql =
		"INSERT OR REPLACE INTO field_meta(tbl, col, sensitive, label) VALUES (?1, ?2, ?3, ?4)";
	for (int i = 0; i <= GF_COUNT; i++) {
		sqlite3_stmt *s = store_prep(st, sql);
		if (!s)
			return ST_IO;
		if (i < GF_COUNT) {
			sqlite3_bind_text(s, 1, "guest", -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, guest_fields[i].key, -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 3, guest_fields[i].sensitive);
			sqlite3_bind_text(s, 4, guest_fields[i].label, -1, SQLITE_STATIC);
		} else { /* the year of a birthday tells the age: a don't-ask topic */
			sqlite3_bind_text(s, 1, "special_date", -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, "year", -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 3, 1);
			sqlite3_bind_text(s, 4, "birth year (age)", -1, SQLITE_STATIC);
		}
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_sqlfail(st, rc, "field_meta");
	}
	return ST_OK;
}

enum store_status store_migrate(struct store *st)
{
	enum store_status rs = store_begin(st);
	if (rs != ST_OK)
		return rs;
	/* another process may have migrated while we waited for the lock */
	int ver = store_schema_version(st);
	for (int v = ver; v < NMIGRATIONS; v++) {
		if ((rs = store_exec(st, migrations[v])) != ST_OK) {
			store_fail(st, rs, "migration to schema %d failed: %s", v + 1, st->err);
			goto fail;
		}
	}
	if (ver < NMIGRATIONS) {
		char q[128];
		snprintf(q, sizeof q, "PRAGMA application_id=%d; PRAGMA user_version=%d;",
			 STORE_APPLICATION_ID, NMIGRATIONS);
		if ((rs = store_exec(st, q)) != ST_OK || (rs = fill_field_meta(st)) != ST_OK)
			goto fail;
	}
	return store_commit(st);
fail:
	store_rollback(st);
	return rs;
}
