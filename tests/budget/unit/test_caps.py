"""Cap rules against hand-worked examples from the confirmed norms of TT 116/2015 (DOMAIN.md section 3),
read from the very JSON file the migration seeds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import budget
from budget.model import caps
from budget.model.caps import Cap, CapKey
from contracts.budget import CapCheck

DATA = Path(budget.__file__).parent / "migrations" / "data" / "cost_norms_tt116.json"
ON = date(2025, 1, 1)


def seeded_norms(**filled: int) -> list:
    """The seeded rows as plain objects; `filled` gives values to rows an admin would fill (by code)."""
    rows = json.loads(DATA.read_text())["cost_norms"]
    norms = []
    for number, row in enumerate(rows):
        fields = {k: row.get(k) for k in ("code", "item", "agency_level", "has_framework_model", "unit", "value",
                                          "min_value", "max_value", "percent", "reference_item", "reference_level",
                                          "note", "legal_basis_code", "verification")}
        fields["value"] = filled.get(row["code"], fields["value"])
        norms.append(SimpleNamespace(id=number, version=1, effective_from=date.fromisoformat(row["effective_from"]),
                                     effective_to=None, **fields))
    return norms


def cap(item: str, level: str | None, framework: bool = False, months: int | None = None, **filled) -> Cap:
    return caps.line_cap(seeded_norms(**filled), CapKey(item, level, framework, ON), months)


class TestConfirmedValues:
    def test_a_ministry_hiring_a_consulting_firm_for_a_first_build_may_spend_100_million(self):
        assert cap("TU_VAN_XAY_DUNG_LAN_DAU", "BO_NGANH").amount == 100_000_000

    def test_the_four_ministry_caps_are_100_65_130_and_100_million(self):
        items = ("TU_VAN_XAY_DUNG_LAN_DAU", "TU_VAN_MO_RONG", "CO_QUAN_THUC_HIEN", "CO_QUAN_THUC_HIEN_MO_RONG")

        assert [cap(item, "BO_NGANH").amount for item in items] == [100_000_000, 65_000_000, 130_000_000,
                                                                   100_000_000]

    def test_a_general_department_gets_80_and_50_million_and_its_own_implementation_cap_is_unknown(self):
        assert cap("TU_VAN_XAY_DUNG_LAN_DAU", "TONG_CUC_CUC").amount == 80_000_000
        assert cap("TU_VAN_MO_RONG", "TONG_CUC_CUC").amount == 50_000_000
        assert cap("CO_QUAN_THUC_HIEN", "TONG_CUC_CUC").amount is None

    def test_a_department_of_the_province_has_no_confirmed_cap(self):
        assert cap("TU_VAN_XAY_DUNG_LAN_DAU", "SO_UBND_TINH").check(1) == CapCheck.KHONG_XAC_DINH

    def test_the_framework_model_caps_of_clause_2_are_unknown(self):
        assert cap("TU_VAN_XAY_DUNG_LAN_DAU", "BO_NGANH", framework=True).amount is None


class TestPercentRules:
    def test_self_built_at_a_ministry_is_85_percent_of_100_million_that_is_85_million(self):
        assert cap("TU_XAY_DUNG_KHOAN", "BO_NGANH").amount == 85_000_000

    def test_self_built_extension_at_a_ministry_is_85_percent_of_65_million_that_is_55_250_000(self):
        assert cap("TU_XAY_DUNG_KHOAN_MO_RONG", "BO_NGANH").amount == 55_250_000

    def test_an_independent_expert_at_a_general_department_is_80_percent_of_80_million_that_is_64_million(self):
        assert cap("THUE_CHUYEN_GIA_DOC_LAP", "TONG_CUC_CUC").amount == 64_000_000

    def test_an_independent_expert_extension_at_a_general_department_is_80_percent_of_50_million(self):
        assert cap("THUE_CHUYEN_GIA_DOC_LAP_MO_RONG", "TONG_CUC_CUC").amount == 40_000_000

    def test_an_expert_for_six_months_is_capped_by_six_times_7_4_million_when_that_is_lower(self):
        hired = cap("THUE_CHUYEN_GIA_DOC_LAP", "BO_NGANH", months=6)

        assert hired.amount == 44_400_000  # 6 × 7.4 million < 80% × 100 million
        assert cap("THUE_CHUYEN_GIA_DOC_LAP", "BO_NGANH", months=12).amount == 80_000_000

    def test_a_commune_is_capped_at_80_percent_of_the_chi_cuc_norm_once_an_admin_enters_it(self):
        unknown = cap("TU_VAN_XAY_DUNG_LAN_DAU", "XA_DVSN")
        known = cap("TU_VAN_XAY_DUNG_LAN_DAU", "XA_DVSN", **{"TT116-K1-CHI_CUC_HUYEN-TV-LD": 60_000_000})

        assert unknown.amount is None
        assert known.amount == 48_000_000

    def test_a_commune_building_by_itself_gets_80_percent_of_85_percent_of_the_chi_cuc_consulting_norm(self):
        known = cap("TU_XAY_DUNG_KHOAN", "XA_DVSN", **{"TT116-K1-CHI_CUC_HUYEN-TV-LD": 60_000_000})

        assert known.amount == 40_800_000  # 60 000 000 × 85% = 51 000 000; × 80% = 40 800 000
        assert len(known.trail) == 3

    def test_maintenance_and_training_have_no_known_cap(self):
        assert cap("DUY_TRI_CAI_TIEN", "BO_NGANH").amount is None
        assert cap("DAO_TAO", None).amount is None


class TestChecks:
    def test_an_amount_equal_to_the_cap_is_within_it_and_one_dong_more_is_over(self):
        ministry = cap("TU_VAN_XAY_DUNG_LAN_DAU", "BO_NGANH")

        assert ministry.check(100_000_000) == CapCheck.OK
        assert ministry.check(100_000_001) == CapCheck.VUOT_MUC

    def test_a_newer_version_of_a_norm_wins_from_its_effective_date(self):
        norms = seeded_norms()
        [old] = [n for n in norms if n.code == "TT116-K1-BO_NGANH-TV-LD"]
        norms.append(SimpleNamespace(**{**vars(old), "id": "v2", "version": 2, "value": 120_000_000,
                                        "effective_from": date(2026, 1, 1)}))
        key = CapKey("TU_VAN_XAY_DUNG_LAN_DAU", "BO_NGANH", False, ON)

        assert caps.resolve(norms, key).amount == 100_000_000
        assert caps.resolve(norms, CapKey(**{**vars(key), "on": date(2026, 3, 1)})).amount == 120_000_000


class TestKeys:
    def test_an_extension_of_a_staged_category_has_its_own_item(self):
        assert caps.item_of("TU_XAY_DUNG_KHOAN", True) == "TU_XAY_DUNG_KHOAN_MO_RONG"
        assert caps.item_of("TU_XAY_DUNG_KHOAN", False) == "TU_XAY_DUNG_KHOAN"

    def test_an_extension_of_a_category_that_is_not_staged_keeps_the_category(self):
        assert caps.item_of("DAO_TAO", True) == "DAO_TAO"

    def test_a_line_is_checked_against_the_norms_in_force_on_1_january_of_its_fiscal_year(self):
        key = CapKey.of_line("THUE_CHUYEN_GIA_DOC_LAP", True, "BO_NGANH", False, 2026)

        assert key == CapKey("THUE_CHUYEN_GIA_DOC_LAP_MO_RONG", "BO_NGANH", False, date(2026, 1, 1))


class TestOverrides:
    def earlier(self, amount: int, document: str | None = "145/QĐ-UBND") -> SimpleNamespace:
        return SimpleNamespace(amount=amount, document=document)

    def test_an_earlier_override_with_a_document_covers_amounts_up_to_its_own(self):
        earlier = [self.earlier(90_000_000)]

        assert caps.covered(earlier, 90_000_000) and not caps.covered(earlier, 90_000_001)

    def test_an_override_without_a_document_covers_nothing(self):
        assert not caps.covered([self.earlier(90_000_000, document=None)], 1)

    def test_no_earlier_override_covers_nothing(self):
        assert not caps.covered([], 1)
