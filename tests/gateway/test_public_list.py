"""The public list (công khai) through the gateway: exactly the registry's public routes pass without a token,
limited per address, with the registry's Cache-Control; the pages /cong-khai read them without login and keep
each answer for its max-age (PublicCache)."""

from __future__ import annotations

import pytest
from flask import Flask, Response, jsonify, request

from gateway.app import create_app
from gateway.limits import EdgePolicy, FixedWindowLimiter
from gateway.proxy import WsgiUpstream
from tests.gateway.web_app import gateway_over

PUBLIC = "/api/v1/registry/public"
LIST = {"province": {"id": "an-giang", "name": "Tỉnh An Giang", "official_code": "91"}, "ngay": "2026-07-01",
        "total": 2, "page": 1, "page_size": 50,
        "items": [{"name": "Sở Tư pháp", "agency_type": "SO", "admin_level": "TINH", "announced_on": "2021-06-01",
                   "announcement_kind": "LAN_DAU", "standard_version": "TCVN ISO 9001:2015",
                   "scope_description": "Toàn bộ TTHC", "scope_tthc_count": 120},
                  {"name": "UBND xã Đông Hòa", "agency_type": "UBND_XA", "admin_level": "XA",
                   "announced_on": "2022-05-02", "announcement_kind": "CONG_BO_LAI",
                   "standard_version": "TCVN ISO 9001:2015", "scope_description": None, "scope_tthc_count": 80}]}
CACHEABLE = {"Cache-Control": "public, max-age=300"}


class Registry:
    """A registry stand-in: the public routes as the real one answers them, and one signed-in route that says it
    may be cached (which the gateway must not pass on)."""

    def __init__(self):
        self.calls: list[str] = []
        self.cache_control = CACHEABLE["Cache-Control"]
        self.app = Flask("registry")
        self.app.add_url_rule("/api/v1/registry/<path:rest>", view_func=self.answer, methods=["GET", "POST"])

    def answer(self, rest: str):
        self.calls.append(request.full_path.removeprefix("/api/v1/registry/").rstrip("?"))
        headers = {"Cache-Control": self.cache_control}
        if rest == "public/provinces":
            return jsonify([LIST["province"]]), 200, headers
        if rest == "public/an-giang/announced":
            if request.args.get("ngay") == "2999-01-01":
                return jsonify(detail="Yêu cầu không hợp lệ / bad input", code="invalid_request", params={}, errors={
                    "ngay": ["Ngày không được sau hôm nay / the date must not be after today"]}, error_codes={
                    "ngay": [{"code": "date_after_today", "params": {}}]}), 422
            return jsonify(LIST), 200, headers
        if rest == "public/an-giang/announced.csv":
            return Response("\ufeffTên cơ quan\r\n", mimetype="text/csv"), 200, headers
        if rest == "public/hong/announced":
            return jsonify(detail="boom"), 500
        if rest.startswith("public/"):
            return jsonify(detail="Không có tỉnh, thành phố 'x' trong danh sách công khai / no province 'x'",
                           code="public_province_not_found", params={"province": "x"}), 404
        return jsonify(path=rest), 200, headers


@pytest.fixture
def registry():
    return Registry()


@pytest.fixture
def gateway(issuer, registry):
    return create_app({"registry": WsgiUpstream(registry.app)}, issuer.verifier(), None).test_client()


class TestTheApi:
    @pytest.mark.parametrize("path", ["public/provinces", "public/an-giang/announced", "public/91/announced.csv"])
    def test_the_public_routes_reach_the_registry_without_a_token(self, gateway, registry, path):
        reply = gateway.get(f"/api/v1/registry/{path}")

        assert reply.status_code in (200, 404)
        assert registry.calls == [path]

    @pytest.mark.parametrize(("method", "path"), [
        ("GET", "agencies"),
        ("GET", "tenants"),
        ("GET", "public"),
        ("GET", "public/provinces/x"),
        ("GET", "public/provinces.csv"),
        ("GET", "public/an-giang/announced/extra"),
        ("GET", "public/an-giang/announced.json"),
        ("GET", "public/An-Giang/announced"),
        ("GET", "public/an-giang/agencies"),
        ("POST", "public/provinces"),
        ("POST", "public/an-giang/announced"),
    ])
    def test_every_other_registry_path_without_a_token_is_401(self, gateway, registry, method, path):
        reply = gateway.open(f"/api/v1/registry/{path}", method=method)

        assert reply.status_code == 401
        assert registry.calls == []

    def test_the_same_paths_of_another_service_still_need_a_token(self, issuer, registry):
        client = create_app({"training": WsgiUpstream(registry.app)}, issuer.verifier(), None).test_client()

        assert client.get("/api/v1/training/public/provinces").status_code == 401

    def test_a_public_answer_keeps_the_registry_s_cache_control_and_a_signed_in_one_is_never_stored(
            self, gateway, issuer):
        public = gateway.get(f"{PUBLIC}/an-giang/announced")
        signed_in = gateway.get("/api/v1/registry/agencies", headers=issuer.headers(tenant="an-giang",
                                                                                   roles=["province_officer"]))

        assert public.headers["Cache-Control"] == "public, max-age=300"
        assert signed_in.status_code == 200 and signed_in.headers["Cache-Control"] == "no-store"

    def test_the_public_routes_count_against_the_per_address_limit(self, issuer, registry):
        edge = EdgePolicy(per_user=FixedWindowLimiter(100), per_ip=FixedWindowLimiter(2))
        client = create_app({"registry": WsgiUpstream(registry.app)}, issuer.verifier(), None, edge=edge).test_client()

        answers = [client.get(f"{PUBLIC}/an-giang/announced").status_code for _ in range(3)]

        assert answers == [200, 200, 429]
        assert len(registry.calls) == 2


