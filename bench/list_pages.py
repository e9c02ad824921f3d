"""List pages (issue 23): a province with 3,000 inspections over six years, read through the web UI as its officer
signed in (the gateway's dev login, a session cookie): the first, a middle and the last page of a year's
/inspections, a status filter and an agency-name search typed without accents, and /recommendations. For each,
p50 and p95 in server time (the gateway's own `duration_ms` of the request, from its log, found by the request id
sent), p95 on the client over loopback, and the part spent in the inspections service (from its log). Each run
first pages through every year to the last page and checks that the pages reach every inspection once, and that
the search finds every inspection of the agencies it should.

The inspections (with their plans, recommendations and the agency replica) and the registry's agencies are
written with COPY as the services' owner, tenant column set; the inspections API is started for this benchmark
and keeps running to the end of the stack.
"""

from __future__ import annotations

import json
import random
import re
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import requests

from bench import data
from bench.stack import Stack, migrate, say
from bench.table import Outcome, percentile
from kit.db import fold

NAME = "lists"
TENANT = "an-giang"  # a demo province: the gateway's dev login knows its officer
USER = f"{TENANT}.officer"
YEARS = range(2020, 2026)
PLACES = ("Long Xuyên", "Châu Đốc", "Tân Châu", "Thoại Sơn", "Tịnh Biên", "Tri Tôn", "Chợ Mới", "Châu Thành",
          "Châu Phú", "An Phú", "Phú Tân", "Phú Hòa", "Núi Sập", "Óc Eo", "Vĩnh Thạnh")
KINDS = (("UBND_XA", "UBND xã"), ("PHONG_CM_HUYEN", "Phòng Tư pháp"), ("PHONG_CM_HUYEN", "Phòng Nội vụ"),
         ("PHONG_CM_HUYEN", "Phòng Tài chính - Kế hoạch"), ("DVSN", "Trung tâm Y tế"), ("CHI_CUC", "Chi cục Thuế"),
         ("PHONG_CM_HUYEN", "Phòng Giáo dục và Đào tạo"), ("BAN_QL", "Ban Quản lý dự án"),
         ("DVSN", "Trạm Khuyến nông"), ("PHONG_CM_HUYEN", "Phòng Kinh tế"))
SEARCH = "chau doc"  # finds "Châu Đốc" (unaccent and lower on both sides, đ as d)
DONE = ("DONG", "DONG", "DONG", "DA_KET_LUAN", "DANG_KHAC_PHUC", "HUY", "HOAN")  # statuses of past years
THIS_YEAR = ("DU_KIEN", "DU_KIEN", "DA_THONG_BAO", "DANG_KIEM_TRA", "DA_LAP_BIEN_BAN", "DA_KET_LUAN", "DONG")
NOW = datetime(2025, 12, 1, tzinfo=UTC)
LINK = re.compile(r'href="/inspections/([0-9a-f-]{36})"')
ADVICE = re.compile(r'href="/recommendations/([0-9a-f-]{36})"')
PAGES = re.compile(r"(\d+)/(\d+)</span>")  # the pager's "Trang 2/10"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass(frozen=True)
class Plan:
    """Inspections of the province, agencies they name, and timed requests of each page."""

    inspections: int
    agencies: int
    requests: int
    runs: int = 3


FULL = Plan(inspections=3000, agencies=150, requests=40)
QUICK = Plan(inspections=60, agencies=15, requests=2)


@dataclass(frozen=True)
class Loaded:
    """What prepare wrote: inspections per year, those the search must find per year, recommendations."""

    per_year: dict[int, int]
    found_per_year: dict[int, int]
    recommendations: int
    session: requests.Session


