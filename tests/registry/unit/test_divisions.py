"""registry.reference.divisions: the administrative divisions before and after 1/7/2025 as rows, from the installed
packages vietnam-provinces and vietnamadminunits (docs/adr/0015-divisions-from-packages.md)."""

from collections import Counter
from datetime import date

import pytest

from registry.reference import divisions, packages
from registry.reference.divisions import DivisionsInconsistent


@pytest.fixture(scope="module")
def loaded():
    return divisions.load()


def units_of(loaded, scheme, level=None, parent=None) -> dict[str, dict]:
    return {u["code"]: u for u in loaded.units if u["scheme"] == scheme and (level is None or u["level"] == level)
            and (parent is None or u["parent_code"] == parent)}


def successions_from(loaded, code) -> list[dict]:
    return [s for s in loaded.successions if s["from_code"] == code]


class TestTheUnitsInForce:
    def test_34_provinces_and_3321_communes_from_1_7_2025(self, loaded):
        provinces, communes = units_of(loaded, "QD19_2025", "TINH"), units_of(loaded, "QD19_2025", "XA")

        assert (len(provinces), len(communes)) == (34, 3321)
        assert {u["valid_from"] for u in [*provinces.values(), *communes.values()]} == {date(2025, 7, 1)}
        assert {u["valid_to"] for u in [*provinces.values(), *communes.values()]} == {None}

    @pytest.mark.parametrize(("province", "count"), [("68", 124), ("91", 102), ("79", 168), ("01", 126)])
    def test_each_province_has_its_communes(self, loaded, province, count):
        assert len(units_of(loaded, "QD19_2025", "XA", parent=province)) == count

    def test_codes_are_zero_padded_as_in_the_database(self, loaded):
        communes = units_of(loaded, "QD19_2025", "XA").values()

        assert {len(code) for code in units_of(loaded, "QD19_2025", "TINH")} == {2}
        assert {len(u["code"]) for u in communes} == {5} and {len(u["parent_code"]) for u in communes} == {2}

    @pytest.mark.parametrize(("code", "name", "unit_type", "parent"), [
        ("26740", "Phường Sài Gòn", "PHUONG", "79"), ("24781", "Phường Xuân Hương - Đà Lạt", "PHUONG", "68"),
        ("30307", "Phường Long Xuyên", "PHUONG", "91"), ("26732", "Đặc khu Côn Đảo", "DAC_KHU", "79"),
        ("00196", "Phường Văn Miếu - Quốc Tử Giám", "PHUONG", "01")])
    def test_known_communes(self, loaded, code, name, unit_type, parent):
        unit = units_of(loaded, "QD19_2025", "XA")[code]

        assert (unit["name"], unit["unit_type"], unit["parent_code"]) == (name, unit_type, parent)
        assert (unit["source"], unit["legal_basis_code"]) == ("vietnam-provinces", "QD19-2025")


class TestTheUnitsBefore:
    def test_63_provinces_696_districts_and_10035_communes_until_30_6_2025(self, loaded):
        units = [u for u in loaded.units if u["scheme"] == "QD124_2004"]

        assert Counter(u["level"] for u in units) == {"TINH": 63, "HUYEN": 696, "XA": 10035}
        assert {(u["valid_from"], u["valid_to"]) for u in units} == {(None, date(2025, 6, 30))}

    def test_a_commune_sits_in_its_district_and_the_district_in_its_province(self, loaded):
        before = units_of(loaded, "QD124_2004")

        assert (before["00001"]["name"], before["00001"]["parent_code"]) == ("Phường Phúc Xá", "001")
        assert (before["001"]["name"], before["001"]["unit_type"], before["001"]["parent_code"]) == (
            "Quận Ba Đình", "QUAN", "01")
        assert all(before[u["parent_code"]]["level"] == "HUYEN" for u in before.values() if u["level"] == "XA")
        assert all(before[u["parent_code"]]["level"] == "TINH" for u in before.values() if u["level"] == "HUYEN")


