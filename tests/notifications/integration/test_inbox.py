"""A person's notices in the app (the web UI's bell), on real PostgreSQL: the province's staff read every agency's
reminders, an agency officer only their agency's; each person's read state is their own; another province's or
agency's notice answers 404."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from notifications.services import schedule
from tests.notifications.conftest import API, applying_agency

SEVEN_DAYS_BEFORE = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 10:00 in Việt Nam, 23/11: the 7-day reminder


def reminded(runtime, tenant: str, *names: str, now: datetime = SEVEN_DAYS_BEFORE) -> list[uuid.UUID]:
    """Agencies applying a quality system, reminded as the scheduler would at `now`."""
    agencies = [applying_agency(runtime, tenant, name=name) for name in names]
    schedule.plan(runtime.uow(tenant), now)
    return agencies


def staff(issuer, tenant: str, sub: str = "an.officer", role: str = "province_officer") -> dict:
    return issuer.headers(tenant=tenant, roles=[role], sub=sub)


def secretary(issuer, tenant: str, agency: uuid.UUID, sub: str = "lan.secretary") -> dict:
    return issuer.headers(tenant=tenant, roles=["agency_officer"], agency_id=str(agency), sub=sub)


def inbox(client, headers: dict, query: str = "") -> dict:
    response = client.get(f"{API}/inbox{query}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def unread(client, headers: dict) -> int:
    response = client.get(f"{API}/inbox/unread-count", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["unread"]


class TestWhoSeesWhat:
    def test_the_provinces_staff_see_every_agencys_reminder_with_its_text_and_link(self, client, issuer, runtime,
                                                                                tenant):
        justice, health = reminded(runtime, tenant, "Sở Tư pháp", "Sở Y tế")

        page = inbox(client, staff(issuer, tenant))

        assert page["total"] == 2 and page["page"] == 1
        by_agency = {item["agency_id"]: item for item in page["items"]}
        item = by_agency[str(justice)]
        assert item["text"] == ("Nhắc hạn duy trì HTQLCL năm 2026: Sở Tư pháp cần hoàn thành đánh giá nội bộ và "
                                "xem xét của lãnh đạo trước ngày 30/11/2026.")
        assert item["text_en"].startswith("Upkeep reminder 2026: Sở Tư pháp must complete")
        assert item["link"] == f"/agencies/{justice}"
        assert (item["kind"], item["year"], item["lead_days"], item["deadline"]) == (
            "UPKEEP_REMINDER", 2026, 7, "2026-11-30")
        assert (item["read"], item["read_at"]) == (False, None)
        assert set(by_agency) == {str(justice), str(health)}

    def test_an_agency_officer_sees_only_their_agencys_reminders(self, client, issuer, runtime, tenant):
        justice, _health = reminded(runtime, tenant, "Sở Tư pháp", "Sở Y tế")
        officer = secretary(issuer, tenant, justice)

        page = inbox(client, officer)

        assert [item["agency_id"] for item in page["items"]] == [str(justice)]
        assert unread(client, officer) == 1

    def test_another_province_sees_none_of_them(self, client, issuer, runtime, tenant):
        reminded(runtime, tenant, "Sở Tư pháp")
        elsewhere = staff(issuer, f"other-{uuid.uuid4().hex[:8]}")

        assert inbox(client, elsewhere)["items"] == []
        assert unread(client, elsewhere) == 0

    @pytest.mark.parametrize("role", ["national_viewer", "platform_admin"])
    def test_a_role_bound_to_no_province_is_refused(self, client, issuer, role):
        headers = issuer.headers(roles=[role])

        assert client.get(f"{API}/inbox", headers=headers).status_code == 403
        assert client.get(f"{API}/inbox/unread-count", headers=headers).status_code == 403
        assert client.post(f"{API}/inbox/read-all", headers=headers).status_code == 403

    def test_every_inbox_route_needs_a_token(self, client):
        assert client.get(f"{API}/inbox").status_code == 401
        assert client.get(f"{API}/inbox/unread-count").status_code == 401
        assert client.post(f"{API}/inbox/{uuid.uuid4()}/read").status_code == 401
        assert client.post(f"{API}/inbox/read-all").status_code == 401


class TestMarkingRead:
    def test_reading_a_notice_lowers_the_readers_count_and_no_one_elses(self, client, issuer, runtime, tenant):
        justice, _health = reminded(runtime, tenant, "Sở Tư pháp", "Sở Y tế")
        officer, leader = staff(issuer, tenant), staff(issuer, tenant, "leader", "province_leader")
        notice = next(item for item in inbox(client, officer)["items"] if item["agency_id"] == str(justice))

        response = client.post(f"{API}/inbox/{notice['id']}/read", headers=officer)

        assert response.status_code == 200
        assert response.get_json()["read"] is True and response.get_json()["read_at"]
        assert response.get_json()["link"] == f"/agencies/{justice}"
        assert unread(client, officer) == 1
        assert unread(client, leader) == 2
        assert [item["read"] for item in inbox(client, officer)["items"] if item["id"] == notice["id"]] == [True]

    def test_reading_twice_keeps_the_first_time(self, client, issuer, runtime, tenant):
        reminded(runtime, tenant, "Sở Tư pháp")
        officer = staff(issuer, tenant)
        [notice] = inbox(client, officer)["items"]

        first = client.post(f"{API}/inbox/{notice['id']}/read", headers=officer).get_json()
        again = client.post(f"{API}/inbox/{notice['id']}/read", headers=officer)

        assert again.status_code == 200
        assert again.get_json()["read_at"] == first["read_at"]
        assert unread(client, officer) == 0

    def test_another_agencys_or_provinces_notice_answers_404_and_stays_unread(self, client, issuer, runtime,
                                                                                tenant):
        justice, health = reminded(runtime, tenant, "Sở Tư pháp", "Sở Y tế")
        leader = staff(issuer, tenant, "leader", "province_leader")
        theirs = next(item for item in inbox(client, leader)["items"] if item["agency_id"] == str(health))
        stranger = secretary(issuer, tenant, justice)
        elsewhere = staff(issuer, f"other-{uuid.uuid4().hex[:8]}", sub="leader")

        refused = client.post(f"{API}/inbox/{theirs['id']}/read", headers=stranger)
        foreign = client.post(f"{API}/inbox/{theirs['id']}/read", headers=elsewhere)
        unknown = client.post(f"{API}/inbox/{uuid.uuid4()}/read", headers=leader)

        assert (refused.status_code, foreign.status_code, unknown.status_code) == (404, 404, 404)
        assert "Không tìm thấy thông báo" in refused.get_json()["detail"]
        assert unread(client, leader) == 2

    def test_read_all_marks_what_the_caller_reaches_and_nothing_else(self, client, issuer, runtime, tenant):
        justice, _health = reminded(runtime, tenant, "Sở Tư pháp", "Sở Y tế")
        officer = secretary(issuer, tenant, justice)
        leader = staff(issuer, tenant, "leader", "province_leader")

        marked = client.post(f"{API}/inbox/read-all", headers=officer)
        again = client.post(f"{API}/inbox/read-all", headers=officer)

        assert marked.get_json() == {"marked": 1} and again.get_json() == {"marked": 0}
        assert unread(client, officer) == 0
        assert unread(client, leader) == 2
        assert client.post(f"{API}/inbox/read-all", headers=leader).get_json() == {"marked": 2}
        assert unread(client, leader) == 0


class TestFiltersAndPaging:
    def test_unread_kind_and_year_filter_and_pages_do_not_repeat(self, client, issuer, runtime, tenant):
        reminded(runtime, tenant, "Sở Tư pháp", "Sở Y tế", "Sở Nội vụ")
        schedule.plan(runtime.uow(tenant), datetime(2025, 11, 29, 3, 0, tzinfo=UTC))  # 2025's 1-day reminders
        officer = staff(issuer, tenant)
        [first] = inbox(client, officer, "?year=2025&page_size=1")["items"]
        client.post(f"{API}/inbox/{first['id']}/read", headers=officer)

        every = inbox(client, officer)
        of_2025 = inbox(client, officer, "?year=2025")
        not_read = inbox(client, officer, "?unread=true&kind=UPKEEP_REMINDER")
        pages = [inbox(client, officer, f"?page={n}&page_size=4") for n in (1, 2)]

        assert every["total"] == 6
        assert [(item["year"], item["lead_days"]) for item in every["items"]] == [(2026, 7)] * 3 + [(2025, 1)] * 3
        assert of_2025["total"] == 3 and {item["year"] for item in of_2025["items"]} == {2025}
        assert not_read["total"] == 5 and first["id"] not in {item["id"] for item in not_read["items"]}
        assert [len(page["items"]) for page in pages] == [4, 2]
        assert len({item["id"] for page in pages for item in page["items"]}) == 6

    def test_an_unknown_kind_or_year_is_refused(self, client, issuer, tenant):
        officer = staff(issuer, tenant)

        assert client.get(f"{API}/inbox?kind=BIRTHDAY", headers=officer).status_code == 422
        assert client.get(f"{API}/inbox?year=1800", headers=officer).status_code == 422
