/* Loading edge cases, black-box (formats.md 1 and 2): households with many members
 * (duplicate member ids found among 40), files that are folders or FIFOs, policy
 * files that are not regular files. Expected outcomes from the contract: a duplicate
 * member id is an error naming its line (strict) or a skipped record making the
 * household incomplete (lenient); a path that is not a regular file is refused with
 * FUPIN_EIO, without blocking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void new_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/fupin-io-XXXXXX");
    assert_non_null(mkdtemp(dir));
}

static const char *villages = "village_code,name,region,population,water_scarce,paved_road,"
                              "electricity,clinic,broadband,collective_income\n"
                              "530102001001,v,west,100,0,1,1,1,1,\n";
static const char *households =
    "household_id,village_code,registered_year,exit_year,monitor,monitor_since,assistance,"
    "housing,food_secure,clothing_secure,water_litres,water_minutes,water_supply_rate,"
    "water_quality_ok\nH1,530102001001,,,,,none,A,1,1,40,10,95,1\n";

/* 40 members (beyond any small-household fast path), the 40th repeating m7: strict
 * load fails at members.csv line 42 (header 1, members on lines 2..41, the repeat on
 * 42); lenient load keeps 40 members and marks the household incomplete. */
static void test_F1_duplicate_member_id_in_a_big_household(void **state)
{
    (void)state;
    char members[8192];
    size_t n = (size_t)snprintf(members, sizeof members,
                                "household_id,member_id,birth,sex,id_number,school,disability,"
                                "insured,health,labor\n");
    for (int i = 1; i <= 40; i++)
        n += (size_t)snprintf(members + n, sizeof members - n, "H1,m%d,1980,M,,,0,1,healthy,full\n",
                              i);
    snprintf(members + n, sizeof members - n, "H1,m7,1981,F,,,0,1,healthy,full\n");
    new_dir();
    write_file("villages.csv", villages);
    write_file("households.csv", households);
    write_file("members.csv", members);
    fupin_dataset *ds = NULL;
    assert_int_equal(fupin_dataset_load(&ds, dir, FUPIN_LOAD_STRICT), FUPIN_EPARSE);
    assert_null(ds);
    assert_non_null(strstr(fupin_last_error(), "members.csv:42: column member_id"));
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&ds, dir, FUPIN_LOAD_LENIENT));
    const fupin_household *h = fupin_village_household(fupin_dataset_village(ds, 0), 0);
    assert_int_equal(fupin_household_member_count(h), 40);
    assert_true(fupin_household_incomplete(h));
    fupin_dataset_free(ds);
}

/* formats.md 1: a required file that is a folder is refused (both modes). */
static void test_F1_a_folder_in_place_of_a_file_is_refused(void **state)
{
    (void)state;
    char path[256];
    new_dir();
    write_file("villages.csv", villages);
    write_file("households.csv", households);
    snprintf(path, sizeof path, "%s/members.csv", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    fupin_dataset *ds = NULL;
    int rc = fupin_dataset_load(&ds, dir, FUPIN_LOAD_LENIENT);
    assert_true(rc == FUPIN_EIO || rc == FUPIN_ENOTFOUND);
    assert_null(ds);
    assert_non_null(strstr(fupin_last_error(), "members.csv"));
}

/* formats.md 2: a policy path that is a folder or a FIFO is refused with FUPIN_EIO and
 * does not block, directly and through extends. */
static void test_F2_policy_paths_that_are_not_regular_files(void **state)
{
    (void)state;
    char path[256];
    fupin_policy *p = NULL;
    new_dir();
    assert_int_equal(fupin_policy_load(&p, dir), FUPIN_EIO);
    assert_null(p);
    snprintf(path, sizeof path, "%s/fifo.pol", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(fupin_policy_load(&p, path), FUPIN_EIO);
    assert_null(p);
    write_file("child.pol", "extends = fifo.pol\n");
    snprintf(path, sizeof path, "%s/child.pol", dir);
    assert_int_equal(fupin_policy_load(&p, path), FUPIN_EIO);
    assert_non_null(strstr(fupin_last_error(), "child.pol:1"));
    assert_null(p);
    /* a missing parent is FUPIN_ENOTFOUND naming the line */
    write_file("orphan.pol", "# a comment\nextends = nowhere.pol\n");
    snprintf(path, sizeof path, "%s/orphan.pol", dir);
    assert_int_equal(fupin_policy_load(&p, path), FUPIN_ENOTFOUND);
    assert_non_null(strstr(fupin_last_error(), "orphan.pol:2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_F1_duplicate_member_id_in_a_big_household),
        cmocka_unit_test(test_F1_a_folder_in_place_of_a_file_is_refused),
        cmocka_unit_test(test_F2_policy_paths_that_are_not_regular_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
