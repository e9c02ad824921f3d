"""Where the data has no amount, the cap says why ("no cap in the data" with the norm's note, basis and status)
instead of passing silently; a cap with an amount has no such reason."""

from __future__ import annotations

from datetime import date

from budget.model import caps
from budget.model.caps import CapKey
from contracts.budget import CapCheck
from tests.budget.unit.test_caps import cap, seeded_norms


def test_a_norm_without_a_value_gives_its_note_basis_and_status():
    unknown = cap("TU_VAN_XAY_DUNG_LAN_DAU", "SO_UBND_TINH")

    assert unknown.amount is None and unknown.check(1) == CapCheck.KHONG_XAC_DINH
    assert "TT116-K1-SO_UBND_TINH-TV-LD" in unknown.reason and "TT116-2015-D4K1-NF" in unknown.reason
    assert "NOT_FOUND" in unknown.reason


def test_a_percent_of_an_unknown_norm_carries_the_reason_of_the_norm_it_refers_to():
    commune = cap("TU_VAN_XAY_DUNG_LAN_DAU", "XA_DVSN")

    assert commune.amount is None and "TT116-K1-CHI_CUC_HUYEN-TV-LD" in commune.reason


def test_no_matching_row_is_no_cap_in_the_data():
    missing = caps.line_cap([], CapKey("DAO_TAO", None, False, date(2025, 1, 1)), None)

    assert missing.amount is None and "no cap in the data" in missing.reason and "DAO_TAO" in missing.reason


def test_a_known_cap_has_no_reason():
    assert cap("TU_VAN_XAY_DUNG_LAN_DAU", "BO_NGANH").reason is None


def test_a_norm_does_not_apply_before_it_takes_effect():
    [ministry] = [n for n in seeded_norms() if n.code == "TT116-K1-BO_NGANH-TV-LD"]
    before = CapKey("TU_VAN_XAY_DUNG_LAN_DAU", "BO_NGANH", False, ministry.effective_from.replace(day=1))

    assert caps.line_cap([ministry], before, None).amount is None
