"""model/quality_system.py: the HTQLCL lifecycle and the rules of each step, without a database."""

from datetime import date
from types import SimpleNamespace

import pytest

from contracts.registry import AnnouncementKind
from contracts.registry import QualitySystemStatus as Status
from kit.errors import Conflict, RuleViolated
from registry.model import quality_system as rules
from registry.model.quality_system import QUALITY_SYSTEM, InvalidTransition

MOVES = [
    ("start_building", Status.CHUA_XAY_DUNG, Status.DANG_XAY_DUNG),
    ("apply", Status.DANG_XAY_DUNG, Status.DANG_AP_DUNG),
    ("announce", Status.DANG_AP_DUNG, Status.DA_CONG_BO),
    ("announce", Status.CAN_CONG_BO_LAI, Status.DA_CONG_BO),
    ("announce", Status.DANG_CHUYEN_DOI, Status.DA_CONG_BO),
    ("change_scope", Status.DA_CONG_BO, Status.CAN_CONG_BO_LAI),
    ("start_transition", Status.DA_CONG_BO, Status.DANG_CHUYEN_DOI),
    ("start_transition", Status.CAN_CONG_BO_LAI, Status.DANG_CHUYEN_DOI),
]


class TestLifecycle:
    @pytest.mark.parametrize(("command", "current", "target"), MOVES)
    def test_each_command_moves_from_its_statuses_to_its_target(self, command, current, target):
        assert QUALITY_SYSTEM.next(command, current) == target

    def test_statuses_read_back_from_the_database_as_plain_strings_are_understood(self):
        assert QUALITY_SYSTEM.next("apply", "DANG_XAY_DUNG") == "DANG_AP_DUNG"

    @pytest.mark.parametrize("current", [s for s in Status if s != Status.NGUNG_AP_DUNG])
    def test_a_system_can_be_stopped_from_any_status_but_stopped(self, current):
        assert QUALITY_SYSTEM.next("stop", current) == Status.NGUNG_AP_DUNG

    def test_every_other_move_is_refused_as_an_invalid_transition_carrying_its_parameters(self):
        allowed = {(command, current) for command, current, _ in MOVES} | {
            ("stop", s) for s in Status if s != Status.NGUNG_AP_DUNG}

        for command in QUALITY_SYSTEM.moves:
            for current in Status:
                if (command, current) in allowed:
                    continue
                with pytest.raises(InvalidTransition) as refused:
                    QUALITY_SYSTEM.next(command, current)
                error = refused.value
                assert isinstance(error, Conflict) and error.status == 409 and error.code == "invalid_transition"
                assert (error.params["action"], error.params["current"]) == (command, current)


