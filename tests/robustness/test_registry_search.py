"""Issue 20, search through the gateway: the agency search was exact on diacritics ("khoa hoc" found nothing of
"Sở Khoa học và Công nghệ"); it now ignores accents and case, whichever way the name or the query was typed."""

from __future__ import annotations

import unicodedata

import pytest

from registry.services import tenants

R = "/api/v1/registry"
NAMES = ("Sở Khoa học và Công nghệ", "UBND thành phố Đà Nẵng", "Sở Tư pháp")


@pytest.fixture
def officer(services, issuer, tenant) -> dict:
    """A province officer's headers, in a registered province that has the three agencies of NAMES."""
    tenants.create_tenant(services["registry"].runtime.uow(tenant), name=f"Tỉnh {tenant}")
    return issuer.headers(sub="officer", tenant=tenant, roles=["province_officer"])


def _register(gateway, officer, name: str) -> None:
    response = gateway.post(f"{R}/agencies", json={"name": name, "agency_type": "SO"}, headers=officer)
    assert response.status_code == 201, response.get_data(as_text=True)


def _search(gateway, officer, q: str) -> list[str]:
    response = gateway.get(f"{R}/agencies", query_string={"q": q}, headers=officer)
    assert response.status_code == 200, response.get_data(as_text=True)
    return [agency["name"] for agency in response.get_json()["items"]]


# Finding: search is exact on diacritics ("khoa hoc" finds nothing of "khoa học").

@pytest.mark.parametrize(("q", "found"), [
    ("khoa hoc", "Sở Khoa học và Công nghệ"),
    ("SO KHOA HOC", "Sở Khoa học và Công nghệ"),
    ("đà nẵng", "UBND thành phố Đà Nẵng"),
    ("da nang", "UBND thành phố Đà Nẵng"),
    ("DA NANG", "UBND thành phố Đà Nẵng"),
    (unicodedata.normalize("NFD", "khoa học"), "Sở Khoa học và Công nghệ"),
])
def test_search_khoa_hoc_finds_khoa_hoc_whatever_the_accents_and_case(gateway, officer, q, found):
    for name in NAMES:
        _register(gateway, officer, name)

    assert _search(gateway, officer, q) == [found]


def test_search_finds_a_name_typed_in_decomposed_unicode(gateway, officer):
    _register(gateway, officer, unicodedata.normalize("NFD", "Sở Giáo dục và Đào tạo"))

    assert len(_search(gateway, officer, "giao duc")) == 1
    assert len(_search(gateway, officer, "Giáo Dục")) == 1
