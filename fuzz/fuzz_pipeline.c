/* libFuzzer target for the whole pipeline: load -> evaluate -> write. The input is
 * split on 0xFF bytes into a policy file and the five dataset files (villages,
 * households, members, incomes, events); an empty policy part means `national`. The
 * dataset is loaded leniently, evaluated for its default year (and with a span from
 * two years before), and every household, village and group line is written.
 * Asserted: every JSON line is valid strict JSON (so never inf or nan); no line, CSV
 * row or message holds an identity number of members.csv in full (formats.md); every
 * message is already masked; nothing crashes, leaks or reads out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "io/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_IDS 64

struct secrets {
    const char *id[MAX_IDS];
    size_t n;
    const char *const *skip; /* texts that may legitimately echo a run (ids, names) */
    const size_t *skip_len;
    size_t n_skip;
};

static void collect(const char *id, void *ctx)
{
    struct secrets *s = ctx;
    for (size_t k = 0; k < s->n_skip; k++)
        if (s->skip[k] && fz_contains(s->skip[k], s->skip_len[k], id, 18))
            return; /* also a household id, a village name...: echoed as such */
    if (s->n < MAX_IDS)
        s->id[s->n++] = id;
}

static void no_secret(const struct secrets *s, const char *text, size_t n)
{
    for (size_t k = 0; k < s->n; k++)
        if (fz_contains(text, n, s->id[k], 18))
            abort(); /* an identity number printed in full */
}

static void check_message(const struct secrets *s)
{
    const char *m = fupin_last_error();
    size_t n = strlen(m);
    char copy[1024];
    memcpy(copy, m, n + 1);
    if (fupin__mask_ids(copy, n))
        abort(); /* a message left something that looks like an id unmasked */
    no_secret(s, m, n);
}

static void check_json(const struct secrets *s, int rc, const char *buf, size_t n)
{
    if (rc == FUPIN_ENOSPC)
        return; /* the caller's buffer is large; a line this long is not an error here */
    if (rc)
        abort();
    if (!fz_json_valid(buf, n))
        abort();
    no_secret(s, buf, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum { PARTS = 1 + FUPIN_FILE_COUNT };
    const char *part[PARTS] = {NULL};
    size_t len[PARTS] = {0};
    size_t start = 0;
    int n = 0;
    for (size_t i = 0; i <= size && n < PARTS; i++) {
        if (i == size || data[i] == 0xFF) {
            part[n] = (const char *)data + start;
            len[n] = i - start;
            n++;
            start = i + 1;
        }
    }
    if (n < 1 + 3)
        return 0; /* villages, households and members are required */

    const char *skip[3] = {part[1], part[2], part[0]};
    size_t skip_len[3] = {len[1], len[2], len[0]};
    struct secrets sec = {{NULL}, 0, skip, skip_len, 3};
    fz_each_idnum(part[3], len[3], collect, &sec);

    fupin_policy *policy = NULL;
    int rc =
        len[0] ? fupin_policy_parse(&policy, part[0], len[0], "fuzz.pol", "/nonexistent-fupin-fuzz")
               : fupin_policy_builtin(&policy, "national");
    if (rc) {
        check_message(&sec);
        return 0;
    }
    fupin_dataset *d = NULL;
    rc = fupin__dataset_load_memory(&d, part + 1, len + 1, FUPIN_LOAD_LENIENT);
    if (rc) {
        check_message(&sec);
        fupin_policy_free(policy);
        return 0;
    }
    for (size_t i = 0; i < fupin_dataset_problem_count(d); i++) {
        const char *p = fupin_dataset_problem(d, i);
        no_secret(&sec, p, strlen(p));
    }

    static char buf[1 << 16];
    size_t needed = 0;
    int32_t year = 0;
    fupin_result *r = NULL;
    fupin_summary *vr = NULL;
    fupin_summary *gr = NULL;
    if (fupin_dataset_default_year(d, policy, &year) || fupin_result_create(&r) ||
        fupin_summary_create(&vr) || fupin_summary_create(&gr))
        goto done;
    for (int span = 0; span < 2; span++) {
        fupin_evaluator *ev = NULL;
        rc = span ? fupin_evaluator_create_since(&ev, policy, year, year - 2)
                  : fupin_evaluator_create(&ev, policy, year);
        if (rc) {
            check_message(&sec);
            continue;
        }
        for (size_t v = 0; v < fupin_dataset_village_count(d); v++) {
            const fupin_village *village = fupin_dataset_village(d, v);
            for (size_t h = 0; h < fupin_village_household_count(village); h++) {
                const fupin_household *hh = fupin_village_household(village, h);
                if (fupin_evaluator_evaluate_household(ev, hh, r)) {
                    check_message(&sec);
                    continue;
                }
                rc = fupin_result_to_json(r, buf, sizeof buf, &needed);
                check_json(&sec, rc, buf, needed);
                if (fupin_result_to_csv(r, buf, sizeof buf, &needed) == 0)
                    no_secret(&sec, buf, needed);
            }
            if (fupin_evaluator_evaluate_village(ev, village, vr)) {
                check_message(&sec);
                continue;
            }
            rc = fupin_summary_to_json(vr, buf, sizeof buf, &needed);
            check_json(&sec, rc, buf, needed);
            if (v == 0) {
                char prefix[7];
                memcpy(prefix, fupin_village_code(village), 6);
                prefix[6] = '\0';
                if (fupin_evaluator_evaluate_group(ev, d, prefix, gr) == 0) {
                    rc = fupin_summary_to_json(gr, buf, sizeof buf, &needed);
                    check_json(&sec, rc, buf, needed);
                }
            }
        }
        fupin_evaluator_free(ev);
    }
done:
    fupin_summary_free(gr);
    fupin_summary_free(vr);
    fupin_result_free(r);
    fupin_dataset_free(d);
    fupin_policy_free(policy);
    return 0;
}
