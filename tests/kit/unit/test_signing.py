"""PAdES signatures (kit.signing) on an official document's PDF, with a CA the test creates: a signed PDF
verifies, a tampered copy does not, and a certificate from another CA is not trusted."""

import io
from datetime import date

import pytest

from kit import db, routes, signing
from kit.config import MissingSetting
from kit.official import Official, Section, pdf_bytes
from kit.service import load
from kit.settings import Settings
from tests.support.signing_ca import PASSPHRASE, MadeCA

SIGNER = "Sở Khoa học và Công nghệ tỉnh An Giang"


@pytest.fixture(scope="module")
def ca():
    return MadeCA.create()


@pytest.fixture(scope="module")
def unsigned():
    return pdf_bytes(Official(superior="UBND TỈNH AN GIANG", issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ", symbol="BC-SKHCN",
                              place="An Giang", dated=date(2026, 12, 4), kind="BÁO CÁO", summary="Kết quả",
                              sections=(Section("I. KẾT QUẢ", table=(("Tổng số cơ quan", "41"),)),),
                              signer_title="GIÁM ĐỐC"))


@pytest.fixture(scope="module")
def signed(ca, unsigned):
    return signing.sign_and_verify(unsigned, ca.signer(SIGNER))


class TestSignAndVerify:
    def test_a_signed_pdf_is_intact_valid_trusted_and_names_its_signer(self, signed, ca):
        body, verdict = signed

        again = signing.verify_pdf(body, [ca.root_der])

        assert verdict == again
        assert (again.intact, again.valid, again.trusted, again.whole_file) == (True, True, True, True)
        assert again.signer == SIGNER and again.ok
        assert signing.header_value(again) == (
            "valid; signer*=UTF-8''S%E1%BB%9F%20Khoa%20h%E1%BB%8Dc%20v%C3%A0%20C%C3%B4ng%20ngh%E1%BB%87%20"
            "t%E1%BB%89nh%20An%20Giang")

    def test_a_byte_changed_inside_the_signed_range_breaks_it(self, signed, ca):
        body, _ = signed
        tampered = body.replace(b"/MediaBox [ 0 0 595.2756", b"/MediaBox [ 0 0 595.2757", 1)

        verdict = signing.verify_pdf(tampered, [ca.root_der])

        assert tampered != body and not verdict.intact and not verdict.ok

    def test_an_incremental_update_that_alters_a_page_is_not_covered(self, signed, ca):
        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

        body, _ = signed
        writer = IncrementalPdfFileWriter(io.BytesIO(body), strict=False)
        writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"BT ET")))
        out = io.BytesIO()
        writer.write(out)

        verdict = signing.verify_pdf(out.getvalue(), [ca.root_der])

        assert verdict.intact and verdict.valid  # the signed revision itself is untouched
        assert not verdict.whole_file and not verdict.ok

    def test_a_certificate_from_another_ca_is_not_trusted(self, signed):
        body, _ = signed

        verdict = signing.verify_pdf(body, [MadeCA.create("CA khác").root_der])

        assert verdict.intact and verdict.valid and not verdict.trusted and not verdict.ok

    def test_signing_with_a_certificate_the_province_does_not_trust_refuses_to_return_it(self, unsigned):
        stranger = MadeCA.create("CA lạ").signer(SIGNER, trusted=(MadeCA.create("CA tỉnh").root_der,))

        with pytest.raises(signing.SignatureInvalid):
            signing.sign_and_verify(unsigned, stranger)

    def test_an_unsigned_pdf_has_no_verdict(self, ca, unsigned):
        assert signing.verify_pdf(unsigned, [ca.root_der]) is None


class TestKeyring:
    def test_each_province_names_its_pkcs12_passphrase_variable_and_roots(self, ca, tmp_path):
        credentials = ca.signer(SIGNER)
        (tmp_path / "ag.p12").write_bytes(credentials.pkcs12)
        (tmp_path / "roots.pem").write_bytes(ca.root_pem)
        environ = {"SIGNING_CERTIFICATES": f"ag={tmp_path / 'ag.p12'}:KY_SO_AG:{tmp_path / 'roots.pem'}",
                   "KY_SO_AG": PASSPHRASE.decode()}

        keyring = signing.keyring_from_env(environ)

        assert keyring == {"ag": signing.Credentials(credentials.pkcs12, PASSPHRASE, (ca.root_der,))}

    def test_without_roots_the_chain_in_the_pkcs12_is_trusted_up_to_its_root(self, ca):
        credentials = ca.signer(SIGNER, trusted=())

        assert credentials.trust_roots() == [ca.root_der]

    def test_no_setting_means_no_province_signs(self):
        assert signing.keyring_from_env({}) == {}

    def test_a_missing_passphrase_variable_is_refused_at_start(self, ca, tmp_path):
        (tmp_path / "ag.p12").write_bytes(ca.signer(SIGNER).pkcs12)

        with pytest.raises(MissingSetting):
            signing.keyring_from_env({"SIGNING_CERTIFICATES": f"ag={tmp_path / 'ag.p12'}:KY_SO_AG"})


def test_the_api_process_reads_the_keyring_and_hands_it_to_the_app(ca, tmp_path):
    credentials = ca.signer(SIGNER)
    (tmp_path / "ag.p12").write_bytes(credentials.pkcs12)
    settings = Settings.from_env({"DATABASE_URL": "sqlite://", "KY_SO_AG": PASSPHRASE.decode(),
                                  "SIGNING_CERTIFICATES": f"ag={tmp_path / 'ag.p12'}:KY_SO_AG"})
    reporting = load("reporting")

    app = reporting.api_app(reporting.runtime(db.make_engine("sqlite://")), None, signing=settings.signing)

    assert app.extensions[routes.SIGNING] == {"ag": signing.Credentials(credentials.pkcs12, PASSPHRASE)}
    assert settings.signing["ag"].trust_roots() == [ca.root_der]
