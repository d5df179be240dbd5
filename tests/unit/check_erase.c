/* check_erase.c — unit tests of a guest's erasure and deletion (store/erase_store.h): a guest
 * with every related table populated (the sheet's lists, a person's own preference and date,
 * visits, a complaint with its timeline, an alert with its actions, a contact, a gift, a
 * banquet, a tier override, an import's recorded values) is erased: nothing of theirs is left
 * but the anonymous figures, the other guest is untouched, the audit chain is intact, and rows
 * marked "[erased]" that the erasure did not list are caught even with their digests right.
 * An erasure inside the caller's transaction rolls back with it; a deletion is refused for a
 * guest with anything attached. Each test works on its own database (testdb.c). */
#include <check.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/guest.h"
#include "core/visit.h"
#include "store/agenda_store.h"
#include "store/alert_store.h"
#include "store/audit_store.h"
#include "store/complaint_store.h"
#include "store/erase_store.h"
#include "store/guest_store.h"
#include "store/store.h"
#include "store/visit_store.h"

#include <sqlite3.h>

#include "testdb.h"

static struct store *st;

static void setup(void)
{
	st = testdb_open();
}

static void teardown(void)
{
	testdb_close(st);
	st = NULL;
}

#define ck_ok(call) ck_assert_msg((call) == ST_OK, "%s: %s", #call, store_errmsg(st))

/* Every text of a guest ends in its marker m ("-a"), so that each guest's words are told apart. */
static char buf[16][128];
static int nbuf;
static char *w(const char *word, const char *m)
{
	char *b = buf[nbuf++ % 16];
	snprintf(b, sizeof buf[0], "%s%s", word, m);
	return b;
}

static int64_t new_guest(const char *name, const char *phone, const char *m)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, name);
	guest_set(&g, GF_EMPLOYER, w("zyxwvut holdings", m));
	guest_set(&g, GF_INCOME, w("richissimo", m));
	guest_add_phone(&g, "mobile", phone);
	guest_add_pref(&g, -1, PREF_ALLERGY, SEV_CRITICAL, w("quokkanut", m));
	int p = guest_add_person(&g, "wife", w("plumbago", m), w("likes jade", m));
	guest_add_pref(&g, p, PREF_TASTE, SEV_NONE, w("mild plumbago soup", m));
	guest_add_date(&g, p, DATE_BIRTHDAY, NULL, 1975, 2, 3);
	guest_add_date(&g, -1, DATE_OTHER, w("first frabjous day", m), 0, 4, 5);
	guest_add_tag(&g, w("velvetcrab", m));
	guest_add_note(&g, w("prefers the qwertyuiop corner", m));
	ck_ok(guest_store_save(st, &g, 0, false, NULL));
	int64_t id = g.id;
	guest_free(&g);
	return id;
}

static int64_t new_visit(int64_t guest, const char *date, int covers, int64_t fen, const char *m)
{
	struct visit v = {.guest_id = guest, .meal = MEAL_DINNER, .covers = covers, .spend_fen = fen,
			  .table_no = (char *)"A1", .notes = w("celebrated zanzibarique", m)};
	snprintf(v.date, sizeof v.date, "%s", date);
	ck_ok(visit_store_add(st, &v));
	return v.id;
}

/* Everything attached to guest id, as the screens and commands write it (the alert, the gift,
 * the banquet, the override and the import's change as rows: they need tiers and rules). */
