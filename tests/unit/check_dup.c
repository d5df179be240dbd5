/* check_dup.c — duplicates (issue 16): the rules of core/dup.c and text.c's helpers, and
 * dup_store's finder with each reason planted beside near misses that must not pair. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dup.h"
#include "core/guest.h"
#include "core/strv.h"
#include "core/text.h"
#include "store/dup_store.h"
#include "store/guest_store.h"
#include "store/store.h"

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

/* ---- the rules ---- */

START_TEST(test_one_edit)
{
	ck_assert(text_one_edit("王小明", "王晓明"));   /* one changed */
	ck_assert(text_one_edit("张伟", "张伟明"));     /* one added at the end */
	ck_assert(text_one_edit("张伟明", "伟明"));     /* one taken at the start */
	ck_assert(text_one_edit("jon smith", "john smith"));
	ck_assert(!text_one_edit("王小明", "王小明"));  /* the same */
	ck_assert(!text_one_edit("王小明", "李晓明"));  /* two changed */
	ck_assert(!text_one_edit("王小明", "王明小"));  /* swapped: two */
	ck_assert(!text_one_edit("张伟", "张伟明华"));  /* two added */
	/* code points, not bytes: 明 (E6 98 8E) and 晓 (E6 99 93) share their first byte */
	ck_assert(text_one_edit("明", "晓"));
	ck_assert(text_one_edit("a明b", "a晓b"));
}
END_TEST

START_TEST(test_near_names)
{
	ck_assert(dup_near_names("王小明", "王晓明"));
	ck_assert(dup_near_names("张伟", "张伟明"));
	ck_assert(!dup_near_names("张伟", "张强"));     /* two characters: a change is another name */
	ck_assert(!dup_near_names("王小明", "李晓明"));
	ck_assert(!dup_near_names("马振华", "汤振华")); /* the family name changed: two people */
	ck_assert(dup_near_names("马振华", "马镇华"));
	ck_assert(!dup_near_names("张伟", "张伟"));
	ck_assert(!dup_near_names("张", "张伟"));       /* the shorter needs two */
}
END_TEST

START_TEST(test_pinyin_names)
{
	char *a = text_pinyin_plain("张伟"), *b = text_pinyin_plain("章伟"), *c = text_pinyin_plain("Zhang Wei");
	ck_assert_str_eq(a, "zhangwei");
	ck_assert_str_eq(b, "zhangwei");
	ck_assert_str_eq(c, "zhangwei");
	free(a), free(b), free(c);
	a = text_pinyin_plain("曾伟"); /* read as a surname */
	ck_assert_str_eq(a, "zengwei");
	free(a);
	a = text_pinyin_plain("——");
	ck_assert_str_eq(a, "");
	free(a);
	a = text_full_name("孙", "建国"), b = text_full_name("García", "José");
	ck_assert_str_eq(a, "孙建国");
	ck_assert_str_eq(b, "José García");
	ck_assert_ptr_null(text_full_name("孙", NULL));
	ck_assert_ptr_null(text_full_name("", "建国"));
	free(a), free(b);
}
END_TEST

START_TEST(test_score)
{
	ck_assert_int_eq(dup_score(0), 0);
	ck_assert_int_eq(dup_score(DUP_PHONE), 90);
	ck_assert_int_eq(dup_score(DUP_NAME_BIRTHDAY), 80);
	ck_assert_int_eq(dup_score(DUP_NAME_EMPLOYER), 70);
	ck_assert_int_eq(dup_score(DUP_PINYIN_EMPLOYER), 60);
	ck_assert_int_eq(dup_score(DUP_NEAR_NAME_EMPLOYER), 50);
	ck_assert_int_eq(dup_score(DUP_PINYIN_EMPLOYER | DUP_NEAR_NAME_EMPLOYER), 100); /* capped */
	char *w = dup_reasons_text(DUP_NAME_EMPLOYER | DUP_PHONE);
	ck_assert_str_eq(w, "shared phone, same name and employer");
	free(w);
}
END_TEST

