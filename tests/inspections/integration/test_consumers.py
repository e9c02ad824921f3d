"""The consumer (consumers.py): the local copy of the registry's agencies, and what an agency's end does to its open
work and to the coverage figures."""

import uuid
from datetime import date

import pytest

import contracts
from contracts import registry as events
from inspections import consumers, orm, repository
from kit.consumer import ConsumerLoop
from kit.memory import InMemoryBroker
from kit.messaging import Outgoing
from tests.inspections.conftest import NOW, ONSITE, REVIEW
from tests.support.service import outbox


def test_a_stale_update_is_ignored_and_a_newer_one_applies(province):
    agency = province.agency("SO", "Sở Tư pháp")
    update = {"agency_id": agency, "agency_type": events.AgencyType.SO, "updated_at": NOW}

    consumers.on_updated(province.runtime.uow(province.tenant), events.AgencyUpdated(
        version=3, name="Sở Tư pháp tỉnh", **update))
    consumers.on_updated(province.runtime.uow(province.tenant), events.AgencyUpdated(
        version=2, name="Tên cũ", **update))
    plan = province.plan([(agency, ONSITE)])

    assert plan["targets"][0]["agency_id"] == str(agency)
    with province.runtime.uow(province.tenant) as uow:
        row = repository.get(uow.session, orm.Agency, agency)
        assert (row.version, row.name) == (3, "Sở Tư pháp tỉnh")


def test_a_dissolved_agency_has_its_open_inspections_cancelled(province, runtime):
    agency, other = province.agency(), province.agency(name="Sở khác")
    plan = province.approved_plan([(agency, ONSITE), (other, REVIEW)])
    planned, notified = province.inspection(plan, agency), province.inspection(plan, agency)
    province.call("POST", f"/inspections/{notified['id']}/notify", notice_doc="30/TB")
    done, untouched = province.inspection(plan, agency), province.inspection(plan, other, REVIEW)
    province.concluded(done)

    province.dissolve(agency, date(2021, 8, 1))

    statuses = {i["id"]: (i["status"], i["status_note"]) for i in province.call("GET", "/inspections")["items"]}
    assert statuses[planned["id"]][0] == statuses[notified["id"]][0] == "HUY"
    assert "giải thể" in statuses[planned["id"]][1] and "01/NQ-HĐND" in statuses[planned["id"]][1]
    assert statuses[done["id"]][0] == "DA_KET_LUAN" and statuses[untouched["id"]][0] == "DU_KIEN"
    cancelled = [r for r in outbox(runtime, province.tenant) if r.type == "inspections.inspection.cancelled"]
    assert sorted(r.key for r in cancelled) == sorted([planned["id"], notified["id"]])


def test_a_merged_agency_has_its_open_work_moved_to_its_successor(province, runtime):
    merged, successor = province.agency("UBND_HUYEN", "UBND huyện cũ"), province.agency("UBND_TINH", "UBND tỉnh")
    plan = province.approved_plan([(merged, ONSITE)])
    open_one, recorded = province.inspection(plan, merged), province.inspection(plan, merged)
    province.recorded(recorded)
    recommendation = province.recommendation(recorded)

    province.merge(merged, successor, date(2025, 7, 1))

    assert province.call("GET", f"/inspections/{open_one['id']}")["agency_id"] == str(successor)
    assert province.call("GET", f"/inspections/{recorded['id']}")["agency_id"] == str(merged)
    moved = province.call("GET", f"/recommendations/{recommendation['id']}", province.agency_officer(successor))
    assert moved["agency_id"] == str(successor)
    retargeted = {r.type: r for r in outbox(runtime, province.tenant) if r.type.endswith(".retargeted")}
    assert retargeted["inspections.inspection.retargeted"].key == open_one["id"]
    assert retargeted["inspections.recommendation.retargeted"].payload["data"]["from_agency_id"] == str(merged)


def test_a_merge_naming_its_own_province_still_moves_the_work(province):
    merged, successor = province.agency("UBND_XA", "UBND xã cũ"), province.agency("UBND_XA", "UBND xã mới")
    plan = province.approved_plan([(merged, ONSITE)])
    open_one, recorded = province.inspection(plan, merged), province.inspection(plan, merged)
    province.recorded(recorded)
    recommendation = province.recommendation(recorded)

    province.merge(merged, successor, date(2025, 6, 30), successor_tenant=province.tenant)

    assert province.call("GET", f"/inspections/{open_one['id']}")["agency_id"] == str(successor)
    moved = province.call("GET", f"/recommendations/{recommendation['id']}")
    assert (moved["agency_id"], moved["status"]) == (str(successor), "MO")


