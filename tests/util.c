#define _XOPEN_SOURCE 700 /* mkdtemp, nftw */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* ------------------------------------------------------------ temporary folders */

/* The folders tu_mkdtemp made, removed with what they hold when the program exits,
 * whether its tests passed or failed (a failed assertion skips a test's own clean-up):
 * a test run leaves nothing in /tmp. */
static char **made;
static size_t n_made;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0; /* go on whatever could not be removed */
}

static void remove_made(void)
{
    for (size_t i = 0; i < n_made; i++) {
        nftw(made[i], remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        free(made[i]);
    }
    free(made);
    made = NULL;
    n_made = 0;
}

char *tu_mkdtemp(char *tmpl)
{
    if (!mkdtemp(tmpl))
        return NULL;
    char **grown = realloc(made, (n_made + 1) * sizeof *made);
    char *copy = strdup(tmpl);
    if (!grown || !copy) {
        free(copy);
        if (grown)
            made = grown;
        return tmpl; /* made, only not removed at exit */
    }
    made = grown;
    if (n_made == 0)
        atexit(remove_made);
    made[n_made++] = copy;
    return tmpl;
}

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && v[0] ? v : dflt;
}

const char *tu_source_path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", env_or("FUPIN_SOURCE_ROOT", "."), rel);
    return buf;
}

fupin_household *tu_household_ok(const char *id, int32_t year, const char *total_yuan)
{
    fupin_household *h = NULL;
    if (fupin_household_create(&h, id))
        return NULL;
    const char *fields[][2] = {
        {"region", "east"},     {"water_scarce", "0"},       {"housing", "A"},
        {"food_secure", "1"},   {"clothing_secure", "1"},    {"water_litres", "60"},
        {"water_minutes", "0"}, {"water_supply_rate", "95"}, {"water_quality_ok", "1"},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fupin_household_set(h, fields[i][0], fields[i][1]))
            goto fail;
    if (fupin_household_add_member(h, "m1", "1980-05-01") ||
        fupin_household_set_member(h, "m1", "insured", "1") ||
        fupin_household_set_member(h, "m1", "labor", "full"))
        goto fail;
    if (total_yuan) {
        const char *inc[][2] = {{"wage", total_yuan},     {"business", "0"},
                                {"property", "0"},        {"transfer", "0"},
                                {"medical_expense", "0"}, {"education_expense", "0"}};
        for (size_t i = 0; i < sizeof inc / sizeof inc[0]; i++)
            if (fupin_household_set_income(h, year, inc[i][0], inc[i][1]))
                goto fail;
    }
    return h;
fail:
    fprintf(stderr, "tu_household_ok: %s\n", fupin_last_error());
    fupin_household_free(h);
    return NULL;
}

const char *tu_write_temp(const char *name, const char *text)
{
    static char path[4096];
    char dir[] = "/tmp/fupin-test-XXXXXX";
    if (!tu_mkdtemp(dir))
        return NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    fputs(text, f);
    fclose(f);
    return path;
}

int tu_setup_national(void **state)
{
    static struct fx f;
    if (fupin_policy_builtin(&f.policy, "national") || fupin_result_create(&f.r))
        return -1;
    *state = &f;
    return 0;
}

int tu_teardown_national(void **state)
{
    struct fx *f = *state;
    fupin_result_free(f->r);
    fupin_policy_free(f->policy);
    return 0;
}

int tu_load_folder(const char *const text[FUPIN_FILE_COUNT], uint32_t flags, fupin_dataset **out)
{
    static const char *const names[FUPIN_FILE_COUNT] = {"villages.csv", "households.csv",
                                                        "members.csv", "incomes.csv", "events.csv"};
    char dir[] = "/tmp/fupin-ds-XXXXXX";
    char path[256];
    assert_non_null(tu_mkdtemp(dir));
    for (int i = 0; i < FUPIN_FILE_COUNT; i++) {
        if (!text[i])
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        fputs(text[i], fp);
        fclose(fp);
    }
    int rc = fupin_dataset_load(out, dir, flags);
    for (int i = 0; i < FUPIN_FILE_COUNT; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return rc;
}

void tu_expect_folder_error(const char *const text[FUPIN_FILE_COUNT], const char *msg)
{
    fupin_dataset *d = (fupin_dataset *)1;
    int rc = tu_load_folder(text, FUPIN_LOAD_STRICT, &d);
    if (rc != FUPIN_EPARSE)
        fail_msg("expected EPARSE, got %d (%s)", rc, fupin_last_error());
    assert_null(d);
    assert_string_equal(fupin_last_error(), msg);
}
