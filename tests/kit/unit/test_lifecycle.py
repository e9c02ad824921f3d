from enum import StrEnum

import pytest

from kit.errors import Conflict
from kit.lifecycle import Lifecycle, MoveRefused


class Plan(StrEnum):
    DRAFT = "DU_THAO"
    SUBMITTED = "TRINH_UBND"
    APPROVED = "DA_PHE_DUYET"
    ADJUSTING = "DIEU_CHINH"


PLAN = Lifecycle("plan", {
    "submit": ({Plan.DRAFT, Plan.ADJUSTING}, Plan.SUBMITTED),
    "approve": ({Plan.SUBMITTED}, Plan.APPROVED),
    "edit": ({Plan.DRAFT, Plan.ADJUSTING}, None),
})


class InvalidTransition(MoveRefused):
    code = "quality_system_move_refused"

    def __str__(self):
        return f"Không thể {self.action} khi {self.current} / cannot {self.action} when {self.current}"


class TestNext:
    def test_an_allowed_action_gives_its_target(self):
        assert PLAN.next("submit", Plan.DRAFT) == Plan.SUBMITTED

    def test_statuses_read_back_as_plain_strings_are_understood(self):
        assert PLAN.next("approve", "TRINH_UBND") == "DA_PHE_DUYET"

    def test_an_action_without_a_target_keeps_the_status(self):
        assert PLAN.next("edit", "DIEU_CHINH") == "DIEU_CHINH"

    def test_a_refused_move_is_a_conflict_carrying_its_parameters(self):
        with pytest.raises(MoveRefused) as refused:
            PLAN.next("approve", Plan.DRAFT)

        error = refused.value
        assert isinstance(error, Conflict) and error.status == 409 and error.code == "move_refused"
        assert (error.lifecycle, error.action, error.current) == ("plan", "approve", "DU_THAO")
        assert error.to == "DA_PHE_DUYET"
        assert error.allowed == ("TRINH_UBND",)

    def test_a_refused_move_reads_in_english(self):
        with pytest.raises(MoveRefused, match="^cannot approve a plan that is DU_THAO$"):
            PLAN.next("approve", Plan.DRAFT)

    def test_allowed_statuses_are_sorted_so_messages_are_stable(self):
        with pytest.raises(MoveRefused) as refused:
            PLAN.next("submit", Plan.APPROVED)

        assert refused.value.allowed == ("DIEU_CHINH", "DU_THAO")

    def test_an_unknown_action_is_a_programming_error(self):
        with pytest.raises(KeyError):
            PLAN.next("publish", Plan.DRAFT)

    def test_allows_answers_without_raising(self):
        assert PLAN.allows("submit", Plan.DRAFT) and not PLAN.allows("approve", Plan.DRAFT)


class TestOwnError:
    def test_a_service_raises_its_own_subclass_with_its_own_code_and_text(self):
        lifecycle = Lifecycle("quality system", {"apply": ({"DANG_XAY_DUNG"}, "DANG_AP_DUNG")}, error=InvalidTransition)

        with pytest.raises(InvalidTransition, match="^Không thể apply khi CHUA_XAY_DUNG / cannot apply") as refused:
            lifecycle.next("apply", "CHUA_XAY_DUNG")

        assert refused.value.code == "quality_system_move_refused"


class TestByTarget:
    CLASS = Lifecycle.by_target("class", {
        "DU_KIEN": {"MO_DANG_KY", "HUY"},
        "MO_DANG_KY": {"CHOT_DANH_SACH", "HUY"},
        "CHOT_DANH_SACH": {"MO_DANG_KY", "HUY"},
        "HUY": set(),
    })

    def test_the_wanted_status_is_the_action(self):
        assert self.CLASS.next("MO_DANG_KY", "CHOT_DANH_SACH") == "MO_DANG_KY"

    def test_a_target_the_table_does_not_allow_from_the_current_status_is_refused(self):
        with pytest.raises(MoveRefused) as refused:
            self.CLASS.next("CHOT_DANH_SACH", "DU_KIEN")

        assert (refused.value.current, refused.value.to) == ("DU_KIEN", "CHOT_DANH_SACH")

    def test_a_status_nothing_leads_to_is_refused_rather_than_unknown(self):
        with pytest.raises(MoveRefused):
            self.CLASS.next("DU_KIEN", "MO_DANG_KY")

    def test_a_final_status_allows_no_move(self):
        with pytest.raises(MoveRefused):
            self.CLASS.next("MO_DANG_KY", "HUY")


class TestParameters:
    def test_the_parameters_reach_domain_error_as_keywords_once_it_takes_them(self, monkeypatch):
        received = {}

        def accepting(self, code=None, **params):
            received.update(params)

        monkeypatch.setattr(Conflict, "__init__", accepting, raising=False)

        with pytest.raises(MoveRefused):
            PLAN.next("approve", Plan.DRAFT)

        assert received == {"lifecycle": "plan", "action": "approve", "current": Plan.DRAFT,
                            "allowed": ("TRINH_UBND",), "to": Plan.APPROVED}
