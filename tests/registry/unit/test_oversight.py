"""model/oversight.py: the summary's totals and the flags of one agency, without a database."""

import uuid
from datetime import date
from types import SimpleNamespace

from registry.model import oversight as rules
from registry.model.oversight import FlagContext

AS_OF = date(2022, 12, 1)


def context(**overrides) -> FlagContext:
    fields = {"as_of": AS_OF, "maintenance_deadline": date(2022, 11, 30), "reannouncement_days": 30,
              "required": {"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"}, "done": {}, "secretaries": set(),
              "legacy_after": {"TCVN_ISO_9001_2008": date(2021, 6, 30)}}
    return FlagContext(**(fields | overrides))


def agency(tthc_count=None):
    return SimpleNamespace(id=uuid.uuid4(), tthc_count=tthc_count)


def system(status="DA_CONG_BO", standard="TCVN_ISO_9001_2015", since=date(2022, 1, 1), scope=None):
    return SimpleNamespace(id=uuid.uuid4(), status=status, standard_version=standard, status_since=since,
                           scope_tthc_count=scope)


class TestSummary:
    def test_the_totals_add_up_the_agency_types(self):
        by_type = {"SO": dict(total=2, obliged=2, applying=1, announced=1, on_2015=1),
                   "UBND_XA": dict(total=3, obliged=0, applying=3, announced=2, on_2015=0)}

        summary = rules.summary(AS_OF, by_type)

        assert summary == {"as_of": AS_OF, "total": 5, "obliged": 2, "applying": 4, "announced": 3, "on_2015": 1,
                           "by_agency_type": by_type}

    def test_the_maintenance_deadline_is_in_the_year_of_the_date(self):
        assert rules.yearly_deadline(date(2024, 3, 1), "30/11") == date(2024, 11, 30)
        assert rules.yearly_deadline(date(2024, 3, 1), "1/2") == date(2024, 2, 1)


class TestFlags:
    def test_an_agency_without_a_system_lacks_only_a_secretary(self):
        assert context().flags(agency(), None) == ["no_iso_secretary"]

    def test_an_agency_with_a_secretary_and_a_clean_system_has_no_flag(self):
        qs, ag = system(), agency()

        flags = context(secretaries={ag.id}, done={qs.id: {"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"}}).flags(ag, qs)

        assert flags == []

    def test_maintenance_is_overdue_after_the_deadline_when_a_required_activity_is_missing(self):
        qs = system()
        done = {qs.id: {"DANH_GIA_NOI_BO"}}

        assert "overdue_maintenance" in context(done=done).flags(agency(), qs)
        assert "overdue_maintenance" not in context(done=done, as_of=date(2022, 11, 30)).flags(agency(), qs)
        assert "overdue_maintenance" not in context().flags(agency(), system(status="DANG_XAY_DUNG"))

    def test_a_re_announcement_is_overdue_after_the_days_allowed(self):
        pending = system(status="CAN_CONG_BO_LAI", since=date(2022, 11, 1))

        assert "overdue_reannouncement" not in context(as_of=date(2022, 12, 1)).flags(agency(), pending)
        assert "overdue_reannouncement" in context(as_of=date(2022, 12, 2)).flags(agency(), pending)

    def test_a_2008_system_after_its_transition_deadline_is_legacy_unless_not_built(self):
        assert "legacy_version" in context().flags(agency(), system(standard="TCVN_ISO_9001_2008"))
        assert "legacy_version" not in context().flags(agency(), system(status="CHUA_XAY_DUNG",
                                                                        standard="TCVN_ISO_9001_2008"))

    def test_a_scope_smaller_than_the_agencys_procedures_is_incomplete(self):
        assert "scope_incomplete" in context().flags(agency(tthc_count=90), system(scope=60))
        assert "scope_incomplete" not in context().flags(agency(tthc_count=90), system(scope=90))
        assert "scope_incomplete" not in context().flags(agency(), system(scope=60))

    def test_flags_come_in_a_fixed_order(self):
        qs = system(standard="TCVN_ISO_9001_2008", scope=1)

        assert context().flags(agency(tthc_count=2), qs) == list(rules.FLAGS[:1] + rules.FLAGS[2:])


