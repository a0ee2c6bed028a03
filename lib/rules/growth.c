/* R-I4..R-I6: household income growth against the national average. */
#include <math.h>

#include "rules.h"

void fupin__rule_growth(const struct fupin__stats *s, const struct fupin_household *h,
                        int32_t year, struct fupin_result *r)
{
    (void)h;
    (void)year;
    r->national_growth = s->national_growth;
    r->national_real_growth = s->national_real_growth;
    r->national_cagr = s->since ? s->national_cagr : NAN;
    if (r->members <= 0)
        return;
    /* The members are the same rows in both years, so per-capita ratios are ratios of
     * household totals: no rounding enters the growth figures. */
    int64_t now = r->net_income_fen, prev = r->net_income_prev_fen;
    /* R-I4: only when per-capita(Y-1) > 0 and per-capita(Y) is known */
    if (now != FUPIN__FEN_UNKNOWN && prev != FUPIN__FEN_UNKNOWN && prev > 0) {
        double g = (double)now / (double)prev - 1;
        r->growth = g * 100;
        if (!isnan(s->national_growth))
            r->gap_pp = r->growth - s->national_growth;
        /* R-I6 */
        if (!isnan(s->cpi))
            r->real_growth = ((1 + g) / (1 + s->cpi / 100) - 1) * 100;
    }
    /* R-I5: null unless pc(Y0) > 0 and pc(Y1) >= 0 */
    int64_t base = r->net_income_since_fen;
    if (s->since && now != FUPIN__FEN_UNKNOWN && base != FUPIN__FEN_UNKNOWN && base > 0 &&
        now >= 0)
        r->cagr = (pow((double)now / (double)base, 1.0 / (double)(year - s->since)) - 1) * 100;
}
