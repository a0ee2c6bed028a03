/* Loading edge cases, black-box (formats.md 1 and 2): households with many members
 * (duplicate member ids found among 40), files that are folders or FIFOs, policy
 * files that are not regular files. Expected outcomes from the contract: a duplicate
 * member id is an error naming its line (strict) or a skipped record making the
 * household incomplete (lenient); a path that is not a regular file is refused with
 * FUPIN_EIO, without blocking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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
    assert_non_null(tu_mkdtemp(dir));
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

/* formats.md 2: `name` is printable UTF-8: 2-, 3- and 4-byte characters pass; a cut
 * sequence, an overlong form, a surrogate and a code point above U+10FFFF are refused
 * naming file and line. */
static void test_F2_policy_name_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int ok;
    } cases[] = {
        {"caf\xC3\xA9", 1},       {"\xE7\x9C\x81 2024", 1},
        {"a\xF0\x9F\x98\x80", 1}, {"a\xE7\x94", 0},
        {"a\xE0\x80\x80", 0},     {"a\xED\xA0\x80", 0},
        {"a\xF4\x90\x80\x80", 0}, {"a\xC1\xBF", 0},
        {"a\xF0\x9F\x98", 0},     {"a\x80", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "name = %s\n", cases[i].name);
        fupin_policy *p = NULL;
        int rc = fupin_policy_parse(&p, text, strlen(text), "u.pol", ".");
        if (cases[i].ok) {
            FUPIN_OK_OR_FAIL(rc);
            assert_string_equal(fupin_policy_name(p), cases[i].name);
        } else {
            if (rc == 0)
                fail_msg("case %zu accepted", i);
            assert_non_null(strstr(fupin_last_error(), "u.pol:1"));
        }
        fupin_policy_free(p);
    }
}

/* formats.md 2: an extends chain deeper than any real one (33 files) is refused, not
 * followed without end; 32 levels load. */
static void test_F2_extends_chain_depth(void **state)
{
    (void)state;
    char name[32], text[64], path[256];
    new_dir();
    write_file("p0.pol", "poverty_line@2024 = 4100\n");
    for (int i = 1; i <= 33; i++) {
        snprintf(name, sizeof name, "p%d.pol", i);
        snprintf(text, sizeof text, "extends = p%d.pol\n", i - 1);
        write_file(name, text);
    }
    fupin_policy *p = NULL;
    snprintf(path, sizeof path, "%s/p31.pol", dir);
    FUPIN_OK_OR_FAIL(fupin_policy_load(&p, path));
    double v = 0;
    FUPIN_OK_OR_FAIL(fupin_policy_get(p, "poverty_line", NULL, 2024, &v));
    assert_true(v == 4100);
    fupin_policy_free(p);
    p = NULL;
    snprintf(path, sizeof path, "%s/p33.pol", dir);
    assert_int_equal(fupin_policy_load(&p, path), FUPIN_EPARSE);
    assert_null(p);
    assert_non_null(strstr(fupin_last_error(), "deeper"));
}

/* formats.md 1: dataset text is UTF-8: a 4-byte character in a name loads; a cut
 * 4-byte sequence is refused with file and line. */
static void test_F1_dataset_utf8_four_byte_characters(void **state)
{
    (void)state;
    const char *members = "household_id,member_id,birth,sex,id_number,school,disability,"
                          "insured,health,labor\nH1,m1,1980,M,,,0,1,healthy,full\n";
    new_dir();
    write_file("villages.csv", "village_code,name,region,population,water_scarce,paved_road,"
                               "electricity,clinic,broadband,collective_income\n"
                               "530102001001,v\xF0\x9F\x98\x80,west,100,0,1,1,1,1,\n");
    write_file("households.csv", households);
    write_file("members.csv", members);
    fupin_dataset *ds = NULL;
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&ds, dir, FUPIN_LOAD_STRICT));
    assert_string_equal(fupin_village_name(fupin_dataset_village(ds, 0)), "v\xF0\x9F\x98\x80");
    fupin_dataset_free(ds);
    ds = NULL;
    write_file("villages.csv", "village_code,name,region,population,water_scarce,paved_road,"
                               "electricity,clinic,broadband,collective_income\n"
                               "530102001001,v\xF0\x9F\x98,west,100,0,1,1,1,1,\n");
    assert_true(fupin_dataset_load(&ds, dir, FUPIN_LOAD_STRICT) < 0);
    assert_null(ds);
    assert_non_null(strstr(fupin_last_error(), "villages.csv:2"));
}

/* A socket in place of a dataset file is refused at once, naming the file. */
static void test_F1_a_socket_in_place_of_a_file_is_refused(void **state)
{
    (void)state;
    new_dir();
    write_file("villages.csv", villages);
    write_file("households.csv", households);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s/members.csv", dir);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    fupin_dataset *ds = NULL;
    assert_true(fupin_dataset_load(&ds, dir, FUPIN_LOAD_STRICT) < 0);
    assert_null(ds);
    assert_non_null(strstr(fupin_last_error(), "members.csv"));
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_F1_duplicate_member_id_in_a_big_household),
        cmocka_unit_test(test_F1_a_folder_in_place_of_a_file_is_refused),
        cmocka_unit_test(test_F2_policy_paths_that_are_not_regular_files),
        cmocka_unit_test(test_F2_policy_name_utf8),
        cmocka_unit_test(test_F2_extends_chain_depth),
        cmocka_unit_test(test_F1_dataset_utf8_four_byte_characters),
        cmocka_unit_test(test_F1_a_socket_in_place_of_a_file_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
