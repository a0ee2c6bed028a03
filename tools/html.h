/* The report page: one self-contained HTML file (see html.c). */
#ifndef FUPIN_HTML_H
#define FUPIN_HTML_H

#include <stdint.h>
#include <stdio.h>

#include "present.h"

struct html_input {
    const struct run *run;
    const struct srow *groups; /* --prefix roll-ups, may be none */
    size_t n_groups;
    const char *lang;   /* "zh" or "en" */
    const char *policy; /* as given on the command line */
    int32_t year;
};

/* Returns 0, or -1 when out of memory. Write errors show in ferror(o). */
int html_write(FILE *o, const struct html_input *in);

#endif
