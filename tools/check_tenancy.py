"""Fail when the tenancy escape hatch is used outside the places allowed to read across provinces (STYLE.md 4.7).

The escape hatch has one name: `across_tenants()` (kit.runtime.Runtime and kit.routes), a unit of work bound to
no province that may read them all. Below it, kit's plumbing marks sessions and statements `cross_tenant=True`;
that flag (any value but False) is allowed only in kit itself and in migrations. Every other use is listed here,
with the reason.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESCAPE_HATCH = re.compile(r"\bacross_tenants\b")
# Any value but False or a pass-through of the caller's own flag opens the low-level flag.
FLAG = re.compile(r"""cross_tenant["']?\s*[=:]\s*(?=\S)(?!False\b|bool\b|cross_tenant\b|self\.cross_tenant\b)""")
KIT = (
    "libs/kit/src/kit/tenancy.py",  # where the flag is defined
    "libs/kit/src/kit/uow.py",  # a unit of work carries it to its session
    "libs/kit/src/kit/relay.py",  # the relay publishes every province's outbox rows
    "libs/kit/src/kit/runtime.py",  # defines `across_tenants`
    "libs/kit/src/kit/routes.py",  # defines `across_tenants` for a request
    "libs/kit/src/kit/rls.py",  # the database side of the flag (the `across_tenants` policy)
    "tools/check_tenancy.py",
)
ALLOWED = {
    "services/reporting/src/reporting/api/national.py",  # national oversight reads every province's aggregates
    "services/reporting/src/reporting/rebuild.py",  # a rebuild empties every province's read model
    "services/reporting/src/reporting/cli.py",  # check-figures lists the provinces with data, then reads each alone
    "services/budget/src/budget/api/norms.py",  # cost norms are platform-wide reference data
    "services/registry/src/registry/api/tenants.py",  # platform_admin lists the provinces
    "services/registry/src/registry/api/province_successions.py",  # platform_admin merges provinces
    "services/registry/src/registry/demo/__init__.py",  # the demo merges its provinces as platform_admin would
    "services/registry/src/registry/api/reference.py",  # the law-as-data reference shared by every province
    # the import worker claims the next job of any province (ADR 25); the purge lists the provinces (ADR 31)
    "services/registry/src/registry/jobs.py",
    "services/registry/src/registry/api/public.py",  # the public list names today's provinces (ADR 32)
    "services/inspections/src/inspections/jobs.py",  # the purge lists the provinces with deleted files (ADR 31)
}


def offenders() -> list[str]:
    found = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(("tests/", ".venv/", "var/")) or "/migrations/" in relative or relative in KIT:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if FLAG.search(line) or (ESCAPE_HATCH.search(line) and relative not in ALLOWED):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


if __name__ == "__main__":
    problems = offenders()
    for problem in problems:
        print(f"cross-tenant escape hatch outside the allowed places: {problem}")
    print(f"tenancy check: {len(problems)} offending line(s)")
    sys.exit(1 if problems else 0)