def prepare(stack: Stack, plan: Plan) -> None:
    """The inspections database migrated and loaded, the registry's agencies, the inspections API, a sign-in."""
    migrate(stack.topology, stack.postgres, [("inspections", stack.database("inspections"))])
    rng = random.Random(23)
    agencies = _agencies(plan.agencies)
    with stack.connect("registry") as conn:
        data.load_registry(conn, [data.Province(TENANT, "Tỉnh An Giang", [_registered(a) for a in agencies], [], [])])
    rows = _inspection_rows(rng, agencies, plan.inspections)
    with stack.connect("inspections") as conn:
        data.copy_rows(conn, rows, COLUMNS)
    stack.topology.start_service("inspections", roles=("api",))
    names = {agency_id: name for agency_id, name, _kind in agencies}
    years = {plan_id: year for plan_id, _tenant, year, *_rest in rows["plans"]}
    per_year, found = dict.fromkeys(YEARS, 0), dict.fromkeys(YEARS, 0)
    for _id, plan_id, agency_id, *_rest in rows["inspections"]:  # each is dated in its plan's year, if at all
        per_year[years[plan_id]] += 1
        found[years[plan_id]] += SEARCH in fold(names[agency_id])
    stack.loaded[NAME] = Loaded(per_year, found, len(rows["recommendations"]), signed_in(stack.gateway))
    say(f"{NAME}: {plan.inspections} inspections of {len(agencies)} agencies in {TENANT}, "
        f"{len(rows['recommendations'])} recommendations; {USER} signed in")


