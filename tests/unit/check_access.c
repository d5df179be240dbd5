/* check_access.c — who may do what (core/access.h, config/roles.h): role_may over every
 * permission for each of the four shipped roles, against a table written from domain.md §9
 * (not read from roles.yaml, so that a change to the file that breaks the domain's rule is
 * caught), and roles_load_text's diagnostics with their line and column. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/roles.h"
#include "core/access.h"
#include "core/strv.h"
#include "testdb.h"

enum { RECEPTIONIST, SALES_MANAGER, MANAGER, ADMIN, NROLES };
static const char *const role_names[NROLES] = {"receptionist", "sales-manager", "manager",
					       "admin"};

/* The least role that may each permission, from domain.md §9's table (each role has what the
 * one above it has, "+ ..."), and where a permission is not named there, from the line of the
 * domain it follows from. */
static const struct {
	enum perm p;
	int least;
} domain[] = {
	{PERM_LOOKUP, RECEPTIONIST},	    /* "look up" */
	{PERM_CARD, RECEPTIONIST},	    /* "the card without sensitive fields" */
	{PERM_GUEST_EDIT, RECEPTIONIST},    /* "edit the non-sensitive sheet" */
	{PERM_VISIT_LIST, RECEPTIONIST},    /* the visits one enters are listed to one */
	{PERM_VISIT_ENTER, RECEPTIONIST},   /* "enter today's visits" */
	{PERM_COMPLAINT_READ, RECEPTIONIST}, /* the complaints one logs are read by one */
	{PERM_COMPLAINT_LOG, RECEPTIONIST}, /* "log a complaint" */
	{PERM_SENSITIVE_OWN, SALES_MANAGER}, /* "their own guests' sensitive fields" */
	{PERM_CONTACT, SALES_MANAGER},	    /* "contacts" (§7: the sales manager's agenda) */
	/* §6: a complaint has an owner, who moves it on; "complaints to closed" is the manager's */
	{PERM_COMPLAINT_HANDLE, SALES_MANAGER},
	{PERM_ALERT_READ, SALES_MANAGER},     /* the alerts they give feedback on */
	{PERM_ALERT_FEEDBACK, SALES_MANAGER}, /* "alert feedback" */
	{PERM_SENSITIVE_ALL, MANAGER},	      /* "every sensitive field" */
	{PERM_VISIT_VOID, MANAGER},	      /* "void/correct visits" */
	{PERM_VISIT_CORRECT, MANAGER},
	{PERM_TIER_OVERRIDE, MANAGER},	/* "tier overrides" */
	{PERM_TIER_RECOMPUTE, MANAGER}, /* the tiers behind the reports */
	{PERM_ALERT_MANAGE, MANAGER},	/* §5: "until a manager closes it" */
	{PERM_COMPLAINT_CLOSE, MANAGER}, /* "complaints to closed" */
	{PERM_REPORT, MANAGER},		 /* "reports" */
	{PERM_EXPORT, MANAGER},		 /* "export" */
	{PERM_AUDIT, MANAGER},		 /* who changed what: read with the reports */
	{PERM_BACKUP, MANAGER},		 /* a copy of everything: as an export */
	{PERM_STAFF, ADMIN},		 /* "staff" */
	{PERM_RULES, ADMIN},		 /* "rules" */
	{PERM_IMPORT, ADMIN},		 /* "import and its undo" */
	{PERM_MERGE, ADMIN},		 /* "merge" */
	{PERM_ERASE, ADMIN},		 /* "erase" */
	{PERM_RESTORE, ADMIN},		 /* "restore" */
};

static struct roles shipped;

static void load_shipped(void)
{
	struct strv errs = {0};
	int rc = roles_load_text(roles_builtin_text, roles_builtin_len, ROLES_BUILTIN_NAME, &shipped,
				 &errs);
	ck_assert_msg(rc == 0, "the shipped roles.yaml does not load: %s",
		      errs.n ? errs.v[0] : "");
	strv_free(&errs);
}

