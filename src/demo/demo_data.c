#include "demo/demo_data.h"

#include <stdio.h>
#include <string.h>

/* Same seed, same numbers everywhere: no libm, and no fused multiply-add (GCC does not fuse in
 * ISO C mode, -std=c11; clang would by default). */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) demo_pick((r), (a), LEN(a))

/* ---- lists --------------------------------------------------------------------------------- */

const char *demo_pick_w(struct demo_rng *r, const struct demo_wstr *v, size_t n)
{
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += v[i].w;
	uint64_t x = (uint64_t)demo_rng_range(r, 0, (long)total - 1);
	for (size_t i = 0; i < n; i++) {
		if (x < v[i].w)
			return v[i].s;
		x -= v[i].w;
	}
	return v[n - 1].s;
}

const char *demo_pick(struct demo_rng *r, const char *const *v, size_t n)
{
	return v[demo_rng_range(r, 0, (long)n - 1)];
}

/* Frequencies per 100,000 people (2020 census order), Bozhou's own names (曹 华) a little up. */
const struct demo_wstr demo_surnames[] = {
	{"王", 7120}, {"李", 7000}, {"张", 6740}, {"刘", 5380}, {"陈", 4530}, {"杨", 3080},
	{"黄", 2230}, {"赵", 1960}, {"吴", 1830}, {"周", 1690}, {"徐", 1320}, {"孙", 1280},
	{"马", 1190}, {"朱", 1090}, {"胡", 1040}, {"郭", 1020}, {"何", 860},  {"高", 850},
	{"林", 830},  {"罗", 780},  {"郑", 760},  {"梁", 690},  {"谢", 620},  {"宋", 600},
	{"唐", 580},  {"许", 560},  {"韩", 540},  {"冯", 530},  {"邓", 530},  {"曹", 620},
	{"彭", 460},  {"曾", 440},  {"肖", 430},  {"田", 420},  {"董", 410},  {"袁", 370},
	{"潘", 350},  {"于", 340},  {"蒋", 340},  {"蔡", 340},  {"余", 330},  {"杜", 330},
	{"叶", 320},  {"程", 310},  {"苏", 300},  {"魏", 300},  {"吕", 300},  {"丁", 290},
	{"任", 290},  {"沈", 280},  {"姚", 270},  {"卢", 270},  {"姜", 260},  {"崔", 250},
	{"钟", 240},  {"谭", 240},  {"陆", 230},  {"汪", 230},  {"范", 230},  {"金", 220},
	{"石", 220},  {"廖", 210},  {"贾", 210},  {"夏", 210},  {"韦", 200},  {"付", 200},
	{"方", 200},  {"白", 190},  {"邹", 190},  {"孟", 190},  {"熊", 180},  {"秦", 180},
	{"邱", 180},  {"江", 180},  {"尹", 170},  {"薛", 170},  {"闫", 170},  {"段", 160},
	{"雷", 160},  {"侯", 150},  {"龙", 150},  {"史", 150},  {"陶", 140},  {"黎", 140},
	{"贺", 140},  {"顾", 130},  {"毛", 130},  {"郝", 130},  {"龚", 120},  {"邵", 120},
	{"万", 120},  {"钱", 120},  {"严", 110},  {"覃", 110},  {"武", 110},  {"戴", 110},
	{"莫", 100},  {"孔", 100},  {"向", 100},  {"汤", 100},  {"常", 100},  {"葛", 90},
	{"牛", 90},   {"耿", 60},   {"岳", 60},   {"鲁", 60},   {"翟", 60},   {"华", 70},
	{"乐", 30},   {"单", 50},   {"解", 30},   {"区", 20},   {"仇", 20},   {"查", 20},
	{"缪", 20},   {"盖", 15},   {"朴", 10},   {"欧阳", 30}, {"司马", 8},  {"诸葛", 6},
	{"上官", 6},
};
const size_t demo_surnames_n = LEN(demo_surnames);

const char *const demo_given_male1[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏",
	"华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙",
	"林", "峰", "亮", "东", "岩", "毅", "锋", "剑", "晨", "阳", "昊", "博", "文", "彬",
};
const size_t demo_given_male1_n = LEN(demo_given_male1);
const char *const demo_given_female1[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧",
	"颖", "琳", "倩", "晶", "红", "梅", "莉", "兰", "萍", "洁", "琴", "云", "璐", "蕾",
};
const size_t demo_given_female1_n = LEN(demo_given_female1);
const char *const demo_given_male2[] = {
	"建国", "建华", "建军", "志强", "志刚", "国强", "国华", "海涛", "海军", "文华", "文斌",
	"晓东", "晓明", "俊杰", "子豪", "浩然", "宇轩", "家豪", "明辉", "立新", "卫东", "红兵",
	"永刚", "振华", "德明", "学文", "成龙", "长青", "庆丰", "宏伟", "新民", "春雷", "金龙",
	"玉龙", "万里", "光明", "大伟", "雪峰", "树林", "保国", "传军", "守义", "维新", "一鸣",
};
const size_t demo_given_male2_n = LEN(demo_given_male2);
const char *const demo_given_female2[] = {
	"秀英", "桂英", "秀兰", "玉兰", "桂兰", "丽娟", "海燕", "晓燕", "小红", "雅琴",
	"春梅", "美玲", "婉婷", "欣怡", "诗涵", "梓涵", "雨萱", "佳怡", "思琪", "丽华",
	"淑珍", "秀梅", "玉梅", "凤英", "晓丽", "静怡", "文静", "慧敏", "丽君", "红霞",
};
const size_t demo_given_female2_n = LEN(demo_given_female2);
const char *const demo_given_male_a[] = {
	"志", "建", "国", "文", "明", "永", "德", "海", "晓", "俊",
	"家", "子", "宏", "振", "学", "立", "长", "天", "云", "新",
};
const size_t demo_given_male_a_n = LEN(demo_given_male_a);
const char *const demo_given_male_b[] = {
	"强", "华", "军", "伟", "明", "平", "辉", "涛", "杰", "刚",
	"东", "林", "峰", "斌", "龙", "超", "文", "成", "亮", "勇",
};
const size_t demo_given_male_b_n = LEN(demo_given_male_b);
const char *const demo_given_female_a[] = {
	"秀", "丽", "玉", "桂", "晓", "美", "春", "雪", "静", "雅",
	"欣", "婉", "淑", "慧", "海", "佳", "思", "雨", "梦", "文",
};
const size_t demo_given_female_a_n = LEN(demo_given_female_a);
const char *const demo_given_female_b[] = {
	"英", "兰", "华", "芳", "敏", "娟", "燕", "梅", "玲", "婷",
	"琴", "云", "洁", "霞", "丽", "萍", "红", "怡", "涵", "琪",
};
const size_t demo_given_female_b_n = LEN(demo_given_female_b);

