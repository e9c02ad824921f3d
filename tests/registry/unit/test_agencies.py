"""model/agencies.py: the checks on an agency's register entry, without a database."""

import uuid
from datetime import date
from types import SimpleNamespace

import pytest

from kit.errors import Conflict, RuleViolated
from registry.model import agencies as rules

ID = uuid.uuid4()


def agency(**fields):
    return SimpleNamespace(**{"id": ID, "status": "HOAT_DONG", "valid_from": None, "name": "Sở Tư pháp",
                              "obligation_override": None, "obligation_decision_no": None,
                              "obligation_decision_date": None, **fields})


class TestChecks:
    def test_an_agency_that_ceased_can_no_longer_change(self):
        rules.ensure_active(agency())

        with pytest.raises(Conflict) as refused:
            rules.ensure_active(agency(status="DA_GIAI_THE"))

        assert (refused.value.code, refused.value.params) == ("agency_ended", {"agency_id": ID,
                                                                               "status": "DA_GIAI_THE"})

    @pytest.mark.parametrize(("parent", "code"), [(None, "parent_not_in_province"),
                                                  (SimpleNamespace(id=ID), "own_parent")])
    def test_a_parent_is_another_agency_of_the_province(self, parent, code):
        with pytest.raises(RuleViolated, match=code):
            rules.ensure_parent(ID, parent)

    def test_a_parent_of_the_province_is_accepted(self):
        rules.ensure_parent(ID, SimpleNamespace(id=uuid.uuid4()))

    @pytest.mark.parametrize(("successor", "error", "code"), [
        (None, RuleViolated, "successor_not_in_province"), (agency(), RuleViolated, "merged_into_itself"),
        (agency(id=uuid.uuid4(), status="DA_SAP_NHAP"), Conflict, "agency_ended")])
    def test_a_successor_is_another_active_agency_of_the_province(self, successor, error, code):
        with pytest.raises(error) as refused:
            rules.ensure_successor(ID, successor)

        assert refused.value.code == code

    def test_an_agency_does_not_end_before_it_existed(self):
        rules.ensure_end_date(agency(valid_from=date(2020, 1, 1)), date(2020, 1, 1))
        rules.ensure_end_date(agency(), date(1900, 1, 1))

        with pytest.raises(RuleViolated, match="ended_before_valid_from"):
            rules.ensure_end_date(agency(valid_from=date(2020, 1, 1)), date(2019, 12, 31))

    @pytest.mark.parametrize("cited", [{"obligation_decision_no": "1/KH"},
                                       {"obligation_decision_date": date(2021, 6, 15)}, {}])
    def test_an_override_cites_the_number_and_the_date_of_the_provincial_decision(self, cited):
        with pytest.raises(RuleViolated, match="override_not_cited"):
            rules.ensure_override_cited(agency(obligation_override="BAT_BUOC", **cited))

        rules.ensure_override_cited(agency(obligation_override="BAT_BUOC", obligation_decision_no="1/KH",
                                           obligation_decision_date=date(2021, 6, 15)))


class TestChanges:
    def test_only_editable_fields_that_differ_are_changes(self):
        changed = rules.changes(agency(short_name=None), {"name": "Sở Tư pháp", "short_name": "STP",
                                                          "status": "DA_GIAI_THE"})

        assert changed == {"short_name": "STP"}