static void free_shipped(void)
{
	roles_free(&shipped);
}

START_TEST(domain_table_covers_every_permission)
{
	ck_assert_int_eq(sizeof domain / sizeof domain[0], PERM_COUNT);
	for (int p = 0; p < PERM_COUNT; p++) {
		int n = 0;
		for (size_t i = 0; i < sizeof domain / sizeof domain[0]; i++)
			n += domain[i].p == (enum perm)p;
		ck_assert_msg(n == 1, "%s is in the table %d times", perm_name((enum perm)p), n);
	}
}
END_TEST

START_TEST(shipped_roles_are_the_domains)
{
	ck_assert_int_eq(shipped.n, NROLES);
	for (int r = 0; r < NROLES; r++) {
		ck_assert_str_eq(shipped.v[r].name, role_names[r]);
		const struct role *role = roles_find(&shipped, role_names[r]);
		ck_assert_ptr_eq(role, &shipped.v[r]);
		for (size_t i = 0; i < sizeof domain / sizeof domain[0]; i++) {
			bool want = r >= domain[i].least;
			ck_assert_msg(role_may(role, domain[i].p) == want, "%s %s %s", role_names[r],
				      want ? "must be allowed" : "must not be allowed",
				      perm_name(domain[i].p));
		}
	}
}
END_TEST

START_TEST(refusal_names_the_least_role)
{
	for (size_t i = 0; i < sizeof domain / sizeof domain[0]; i++) {
		const struct role *r = roles_first_that_may(&shipped, domain[i].p);
		ck_assert_ptr_nonnull(r);
		ck_assert_str_eq(r->name, role_names[domain[i].least]);
	}
	/* no role: nothing allowed; a permission out of range: never */
	ck_assert(!role_may(NULL, PERM_LOOKUP));
	ck_assert(!role_may(roles_find(&shipped, "admin"), PERM_COUNT));
	ck_assert_ptr_null(roles_find(&shipped, "staff"));
}
END_TEST

START_TEST(sensitive_fields_by_role)
{
	const struct role *rec = roles_find(&shipped, "receptionist");
	const struct role *sm = roles_find(&shipped, "sales-manager");
	const struct role *mgr = roles_find(&shipped, "manager");
	ck_assert(!role_sees_sensitive(rec, 5, 5));
	ck_assert(role_sees_sensitive(sm, 5, 5));  /* their own guest */
	ck_assert(!role_sees_sensitive(sm, 5, 6)); /* another's */
	ck_assert(!role_sees_sensitive(sm, 5, 0)); /* nobody's */
	ck_assert(!role_sees_sensitive(sm, 0, 0)); /* not on the staff: never "their own" */
	ck_assert(role_sees_sensitive(mgr, 5, 6));
}
END_TEST

START_TEST(permission_names_round_trip)
{
	for (int p = 0; p < PERM_COUNT; p++) {
		ck_assert_int_eq(perm_by_name(perm_name((enum perm)p)), p);
		ck_assert(*perm_help((enum perm)p));
	}
	ck_assert_int_eq(perm_by_name("visit.delete"), -1);
	ck_assert(perm_writes(PERM_VISIT_ENTER));
	ck_assert(!perm_writes(PERM_LOOKUP));
	ck_assert(perm_writes(PERM_EXPORT)); /* logged */
}
END_TEST

/* ------------------------------------------------------------------------------------------ */
/* roles_load_text's diagnostics */

/* The errors of loading text as "r.yaml", one a line; asserts that it fails. */
static const char *errors_of(const char *text)
{
	static char out[2048];
	struct roles r;
	struct strv errs = {0};
	ck_assert_int_eq(roles_load_text(text, strlen(text), "r.yaml", &r, &errs), -1);
	ck_assert_int_eq(r.n, 0);
	out[0] = '\0';
	for (size_t i = 0; i < errs.n; i++) {
		strncat(out, errs.v[i], sizeof out - strlen(out) - 2);
		strcat(out, "\n");
	}
	strv_free(&errs);
	return out;
}

