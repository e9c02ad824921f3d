"""One owner per rule (issue 18): the registry derives an agency's obligation and carries it in its agency events;
no other service keeps the rules, a table of them, or its own idea of which obligations count as obliged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contracts.registry import OBLIGED, Obligation
from kit.service import load, service_names

ROOT = Path(__file__).resolve().parents[2]
OWNER = "registry"
# The rules themselves, a table of them, or a set of obligation values read as "obliged".
COPIES = re.compile(r"obligation_rules|ObligationRule|Obligation\.BAT_BUOC|[\"']BAT_BUOC(_THEO_KH_TINH)?[\"']")
OTHERS = [name for name in service_names() if name != OWNER]


def sources(service: str) -> list[Path]:
    """The service's code as it runs today: its migrations' history may name what an upgrade dropped."""
    package = ROOT / "services" / service / "src" / service
    return [p for p in package.rglob("*.py") if "migrations" not in p.relative_to(package).parts]


@pytest.mark.parametrize("service", OTHERS)
def test_no_other_service_has_the_obligation_rules(service):
    tables = set(load(service).metadata.tables)
    copies = {str(p.relative_to(ROOT)): COPIES.findall(p.read_text()) for p in sources(service)}

    assert "obligation_rules" not in tables
    assert {path: found for path, found in copies.items() if found} == {}


def test_the_owner_keeps_the_rules_and_everyone_reads_obliged_from_contracts():
    assert "obligation_rules" in load(OWNER).metadata.tables
    assert {Obligation.BAT_BUOC, Obligation.BAT_BUOC_THEO_KH_TINH} == OBLIGED


def test_the_check_finds_a_copy():
    planted = 'OBLIGED = (Obligation.BAT_BUOC, Obligation.BAT_BUOC_THEO_KH_TINH)\nrules = "obligation_rules"'

    assert len(COPIES.findall(planted)) == 3
