"""A corrected step date (`registry.quality_system.step_date_corrected`, projections/registry_quality_system.py)
moves every figure built on it: the status of a day in the as-of ledger and the re-announcements of a period; the
ledger stays equal to the reference, a republished correction changes nothing, and a corrected history ends as
the same history dated right would."""

import uuid
from datetime import UTC, date, datetime

import pytest

from contracts import registry as re
from reporting.services.figures import province_figures
from reporting.services.verification import differences
from tests.reporting.conftest import feed, registered

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def status(agency_id, system_id, version, value, on):
    return re.QualitySystemStatusChanged(quality_system_id=system_id, agency_id=agency_id, version=version,
                                         status=value, standard_version="TCVN_ISO_9001_2015", changed_on=on,
                                         changed_at=NOW)


def announced(agency_id, system_id, version, announcement_id, kind, on):
    return re.QualitySystemAnnounced(
        quality_system_id=system_id, agency_id=agency_id, version=version, announcement_id=announcement_id,
        kind=kind, reason=None if kind == "LAN_DAU" else "MO_RONG_PHAM_VI", decision_no=f"{version}/QĐ",
        decision_date=on, standard_version="TCVN_ISO_9001_2015", announced_at=NOW)


def corrected(agency_id, system_id, version, announcement_id, old, new):
    return re.QualitySystemStepDateCorrected(
        quality_system_id=system_id, agency_id=agency_id, version=version, step="announce", status="DA_CONG_BO",
        announcement_id=announcement_id, old_date=old, new_date=new, reason="Nhập nhầm năm", corrected_by="can-bo",
        corrected_at=NOW)


def lived(announced_on=date(2022, 9, 1), re_announced_on=date(2024, 3, 15)):
    """An agency applying from 2022, announced (1/9/2022), re-announced after a scope change (15/3/2024)."""
    agency, system, first, again = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    events = [registered(agency), status(agency, system, 1, "DANG_AP_DUNG", date(2022, 5, 1)),
              status(agency, system, 2, "DA_CONG_BO", announced_on),
              announced(agency, system, 2, first, "LAN_DAU", announced_on),
              status(agency, system, 3, "CAN_CONG_BO_LAI", date(2023, 2, 1)),
              status(agency, system, 4, "DA_CONG_BO", re_announced_on),
              announced(agency, system, 4, again, "CONG_BO_LAI", re_announced_on)]
    return agency, system, first, again, events


@pytest.fixture
def history():
    return lived()


def figures(runtime, tenant, as_of, start):
    return province_figures(runtime.uow(tenant), as_of, start)


class TestACorrectedAnnouncement:
    def test_a_re_announcement_corrected_from_2024_to_2023_counts_in_2023(self, runtime, tenant, history):
        agency, system, _first, again, events = history
        feed(runtime, tenant, events)
        before = [figures(runtime, tenant, date(y, 12, 31), date(y, 1, 1))["re_announced_in_period"]
                  for y in (2023, 2024)]

        feed(runtime, tenant, [corrected(agency, system, 5, again, date(2024, 3, 15), date(2023, 11, 20))])

        after = [figures(runtime, tenant, date(y, 12, 31), date(y, 1, 1))["re_announced_in_period"]
                 for y in (2023, 2024)]
        assert (before, after) == ([0, 1], [1, 0])

    def test_a_first_announcement_corrected_earlier_counts_as_announced_from_the_new_date(self, runtime, tenant,
                                                                                        history):
        agency, system, first, _again, events = history
        feed(runtime, tenant, events)
        before = figures(runtime, tenant, date(2022, 8, 15), date(2022, 1, 1))["announced"]

        feed(runtime, tenant, [corrected(agency, system, 5, first, date(2022, 9, 1), date(2022, 8, 1))])

        after = figures(runtime, tenant, date(2022, 8, 15), date(2022, 1, 1))["announced"]
        assert (before, after) == (0, 1)
        assert not differences(runtime.uow(tenant), date(2022, 8, 15), date(2022, 1, 1))
        assert not differences(runtime.uow(tenant), date(2022, 7, 31), date(2022, 1, 1))

    def test_a_republished_correction_changes_nothing(self, runtime, tenant, history):
        agency, system, first, _again, events = history
        correction = corrected(agency, system, 5, first, date(2022, 9, 1), date(2022, 8, 1))
        feed(runtime, tenant, [*events, correction])
        once = figures(runtime, tenant, date(2022, 8, 15), date(2022, 1, 1))

        outcomes = feed(runtime, tenant, [correction])

        assert outcomes == ["handled"]
        assert figures(runtime, tenant, date(2022, 8, 15), date(2022, 1, 1)) == once

    def test_a_corrected_history_ends_as_the_history_dated_right_from_the_start(self, runtime, tenant, history):
        agency, system, first, again, events = history
        events += [corrected(agency, system, 5, first, date(2022, 9, 1), date(2022, 8, 1)),
                   corrected(agency, system, 6, again, date(2024, 3, 15), date(2023, 11, 20))]
        right = f"{tenant}-right"

        feed(runtime, tenant, events)
        feed(runtime, right, lived(date(2022, 8, 1), date(2023, 11, 20))[-1])

        for as_of in (date(2022, 8, 15), date(2023, 12, 31), date(2024, 12, 31)):
            start = date(as_of.year, 1, 1)
            assert figures(runtime, tenant, as_of, start) == figures(runtime, right, as_of, start)
            assert not differences(runtime.uow(tenant), as_of, start)
