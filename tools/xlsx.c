/* SpreadsheetML writer (ECMA-376 Part 1, 18.3 worksheets, 18.8 styles). */
#include <stdio.h>
#include <string.h>

#include "xlsx.h"

static const char xml_head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
static const char ns_main[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
static const char ns_rel[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/* Text as XML character data: markup escaped, characters XML 1.0 does not allow
 * dropped, bytes that are not UTF-8 replaced with U+FFFD. */
static void put_text(struct zip *z, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c == '&') {
            zip_puts(z, "&amp;");
        } else if (c == '<') {
            zip_puts(z, "&lt;");
        } else if (c == '>') {
            zip_puts(z, "&gt;");
        } else if (c == '"') {
            zip_puts(z, "&quot;");
        } else if (c < 0x20) {
            if (c == '\t' || c == '\n' || c == '\r')
                zip_write(z, p, 1);
        } else if (c < 0x80) {
            zip_write(z, p, 1);
        } else {
            size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
            size_t k = 1;
            while (n && k < n && (p[k] & 0xC0) == 0x80)
                k++;
            if (!n || k != n) {
                zip_puts(z, "\xEF\xBF\xBD");
                p += k;
                continue;
            }
            zip_write(z, p, n);
            p += n;
            continue;
        }
        p++;
    }
}

