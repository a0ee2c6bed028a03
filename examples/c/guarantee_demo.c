/* guarantee_demo: build two households through the fupin API, evaluate them for
 * 2024 under the built-in national policy and print their "two no worries, three
 * guarantees" plus water status (docs/reference/rules.md section 1, R-G1..R-G7).
 *
 *   household H-OK      meets everything;
 *   household H-DROPOUT has a 12-year-old who dropped out of school and no
 *                       drinking-water data at all.
 *
 * Every value is given as the text a dataset CSV would hold (docs/dataset.md),
 * so this is also a small tour of the household API. */
#include <fupin.h>
#include <stdio.h>

/* Names of statuses and dimensions come from the library (the JSON texts). */

/* Print fupin's detail of the last failure and pass the code on. */
static int check(int rc, const char *what)
{
    if (rc != 0)
        fprintf(stderr, "guarantee_demo: %s: %s (%s)\n", what, fupin_strerror(rc),
                fupin_last_error());
    return rc;
}

/* A household with its village context, housing, food and clothing assessed, and
 * two members: an insured adult and an insured child born in 2012 (aged 12 on
 * 31 August 2024, the cut-off that R-G3 counts school age on). */
static int build(fupin_household **out, const char *id, const char *child_school, int water_known)
{
    fupin_household *h = NULL;
    int rc = check(fupin_household_create(&h, id), "create");
    if (rc)
        return rc;
    /* Household fields by their households.csv column names. A standalone household
     * also needs the village context: region and whether the area is water-scarce. */
    const char *fields[][2] = {
        {"region", "west"},   {"water_scarce", "0"},    {"housing", "B"},
        {"food_secure", "1"}, {"clothing_secure", "1"},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0] && !rc; i++)
        rc = check(fupin_household_set(h, fields[i][0], fields[i][1]), fields[i][0]);
    /* R-G6: 35 litres a day, water piped to the yard (0 minutes), 95 % supply, good
     * quality. Left out entirely, each indicator stays unknown: never a pass. */
    if (!rc && water_known) {
        const char *water[][2] = {{"water_litres", "35"},
                                  {"water_minutes", "0"},
                                  {"water_supply_rate", "95"},
                                  {"water_quality_ok", "1"}};
        for (size_t i = 0; i < 4 && !rc; i++)
            rc = check(fupin_household_set(h, water[i][0], water[i][1]), water[i][0]);
    }
    /* Members: birth is required; everything else is set by members.csv column. */
    if (!rc)
        rc = check(fupin_household_add_member(h, "parent", "1985-04-12"), "add parent");
    if (!rc)
        rc = check(fupin_household_set_member(h, "parent", "insured", "1"), "parent insured");
    if (!rc)
        rc = check(fupin_household_add_member(h, "child", "2012-03"), "add child");
    if (!rc)
        rc = check(fupin_household_set_member(h, "child", "insured", "1"), "child insured");
    if (!rc)
        rc = check(fupin_household_set_member(h, "child", "school", child_school), "school");
    if (rc) {
        fupin_household_free(h);
        return rc;
    }
    *out = h;
    return 0;
}

/* Print the R-G7 status, each dimension and the reasons with their descriptions. */
static void print_result(const fupin_result *r)
{
    printf("household %s, %d: guarantee %s\n", fupin_result_household(r), (int)fupin_result_year(r),
           fupin_enum_name(FUPIN_ENUM_STATUS, fupin_result_guarantee(r)));
    for (int d = 0; d < FUPIN_DIM_COUNT; d++)
        printf("  %-10s %s\n", fupin_enum_name(FUPIN_ENUM_DIMENSION, d),
               fupin_enum_name(FUPIN_ENUM_STATUS, fupin_result_dimension(r, d)));
    size_t n = fupin_result_reason_count(r, FUPIN_LIST_GUARANTEE);
    if (n == 0)
        printf("  reasons: none\n");
    else
        printf("  reasons:\n");
    for (size_t i = 0; i < n; i++) {
        int code = fupin_result_reason(r, FUPIN_LIST_GUARANTEE, i);
        printf("    %s (%s): %s\n", fupin_reason_name(code), fupin_reason_rule(code),
               fupin_reason_describe(code, "en"));
    }
}

int main(void)
{
    fupin_policy *policy = NULL;
    fupin_household *households[2] = {NULL, NULL};
    fupin_result *result = NULL;
    int rc = check(fupin_policy_builtin(&policy, "national"), "national policy");
    if (!rc)
        rc = build(&households[0], "H-OK", "enrolled", 1);
    if (!rc)
        rc = build(&households[1], "H-DROPOUT", "dropout", 0);
    /* One result buffer serves any number of evaluations: evaluating allocates nothing. */
    if (!rc)
        rc = check(fupin_result_create(&result), "result");
    for (int i = 0; i < 2 && !rc; i++) {
        rc = check(fupin_household_evaluate(policy, households[i], 2024, result), "evaluate");
        if (!rc)
            print_result(result);
    }
    fupin_result_free(result);
    fupin_household_free(households[0]);
    fupin_household_free(households[1]);
    fupin_policy_free(policy);
    return rc ? 1 : 0;
}
