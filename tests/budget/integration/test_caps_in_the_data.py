"""Migration 0005: the seeded caps of TT 116/2015 start on its effective date (25/9/2015, unverified), and the caps
a province uses most either have an amount or say "no cap in the data" with the reason, basis and status."""

from __future__ import annotations

import pytest

from tests.budget.conftest import API, add_agency, new_line

SEEDED_START = "2015-09-25"


def seeded(client, headers) -> list[dict]:
    return [n for n in client.get(f"{API}/cost-norms", headers=headers).get_json() if n["recorded_by"] is None]


class TestEffectiveDate:
    def test_every_seeded_cap_starts_on_the_effective_date_not_the_signing_date(self, client, officer):
        assert {n["effective_from"] for n in seeded(client, officer)} == {SEEDED_START}

    def test_no_seeded_cap_is_in_force_the_day_before(self, client, officer):
        before = client.get(f"{API}/cost-norms?on=2015-09-24", headers=officer).get_json()
        on_the_day = client.get(f"{API}/cost-norms?on={SEEDED_START}", headers=officer).get_json()

        assert [n for n in before if n["recorded_by"] is None] == []
        assert len(on_the_day) >= len(seeded(client, officer))

    def test_the_date_is_recorded_as_unverified_with_its_reason(self, client, officer):
        bases = {b["code"]: b for b in client.get(f"{API}/reference", headers=officer).get_json()["legal_bases"]}

        assert bases["TT116-2015-HIEU-LUC"]["verification"] == "UNVERIFIED"
        assert "11/8/2015" in bases["TT116-2015-HIEU-LUC"]["summary"]


class TestCapsAProvinceUsesMost:
    @pytest.mark.parametrize(("category", "basis"), [("DAO_TAO", "TT116-2015-DAO-TAO"),
                                                     ("KIEM_TRA", "TT116-2015-CONG-TAC-PHI")])
    def test_a_programme_line_without_a_cap_in_the_data_says_so_with_the_reason(self, client, officer, category,
                                                                                 basis):
        line = new_line(client, officer, category=category, estimate=40_000_000)

        assert (line["cap_check"], line["cap_amount"]) == ("KHONG_XAC_DINH", None)
        assert "no cap in the data" in line["cap_note"]
        assert basis in line["cap_note"] and "NOT_FOUND" in line["cap_note"]

    def test_consulting_for_a_so_says_which_value_was_not_found(self, client, officer, runtime, tenant):
        so = add_agency(runtime, tenant, agency_type="SO", name="Sở Tư pháp")

        line = new_line(client, officer, agency_id=so, estimate=40_000_000)

        assert line["cap_check"] == "KHONG_XAC_DINH"
        assert "TT116-K1-SO_UBND_TINH-TV-LD" in line["cap_note"] and "TT116-2015-D4K1-NF" in line["cap_note"]

    def test_a_line_with_a_cap_has_no_note(self, client, officer, runtime, tenant):
        line = new_line(client, officer, agency_id=add_agency(runtime, tenant), estimate=50_000_000)

        assert (line["cap_check"], line["cap_amount"], line["cap_note"]) == ("OK", 80_000_000, None)

    def test_the_training_and_per_diem_rows_name_their_basis_and_status(self, client, officer):
        norms = {n["code"]: n for n in seeded(client, officer)}

        for code, basis in (("TT116-DAO-TAO", "TT116-2015-DAO-TAO"),
                            ("TT116-KIEM-TRA-CONG-TAC-PHI", "TT116-2015-CONG-TAC-PHI")):
            assert (norms[code]["value"], norms[code]["verification"]) == (None, "NOT_FOUND")
            assert norms[code]["legal_basis_code"] == basis and "no cap in the data" in norms[code]["note"]

    def test_the_cap_endpoint_gives_the_reason(self, client, officer):
        cap = client.get(f"{API}/cost-norms/cap?category=DAO_TAO&fiscal_year=2025", headers=officer).get_json()

        assert cap["amount"] is None and "TT116-2015-DAO-TAO" in cap["reason"]
