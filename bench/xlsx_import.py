"""Import: 10,000 agencies of a new province from an .xlsx posted through the gateway (rate limits in Redis) to the
registry's import route, as a province's manager sends it, end to end: the answer (202 and a job, ADR 25), the job
over (read at its `Location` as the web page does, its progress readings counted), every
`registry.agency.registered` event published by the relay, and every one applied to reporting's read model; then
the export of those agencies as an .xlsx through the gateway. Times are from the start of the upload.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import requests

from bench.load import expect
from bench.stack import Stack, say
from bench.table import Outcome
from registry.documents import xlsx
from registry.services.spreadsheets import CHUNK

NAME = "import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WAIT = 600.0
KINDS = (("UBND_XA", "XA"), ("PHONG_CM_HUYEN", "HUYEN"), ("SO", "TINH"), ("DVSN", None))


@dataclass(frozen=True)
class Plan:
    """How many agencies the workbook holds."""

    agencies: int
    runs: int = 2


FULL = Plan(agencies=10_000)
QUICK = Plan(agencies=2 * CHUNK)  # two chunks of the import: progress to read before it is over


def prepare(stack: Stack, plan: Plan) -> None:
    """The workbook, written once with the registry's own layout."""
    rows = [{"name": f"Cơ quan nhập {n:05d}", "agency_type": KINDS[n % 4][0], "admin_level": KINDS[n % 4][1],
             "head_name": f"Thủ trưởng {n}", "tthc_count": n % 90} for n in range(plan.agencies)]
    stack.loaded[NAME] = xlsx.write_workbook(rows)
    say(f"{NAME}: a workbook of {plan.agencies} agencies, {len(stack.loaded[NAME]) // 1024} KiB")


def run(stack: Stack, plan: Plan) -> Outcome:
    """A new province, its import through the gateway as a province's manager sends it, the job followed there
    until it is over, then the waits for the relay and for reporting, and the export through the gateway."""
    outcome = Outcome(operations=plan.agencies)
    tenant = f"bench-import-{uuid.uuid4().hex[:8]}"
    registry = f"{stack.gateway}/api/v1/registry"
    checks = stack.limiter_checks()
    expect(requests.post(f"{registry}/tenants", json={"id": tenant, "name": f"Tỉnh {tenant}"},
                         headers=stack.headers(None, "platform_admin"), timeout=30), 201)
    headers = stack.headers(tenant)
    say(f"{NAME}: posting {plan.agencies} agencies for {tenant} through the gateway")
    began = time.perf_counter()
    answer = requests.post(f"{registry}/agencies/import", data=stack.loaded[NAME],
                           headers={**headers, "Content-Type": XLSX}, timeout=WAIT)
    accepted = time.perf_counter() - began
    expect(answer, 202)
    say(f"{NAME}: accepted after {accepted:.2f}s; following the job")
    follow = _Follow(f"{stack.gateway}{answer.headers['Location']}", headers)
    imported = _until(follow.over, follow.where) - began
    if (follow.job["result"] or {}).get("imported") != plan.agencies:
        raise RuntimeError(f"the import job ended {follow.job['status']}: {follow.job['result']}")
    say(f"{NAME}: job over after {imported:.2f}s ({len(follow.progress)} progress readings); waiting for the relay")
    published = _reaches(stack, "registry", "SELECT count(*) FROM outbox_messages WHERE tenant_id = %s AND type = "
                         "'registry.agency.registered' AND published_at IS NOT NULL", tenant, plan.agencies,
                         "events published") - began
    say(f"{NAME}: all published after {published:.2f}s; waiting for reporting")
    applied = _reaches(stack, "reporting", "SELECT count(*) FROM agencies WHERE tenant_id = %s", tenant,
                       plan.agencies, "agencies in reporting's read model") - began
    outcome.add("import accepted", accepted, "s")
    outcome.add("import done", imported, "s", "import accepted")
    outcome.add("progress readings", len(follow.progress), "count")
    outcome.add("all events published", published, "s", "import accepted")
    outcome.add("all in read model", applied, "s", "import accepted")
    outcome.add("export 10,000", _export(registry, headers, plan.agencies), "s")
    counted, requests_sent = stack.limiter_checks() - checks, follow.reads + 3
    if counted < requests_sent:
        raise RuntimeError(f"{requests_sent} requests through the gateway, {counted} rate-limit checks in Redis")
    return outcome


def _export(registry: str, headers: dict, agencies: int) -> float:
    """Seconds to download the province's agencies (the ones just imported) as an .xlsx."""
    began = time.perf_counter()
    answer = requests.get(f"{registry}/agencies/export.xlsx", headers=headers, timeout=WAIT)
    took = time.perf_counter() - began
    expect(answer, 200)
    if len(xlsx.read_rows(answer.content)) != agencies:
        raise RuntimeError(f"the export does not hold the {agencies} agencies imported")
    return took


class _Follow:
    """The import job read at its `Location` until it is over, every 0.1 s (the web page reads it every 0.5 s; more
    often here, to time its end); `progress` holds the distinct rows-done counts read while it ran (not 0, and not
    the count filled in when it ended)."""

    def __init__(self, url: str, headers: dict):
        self.url, self.headers = url, headers
        self.session = requests.Session()
        self.job: dict = {}
        self.progress: set[int] = set()
        self.reads = 0

    def over(self) -> bool:
        answer = self.session.get(self.url, headers=self.headers, timeout=30)
        self.reads += 1
        expect(answer, 200)
        self.job = answer.json()
        if self.job["status"] in ("succeeded", "failed"):
            return True
        if self.job["rows_done"]:
            self.progress.add(self.job["rows_done"])
        return False

    def where(self) -> str:
        return f"the import job {self.job.get('status')}, {self.job.get('rows_done')} of {self.job.get('total_rows')}"


def _count(stack: Stack, service: str, query: str, tenant: str) -> int:
    with stack.connect(service) as conn:
        return conn.execute(query, (tenant,)).fetchone()[0]


def _reaches(stack: Stack, service: str, query: str, tenant: str, total: int, what: str) -> float:
    """When the count `query` answers in the service's database reaches `total`."""
    seen = [0]

    def done() -> bool:
        seen[0] = _count(stack, service, query, tenant)
        return seen[0] == total
    return _until(done, lambda: f"{what}: {seen[0]} of {total}")


def _until(done, where) -> float:
    """The time `done()` first answers True (asked every 0.1 s); a timeout says `where()` it stopped."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if done():
            return time.perf_counter()
        time.sleep(0.1)
    raise TimeoutError(f"{where()} after {WAIT:.0f}s")
