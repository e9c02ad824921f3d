"""Registering an agency with all its details, and opening its quality system's record with its standard and scope
(issue 23), against one test double of the registry: what the two forms send, the parent picked among the agencies
a search found, the standards the registry lists offered with TCVN ISO 9001:2015 chosen, a refusal said beside its
field. The browser journeys (tests/web/test_register_journeys.py) do the same jobs on the real services."""

from __future__ import annotations

import re
import uuid

import pytest
from flask import Flask, jsonify, request

from tests.gateway.web_app import gateway_over, signed_in

AGENCY, PARENT, OTHER, NEW = (str(uuid.uuid4()) for _ in range(4))
PATH = f"registry/agencies/{AGENCY}"
ACTIVE = {"agency_type": "SO", "admin_level": "TINH", "obligation": "BAT_BUOC", "status": "HOAT_DONG"}
LISTED = [{"id": PARENT, "name": "UBND tỉnh An Giang", **ACTIVE, "agency_type": "UBND_TINH"},
          {"id": OTHER, "name": "Sở Nội vụ tỉnh An Giang", **ACTIVE}]
STANDARDS = [{"code": "TCVN_ISO_9001_2015", "name": "TCVN ISO 9001:2015"},  # in no order: the registry sorts none
             {"code": "TCVN_ISO_9001_2008", "name": "TCVN ISO 9001:2008"}]
BAD_UNIT = {"status": 422, "title": "Unprocessable Entity", "code": "invalid_request", "detail": "invalid request",
            "error_codes": {"location_unit_code": [{"code": "pattern", "params": {}}]}}


class Registry:
    """An agency (whose parent is the first listed) with no quality system yet, a list searched by name, and
    every write recorded; `refusal`, when set, refuses the writes."""

    def __init__(self):
        self.writes: list[tuple[str, str, dict]] = []
        self.searches: list[dict] = []
        self.refusal: dict | None = None
        self.reads = {
            PATH: {"id": AGENCY, "name": "Sở Tư pháp tỉnh An Giang", **ACTIVE, "version": 1,
                   "parent_agency_id": PARENT, "location_unit_code": "30280", "ma_dinh_danh": "H01.10",
                   "head_name": "Trần Minh Quân", "tthc_count": 96},
            f"registry/agencies/{PARENT}": LISTED[0],
            f"{PATH}/announcements": [], f"{PATH}/maintenance": [], f"{PATH}/officers": [], f"{PATH}/history": [],
            "registry/reference": {"maintenance_activity_types": [], "default_settings": [],
                                   "standard_versions": STANDARDS},
            "registry/tenants/current": {"id": "an-giang", "name": "Tỉnh An Giang"},
        }
        self.app = Flask("fake-registry")
        self.app.add_url_rule("/api/v1/<path:rest>", "any", self.answer, methods=["GET", "POST", "PATCH"])

    def answer(self, rest: str):
        if request.method == "GET" and rest == "registry/agencies":
            self.searches.append(request.args.to_dict())
            q = request.args.get("q", "").lower()
            found = [a for a in LISTED if q in a["name"].lower()]
            return jsonify(items=found, total=len(found))
        if request.method == "GET":
            if rest not in self.reads:
                return jsonify(status=404, title="Not Found"), 404
            return jsonify(self.reads[rest])
        self.writes.append((request.method, rest, request.get_json()))
        if self.refusal:
            return jsonify(self.refusal), self.refusal["status"]
        return jsonify(id=NEW), 201


@pytest.fixture
def registry():
    return Registry()


@pytest.fixture
def browser(registry):
    return signed_in(gateway_over(registry.app))


def act(browser, action: str, **fields):
    return browser.post(f"/act/{action}", data={"csrf": "known", "next": "/agencies", **fields})


