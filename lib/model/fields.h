/* Internal: the record field setters by column index, for the CSV loader. A loader
 * resolves each header column once per file with *_field_index, then sets every
 * value with *_set_field_at, instead of comparing field names per value. The by-name
 * setters of model.h are wrappers over these: accepted texts and messages are the
 * same. model -> core. */
#ifndef FUPIN_FIELDS_H
#define FUPIN_FIELDS_H

#include "model.h"

/* The index of a field name, or -1 when the record has no such field. */
int fupin__household_field_index(const char *field);
int fupin__member_field_index(const char *field);
int fupin__income_field_index(const char *field);
int fupin__village_field_index(const char *field);

/* As the by-name setters, with index a valid result of the matching *_field_index. */
const char *fupin__household_set_field_at(struct fupin_household *h, int index, const char *value,
                                          size_t n);
const char *fupin__member_set_field_at(struct fupin__member *m, int index, const char *value,
                                       size_t n);
const char *fupin__income_set_field_at(struct fupin__income *inc, int index, const char *value,
                                       size_t n);
const char *fupin__village_set_field_at(struct fupin_village *v, int index, const char *value,
                                        size_t n, char **name_out);

/* A member's or an income record's setter for field index (a valid result of the
 * matching *_field_index), or NULL: set_field_at without the switch on the field, for a
 * loader that calls each column's own setter (rec is a struct fupin__member or a
 * struct fupin__income). NULL on success or what is wrong, as set_field_at. */
typedef const char *fupin__setter(void *rec, const char *value, size_t n);
fupin__setter *fupin__member_setter(int index);
fupin__setter *fupin__income_setter(int index);

#endif
