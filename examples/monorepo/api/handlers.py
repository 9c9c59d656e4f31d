import json

from billing.invoice import Invoice
from core.money import format_cents


def handle_invoice(body: str) -> str:
    """Turn a JSON request {"customer": ..., "lines": [[desc, amount], ...]} into a JSON response."""
    request = json.loads(body)
    invoice = Invoice(request["customer"])
    for description, amount in request["lines"]:
        invoice.add(description, amount)
    return json.dumps({"customer": invoice.customer, "total": format_cents(invoice.total_cents)})
