"""Verified tokens remembered (kit.tokencache, ADR 27): never past their `exp`, at most `max_age`, bounded, and
answered from memory only while the key that verified them is the one still published (the key rotation cases over
a real JWKS endpoint are in test_jwks.py)."""

from __future__ import annotations

import time

import jwt
import pytest

from kit import auth
from kit.auth import AuthSettings, TokenVerifier, Unauthorized
from kit.tokencache import VerifiedTokens
from tests.support.tokens import AUDIENCE, ISSUER, Issuer


class Wall:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


class TestVerifiedTokens:
    def test_an_entry_lives_until_the_tokens_expiry_and_not_a_second_longer(self):
        wall = Wall()
        cache = VerifiedTokens(max_age=60, clock=wall)
        cache.put("t", "principal", "k1", object(), exp=wall.now + 10)

        wall.now += 9.9
        kept = cache.get("t")
        wall.now += 0.1

        assert kept is not None and kept.principal == "principal"
        assert cache.get("t") is None

    def test_an_entry_lives_at_most_max_age_though_the_token_lives_longer(self):
        wall = Wall()
        cache = VerifiedTokens(max_age=60, clock=wall)
        cache.put("t", "principal", "k1", object(), exp=wall.now + 3600)

        wall.now += 60

        assert cache.get("t") is None

    def test_a_token_already_expired_is_not_kept(self):
        wall = Wall()
        cache = VerifiedTokens(clock=wall)

        cache.put("t", "principal", "k1", object(), exp=wall.now - 1)

        assert cache.get("t") is None and len(cache) == 0

    def test_the_least_recently_used_entry_goes_when_full(self):
        wall = Wall()
        cache = VerifiedTokens(size=2, clock=wall)
        for token in ("a", "b"):
            cache.put(token, token, "k1", object(), exp=wall.now + 600)
        cache.get("a")

        cache.put("c", "c", "k1", object(), exp=wall.now + 600)

        assert [cache.get(t) is not None for t in ("a", "b", "c")] == [True, False, True]

    def test_size_zero_keeps_nothing(self):
        cache = VerifiedTokens(size=0)

        cache.put("t", "principal", "k1", object(), exp=time.time() + 600)

        assert cache.get("t") is None


def counting_decode(monkeypatch) -> list[str]:
    """Every full verification (signature and claims) the verifier makes, by token."""
    calls: list[str] = []
    real = jwt.decode

    def decode(token, *args, **kwargs):
        calls.append(token)
        return real(token, *args, **kwargs)

    monkeypatch.setattr(auth.jwt, "decode", decode)
    return calls


class TestVerifierRemembers:
    def test_a_token_is_verified_once_and_then_answered_from_memory(self, monkeypatch):
        issuer = Issuer()
        verifier = issuer.verifier()
        calls = counting_decode(monkeypatch)
        token = issuer.token(sub="officer", tenant="an-giang")

        first, second = verifier.verify(token), verifier.verify(token)

        assert first == second and second.subject == "officer" and second.tenant == "an-giang"
        assert calls == [token]

    def test_a_remembered_token_is_refused_once_its_expiry_passes(self):
        issuer = Issuer()
        verifier = TokenVerifier(AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=issuer.jwks, leeway_seconds=0))
        exp = int(time.time()) + 2
        token = issuer.sign(issuer.claims(iat=exp - 60, exp=exp))
        verifier.verify(token)

        time.sleep(exp + 0.05 - time.time())

        with pytest.raises(Unauthorized):
            verifier.verify(token)

    def test_cache_seconds_zero_verifies_every_time(self, monkeypatch):
        issuer = Issuer()
        verifier = TokenVerifier(AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=issuer.jwks, cache_seconds=0))
        calls = counting_decode(monkeypatch)
        token = issuer.token()

        verifier.verify(token)
        verifier.verify(token)

        assert len(calls) == 2

    def test_a_refused_token_is_not_remembered(self):
        issuer, forger = Issuer(), Issuer()
        verifier = issuer.verifier()

        for _ in range(2):
            with pytest.raises(Unauthorized):
                verifier.verify(forger.token())
        assert len(verifier.cache) == 0

    def test_the_env_setting_reaches_the_verifier(self):
        settings = auth.auth_from_env({"JWT_JWKS_URL": "http://127.0.0.1:9/certs", "JWT_ISSUER": ISSUER,
                                       "JWT_CACHE_SECONDS": "0"})

        assert settings is not None and settings.cache_seconds == 0
