/* check_tiers.c — unit tests for the tier rules file and its loader (src/config/tiers.c): the
 * shipped data/tiers.yaml against domain.md §4–§6, every diagnostic with its exact place, the
 * rules in force never replaced by a broken file, the content hash, and the worked examples of
 * domain.md §3 under the default and a money-only rule set. Expected values come from the
 * handbook's tables, not from the code's output. */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/tiers.h"
#include "core/guest.h"
#include "core/strv.h"
#include "core/tier.h"

#include "testdb.h"

/* ------------------------------------------------------------------------------------------ */
/* helpers */

/* The shipped rules file: $TESTS_SRCDIR/../data/tiers.yaml. Caller frees. */
static char *shipped_path(void)
{
	const char *src = getenv("TESTS_SRCDIR");
	ck_assert_msg(src && *src, "TESTS_SRCDIR must name the tests directory of the source tree");
	return xasprintf("%s/../data/tiers.yaml", src);
}

/* The whole file at path; *len its size. Caller frees. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s: %s", path, strerror(errno));
	struct sbuf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_addn(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return sbuf_detach(&b);
}

/* Prints the diagnostics into one string for failure messages. Caller frees. */
static char *joined(const struct strv *sv)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < sv->n; i++)
		sbuf_printf(&b, "%s[%s]", i ? " " : "", sv->v[i]);
	return sbuf_detach(&b);
}

/* Whether text has the top-level key (at the start of a line). */
static bool has_top_key(const char *text, const char *key)
{
	size_t k = strlen(key);
	for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, k) == 0 && p[k] == ':')
			return true;
	return false;
}

/* A complete privileges entry, "nothing" in every key. */
#define NO_PRIVILEGES                                                                              \
	"{greeter: \"\", phone_every_days: 0, visit_every_days: 0, gift: none, banquet: none, "      \
	"group_chat: \"\", annual_trip_per_person: 0, discount: none}"

/* text, a test's few lines about one thing, made a whole rules file after them: each section
 * it leaves out with the handbook's values (privileges: nothing, for each tier its rules
 * name), and the end marker. What the text has keeps its lines and columns. Caller frees. */
static char *complete(const char *text)
{
	struct sbuf b = {0};
	sbuf_add(&b, text);
	if (b.len && b.s[b.len - 1] != '\n')
		sbuf_addc(&b, '\n');
	if (!has_top_key(text, "window_months"))
		sbuf_add(&b, "window_months: 3\n");
	if (!has_top_key(text, "grace_months"))
		sbuf_add(&b, "grace_months: 1\n");
	if (!has_top_key(text, "rules"))
		sbuf_add(&b, "rules: []\n");
	if (!has_top_key(text, "privileges")) {
		struct strv tiers = {0};
		for (const char *p = strstr(text, "tier: "); p; p = strstr(p + 1, "tier: ")) {
			size_t n = strcspn(p + 6, ",}\n ");
			char t[8];
			snprintf(t, sizeof t, "%.*s", (int)(n < 7 ? n : 7), p + 6);
			if (*t)
				strv_push_unique(&tiers, t);
		}
		sbuf_add(&b, tiers.n ? "privileges:\n" : "privileges: {}\n");
		for (size_t i = 0; i < tiers.n; i++)
			sbuf_printf(&b, "  %s: " NO_PRIVILEGES "\n", tiers.v[i]);
		strv_free(&tiers);
	}
	if (!has_top_key(text, "alerts"))
		sbuf_add(&b, "alerts:\n  yellow_factor: 1.0\n  red: {no_visit: true, "
		             "overdue_complaint: true, severe_complaint: high, severe_within_days: 30}\n");
	if (!has_top_key(text, "complaints"))
		sbuf_add(&b, "complaints: {acknowledge_hours: 2, resolve_hours: 48, followup_days: 7, "
		             "prior_complaint_days: 180}\n");
	if (!strstr(text, "\n...\n"))
		sbuf_add(&b, "...\n");
	return sbuf_detach(&b);
}

/* Loads text, completed (complete), as "t.yaml" into r (which must be initialised); returns the
 * loader's status. */
static int load(const char *text, struct tier_rules *r, struct strv *errors, struct strv *warnings)
{
	char *whole = complete(text);
	int rc = tiers_load_text(whole, strlen(whole), "t.yaml", r, errors, warnings);
	free(whole);
	return rc;
}

/* Loads text as it is, as "t.yaml"; returns the loader's status. */
static int load_raw(const char *text, struct tier_rules *r, struct strv *errors,
                    struct strv *warnings)
{
	return tiers_load_text(text, strlen(text), "t.yaml", r, errors, warnings);
}

/* Loads text, which must load with no error and no warning, into r (initialised here). */
static void load_ok(const char *text, struct tier_rules *r)
{
	struct strv e = {0}, w = {0};
	tier_rules_init(r);
	int rc = load(text, r, &e, &w);
	char *je = joined(&e), *jw = joined(&w);
	ck_assert_msg(rc == 0 && e.n == 0 && w.n == 0, "load failed: rc %d, errors %s, warnings %s",
	              rc, je, jw);
	free(je);
	free(jw);
	strv_free(&e);
	strv_free(&w);
}

/* Asserts that text fails to load with exactly one error, want, and no warning. */
#define EXPECT_ERROR(text, want) expect_error(text, want, __LINE__)
static void expect_error(const char *text, const char *want, int line)
{
	struct strv e = {0}, w = {0};
	struct tier_rules r;
	tier_rules_init(&r);
	int rc = load(text, &r, &e, &w);
	char *je = joined(&e), *jw = joined(&w);
	ck_assert_msg(rc == -1, "line %d: should fail: %s", line, text);
	ck_assert_msg(e.n == 1 && strcmp(e.v[0], want) == 0,
	              "line %d: want the one error [%s], got %s (warnings %s)", line, want, je, jw);
	ck_assert_msg(w.n == 0, "line %d: unexpected warnings %s", line, jw);
	ck_assert_int_eq(r.nrules, 0); /* untouched */
	free(je);
	free(jw);
	strv_free(&e);
	strv_free(&w);
	tier_rules_free(&r);
}

/* Asserts that text, as it is, fails to load with exactly the errors of want (NULL-ended). */
#define EXPECT_RAW(text, ...) expect_raw(text, __LINE__, (const char *[]){__VA_ARGS__, NULL})
static void expect_raw(const char *text, int line, const char **want)
{
	struct strv e = {0};
	struct tier_rules r;
	tier_rules_init(&r);
	ck_assert_msg(load_raw(text, &r, &e, NULL) == -1, "line %d: should fail", line);
	char *je = joined(&e);
	size_t n = 0;
	for (; want[n]; n++)
		ck_assert_msg(n < e.n && strcmp(e.v[n], want[n]) == 0,
		              "line %d: error %zu: want [%s], got %s", line, n, want[n], je);
	ck_assert_msg(e.n == n, "line %d: %zu errors, want %zu: %s", line, e.n, n, je);
	free(je);
	strv_free(&e);
	tier_rules_free(&r);
}