/* ---- the finder ---- */

/* A guest saved with its name, family and given names, employer, a phone, and its own
 * birthday (month 0: none; year 0: not known). */
static int64_t add(const char *name, const char *family, const char *given, const char *employer,
		   const char *phone, int bmonth, int bday, int byear)
{
	struct guest g;
	guest_init(&g);
	guest_set(&g, GF_NAME, name);
	guest_set(&g, GF_FAMILY_NAME, family);
	guest_set(&g, GF_GIVEN_NAME, given);
	guest_set(&g, GF_EMPLOYER, employer);
	if (phone)
		guest_add_phone(&g, "mobile", phone);
	if (bmonth)
		guest_add_date(&g, -1, DATE_BIRTHDAY, NULL, byear, bmonth, bday);
	ck_assert_msg(guest_store_save(st, &g, 0, true, NULL) == ST_OK, "%s", store_errmsg(st));
	int64_t id = g.id;
	guest_free(&g);
	return id;
}

/* The reasons of pair a b in r (0: not listed). */
static unsigned reasons_of(const struct dup_result *r, int64_t a, int64_t b)
{
	if (a > b) {
		int64_t t = a;
		a = b, b = t;
	}
	for (size_t i = 0; i < r->npairs; i++)
		if (r->pairs[i].a == a && r->pairs[i].b == b)
			return r->pairs[i].reasons;
	return 0;
}

static void find(struct dup_result *r, int min_score, int64_t guest)
{
	struct dup_opts o = {.min_score = min_score, .guest = guest};
	ck_assert_msg(dup_store_find(st, &o, r) == ST_OK, "%s", store_errmsg(st));
}

