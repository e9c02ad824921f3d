"""What the province's documents say about who issues them: the Sở KH&CN under the province's People's Committee
(DOMAIN.md section 9; the layout of Nghị định 30/2020/NĐ-CP, kit.official)."""

from __future__ import annotations

from datetime import date, datetime

from training.model import LOCAL

ISSUER = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"


def heading(province: str) -> dict:
    """The Official fields naming the issuer, for `province` as registered ("Tỉnh An Giang")."""
    return {"superior": f"UBND {province.upper()}", "issuer": ISSUER, "place": place(province)}


def place(province: str) -> str:
    """The place of the place-and-date line: the province without "Tỉnh"; a city keeps its "Thành phố"."""
    return province.removeprefix("Tỉnh ")


def day(moment: datetime) -> date:
    return moment.astimezone(LOCAL).date()


def period(training_class) -> str:
    """`từ ngày 10/06/2026 đến ngày 16/06/2026`: the class's first and last day in Hà Nội time."""
    days = [day(s.starts_at) for s in training_class.sessions] or [None]
    first, last = days[0], days[-1]
    if first is None:
        return "chưa xếp lịch"
    return f"ngày {first:%d/%m/%Y}" if first == last else f"từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"
