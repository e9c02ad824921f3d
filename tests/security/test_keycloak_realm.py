"""The Keycloak realm in deploy/keycloak matches the code: roles, claim names, audience, issuer, no secrets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from gateway.app import create_app
from gateway.config import Settings
from gateway.devauth import demo_users
from kit import auth, tenancy
from kit.service import service_names
from tools import authz_matrix

ROOT = Path(__file__).resolve().parents[2]
REALM = json.loads((ROOT / "deploy/keycloak/realm-iso-hcc.json").read_text())
PLACEHOLDER = re.compile(r"^\$\{[A-Z][A-Z0-9_]*\}$")


def client() -> dict:
    (gateway,) = [c for c in REALM["clients"] if c["clientId"] == "iso-hcc-gateway"]
    return gateway


def mapper(kind: str, **config) -> list[dict]:
    return [m for m in client()["protocolMappers"] if m["protocolMapper"] == kind
            and all(m["config"].get(k) == v for k, v in config.items())]


def platform_config(path: str) -> dict:
    documents = yaml.safe_load_all((ROOT / path).read_text())
    (data,) = [d["data"] for d in documents if d and d["kind"] == "ConfigMap"
               and d["metadata"]["name"] == "iso-hcc-platform"]
    return data


def user_profile() -> dict:
    (provider,) = REALM["components"]["org.keycloak.userprofile.UserProfileProvider"]
    return json.loads(provider["config"]["kc.user.profile.config"][0])


class TestRoles:
    def test_every_role_a_route_requires_exists_in_the_realm(self):
        required = {role for service in service_names() for _, _, roles in authz_matrix.routes(service)
                    for role in roles or ()}
        realm_roles = {r["name"] for r in REALM["roles"]["realm"]}

        assert required and required <= realm_roles
        assert realm_roles == set(auth.ROLES)

    def test_the_development_users_roles_are_realm_roles_too(self):
        dev_roles = {role for user in demo_users().values() for role in user.roles}

        assert dev_roles <= {r["name"] for r in REALM["roles"]["realm"]}


class TestClaims:
    def test_realm_roles_reach_the_claim_kit_reads_as_a_list(self):
        (roles,) = mapper("oidc-usermodel-realm-role-mapper", **{"access.token.claim": "true"})

        assert roles["config"]["claim.name"] == auth.ROLES_CLAIM
        assert roles["config"]["multivalued"] == "true"

    @pytest.mark.parametrize("claim", [auth.TENANT_CLAIM, auth.AGENCY_CLAIM])
    def test_the_tenant_and_agency_attributes_reach_the_claims_kit_reads(self, claim):
        found = mapper("oidc-usermodel-attribute-mapper", **{"claim.name": claim, "access.token.claim": "true"})

        assert len(found) == 1 and found[0]["config"]["user.attribute"] == claim
        assert found[0]["config"]["multivalued"] == "false"

    @pytest.mark.parametrize("attribute", [auth.TENANT_CLAIM, auth.AGENCY_CLAIM])
    def test_only_administrators_may_set_a_users_tenant_or_agency(self, attribute):
        (declared,) = [a for a in user_profile()["attributes"] if a["name"] == attribute]

        assert declared["permissions"]["edit"] == ["admin"]

    def test_the_tenant_attribute_accepts_only_what_kit_accepts_as_a_tenant(self):
        (declared,) = [a for a in user_profile()["attributes"] if a["name"] == auth.TENANT_CLAIM]
        pattern = re.compile(declared["validations"]["pattern"]["pattern"])
        samples = ["binh-thuan", "ho-chi-minh", "a1", "1an-giang", "Bình Thuận", "an-giang;drop", "-x", "an--giang"]

        for value in (s for s in samples if pattern.match(s)):
            assert tenancy.tenant_id(value) == value
        assert [s for s in samples if pattern.match(s)] == ["binh-thuan", "ho-chi-minh", "a1"]


class TestIssuerAndAudience:
    @pytest.mark.parametrize("path", ["deploy/k8s/base/platform.yaml", "deploy/k8s/overlays/dev/hosts.yaml"])
    def test_the_deployed_settings_name_this_realm_and_its_key_set(self, path):
        data = platform_config(path)

        assert data["JWT_ISSUER"].endswith(f"/realms/{REALM['realm']}")
        assert data["JWT_JWKS_URL"] == data["JWT_ISSUER"] + "/protocol/openid-connect/certs"

    def test_access_tokens_carry_the_audience_the_platform_expects(self):
        (audience,) = mapper("oidc-audience-mapper", **{"access.token.claim": "true"})

        assert audience["config"]["included.custom.audience"] == platform_config(
            "deploy/k8s/base/platform.yaml")["JWT_AUDIENCE"] == "iso-hcc"

    def test_tokens_are_rs256_as_kit_requires(self):
        assert REALM["defaultSignatureAlgorithm"] == "RS256"
        assert client()["attributes"]["access.token.signed.response.alg"] == "RS256"


class TestClient:
    def test_the_gateway_client_is_confidential_with_the_code_flow_and_pkce_only(self):
        gateway = client()

        assert gateway["publicClient"] is False and gateway["standardFlowEnabled"] is True
        assert not gateway["implicitFlowEnabled"] and not gateway["directAccessGrantsEnabled"]
        assert gateway["attributes"]["pkce.code.challenge.method"] == "S256"
        assert all(uri.startswith("https://") for uri in gateway["redirectUris"])

    def test_no_secret_is_committed(self):
        assert PLACEHOLDER.match(client()["secret"])
        assert REALM["users"] == []
        assert "credentials" not in json.dumps(REALM) and "privateKey" not in json.dumps(REALM)


class TestDevelopmentIssuerOff:
    def test_without_dev_login_the_dev_issuer_is_off(self, issuer):
        assert Settings.from_env({}).dev_login is False
        app = create_app({}, issuer.verifier(), None).test_client()

        assert app.post("/auth/dev-token", json={"username": "admin"}).status_code == 404
        assert app.get("/auth/jwks.json").status_code == 404
