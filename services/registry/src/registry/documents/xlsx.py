"""The agency spreadsheet: one column layout with Vietnamese headers, read into rows and written for export.

Pure I/O on workbooks: no database, no Flask; openpyxl is imported by the functions that use it, so the API
loads it with the first upload. Problems are codes with parameters (`registry.messages` says them in words).
docs/registry-xlsx.md documents the layout for users.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from contracts.registry import AdminLevel, AgencyType, Obligation
from kit import spreadsheets
from kit.errors import DomainError, RuleViolated

MAX_ROWS = 10_000
MAX_COLUMNS = 64
MAX_UNPACKED_BYTES = 64 << 20  # a 1 MiB upload must not unpack into gigabytes (zip bomb)
DATE_FORMAT = "DD/MM/YYYY"

AGENCY_TYPE_LABELS = {
    AgencyType.UBND_TINH: "UBND tỉnh",
    AgencyType.SO: "Sở",
    AgencyType.CHI_CUC: "Chi cục",
    AgencyType.BAN_QL: "Ban quản lý",
    AgencyType.VP_DDBQH_HDND: "Văn phòng Đoàn ĐBQH và HĐND",
    AgencyType.NGANH_DOC: "Cơ quan ngành dọc",
    AgencyType.UBND_HUYEN: "UBND huyện",
    AgencyType.PHONG_CM_HUYEN: "Phòng chuyên môn cấp huyện",
    AgencyType.UBND_XA: "UBND xã",
    AgencyType.TT_PVHCC: "Trung tâm phục vụ hành chính công",
    AgencyType.DVSN: "Đơn vị sự nghiệp công lập",
}
ADMIN_LEVEL_LABELS = {
    AdminLevel.TW_TAI_DIA_PHUONG: "Trung ương tại địa phương",
    AdminLevel.TINH: "Tỉnh",
    AdminLevel.HUYEN: "Huyện",
    AdminLevel.XA: "Xã",
}
OBLIGATION_LABELS = {
    Obligation.BAT_BUOC: "Bắt buộc",
    Obligation.BAT_BUOC_THEO_KH_TINH: "Bắt buộc theo kế hoạch của tỉnh",
    Obligation.KHUYEN_KHICH: "Khuyến khích",
    Obligation.KHONG_AP_DUNG: "Không áp dụng",
}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its header, the agency field it fills and how a cell is read."""

    header: str
    field: str
    kind: str = "text"  # text | code | unit | int | date
    required: bool = False
    labels: dict | None = None
    width: int = 18


COLUMNS = (
    Column("Tên cơ quan", "name", required=True, width=45),
    Column("Tên viết tắt", "short_name", width=14),
    Column("Loại cơ quan", "agency_type", "code", required=True, labels=AGENCY_TYPE_LABELS),
    Column("Cấp hành chính", "admin_level", "code", labels=ADMIN_LEVEL_LABELS, width=16),
    Column("Cơ quan cấp trên", "parent_name", width=40),
    Column("Mã ĐVHC", "location_unit_code", "unit", width=10),
    Column("Mã định danh", "ma_dinh_danh", width=20),
    Column("Thủ trưởng", "head_name", width=28),
    Column("Website", "website_url", width=32),
    Column("Số TTHC", "tthc_count", "int", width=10),
    Column("Hiệu lực từ", "valid_from", "date", width=13),
    Column("Mức độ bắt buộc (ghi đè)", "obligation_override", "code", labels=OBLIGATION_LABELS, width=26),
    Column("Số QĐ/KH của tỉnh", "obligation_decision_no", width=20),
    Column("Ngày QĐ/KH", "obligation_decision_date", "date", width=13),
)
BY_FIELD = {column.field: column for column in COLUMNS}


@dataclass(frozen=True)
class CellError:
    """A problem in one cell: spreadsheet row number (header = 1), column header (empty when the problem is not
    tied to one column), and what is wrong as a code and its parameters."""

    row: int
    column: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass
class Row:
    """One data row: its spreadsheet number, the values keyed by field (empty cells absent), cell errors."""

    number: int
    values: dict
    errors: list[CellError] = field(default_factory=list)


class NotAWorkbook(DomainError):
    """The bytes are not an .xlsx workbook."""

    status = 400
    title = "Bad Request"


class WorkbookUnsafe(RuleViolated):
    """The workbook's XML declares entities or a DTD (an XXE or a "billion laughs" expansion): refused, never read.
    openpyxl parses through defusedxml when it is installed (a dependency of the registry), which raises on them."""

    code = "workbook_unsafe"


class LayoutInvalid(RuleViolated):
    """The workbook is an .xlsx but its header row or size does not follow the layout: `errors` names each cell."""

    code = "layout_invalid"

    def __init__(self, errors: list[CellError]):
        super().__init__(errors=tuple(errors))
        self.errors = errors


class _BadDate(ValueError):
    pass