START_TEST(test_each_reason)
{
	/* a shared phone, in another form (+86, full-width digits) */
	int64_t p1 = add("孙先生", "孙", "立国", NULL, "13900001111", 0, 0, 0);
	int64_t p2 = add("Mr Sun", NULL, NULL, "Acme", "+86 １３９ 0000 1111", 0, 0, 0);
	/* a mobile written with a trunk 0: the same last 11 digits */
	int64_t p3 = add("钱先生", "钱", "多多", NULL, "13800002222", 0, 0, 0);
	int64_t p4 = add("钱总", NULL, NULL, NULL, "013800002222", 0, 0, 0);
	/* the same full name and birthday, addressed differently, no employer */
	int64_t b1 = add("周局长", "周", "海涛", NULL, NULL, 3, 14, 1970);
	int64_t b2 = add("周先生", "周", "海涛", NULL, NULL, 3, 14, 0);
	/* the same name and employer, written in another case and width */
	int64_t e1 = add("吴总", "吴", "国栋", "Huaxia Bank Bozhou", NULL, 0, 0, 0);
	int64_t e2 = add("吴国栋", NULL, NULL, "ＨＵＡＸＩＡ bank  bozhou", NULL, 0, 0, 0);
	/* the same pinyin and employer (郑 and 政 read zheng; two characters: not near) */
	int64_t y1 = add("郑先生", "郑", "明", "亳州学院", NULL, 0, 0, 0);
	int64_t y2 = add("政明", NULL, NULL, "亳州学院", NULL, 0, 0, 0);
	/* a name within one character, the same employer */
	int64_t n1 = add("冯小刚", NULL, NULL, "谯城区税务局", NULL, 0, 0, 0);
	int64_t n2 = add("冯大刚", NULL, NULL, "谯城区税务局", NULL, 0, 0, 0);

	/* near misses */
	int64_t m1 = add("陈强", NULL, NULL, "古井贡酒", NULL, 0, 0, 0); /* two names, */
	int64_t m2 = add("李娜", NULL, NULL, "古井贡酒", NULL, 0, 0, 0); /* one employer */
	int64_t m3 = add("赵磊", NULL, NULL, "亳州一中", NULL, 0, 0, 0); /* one name, */
	int64_t m4 = add("赵磊", NULL, NULL, "亳州二中", NULL, 0, 0, 0); /* two employers */
	int64_t m5 = add("褚明远", NULL, NULL, "药都银行", NULL, 0, 0, 0); /* two characters */
	int64_t m6 = add("褚光亮", NULL, NULL, "药都银行", NULL, 0, 0, 0); /* apart */
	int64_t m7 = add("卫东", NULL, NULL, "药都银行", NULL, 0, 0, 0); /* 2 characters, one */
	int64_t m8 = add("卫西", NULL, NULL, "药都银行", NULL, 0, 0, 0); /* changed: not near */
	int64_t m9 = add("蒋勇", NULL, NULL, NULL, NULL, 5, 1, 1980); /* birthdays of */
	int64_t m10 = add("蒋勇", NULL, NULL, NULL, NULL, 5, 1, 1981); /* other years */
	int64_t m11 = add("沈冰", NULL, NULL, NULL, "13700003333", 0, 0, 0); /* the last 10 */
	int64_t m12 = add("韩冰", NULL, NULL, NULL, "12700003333", 0, 0, 0); /* digits only */

	struct dup_result r;
	find(&r, 0, 0);
	ck_assert_int_eq(r.guests, 24);
	ck_assert_uint_eq(reasons_of(&r, p1, p2), DUP_PHONE);
	ck_assert_uint_eq(reasons_of(&r, p3, p4), DUP_PHONE);
	ck_assert_uint_eq(reasons_of(&r, b1, b2), DUP_NAME_BIRTHDAY);
	ck_assert_uint_eq(reasons_of(&r, e1, e2), DUP_NAME_EMPLOYER);
	ck_assert_uint_eq(reasons_of(&r, y1, y2), DUP_PINYIN_EMPLOYER);
	ck_assert_uint_eq(reasons_of(&r, n1, n2), DUP_NEAR_NAME_EMPLOYER);
	ck_assert_uint_eq(reasons_of(&r, m1, m2), 0);
	ck_assert_uint_eq(reasons_of(&r, m3, m4), 0);
	ck_assert_uint_eq(reasons_of(&r, m5, m6), 0);
	ck_assert_uint_eq(reasons_of(&r, m7, m8), 0);
	ck_assert_uint_eq(reasons_of(&r, m9, m10), 0);
	ck_assert_uint_eq(reasons_of(&r, m11, m12), 0);
	ck_assert_uint_eq(r.npairs, 6); /* nothing else */
	ck_assert_uint_eq(r.ngroups, 0);
	/* the strongest first, with its score */
	static const int scores[] = {90, 90, 80, 70, 60, 50};
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(r.pairs[i].score, scores[i]);
	ck_assert_int_eq(r.pairs[0].a, p1); /* the same score: by id */
	ck_assert_int_eq(r.pairs[1].a, p3);
	dup_result_free(&r);

	/* --min-score and --guest */
	find(&r, 80, 0);
	ck_assert_uint_eq(r.npairs, 3);
	dup_result_free(&r);
	find(&r, 0, n2);
	ck_assert_uint_eq(r.npairs, 1);
	ck_assert_int_eq(r.pairs[0].a, n1);
	dup_result_free(&r);
	struct dup_opts o = {.guest = 999};
	ck_assert_int_eq(dup_store_find(st, &o, &r), ST_NOTFOUND);

	/* an anonymised guest is out of the book */
	testdb_exec("UPDATE guest SET anonymised = 1 WHERE name = '冯大刚'");
	find(&r, 0, 0);
	ck_assert_int_eq(r.guests, 23);
	ck_assert_uint_eq(reasons_of(&r, n1, n2), 0);
	ck_assert_uint_eq(r.npairs, 5);
	dup_result_free(&r);

	/* a guest merged into another is out too: its phones are on the one it became */
	char q[80];
	snprintf(q, sizeof q, "UPDATE guest SET merged_into = %lld WHERE id = %lld", (long long)e1,
		 (long long)p2);
	testdb_exec(q);
	find(&r, 0, 0);
	ck_assert_int_eq(r.guests, 22);
	ck_assert_uint_eq(reasons_of(&r, p1, p2), 0);
	ck_assert_uint_eq(r.npairs, 4);
	dup_result_free(&r);
}
END_TEST

