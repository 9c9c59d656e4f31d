import json
import unittest

from api.handlers import handle_invoice


class HandlerTests(unittest.TestCase):
    def test_handle_invoice(self):
        response = json.loads(handle_invoice('{"customer": "ada", "lines": [["tea", "2.50"]]}'))
        self.assertEqual(response, {"customer": "ada", "total": "2.50"})


if __name__ == "__main__":
    unittest.main()