static void populate(int64_t id, const char *m)
{
	char sql[2048];
	new_visit(id, "2026-05-10", 4, 120000, m);
	new_visit(id, "2026-06-11", 2, 30000, m);
	struct complaint c;
	memset(&c, 0, sizeof c);
	c.guest_id = id;
	c.channel = CH_PHONE;
	c.category = CC_FOOD;
	c.severity = SEV_HIGH;
	c.description = w("soup too xylophonic", m);
	c.staff_involved = w("waiter brontes", m);
	ck_ok(complaint_store_add(st, &c));
	ck_ok(complaint_store_ack(st, c.id, w("called back about xylophonic", m)));
	ck_ok(complaint_store_resolve(st, c.id, w("free xylophonic", m), 5000));
	struct agenda_contact k = {.guest_id = id, .channel = "phone",
				   .outcome = w("booked quixotical", m),
				   .feedback = w("loved the jabberwock", m)};
	ck_ok(agenda_store_contact(st, date_today(), &k));
	snprintf(sql, sizeof sql,
		 "INSERT INTO alert(guest_id, month, light, reason, created_at) VALUES "
		 "(%lld, '2026-05', 'red', 'no visit in 2026-05', '2026-06-01 10:00:00');"
		 "INSERT INTO gift(guest_id, person, occasion, year, value_fen, note, given_at, "
		 "staff_id) VALUES (%lld, 'wife plumbago%s', 'first frabjous day%s', 2026, 100, "
		 "'gave mimsy tea%s', '2026-06-01', 1);"
		 "INSERT INTO banquet(guest_id, date, host, note, staff_id, created_at) VALUES "
		 "(%lld, '2026-06-20', 'mr vorpal%s', 'banquet for frabjous%s', 1, '2026-06-01');"
		 "INSERT INTO tier_override(guest_id, tier, reason, created_by, created_at, "
		 "from_month) VALUES (%lld, 'A', 'friend of tumtum%s', 1, '2026-06-01', '2026-06');"
		 "INSERT INTO import_batch(kind, file, sha256, staff_id, at) VALUES "
		 "('guests', 'book.xlsx', 'x', 1, '2026-06-01');"
		 "INSERT INTO import_change(batch_id, guest_id, what, field, old, new) VALUES "
		 "(last_insert_rowid(), %lld, 'field', 'position', 'borogove%s', 'slithy tove%s');",
		 (long long)id, (long long)id, m, m, m, (long long)id, m, m, (long long)id, m,
		 (long long)id, m, m);
	testdb_exec(sql);
	int64_t alert = testdb_int("SELECT max(id) FROM alert");
	int no;
	ck_ok(alert_store_feedback(st, alert, w("says uffish things", m)));
	ck_ok(alert_store_action(st, alert, w("send burbled flowers", m), NULL, &no));
	ck_ok(alert_store_close(st, alert, w("came back galumphing", m)));
}

/* How many rows of the database hold word, in any text column of every table. */
static long long holding(const char *word)
{
	static const char *const cols[][2] = {
		{"guest", "name"},       {"guest", "employer"},         {"guest", "income"},
		{"phone", "number"},     {"preference", "text"},        {"person", "name"},
		{"person", "notes"},     {"special_date", "label"},     {"tag", "tag"},
		{"note", "text"},        {"visit", "notes"},            {"complaint", "description"},
		{"complaint", "staff_involved"}, {"complaint", "resolution"},
		{"complaint_event", "note"},     {"alert", "feedback"}, {"alert", "outcome"},
		{"alert_action", "text"},        {"contact", "outcome"}, {"contact", "feedback"},
		{"gift", "person"},      {"gift", "note"},              {"gift", "occasion"},
		{"banquet", "host"},     {"banquet", "note"},           {"tier_override", "reason"},
		{"import_change", "old"}, {"import_change", "new"},     {"audit", "old"},
		{"audit", "new"},        {"search_key", "key"},         {"search_probe", "probe"},
		{"guest_last", "probe"}, {"search_text", "text"},
	};
	long long n = 0;
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE instr(%s, '%s') > 0",
			 cols[i][0], cols[i][1], word);
		n += testdb_int(sql);
	}
	return n;
}

/* The last word of each text a guest's populate writes (w adds the marker to it). */
static const char *const words[] = {
	"holdings", "richissimo", "quokkanut", "plumbago", "jade", "day", "velvetcrab",
	"corner", "zanzibarique", "xylophonic", "brontes", "quixotical", "jabberwock", "soup",
	"tea", "vorpal", "tumtum", "borogove", "tove", "things", "flowers", "galumphing",
};
#define NWORDS (sizeof words / sizeof words[0])

static enum audit_break verify(int64_t *id)
{
	struct audit_verdict v;
	ck_ok(audit_store_verify(st, &v));
	if (id)
		*id = v.id;
	return v.what;
}