@pytest.fixture
def web(registry):
    return gateway_over(registry.app, names=("registry",))


def test_the_sign_in_page_links_to_the_public_list(web):
    page = web.test_client().get("/login").get_data(as_text=True)

    assert 'href="/cong-khai"' in page


class TestThePages:
    def test_the_provinces_page_needs_no_login(self, web):
        reply = web.test_client().get("/cong-khai")

        assert reply.status_code == 200
        assert 'href="/cong-khai/an-giang"' in reply.get_data(as_text=True)

    def test_a_province_s_page_shows_its_list_day_search_and_downloads(self, web, registry):
        reply = web.test_client().get("/cong-khai/an-giang?q=so+tu+phap&ngay=01/07/2026")
        page = reply.get_data(as_text=True)

        assert reply.status_code == 200
        assert registry.calls == ["public/an-giang/announced?ngay=2026-07-01&page=1&q=so+tu+phap"]
        assert "Sở Tư pháp" in page and "UBND xã Đông Hòa" in page and "Công bố lại" in page
        assert "Danh sách tại ngày 01/07/2026: 2 cơ quan" in page
        assert f'href="{PUBLIC}/an-giang/announced.csv?ngay=2026-07-01&amp;q=so+tu+phap"' in page
        assert f'href="{PUBLIC}/an-giang/announced?ngay=2026-07-01&amp;q=so+tu+phap"' in page

    def test_a_refused_day_is_said_on_the_page(self, web):
        page = web.test_client().get("/cong-khai/an-giang?ngay=01/01/2999").get_data(as_text=True)

        assert "Ngày không được sau hôm nay" in page

    def test_an_unknown_province_is_404_with_the_registry_s_words(self, web):
        reply = web.test_client().get("/cong-khai/khong-co")

        assert reply.status_code == 404
        assert "Không có tỉnh, thành phố" in reply.get_data(as_text=True)

    def test_a_registry_that_fails_shows_the_unavailable_page_and_is_not_kept(self, web, registry):
        browser = web.test_client()

        replies = [browser.get("/cong-khai/hong") for _ in range(2)]

        assert [r.status_code for r in replies] == [503, 503]
        assert "Dịch vụ tạm thời không trả lời" in replies[0].get_data(as_text=True)
        assert len(registry.calls) == 2

    @pytest.mark.parametrize("province", ["a..b", "An-Giang", "a%2Fb", "x" * 65])
    def test_a_province_that_is_not_a_slug_or_code_never_reaches_the_registry(self, web, registry, province):
        assert web.test_client().get(f"/cong-khai/{province}").status_code in (400, 404)  # 400: an encoded "/"
        assert registry.calls == []


class TestTheCache:
    def test_an_answer_is_kept_for_its_max_age_then_asked_for_again(self, web, registry):
        now = [1000.0]
        web.extensions["web"]["public_cache"].clock = lambda: now[0]
        browser = web.test_client()

        browser.get("/cong-khai/an-giang")
        browser.get("/cong-khai/an-giang")
        now[0] += 299
        browser.get("/cong-khai/an-giang")
        kept = len(registry.calls)
        now[0] += 2
        browser.get("/cong-khai/an-giang")

        assert kept == 1
        assert len(registry.calls) == 2

    def test_each_search_is_kept_apart(self, web, registry):
        browser = web.test_client()

        browser.get("/cong-khai/an-giang?q=tu+phap")
        browser.get("/cong-khai/an-giang?q=dong+hoa")
        browser.get("/cong-khai/an-giang?q=tu+phap")

        assert len(registry.calls) == 2

    @pytest.mark.parametrize("cache_control", ["no-store", "private, max-age=300", "public", "public, max-age=0"])
    def test_an_answer_the_registry_does_not_let_anyone_keep_is_asked_for_every_time(self, web, registry,
                                                                                    cache_control):
        registry.cache_control = cache_control
        browser = web.test_client()

        browser.get("/cong-khai/an-giang")
        browser.get("/cong-khai/an-giang")

        assert len(registry.calls) == 2

    def test_a_long_max_age_is_kept_no_longer_than_the_ceiling(self, web, registry):
        registry.cache_control = "public, max-age=86400"
        now = [0.0]
        web.extensions["web"]["public_cache"].clock = lambda: now[0]
        browser = web.test_client()

        browser.get("/cong-khai")
        now[0] += 301
        browser.get("/cong-khai")

        assert len(registry.calls) == 2
