"""The certificates and the attendance sheet from the real routes as the official documents (DOCX and PDF, one
description): read back in order with the records' names, numbers and counts; the certificates' PDF signed with
the province's certificate (PAdES, ADR 30) with a CA the test creates."""

import io
from datetime import UTC, datetime
from urllib.parse import unquote

import pypdf
import pytest

from contracts import registry
from kit import routes, signing
from tests.support.official_documents import assert_in_order, docx_lines, english_words, pdf_text, shown_fonts
from tests.support.signing_ca import MadeCA
from tests.training.conftest import API, move
from tests.training.integration.test_records import attend, running_class
from tests.training.integration.test_successions import deliver

PEOPLE = ["Nguyễn Thị Hồng Nhung", "Trần Văn Đức"]
SIGNER = "Sở Khoa học và Công nghệ tỉnh An Giang"


@pytest.fixture
def province(runtime, tenant):
    """The province's name, as the registry announces it (registry.tenant.created through the consumer)."""
    event = registry.TenantCreated(tenant_id=tenant, name="Tỉnh An Giang", created_at=datetime(2025, 1, 1, tzinfo=UTC))
    assert deliver(runtime, tenant, event, event) == ["handled", "duplicate"]
    return tenant


@pytest.fixture
def finished(client, as_officer, province):
    """A finished class of five sessions: Nhung at all five, Đức at four; both certified."""
    training_class, registrations = running_class(client, as_officer, PEOPLE)
    attend(client, as_officer, training_class, registrations, dict(zip(PEOPLE, (5, 4), strict=True)))
    move(client, as_officer, training_class["id"], "DA_KET_THUC")
    issued = client.post(f"{API}/classes/{training_class['id']}/certificates", headers=as_officer).get_json()
    return training_class, issued


def download(client, headers, training_class, name):
    response = client.get(f"{API}/classes/{training_class['id']}/{name}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response


class TestCertificates:
    def test_the_docx_and_pdf_carry_each_certificate_in_order(self, client, as_officer, finished):
        training_class, issued = finished

        word = download(client, as_officer, training_class, "certificates.docx")
        pdf = download(client, as_officer, training_class, "certificates.pdf")

        numbers = [c["number"] for c in issued]
        assert numbers == ["0001/2026/GCN-ISO", "0002/2026/GCN-ISO"]
        parts = [part for number, person in zip(numbers, PEOPLE, strict=True) for part in (
            "UBND TỈNH AN GIANG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", f"Số: {number}", "GIẤY CHỨNG NHẬN", f"Ông/Bà: {person}",
            f"Lớp: {training_class['title']}", "Thời gian: từ ngày 10/06/2026 đến ngày 16/06/2026",
            f"Địa điểm: {training_class['venue']}", "GIÁM ĐỐC", "Nơi nhận:")]
        for text in ("\n".join(docx_lines(word.data)), pdf_text(pdf.data)):
            assert_in_order(text, parts)
            assert not english_words(text)
        reader = pypdf.PdfReader(io.BytesIO(pdf.data))
        assert len(reader.pages) == 2 and {"DejaVuSans", "DejaVuSans-Bold"} <= shown_fonts(reader)
        assert pdf.headers[signing.HEADER] == "none"  # the province has no signing certificate

    def test_the_pdf_is_signed_and_verified_when_the_province_has_a_certificate(self, client, app, as_officer,
                                                                                finished, province, monkeypatch):
        ca = MadeCA.create()
        monkeypatch.setitem(app.extensions[routes.SIGNING], province, ca.signer(SIGNER))
        training_class, _ = finished

        response = download(client, as_officer, training_class, "certificates.pdf")
        tampered = response.data.replace(b"/MediaBox [ 0 0 595.2756", b"/MediaBox [ 0 0 595.2757", 1)

        assert unquote(response.headers[signing.HEADER]) == f"valid; signer*=UTF-8''{SIGNER}"
        assert signing.verify_pdf(response.data, [ca.root_der]).ok
        assert not signing.verify_pdf(tampered, [ca.root_der]).intact
        assert not signing.verify_pdf(response.data, [MadeCA.create("CA khác").root_der]).trusted
        assert "0002/2026/GCN-ISO" in pdf_text(response.data)
        docx = download(client, as_officer, training_class, "certificates.docx")
        assert signing.HEADER not in docx.headers

    def test_a_class_without_certificates_has_no_certificate_document(self, client, as_officer, province):
        training_class, _ = running_class(client, as_officer, PEOPLE[:1])

        response = client.get(f"{API}/classes/{training_class['id']}/certificates.pdf", headers=as_officer)

        assert response.status_code == 409 and response.get_json()["type"].endswith(":NoCertificates")
        assert "chưa cấp giấy chứng nhận" in response.get_json()["detail"]


class TestAttendanceSheet:
    def test_the_docx_and_pdf_list_the_class_sessions_and_trainees_with_their_counts(self, client, as_officer,
                                                                                     finished):
        training_class, _ = finished

        word = download(client, as_officer, training_class, "attendance-sheet.docx")
        pdf = download(client, as_officer, training_class, "attendance-sheet.pdf")

        parts = ["UBND TỈNH AN GIANG", "An Giang, ngày 16 tháng 06 năm 2026", "DANH SÁCH ĐIỂM DANH",
                 f"Học viên lớp {training_class['title']}", "Số buổi học: 5; số học viên: 2", "II. CÁC BUỔI HỌC",
                 "B1", "10/06/2026 Sáng", "B5", "16/06/2026 Sáng", "III. DANH SÁCH HỌC VIÊN", "Ký tên",
                 "1", PEOPLE[0], "x", "x", "x", "x", "x", "5", "2", PEOPLE[1], "x", "x", "x", "x", "v", "4",
                 "NGƯỜI LẬP DANH SÁCH"]
        for text in ("\n".join(docx_lines(word.data)), pdf_text(pdf.data)):
            assert_in_order(text, parts)
            assert not english_words(text)
        assert {"DejaVuSans", "DejaVuSans-Bold"} <= shown_fonts(pypdf.PdfReader(io.BytesIO(pdf.data)))
        assert signing.HEADER not in pdf.headers  # only the certificates are signed
