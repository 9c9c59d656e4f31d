from dataclasses import dataclass, field

from core.money import format_cents, to_cents


@dataclass
class Invoice:
    customer: str
    lines: list[tuple[str, int]] = field(default_factory=list)

    def add(self, description: str, amount: str) -> None:
        self.lines.append((description, to_cents(amount)))

    @property
    def total_cents(self) -> int:
        return sum(cents for _, cents in self.lines)

    def render(self) -> str:
        rows = [f"{description}: {format_cents(cents)}" for description, cents in self.lines]
        return "\n".join([f"Invoice for {self.customer}", *rows, f"Total: {format_cents(self.total_cents)}"])