START_TEST(test_erase_everything)
{
	int64_t a = new_guest("欧阳澜玥", "13912345678", "-a");
	int64_t b = new_guest("王先生", "13800000001", "-b");
	populate(a, "-a");
	populate(b, "-b");
	long long theirs[NWORDS];
	for (size_t i = 0; i < NWORDS; i++) {
		ck_assert_msg(holding(w(words[i], "-a")) > 0, "%s not written", words[i]);
		theirs[i] = holding(w(words[i], "-b"));
	}
	ck_assert_int_gt(holding("欧阳澜玥"), 0);
	ck_assert_int_gt(holding("13912345678"), 0);
	long long months = testdb_int("SELECT sum(visits * 1000000 + covers * 1000 + spend_fen) "
				      "FROM guest_month WHERE guest_id = 1");
	long long others = holding("王先生");

	struct erase_plan p;
	ck_ok(erase_store_plan(st, a, &p));
	ck_assert(!p.erased);
	ck_assert_str_eq(p.name, "欧阳澜玥");
	ck_assert_int_eq(p.visits, 2);
	ck_assert_int_eq(p.complaints, 1);
	ck_assert_uint_eq(p.n_open, 1); /* resolved, not closed */
	ck_assert_str_eq(p.open[0].status, "resolved");
	ck_assert_int_eq(p.phones, 1);
	ck_assert_int_eq(p.people, 1);
	ck_assert(!erase_plan_deletable(&p));
	erase_plan_free(&p);

	ck_assert_int_eq(erase_store_guest(st, a, "", &(struct erase_result){0}), ST_INVALID);
	struct erase_result r;
	ck_ok(erase_store_guest(st, a, "asked by phone", &r));
	ck_assert_int_gt(r.audit_rows, 8);
	ck_assert_int_eq(r.items, 8); /* phone, allergy, wife's taste, 2 dates, wife, tag, note */
	/* no word of the guest's is left anywhere; the other guest keeps every one of theirs */
	for (size_t i = 0; i < NWORDS; i++) {
		ck_assert_msg(holding(w(words[i], "-a")) == 0, "%s left", words[i]);
		ck_assert_int_eq(holding(w(words[i], "-b")), theirs[i]);
	}
	ck_assert_int_eq(holding("欧阳澜玥"), 0);
	ck_assert_int_eq(holding("13912345678"), 0);
	ck_assert_int_eq(holding("王先生"), others);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM phone WHERE guest_id = 2"), 1);
	/* the erased guest's own texts are gone, the shared words live on in guest 2 only */
	const char *const own[][2] = {
		{"SELECT count(*) FROM complaint WHERE guest_id = 1 AND description <> '[erased]'", "0"},
		{"SELECT count(*) FROM complaint WHERE guest_id = 1 AND (staff_involved IS NOT NULL "
		 "OR resolution IS NOT NULL OR followup_note IS NOT NULL)", "0"},
		{"SELECT count(*) FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id "
		 "WHERE c.guest_id = 1 AND e.note IS NOT NULL", "0"},
		{"SELECT count(*) FROM alert WHERE guest_id = 1 AND (feedback IS NOT NULL OR "
		 "outcome IS NOT NULL)", "0"},
		{"SELECT count(*) FROM alert_action x JOIN alert a ON a.id = x.alert_id WHERE "
		 "a.guest_id = 1 AND x.text <> '[erased]'", "0"},
		{"SELECT count(*) FROM contact WHERE guest_id = 1 AND (outcome IS NOT NULL OR "
		 "feedback IS NOT NULL)", "0"},
		{"SELECT count(*) FROM gift WHERE guest_id = 1 AND (person IS NOT NULL OR note IS NOT "
		 "NULL OR occasion <> '[erased]')", "0"},
		{"SELECT count(*) FROM banquet WHERE guest_id = 1 AND (host IS NOT NULL OR note IS "
		 "NOT NULL)", "0"},
		{"SELECT count(*) FROM tier_override WHERE guest_id = 1 AND reason <> '[erased]'", "0"},
		{"SELECT count(*) FROM import_change WHERE guest_id = 1 AND (old IS NOT NULL OR "
		 "new IS NOT NULL)", "0"},
		{"SELECT count(*) FROM visit WHERE guest_id = 1 AND notes IS NOT NULL", "0"},
		{"SELECT count(*) FROM visit WHERE guest_id = 1 AND table_no = 'A1'", "2"},
		{"SELECT count(*) FROM person WHERE guest_id = 1", "0"},
		{"SELECT count(*) FROM preference WHERE guest_id = 1", "0"},
		{"SELECT count(*) FROM special_date WHERE guest_id = 1", "0"},
		{"SELECT count(*) FROM tag WHERE guest_id = 1", "0"},
		{"SELECT count(*) FROM note WHERE guest_id = 1", "0"},
		{"SELECT count(*) FROM search_key WHERE guest_id = 1", "0"},
		{"SELECT count(*) FROM search_text WHERE rowid = 1", "0"},
		{"SELECT count(*) FROM guest WHERE id = 1 AND anonymised = 1 AND name = 'erased #1' "
		 "AND employer IS NULL AND income IS NULL AND version = 2", "1"},
		{"SELECT count(*) FROM audit a WHERE a.entity = 'guest' AND a.entity_id = 1 AND "
		 "a.action <> 'erase' AND ((a.old IS NOT NULL AND a.old <> '[erased]') OR (a.new IS "
		 "NOT NULL AND a.new <> '[erased]'))", "0"},
		{"SELECT count(*) FROM audit WHERE op = 'erase' AND op_id = 1", "2"},
	};
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
		char got[32];
		snprintf(got, sizeof got, "%lld", testdb_int(own[i][0]));
		ck_assert_msg(strcmp(got, own[i][1]) == 0, "%s: %s, not %s", own[i][0], got, own[i][1]);
	}
	/* the figures stay */
	ck_assert_int_eq(testdb_int("SELECT sum(visits * 1000000 + covers * 1000 + spend_fen) "
				    "FROM guest_month WHERE guest_id = 1"), months);
	ck_assert_int_eq(verify(NULL), AUDIT_INTACT);

	/* the card and a second erasure */
	ck_ok(erase_store_plan(st, a, &p));
	ck_assert(p.erased);
	ck_assert_str_eq(p.name, "erased #1");
	ck_assert_str_eq(p.reason, "asked by phone");
	ck_assert(p.erased_at[0] && p.erased_by[0]);
	erase_plan_free(&p);
	ck_assert_int_eq(erase_store_guest(st, a, "again", &r), ST_CONFLICT);
	ck_assert_int_eq(erase_store_guest(st, 99, "nobody", &r), ST_NOTFOUND);
	bool emptied;
	ck_ok(erase_store_scrub(st, &emptied));
	ck_assert_int_eq(verify(NULL), AUDIT_INTACT);
}
END_TEST

