"""The 2025 reorganisation in the web UI: an agency's entry before the merger, the borders switch, a merged
province's read-only archive with its banner, and the successor's archive of the predecessors' agencies.

The services are test doubles behind the gateway's upstreams (outbound HTTP); the registry double answers as the
real one does for the lineage: reads of a predecessor's agencies for the successor's users, and kit's 409
`province_succeeded` (with kit's own message) to any write of a merged province's users. Users sign in through the
dev login, as in the demo.
"""

from __future__ import annotations

import uuid
from datetime import date
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask, abort, jsonify, request

from gateway.app import create_app
from gateway.devauth import DevIssuer
from gateway.proxy import WsgiUpstream
from kit import http, lineage, messages
from kit.auth import AuthSettings, TokenVerifier
from tests.gateway.web_app import KNOWN, FormClient

ISSUER, AUDIENCE = "iso-hcc-test", "iso-hcc"
NAMES = {"lam-dong": "Tỉnh Lâm Đồng", "binh-thuan": "Tỉnh Bình Thuận", "an-giang": "Tỉnh An Giang"}
MERGER = lineage.TenantLineage(predecessor="binh-thuan", predecessor_name="Tỉnh Bình Thuận", successor="lam-dong",
                               successor_name="Tỉnh Lâm Đồng", effective_date=date(2025, 7, 1),
                               succession_id=uuid.uuid4())
BANNER = "Tỉnh Bình Thuận đã hợp nhất vào Tỉnh Lâm Đồng từ ngày 01/07/2025: hồ sơ chỉ còn để tra cứu"
OLD, NEW, GONE, ACTIVE = (str(uuid.uuid4()) for _ in range(4))


def agency(id_: str, tenant: str, name: str, status: str, valid_to: str | None = None) -> dict:
    return {"id": id_, "tenant_id": tenant, "name": name, "status": status, "valid_to": valid_to,
            "agency_type": "SO", "admin_level": "TINH", "obligation": "BAT_BUOC"}


AGENCIES = {
    OLD: agency(OLD, "binh-thuan", "Sở Tư pháp tỉnh Bình Thuận", "DA_SAP_NHAP", "2025-06-30"),
    NEW: agency(NEW, "lam-dong", "Sở Tư pháp tỉnh Lâm Đồng", "HOAT_DONG"),
    GONE: agency(GONE, "lam-dong", "Phòng Tư pháp huyện Đơn Dương", "DA_GIAI_THE", "2025-06-30"),
    ACTIVE: agency(ACTIVE, "lam-dong", "Sở Y tế tỉnh Lâm Đồng", "HOAT_DONG"),
}
SUCCESSION = {"predecessor_id": OLD, "successor_id": NEW, "kind": "CONTINUED", "effective_date": "2025-07-01",
              "decision": "Nghị quyết 202/2025/QH15"}