char *demo_given_name(struct demo_rng *r, bool female, char *buf, size_t len)
{
	long k = demo_rng_range(r, 0, 99);
	if (k < 30)
		snprintf(buf, len, "%s",
			 female ? DEMO_PICK(r, demo_given_female1) : DEMO_PICK(r, demo_given_male1));
	else if (k < 60)
		snprintf(buf, len, "%s",
			 female ? DEMO_PICK(r, demo_given_female2) : DEMO_PICK(r, demo_given_male2));
	else if (female) {
		const char *a = DEMO_PICK(r, demo_given_female_a);
		snprintf(buf, len, "%s%s", a, DEMO_PICK(r, demo_given_female_b));
	} else {
		const char *a = DEMO_PICK(r, demo_given_male_a);
		snprintf(buf, len, "%s%s", a, DEMO_PICK(r, demo_given_male_b));
	}
	return buf;
}

const char *const demo_latin_male[] = {
	"John",   "Michael", "David",  "James",  "Thomas", "Peter",   "José",   "François",
	"Jürgen", "Björn",   "Søren",  "Łukasz", "Mateo",  "Luca",    "Seán",   "André",
	"Jörg",   "Ángel",   "Oliver", "Henrik", "Marek",  "Nicolás", "Étienne", "Stefan",
};
const size_t demo_latin_male_n = LEN(demo_latin_male);
const char *const demo_latin_female[] = {
	"Anna",  "Maria",   "Zoë",   "Chloé",  "Sophie", "Emma",  "Olivia", "Giulia",
	"Inès",  "Ewa",     "Agnès", "Hélène", "Sarah",  "Laura", "Ingrid", "Małgorzata",
	"Lucía", "Françoise", "Siobhán", "Katarzyna",
};
const size_t demo_latin_female_n = LEN(demo_latin_female);
const char *const demo_latin_family[] = {
	"Smith",    "Müller",   "García", "Kowalski", "Martin",   "Dubois",   "Schmidt",
	"Rossi",    "Nielsen",  "Andersson", "Nowak",  "Fernández", "O'Brien", "Lefèvre",
	"Johansson", "Brown",   "Wilson", "Schröder", "Weiß",     "Jensen",   "Kovačević",
	"Novák",    "Dvořák",   "Müller-Lüdenscheidt", "Núñez", "Bauer",   "Costa",
};
const size_t demo_latin_family_n = LEN(demo_latin_family);
const char *const demo_latin_countries[] = {
	"德国", "西班牙", "美国", "波兰", "法国", "英国", "意大利", "丹麦",
	"瑞典", "爱尔兰", "捷克", "克罗地亚", "葡萄牙", "加拿大", "澳大利亚",
};
const size_t demo_latin_countries_n = LEN(demo_latin_countries);

/* ---- work units ---------------------------------------------------------------------------- */

struct role {
	const char *position;
	const char *title; /* NULL: 先生 / 女士 */
	unsigned w;
};

static const char *pick_role(struct demo_rng *r, const struct role *v, size_t n,
			     const char **title)
{
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += v[i].w;
	uint64_t x = (uint64_t)demo_rng_range(r, 0, (long)total - 1);
	size_t i = 0;
	for (; i + 1 < n && x >= v[i].w; i++)
		x -= v[i].w;
	/* staff do not always use the title: many guests prefer 先生 / 女士 */
	*title = v[i].title && demo_rng_chance(r, 0.8) ? v[i].title : NULL;
	return v[i].position;
}