/* "[erased]" put on a row of guest 2 with the digests the chain hashed (computed from its
 * salt, which whoever edits the file can read): the chain matches, the erasure's list does
 * not. */
START_TEST(test_forged_erasure_caught)
{
	int64_t a = new_guest("欧阳澜玥", "13912345678", "-a");
	new_guest("王先生", "13800000001", "-b");
	struct erase_result r;
	ck_ok(erase_store_guest(st, a, "asked", &r));
	ck_assert_int_eq(verify(NULL), AUDIT_INTACT);
	int64_t by = testdb_int("SELECT id FROM audit WHERE action = 'erase' AND field = 'rows'");
	int64_t row = testdb_int("SELECT min(id) FROM audit WHERE entity = 'guest' AND "
				 "entity_id = 2 AND old IS NULL AND new IS NOT NULL");
	ck_assert_int_gt(row, 0);
	/* the digest of the row's new value, as audit_store.c makes it, from the salt and the
	 * value read with SQL as anyone with the file would */
	char q[256], *salt = NULL, *value = NULL;
	{
		sqlite3 *db;
		sqlite3_stmt *s;
		ck_assert_int_eq(sqlite3_open(testdb_path, &db), SQLITE_OK);
		snprintf(q, sizeof q, "SELECT salt, new FROM audit WHERE id = %lld", (long long)row);
		ck_assert_int_eq(sqlite3_prepare_v2(db, q, -1, &s, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
		salt = strdup((const char *)sqlite3_column_text(s, 0));
		value = strdup((const char *)sqlite3_column_text(s, 1));
		sqlite3_finalize(s);
		sqlite3_close(db);
	}
	unsigned char key[16], bin[32];
	char hex[65], mark[200], sql[400];
	size_t klen;
	ck_assert_int_eq(sodium_hex2bin(key, sizeof key, salt, strlen(salt), NULL, &klen, NULL), 0);
	crypto_generichash(bin, sizeof bin, (const unsigned char *)value, strlen(value), key, klen);
	sodium_bin2hex(hex, sizeof hex, bin, sizeof bin);
	snprintf(mark, sizeof mark, "%lld - %s", (long long)by, hex);
	snprintf(sql, sizeof sql, "UPDATE audit SET new = '[erased]', salt = NULL, erased = '%s' "
		 "WHERE id = %lld", mark, (long long)row);
	testdb_exec(sql);
	int64_t id;
	ck_assert_int_eq(verify(&id), AUDIT_CHANGED);
	ck_assert_int_eq(id, by); /* told by the erasure whose list no longer matches */
	/* the same digests without the erasure: marked by nobody */
	snprintf(sql, sizeof sql, "UPDATE audit SET erased = '%lld - %s' WHERE id = %lld",
		 (long long)by + 100, hex, (long long)row);
	testdb_exec(sql);
	ck_assert_int_eq(verify(&id), AUDIT_CHANGED);
	free(salt);
	free(value);
}
END_TEST

/* A sweep erases inside its own transaction: its rows keep its label, and a rollback takes
 * the erasure back whole. */
START_TEST(test_erase_in_caller_transaction)
{
	int64_t a = new_guest("欧阳澜玥", "13912345678", "-a");
	struct erase_result r;
	ck_ok(store_begin(st));
	store_audit_op(st, "sweep", 0);
	ck_ok(erase_store_guest(st, a, "retention", &r));
	store_rollback(st);
	ck_assert_int_eq(testdb_int("SELECT anonymised FROM guest WHERE id = 1"), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM phone WHERE guest_id = 1"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE erased IS NOT NULL"), 0);
	ck_assert_int_eq(verify(NULL), AUDIT_INTACT);
	ck_ok(store_begin(st));
	store_audit_op(st, "sweep", 0);
	ck_ok(erase_store_guest(st, a, "retention", &r));
	ck_ok(store_commit(st));
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'erase' AND "
				    "op = 'sweep' AND op_id = 0"), 2);
	ck_assert_int_eq(verify(NULL), AUDIT_INTACT);
}
END_TEST

START_TEST(test_delete)
{
	int64_t a = new_guest("欧阳澜玥", "13912345678", "-a");
	int64_t b = new_guest("错录", "13800000002", "-b");
	new_visit(a, "2026-06-11", 2, 30000, "-a");
	ck_assert_int_eq(erase_store_delete(st, a), ST_CONFLICT);
	ck_assert_msg(strstr(store_errmsg(st), "1 visit") != NULL, "%s", store_errmsg(st));
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM guest WHERE id = 1"), 1);
	ck_ok(erase_store_delete(st, b));
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM guest WHERE id = 2"), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM phone WHERE guest_id = 2"), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM search_key WHERE guest_id = 2"), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM search_probe WHERE guest_id = 2"), 0);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'delete' AND "
				    "entity_id = 2 AND op = 'delete'"), 1);
	ck_assert_int_eq(erase_store_delete(st, b), ST_NOTFOUND);
	ck_assert_int_eq(verify(NULL), AUDIT_INTACT);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("erase");
	TCase *tc = tcase_create("erase");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_erase_everything);
	tcase_add_test(tc, test_forged_erasure_caught);
	tcase_add_test(tc, test_erase_in_caller_transaction);
	tcase_add_test(tc, test_delete);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return testdb_run(suite());
}