class TestAgencyGoneOnInAnotherProvince:
    """A province succession: the predecessor's open work stays with it and is closed there, with the reason;
    the successor province follows it up (ADR 18)."""

    REASON = ("Tỉnh đã hợp nhất từ 01/07/2025: cơ quan tiếp tục tại Tỉnh Lâm Đồng, việc còn mở do Lâm Đồng theo "
              "dõi / the province merged on 2025-07-01: the agency goes on in Lâm Đồng, which follows up its open work")

    @pytest.fixture
    def work(self, province):
        """A commune with an inspection planned, one concluded in remediation (a recommendation open, one with
        evidence submitted), one recorded with an open recommendation, and one concluded without any."""
        commune = province.agency("UBND_XA", "UBND xã Hòa Thắng")
        plan = province.approved_plan([(commune, ONSITE)])
        planned, remediation = province.inspection(plan, commune), province.inspection(plan, commune)
        recorded, concluded = province.inspection(plan, commune), province.inspection(plan, commune)
        province.concluded(remediation)
        open_one, answered = province.recommendation(remediation), province.recommendation(remediation)
        province.call("POST", f"/recommendations/{answered['id']}/remediation", province.agency_officer(commune),
                      evidence="Đã đánh giá nội bộ")
        province.recorded(recorded)
        pending = province.recommendation(recorded)
        province.concluded(concluded)
        return {"commune": commune, "planned": planned, "remediation": remediation, "recorded": recorded,
                "concluded": concluded, "recommendations": [open_one["id"], answered["id"], pending["id"]]}

    def gone(self, province, work, version: int = 2) -> None:
        province.merge(work["commune"], uuid.uuid4(), date(2025, 6, 30), version=version,
                       decision="Nghị quyết 202/2025/QH15", successor_tenant="lam-dong",
                       successor_tenant_name="Tỉnh Lâm Đồng")

    def test_its_open_inspections_are_cancelled_and_its_recommendations_closed_with_the_reason(
            self, province, runtime, work):
        self.gone(province, work)

        inspections = {i["id"]: i for i in province.call("GET", "/inspections")["items"]}
        state = {key: (inspections[work[key]["id"]]["status"], inspections[work[key]["id"]]["status_note"])
                 for key in ("planned", "remediation", "recorded", "concluded")}
        assert state == {"planned": ("HUY", self.REASON), "remediation": ("DONG", self.REASON),
                         "recorded": ("DA_LAP_BIEN_BAN", None), "concluded": ("DA_KET_LUAN", None)}
        assert {i["agency_id"] for i in inspections.values()} == {str(work["commune"])}  # still the province's own
        closed = [province.call("GET", f"/recommendations/{r}") for r in work["recommendations"]]
        assert {(r["status"], r["review_note"], r["agency_id"]) for r in closed} == {
            ("DONG", self.REASON, str(work["commune"]))}
        assert all(r["closed_at"] for r in closed)
        assert province.call("GET", "/recommendations?status=MO")["items"] == []
        types = [r.type for r in outbox(runtime, province.tenant) if r.type.startswith("inspections.")]
        assert not [t for t in types if t.endswith(".retargeted")]
        assert sorted(r.key for r in outbox(runtime, province.tenant, event_type="inspections.recommendation.closed")
                      ) == sorted(work["recommendations"])
        [cancelled] = outbox(runtime, province.tenant, event_type="inspections.inspection.cancelled")
        assert (cancelled.key, cancelled.payload["data"]["reason"]) == (work["planned"]["id"], self.REASON)

    def test_the_event_delivered_again_closes_nothing_twice(self, province, runtime, work):
        self.gone(province, work)
        written = len(outbox(runtime, province.tenant))

        self.gone(province, work)

        assert len(outbox(runtime, province.tenant)) == written