class Registry:
    """The registry's answers the pages need, for the lineage Bình Thuận -> Lâm Đồng."""

    def __init__(self):
        self.merged = {"binh-thuan": MERGER}
        self.app = Flask("fake-registry")
        self.app.before_request(self.refuse_merged_writes)
        routes = {"/tenants": lambda: [{"id": slug, "name": name} for slug, name in NAMES.items()],
                  "/tenants/current": self.current, "/agencies": self.agencies, "/agencies/flags": lambda: [],
                  "/agencies/attention": lambda: {"total": 0, "flags": {}},
                  "/reference": lambda: {"maintenance_activity_types": [], "default_settings": []},
                  "/agencies/<agency_id>": self.agency, "/agencies/<agency_id>/history": self.history,
                  "/agencies/<agency_id>/quality-system": self.quality_system,
                  "/agencies/<agency_id>/announcements": self.announcements,
                  "/agencies/<agency_id>/maintenance": lambda agency_id: self.reach(agency_id) and [],
                  "/agencies/<agency_id>/officers": lambda agency_id: self.reach(agency_id) and [],
                  "/agencies/<agency_id>/quality-system/steps": lambda agency_id: self.reach(agency_id) and [],
                  "/agencies/<agency_id>/quality-system/corrections": lambda agency_id: self.reach(agency_id) and [],
                  "/agencies/<agency_id>/successions": self.successions}
        for path, view in routes.items():
            self.app.add_url_rule(f"/api/v1/registry{path}", path, lambda view=view, **kw: jsonify(view(**kw)))
        self.app.add_url_rule("/api/v1/registry/agencies", "register", lambda: ({"id": NEW}, 201),
                              methods=["POST"])

    @staticmethod
    def tenant() -> str:
        token = request.headers["Authorization"].removeprefix("Bearer ")
        return jwt.decode(token, options={"verify_signature": False}).get("tenant")

    def refuse_merged_writes(self):
        """kit.http's refusal, with kit's message: every write of a merged province, before any route."""
        row = self.merged.get(self.tenant())
        if request.method == "GET" or row is None:
            return None
        detail = messages.render_code(lineage.CODE, lineage.refusal(row), lineage.MESSAGES)
        return http.problem(409, "Conflict", detail, extra={
            "code": lineage.CODE, "successor": row.successor, "successor_name": row.successor_name,
            "effective_date": row.effective_date.isoformat()})

    def readable(self) -> set[str]:
        tenant = self.tenant()
        return {tenant} | {name for name, row in self.merged.items() if row.successor == tenant}

    def reach(self, agency_id: str) -> dict:
        found = AGENCIES.get(agency_id)
        if found is None or found["tenant_id"] not in self.readable():
            abort(404)
        return found

    def current(self):
        """As the registry's `/tenants/current`: the province, the one it merged into, the ones merged into it."""
        tenant = self.tenant()
        row = self.merged.get(tenant)
        return {"id": tenant, "name": NAMES[tenant], "merged_into": row.successor if row else None,
                "successor_name": row.successor_name if row else None,
                "effective_date": row.effective_date.isoformat() if row else None,
                "predecessors": [{"id": slug, "name": r.predecessor_name,
                                  "effective_date": r.effective_date.isoformat()}
                                 for slug, r in self.merged.items() if r.successor == tenant]}

    def agencies(self):
        tenants = self.readable() if request.args.get("lineage") == "true" else {self.tenant()}
        if request.args.get("province"):
            tenants &= {request.args["province"]}
        status = request.args.get("status")
        rows = [a for a in AGENCIES.values() if a["tenant_id"] in tenants and status in (None, a["status"])]
        size, page = int(request.args.get("page_size", 25)), int(request.args.get("page", 1))
        return {"items": rows[(page - 1) * size: page * size], "total": len(rows), "page": page, "page_size": size}

    def agency(self, agency_id):
        return self.reach(agency_id)

    def history(self, agency_id):
        self.reach(agency_id)
        merged = [{"version": 2, "event_type": "registry.agency.merged", "occurred_at": "2026-11-30T03:00:00+00:00",
                   "data": {"merged_on": "2025-06-30"}}] if agency_id == OLD else []
        return [{"version": 1, "event_type": "registry.agency.registered",
                 "occurred_at": "2019-03-04T02:00:00+00:00", "data": {}}, *merged]

    def quality_system(self, agency_id):
        self.reach(agency_id)
        abort(404)

    def announcements(self, agency_id):
        self.reach(agency_id)
        if agency_id != OLD:
            return []
        return [{"id": str(uuid.uuid4()), "decision_no": "12/QĐ-STP", "decision_date": "2020-05-06",
                 "standard_version": "TCVN_ISO_9001_2015", "received_on": "2020-05-10"}]

    def successions(self, agency_id):
        self.reach(agency_id)
        return {"predecessors": [SUCCESSION] if agency_id == NEW else [],
                "successors": [SUCCESSION] if agency_id == OLD else []}