/* The privileges of A but those a test writes itself (gift, banquet, discount), and those of B
 * and C: none. */
#define A_PLAIN                                                                                    \
	"    greeter: \"\"\n    phone_every_days: 0\n    visit_every_days: 0\n"                      \
	"    group_chat: \"\"\n    annual_trip_per_person: 0\n"
#define B_C_NONE "  B: " NO_PRIVILEGES "\n  C: " NO_PRIVILEGES "\n"

#define ALERTS                                                                                     \
	"alerts:\n  yellow_factor: 1\n  red: {no_visit: true, overdue_complaint: true, "            \
	"severe_complaint: high, severe_within_days: 30}\n"
#define COMPLAINTS                                                                                 \
	"complaints: {acknowledge_hours: 2, resolve_hours: 48, followup_days: 7, "                  \
	"prior_complaint_days: 180}\n"

/* Six rules of the handbook, as YAML lines after "rules:" (all criteria). */
#define HANDBOOK_RULES                                                                             \
	"  - {tier: A, group: quality, visits: 6, spend: 5000, per_capita: 80}\n"                  \
	"  - {tier: A, group: active, visits: 6, spend: 4500, per_capita: 60}\n"                   \
	"  - {tier: B, group: quality, visits: 4, spend: 3000, per_capita: 60}\n"                  \
	"  - {tier: B, group: active, visits: 4, spend: 2500, per_capita: 50}\n"                   \
	"  - {tier: C, group: quality, visits: 2, spend: 1500, per_capita: 50}\n"                  \
	"  - {tier: C, group: active, visits: 2, spend: 1000, per_capita: 40}\n"

/* The same thresholds ranked by money alone. */
#define MONEY_RULES                                                                                \
	"  - {tier: A, group: quality, spend: 5000, per_capita: 80, requires: [spend, "            \
	"per_capita]}\n"                                                                           \
	"  - {tier: A, group: active, spend: 4500, per_capita: 60, requires: [spend, "             \
	"per_capita]}\n"                                                                           \
	"  - {tier: B, group: quality, spend: 3000, per_capita: 60, requires: [spend, "            \
	"per_capita]}\n"                                                                           \
	"  - {tier: B, group: active, spend: 2500, per_capita: 50, requires: [spend, "             \
	"per_capita]}\n"                                                                           \
	"  - {tier: C, group: quality, spend: 1500, per_capita: 50, requires: [spend, "            \
	"per_capita]}\n"                                                                           \
	"  - {tier: C, group: active, spend: 1000, per_capita: 40, requires: [spend, "             \
	"per_capita]}\n"

static void assert_rule(const struct tier_rule *ru, const char *tier, const char *group,
                        double visits, int64_t spend_fen, int64_t pc_fen, unsigned requires)
{
	ck_assert_str_eq(ru->tier, tier);
	ck_assert_str_eq(ru->group, group);
	ck_assert_msg(ru->min_visits == visits, "%s %s: visits %g, want %g", tier, group,
	              ru->min_visits, visits);
	ck_assert_int_eq(ru->min_spend, spend_fen);
	ck_assert_int_eq(ru->min_per_capita, pc_fen);
	ck_assert_uint_eq(ru->requires, requires);
}

static const unsigned ALL_OCCASIONS =
    1u << DATE_BIRTHDAY | 1u << DATE_ANNIVERSARY | 1u << DATE_OTHER;

static void assert_privilege(const struct tier_rules *r, const char *tier, const char *greeter,
                             int phone, int visit, int64_t gift, unsigned occasions,
                             const char *host, int bmin, int bmax, int64_t budget, const char *chat,
                             int64_t trip, int pct)
{
	const struct tier_privilege *pv = tier_privilege_for(r, tier);
	ck_assert_msg(pv != NULL, "no privileges for %s", tier);
	ck_assert_str_eq(pv->greeter, greeter);
	ck_assert_int_eq(pv->phone_days, phone);
	ck_assert_int_eq(pv->visit_days, visit);
	ck_assert_int_eq(pv->gift_fen, gift);
	ck_assert_uint_eq(pv->gift_occasions, occasions);
	ck_assert_str_eq(pv->banquet_host, host);
	ck_assert_int_eq(pv->banquet_min_months, bmin);
	ck_assert_int_eq(pv->banquet_max_months, bmax);
	ck_assert_int_eq(pv->banquet_budget_fen, budget);
	ck_assert_str_eq(pv->group_chat, chat);
	ck_assert_int_eq(pv->trip_fen, trip);
	ck_assert_int_eq(pv->max_discount_pct, pct);
	ck_assert_uint_eq(pv->discount_exclusions.n, 4);
	ck_assert_str_eq(pv->discount_exclusions.v[0], "drinks");
	ck_assert_str_eq(pv->discount_exclusions.v[1], "seafood");
	ck_assert_str_eq(pv->discount_exclusions.v[2], "special-price dishes");
	ck_assert_str_eq(pv->discount_exclusions.v[3], "banquet menus");
}

/* ------------------------------------------------------------------------------------------ */
/* the shipped file */

