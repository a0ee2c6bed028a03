/* The smallest program that embeds fupin: built by tests/check_install.sh against the
 * installed library through pkg-config, to prove the installed files are enough. */
#include <fupin.h>
#include <stdio.h>

int main(void)
{
    fupin_policy *policy = NULL;
    fupin_household *h = NULL;
    fupin_result *r = NULL;
    int rc = fupin_policy_builtin(&policy, "national");
    if (!rc)
        rc = fupin_household_create(&h, "H1");
    if (!rc)
        rc = fupin_household_add_member(h, "m1", "1980-03-02");
    if (!rc)
        rc = fupin_result_create(&r);
    if (!rc)
        rc = fupin_household_evaluate(policy, h, 2024, r);
    if (rc) {
        fprintf(stderr, "fupin: %s\n", fupin_last_error());
        return 1;
    }
    /* nothing is known about this household, so nothing can be met */
    printf("fupin %s: guarantee status %s\n", fupin_version(),
           fupin_enum_name(FUPIN_ENUM_STATUS, fupin_result_guarantee(r)));
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_policy_free(policy);
    return 0;
}