def key(text: object) -> str:
    """How headers, codes and names compare: NFC, single spaces, case-insensitive."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


_HEADERS = {key(column.header): column for column in COLUMNS}
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def read_rows(source: bytes | str | Path) -> list[Row]:
    """The data rows of the first sheet, after checking its header row (row 1)."""
    with reading(source) as workbook:
        sheet = workbook.worksheets[0]
        columns = _columns(next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ()))
        cells = sheet.iter_rows(min_row=2, max_row=MAX_ROWS + 2, max_col=len(columns), values_only=True)
        return [row for number, values in enumerate(cells, start=2)
                if (row := _row(number, columns, values)) is not None]


@contextmanager
def reading(source: bytes | str | Path):
    """The workbook open for reading, closed after. A read-only workbook parses its sheets while they are read, so
    XML that is unsafe (entities) or broken is refused here too, not only when the file is opened."""
    workbook = open_workbook(source)
    try:
        yield workbook
    except (ValueError, SyntaxError) as exc:  # ParseError is a SyntaxError, defusedxml's errors are ValueErrors
        raise _refusal(exc) from exc
    finally:
        workbook.close()


def open_workbook(source: bytes | str | Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise NotAWorkbook("workbook_too_large", size=unpacked)
        return load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError,
            SyntaxError) as exc:
        raise _refusal(exc) from exc


def _refusal(exc: BaseException) -> DomainError:
    """How a workbook openpyxl could not read is refused: unsafe XML (found anywhere in the chain of causes, as
    openpyxl wraps it) as such, anything else as not a workbook."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return WorkbookUnsafe()
        cause = cause.__cause__ or cause.__context__
    log.info("workbook refused: %s: %s", type(exc).__name__, exc)  # the library's words, for operators only
    return NotAWorkbook("not_a_workbook", damage="zip" if isinstance(exc, zipfile.BadZipFile) else "content")


def _columns(headers: tuple) -> list[Column | None]:
    columns: list[Column | None] = [_HEADERS.get(key(h)) if h not in (None, "") else None for h in headers]
    errors = [CellError(1, str(h), "unknown_column")
              for h, c in zip(headers, columns, strict=True) if c is None and h not in (None, "")]
    errors += [CellError(1, c.header, "column_twice")
               for i, c in enumerate(columns) if c is not None and c in columns[:i]]
    errors += [CellError(1, c.header, "required_column_missing") for c in COLUMNS if c.required and c not in columns]
    if errors:
        raise LayoutInvalid(errors)
    while columns and columns[-1] is None:
        columns.pop()
    return columns


def _row(number: int, columns: list[Column | None], cells: tuple) -> Row | None:
    row = Row(number, {})
    for column, cell in zip(columns, cells, strict=False):
        if column is None or cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        try:
            row.values[column.field] = _parse(column, cell)
        except _BadDate:
            row.errors.append(CellError(number, column.header, "invalid_date", {"value": str(cell)}))
    if not (row.values or row.errors):
        return None
    if number > MAX_ROWS + 1:
        raise LayoutInvalid([CellError(number, "", "too_many_rows", {"max_rows": MAX_ROWS})])
    return row


def _parse(column: Column, cell: object):
    if column.kind == "date":
        return _date(cell).isoformat()
    if column.kind == "int":
        return int(cell) if isinstance(cell, float) and cell.is_integer() else cell
    if column.kind == "unit" and isinstance(cell, int | float):
        return str(int(cell)).zfill(2 if cell < 100 else 5)  # a number cell lost the leading zero
    text = _text(cell)
    if column.kind == "code":
        return _code(column.labels, text)
    return text


def _text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(unicodedata.normalize("NFC", str(cell)).split())


def _code(labels: dict, text: str) -> str:
    """A code (SO) or its Vietnamese label (Sở); anything else is left for the schema to refuse."""
    wanted = key(text)
    for code, label in labels.items():
        if wanted in (key(code), key(label)):
            return str(code)
    return text


def _date(cell: object) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    match = _DATE.match(str(cell).strip())
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise _BadDate(cell)


def write_workbook(agencies: Iterable[dict]) -> bytes:
    """An .xlsx in the layout: one row per agency (a dict keyed by field), plus a sheet of the codes."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cơ quan"
    sheet.append([column.header for column in COLUMNS])
    for agency in agencies:
        append_row(sheet, [_cell(column, agency.get(column.field)) for column in COLUMNS])
    style_sheet(sheet, [column.width for column in COLUMNS])
    _codes_sheet(workbook.create_sheet("Danh mục"))
    return spreadsheets.save(workbook)


def append_row(sheet, values: list) -> None:
    """A row of user text, made safe by `kit.spreadsheets` (a name like "=HYPERLINK(...)" stays text), dates in
    the layout's format."""
    for cell in spreadsheets.append(sheet, values):
        if cell.is_date:
            cell.number_format = DATE_FORMAT


def _cell(column: Column, value: object) -> object:
    if value is None or column.kind == "date":
        return value
    return value if column.kind == "int" else str(value)


def style_sheet(sheet, widths: list[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _codes_sheet(sheet) -> None:
    sheet.append(["Cột", "Mã", "Ý nghĩa"])
    for column in COLUMNS:
        for code, label in (column.labels or {}).items():
            sheet.append([column.header, str(code), label])
    style_sheet(sheet, [26, 26, 40])