class Reporting:
    """Figures, recording the queries they were asked with."""

    def __init__(self):
        self.queries: list[tuple[str, dict]] = []
        self.app = Flask("fake-reporting")
        for path in ("/figures", "/series", "/national", "/national/<province>"):
            self.app.add_url_rule(f"/api/v1/reporting{path}", path, self.answer)

    def answer(self, province: str | None = None):
        self.queries.append((request.path, request.args.to_dict()))
        if request.path == "/api/v1/reporting/national":
            return jsonify({"provinces": {"lam-dong": {"total": 3, "applying": 1, "announced": 1, "transition": {}}},
                            "total": {"total": 3, "applying": 1, "announced": 1, "transition": {}}})
        if request.path == "/api/v1/reporting/series":
            return jsonify({"series": []})
        return jsonify({"total": 3, "applying": 1, "budget": {"fiscal_year": 2026, "estimate": 0, "approved": 0,
                                                            "disbursed": 0}})


@pytest.fixture
def registry():
    return Registry()


@pytest.fixture
def reporting():
    return Reporting()


@pytest.fixture
def app(registry, reporting):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    dev = DevIssuer(key, issuer=ISSUER, audience=AUDIENCE)
    verifier = TokenVerifier(AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=dev.jwks()))
    upstreams = {"registry": WsgiUpstream(registry.app), "reporting": WsgiUpstream(reporting.app)}
    app = create_app(upstreams, verifier, dev)
    app.test_client_class = FormClient
    return app


def sign_in(app, username: str):
    browser = app.test_client()
    answer = browser.post("/login/dev", data={"username": username, "csrf": KNOWN})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return browser, answer.location


def page(browser, path: str) -> str:
    answer = browser.get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_data(as_text=True)


def write_forms(html: str) -> int:
    return html.count('method="post" action="/act/') + html.count('action="/agencies/import"')


class TestTheAgencyBeforeTheMerger:
    def test_a_continued_agency_shows_its_predecessors_timeline_under_the_effective_date(self, app):
        browser, _ = sign_in(app, "lam-dong.officer")

        html = page(browser, f"/agencies/{NEW}")

        before = html[html.index('id="before-1"'):html.index('id="announcements"')]
        assert "Trước 01/07/2025" in before
        assert "Sở Tư pháp tỉnh Bình Thuận" in before and f'href="/agencies/{OLD}"' in before
        assert "12/QĐ-STP" in before and "06/05/2020" in before and "Tiếp tục hoạt động" in before
        assert "30/06/2025</time> Đã sáp nhập" in before  # on its last day, not when the merger was recorded
        assert write_forms(html) > 0  # the new entry is the successor's own: its forms stay

    def test_an_agency_that_continues_none_has_no_such_section(self, app):
        browser, _ = sign_in(app, "lam-dong.officer")

        assert 'id="before-' not in page(browser, f"/agencies/{ACTIVE}")

    def test_the_predecessors_entry_is_read_only_and_links_to_its_continuation(self, app):
        browser, _ = sign_in(app, "lam-dong.officer")

        html = page(browser, f"/agencies/{OLD}")

        assert 'id="archived-record"' in html
        continued = html[html.index('id="continued"'):]
        assert "Tiếp tục từ 01/07/2025 tại" in continued and f'href="/agencies/{NEW}"' in continued
        assert write_forms(html) == 0

    def test_the_merged_provinces_users_read_where_it_went_without_a_link_they_could_not_open(self, app):
        browser, _ = sign_in(app, "binh-thuan.officer")

        html = page(browser, f"/agencies/{OLD}")

        assert "Tiếp tục từ 01/07/2025 tại Tỉnh Lâm Đồng" in html and f'href="/agencies/{NEW}"' not in html


