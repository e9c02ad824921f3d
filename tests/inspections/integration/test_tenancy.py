"""Isolation on every endpoint: another province's objects are 404 (never 403, never their data); an agency
officer sees only their agency's inspections and recommendations; national and platform roles read nothing."""

from dataclasses import dataclass

import pytest

from tests.inspections.conftest import API, ONSITE, REVIEW, Province
from tests.support.service import outbox


@dataclass
class World:
    """One province's objects at every stage: an agency, an approved plan with a team, a recorded inspection
    and a recommendation whose remediation was submitted."""

    province: Province
    agency: str
    plan: dict
    team: dict
    inspection: dict
    recommendation: dict


def build_world(province: Province) -> World:
    agency = province.agency("SO", "Sở Tài chính")
    plan = province.approved_plan([(agency, ONSITE)])
    team = province.team(plan)
    inspection = province.inspection(plan, agency)
    province.recorded(inspection)
    recommendation = province.recommendation(inspection)
    province.call("POST", f"/recommendations/{recommendation['id']}/remediation", province.agency_officer(agency),
                  evidence="Báo cáo khắc phục")
    return World(province, str(agency), plan, team, inspection, recommendation)


@pytest.fixture
def theirs(other_province) -> World:
    return build_world(other_province)


@pytest.fixture
def mine(province) -> World:
    return build_world(province)


# (method, path template, role, body): every route of the service that names an object.
ROUTES = [
    ("GET", "/plans/{plan}", "province_officer", None),
    ("PATCH", "/plans/{plan}", "province_officer", {"title": "x"}),
    ("POST", "/plans/{plan}/submit", "province_officer", {}),
    ("POST", "/plans/{plan}/approve", "province_leader", {"approving_doc": "1/KH-UBND"}),
    ("POST", "/plans/{plan}/adjust", "province_officer", {"note": "x"}),
    ("POST", "/plans/{plan}/close", "province_officer", None),
    ("POST", "/plans/{plan}/carry-forward", "province_officer", {"year": 2022}),
    ("GET", "/plans/{plan}/coverage", "province_officer", None),
    ("POST", "/plans/{plan}/teams", "province_officer", {"decision_no": "1/QĐ", "decision_date": "2021-06-01",
                                                         "members": [{"full_name": "A", "role": "TRUONG_DOAN"}]}),
    ("GET", "/plans/{plan}/teams", "province_officer", None),
    ("GET", "/teams/{team}", "province_officer", None),
    ("GET", "/inspections/{inspection}", "province_officer", None),
    ("POST", "/inspections/{inspection}/notify", "province_officer", {"notice_doc": "x"}),
    ("POST", "/inspections/{inspection}/start", "province_officer", {"conducted_date": "2021-07-15"}),
    ("GET", "/inspections/{inspection}/checklist", "province_officer", None),
    ("PUT", "/inspections/{inspection}/checklist", "province_officer",
     {"results": [{"criterion_code": "TC01", "result": "DAT"}]}),
    ("POST", "/inspections/{inspection}/findings", "province_officer", {"type": "DIEM_MANH", "description": "x"}),
    ("POST", "/inspections/{inspection}/record", "province_officer", {"record_doc": "x", "record_date": "2021-07-15"}),
    ("POST", "/inspections/{inspection}/conclude", "province_officer",
     {"conclusion_doc": "x", "conclusion_date": "2021-07-30", "overall_result": "DAT"}),
    ("POST", "/inspections/{inspection}/close", "province_officer", None),
    ("POST", "/inspections/{inspection}/postpone", "province_officer", {"reason": "x"}),
    ("POST", "/inspections/{inspection}/cancel", "province_officer", {"reason": "x"}),
    ("POST", "/inspections/{inspection}/recommendations", "province_officer",
     {"description": "x", "deadline": "2021-12-31"}),
    ("GET", "/recommendations/{recommendation}", "province_officer", None),
    ("POST", "/recommendations/{recommendation}/remediation", "agency_officer", {"evidence": "x"}),
    ("POST", "/recommendations/{recommendation}/accept", "province_officer", {}),
    ("POST", "/recommendations/{recommendation}/reopen", "province_officer", {"reason": "x"}),
    ("GET", "/recommendations/{recommendation}/attachments", "province_officer", None),
    *((method, f"{base}/documents/{kind}{end}", "province_officer", body)
      for base, kind in (("/plans/{plan}", "plan"), ("/teams/{team}", "decision"),
                         ("/inspections/{inspection}", "notice"), ("/inspections/{inspection}", "minutes"),
                         ("/inspections/{inspection}", "conclusion"))
      for method, end, body in (("GET", ".docx", None), ("POST", "/issue", {"issued_on": "2021-07-20"}))),
]
YEAR = "/years/<int(min=2000, max=2100):year>/documents"  # the yearly report: the province's year, no object
EVIDENCE = [("POST", "/recommendations/<uuid:recommendation_id>/attachments"),
            *((m, "/recommendations/<uuid:recommendation_id>/attachments/<uuid:attachment_id>")
              for m in ("GET", "DELETE"))]