def options(html: str, name: str) -> list[tuple[str, str, bool]]:
    """(value, text, selected) of the options of the select `name`."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {name}"
    return [(value, text, bool(chosen)) for value, chosen, text in
            re.findall(r'<option value="([^"]*)"( selected)?[^>]*>([^<]*)</option>', select.group(1))]


class TestRegisteringAnAgency:
    def test_the_form_sends_every_detail_the_parent_by_id_and_the_procedures_as_a_number(self, browser, registry):
        answer = act(browser, "agency-register", name="Sở Văn hóa và Thể thao", short_name="SVHTT",
                     agency_type="SO", admin_level="TINH", parent_agency_id=PARENT, location_unit_code="30280",
                     ma_dinh_danh="H01.21", head_name="Nguyễn Thị Lan", tthc_count="1.024")

        assert registry.writes == [("POST", "registry/agencies", {
            "name": "Sở Văn hóa và Thể thao", "short_name": "SVHTT", "agency_type": "SO", "admin_level": "TINH",
            "parent_agency_id": PARENT, "location_unit_code": "30280", "ma_dinh_danh": "H01.21",
            "head_name": "Nguyễn Thị Lan", "tthc_count": 1024})]
        assert answer.status_code == 302 and answer.headers["Location"] == f"/agencies/{NEW}"

    def test_the_details_left_empty_are_not_sent(self, browser, registry):
        act(browser, "agency-register", name="Sở Y tế", agency_type="SO", admin_level="", parent_agency_id="",
            location_unit_code="", ma_dinh_danh="", head_name="", tthc_count="")

        assert registry.writes == [("POST", "registry/agencies", {"name": "Sở Y tế", "agency_type": "SO"})]

    def test_the_parent_is_picked_among_the_active_agencies_the_search_found(self, browser, registry):
        html = browser.get("/agencies?parent_q=UBND").get_data(as_text=True)

        assert {"status": "HOAT_DONG", "q": "UBND", "page_size": "100"}.items() <= registry.searches[-1].items()
        assert options(html, "parent_agency_id") == [("", "—", False), (PARENT, "UBND tỉnh An Giang", False)]
        assert 'action="/agencies#register" class="filters" role="search" aria-label="Cơ quan chủ quản"' in html
        assert 'name="parent_q" type="search" value="UBND"' in html
        for field in ("location_unit_code", "ma_dinh_danh", "head_name", "tthc_count"):
            assert f'name="{field}"' in html

    def test_a_level_left_unchosen_reads_as_none_given_not_as_all(self, browser):
        html = browser.get("/agencies").get_data(as_text=True)
        form = html[html.index('action="/act/agency-register"'):]

        assert options(form, "admin_level")[0] == ("", "—", False)
        assert options(html, "admin_level")[0] == ("", "Tất cả", False)  # the list's filter

    def test_a_refused_unit_code_is_said_beside_it_with_what_was_typed_kept(self, browser, registry):
        registry.refusal = BAD_UNIT
        act(browser, "agency-register", name="Sở Xây dựng", agency_type="SO", parent_agency_id=PARENT,
            location_unit_code="3028", head_name="Lê Văn Hùng")

        html = browser.get("/agencies").get_data(as_text=True)

        assert 'href="#f-agency-register-location_unit_code">Mã đơn vị hành chính: Không đúng định dạng' in html
        assert re.search(r'name="location_unit_code" type="text" value="3028" aria-invalid="true"', html)
        assert 'name="head_name" type="text" value="Lê Văn Hùng"' in html
        assert (PARENT, "UBND tỉnh An Giang", True) in options(html, "parent_agency_id")


class TestTheAgencysPage:
    def test_it_shows_the_parent_as_a_link_and_the_details(self, browser):
        html = browser.get(f"/agencies/{AGENCY}").get_data(as_text=True)

        assert f'<dd id="agency-parent"><a href="/agencies/{PARENT}" translate="no">UBND tỉnh An Giang</a></dd>' in html
        assert '<dd id="agency-tthc">96</dd>' in html and "Trần Minh Quân" in html

    def test_the_edit_form_offers_the_same_details_with_the_current_parent_chosen(self, browser):
        html = browser.get(f"/agencies/{AGENCY}?parent_q=N%E1%BB%99i").get_data(as_text=True)
        form = html[html.index('action="/act/agency-edit"'):]

        assert options(form, "parent_agency_id") == [("", "—", False), (PARENT, "UBND tỉnh An Giang", True),
                                                     (OTHER, "Sở Nội vụ tỉnh An Giang", False)]
        assert f'action="/agencies/{AGENCY}#agency-edit"' in html
        assert 'name="tthc_count" type="number" value="96"' in form


class TestOpeningTheQualitySystemsRecord:
    def test_the_form_offers_the_registrys_standards_in_order_with_2015_chosen_and_how_it_is_built(self, browser):
        html = browser.get(f"/agencies/{AGENCY}").get_data(as_text=True)
        form = html[html.index('action="/act/qs-create"'):]

        assert options(form, "standard_version") == [("TCVN_ISO_9001_2008", "TCVN ISO 9001:2008", False),
                                                     ("TCVN_ISO_9001_2015", "TCVN ISO 9001:2015", True)]
        assert options(form, "built_with") == [("", "—", False), ("TO_CHUC_TU_VAN", "Thuê tổ chức tư vấn", False),
                                               ("CHUYEN_GIA_DOC_LAP", "Thuê chuyên gia độc lập", False),
                                               ("TU_XAY_DUNG", "Cơ quan tự xây dựng", False)]
        assert 'name="scope_tthc_count" type="number"' in form and '<textarea name="scope_description"' in form

    def test_the_form_sends_the_standard_how_it_is_built_and_the_scope(self, browser, registry):
        act(browser, "qs-create", agency=AGENCY, standard_version="TCVN_ISO_9001_2015", built_with="TU_XAY_DUNG",
            scope_tthc_count="96", scope_description="Toàn bộ thủ tục hành chính của Sở")

        assert registry.writes == [("POST", f"{PATH}/quality-system", {
            "standard_version": "TCVN_ISO_9001_2015", "built_with": "TU_XAY_DUNG", "scope_tthc_count": 96,
            "scope_description": "Toàn bộ thủ tục hành chính của Sở"})]

    def test_the_record_shows_how_the_system_is_built(self, browser, registry):
        registry.reads[f"{PATH}/quality-system"] = {"id": str(uuid.uuid4()), "status": "CHUA_XAY_DUNG",
                                                   "standard_version": "TCVN_ISO_9001_2015",
                                                   "built_with": "CHUYEN_GIA_DOC_LAP", "version": 1}

        html = browser.get(f"/agencies/{AGENCY}").get_data(as_text=True)

        assert '<dd id="qs-standard">TCVN ISO 9001:2015</dd>' in html
        assert '<dd id="qs-built-with">Thuê chuyên gia độc lập</dd>' in html
        assert 'action="/act/qs-create"' not in html
