"""Periodic reports with their approval chain and downloads, and the budget lines with cap warnings."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from gateway.web import client
from gateway.web.actions import kept
from gateway.web.blueprint import bp, login_required
from gateway.web.pages_home import headline
from kit import calendar

REPORT_TYPES = ("BC_6_THANG", "BC_TINH_NAM", "BC_DOT_XUAT")
KINDS = ("xlsx", "docx", "pdf")
CATEGORIES = ("TU_VAN_XAY_DUNG_LAN_DAU", "TU_VAN_MO_RONG", "THUE_CHUYEN_GIA_DOC_LAP", "TU_XAY_DUNG_KHOAN",
              "CO_QUAN_THUC_HIEN", "DUY_TRI_CAI_TIEN", "CHUYEN_DOI_PHIEN_BAN", "DAO_TAO", "KIEM_TRA",
              "THUE_TO_CHUC_CHUNG_NHAN_PHOI_HOP_KIEM_TRA", "KHAC")
SOURCES = ("NS_TINH", "NS_XA", "KINH_PHI_THUONG_XUYEN", "NS_TRUNG_UONG", "NGUON_KHAC")


@bp.get("/reports")
@login_required
def reports():
    return render_template("reports.html", reports=client.get("reporting/reports"), types=REPORT_TYPES,
                           today=calendar.today())


@bp.get("/reports/<uuid:report_id>")
@login_required
def report(report_id):
    found = client.get(f"reporting/reports/{report_id}")
    return render_template("report.html", report=found, headline=headline(found.get("figures") or {}),
                           typed=kept("report-edit"))


@bp.get("/reports/<uuid:report_id>.<kind>")
@login_required
def report_download(report_id, kind: str):
    return _file(f"reporting/reports/{report_id}.{kind}", kind)


@bp.get("/national/reports/<province>/<uuid:report_id>.<kind>")
@login_required
def national_report_download(province: str, report_id, kind: str):
    return _file(f"reporting/national/reports/{province}/{report_id}.{kind}", kind)


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


def _file(path: str, kind: str) -> Response:
    if kind not in KINDS:
        abort(404)
    reply = client.call("GET", path)
    disposition = reply.headers.get("Content-Disposition", f'attachment; filename="bao-cao.{kind}"')
    return Response(reply.body, mimetype=reply.headers.get("Content-Type"),
                    headers={"Content-Disposition": disposition})
