import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from kit.auth import Unauthorized, bearer_token
from tests.support.tokens import Issuer


@pytest.fixture(scope="module")
def issuer():
    return Issuer()


class TestTokenVerifier:
    def test_a_good_token_gives_the_principal(self, issuer):
        agency = "0b4f8d0e-6f7c-4a53-9d0e-2a1c5b7e9f10"
        token = issuer.token(sub="u1", tenant="an-giang", roles=["province_admin", "not_a_role"], agency_id=agency)

        principal = issuer.verifier().verify(token)

        assert (principal.subject, principal.tenant, principal.agency_id) == ("u1", "an-giang", agency)
        assert principal.roles == {"province_admin"}

    def test_platform_roles_have_no_tenant(self, issuer):
        assert issuer.verifier().verify(issuer.token(roles=["platform_admin"])).tenant is None

    @pytest.mark.parametrize("change", [
        {"exp": int(time.time()) - 3600},
        {"aud": "someone-else"},
        {"iss": "https://other-realm"},
        {"exp": None},
        {"tenant": "NOT A SLUG"},
    ], ids=["expired", "wrong audience", "wrong issuer", "no exp", "bad tenant"])
    def test_bad_claims_are_refused(self, issuer, change):
        token = issuer.sign(issuer.claims(**change))

        with pytest.raises(Unauthorized):
            issuer.verifier().verify(token)

    @pytest.mark.parametrize("change", [
        {"roles": None}, {"roles": {"province_admin": True}}, {"roles": "province_admin"}, {"roles": [1]},
        {"exp": "9999999999"}, {"exp": [1]}, {"iat": "0"}, {"nbf": "0"}, {"agency_id": "a1"}, {"agency_id": 7},
        {"tenant": ["an-giang"]}, {"name": 3},
    ], ids=["roles null", "roles object", "roles string", "roles of numbers", "exp digits", "exp list",
            "iat string", "nbf string", "agency_id not a uuid", "agency_id number", "tenant list", "name number"])
    def test_claims_of_the_wrong_type_are_refused(self, issuer, change):
        token = issuer.sign({**issuer.claims(tenant="an-giang"), **change})

        with pytest.raises(Unauthorized) as refused:
            issuer.verifier().verify(token)

        assert str(refused.value) == "Mã truy cập không hợp lệ / invalid token"

    def test_the_library_words_are_not_in_the_refusal(self, issuer):
        with pytest.raises(Unauthorized) as expired:
            issuer.verifier().verify(issuer.sign(issuer.claims(exp=int(time.time()) - 3600)))
        with pytest.raises(Unauthorized) as garbage:
            issuer.verifier().verify("a.b.c")

        assert str(expired.value) == "Mã truy cập đã hết hạn / the token has expired"
        assert str(garbage.value) == "Mã truy cập không hợp lệ / invalid token"

    def test_an_agency_id_is_given_in_its_canonical_form(self, issuer):
        token = issuer.token(tenant="an-giang", agency_id="0B4F8D0E6F7C4A539D0E2A1C5B7E9F10")

        assert issuer.verifier().verify(token).agency_id == "0b4f8d0e-6f7c-4a53-9d0e-2a1c5b7e9f10"

    def test_an_unknown_key_id_is_refused(self, issuer):
        with pytest.raises(Unauthorized):
            issuer.verifier().verify(issuer.sign(issuer.claims(), kid="rotated-away"))

    def test_a_token_signed_by_another_key_is_refused(self, issuer):
        other = Issuer(kid=issuer.kid)

        with pytest.raises(Unauthorized):
            issuer.verifier().verify(other.token())

    def test_alg_none_is_refused(self, issuer):
        token = jwt.encode(issuer.claims(), None, algorithm="none", headers={"kid": issuer.kid})

        with pytest.raises(Unauthorized):
            issuer.verifier().verify(token)

    def test_hs256_signed_with_the_public_key_is_refused(self, issuer):
        public = issuer.key.public_key().public_bytes(serialization.Encoding.PEM,
                                                      serialization.PublicFormat.SubjectPublicKeyInfo)
        header = jwt.utils.base64url_encode(b'{"alg":"HS256","typ":"JWT","kid":"test-key"}')
        payload = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(issuer.claims()).encode())
        import hashlib
        import hmac

        signature = hmac.new(public, header + b"." + payload, hashlib.sha256).digest()
        token = (header + b"." + payload + b"." + jwt.utils.base64url_encode(signature)).decode()

        with pytest.raises(Unauthorized):
            issuer.verifier().verify(token)

    def test_garbage_is_refused(self, issuer):
        with pytest.raises(Unauthorized):
            issuer.verifier().verify("not.a.token")


class TestBearerHeader:
    @pytest.mark.parametrize("header", [None, "", "Basic abc", "Bearer ", "token-without-scheme"])
    def test_malformed_headers_are_refused(self, header):
        with pytest.raises(Unauthorized):
            bearer_token(header)

    def test_the_token_is_taken_from_the_header(self):
        assert bearer_token("Bearer abc.def.ghi") == "abc.def.ghi"
