"""Fail when the tenancy escape hatch (`cross_tenant=True`, `"cross_tenant": True`, any value but False) is
used outside the places allowed to read across provinces (STYLE.md 4.7): kit's own plumbing, migrations and
the admin and national use cases listed here."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Any value but False or a pass-through of the caller's own flag opens the escape hatch.
PATTERN = re.compile(r"""cross_tenant["']?\s*[=:]\s*(?=\S)(?!False\b|bool\b|cross_tenant\b|self\.cross_tenant\b)""")
ALLOWED = {
    "libs/kit/src/kit/relay.py",  # the relay publishes every province's outbox rows
    "libs/kit/src/kit/tenancy.py",  # where the escape hatch is defined
    "tools/check_tenancy.py",
    "services/reporting/src/reporting/runtime.py",  # national oversight reads aggregates of every province
    "services/reporting/src/reporting/rebuild.py",  # a rebuild empties every province's read model
    "services/budget/src/budget/runtime.py",  # cost norms are platform-wide reference data
    "services/registry/src/registry/api.py",  # platform_admin lists the provinces
}


def offenders() -> list[str]:
    found = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(("tests/", ".venv/", "var/")) or "/migrations/" in relative or relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if PATTERN.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


if __name__ == "__main__":
    problems = offenders()
    for problem in problems:
        print(f"cross-tenant escape hatch outside the allowed places: {problem}")
    print(f"tenancy check: {len(problems)} offending line(s)")
    sys.exit(1 if problems else 0)