START_TEST(shipped_file_is_the_handbook)
{
	char *path = shipped_path();
	struct strv e = {0}, w = {0};
	struct tier_rules r;
	tier_rules_init(&r);
	int rc = tiers_load_file(path, &r, &e, &w);
	char *je = joined(&e), *jw = joined(&w);
	ck_assert_msg(rc == 0 && e.n == 0 && w.n == 0, "%s: rc %d, errors %s, warnings %s", path,
	              rc, je, jw);
	free(je);
	free(jw);

	ck_assert_str_eq(r.source, path);
	ck_assert_str_eq(r.version, "handbook 2026");
	ck_assert_int_eq(strlen(r.hash), 16);
	ck_assert_int_eq(strspn(r.hash, "0123456789abcdef"), 16);
	ck_assert_int_eq(r.window_months, 3);
	ck_assert_int_eq(r.grace_months, 1);

	/* domain.md §4: visits per month, monthly spend ≥ ¥, per-capita ≥ ¥ */
	ck_assert_uint_eq(r.nrules, 6);
	assert_rule(&r.rules[0], "A", "quality", 6, 500000, 8000, CRIT_ALL);
	assert_rule(&r.rules[1], "A", "active", 6, 450000, 6000, CRIT_ALL);
	assert_rule(&r.rules[2], "B", "quality", 4, 300000, 6000, CRIT_ALL);
	assert_rule(&r.rules[3], "B", "active", 4, 250000, 5000, CRIT_ALL);
	assert_rule(&r.rules[4], "C", "quality", 2, 150000, 5000, CRIT_ALL);
	assert_rule(&r.rules[5], "C", "active", 2, 100000, 4000, CRIT_ALL);
	for (size_t i = 1; i < r.nrules; i++)
		ck_assert_int_gt(r.rules[i].line, r.rules[i - 1].line);

	/* the privileges table */
	ck_assert_uint_eq(r.nprivs, 3);
	assert_privilege(&r, "A", "general manager", 3, 10, 10000, ALL_OCCASIONS, "general manager",
	                 3, 6, 70000, "VIP-only group", 0, 15);
	assert_privilege(&r, "B", "store manager", 5, 15, 8000, ALL_OCCASIONS, "store manager", 3,
	                 6, 50000, "company group", 0, 12);
	assert_privilege(&r, "C", "floor manager", 3, 30, 5000, 1u << DATE_BIRTHDAY, "manager", 3,
	                 3, 30000, "company group", 50000, 10);
	ck_assert_ptr_null(tier_privilege_for(&r, "D"));

	/* §5 alert triggers, §6 complaint deadlines */
	ck_assert(r.alerts.yellow_factor == 1.0);
	ck_assert(r.alerts.red_no_visit);
	ck_assert(r.alerts.red_overdue_complaint);
	ck_assert_int_eq(r.alerts.red_min_severity, SEV_HIGH);
	ck_assert_int_eq(r.alerts.red_severity_days, 30);
	ck_assert_int_eq(r.complaints.ack_hours, 2);
	ck_assert_int_eq(r.complaints.resolve_hours, 48);
	ck_assert_int_eq(r.complaints.followup_days, 7);
	ck_assert_int_eq(r.complaints.prior_days, 180);

	/* the text itself is kept, for the store's record of each version */
	size_t len;
	char *text = slurp(path, &len);
	ck_assert_ptr_nonnull(r.content);
	ck_assert_str_eq(r.content, text);
	char hex[17];
	tiers_hash(text, len, hex);
	ck_assert_str_eq(r.hash, hex);
	free(text);

	strv_free(&e);
	strv_free(&w);
	tier_rules_free(&r);
	free(path);
}
END_TEST

START_TEST(builtin_copy_is_the_shipped_file)
{
	char *path = shipped_path();
	size_t len;
	char *text = slurp(path, &len);
	ck_assert_uint_eq(tiers_builtin_len, len);
	ck_assert_msg(memcmp(tiers_builtin_text, text, len) == 0,
	              "the built-in copy differs from %s", path);

	struct tier_rules r;
	tier_rules_init(&r);
	ck_assert_int_eq(tiers_load_text(tiers_builtin_text, tiers_builtin_len, TIERS_BUILTIN_NAME,
	                                 &r, NULL, NULL),
	                 0);
	char hex[17];
	tiers_hash(text, len, hex);
	ck_assert_str_eq(r.hash, hex); /* same text, same version */
	ck_assert_str_eq(r.source, "(built-in)");
	tier_rules_free(&r);
	free(text);
	free(path);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* diagnostics */

START_TEST(syntax_errors)
{
	EXPECT_ERROR(
	    "rules:\n  - tier: A\n   visits: 2\n",
	    "t.yaml:3:4: syntax error: did not find expected '-' indicator (while parsing a "
	    "block collection at line 2, column 3)");
	EXPECT_RAW("rules: [a\n", "t.yaml:2:1: syntax error: did not find expected ',' or ']' "
	                          "(while parsing a flow sequence at line 1, column 8)");
	EXPECT_ERROR("window_months: 1\nrules:\n\t- tier: A\n",
	             "t.yaml:3:1: syntax error: a tab character (indent with spaces only)");
	EXPECT_ERROR("rules:\n  - {tier: A, visits: 1, spend: 1, per_capita: 1} # \xff\n",
	             "t.yaml:2:53: not valid text: invalid leading UTF-8 octet");
	EXPECT_RAW("window_months: 3\ngrace_months: 1\nrules: []\nprivileges: {}\n" ALERTS
	           COMPLAINTS "...\n---\nrules: []\n",
	           "t.yaml:11:1: a second document: the file must hold one (remove the \"---\")");
	EXPECT_RAW("", "t.yaml:1:1: missing key \"rules\" (the file is empty)");
	EXPECT_RAW("# only a comment\n", "t.yaml:1:1: missing key \"rules\" (the file is empty)");
	EXPECT_RAW(
	    "just words\n",
	    "t.yaml:1:1: the file: must be a mapping (KEY: VALUE lines), got \"just words\"");
}
END_TEST

START_TEST(wrong_types)
{
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: lots\n    spend: 1\n    per_capita: 1\n",
	             "t.yaml:3:13: visits: must be a number, got \"lots\"");
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: 1\n    spend: 5000.505\n    per_capita: 1\n",
	             "t.yaml:4:12: spend: must be an amount in yuan (5000 or 5000.50), got "
	             "\"5000.505\"");
	/* money_parse drops spaces as one types; a value in the file is the amount alone */
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: 1\n    spend: ' 5000'\n    per_capita: 1\n",
	             "t.yaml:4:12: spend: must be an amount in yuan (5000 or 5000.50), got "
	             "\" 5000\"");
	EXPECT_ERROR("rules:\n  - {tier: A, visits: 1, spend: 1, per_capita: \"80\xe3\x80\x80\"}\n",
	             "t.yaml:2:48: per_capita: must be an amount in yuan (5000 or 5000.50), got "
	             "\"80\xe3\x80\x80\"");
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: 1\n    spend: [1, 2]\n    per_capita: 1\n",
	             "t.yaml:4:12: spend: must be an amount in yuan, got a list");
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: 1\n    spend: 1\n    per_capita:\n",
	             "t.yaml:5:16: per_capita: must be an amount in yuan (5000 or 5000.50), got "
	             "nothing");
	EXPECT_ERROR("window_months: three\nrules: []\n",
	             "t.yaml:1:16: window_months: must be a whole number, got \"three\"");
	EXPECT_ERROR("window_months: 0\nrules: []\n",
	             "t.yaml:1:16: window_months: must be at least 1, got \"0\"");
	EXPECT_ERROR(
	    "rules: A\n",
	    "t.yaml:1:8: rules: must be a list of rules (each starting with \"- \"), got \"A\"");
	EXPECT_ERROR("rules:\n  - A\n", "t.yaml:2:5: rule 1: must be a mapping (KEY: VALUE lines), "
	                                "got \"A\"");
	EXPECT_ERROR("rules:\n" HANDBOOK_RULES "privileges:\n  A:\n    discount:\n"
	             "      max_percent_off: 150\n      excludes: []\n" A_PLAIN
	             "    gift: none\n    banquet: none\n" B_C_NONE,
	             "t.yaml:11:24: max_percent_off: must be at most 100, got \"150\"");
	EXPECT_ERROR("rules:\n" HANDBOOK_RULES "alerts:\n  red:\n    no_visit: maybe\n"
	             "    overdue_complaint: true\n    severe_complaint: high\n"
	             "    severe_within_days: 30\n  yellow_factor: 1\n",
	             "t.yaml:10:15: no_visit: must be true or false, got \"maybe\"");
	EXPECT_ERROR("rules:\n" HANDBOOK_RULES "alerts:\n  red:\n    severe_complaint: huge\n"
	             "    overdue_complaint: true\n    no_visit: true\n"
	             "    severe_within_days: 30\n  yellow_factor: 1\n",
	             "t.yaml:10:23: severe_complaint: must be low, medium, high, critical or none, "
	             "got \"huge\"");
	EXPECT_ERROR(
	    "rules:\n" HANDBOOK_RULES "privileges:\n  C:\n    gift:\n"
	    "      occasions: [birthday, xmas]\n      value: 1\n" A_PLAIN
	    "    banquet: none\n    discount: none\n"
	    "  A: " NO_PRIVILEGES "\n  B: " NO_PRIVILEGES "\n",
	    "t.yaml:11:29: occasions: unknown occasion \"xmas\" (the occasions are birthday, "
	    "anniversary and other)");
	EXPECT_ERROR("rules:\n" HANDBOOK_RULES "privileges:\n  C:\n    banquet:\n"
	             "      every_months: [6, 3]\n      host: x\n      budget_per_table: 1\n"
	             A_PLAIN "    gift: none\n    discount: none\n"
	             "  A: " NO_PRIVILEGES "\n  B: " NO_PRIVILEGES "\n",
	             "t.yaml:11:21: every_months: [6, 3]: the first must not exceed the second");
}
END_TEST