def named(name="Sở", valid_from=None, tthc_count=None):
    return SimpleNamespace(id=uuid.uuid4(), name=name, agency_type="SO", valid_from=valid_from, tthc_count=tthc_count)


def flagged(name, **days):
    return rules.AgencyFlags(uuid.uuid4(), name, "SO", list(days), {}, days)


class TestUrgency:
    def test_each_flag_is_overdue_from_the_day_its_duty_fell_due(self):
        ag = named(valid_from=date(2022, 1, 1), tthc_count=90)
        qs = system(status="CAN_CONG_BO_LAI", standard="TCVN_ISO_9001_2008", since=date(2022, 10, 1), scope=60)

        found = context().flagged(ag, qs)

        assert found.flags == list(rules.FLAGS)
        assert found.due_on == {"overdue_maintenance": date(2022, 11, 30), "overdue_reannouncement": date(2022, 10, 31),
                                "legacy_version": date(2021, 6, 30), "no_iso_secretary": date(2022, 1, 1),
                                "scope_incomplete": None}
        assert found.overdue_days == {"overdue_maintenance": 1, "overdue_reannouncement": 31, "legacy_version": 519,
                                      "no_iso_secretary": 334, "scope_incomplete": None}
        assert found.urgency() == 519 and found.urgency("overdue_reannouncement") == 31

    def test_maintenance_is_overdue_from_the_years_deadline(self):
        qs = system()

        found = context(as_of=date(2022, 12, 10)).flagged(named(), qs)

        assert (found.due_on["overdue_maintenance"], found.overdue_days["overdue_maintenance"]) == (
            date(2022, 11, 30), 10)

    def test_a_secretarys_post_is_vacant_from_the_last_ones_leaving_else_from_the_agencys_first_day(self):
        left, never, unknown = named(valid_from=date(2020, 1, 1)), named(valid_from=date(2022, 11, 1)), named()

        ctx = context(secretary_left={left.id: date(2022, 11, 21)})

        assert ctx.flagged(left, None).overdue_days == {"no_iso_secretary": 10}
        assert ctx.flagged(never, None).overdue_days == {"no_iso_secretary": 30}
        assert ctx.flagged(unknown, None).overdue_days == {"no_iso_secretary": None}

    def test_the_most_overdue_come_first_those_without_a_due_day_last_ties_keeping_their_order(self):
        agencies = [flagged("An", no_iso_secretary=None), flagged("Bình", no_iso_secretary=5),
                    flagged("Cà Mau", legacy_version=400, no_iso_secretary=1), flagged("Đà", no_iso_secretary=5)]

        assert [a.name for a in rules.by_urgency(agencies)] == ["Cà Mau", "Bình", "Đà", "An"]
        assert [a.name for a in rules.by_urgency(agencies, "no_iso_secretary")] == ["Bình", "Đà", "Cà Mau", "An"]

    def test_attention_counts_every_flag_and_pages_each_list(self):
        agencies = [flagged(f"Sở {n}", no_iso_secretary=n) for n in range(12)] + [
            flagged("Xã", legacy_version=3, no_iso_secretary=None)]

        answer = rules.attention(AS_OF, agencies, limit=10)
        second = rules.attention(AS_OF, agencies, limit=10, offset=10, only="no_iso_secretary")

        assert (answer["total"], answer["limit"], answer["offset"]) == (13, 10, 0)
        assert {name: found["total"] for name, found in answer["flags"].items()} == {
            "overdue_maintenance": 0, "overdue_reannouncement": 0, "legacy_version": 1, "no_iso_secretary": 13,
            "scope_incomplete": 0}
        assert [a.name for a in answer["flags"]["no_iso_secretary"]["items"]] == [f"Sở {n}" for n in range(11, 1, -1)]
        assert list(second["flags"]) == ["no_iso_secretary"]
        assert [a.name for a in second["flags"]["no_iso_secretary"]["items"]] == ["Sở 1", "Sở 0", "Xã"]
