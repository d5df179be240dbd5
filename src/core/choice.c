/* choice.c — see choice.h. */
#include "core/choice.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"

#define SET(name, ...)                                                                             \
	static const struct choice name##_v[] = {__VA_ARGS__};                                     \
	const struct choice_set name = {name##_v, sizeof name##_v / sizeof name##_v[0]}

/* Each value: its code, its label, and other words it is typed as whatever the language of
 * the interface ("|" between them): the Chinese a receptionist types on an English terminal. */
SET(choice_gender, {"male", NC_("gender", "male"), "男|m"},
    {"female", NC_("gender", "female"), "女|f"});
SET(choice_spending, {"low", NC_("spending power", "low"), "低"},
    {"middle", NC_("spending power", "middle"), "中"},
    {"upper-middle", NC_("spending power", "upper-middle"), "中上|中高"},
    {"high", NC_("spending power", "high"), "高"});
SET(choice_phone_kind, {"mobile", NC_("phone kind", "mobile"), "手机|cell"},
    {"landline", NC_("phone kind", "landline"), "座机|固话|home|家"},
    {"office", NC_("phone kind", "office"), "办公|办公电话|work"},
    {"other", NC_("phone kind", "other"), "其他"});
SET(choice_relation, {"driver", NC_("relation", "driver"), "司机"},
    {"secretary", NC_("relation", "secretary"), "秘书"},
    {"wife", NC_("relation", "wife"), "夫人|妻子|太太"},
    {"husband", NC_("relation", "husband"), "丈夫"},
    {"spouse", NC_("relation", "spouse"), "配偶|爱人"}, {"son", NC_("relation", "son"), "儿子"},
    {"daughter", NC_("relation", "daughter"), "女儿"},
    {"assistant", NC_("relation", "assistant"), "助理"},
    {"office director", NC_("relation", "office director"), "办公室主任"},
    {"friend", NC_("relation", "friend"), "朋友"});
SET(choice_meal, {"lunch", NC_("meal", "lunch"), "午市|午餐|午"},
    {"dinner", NC_("meal", "dinner"), "晚市|晚餐|晚"});
SET(choice_channel, {"phone", NC_("contact channel", "phone"), "电话"},
    {"visit", NC_("contact channel", "visit"), "拜访|登门拜访"},
    {"wechat", NC_("contact channel", "wechat"), "微信"});

/* How a guest agreed to be kept in the book (domain.md §9: consent with its date and channel):
 * the channel of guest.consent_channel */
SET(choice_consent, {"in_person", NC_("consent channel", "in person"), "当面|现场|口头"},
    {"phone", NC_("consent channel", "phone"), "电话"},
    {"wechat", NC_("consent channel", "WeChat"), "微信"},
    {"written", NC_("consent channel", "written"), "书面|纸质|签字|signed"},
    {"online", NC_("consent channel", "online"), "网上|线上|网络|小程序|web"},
    {"other", NC_("consent channel", "other"), "其他"});

/* A complaint's category and channel: the codes of complaint_category_names and
 * complaint_channel_names */
SET(choice_complaint_category, {"food", N_("food"), "菜品|菜"}, {"service", N_("service"), "服务"},
    {"waiting_time", N_("waiting time"), "等候时间|等候"}, {"hygiene", N_("hygiene"), "卫生"},
    {"environment", N_("environment"), "环境"}, {"price", N_("price"), "价格"},
    {"other", NC_("complaint category", "other"), "其他"});
SET(choice_complaint_channel, {"in_person", N_("in person"), "当面"},
    {"phone", N_("phone"), "电话"}, {"online_review", N_("online review"), "网络评价|网评"},
    {"wechat", N_("WeChat"), "微信"}, {"other", NC_("complaint channel", "other"), "其他"});

/* A preference's kind and a severity (of a preference, a complaint): the codes of
 * pref_kind_names and severity_names */
SET(choice_pref_kind, {"taste", N_("taste"), "口味"},
    {"dish", N_("dish"), "常点菜|usual-dish|usual_dish"}, {"habit", N_("habit"), "习惯"},
    {"dislike", N_("dislike"), "不喜欢"}, {"taboo", N_("taboo"), "忌口"},
    {"allergy", N_("allergy"), "过敏"});
SET(choice_severity, {"low", N_("low"), "轻|低"}, {"medium", N_("medium"), "中"},
    {"high", N_("high"), "重|高"}, {"critical", N_("critical"), "危急"});

/* Whether t is one of the words of also ("a|b"). */
static bool among(const char *t, const char *also)
{
	size_t n = strlen(t);
	for (const char *p = also; p && *p;) {
		size_t k = strcspn(p, "|");
		if (k == n && strncmp(p, t, n) == 0)
			return true;
		p += k + (p[k] == '|');
	}
	return false;
}

/* The English label: the word after the context. */
static const char *english(const struct choice *c)
{
	const char *w = strchr(c->label, '\004');
	return w ? w + 1 : c->label;
}

/* a and b the same, '-', '_' and ' ' alike */
static bool same(const char *a, const char *b)
{
	for (;; a++, b++) {
		char x = *a, y = *b;
		if (x == '_' || x == ' ')
			x = '-';
		if (y == '_' || y == ' ')
			y = '-';
		if (x != y)
			return false;
		if (!x)
			return true;
	}
}

static int find(const struct choice_set *s, const char *code)
{
	for (size_t i = 0; code && i < s->n; i++)
		if (strcmp(s->v[i].code, code) == 0)
			return (int)i;
	return -1;
}

const char *choice_label(const struct choice_set *s, const char *code)
{
	if (!code)
		return "";
	int i = find(s, code);
	return i < 0 ? code : i18n_ctx(s->v[i].label);
}

const char *choice_code(const struct choice_set *s, const char *typed)
{
	if (!typed)
		return NULL;
	typed += strspn(typed, " ");
	size_t n = strlen(typed);
	while (n && typed[n - 1] == ' ')
		n--;
	char t[128];
	if (!n || n >= sizeof t)
		return NULL;
	memcpy(t, typed, n);
	t[n] = '\0';
	for (size_t i = 0; i < s->n; i++)
		if (same(t, s->v[i].code) || same(t, english(&s->v[i])) ||
		    strcmp(t, i18n_ctx(s->v[i].label)) == 0 || among(t, s->v[i].also))
			return s->v[i].code;
	return NULL;
}

int choice_index(const struct choice_set *s, const char *const *names, int n, const char *typed)
{
	const char *code = typed;
	for (int pass = 0; pass < 2 && code; pass++, code = choice_code(s, typed))
		for (int i = 0; i < n; i++)
			if (strcmp(names[i], code) == 0)
				return i;
	return -1;
}

const char *choice_next(const struct choice_set *s, const char *code, int step, bool empty)
{
	int i = find(s, code), n = (int)s->n + (empty ? 1 : 0);
	if (i < 0) /* unknown or nothing: the slot after the last */
		i = empty ? (int)s->n : (step > 0 ? -1 : 0);
	int j = ((i + (step > 0 ? 1 : -1)) % n + n) % n;
	return j == (int)s->n ? NULL : s->v[j].code;
}

char *choice_list(const struct choice_set *s, char *buf, size_t len)
{
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < s->n && at < len; i++) {
		const char *l = i18n_ctx(s->v[i].label);
		int k =
		    strcmp(l, s->v[i].code) == 0
		        ? snprintf(buf + at, len - at, "%s%s", i ? ", " : "", s->v[i].code)
		        : snprintf(buf + at, len - at, "%s%s (%s)", i ? ", " : "", s->v[i].code, l);
		if (k < 0)
			break;
		at += (size_t)k;
	}
	return buf;
}
