/* migrate.c — the schema, as forward-only migrations keyed by PRAGMA user_version. */
#include "store/store_int.h"

#include <stdio.h>

#include "core/guest.h"
#include "store/guest_store.h"
#include "store/search_store.h"

/* Migration 22's statement adding a change of guest_month's row r ("new" or "old") to its
 * stored month (report_month_cache, when there is one): came, visits, covers and spend (SQL
 * expressions) to the cell of the tiers the guest holds in the month and the month before as
 * tier_month shows them ("" untiered: no row with a tier, as report_store.c's scan reads them;
 * each a seek of tier_month_tiered). A cell met for the first time is made with no guests: only
 * a guest new since the scan, untiered both months (a figure report_store_month leaves out),
 * can meet one. */
#define REPORT_CELL_ADD(r, came, visits, covers, spend)                                        \
	"INSERT INTO report_month_cell(month, tier, grp, prev_tier, prev_grp, guests, came,"     \
	"  visits, covers, spend_fen)"                                                         \
	"  SELECT c.month, ifnull(t.tier, ''), ifnull(t.grp, ''), ifnull(p.tier, ''),"         \
	"    ifnull(p.grp, ''), 0, " came ", " visits ", " covers ", " spend                    \
	"  FROM report_month_cache c"                                                          \
	"  LEFT JOIN tier_month t ON t.month = c.month AND t.guest_id = " r ".guest_id"         \
	"    AND t.tier IS NOT NULL"                                                           \
	"  LEFT JOIN tier_month p ON p.month = strftime('%Y-%m', c.month || '-01', '-1 month')" \
	"    AND p.guest_id = " r ".guest_id AND p.tier IS NOT NULL"                           \
	"  WHERE c.month = " r ".month"                                                        \
	"  ON CONFLICT (month, tier, grp, prev_tier, prev_grp) DO UPDATE SET"                  \
	"    came = came + excluded.came, visits = visits + excluded.visits,"                 \
	"    covers = covers + excluded.covers, spend_fen = spend_fen + excluded.spend_fen;"

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
	/* 1 → 2: tiers, complaints, alerts, contacts, gifts, banquets (domain.md §3–§8) */
	/* Each rules file in force at some time, by content hash: a stored month names its rules. */
	"CREATE TABLE tier_rules_version("
	"  id INTEGER PRIMARY KEY,"
	"  hash TEXT NOT NULL UNIQUE,"
	"  label TEXT, source TEXT,"
	"  content TEXT NOT NULL,"
	"  first_used TEXT NOT NULL);"

	/* A guest's tier for a month, with the figures it was computed from. tier/grp is what is in
	 * force (rules, grace or override: source); computed_* is what the rules alone gave. */
	"CREATE TABLE tier_month("
	"  month TEXT NOT NULL,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  tier TEXT, grp TEXT,"
	"  computed_tier TEXT, computed_grp TEXT, rule_no INTEGER,"
	"  source TEXT NOT NULL CHECK (source = 'rules' OR source = 'grace' OR source = 'override'"
	"    OR source = 'none'),"
	"  months INTEGER NOT NULL, visits INTEGER NOT NULL, covers INTEGER NOT NULL,"
	"  spend_fen INTEGER NOT NULL,"
	"  m_visits INTEGER NOT NULL, m_covers INTEGER NOT NULL, m_spend_fen INTEGER NOT NULL,"
	"  grace INTEGER NOT NULL DEFAULT 0," /* consecutive months kept by grace */
	"  rules_version INTEGER NOT NULL REFERENCES tier_rules_version(id),"
	"  computed_at TEXT NOT NULL,"
	"  PRIMARY KEY (month, guest_id)) WITHOUT ROWID;"
	"CREATE INDEX tier_month_guest ON tier_month(guest_id, month);"

	"CREATE TABLE tier_override("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  tier TEXT NOT NULL, grp TEXT,"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0),"
	"  until_month TEXT,"
	"  created_by INTEGER NOT NULL REFERENCES staff(id), created_at TEXT NOT NULL,"
	"  cleared_by INTEGER REFERENCES staff(id), cleared_at TEXT);"
	"CREATE INDEX tier_override_guest ON tier_override(guest_id, cleared_at);"

	/* A complaint (domain.md §6). at: when it was logged; opened_at: when its current round
	 * began (at, or its last reopening): the acknowledge and resolve deadlines count from it.
	 * steps: the five recovery steps, bit n-1 for step n. compensation_fen: all given so far. */
	"CREATE TABLE complaint("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  visit_id INTEGER REFERENCES visit(id),"
	"  at TEXT NOT NULL,"
	"  opened_at TEXT NOT NULL,"
	"  channel TEXT NOT NULL CHECK (channel = 'in_person' OR channel = 'phone' OR"
	"    channel = 'online_review' OR channel = 'wechat' OR channel = 'other'),"
	"  category TEXT NOT NULL CHECK (category = 'food' OR category = 'service' OR"
	"    category = 'waiting_time' OR category = 'hygiene' OR category = 'environment' OR"
	"    category = 'price' OR category = 'other'),"
	"  severity TEXT NOT NULL CHECK (severity = 'low' OR severity = 'medium' OR severity = 'high'"
	"    OR severity = 'critical'),"
	"  description TEXT NOT NULL CHECK (length(description) > 0),"
	"  staff_involved TEXT,"
	"  owner INTEGER REFERENCES staff(id),"
	"  status TEXT NOT NULL CHECK (status = 'open' OR status = 'acknowledged' OR"
	"    status = 'resolved' OR status = 'followed_up' OR status = 'closed'),"
	"  steps INTEGER NOT NULL DEFAULT 0 CHECK (steps BETWEEN 0 AND 31),"
	"  acknowledged_at TEXT, resolved_at TEXT, resolution TEXT,"
	"  compensation_fen INTEGER CHECK (compensation_fen >= 0),"
	"  followed_up_at TEXT, verdict TEXT CHECK (verdict = 'satisfied' OR verdict = 'unsatisfied'),"
	"  followup_note TEXT, closed_at TEXT,"
	"  created_by INTEGER NOT NULL REFERENCES staff(id),"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX complaint_guest ON complaint(guest_id, at);"
	/* overdue without reading every complaint: open and acknowledged ones by opened_at, resolved
	 * ones (waiting for their follow-up) by resolved_at */
	"CREATE INDEX complaint_status ON complaint(status, opened_at);"
	"CREATE INDEX complaint_followup_due ON complaint(status, resolved_at) "
	"WHERE status = 'resolved';"
	"CREATE INDEX complaint_owner ON complaint(owner, status);"
	/* The timeline: one row per change (create, ack, step, unstep, resolve, followup, close,
	 * reopen); amount_fen is a resolution's compensation, verdict a follow-up's. */
	"CREATE TABLE complaint_event("
	"  id INTEGER PRIMARY KEY,"
	"  complaint_id INTEGER NOT NULL REFERENCES complaint(id),"
	"  at TEXT NOT NULL,"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  action TEXT NOT NULL, from_status TEXT, to_status TEXT, note TEXT,"
	"  amount_fen INTEGER, verdict TEXT);"
	"CREATE INDEX complaint_event_complaint ON complaint_event(complaint_id);"

	"CREATE TABLE alert("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  month TEXT NOT NULL,"
	"  light TEXT NOT NULL CHECK (light = 'yellow' OR light = 'red'),"
	"  reason TEXT NOT NULL,"
	"  tier TEXT,"
	"  feedback TEXT, feedback_by INTEGER REFERENCES staff(id), feedback_at TEXT,"
	"  created_at TEXT NOT NULL,"
	"  closed_at TEXT, closed_by INTEGER REFERENCES staff(id), outcome TEXT);"
	"CREATE UNIQUE INDEX alert_open ON alert(guest_id) WHERE closed_at IS NULL;"
	"CREATE INDEX alert_month ON alert(month);"
	"CREATE TABLE alert_action("
	"  id INTEGER PRIMARY KEY,"
	"  alert_id INTEGER NOT NULL REFERENCES alert(id),"
	"  no INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  owner TEXT,"
	"  done_at TEXT, done_by INTEGER REFERENCES staff(id),"
	"  UNIQUE (alert_id, no));"

	"CREATE TABLE contact("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  at TEXT NOT NULL,"
	"  channel TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'visit' OR channel = 'wechat'),"
	"  outcome TEXT, feedback TEXT);"
	"CREATE INDEX contact_guest ON contact(guest_id, channel, at);"

	/* A gift given for an occasion (birthday, anniversary or another date's label) of the
	 * guest (person NULL) or of an associated person (person: "relation name" as it was, kept
	 * when the person is removed); year: the year of the occasion it was given for. */
	"CREATE TABLE gift("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,"
	"  person TEXT,"
	"  special_date_id INTEGER REFERENCES special_date(id) ON DELETE SET NULL,"
	"  occasion TEXT NOT NULL CHECK (length(occasion) > 0),"
	"  year INTEGER NOT NULL,"
	"  value_fen INTEGER CHECK (value_fen >= 0), note TEXT,"
	"  given_at TEXT NOT NULL,"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id));"
	"CREATE INDEX gift_guest ON gift(guest_id, year);"

	"CREATE TABLE banquet("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  date TEXT NOT NULL,"
	"  host TEXT, tables INTEGER CHECK (tables >= 1),"
	"  budget_fen INTEGER CHECK (budget_fen >= 0), actual_fen INTEGER CHECK (actual_fen >= 0),"
	"  note TEXT,"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id), created_at TEXT NOT NULL);"
	"CREATE INDEX banquet_guest ON banquet(guest_id, date);"

	/* monthly figures read live visits by date: covering, so the sheet and tiers never touch
	 * the visit rows */
	"CREATE INDEX visit_live ON visit(date, guest_id, meal, covers, spend_fen) "
	"WHERE voided_at IS NULL;",

	/* 2 → 3: the dashboard reads a month's tiered guests (a fifth of its rows) by month, and
	 * a week's special dates without reading their rows */
	"CREATE INDEX tier_month_tiered ON tier_month(month, guest_id, tier, grp) "
	"WHERE tier IS NOT NULL;"
	"CREATE INDEX special_date_day ON special_date(month, day, guest_id, person_id, kind, "
	"label);",

	/* 3 → 4: each guest's live visits summed per month, kept by the visit writes themselves, so
	 * that a month's figures are read in guest order, one row a guest, not summed from the
	 * month's visits at every open of the dashboard. store_bulk_end refills it the same way. */
	"CREATE TABLE guest_month("
	"  month TEXT NOT NULL,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  visits INTEGER NOT NULL, covers INTEGER NOT NULL, spend_fen INTEGER NOT NULL,"
	"  PRIMARY KEY (month, guest_id)) WITHOUT ROWID;" GUEST_MONTH_FILL
	/* a live visit adds to its month; one voided, corrected (date, guest, covers, spend) or
	 * deleted takes its old figures back out, and a month left with no visit loses its row */
	"CREATE TRIGGER guest_month_insert AFTER INSERT ON visit WHEN new.voided_at IS NULL BEGIN "
	"  INSERT INTO guest_month VALUES (substr(new.date, 1, 7), new.guest_id, 1, new.covers,"
	"    new.spend_fen) ON CONFLICT (month, guest_id) DO UPDATE SET visits = visits + 1,"
	"    covers = covers + excluded.covers, spend_fen = spend_fen + excluded.spend_fen;"
	"END;"
	"CREATE TRIGGER guest_month_update AFTER UPDATE OF guest_id, date, covers, spend_fen,"
	"  voided_at ON visit BEGIN "
	"  UPDATE guest_month SET visits = visits - 1, covers = covers - old.covers,"
	"    spend_fen = spend_fen - old.spend_fen"
	"    WHERE old.voided_at IS NULL AND month = substr(old.date, 1, 7)"
	"    AND guest_id = old.guest_id;"
	"  DELETE FROM guest_month WHERE month = substr(old.date, 1, 7) AND guest_id = old.guest_id"
	"    AND visits <= 0;"
	"  INSERT INTO guest_month SELECT substr(new.date, 1, 7), new.guest_id, 1, new.covers,"
	"    new.spend_fen WHERE new.voided_at IS NULL ON CONFLICT (month, guest_id) DO UPDATE"
	"    SET visits = visits + 1, covers = covers + excluded.covers,"
	"    spend_fen = spend_fen + excluded.spend_fen;"
	"END;"
	"CREATE TRIGGER guest_month_delete AFTER DELETE ON visit WHEN old.voided_at IS NULL BEGIN "
	"  UPDATE guest_month SET visits = visits - 1, covers = covers - old.covers,"
	"    spend_fen = spend_fen - old.spend_fen"
	"    WHERE month = substr(old.date, 1, 7) AND guest_id = old.guest_id;"
	"  DELETE FROM guest_month WHERE month = substr(old.date, 1, 7) AND guest_id = old.guest_id"
	"    AND visits <= 0;"
	"END;"
	/* alert detection looks up each guest's open alert or this month's (alert_month alone
	 * made that a scan of the month's alerts per guest) */
	"CREATE INDEX alert_guest ON alert(guest_id, month);"
	/* the dashboard counts the open alerts by light without reading their rows; the alerts
	 * screen reads its windows, open and closed, by light and id */
	"CREATE INDEX alert_light ON alert(light) WHERE closed_at IS NULL;"
	"CREATE INDEX alert_closed ON alert(light) WHERE closed_at IS NOT NULL;",

	/* 4 → 5: restaurant-wide settings every terminal must agree on, one row a key; the first
	 * is opening_date (YYYY-MM-DD), before which no visit is entered without --allow-old */
	"CREATE TABLE setting("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL) WITHOUT ROWID;",

	/* 5 → 6: why a visit is void, as a code shown in each viewer's language, beside the free
	 * text (void_reason, '' when none); rows voided before have no code and keep their text */
	"ALTER TABLE visit ADD COLUMN void_code TEXT CHECK (void_code IS NULL OR"
	"  void_code = 'twice' OR void_code = 'wrong-guest' OR void_code = 'wrong-amount' OR"
	"  void_code = 'corrected' OR void_code = 'other');",

	/* 6 → 7: alert reasons as a code and its figures (reason_code; reason_args,
	 * "|"-separated), shown in the viewer's language; the English reason stays beside them, and an older row
	 * without a code is read from it. What a later detection finds on an open alert is an
	 * event of its history (alert_event): the raised month, light and reason never change. */
	"ALTER TABLE alert ADD COLUMN reason_code TEXT;"
	"ALTER TABLE alert ADD COLUMN reason_args TEXT;"
	"CREATE TABLE alert_event("
	"  id INTEGER PRIMARY KEY,"
	"  alert_id INTEGER NOT NULL REFERENCES alert(id),"
	"  month TEXT NOT NULL,"
	"  light TEXT NOT NULL CHECK (light = 'yellow' OR light = 'red'),"
	"  reason TEXT NOT NULL, reason_code TEXT, reason_args TEXT,"
	"  at TEXT NOT NULL);"
	"CREATE INDEX alert_event_alert ON alert_event(alert_id, id);",

	/* 7 → 8: search results ranked by the last visit, and keys computed anew. search_probe
	 * holds what a search tests one guest by (its trigram text, keys and phone digits, one a
	 * line: search_store.c); guest_last each guest's last live visit with a copy of the probe,
	 * kept by the visit writes (a void, a correction or a delete reads the guest's visits
	 * again), so that a class of matches is sorted by it and a large one walked in its order
	 * through a covering index, no read a guest. Keys change: mixed pinyin (sunxs), tags
	 * (#回头客), two characters of an employer (中信), phones as stored (+86 139… is 139…): the
	 * table search_rebuild asks store_migrate to normalise the phones and rebuild every guest's
	 * keys and probe (search_store_rebuild), and is dropped then. */
	"CREATE TABLE search_probe(guest_id INTEGER PRIMARY KEY, probe TEXT NOT NULL);"
	"CREATE TABLE guest_last("
	"  guest_id INTEGER PRIMARY KEY REFERENCES guest(id),"
	"  date TEXT NOT NULL, probe TEXT);" GUEST_LAST_FILL
	"CREATE INDEX guest_last_date ON guest_last(date DESC, guest_id, probe);"
	/* a class's candidates are sorted by their last visits, read from this small index, not
	 * from the rows, which hold the probes */
	"CREATE INDEX guest_last_guest ON guest_last(guest_id, date);"
	"CREATE TRIGGER guest_last_insert AFTER INSERT ON visit WHEN new.voided_at IS NULL BEGIN "
	"  INSERT INTO guest_last VALUES (new.guest_id, new.date,"
	"    (SELECT probe FROM search_probe WHERE guest_id = new.guest_id))"
	"    ON CONFLICT (guest_id) DO UPDATE SET date = max(date, excluded.date);"
	"END;"
	"CREATE TRIGGER guest_last_update AFTER UPDATE OF guest_id, date, voided_at ON visit BEGIN "
	"  DELETE FROM guest_last WHERE guest_id = old.guest_id OR guest_id = new.guest_id;"
	"  INSERT INTO guest_last SELECT v.guest_id, max(v.date), p.probe FROM visit v"
	"    LEFT JOIN search_probe p ON p.guest_id = v.guest_id"
	"    WHERE (v.guest_id = old.guest_id OR v.guest_id = new.guest_id) AND v.voided_at IS NULL"
	"    GROUP BY v.guest_id;"
	"END;"
	"CREATE TRIGGER guest_last_delete AFTER DELETE ON visit WHEN old.voided_at IS NULL BEGIN "
	"  DELETE FROM guest_last WHERE guest_id = old.guest_id;"
	"  INSERT INTO guest_last SELECT v.guest_id, max(v.date), p.probe FROM visit v"
	"    LEFT JOIN search_probe p ON p.guest_id = v.guest_id"
	"    WHERE v.guest_id = old.guest_id AND v.voided_at IS NULL GROUP BY v.guest_id;"
	"END;"
	"DELETE FROM search_key;"
	"DELETE FROM search_text;"
	"CREATE TABLE search_rebuild(x);",

	/* 8 → 9: the guests who came, by their last visit, ids alone: a class of matches read
	 * whole is taken in this order by its ids in memory (search_store.c), some 20 bytes a
	 * guest where guest_last_date holds the probes (some 300). */
	"CREATE INDEX guest_last_when ON guest_last(date DESC, guest_id);",

	/* 9 → 10: a month's tiers become visible all at once. A recompute writes its rows in
	 * batches as a new generation (tier_month_row.gen) that nobody reads, then switches the
	 * month's visible generation (tier_month_gen.gen, with its row count) in one short
	 * transaction and deletes the older generations in batches (tier_store.c). tier_month is
	 * the view of the visible generations that every reader queries; claimed is the last
	 * generation a recompute of the month took (gen NULL: none shown yet). */
	"CREATE TABLE tier_month_row("
	"  month TEXT NOT NULL,"
	"  guest_id INTEGER NOT NULL REFERENCES guest(id),"
	"  gen INTEGER NOT NULL,"
	"  tier TEXT, grp TEXT,"
	"  computed_tier TEXT, computed_grp TEXT, rule_no INTEGER,"
	"  source TEXT NOT NULL CHECK (source = 'rules' OR source = 'grace' OR source = 'override'"
	"    OR source = 'none'),"
	"  months INTEGER NOT NULL, visits INTEGER NOT NULL, covers INTEGER NOT NULL,"
	"  spend_fen INTEGER NOT NULL,"
	"  m_visits INTEGER NOT NULL, m_covers INTEGER NOT NULL, m_spend_fen INTEGER NOT NULL,"
	"  grace INTEGER NOT NULL DEFAULT 0,"
	"  rules_version INTEGER NOT NULL REFERENCES tier_rules_version(id),"
	"  computed_at TEXT NOT NULL,"
	"  PRIMARY KEY (month, guest_id, gen)) WITHOUT ROWID;"
	"INSERT INTO tier_month_row SELECT month, guest_id, 1, tier, grp, computed_tier,"
	"  computed_grp, rule_no, source, months, visits, covers, spend_fen, m_visits, m_covers,"
	"  m_spend_fen, grace, rules_version, computed_at FROM tier_month;"
	"CREATE TABLE tier_month_gen("
	"  month TEXT PRIMARY KEY,"
	"  gen INTEGER,"
	"  row_count INTEGER NOT NULL,"
	"  claimed INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO tier_month_gen SELECT month, 1, count(*), 1 FROM tier_month GROUP BY month;"
	"DROP TABLE tier_month;"
	/* the indexes keep their names and columns (the generation comes with the key) */
	"CREATE INDEX tier_month_guest ON tier_month_row(guest_id, month);"
	"CREATE INDEX tier_month_tiered ON tier_month_row(month, guest_id, tier, grp) "
	"WHERE tier IS NOT NULL;"
	"CREATE VIEW tier_month AS SELECT month, guest_id, tier, grp, computed_tier, computed_grp,"
	"  rule_no, source, months, visits, covers, spend_fen, m_visits, m_covers, m_spend_fen,"
	"  grace, rules_version, computed_at FROM tier_month_row r"
	"  WHERE gen = (SELECT g.gen FROM tier_month_gen g WHERE g.month = r.month);",

	/* 10 → 11: the rules each month was last computed with, by version and by what they decide
	 * (tier_rules_canonical), so that a recompute with other rules says what changed and asks
	 * (tier_rules_store.c). Months computed before take the version of their latest row, and
	 * no canonical text (NULL). */
	"CREATE TABLE tier_month_rules("
	"  month TEXT PRIMARY KEY,"
	"  rules_version INTEGER NOT NULL REFERENCES tier_rules_version(id),"
	"  canonical TEXT,"
	"  recorded_at TEXT NOT NULL) WITHOUT ROWID;"
	"INSERT INTO tier_month_rules(month, rules_version, recorded_at)"
	"  SELECT month, rules_version, max(computed_at) FROM tier_month GROUP BY month;",

	/* 11 → 12: the batches of maitre import (import_store.c): each import, with its file's
	 * name and SHA-256, who ran it and what it did (summary); undone_at/undone_by once
	 * `maitre import undo` took it back. import_change is what the batch did, a row each: a
	 * guest created ('create'), a field changed ('field': field its key, old and new its
	 * values), a list item added or changed in place ('item': field its table, item_id its
	 * row, or NULL for a tag, whose text is new; old NULL for an item added, else its text
	 * before: an allergy's severity raised, a birthday replaced), a visit entered ('visit':
	 * item_id the visit). version_after is the guest's version the import left, which an
	 * undo requires to be still there; version_before the version it found (an updated
	 * guest's), so that undoing a later batch hands the guest back to this one. guest_id has
	 * no REFERENCES: an undo deletes the guests the batch created, and their rows here stay,
	 * as history. */
	"CREATE TABLE import_batch("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  kind TEXT NOT NULL CHECK (kind = 'guests' OR kind = 'visits'),"
	"  file TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  at TEXT NOT NULL,"
	"  summary TEXT,"
	"  undone_at TEXT, undone_by INTEGER REFERENCES staff(id),"
	"  CHECK ((undone_at IS NULL) = (undone_by IS NULL)));"
	"CREATE TABLE import_change("
	"  id INTEGER PRIMARY KEY,"
	"  batch_id INTEGER NOT NULL REFERENCES import_batch(id),"
	"  guest_id INTEGER NOT NULL,"
	"  what TEXT NOT NULL CHECK (what = 'create' OR what = 'field' OR what = 'item' OR"
	"    what = 'visit'),"
	"  field TEXT, item_id INTEGER, old TEXT, new TEXT,"
	"  version_before INTEGER, version_after INTEGER);"
	/* a batch's changes by kind, and its visits by id (is this visit the batch's?) */
	"CREATE INDEX import_change_batch ON import_change(batch_id, what, item_id);"
	/* the batches that left a guest at a version (import_store_undo) */
	"CREATE INDEX import_change_guest ON import_change(guest_id, version_after);",

	/* 12 → 13: who is at the terminal (staff_store.c, core/access.h). role names a role of
	 * roles.yaml ('staff', the old default, is none: a login named as a sales manager or a
	 * complaint's owner, who cannot act until an admin gives a role); shared marks a login
	 * several people use (the front desk's), which never writes as itself; disabled_at a
	 * member who left (never deleted: the audit points at them); pin_hash the PIN as an
	 * Argon2id string (crypto_pwhash_str), pin_failures the wrong PINs in a row and
	 * pin_locked_until the end of the lockout they caused. config_text keeps the text of the
	 * last good roles.yaml, which stays in force while the file is broken. The first admin is
	 * set by ROLES_MIGRATION's step in store_migrate. */
	"ALTER TABLE staff ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE staff ADD COLUMN disabled_at TEXT;"
	"ALTER TABLE staff ADD COLUMN pin_hash TEXT;"
	"ALTER TABLE staff ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE staff ADD COLUMN pin_locked_until TEXT;"
	"CREATE TABLE config_text("
	"  name TEXT PRIMARY KEY,"
	"  text TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL) WITHOUT ROWID;",

	/* 13 → 14: the audit trail made tamper-evident (audit_store.c). Each row's hash covers its
	 * columns and the hash of the row before; audit_head holds the last row's id and hash, so
	 * that rows taken off the end are seen too. op and op_id name the operation a row belonged
	 * to (an import batch, its undo, a merge, an erase: store_audit_op); the import's own rows
	 * written before are labelled from their entity. The table audit_rechain asks
	 * store_migrate to chain the rows already there (audit_chain_fill), and is dropped then. */
	"ALTER TABLE audit ADD COLUMN op TEXT;"
	"ALTER TABLE audit ADD COLUMN op_id INTEGER;"
	"ALTER TABLE audit ADD COLUMN hash TEXT;"
	"UPDATE audit SET op = action, op_id = entity_id WHERE entity = 'import';"
	"CREATE TABLE audit_head("
	"  one INTEGER PRIMARY KEY CHECK (one = 1),"
	"  id INTEGER NOT NULL,"
	"  hash TEXT NOT NULL);"
	/* maitre audit --staff */
	"CREATE INDEX audit_staff ON audit(staff_id);"
	"CREATE TABLE audit_rechain(x);",

	/* 14 → 15: the rules decided in domain.md §4 (issue 19). An override is in force from the
	 * month it is given for (from_month; one given before: the month it was made) to its
	 * until_month, and clearing it ends it from the month of cleared_at on. A month computed
	 * while it ran is provisional (tier_month_row.provisional; rows computed before: those
	 * computed in or before their month). */
	"ALTER TABLE tier_override ADD COLUMN from_month TEXT;"
	"UPDATE tier_override SET from_month = substr(created_at, 1, 7);"
	"ALTER TABLE tier_month_row ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;"
	"UPDATE tier_month_row SET provisional = 1 WHERE substr(computed_at, 1, 7) <= month;"
	"DROP VIEW tier_month;"
	"CREATE VIEW tier_month AS SELECT month, guest_id, tier, grp, computed_tier, computed_grp,"
	"  rule_no, source, months, visits, covers, spend_fen, m_visits, m_covers, m_spend_fen,"
	"  grace, rules_version, computed_at, provisional FROM tier_month_row r"
	"  WHERE gen = (SELECT g.gen FROM tier_month_gen g WHERE g.month = r.month);",

	/* 15 → 16: the dashboard's month read in tens of rows (report_store.c). visit_month_stamp
	 * counts the visit writes of each month (of both months when one moves), kept by the
	 * visit writes like guest_month; report_month_cache holds a month's figures as the scan of
	 * tier_month and guest_month found them, with the generations of the month and the month
	 * before and the stamp they were read at: a new generation or a visit write makes them
	 * stale, and the writes that change rows in place (an override, an import's undo, a
	 * refill) delete them. A cell is the guests who held tier/grp in the month and
	 * prev_tier/prev_grp the month before ("": untiered), with the month's figures of those
	 * who came. */
	"CREATE TABLE visit_month_stamp("
	"  month TEXT PRIMARY KEY,"
	"  n INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TRIGGER visit_stamp_insert AFTER INSERT ON visit BEGIN "
	"  INSERT INTO visit_month_stamp VALUES (substr(new.date, 1, 7), 1)"
	"    ON CONFLICT (month) DO UPDATE SET n = n + 1;"
	"END;"
	"CREATE TRIGGER visit_stamp_update AFTER UPDATE OF guest_id, date, covers, spend_fen,"
	"  voided_at ON visit BEGIN "
	"  INSERT INTO visit_month_stamp VALUES (substr(old.date, 1, 7), 1)"
	"    ON CONFLICT (month) DO UPDATE SET n = n + 1;"
	"  INSERT INTO visit_month_stamp VALUES (substr(new.date, 1, 7), 1)"
	"    ON CONFLICT (month) DO UPDATE SET n = n + 1;"
	"END;"
	"CREATE TRIGGER visit_stamp_delete AFTER DELETE ON visit BEGIN "
	"  INSERT INTO visit_month_stamp VALUES (substr(old.date, 1, 7), 1)"
	"    ON CONFLICT (month) DO UPDATE SET n = n + 1;"
	"END;"
	"CREATE TABLE report_month_cache("
	"  month TEXT PRIMARY KEY,"
	"  gen INTEGER NOT NULL, prev_gen INTEGER NOT NULL, stamp INTEGER NOT NULL,"
	"  guests INTEGER NOT NULL, revenue INTEGER NOT NULL,"
	"  top2_guests INTEGER NOT NULL, top20_guests INTEGER NOT NULL,"
	"  top2_revenue INTEGER NOT NULL, top20_revenue INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE report_month_cell("
	"  month TEXT NOT NULL REFERENCES report_month_cache(month) ON DELETE CASCADE,"
	"  tier TEXT NOT NULL, grp TEXT NOT NULL, prev_tier TEXT NOT NULL, prev_grp TEXT NOT NULL,"
	"  guests INTEGER NOT NULL, came INTEGER NOT NULL, visits INTEGER NOT NULL,"
	"  covers INTEGER NOT NULL, spend_fen INTEGER NOT NULL,"
	"  PRIMARY KEY (month, tier, grp, prev_tier, prev_grp)) WITHOUT ROWID;",

	/* 16 → 17: the anonymised guests, a handful if any, found without a pass over the
	 * million (everyone's agenda leaves them out, issue 17). */
	"CREATE INDEX guest_anonymised ON guest(id) WHERE anonymised <> 0;",

	/* 17 → 18: guests merged (merge_store.c, issue 16). A merged guest keeps its row and
	 * its own lists as they were, merged_into naming the guest it became (its id answers as
	 * that one's: guest_store_resolve; only the merge writes it, so
	 * it has no REFERENCES, which ALTER TABLE would add to every write). guest_merge is each merge: KEEP (keep_id) took OTHER
	 * (other_id), keep_version the version it left KEEP at and audit_id the last audit row it
	 * wrote (an unmerge requires both unchanged since), months the tier months the moved
	 * visits touched ("YYYY-MM YYYY-MM", the first and the last); undone_at/undone_by once
	 * `maitre guest unmerge` took it back. guest_merge_row is what it did, a row each: a row
	 * of tbl moved from OTHER to KEEP ('move'), OTHER's open alert closed ('close'), an item
	 * added to KEEP's sheet ('add'; a tag by its text in old), an item of KEEP changed in place
	 * ('change': field its column, old its value before: an allergy's severity raised, a
	 * date's year), a field of KEEP's sheet ('field': field its key, old its value before). */
	"ALTER TABLE guest ADD COLUMN merged_into INTEGER;"
	"CREATE INDEX guest_merged ON guest(merged_into) WHERE merged_into IS NOT NULL;"
	"CREATE TABLE guest_merge("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  keep_id INTEGER NOT NULL REFERENCES guest(id),"
	"  other_id INTEGER NOT NULL REFERENCES guest(id),"
	"  at TEXT NOT NULL,"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  keep_version INTEGER NOT NULL,"
	"  audit_id INTEGER NOT NULL,"
	"  months TEXT,"
	"  undone_at TEXT, undone_by INTEGER REFERENCES staff(id),"
	"  CHECK ((undone_at IS NULL) = (undone_by IS NULL)));"
	"CREATE INDEX guest_merge_keep ON guest_merge(keep_id);"
	"CREATE INDEX guest_merge_other ON guest_merge(other_id);"
	"CREATE TABLE guest_merge_row("
	"  id INTEGER PRIMARY KEY,"
	"  merge_id INTEGER NOT NULL REFERENCES guest_merge(id),"
	"  tbl TEXT NOT NULL,"
	"  row_id INTEGER NOT NULL,"
	"  what TEXT NOT NULL CHECK (what = 'move' OR what = 'close' OR what = 'add' OR"
	"    what = 'change' OR what = 'field'),"
	"  field TEXT, old TEXT);"
	"CREATE INDEX guest_merge_row_merge ON guest_merge_row(merge_id, what);",

	/* 18 → 19: consent to be kept in the book, its day and channel (guest.h, consent_at and
	 * consent_channel; domain.md §9), recorded together or not at all. */
	("ALTER TABLE guest ADD COLUMN consent_at TEXT;"
	 "ALTER TABLE guest ADD COLUMN consent_channel TEXT;"),
	/* 19 → 20: the pairs of guests the staff said are two people (maitre guest duplicates
	 * --not-same A B, dup_store.c), never offered as duplicates again; a < b. */
	"CREATE TABLE dup_dismissed("
	"  a INTEGER NOT NULL REFERENCES guest(id) ON DELETE CASCADE,"
	"  b INTEGER NOT NULL REFERENCES guest(id) ON DELETE CASCADE,"
	"  at TEXT NOT NULL,"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  PRIMARY KEY (a, b), CHECK (a < b)) WITHOUT ROWID;"
	"CREATE INDEX dup_dismissed_b ON dup_dismissed(b);",
	/* 20 → 21: erasure on request (issue 16, erase_store.c). The chain hashes each old and
	 * new value as its digest under the row's own random salt (audit_store.c), so that an
	 * erasure can take a guest's values out of the audit and leave the chain whole: salt,
	 * dropped when the row is erased, and erased, the digests kept then with the erasure's
	 * row ("E OLD NEW"). audit_rechain has store_migrate give every row a salt and chain the
	 * rows again (audit_chain_fill). */
	"ALTER TABLE audit ADD COLUMN salt TEXT;"
	"ALTER TABLE audit ADD COLUMN erased TEXT;"
	"CREATE TABLE IF NOT EXISTS audit_rechain(x);",
	/* 21 → 22: the dashboard's stored months kept current by the visit writes (issue 17)
	 * instead of made stale by them: triggers on guest_month (the visit triggers' sums, and an
	 * import's deferred ones) add each change of a guest's month to the stored month's cell of
	 * the guest's tiers in the month and the month before (REPORT_CELL_ADD: a seek each), and
	 * to its guests and revenue; report_store_month then reads a stored month while the two
	 * months' shown generations are those it was stored at. The shares of the top guests are
	 * not sums: read from guest_month_spend, the month's biggest spends first. What was
	 * stored before was kept by none of this: forgotten. */
	"DELETE FROM report_month_cell; DELETE FROM report_month_cache;"
	"CREATE INDEX guest_month_spend ON guest_month(month, spend_fen);"
	"CREATE TRIGGER report_cell_insert AFTER INSERT ON guest_month WHEN EXISTS (SELECT 1 FROM "
	"  report_month_cache WHERE month = new.month) BEGIN "
	"  UPDATE report_month_cache SET guests = guests + 1, revenue = revenue + new.spend_fen"
	"    WHERE month = new.month;"
	REPORT_CELL_ADD("new", "1", "new.visits", "new.covers", "new.spend_fen")
	"END;"
	"CREATE TRIGGER report_cell_update AFTER UPDATE ON guest_month WHEN EXISTS (SELECT 1 FROM "
	"  report_month_cache WHERE month = new.month) BEGIN "
	"  UPDATE report_month_cache SET revenue = revenue + new.spend_fen - old.spend_fen"
	"    WHERE month = new.month;"
	REPORT_CELL_ADD("new", "0", "new.visits - old.visits", "new.covers - old.covers",
			"new.spend_fen - old.spend_fen")
	"END;"
	"CREATE TRIGGER report_cell_delete AFTER DELETE ON guest_month WHEN EXISTS (SELECT 1 FROM "
	"  report_month_cache WHERE month = old.month) BEGIN "
	"  UPDATE report_month_cache SET guests = guests - 1, revenue = revenue - old.spend_fen"
	"    WHERE month = old.month;"
	REPORT_CELL_ADD("old", "-1", "-old.visits", "-old.covers", "-old.spend_fen")
	"END;",

	/* 22 → 23: a recompute writes only the rows that changed (issue 17). A row is written by
	 * the generation that made it (gen) and superseded by the one that wrote its guest's
	 * next row or found the guest gone (NULL until then): the month's rows of generation G
	 * are those with gen <= G and superseded NULL or above G (TIER_ROW_SHOWN), so showing a
	 * generation still flips tier_month_gen.gen alone, and an unchanged row stays as it is.
	 * The time a month was computed is the month's (tier_month_at, for its generation gen):
	 * a row kept keeps the computed_at it was written with. tier_month_tiered takes
	 * superseded in, so that its readers need no row. */
	"ALTER TABLE tier_month_row ADD COLUMN superseded INTEGER;"
	"CREATE TABLE tier_month_at("
	"  month TEXT PRIMARY KEY,"
	"  gen INTEGER NOT NULL,"
	"  computed_at TEXT NOT NULL) WITHOUT ROWID;"
	"DROP INDEX tier_month_tiered;"
	"CREATE INDEX tier_month_tiered ON tier_month_row(month, guest_id, tier, grp, superseded) "
	"WHERE tier IS NOT NULL;"
	"DROP VIEW tier_month;"
	"CREATE VIEW tier_month AS SELECT month, guest_id, tier, grp, computed_tier, computed_grp,"
	"  rule_no, source, months, visits, covers, spend_fen, m_visits, m_covers, m_spend_fen,"
	"  grace, rules_version, ifnull((SELECT a.computed_at FROM tier_month_at a"
	"  WHERE a.month = r.month AND a.gen = (SELECT g.gen FROM tier_month_gen g"
	"  WHERE g.month = r.month)), computed_at) AS computed_at, provisional"
	"  FROM tier_month_row r WHERE "
	TIER_ROW_SHOWN("", "(SELECT g.gen FROM tier_month_gen g WHERE g.month = r.month)") ";",

	/* 23 → 24: whether a guest first seen inside a recompute's window had a live visit before
	 * it, one seek a guest that reads nothing else (issue 17: the visits' index holds the
	 * voided visits too, so each of those probes read the visit's row as well). A visit
	 * write touches it only when it adds or removes a guest's month. */
	"CREATE INDEX guest_month_guest ON guest_month(guest_id, month);",
};

