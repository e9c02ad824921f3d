"""The periodic report's PDF signed with the province's certificate (PAdES, ADR 30) and verified before it is
served, with a CA the test creates; a province without a certificate gets its PDF unsigned, as before."""

import logging
from urllib.parse import unquote

import pytest

from kit import routes, signing
from tests.reporting.conftest import REPORTS, annual, submitted
from tests.support.signing_ca import MadeCA

SIGNER = "Sở Khoa học và Công nghệ tỉnh Bình Thuận"


@pytest.fixture(scope="module")
def ca():
    return MadeCA.create()


@pytest.fixture
def with_certificate(app, province, ca, monkeypatch):
    monkeypatch.setitem(app.extensions[routes.SIGNING], province, ca.signer(SIGNER))


def signer_of(header: str) -> str:
    state, _, signer = header.partition("; signer*=UTF-8''")
    assert state == "valid"
    return unquote(signer)


class TestSignedReport:
    def test_the_pdf_is_signed_verified_and_says_by_whom(self, client, people, with_certificate, ca):
        report = annual(client, people)

        response = client.get(f"{REPORTS}/{report['id']}.pdf", headers=people["province_officer"])

        assert response.status_code == 200 and response.content_type == "application/pdf"
        assert signer_of(response.headers[signing.HEADER]) == SIGNER
        verdict = signing.verify_pdf(response.data, [ca.root_der])
        assert (verdict.intact, verdict.valid, verdict.trusted, verdict.whole_file, verdict.signer) == (
            True, True, True, True, SIGNER)

    def test_a_tampered_copy_and_another_cas_roots_fail(self, client, people, with_certificate, ca):
        report = annual(client, people)
        body = client.get(f"{REPORTS}/{report['id']}.pdf", headers=people["province_officer"]).data
        tampered = body.replace(b"/MediaBox [ 0 0 595.2756", b"/MediaBox [ 0 0 595.2757", 1)

        broken = signing.verify_pdf(tampered, [ca.root_der])
        stranger = signing.verify_pdf(body, [MadeCA.create("CA khác").root_der])

        assert tampered != body and not broken.intact and not broken.ok
        assert stranger.intact and not stranger.trusted and not stranger.ok

    def test_the_ministry_downloads_it_signed_by_the_province(self, client, people, province, with_certificate):
        report = annual(client, people)
        submitted(client, people, report)

        response = client.get(f"/api/v1/reporting/national/reports/{province}/{report['id']}.pdf",
                              headers=people["national"])

        assert response.status_code == 200 and signer_of(response.headers[signing.HEADER]) == SIGNER

    def test_the_docx_and_xlsx_are_not_signed(self, client, people, with_certificate):
        report = annual(client, people)

        for kind in ("docx", "xlsx"):
            response = client.get(f"{REPORTS}/{report['id']}.{kind}", headers=people["province_officer"])
            assert response.status_code == 200 and signing.HEADER not in response.headers

    def test_a_signature_that_does_not_verify_is_a_logged_500_not_an_unsigned_file(self, client, people, app,
                                                                                   province, monkeypatch, caplog):
        untrusted = MadeCA.create("CA lạ").signer(SIGNER, trusted=(MadeCA.create("CA tỉnh").root_der,))
        monkeypatch.setitem(app.extensions[routes.SIGNING], province, untrusted)
        report = annual(client, people)

        with caplog.at_level(logging.ERROR, logger="kit.http"):
            response = client.get(f"{REPORTS}/{report['id']}.pdf", headers=people["province_officer"])

        assert response.status_code == 500 and not response.data.startswith(b"%PDF")
        assert any(r.exc_info and r.exc_info[0] is signing.SignatureInvalid for r in caplog.records)


def test_a_province_without_a_certificate_gets_its_pdf_unsigned(client, people, ca):
    report = annual(client, people)

    response = client.get(f"{REPORTS}/{report['id']}.pdf", headers=people["province_officer"])

    assert response.status_code == 200 and response.headers[signing.HEADER] == "none"
    assert response.data.startswith(b"%PDF") and signing.verify_pdf(response.data, [ca.root_der]) is None