def test_an_agency_leaves_the_coverage_denominator_after_its_last_valid_day(province):
    kept, gone = province.agency("SO", "Sở A"), province.agency("SO", "Sở B")
    plan = province.approved_plan([(kept, ONSITE), (gone, REVIEW)])
    province.concluded(province.inspection(plan, kept))
    province.dissolve(gone, date(2021, 9, 1))

    before = province.call("GET", f"/plans/{plan['id']}/coverage?as_of=2021-09-01")
    after = province.call("GET", f"/plans/{plan['id']}/coverage?as_of=2021-09-02")

    assert (before["obliged"], before["inspected_onsite"], before["onsite_percent"]) == (2, 1, 50.0)
    assert (after["obliged"], after["inspected_onsite"], after["onsite_percent"]) == (1, 1, 100.0)


def test_a_plan_can_count_its_own_targets_instead_of_the_obliged_types(province):
    communes = [province.agency("UBND_XA", f"UBND xã {n}") for n in range(4)]
    province.agency("SO", "Sở không nằm trong kế hoạch")
    plan = province.approved_plan([(c, ONSITE) for c in communes], coverage_basis="PLAN_TARGETS",
                                  onsite_min_percent=50)
    for commune in communes[:1]:
        province.concluded(province.inspection(plan, commune))

    coverage = province.call("GET", f"/plans/{plan['id']}/coverage?as_of=2021-12-31")

    assert (coverage["basis"], coverage["obliged"], coverage["inspected_onsite"]) == ("PLAN_TARGETS", 4, 1)
    assert coverage["onsite_percent"] == 25.0 and coverage["meets_onsite_target"] is False


def test_a_redelivered_event_is_handled_once_through_the_consumer_loop(province, runtime):
    agency = province.agency()
    plan = province.approved_plan([(agency, ONSITE)])
    province.inspection(plan, agency)
    broker = InMemoryBroker()
    dissolved = events.AgencyDissolved(agency_id=agency, version=2, dissolved_on=date(2021, 8, 1),
                                       dissolved_at=NOW)
    envelope = contracts.wrap(dissolved, id=uuid.uuid4(), source="/registry", time=NOW, tenant=province.tenant)
    message = Outgoing("registry.agency", str(agency).encode(), contracts.encode(envelope), contracts.headers(envelope))
    broker.send_all([message, message])
    loop = ConsumerLoop(name=runtime.group, consumer=broker.consumer(runtime.group, runtime.topics),
                        dead_letters=broker, handlers=consumers.HANDLERS, uow_factory=runtime.uow)

    outcomes = [loop.process(message) for message in broker.messages("registry.agency")]

    assert outcomes == ["handled", "duplicate"]
    cancelled = [r for r in outbox(runtime, province.tenant) if r.type == "inspections.inspection.cancelled"]
    assert len(cancelled) == 1


def test_a_poison_message_is_dead_lettered_with_this_consumers_name(province, runtime):
    broker = InMemoryBroker()
    broker.send_all([Outgoing("registry.agency", b"k", b"\x00not json", [("ce_type", b"registry.agency.updated")])])
    loop = runtime.consumer_loop(broker.consumer(runtime.group, runtime.topics), broker)

    [outcome] = [loop.process(message) for message in broker.messages("registry.agency")]

    assert outcome == "dead-lettered"
    [dead] = broker.messages("registry.agency.dlq")
    assert dead.value == b"\x00not json" and dead.header("x-consumer") == runtime.group


def test_the_plan_and_the_year_count_the_registrys_derived_obligation(province):
    province_plan = province.agency("CHI_CUC", "Chi cục TĐC", obligation=events.Obligation.BAT_BUOC_THEO_KH_TINH)
    national = province.agency("SO", "Sở Tư pháp", obligation=events.Obligation.BAT_BUOC)
    province.agency("UBND_XA", "UBND xã", obligation=events.Obligation.KHUYEN_KHICH)
    province.agency("SO", "Sở chưa có nghĩa vụ từ sổ đăng ký", obligation=None)  # an older event: none sent
    plan = province.approved_plan([(province_plan, ONSITE), (national, REVIEW)], coverage_basis="REGISTRY_OBLIGATION")
    province.concluded(province.inspection(plan, province_plan))

    coverage = province.call("GET", f"/plans/{plan['id']}/coverage?as_of=2021-12-31")
    by_type = province.call("GET", "/coverage?year=2021&as_of=2021-12-31")

    assert (coverage["obliged"], coverage["inspected_onsite"], coverage["onsite_percent"]) == (2, 1, 50.0)
    assert (by_type["basis"], by_type["obliged"], by_type["inspected_onsite"]) == ("REGISTRY_OBLIGATION", 2, 1)
