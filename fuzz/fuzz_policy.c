/* libFuzzer target: fupin_policy_parse on untrusted bytes must never crash, leak or
 * read out of bounds. Relative extends paths resolve in a folder that does not exist,
 * so inputs exercise the parser rather than the file system. */
#include <stddef.h>
#include <stdint.h>

#include "fupin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fupin_policy *p = NULL;
    if (fupin_policy_parse(&p, (const char *)data, size, "fuzz.pol", "/nonexistent-fupin-fuzz") ==
        0) {
        char buf[256];
        size_t needed;
        double v;
        (void)fupin_policy_get(p, "poverty_line", "west", 2024, &v);
        (void)fupin_policy_show(p, 2024, buf, sizeof buf, &needed);
        fupin_policy_free(p);
    }
    return 0;
}
