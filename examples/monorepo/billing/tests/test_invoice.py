import unittest

from billing.invoice import Invoice


class InvoiceTests(unittest.TestCase):
    def test_total(self):
        invoice = Invoice("ada")
        invoice.add("tea", "2.50")
        invoice.add("cake", "3.25")
        self.assertEqual(invoice.total_cents, 575)
        self.assertIn("Total: 5.75", invoice.render())


if __name__ == "__main__":
    unittest.main()
