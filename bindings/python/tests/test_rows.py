"""Household(**row): a CSV row's extra columns are ignored as the dataset loader
ignores them; a misspelt known field (close to a known name by the library's
fupin_name_suggest) raises with the name meant."""
import csv
import io
import unittest

import fupin

HOUSEHOLDS = (
    "household_id,village_code,registered_year,exit_year,monitor,monitor_since,"
    "assistance,housing,food_secure,clothing_secure,water_litres,water_minutes,"
    "water_supply_rate,water_quality_ok,head_name,remarks,export_date\n"
    "H1,522327101203,2015,2019,,,none,B,1,1,60,0,95,1,Wang Wu,ok,2025-01-03\n")


class TestRows(unittest.TestCase):
    def setUp(self):
        self.policy = fupin.Policy.builtin("national")

    def tearDown(self):
        self.policy.close()

    def test_export_row_with_extra_columns_builds_the_household(self):
        row = next(csv.DictReader(io.StringIO(HOUSEHOLDS)))
        members = [{"household_id": "H1", "member_id": "m1", "birth": "1980-05-01",
                    "insured": "1", "labor": "full", "nickname": "Wu"}]
        incomes = {2024: {"household_id": "H1", "year": "2024", "wage": "9000",
                          "business": "0", "property": "0", "transfer": "0",
                          "source_system": "x"}}
        with fupin.Household(**row, region="west", water_scarce=0, members=members,
                             incomes=incomes) as h:
            self.assertEqual(h.id, "H1")
            d = h.evaluate(self.policy, 2024)
        # 9000 / 1 member > 4000 (R-I3); housing B, water all known (R-G5, R-G6)
        self.assertEqual(d["income"]["per_capita"], 9000)
        self.assertEqual(d["guarantee"]["housing"], "met")
        self.assertEqual(d["guarantee"]["water"], "met")

    def test_misspelt_fields_raise_with_the_field_meant(self):
        cases = [
            ({"housng": "B"}, 'unknown household field "housng" (did you mean housing?)'),
            ({"Housing": "B"}, 'unknown household field "Housing" (did you mean housing?)'),
            ({"exit_yaer": "2019"}, "did you mean exit_year?"),
            ({"members": [{"member_id": "m", "birth": "1980", "labour": "full"}]},
             'unknown member field "labour" (did you mean labor?)'),
            ({"incomes": {2024: {"wages": "1"}}},
             'unknown income field "wages" (did you mean wage?)'),
        ]
        for fields, message in cases:
            with self.subTest(fields=fields):
                with self.assertRaises(fupin.InvalidValue) as cm:
                    fupin.Household("H1", **fields)
                self.assertIn(message, str(cm.exception))

    def test_explicit_set_of_an_unknown_field_still_fails(self):
        with fupin.Household("H1") as h:
            with self.assertRaises(fupin.InvalidValue):
                h.set("head_name", "x")

    def test_suggest_uses_the_library_limits(self):
        names = ["poverty_line", "monitoring_threshold", "sex"]
        self.assertEqual(fupin.suggest("povrety_line", names), "poverty_line")
        self.assertEqual(fupin.suggest("monitoring_treshold", names), "monitoring_threshold")
        self.assertIsNone(fupin.suggest("head_name", names))
        self.assertIsNone(fupin.suggest("x", names))  # "sex" is 2 edits away: too far


if __name__ == "__main__":
    unittest.main()
