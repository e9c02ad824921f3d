"""The certificate list of a class, in number order (Vietnamese)."""

from __future__ import annotations

from training.documents.table import Table
from training.model import LOCAL


def certificate_list(training_class, pairs, agency_names: dict) -> Table:
    """`pairs` are (certificate, registration) in number order; `agency_names` {agency_id: name}."""
    heads = ["STT", "Số chứng nhận", "Họ và tên", "Chức vụ", "Cơ quan", "Ngày cấp"]
    rows = [[n, c.number, r.full_name, r.position or "", agency_names.get(r.agency_id) or str(r.agency_id),
             c.issued_at.astimezone(LOCAL).strftime("%d/%m/%Y")] for n, (c, r) in enumerate(pairs, 1)]
    return Table("Chứng nhận", f"DANH SÁCH CẤP CHỨNG NHẬN: {training_class.title}", heads, rows)