START_TEST(test_group)
{
	/* a switchboard shared by 10 guests: one group, not 45 pairs */
	int64_t ids[10];
	char name[32];
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof name, "guest %c", 'a' + i);
		ids[i] = add(name, NULL, NULL, NULL, "0558-5550000", 0, 0, 0);
	}
	int64_t a = add("王芳", NULL, NULL, NULL, "13911112222", 0, 0, 0);
	int64_t b = add("Wang Fang", NULL, NULL, NULL, "139-1111-2222", 0, 0, 0);
	struct dup_result r;
	find(&r, 0, 0);
	ck_assert_uint_eq(r.npairs, 1);
	ck_assert_uint_eq(reasons_of(&r, a, b), DUP_PHONE);
	ck_assert_uint_eq(r.ngroups, 1);
	ck_assert_int_eq(r.groups[0].reason, DUP_PHONE);
	ck_assert_uint_eq(r.groups[0].n, 10);
	ck_assert_str_eq(r.groups[0].key, "05585550000");
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(r.groups[0].ids[i], ids[i]);
	dup_result_free(&r);
	/* a guest's own: the group with them, not the pair without */
	find(&r, 0, ids[3]);
	ck_assert_uint_eq(r.npairs, 0);
	ck_assert_uint_eq(r.ngroups, 1);
	dup_result_free(&r);
	find(&r, 0, a);
	ck_assert_uint_eq(r.npairs, 1);
	ck_assert_uint_eq(r.ngroups, 0);
	dup_result_free(&r);
	/* up to DUP_GROUP_MAX, pairs */
	testdb_exec("DELETE FROM phone WHERE guest_id > 6 AND guest_id <= 10");
	find(&r, 0, 0);
	ck_assert_uint_eq(r.ngroups, 0);
	ck_assert_uint_eq(r.npairs, 15 + 1);
	dup_result_free(&r);
}
END_TEST

START_TEST(test_dismiss)
{
	int64_t a = add("杨帆", NULL, NULL, "亳州学院", NULL, 0, 0, 0);
	int64_t b = add("杨帆", NULL, NULL, "亳州学院", NULL, 0, 0, 0);
	int64_t c = add("杨帆", NULL, NULL, "亳州学院", NULL, 0, 0, 0);
	struct dup_result r;
	find(&r, 0, 0);
	ck_assert_uint_eq(r.npairs, 3);
	dup_result_free(&r);
	ck_assert_int_eq(dup_store_dismiss(st, c, a), ST_OK); /* either order */
	find(&r, 0, 0);
	ck_assert_uint_eq(r.npairs, 2);
	ck_assert_uint_eq(reasons_of(&r, a, c), 0);
	ck_assert_uint_eq(reasons_of(&r, a, b), DUP_NAME_EMPLOYER);
	dup_result_free(&r);
	/* audited on both guests, once */
	ck_assert_int_eq(dup_store_dismiss(st, a, c), ST_OK);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'not-same'"), 2);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM audit WHERE action = 'not-same' AND "
				    "entity = 'guest' AND entity_id = 3 AND new = '#1'"), 1);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM dup_dismissed"), 1);
	ck_assert_int_eq(dup_store_dismiss(st, a, a), ST_INVALID);
	ck_assert_int_eq(dup_store_dismiss(st, a, 99), ST_NOTFOUND);
	ck_assert_int_eq(testdb_int("SELECT count(*) FROM dup_dismissed"), 1);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("dup");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, test_one_edit);
	tcase_add_test(tc, test_near_names);
	tcase_add_test(tc, test_pinyin_names);
	tcase_add_test(tc, test_score);
	suite_add_tcase(s, tc);
	tc = tcase_create("finder");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_each_reason);
	tcase_add_test(tc, test_group);
	tcase_add_test(tc, test_dismiss);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return testdb_run(suite());
}