static const char *const company_places[] = {
	"亳州市", "亳州市", "亳州市", "亳州", "安徽", "安徽省", "亳州市谯城区", "涡阳县",
	"蒙城县", "利辛县", "阜阳市", "合肥", "亳州高新区", "安徽皖北",
};
static const char *const company_brands[] = {
	"永盛", "华信", "鑫源", "恒泰", "金鼎", "瑞丰", "润达", "宏图", "天成", "嘉禾", "中泰",
	"德润", "泰和", "华康", "百草", "药都", "汇通", "广联", "盛世", "东方", "天润", "和顺",
	"信达", "万家", "隆兴", "金穗", "康泰", "九州", "协和", "华佗", "魏武", "涡河", "古城",
	"汤王", "东湖", "亳芍", "济人", "沪谯", "皖北", "中原", "昌盛", "兴达", "恒信", "富华",
	"长江", "华夏", "金源", "祥瑞", "鼎盛", "宏达", "瑞祥", "聚德", "同仁", "益康", "泽众",
	"博大", "星辰", "云帆", "芍花", "谯陵", "丰泽", "百川", "正和", "安泰", "仁和", "鸿运",
};
static const char *const company_industries[] = {
	"信息科技", "中药饮片", "药业", "医药", "建筑工程", "房地产开发", "商贸", "物流",
	"酒业", "农业科技", "食品", "建材", "汽车销售服务", "装饰工程", "电子商务", "文化传媒",
	"教育咨询", "环保科技", "电力工程", "置业", "投资", "纺织", "机械制造", "新能源",
	"物业管理", "旅游开发", "餐饮管理", "广告", "网络科技", "中药材", "生物科技", "粮油",
	"包装材料", "市政工程", "劳务", "保健品", "农产品", "化工", "智能科技", "供应链管理",
};
static const struct demo_wstr company_forms[] = {
	{"有限公司", 60}, {"有限责任公司", 15}, {"股份有限公司", 10}, {"集团有限公司", 8},
	{"科技有限公司", 0}, {"贸易有限公司", 4}, {"实业有限公司", 3},
};
static const struct role company_roles[] = {
	{"董事长", "董事长", 5}, {"总经理", "总", 14}, {"副总经理", "总", 12},
	{"销售总监", "总", 7},   {"财务总监", "总", 3}, {"技术总监", "总", 3},
	{"部门经理", "经理", 12}, {"项目经理", "经理", 8}, {"销售经理", "经理", 10},
	{"采购经理", "经理", 5}, {"行政主管", NULL, 5}, {"办公室主任", "主任", 4},
	{"职员", NULL, 6},       {"会计", NULL, 3},
};

static const char *const gov_places[] = {
	"亳州市", "亳州市", "亳州市", "谯城区", "涡阳县", "蒙城县", "利辛县",
};
/* A bureau and the title of its head. */
static const struct {
	const char *name, *head;
} gov_units[] = {
	{"财政局", "局长"},          {"公安局", "局长"},          {"教育局", "局长"},
	{"卫生健康委员会", "主任"},  {"发展和改革委员会", "主任"}, {"自然资源和规划局", "局长"},
	{"住房和城乡建设局", "局长"}, {"交通运输局", "局长"},      {"市场监督管理局", "局长"},
	{"商务局", "局长"},          {"文化和旅游局", "局长"},    {"农业农村局", "局长"},
	{"人力资源和社会保障局", "局长"}, {"民政局", "局长"},      {"审计局", "局长"},
	{"统计局", "局长"},          {"生态环境分局", "局长"},    {"水利局", "局长"},
	{"城市管理局", "局长"},      {"司法局", "局长"},          {"应急管理局", "局长"},
	{"人民政府办公室", "主任"},  {"医疗保障局", "局长"},      {"数据资源管理局", "局长"},
	{"住房公积金管理中心", "主任"}, {"中药产业发展中心", "主任"},
};
static const struct role gov_roles[] = {
	{"副局长", NULL, 12}, /* title: the head's (副局长 is addressed as 局长) */
	{"科长", "科长", 18},       {"副科长", "科长", 10},     {"办公室主任", "主任", 10},
	{"科员", NULL, 12},         {"一级主任科员", "主任", 6}, {"党组书记", "书记", 3},
};

static const char *const party_units[] = {
	"中共亳州市委组织部", "中共亳州市委宣传部", "中共亳州市委办公室", "中共谯城区委",
	"中共涡阳县委",       "亳州市纪委监委",     "亳州市人大常委会",   "亳州市政协",
	"谯城区花戏楼街道办事处", "谯城区薛阁街道办事处", "谯城区汤陵街道办事处",
	"谯城区魏武街道办事处", "谯城区古井镇人民政府", "谯城区十八里镇人民政府",
	"涡阳县城关街道办事处", "蒙城县城关街道办事处",
};
static const struct role party_roles[] = {
	{"书记", "书记", 6},   {"副书记", "书记", 6}, {"部长", "部长", 4}, {"副部长", "部长", 5},
	{"主任", "主任", 10},  {"副主任", "主任", 8}, {"科长", "科长", 10}, {"干部", NULL, 8},
};

static const char *const hospitals[] = {
	"亳州市人民医院", "谯城区人民医院", "亳州市中医院", "涡阳县人民医院", "蒙城县中医院",
	"利辛县人民医院", "亳州华佗中医院", "亳州市妇幼保健院", "亳州市第五人民医院",
	"安徽医科大学附属亳州医院", "亳州市第二人民医院",
};
static const struct role hospital_roles[] = {
	{"院长", "院长", 3},       {"副院长", "院长", 5},   {"医务处处长", "处长", 3},
	{"科主任", "主任", 12},    {"主任医师", "主任", 10}, {"副主任医师", "主任", 6},
	{"主治医师", NULL, 10},    {"医生", NULL, 8},       {"护士长", NULL, 5},
};

static const char *const schools[] = {
	"亳州学院", "亳州职业技术学院", "亳州市第一中学", "亳州市第二中学", "亳州市第三中学",
	"亳州一中南校", "谯城区实验小学", "亳州市风华中学", "涡阳县第一中学", "蒙城县第一中学",
	"亳州幼儿师范学校", "安徽中医药高等专科学校亳州校区",
};
static const struct role school_roles[] = {
	{"校长", "校长", 4}, {"副校长", "校长", 5}, {"教务处处长", "处长", 3},
	{"教授", "教授", 6}, {"副教授", "老师", 6}, {"教师", "老师", 20},
	{"教导主任", "主任", 5}, {"班主任", "老师", 6},
};

