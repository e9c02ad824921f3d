"""Import: 10,000 agencies of a new province from an .xlsx posted to the registry (its own import route), end to
end: the answer (202 and a job, ADR 25), the job over, every `registry.agency.registered` event published by the
relay, and every one applied to reporting's read model; then the export of those agencies as an .xlsx (its own
export route).
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
QUICK = Plan(agencies=200)


def prepare(stack: Stack, plan: Plan) -> None:
    """The workbook, written once with the registry's own layout."""
    rows = [{"name": f"Cơ quan nhập {n:05d}", "agency_type": KINDS[n % 4][0], "admin_level": KINDS[n % 4][1],
             "head_name": f"Thủ trưởng {n}", "tthc_count": n % 90} for n in range(plan.agencies)]
    stack.loaded[NAME] = xlsx.write_workbook(rows)
    say(f"{NAME}: a workbook of {plan.agencies} agencies, {len(stack.loaded[NAME]) // 1024} KiB")


def run(stack: Stack, plan: Plan) -> Outcome:
    """A new province, its import, then the waits for the relay and for reporting."""
    outcome = Outcome(operations=plan.agencies)
    tenant = f"bench-import-{uuid.uuid4().hex[:8]}"
    registry = f"{stack.direct('registry')}/api/v1/registry"
    expect(requests.post(f"{registry}/tenants", json={"id": tenant, "name": f"Tỉnh {tenant}"},
                         headers=stack.headers(None, "platform_admin"), timeout=30), 201)
    say(f"{NAME}: posting {plan.agencies} agencies for {tenant}")
    began = time.perf_counter()
    answer = requests.post(f"{registry}/agencies/import", data=stack.loaded[NAME],
                           headers={**stack.headers(tenant), "Content-Type": XLSX}, timeout=WAIT)
    accepted = time.perf_counter() - began
    expect(answer, 202)
    job = _job_over(f"{stack.direct('registry')}{answer.headers['Location']}", stack.headers(tenant))
    imported = time.perf_counter() - began
    if (job["result"] or {}).get("imported") != plan.agencies:
        raise RuntimeError(f"the import job ended {job['status']}: {job['result']}")
    published = _until(lambda: _count(stack, "registry", "SELECT count(*) FROM outbox_messages WHERE tenant_id = %s "
                                      "AND published_at IS NULL", tenant) == 0) - began
    applied = _until(lambda: _count(stack, "reporting", "SELECT count(*) FROM agencies WHERE tenant_id = %s",
                                    tenant) == plan.agencies) - began
    outcome.add("import accepted", accepted, "s")
    outcome.add("import job over", imported, "s", "import accepted")
    outcome.add("all events published", published, "s", "import accepted")
    outcome.add("all in read model", applied, "s", "import accepted")
    outcome.add("end-to-end agencies/s", plan.agencies / applied, "ag/s")
    outcome.add("export answered", _export(registry, stack.headers(tenant), plan.agencies), "s")
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


def _job_over(url: str, headers: dict) -> dict:
    """The import job once it is over (read every 0.1 s)."""
    job: dict = {}

    def over() -> bool:
        answer = requests.get(url, headers=headers, timeout=30)
        expect(answer, 200)
        job.update(answer.json())
        return job["status"] in ("succeeded", "failed")

    _until(over)
    return job


def _count(stack: Stack, service: str, query: str, tenant: str) -> int:
    with stack.connect(service) as conn:
        return conn.execute(query, (tenant,)).fetchone()[0]


def _until(done) -> float:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if done():
            return time.perf_counter()
        time.sleep(0.1)
    raise TimeoutError(f"not done in {WAIT:.0f}s")
