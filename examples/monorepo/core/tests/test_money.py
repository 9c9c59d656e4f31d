import unittest

from core.money import format_cents, to_cents


class MoneyTests(unittest.TestCase):
    def test_round_trip(self):
        self.assertEqual(format_cents(to_cents("12.345")), "12.34")
        self.assertEqual(format_cents(to_cents("-0.5")), "-0.50")


if __name__ == "__main__":
    unittest.main()
