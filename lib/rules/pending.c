/* TEMPORARY during the foundation work: rule families whose files are being written
 * (alert.c, monitor.c). Each function is removed from here when its file
 * lands. Not for release. */
#include "rules.h"

void fupin__rule_alert(const struct fupin__params *p, const struct fupin_household *h,
                       int32_t year, struct fupin_result *r)
{
    (void)p, (void)h, (void)year, (void)r;
}

void fupin__rule_monitor(const struct fupin__params *p, const struct fupin_household *h,
                         int32_t year, struct fupin_result *r)
{
    (void)p, (void)h, (void)year, (void)r;
}
