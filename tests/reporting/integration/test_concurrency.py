"""Parallel requests on real PostgreSQL (issue 20): a report's moves take its row lock, so two moves at the same
moment take turns and the report ends in exactly one state; a PATCH names the version it was made from."""


from tests.reporting.conftest import REPORTS, annual, edit, post
from tests.support.parallel import in_parallel

ROUNDS = 5




def inconsistent(report: dict) -> bool:
    """An approved (or submitted) report names its approver; one sent back to drafting names none."""
    if report["status"] in ("DA_DUYET", "DA_GUI"):
        return report["approved_by"] is None
    return report["status"] == "DANG_LAP" and report["approved_by"] is not None


def test_a_report_approved_and_sent_back_at_the_same_moment_ends_in_exactly_one_state(app, people):
    violations, outcomes = 0, set()
    for _ in range(ROUNDS):
        report = annual(app.test_client(), people)
        path = f"{REPORTS}/{report['id']}"
        post(app.test_client(), f"{path}/send-for-approval", people["province_officer"])

        results = in_parallel(*[lambda action=action, body=body: app.test_client().post(
            f"{path}/{action}", json=body, headers=people["province_leader"])
            for action, body in (("approve", {}), ("reject", {"reason": "Bổ sung số liệu kiểm tra"}))])

        final = app.test_client().get(path, headers=people["province_officer"]).get_json()
        codes = sorted(r.status_code for r in results)
        violations += codes != [200, 409] or inconsistent(final) or final["version"] != report["version"] + 2
        outcomes.add(final["status"])

    assert violations == 0
    assert outcomes <= {"DA_DUYET", "DANG_LAP"}


def test_the_ministry_accepting_and_returning_at_the_same_moment_leaves_one_review(app, people, province):
    violations = 0
    for _ in range(ROUNDS):
        report = annual(app.test_client(), people)
        path = f"{REPORTS}/{report['id']}"
        for action, who in (("send-for-approval", "province_officer"), ("approve", "province_leader"),
                            ("submit", "province_officer")):
            post(app.test_client(), f"{path}/{action}", people[who])
        national = f"/api/v1/reporting/national/reports/{province}/{report['id']}"

        results = in_parallel(*[lambda action=action: app.test_client().post(
            f"{national}/{action}", json={"comment": "Bổ sung số liệu"}, headers=people["national"])
            for action in ("accept", "return")])

        final = app.test_client().get(path, headers=people["province_officer"]).get_json()
        winner = next((r.get_json() for r in results if r.status_code == 200), None)
        violations += sorted(r.status_code for r in results) != [200, 409]
        violations += winner is None or final["status"] != winner["status"]

    assert violations == 0


def test_of_concurrent_patches_made_from_one_version_exactly_one_succeeds(app, people):
    violations = 0
    for _ in range(ROUNDS):
        report = annual(app.test_client(), people)
        path = f"{REPORTS}/{report['id']}"
        etag = app.test_client().get(path, headers=people["province_officer"]).headers["ETag"]
        headers = {**people["province_officer"], "If-Match": etag}

        results = in_parallel(*[lambda n=n: app.test_client().patch(
            path, json={"proposals": f"Đề xuất {n}"}, headers=headers) for n in range(4)])

        codes = sorted(r.status_code for r in results)
        final = app.test_client().get(path, headers=people["province_officer"]).get_json()
        winners = [r.get_json() for r in results if r.status_code == 200]
        violations += codes != [200, 412, 412, 412]
        violations += len(winners) != 1 or final["proposals"] != winners[0]["proposals"] or final["version"] != 2

    assert violations == 0


class TestPreconditions:
    def test_the_etag_of_a_report_is_its_version_and_every_move_raises_it(self, client, people):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"

        before = client.get(path, headers=people["province_officer"])
        moved = client.post(f"{path}/send-for-approval", json={}, headers=people["province_officer"])

        assert report["version"] == 1 and before.headers["ETag"] == '"1"'
        assert moved.get_json()["version"] == 2 and moved.headers["ETag"] == '"2"'

    def test_a_patch_without_if_match_is_428_and_changes_nothing(self, client, people):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"

        response = client.patch(path, json={"proposals": "Không có phiên bản"}, headers=people["province_officer"])

        assert response.status_code == 428 and response.content_type == "application/problem+json"
        assert "If-Match" in response.get_json()["detail"]
        assert client.get(path, headers=people["province_officer"]).get_json()["proposals"] is None

    def test_a_patch_made_from_an_old_version_is_412_with_the_current_etag(self, client, people):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"
        assert edit(client, path, people["province_officer"], {"proposals": "Lần 1"}).status_code == 200

        stale = client.patch(path, json={"proposals": "Lần 2"},
                             headers={**people["province_officer"], "If-Match": '"1"'})

        assert stale.status_code == 412 and stale.headers["ETag"] == '"2"'
        assert stale.get_json()["code"] == "version_stale"
        assert client.get(path, headers=people["province_officer"]).get_json()["proposals"] == "Lần 1"

    def test_a_role_that_may_not_edit_is_403_before_428(self, client, people):
        report = annual(client, people)

        response = client.patch(f"{REPORTS}/{report['id']}", json={"proposals": "x"},
                                headers=people["province_leader"])

        assert response.status_code == 403
