"""The gateway remembers verified tokens (kit.tokencache, ADR 27), and a sign-out still holds at the next request."""

from __future__ import annotations

import pytest
from flask import Flask, jsonify

from gateway.app import create_app
from gateway.limits import EdgePolicy, FixedWindowLimiter
from gateway.proxy import WsgiUpstream
from gateway.revocation import MemoryRevocations


def stub_registry() -> Flask:
    service = Flask("stub-registry")

    @service.get("/api/v1/registry/<path:rest>")
    def anything(rest):
        return jsonify(items=[])

    return service


@pytest.fixture
def edge():
    return EdgePolicy(per_user=FixedWindowLimiter(10**6), per_ip=FixedWindowLimiter(10**6),
                      revocations=MemoryRevocations())


@pytest.fixture
def verifier(issuer):
    return issuer.verifier()


@pytest.fixture
def client(verifier, edge):
    return create_app({"registry": WsgiUpstream(stub_registry())}, verifier, None, edge=edge).test_client()


class TestRememberedTokens:
    def test_a_token_is_verified_once_for_many_requests(self, client, verifier, issuer):
        token = issuer.token(tenant="an-giang")

        codes = [client.get("/api/v1/registry/agencies", headers={"Authorization": f"Bearer {token}"}).status_code
                 for _ in range(3)]

        assert codes == [200] * 3
        assert verifier.cache.get(token) is not None and len(verifier.cache) == 1

    def test_a_signed_out_token_is_refused_though_its_verification_is_remembered(self, client, verifier, edge,
                                                                                 issuer):
        token = issuer.token(tenant="an-giang")
        headers = {"Authorization": f"Bearer {token}"}
        before = client.get("/api/v1/registry/agencies", headers=headers)

        edge.revocations.revoke(token)
        after = client.get("/api/v1/registry/agencies", headers=headers)

        assert before.status_code == 200 and verifier.cache.get(token) is not None
        assert after.status_code == 401 and after.content_type == "application/problem+json"