static const char *const banks[] = {
	"中国工商银行亳州分行", "中国建设银行亳州分行", "中国农业银行亳州分行", "中国银行亳州分行",
	"亳州药都农村商业银行", "徽商银行亳州分行", "中国邮政储蓄银行亳州市分行",
	"交通银行亳州分行", "中国工商银行亳州谯城支行", "中国建设银行涡阳支行",
	"亳州药都农商银行魏武支行", "兴业银行亳州分行", "中信银行亳州分行",
};
static const struct role bank_roles[] = {
	{"行长", "行长", 4},     {"副行长", "行长", 6},   {"支行行长", "行长", 8},
	{"客户经理", "经理", 14}, {"信贷部经理", "经理", 8}, {"大堂经理", "经理", 4},
	{"柜员", NULL, 4},       {"风控部主任", "主任", 3},
};

static const char *const enterprises[] = {
	"安徽古井贡酒股份有限公司",     "安徽古井集团有限责任公司",   "国网亳州供电公司",
	"中国移动亳州分公司",           "中国电信亳州分公司",         "中国联通亳州市分公司",
	"康美（亳州）华佗国际中药城",   "安徽济人药业有限公司",       "安徽协和成药业饮片有限公司",
	"亳州市国有资产投资控股集团有限公司", "亳州城建发展控股集团有限公司",
	"亳州市交通投资控股集团有限公司", "亳州市建设投资集团有限公司",
	"安徽沪谯药业有限公司",         "亳州市京皖中药饮片厂",       "安徽井中集团",
	"中国烟草亳州市公司",           "亳州市自来水公司",
	"中铁四局亳州项目部",           "亳州芍花堂国药股份有限公司", "安徽金芙蓉中药饮片有限公司",
	"安徽广印堂中药股份有限公司",   "亳州市华宇房地产开发有限公司",
	"中国人寿保险亳州分公司",       "中国平安亳州中心支公司",
};
static const struct role enterprise_roles[] = {
	{"董事长", "董事长", 2}, {"总经理", "总", 4},     {"副总经理", "总", 8},
	{"部长", "部长", 6},     {"部门经理", "经理", 12}, {"办公室主任", "主任", 8},
	{"车间主任", "主任", 5}, {"销售经理", "经理", 12},
	{"工程师", NULL, 8},     {"区域经理", "经理", 6},  {"职员", NULL, 6},
};

static const char *const law_firms[] = {
	"安徽亳州律师事务所", "安徽涡水律师事务所", "安徽魏武律师事务所", "安徽华佗律师事务所",
	"安徽皖北律师事务所", "安徽谯城律师事务所",
};
static const struct role law_roles[] = {
	{"主任律师", "主任", 3}, {"合伙人", "律师", 6}, {"律师", "律师", 12},
};
static const char *const audit_firms[] = {
	"亳州正大会计师事务所", "亳州永信会计师事务所", "安徽华审会计师事务所亳州分所",
};
static const struct role audit_roles[] = {
	{"所长", "所长", 2}, {"合伙人", "总", 3}, {"注册会计师", NULL, 8}, {"审计助理", NULL, 3},
};
/* a highway section office: the one place with a 处长 outside the civil service */
static const struct role highway_roles[] = {
	{"处长", "处长", 3}, {"副处长", "处长", 4}, {"科长", "科长", 6}, {"收费站站长", "站长", 4},
};

static const char *const shops[] = {
	"药材行", "药材商行", "中药材经营部", "酒行", "烟酒商行", "建材店", "超市", "茶庄",
	"饭店", "汽修厂", "服装店", "家具城", "养殖场", "种植合作社",
};
static const char *const shop_places[] = {
	"康美中药城", "亳州中药材交易中心", "谯城区", "亳州市", "涡阳县", "蒙城县", "利辛县",
};
static const struct role shop_roles[] = {
	{"老板", "老板", 10}, {"店主", "老板", 4}, {"负责人", "总", 3}, {"店长", "经理", 3},
};