START_TEST(negative_thresholds)
{
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: -1\n    spend: 1\n    per_capita: 1\n",
	             "t.yaml:3:13: visits: must not be negative, got \"-1\"");
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: 1\n    spend: -5000\n    per_capita: 1\n",
	             "t.yaml:4:12: spend: must not be negative, got \"-5000\"");
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: 1\n    spend: 1\n    per_capita: -0.5\n",
	             "t.yaml:5:17: per_capita: must not be negative, got \"-0.5\"");
	EXPECT_ERROR("rules: []\ncomplaints:\n  acknowledge_hours: -2\n  resolve_hours: 48\n"
	             "  followup_days: 7\n  prior_complaint_days: 180\n",
	             "t.yaml:3:22: acknowledge_hours: must not be negative, got \"-2\"");
}
END_TEST

START_TEST(unknown_tier_in_privileges)
{
	EXPECT_ERROR("rules:\n" HANDBOOK_RULES "privileges:\n  A: " NO_PRIVILEGES "\n"
	             "  D: " NO_PRIVILEGES "\n" B_C_NONE,
	             "t.yaml:10:3: privileges for tier \"D\", but no rule gives tier \"D\"");
}
END_TEST

START_TEST(duplicate_keys)
{
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: 1\n    spend: 1\n    per_capita: 1\n"
	             "    spend: 2\n",
	             "t.yaml:6:5: duplicate key \"spend\" (first at line 4)");
	EXPECT_ERROR("grace_months: 1\nrules: []\ngrace_months: 2\n",
	             "t.yaml:3:1: duplicate key \"grace_months\" (first at line 1)");
	EXPECT_ERROR("rules:\n" HANDBOOK_RULES "privileges:\n  A: " NO_PRIVILEGES "\n  A: {}\n"
	             B_C_NONE,
	             "t.yaml:10:3: duplicate key \"A\" (first at line 9)");
}
END_TEST

START_TEST(unknown_criterion)
{
	EXPECT_ERROR(
	    "rules:\n  - tier: A\n    spend: 1\n    requires: [spend, age]\n",
	    "t.yaml:4:23: requires: unknown criterion \"age\" (the criteria are visits, spend "
	    "and per_capita)");
	EXPECT_ERROR(
	    "rules:\n  - tier: A\n    spend: 1\n    requires: []\n",
	    "t.yaml:4:15: requires: must name at least one of visits, spend and per_capita");
	EXPECT_ERROR("rules:\n  - tier: A\n    spend: 1\n    requires: [spend, spend]\n",
	             "t.yaml:4:23: requires: \"spend\" is named twice");
}
END_TEST

START_TEST(unreachable_rules)
{
	/* identical to the rule above */
	EXPECT_ERROR("rules:\n"
	             "  - {tier: A, group: quality, visits: 6, spend: 5000, per_capita: 80}\n"
	             "  - {tier: B, group: quality, visits: 6, spend: 5000, per_capita: 80}\n",
	             "t.yaml:3:5: rule 2 (B quality) can never match: rule 1 (A quality, line 2) "
	             "above it always wins");
	/* stricter on every criterion than a rule above */
	EXPECT_ERROR("rules:\n"
	             "  - {tier: C, visits: 2, spend: 1000, per_capita: 40}\n"
	             "  - {tier: B, visits: 2, spend: 1000, per_capita: 40.5}\n",
	             "t.yaml:3:5: rule 2 (B) can never match: rule 1 (C, line 2) above it always "
	             "wins");
	/* the rule above requires less: money only above, all criteria below */
	EXPECT_ERROR("rules:\n"
	             "  - {tier: A, spend: 3000, requires: spend}\n"
	             "  - {tier: B, visits: 9, spend: 3000, per_capita: 1}\n",
	             "t.yaml:3:5: rule 2 (B) can never match: rule 1 (A, line 2) above it always "
	             "wins");

	/* reachable: lower on one criterion, or requiring less than the rule above */
	struct tier_rules r;
	load_ok("rules:\n" HANDBOOK_RULES, &r);
	tier_rules_free(&r);
	load_ok("rules:\n" MONEY_RULES, &r);
	tier_rules_free(&r);
	load_ok("rules:\n"
	        "  - {tier: A, visits: 6, spend: 3000, per_capita: 60}\n"
	        "  - {tier: B, spend: 3000, requires: [spend]}\n",
	        &r);
	tier_rules_free(&r);
}
END_TEST

