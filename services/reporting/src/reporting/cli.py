"""`python -m reporting verify [--as-of D ...] [--tenant T ...]`: the consistency check of issue 18.

For each province and date it reads the headline figures from each owning service's API and from reporting's
`/figures` (the rule of which, and why, is `reporting.model.consistency`), prints one line per difference and a
summary line. Exit status: 0 no difference, 1 differences, 2 a service could not answer.

It reads everything through the gateway (`--gateway`, else GATEWAY_URL, else `make up`'s), as a dashboard does,
so it needs no database and works against `make run`, `make up` or a cluster. Tokens: `--token` (else
ISO_HCC_TOKEN), a province staff token used for every `--tenant`; without one, the gateway's development login
(DEV_LOGIN=1, as `make run` and `make up` set) as `<province>.officer`, and the provinces the registry lists.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from datetime import date
from typing import TextIO

from kit import calendar, tenancy
from kit import cli as kit_cli
from reporting.model.consistency import Difference, compare, from_owners, from_reporting
from reporting.services import national, verification

DEFAULT_GATEWAY = "http://127.0.0.1:8000"
Fetch = Callable[[str, str, dict], dict]  # (province, path, query) -> the JSON answer; raises Unreachable


class Unreachable(Exception):
    """A service did not answer, or not with a 200 and JSON."""


def answers_on(fetch: Fetch, tenant: str, as_of: date, today: date) -> tuple[dict, dict]:
    """(the owners' answers by service, reporting's figures) of the province on the date."""
    day, year = as_of.isoformat(), as_of.year
    owners = {
        "registry": fetch(tenant, "/api/v1/registry/summary", {"as_of": day}),
        "inspections": fetch(tenant, "/api/v1/inspections/coverage", {"year": year, "as_of": day}),
        "budget": fetch(tenant, "/api/v1/budget/reports/plan-vs-actual", {"fiscal_year": year, "by": "category"}),
    }
    if as_of == today:
        owners["training"] = fetch(tenant, "/api/v1/training/compliance/untrained-officers", {})
    return owners, fetch(tenant, "/api/v1/reporting/figures", {"as_of": day})


def check(fetch: Fetch, tenants: Iterable[str], dates: Iterable[date], today: date) -> list[Difference]:
    """Every difference between the owners and reporting, province by province, date by date."""
    found = []
    for tenant in tenants:
        for as_of in dates:
            owners, figures = answers_on(fetch, tenant, as_of, today)
            found += compare(tenant, as_of, from_owners(as_of, today, owners), from_reporting(as_of, today, figures))
    return found


def verify(fetch: Fetch, tenants: list[str], dates: list[date], today: date, out: TextIO = sys.stdout) -> int:
    """Run the check, print its lines; returns the exit status."""
    try:
        found = check(fetch, tenants, dates, today)
    except Unreachable as exc:
        print(f"verify: error: {exc}", file=out)
        return 2
    for difference in found:
        print(difference, file=out)
    print(f"verify: {len(found)} differences in {len(tenants)} provinces on {len(dates)} dates", file=out)
    return 1 if found else 0


def get_json(url: str, headers: dict | None = None, body: dict | None = None) -> dict | list:
    data = json.dumps(body).encode() if body is not None else None
    # the gateway's URL, which its operator gives: http or https
    request = urllib.request.Request(url, data=data,  # noqa: S310
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:  # noqa: S310
            return json.load(reply)
    except urllib.error.HTTPError as exc:
        raise Unreachable(f"{url} answered {exc.code}: {exc.read()[:300].decode(errors='replace')}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise Unreachable(f"{url}: {exc}") from None


def dev_token(gateway: str, username: str) -> str:
    return get_json(f"{gateway}/auth/dev-token", body={"username": username})["access_token"]


def gateway_fetch(gateway: str, token: str | None) -> Fetch:
    """Reads through the gateway, with `token` or a development token of each province's officer."""
    tokens: dict[str, str] = {}

    def fetch(tenant: str, path: str, query: dict) -> dict:
        if tenant not in tokens:
            tokens[tenant] = token or dev_token(gateway, f"{tenant}.officer")
        url = f"{gateway}{path}?{urllib.parse.urlencode(query)}"
        return get_json(url, {"Authorization": f"Bearer {tokens[tenant]}"})

    return fetch


def provinces(gateway: str) -> list[str]:
    """The provinces the registry lists, read as the development login's Ministry viewer."""
    headers = {"Authorization": f"Bearer {dev_token(gateway, 'national')}"}
    return sorted(t["id"] for t in get_json(f"{gateway}/api/v1/registry/tenants", headers))


def parser() -> argparse.ArgumentParser:
    found = argparse.ArgumentParser(prog="reporting verify", description=__doc__.split("\n\n")[0])
    found.add_argument("--as-of", action="append", type=date.fromisoformat, default=[],
                       help="a date (YYYY-MM-DD), as many times as wanted; today when none")
    found.add_argument("--tenant", action="append", default=[], help="a province; every one the registry lists "
                                                                     "when none")
    found.add_argument("--gateway", default=os.environ.get("GATEWAY_URL", DEFAULT_GATEWAY))
    found.add_argument("--token", default=os.environ.get("ISO_HCC_TOKEN"),
                       help="a province staff token (needs --tenant); else the development login")
    return found


def main(argv: list[str], out: TextIO = sys.stdout) -> int:
    args = parser().parse_args(argv)
    if args.token and not args.tenant:
        print("verify: error: a --token belongs to one province: name it with --tenant", file=out)
        return 2
    gateway, today = args.gateway.rstrip("/"), calendar.today()
    try:
        tenants = args.tenant or provinces(gateway)
    except Unreachable as exc:
        print(f"verify: error: {exc}", file=out)
        return 2
    return verify(gateway_fetch(gateway, args.token), tenants, args.as_of or [today], today, out)


# `python -m reporting check-figures [--as-of D ...]`: the ledger's verification mode (ADR 24), on the database.


def figures_arguments(found: argparse.ArgumentParser) -> None:
    found.add_argument("--as-of", action="append", type=date.fromisoformat, default=[],
                       help="check-figures: a date (YYYY-MM-DD), as many times as wanted; today when none")


def check_figures(service, settings, args, out: TextIO = sys.stdout) -> None:
    """Every province's figures from the ledger against the reference computation; exit status 1 on any
    difference."""
    runtime = kit_cli.runtime(service, settings)
    tenants = national.provinces_with_data(runtime.across_tenants())  # which provinces, not their rows
    dates = args.as_of or [calendar.today()]
    found = verification.check(lambda tenant: runtime.uow(tenancy.tenant_id(tenant), read_only=True), tenants,
                               dates)
    for line in found:
        print(line, file=out)
    print(f"check-figures: {len(found)} differences in {len(tenants)} provinces on {len(dates)} dates", file=out)
    if found:
        raise SystemExit(1)
