from decimal import ROUND_HALF_EVEN, Decimal


def to_cents(amount: str) -> int:
    """Parse a decimal amount ("12.345") into whole cents, rounding half to even."""
    quantized = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return int(quantized * 100)


def format_cents(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"
