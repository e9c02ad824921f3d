"""Issue 20: token claims of the wrong type are refused (401), never accepted as something else and never a 500;
sent through the gateway, then straight to a service (which checks the token again)."""

from __future__ import annotations

import time
import uuid

import pytest

AGENCIES = "/api/v1/registry/agencies"


def refused(client, issuer, path: str = AGENCIES, **claims):
    # Issuer.claims makes a list of `roles` and drops None values: the claims set here are signed as given.
    signed = {**issuer.claims(**{k: v for k, v in claims.items() if k in ("tenant", "sub")}), **claims}
    response = client.get(path, headers={"Authorization": f"Bearer {issuer.sign(signed)}"})
    assert response.status_code == 401, (response.status_code, response.data[:300])
    assert response.content_type == "application/problem+json"
    assert " / " in response.get_json()["detail"]


def test_a_token_with_roles_null_is_a_401_not_a_500(gateway, services, issuer, province):
    for client in (gateway, services["registry"].app.test_client()):
        refused(client, issuer, tenant=province, roles=None)


def test_a_token_with_roles_as_an_object_is_refused(gateway, services, issuer, province):
    for client in (gateway, services["registry"].app.test_client()):
        refused(client, issuer, tenant=province, roles={"province_admin": True})


@pytest.mark.parametrize("exp", [str(int(time.time()) + 600), "never", [1], True], ids=["digits", "word", "list",
                                                                                            "bool"])
def test_a_token_with_exp_as_a_string_is_refused(gateway, services, issuer, province, exp):
    for client in (gateway, services["registry"].app.test_client()):
        refused(client, issuer, tenant=province, roles=["province_admin"], exp=exp)


@pytest.mark.parametrize("agency_id", ["not-a-uuid", "1", "'; DROP TABLE agencies; --"])
def test_a_token_with_a_non_uuid_agency_id_is_a_401_not_a_500(gateway, services, issuer, province, agency_id):
    for client in (gateway, services["registry"].app.test_client()):
        refused(client, issuer, tenant=province, roles=["agency_officer"], agency_id=agency_id)


@pytest.mark.parametrize("claim, value", [("tenant", 7), ("sub", 12), ("name", {"first": "A"}), ("iat", "0")])
def test_other_claims_of_the_wrong_type_are_refused(gateway, issuer, province, claim, value):
    refused(gateway, issuer, **{"tenant": province, "roles": ["province_admin"], claim: value})


def test_a_well_typed_agency_officer_token_is_accepted(gateway, issuer, province):
    headers = issuer.headers(tenant=province, roles=["agency_officer"], agency_id=str(uuid.uuid4()))

    assert gateway.get(AGENCIES, headers=headers).status_code in (200, 403)