class TestTheBordersSwitch:
    @pytest.mark.parametrize(("query", "sent"), [("", "as_reported"), ("?borders=current", "current"),
                                                 ("?borders=as_reported", "as_reported"),
                                                 ("?borders=x", "as_reported")])
    def test_the_province_dashboard_asks_reporting_for_the_chosen_borders(self, app, reporting, query, sent):
        browser, _ = sign_in(app, "lam-dong.officer")

        html = page(browser, f"/dashboard{query}")

        assert [(path.rsplit("/", 1)[1], args["borders"]) for path, args in reporting.queries] == [
            ("figures", sent), ("series", sent)]
        assert f'name="borders" value="{sent}" checked' in html
        assert "Địa giới khi báo cáo" in html and "Địa giới hiện nay" in html

    def test_the_national_view_keeps_the_borders_in_its_drill_down(self, app, reporting):
        browser, _ = sign_in(app, "national")

        html = page(browser, "/national?borders=current&as_of=2026-01-31")
        drill = next(part for part in html.split('href="') if part.startswith("/national/province/lam-dong"))
        page(browser, drill.split('"')[0].replace("&amp;", "&"))

        assert [args["borders"] for path, args in reporting.queries] == ["current", "current"]
        assert parse_qs(urlsplit(drill.split('"')[0].replace("&amp;", "&")).query)["as_of"] == ["2026-01-31"]


class TestAMergedProvince:
    def test_its_users_land_on_their_archive_with_the_banner(self, app):
        browser, landing = sign_in(app, "binh-thuan.officer")

        html = page(browser, browser.get(landing).location)

        assert BANNER in html
        assert "Sở Tư pháp tỉnh Bình Thuận" in html and "Hồ sơ lưu trữ" in html

    @pytest.mark.parametrize("path", ["/agencies", f"/agencies/{OLD}", "/dashboard"],
                             ids=["agencies", "agency", "dashboard"])
    def test_every_page_shows_the_banner_and_no_write_form(self, app, path):
        browser, _ = sign_in(app, "binh-thuan.officer")

        html = page(browser, path)

        assert BANNER in html and write_forms(html) == 0

    def test_a_write_that_still_reaches_the_service_shows_its_refusal_and_from_then_the_banner(self, app, registry):
        del registry.merged["binh-thuan"]
        browser, _ = sign_in(app, "binh-thuan.officer")  # signed in before the merger
        assert BANNER not in page(browser, "/agencies") and write_forms(page(browser, "/agencies")) > 0
        registry.merged["binh-thuan"] = MERGER

        refused = browser.post("/act/agency-register", data={"csrf": "known", "next": "/agencies", "name": "Sở Mới",
                                                             "agency_type": "SO"}, follow_redirects=True)

        html = refused.get_data(as_text=True)
        assert refused.status_code == 200 and 'class="flash flash-error"' in html
        assert "Tỉnh Bình Thuận đã hợp nhất vào Tỉnh Lâm Đồng từ ngày 01/07/2025" in html
        assert BANNER in html and write_forms(html) == 0

    @pytest.mark.parametrize("username", ["binh-thuan.admin", "binh-thuan.leader", "binh-thuan.inspector"])
    def test_every_province_role_still_signs_in(self, app, username):
        browser, landing = sign_in(app, username)

        assert browser.get(landing).location == "/archive"


class TestTheSuccessorsArchive:
    def test_it_lists_only_the_predecessors_agencies_read_only(self, app):
        browser, _ = sign_in(app, "lam-dong.officer")

        html = page(browser, "/archive")

        rows = html[html.index('id="archive"'):]
        assert "Sở Tư pháp tỉnh Bình Thuận" in rows and "30/06/2025" in rows
        assert '<td translate="no">Tỉnh Bình Thuận</td>' in rows  # the province's name, from the registry's lineage
        assert "Đơn Dương" not in rows and "Sở Y tế" not in rows and "Sở Tư pháp tỉnh Lâm Đồng" not in rows
        assert BANNER not in html and 'href="/archive"' in html

    def test_a_province_with_no_predecessor_has_no_archive_in_its_menu(self, app):
        browser, _ = sign_in(app, "an-giang.officer")

        assert 'href="/archive"' not in page(browser, "/agencies")