START_TEST(missing_keys)
{
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: 6\n    per_capita: 80\n",
	             "t.yaml:2:5: rule 1: missing key \"spend\"");
	EXPECT_ERROR(
	    "rules:\n  - group: quality\n    visits: 6\n    spend: 1\n    per_capita: 80\n",
	    "t.yaml:2:5: rule 1: missing key \"tier\"");
	EXPECT_ERROR("rules:\n  - tier: A\n    visits: 6\n    requires: [visits, per_capita]\n",
	             "t.yaml:2:5: rule 1: missing key \"per_capita\"");
	EXPECT_RAW("window_months: 1\ngrace_months: 1\nprivileges: {}\n" ALERTS COMPLAINTS "...\n",
	           "t.yaml:1:1: missing key \"rules\"");
}
END_TEST

START_TEST(unknown_keys_are_warnings)
{
	struct strv e = {0}, w = {0};
	struct tier_rules r;
	tier_rules_init(&r);
	const char *text = "rules:\n"
	                   "  - tier: A\n"
	                   "    visits: 1\n"
	                   "    spend: 1\n"
	                   "    per_capita: 1\n"
	                   "    foo: bar\n"
	                   "colour: red\n";
	ck_assert_int_eq(load(text, &r, &e, &w), 0);
	ck_assert_uint_eq(e.n, 0);
	ck_assert_uint_eq(w.n, 2);
	ck_assert_str_eq(w.v[0], "t.yaml:6:5: warning: unknown key \"foo\"");
	ck_assert_str_eq(w.v[1], "t.yaml:7:1: warning: unknown key \"colour\"");
	ck_assert_uint_eq(r.nrules, 1);
	strv_free(&w);

	/* a threshold the rule does not require is loaded, with a warning */
	ck_assert_int_eq(
	    load("rules:\n  - {tier: A, visits: 9, spend: 1, requires: spend}\n", &r, &e, &w), 0);
	ck_assert_uint_eq(e.n, 0);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(
	    w.v[0], "t.yaml:2:15: warning: visits is not in requires: this threshold is not used");
	ck_assert_uint_eq(r.rules[0].requires, CRIT_SPEND);

	/* warnings come out with the errors, in the order of the text */
	strv_free(&w);
	ck_assert_int_eq(
	    load("rules:\n  - {tier: A, visits: x, spend: 1, per_capita: 1, foo: 1}\n", &r, &e, &w),
	    -1);
	ck_assert_uint_eq(e.n, 1);
	ck_assert_str_eq(e.v[0], "t.yaml:2:23: visits: must be a number, got \"x\"");
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(w.v[0], "t.yaml:2:51: warning: unknown key \"foo\"");
	strv_free(&e);
	strv_free(&w);
	tier_rules_free(&r);
}
END_TEST

/* Asserts that r is still exactly the rules in force before: the same arrays, text and identity. */
static void assert_same(const struct tier_rules *before, const struct tier_rules *r)
{
	ck_assert_ptr_eq(r->rules, before->rules);
	ck_assert_uint_eq(r->nrules, before->nrules);
	ck_assert_ptr_eq(r->privs, before->privs);
	ck_assert_uint_eq(r->nprivs, before->nprivs);
	ck_assert_ptr_eq(r->content, before->content);
	ck_assert_str_eq(r->hash, before->hash);
	ck_assert_str_eq(r->version, before->version);
	ck_assert_str_eq(r->source, before->source);
	ck_assert_int_eq(r->window_months, before->window_months);
	ck_assert_int_eq(r->grace_months, before->grace_months);
	ck_assert(memcmp(&r->alerts, &before->alerts, sizeof r->alerts) == 0);
	ck_assert(memcmp(&r->complaints, &before->complaints, sizeof r->complaints) == 0);
}

START_TEST(broken_file_keeps_rules_in_force)
{
	struct tier_rules r;
	load_ok("version: first\nwindow_months: 2\nrules:\n" HANDBOOK_RULES, &r);
	struct tier_rules before = r; /* the pointers and values in force */
	char hash[17];
	memcpy(hash, r.hash, sizeof hash);

	struct strv e = {0};
	ck_assert_int_eq(
	    load("version: second\nwindow_months: 5\nrules:\n  - {tier: A, visits: lots}\n", &r, &e,
	         NULL),
	    -1);
	ck_assert_uint_gt(e.n, 0);
	assert_same(&before, &r);
	ck_assert_str_eq(r.version, "first");
	ck_assert_int_eq(r.window_months, 2);
	ck_assert_str_eq(r.hash, hash);
	assert_rule(&r.rules[5], "C", "active", 2, 100000, 4000, CRIT_ALL);
	strv_free(&e);

	/* a syntax error, a missing file: the same */
	ck_assert_int_eq(load("rules: [\n", &r, &e, NULL), -1);
	assert_same(&before, &r);
	strv_free(&e);
	ck_assert_int_eq(tiers_load_file("/nonexistent/tiers.yaml", &r, &e, NULL), -1);
	ck_assert_uint_eq(e.n, 1);
	ck_assert_str_eq(e.v[0], "/nonexistent/tiers.yaml: cannot read: No such file or directory");
	assert_same(&before, &r);
	strv_free(&e);

	/* a good file replaces them */
	ck_assert_int_eq(load("version: second\nrules:\n" MONEY_RULES, &r, &e, NULL), 0);
	ck_assert_str_eq(r.version, "second");
	ck_assert_uint_eq(r.rules[0].requires, CRIT_SPEND | CRIT_PER_CAPITA);
	tier_rules_free(&r);
}
END_TEST

START_TEST(hash_follows_the_text)
{
	char hex[17];
	/* FNV-1a 64 reference values */
	tiers_hash("", 0, hex);
	ck_assert_str_eq(hex, "cbf29ce484222325");
	tiers_hash("a", 1, hex);
	ck_assert_str_eq(hex, "af63dc4c8601ec8c");

	struct tier_rules r1, r2, r3;
	load_ok("rules:\n" HANDBOOK_RULES, &r1);
	load_ok("rules:\n" HANDBOOK_RULES, &r2);
	load_ok("rules:\n" HANDBOOK_RULES "# a comment\n", &r3);
	ck_assert_str_eq(r1.hash, r2.hash);
	ck_assert_str_ne(r1.hash, r3.hash); /* any change is a new version, even a comment */
	ck_assert_str_eq(r1.version, "");
	tier_rules_free(&r1);
	tier_rules_free(&r2);
	tier_rules_free(&r3);
}
END_TEST

