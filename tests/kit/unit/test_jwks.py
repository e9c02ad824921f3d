"""Tokens checked against a JWKS served over HTTP: key rotation, removed keys, bounded refetches, clock skew."""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kit.auth import AuthSettings, RemoteKeys, TokenVerifier, Unauthorized
from tests.support.tokens import AUDIENCE, ISSUER, Issuer


class JwksServer:
    """A local identity provider's JWKS endpoint whose published keys the test changes; counts requests."""

    def __init__(self):
        self.published: list[Issuer] = []
        self.requests = 0
        self.up = True
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                server.requests += 1
                if not server.up:
                    self.send_error(503)
                    return
                body = json.dumps({"keys": [k for i in server.published for k in i.jwks["keys"]]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/realms/iso-hcc/protocol/openid-connect/certs"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Clock:
    def __init__(self):
        self.now = 5000.0

    def __call__(self):
        return self.now


@pytest.fixture
def idp():
    server = JwksServer()
    yield server
    server.close()


@pytest.fixture
def clock():
    return Clock()


def verifier(idp, clock, **options) -> TokenVerifier:
    return TokenVerifier(AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks_url=idp.url, **options), clock=clock)


class TestRotation:
    def test_a_new_key_is_accepted_without_a_restart(self, idp, clock):
        old, new = Issuer(kid="2026-10"), Issuer(kid="2026-11")
        idp.published = [old]
        checker = verifier(idp, clock)
        assert checker.verify(old.token(sub="before")).subject == "before"

        idp.published = [old, new]
        clock.now += 31

        assert checker.verify(new.token(sub="after")).subject == "after"
        assert idp.requests == 2

    def test_a_removed_key_stops_being_accepted_once_the_keys_are_refetched(self, idp, clock):
        old, new = Issuer(kid="2026-10"), Issuer(kid="2026-11")
        idp.published = [old, new]
        checker = verifier(idp, clock)
        checker.verify(old.token())

        idp.published = [new]
        clock.now += 301

        with pytest.raises(Unauthorized):
            checker.verify(old.token())
        assert checker.verify(new.token(sub="still")).subject == "still"

    def test_made_up_key_ids_cause_at_most_one_fetch_per_interval(self, idp, clock):
        idp.published = [Issuer(kid="real")]
        checker = verifier(idp, clock, jwks_min_refetch_seconds=30)
        forger = Issuer(kid="x")

        for _ in range(20):
            with pytest.raises(Unauthorized):
                checker.verify(forger.sign(forger.claims(), kid=uuid.uuid4().hex))
        first = idp.requests
        clock.now += 30
        with pytest.raises(Unauthorized):
            checker.verify(forger.sign(forger.claims(), kid="another"))

        assert (first, idp.requests) == (1, 2)

    def test_a_key_signed_by_someone_else_under_a_published_kid_is_refused(self, idp, clock):
        idp.published = [Issuer(kid="real")]

        with pytest.raises(Unauthorized):
            verifier(idp, clock).verify(Issuer(kid="real").token())


class TestProviderDown:
    def test_the_last_good_keys_stay_in_use_while_the_provider_is_down(self, idp, clock):
        key = Issuer(kid="k1")
        idp.published = [key]
        checker = verifier(idp, clock)
        checker.verify(key.token())

        idp.up = False
        clock.now += 301

        assert checker.verify(key.token(sub="cached")).subject == "cached"
        assert idp.requests == 2

    def test_with_no_keys_ever_fetched_every_token_is_refused(self, idp, clock):
        idp.up = False

        with pytest.raises(Unauthorized):
            verifier(idp, clock).verify(Issuer(kid="k1").token())

    def test_an_unreachable_provider_refuses_and_does_not_crash(self, clock):
        keys = RemoteKeys("http://127.0.0.1:9/unreachable", timeout=0.5, clock=clock)

        with pytest.raises(Unauthorized):
            keys.key("k1")
        assert keys.fetches == 1


class TestClaims:
    @pytest.fixture
    def key(self, idp):
        key = Issuer(kid="k1")
        idp.published = [key]
        return key

    @pytest.mark.parametrize(("shift", "accepted"), [(-20, True), (-45, False)], ids=["within skew", "beyond skew"])
    def test_an_expiry_just_past_is_tolerated_only_within_the_leeway(self, idp, clock, key, shift, accepted):
        now = int(time.time())
        token = key.sign(key.claims(iat=now - 600, exp=now + shift))
        checker = verifier(idp, clock, leeway_seconds=30)

        if accepted:
            assert checker.verify(token).subject == "tester"
        else:
            with pytest.raises(Unauthorized):
                checker.verify(token)

    @pytest.mark.parametrize("change", [{"iss": "https://sso.example/realms/other"}, {"aud": "account"}],
                             ids=["another realm", "another audience"])
    def test_the_issuer_and_audience_must_match(self, idp, clock, key, change):
        with pytest.raises(Unauthorized):
            verifier(idp, clock).verify(key.sign(key.claims(**change)))


class TestRememberedTokens:
    """A verified token is remembered (kit.tokencache) only while the key that verified it is still published."""

    def test_a_remembered_token_of_a_removed_key_is_refused_once_the_keys_are_refetched(self, idp, clock):
        old, new = Issuer(kid="2026-10"), Issuer(kid="2026-11")
        idp.published = [old, new]
        checker = verifier(idp, clock)
        token = old.token()
        checker.verify(token)
        assert checker.cache.get(token) is not None

        idp.published = [new]
        clock.now += 301

        with pytest.raises(Unauthorized):
            checker.verify(token)

    def test_a_remembered_token_is_refused_when_its_kid_now_names_another_key(self, idp, clock):
        first, second = Issuer(kid="reused"), Issuer(kid="reused")
        idp.published = [first]
        checker = verifier(idp, clock)
        token = first.token()
        checker.verify(token)

        idp.published = [second]
        clock.now += 301

        with pytest.raises(Unauthorized):
            checker.verify(token)
        assert checker.verify(second.token(sub="new key")).subject == "new key"

    def test_new_keys_forget_every_remembered_token(self, idp, clock):
        old, new = Issuer(kid="2026-10"), Issuer(kid="2026-11")
        idp.published = [old]
        checker = verifier(idp, clock)
        checker.verify(old.token(sub="a"))
        checker.verify(old.token(sub="b"))

        idp.published = [old, new]
        clock.now += 31
        checker.verify(new.token(sub="c"))

        assert len(checker.cache) == 1

    def test_an_unchanged_key_set_keeps_remembered_tokens(self, idp, clock):
        key = Issuer(kid="k1")
        idp.published = [key]
        checker = verifier(idp, clock)
        token = key.token()
        checker.verify(token)

        clock.now += 301
        checker.verify(key.token(sub="other"))

        assert idp.requests == 2 and checker.cache.get(token) is not None
