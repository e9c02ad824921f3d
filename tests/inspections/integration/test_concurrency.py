"""Parallel requests on real PostgreSQL (issue 20): a change of a plan or an inspection locks it (the aggregate's
root) first, so two moves at the same moment take turns and the second checks the status the first left; a PATCH
or PUT names the version it was made from (If-Match)."""


import pytest

from tests.inspections.conftest import API, ONSITE
from tests.support.parallel import in_parallel
from tests.support.service import outbox

ROUNDS = 4




def together(app, method: str, path: str, headers: dict, bodies: list[dict]) -> list:
    """The same route called with each body at the same moment, each thread with its own test client."""
    return in_parallel(*[lambda body=body: app.test_client().open(f"{API}{path}", method=method, json=body,
                                                                  headers=headers) for body in bodies])


def codes(responses) -> list[int]:
    return sorted(r.status_code for r in responses)


@pytest.fixture
def admin(province):
    return province.headers("province_admin", sub="so-khcn.admin")


def events_of(runtime, tenant: str, event_type: str, key: str) -> int:
    return sum(1 for row in outbox(runtime, tenant, event_type=event_type) if row.key == key)


def test_a_plan_adjusted_and_closed_at_the_same_moment_ends_in_exactly_one_state(app, province):
    agency, violations = province.agency(), 0
    for _ in range(ROUNDS):
        plan = province.approved_plan([(agency, ONSITE)])
        officer = province.officer

        results = in_parallel(
            lambda: app.test_client().post(f"{API}/plans/{plan['id']}/adjust", json={"note": "Điều chỉnh"},
                                           headers=officer),
            lambda: app.test_client().post(f"{API}/plans/{plan['id']}/close", headers=officer))

        final = province.call("GET", f"/plans/{plan['id']}")
        violations += codes(results) != [200, 409] or final["version"] != plan["version"] + 1
        # closed with an adjustment's note, or adjusting without one: both moves went through
        violations += (final["status"] == "DA_TONG_KET") != (final["adjustment_note"] is None)

    assert violations == 0


def test_a_plan_approved_twice_at_the_same_moment_is_approved_once(app, province, runtime):
    agency, violations = province.agency(), 0
    for _ in range(ROUNDS):
        plan = province.plan([(agency, ONSITE)])
        province.call("POST", f"/plans/{plan['id']}/submit", proposing_doc="120/TTr-SKHCN")

        results = together(app, "POST", f"/plans/{plan['id']}/approve", province.leader,
                           [{"approving_doc": f"{n}/KH-UBND"} for n in range(3)])

        violations += codes(results) != [200, 409, 409]
        violations += events_of(runtime, province.tenant, "inspections.plan.approved", plan["id"]) != 1

    assert violations == 0


def test_an_inspection_concluded_twice_at_the_same_moment_is_concluded_once(app, province, runtime):
    agency, violations = province.agency(), 0
    plan = province.approved_plan([(agency, ONSITE)])
    for _ in range(ROUNDS):
        inspection = province.inspection(plan, agency)
        province.recorded(inspection)

        results = together(app, "POST", f"/inspections/{inspection['id']}/conclude", province.officer, [
            {"conclusion_doc": f"{n}/TB-SKHCN", "conclusion_date": "2021-07-30", "overall_result": "DAT"}
            for n in range(3)])

        violations += codes(results) != [200, 409, 409]
        violations += events_of(runtime, province.tenant, "inspections.inspection.concluded", inspection["id"]) != 1

    assert violations == 0


def test_an_inspection_postponed_while_it_starts_is_either_postponed_or_started(app, province):
    agency, violations = province.agency(), 0
    plan = province.approved_plan([(agency, ONSITE)])
    for _ in range(ROUNDS):
        inspection = province.inspection(plan, agency)
        path = f"{API}/inspections/{inspection['id']}"
        province.call("POST", f"/inspections/{inspection['id']}/notify", notice_doc="30/TB-SKHCN")

        results = in_parallel(
            lambda: app.test_client().post(f"{path}/postpone", json={"reason": "Hoãn"}, headers=province.officer),
            lambda: app.test_client().post(f"{path}/start", json={"conducted_date": "2021-07-15"},
                                           headers=province.officer))

        final = province.call("GET", f"/inspections/{inspection['id']}")
        winner = next(r.get_json()["status"] for r in results if r.status_code == 200)
        violations += codes(results) != [200, 409] or final["status"] != winner
        violations += (final["status"] == "HOAN") != (final.get("conducted_date") is None)

    assert violations == 0


@pytest.mark.parametrize("target", ["plan", "checklist", "criterion", "setting"])
def test_of_concurrent_changes_made_from_one_version_exactly_one_succeeds(app, province, admin, target):
    agency, violations = province.agency(), 0
    for round_ in range(ROUNDS):
        method, path, headers, bodies = changes(province, admin, agency, target, round_)
        etag = province.client.get(f"{API}{path}", headers=headers).headers["ETag"]

        results = together(app, method, path, {**headers, "If-Match": etag}, bodies)

        after = province.client.get(f"{API}{path}", headers=headers)
        violations += codes(results) != [200, 412, 412, 412]
        violations += after.headers["ETag"] != f'"{int(etag.strip(chr(34))) + 1}"'

    assert violations == 0


