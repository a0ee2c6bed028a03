/* libFuzzer target: fupin_policy_parse on untrusted bytes must never crash, leak or
 * read out of bounds. Relative extends paths resolve in a folder that does not exist,
 * so inputs exercise the parser rather than the file system. Asserted (issue 11): a
 * refusal ends in a documented code with a message that names the file and line and
 * shows no identity number; an accepted policy holds only finite values within each
 * parameter's bounds, money in whole fen, and shows and evaluates. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct ids {
    const char *id[32];
    size_t n;
};

static void collect(const char *id, void *ctx)
{
    struct ids *s = ctx;
    if (s->n < 32)
        s->id[s->n++] = id;
}

static void check_message(const struct ids *ids)
{
    const char *m = fupin_last_error();
    size_t n = strlen(m);
    char copy[1024];
    memcpy(copy, m, n + 1);
    if (fupin_text_mask_ids(copy, n))
        abort(); /* something that looks like an identity number, in full */
    for (size_t k = 0; k < ids->n; k++)
        if (fz_contains(m, n, ids->id[k], 18))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ids ids = {{NULL}, 0};
    fz_each_idnum((const char *)data, size, collect, &ids);
    fupin_policy *p = NULL;
    int rc =
        fupin_policy_parse(&p, (const char *)data, size, "fuzz.pol", "/nonexistent-fupin-fuzz");
    if (rc) {
        if (p ||
            (rc != FUPIN_EPARSE && rc != FUPIN_EIO && rc != FUPIN_ENOTFOUND && rc != FUPIN_ENOMEM))
            abort();
        if (rc != FUPIN_ENOMEM && strncmp(fupin_last_error(), "fuzz.pol:", 9) != 0)
            abort(); /* FILE:LINE first */
        check_message(&ids);
        return 0;
    }
    static const char *const variants[] = {NULL, "scarce", "east", "central", "west"};
    static const int32_t years[] = {1949, 2013, 2023, 2024, 2100};
    for (size_t i = 0; i < fupin_policy_param_count(); i++) {
        const struct fupin__param_info *info = &fupin__params_info[i];
        for (size_t v = 0; v < 5; v++)
            for (size_t y = 0; y < 5; y++) {
                double val;
                if (fupin_policy_get(p, info->name, variants[v], years[y], &val))
                    continue;
                if (!isfinite(val) || val < info->min || val > info->max)
                    abort(); /* issue 11: every value bounded */
                if (info->type == FUPIN__TYPE_MONEY && fabs(val * 100 - round(val * 100)) > 1e-6)
                    abort(); /* money is whole fen */
            }
    }
    char buf[8192];
    size_t needed = 0;
    rc = fupin_policy_show(p, 2024, buf, sizeof buf, &needed);
    if (rc && rc != FUPIN_ENOSPC)
        abort();
    fupin_evaluator *e = NULL;
    rc = fupin_evaluator_create(&e, p, 2024);
    if (rc && rc != FUPIN_ENOTFOUND && rc != FUPIN_EINVAL)
        abort();
    if (rc)
        check_message(&ids);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    return 0;
}
