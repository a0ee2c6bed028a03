/* Reason-code tables: name, rule id, English and Chinese one-liners (docs/reference/rules.md). */
#include <string.h>

#include "core.h"
#include "names.h"

struct reason_row {
    struct fupin__name name; /* len 0: no reason has this code */
    const char *rule, *en, *zh;
};

/* Indexed by code, so that naming a reason (several per result line) is one look-up;
 * the codes between the groups are empty rows. */
#define ROW(code, name, rule, en, zh) [code] = {{code, FUPIN__NAME_TEXT(name)}, rule, en, zh}

static const struct reason_row rows[] = {
    ROW(FUPIN_REASON_FOOD_INSECURE, "FOOD_INSECURE", "R-G1", "food is not secure",
        "吃饭不愁未达标"),
    ROW(FUPIN_REASON_FOOD_UNKNOWN, "FOOD_UNKNOWN", "R-G1", "food security not assessed",
        "吃饭不愁情况未知"),
    ROW(FUPIN_REASON_CLOTHING_INSECURE, "CLOTHING_INSECURE", "R-G2", "clothing is not secure",
        "穿衣不愁未达标"),
    ROW(FUPIN_REASON_CLOTHING_UNKNOWN, "CLOTHING_UNKNOWN", "R-G2", "clothing security not assessed",
        "穿衣不愁情况未知"),
    ROW(FUPIN_REASON_EDU_DROPOUT, "EDU_DROPOUT", "R-G3",
        "a member of compulsory-school age is out of school", "有义务教育阶段适龄人员失学辍学"),
    ROW(FUPIN_REASON_EDU_UNKNOWN, "EDU_UNKNOWN", "R-G3",
        "schooling of a member of compulsory-school age is unknown",
        "义务教育阶段适龄人员就学情况未知"),
    ROW(FUPIN_REASON_MED_UNINSURED, "MED_UNINSURED", "R-G4",
        "a member has no basic medical insurance", "有成员未参加基本医疗保险"),
    ROW(FUPIN_REASON_MED_UNKNOWN, "MED_UNKNOWN", "R-G4", "a member's medical insurance is unknown",
        "有成员参保情况未知"),
    ROW(FUPIN_REASON_HOUSING_UNSAFE, "HOUSING_UNSAFE", "R-G5",
        "the dwelling is unsafe (grade C or D) or missing", "住房不安全（C级、D级危房或无房）"),
    ROW(FUPIN_REASON_HOUSING_UNKNOWN, "HOUSING_UNKNOWN", "R-G5", "housing safety not appraised",
        "住房安全情况未知"),
    ROW(FUPIN_REASON_WATER_QUANTITY, "WATER_QUANTITY", "R-G6",
        "too little drinking water per person per day", "饮水水量不达标"),
    ROW(FUPIN_REASON_WATER_ACCESS, "WATER_ACCESS", "R-G6", "fetching water takes too long",
        "取水往返时间过长"),
    ROW(FUPIN_REASON_WATER_SUPPLY, "WATER_SUPPLY", "R-G6", "water supply guarantee rate too low",
        "供水保证率不达标"),
    ROW(FUPIN_REASON_WATER_QUALITY, "WATER_QUALITY", "R-G6",
        "water quality below the local standard", "水质不达标"),
    ROW(FUPIN_REASON_WATER_UNKNOWN, "WATER_UNKNOWN", "R-G6", "drinking-water safety unknown",
        "饮水安全情况未知"),
    ROW(FUPIN_REASON_INCOME_BELOW_LINE, "INCOME_BELOW_LINE", "R-A1",
        "per-capita income below the poverty line", "人均纯收入低于扶贫标准"),
    ROW(FUPIN_REASON_INCOME_BELOW_THRESHOLD, "INCOME_BELOW_THRESHOLD", "R-A2",
        "per-capita income below the monitoring threshold", "人均纯收入低于监测标准"),
    ROW(FUPIN_REASON_INCOME_DROP, "INCOME_DROP", "R-A3",
        "per-capita income fell sharply from last year", "人均纯收入较上年大幅下降"),
    ROW(FUPIN_REASON_RIGID_EXPENSE, "RIGID_EXPENSE", "R-A4",
        "medical and education spending exceed the set share of last year's household net income",
        "医疗、教育刚性支出超过上年家庭纯收入的规定比例"),
    ROW(FUPIN_REASON_EVENT_MAJOR_ILLNESS, "EVENT_MAJOR_ILLNESS", "R-A5",
        "a major illness this year", "本年发生重大疾病"),
    ROW(FUPIN_REASON_EVENT_ACCIDENT, "EVENT_ACCIDENT", "R-A5", "an accident this year",
        "本年发生意外事故"),
    ROW(FUPIN_REASON_EVENT_DISABILITY, "EVENT_DISABILITY", "R-A5",
        "a member became disabled this year", "本年新增残疾"),
    ROW(FUPIN_REASON_EVENT_DISASTER, "EVENT_DISASTER", "R-A5", "a natural disaster this year",
        "本年遭受自然灾害"),
    ROW(FUPIN_REASON_EVENT_DEATH, "EVENT_DEATH", "R-A5", "a death in the household this year",
        "本年家庭成员死亡"),
    ROW(FUPIN_REASON_EVENT_JOB_LOSS, "EVENT_JOB_LOSS", "R-A5", "a job lost this year",
        "本年务工就业中断"),
    ROW(FUPIN_REASON_EVENT_BUSINESS_FAILURE, "EVENT_BUSINESS_FAILURE", "R-A5",
        "a business failed this year", "本年产业经营失败"),
    ROW(FUPIN_REASON_EVENT_OTHER, "EVENT_OTHER", "R-A5", "another shock this year",
        "本年发生其他突发困难"),
    ROW(FUPIN_REASON_NO_LABOR, "NO_LABOR", "R-A7", "no member has labour capacity",
        "家庭成员均无劳动能力"),
    ROW(FUPIN_REASON_NO_LABOR_UNCOVERED, "NO_LABOR_UNCOVERED", "R-A8",
        "no labour capacity and neither dibao nor tekun", "无劳动能力且未纳入低保或特困供养"),
    ROW(FUPIN_REASON_INCOME_UNKNOWN, "INCOME_UNKNOWN", "R-A9", "per-capita income unknown",
        "人均纯收入未知"),
    ROW(FUPIN_REASON_MONITORED_TOO_SHORT, "MONITORED_TOO_SHORT", "R-M1",
        "monitored for fewer than the minimum months", "监测时间不足"),
    ROW(FUPIN_REASON_GUARANTEE_NOT_MET, "GUARANTEE_NOT_MET", "R-M1",
        "guarantees not known to be met", "“两不愁三保障”及饮水安全未确认达标"),
    ROW(FUPIN_REASON_RISK_PRESENT, "RISK_PRESENT", "R-M1",
        "a risk (income drop, rigid spending or a shock) is present this year",
        "本年仍存在返贫致贫风险"),
    ROW(FUPIN_REASON_RISK_UNKNOWN, "RISK_UNKNOWN", "R-M1", "whether a risk is present is unknown",
        "风险是否消除未知"),
    ROW(FUPIN_REASON_LABOR_UNKNOWN, "LABOR_UNKNOWN", "R-M1",
        "no member is known to have labour capacity and one's is unknown",
        "有成员劳动能力情况未知"),
    ROW(FUPIN_REASON_INCIDENCE_TOO_HIGH, "INCIDENCE_TOO_HIGH", "R-V2",
        "poverty incidence above the exit maximum", "贫困发生率高于退出标准"),
    ROW(FUPIN_REASON_INCIDENCE_UNKNOWN, "INCIDENCE_UNKNOWN", "R-V2", "poverty incidence unknown",
        "贫困发生率未知"),
    ROW(FUPIN_REASON_VILLAGE_NO_PAVED_ROAD, "VILLAGE_NO_PAVED_ROAD", "R-V2", "no paved road",
        "未通硬化路"),
    ROW(FUPIN_REASON_VILLAGE_NO_ELECTRICITY, "VILLAGE_NO_ELECTRICITY", "R-V2", "no electricity",
        "未通电"),
    ROW(FUPIN_REASON_VILLAGE_NO_CLINIC, "VILLAGE_NO_CLINIC", "R-V2",
        "no standard clinic with a qualified doctor", "无标准化卫生室或合格村医"),
    ROW(FUPIN_REASON_VILLAGE_NO_BROADBAND, "VILLAGE_NO_BROADBAND", "R-V2", "no broadband",
        "未通宽带"),
    ROW(FUPIN_REASON_VILLAGE_UNKNOWN_PAVED_ROAD, "VILLAGE_UNKNOWN_PAVED_ROAD", "R-V2",
        "paved road unknown", "通硬化路情况未知"),
    ROW(FUPIN_REASON_VILLAGE_UNKNOWN_ELECTRICITY, "VILLAGE_UNKNOWN_ELECTRICITY", "R-V2",
        "electricity unknown", "通电情况未知"),
    ROW(FUPIN_REASON_VILLAGE_UNKNOWN_CLINIC, "VILLAGE_UNKNOWN_CLINIC", "R-V2", "clinic unknown",
        "卫生室情况未知"),
    ROW(FUPIN_REASON_VILLAGE_UNKNOWN_BROADBAND, "VILLAGE_UNKNOWN_BROADBAND", "R-V2",
        "broadband unknown", "通宽带情况未知"),
};