void demo_job(struct demo_rng *r, bool female, struct demo_job *out)
{
	static const unsigned kinds[] = {40, 14, 5, 6, 6, 5, 10, 2, 1, 8, 3, 1};
	const char *title = NULL;
	out->employer[0] = '\0';
	out->position = NULL;
	out->title = NULL;
	(void)female;
	switch (demo_rng_weighted(r, kinds, LEN(kinds))) {
	case 0: { /* private company */
		const char *place = PICK(r, company_places);
		const char *brand = PICK(r, company_brands);
		const char *ind = PICK(r, company_industries);
		const char *form = demo_pick_w(r, company_forms, LEN(company_forms));
		snprintf(out->employer, sizeof out->employer, "%s%s%s%s", place, brand, ind, form);
		out->position = pick_role(r, company_roles, LEN(company_roles), &title);
		break;
	}
	case 1: { /* government bureau */
		size_t u = (size_t)demo_rng_range(r, 0, (long)LEN(gov_units) - 1);
		const char *place = PICK(r, gov_places);
		snprintf(out->employer, sizeof out->employer, "%s%s", place, gov_units[u].name);
		if (demo_rng_chance(r, 0.12)) { /* the head of the unit */
			out->position = gov_units[u].head;
			title = gov_units[u].head;
		} else {
			out->position = pick_role(r, gov_roles, LEN(gov_roles), &title);
			if (strcmp(out->position, "副局长") == 0) {
				out->position = strcmp(gov_units[u].head, "主任") == 0 ? "副主任" : "副局长";
				title = demo_rng_chance(r, 0.85) ? gov_units[u].head : NULL;
			}
		}
		break;
	}
	case 2:
		snprintf(out->employer, sizeof out->employer, "%s", PICK(r, party_units));
		out->position = pick_role(r, party_roles, LEN(party_roles), &title);
		break;
	case 3:
		snprintf(out->employer, sizeof out->employer, "%s", PICK(r, hospitals));
		out->position = pick_role(r, hospital_roles, LEN(hospital_roles), &title);
		break;
	case 4:
		snprintf(out->employer, sizeof out->employer, "%s", PICK(r, schools));
		out->position = pick_role(r, school_roles, LEN(school_roles), &title);
		break;
	case 5:
		snprintf(out->employer, sizeof out->employer, "%s", PICK(r, banks));
		out->position = pick_role(r, bank_roles, LEN(bank_roles), &title);
		break;
	case 6:
		snprintf(out->employer, sizeof out->employer, "%s", PICK(r, enterprises));
		out->position = pick_role(r, enterprise_roles, LEN(enterprise_roles), &title);
		break;
	case 7:
		snprintf(out->employer, sizeof out->employer, "%s", PICK(r, law_firms));
		out->position = pick_role(r, law_roles, LEN(law_roles), &title);
		break;
	case 8:
		snprintf(out->employer, sizeof out->employer, "%s", PICK(r, audit_firms));
		out->position = pick_role(r, audit_roles, LEN(audit_roles), &title);
		break;
	case 9: { /* a shop of one's own: 康美中药城永盛药材行 */
		const char *place = PICK(r, shop_places);
		const char *brand = PICK(r, company_brands);
		snprintf(out->employer, sizeof out->employer, "%s%s%s", place, brand,
			 PICK(r, shops));
		out->position = pick_role(r, shop_roles, LEN(shop_roles), &title);
		break;
	}
	case 10: /* not known */
		break;
	default:
		snprintf(out->employer, sizeof out->employer, "%s",
			 "安徽省高速公路控股集团有限公司亳州管理处");
		out->position = pick_role(r, highway_roles, LEN(highway_roles), &title);
		break;
	}
	out->title = title;
}

static const char *const foreign_employers[] = {
	"亳州中德中药材贸易有限公司", "Müller Pharma GmbH", "García Importaciones S.L.",
	"Nordic Herbs AB",            "亳州学院",           "亳州职业技术学院",
	"Herbal Trade Partners Ltd.", "安徽古井贡酒股份有限公司", "康美（亳州）华佗国际中药城",
	"Dvořák & Novák s.r.o.",      "Lefèvre Santé SAS",
};
static const struct role foreign_roles[] = {
	{"采购总监", NULL, 6}, {"中国区经理", NULL, 6}, {"外教", NULL, 6}, {"总经理", NULL, 4},
	{"技术顾问", NULL, 3}, {"质量经理", NULL, 3},
};

void demo_job_foreign(struct demo_rng *r, struct demo_job *out)
{
	const char *title;
	snprintf(out->employer, sizeof out->employer, "%s", PICK(r, foreign_employers));
	out->position = pick_role(r, foreign_roles, LEN(foreign_roles), &title);
	if (strcmp(out->position, "外教") == 0 && strstr(out->employer, "学院") == NULL)
		snprintf(out->employer, sizeof out->employer, "%s", "亳州学院");
	out->title = NULL;
}

/* ---- food ---------------------------------------------------------------------------------- */

#define P DEMO_PORK
#define SF DEMO_SEAFOOD
#define SH (DEMO_SHELLFISH | DEMO_SEAFOOD)
#define HOT DEMO_SPICY
#define PN DEMO_PEANUT
#define BF DEMO_BEEF
#define MT DEMO_MUTTON
#define OF DEMO_OFFAL
#define AL DEMO_ALCOHOL
#define EG DEMO_EGG
#define SE DEMO_SESAME
#define MK DEMO_MILK
#define SW DEMO_SWEET

