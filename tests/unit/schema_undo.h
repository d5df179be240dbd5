/* schema_undo.h — what each migration after 4 added, dropped again, for tests that make a
 * database of an older schema (check_store.c, check_audit.c). A migration appended to
 * src/store/migrate.c adds its UNDO_N here and to every chain. A view goes back to its old
 * text before a column it reads is dropped: SQLite checks every view and trigger at an
 * ALTER TABLE. */
#ifndef MAITRE_SCHEMA_UNDO_H
#define MAITRE_SCHEMA_UNDO_H

#define UNDO_5 "DROP TABLE setting; "
#define UNDO_6 "ALTER TABLE visit DROP COLUMN void_code; "
#define UNDO_7                                                                                     \
	"DROP TABLE alert_event; ALTER TABLE alert DROP COLUMN reason_code; "                       \
	"ALTER TABLE alert DROP COLUMN reason_args; "
#define UNDO_8                                                                                     \
	"DROP TRIGGER guest_last_insert; DROP TRIGGER guest_last_update; "                          \
	"DROP TRIGGER guest_last_delete; DROP TABLE guest_last; DROP TABLE search_probe; "
#define UNDO_9 "DROP INDEX guest_last_when; "
#define UNDO_10                                                                                    \
	"DROP VIEW tier_month; "                                                                    \
	"CREATE TABLE tier_month(month TEXT NOT NULL, guest_id INTEGER NOT NULL REFERENCES guest(id), " \
	"tier TEXT, grp TEXT, computed_tier TEXT, computed_grp TEXT, rule_no INTEGER, "            \
	"source TEXT NOT NULL CHECK (source = 'rules' OR source = 'grace' OR source = 'override' "  \
	"OR source = 'none'), months INTEGER NOT NULL, visits INTEGER NOT NULL, "                  \
	"covers INTEGER NOT NULL, spend_fen INTEGER NOT NULL, m_visits INTEGER NOT NULL, "          \
	"m_covers INTEGER NOT NULL, m_spend_fen INTEGER NOT NULL, grace INTEGER NOT NULL DEFAULT 0, " \
	"rules_version INTEGER NOT NULL REFERENCES tier_rules_version(id), "                        \
	"computed_at TEXT NOT NULL, PRIMARY KEY (month, guest_id)) WITHOUT ROWID; "                  \
	"INSERT INTO tier_month SELECT r.month, guest_id, tier, grp, computed_tier, computed_grp, " \
	"rule_no, source, months, visits, covers, spend_fen, m_visits, m_covers, m_spend_fen, "     \
	"grace, rules_version, computed_at FROM tier_month_row r JOIN tier_month_gen g "            \
	"ON g.month = r.month AND g.gen = r.gen; "                                                   \
	"DROP TABLE tier_month_row; DROP TABLE tier_month_gen; "                                    \
	"CREATE INDEX tier_month_guest ON tier_month(guest_id, month); "                            \
	"CREATE INDEX tier_month_tiered ON tier_month(month, guest_id, tier, grp) "                 \
	"WHERE tier IS NOT NULL; "
#define UNDO_11 "DROP TABLE tier_month_rules; "
#define UNDO_12 "DROP TABLE import_change; DROP TABLE import_batch; "
#define UNDO_13                                                                              \
	"DROP TABLE config_text; ALTER TABLE staff DROP COLUMN shared; ALTER TABLE staff DROP " \
	"COLUMN disabled_at; ALTER TABLE staff DROP COLUMN pin_hash; ALTER TABLE staff DROP "   \
	"COLUMN pin_failures; ALTER TABLE staff DROP COLUMN pin_locked_until; "
#define UNDO_14                                                                              \
	"DROP TABLE audit_head; DROP INDEX audit_staff; ALTER TABLE audit DROP COLUMN hash; "    \
	"ALTER TABLE audit DROP COLUMN op; ALTER TABLE audit DROP COLUMN op_id; "
#define UNDO_16                                                                              \
	"DROP TABLE report_month_cell; DROP TABLE report_month_cache; DROP TRIGGER "           \
	"visit_stamp_insert; DROP TRIGGER visit_stamp_update; DROP TRIGGER visit_stamp_delete; " \
	"DROP TABLE visit_month_stamp; "
#define UNDO_15                                                                                    \
	"DROP VIEW tier_month; ALTER TABLE tier_month_row DROP COLUMN provisional; "                \
	"ALTER TABLE tier_override DROP COLUMN from_month; "                                        \
	"CREATE VIEW tier_month AS SELECT month, guest_id, tier, grp, computed_tier, computed_grp, " \
	"rule_no, source, months, visits, covers, spend_fen, m_visits, m_covers, m_spend_fen, "     \
	"grace, rules_version, computed_at FROM tier_month_row r "                                  \
	"WHERE gen = (SELECT g.gen FROM tier_month_gen g WHERE g.month = r.month); "
#define UNDO_17 "DROP INDEX guest_anonymised; "
#define UNDO_18                                                                              \
	"DROP TABLE guest_merge_row; DROP TABLE guest_merge; DROP INDEX guest_merged; "      \
	"ALTER TABLE guest DROP COLUMN merged_into; "

#define UNDO_19 "ALTER TABLE guest DROP COLUMN consent_at; ALTER TABLE guest DROP COLUMN consent_channel; "
#define UNDO_20 "DROP TABLE dup_dismissed; "
#define UNDO_21 "ALTER TABLE audit DROP COLUMN salt; ALTER TABLE audit DROP COLUMN erased; "
#define UNDO_22                                                                              \
	"DROP TRIGGER report_cell_insert; DROP TRIGGER report_cell_update; "                    \
	"DROP TRIGGER report_cell_delete; DROP INDEX guest_month_spend; "

#define UNDO_23                                                                                    \
	"DROP VIEW tier_month; "                                                                    \
	"CREATE VIEW tier_month AS SELECT month, guest_id, tier, grp, computed_tier, computed_grp, " \
	"rule_no, source, months, visits, covers, spend_fen, m_visits, m_covers, m_spend_fen, "     \
	"grace, rules_version, computed_at, provisional FROM tier_month_row r "                     \
	"WHERE gen = (SELECT g.gen FROM tier_month_gen g WHERE g.month = r.month); "                \
	"DROP INDEX tier_month_tiered; "                                                            \
	"CREATE INDEX tier_month_tiered ON tier_month_row(month, guest_id, tier, grp) "             \
	"WHERE tier IS NOT NULL; ALTER TABLE tier_month_row DROP COLUMN superseded; "                \
	"DROP TABLE tier_month_at; "

#define UNDO_24 "DROP INDEX guest_month_guest; "

/* Schema N back to 13, before the audit chain (check_audit.c). */
#define UNDO_TO_13 UNDO_24 UNDO_23 UNDO_22 UNDO_21 UNDO_20 UNDO_19 UNDO_18 UNDO_17 UNDO_16 UNDO_15 UNDO_14

#endif
