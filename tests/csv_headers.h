/* The header lines of the five dataset files, in the order docs/dataset.md gives the
 * columns, for tests that write datasets by hand. */
#ifndef FUPIN_TEST_CSV_HEADERS_H
#define FUPIN_TEST_CSV_HEADERS_H

#define VH                                                                                         \
    "village_code,name,region,population,water_scarce,paved_road,electricity,clinic,broadband,"    \
    "collective_income\n"
#define HH                                                                                         \
    "household_id,village_code,registered_year,exit_year,monitor,monitor_since,assistance,"        \
    "housing,food_secure,clothing_secure,water_litres,water_minutes,water_supply_rate,water_"      \
    "quality_ok\n"
#define MH "household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor\n"
#define IH                                                                                         \
    "household_id,year,wage,business,property,transfer,production_expense,medical_expense,"        \
    "education_expense\n"
#define EH "household_id,year,kind,amount\n"

#endif