class TestSuccessions:
    def test_every_old_unit_has_exactly_one_default_successor(self, loaded):
        defaults = Counter(s["from_code"] for s in loaded.successions if s["is_default"])

        assert set(defaults) == set(units_of(loaded, "QD124_2004")) and set(defaults.values()) == {1}

    def test_every_unit_in_force_has_a_predecessor(self, loaded):
        assert set(units_of(loaded, "QD19_2025")) == {s["to_code"] for s in loaded.successions}

    def test_every_commune_of_binh_thuan_went_into_a_commune_of_lam_dong(self, loaded):
        before, now = units_of(loaded, "QD124_2004"), units_of(loaded, "QD19_2025", "XA")
        binh_thuan = [code for code, u in before.items() if u["level"] == "XA"
                      and before[u["parent_code"]]["parent_code"] == "60"]

        targets = [s["to_code"] for code in binh_thuan for s in successions_from(loaded, code)]

        assert len(binh_thuan) > 90 and {now[code]["parent_code"] for code in targets} == {"68"}

    def test_a_divided_commune_has_one_row_per_new_commune_and_one_default(self, loaded):
        rows = successions_from(loaded, "23053")  # Xã Hòa Thắng (Bắc Bình, Bình Thuận)

        assert {(s["to_code"], s["event_type"], s["is_default"]) for s in rows} == {
            ("23053", "DIVIDED_INTO", True), ("23041", "DIVIDED_INTO", False)}

    def test_a_district_goes_into_its_new_province_and_an_island_district_into_its_special_zone(self, loaded):
        phan_thiet, con_dao = successions_from(loaded, "593"), successions_from(loaded, "755")

        assert [(s["to_code"], s["event_type"], s["is_default"]) for s in phan_thiet] == [
            ("68", "LEVEL_ABOLISHED", True)]
        assert {(s["to_code"], s["event_type"], s["is_default"]) for s in con_dao} == {
            ("26732", "MERGED_INTO", True), ("79", "LEVEL_ABOLISHED", False)}

    def test_the_63_provinces_go_into_the_34(self, loaded):
        provinces = {s["from_code"]: s["to_code"] for s in loaded.successions if len(s["from_code"]) == 2}

        assert len(provinces) == 63 and len(set(provinces.values())) == 34
        assert (provinces["60"], provinces["67"], provinces["89"], provinces["91"]) == ("68", "68", "91", "91")
        assert {s["effective_date"] for s in loaded.successions} == {date(2025, 7, 1)}


class TestTheTwoPackagesAgree:
    def test_the_codes_vietnamadminunits_gives_differently_are_counted_and_the_code_in_force_kept(self, loaded):
        [van_mieu] = [m for m in loaded.mismatches if m.name == "Phường Văn Miếu - Quốc Tử Giám"]

        assert len(loaded.mismatches) == 123
        assert (van_mieu.package_code, van_mieu.code) == ("00226", "00196")
        assert "123" in loaded.sources[1]["notes"]

    def test_the_sources_are_the_installed_versions(self, loaded):
        assert [(s["name"], s["version"]) for s in loaded.sources] == [
            ("vietnam-provinces", packages.version("vietnam-provinces")),
            ("vietnamadminunits", packages.version("vietnamadminunits"))]

    def test_a_commune_vietnam_provinces_lacks_is_an_error_not_a_skipped_row(self, monkeypatch):
        communes = packages.new_communes()
        extra = communes[0] | {"wardCode": "99999", "wardKey": "xathu", "ward": "Xã Thử"}
        monkeypatch.setattr(packages, "new_communes", lambda: [*communes, extra])

        with pytest.raises(DivisionsInconsistent) as refused:
            divisions.load()

        assert any("99999 Xã Thử" in problem for problem in refused.value.problems)

    def test_a_commune_in_force_without_a_conversion_is_an_error(self, monkeypatch):
        communes = [c for c in packages.new_communes() if c["ward"] != "Phường Sài Gòn"]
        monkeypatch.setattr(packages, "new_communes", lambda: communes)

        with pytest.raises(DivisionsInconsistent) as refused:
            divisions.load()

        assert any("26740" in problem for problem in refused.value.problems)

    @pytest.mark.parametrize(("one", "other"), [
        ("Xã Thuận Hoà", "Xã Thuận Hòa"), ("Xã  Bắc Đông Quan", "xã bắc đông quan"),
        ("Xã Chân Mây - Lăng Cô", "Xã Chân Mây-Lăng Cô")])
    def test_names_compare_aside_from_case_tone_placement_and_spacing(self, one, other):
        assert divisions.name_key(one) == divisions.name_key(other)

    def test_names_that_differ_by_a_tone_stay_different(self):
        assert divisions.name_key("Xã Văn Lang") != divisions.name_key("Xã Văn Lăng")
