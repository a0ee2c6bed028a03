/* R-I4..R-I6: household income growth against the national average.
 *
 * The figures of a result (percent, unrounded here; the accessors and writers round
 * them once to 2 decimals):
 * - growth (R-I4): per-capita(Y) / per-capita(Y-1) - 1; null unless pc(Y-1) > 0 and
 *   pc(Y) is known (a zero, negative or missing base year gives null, never inf).
 * - national_growth (R-I4): national_rural_income(Y) / (Y-1) - 1 of the policy's
 *   series (fupin_evaluator_series_origin says which); null when either year is
 *   missing, since statistics are never carried forward (section 7).
 * - gap_pp (R-I4): growth - national_growth in percentage points, unrounded operands.
 * - real_growth, national_real_growth (R-I6): (1 + nominal) / (1 + rural_cpi(Y)/100)
 *   - 1; null without a rural_cpi for Y.
 * - cagr, national_cagr (R-I5, with a span since..Y): (pc(Y) / pc(since))^(1/(Y -
 *   since)) - 1; null unless pc(since) > 0 and pc(Y) >= 0.
 * Villages aggregate the same figures over their panels in group.c (R-I7). */
#include <math.h>

#include "rules.h"

double fupin__growth_ratio(double now, double prev)
{
    /* fupin__finite: an overflow is null, never inf (issue 11) */
    return !isnan(now) && !isnan(prev) && prev > 0 ? fupin__finite(now / prev - 1) : NAN;
}

double fupin__real_growth_pct(double g, double cpi)
{
    return fupin__real_growth_div(g, 1 + cpi / 100);
}

double fupin__real_growth_div(double g, double divisor)
{
    return isnan(g) || isnan(divisor) ? NAN : fupin__finite(((1 + g) / divisor - 1) * 100);
}

/* Households' totals are within +-5e13 fen (formats.md bounds), so (now - prev) x 10^4
 * fits in int64 with room to spare; beyond this the 128-bit fupin__round_ratio decides. */
#define GROWTH_FAST_LIMIT ((int64_t)100000000000000) /* 1e14 fen */

/* fupin__round_ratio's rounding (half away from zero) of diff / prev to 2 decimals of a
 * percent in 64-bit integers, for 0 < prev and |diff| within GROWTH_FAST_LIMIT: one
 * hardware division for every household instead of a 128-bit one. */
static double growth_pct_rounded64(int64_t diff, int64_t prev)
{
    int64_t num = diff * 10000, den = prev;
    int64_t q = num / den, rem = num % den;
    int64_t twice = rem < 0 ? -2 * rem : 2 * rem;
    /* away from zero by a mask, not a branch: ties and signs vary by household */
    int64_t away = num < 0 ? -1 : 1;
    q += away & -(int64_t)(twice >= den);
    return (double)q / 100.0;
}

/* Whether growth_pct_rounded64 may round diff / prev. */
static int growth_fits64(fupin__i128 diff, fupin__i128 prev)
{
    return prev > 0 && prev <= GROWTH_FAST_LIMIT && diff <= GROWTH_FAST_LIMIT &&
           diff >= -GROWTH_FAST_LIMIT;
}

/* growth_fits64 for a household's int64 totals: two unsigned comparisons instead of
 * four on 128 bits (issue 15), 1 <= prev <= limit and -limit <= diff <= limit. */
static int household_fits64(int64_t diff, int64_t prev)
{
    const uint64_t limit = (uint64_t)GROWTH_FAST_LIMIT;
    return ((uint64_t)prev - 1 < limit) & ((uint64_t)diff + limit <= 2 * limit);
}

double fupin__growth_pct_rounded(fupin__i128 now, fupin__i128 prev)
{
    /* The double of now / prev - 1 can lie just below a half (1.01125 - 1 gives
     * 1.12499...%, printed 1.12 instead of 1.13): the decimal is decided exactly. */
    fupin__i128 k;
    fupin__i128 diff = now - prev;
    if (growth_fits64(diff, prev))
        return growth_pct_rounded64((int64_t)diff, (int64_t)prev);
    if (fupin__round_ratio(diff * 100, prev, 2, &k))
        return NAN; /* beyond 10^31 fen: not a real dataset */
    return (double)k / 100.0;
}

double fupin__cagr_pct(double now, double base, int32_t years)
{
    if (isnan(now) || isnan(base) || !(base > 0) || !(now >= 0) || years <= 0)
        return NAN;
    return fupin__finite((pow(now / base, 1.0 / (double)years) - 1) * 100);
}

void fupin__rule_growth(const struct fupin__stats *s, const struct fupin_household *h, int32_t year,
                        struct fupin_result *r)
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
        double g = fupin__growth_ratio((double)now, (double)prev);
        /* the unrounded growth decides gap_pp and the R-V3 comparison with the
         * national growth; the printed growth is rounded exactly (docs/reference/rules.md Rounding)
         */
        r->growth_unrounded = g * 100;
        /* a household's totals are within +-5e13 fen (formats.md bounds), so their
         * difference is an int64 and nearly always fits the 64-bit rounding, which is
         * then called here without the 128-bit checks */
        r->growth = household_fits64(now - prev, prev) ? growth_pct_rounded64(now - prev, prev)
                                                       : fupin__growth_pct_rounded(now, prev);
        if (!isnan(s->national_growth))
            r->gap_pp = r->growth_unrounded - s->national_growth;
        r->real_growth = fupin__real_growth_div(g, s->cpi_divisor); /* R-I6 */
        /* Only here can a figure be non-finite (result_reset leaves the others NAN):
         * the rounded growth is a quotient of integers over 100 or NAN, the real
         * growth and the CAGR come out of fupin__finite already, and gap_pp alone
         * is a bare difference (an unrounded growth near DBL_MAX would make it inf). */
        r->growth = fupin__finite(r->growth);
        r->gap_pp = fupin__finite(r->gap_pp);
    }
    /* R-I5: null unless pc(Y0) > 0 and pc(Y1) >= 0 */
    int64_t base = r->net_income_since_fen;
    if (s->since && now != FUPIN__FEN_UNKNOWN && base != FUPIN__FEN_UNKNOWN)
        r->cagr = fupin__cagr_pct((double)now, (double)base, year - s->since);
}