size_t fupin__reason_count(void)
{
    size_t n = 0;
    for (size_t c = 0; c < sizeof rows / sizeof rows[0]; c++)
        n += rows[c].name.len != 0;
    return n;
}

/* The i-th reason in code order (the table order of fupin_enum_value). */
int fupin__reason_at(size_t i)
{
    for (size_t c = 0; c < sizeof rows / sizeof rows[0]; c++)
        if (rows[c].name.len && i-- == 0)
            return (int)c;
    return 0;
}

static const struct reason_row *find(int code)
{
    if (code < 0 || (size_t)code >= sizeof rows / sizeof rows[0] || !rows[code].name.len)
        return NULL;
    return &rows[code];
}

const struct fupin__name *fupin__reason_row(int code)
{
    const struct reason_row *r = find(code);
    return r ? &r->name : NULL;
}

const char *fupin_reason_name(int reason)
{
    const struct reason_row *r = find(reason);
    return r ? r->name.text : NULL;
}

const char *fupin_reason_rule(int reason)
{
    const struct reason_row *r = find(reason);
    return r ? r->rule : NULL;
}

const char *fupin_reason_describe(int reason, const char *lang)
{
    const struct reason_row *r = find(reason);
    if (!r)
        return NULL;
    if (!lang || strcmp(lang, "en") == 0)
        return r->en;
    if (strcmp(lang, "zh") == 0)
        return r->zh;
    return NULL;
}

int fupin_reason_from_name(const char *name, int32_t *out)
{
    if (!name || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    for (size_t c = 0; c < sizeof rows / sizeof rows[0]; c++)
        if (rows[c].name.len && strcmp(rows[c].name.text, name) == 0) {
            *out = (int32_t)c;
            return 0;
        }
    return fupin__error(FUPIN_ENOTFOUND, "no reason code named \"%s\"", name);
}