START_TEST(unknown_permission)
{
	const char *e = errors_of("roles:\n"
				  "  admin:\n"
				  "    may: [staff, visit.delete]\n");
	ck_assert_msg(strncmp(e, "r.yaml:3:18: roles: admin: may: unknown permission "
				 "\"visit.delete\"",
			      strlen("r.yaml:3:18: roles: admin: may: unknown permission "
				     "\"visit.delete\"")) == 0,
		      "%s", e);
	ck_assert_ptr_nonnull(strstr(e, "lookup, card,"));
}
END_TEST

START_TEST(includes_a_later_role)
{
	const char *e = errors_of("roles:\n"
				  "  manager:\n"
				  "    includes: [admin]\n"
				  "    may: [report]\n"
				  "  admin:\n"
				  "    may: [staff]\n");
	ck_assert_str_eq(e, "r.yaml:3:16: roles: manager: includes: \"admin\" is not a role "
			    "listed before this one\n");
}
END_TEST

START_TEST(no_role_may_manage_the_staff)
{
	const char *e = errors_of("roles:\n"
				  "  receptionist:\n"
				  "    may: [lookup]\n"
				  "  manager:\n"
				  "    includes: [receptionist]\n"
				  "    may: [report]\n");
	ck_assert_str_eq(e, "r.yaml:1:1: roles: no role may manage the staff (staff): nobody "
			    "could ever name an admin\n");
}
END_TEST

START_TEST(bad_role_name)
{
	const char *e = errors_of("roles:\n"
				  "  admin:\n"
				  "    may: [staff]\n"
				  "  Front Desk:\n"
				  "    may: [lookup]\n");
	ck_assert_str_eq(e, "r.yaml:4:3: roles: \"Front Desk\": a role's name is lower-case "
			    "letters, digits and '-' (at most 32), such as sales-manager\n");
}
END_TEST

START_TEST(good_file_with_includes)
{
	const char *text = "roles:\n"
			   "  desk:\n"
			   "    label: 前台\n"
			   "    may: [lookup, card]\n"
			   "  boss:\n"
			   "    includes: [desk]\n"
			   "    may: [staff]\n";
	struct roles r;
	struct strv errs = {0};
	ck_assert_int_eq(roles_load_text(text, strlen(text), "r.yaml", &r, &errs), 0);
	ck_assert_int_eq(errs.n, 0);
	ck_assert_int_eq(r.n, 2);
	const struct role *boss = roles_find(&r, "boss");
	ck_assert(role_may(boss, PERM_CARD));  /* included */
	ck_assert(role_may(boss, PERM_STAFF)); /* its own */
	ck_assert(!role_may(roles_find(&r, "desk"), PERM_STAFF));
	char t[64];
	ck_assert_str_eq(role_title(roles_find(&r, "desk"), t, sizeof t), "前台 (desk)");
	ck_assert_str_eq(role_title(boss, t, sizeof t), "boss");
	roles_free(&r);
}
END_TEST

static Suite *access_suite(void)
{
	Suite *s = suite_create("access");
	TCase *tc = tcase_create("shipped");
	tcase_add_unchecked_fixture(tc, load_shipped, free_shipped);
	tcase_add_test(tc, domain_table_covers_every_permission);
	tcase_add_test(tc, shipped_roles_are_the_domains);
	tcase_add_test(tc, refusal_names_the_least_role);
	tcase_add_test(tc, sensitive_fields_by_role);
	tcase_add_test(tc, permission_names_round_trip);
	suite_add_tcase(s, tc);
	tc = tcase_create("roles.yaml");
	tcase_add_test(tc, unknown_permission);
	tcase_add_test(tc, includes_a_later_role);
	tcase_add_test(tc, no_role_may_manage_the_staff);
	tcase_add_test(tc, bad_role_name);
	tcase_add_test(tc, good_file_with_includes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return testdb_run(access_suite());
}
