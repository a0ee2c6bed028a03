/* "Did you mean ...?": the closest valid name to a word that is not one. One edit
 * distance for the whole project: command-line options and commands, policy
 * parameters, variants and policy names, record fields, result paths of `check`, and
 * the Python binding's keyword fields all use it. */
#include <string.h>

#include "core.h"

/* Longer words are not compared (no name of ours is that long). */
#define MAX_WORD 64

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

size_t fupin__edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX_WORD || m > MAX_WORD)
        return (size_t)-1;
    /* Optimal string alignment: insertions, deletions, substitutions and swaps of two
     * neighbouring bytes each cost 1; ASCII letter case is ignored. Three rows. */
    size_t rows[3][MAX_WORD + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            unsigned char ca = fold((unsigned char)a[i - 1]), cb = fold((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == fold((unsigned char)b[j - 2]) &&
                fold((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

const char *fupin__closest(const char *word, const char *const *names, size_t count)
{
    if (!word || !names)
        return NULL;
    size_t len = strlen(word);
    /* A likely slip of the keyboard, not a different word: 1 edit in a word of up to 5
     * bytes, 2 in a longer one; names of 2 bytes or fewer are too short to tell a slip
     * from another word. */
    size_t limit = len <= 5 ? 1 : 2;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < count; i++) {
        if (!names[i] || strlen(names[i]) <= 2)
            continue;
        size_t d = fupin__edit_distance(word, names[i]);
        if (d < best_d) { /* ties: the earliest name wins */
            best = names[i];
            best_d = d;
        }
    }
    return best;
}

const char *fupin_name_suggest(const char *word, const char *const *names, size_t count)
{
    return fupin__closest(word, names, count);
}