class TestSteps:
    def test_a_new_build_on_a_version_closed_to_new_builds_is_refused_after_its_date(self):
        rules.check_new_build("TCVN ISO 9001:2008", date(2017, 12, 31), date(2017, 12, 31))

        with pytest.raises(RuleViolated) as refused:
            rules.check_new_build("TCVN ISO 9001:2008", date(2017, 12, 31), date(2018, 1, 1))

        assert refused.value.code == "new_build_too_late"
        assert refused.value.params == {"standard": "TCVN ISO 9001:2008", "until": date(2017, 12, 31)}

    def test_a_version_open_to_new_builds_has_no_date(self):
        rules.check_new_build("TCVN ISO 9001:2015", None, date(2030, 1, 1))

    def test_the_first_announcement_follows_the_applied_status_and_later_ones_are_re_announcements(self):
        assert rules.announcement_kind(Status.DANG_AP_DUNG) == AnnouncementKind.LAN_DAU
        assert rules.announcement_kind(Status.CAN_CONG_BO_LAI) == AnnouncementKind.CONG_BO_LAI

    def test_announcing_needs_both_audits_on_record_and_names_the_missing_ones_in_order(self):
        with pytest.raises(RuleViolated) as refused:
            rules.check_announcement(Status.DANG_AP_DUNG, None, rules.STANDARD_2015, set())

        assert (refused.value.code, refused.value.params) == (
            "audits_missing", {"missing": ("DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO")})

    def test_a_re_announcement_needs_a_known_reason(self):
        audits = {"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"}
        rules.check_announcement(Status.DANG_AP_DUNG, None, rules.STANDARD_2015, audits)
        rules.check_announcement(Status.CAN_CONG_BO_LAI, "MO_RONG_PHAM_VI", rules.STANDARD_2015, audits)

        with pytest.raises(RuleViolated, match="reannouncement_without_reason"):
            rules.check_announcement(Status.CAN_CONG_BO_LAI, "BECAUSE", rules.STANDARD_2015, audits)

    def test_closing_a_transition_needs_the_2015_version(self):
        audits = {"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"}

        with pytest.raises(RuleViolated, match="transition_not_closed_on_2015"):
            rules.check_announcement(Status.DANG_CHUYEN_DOI, "CHUYEN_DOI_PHIEN_BAN", "TCVN_ISO_9001_2008", audits)

    def test_a_scope_change_needs_a_scope_reason(self):
        rules.check_scope_reason("THU_HEP_PHAM_VI")

        with pytest.raises(RuleViolated, match="unknown_scope_reason"):
            rules.check_scope_reason("CHUYEN_DOI_PHIEN_BAN")

    def test_a_2015_system_has_no_transition(self):
        rules.check_transition_from("TCVN_ISO_9001_2008")

        with pytest.raises(RuleViolated, match="already_on_2015"):
            rules.check_transition_from(rules.STANDARD_2015)

    def test_a_step_is_not_dated_before_the_previous_one_except_putting_the_system_on_record(self):
        rules.check_chronology(Status.CHUA_XAY_DUNG, date(2021, 1, 4), date(2020, 1, 1))
        rules.check_chronology(Status.DANG_XAY_DUNG, date(2021, 1, 4), date(2021, 1, 4))

        with pytest.raises(RuleViolated) as refused:
            rules.check_chronology(Status.DANG_XAY_DUNG, date(2021, 1, 4), date(2021, 1, 3))

        assert refused.value.params == {"on": date(2021, 1, 3), "since": date(2021, 1, 4)}

    def test_the_quality_system_of_an_agency_that_ceased_cannot_change(self):
        rules.check_agency_active(SimpleNamespace(status="HOAT_DONG"))

        with pytest.raises(Conflict) as refused:
            rules.check_agency_active(SimpleNamespace(status="DA_SAP_NHAP"))

        assert (refused.value.code, refused.value.params) == ("quality_system_of_ended_agency",
                                                              {"status": "DA_SAP_NHAP"})


class TestCorrectedDates:
    @pytest.mark.parametrize(("new", "code"), [
        (date(2021, 3, 1), "date_unchanged"), (date(2021, 1, 3), "before_previous_step"),
        (date(2021, 6, 2), "after_next_step"),
    ])
    def test_a_corrected_date_differs_and_stays_between_the_steps_around_it(self, new, code):
        with pytest.raises(RuleViolated) as refused:
            rules.check_corrected_date(date(2021, 3, 1), new, date(2021, 1, 4), date(2021, 6, 1))

        assert refused.value.code == code

    @pytest.mark.parametrize("new", [date(2021, 1, 4), date(2021, 6, 1)])
    def test_a_corrected_date_may_fall_on_the_day_of_the_step_before_or_after(self, new):
        rules.check_corrected_date(date(2021, 3, 1), new, date(2021, 1, 4), date(2021, 6, 1))

    def test_the_first_and_the_newest_step_have_no_bound_on_that_side(self):
        rules.check_corrected_date(date(2021, 3, 1), date(1999, 1, 1), None, None)


class TestUpkeepCompletedOn:
    REQUIRED = {"MUC_TIEU_CHAT_LUONG", "DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"}

    def test_the_year_is_complete_on_the_last_first_day_of_the_required_types(self):
        records = [("DANH_GIA_NOI_BO", date(2021, 9, 1)), ("XEM_XET_LANH_DAO", date(2021, 6, 1)),
                   ("DANH_GIA_NOI_BO", date(2021, 3, 1)), ("KHAC", date(2021, 12, 1)),
                   ("MUC_TIEU_CHAT_LUONG", date(2021, 2, 1))]

        assert rules.upkeep_completed_on(records, self.REQUIRED) == date(2021, 6, 1)

    def test_a_missing_required_type_means_not_complete_and_no_rule_means_none(self):
        records = [("DANH_GIA_NOI_BO", date(2021, 3, 1)), ("XEM_XET_LANH_DAO", date(2021, 6, 1))]

        assert rules.upkeep_completed_on(records, self.REQUIRED) is None
        assert rules.upkeep_completed_on(records, set()) is None
