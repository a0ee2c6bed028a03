#include "core.h"

const char *fupin_version(void)
{
    return FUPIN_VERSION_STRING;
}

void fupin_version_numbers(int32_t *major, int32_t *minor, int32_t *patch)
{
    if (major)
        *major = FUPIN_VERSION_MAJOR;
    if (minor)
        *minor = FUPIN_VERSION_MINOR;
    if (patch)
        *patch = FUPIN_VERSION_PATCH;
}
