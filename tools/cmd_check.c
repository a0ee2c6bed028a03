/* fupin check: expectations against results; exit 1 on a mismatch. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* fupin check: exit 0 when every expectation holds, 1 on any mismatch. */
int fupin_cmd_check(int argc, char **argv)
{
    struct options o = {0};
    int rc = fupin_cli_parse_options(argc, argv, 2,
                                     OPT_EXPECT | OPT_POLICY | OPT_YEAR | OPT_ENCODING, 1, &o);
    if (rc)
        return rc;
    if (!o.expect)
        return fupin_cli_usage_error("%s", "check needs --expect FILE");
    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_check *k = NULL;
    int status = EXIT_USAGE;
    if (fupin_cli_load_policy(o.policy, &policy) ||
        fupin_cli_load_dataset(o.dataset, 0, o.encoding, &ds))
        goto done;
    /* docs/reference/README.md#expectations: a row's own year decides; --year fills blank years
     * only */
    if ((rc = fupin_check_dataset(&k, policy, ds, o.expect, o.year))) {
        fupin_cli_fail(o.expect, rc);
        goto done;
    }
    for (size_t i = 0; i < fupin_check_failed(k); i++)
        printf("%s\n", fupin_check_mismatch(k, i));
    printf("%zu passed, %zu failed\n", fupin_check_passed(k), fupin_check_failed(k));
    status = fupin_cli_finish_output(stdout);
    if (!status && fupin_check_failed(k))
        status = 1;
done:
    fupin_check_free(k);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    return status;
}