/* The migration that brought roles: a book migrated across it gets its first admin. */
#define ROLES_MIGRATION 12

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int store_schema_latest(void)
{
	return NMIGRATIONS;
}

/* A book that crosses ROLES_MIGRATION gets an admin: the login that wrote its first audit row
 * (who set the book up), else, in a book nobody wrote yet (a new one), the login creating or
 * opening it. Nothing changes when an admin is there already. */
static enum store_status first_admin(struct store *st)
{
	static const char *sql =
		"UPDATE staff SET role = 'admin' WHERE NOT EXISTS (SELECT 1 FROM staff WHERE "
		"role = 'admin') AND id = (SELECT staff_id FROM audit ORDER BY id LIMIT 1)";
	static const char *ins =
		"INSERT INTO staff(login, display_name, role, created_at) SELECT ?1, ?1, 'admin', ?2 "
		"WHERE NOT EXISTS (SELECT 1 FROM staff WHERE role = 'admin') "
		"ON CONFLICT(login) DO UPDATE SET role = 'admin'";
	enum store_status rs = store_exec(st, sql);
	sqlite3_stmt *s = rs == ST_OK ? store_prep(st, ins) : NULL;
	if (!s)
		return rs == ST_OK ? ST_IO : rs;
	sqlite3_bind_text(s, 1, st->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, store_now(st), -1, SQLITE_TRANSIENT);
	return store_step_done(st, s, "staff");
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
			error_prefix(&st->err, "migration to schema %d failed: ", v + 1);
			goto fail;
		}
	}
	if (ver < NMIGRATIONS) {
		/* a migration that changed how keys are derived asked for them to be rebuilt */
		bool rebuild = false;
		sqlite3_stmt *s = store_prep(st, "SELECT 1 FROM sqlite_master WHERE type = 'table' "
						 "AND name = 'search_rebuild'");
		if (!s || (rs = store_step_maybe(st, s, "migration", &rebuild)) != ST_OK) {
			if (s)
				sqlite3_reset(s);
			rs = s ? rs : ST_IO;
			goto fail;
		}
		sqlite3_reset(s);
		if (rebuild && ((rs = guest_store_normalise_phones(st)) != ST_OK ||
				(rs = search_store_rebuild(st)) != ST_OK ||
				(rs = store_exec(st, "DROP TABLE search_rebuild")) != ST_OK))
			goto fail;
		/* a migration that brought the audit chain in asked for the rows there to join it */
		bool rechain = false;
		s = store_prep(st, "SELECT 1 FROM sqlite_master WHERE type = 'table' "
				   "AND name = 'audit_rechain'");
		if (!s || (rs = store_step_maybe(st, s, "migration", &rechain)) != ST_OK) {
			rs = s ? rs : ST_IO;
			goto fail;
		}
		sqlite3_reset(s);
		if (rechain && ((rs = audit_chain_fill(st)) != ST_OK ||
				(rs = store_exec(st, "DROP TABLE audit_rechain")) != ST_OK))
			goto fail;
		char q[128];
		snprintf(q, sizeof q, "PRAGMA application_id=%d; PRAGMA user_version=%d;",
			 STORE_APPLICATION_ID, NMIGRATIONS);
		if ((rs = store_exec(st, q)) != ST_OK || (rs = fill_field_meta(st)) != ST_OK ||
		    (ver <= ROLES_MIGRATION && (rs = first_admin(st)) != ST_OK))
			goto fail;
	}
	return store_commit(st);
fail:
	store_rollback(st);
	return rs;
}