def run(stack: Stack, plan: Plan) -> Outcome:
    """Page through every year (checked), then time each list page `plan.requests` times."""
    loaded: Loaded = stack.loaded[NAME]
    outcome, session, latest = Outcome(), loaded.session, YEARS[-1]
    pages = _check_paging(loaded, session, stack.gateway, outcome)
    cases = {"page 1": ("/inspections", {"year": latest}),
             "middle page": ("/inspections", {"year": latest, "page": pages // 2 + 1}),
             "last page": ("/inspections", {"year": latest, "page": pages}),
             "status filter": ("/inspections", {"year": latest - 1, "status": "DONG"}),
             "agency search": ("/inspections", {"year": latest, "q": SEARCH})}
    for label, (path, params) in cases.items():
        _time(stack, session, f"inspections {label}", path, params, plan.requests, outcome, LINK)
    _time(stack, session, "recommendations", "/recommendations", {}, plan.requests, outcome, ADVICE)
    _time(stack, session, "recommendations open", "/recommendations", {"status": "MO"}, plan.requests, outcome,
          ADVICE)
    shown = len(set(ADVICE.findall(_page(session, stack.gateway, "/recommendations", {}).text)))
    outcome.add("recommendations shown", shown, "count")
    outcome.add("recommendations loaded", loaded.recommendations, "count")
    return outcome


def _check_paging(loaded: Loaded, session: requests.Session, gateway: str, outcome: Outcome) -> int:
    """Every year's pages to the last: each inspection once; the search's pages: every one it must find. Returns
    the latest year's pages."""
    reached, pages = set(), {}
    for year in YEARS:
        ids, pages[year] = walk(session, gateway, {"year": year})
        _expect(len(ids), loaded.per_year[year], f"inspections of {year} through {pages[year]} pages")
        reached |= ids
    walked = sum(pages.values())
    _expect(len(reached), sum(loaded.per_year.values()), "inspections reached over every year")
    found, searched = walk(session, gateway, {"year": YEARS[-1], "q": SEARCH})
    _expect(len(found), loaded.found_per_year[YEARS[-1]], f"inspections found by {SEARCH!r} in {YEARS[-1]}")
    outcome.add("inspections reached", len(reached), "count")
    outcome.add("pages walked", walked + searched, "count")
    outcome.operations += walked + searched
    return pages[YEARS[-1]]


def _expect(found: int, wanted: int, what: str) -> None:
    if found != wanted:
        raise RuntimeError(f"{what}: {found}, not {wanted}")


def walk(session: requests.Session, gateway: str, params: dict) -> tuple[set[str], int]:
    """The inspections linked from every page of the list, first to last; and the pages read. An inspection on
    two pages is an error (the order would not be stable, and some other one would be missed)."""
    ids, page, last = set(), 1, 1
    while page <= last:
        text = _page(session, gateway, "/inspections", {**params, "page": page}).text
        shown = set(LINK.findall(text))
        if shown & ids:
            raise RuntimeError(f"/inspections {params}: page {page} shows again {len(shown & ids)} of the pages before")
        ids |= shown
        found = PAGES.search(text)
        last = int(found.group(2)) if found else 1
        page += 1
    return ids, page - 1


def _time(stack: Stack, session: requests.Session, label: str, path: str, params: dict, count: int,
          outcome: Outcome, links: re.Pattern) -> None:
    """`count` requests of the page: p50 and p95 of the gateway's duration and of the client's, and the p50 of
    the part of it spent in the inspections service (its calls carry the page's request id)."""
    logs = [stack.topology.workdir / f"{name}.log" for name in ("gateway", "inspections-api")]
    starts, sent, client = [log.stat().st_size for log in logs], [], []
    for _ in range(count):
        request_id = f"bench-lists-{uuid.uuid4().hex}"
        began = time.perf_counter()
        answer = _page(session, stack.gateway, path, params, request_id)
        client.append(time.perf_counter() - began)
        if not links.search(answer.text):
            raise RuntimeError(f"{path} {params}: no row on the page")
        sent.append(request_id)
    server, service = (logged_times(log, start, sent) for log, start in zip(logs, starts, strict=True))
    outcome.operations += count
    outcome.add(f"{label} p50", percentile(server, 50), "ms")
    deeper = label in ("inspections middle page", "inspections last page")  # what OFFSET adds to page 1
    outcome.add(f"{label} p95", percentile(server, 95), "ms", "inspections page 1 p95" if deeper else None)
    outcome.add(f"{label} client p95", 1000 * percentile(client, 95), "ms")
    outcome.add(f"{label} service p50", percentile(service, 50), "ms", f"{label} p50")


def logged_times(log, start: int, request_ids: list[str], wait: float = 5.0) -> list[float]:
    """The `duration_ms` each request took in a process, from its JSON log after byte `start` (a line is written
    when its request ends, so briefly waited for)."""
    wanted, deadline = set(request_ids), time.monotonic() + wait
    while True:
        with log.open("rb") as file:
            file.seek(start)
            found = durations(file.read().decode(errors="replace"), wanted)
        if len(found) == len(wanted) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if len(found) != len(wanted):
        raise RuntimeError(f"{log.name} logged {len(found)} of {len(wanted)} requests' durations")
    return [found[request_id] for request_id in request_ids]


def durations(text: str, wanted: set[str]) -> dict[str, float]:
    """{request id: duration_ms} of the `request` lines of a JSON log for the ids `wanted`, summed over the lines
    of an id (a page's calls to one service share the page's id)."""
    found: dict[str, float] = {}
    for line in text.splitlines():
        if '"message": "request"' not in line:
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("request_id") in wanted and "duration_ms" in record:
            found[record["request_id"]] = found.get(record["request_id"], 0.0) + float(record["duration_ms"])
    return found


def _page(session: requests.Session, gateway: str, path: str, params: dict,
          request_id: str | None = None) -> requests.Response:
    headers = {"X-Request-Id": request_id} if request_id else {}
    answer = session.get(f"{gateway}{path}", params=params, headers=headers, timeout=60, allow_redirects=False)
    if answer.status_code != 200:
        raise RuntimeError(f"GET {path} {params}: {answer.status_code} {answer.text[:200]}")
    return answer


def signed_in(gateway: str) -> requests.Session:
    """A browser's session of the province officer: the login form's CSRF token, then the dev login."""
    session = requests.Session()
    form = session.get(f"{gateway}/login", timeout=30)
    token = CSRF.search(form.text)
    if form.status_code != 200 or token is None:
        raise RuntimeError(f"GET /login: {form.status_code}, no CSRF token")
    answer = session.post(f"{gateway}/login/dev", data={"username": USER, "csrf": token.group(1)}, timeout=30,
                          allow_redirects=False)
    if answer.status_code != 302 or "iso_hcc_session" not in session.cookies:
        raise RuntimeError(f"POST /login/dev as {USER}: {answer.status_code} {answer.text[:200]}")
    return session


def _agencies(count: int) -> list[tuple[uuid.UUID, str, str]]:
    """(id, name, type) of `count` agencies, places and kinds crossed: "Phòng Tư pháp Châu Đốc"."""
    crossed = [(kind, f"{label} {place}") for place in PLACES for kind, label in KINDS]
    return [(uuid.uuid5(uuid.NAMESPACE_URL, f"bench/lists/{name}"), name, kind) for kind, name in crossed[:count]]


def _registered(agency: tuple[uuid.UUID, str, str]) -> data.Agency:
    agency_id, name, kind = agency
    return data.Agency(agency_id, name, kind, date(2010, 1, 1), None, None, [], [])


COLUMNS = {
    "agencies": "id, tenant_id, version, name, agency_type, status, valid_from",
    "plans": "id, tenant_id, year, title, coverage_basis, status, created_at, updated_at",
    "inspections": "id, plan_id, agency_id, tenant_id, kind, form, status, scheduled_date, conducted_date, "
                   "conclusion_date, overall_result, created_at, updated_at",
    "recommendations": "id, inspection_id, agency_id, tenant_id, description, deadline, status, created_at, "
                       "updated_at",
}


def _inspection_rows(rng: random.Random, agencies: list, count: int) -> dict[str, list[tuple]]:
    """The agency replica, a plan a year and `count` inspections spread evenly over the years; a recommendation of
    each inspection concluded with some."""
    plans = {year: uuid.uuid5(uuid.NAMESPACE_URL, f"bench/lists/plan/{year}") for year in YEARS}
    rows = {"agencies": [(a, TENANT, 1, name, kind, "HOAT_DONG", date(2010, 1, 1)) for a, name, kind in agencies],
            "plans": [(plan_id, TENANT, year, f"Kế hoạch kiểm tra năm {year}", "REGISTRY_OBLIGATION",
                       "DANG_THUC_HIEN" if year == YEARS[-1] else "DA_TONG_KET", NOW, NOW)
                      for year, plan_id in plans.items()],
            "inspections": [], "recommendations": []}
    for n in range(count):
        year = YEARS[n % len(YEARS)]
        inspection = _inspection(rng, plans[year], rng.choice(agencies)[0], year)
        rows["inspections"].append(inspection)
        if inspection[10] == "DAT_CO_KHUYEN_NGHI":
            status = ("MO", "DA_NOP_KHAC_PHUC", "DONG")[len(rows["recommendations"]) % 3]
            rows["recommendations"].append(_recommendation(rng, inspection, status))
    return rows


def _inspection(rng: random.Random, plan_id: uuid.UUID, agency_id: uuid.UUID, year: int) -> tuple:
    status = rng.choice(THIS_YEAR if year == YEARS[-1] else DONE)
    scheduled = None if status == "DU_KIEN" and rng.random() < 0.5 else date(year, rng.randint(1, 11), 10)
    started = scheduled and status not in ("DU_KIEN", "DA_THONG_BAO", "HOAN", "HUY")
    conducted = scheduled + timedelta(days=rng.randint(0, 20)) if started else None
    concluded = conducted + timedelta(days=15) if conducted and status in ("DA_KET_LUAN", "DANG_KHAC_PHUC",
                                                                           "DONG") else None
    result = rng.choice(("DAT", "DAT_CO_KHUYEN_NGHI", "KHONG_DAT")) if concluded else None
    return (uuid.UUID(int=rng.getrandbits(128)), plan_id, agency_id, TENANT, "DINH_KY",
            rng.choice(("TRUC_TIEP_TAI_TRU_SO", "QUA_BAO_CAO_HO_SO")), status, scheduled, conducted, concluded,
            result, NOW, NOW)


def _recommendation(rng: random.Random, inspection: tuple, status: str) -> tuple:
    inspection_id, _plan, agency_id, *_rest = inspection
    return (uuid.UUID(int=rng.getrandbits(128)), inspection_id, agency_id, TENANT,
            "Cập nhật mục tiêu chất lượng theo TCVN ISO 9001:2015", inspection[9] + timedelta(days=90),
            status, NOW, NOW)

