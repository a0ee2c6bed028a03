/* libFuzzer target for the expectations file of `fupin check` (formats.md section 3):
 * the input is the file, checked against a small fixed dataset under the national
 * policy. Asserted: the check ends in 0 or a documented code; passed + failed counts
 * the rows; every mismatch line and message is masked (no identity number of the
 * dataset, and nothing else that looks like one, printed in full); nothing crashes,
 * leaks or reads out of bounds. fupin_check_dataset reads a path, so each input is
 * written to one temporary file first. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_check.h"
#include "io/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char villages[] =
    "village_code,name,region,population,water_scarce,paved_road,electricity,clinic,"
    "broadband,collective_income\n"
    "522327101203,A,west,100,0,1,1,1,1,86000\n"
    "411523103105,B,central,,0,1,1,1,1,\n";
static const char households[] =
    "household_id,village_code,registered_year,exit_year,monitor,monitor_since,assistance,"
    "housing,food_secure,clothing_secure,water_litres,water_minutes,water_supply_rate,"
    "water_quality_ok\n"
    "H1,522327101203,,,,,none,B,1,1,40,10,95,1\n"
    "H2,522327101203,2016,,,,dibao,relocated,1,1,36,0,100,1\n"
    "H3,411523103105,2015,2019,hardship,2023-08,none,C,1,,,,,\n";
static const char members[] =
    "household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor\n"
    "H1,M1,1985-03-12,M,522327198503120116,completed,0,1,healthy,full\n"
    "H1,M2,2012-09-01,M,522327201209010113,dropout,0,1,healthy,none\n"
    "H2,M3,1987-11-02,F,522327198711020128,completed,0,1,chronic,partial\n"
    "H3,M4,1950,F,,completed,1,0,major_illness,none\n";
static const char incomes[] =
    "household_id,year,wage,business,property,transfer,production_expense,medical_expense,"
    "education_expense\n"
    "H1,2023,49000,12000,500,2000,3500,1000,700\n"
    "H1,2024,52000,14000,500,1500,4000,1200,800\n"
    "H2,2024,3000,2000,200,6000,400,1800,400\n"
    "H3,2024,,100,0,0,0,,\n";
static const char *const secret[] = {"522327198503120116", "522327201209010113",
                                     "522327198711020128"};

static fupin_policy *policy;
static fupin_dataset *dataset;
static char path[64];

static void cleanup(void)
{
    unlink(path);
}

static void setup(void)
{
    const char *part[FUPIN_FILE_COUNT] = {villages, households, members, incomes, NULL};
    size_t len[FUPIN_FILE_COUNT] = {sizeof villages - 1, sizeof households - 1, sizeof members - 1,
                                    sizeof incomes - 1, 0};
    if (fupin_policy_builtin(&policy, "national") ||
        fupin__dataset_load_memory(&dataset, part, len, 0))
        abort();
    snprintf(path, sizeof path, "/tmp/fupin-fuzz-expect-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        abort();
    close(fd);
    atexit(cleanup);
}

static void masked(const char *m)
{
    size_t n = strlen(m);
    char copy[4096];
    if (n >= sizeof copy)
        n = sizeof copy - 1;
    memcpy(copy, m, n);
    if (fupin__mask_ids(copy, n))
        abort(); /* something that looks like an identity number, in full */
    for (size_t k = 0; k < sizeof secret / sizeof *secret; k++)
        if (fz_contains(m, strlen(m), secret[k], 18))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dataset)
        setup();
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    fupin_check *k = NULL;
    int rc = fupin_check_dataset(&k, policy, dataset, path, 0);
    if (rc) {
        if (k || (rc != FUPIN_EPARSE && rc != FUPIN_EIO && rc != FUPIN_ENOTFOUND &&
                  rc != FUPIN_ENOMEM && rc != FUPIN_EINVAL))
            abort();
        masked(fupin_last_error());
        return 0;
    }
    size_t rows = 0;
    for (size_t i = 0; i < size; i++)
        rows += data[i] == '\n' || data[i] == '\r';
    if (fupin_check_passed(k) + fupin_check_failed(k) > rows + 1)
        abort(); /* at most one result per row */
    for (size_t i = 0; i < fupin_check_failed(k); i++) {
        const char *m = fupin_check_mismatch(k, i);
        if (!m)
            abort();
        masked(m);
    }
    if (fupin_check_mismatch(k, fupin_check_failed(k)))
        abort();
    fupin_check_free(k);
    return 0;
}
