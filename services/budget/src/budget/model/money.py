"""Money is integer VND (đồng has no fractions), shown with Vietnamese digit grouping."""

from __future__ import annotations


def format_vnd(amount: int | None) -> str:
    """`100000000` -> `100.000.000 đ` (Vietnamese digit grouping); None -> `—`."""
    if amount is None:
        return "—"
    return f"{amount:,}".replace(",", ".") + " đ"
