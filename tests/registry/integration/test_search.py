"""The agency search ignores accents and case (issue 20: "khoa hoc" found nothing of "Sở Khoa học và Công nghệ",
and the embedded mode folded ASCII case only), on PostgreSQL (`lower(unaccent())`) and on SQLite (`iso_fold`),
through the same route."""

from __future__ import annotations

import pytest

from kit.db import fold
from registry.services import tenants
from tests.registry.conftest import AGENCIES, new_agency
from tests.support.service import ServiceUnderTest

NAMES = ("Sở Khoa học và Công nghệ", "UBND thành phố Đà Nẵng", "Sở Tư pháp", "Chi cục 100%_thử")
FOUND = [
    ("khoa hoc", ["Sở Khoa học và Công nghệ"]),
    ("SO KHOA HOC", ["Sở Khoa học và Công nghệ"]),
    ("Khoa Học", ["Sở Khoa học và Công nghệ"]),
    ("đà nẵng", ["UBND thành phố Đà Nẵng"]),
    ("da nang", ["UBND thành phố Đà Nẵng"]),
    ("ĐÀ NẴNG", ["UBND thành phố Đà Nẵng"]),
    ("so", ["Sở Khoa học và Công nghệ", "Sở Tư pháp"]),
    ("100%_", ["Chi cục 100%_thử"]),  # LIKE's wildcards are the text searched for
    ("%", ["Chi cục 100%_thử"]),
    ("nganh", []),
]


def searched(client, headers, q: str) -> list[str]:
    response = client.get(AGENCIES, query_string={"q": q}, headers=headers)
    assert response.status_code == 200, response.get_json()
    return sorted(agency["name"] for agency in response.get_json()["items"])


@pytest.fixture
def named(client, province, as_officer):
    for name in NAMES:
        new_agency(client, as_officer, name=name)


@pytest.mark.usefixtures("named")
@pytest.mark.parametrize(("q", "names"), FOUND)
def test_postgresql_finds_names_whatever_their_accents_and_case(client, as_officer, q, names):
    assert searched(client, as_officer, q) == names


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, issuer):
    """The registry on a migrated SQLite file, as the embedded mode runs it, with one province and its agencies."""
    sut = ServiceUnderTest.on_sqlite(tmp_path_factory.mktemp('embedded'), issuer, "registry")
    runtime, app = sut.runtime, sut.app
    tenants.create_tenant(runtime.uow("an-giang"), name="Tỉnh An Giang")
    headers = issuer.headers(tenant="an-giang", roles=["province_officer"])
    client = app.test_client()
    for name in NAMES:
        new_agency(client, headers, name=name)
    yield client, headers
    runtime.engine.dispose()


@pytest.mark.parametrize(("q", "names"), FOUND)
def test_sqlite_finds_the_same(embedded, q, names):
    client, headers = embedded

    assert searched(client, headers, q) == names


def test_sqlite_takes_the_same_locks_and_versions(embedded):
    """The embedded mode's row lock is SQLite's write lock (kit.db): the use cases that lock an agency run there
    unchanged, and a stale If-Match is refused there too. (Its names match no search above, whatever the order.)"""
    client, headers = embedded
    agency = new_agency(client, headers, name="Ban Nội vụ", valid_from="2020-01-01")
    successor = new_agency(client, headers, name="Ban Nội vụ mới", valid_from="2020-01-01")
    url = f"{AGENCIES}/{agency['id']}"

    fresh = client.patch(url, json={"short_name": "SNV"}, headers={**headers, "If-Match": '"1"'})
    stale = client.patch(url, json={"short_name": "X"}, headers={**headers, "If-Match": '"1"'})
    dissolved = client.post(f"{url}/dissolve", json={"dissolved_on": "2025-06-30"}, headers=headers)
    merged = client.post(f"{url}/merge", json={"successor_agency_id": successor["id"], "merged_on": "2025-06-30"},
                         headers=headers)

    assert (fresh.status_code, stale.status_code, dissolved.status_code, merged.status_code) == (200, 412, 200, 409)
    assert client.get(url, headers=headers).get_json()["version"] == 3


def test_sqlite_sorts_the_names_as_postgresql_does(embedded):
    """By the folded name ("Đà Nẵng" with the D's), through the same `kit.db.folded` (SQLite's `iso_fold`)."""
    client, headers = embedded

    listed = client.get(AGENCIES, query_string={"page_size": 100}, headers=headers).get_json()["items"]
    names = [agency["name"] for agency in listed]

    assert names == sorted(names, key=fold) and len(names) >= len(NAMES)
