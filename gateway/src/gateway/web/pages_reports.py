"""Periodic reports with their approval chain and downloads, and the budget lines with cap warnings: each line's
page records its approval, its disbursements and its settlements."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from gateway.web import client
from gateway.web.blueprint import bp, login_required
from gateway.web.forms import kept
from gateway.web.pages_home import headline
from kit import calendar

REPORT_TYPES = ("BC_6_THANG", "BC_TINH_NAM", "BC_DOT_XUAT")
KINDS = ("xlsx", "docx", "pdf")
CATEGORIES = ("TU_VAN_XAY_DUNG_LAN_DAU", "TU_VAN_MO_RONG", "THUE_CHUYEN_GIA_DOC_LAP", "TU_XAY_DUNG_KHOAN",
              "CO_QUAN_THUC_HIEN", "DUY_TRI_CAI_TIEN", "CHUYEN_DOI_PHIEN_BAN", "DAO_TAO", "KIEM_TRA",
              "THUE_TO_CHUC_CHUNG_NHAN_PHOI_HOP_KIEM_TRA", "KHAC")
# The statuses a line may be spent and settled in (budget's lifecycle; the line does not list its allowed moves).
SPENDABLE = ("DA_GIAO_DU_TOAN", "DANG_THUC_HIEN")
SOURCES = ("NS_TINH", "NS_XA", "KINH_PHI_THUONG_XUYEN", "NS_TRUNG_UONG", "NGUON_KHAC")


@bp.get("/reports")
@login_required
def reports():
    """The reports of one year: those whose cut-off falls in it, newest first."""
    year = request.args.get("year", calendar.today().year, type=int)
    shown = client.get("reporting/reports", year=year)
    return render_template("reports.html", reports=shown, year=year, types=REPORT_TYPES, today=calendar.today())


@bp.get("/reports/<uuid:report_id>")
@login_required
def report(report_id):
    found = client.get(f"reporting/reports/{report_id}")
    return render_template("report.html", report=found, headline=headline(found.get("figures") or {}),
                           typed=kept("report-edit"))


@bp.get("/reports/<uuid:report_id>.<kind>")
@login_required
def report_download(report_id, kind: str):
    return attachment(f"reporting/reports/{report_id}.{kind}", kind)


@bp.get("/national/reports/<province>/<uuid:report_id>.<kind>")
@login_required
def national_report_download(province: str, report_id, kind: str):
    return attachment(f"reporting/national/reports/{province}/{report_id}.{kind}", kind)


@bp.get("/budget")
@login_required
def budget():
    year = request.args.get("year", calendar.today().year, type=int)
    lines = client.get("budget/lines", fiscal_year=year, page_size=100)["items"]
    agencies = client.get("registry/agencies", status="HOAT_DONG", q=request.args.get("agency_q"),
                          page_size=100)["items"]
    return render_template("budget.html", lines=lines, year=year, categories=CATEGORIES, sources=SOURCES,
                           agencies=agencies, agency_q=request.args.get("agency_q", ""),
                           over=sum(line["cap_check"] == "VUOT_MUC" for line in lines))


@bp.get("/budget/lines/<uuid:line_id>")
@login_required
def budget_line(line_id):
    """One line: its amounts, what was spent and settled, and the forms of the steps its status allows."""
    found = client.get(f"budget/lines/{line_id}")
    records = client.get(f"budget/lines/{line_id}/records")
    return render_template("budget_line.html", line=found, records=records, today=calendar.today().isoformat(),
                           spendable=found["status"] in SPENDABLE)


def attachment(path: str, kind: str, name: str = "bao-cao", kinds: tuple[str, ...] = KINDS) -> Response:
    """A service's file passed on as a download, under the service's file name (else `name.kind`)."""
    if kind not in kinds:
        abort(404)
    reply = client.call("GET", path)
    return client.passed_on(reply, f"{name}.{kind}")
