/* `fupin policy show` (docs/cli.md): the parameters in force for a year. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/model.h"
#include "../model/national.h"

/* The shortest decimal that reads back as exactly v, written without an exponent for
 * ordinary magnitudes (4000, 0.3, 0.142857), like JavaScript's Number#toString.
 * The digits come from printf and are checked by strtod in the same locale, so a
 * host program's LC_NUMERIC cannot change the result. */
static void format_shortest(double v, char *out, size_t cap)
{
    char tmp[48], digits[24];
    int nd = 0, exp10 = 0;
    if (v == 0 || !isfinite(v)) {
        snprintf(out, cap, "%s", v == 0 ? "0" : "nan");
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    const char *t = tmp;
    int neg = *t == '-';
    if (neg)
        t++;
    for (; *t && *t != 'e' && *t != 'E'; t++)
        if (*t >= '0' && *t <= '9' && nd < (int)sizeof digits - 1)
            digits[nd++] = *t;
    if (*t)
        exp10 = atoi(t + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';

    size_t o = 0;
    char res[64];
    if (neg)
        res[o++] = '-';
    if (exp10 >= -6 && exp10 < 21) {
        if (exp10 >= nd - 1) {
            memcpy(res + o, digits, (size_t)nd);
            o += (size_t)nd;
            for (int i = 0; i < exp10 - (nd - 1); i++)
                res[o++] = '0';
        } else if (exp10 >= 0) {
            memcpy(res + o, digits, (size_t)exp10 + 1);
            o += (size_t)exp10 + 1;
            res[o++] = '.';
            memcpy(res + o, digits + exp10 + 1, (size_t)(nd - exp10 - 1));
            o += (size_t)(nd - exp10 - 1);
        } else {
            res[o++] = '0';
            res[o++] = '.';
            for (int i = 0; i < -exp10 - 1; i++)
                res[o++] = '0';
            memcpy(res + o, digits, (size_t)nd);
            o += (size_t)nd;
        }
        res[o] = '\0';
    } else {
        res[o++] = digits[0];
        if (nd > 1) {
            res[o++] = '.';
            memcpy(res + o, digits + 1, (size_t)nd - 1);
            o += (size_t)nd - 1;
        }
        snprintf(res + o, sizeof res - o, "e%c%d", exp10 < 0 ? '-' : '+', abs(exp10));
    }
    snprintf(out, cap, "%s", res);
}

int fupin_policy_show(const fupin_policy *policy, int32_t year, char *buf, size_t cap,
                      size_t *needed)
{
    if (needed)
        *needed = 0;
    if (!policy)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    struct fupin__buf b;
    fupin__buf_init(&b);
    for (int i = 0; i < FUPIN__P_COUNT; i++) {
        const struct fupin__param_info *info = &fupin__params_info[i];
        /* Each variant is shown on its own line with its own series (no fallback), so
         * that the reader sees exactly what a file would have to override. */
        for (int v = 0; v < FUPIN__V_COUNT; v++) {
            const struct fupin__entry *e = fupin__series_lookup(&policy->s[i][v], info->kind, year);
            if (!e)
                continue;
            char num[64];
            format_shortest(e->value, num, sizeof num);
            /* A built-in value of low confidence says so after its origin (the data
             * file's status column), so that nobody takes it for an official figure. */
            const char *status =
                e->low_bit >= 0 && (size_t)e->low_bit < fupin__national_low_count
                    ? fupin__national_rows[fupin__national_low_rows[e->low_bit]].status
                    : NULL;
            fupin__buf_addf(&b, "%s%s%s = %s    # %s%s%s%s\n", info->name, v ? ":" : "",
                            fupin__variant_name(v), num, e->origin,
                            status ? " [low confidence: " : "", status ? status : "",
                            status ? "]" : "");
        }
    }
    if (b.failed) {
        fupin__buf_free(&b);
        return fupin__oom();
    }
    int rc = fupin__copy_out(b.data ? b.data : "", b.len, buf, cap, needed);
    fupin__buf_free(&b);
    return rc;
}