/* The menu: Bozhou and Anhui (Hui cuisine) specialities, and the national favourites. */
const struct demo_food_item demo_dishes[] = {
	{"东山老鹅", 0, 0, 10, SEV_NONE},          {"锅烫毛肚", BF | OF | HOT, 0, 8, SEV_NONE},
	{"羊肉糊汤面", MT, 0, 8, SEV_NONE},        {"臭鳜鱼", SF, 0, 9, SEV_NONE},
	{"毛豆腐", 0, 0, 6, SEV_NONE},             {"李鸿章大杂烩", P | SH | EG, 0, 5, SEV_NONE},
	{"红烧肉", P | SW, 0, 9, SEV_NONE},        {"清蒸鲈鱼", SF, 0, 9, SEV_NONE},
	{"宫保鸡丁", HOT | PN, 0, 8, SEV_NONE},     {"亳州牛肉馍", BF, 0, 7, SEV_NONE},
	{"撒汤", EG, 0, 5, SEV_NONE},              {"涡阳干扣面", P | SE, 0, 5, SEV_NONE},
	{"八公山豆腐", 0, 0, 5, SEV_NONE},         {"符离集烧鸡", 0, 0, 6, SEV_NONE},
	{"胡适一品锅", P | EG, 0, 4, SEV_NONE},     {"黄山炖鸽", 0, 0, 4, SEV_NONE},
	{"火腿炖甲鱼", P | SF, 0, 3, SEV_NONE},     {"问政山笋", P, 0, 3, SEV_NONE},
	{"酸菜鱼", SF | HOT, 0, 7, SEV_NONE},      {"水煮牛肉", BF | HOT, 0, 6, SEV_NONE},
	{"糖醋排骨", P | SW, 0, 7, SEV_NONE},       {"蒜蓉粉丝蒸扇贝", SH, 0, 6, SEV_NONE},
	{"香辣虾", SH | HOT, 0, 5, SEV_NONE},      {"油焖大虾", SH, 0, 6, SEV_NONE},
	{"干锅牛蛙", HOT, 0, 4, SEV_NONE},         {"小炒黄牛肉", BF | HOT, 0, 6, SEV_NONE},
	{"地锅鸡", HOT, 0, 7, SEV_NONE},           {"孜然羊排", MT | HOT, 0, 6, SEV_NONE},
	{"清炒时蔬", 0, 0, 6, SEV_NONE},           {"蟹黄豆腐", SH | EG, 0, 4, SEV_NONE},
	{"麻婆豆腐", P | HOT, 0, 5, SEV_NONE},     {"西红柿炒蛋", EG | SW, 0, 5, SEV_NONE},
	{"拔丝山药", SW, 0, 4, SEV_NONE},          {"腊味合蒸", P, 0, 3, SEV_NONE},
	{"牛肉汤", BF, 0, 5, SEV_NONE},            {"老母鸡汤", 0, 0, 6, SEV_NONE},
	{"蒜蓉西兰花", 0, 0, 5, SEV_NONE},         {"板栗烧鸡", 0, 0, 5, SEV_NONE},
	{"口水鸡", HOT | PN | SE, 0, 4, SEV_NONE},  {"剁椒鱼头", SF | HOT, 0, 5, SEV_NONE},
	{"白灼虾", SH, 0, 5, SEV_NONE},            {"梅菜扣肉", P, 0, 5, SEV_NONE},
	{"黄焖鸡", HOT, 0, 4, SEV_NONE},           {"葱爆羊肉", MT, 0, 5, SEV_NONE},
	{"红烧鳜鱼", SF, 0, 4, SEV_NONE},          {"手撕包菜", HOT, 0, 4, SEV_NONE},
	{"凉拌木耳", SE, 0, 4, SEV_NONE},          {"芝麻酥饼", SE | SW, 0, 3, SEV_NONE},
	{"杨枝甘露", MK | SW, 0, 3, SEV_NONE},     {"古井贡酒焖牛肉", BF | AL, 0, 3, SEV_NONE},
};
const size_t demo_dishes_n = LEN(demo_dishes);

const struct demo_food_item demo_tastes[] = {
	{"清淡", 0, HOT, 10, SEV_NONE},        {"偏辣", HOT, 0, 8, SEV_NONE},
	{"喜甜", SW, 0, 6, SEV_NONE},          {"重口味", HOT, 0, 6, SEV_NONE},
	{"少油少盐", 0, 0, 8, SEV_NONE},       {"偏咸", 0, 0, 3, SEV_NONE},
	{"喜酸", 0, 0, 3, SEV_NONE},           {"不吃辣", 0, HOT, 6, SEV_NONE},
	{"微辣", HOT, 0, 5, SEV_NONE},         {"喜欢原汁原味", 0, 0, 4, SEV_NONE},
	{"爱吃软烂的", 0, 0, 3, SEV_NONE},     {"喜欢酥脆", 0, 0, 2, SEV_NONE},
	{"偏爱家常口味", 0, 0, 5, SEV_NONE},   {"喜欢麻辣", HOT, 0, 4, SEV_NONE},
	{"少放味精", 0, 0, 3, SEV_NONE},       {"不爱吃甜", 0, SW, 3, SEV_NONE},
};
const size_t demo_tastes_n = LEN(demo_tastes);

const struct demo_food_item demo_habits[] = {
	{"上菜要快", 0, 0, 10, SEV_NONE},
	{"喜欢包间", 0, 0, 9, SEV_NONE},
	{"只喝古井贡", AL, 0, 7, SEV_NONE},
	{"只喝古井贡年份原浆", AL, 0, 4, SEV_NONE},
	{"喜欢靠窗的位置", 0, 0, 5, SEV_NONE},
	{"饭前先上热茶", 0, 0, 6, SEV_NONE},
	{"只喝黄山毛峰", 0, 0, 4, SEV_NONE},
	{"只喝六安瓜片", 0, 0, 4, SEV_NONE},
	{"不要冰饮", 0, 0, 4, SEV_NONE},
	{"要热毛巾", 0, 0, 4, SEV_NONE},
	{"结账要开发票", 0, 0, 6, SEV_NONE},
	{"月底统一结账（挂账）", 0, 0, 3, SEV_NONE},
	{"喜欢安静，少打扰", 0, 0, 5, SEV_NONE},
	{"常带客户谈事，上完菜就退出包间", 0, 0, 4, SEV_NONE},
	{"常自带酒水", AL, 0, 3, SEV_NONE},
	{"餐后要果盘", 0, 0, 4, SEV_NONE},
	{"爱喝啤酒", AL, 0, 3, SEV_NONE},
	{"喜欢红酒", AL, 0, 3, SEV_NONE},
	{"饭后要抽烟，安排能吸烟的包间", 0, 0, 2, SEV_NONE},
	{"提前电话订位", 0, 0, 6, SEV_NONE},
	{"喜欢固定的服务员", 0, 0, 3, SEV_NONE},
	{"高效利落，服务要求高", 0, 0, 5, SEV_NONE},
	{"点菜爱听推荐新菜", 0, 0, 3, SEV_NONE},
};
const size_t demo_habits_n = LEN(demo_habits);

const struct demo_food_item demo_taboos[] = {
	{"猪肉", 0, P, 4, SEV_HIGH}, /* and always for 回族 guests */
	{"海鲜", 0, SF | SH, 4, SEV_MEDIUM},
	{"辣", 0, HOT, 5, SEV_LOW},
	{"酒", 0, AL, 4, SEV_MEDIUM},
	{"牛肉", 0, BF, 3, SEV_MEDIUM},
	{"羊肉", 0, MT, 3, SEV_LOW},
	{"动物内脏", 0, OF, 3, SEV_LOW},
	{"葱姜蒜", 0, 0, 1, SEV_LOW},
};
const size_t demo_taboos_n = LEN(demo_taboos);

