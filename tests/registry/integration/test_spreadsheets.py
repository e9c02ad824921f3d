"""Routes of api/spreadsheets.py: bulk import and export of agencies as XLSX, on a real PostgreSQL: all or nothing,
row errors, one event each."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from registry.documents import xlsx
from tests.registry.conftest import new_agency
from tests.support.service import outbox

AGENCIES = "/api/v1/registry/agencies"
IMPORT = f"{AGENCIES}/import"
EXPORT = f"{AGENCIES}/export.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["Tên cơ quan", "Tên viết tắt", "Loại cơ quan", "Cấp hành chính", "Mã ĐVHC", "Hiệu lực từ", "Số TTHC"]
AN_GIANG = ("30313", "30307", "30292", "30301", "30316", "30325", "30337", "30367", "30346", "30341")  # in force


def commune(number: int, agency_type: str = "UBND_XA") -> list:
    return [f"Ủy ban nhân dân xã Số {number}", f"UBND {number}", agency_type, "Xã", AN_GIANG[number % len(AN_GIANG)],
            "01/07/2025", number % 50]


def sheet(*rows, header=HEADER) -> bytes:
    book = Workbook(write_only=True)
    page = book.create_sheet()
    for row in (header, *rows):
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def communes(count: int, *, bad_row: int | None = None) -> bytes:
    """`count` commune rows from spreadsheet row 2; `bad_row` gets an agency type that does not exist."""
    return sheet(*(commune(n, "UBND_PHUONG_CU" if n == bad_row else "UBND_XA") for n in range(2, count + 2)))


def upload(client, headers, body: bytes, *, mode: str | None = None, content_type: str = XLSX):
    url = f"{IMPORT}?mode={mode}" if mode else IMPORT
    return client.post(url, data=body, headers={**headers, "Content-Type": content_type})


def count_agencies(client, headers) -> int:
    return client.get(AGENCIES, headers=headers).get_json()["total"]


def exported(client, headers, query: str = "") -> list[dict]:
    response = client.get(f"{EXPORT}{query}", headers=headers)
    assert response.status_code == 200 and response.mimetype == XLSX
    return [row.values for row in xlsx.read_rows(response.data)]


class TestAllOrNothing:
    def test_a_2000_row_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column(
            self, client, runtime, province, as_officer):
        response = upload(client, as_officer, communes(2000, bad_row=1237))

        assert response.status_code == 422 and response.content_type == "application/problem+json"
        [error] = response.get_json()["errors"]
        assert (error["row"], error["column"]) == (1237, "Loại cơ quan") and "UBND_XA" in error["message"]
        assert count_agencies(client, as_officer) == 0 and outbox(runtime, province, topic="registry.agency") == []

    def test_a_clean_2000_row_file_imports_every_row_with_one_event_per_agency(
            self, client, runtime, province, as_officer):
        response = upload(client, as_officer, communes(2000))

        assert response.status_code == 201 and response.get_json() == {"imported": 2000, "errors": []}
        assert count_agencies(client, as_officer) == 2000
        events = outbox(runtime, province, topic="registry.agency")
        assert len(events) == 2000 and {e.type for e in events} == {"registry.agency.registered"}
        assert len({e.key for e in events}) == 2000
        assert events[0].payload["data"]["name"] == "Ủy ban nhân dân xã Số 2"

    def test_every_bad_cell_is_reported_in_row_order(self, client, runtime, province, as_officer):
        body = sheet(commune(2), [None, "X", "SO"], commune(4)[:5] + ["31/02/2025"], commune(2),
                     ["Sở Y tế", None, "SO", "TINH", "9"])

        response = upload(client, as_officer, body)

        assert response.status_code == 422
        assert [(e["row"], e["column"]) for e in response.get_json()["errors"]] == [
            (3, "Tên cơ quan"), (4, "Hiệu lực từ"), (5, "Tên cơ quan"), (6, "Mã ĐVHC")]
        assert outbox(runtime, province, topic="registry.agency") == []

    def test_a_name_already_in_the_register_is_a_row_error(self, client, province, as_officer):
        new_agency(client, as_officer, name="Sở Tư pháp")

        response = upload(client, as_officer, sheet(["sở tư  PHÁP", None, "SO"], header=HEADER[:3]))

        assert response.get_json()["errors"][0] | {"message": None} == {
            "row": 2, "column": "Tên cơ quan", "message": None}

    def test_an_override_must_cite_the_provincial_decision(self, client, province, as_officer):
        header = ["Tên cơ quan", "Loại cơ quan", "Mức độ bắt buộc (ghi đè)", "Số QĐ/KH của tỉnh", "Ngày QĐ/KH"]

        response = upload(client, as_officer, sheet(["UBND xã A", "UBND_XA", "Bắt buộc", None, None],
                                                     ["UBND xã B", "UBND_XA", "BAT_BUOC", "12/KH-UBND", "15/03/2025"],
                                                     header=header))

        assert [(e["row"], e["column"]) for e in response.get_json()["errors"]] == [(2, "Mức độ bắt buộc (ghi đè)")]


    def test_a_unit_code_not_in_force_on_the_agencys_start_is_reported_under_its_own_column(self, client,
                                                                                         province, as_officer):
        parent = ["Sở Nội vụ", None, "SO", "Tỉnh", None, "01/07/2025", 1]
        child = ["Ủy ban nhân dân xã Không Có", None, "UBND_XA", "Xã", "99999", "01/07/2025", 2, "Sở Nội vụ"]

        response = upload(client, as_officer, sheet(parent, child, header=[*HEADER, "Cơ quan cấp trên"]))

        errors = response.get_json()["errors"]
        assert [(e["row"], e["column"]) for e in errors] == [(3, "Mã ĐVHC")]
        assert "99999" in errors[0]["message"]


class TestPartialMode:
    def test_the_valid_rows_are_imported_and_the_others_reported(self, client, runtime, province, as_officer):
        body = sheet(commune(2), commune(3, "KHONG_CO"), commune(4), commune(2))

        response = upload(client, as_officer, body, mode="partial")

        assert response.status_code == 201
        result = response.get_json()
        assert result["imported"] == 2 and [(e["row"], e["column"]) for e in result["errors"]] == [
            (3, "Loại cơ quan"), (5, "Tên cơ quan")]
        assert "dòng 2" in result["errors"][1]["message"]
        assert len(outbox(runtime, province, topic="registry.agency")) == 2

    def test_a_mode_that_does_not_exist_is_refused(self, client, province, as_officer):
        assert upload(client, as_officer, communes(1), mode="some").status_code == 422


class TestParents:
    def test_a_parent_is_named_in_the_file_in_any_order_or_already_registered(self, client, province, as_officer):
        tinh = new_agency(client, as_officer, name="UBND tỉnh An Giang", agency_type="UBND_TINH")
        header = ["Tên cơ quan", "Loại cơ quan", "Cơ quan cấp trên"]
        body = sheet(["Chi cục Tiêu chuẩn Đo lường Chất lượng", "CHI_CUC", "Sở Khoa học và Công nghệ"],
                     ["Sở Khoa học và Công nghệ", "SO", "ubnd tỉnh an giang"], header=header)

        assert upload(client, as_officer, body).get_json() == {"imported": 2, "errors": []}

        by_name = {a["name"]: a for a in client.get(AGENCIES, headers=as_officer).get_json()["items"]}
        assert by_name["Sở Khoa học và Công nghệ"]["parent_agency_id"] == tinh["id"]
        assert (by_name["Chi cục Tiêu chuẩn Đo lường Chất lượng"]["parent_agency_id"]
                == by_name["Sở Khoa học và Công nghệ"]["id"])

    def test_an_unknown_parent_or_a_loop_is_a_row_error(self, client, runtime, province, as_officer):
        header = ["Tên cơ quan", "Loại cơ quan", "Cơ quan cấp trên"]
        body = sheet(["A", "SO", "B"], ["B", "SO", "A"], ["C", "SO", "Không có"], ["D", "SO", "D"], header=header)

        response = upload(client, as_officer, body, mode="partial")

        assert [(e["row"], e["column"]) for e in response.get_json()["errors"]] == [
            (2, "Cơ quan cấp trên"), (3, "Cơ quan cấp trên"), (4, "Cơ quan cấp trên"), (5, "Cơ quan cấp trên")]
        assert response.get_json()["imported"] == 0 and outbox(runtime, province, topic="registry.agency") == []


class TestExport:
    def test_an_export_re_imports_into_another_province_unchanged(self, client, issuer, province, other_province,
                                                                  as_officer):
        tinh = new_agency(client, as_officer, name="UBND tỉnh", agency_type="UBND_TINH", admin_level="TINH")
        new_agency(client, as_officer, name="Sở Nội vụ", agency_type="SO", parent_agency_id=tinh["id"],
                   valid_from="2025-07-01", head_name="Trần Văn Ấn", tthc_count=37, location_unit_code="91",
                   obligation_override="BAT_BUOC", obligation_decision_no="7/QĐ-UBND",
                   obligation_decision_date="2025-01-02")
        upload(client, as_officer, communes(30))
        theirs = issuer.headers(tenant=other_province, roles=["province_admin"])

        response = client.get(EXPORT, headers=as_officer)
        again = upload(client, theirs, response.data)

        assert response.headers["Content-Disposition"] == f'attachment; filename="co-quan-{province}.xlsx"'
        assert again.status_code == 201 and again.get_json()["imported"] == 32
        assert exported(client, theirs) == exported(client, as_officer)
        [noi_vu] = exported(client, theirs, "?q=nội vụ")
        assert noi_vu["parent_name"] == "UBND tỉnh" and noi_vu["valid_from"] == "2025-07-01"

    def test_the_export_takes_the_list_filters(self, client, province, as_officer):
        new_agency(client, as_officer, name="Sở Y tế", agency_type="SO")
        upload(client, as_officer, communes(3))

        assert [a["name"] for a in exported(client, as_officer, "?agency_type=SO")] == ["Sở Y tế"]

    def test_an_agency_officer_exports_only_their_agency(self, client, issuer, province, as_officer):
        mine = new_agency(client, as_officer, name="Sở Y tế")
        new_agency(client, as_officer, name="Sở Tài chính")
        officer = issuer.headers(tenant=province, roles=["agency_officer"], agency_id=mine["id"])

        assert [a["name"] for a in exported(client, officer)] == ["Sở Y tế"]

    def test_an_empty_export_is_the_blank_template(self, client, province, as_officer):
        response = client.get(EXPORT, headers=as_officer)

        first = load_workbook(io.BytesIO(response.data)).worksheets[0]
        assert [c.value for c in first[1]] == [column.header for column in xlsx.COLUMNS] and first.max_row == 1


class TestAccess:
    def test_another_province_sees_none_of_the_imported_agencies(self, client, issuer, province, other_province,
                                                                 as_officer):
        upload(client, as_officer, communes(5))
        theirs = issuer.headers(tenant=other_province, roles=["province_officer"])
        one = client.get(AGENCIES, headers=as_officer).get_json()["items"][0]

        assert count_agencies(client, theirs) == 0 and exported(client, theirs) == []
        assert client.get(f"{AGENCIES}/{one['id']}", headers=theirs).status_code == 404

    @pytest.mark.parametrize("roles", [["agency_officer"], ["national_viewer"], ["province_leader"]])
    def test_only_province_admins_and_officers_import(self, client, runtime, issuer, province, roles):
        response = upload(client, issuer.headers(tenant=province, roles=roles), communes(1))

        assert response.status_code == 403 and outbox(runtime, province, topic="registry.agency") == []

    def test_a_national_viewer_cannot_export(self, client, issuer, province):
        assert client.get(EXPORT, headers=issuer.headers(roles=["national_viewer"])).status_code == 403


class TestBadFiles:
    @pytest.mark.parametrize("body", [b"Ten co quan,Loai\nSo Y te,SO\n", b"PK\x03\x04broken", b""],
                             ids=["csv", "broken zip", "empty"])
    def test_a_body_that_is_not_an_xlsx_is_a_400(self, client, runtime, province, as_officer, body):
        response = upload(client, as_officer, body)

        assert response.status_code == 400 and response.content_type == "application/problem+json"
        assert outbox(runtime, province, topic="registry.agency") == []

    def test_a_body_over_the_size_limit_is_a_413(self, client, province, as_officer):
        response = upload(client, as_officer, b"PK" + b"0" * (1 << 20))

        assert response.status_code == 413 and response.content_type == "application/problem+json"

    def test_a_header_row_off_the_layout_is_a_422_naming_the_columns(self, client, province, as_officer):
        response = upload(client, as_officer, sheet(["Sở Y tế"], header=["Tên đơn vị"]))

        assert response.status_code == 422
        assert {(e["row"], e["column"]) for e in response.get_json()["errors"]} == {
            (1, "Tên đơn vị"), (1, "Tên cơ quan"), (1, "Loại cơ quan")}

    def test_a_multipart_upload_in_the_field_file_works(self, client, province, as_officer):
        response = client.post(IMPORT, data={"file": (io.BytesIO(communes(3)), "co-quan.xlsx")},
                               headers=as_officer, content_type="multipart/form-data")

        assert response.status_code == 201 and response.get_json()["imported"] == 3
