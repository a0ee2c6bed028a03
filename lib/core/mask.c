/* Masking of identity numbers in free text (formats.md section 1: an identity number
 * is never printed in full). Every message the library builds passes through
 * fupin__mask_ids (fupin__error does it), and so do the texts the application layer
 * echoes (check mismatches), so that an id number written anywhere by a user, even
 * as `520402 19680926 8794` or `520402-19680926-8794`, comes out masked. */
#include "core.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_sep(char c)
{
    return c == ' ' || c == '-';
}

/* A '*' inside a run is a digit masked before: it counts as a position, so that masking
 * twice changes nothing (an already masked run neither shrinks into a shorter one that
 * a separator would join to the next, nor gets masked anew). */
static int is_pos(char c)
{
    return is_digit(c) || c == '*';
}

size_t fupin__mask_ids(char *s, size_t n)
{
    size_t masked = 0, i = 0;
    while (i < n) {
        if (!is_digit(s[i])) {
            i++;
            continue;
        }
        /* A run: digits joined by single separators, an X/x allowed as its last
         * character (GB 11643 check character). */
        size_t start = i, end = i, digits = 0;
        int seps = 0;
        size_t j = i;
        for (;;) {
            if (j < n && is_pos(s[j])) {
                digits++;
                end = ++j;
            } else if (j + 1 < n && is_sep(s[j]) && is_pos(s[j + 1]) && digits < 17) {
                /* (a whole number before a separator ends the run: "ID 2024") */
                seps = 1;
                j++;
            } else {
                break;
            }
        }
        if (end < n && (s[end] == 'X' || s[end] == 'x') && digits >= 14) {
            digits++;
            end++;
        }
        /* 17 characters already give the whole number (the 18th is a checksum); 15
         * is the length of the first-generation numbers. A village code and a year
         * ("520102001001 2024", 16) stay readable because of the separator. */
        if (digits >= 17 || (digits >= 15 && !seps)) {
            size_t k = 0;
            int changed = 0;
            for (size_t p = start; p < end; p++) {
                if (is_sep(s[p]))
                    continue;
                if (k >= 6 && k < digits - 4 && s[p] != '*') {
                    s[p] = '*';
                    changed = 1;
                }
                k++;
            }
            masked += (size_t)changed;
        }
        i = end;
    }
    return masked;
}

size_t fupin_text_mask_ids(char *text, size_t len)
{
    return text ? fupin__mask_ids(text, len) : 0;
}

/* The rule for one value of a data file (the loader's messages). A field holds nothing
 * but its value, so a run of 15 or more digits is masked even when typed in groups with
 * spaces, dashes, dots, slashes or underscores, and a value cut at the message limit
 * keeps only the first 6 digits of a run that reaches the cut. Free text
 * (fupin__mask_ids) is more careful, so that "520102001001 2024" stays readable. */
static int id_char(char c)
{
    return (c >= '0' && c <= '9') || c == 'X' || c == 'x';
}

static int id_sep(char c)
{
    return c == ' ' || c == '-' || c == '.' || c == '/' || c == '_';
}

/* Identity numbers are never printed whole (docs/dataset.md, issue 11 item 5): a run of 15
 * or more digits, also when typed in groups with spaces or dashes
 * (`520402 19900204 6393`), keeps its first 6 and last 4 digits and the separators;
 * the digits between become `*`. cut: s is the front of a longer text, so a run that
 * reaches its end may be the front of an id: only its first 6 digits are kept. */
void fupin__mask_field_ids(char *s, size_t n, int cut)
{
    size_t i = 0;
    while (i < n) {
        if (!id_char(s[i])) {
            i++;
            continue;
        }
        /* the run: id characters, with up to two separators between groups */
        size_t j = i, end = i, digits = 0;
        while (j < n) {
            if (id_char(s[j])) {
                digits++;
                end = ++j;
                continue;
            }
            size_t k = j;
            while (k < n && k - j < 2 && id_sep(s[k]))
                k++;
            if (k == j || k >= n || !id_char(s[k]))
                break;
            j = k;
        }
        int open_end = cut && end == n;
        if (digits >= 15 || (open_end && digits > 6)) {
            size_t keep_tail = open_end ? 0 : 4, d = 0;
            for (size_t k = i; k < end; k++) {
                if (!id_char(s[k]))
                    continue;
                if (d >= 6 && d < digits - keep_tail)
                    s[k] = '*';
                d++;
            }
        }
        i = end;
    }
}
