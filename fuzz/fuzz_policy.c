/* libFuzzer target: fupin_policy_parse on untrusted bytes must never crash, leak or
 * read out of bounds. Relative extends paths resolve in a folder that does not exist,
 * so inputs exercise the parser rather than the file system. It also asserts what
 * must hold for every input (abort() makes the fuzzer and the corpus replay fail):
 * a refusal leaves *out NULL with a message; an accepted policy answers lookups with
 * 0 or FUPIN_ENOTFOUND, never NaN or inf, and `policy show` sizes its text exactly;
 * parsing the same bytes twice gives the same policy (same shown text). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fupin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *show(const fupin_policy *p)
{
    size_t needed = 0;
    int rc = fupin_policy_show(p, 2024, NULL, 0, &needed);
    if (rc != 0 && rc != FUPIN_ENOSPC)
        abort();
    char *buf = malloc(needed + 1);
    if (!buf)
        abort();
    size_t again = 0;
    if (fupin_policy_show(p, 2024, buf, needed + 1, &again) != 0 || again != needed ||
        strlen(buf) != needed)
        abort();
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fupin_policy *p = (fupin_policy *)&p; /* not NULL: a refusal must reset it */
    const char *dir = "/nonexistent-fupin-fuzz";
    if (fupin_policy_parse(&p, (const char *)data, size, "fuzz.pol", dir) != 0) {
        if (p != NULL || fupin_last_error()[0] == '\0')
            abort();
        return 0;
    }
    double v;
    for (size_t i = 0; i < fupin_policy_param_count(); i++) {
        int rc = fupin_policy_get(p, fupin_policy_param_name(i), "west", 2024, &v);
        if (rc != 0 && rc != FUPIN_ENOTFOUND)
            abort();
        if (rc == 0 && !isfinite(v))
            abort();
    }
    char *a = show(p);
    fupin_policy *q = NULL;
    if (fupin_policy_parse(&q, (const char *)data, size, "fuzz.pol", dir) != 0)
        abort();
    char *b = show(q);
    if (strcmp(a, b) != 0)
        abort();
    free(a);
    free(b);
    fupin_policy_free(q);
    fupin_policy_free(p);
    return 0;
}