LISTS = ["/plans", "/inspections", "/recommendations", "/criteria", "/coverage?year=2021", "/settings"]
# The minutes are the province's: an agency officer's role is refused them (403) before any inspection is looked up.
AGENCY_ROUTES = [r for r in ROUTES if ("{inspection}" in r[1] or "{recommendation}" in r[1])
                 and "/minutes" not in r[1]]


def url(world: World, template: str) -> str:
    ids = {"plan": world.plan["id"], "team": world.team["id"], "inspection": world.inspection["id"],
           "recommendation": world.recommendation["id"]}
    return API + template.format(**ids)


def ask(province: Province, method: str, path: str, headers: dict, body):
    """A change names a version (If-Match), so that what answers is the object's province, not the precondition."""
    if method in ("PATCH", "PUT"):
        headers = {**headers, "If-Match": '"1"'}
    return province.client.open(path, method=method, json=body, headers=headers)


def test_the_table_names_every_route_of_the_service(app):
    served = {(method, rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith(API)
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    listed = {(m, API + p.replace("{plan}", "<uuid:plan_id>").replace("{team}", "<uuid:team_id>")
               .replace("{inspection}", "<uuid:inspection_id>")
               .replace("{recommendation}", "<uuid:recommendation_id>").replace(".docx", ".<any(docx, pdf):fmt>"))
              for m, p, _, _ in ROUTES}
    collections = {(m, API + p) for m, p in [("GET", "/plans"), ("POST", "/plans"), ("GET", "/inspections"),
                                             ("POST", "/inspections"), ("GET", "/recommendations"),
                                             ("GET", "/criteria"), ("GET", "/coverage"),
                                             ("POST", "/recommendations/flag-overdue"), ("GET", "/openapi.json"),
                                             ("GET", "/criteria/<string:code>"),
                                             ("PATCH", "/criteria/<string:code>"), ("GET", "/settings"),
                                             ("GET", "/settings/<string:key>"), ("PUT", "/settings/<string:key>"),
                                             ("GET", "/audit"),  # kit's audit trail, tested in tests/kit
                                             ("GET", "/register"), ("GET", f"{YEAR}/report.<any(docx, pdf):fmt>"),
                                             ("POST", f"{YEAR}/report/issue"),
                                             # a multipart upload and a file's routes: test_attachments.py
                                             *EVIDENCE]}

    assert served - collections == listed


@pytest.mark.parametrize(("method", "template", "role", "body"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_another_provinces_object_is_404_and_unchanged(province, theirs, runtime, method, template, role, body):
    before = len(outbox(runtime, theirs.province.tenant))
    headers = province.headers(role, agency_id=theirs.agency, sub="inspector-1")

    response = ask(province, method, url(theirs, template), headers, body)

    assert response.status_code == 404, response.get_json()
    assert response.content_type == "application/problem+json"
    assert "Sở Tài chính" not in response.get_data(as_text=True)
    assert len(outbox(runtime, theirs.province.tenant)) == before
    assert theirs.province.call("GET", f"/inspections/{theirs.inspection['id']}")["status"] == "DA_LAP_BIEN_BAN"


def test_another_provinces_agency_and_plan_cannot_be_used(province, theirs):
    own = province.agency()
    province.call("POST", "/inspections", expect=404, plan_id=theirs.plan["id"], agency_id=str(own), form=ONSITE)
    province.call("POST", "/inspections", expect=422, agency_id=theirs.agency, form=ONSITE, kind="DOT_XUAT")
    province.call("POST", "/plans", expect=422, year=2021,
                  targets=[{"agency_id": theirs.agency, "planned_form": REVIEW}])


@pytest.mark.parametrize("path", LISTS)
def test_lists_show_only_the_callers_province(province, mine, theirs, path):
    listed = province.call("GET", path)

    text = str(listed)
    assert theirs.plan["id"] not in text and theirs.inspection["id"] not in text
    assert theirs.recommendation["id"] not in text


def test_coverage_counts_only_the_callers_province(province, mine, theirs):
    coverage = province.call("GET", "/coverage?year=2021&as_of=2021-12-31")

    assert (coverage["obliged"], coverage["inspected"]) == (1, 1)


@pytest.mark.parametrize(("method", "template", "role", "body"), AGENCY_ROUTES,
                         ids=[f"{m} {p}" for m, p, _, _ in AGENCY_ROUTES])
def test_another_agencys_inspection_or_recommendation_is_404_for_an_agency_officer(
        province, mine, runtime, method, template, role, body):
    stranger = province.agency_officer(province.agency(name="Sở khác"))
    before = len(outbox(runtime, province.tenant))

    response = ask(province, method, url(mine, template), stranger, body)

    assert response.status_code in (403, 404), response.get_json()
    if method == "GET" or role == "agency_officer":
        assert response.status_code == 404
    assert len(outbox(runtime, province.tenant)) == before


def test_an_agency_officer_lists_only_their_agencys_work(province, mine):
    other = province.agency(name="Sở khác")
    own = province.agency_officer(mine.agency)

    assert [i["id"] for i in province.call("GET", "/inspections", own)["items"]] == [mine.inspection["id"]]
    assert [r["id"] for r in province.call("GET", "/recommendations", own)["items"]] == [mine.recommendation["id"]]
    assert province.call("GET", "/inspections", province.agency_officer(other))["items"] == []
    assert province.call("GET", "/recommendations", province.agency_officer(other))["items"] == []
    assert province.call("GET", f"/inspections/{mine.inspection['id']}", own)["agency_id"] == mine.agency


@pytest.mark.parametrize("role", ["agency_officer"])
@pytest.mark.parametrize(("method", "template", "_role", "body"),
                         [r for r in ROUTES if "{plan}" in r[1] or "{team}" in r[1]],
                         ids=[f"{m} {p}" for m, p, _, _ in ROUTES if "{plan}" in p or "{team}" in p])
def test_plans_and_teams_are_not_for_agency_officers(province, mine, method, template, _role, body, role):
    response = ask(province, method, url(mine, template), province.agency_officer(mine.agency), body)

    assert response.status_code == 403


@pytest.mark.parametrize("role", ["national_viewer", "platform_admin"])
@pytest.mark.parametrize(("method", "template", "_role", "body"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_national_and_platform_roles_get_403_everywhere(province, mine, method, template, _role, body, role):
    response = ask(province, method, url(mine, template), province.issuer.headers(roles=[role]), body)

    assert response.status_code == 403 and response.content_type == "application/problem+json"


@pytest.mark.parametrize("role", ["national_viewer", "platform_admin"])
@pytest.mark.parametrize("path", LISTS)
def test_national_and_platform_roles_list_nothing(province, role, path):
    response = province.client.get(API + path, headers=province.issuer.headers(roles=[role]))

    assert response.status_code == 403


def test_a_province_staff_member_cannot_write_as_a_leader_or_inspector(province, mine):
    leader, inspector = province.leader, province.headers("inspector", sub="inspector-1")

    assert ask(province, "POST", f"{API}/plans", leader, {"year": 2021}).status_code == 403
    assert ask(province, "POST", f"{API}/inspections", inspector,
               {"agency_id": mine.agency, "form": ONSITE}).status_code == 403
