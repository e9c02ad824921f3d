"""The pure parts of the province lineage (kit.lineage): the refusal in words, kit's consumer
handler, and the 409 a predecessor's write answers (an app with a lookup of its own, no database)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.registry import AgencyRegistered, ProvinceSucceeded
from kit import http, lineage, messages
from kit.service import Consumes

SUCCEEDED = lineage.TenantLineage(predecessor="binh-thuan", predecessor_name="Tỉnh Bình Thuận", successor="lam-dong",
                                  successor_name="Tỉnh Lâm Đồng", effective_date=date(2025, 7, 1),
                                  succession_id=uuid.uuid4())


class TestRefusal:
    def test_the_message_names_both_provinces_and_the_day_in_vietnamese_then_english(self):
        detail = messages.render_code(lineage.CODE, lineage.refusal(SUCCEEDED), lineage.MESSAGES)

        assert detail == (
            "Tỉnh Bình Thuận đã hợp nhất vào Tỉnh Lâm Đồng từ ngày 01/07/2025: hồ sơ trước đó chỉ còn để tra cứu, "
            "hãy làm việc trong Tỉnh Lâm Đồng / Bình Thuận merged into Lâm Đồng on 2025-07-01: its records are "
            "read only; work in Lâm Đồng")

    def test_a_city_loses_its_title_in_english_only(self):
        row = lineage.TenantLineage(predecessor="binh-duong", predecessor_name="Tỉnh Bình Dương",
                                    successor="ho-chi-minh", successor_name="Thành phố Hồ Chí Minh",
                                    effective_date=date(2025, 7, 1), succession_id=uuid.uuid4())

        detail = messages.render_code(lineage.CODE, lineage.refusal(row), lineage.MESSAGES)

        assert "vào Thành phố Hồ Chí Minh từ ngày" in detail and "merged into Hồ Chí Minh on" in detail


class TestConsumerHandlers:
    def test_every_consumer_handles_the_succession_and_reads_its_topic(self):
        def on_registered(uow, event):
            pass

        consumes = Consumes(group="g", handlers={AgencyRegistered: on_registered})

        assert consumes.all_handlers == {AgencyRegistered: on_registered, ProvinceSucceeded: lineage.apply}
        assert consumes.topics == ["registry.agency", "registry.tenant"]
        assert consumes.handlers == {AgencyRegistered: on_registered}  # the declaration is left as it was

    def test_a_service_that_handles_the_succession_itself_keeps_its_handler(self):
        def on_succeeded(uow, event):
            pass

        assert Consumes(group="g", handlers={ProvinceSucceeded: on_succeeded}).all_handlers == {
            ProvinceSucceeded: on_succeeded}


@pytest.fixture
def probe(issuer):
    """An app of kit's shape whose lookup says Bình Thuận merged into Lâm Đồng; it counts its lookups."""
    asked: list[str] = []

    def successor(tenant):
        asked.append(tenant)
        return SUCCEEDED if tenant == "binh-thuan" else None

    app, _ = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=issuer.verifier(),
                                          successor=successor))
    app.add_url_rule("/api/v1/probe/things", "things", lambda: {"ok": True}, methods=["GET", "POST", "PATCH",
                                                                                     "PUT", "DELETE"])
    return app.test_client(), asked


class TestWritesOfAPredecessor:
    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_a_write_as_the_predecessor_is_refused_naming_its_successor(self, probe, issuer, method):
        client, _ = probe

        reply = getattr(client, method)("/api/v1/probe/things", headers=issuer.headers(tenant="binh-thuan"))

        assert reply.status_code == 409 and reply.content_type == http.PROBLEM
        body = reply.get_json()
        assert (body["code"], body["successor"], body["successor_name"], body["effective_date"]) == (
            "province_succeeded", "lam-dong", "Tỉnh Lâm Đồng", "2025-07-01")
        assert body["detail"].startswith("Tỉnh Bình Thuận đã hợp nhất vào Tỉnh Lâm Đồng từ ngày 01/07/2025")

    def test_a_read_as_the_predecessor_is_answered_without_a_lookup(self, probe, issuer):
        client, asked = probe

        reply = client.get("/api/v1/probe/things", headers=issuer.headers(tenant="binh-thuan"))

        assert reply.status_code == 200 and asked == []

    def test_a_province_that_did_not_merge_writes_and_a_platform_role_is_not_looked_up(self, probe, issuer):
        client, asked = probe

        mine = client.post("/api/v1/probe/things", headers=issuer.headers(tenant="lam-dong"))
        platform = client.post("/api/v1/probe/things", headers=issuer.headers(roles=["platform_admin"]))

        assert (mine.status_code, platform.status_code) == (200, 200)
        assert asked == ["lam-dong"]