START_TEST(values_and_defaults)
{
	struct tier_rules r;
	load_ok("version: 2026.2\n"
	        "rules:\n"
	        "  - {tier: A, visits: 1.5, spend: 5000.50, per_capita: ¥80.05}\n"
	        "privileges:\n"
	        "  A:\n"
	        "    banquet: {every_months: 4, budget_per_table: 650.5, host: \"\"}\n"
	        "    gift: {value: 99.99, occasions: anniversary}\n"
	        "    discount: {excludes: seafood, max_percent_off: 0}\n"
	        "    greeter: \"\"\n    phone_every_days: 0\n    visit_every_days: 0\n"
	        "    group_chat: \"\"\n    annual_trip_per_person: 0\n"
	        "alerts:\n"
	        "  yellow_factor: 0.5\n"
	        "  red: {no_visit: no, overdue_complaint: false, severe_complaint: critical,\n"
	        "        severe_within_days: 30}\n",
	        &r);
	ck_assert_str_eq(r.version, "2026.2");
	assert_rule(&r.rules[0], "A", "", 1.5, 500050, 8005, CRIT_ALL);
	ck_assert_int_eq(r.rules[0].line, 3);
	ck_assert_int_eq(r.rules[0].column, 5);
	const struct tier_privilege *pv = tier_privilege_for(&r, "A");
	ck_assert_int_eq(pv->banquet_min_months, 4);
	ck_assert_int_eq(pv->banquet_max_months, 4);
	ck_assert_int_eq(pv->banquet_budget_fen, 65050);
	ck_assert_int_eq(pv->gift_fen, 9999);
	ck_assert_uint_eq(pv->gift_occasions, 1u << DATE_ANNIVERSARY);
	ck_assert_uint_eq(pv->discount_exclusions.n, 1);
	ck_assert_str_eq(pv->greeter, ""); /* "": none */
	ck_assert_int_eq(pv->phone_days, 0);
	ck_assert_int_eq(pv->max_discount_pct, 0);
	ck_assert(r.alerts.yellow_factor == 0.5);
	ck_assert(!r.alerts.red_no_visit);
	ck_assert(!r.alerts.red_overdue_complaint);
	ck_assert_int_eq(r.alerts.red_min_severity, SEV_CRITICAL);
	ck_assert_int_eq(r.alerts.red_severity_days, 30);
	/* written by complete(): domain.md's values */
	ck_assert_int_eq(r.window_months, 3);
	ck_assert_int_eq(r.grace_months, 1);
	ck_assert_int_eq(r.complaints.ack_hours, 2);
	ck_assert_int_eq(r.complaints.resolve_hours, 48);
	ck_assert_int_eq(r.complaints.followup_days, 7);
	ck_assert_int_eq(r.complaints.prior_days, 180);
	tier_rules_free(&r);

	/* no rules at all: everyone untiered */
	load_ok("rules: []\n", &r);
	ck_assert_uint_eq(r.nrules, 0);
	struct tier_figures f = {1, 30, 90, 9000000};
	ck_assert_int_eq(tier_match(&r, &f), -1);
	tier_rules_free(&r);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* the worked examples of domain.md §3 */

struct example {
	const char *who;
	struct tier_figures f; /* months, visits, covers, spend (fen) */
	int64_t per_capita;    /* fen, exact and rounded half-up */
};

static const struct example examples[] = {
    {"#1", {1, 5, 64, 482000}, 7531},     /* 4820 / 64 = 75.3125 */
    {"#2", {1, 3, 45, 418000}, 9289},     /* 4180 / 45 = 92.888… */
    {"#3", {1, 2, 27, 242000}, 8963},     /* 2420 / 27 = 89.629… */
    {"张先生", {1, 3, 24, 132000}, 5500}, /* 1320 / 24 = 55 */
};

static void assert_tier(const struct tier_rules *r, const struct example *ex, const char *tier,
                        const char *group)
{
	int i = tier_match(r, &ex->f);
	ck_assert_msg(i >= 0, "%s: untiered, want %s %s", ex->who, tier, group);
	ck_assert_msg(strcmp(r->rules[i].tier, tier) == 0 && strcmp(r->rules[i].group, group) == 0,
	              "%s: %s %s, want %s %s", ex->who, r->rules[i].tier, r->rules[i].group, tier,
	              group);
}

START_TEST(worked_examples_default_rules)
{
	/* the shipped rules with window_months: 1, so that each example is one month */
	char *path = shipped_path();
	size_t len;
	char *text = slurp(path, &len);
	char *w = strstr(text, "\nwindow_months: 3\n");
	ck_assert_ptr_nonnull(w);
	w[strlen("\nwindow_months: ")] = '1';
	struct tier_rules r;
	load_ok(text, &r);
	ck_assert_int_eq(r.window_months, 1);

	for (size_t i = 0; i < 4; i++)
		ck_assert_int_eq(tier_per_capita(&examples[i].f), examples[i].per_capita);
	assert_tier(&r, &examples[0], "B", "quality"); /* 5 visits: short of A's 6 */
	assert_tier(&r, &examples[1], "C", "quality"); /* 3 visits: short of B's 4 */
	assert_tier(&r, &examples[2], "C", "quality");
	assert_tier(&r, &examples[3], "C", "active"); /* ¥1320: short of C quality's ¥1500 */
	tier_rules_free(&r);
	free(text);
	free(path);
}
END_TEST

START_TEST(worked_examples_money_only)
{
	struct tier_rules r;
	load_ok("window_months: 1\nrules:\n" MONEY_RULES, &r);
	/* the handbook's own labels for the first three: A, B, C */
	assert_tier(&r, &examples[0], "A", "active");  /* ¥4820 ≥ 4500, ¥75.31 ≥ 60 */
	assert_tier(&r, &examples[1], "B", "quality"); /* ¥4180 ≥ 3000, ¥92.89 ≥ 60 */
	assert_tier(&r, &examples[2], "C", "quality"); /* ¥2420 < 2500: not B */
	assert_tier(&r, &examples[3], "C", "active");  /* the handbook says B; its money says C */
	tier_rules_free(&r);
}
END_TEST

START_TEST(labels)
{
	char buf[TIER_LABEL_SIZE], small[4];
	ck_assert_str_eq(tier_label("A", "quality", buf, sizeof buf), "A quality");
	ck_assert_str_eq(tier_label("B", "", buf, sizeof buf), "B");
	ck_assert_str_eq(tier_label("C", NULL, buf, sizeof buf), "C");
	ck_assert_str_eq(tier_label("", "active", buf, sizeof buf), "untiered");
	ck_assert_str_eq(tier_label(NULL, NULL, buf, sizeof buf), "untiered");
	ck_assert_str_eq(tier_label("A", "quality", small, sizeof small), "A q");
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* which file is in force */

START_TEST(file_in_force)
{
	char dir[] = "/tmp/maitre-check-tiers.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *old = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
	setenv("XDG_CONFIG_HOME", dir, 1);
	struct tier_rules r;
	tier_rules_init(&r);

	/* no user file: the installed default, else the built-in copy */
	char *inst = tiers_installed_path();
	struct stat st;
	ck_assert_int_eq(tiers_load_in_force(NULL, &r, NULL, NULL), 0);
	ck_assert_str_eq(r.source, stat(inst, &st) == 0 ? inst : TIERS_BUILTIN_NAME);
	free(inst);

	/* the user's file */
	char *user = tiers_user_path(), *mdir = xasprintf("%s/maitre", dir);
	char *want = xasprintf("%s/tiers.yaml", mdir);
	ck_assert_str_eq(user, want);
	free(want);
	ck_assert_int_eq(mkdir(mdir, 0700), 0);
	FILE *f = fopen(user, "w");
	char *mine = complete("version: mine\nrules:\n" MONEY_RULES);
	fputs(mine, f);
	free(mine);
	fclose(f);
	ck_assert_int_eq(tiers_load_in_force(NULL, &r, NULL, NULL), 0);
	ck_assert_str_eq(r.source, user);
	ck_assert_str_eq(r.version, "mine");

	/* --tiers wins */
	char *path = shipped_path();
	ck_assert_int_eq(tiers_load_in_force(path, &r, NULL, NULL), 0);
	ck_assert_str_eq(r.source, path);
	ck_assert_str_eq(r.version, "handbook 2026");

	/* a broken user file is an error, not a fall-back */
	f = fopen(user, "w");
	fputs("rules: [\n", f);
	fclose(f);
	struct strv e = {0};
	ck_assert_int_eq(tiers_load_in_force(NULL, &r, &e, NULL), -1);
	ck_assert_uint_eq(e.n, 1);
	ck_assert_str_eq(r.version, "handbook 2026");

	unlink(user);
	rmdir(mdir);
	rmdir(dir);
	if (old)
		setenv("XDG_CONFIG_HOME", old, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	strv_free(&e);
	free(old);
	free(path);
	free(user);
	free(mdir);
	tier_rules_free(&r);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* a rules file says what it holds */

/* Whether s starts with "t.yaml:LINE:COLUMN: " (LINE, COLUMN ≥ 1). */
static bool placed(const char *s)
{
	int line = 0, col = 0, n = 0;
	return sscanf(s, "t.yaml:%d:%d: %n", &line, &col, &n) == 2 && n > 0 && line >= 1 &&
	       col >= 1;
}

/* Cut the shipped file at every byte: each prefix is refused with an error at a place in the
 * file, or decides exactly what the whole file decides (a cut in what follows the end marker). */
START_TEST(every_cut_is_refused_or_whole)
{
	struct tier_rules whole, r;
	struct strv e = {0}, w = {0};
	tier_rules_init(&whole);
	ck_assert_int_eq(tiers_load_text(tiers_builtin_text, tiers_builtin_len, "t.yaml", &whole,
	                                 &e, &w),
	                 0);
	char *want = tier_rules_canonical(&whole);
	size_t accepted = 0;
	for (size_t len = 0; len < tiers_builtin_len; len++) {
		tier_rules_init(&r);
		int rc = tiers_load_text(tiers_builtin_text, len, "t.yaml", &r, &e, NULL);
		if (rc == 0) {
			char *got = tier_rules_canonical(&r);
			ck_assert_msg(strcmp(got, want) == 0,
			              "cut at byte %zu of %zu: accepted with other rules:\n%s", len,
			              tiers_builtin_len, got);
			free(got);
			accepted++;
		} else {
			ck_assert_msg(e.n > 0 && placed(e.v[0]),
			              "cut at byte %zu: refused without a placed error (%s)", len,
			              e.n ? e.v[0] : "none");
		}
		strv_free(&e);
		tier_rules_free(&r);
	}
	/* only the cuts after "..." load: the file's last byte is the newline after it */
	const char *end = strstr(tiers_builtin_text, "\n...\n");
	ck_assert_ptr_nonnull(end);
	ck_assert_uint_eq(accepted, tiers_builtin_len - (size_t)(end + 4 - tiers_builtin_text));
	free(want);
	strv_free(&w);
	tier_rules_free(&whole);
}
END_TEST


START_TEST(a_rules_file_says_what_it_holds)
{
	/* the smallest whole file: every section, an explicit "nothing", the end marker */
	const char *whole = "window_months: 3\ngrace_months: 0\n"
	                    "rules:\n  - {tier: A, spend: 100, requires: spend}\n"
	                    "privileges:\n  A: " NO_PRIVILEGES "\n" ALERTS COMPLAINTS
	                    "...\n# comments may follow the end\n";
	struct tier_rules r;
	tier_rules_init(&r);
	struct strv e = {0};
	ck_assert_int_eq(load_raw(whole, &r, &e, NULL), 0);
	const struct tier_privilege *pv = tier_privilege_for(&r, "A");
	ck_assert_ptr_nonnull(pv);
	ck_assert_int_eq(pv->banquet_min_months, 0);
	ck_assert_uint_eq(pv->discount_exclusions.n, 0);
	tier_rules_free(&r);

	/* without the end marker, the same text is refused at its end */
	EXPECT_RAW("window_months: 3\ngrace_months: 0\nrules: []\nprivileges: {}\n" ALERTS
	           COMPLAINTS,
	           "t.yaml:9:1: the file must end with a line \"...\" (the end marker: without it, "
	           "a file cut short could be taken for a whole one)");
	/* every section is required; the label alone is optional */
	EXPECT_RAW("version: x\nrules: []\n...\n", "t.yaml:1:1: missing key \"window_months\"",
	           "t.yaml:1:1: missing key \"grace_months\"",
	           "t.yaml:1:1: missing key \"privileges\"", "t.yaml:1:1: missing key \"alerts\"",
	           "t.yaml:1:1: missing key \"complaints\"");
	/* every tier a rule gives says what it is given */
	EXPECT_RAW("window_months: 3\ngrace_months: 0\n"
	           "rules:\n  - {tier: A, spend: 100, requires: spend}\n"
	           "  - {tier: B, spend: 50, requires: spend}\n"
	           "  - {tier: B, group: x, spend: 40, requires: spend}\n"
	           "privileges:\n  A: " NO_PRIVILEGES "\n" ALERTS COMPLAINTS "...\n",
	           "t.yaml:5:5: rule 2: no privileges for tier B (add \"B:\" under privileges, "
	           "with 0, \"\", [] or none where it has none)");
	/* and every privilege, gift, banquet, discount, alert and deadline is written out */
	EXPECT_RAW("window_months: 3\ngrace_months: 0\n"
	           "rules:\n  - {tier: A, spend: 100, requires: spend}\n"
	           "privileges:\n  A: {greeter: boss, gift: {value: 5}, banquet: {host: boss},\n"
	           "      discount: {max_percent_off: 5}}\n"
	           "alerts: {red: {no_visit: true}}\ncomplaints: {resolve_hours: 4}\n...\n",
	           "t.yaml:6:6: privileges of A: missing key \"phone_every_days\"",
	           "t.yaml:6:6: privileges of A: missing key \"visit_every_days\"",
	           "t.yaml:6:6: privileges of A: missing key \"group_chat\"",
	           "t.yaml:6:6: privileges of A: missing key \"annual_trip_per_person\"",
	           "t.yaml:6:28: gift: missing key \"occasions\"",
	           "t.yaml:6:49: banquet: missing key \"every_months\"",
	           "t.yaml:6:49: banquet: missing key \"budget_per_table\"",
	           "t.yaml:7:17: discount: missing key \"excludes\"",
	           "t.yaml:8:9: alerts: missing key \"yellow_factor\"",
	           "t.yaml:8:15: red: missing key \"overdue_complaint\"",
	           "t.yaml:8:15: red: missing key \"severe_complaint\"",
	           "t.yaml:8:15: red: missing key \"severe_within_days\"",
	           "t.yaml:9:13: complaints: missing key \"acknowledge_hours\"",
	           "t.yaml:9:13: complaints: missing key \"followup_days\"",
	           "t.yaml:9:13: complaints: missing key \"prior_complaint_days\"");
	strv_free(&e);
}
END_TEST

/* text with its first from replaced by to (which must be there); frees text. */
static char *subst(char *text, const char *from, const char *to)
{
	char *p = strstr(text, from);
	ck_assert_msg(p != NULL, "no %s", from);
	char *r = xasprintf("%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
	free(text);
	return r;
}

/* Two files decide the same exactly when their canonical texts are equal; the comparison names
 * what changed, tier by tier. */
START_TEST(rules_compared_item_by_item)
{
	size_t len = tiers_builtin_len;
	char *text = xmalloc(len + 1);
	memcpy(text, tiers_builtin_text, len + 1);
	struct tier_rules a, b;
	tier_rules_init(&a);
	tier_rules_init(&b);
	ck_assert_int_eq(tiers_load_text(text, len, "t.yaml", &a, NULL, NULL), 0);
	/* another label and comment: the same rules */
	char *other = xasprintf("# edited\n%s", text);
	char *v = strstr(other, "handbook 2026");
	memcpy(v, "handbook 2027", 13);
	ck_assert_int_eq(tiers_load_text(other, strlen(other), "t.yaml", &b, NULL, NULL), 0);
	char *ca = tier_rules_canonical(&a), *cb = tier_rules_canonical(&b);
	ck_assert_str_eq(ca, cb);
	ck_assert_str_ne(a.hash, b.hash);
	free(cb);
	/* B active's spend, C's gift and the order of the two A rules */
	text = subst(text, "    spend: 2500", "    spend: 2000");
	text = subst(text, "      value: 50", "      value: 60");
	text = subst(text, "    group: quality\n    visits: 6\n    spend: 5000",
	             "    group: first\n    visits: 6\n    spend: 5000");
	text = subst(text, "    group: active\n    visits: 6\n    spend: 4500",
	             "    group: quality\n    visits: 6\n    spend: 4500");
	text = subst(text, "    group: first", "    group: active");
	len = strlen(text);
	struct strv e = {0};
	int rc = tiers_load_text(text, len, "t.yaml", &b, &e, NULL);
	ck_assert_msg(rc == 0, "%s", e.n ? e.v[0] : "");
	cb = tier_rules_canonical(&b);
	struct tier_rules_diff d;
	tier_rules_compare(ca, cb, &d);
	ck_assert_uint_eq(d.n, 5);
	ck_assert_str_eq(d.v[0].what, "order");
	ck_assert_str_eq(d.v[0].was, "A quality, A active, B quality, B active, C quality, C active");
	ck_assert_str_eq(d.v[0].now, "A active, A quality, B quality, B active, C quality, C active");
	ck_assert_str_eq(d.v[1].what, "rule A active");
	ck_assert_str_eq(d.v[1].was, "visits 6, spend 4500, per_capita 60 (requires all)");
	ck_assert_str_eq(d.v[1].now, "visits 6, spend 5000, per_capita 80 (requires all)");
	ck_assert_str_eq(d.v[2].what, "rule A quality");
	ck_assert_str_eq(d.v[3].what, "rule B active");
	ck_assert_str_eq(d.v[3].now, "visits 4, spend 2000, per_capita 50 (requires all)");
	ck_assert_str_eq(d.v[4].what, "C gift");
	ck_assert_str_eq(d.v[4].was, "50 on birthday");
	ck_assert_str_eq(d.v[4].now, "60 on birthday");
	tier_rules_diff_free(&d);
	/* a rule gone and one new: absent on one side */
	tier_rules_compare("order\tA\nrule A\tx\n", "order\tB\nrule B\ty\n", &d);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_str_eq(d.v[1].what, "rule B");
	ck_assert_ptr_null(d.v[1].was);
	ck_assert_str_eq(d.v[2].what, "rule A");
	ck_assert_ptr_null(d.v[2].now);
	tier_rules_diff_free(&d);
	free(ca);
	free(cb);
	free(other);
	free(text);
	tier_rules_free(&a);
	tier_rules_free(&b);
}
END_TEST

/* ------------------------------------------------------------------------------------------ */

static Suite *tiers_suite(void)
{
	Suite *s = suite_create("tiers");
	TCase *tc = tcase_create("shipped");
	tcase_add_test(tc, shipped_file_is_the_handbook);
	tcase_add_test(tc, builtin_copy_is_the_shipped_file);
	suite_add_tcase(s, tc);
	tc = tcase_create("diagnostics");
	tcase_add_test(tc, syntax_errors);
	tcase_add_test(tc, wrong_types);
	tcase_add_test(tc, negative_thresholds);
	tcase_add_test(tc, unknown_tier_in_privileges);
	tcase_add_test(tc, duplicate_keys);
	tcase_add_test(tc, unknown_criterion);
	tcase_add_test(tc, unreachable_rules);
	tcase_add_test(tc, missing_keys);
	tcase_add_test(tc, unknown_keys_are_warnings);
	suite_add_tcase(s, tc);
	tc = tcase_create("whole");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_cut_is_refused_or_whole);
	tcase_add_test(tc, a_rules_file_says_what_it_holds);
	tcase_add_test(tc, rules_compared_item_by_item);
	suite_add_tcase(s, tc);
	tc = tcase_create("loading");
	tcase_add_test(tc, broken_file_keeps_rules_in_force);
	tcase_add_test(tc, hash_follows_the_text);
	tcase_add_test(tc, values_and_defaults);
	tcase_add_test(tc, file_in_force);
	suite_add_tcase(s, tc);
	tc = tcase_create("worked examples");
	tcase_add_test(tc, worked_examples_default_rules);
	tcase_add_test(tc, worked_examples_money_only);
	tcase_add_test(tc, labels);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return testdb_run(tiers_suite());
}