def changes(province, admin, agency, target: str, round_: int):
    """(method, path, headers, four bodies) of one change of a fresh `target` (criteria and settings: the same
    one each round, its version carried on)."""
    if target == "plan":
        plan = province.plan([(agency, ONSITE)])
        return "PATCH", f"/plans/{plan['id']}", province.officer, [{"title": f"Kế hoạch {n}"} for n in range(4)]
    if target == "checklist":
        plan = province.approved_plan([(agency, ONSITE)], year=2021)
        inspection = province.inspection(plan, agency)
        province.call("POST", f"/inspections/{inspection['id']}/notify", notice_doc="30/TB-SKHCN")
        province.call("POST", f"/inspections/{inspection['id']}/start", conducted_date="2021-07-15")
        return "PUT", f"/inspections/{inspection['id']}/checklist", province.officer, [
            {"results": [{"criterion_code": "TC01", "result": result}]} for result in ("DAT", "KHONG_DAT") * 2]
    if target == "criterion":
        return "PATCH", "/criteria/TC02", admin, [{"weight": 10 + n + round_} for n in range(4)]
    return "PUT", "/settings/onsite_min_percent", admin, [{"value": 40 + n + round_} for n in range(4)]


class TestPreconditions:
    @pytest.mark.parametrize(("method", "path", "body"), [
        ("PATCH", "/plans/{plan}", {"title": "Không phiên bản"}),
        ("PUT", "/inspections/{inspection}/checklist", {"results": [{"criterion_code": "TC01", "result": "DAT"}]}),
        ("PATCH", "/criteria/TC03", {"weight": 7}),
        ("PUT", "/settings/onsite_min_percent", {"value": 7}),
    ], ids=["plan", "checklist", "criterion", "setting"])
    def test_a_change_without_if_match_is_428_and_changes_nothing(self, province, admin, method, path, body):
        agency = province.agency()
        plan = province.approved_plan([(agency, ONSITE)])
        inspection = province.inspection(plan, agency)
        path = path.format(plan=plan["id"], inspection=inspection["id"])
        headers = admin if "/plans" not in path and "/inspections" not in path else province.officer
        before = province.client.get(f"{API}{path}", headers=headers)

        response = province.client.open(f"{API}{path}", method=method, json=body, headers=headers)

        assert response.status_code == 428 and response.content_type == "application/problem+json"
        assert response.get_json()["code"] == "precondition_required"
        assert province.client.get(f"{API}{path}", headers=headers).get_json() == before.get_json()

    def test_a_stale_version_is_412_with_the_current_etag(self, province):
        plan = province.plan([(province.agency(), ONSITE)])
        path = f"/plans/{plan['id']}"
        province.call("PATCH", path, title="Lần 1")

        stale = province.call("PATCH", path, expect=412, if_match='"1"', title="Lần 2")

        assert stale["code"] == "version_stale"
        assert province.client.get(f"{API}{path}", headers=province.officer).headers["ETag"] == '"2"'
        assert province.call("GET", path)["title"] == "Lần 1"

    def test_a_checklist_made_from_a_stale_version_is_412_even_when_the_status_has_moved_on(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)], year=2021), agency)
        path = f"/inspections/{inspection['id']}"
        stale_etag = province.client.get(f"{API}{path}", headers=province.officer).headers["ETag"]
        province.call("POST", f"{path}/postpone", reason="Hoãn theo đề nghị của cơ quan")

        stale = province.call("PUT", f"{path}/checklist", expect=412, if_match=stale_etag,
                              results=[{"criterion_code": "TC01", "result": "DAT"}])

        assert stale["code"] == "version_stale"
        assert province.call("GET", path)["checklist"] == []

    def test_the_etag_on_get_is_the_version_and_every_move_raises_it(self, province):
        agency = province.agency()
        plan = province.plan([(agency, ONSITE)])
        path = f"{API}/plans/{plan['id']}"

        fresh = province.client.get(path, headers=province.officer)
        submitted = province.call("POST", f"/plans/{plan['id']}/submit", proposing_doc="120/TTr-SKHCN")

        assert plan["version"] == 1 and fresh.headers["ETag"] == '"1"'
        assert submitted["version"] == 2
        assert province.client.get(path, headers=province.officer).headers["ETag"] == '"2"'

    def test_a_setting_the_province_never_set_has_version_1_and_its_first_change_makes_2(self, province, admin):
        before = province.client.get(f"{API}/settings/onsite_min_percent", headers=province.officer)

        changed = province.call("PUT", "/settings/onsite_min_percent", admin, if_match='"1"', value=55)

        assert before.status_code == 200 and before.get_json()["version"] == 1 and before.headers["ETag"] == '"1"'
        assert changed["version"] == 2 and changed["value"] == 55

    def test_the_checklist_reads_as_the_inspection_with_its_etag(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)

        response = province.client.get(f"{API}/inspections/{inspection['id']}/checklist", headers=province.officer)

        assert response.status_code == 200 and response.get_json()["id"] == inspection["id"]
        assert response.headers["ETag"] == f'"{inspection["version"]}"'

    def test_an_unknown_criterion_or_setting_reads_as_404(self, province):
        assert province.client.get(f"{API}/criteria/NOPE", headers=province.officer).status_code == 404
        assert province.client.get(f"{API}/settings/nope", headers=province.officer).status_code == 404
        assert province.client.get(f"{API}/criteria/TC01", headers=province.officer).get_json()["code"] == "TC01"