const struct demo_food_item demo_allergies[] = {
	{"花生", 0, PN, 8, SEV_CRITICAL},  {"贝类", 0, SH, 6, SEV_HIGH}, {"虾", 0, SH, 4, SEV_HIGH},
	{"蟹", 0, SH, 3, SEV_HIGH},        {"芒果", 0, SW, 4, SEV_MEDIUM}, {"鸡蛋", 0, EG, 3, SEV_MEDIUM},
	{"牛奶", 0, MK, 3, SEV_MEDIUM},   {"芝麻", 0, SE, 3, SEV_HIGH}, {"坚果", 0, PN, 3, SEV_HIGH},
	{"桃子", 0, 0, 2, SEV_LOW},        {"鱼", 0, SF, 2, SEV_HIGH},   {"酒精", 0, AL, 2, SEV_MEDIUM},
};
const size_t demo_allergies_n = LEN(demo_allergies);

/* taken holds texts of items picked before: the same pointers, so no string compare */
static bool taken_has(const char *const *taken, size_t ntaken, const char *s)
{
	for (size_t i = 0; i < ntaken; i++)
		if (taken[i] == s)
			return true;
	return false;
}

const struct demo_food_item *demo_pick_food(struct demo_rng *r, const struct demo_food_item *v,
					    size_t n, unsigned avoid, const char *const *taken,
					    size_t ntaken)
{
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++)
		if (!(v[i].has & avoid) && !taken_has(taken, ntaken, v[i].text))
			total += v[i].w;
	if (total == 0)
		return NULL;
	uint64_t x = (uint64_t)demo_rng_range(r, 0, (long)total - 1);
	for (size_t i = 0; i < n; i++) {
		if ((v[i].has & avoid) || taken_has(taken, ntaken, v[i].text))
			continue;
		if (x < v[i].w)
			return &v[i];
		x -= v[i].w;
	}
	return NULL;
}

const struct demo_food_item demo_health[] = {
	{"高血压，菜要少盐", 0, 0, 4, SEV_NONE},
	{"糖尿病，控糖，甜品不上", 0, SW, 3, SEV_NONE},
	{"痛风，忌海鲜和啤酒", 0, SF | SH | AL, 3, SEV_NONE},
	{"胃不好，不吃辣不喝冰的", 0, HOT, 3, SEV_NONE},
	{"刚做过手术，暂时不能喝酒", 0, AL, 1, SEV_NONE},
};
const size_t demo_health_n = LEN(demo_health);

#undef P
#undef SF
#undef SH
#undef HOT
#undef PN
#undef BF
#undef MT
#undef OF
#undef AL
#undef EG
#undef SE
#undef MK
#undef SW

const char *const demo_dislikes[] = {
	"香菜", "葱", "大蒜", "味精", "肥肉", "芹菜", "苦瓜", "茄子", "冰块", "包间有烟味",
	"等位", "服务员频繁打扰", "菜太咸", "菜太甜", "青椒", "胡萝卜", "姜", "空调太冷",
};
const size_t demo_dislikes_n = LEN(demo_dislikes);

const char *const demo_looks_male[] = {
	"平头", "光头", "背头", "留小胡子", "络腮胡", "头发花白", "个子很高", "身材偏胖",
	"啤酒肚", "常穿中式立领", "常穿夹克", "戴金表", "手腕戴佛珠", "常拿公文包",
};
const size_t demo_looks_male_n = LEN(demo_looks_male);
const char *const demo_looks_female[] = {
	"长发", "短发", "卷发", "戴珍珠耳环", "常拎名牌包", "爱穿旗袍", "妆容精致",
	"个子高挑", "常戴丝巾", "说话轻声细语",
};
const size_t demo_looks_female_n = LEN(demo_looks_female);
const char *const demo_looks_any[] = {
	"方框眼镜", "金丝眼镜", "无框眼镜", "黑框眼镜", "右眼下有痣", "左脸有痣", "眉间有痣",
	"爱穿西装", "爱穿运动装", "身材清瘦", "说话声音洪亮", "笑声爽朗", "皮肤黝黑",
	"戴玉坠", "左手戴戒指", "门牙有缝", "常戴鸭舌帽", "右手有疤", "走路很快", "普通话带亳州口音",
};
const size_t demo_looks_any_n = LEN(demo_looks_any);

const char *const demo_characters[] = {
	"性格内敛，不爱提意见", "爽快健谈", "讲究细节，要求高", "脾气急，不愿等",
	"为人随和", "好面子，宴请时要安排周到", "话不多但观察细致", "喜欢热闹，爱敬酒",
	"注重健康饮食", "节俭，不喜欢浪费", "幽默，和服务员关系好", "时间观念强，守时",
	"有意见会直接说", "喜欢被记住名字和口味", "对价格敏感", "重情义，常带朋友来",
};
const size_t demo_characters_n = LEN(demo_characters);

const struct demo_wstr demo_ethnicities[] = {
	{"汉族", 980}, {"满族", 6}, {"蒙古族", 4}, {"壮族", 3}, {"土家族", 3}, {"苗族", 2},
	{"朝鲜族", 2},
};
const size_t demo_ethnicities_n = LEN(demo_ethnicities);

