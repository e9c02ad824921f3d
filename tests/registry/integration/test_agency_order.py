"""The agencies list in the order an officer reads it (issue 23): by name as a Vietnamese reader looks for it ("Đ"
with "D", case ignored: the database's byte order put "Sở Đào tạo" after "Sở Y tế" and "sở an toàn" last), or by
type or level in the order the register declares them, then by name."""

from __future__ import annotations

from tests.registry.conftest import AGENCIES, new_agency

AGENCIES_MADE = [  # name, type, level
    ("Sở Y tế", "SO", "TINH"), ("Sở Đào tạo", "SO", "TINH"), ("Sở Du lịch", "SO", "TINH"),
    ("sở an toàn", "SO", "TINH"), ("Chi cục Thủy lợi", "CHI_CUC", "TINH"), ("UBND xã Mỹ Hòa", "UBND_XA", "XA"),
    ("Ban Quản lý khu kinh tế", "BAN_QL", None),
]


def listed(client, headers, **query) -> list[str]:
    response = client.get(AGENCIES, query_string={"page_size": 50, **query}, headers=headers)
    assert response.status_code == 200, response.get_json()
    return [agency["name"] for agency in response.get_json()["items"]]


def made(client, headers) -> None:
    for name, agency_type, level in AGENCIES_MADE:
        new_agency(client, headers, name=name, agency_type=agency_type, **({"admin_level": level} if level else {}))


def test_by_name_as_a_reader_looks_for_it(client, province, as_officer):
    made(client, as_officer)

    assert listed(client, as_officer) == listed(client, as_officer, order="name") == [
        "Ban Quản lý khu kinh tế", "Chi cục Thủy lợi", "sở an toàn", "Sở Đào tạo", "Sở Du lịch", "Sở Y tế",
        "UBND xã Mỹ Hòa"]


def test_by_type_or_level_in_the_registers_order_then_by_name(client, province, as_officer):
    made(client, as_officer)

    assert listed(client, as_officer, order="type") == [
        "sở an toàn", "Sở Đào tạo", "Sở Du lịch", "Sở Y tế", "Chi cục Thủy lợi", "Ban Quản lý khu kinh tế",
        "UBND xã Mỹ Hòa"]
    assert listed(client, as_officer, order="level") == [
        "Chi cục Thủy lợi", "sở an toàn", "Sở Đào tạo", "Sở Du lịch", "Sở Y tế", "UBND xã Mỹ Hòa",
        "Ban Quản lý khu kinh tế"]  # no level: last


def test_an_order_it_does_not_know_is_refused(client, province, as_officer):
    response = client.get(AGENCIES, query_string={"order": "created"}, headers=as_officer)

    assert response.status_code == 422 and "order" in str(response.get_json()["errors"])
