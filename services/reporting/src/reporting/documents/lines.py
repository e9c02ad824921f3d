"""What a report document says, in Vietnamese: its title by report type, and one line per figure."""

from __future__ import annotations

from contracts.reporting import ReportType

TYPE_TITLES = {
    ReportType.SIX_MONTHS: "Kết quả áp dụng HTQLCL theo TCVN ISO 9001 sáu tháng",
    ReportType.ANNUAL: "Kết quả áp dụng HTQLCL theo TCVN ISO 9001 năm",
    ReportType.AD_HOC: "Kết quả áp dụng HTQLCL theo TCVN ISO 9001 (đột xuất)",
}
LINES = [
    ("Tổng số cơ quan", lambda f: f["total"]),
    ("Cơ quan thuộc đối tượng bắt buộc", lambda f: f["obliged"]),
    ("Cơ quan bắt buộc đã áp dụng", lambda f: fraction(f, "obliged_share")),
    ("Cơ quan đang áp dụng HTQLCL", lambda f: f["applying"]),
    ("Cơ quan đã công bố", lambda f: f["announced"]),
    ("Cơ quan công bố lại trong kỳ", lambda f: f["re_announced_in_period"]),
    ("Áp dụng TCVN ISO 9001:2015", lambda f: f["on_2015"]),
    ("Hoàn thành chuyển đổi sang TCVN ISO 9001:2015", lambda f: fraction(f, "transition")),
    ("UBND cấp xã áp dụng", lambda f: fraction(f, "communes")),
    ("Cơ quan hoàn thành các hoạt động duy trì bắt buộc trong năm", lambda f: fraction(f, "upkeep")),
    ("Cuộc kiểm tra tại trụ sở theo kế hoạch năm", lambda f: pick(f, "inspections", "plan_year",
                                                                   "scheduled_on_site")),
    ("Cuộc kiểm tra đã thực hiện trong kỳ", lambda f: f["inspections"]["done"]),
    ("Trong đó kiểm tra tại trụ sở", lambda f: f["inspections"]["on_site"]),
    ("Cơ quan bắt buộc được kiểm tra tại trụ sở", lambda f: fraction(f, "inspections", "on_site_of_obliged")),
    ("Kiến nghị chưa khắc phục xong", lambda f: pick(f, "recommendations", "open")),
    ("Trong đó quá hạn", lambda f: pick(f, "recommendations", "overdue")),
    ("Lớp đào tạo, tập huấn đã tổ chức", lambda f: f["training"]["finished"]),
    ("Học viên hoàn thành", lambda f: f["training"]["completed"]),
    ("Cơ quan có thư ký ISO đã qua đào tạo", lambda f: fraction(f, "training", "trained_secretaries")),
    ("Kinh phí dự toán trong năm", lambda f: vnd(f["budget"]["estimate"])),
    ("Kinh phí đã chi trong năm", lambda f: vnd(f["budget"]["disbursed"])),
]
TYPE_HEADERS = ["Loại cơ quan", "Tổng số", "Bắt buộc", "Đang áp dụng", "Đã công bố", "TCVN ISO 9001:2015"]


def title(report) -> str:
    return TYPE_TITLES.get(report.report_type, "Báo cáo")


def pick(figures: dict, *path: str):
    """A nested figure, or "—" when a report frozen before the figure existed does not have it."""
    for name in path:
        if not isinstance(figures, dict) or name not in figures:
            return "—"
        figures = figures[name]
    return figures


def fraction(figures: dict, *path: str) -> str:
    """A share or a ratio written the Vietnamese way, "41/43 (95%)" (no percent of nothing), from its numbers;
    "—" when a report frozen before the figure existed does not have it."""
    found = pick(figures, *path)
    if not isinstance(found, dict):
        return found
    part, whole = found.get("applying", found.get("done", found.get("completed"))), found.get("total", found.get("of"))
    if part is None or whole is None:
        return "—"
    return f"{part}/{whole}" + (f" ({round(100 * part / whole)}%)" if whole else "")


def vnd(amount: int) -> str:
    """Integer VND in the Vietnamese format: 1.234.567 đồng."""
    return f"{amount:,}".replace(",", ".") + " đồng"