static void col_name(char *b, size_t col)
{
    char t[8];
    size_t n = 0;
    col++;
    while (col) {
        t[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        b[i] = t[n - 1 - i];
    b[n] = '\0';
}

void xlsx_start(struct xlsx *x, FILE *f)
{
    memset(x, 0, sizeof *x);
    zip_start(&x->z, f);
}

int xlsx_declare(struct xlsx *x, const char *name)
{
    if (x->n_sheets == XLSX_MAX_SHEETS)
        return -1;
    char *d = x->names[x->n_sheets++];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && n < 31;) {
        size_t len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        if (n + len > 31)
            break;
        for (size_t i = 0; i < len && p[i]; i++)
            d[n++] = strchr("[]:*?/\\", p[i]) && p[i] ? '_' : (char)p[i];
        p += len;
    }
    d[n] = '\0';
    return 0;
}

static void write_fixed_parts(struct xlsx *x)
{
    struct zip *z = &x->z;
    char t[256];
    zip_begin(z, "[Content_Types].xml");
    zip_puts(z, xml_head);
    zip_puts(z, "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                "<Default Extension=\"rels\" "
                "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
    for (size_t i = 0; i < x->n_sheets; i++) {
        snprintf(t, sizeof t,
                 "<Override PartName=\"/xl/worksheets/sheet%zu.xml\" ContentType=\"application/"
                 "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
                 i + 1);
        zip_puts(z, t);
    }
    zip_puts(z, "</Types>");

    zip_begin(z, "_rels/.rels");
    zip_puts(z, xml_head);
    zip_puts(z, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                "relationships\"><Relationship Id=\"rId1\" Type=\"");
    zip_puts(z, ns_rel);
    zip_puts(z, "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");

    zip_begin(z, "xl/workbook.xml");
    zip_puts(z, xml_head);
    zip_puts(z, "<workbook xmlns=\"");
    zip_puts(z, ns_main);
    zip_puts(z, "\" xmlns:r=\"");
    zip_puts(z, ns_rel);
    zip_puts(z, "\"><sheets>");
    for (size_t i = 0; i < x->n_sheets; i++) {
        zip_puts(z, "<sheet name=\"");
        put_text(z, x->names[i]);
        snprintf(t, sizeof t, "\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", i + 1, i + 1);
        zip_puts(z, t);
    }
    zip_puts(z, "</sheets></workbook>");

    zip_begin(z, "xl/_rels/workbook.xml.rels");
    zip_puts(z, xml_head);
    zip_puts(z, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                "relationships\">");
    for (size_t i = 0; i < x->n_sheets; i++) {
        snprintf(t, sizeof t,
                 "<Relationship Id=\"rId%zu\" Type=\"%s/worksheet\" "
                 "Target=\"worksheets/sheet%zu.xml\"/>",
                 i + 1, ns_rel, i + 1);
        zip_puts(z, t);
    }
    snprintf(t, sizeof t, "<Relationship Id=\"rId%zu\" Type=\"%s/styles\" Target=\"styles.xml\"/>",
             x->n_sheets + 1, ns_rel);
    zip_puts(z, t);
    zip_puts(z, "</Relationships>");

    /* Styles: 0 default, 1 bold header text, 2 text cells (format "@", so a code
     * typed over stays text). */
    zip_begin(z, "xl/styles.xml");
    zip_puts(z, xml_head);
    zip_puts(z, "<styleSheet xmlns=\"");
    zip_puts(z, ns_main);
    zip_puts(z, "\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/>"
                "</border></borders>"
                "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
                "borderId=\"0\"/></cellStyleXfs>"
                "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
                "borderId=\"0\" xfId=\"0\"/>"
                "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                "applyFont=\"1\" applyNumberFormat=\"1\"/>"
                "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                "applyNumberFormat=\"1\"/></cellXfs>"
                "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" "
                "builtinId=\"0\"/></cellStyles></styleSheet>");
    zip_end(z);
}

static void put_row(struct xlsx *x, const struct row *r, int header)
{
    struct zip *z = &x->z;
    char t[64], ref[16];
    x->row++;
    snprintf(t, sizeof t, "<row r=\"%u\">", (unsigned)x->row);
    zip_puts(z, t);
    for (size_t i = 0; i < r->n; i++) {
        const struct cell *c = &r->c[i];
        if (c->kind == CELL_EMPTY)
            continue; /* a blank cell: null */
        col_name(ref, i);
        if (c->kind == CELL_NUM && !header) {
            snprintf(t, sizeof t, "<c r=\"%s%u\"><v>", ref, (unsigned)x->row);
            zip_puts(z, t);
            put_text(z, c->s);
            zip_puts(z, "</v></c>");
        } else {
            snprintf(t, sizeof t, "<c r=\"%s%u\" t=\"inlineStr\" s=\"%d\"><is><t", ref,
                     (unsigned)x->row, header ? 1 : 2);
            zip_puts(z, t);
            size_t n = strlen(c->s);
            if (n && (c->s[0] == ' ' || c->s[n - 1] == ' ' || strchr(c->s, '\n')))
                zip_puts(z, " xml:space=\"preserve\"");
            zip_puts(z, ">");
            put_text(z, c->s);
            zip_puts(z, "</t></is></c>");
        }
    }
    zip_puts(z, "</row>");
}

void xlsx_sheet_begin(struct xlsx *x, const struct row *header)
{
    struct zip *z = &x->z;
    char t[160];
    if (x->sheet == 0)
        write_fixed_parts(x);
    snprintf(t, sizeof t, "xl/worksheets/sheet%zu.xml", ++x->sheet);
    zip_begin(z, t);
    zip_puts(z, xml_head);
    zip_puts(z, "<worksheet xmlns=\"");
    zip_puts(z, ns_main);
    zip_puts(z, "\" xmlns:r=\"");
    zip_puts(z, ns_rel);
    /* The header row stays in view while scrolling. */
    zip_puts(z, "\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" "
                "topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                "<selection pane=\"bottomLeft\"/></sheetView></sheetViews>");
    x->cols = header->n;
    snprintf(t, sizeof t,
             "<cols><col min=\"1\" max=\"%zu\" width=\"16\" customWidth=\"1\"/></cols>",
             x->cols ? x->cols : 1);
    zip_puts(z, t);
    zip_puts(z, "<sheetData>");
    x->row = 0;
    put_row(x, header, 1);
}

int xlsx_row(struct xlsx *x, const struct row *r)
{
    if (x->row >= XLSX_MAX_ROWS)
        return -1;
    put_row(x, r, 0);
    return 0;
}

void xlsx_sheet_end(struct xlsx *x)
{
    char t[64], last[16];
    col_name(last, x->cols ? x->cols - 1 : 0);
    zip_puts(&x->z, "</sheetData>");
    snprintf(t, sizeof t, "<autoFilter ref=\"A1:%s%u\"/>", last, (unsigned)x->row);
    zip_puts(&x->z, t);
    zip_puts(&x->z, "</worksheet>");
    zip_end(&x->z);
}

int xlsx_finish(struct xlsx *x)
{
    if (x->sheet == 0)
        write_fixed_parts(x);
    return zip_finish(&x->z);
}

const char *xlsx_error(const struct xlsx *x)
{
    return x->z.err;
}