const struct demo_wstr demo_native_places[] = {
	{"安徽亳州", 400}, {"亳州涡阳", 80}, {"亳州蒙城", 70}, {"亳州利辛", 60}, {"安徽阜阳", 60},
	{"安徽合肥", 40},  {"安徽蚌埠", 25}, {"安徽淮北", 25}, {"安徽宿州", 25}, {"安徽淮南", 15},
	{"河南商丘", 35},  {"河南周口", 30}, {"河南郑州", 10}, {"江苏徐州", 15}, {"山东菏泽", 12},
	{"浙江温州", 10},  {"上海", 8},      {"北京", 5},      {"安徽安庆", 8},  {"安徽黄山", 6},
};
const size_t demo_native_places_n = LEN(demo_native_places);

const char *const demo_notes[] = {
	"逢年过节送一箱古井贡",
	"去年中秋订过三桌家宴，很满意",
	"上次反映上菜慢，已当面致歉并赠送果盘",
	"和唐总是老朋友，常一起来",
	"家人生日在店里办过，记得提前布置",
	"喜欢芍药厅，订位时优先安排",
	"结账时不要当着客人面报价格",
	"宴请领导时要求菜品精致、分量适中",
	"孩子考上大学时在店里办过谢师宴",
	"对新菜很感兴趣，出新菜时邀请品尝",
	"曾推荐公司年会在本店举办",
	"不喜欢被推销酒水",
	"过年前会订年夜饭，记得提前一个月联系",
	"喜欢安静的包间，不要安排在楼梯口",
};
const size_t demo_notes_n = LEN(demo_notes);

const char *const demo_streets[] = {
	"魏武大道", "汤王大道", "芍花路", "光明路", "希夷大道", "药都路", "向阳路", "人民中路",
	"健康路", "谯陵路", "合欢路", "紫苑路", "牡丹路", "学府路",
};
const size_t demo_streets_n = LEN(demo_streets);
const char *const demo_estates[] = {
	"碧桂园", "万达华府", "恒大名都", "康美中药城小区", "华佗苑", "汤陵新村", "芍花园",
	"金色湾", "锦绣华庭", "书香苑",
};
const size_t demo_estates_n = LEN(demo_estates);

const char *const demo_rooms[] = {
	"牡丹厅", "芍药厅", "菊花厅", "兰亭", "华佗厅", "魏武厅", "涡河厅", "花戏楼",
	"古井厅", "汤王厅", "VIP1",  "VIP2",  "VIP3",  "VIP5",  "VIP6",  "VIP8",
};
const size_t demo_rooms_n = LEN(demo_rooms);

const char *const demo_visit_notes[] = {
	"生日宴", "商务宴请", "公司聚餐", "带了两瓶古井贡原浆", "要求上菜快", "客人自带酒水",
	"家宴", "同学聚会", "接待外地客户", "谢师宴", "加了一道臭鳜鱼", "送了果盘",
};
const size_t demo_visit_notes_n = LEN(demo_visit_notes);

const char *const demo_driver_notes[] = {
	"常在车里等，送一份工作餐", "开黑色奥迪", "不喝酒，上一壶茶", "喜欢吃面食",
	"人很客气，可以请他提前确认人数",
};
const size_t demo_driver_notes_n = LEN(demo_driver_notes);
const char *const demo_secretary_notes[] = {
	"订位一般由她联系", "负责结账开票", "记性好，会提前报人数和忌口", "订位一般由他联系",
	"宴请前会来店里看包间",
};
const size_t demo_secretary_notes_n = LEN(demo_secretary_notes);

const struct demo_wstr demo_sales_managers[] = {
	{"zhangwei", 18}, {"lina", 16}, {"wangfang", 14}, {"liuyang", 13},
	{"chenjing", 12}, {"yangmin", 11}, {"zhaolei", 9}, {"sunli", 7},
};
const size_t demo_sales_managers_n = LEN(demo_sales_managers);
const char *const demo_sales_manager_names[] = {
	"张伟", "李娜", "王芳", "刘洋", "陈静", "杨敏", "赵磊", "孙丽",
};

/* ---- phones -------------------------------------------------------------------------------- */

static const char *const mobile_prefixes[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150",
	"151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "175",
	"176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187",
	"188", "189", "191", "193", "195", "198", "199",
};

char *demo_mobile(struct demo_rng *r, uint64_t key, uint64_t index, char *buf)
{
	const char *pre = PICK(r, mobile_prefixes);
	unsigned long v = (unsigned long)demo_permute(key, DEMO_MOBILE_SLOTS, index);
	unsigned long a = v / 10000, b = v % 10000;
	long style = demo_rng_range(r, 0, 19);
	if (style < 14)
		snprintf(buf, 24, "%s%04lu%04lu", pre, a, b);
	else if (style < 18)
		snprintf(buf, 24, "%s %04lu %04lu", pre, a, b);
	else
		snprintf(buf, 24, "%s-%04lu-%04lu", pre, a, b);
	return buf;
}

char *demo_landline(struct demo_rng *r, uint64_t key, uint64_t index, char *buf)
{
	static const struct demo_wstr areas[] = {
		{"0558", 85}, {"0551", 9}, {"0552", 3}, {"0561", 3},
	};
	const char *area = demo_pick_w(r, areas, LEN(areas));
	/* 7 digits, the first 2..8: one local number per index */
	unsigned long local = 2000000 + (unsigned long)demo_permute(key, DEMO_LANDLINE_SLOTS, index);
	const char *extra = strcmp(area, "0551") == 0 ? "6" : ""; /* Hefei has 8 digits */
	long style = demo_rng_range(r, 0, 9);
	if (style < 6)
		snprintf(buf, 24, "%s-%s%lu", area, extra, local);
	else if (style < 8)
		snprintf(buf, 24, "(%s)%s%lu", area, extra, local);
	else
		snprintf(buf, 24, "%s %s%lu", area, extra, local);
	return buf;
}
