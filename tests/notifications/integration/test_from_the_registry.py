"""What the notifications consumer is given: the registry's officer events carry the officer's e-mail (the
registry on SQLite, as the embedded mode runs it), and the copies hold up under late, repeated and out-of-order
events."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import select

from contracts import codec
from contracts import registry as events
from notifications.orm import Agency, Officer, UpkeepRecord
from registry.services import tenants
from tests.notifications.conftest import apply
from tests.registry.conftest import AGENCIES, new_agency
from tests.support.service import ServiceUnderTest, outbox


def test_the_registry_publishes_the_officers_email_in_the_appointment(tmp_path, issuer):
    registry = ServiceUnderTest.on_sqlite(tmp_path, issuer, "registry")
    tenants.create_tenant(registry.runtime.uow("an-giang"), name="Tỉnh An Giang")
    officer = issuer.headers(tenant="an-giang", roles=["province_officer"])
    agency = new_agency(registry.client, officer)

    for body in ({"full_name": "Phạm Minh Đức", "email": "duc@example.vn"}, {"full_name": "Lê Thị Hoa"}):
        response = registry.client.post(f"{AGENCIES}/{agency['id']}/officers", headers=officer, json={
            "role": "THU_KY_ISO", "appointed_on": "2026-01-05", **body})
        assert response.status_code == 201, response.get_json()

    published = [codec.from_json(events.OfficerAppointed, row.payload["data"])
                 for row in outbox(registry.runtime, "an-giang", event_type="registry.officer.appointed")]
    assert [(event.full_name, event.email) for event in published] == [("Phạm Minh Đức", "duc@example.vn"),
                                                                       ("Lê Thị Hoa", None)]


def test_copies_hold_up_under_late_repeated_and_out_of_order_events(runtime, tenant):
    agency_id, officer_id, record_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    now = datetime(2026, 3, 1)
    renamed = events.AgencyUpdated(agency_id=agency_id, version=2, name="Sở KH&CN", agency_type="SO", updated_at=now)
    registered = events.AgencyRegistered(agency_id=agency_id, version=1, name="Sở Khoa học", agency_type="SO",
                                         registered_at=now)
    removed = events.OfficerRemoved(officer_id=officer_id, agency_id=agency_id, role="THU_KY_ISO",
                                    removed_on=date(2026, 2, 1), removed_at=now)
    appointed = events.OfficerAppointed(officer_id=officer_id, agency_id=agency_id, role="THU_KY_ISO",
                                        full_name="Lan", appointed_on=date(2025, 1, 1), appointed_at=now,
                                        email="lan@so.vn")
    recorded = events.MaintenanceRecorded(record_id=record_id, quality_system_id=uuid.uuid4(), agency_id=agency_id,
                                          year=2026, activity_type="DANH_GIA_NOI_BO", activity_date=date(2026, 2, 2),
                                          recorded_at=now)

    for event in (renamed, registered, removed, appointed, appointed, recorded, recorded):
        apply(runtime, tenant, event)

    with runtime.uow(tenant) as uow:
        [agency] = uow.session.scalars(select(Agency)).all()
        [officer] = uow.session.scalars(select(Officer)).all()
        records = uow.session.scalars(select(UpkeepRecord)).all()
    assert (agency.name, agency.version) == ("Sở KH&CN", 2)
    assert (officer.email, officer.removed_on) == ("lan@so.vn", date(2026, 2, 1))
    assert len(records) == 1
